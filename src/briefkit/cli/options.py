"""Options that several commands share, each written once (as sqlite-utils and llm do)."""

from __future__ import annotations

import click

LENGTH_HELP = "N sentences (3), a share of the document (20%) or a word budget (120w)"


class InputFormatChoice(click.Choice):
    """The names of ``briefkit.ingest.formats.INPUT_FORMATS``, read when first needed: importing the
    readers costs 70 ms, which ``briefkit --help`` and ``briefkit init`` should not pay."""

    def __init__(self) -> None:
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:
        from ..ingest.formats import INPUT_FORMATS

        return INPUT_FORMATS


config_option = click.option(
    "--config", type=click.Path(dir_okay=False),
    help="Configuration file [default: briefkit.toml, or [tool.briefkit] in pyproject.toml, found upward].")
max_bytes_option = click.option("--max-bytes", type=int, help="Largest document to read, in bytes [default: 20 MB].")
input_format_option = click.option(
    "--format", "input_format", type=InputFormatChoice(),
    help="Read every input as this format [default: auto, by content and extension].")
fetch_timeout_option = click.option("--fetch-timeout", type=int,
                                    help="Seconds to wait for a URL before giving up [default: 20].")
algorithm_option = click.option("--algorithm", "-a", help="Summariser (see 'briefkit algorithms').")
keep_reading_level_option = click.option(
    "--keep-reading-level", is_flag=True, default=None,
    help="Choose summary sentences that read at the document's grade (costs some ROUGE on news).")


def quiet_option(help: str = "No progress bar, no summary line."):
    return click.option("-q", "--quiet", is_flag=True, default=None, help=help)


def json_option(help: str = "Print JSON instead of text."):
    return click.option("--json", "as_json", is_flag=True, default=None, help=help)


def overrides(**flags):
    """The flags that were given: None (not given), False (a flag left off) and () (no values) are dropped."""
    return {k: v for k, v in flags.items() if v is not None and v is not False and v != ()}

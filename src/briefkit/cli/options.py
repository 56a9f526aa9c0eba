"""Options that several commands share, each written once (as sqlite-utils and llm do)."""

from __future__ import annotations

import functools

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
INPUT_FORMAT_HELP = "Read every input as this format [default: auto, by content and extension]."


def _warn_deprecated_format(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        click.echo(f"briefkit: warning: {ctx.info_name} --format is deprecated; use --input-format {value}",
                   err=True)
    return value


def input_format_option(deprecated_format: bool = False):
    """``--input-format``; with ``deprecated_format``, also the old ``--format`` (hidden, warns once),
    for the commands (build, extract) where it used to name the input format."""
    def decorate(command):
        if deprecated_format:
            original = command

            @functools.wraps(original)
            def command_with_alias(*args, deprecated_format=None, **kwargs):
                if kwargs.get("input_format") is None:
                    kwargs["input_format"] = deprecated_format
                return original(*args, **kwargs)

            command = click.option("--format", "deprecated_format", type=InputFormatChoice(),
                                   hidden=True, callback=_warn_deprecated_format)(command_with_alias)
        return click.option("--input-format", "input_format", type=InputFormatChoice(),
                            help=INPUT_FORMAT_HELP)(command)
    return decorate


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


def jsonl_option(help: str = "Print JSON Lines: one compact object per input, whatever their number."):
    return click.option("--jsonl", "as_jsonl", is_flag=True, default=None, help=help)


def overrides(**flags):
    """The flags that were given: None (not given), False (a flag left off) and () (no values) are dropped."""
    return {k: v for k, v in flags.items() if v is not None and v is not False and v != ()}

"""The ``briefkit`` command: a thin layer over :mod:`briefkit.pipeline`.

Exit codes: 0 all good; 1 some documents failed (the rest were built);
2 usage or input error. Errors are one line on stderr; ``--debug`` shows the
traceback.
"""

from __future__ import annotations

import json as _json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import BriefkitError

LENGTH_HELP = "N sentences (3), a share of the document (20%) or a word budget (120w)"


class BriefkitGroup(click.Group):
    """Turns every briefkit error into one line and an exit code."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BriefkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"briefkit: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("briefkit: interrupted", err=True)
            ctx.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the user gets one line, --debug gets the rest
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"briefkit: internal error: {type(exc).__name__}: {exc} (run with --debug for details)",
                       err=True)
            ctx.exit(2)


@click.group(cls=BriefkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefkit")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx, debug):
    """Turn a pile of documents into a PDF briefing.

    \b
    Examples:
      briefkit build seeds/ -o reports/briefing.pdf
      briefkit summarise article.txt --length 3
      briefkit readability report.md --json
    """
    ctx.ensure_object(dict)["debug"] = debug


def _overrides(**flags):
    return {k: v for k, v in flags.items() if v is not None and v is not False and v != ()}


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="The PDF to write [default: reports/briefing.pdf].")
@click.option("--title", help="Title of the briefing.")
@click.option("--author", help="Author written into the PDF metadata.")
@click.option("--algorithm", "-a", help="Summariser (see 'briefkit algorithms').")
@click.option("--short", help=f"Length of the short summary: {LENGTH_HELP} [default: 3].")
@click.option("--medium", help=f"Length of the medium summary: {LENGTH_HELP} [default: 7].")
@click.option("--template", type=click.Path(file_okay=False), help="A template folder of your own (trusted code).")
@click.option("--page-size", type=click.Choice(["A4", "letter"], case_sensitive=False), help="Paper size.")
@click.option("--html", is_flag=True, default=None, help="Also write the briefing as HTML beside the PDF.")
@click.option("--json", "json_", is_flag=True, default=None, help="Also write the briefing as JSON beside the PDF.")
@click.option("--max-bytes", type=int, help="Largest document to read, in bytes [default: 20 MB].")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file [default: briefkit.toml found upward].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, no summary line.")
@click.option("-j", "--jobs", type=click.IntRange(min=0),
              help="Processes that load, summarise and measure [default: one per core; 0 = one per core].")
def build(inputs, output, title, author, algorithm, short, medium, template, page_size, html, json_, max_bytes,
          config, quiet, jobs):
    """Build a PDF briefing from files, folders or - (standard input).

    \b
    Examples:
      briefkit build seeds/
      briefkit build notes/ -o reports/monday.pdf --title "Monday briefing" --json
      briefkit build a.txt b.md --algorithm textrank --short 20% --medium 150w
    """
    from .config import load_settings
    from .pipeline import build as run_build
    from .progress import Progress

    settings, config_path = load_settings(config, _overrides(
        output=output, title=title, author=author, algorithm=algorithm, short=short, medium=medium,
        template=template, page_size=page_size, html=html, json=json_, max_bytes=max_bytes, jobs=jobs))
    default_output = output is None and (config_path is None or settings.output == "reports/briefing.pdf")
    if default_output:
        Path(settings.output).parent.mkdir(parents=True, exist_ok=True)
    with Progress(enabled=not quiet) as progress:
        result = run_build(inputs, settings, progress=progress)
    for problem in result.problems:
        click.echo(f"briefkit: {problem}", err=True)
    if not quiet:
        briefing = result.briefing
        click.echo(
            f"Wrote {', '.join(str(p) for p in result.outputs.values())}: {len(briefing.documents)} "
            f"document{'s' if len(briefing.documents) != 1 else ''}, {briefing.total_words:,} words"
            + (f", {len(result.problems)} problem{'s' if len(result.problems) != 1 else ''}" if result.problems else ""),
            err=True,
        )
    sys.exit(result.exit_code)


def _load_one(file: str, settings):
    from .errors import UsageError
    from .ingest import discover, load, DocumentError

    files, problems = discover([file])
    if problems:
        raise UsageError(str(problems[0]))
    if len(files) != 1:
        raise UsageError(f"{file}: give one document, not a folder")
    try:
        return load(files[0], settings.max_bytes)
    except DocumentError as exc:
        raise UsageError(f"{file}: {exc}") from None


@cli.command()
@click.argument("file")
@click.option("--algorithm", "-a", help="Summariser (see 'briefkit algorithms').")
@click.option("--length", "-l", default="3", show_default=True, help=LENGTH_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file.")
def summarise(file, algorithm, length, as_json, config):
    """Print an extractive summary of FILE (or - for standard input), offline.

    \b
    Examples:
      briefkit summarise article.txt
      briefkit summarise report.md --algorithm lexrank --length 20%
      cat notes.txt | briefkit summarise - --length 100w
    """
    from .config import load_settings
    from .summarise import ParsedDocument, summarise as run

    settings, _ = load_settings(config, _overrides(algorithm=algorithm, short=length))
    document = _load_one(file, settings)
    parsed = ParsedDocument(document.paragraphs, document.title, settings.language)
    (summary,) = run(parsed, [settings.short], settings.algorithm)
    if as_json:
        click.echo(_json.dumps({"source": document.source, "title": document.title, "algorithm": summary.algorithm,
                                "length": summary.length, "sentences": summary.sentences,
                                "complete": summary.complete}, ensure_ascii=False, indent=2))
        return
    for sentence in summary.sentences:
        click.echo(sentence)
    if summary.fallback_from:
        click.echo(f"briefkit: {summary.fallback_from} could not rate this text; used lead instead", err=True)


@cli.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--config", type=click.Path(dir_okay=False), help="Configuration file.")
def readability(file, as_json, config):
    """Print the readability metrics of FILE (or - for standard input).

    \b
    Examples:
      briefkit readability article.txt
      briefkit readability README.md --json
    """
    from .config import load_settings
    from .measure import hardest_sentences, measure
    from .summarise import ParsedDocument

    settings, _ = load_settings(config)
    document = _load_one(file, settings)
    parsed = ParsedDocument(document.paragraphs, document.title, settings.language)
    metrics = measure(document.text, sentence_count=len(parsed))
    hardest = hardest_sentences(parsed.sentences, settings.hardest_sentences)
    if as_json:
        click.echo(_json.dumps({"source": document.source, "title": document.title, **metrics.to_dict(),
                                "hardest_sentences": [h.__dict__ for h in hardest]}, ensure_ascii=False, indent=2))
        return
    rows = [
        ("Grade (consensus)", metrics.grade, metrics.band),
        ("Flesch reading ease", metrics.flesch_reading_ease, metrics.ease_band),
        ("Flesch-Kincaid grade", metrics.flesch_kincaid_grade, ""),
        ("Gunning fog", metrics.gunning_fog, ""),
        ("SMOG", metrics.smog_index, ""),
        ("Coleman-Liau", metrics.coleman_liau_index, ""),
        ("ARI", metrics.automated_readability_index, ""),
        ("Dale-Chall", metrics.dale_chall_score, ""),
        ("Linsear Write", metrics.linsear_write, ""),
    ]
    click.echo(f"{document.title} ({document.source})")
    for name, value, note in rows:
        shown = "–" if value is None else f"{value:.1f}"
        click.echo(f"  {name:<22}{shown:>7}  {note}".rstrip())
    share = f"{metrics.difficult_word_share:.0%}" if metrics.difficult_word_share is not None else "–"
    click.echo(f"  {metrics.words:,} words, {metrics.sentences:,} sentences, {metrics.syllables:,} syllables, "
               f"{share} difficult words, {max(1, round(metrics.reading_time_seconds / 60))} min to read")
    if hardest:
        click.echo("Hardest sentences:")
        for h in hardest:
            click.echo(f"  [grade {h.grade:.1f}] {h.text}")


@cli.command()
def algorithms():
    """List the summarisers that --algorithm accepts."""
    from .summarise import ALGORITHMS, DEFAULT_ALGORITHM

    width = max(11, max(len(name) for name in ALGORITHMS) + 2)
    for name, cls in sorted(ALGORITHMS.items()):
        marker = " (default)" if name == DEFAULT_ALGORITHM else ""
        click.echo(f"{name:<{width}}{cls.description}{marker}")


def main() -> None:
    cli(prog_name="briefkit")


if __name__ == "__main__":
    main()

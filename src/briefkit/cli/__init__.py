"""The ``briefkit`` command: a thin layer over :mod:`briefkit.pipeline`, :mod:`briefkit.run` and
:mod:`briefkit.tools`. A command reads its settings, calls the library and prints; it holds no logic.

Exit codes: 0 all good; 1 some documents failed (the rest were built), or
``check`` found a broken readability threshold; 2 usage or input error; 130 interrupted (Ctrl-C);
143 terminated (SIGTERM). Errors are one line on stderr; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import json as _json
import os
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import click

from .._version import __version__
from ..errors import BriefkitError
from .options import (LENGTH_HELP, algorithm_option, config_option, fetch_timeout_option, input_format_option,
                      json_option, jsonl_option, keep_reading_level_option, max_bytes_option, overrides, quiet_option)


def one_line(text: object) -> str:
    """``text`` with control characters escaped: a file name holding a newline or a
    terminal escape sequence must not split the message or restyle the terminal."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in str(text))


class Terminated(BaseException):
    """SIGTERM, raised in the main thread as Ctrl-C raises KeyboardInterrupt: every ``finally`` and
    ``except BaseException`` on the way out runs (the pool's workers are stopped, a temporary
    output file is removed)."""


@contextmanager
def sigterm_raises():
    """While the command runs, SIGTERM raises :class:`Terminated`; the previous handler comes back after.

    Only the command line does this: a library caller of :func:`briefkit.pipeline.build` keeps its
    own signal handlers.
    """
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return

    def handler(signum, frame):
        raise Terminated()

    previous = signal.getsignal(signal.SIGTERM)
    try:
        signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        # None: a handler set outside Python, which cannot be put back; the default is the nearest.
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def stdout_closed() -> None:
    """The reader of standard output went away (``| head -1``, a pager quit): not an error. Point
    stdout at devnull, as Python's documentation advises, so that the flush at exit is quiet too."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass


class BriefkitGroup(click.Group):
    """Turns every briefkit error into one line and an exit code, and a closed stdout into exit 0."""

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # --help and --version print while the arguments are parsed
            return super().make_context(info_name, args, parent=parent, **extra)
        except BrokenPipeError:
            stdout_closed()
            raise click.exceptions.Exit(0) from None

    def invoke(self, ctx):
        try:
            with sigterm_raises():
                return super().invoke(ctx)
        except BrokenPipeError:
            stdout_closed()
            ctx.exit(0)
        except BriefkitError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"briefkit: error: {one_line(exc)}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("briefkit: interrupted", err=True)
            ctx.exit(130)
        except Terminated:
            click.echo("briefkit: terminated", err=True)
            ctx.exit(143)
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


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", help="The PDF to write [default: reports/briefing.pdf].")
@click.option("--title", help="Title of the briefing.")
@click.option("--author", help="Author written into the PDF metadata.")
@algorithm_option
@click.option("--short", help=f"Length of the short summary: {LENGTH_HELP} [default: 3].")
@click.option("--medium", help=f"Length of the medium summary: {LENGTH_HELP} [default: 7].")
@keep_reading_level_option
@click.option("--template", type=click.Path(file_okay=False), help="A template folder of your own (trusted code).")
@click.option("--page-size", type=click.Choice(["A4", "letter"], case_sensitive=False), help="Paper size.")
@click.option("--html", is_flag=True, default=None, help="Also write the briefing as HTML beside the PDF.")
@click.option("--json", "json_", is_flag=True, default=None, help="Also write the briefing as JSON beside the PDF.")
@max_bytes_option
@config_option
@click.option("--pdf-variant", type=click.Choice(["pdf/a-3b", "pdf/ua-1"], case_sensitive=False),
              help="Archival PDF/A-3b (with the JSON briefing attached) or accessible, tagged PDF/UA-1.")
@click.option("--no-cache", "no_cache", is_flag=True, default=None,
              help="Summarise every document again instead of reusing unchanged ones from the cache.")
@input_format_option(deprecated_format=True)
@fetch_timeout_option
@click.option("--overview-sentences", type=int, help="Sentences in the overview's cross-document summary [default: 7].")
@click.option("--no-overview", is_flag=True, default=None,
              help="Leave out the overview (summary, stories, duplicates, key terms).")
@click.option("--group-by", type=click.Choice(["story", "folder", "none"], case_sensitive=False),
              help="Order of the document sections: by story, by folder, or as given [default: story].")
@click.option("--layout", type=click.Choice(["auto", "full", "compact"], case_sensitive=False),
              help="Document sections: full pages, compact (flowing, headline figures) or auto "
                   "(compact from 50 documents) [default: auto].")
@click.option("-j", "--jobs", type=click.IntRange(min=0),
              help="Processes that load, summarise and measure [default: 0 = one per core].")
@quiet_option()
def build(inputs, output, title, author, algorithm, short, medium, template, page_size, html, json_, max_bytes,
          config, quiet, pdf_variant=None, no_cache=None, input_format=None, fetch_timeout=None,
          overview_sentences=None, no_overview=None, group_by=None, jobs=None, layout=None, keep_reading_level=None):
    """Build a PDF briefing from files and folders.

    INPUTS are files, folders (read recursively), http(s) URLs, *.urls lists or - for standard input.

    \b
    Examples:
      briefkit build seeds/
      briefkit build notes/ -o reports/monday.pdf --title "Monday briefing" --json
      briefkit build a.txt b.md --algorithm textrank --short 20% --medium 150w
    """
    from ..config import load_settings
    from ..pipeline import build as run_build
    from .progress import Progress

    flags = overrides(
        output=output, title=title, author=author, algorithm=algorithm, short=short, medium=medium,
        template=template, page_size=page_size, html=html, json=json_, max_bytes=max_bytes, quiet=quiet,
        pdf_variant=pdf_variant and pdf_variant.lower(), input_format=input_format, fetch_timeout=fetch_timeout,
        overview_sentences=overview_sentences, group_by=group_by and group_by.lower(), jobs=jobs,
        layout=layout and layout.lower(), keep_reading_level=keep_reading_level)
    # overrides drops False values, and False is the point of these two flags.
    if no_cache:
        flags["cache"] = False
    if no_overview:
        flags["overview"] = False
    settings, config_path = load_settings(config, flags)
    quiet = settings.quiet
    default_output = output is None and (config_path is None or settings.output == "reports/briefing.pdf")
    if default_output:
        Path(settings.output).parent.mkdir(parents=True, exist_ok=True)
    with Progress(enabled=not quiet) as progress:
        result = run_build(inputs, settings, progress=progress)
    for problem in result.problems:
        click.echo(f"briefkit: {one_line(problem)}", err=True)
    if not quiet:
        briefing = result.briefing
        click.echo(
            f"Wrote {', '.join(str(p) for p in result.outputs.values())}: {len(briefing.documents)} "
            f"document{'s' if len(briefing.documents) != 1 else ''}, {briefing.total_words:,} words"
            + (f", {len(result.problems)} problem{'s' if len(result.problems) != 1 else ''}" if result.problems else "")
            + (f", {cached} from the cache" if (cached := sum(1 for d in briefing.documents
                                                              if d.from_cache)) else "")
            + (" (PDF unchanged)" if result.pdf_from_cache else ""),
            err=True,
        )
    sys.exit(result.exit_code)


def _documents(files: tuple[str, ...], settings):
    """``(source, document or None)`` for each FILE, read as every command reads
    (``settings.load_options()``). A name that is not there, or a folder, is a usage error before
    anything is read. A file that cannot be used is a usage error when it is the only one; among
    several it is one line on stderr and ``None``, and the rest go on."""
    from ..errors import DocumentError, UsageError
    from ..ingest import discover, load
    from ..run import one_document

    found = []
    for file in files:
        items, problems = discover([file])
        if problems:
            raise UsageError(str(problems[0]))
        if len(items) != 1:
            raise UsageError(f"{file}: give one document per FILE, not a folder (briefkit build reads folders)")
        found.append(items[0])
    if sum(1 for item in found if item.source == "-") > 1:
        raise UsageError("- (standard input) can be read only once")
    for file, item in zip(files, found):
        try:
            with one_document("read"):
                document = load(item, settings.load_options())
        except DocumentError as exc:
            if len(files) == 1:
                raise UsageError(f"{file}: {exc}") from None
            click.echo(f"briefkit: {one_line(file)}: {exc}", err=True)
            yield file, None
            continue
        yield file, document


def _analyse_one(document, options, several: bool):
    """:func:`briefkit.run.analyse` of one document of a single-document command: whatever the text
    provokes is one line, never a traceback. Among several inputs it is a line on stderr and None."""
    from ..errors import DocumentError
    from ..run import analyse, one_document

    try:
        with one_document("analyse"):
            return analyse(document, options)
    except DocumentError as exc:
        if not several:
            raise DocumentError(f"{document.source}: {exc}") from None
        click.echo(f"briefkit: {one_line(document.source)}: {exc}", err=True)
        return None


def _reports(files: tuple[str, ...], settings, options, results: "_Results"):
    """``(file, report)`` for each FILE that could be read and analysed (:func:`_documents`,
    :func:`_analyse_one`); each one that could not is counted in ``results.failed``."""
    for file, document in _documents(files, settings):
        report = _analyse_one(document, options, len(files) > 1) if document is not None else None
        if report is None:
            results.failed += 1
            continue
        yield file, report


class _Results:
    """Prints one result per input: text (a ``==> source <==`` heading before each when there are
    several), ``--json`` (the object for one input, a list of them for several) or ``--jsonl`` (one
    compact object per line, for any number)."""

    def __init__(self, count: int, as_json: bool, as_jsonl: bool):
        self.count, self.as_json, self.as_jsonl = count, as_json, as_jsonl
        self.printed, self.records, self.failed = 0, [], 0

    def heading(self, source: str) -> None:
        if self.count > 1 and not (self.as_json or self.as_jsonl):
            click.echo(("\n" if self.printed else "") + f"==> {one_line(source)} <==")
        self.printed += 1

    def record(self, data: dict) -> None:
        if self.as_jsonl:
            click.echo(_json.dumps(data, ensure_ascii=False))
        elif self.count == 1:
            click.echo(_json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.records.append(data)

    def close(self) -> int:
        if self.as_json and not self.as_jsonl and self.count > 1:
            click.echo(_json.dumps(self.records, ensure_ascii=False, indent=2))
        return 1 if self.failed else 0


@cli.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@algorithm_option
@click.option("--length", "-l", help=f"{LENGTH_HELP} [default: 3].")
@keep_reading_level_option
@json_option("Print JSON: an object for one FILE, a list of objects for several.")
@jsonl_option()
@input_format_option()
@max_bytes_option
@config_option
def summarise(files, algorithm, length, keep_reading_level, as_json, as_jsonl, input_format, max_bytes, config):
    """Print an extractive summary of each document.

    FILE is a path or - for standard input; with several, each summary follows a
    "==> FILE <==" line. Runs offline, like sumy's CLI.

    \b
    Examples:
      briefkit summarise article.txt
      briefkit summarise report.md --algorithm lexrank --length 20%
      cat notes.txt | briefkit summarise - --length 100w
      briefkit summarise a.txt b.md --jsonl | jq -r .title
    """
    from dataclasses import replace

    from ..config import load_settings

    settings, _ = load_settings(config, overrides(algorithm=algorithm, max_bytes=max_bytes, input_format=input_format,
                                                  keep_reading_level=keep_reading_level,
                                                  summarise=overrides(length=length, json=as_json,
                                                                      jsonl=as_jsonl) or None))
    options = replace(settings.analysis_options(), short=settings.summarise.length, medium=None, measure=False,
                      hardest_sentences=0)
    results = _Results(len(files), settings.summarise.json, settings.summarise.jsonl)
    for file, report in _reports(files, settings, options, results):
        document = report.document
        summary = report.short.summary
        results.heading(document.source)
        if results.as_json or results.as_jsonl:
            results.record({"source": document.source, "title": document.title, "algorithm": summary.algorithm,
                            "length": summary.length, "sentences": summary.sentences, "complete": summary.complete})
        else:
            for sentence in summary.sentences:
                click.echo(sentence)
        if summary.fallback_from:
            click.echo(f"briefkit: {one_line(file)}: {summary.fallback_from} could not rate this text; "
                       "used lead instead", err=True)
    sys.exit(results.close())


@cli.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@json_option("Print JSON: an object for one FILE, a list of objects for several.")
@jsonl_option()
@input_format_option()
@max_bytes_option
@config_option
def readability(files, as_json, as_jsonl, input_format, max_bytes, config):
    """Print the readability metrics of each document.

    FILE is a path or - for standard input; with several, each table follows a
    "==> FILE <==" line.

    \b
    Examples:
      briefkit readability article.txt
      briefkit readability README.md --json
      briefkit readability docs/*.md --jsonl | jq .grade
    """
    from dataclasses import replace

    from ..config import load_settings
    from ..measure import formulas

    settings, _ = load_settings(config, overrides(max_bytes=max_bytes, input_format=input_format,
                                                  readability=overrides(json=as_json, jsonl=as_jsonl) or None))
    options = replace(settings.analysis_options(), short=None, medium=None)
    results = _Results(len(files), settings.readability.json, settings.readability.jsonl)
    for _file, report in _reports(files, settings, options, results):
        document = report.document
        metrics, hardest = report.readability, report.hardest
        results.heading(document.source)
        if results.as_json or results.as_jsonl:
            results.record({"source": document.source, "title": document.title, **metrics.to_dict(),
                            "hardest_sentences": [h.__dict__ for h in hardest]})
            continue
        rows = [("Grade (median)", metrics.grade, metrics.band)] + [
            (f.name, metrics.scores[f.key], getattr(metrics, f.band) if f.band else "") for f in formulas.FORMULAS]
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
    sys.exit(results.close())


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@jsonl_option("Print JSON Lines: one object per document.")
@click.option("--json", "as_json", is_flag=True, default=None, help="The same as --jsonl.")
@input_format_option(deprecated_format=True)
@max_bytes_option
@fetch_timeout_option
@config_option
def extract(inputs, as_jsonl, as_json, input_format, max_bytes, fetch_timeout, config):
    """Show each document as briefkit reads it: title, metadata and the text that is summarised.

    Files, folders, URLs, .urls lists or - (standard input). A feed gives one
    document per entry. Problems go to standard error (exit code 1).

    \b
    Examples:
      briefkit extract saved-page.html
      briefkit extract news.rss --jsonl | jq .title
      briefkit extract report.pdf --input-format pdf
    """
    from ..config import load_settings
    from ..run import read_all

    settings, _ = load_settings(config, overrides(input_format=input_format, max_bytes=max_bytes,
                                                  fetch_timeout=fetch_timeout,
                                                  extract=overrides(json=as_json or as_jsonl) or None))
    problems = _print_documents(read_all(inputs, settings.load_options()), settings.extract.json)
    sys.exit(1 if problems else 0)


def _print_documents(items, as_json: bool) -> int:
    from ..model import Problem

    problems = 0
    first = True
    for item in items:
        if isinstance(item, Problem):
            problems += 1
            click.echo(f"briefkit: {item}", err=True)
            continue
        if as_json:
            record = {"source": item.source, "title": item.title, "text": item.text, "metadata": dict(item.metadata)}
            if item.group:
                record["group"] = item.group
            if item.pages:
                record["pages"] = item.pages
            record["format"] = item.format
            click.echo(_json.dumps(record, ensure_ascii=False))
            continue
        if not first:
            click.echo("")
        first = False
        click.echo(f"# {item.title}")
        click.echo(f"source: {item.source}")
        click.echo(f"format: {item.format}")
        if item.group:
            click.echo(f"group: {item.group}")
        for key, value in item.metadata.items():
            click.echo(f"{key}: {value}")
        click.echo("")
        for index, paragraph in enumerate(item.paragraphs):
            page = f"[p. {item.pages[index]}] " if item.pages else ""
            click.echo(f"{page}{paragraph}")
            click.echo("")
    return problems


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--max-grade", type=float, help="Highest grade level a document may have [default: 12; inf: off].")
@click.option("--min-ease", type=float, help="Lowest Flesch reading ease a document may have [default: 50; -inf: off].")
@click.option("--max-sentence-words", type=click.IntRange(min=0),
              help="Longest sentence, in words [default: 35; 0: off].")
@click.option("--format", "format_", type=click.Choice(["text", "json", "github"]),
              help="text (path:line: message), json, or github (workflow annotations) [default: text].")
@input_format_option()
@max_bytes_option
@config_option
@quiet_option("No summary line on standard error.")
def check(inputs, max_grade, min_ease, max_sentence_words, format_, input_format, max_bytes, config, quiet):
    """Check that documents stay readable: exit 1 when one breaks a threshold.

    \b
    Examples:
      briefkit check docs/
      briefkit check docs/ --max-grade 10 --max-sentence-words 30
      briefkit check docs/ --format github     # annotations in a GitHub workflow
    """
    from ..config import load_settings
    from ..tools.check import FORMATTERS, run, summary_line

    forced = overrides(max_grade=max_grade, min_ease=min_ease, max_sentence_words=max_sentence_words)
    settings, config_path = load_settings(config, overrides(
        max_bytes=max_bytes, input_format=input_format, quiet=quiet,
        check=overrides(format=format_, **forced) or None))
    result = run(inputs, settings, config_path.parent if config_path else None, forced)
    for line in FORMATTERS[settings.check.format](result):
        click.echo(line)
    if not settings.quiet:
        click.echo(summary_line(result), err=True)
    sys.exit(result.exit_code)


@cli.command()
@click.option("--inputs", default="docs/", show_default=True, help="The folder of documents the workflow reads.")
@click.option("--directory", "-C", default=".", type=click.Path(file_okay=False),
              help="Where to write the files [default: the working folder].")
@click.option("--force", is_flag=True, help="Overwrite files that are already there.")
def init(inputs, directory, force):
    """Write a starter briefkit.toml and .github/workflows/briefing.yml.

    \b
    Examples:
      briefkit init
      briefkit init --inputs notes/
    """
    from ..tools.scaffold import init as run_init

    for path in run_init(Path(directory), inputs, force):
        click.echo(f"Wrote {path}")


@cli.command()
@click.argument("dataset")
@click.option("--algorithms", "algorithm_list", help="Names separated by commas, or 'all' [default: the default "
              "algorithm]. lead and oracle are always added.")
@click.option("--length", "-l", type=int, help="Sentences per summary [default: 3].")
@click.option("--keep-reading-level", is_flag=True, default=None,
              help="Summarisers keep the article's reading level (lead and oracle do not).")
@json_option("Print the table as JSON on stdout.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@config_option
@quiet_option("No progress bar.")
def evaluate(dataset, algorithm_list, length, keep_reading_level, as_json, limit, config, quiet):
    """ROUGE of the summarisers on DATASET, JSON Lines of {"id", "article", "references"}.

    \b
    Examples:
      briefkit evaluate news.jsonl
      briefkit evaluate news.jsonl --algorithms all --limit 50
      briefkit evaluate news.jsonl --algorithms lexrank,textrank --json > scores.json
    """
    from ..config import load_settings
    from ..tools.evaluate import dataset_name, evaluate as run, format_table, load_dataset, resolve_algorithms, to_json

    settings, _ = load_settings(config, overrides(quiet=quiet, keep_reading_level=keep_reading_level, evaluate=overrides(
        algorithms=algorithm_list, length=length, json=as_json, limit=limit) or None))
    options = settings.evaluate
    algorithm_list, length, as_json, limit, quiet = (options.algorithms or None, options.length, options.json,
                                                     options.limit, settings.quiet)
    names = resolve_algorithms(algorithm_list)
    if length < 1:
        from ..errors import UsageError

        raise UsageError("--length must be at least 1 sentence")
    records = load_dataset(dataset, limit)
    from .progress import Progress

    with Progress(enabled=not quiet) as progress:
        progress.set_total("evaluate", len(records) * len(names))
        result = run(records, names, length, dataset_name(dataset), language=settings.language,
                     progress=lambda name: progress("evaluate", name),
                     keep_reading_level=settings.keep_reading_level)
    click.echo(to_json(result) if as_json else format_table(result))


@cli.command()
def algorithms():
    """List the summarisers that --algorithm accepts."""
    from ..summarisers import ALGORITHMS, DEFAULT_ALGORITHM

    width = max(11, max(len(name) for name in ALGORITHMS) + 2)
    for name, cls in sorted(ALGORITHMS.items()):
        marker = " (default)" if name == DEFAULT_ALGORITHM else ""
        click.echo(f"{name:<{width}}{cls.description}{marker}")


@cli.command()
@click.argument("name", default="briefing", type=click.Choice(["briefing", "check", "readability", "summarise"]))
def schema(name):
    """Print the JSON Schema of an output: the briefing (build --json), check --format json,
    readability --json or summarise --json.

    \b
    Examples:
      briefkit schema > briefing.schema.json
      briefkit schema check
    """
    from ..schemas import text

    click.echo(text(name), nl=False)


def quiet_libraries() -> None:
    """Only briefkit's own lines reach stderr: a library's log records and Python warnings (pypdf
    logs one line per damaged object, thousands for a bad PDF) go nowhere; what they meant for a
    document is its one problem line."""
    import logging

    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())  # no handler anywhere would mean logging's last resort: stderr
    logging.captureWarnings(True)


def main() -> None:
    quiet_libraries()
    cli(prog_name="briefkit")


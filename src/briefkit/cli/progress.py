"""A progress display on stderr that says which stage is running."""

from __future__ import annotations

import sys

# What each stage does, in the user's words.
STAGE_LABELS = {
    "load": "load",
    "summarise": "summarise",
    "analyse": "load, summarise, measure",
    "render": "render PDF",
    "evaluate": "evaluate",
}


def _plain(name: str) -> str:
    """A file name shown as itself: no rich markup (``[bold]``), no terminal escape sequences."""
    from rich.markup import escape

    return escape("".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name))


class Progress:
    """A bar (when the number of documents is known) or a spinner, with the stage and the latest source.

    Callable as ``progress(stage, source)``; ``set_total(stage, total)`` turns the
    spinner into a bar. Silent when disabled or when stderr is not a terminal.
    """

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._count = 0

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress as RichProgress, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn)

            self._progress = RichProgress(
                SpinnerColumn(), TextColumn("[bold]{task.fields[stage]:<24}"), BarColumn(bar_width=24),
                MofNCompleteColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=None, stage=STAGE_LABELS["load"])
        return self

    def __call__(self, stage: str, source: str) -> None:
        self.update(stage, source)

    def set_total(self, stage: str, total: int) -> None:
        if self._progress is None:
            return
        self._count = 0
        self._progress.update(self._task, total=total, completed=0, stage=STAGE_LABELS.get(stage, stage))

    def update(self, stage: str, source: str) -> None:
        if self._progress is None:
            return
        if stage in ("summarise", "analyse", "evaluate"):  # one more document (or summary) done
            self._count += 1
        # "render" is one pass over the whole briefing: the bar stays full, the stage name changes.
        self._progress.update(self._task, description=_plain(source[-50:]), stage=STAGE_LABELS.get(stage, stage),
                              completed=self._count)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

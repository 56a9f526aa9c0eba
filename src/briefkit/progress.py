"""A progress display on stderr that says which stage is running."""

from __future__ import annotations

import sys


def _plain(name: str) -> str:
    """A file name shown as itself: no rich markup (``[bold]``), no terminal escape sequences."""
    from rich.markup import escape

    return escape("".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in name))


class Progress:
    """Shows ``stage: source`` with a spinner on a terminal; silent otherwise or when disabled."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled and sys.stderr.isatty()
        self._progress = None
        self._task = None
        self._count = 0

    def __enter__(self) -> "Progress":
        if self.enabled:
            from rich.console import Console
            from rich.progress import Progress as RichProgress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = RichProgress(
                SpinnerColumn(), TextColumn("[bold]{task.fields[stage]:<10}"), TextColumn("{task.completed} done"),
                TextColumn("{task.description}"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("", total=None, stage="load")
        return self

    def update(self, stage: str, source: str) -> None:
        if self._progress is None:
            return
        if stage == "summarise":
            self._count += 1
        self._progress.update(self._task, description=_plain(source[-60:]), stage=stage, completed=self._count)

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

"""Progress for long scans on a terminal: a rich bar on stderr that appears only once a scan has
run for ``DELAY`` seconds (short scans and pre-commit stay silent), never when stderr is piped."""
from __future__ import annotations

import time

DELAY = 2.0


class ScanProgress:
    """Called once per scanned file; draws nothing until ``delay`` seconds have passed."""

    def __init__(self, total: int, console=None, delay: float = DELAY):
        self.total, self.done, self.delay = total, 0, delay
        self.started = time.monotonic()
        self._console = console
        self._bar = None
        self._task = None

    def __call__(self, count: int = 1) -> None:
        self.done += count
        if self._bar is None and time.monotonic() - self.started >= self.delay and self.done < self.total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            console = self._console or Console(stderr=True)
            self._bar = Progress(TextColumn("readiness: scanning"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("files"), TimeElapsedColumn(), console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task("scan", total=self.total, completed=self.done)
        elif self._bar is not None:
            self._bar.update(self._task, completed=self.done)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

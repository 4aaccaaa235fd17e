"""Progress display for long work (rich lives here and only here).

On a terminal: a live progress bar on stderr. Elsewhere (CI logs): one line per
finished item, so logs stay readable and grep-able.
"""

from __future__ import annotations

import threading
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from campaignctl.apply.operations import Operation
from campaignctl.apply.result import OperationResult
from campaignctl.output import Output, color_enabled


class CountProgress:
    """A bar counting items of long work (imports, syncs): a live bar on a
    terminal, else one line per item as ``advance`` is called. Thread-safe; use
    as a context manager."""

    def __init__(self, out: Output, *, total: int, title: str) -> None:
        self.out = out
        self.total = total
        self.title = title
        self._lock = threading.Lock()
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> CountProgress:
        if _is_tty(self.out) and self.total:
            console = Console(
                file=self.out.stderr, no_color=not color_enabled(self.out.stderr)
            )
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.title, total=self.total)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    @property
    def streamed(self) -> bool:
        """Whether each item was printed as a line (no live bar)."""
        return self._progress is None

    def advance(self, line: str, *, count: int = 1) -> None:
        """``count`` more items done; ``line`` says which (printed off a TTY)."""
        with self._lock:
            if self._progress is not None and self._task is not None:
                self._progress.advance(self._task, count)
            else:
                self.out.info(f"  {line}")


class ApplyProgress(CountProgress):
    """``ApplyEvents`` for the terminal: one item per finished operation."""

    def __init__(self, out: Output, *, total: int, title: str = "Applying") -> None:
        super().__init__(out, total=total, title=title)

    def __enter__(self) -> ApplyProgress:
        super().__enter__()
        return self

    def started(self, operation: Operation) -> None:
        self.out.debug(f"  … {operation.label}")

    def finished(self, result: OperationResult) -> None:
        self.advance(f"{result.outcome.value:<8} {result.operation.label}")


def _is_tty(out: Output) -> bool:
    isatty = getattr(out.stderr, "isatty", None)
    return bool(isatty and isatty())

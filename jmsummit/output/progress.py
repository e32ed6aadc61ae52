"""The progress bar of a first index build (rich, loaded only when it draws)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

BUILD_BAR_AFTER = 1.0  # seconds: shorter builds draw no bar


class BuildBar:
    """Index-build progress on stderr, drawn once a build has run for BUILD_BAR_AFTER.

    A context manager: leaving it (build done, failed or interrupted) always takes the
    bar down and gives the cursor back. rich loads only when the bar is first drawn, so a
    fresh cache costs nothing.
    """

    def __init__(
        self,
        console: Callable[[], Console],
        enabled: bool = True,
        after: float = BUILD_BAR_AFTER,
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self._console = console
        self._enabled = enabled
        self._clock = clock or time.monotonic
        self._show_at = self._clock() + after  # counted from before the facts are read
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> BuildBar:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __call__(self, done: int, total: int) -> None:
        """Report `done` of `total` facts indexed; the bar goes away when all are."""
        if not self._enabled:
            return
        if self._bar is None and done < total and self._clock() >= self._show_at:
            from rich.progress import Progress

            self._bar = Progress(console=self._console(), transient=True)
            self._task = self._bar.add_task("jmsummit: indexing facts (once)", total=total)
            self._bar.start()
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, completed=done)
            if done >= total:
                self.close()

    @property
    def enabled(self) -> bool:
        """Whether this bar may draw at all (stderr is a terminal)."""
        return self._enabled

    @property
    def drawing(self) -> bool:
        """Whether the bar is on screen now."""
        return self._bar is not None

    def close(self) -> None:
        """Take the bar down, if it is up."""
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

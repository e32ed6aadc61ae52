"""The process environment, decided once and injected (tests build their own)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Environment:
    """What the output layer needs to know about terminals and settings."""

    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    environ: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_system(cls) -> Environment:
        """Read the real process's terminals and environment variables."""
        return cls(
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            environ=dict(os.environ),
        )

    @property
    def color(self) -> bool | None:
        """True/False when colour is forced on/off by the environment; None = decide by TTY."""
        if self.environ.get("NO_COLOR"):
            return False
        if self.environ.get("FORCE_COLOR"):
            return True
        if self.environ.get("TERM") == "dumb":
            return False
        return None

    @property
    def width(self) -> int | None:
        """The terminal width COLUMNS asks for, if it is a sane number."""
        try:
            columns = int(self.environ.get("COLUMNS", ""))
        except ValueError:
            return None
        return columns if 20 <= columns <= 1000 else None

    @property
    def debug(self) -> bool:
        """Whether JMSUMMIT_DEBUG asks for tracebacks on internal errors."""
        return self.environ.get("JMSUMMIT_DEBUG", "") not in ("", "0")


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except ValueError:  # closed stream
        return False


def silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush at exit cannot raise again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        pass

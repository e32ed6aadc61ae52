"""The process environment, decided once and injected (tests build their own)."""

from __future__ import annotations

import codecs
import io
import os
import sys
from collections.abc import Mapping
from typing import NamedTuple, TextIO


class Environment(NamedTuple):
    """What the output layer needs to know about terminals and settings."""

    stdin_isatty: bool = False
    stdout_isatty: bool = False
    stderr_isatty: bool = False
    environ: Mapping[str, str] = {}  # one shared empty mapping: nothing writes it
    stdout_encoding: str = "utf-8"

    @classmethod
    def from_system(cls) -> Environment:
        """Read the real process's terminals and environment variables."""
        return cls(
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            environ=dict(os.environ),
            stdout_encoding=getattr(sys.stdout, "encoding", None) or "utf-8",
        )

    @property
    def utf8_stdout(self) -> bool:
        """Whether stdout takes any text; else JSON goes out ASCII-escaped."""
        try:
            return codecs.lookup(self.stdout_encoding).name == "utf-8"
        except LookupError:
            return False

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


def silence(stream: TextIO | None) -> None:
    """Point the stream's descriptor at /dev/null, so the final flush at exit cannot raise."""
    try:
        number = stream.fileno() if stream is not None else -1
    except (OSError, ValueError):  # no real file descriptor (e.g. under a test runner)
        return
    if number >= 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, number)
        os.close(devnull)


def say(stream: TextIO | None, line: str) -> None:
    """Write a line to stderr if it can be written; a closed, full or gone stderr is ignored.

    The message is lost either way, and the exit code still tells what happened.
    """
    try:
        if stream is None:
            return
        stream.write(line + "\n")
        stream.flush()
    except (OSError, ValueError):
        silence(stream)


class _QuietStderr(io.TextIOWrapper):
    """stderr that never raises: typer's own usage messages must not change the exit code."""

    def write(self, text: str) -> int:
        """Write, or drop the text when stderr is closed, full or a broken pipe."""
        try:
            return super().write(text)
        except (OSError, ValueError):
            silence(self)
            return len(text)

    def flush(self) -> None:
        """Flush, or give up on stderr (pointing it at /dev/null) when it cannot be written."""
        try:
            super().flush()
        except (OSError, ValueError):
            silence(self)


def guard_streams() -> bool:
    """Make the standard streams safe to use; False when stdout is closed.

    A closed descriptor 0, 1 or 2 is reopened on /dev/null, so no file the tool opens
    later takes its number and receives output. Text stdout cannot encode is written as
    backslash escapes, never an error; stderr never raises (see _QuietStderr).
    """
    closed = [number for number in (0, 1, 2) if _is_closed(number)]
    for _ in closed:
        os.open(os.devnull, os.O_RDWR)  # takes the lowest free number: this one
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 - lives as long as the process
    if isinstance(sys.stderr, io.TextIOWrapper) and not isinstance(sys.stderr, _QuietStderr):
        sys.stderr = _QuietStderr(
            sys.stderr.buffer,
            encoding=sys.stderr.encoding,
            errors="backslashreplace",
            line_buffering=True,
        )
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors="backslashreplace")
    return 1 not in closed and sys.stdout is not None


def _is_closed(number: int) -> bool:
    """Whether a standard descriptor is closed (the tool was started with >&- or <&-)."""
    try:
        os.fstat(number)
    except OSError:
        return True
    return False

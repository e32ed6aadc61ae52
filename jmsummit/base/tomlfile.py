"""One fact file as text and parsed TOML, and the line of each table and key in it.

rtoml parses (in Rust: 7.5 times as fast as tomllib on a file of a thousand facts,
which is what makes a first build of a million facts fit in five minutes); a text
rtoml refuses is parsed again by tomllib, whose messages name the line and column.
TOML parsers report no positions for valid documents, so lines are found in the
text: the N-th `[[fact]]` header is the N-th table of that array, and a key's line is
the first line assigning it after its table's header.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import FactBaseError, Location

MAX_FILE_BYTES = 2_000_000
TABLES = ("fact", "entity", "category")  # the arrays of tables a fact file may hold
_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_STRINGS_AND_COMMENTS = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|#.*')
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?$")


@dataclass(frozen=True)
class TomlFile:
    """A parsed fact file: its path, its text, and the parsed document."""

    path: Path
    text: str
    document: dict[str, Any]

    def tables(self, name: str) -> list[tuple[int | None, dict[str, Any]]]:
        """Each `[[name]]` table with the line of its header (None if it cannot be found)."""
        entries = self.document.get(name, [])
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise FactBaseError(
                Location(self.path, self.key_line(name, 1)),
                f"expected an array of [[{name}]] tables",
            )
        starts = self.header_lines(name)
        return [(starts[i] if i < len(starts) else None, e) for i, e in enumerate(entries)]

    def header_lines(self, name: str) -> list[int]:
        """Line numbers of each `[[name]]` header, in order."""
        return [
            number
            for number, line in enumerate(self.text.splitlines(), 1)
            if (match := _HEADER.match(line)) and match[1] == name
        ]

    def key_line(self, key: str, start: int | None) -> int | None:
        """Line assigning `key` within the table that begins at `start`; else `start`."""
        first = start or 1
        assigns = re.compile(
            rf"^\s*{re.escape(key)}\s*=|\{{\s*{re.escape(key)}\s*=|,\s*{re.escape(key)}\s*="
        )
        for number, line in enumerate(self.text.splitlines()[first - 1 :], first):
            if number > first and _HEADER.match(line):
                break
            if assigns.search(line):
                return number
        return start

    def id_line(self, table: str, record_id: str) -> int | None:
        """The line of `id = "record_id"` in a `[[table]]`, for duplicate reports."""
        for start, raw in self.tables(table):
            if raw.get("id") == record_id:
                return self.key_line("id", start)
        return None


def parse(path: Path) -> TomlFile:
    """Read and parse one fact file, or raise FactBaseError naming the spot."""
    # Imported here: a cache hit never parses TOML, and start-up time matters.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    import rtoml

    text = _read_text(path)
    try:
        try:
            document = rtoml.loads(text)
        except ValueError:  # refused (rtoml.TomlParsingError): tomllib says what and where
            document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, column = _toml_position(error)
        problem = _TOML_POSITION.sub("", str(error)).strip()
        raise FactBaseError(Location(path, line, column), f"malformed TOML: {problem}") from None
    except RecursionError:  # tomllib recurses once per level of [ or {
        raise FactBaseError(
            Location(path, _deepest_line(text)),
            "malformed TOML: arrays or tables nested too deeply",
        ) from None
    except ValueError:  # int() refuses literals over sys.get_int_max_str_digits() digits
        raise FactBaseError(
            Location(path, _long_number_line(text)), "malformed TOML: a number with too many digits"
        ) from None
    parsed = TomlFile(path, text, document)
    unknown = sorted(set(document) - set(TABLES))
    if unknown:
        raise FactBaseError(
            Location(path, parsed.key_line(unknown[0], 1)),
            f"unknown top-level key {unknown[0]!r} "
            "(expected only [[fact]], [[entity]] and [[category]] tables)",
        )
    return parsed


def read_bytes(path: Path) -> bytes:
    """A fact file's bytes; refused unread when it is not a regular file or over the limit.

    The size comes from fstat of the open file and the read stops one byte past the limit,
    so a 4 GB (or still growing) file costs neither time nor memory. O_NONBLOCK keeps a
    FIFO from blocking the open.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                raise FactBaseError(Location(path), "not a regular file")
            _check_size(path, info.st_size)
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FactBaseError(Location(path), f"cannot read file: {error.strerror}") from None
    _check_size(path, len(data))  # it grew after the fstat
    return data


def _check_size(path: Path, size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise FactBaseError(
            Location(path), f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
        )


def _read_text(path: Path) -> str:
    """Read a fact file as UTF-8, with size and encoding checks."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise FactBaseError(
            Location(path, line, column), f"not UTF-8 (byte 0x{data[error.start]:02x})"
        ) from None


def _toml_position(error: Exception) -> tuple[int | None, int | None]:
    """Line and column of a TOML error, from attributes or the message."""
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    if isinstance(line, int) and isinstance(column, int):
        return line, column
    match = _TOML_POSITION.search(str(error))
    return (int(match[1]), int(match[2])) if match else (None, None)


def _deepest_line(text: str) -> int | None:
    """The first line where [ and { nest deepest (outside strings and comments)."""
    depth, deepest, where = 0, 0, None
    for number, line in enumerate(text.split("\n"), 1):
        for char in _STRINGS_AND_COMMENTS.sub("", line):
            depth += (char in "[{") - (char in "]}")
            if depth > deepest:
                deepest, where = depth, number
    return where


def _long_number_line(text: str) -> int | None:
    """The first line holding a run of digits longer than Python will convert."""
    limit = getattr(sys, "get_int_max_str_digits", lambda: 4300)()
    pattern = re.compile(rf"[0-9_]{{{limit + 1},}}")
    return next((n for n, line in enumerate(text.split("\n"), 1) if pattern.search(line)), None)

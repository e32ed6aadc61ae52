"""The word lists the search reads, from the plain-text files in `vocab/`.

Data, not code: each file is whitespace-separated words or `|`-separated rules, with `#`
comments. They are read once, when first needed (a few small files: well under a
millisecond), and the index cache's key covers them, so an edited list never meets an
index built with the old one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent / "vocab"


def _lines(name: str) -> list[str]:
    """The file's lines, comments and blank lines dropped."""
    text = (DIRECTORY / name).read_text("utf-8")
    stripped = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in stripped if line]


@cache
def sequence(name: str) -> tuple[str, ...]:
    """Every whitespace-separated word of a list file, in file order."""
    return tuple(word for line in _lines(name) for word in line.split())


def words(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a list file, as a set."""
    return frozenset(sequence(name))


@cache
def rules(name: str) -> tuple[tuple[str, ...], ...]:
    """Each line of a rule file split at `|`, in file order, each part stripped."""
    return tuple(tuple(part.strip() for part in line.split("|")) for line in _lines(name))


def files() -> tuple[Path, ...]:
    """Every vocabulary file, in name order (what the cache key hashes)."""
    return tuple(sorted(DIRECTORY.glob("*.txt")))

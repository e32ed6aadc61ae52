"""Finding the fact files: the bundled directory, user directories, each file's identity."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FactBaseError, Location
from .options import Options

FACTS_ENV = "JMSUMMIT_FACTS"


@dataclass(frozen=True)
class FactFile:
    """A fact file's identity, as the cache keys it."""

    path: Path
    size: int
    mtime_ns: int


def bundled_facts_dir() -> Path:
    """The bundled fact directory, in a wheel or in a source checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "facts"  # where the wheel build maps the top-level facts/
    return installed if installed.is_dir() else package.parent / "facts"


def fact_dirs(extra: Sequence[Path], environ: Mapping[str, str]) -> list[Path]:
    """The bundled directory, then JMSUMMIT_FACTS entries, then --facts ones.

    User directories add to the bundled base; a duplicate id is an error. A directory
    named twice (in both, or as `d` and `./d`, or through a link) is loaded once, where
    it is first named.
    """
    from_env = [Path(p) for p in environ.get(FACTS_ENV, "").split(os.pathsep) if p.strip()]
    unique: dict[Path, Path] = {}
    for directory in (bundled_facts_dir(), *from_env, *extra):
        unique.setdefault(directory.resolve(), directory)
    return list(unique.values())


def fact_files(directories: Iterable[Path]) -> list[Path]:
    """Every *.toml under the given directories, sorted within each directory."""
    found: list[Path] = []
    for directory in directories:
        if directory.is_file():
            raise FactBaseError(
                Location(directory), "not a directory (give the directory that holds it)"
            )
        if not directory.is_dir():
            raise FactBaseError(Location(directory), "fact directory does not exist")
        files = sorted(p for p in directory.rglob("*.toml") if p.is_file())
        if not files:
            raise FactBaseError(Location(directory), "fact directory holds no *.toml files")
        found.extend(files)
    return found


def stat_file(path: Path) -> FactFile:
    """A fact file's path, size and mtime (what the cache key is made of)."""
    try:
        stat = path.stat()
    except OSError as error:
        raise FactBaseError(Location(path), f"cannot read file: {error.strerror}") from None
    return FactFile(path, stat.st_size, stat.st_mtime_ns)


def directories(options: Options, environ: Mapping[str, str]) -> list[Path]:
    """The fact directories these options and this environment name."""
    return fact_dirs(options.extra_dirs, environ)


def content_hash(files: Sequence[FactFile]) -> str:
    """A short digest of the fact files' bytes: the fact base's version."""
    import hashlib

    digest = hashlib.sha256()
    for file in files:
        digest.update(file.path.name.encode() + b"\0" + file.path.read_bytes())
    return digest.hexdigest()[:12]

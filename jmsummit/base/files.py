"""Finding the fact files: the bundled directory, user directories, each file's identity."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import FactBaseError, Location
from .options import Options

FACTS_ENV = "JMSUMMIT_FACTS"


class FactFile(NamedTuple):
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
    """Every *.toml under the given directories, sorted within each directory.

    Nothing is skipped silently: a subdirectory that cannot be read, a broken symbolic
    link, or a *.toml that is not a regular file is an error naming the path.
    """
    found: list[Path] = []
    for directory in directories:
        if directory.is_file():
            raise FactBaseError(
                Location(directory), "not a directory (give the directory that holds it)"
            )
        if not directory.is_dir():
            raise FactBaseError(Location(directory), "fact directory does not exist")
        files = sorted(_walk(directory, set()))
        if not files:
            raise FactBaseError(Location(directory), "fact directory holds no *.toml files")
        found.extend(files)
    return found


def _walk(directory: Path, seen: set[tuple[int, int]]) -> Iterator[Path]:
    """The *.toml files under `directory`, following symbolic links to directories.

    `seen` holds the (device, inode) of every directory entered, so a link back to a
    directory already walked (a loop, or a second way to the same one) is entered once.
    """
    try:
        identity = directory.stat()
        if (identity.st_dev, identity.st_ino) in seen:
            return
        seen.add((identity.st_dev, identity.st_ino))
        with os.scandir(directory) as entries:
            listed = list(entries)
    except OSError as error:
        raise FactBaseError(
            Location(directory), f"cannot read directory: {error.strerror}"
        ) from None
    for entry in listed:
        path = Path(entry.path)
        kind = _kind(path)
        if kind == "dir":
            yield from _walk(path, seen)
        elif path.suffix == ".toml":
            if kind != "file":
                raise FactBaseError(Location(path), f"not a regular file ({kind})")
            yield path


def _kind(path: Path) -> str:
    """What a directory entry is, following links: dir, file, or why it is neither."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if path.is_symlink():
            raise FactBaseError(
                Location(path), f"broken symbolic link ({error.strerror})"
            ) from None
        raise FactBaseError(Location(path), f"cannot read: {error.strerror}") from None
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "a FIFO, socket or device"


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

    from .tomlfile import read_bytes  # bounded: a huge file is refused, not hashed

    digest = hashlib.sha256()
    for file in files:
        digest.update(os.fsencode(file.path.name) + b"\0" + read_bytes(file.path))
    return digest.hexdigest()[:12]

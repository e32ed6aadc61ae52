"""An on-disk cache of the built index: never required, safe to delete.

The file holds a magic line, the CRC-32 of the payload, and the pickled
payload. A wrong magic, a digest mismatch (truncated or half-written file),
a key mismatch or any unpickling error means "no cache": the caller rebuilds.
Writes go to a temporary file in the same directory, then os.replace, so two
processes building at once each leave a whole file. Each write also removes index
files nobody has read for STALE_AFTER (old versions, fact directories gone).
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from .. import __version__
from ..base.files import FactFile
from .index import Index

CACHE_ENV = "JMSUMMIT_CACHE_DIR"
STALE_AFTER = 30 * 24 * 3600  # seconds unused before another write removes an index file
_TOUCH_AFTER = 24 * 3600  # reads refresh an older mtime, so files in use never look unused
FORMAT = 6  # bump when the pickled shape (Index, Entry, the models) changes
_MAGIC = b"jmsummit-index\n"
# What build() output depends on, relative to the package.
_BUILDERS = ("search/index.py", "search/normalize.py", "search/results.py", "base/models.py")


def cache_dir(environ: Mapping[str, str]) -> Path:
    """JMSUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/jmsummit, else ~/.cache/jmsummit."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jmsummit"


def cache_key(files: Sequence[FactFile]) -> str:
    """Every fact file's path, size and mtime, and the code that builds, as one string."""
    parts = [f"{__version__}/{FORMAT}/{_builder()}/{sys.version_info[:2]}/{sys.byteorder}"]
    parts += [f"{f.path.resolve()}\0{f.size}\0{f.mtime_ns}" for f in files]
    return "\n".join(parts)


def _builder() -> str:
    """A checksum of the modules an index's contents come from.

    An edit to a word list there (question words, cues) changes what a build produces
    without changing the version: the cache must not serve the old build. Reading three
    small files costs well under a millisecond.
    """
    here = Path(__file__).parent.parent
    crc = 0
    for name in _BUILDERS:
        try:
            crc = zlib.crc32((here / name).read_bytes(), crc)
        except OSError:  # not installed as files: the version alone decides
            return "-"
    return f"{crc:08x}"


def _file_name(key: str) -> str:
    """The cache file for a key (the full key is stored inside and compared)."""
    return f"index-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.pickle"


def _checksum(payload: bytes) -> bytes:
    return f"{zlib.crc32(payload):08x}".encode()


def read(directory: Path, key: str) -> Index | None:
    """The cached index for `key`, or None when missing, stale or damaged."""
    path = directory / _file_name(key)
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    digest, _, payload = data[len(_MAGIC) :].partition(b"\n")
    if _checksum(payload) != digest:
        return None
    try:
        stored_key, index = pickle.loads(payload)
    except Exception:
        return None
    if stored_key != key or not isinstance(index, Index) or not _loads_whole(index):
        return None
    _mark_used(path)
    return index


def _loads_whole(index: Index) -> bool:
    """True when the index has every field and its entries unpickle.

    An index pickled by other code (a development build, a FORMAT not bumped) may lack a
    field or hold entries of another shape: that must mean a rebuild, not a crash later.
    """
    if not all(hasattr(index, field.name) for field in dataclasses.fields(Index)):
        return False
    try:
        return index.size == 0 or index.entry(0) is not None
    except Exception:
        return False


def _mark_used(path: Path) -> None:
    """Refresh the file's mtime (at most daily): mtime is when the index was last used."""
    import time

    try:
        if time.time() - path.stat().st_mtime > _TOUCH_AFTER:
            os.utime(path)
    except OSError:  # a read-only cache still serves
        pass


def prune(directory: Path, keep: str) -> None:
    """Remove index files (and temporary files of killed writers) unused for STALE_AFTER."""
    import time

    cutoff = time.time() - STALE_AFTER
    for path in [*directory.glob("index-*.pickle"), *directory.glob(".index-*.tmp")]:
        try:
            if path.name != keep and path.stat().st_mtime < cutoff:
                path.unlink()
        except OSError:  # gone already, or not ours to remove
            continue


def write(directory: Path, key: str, index: Index) -> bool:
    """Store the index atomically; False (and no file) when the directory is unwritable."""
    payload = pickle.dumps((key, index), protocol=pickle.HIGHEST_PROTOCOL)
    blob = _MAGIC + _checksum(payload) + b"\n" + payload
    import tempfile  # only writers need it

    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, directory / _file_name(key))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    prune(directory, keep=_file_name(key))
    return True

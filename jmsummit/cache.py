"""An on-disk cache of the built index: never required, safe to delete.

The file holds a magic line, the CRC-32 of the payload, and the pickled
payload. A wrong magic, a digest mismatch (truncated or half-written file),
a key mismatch or any unpickling error means "no cache": the caller rebuilds.
Writes go to a temporary file in the same directory, then os.replace, so two
processes building at once each leave a whole file.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import __version__
from .index import Index
from .locations import FactFile

CACHE_ENV = "JMSUMMIT_CACHE_DIR"
FORMAT = 2  # bump when the pickled Index changes shape
_MAGIC = b"jmsummit-index\n"


def cache_dir(environ: Mapping[str, str]) -> Path:
    """JMSUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/jmsummit, else ~/.cache/jmsummit."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jmsummit"


def cache_key(files: Sequence[FactFile]) -> str:
    """Every fact file's path, size and mtime, and the code version, as one string."""
    parts = [f"{__version__}/{FORMAT}/{sys.version_info[:2]}/{sys.byteorder}"]
    parts += [f"{f.path.resolve()}\0{f.size}\0{f.mtime_ns}" for f in files]
    return "\n".join(parts)


def _file_name(key: str) -> str:
    """The cache file for a key (the full key is stored inside and compared)."""
    return f"index-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}.pickle"


def _checksum(payload: bytes) -> bytes:
    return f"{zlib.crc32(payload):08x}".encode()


def read(directory: Path, key: str) -> Index | None:
    """The cached index for `key`, or None when missing, stale or damaged."""
    try:
        data = (directory / _file_name(key)).read_bytes()
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
    return index if stored_key == key and isinstance(index, Index) else None


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
    return True

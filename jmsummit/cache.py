"""An on-disk cache of the built index: never required, safe to delete.

The file holds a magic line, the SHA-256 of the payload, and the pickled
payload. A wrong magic, a digest mismatch (truncated or half-written file),
a key mismatch or any unpickling error means "no cache": the caller rebuilds.
Writes go to a temporary file in the same directory, then os.replace, so two
processes building at once each leave a whole file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import __version__
from .index import Index
from .loader import FactFile

CACHE_ENV = "JMSUMMIT_CACHE_DIR"
FORMAT = 1
_MAGIC = b"jmsummit-index\n"


def cache_dir(environ: Mapping[str, str]) -> Path:
    """JMSUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/jmsummit, else ~/.cache/jmsummit."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "jmsummit"


def cache_key(files: Sequence[FactFile]) -> str:
    """A digest of every fact file's path, size and mtime, and of the code version."""
    parts = [f"{__version__}/{FORMAT}/{sys.version_info[:2]}"]
    parts += [f"{f.path.resolve()}\0{f.size}\0{f.mtime_ns}" for f in files]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def read(directory: Path, key: str) -> Index | None:
    """The cached index for `key`, or None when missing, stale or damaged."""
    try:
        data = (directory / f"index-{key[:24]}.pickle").read_bytes()
    except OSError:
        return None
    if not data.startswith(_MAGIC):
        return None
    digest, _, payload = data[len(_MAGIC) :].partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != digest:
        return None
    try:
        stored_key, index = pickle.loads(payload)
    except Exception:  # noqa: BLE001 - any damage at all means: rebuild
        return None
    return index if stored_key == key and isinstance(index, Index) else None


def write(directory: Path, key: str, index: Index) -> bool:
    """Store the index atomically; False (and no file) when the directory is unwritable."""
    payload = pickle.dumps((key, index), protocol=pickle.HIGHEST_PROTOCOL)
    blob = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".index-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(blob)
            os.replace(temporary, directory / f"index-{key[:24]}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True

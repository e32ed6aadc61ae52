"""The on-disk index cache: never required, safe to delete, and never trusted.

One SQLite file of plain data per fact-base state (`index.py` has the format),
named `index-<base>-<key>.sqlite` after the fact directories and a checksum of
the full key, which the file also holds and which must match. Defences, each
against a finding of the reliability probe:

- Nothing in a file can run code: it holds ints, text and JSON, and the reader
  checks every field (S1). A file that fails any check means "rebuild".
- The directory is made 0700 whatever the umask; an existing one that is not the
  user's own, or is writable by group or others, is not used at all (S1, S2).
- Only regular files the user owns are opened: O_NOFOLLOW, O_NONBLOCK and fstat
  first, so a symlink, FIFO or device in the file's place is ignored (S3).
- The key covers each fact file's size, mtime, ctime and inode (ctime cannot be
  set from user space: `cp -p`, `touch -r`, `tar -x` all change it) (W1), and the
  package version, the search and base code and the versions of pypinyin, opencc
  and rapidfuzz (W6).
- Pruning removes only files with this module's name pattern *and* its SQLite
  header, keeps the newest KEEP, and replaces the previous index of the same
  fact directories when writing (W2). Files of the format before FORMAT 7 are
  left alone (their content is not to be opened): delete them by hand.
Writes go to a temporary file in the same directory, then os.replace, so two
processes building at once each leave a whole file.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from ..base.models import Fact
from ..errors import FactBaseError, Location
from . import index as store
from . import vocabulary

if TYPE_CHECKING:
    from ..base.loader import Plan
    from .build import Progress

CACHE_ENV = "JMSUMMIT_CACHE_DIR"
KEEP = 8  # index files kept in a directory (the newest by use)
_TOUCH_AFTER = 24 * 3600  # reads refresh an older mtime, so files in use look recent
_TEMP_STALE = 3600  # a temporary file this old belongs to a killed writer
_PREFIX, _SUFFIX, _TEMP_PREFIX, _TEMP_SUFFIX = "index-", ".sqlite", ".index-", ".tmp"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_HEADER = 100  # bytes of an SQLite file header
# Code whose output the index holds (the loader makes the facts, search makes the terms).
_CODE_DIRS = ("base", "search")
_LIBRARIES = ("pypinyin", "opencc", "rapidfuzz")
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def cache_dir(environ: Mapping[str, str]) -> Path | None:
    """JMSUMMIT_CACHE_DIR, else $XDG_CACHE_HOME/jmsummit, else ~/.cache/jmsummit.

    None when there is no home directory to put it in: then answers go uncached.
    """
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV])
    base = environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no $HOME and no passwd entry
            return None
    return Path(base) / "jmsummit"


def usable_dir(directory: Path) -> tuple[bool, str]:
    """Whether to use `directory` as the cache (made 0700 if missing), and a warning if not.

    An existing directory must be the user's own and not writable by group or others:
    anyone who can write there could make this process serve their answers. A directory
    that cannot be made or is not a directory is quietly not used (the cache is optional).
    """
    try:
        found = os.stat(directory)
    except FileNotFoundError:
        try:
            _make_private(directory)
            found = os.stat(directory)
        except OSError:
            return False, ""
    except OSError:
        return False, ""
    if not stat.S_ISDIR(found.st_mode):
        return False, ""
    problem = _unsafe(found)
    if problem:
        return False, f"not using the index cache {directory}: it {problem}"
    return True, ""


def _make_private(directory: Path) -> None:
    """Create `directory` and any missing parents as 0700, whatever the umask."""
    missing = []
    path = directory.absolute()
    while not os.path.lexists(path):
        missing.append(path)
        path = path.parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:  # another process made it first: it is checked after
            continue
        os.chmod(path, 0o700)


def _unsafe(found: os.stat_result) -> str:
    """Why a file or directory with this status cannot be trusted, or ""."""
    if hasattr(os, "geteuid") and found.st_uid != os.geteuid():
        return f"belongs to uid {found.st_uid}, not to this user ({os.geteuid()})"
    if found.st_mode & 0o022:
        return f"is writable by other users (mode {stat.S_IMODE(found.st_mode):o})"
    return ""


def cache_key(paths: Sequence[Path]) -> str:
    """What an index depends on, as one string: code, libraries, every fact file's identity.

    A file's identity is its path, size, mtime, ctime, inode and device (of the file a
    symlink leads to): an edit that keeps the size and restores the mtime still changes
    the ctime (and `cp -p` or `tar -x` also the inode). Measured: stat is constant per
    file, while a CRC of the content costs 0.1 ms for the bundled 138 KB but grows with
    the base (tens of ms at 100k facts). Paths are taken as listed: the file name holds
    the resolved directories (`base_id`) and inode and device pin the file itself.
    """
    parts = [
        f"{__version__}/{store.FORMAT}/{_code()}/{_libraries()}/"
        f"{sys.version_info[:3]}/{sys.byteorder}/{sqlite3.sqlite_version}"
    ]
    for path in paths:
        try:
            found = os.stat(path)
        except OSError as error:
            raise FactBaseError(Location(path), f"cannot read file: {error.strerror}") from None
        parts.append(
            f"{path}\0{found.st_size}\0{found.st_mtime_ns}\0{found.st_ctime_ns}"
            f"\0{found.st_ino}\0{found.st_dev}"
        )
    return "\n".join(parts)


def _code() -> str:
    """A checksum of the source of the modules whose output the index holds.

    An edit to the loader, the engine or a word list in search/vocab/ changes what a build
    produces without changing the version (an editable install): the cache must not serve
    the old build.
    """
    package = Path(__file__).resolve().parent.parent
    crc = 0
    try:
        for name in _CODE_DIRS:
            for entry in sorted(os.scandir(package / name), key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    with open(entry.path, "rb") as source:
                        crc = zlib.crc32(entry.name.encode() + source.read(), crc)
        for path in vocabulary.files():  # the word lists a build reads
            crc = zlib.crc32(path.name.encode() + path.read_bytes(), crc)
    except OSError:  # not installed as files: the version alone decides
        return "-"
    return f"{crc:08x}"


def _libraries() -> str:
    """The installed versions of the libraries a build uses, from their dist-info names."""
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, dash, rest = name.partition("-")
            library = stem.lower()
            wanted = dash and library in _LIBRARIES and library not in found
            if wanted and rest.endswith((".dist-info", ".egg-info")):
                found[library] = rest.rpartition(".")[0]
        if len(found) == len(_LIBRARIES):
            break
    return ",".join(f"{name}={found.get(name, '?')}" for name in _LIBRARIES)


def base_id(directories: Sequence[Path]) -> str:
    """Names the fact directories: a new index replaces the old one of the same directories."""
    text = "\n".join(str(d.resolve()) for d in directories)
    return f"{zlib.crc32(text.encode('utf-8', 'surrogateescape')):08x}"


def file_name(key: str, base: str) -> str:
    """The cache file for a key (the full key is stored inside and compared)."""
    return f"{_PREFIX}{base}-{zlib.crc32(key.encode('utf-8', 'surrogateescape')):08x}{_SUFFIX}"


def _checked_header(path: Path, formats: tuple[int, ...] | None) -> os.stat_result | None:
    """The status of `path` if it is a regular file of this user holding an index header.

    `formats`: the user_version values accepted (None: any, for pruning). Opened with
    O_NOFOLLOW and O_NONBLOCK and checked with fstat before a byte is read, so a symlink,
    FIFO or device in its place is refused without blocking or reading it.
    """
    try:
        handle = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or _unsafe(found) or found.st_size < _HEADER:
            return None
        header = os.read(handle, _HEADER)
    except OSError:
        return None
    finally:
        os.close(handle)
    if len(header) < _HEADER or not header.startswith(_SQLITE_MAGIC):
        return None
    if int.from_bytes(header[68:72], "big") != store.APPLICATION_ID:
        return None
    if formats is not None and int.from_bytes(header[60:64], "big") not in formats:
        return None
    return found


_READ_ATTEMPTS = 3  # a file replaced while being opened is checked again, this often


def read(directory: Path, key: str, base: str) -> sqlite3.Connection | None:
    """The cached index database for `key`, read-only; None when missing, stale or suspect."""
    path = directory / file_name(key, base)
    for _ in range(_READ_ATTEMPTS):
        found = _checked_header(path, (store.FORMAT,))
        if found is None:
            return None
        try:
            db = _connect_read_only(path)
        except sqlite3.Error:  # gone since its header was checked (another process pruned it)
            return None
        try:
            if not _holds(db, key):
                db.close()
                return None
            # The file SQLite opened is the one checked (nobody swapped it in between).
            now = os.stat(path, follow_symlinks=False)
        except (sqlite3.Error, OSError):
            db.close()
            return None
        if (now.st_ino, now.st_dev) == (found.st_ino, found.st_dev):
            _mark_used(path, found)
            return db
        db.close()  # replaced while being opened (a concurrent writer): check the new one
    return None


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Open an index file read-only; `immutable`: files are replaced whole, never changed."""
    quoted = str(path.absolute()).replace("%", "%25").replace("?", "%3f").replace("#", "%23")
    db = sqlite3.connect(f"file:{quoted}?mode=ro&immutable=1", uri=True, isolation_level=None)
    db.execute("PRAGMA trusted_schema = OFF")
    db.execute("PRAGMA cell_size_check = ON")
    db.execute("PRAGMA query_only = ON")
    return db


def _holds(db: sqlite3.Connection, key: str) -> bool:
    """True when the database has exactly this format's tables and was built for `key`."""
    schema = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'"
    ).fetchall()
    if sorted(row[2] for row in schema) != sorted(store.SCHEMA):
        return False
    if any(row[0] != "table" for row in schema):
        return False
    row = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
    return row is not None and row[0] == _json_string(key)


def _json_string(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def _mark_used(path: Path, found: os.stat_result) -> None:
    """Refresh the file's mtime (at most daily): mtime is when the index was last used."""
    try:
        if time.time() - found.st_mtime > _TOUCH_AFTER:
            os.utime(path)
    except OSError:  # a read-only cache still serves
        pass


def write(
    directory: Path,
    key: str,
    base: str,
    facts: Iterable[Fact] | Plan,
    progress: Progress | None = None,
) -> sqlite3.Connection | None:
    """Build the index of `facts` into the cache; its database, read-only, or None on failure.

    `facts` may be a stream, read once, or a plan of fact files (see `build.write`). A
    FactBaseError the build raises leaves no file behind.

    The caller has checked the directory with `usable_dir`.
    """
    from . import build  # only a build needs it (and pypinyin, and the loader)

    final = directory / file_name(key, base)
    temporary = directory / f"{_TEMP_PREFIX}{os.getpid()}-{os.urandom(6).hex()}{_TEMP_SUFFIX}"
    try:
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
        try:
            db = sqlite3.connect(temporary, isolation_level=None)
            try:
                build.write(db, facts, key, progress)
            finally:
                db.close()
            os.replace(temporary, final)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
    except (OSError, sqlite3.Error):
        return None
    prune(directory, keep=final.name, base=base)
    return read(directory, key, base)


def _ours(path: Path) -> bool:
    """True when the file is an index (or a writer's leftover) this module wrote.

    Both the name and the content must say so: an SQLite header with this format's
    application id.
    """
    name = path.name
    named = (name.startswith(_PREFIX) and name.endswith(_SUFFIX)) or (
        name.startswith(_TEMP_PREFIX) and name.endswith(_TEMP_SUFFIX)
    )
    return named and _checked_header(path, None) is not None


def prune(directory: Path, keep: str, base: str) -> None:
    """Remove this module's files that are no longer wanted; never anything else.

    Goes: other indexes of the same fact directories (replaced by `keep`), writers'
    temporary files older than an hour, and all but the KEEP most recently used indexes.
    """
    try:
        names = os.listdir(directory)
    except OSError:
        return
    now = time.time()
    indexes: list[tuple[float, str]] = []
    for name in names:
        if name == keep:
            continue
        path = directory / name
        if not name.startswith((_PREFIX, _TEMP_PREFIX)) or not _ours(path):
            continue
        try:
            mtime = os.stat(path, follow_symlinks=False).st_mtime
            temporary = name.startswith(_TEMP_PREFIX)
            if name.startswith(f"{_PREFIX}{base}-") or (temporary and now - mtime > _TEMP_STALE):
                path.unlink()
            elif not temporary:
                indexes.append((mtime, name))
        except OSError:  # gone already, or not ours to remove
            continue
    for _, name in sorted(indexes, reverse=True)[KEEP - 1 :]:
        try:
            (directory / name).unlink()
        except OSError:
            continue

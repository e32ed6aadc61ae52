"""Open the search index for a fact base: from the cache when it is fresh, else built."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping

from ..base import files
from ..base.models import Fact
from ..base.options import Options
from . import cache
from . import index as store
from .index import Index, Progress


def open_index(
    options: Options,
    environ: Mapping[str, str],
    progress: Progress | None = None,
    warnings: list[str] | None = None,
) -> Index:
    """The search index, from the cache when it is fresh, else built (and cached).

    A build reports `progress(done, total)` as it goes, starting from (0, total). Why
    the cache directory was not used, when that is worth telling, is appended to
    `warnings` (one line each; search never prints).
    """
    directories = files.directories(options, environ)
    paths = files.fact_files(directories)
    where = cache.cache_dir(environ) if options.use_cache else None
    if where is not None:
        usable, warning = cache.usable_dir(where)
        if warning and warnings is not None:
            warnings.append(warning)
        if not usable:
            where = None
    if where is None:
        return Index(_private(_facts(options, environ, progress)), recover=None)
    directory = where
    key = cache.cache_key(paths)
    base = cache.base_id(directories)

    def rebuild() -> sqlite3.Connection:
        """A fresh build, cached when the directory takes it (after damage was found)."""
        written = cache.write(directory, key, base, _facts(options, environ, progress))
        return written if written is not None else _private(_facts(options, environ, progress))

    db = cache.read(directory, key, base)
    if db is None:
        db = rebuild()
    return Index(db, recover=rebuild)


def _facts(
    options: Options, environ: Mapping[str, str], progress: Progress | None
) -> Iterator[Fact]:
    """The fact base, read and validated file by file as the build takes it.

    tomllib and validation load only when building; one file's facts are held at a time.
    `progress` is told how much of the base's bytes were read.
    """
    from ..base import loader

    return loader.stream(files.directories(options, environ), progress=progress)


def _private(facts: Iterator[Fact]) -> sqlite3.Connection:
    """An index in a private temporary database that goes when the process does."""
    db = sqlite3.connect("", isolation_level=None)
    store.write(db, facts)
    return db

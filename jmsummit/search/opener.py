"""Open the search index for a fact base: from the cache when it is fresh, else built."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..base import files
from ..base.options import Options
from . import cache
from .index import Index

if TYPE_CHECKING:
    from ..base.loader import Plan
    from .build import Progress


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
        return Index(_private(_plan(directories), progress), recover=None)
    directory = where
    key = cache.cache_key(paths)
    base = cache.base_id(directories)

    def rebuild() -> sqlite3.Connection:
        """A fresh build, cached when the directory takes it (after damage was found)."""
        written = cache.write(directory, key, base, _plan(directories), progress)
        return written if written is not None else _private(_plan(directories), progress)

    db = cache.read(directory, key, base)
    if db is None:
        db = rebuild()
    return Index(db, recover=rebuild)


def _plan(directories: Sequence[Path]) -> Plan:
    """The fact files to build from, and their entity registry.

    The loader (and tomllib) load only when building.
    """
    from ..base import loader

    return loader.plan(directories)


def _private(plan: Plan, progress: Progress | None) -> sqlite3.Connection:
    """An index in a private temporary database that goes when the process does."""
    from . import build

    db = sqlite3.connect("", isolation_level=None)
    build.write(db, plan, progress=progress)
    return db

"""Open the fact base for searching: locate files, use the cache or build the index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import cache, locations
from .index import Index, Progress, build
from .locations import FactFile
from .options import Options

if TYPE_CHECKING:
    from .loader import FactBase


def directories(options: Options, environ: Mapping[str, str]) -> list[Path]:
    """The fact directories these options and this environment name."""
    return locations.fact_dirs(options.extra_dirs, environ)


def load_base(options: Options, environ: Mapping[str, str]) -> FactBase:
    """Load and validate the facts (no index): for validate, list, show."""
    from . import loader  # tomllib and validation: not needed when the cache is fresh

    return loader.load(directories(options, environ))


def open_index(
    options: Options,
    environ: Mapping[str, str],
    progress: Progress | None = None,
) -> Index:
    """The search index, from the cache when it is fresh, else built (and cached).

    A build reports `progress(done, total)` as it goes, starting from (0, total).
    """
    files = [locations.stat_file(p) for p in locations.fact_files(directories(options, environ))]
    key = cache.cache_key(files)
    where = cache.cache_dir(environ)
    if options.use_cache:
        cached = cache.read(where, key)
        if cached is not None:
            return cached
    base = load_base(options, environ)
    index = build(base.facts, progress)
    if options.use_cache:
        cache.write(where, key, index)
    return index


def content_hash(files: Sequence[FactFile]) -> str:
    """A short digest of the fact files' bytes: the fact base's version."""
    import hashlib

    digest = hashlib.sha256()
    for file in files:
        digest.update(file.path.name.encode() + b"\0" + file.path.read_bytes())
    return digest.hexdigest()[:12]

"""Open the search index for a fact base: from the cache when it is fresh, else built."""

from __future__ import annotations

from collections.abc import Mapping

from ..base import files
from ..base.options import Options
from . import cache
from .index import Index, Progress, build


def open_index(
    options: Options,
    environ: Mapping[str, str],
    progress: Progress | None = None,
) -> Index:
    """The search index, from the cache when it is fresh, else built (and cached).

    A build reports `progress(done, total)` as it goes, starting from (0, total).
    """
    paths = files.fact_files(files.directories(options, environ))
    key = cache.cache_key([files.stat_file(p) for p in paths])
    where = cache.cache_dir(environ)
    if options.use_cache:
        cached = cache.read(where, key)
        if cached is not None:
            return cached
    from ..base import loader  # tomllib and validation: not needed when the cache is fresh

    base = loader.load_base(options, environ)
    index = build(base.facts, progress)
    if options.use_cache:
        cache.write(where, key, index)
    return index

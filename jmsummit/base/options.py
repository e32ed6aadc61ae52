"""The fact-base options every command shares (light: safe to import for --help)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pathlib import Path


class Options(NamedTuple):
    """Where the facts are and whether to use the cache."""

    extra_dirs: tuple[Path, ...] = ()
    use_cache: bool = True

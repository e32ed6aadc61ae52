"""The fact-base options every command shares (light: safe to import for --help)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    """Where the facts are and whether to use the cache."""

    extra_dirs: tuple[Path, ...] = ()
    use_cache: bool = True

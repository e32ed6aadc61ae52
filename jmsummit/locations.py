"""Where the fact base lives: bundled, user-given, and from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

FACTS_ENV = "JMSUMMIT_FACTS"


def bundled_facts_dir() -> Path:
    """The bundled fact directory, in a wheel or in a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "facts"  # where the wheel build maps the top-level facts/
    return installed if installed.is_dir() else package.parent / "facts"


def fact_dirs(extra: Sequence[Path], environ: Mapping[str, str]) -> list[Path]:
    """The bundled directory, then JMSUMMIT_FACTS entries, then --facts ones.

    User directories add to the bundled base; a duplicate id is an error.
    """
    from_env = [Path(p) for p in environ.get(FACTS_ENV, "").split(os.pathsep) if p.strip()]
    return [bundled_facts_dir(), *from_env, *extra]

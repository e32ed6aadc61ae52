"""The output choices a user can make: format and language (light: no rich, no engine)."""

from __future__ import annotations

from enum import Enum

from ..environment import Environment


class Format(str, Enum):
    """Output formats."""

    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TSV = "tsv"


class Lang(str, Enum):
    """Which language(s) human-readable output shows."""

    ZH = "zh"
    EN = "en"
    BOTH = "both"


def default_format(env: Environment) -> Format:
    """Tables on a terminal (unless TERM=dumb, which cannot draw them), plain text otherwise."""
    return Format.TABLE if env.stdout_isatty and env.environ.get("TERM") != "dumb" else Format.PLAIN

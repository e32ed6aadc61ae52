"""Plain text every format shares: escaping data, one-line folding, language, values."""

from __future__ import annotations

import datetime as dt
import re

from ..base.models import DateRange, Money, Value
from .formats import Lang

# C0 and C1 controls and DEL; tab and newline are handled per format.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"[\t\n\r\u2028\u2029]+")


def safe(text: str) -> str:
    """Make control characters visible (ESC -> \\x1b) so data cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def json_safe(text: str) -> str:
    """JSON text with raw C1 controls escaped: JSON allows them, terminals act on them."""
    return _C1.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def one_line(text: str) -> str:
    """`safe()` plus tabs and line breaks folded to spaces: one record, one line."""
    return safe(_LINE_BREAKS.sub(" ", text))


def pick(lang: Lang, zh: str, en: str, joiner: str = " / ") -> str:
    """The text in the chosen language(s)."""
    if lang is Lang.ZH:
        return zh
    if lang is Lang.EN:
        return en
    return f"{zh}{joiner}{en}"


def value_text(value: Value | None) -> str:
    """A typed value as one human-readable line."""
    if value is None:
        return ""
    if isinstance(value, DateRange):
        return f"{value.start.isoformat()} – {value.end.isoformat()}"
    if isinstance(value, Money):
        return f"{value.amount:g} {value.unit} (CNY {value.cny:,})"
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)

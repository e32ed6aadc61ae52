"""Plain text every format shares: escaping data, one-line folding, language, values."""

from __future__ import annotations

import datetime as dt
import re

from ..base.models import DateRange, Money, Value
from .formats import Lang

# What a terminal must never receive raw; tab and newline are handled per format.
# C0 and C1 controls and DEL; Unicode's format characters (Cf: bidi overrides and isolates,
# zero-width spaces and joiners, BOM, tags), line and paragraph separators (Zl, Zp), which
# can reorder or hide text on screen; and lone surrogates (undecodable bytes of a file name),
# which no encoder accepts. The Cf list is Unicode 15.1's, spelt out because building it from
# unicodedata at start-up costs more than the rest of a cold `ask`; a test checks it against
# the running Python's unicodedata.
_INVISIBLE = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f\ud800-\udfff"
)
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_INVISIBLE}]")
# JSON escapes C0 itself; C1 is legal in JSON strings but terminals act on it.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\t\n\r]+")


def escape(char: str) -> str:
    """One character as a Python-style escape: \\x1b, \\u202e or \\U000e0001."""
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def safe(text: str) -> str:
    """Make controls and invisible characters visible (ESC -> \\x1b, U+202E -> \\u202e).

    Data then cannot drive the terminal, reorder a line (Trojan Source) or hide a word.
    """
    return _UNSAFE.sub(lambda m: escape(m[0]), text)


def json_safe(text: str) -> str:
    """JSON text with raw C1 controls and lone surrogates written as \\u escapes.

    JSON allows raw C1 controls, but terminals act on them; a lone surrogate (from a file
    name that is not UTF-8) cannot be encoded at all.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def one_line(text: str) -> str:
    """`safe()` plus tabs and line breaks folded to spaces: one record, one line.

    U+2028 and U+2029 are not folded but escaped by `safe()`, so they stay visible.
    """
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

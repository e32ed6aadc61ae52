"""Which parts of an answer to highlight: whole words and whole Chinese terms only.

The engine reports the terms that matched: English stems ("design", "cent"),
numbers, Chinese unigrams and bigrams. A stem marks the whole word it begins
("designed", "Center"), never a fragment inside a word; a Chinese term is
marked only when it has at least two characters (a single 会 would light up
委员会), and overlapping or touching marks merge into one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD_CHAR = "0-9A-Za-z\u00c0-\u024f"


def spans(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` to highlight, sorted and merged."""
    found: list[tuple[int, int]] = []
    for term in set(terms):
        term = term.strip()
        if not term:
            continue
        if term.isascii():
            if len(term) < 2 and not term.isdigit():
                continue
            pattern = (
                f"(?<![{_WORD_CHAR}]){re.escape(term)}[{_WORD_CHAR}]*"
                if not term.isdigit()
                else f"(?<![0-9.]){re.escape(term)}(?![0-9])"
            )
            found.extend(m.span() for m in re.finditer(pattern, text, re.IGNORECASE))
        elif len(term) >= 2:
            start = text.find(term)
            while start >= 0:
                found.append((start, start + len(term)))
                start = text.find(term, start + 1)
    return _merge(found)


def _merge(found: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged

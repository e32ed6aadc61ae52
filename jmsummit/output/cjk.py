"""Terminal cell widths and line breaking for mixed Chinese and Latin text.

Pure text, no rich: `wrap()` breaks a string into lines of at most `width` cells
at spaces and between Chinese characters, following the basic Chinese rules
(kinsoku): no line starts with closing punctuation (。，、）」》 …) and none ends
with an opening one (（「《 …); a run of Latin letters or digits (a word, a number
such as 123.3) is never split unless it alone is wider than the line, and then
it breaks after a hyphen, slash or dot before it is cut anywhere.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# A line may not start with these (closing brackets and quotes, stops, commas, the
# iteration marks and small kana Chinese and Japanese text uses).
NO_START = frozenset(
    "。．，、；：？！）］｝〕〉》」』】〙〗〟’”｠»…‥·・ー々〻ゝゞヽヾ%％‰℃,.;:?!)]}"
)
# A line may not end with these (opening brackets and quotes).
NO_END = frozenset("（［｛〔〈《「『【〘〖〝‘“｟«([{")
# Where an over-long Latin run may break (after the character).
_SOFT_BREAKS = frozenset("-/._")


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells a character takes on a terminal: 2 for wide (CJK), 0 for combining, else 1."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Cells a string takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)


def _atoms(text: str) -> list[tuple[int, int]]:
    """Unbreakable pieces as (start, end).

    Each wide character, each run of other non-space characters, each run of spaces.
    """
    atoms: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    while start < n:
        char = text[start]
        end = start + 1
        if char.isspace():
            while end < n and text[end].isspace():
                end += 1
        elif char_width(char) < 2 and char not in NO_END:
            while (
                end < n
                and not text[end].isspace()
                and char_width(text[end]) < 2
                and text[end] not in NO_END
                and (text[end] not in NO_START or text[end] in ".,%")
            ):
                end += 1
        atoms.append((start, end))
        start = end
    return atoms


def _groups(text: str) -> list[tuple[int, int, bool]]:
    """Atoms glued by the line-breaking rules: (start, end, is_space)."""
    groups: list[tuple[int, int, bool]] = []
    for start, end in _atoms(text):
        space = text[start].isspace()
        if groups and not space:
            prev_start, prev_end, prev_space = groups[-1]
            glue = not prev_space and (text[start] in NO_START or text[prev_end - 1] in NO_END)
            if glue:
                groups[-1] = (prev_start, end, False)
                continue
        groups.append((start, end, space))
    return groups


def _split_long(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """A piece wider than the line: break after - / . _ where possible, else by cells."""
    pieces: list[tuple[int, int]] = []
    while cell_width(text[start:end]) > width:
        cut, used, soft = start, 0, -1
        while cut < end and used + char_width(text[cut]) <= width:
            used += char_width(text[cut])
            cut += 1
            if text[cut - 1] in _SOFT_BREAKS and cut < end:
                soft = cut
        if soft > start and soft - start >= width // 3:
            cut = soft
        while start + 1 < cut < end and text[cut] in NO_START:  # no line starts with ","
            cut -= 1
        cut = max(cut, start + 1)  # always progress, even at width 1
        pieces.append((start, cut))
        start = cut
    if start < end:
        pieces.append((start, end))
    return pieces


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """The lines of `text` at `width` cells, as (start, end) offsets into `text`.

    Spaces at a break are dropped; explicit newlines are kept as line ends.
    """
    width = max(width, 1)
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        spans.extend((offset + s, offset + e) for s, e in _wrap_one(paragraph, width))
        offset += len(paragraph) + 1
    return spans


def _wrap_one(text: str, width: int) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    pending_space = 0  # cells of spaces before the next piece, if it stays on this line
    for start, end, space in _groups(text):
        if space:
            if line_start is not None:
                pending_space = cell_width(text[start:end])
            continue
        pieces = [(start, end)]
        size = cell_width(text[start:end])
        if size > width:
            pieces = _split_long(text, start, end, width)
        for piece_start, piece_end in pieces:
            size = cell_width(text[piece_start:piece_end])
            if line_start is not None and used + pending_space + size <= width:
                used += pending_space + size
                line_end = piece_end
            else:
                if line_start is not None:
                    lines.append((line_start, line_end))
                line_start, line_end, used = piece_start, piece_end, size
            pending_space = 0
    if line_start is not None:
        lines.append((line_start, line_end))
    return lines or [(0, 0)]


def wrap(text: str, width: int) -> list[str]:
    """The lines of `text` at `width` cells (see the module's rules)."""
    return [text[s:e] for s, e in wrap_spans(text, width)]


def widest_piece(text: str) -> int:
    """Cells of the widest piece `wrap()` never breaks (the narrowest sensible column)."""
    widest = 0
    for paragraph in text.split("\n"):
        for start, end, space in _groups(paragraph):
            if not space:
                widest = max(widest, cell_width(paragraph[start:end]))
    return widest


def truncate(text: str, width: int) -> str:
    """`text` cut to `width` cells, ending in "…" when it had to be cut."""
    if cell_width(text) <= width:
        return text
    used, out = 0, []
    for char in text:
        if used + char_width(char) > width - 1:
            break
        out.append(char)
        used += char_width(char)
    kept = "".join(out)
    space = kept.rfind(" ")
    if space >= len(kept) * 2 // 3 and not text[len(kept)].isspace():  # end on a whole word
        kept = kept[:space]
    return kept.rstrip() + "…"

"""Text normalisation shared by the index and the queries, so both fold alike."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from ..base.entities import is_chinese
from . import vocabulary
from .results import QuestionType

MAX_QUERY_CHARS = 500  # longer questions are cut here; nobody asks 500 characters

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(rf"[{_HAN}]+|[a-z]+|[0-9]+(?:\.[0-9]+)?")

has_han = is_chinese  # the one test for Chinese text, shared with the fact base

# Question scaffolding: words that shape a question but carry no content.
ZH_SCAFFOLDING = vocabulary.words("zh_scaffolding.txt")
_SCAFFOLD_MAX = max(map(len, ZH_SCAFFOLDING))
_SCAFFOLD_FIRST = frozenset(word[0] for word in ZH_SCAFFOLDING)
EN_STOPWORDS = vocabulary.words("en_stopwords.txt")

# British spellings folded to one form before stemming.
_SPELLING = (("centre", "center"), ("organis", "organiz"), ("programme", "program"))
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ies", "ed", "es", "s")


# Cue words per question type, checked in file order (how much before how many ...).
# Chinese cues match as substrings; English cues as whole words or word pairs.
_TYPE_CUES: tuple[tuple[QuestionType, tuple[str, ...], frozenset[str]], ...] = tuple(
    (
        QuestionType(kind),
        tuple(zh.split()),
        frozenset(c.strip() for c in en.split(",") if c.strip()),
    )
    for kind, zh, en in vocabulary.rules("question_types.txt")
)


def zh_type_cues() -> list[tuple[str, QuestionType]]:
    """Every Chinese question-type cue with its type, in the order they are checked."""
    return [(cue, kind) for kind, zh_cues, _ in _TYPE_CUES for cue in zh_cues]


_YES_NO_OPENERS = frozenset(["is", "was", "did", "does", "do", "are", "were", "has", "have"])


# A NamedTuple, not a dataclass: it costs a fifth as much to define, on every cold start.
class Tokens(NamedTuple):
    """A text split into what the index and the scorer work on."""

    han: tuple[str, ...]  # runs of Chinese characters, scaffolding removed
    words: tuple[str, ...]  # Latin words, lowercased, stopwords kept
    numbers: tuple[str, ...]


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """The traditional-to-simplified converter, loaded on first use (~5 ms)."""
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def traditional_characters() -> frozenset[str]:
    """Every character that traditional-to-simplified conversion changes."""
    convert = _t2s()
    return frozenset(char for char in map(chr, range(0x3400, 0xA000)) if convert(char) != char)


def fold(text: str, simplify: bool = True) -> str:
    """NFKC, case folding, and (unless told not to) traditional to simplified."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if simplify and has_han(text):
        text = _t2s()(text)
    return text


def word_tokens(folded: str) -> list[str]:
    """A folded text's tokens: Chinese runs, Latin words and numbers, scaffolding kept."""
    tokens: list[str] = _TOKENS.findall(folded)
    return tokens


def occurs_alone(folded: str, name: str, is_word: Callable[[str], bool]) -> bool:
    """True when `name` occurs in `folded` other than inside a longer word.

    `is_word` says whether two characters make a known word: 江西 is not in 汉江西岸 when
    汉江 is a word.
    """
    start = folded.find(name)
    while start >= 0:
        end = start + len(name)
        before = folded[start - 1 : start + 1] if start else ""
        after = folded[end - 1 : end + 1] if end < len(folded) else ""
        if not (len(before) == 2 and is_word(before)) and not (len(after) == 2 and is_word(after)):
            return True
        start = folded.find(name, start + 1)
    return False


def tokenize(text: str, simplify: bool = True) -> Tokens:
    """Fold `text` and split it into Chinese runs, Latin words and numbers."""
    han: list[str] = []
    words: list[str] = []
    numbers: list[str] = []
    for token in _TOKENS.findall(fold(text, simplify)):
        if token[0] <= "9":  # a token starts with a digit, a Latin letter or a character
            numbers.append(token)
        elif token[0] <= "z":
            words.append(token)
        else:
            han += strip_scaffolding(token)
    return Tokens(tuple(han), tuple(words), tuple(numbers))


def strip_scaffolding(run: str) -> list[str]:
    """Split a Chinese run at question words (longest match first), dropping them.

    A loop, not a regular expression of the words: compiling one of a hundred Chinese
    words costs 0.7 ms on every cold start, to save a build 8 µs a fact (measured).
    """
    pieces: list[str] = []
    start = i = 0
    while i < len(run):
        if run[i] not in _SCAFFOLD_FIRST:  # most characters start no question word
            i += 1
            continue
        for size in range(min(_SCAFFOLD_MAX, len(run) - i), 0, -1):
            if run[i : i + size] in ZH_SCAFFOLDING:
                if start < i:
                    pieces.append(run[start:i])
                i += size
                start = i
                break
        else:
            i += 1
    if start < len(run):
        pieces.append(run[start:])
    return pieces


# "Those few" points at things; it does not ask how many (那几个区...吗 is a yes-no question).
_DEMONSTRATIVES = ("这几", "那几")


def question_type(text: str, simplify: bool = True) -> QuestionType:
    """Detect what the question asks for, from its cue words."""
    folded = fold(text, simplify).strip()
    for pointer in _DEMONSTRATIVES:
        folded = folded.replace(pointer, " ")
    words = _TOKENS.findall(folded)
    grams = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    for kind, zh_cues, en_cues in _TYPE_CUES:
        if grams & en_cues or any(cue in folded for cue in zh_cues):
            return kind
    if folded.endswith(("吗", "吗?")) or (words and words[0] in _YES_NO_OPENERS):
        return QuestionType.YES_NO
    return QuestionType.OTHER


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light English stemmer: same input, same stem, on both sides of the match."""
    for old, new in _SPELLING:
        word = word.replace(old, new)
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                break  # not plurals: focus, discuss, basis
            word = word[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(words: tuple[str, ...]) -> list[str]:
    """Latin words that are not question scaffolding."""
    return [w for w in words if w not in EN_STOPWORDS and len(w) > 1]

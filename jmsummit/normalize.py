"""Text normalisation shared by the index and the queries, so both fold alike."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

MAX_QUERY_CHARS = 500  # longer questions are cut here; nobody asks 500 characters

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(rf"[{_HAN}]+|[a-z]+|[0-9]+(?:\.[0-9]+)?")
_HAS_HAN = re.compile(rf"[{_HAN}]")

# Question scaffolding: words that shape a question but carry no content.
# Longest first, so 什么时候 goes before 什么.
ZH_SCAFFOLDING = tuple(
    sorted(
        """请问 请告诉我 告诉我 我想知道 想知道 想问 什么时候 什么时间 什么 哪些 哪个 哪位 在哪里 在哪儿 在哪 哪里 哪儿 哪天
        哪一天 哪一年 哪年 哪家 哪 何时 何地 何处 何人 多少 几个 几项 几家 几 是谁 谁 是否 有没有 有无
        吗 呢 吧 啊 呀 了 的 是 这次 本次 此次 这场 这届 本届 该 一共 总共 共有 都有 都 有 怎么样 怎样
        如何 为何 为什么 么 一下 介绍 关于 主要 叫什么名字 叫什么 名字 叫 时候 些""".split(),
        key=len,
        reverse=True,
    )
)
_ZH_SCAFFOLDING = re.compile("|".join(map(re.escape, ZH_SCAFFOLDING)))

EN_STOPWORDS = frozenset(
    """a an the of in on at to for by with from and or is are was were be been being did do does
    what which who whom whose when where how why many much this that these those it its there
    please tell me about i you we they can could would will should any some all
    s there their his her has have had give show list find""".split()
)

# British spellings folded to one form before stemming.
_SPELLING = (("centre", "center"), ("organis", "organiz"), ("programme", "program"))
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ies", "ed", "es", "s")


class QuestionType(str, Enum):
    """What a question asks for, in either language."""

    WHEN = "when"
    WHO = "who"
    WHERE = "where"
    HOW_MANY = "how-many"
    HOW_MUCH = "how-much"
    WHICH = "which"
    YES_NO = "yes-no"
    OTHER = "other"


_TYPE_CUES: tuple[tuple[QuestionType, re.Pattern[str]], ...] = (
    (QuestionType.HOW_MUCH, re.compile(r"多少钱|金额|多少亿|how much|amount|\bcost")),
    (
        QuestionType.WHEN,
        re.compile(r"什么时候|何时|哪天|哪一天|哪年|几月|几号|日期|时间|\bwhen\b|\bdate|what day|what time|which day|what year"),
    ),
    (QuestionType.HOW_MANY, re.compile(r"多少|几个|几项|几家|几|数量|how many|number of|\bcount")),
    (QuestionType.WHO, re.compile(r"谁|哪位|何人|\bwho\b|\bwhom\b|\bwhose\b")),
    (QuestionType.WHERE, re.compile(r"哪里|哪儿|在哪|何地|何处|地点|\bwhere\b|location")),
    (QuestionType.WHICH, re.compile(r"哪些|哪个|哪|\bwhich\b|\bwhat\b|什么")),
    (QuestionType.YES_NO, re.compile(r"是否|是不是|有没有|吗$|^(is|was|did|does|do|are|were|has|have)\b")),
)


@dataclass(frozen=True)
class Tokens:
    """A text split into what the index and the scorer work on."""

    han: tuple[str, ...]  # runs of Chinese characters, scaffolding removed
    words: tuple[str, ...]  # Latin words, lowercased, stopwords kept
    numbers: tuple[str, ...]


def has_han(text: str) -> bool:
    """True when `text` contains a Chinese character."""
    return _HAS_HAN.search(text) is not None


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """The traditional-to-simplified converter, loaded on first use (~5 ms)."""
    import opencc

    return opencc.OpenCC("t2s").convert  # type: ignore[no-any-return]


def fold(text: str) -> str:
    """NFKC, case folding, traditional to simplified, and unify punctuation to spaces."""
    text = unicodedata.normalize("NFKC", text[:MAX_QUERY_CHARS * 20]).casefold()
    if has_han(text):
        text = _t2s()(text)
    return text


def tokenize(text: str) -> Tokens:
    """Fold `text` and split it into Chinese runs, Latin words and numbers."""
    han: list[str] = []
    words: list[str] = []
    numbers: list[str] = []
    for match in _TOKENS.finditer(fold(text)):
        token = match[0]
        if token[0].isdigit():
            numbers.append(token)
        elif token[0] <= "z":
            words.append(token)
        else:
            han.extend(run for run in _ZH_SCAFFOLDING.split(token) if run)
    return Tokens(tuple(han), tuple(words), tuple(numbers))


def question_type(text: str) -> QuestionType:
    """Detect what the question asks for, from its cue words."""
    folded = fold(text).strip()
    for kind, cue in _TYPE_CUES:
        if cue.search(folded):
            return kind
    return QuestionType.OTHER


def stem(word: str) -> str:
    """A light English stemmer: same input, same stem, on both sides of the match."""
    for old, new in _SPELLING:
        word = word.replace(old, new)
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(words: tuple[str, ...]) -> list[str]:
    """Latin words that are not question scaffolding."""
    return [w for w in words if w not in EN_STOPWORDS and len(w) > 1]

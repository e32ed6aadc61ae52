"""A question read once: everything ranking and the confidence checks read of it.

The engine used to re-fold and re-parse the question in every check (dozens of times a
search), each with its own idea of whether to simplify traditional characters. Now
`read` does it once, and the checks compare this Query with the best fact.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from ..base.models import Entity, EntityKind
from . import gazetteer, vocabulary
from .index import Index
from .normalize import Tokens, fold, has_han, occurs_alone, question_type, tokenize, word_tokens
from .questions import (
    PINYIN_ATTRIBUTES,
    asked_count,
    asks_day,
    asks_for_list,
    asks_place,
    attribute_terms,
    counted_words,
    designators,
    is_year,
    listed_count,
    measures_asked,
    names_an_agent_noun,
    set_aside,
    speaks_of_completion,
    tallied,
)
from .results import QuestionType


class Query(NamedTuple):
    """What a question asks, read once."""

    text: str  # as cleaned: cut to the documented length, control characters dropped
    simplify: bool  # it holds traditional characters, read as simplified
    folded: str  # NFKC, case-folded and (when `simplify`) simplified
    tokens: Tokens  # of the folded text
    kind: QuestionType  # when, who, how many ...
    lists: bool  # it asks which ones (a list), not what one thing is called
    attributes: frozenset[str]  # attributes it names (z: words, e: stems): a price, an office
    counted: tuple[str, ...]  # the X of "how many X", as typed
    tally: tuple[str, str]  # what 多少/几 counts: (classifier, noun), each possibly ""
    measures: tuple[str, ...]  # the measures it asks for (多高: height; how long: length, duration)
    asks_place: bool  # it asks where (哪里, where), not which of something (在哪些领域)
    asks_day: bool  # it asks on which day (哪天, what date), not only when
    asks_completion: bool  # it asks when something opens or is completed (通车, open)
    designators: tuple[str, ...]  # letters it names parts by (E区, zone E: "e")
    new_year: str  # a year it names that no fact mentions ("" for none)
    entities: tuple[Entity, ...]  # the registry's entities it names, the base's setting aside
    agent: bool  # it asks who (a person or an organization), not who a named person is
    excluded: tuple[Entity, ...]  # what it sets aside (除了华大基因, besides BGI): not the answer
    wants: int  # how many things it asks to be named (哪四化, what are the ten ...), or 0
    named: frozenset[str]  # ids of every entity it names, the setting too
    places: tuple[tuple[str, ...], ...]  # the listed places it names, each in all its forms
    lone_word: str  # the question is this one English word (not pinyin, not initials), or ""


def read(index: Index, text: str) -> Query:
    """Read a cleaned question against the index (its words, syllables and registry)."""
    simplify = not index.traditional.isdisjoint(text)
    folded = fold(text, simplify)
    tokens = tokenize(text, simplify)
    attributes = attribute_terms(text, simplify)
    named = index.finder.named(folded)
    # Runs of adjacent words, for pinyin typed split or whole (once: a long question has many).
    spans = spans_of(tokens.words) if not has_han(text) else set()
    if _is_pinyin(index, tokens):
        attributes |= {term for spelled, term in PINYIN_ATTRIBUTES.items() if spelled in spans}
        named = list(dict.fromkeys((*named, *_pinyin_named(index, tokens.words))))
    knows = _known_pair(index)
    kind = _kind(index, text, folded, spans, simplify)
    lists = asks_for_list(text, simplify)
    return Query(
        text=text,
        simplify=simplify,
        folded=folded,
        tokens=tokens,
        kind=kind,
        lists=lists,
        attributes=attributes,
        counted=counted_words(text, simplify),
        tally=tallied(folded),
        measures=measures_asked(folded),
        asks_place=kind is QuestionType.WHERE and asks_place(folded),
        asks_day=asks_day(folded),
        asks_completion=kind is QuestionType.WHEN and speaks_of_completion(folded),
        designators=designators(text, folded),
        new_year=next((n for n in tokens.numbers if is_year(n) and not index.has("n:" + n)), ""),
        entities=tuple(e for e in named if e.id not in index.setting),
        agent=_asks_for_agent(kind, folded, tokens, named),
        excluded=set_aside(folded, named),
        wants=_wants(folded, kind, lists),
        named=frozenset(e.id for e in named),
        places=tuple(gazetteer.places_named(text, knows, simplify)),
        lone_word=_lone_word(index, text, tokens),
    )


# Questions that ask for a figure, a date or a yes: a number in them is not how many to name.
_FIGURES = (QuestionType.HOW_MANY, QuestionType.HOW_MUCH, QuestionType.WHEN, QuestionType.YES_NO)


def _wants(folded: str, kind: QuestionType, lists: bool) -> int:
    """How many things the question asks to be named (哪四化; list all ten), or 0."""
    if kind in _FIGURES:
        return 0
    words = word_tokens(folded)  # digits too: "what are the 3 sub-forums"
    asked = asked_count(folded, words)
    return asked or (listed_count(folded, words) if lists else 0)


def _asks_for_agent(
    kind: QuestionType, folded: str, tokens: Tokens, named: Sequence[Entity]
) -> bool:
    """True when the answer must name a person or an organization: who built it, which firm.

    "Who is Zhang Yitao" asks what the person it names is, not for someone else.
    """
    if kind is QuestionType.WHO:
        return not any(e.kind is EntityKind.PERSON for e in named)
    return kind is QuestionType.WHICH and names_an_agent_noun(folded, tokens.words)


def _lone_word(index: Index, text: str, tokens: Tokens) -> str:
    """The question's one English word, when that is all it is ("help"), else "".

    Pinyin (zhangyitao) and initials (zbdw) are left out: they are spellings of Chinese.
    """
    words = tokens.words
    if len(words) != 1 or has_han(text) or tokens.numbers:
        return ""
    word = words[0]
    if index.has("i:" + word) or segment(word, index.syllables):
        return ""
    return word


def _known_pair(index: Index) -> Callable[[str], bool]:
    """Whether two characters make a word the base knows (汉江 in 汉江西岸: not 江西)."""
    return lambda pair: index.has("z:" + pair)


def _kind(index: Index, text: str, folded: str, spans: set[str], simplify: bool) -> QuestionType:
    """The question type: from its cue words, 为什么 only where it means why, or pinyin.

    `spans` are the runs of the question's words, joined (empty for a Chinese question).
    """
    kind = question_type(text, simplify)
    if kind is QuestionType.WHY and not _asks_why(index, folded):
        kind = question_type(folded.replace("为什么", "什么"), False)  # 成为什么: becomes what
    if kind is QuestionType.OTHER:
        kind = next((k for cue, k in index.pinyin_cues if cue in spans), QuestionType.OTHER)
    return kind


def _asks_why(index: Index, folded: str) -> bool:
    """False when the only why-cue is 为什么 inside a word: 成为什么 asks what it becomes.

    为 belongs to the word before it when that pair is a verb ending in 为 (vocab/wei_verbs.txt)
    or a word the base knows, as occurs_alone decides for place names.
    """
    # The why-rule's other cues (为何, 为啥 …) are unambiguous; only 为什么 may be 为 + 什么.
    cues = [
        c
        for kind, zh, _ in vocabulary.rules("question_types.txt")
        if kind == "why"
        for c in zh.split()
    ]
    if "为什么" not in folded or any(cue in folded for cue in cues if cue != "为什么"):
        return True
    verbs = vocabulary.words("wei_verbs.txt")
    return occurs_alone(folded, "为什么", lambda pair: pair in verbs or index.has("z:" + pair))


def _is_pinyin(index: Index, tokens: Tokens) -> bool:
    """True when every word of the question but its pinyin question words is pinyin syllables.

    Only then are its words read as spellings of Chinese: "human" and "panda" spell pinyin
    too, and an English question must not name 胡曼 by them.
    """
    if tokens.han:
        return False
    syllabic = [word for word in tokens.words if word not in index.pinyin_scaffolding]
    return bool(syllabic) and all(segment(word, index.syllables) for word in syllabic)


def _pinyin_named(index: Index, words: tuple[str, ...]) -> list[Entity]:
    """The entities a pinyin question names, typed split or whole (huada jiyin, zhangyitao).

    Adjacent words must spell a name exactly ("hua da" is not 华大基因), leftmost-longest as
    the Chinese finder reads: a name inside a longer one named (zhongjian sanju inside
    zhongjian sanju yi gongsi) is not named apart.
    """
    names = index.pinyin_names
    found: list[Entity] = []
    start = 0
    while start < len(words):
        end = len(words)
        while end > start and "".join(words[start:end]) not in names:
            end -= 1
        if end > start:
            found.append(names["".join(words[start:end])])
            start = end
        else:
            start += 1
    return found


def spans_of(words: tuple[str, ...]) -> set[str]:
    """Every run of adjacent words, joined: pinyin may be typed split or whole."""
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


@lru_cache(maxsize=256)
def segment(word: str, syllables: frozenset[str]) -> tuple[str, ...] | None:
    """Fewest-syllable split of `word` into known pinyin syllables, or None."""
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            head = best[start]
            if head is not None and word[start:end] in syllables:
                candidate = (*head, word[start:end])
                current = best[end]
                if current is None or len(candidate) < len(current):
                    best[end] = candidate
    return best[len(word)]

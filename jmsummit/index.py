"""The search index: every fact's searchable terms, weighted, with inverted postings.

Terms are strings with a one-letter channel prefix:
  z:  Chinese character unigrams and bigrams (works on unsegmented text)
  e:  English word stems
  n:  numbers
  p:  toneless pinyin syllables and syllable bigrams of the Chinese key fields
  i:  pinyin initials of each Chinese key phrase (主办单位 -> zbdw)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import IntEnum

from .models import DateRange, Fact, Money
from .normalize import (
    ZH_SCAFFOLDING,
    QuestionType,
    Tokens,
    content_words,
    stem,
    title_kinds,
    tokenize,
    traditional_characters,
)


class Field(IntEnum):
    """Where in a fact a term was found; the order is the order of trust."""

    TITLE = 0
    ALIAS = 1
    VALUE = 2
    CATEGORY = 3
    ANSWER = 4
    EVIDENCE = 5


FIELD_WEIGHT = {
    Field.TITLE: 1.0,
    Field.ALIAS: 1.0,
    Field.VALUE: 0.9,
    Field.CATEGORY: 0.7,
    Field.ANSWER: 0.8,
    Field.EVIDENCE: 0.8,
}


@dataclass(frozen=True)
class Index:
    """Inverted postings plus per-term weights; built once, cached, then read-only."""

    facts: tuple[Fact, ...]
    postings: dict[str, dict[int, int]]  # term -> fact number -> Field (best one)
    idf: dict[str, float]
    # Per fact: terms of its title and of each alias, with their summed IDF.
    phrases: tuple[tuple[tuple[frozenset[str], float], ...], ...]
    title_kinds: tuple[frozenset[QuestionType], ...]  # question types each title says it answers
    syllables: frozenset[str]  # every pinyin syllable seen, for segmenting queries
    pinyin_scaffolding: frozenset[str]  # question words spelt in pinyin (shenme, naxie ...)
    traditional: frozenset[str]  # characters that need conversion: queries without any skip OpenCC
    vocabulary: tuple[str, ...]  # English words seen, for typo correction

    unknown_weight: float  # the IDF of a term no fact has: it weighs most

    def weight(self, term: str) -> float:
        """IDF of a term; a term no fact has weighs most (it is unexplained content)."""
        return self.idf.get(term, self.unknown_weight)


def han_terms(run: str) -> Iterator[str]:
    """Character unigrams and bigrams of a run of Chinese characters."""
    for i, char in enumerate(run):
        yield "z:" + char
        if i + 1 < len(run):
            yield "z:" + run[i : i + 2]


def text_terms(text: str) -> Iterator[str]:
    """The z:, e: and n: terms of any text."""
    return token_terms(tokenize(text))


def token_terms(tokens: Tokens) -> Iterator[str]:
    """The z:, e: and n: terms of tokenized text."""
    for run in tokens.han:
        yield from han_terms(run)
    for word in content_words(tokens.words):
        yield "e:" + stem(word)
    for number in tokens.numbers:
        yield "n:" + number


def pinyin_terms(syllables: list[str]) -> Iterator[str]:
    """Syllable unigrams and bigrams."""
    for i, syllable in enumerate(syllables):
        yield "p:" + syllable
        if i + 1 < len(syllables):
            yield "p:" + syllable + syllables[i + 1]


def value_texts(fact: Fact) -> list[str]:
    """The searchable strings inside a fact's typed value."""
    value = fact.value
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str):
        return [value]
    if isinstance(value, Money):
        return [f"{value.amount:g}{value.unit}"]
    if isinstance(value, DateRange):
        return [value.start.isoformat(), value.end.isoformat()]
    return [] if value is None else [str(value)]


def fields_of(fact: Fact) -> Iterator[tuple[Field, str]]:
    """Every searchable text of a fact with the field it sits in."""
    yield Field.TITLE, fact.title
    yield Field.TITLE, fact.title_en
    for alias in fact.aliases:
        yield Field.ALIAS, alias
    for text in value_texts(fact):
        yield Field.VALUE, text
    yield Field.CATEGORY, fact.category
    yield Field.ANSWER, fact.answer
    yield Field.ANSWER, fact.answer_en
    for phrase in fact.source.evidence:
        yield Field.EVIDENCE, phrase


def build(facts: Iterable[Fact]) -> Index:
    """Build the index; imports pypinyin, so callers cache the result."""
    from pypinyin import Style, lazy_pinyin

    fact_list = tuple(facts)
    postings: dict[str, dict[int, int]] = {}
    phrase_terms: list[tuple[frozenset[str], ...]] = []
    syllables: set[str] = set()
    vocabulary: set[str] = set()

    def post(number: int, field: Field, terms: Iterable[str]) -> None:
        for term in terms:
            slot = postings.setdefault(term, {})
            if number not in slot or field < slot[number]:
                slot[number] = field

    def spell(run: str) -> list[str]:
        return [s for s in lazy_pinyin(run, style=Style.NORMAL) if s.isalpha()]

    for number, fact in enumerate(fact_list):
        phrase_terms.append(
            tuple(
                frozenset(text_terms(text))
                | frozenset(t for run in tokenize(text).han for t in pinyin_terms(spell(run)))
                for text in (fact.title, fact.title_en, *fact.aliases)
            )
        )
        for field, text in fields_of(fact):
            tokens = tokenize(text)
            post(number, field, token_terms(tokens))
            vocabulary.update(w for w in tokens.words if len(w) > 2)
            if field in (Field.TITLE, Field.ALIAS, Field.VALUE, Field.EVIDENCE) and tokens.han:
                spelled_runs = [spell(run) for run in tokens.han]
                for spelled in spelled_runs:
                    syllables.update(spelled)
                    post(number, field, pinyin_terms(spelled))
                    post(number, field, ["i:" + "".join(s[0] for s in spelled)])
                post(number, field, ["i:" + "".join(s[0] for run in spelled_runs for s in run)])

    total = len(fact_list)
    idf = {
        term: math.log(1 + (total - len(slot) + 0.5) / (len(slot) + 0.5))
        for term, slot in postings.items()
    }
    unknown = math.log(1 + (total + 0.5) / 0.5)
    phrases = tuple(
        tuple((terms, sum(idf.get(t, unknown) for t in terms)) for terms in fact_phrases)
        for fact_phrases in phrase_terms
    )
    return Index(
        facts=fact_list,
        postings=postings,
        idf=idf,
        phrases=phrases,
        title_kinds=tuple(title_kinds(fact.title_en) for fact in fact_list),
        unknown_weight=unknown,
        syllables=frozenset(syllables),
        # "shei" is the everyday reading of 谁 that pypinyin spells "shui".
        pinyin_scaffolding=frozenset(["shei", *("".join(spell(w)) for w in ZH_SCAFFOLDING)]),
        vocabulary=tuple(sorted(vocabulary)),
        traditional=traditional_characters(),
    )

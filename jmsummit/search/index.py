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
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from typing import Final

from ..base.models import DateRange, Fact, Money
from .normalize import (
    ZH_SCAFFOLDING,
    Tokens,
    content_words,
    stem,
    title_kinds,
    tokenize,
    traditional_characters,
    zh_type_cues,
)
from .results import QuestionType


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


# A posting packs a fact number and the field it was found in into one unsigned int.
FIELD_BITS = 3
FIELD_MASK = (1 << FIELD_BITS) - 1
_UINT: Final = "I"  # array / memoryview type code of a packed posting
_UINT_BYTES = array(_UINT).itemsize
_FIELDS = tuple(Field)  # by number, faster than calling Field()
# _FIELDS[packed & FIELD_MASK] needs Field numbered 0, 1, 2 ... within FIELD_BITS.
assert [f.value for f in _FIELDS] == list(range(len(_FIELDS))) and len(_FIELDS) <= FIELD_MASK + 1


@dataclass(frozen=True)
class Entry:
    """One fact plus what the scorer needs of it: decoded only when the fact is a candidate."""

    fact: Fact
    # Terms of the fact's title and of each alias, with their summed IDF.
    phrases: tuple[tuple[frozenset[str], float], ...]
    title_kinds: frozenset[QuestionType]  # question types the title says it answers
    words: frozenset[str]  # English words of the title and aliases, unstemmed: breaks ties


@dataclass(frozen=True)
class Index:
    """Inverted postings and per-fact entries, kept as bytes until a query needs them.

    Loading from the cache unpickles only flat bytes and strings (fast at any size);
    a query decodes the postings of its own terms and the entries of its candidates.
    """

    size: int  # number of facts
    postings: dict[str, bytes]  # term -> packed (fact << FIELD_BITS | Field), ascending
    categories: tuple[str, ...]  # per fact, for filtering without decoding entries
    entries: tuple[bytes, ...]  # per fact, a pickled Entry
    syllables: frozenset[str]  # every pinyin syllable seen, for segmenting queries
    pinyin_scaffolding: frozenset[str]  # question words spelt in pinyin (shenme, naxie ...)
    pinyin_cues: tuple[tuple[str, QuestionType], ...]  # question-type cues in pinyin (shijian)
    traditional: str  # characters that need conversion: queries without any skip OpenCC
    vocabulary: tuple[str, ...]  # English words seen, for typo correction
    _decoded: dict[int, Entry] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __getstate__(self) -> dict[str, object]:
        """Pickle without the decoded entries: the cache holds bytes only."""
        return {**self.__dict__, "_decoded": {}}

    @property
    def unknown_weight(self) -> float:
        """The IDF of a term no fact has: it weighs most (it is unexplained content)."""
        return idf(self.size, 0)

    def has(self, term: str) -> bool:
        """True when some fact has this term."""
        return term in self.postings

    def weight(self, term: str) -> float:
        """IDF of a term, from the length of its postings."""
        return idf(self.size, len(self.postings.get(term, b"")) // _UINT_BYTES)

    def packed(self, term: str) -> Sequence[int]:
        """The term's postings: (fact number << FIELD_BITS | Field), ascending, no copy."""
        return memoryview(self.postings.get(term, b"")).cast(_UINT)

    def field_of(self, term: str, number: int) -> Field | None:
        """The field in which fact `number` has the term, or None (a binary search)."""
        postings = self.packed(term)
        at = bisect_left(postings, number << FIELD_BITS)
        if at < len(postings) and postings[at] >> FIELD_BITS == number:
            return _FIELDS[postings[at] & FIELD_MASK]
        return None

    def entry(self, number: int) -> Entry:
        """The decoded entry of fact `number` (decoded once, then kept)."""
        found = self._decoded.get(number)
        if found is None:
            import pickle

            found = self._decoded[number] = pickle.loads(self.entries[number])
        return found

    def fact(self, number: int) -> Fact:
        """Fact `number`."""
        return self.entry(number).fact

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact, in base order (decodes them all: for listing, not for queries)."""
        return tuple(self.fact(number) for number in range(self.size))


def idf(total: int, count: int) -> float:
    """BM25's IDF of a term found in `count` of `total` facts."""
    return math.log(1 + (total - count + 0.5) / (count + 0.5))


def han_terms(run: str) -> Iterator[str]:
    """Character unigrams and bigrams of a run of Chinese characters."""
    for i, char in enumerate(run):
        yield "z:" + char
        if i + 1 < len(run):
            yield "z:" + run[i : i + 2]


def token_terms(tokens: Tokens) -> Iterator[str]:
    """The z:, e: and n: terms of tokenized text."""
    for run in tokens.han:
        yield from han_terms(run)
    for word in content_words(tokens.words):
        yield "e:" + stem(word)
    for number in tokens.numbers:
        yield "n:" + number


def pinyin_terms(syllables: Sequence[str]) -> Iterator[str]:
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


# Fields whose Chinese is also indexed as pinyin (answers are long: their pinyin is noise).
_SPELLED_FIELDS = frozenset({Field.TITLE, Field.ALIAS, Field.VALUE, Field.EVIDENCE})


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


Progress = Callable[[int, int], None]  # (facts done, facts in all)
PROGRESS_EVERY = 250


def build(facts: Iterable[Fact], progress: Progress | None = None) -> Index:
    """Build the index, reporting progress; imports pypinyin, so callers cache the result."""
    import pickle

    from pypinyin import Style, lazy_pinyin

    fact_list = tuple(facts)
    postings: dict[str, dict[int, int]] = {}
    phrase_terms: list[tuple[frozenset[str], ...]] = []
    syllables: set[str] = set()
    vocabulary: set[str] = set()

    def post(number: int, field: Field, terms: Iterable[str]) -> None:
        for term in terms:
            slot = postings.setdefault(term, {})
            if slot.get(number, field) >= field:
                slot[number] = field

    @lru_cache(maxsize=65_536)
    def spell(run: str) -> tuple[str, ...]:
        return tuple(s for s in lazy_pinyin(run, style=Style.NORMAL) if s.isalpha())

    @lru_cache(maxsize=65_536)
    def analyse(text: str) -> tuple[Tokens, tuple[str, ...]]:
        tokens = tokenize(text)
        return tokens, tuple(token_terms(tokens))

    @lru_cache(maxsize=65_536)
    def pinyin_of(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The p: terms of the text's Chinese runs, and their i: initials terms.

        Also adds the runs' syllables to `syllables`: once per distinct text (the cache
        skips repeats), which is all a set needs.
        """
        runs = [spell(run) for run in analyse(text)[0].han]
        initials = ["".join(s[0] for s in run) for run in runs]
        pinyin = tuple(t for run in runs for t in pinyin_terms(run))
        syllables.update(s for run in runs for s in run)
        return pinyin, tuple("i:" + i for i in (*initials, "".join(initials)) if i) if runs else ()

    for number, fact in enumerate(fact_list):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(fact_list))
        phrase_terms.append(
            tuple(
                frozenset(analyse(text)[1] + pinyin_of(text)[0])
                for text in (fact.title, fact.title_en, *fact.aliases)
            )
        )
        for field_, text in fields_of(fact):
            tokens, terms = analyse(text)
            post(number, field_, terms)
            vocabulary.update(w for w in tokens.words if len(w) > 2)
            if field_ in _SPELLED_FIELDS:
                pinyin, initials = pinyin_of(text)
                post(number, field_, pinyin + initials)

    total = len(fact_list)
    if progress is not None:
        progress(total, total)
    weights = {term: idf(total, len(slot)) for term, slot in postings.items()}
    unknown = idf(total, 0)
    entries = tuple(
        pickle.dumps(
            Entry(
                fact,
                tuple((terms, sum(weights.get(t, unknown) for t in terms)) for terms in phrases),
                title_kinds(fact.title_en),
                frozenset(
                    w for text in (fact.title_en, *fact.aliases) for w in analyse(text)[0].words
                ),
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        for fact, phrases in zip(fact_list, phrase_terms, strict=True)
    )
    return Index(
        size=total,
        postings={
            term: array(_UINT, sorted(n << FIELD_BITS | f for n, f in slot.items())).tobytes()
            for term, slot in postings.items()
        },
        categories=tuple(fact.category for fact in fact_list),
        entries=entries,
        syllables=frozenset(syllables),
        # "shei" is the everyday reading of 谁 that pypinyin spells "shui".
        pinyin_scaffolding=frozenset(["shei", *("".join(spell(w)) for w in ZH_SCAFFOLDING)]),
        # Short spellings (ji, na) are parts of too many words to signal anything.
        pinyin_cues=tuple(
            (spelled, kind)
            for cue, kind in zh_type_cues()
            for spelled in ["shei" if cue == "谁" else "".join(spell(cue))]
            if len(spelled) >= 4
        ),
        vocabulary=tuple(sorted(vocabulary)),
        traditional="".join(sorted(traditional_characters())),
    )

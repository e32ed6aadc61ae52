"""The search engine: a question in, ranked matches out. Pure; never prints.

Scoring: the query becomes weighted slots (Chinese character unigrams and
bigrams, English stems, numbers, pinyin syllables, initials). A fact's
recall is the IDF-weighted share of slots it covers, each slot counted at the
trust of the field it was found in. Only the CANDIDATES facts leading on recall
get the full score: a share of title precision (toward the fact that is *about*
the query), the exact English word forms as a tie-breaker, and a factor for how
the question type (when/who/how many ...) fits the fact's typed value and title.

Confidence: the best fact must score THRESHOLD, match a whole word, and pass
checks for what the question asks that the fact may not state: a named
attribute (a price, a designer), the X of "how many X", names where the fact
holds only a count (or a numbered group: 十大工程), a year no fact mentions, a
place the fact does not mention (Wuhan's mayor), another one of a series (第一批
is not 第二批), a qualified office (副书记 is not 书记), a time for "when", a
figure for "how many", money for "how much", a reason for "why", an entity of the
registry the fact is not about (named in Chinese, English or pinyin), for "who" or
"which company" a person or an organization beyond those the question names (a list of
kinds of people answers "who", not "which company"), for "where" a place beyond those it
names, for "besides X" another of X's kind that the question does not name and that is
not the base's setting, as many names as a question asking (or listing) N things
wants, a figure in a unit of the measure asked for (多高: meters; how long: a length or
a time), for "how many X" a figure of X itself when the fact names X, the part a letter
names (E区), for "which day" a day, and for when something opens or is completed a fact
that speaks of that. A question that fails any of them gets "did you mean", not an
answer.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import compress
from typing import NamedTuple

from ..base.models import DateRange, Entity, EntityKind, Fact, ValueKind
from ..errors import QueryError
from . import gazetteer, query
from .index import (
    FIELD_BITS,
    FIELD_MASK,
    FIELD_WEIGHT,
    DamagedIndex,
    Dense,
    Entry,
    Field,
    Index,
    Postings,
    han_terms,
    pairs,
    pinyin_terms,
)
from .normalize import (
    MAX_QUERY_CHARS,
    content_words,
    fold,
    stem,
    word_tokens,
)
from .query import Query, segment
from .questions import (
    EN_QUALIFIERS,
    counts_tallied,
    counts_words,
    items_named,
    names_a_group,
    ordinal_mismatch,
    parts_named,
    qualifier_mismatch,
    speaks_of_completion,
    states_day,
    states_location,
    states_measure,
    states_money,
    states_number,
    states_reason,
    states_time,
)
from .results import Explanation, Match, QuestionType, Reason, Result
from .traits import Traits, date_precision

THRESHOLD = 55.0  # below this, "no confident answer"
TYPE_BOOST = 1.1
TYPE_PENALTY = 0.85
PHRASE_SHARE = 0.2
CANDIDATES = 20  # facts that get the (costlier) phrase-precision score, at least
TYPO_CUTOFF = 78.0
NUMBER_WEIGHT = 2.0
UNKNOWN_EN = 0.35  # an English word no fact uses: more often a paraphrase than a topic
SURFACE_SHARE = 0.02  # a tie-breaker, not a signal
MISFIT = 0.7  # when/who/where asked of a fact that is none of these
_LOAD_STEP = 32  # candidates read at a time at first (then as many as were read before)
_PLAIN_KINDS = (QuestionType.WHEN, QuestionType.WHO, QuestionType.WHERE)

_NUMERIC_KINDS = {
    QuestionType.HOW_MANY: (ValueKind.COUNT, ValueKind.MONEY, ValueKind.LIST),
    QuestionType.HOW_MUCH: (ValueKind.MONEY, ValueKind.COUNT),
}


# A NamedTuple, not a dataclass: it costs a fifth as much to define, on every cold start.
class _Slot(NamedTuple):
    """One unit of query meaning: alternative terms, any of which satisfies it."""

    terms: tuple[str, ...]
    weight: float
    phrase: bool  # a multi-character Chinese or pinyin term: evidence of a real word
    words: tuple[str, ...] = ()  # an English slot's word as typed (or as corrected)


class _Asked(NamedTuple):
    """What the question asks for, read once: its type, and whether it wants a list."""

    kind: QuestionType
    lists: bool


class _Scored(NamedTuple):
    """A fact's score under one reading of the query, and that reading's slots."""

    score: float
    phrase: bool  # it matched a whole word, where the query needs one
    slots: tuple[_Slot, ...]
    parts: tuple[float, float, float] = (0.0, 0.0, 1.0)  # coverage, precision, fit: --explain


def clean_query(query: str) -> str:
    """Cut to the documented maximum, drop control characters; reject blanks."""
    text = "".join(c if c.isprintable() else " " for c in query[:MAX_QUERY_CHARS])
    if not text.strip():
        raise QueryError("the question is empty")
    return text.strip()


def search(
    index: Index, query: str, limit: int | None = None, category: str | None = None
) -> Result:
    """Rank the facts (of one category, if given) against `query`, best first.

    With a `limit` and no category, only the facts leading on recall get the full score;
    otherwise every matching fact does.
    """
    text = clean_query(query)
    try:
        return _search(index, text, limit, category)
    except DamagedIndex:  # a cache file that fails a check mid-query: rebuild, ask again
        index.recover()
        return _search(index, text, limit, category)


def _search(index: Index, text: str, limit: int | None, category: str | None) -> Result:
    """`search` on a cleaned query."""
    q = query.read(index, text)
    asked = _Asked(q.kind, q.lists)
    candidates = None if limit is None or category is not None else max(CANDIDATES, limit)
    shown = None if candidates is None else limit
    scored: dict[int, _Scored] = {}
    for slots in _interpretations(index, q):
        for number, found in _score(index, slots, asked, candidates, shown).items():
            if number not in scored or found.score > scored[number].score:
                scored[number] = found
    if category is not None:
        scored = {n: found for n, found in scored.items() if index.category(n) == category}
    ranked = sorted(scored.items(), key=lambda item: (-item[1].score, item[0]))
    doubt = _doubt(index, ranked[0], q) if ranked else ""
    matches = tuple(
        Match(
            index.fact(number),
            round(min(100.0, found.score), 1),
            _reasons(_hits(index, found.slots, number)),
            Explanation(
                round(found.parts[0], 3),
                round(found.parts[1], 3),
                round(found.parts[2], 3),
                _passed(q) if rank == 0 and not doubt else (),
            ),
        )
        for rank, (number, found) in enumerate(ranked[:limit])
    )
    return Result(text, q.kind, matches, bool(ranked) and not doubt, doubt)


def _passed(q: Query) -> tuple[str, ...]:
    """The confidence checks an answer has passed, in words (see the module doc)."""
    checks = [
        f"scores at least the threshold of {THRESHOLD:g}",
        "shares a whole word with the question, not just single characters",
        "states every attribute the question names (a price, a designer, a length …)",
        "mentions every place, year, series number and office the question names",
        "is about every organization, person, place and project the question names",
    ]
    needs = {
        QuestionType.WHEN: "gives a date or time, as a 'when' question needs",
        QuestionType.HOW_MANY: "gives a figure, as a 'how many' question needs",
        QuestionType.HOW_MUCH: "gives a sum of money, as a 'how much' question needs",
        QuestionType.WHICH: "names the things a 'which' question asks for",
        QuestionType.WHY: "gives a reason or a purpose, as a 'why' question needs",
    }
    if q.kind in needs:
        checks.append(needs[q.kind])
    asked = (
        (q.agent, "names a person or an organization the question does not, as it asks for one"),
        (q.excluded, "names another of the kind of what the question sets aside (besides X)"),
        (q.wants, f"names the {q.wants} things the question asks for"),
        (q.asks_place, "names a place the question does not, or says where the thing is"),
        (q.measures, f"gives a {' or '.join(q.measures)} in its units, as the question asks"),
        (
            q.kind is QuestionType.HOW_MANY and (any(q.tally) or q.counted),
            "gives a figure of what the question counts, where it names that",
        ),
        (q.designators, f"names {', '.join(q.designators).upper()}, the part the question names"),
        (q.asks_day, "gives a day, as the question asks which day"),
        (q.asks_completion, "speaks of an opening or a completion, as the question asks when"),
    )
    checks += [passed for applies, passed in asked if applies]
    return tuple(checks)


def _doubt(index: Index, best: tuple[int, _Scored], q: Query) -> str:
    """Why the best-scored fact is not a confident answer ("" when it is)."""
    number, found = best
    if found.score < THRESHOLD:
        return f"scores under the threshold of {THRESHOLD:g}"
    if not found.phrase:
        return "shares single characters with the question, but no word"
    return _unasked(index, number, q)


def _unasked(index: Index, number: int, q: Query) -> str:
    """Which check a well-scored fact fails (see module doc), in words; "" for none."""
    fact = index.fact(number)
    unstated = _unstated(index, number, q.attributes)
    counted = [w for w in q.counted if not _names(index, number, w)]
    stranger = _not_about(fact, q.entities)
    alone = _nothing_besides(fact, q, index.setting)
    place = _elsewhere(index, fact, q.places)
    texts = _texts(index, fact)
    said = _said(index, fact)
    uncounted = _uncounted(fact, q, said)
    unnamed = sorted(set(q.designators) - parts_named(said))
    checks = (
        (bool(unstated), f"does not state {', '.join(unstated)}"),
        (not _gives_what_kind_needs(fact, q.kind, said), f"gives no {_NEEDED.get(q.kind, '')}"),
        (_misqualified(texts, q), "is about another office (副, deputy, vice)"),
        (ordinal_mismatch(q.text, texts, q.simplify), "is about another of the series"),
        (bool(counted), f"does not name the {' '.join(counted)} counted"),
        (_names_a_count(fact, q), "counts them but names none"),
        (bool(q.new_year), f"is not about {q.new_year}: no fact mentions that year"),
        (bool(stranger), f"is not about {stranger}"),
        (bool(alone), f"names nothing besides {alone}, which the question sets aside"),
        (q.agent and not _names_someone_new(fact, q), f"names {_NOBODY}"),
        (_names_fewer(fact, q.wants), f"names fewer than the {q.wants} asked for"),
        (bool(place), f"does not mention {place}"),
        (_placeless(index, fact, q, said), "names no place beyond those the question names"),
        (_unmeasured(fact, q, said), f"gives no {' or '.join(q.measures)}"),
        (bool(uncounted), f"gives no count of {uncounted}"),
        (bool(unnamed), f"does not name {', '.join(unnamed).upper()} (the part asked)"),
        (q.asks_day and not _gives_a_day(fact, said), "gives no day"),
        (
            q.asks_completion and not speaks_of_completion(said),
            "gives no time of opening or completion, as the question asks",
        ),
        (_lone_word_unmatched(index, number, q), f"has {q.lone_word!r} only inside a longer alias"),
    )
    return next((why for failed, why in checks if failed), "")


def _lone_word_unmatched(index: Index, number: int, q: Query) -> bool:
    """True when a one-word question ("help") meets the fact only inside a longer alias.

    A single word is a keyword lookup: it should name the fact (a title word, or a whole
    alias), not be one word of an alias phrase ("help Jingmen").
    """
    if not q.lone_word:
        return False
    slot = _word_slot(index, q.lone_word)  # the word as typed, and as corrected
    stems = {stem(word) for word in slot.words}
    if any(stem(alias.casefold()) in stems for alias in index.fact(number).aliases):
        return False
    return all(index.field_of(term, number) is not Field.TITLE for term in slot.terms)


_NEEDED = {
    QuestionType.WHEN: "date or time",
    QuestionType.HOW_MANY: "figure",
    QuestionType.HOW_MUCH: "sum of money",
    QuestionType.WHY: "reason or purpose",
}


def _gives_what_kind_needs(fact: Fact, kind: QuestionType, said: str) -> bool:
    """False when the fact is on topic but cannot answer the question's type.

    A when question needs a date or a time word in the fact; how many needs a figure
    (a list of kinds, such as the groups who attended, does not count people); how much
    needs a sum of money; why needs a reason or a purpose. Only what the fact says (`said`)
    counts, not its aliases: those are the questions it is found by.
    """
    if kind is QuestionType.WHEN:
        return fact.value_kind is ValueKind.DATE or states_time(said)
    if kind is QuestionType.HOW_MUCH:
        return fact.value_kind is ValueKind.MONEY or states_money(said)
    if kind is QuestionType.HOW_MANY:
        return fact.value_kind in (ValueKind.COUNT, ValueKind.MONEY) or states_number(said)
    if kind is QuestionType.WHY:
        return states_reason(said)
    return True


def _unstated(index: Index, number: int, attributes: frozenset[str]) -> list[str]:
    """The attributes the question asks for that the fact never mentions, as words.

    Chinese attributes (z:) are looked for in the fact's texts, so words of any length
    count (第一届); English ones (e:) as stems in the index (designer, designed).
    """
    if not attributes:
        return []
    said = fold("\n".join(_texts(index, index.fact(number))), simplify=False)
    return sorted(
        term[2:]
        for term in attributes
        if (term[2:] not in said if term.startswith("z:") else index.field_of(term, number) is None)
    )


def _texts(index: Index, fact: Fact, aliases: bool = True) -> tuple[str, ...]:
    """The texts of a fact a reader sees or searches (titles, answers, aliases), simplified.

    The checks compare them with the simplified question: a fact written in traditional
    characters must read the same as one in simplified ones.
    """
    texts: tuple[str, ...] = (fact.title, fact.title_en, fact.answer, fact.answer_en)
    texts += fact.aliases if aliases else ()
    traditional = index.traditional
    return tuple(fold(t) if not traditional.isdisjoint(t) else t for t in texts)


def _said(index: Index, fact: Fact) -> str:
    """What the fact says (titles and answers, not the aliases it is found by), folded."""
    return fold("\n".join(_texts(index, fact, aliases=False)), simplify=False)


def _names_a_count(fact: Fact, q: Query) -> bool:
    """True when the question asks which ones (names, a list) and the fact holds only a count.

    A count whose answer enumerates the things counted (A、B、C、D、E区) names them.
    """
    counted = fact.value_kind is ValueKind.COUNT or (
        isinstance(fact.value, str) and names_a_group(fact.value)
    )
    return counted and q.lists and items_named(fact.answer) < 2


def _not_about(fact: Fact, named: tuple[Entity, ...]) -> str:
    """An entity the question names that the fact is not about, as "English (中文)", or "".

    The registry says what each fact is about; a question naming the convention center
    is not answered by a fact about the agreements, however well the rest matches. The
    base's setting (the summit, Jingmen), named by most questions, is left out of `named`.
    A fact about an entity whose name holds another's is about that one too: the 2017
    中国新型城市论坛荆门峰会 is an edition of the 中国新型城市论坛, the 全国首批特色小镇 a batch
    of the 特色小镇.
    """
    about = {entity.id for entity in fact.entities}
    names = [entity.name for entity in fact.entities]
    stranger = next(
        (e for e in named if e.id not in about and not any(e.name in name for name in names)),
        None,
    )
    return f"{stranger.name_en} ({stranger.name})" if stranger else ""


def _names_someone_new(fact: Fact, q: Query) -> bool:
    """True when the fact names someone the question does not, as it asks for one.

    Who built the airport is not answered by the airport's fact unless it names a builder.
    A list answers "who" by what it holds, names or not (the keynote speakers: heads of
    international organizations, scholars); "which company" asks for organizations by
    name, which a list of kinds (龙头企业高管, executives of leading firms) does not give.
    """
    if fact.value_kind is ValueKind.LIST and q.kind is QuestionType.WHO:
        return True
    return any(e.kind in _AGENTS and e.id not in q.named for e in fact.entities)


def _names_fewer(fact: Fact, wanted: int) -> bool:
    """True when the question asks for `wanted` things and the fact names fewer.

    What are the ten major projects is not answered by a fact that only calls them 十大工程:
    a list value names its items, an answer enumerates them (甲、乙、丙).
    """
    if not wanted:
        return False
    named = len(fact.value) if isinstance(fact.value, tuple) else items_named(fact.answer)
    return named < wanted


def _nothing_besides(fact: Fact, q: Query, setting: frozenset[str]) -> str:
    """An entity the question sets aside when the fact names no other of its kind, or "".

    "Besides BGI, which companies signed?" is not answered by a fact whose only company is
    BGI. What the question names, and the base's `setting` (Jingmen), are not another:
    besides 南庄村, which village, is not answered by 南庄村 in Jingmen. Given as
    "English (中文)"; "" when the fact names another of each kind set aside.
    """
    others = [e for e in fact.entities if e.id not in q.named and e.id not in setting]
    lone = next((x for x in q.excluded if not any(e.kind is x.kind for e in others)), None)
    return f"{lone.name_en} ({lone.name})" if lone else ""


_AGENTS = (EntityKind.PERSON, EntityKind.ORGANIZATION)
_NOBODY = "no person or organization beyond those the question names"


def _elsewhere(index: Index, fact: Fact, places: tuple[tuple[str, ...], ...]) -> str:
    """A place the question names (Wuhan, 上海) that the fact does not mention, or ""."""
    missing = (forms for forms in places if not gazetteer.mentions(_texts(index, fact), forms))
    return next((f"{forms[1]} ({forms[0]})" for forms in missing), "")


_PLACES = (EntityKind.PLACE, EntityKind.VENUE)


def _placeless(index: Index, fact: Fact, q: Query, said: str) -> bool:
    """True when a "where" question's fact names no place the question does not name.

    A place is one of the registry's places or venues, among what the fact is about or
    named in what it says, or words saying where the thing sits (位于第三部分末尾). Where
    the European Environment Foundation is based is not answered by its support of the
    summit.
    """
    if not q.asks_place:
        return False
    named = (*fact.entities, *index.finder.named(said))
    return not any(e.kind in _PLACES and e.id not in q.named for e in named) and not (
        states_location(said)
    )


def _unmeasured(fact: Fact, q: Query, said: str) -> bool:
    """True when the question asks for a measure (a height) and the fact gives none of them.

    A date range gives a duration (how long did the summit last: 19 to 21 November); a
    question for a sum of money ("how large is the investment") asks no measure.
    """
    if not q.measures or q.kind is QuestionType.HOW_MUCH:
        return False
    if "duration" in q.measures and isinstance(fact.value, DateRange):
        return False
    return not any(states_measure(said, measure) for measure in q.measures)


def _uncounted(fact: Fact, q: Query, said: str) -> str:
    """What a "how many" question counts that the fact names but gives no figure of, or "".

    What is counted is a noun (专家, experts) or a classifier (几天: 天). How many Thousand
    Talents experts came is not answered by a fact that says experts came, nor how many
    days the aviation forum lasted by one that gives no days. A fact whose value is a
    count counts its subject; one that never names the counted thing is left to the other
    checks (it may name it otherwise).
    """
    if q.kind is not QuestionType.HOW_MANY or fact.value_kind is ValueKind.COUNT:
        return ""
    classifier, noun = q.tally
    if classifier or noun:
        # One character after a classifier may be the start of a longer noun: not a test.
        if noun and noun not in said and (not classifier or len(noun) == 2):
            return ""
        return "" if counts_tallied(said, classifier, noun) else noun or classifier
    words = word_tokens(said)
    stems = {stem(w) for w in words}
    if not q.counted or not all(stem(c) in stems for c in q.counted):
        return ""
    return "" if counts_words(words, q.counted) else " ".join(q.counted)


def _gives_a_day(fact: Fact, said: str) -> bool:
    """True when the fact gives a day: a date to the day, a range of days, or 19日."""
    if fact.value_kind is ValueKind.DATE and date_precision(fact.value) in ("day", "range"):
        return True
    return states_day(said)


def _names(index: Index, number: int, word: str) -> bool:
    """True when the fact names a word of the question (as typed, stemmed or corrected)."""
    return any(index.field_of(term, number) is not None for term in _word_slot(index, word).terms)


def _misqualified(texts: tuple[str, ...], q: Query) -> bool:
    """True when the fact is about a qualified office the question names bare (副书记 / 书记)."""
    title, title_en, _, _, *aliases = texts
    return qualifier_mismatch(q.text, (title, title_en, *aliases), q.simplify)


def _interpretations(index: Index, q: Query) -> list[list[_Slot]]:
    """The query as English-and-Chinese slots, and, if it spells pinyin, as pinyin too."""
    tokens = q.tokens
    base: list[_Slot] = []
    for run in tokens.han:
        base.extend(_han_slots(index, run))
    # Numbers are decisive: a year or figure the base lacks means another event.
    base.extend(
        _Slot(("n:" + n,), NUMBER_WEIGHT * index.weight("n:" + n), True) for n in tokens.numbers
    )
    words = content_words(tokens.words)
    english = base + [_word_slot(index, word) for word in words]
    readings = [english]
    pinyin_words = [w for w in words if w not in index.pinyin_scaffolding]
    syllables = [segment(word, index.syllables) for word in pinyin_words]
    if pinyin_words and all(syllables):
        spelled = [s for group in syllables if group for s in group]
        readings.append(base + _pinyin_slots(index, spelled))
    return readings


def _han_slots(index: Index, run: str) -> list[_Slot]:
    """Unigram slots for every character; bigram slots only where some fact has them."""
    slots = []
    for term in han_terms(run):
        if len(term) == 3 or index.has(term):
            slots.append(_Slot((term,), index.weight(term), len(term) > 3))
    return slots


def _pinyin_slots(index: Index, syllables: list[str]) -> list[_Slot]:
    """Syllable slots, and syllable-bigram slots where some fact has them."""
    slots = []
    for term in pinyin_terms(syllables):
        single = term[2:] in index.syllables
        if single or index.has(term):
            slots.append(_Slot((term,), index.weight(term), not single))
    return slots


def _word_slot(index: Index, word: str) -> _Slot:
    """An English word: its stem, a typo correction, or pinyin initials."""
    terms = ["e:" + stem(word), "i:" + word]
    words = [word]
    # A qualifier is never a typo: "acting" must not become "rating".
    if not index.has("e:" + stem(word)) and len(word) >= 4 and word not in EN_QUALIFIERS:
        corrected = _correct(word, index.vocabulary)
        if corrected:
            terms.append("e:" + stem(corrected))
            words.append(corrected)
    known = [t for t in terms if index.has(t)]
    weight = max((index.weight(t) for t in known), default=UNKNOWN_EN * index.unknown_weight)
    return _Slot(tuple(terms), weight, bool(known), tuple(words))


def _correct(word: str, vocabulary: tuple[str, ...]) -> str | None:
    """The closest vocabulary word to a misspelt one (rapidfuzz, imported on demand)."""
    from rapidfuzz import fuzz, process

    found = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=TYPO_CUTOFF)
    return found[0] if found else None


def _score(
    index: Index,
    slots: list[_Slot],
    asked: _Asked,
    candidates: int | None,
    shown: int | None = None,
) -> dict[int, _Scored]:
    """Score the facts among the best `candidates` by recall (None: every fact that matches).

    With `shown`, a candidate whose score cannot reach the `shown` best so far (its
    recall's share plus full phrase precision and surface share, times its fit) is left
    out: it could not be among the first `shown` of this reading, nor of the result.
    """
    reading = tuple(slots)  # kept with each score, to explain it later
    total = sum(slot.weight for slot in slots)
    if not total:
        return {}
    needs_phrase = any(slot.phrase for slot in slots) or _han_chars(slots) >= 2
    phrase_terms = [t for slot in slots for t in slot.terms if _is_phrase(t)]
    gained = (
        _top_recall(index, slots, candidates)
        if candidates is not None and _postings(index, slots) > PRUNE_AFTER
        else _recall(index, slots)
    )
    weights = {t: index.weight(t) for slot in slots for t in slot.terms}
    query = frozenset(weights)
    english = [slot.words for slot in slots if slot.words]
    shared: dict[frozenset[str], float] = {}
    # Only the best few by recall can still win with phrase precision added.
    floor = _candidate_floor(gained, candidates)
    chosen = [n for n, gain in gained.items() if gain >= floor]
    fits = dict(zip(chosen, (_fit(asked, t) for t in index.traits(chosen)), strict=True))
    # The most each could score (full phrase precision and surface share): the best first.
    ceiling = {
        n: 100 * ((1 - PHRASE_SHARE) * gained[n] / total + PHRASE_SHARE + SURFACE_SHARE) * fit
        for n, fit in fits.items()
    }
    chosen.sort(key=ceiling.__getitem__, reverse=True)
    scores: dict[int, float] = {}
    parts: dict[int, tuple[float, float, float]] = {}  # coverage, precision, fit: --explain
    best: list[float] = []  # the `shown` highest scores so far (a min-heap)
    loaded = 0  # facts of `chosen` read so far: read as reached, a few at a time
    for at, number in enumerate(chosen):
        if shown and PRUNE_SCORES and len(best) == shown and ceiling[number] + _MARGIN < best[0]:
            break  # neither it nor any after it can be among the `shown` best
        if at == loaded:
            loaded = min(len(chosen), at + max(_LOAD_STEP, at))
            index.load(chosen[at:loaded])
        entry = index.entry(number)
        gain, fit = gained[number], fits[number]
        share = (1 - PHRASE_SHARE) * gain / total
        precision = _phrase_precision(entry, query, weights, shared)
        score = share + PHRASE_SHARE * precision
        score += SURFACE_SHARE * _surface_share(entry, english)
        scores[number] = score = 100 * (score * fit)
        parts[number] = (gain / total, precision, fit)
        if shown:
            (heapq.heappush if len(best) < shown else heapq.heappushpop)(best, score)
    cut = best[0] if shown and PRUNE_SCORES and len(best) == shown else -1.0
    return {
        number: _Scored(
            score,
            not needs_phrase or any(index.field_of(t, number) is not None for t in phrase_terms),
            reading,
            parts[number],
        )
        for number, score in scores.items()
        if score >= cut
    }


def _recall(index: Index, slots: Sequence[_Slot]) -> dict[int, float]:
    """Per fact, the summed weight of the slots it covers, each at its best field's trust.

    The hot loop of a search: it walks every posting of every query term, so it
    works on the packed integers and keeps one dict lookup per posting.
    """
    gained: dict[int, float] = {}
    for slot in slots:
        trust = [slot.weight * FIELD_WEIGHT[field] for field in Field]
        lists = _lists(index, slot)
        if len(lists) == 1:
            _walk(lists[0], trust, gained)
            continue
        best: dict[int, int] = {}  # a fact may have several of the slot's terms: count the best
        for postings in lists:
            for number, field in pairs(postings):
                best[number] = min(field, best.get(number, field))
        for number, field in best.items():
            gained[number] = gained.get(number, 0.0) + trust[field]
    return gained


def _walk(postings: Postings, trust: list[float], gained: dict[int, float]) -> None:
    """Add each posting's trust to its fact's gain: the hot loop, one dict lookup a posting."""
    if isinstance(postings, Dense):
        row = postings.fields
        plus = [0.0, *trust]  # a row holds field + 1
        for number, held in zip(compress(range(len(row)), row), filter(None, row), strict=True):
            gained[number] = gained.get(number, 0.0) + plus[held]
        return
    for packed in postings:
        number = packed >> FIELD_BITS
        gained[number] = gained.get(number, 0.0) + trust[packed & FIELD_MASK]


def _top_recall(index: Index, slots: Sequence[_Slot], candidates: int) -> dict[int, float]:
    """`_recall` for the facts that can reach the `candidates`-th best recall (MaxScore).

    A slot can add at most its weight, and nothing when no fact has its terms. Slots are
    walked most valuable first; after each, the best few facts by partial recall are
    completed (their other slots looked up, a binary search each), and the lowest of
    those exact recalls is a bar the `candidates`-th best cannot be under. Once the
    unwalked slots together cannot lift an unseen fact to the bar, the long postings of
    common terms are not walked: the facts still in reach look each remaining slot up,
    and after each slot those that can no longer reach the bar are dropped. Recall is
    then summed in slot order, as `_recall` sums it, so the result agrees with `_recall`
    on every fact that can be a candidate (the test suite checks the top ten on every
    question set and on a synthetic base).
    """
    lists = [_lists(index, slot) for slot in slots]
    bound = [slot.weight if lists[i] else 0.0 for i, slot in enumerate(slots)]
    order = sorted(range(len(slots)), key=lambda i: (-bound[i], _postings(index, [slots[i]])))
    adds: list[dict[int, float] | None] = [None] * len(slots)  # slot -> fact -> what it adds
    partial: dict[int, float] = {}
    left = sum(bound)  # the most the slots not yet walked can add
    bar = -1.0  # the `candidates`-th best recall is not below it (once known)
    walked = 0
    best: list[int] = []
    for i in order:
        if left < bar - _MARGIN:
            break
        adds[i] = found = _recall(index, [slots[i]])
        if partial:
            for number, gain in found.items():
                partial[number] = partial.get(number, 0.0) + gain
        else:
            partial = dict(found)
        left -= bound[i]
        walked += 1
        if walked < len(slots) and len(partial) >= candidates:
            best = heapq.nlargest(_SAMPLE * candidates, partial, key=partial.__getitem__)
            bar = max(bar, _complete(slots, lists, adds, order[walked:], best, candidates))
    reach = [number for number, gain in partial.items() if gain + left >= bar - _MARGIN]
    reach.sort()
    rest = order[walked:]
    # Look up first the slots the best facts most often lack: they drop the most facts.
    rest.sort(key=lambda j: -_shortfall(adds[j], bound[j], best))
    implied = _implications(slots)
    for k, j in enumerate(rest):
        known = _implied(slots, adds, implied.get(j, ()), j, reach)
        todo = [number for number in reach if number not in known] if known else reach
        found = adds[j] = _slot_gains(index, slots[j], lists[j], todo, adds[j])
        found.update(known)
        left -= bound[j]
        for number, gain in found.items():
            partial[number] += gain
        if len(reach) >= candidates:
            best = heapq.nlargest(_SAMPLE * candidates, reach, key=partial.__getitem__)
            bar = max(bar, _complete(slots, lists, adds, rest[k + 1 :], best, candidates))
        reach = [number for number in reach if partial[number] + left >= bar - _MARGIN]
    return {number: _sum_of(adds, number) for number in reach}


def _implications(slots: Sequence[_Slot]) -> dict[int, list[int]]:
    """For each Chinese character slot, the bigram slots that hold its character.

    A fact with the bigram 主办 in a text has 主 and 办 in that text too. (Pinyin has no
    such rule: "p:xian" is a syllable and the bigram xi-an alike.)
    """
    bigrams = [
        (i, slot.terms[0][2:])
        for i, slot in enumerate(slots)
        if len(slot.terms) == 1 and slot.terms[0].startswith("z:") and len(slot.terms[0]) == 4
    ]
    return {
        j: holders
        for j, slot in enumerate(slots)
        if len(slot.terms) == 1 and slot.terms[0].startswith("z:") and len(slot.terms[0]) == 3
        if (holders := [i for i, pair in bigrams if slot.terms[0][2] in pair])
    }


def _implied(
    slots: Sequence[_Slot],
    adds: list[dict[int, float] | None],
    holders: Iterable[int],
    j: int,
    numbers: list[int],
) -> dict[int, float]:
    """What character slot `j` adds to those of `numbers` known without a look-up.

    A fact whose title or alias holds a bigram of the character (`holders`, found before)
    holds the character there too, and no field can give it more: it adds its whole
    weight, as `_recall` would count it.
    """
    known: dict[int, float] = {}
    for i in holders:
        found = adds[i]
        if found is None:
            continue
        whole = slots[i].weight * _TOP_TRUST
        gain = slots[j].weight * _TOP_TRUST
        known.update((n, gain) for n in numbers if found.get(n) == whole)
    return known


# The trust of a title or an alias, the most any field gives. Only fields of that trust
# come before them in `Field`: a character found there has no better field to be in.
_TOP_TRUST = FIELD_WEIGHT[Field.TITLE]
assert all(FIELD_WEIGHT[f] == _TOP_TRUST for f in (Field.TITLE, Field.ALIAS))
assert all(FIELD_WEIGHT[f] < _TOP_TRUST for f in Field if f > Field.ALIAS)


def _shortfall(found: dict[int, float] | None, bound: float, numbers: list[int]) -> float:
    """How far the facts `numbers` fall short of what a slot could add them, in all."""
    return sum(bound - found.get(n, 0.0) for n in numbers) if found is not None else 0.0


def _complete(
    slots: Sequence[_Slot],
    lists: list[list[Postings]],
    adds: list[dict[int, float] | None],
    unwalked: list[int],
    numbers: list[int],
    candidates: int,
) -> float:
    """The `candidates`-th best exact recall among `numbers`, their unwalked slots looked up.

    As many facts have at least that recall, the `candidates`-th best of all is not below it
    (with fewer `numbers`, the lowest of them). The more leaders are completed, the higher
    the bar: many facts tie on partial recall, and the first few may lack a common word.
    """
    numbers = sorted(numbers)
    for j in unwalked:
        adds[j] = _look_up(lists[j], slots[j].weight, numbers, adds[j])
    exact = heapq.nlargest(candidates, (_sum_of(adds, number) for number in numbers))
    return exact[-1]


_SAMPLE = 3  # leaders completed for a bar, per candidate wanted


_MARGIN = 1e-9  # float rounding between summing orders
# The plain walk is as fast as pruning on short postings, and simpler.
PRUNE_AFTER = 20_000  # postings in a reading's slots before pruning is tried
PRUNE_SCORES = True  # leave out candidates that cannot be shown (off: tests compare)


def _postings(index: Index, slots: Sequence[_Slot]) -> int:
    """How many postings walking every slot would visit."""
    return sum(index.count(term) for slot in slots for term in slot.terms)


def _lists(index: Index, slot: _Slot) -> list[Postings]:
    """The postings of each of the slot's terms that some fact has."""
    return [index.postings(term) for term in slot.terms if index.count(term)]


def _slot_gains(
    index: Index,
    slot: _Slot,
    lists: list[Postings],
    numbers: list[int],
    known: dict[int, float] | None,
) -> dict[int, float]:
    """What one slot adds to each of `numbers` (ascending): `_look_up`, or a walk when cheaper.

    A binary search per fact costs more than walking a posting or two: when the slot has
    fewer postings than that per fact in reach, walking them all is faster (7.3 -> 6.7 ms a
    question at 100,000 facts, 79 -> 73 ms at 1,000,000). A dense row is always looked up.
    """
    dense = any(isinstance(postings, Dense) for postings in lists)
    if dense or _postings(index, [slot]) > _WALK_RATIO * len(numbers):
        return _look_up(lists, slot.weight, numbers, known)
    walked = _recall(index, [slot])
    found = {} if known is None else known
    found.update((n, walked[n]) for n in numbers if n in walked)
    return found


_WALK_RATIO = 2  # walk a slot with under this many postings per fact in reach (1-4 measured alike)


def _look_up(
    lists: list[Postings],
    weight: float,
    numbers: list[int],
    known: dict[int, float] | None,
) -> dict[int, float]:
    """What one slot adds to each of `numbers` (ascending): a dense row read, or binary search.

    Adds to `known` (facts looked up before) and returns it; a fact without the slot's
    terms gets no entry, as in `_recall`.
    """
    found = {} if known is None else known
    trust = [weight * FIELD_WEIGHT[field] for field in Field]
    best: dict[int, int] = {}  # a fact may have several of the slot's terms: count the best
    for postings in lists:
        if isinstance(postings, Dense):
            held = map(postings.fields.__getitem__, numbers)  # field + 1, or 0
            for number, plus in zip(numbers, held, strict=True):
                if not plus:
                    continue
                if len(lists) == 1:
                    found[number] = trust[plus - 1]
                else:
                    best[number] = min(plus - 1, best.get(number, plus - 1))
            continue
        size, at = len(postings), 0
        for number in numbers:
            key = number << FIELD_BITS
            near = at + _NEAR  # facts looked up are often close together: try a short step
            if near < size and postings[near] >= key:
                at = bisect_left(postings, key, at, near)
            else:
                at = bisect_left(postings, key, at)
                if at == size:
                    break
            packed = postings[at]
            if packed >> FIELD_BITS == number:
                field = packed & FIELD_MASK
                if len(lists) == 1:
                    found[number] = trust[field]
                else:
                    best[number] = min(field, best.get(number, field))
    for number, field in best.items():
        found[number] = trust[field]
    return found


_NEAR = 8  # postings a lookup tries before a binary search of the rest


def _sum_of(adds: list[dict[int, float] | None], number: int) -> float:
    """One fact's recall from what each slot adds, summed in slot order as `_recall` sums it."""
    gain = 0.0
    for found in adds:
        if found is not None and number in found:
            gain += found[number]
    return gain


def _hits(index: Index, slots: Sequence[_Slot], number: int) -> list[tuple[Field, str]]:
    """For one fact, each slot's best-field matching term: the reasons it matched."""
    hits = []
    for slot in slots:
        found = [(f, t) for t in slot.terms if (f := index.field_of(t, number)) is not None]
        if found:
            hits.append(min(found))
    return hits


def _candidate_floor(gained: dict[int, float], candidates: int | None) -> float:
    """The recall gain of the `candidates`-th best fact (0 when there are fewer, or no cap)."""
    if candidates is None or len(gained) <= candidates:
        return 0.0
    return heapq.nlargest(candidates, gained.values())[-1]


def _phrase_precision(
    entry: Entry,
    query: frozenset[str],
    weights: dict[str, float],
    shared: dict[frozenset[str], float],
) -> float:
    """How fully the query's terms cover the fact's best-matching title or alias (0-1).

    `shared` keeps, per phrase, the weight of the query terms it holds: many facts share
    an alias, and the index hands out one set per distinct phrase.
    """
    best = 0.0
    for terms, weight in entry.phrases:
        held = shared.get(terms)
        if held is None:
            common = terms & query
            held = shared[terms] = sum(map(weights.__getitem__, common)) if common else 0.0
        if held and weight and held / weight > best:
            best = held / weight
    return best


def _surface_share(entry: Entry, english: Sequence[tuple[str, ...]]) -> float:
    """The share of English slots whose word, as typed, the title or an alias holds (0-1).

    `english` is each English slot's words. Stemming makes "organizers" and "organizing"
    one term; the exact form breaks the tie.
    """
    if not english:
        return 0.0
    return sum(1 for words in english if entry.words.intersection(words)) / len(english)


def _han_chars(slots: Iterable[_Slot]) -> int:
    return sum(1 for s in slots for t in s.terms if t.startswith("z:") and len(t) == 3)


def _is_phrase(term: str) -> bool:
    """A term that shows a whole word matched, not a stray character."""
    return not (term.startswith("z:") and len(term) == 3)


def _reasons(hits: list[tuple[Field, str]]) -> tuple[Reason, ...]:
    """Matched terms, best field first, prefixes dropped."""
    return tuple(Reason(field.name.lower(), term[2:]) for field, term in sorted(hits))


def _fit(asked: _Asked, traits: Traits) -> float:
    """How the fact's value type or title suits what the question asks for (a factor)."""
    kind, value = asked.kind, traits.value_kind
    if kind in _NUMERIC_KINDS:
        # Asking "how many / how much" of a fact that holds no number: likely unanswerable.
        if value in _NUMERIC_KINDS[kind]:
            return TYPE_BOOST if value is not ValueKind.LIST else 1.0
        return TYPE_PENALTY
    if kind is QuestionType.WHEN and value is ValueKind.DATE:
        # The fullest date answers "when" best: the days it ran, not the year alone.
        return TYPE_BOOST * _DATE_PRECISION[traits.precision]
    if asked.lists and value is ValueKind.LIST:
        return TYPE_BOOST  # "which ones": the fact that holds the whole list
    fits = kind in traits.title_kinds or (kind is QuestionType.WHO and traits.people)
    if fits:
        return TYPE_BOOST
    return MISFIT if kind in _PLAIN_KINDS else 1.0


# How much of "when" a date value says, as a factor: a range of days says the most.
_DATE_PRECISION = {"range": 1.0, "day": 0.98, "month": 0.96, "year": 0.94}

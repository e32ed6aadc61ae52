"""Building the search index: each fact's texts analysed into terms, written to SQLite.

A build goes a batch of facts at a time (a fact file, or a thousand facts of a
stream). Each batch is analysed on its own into a `Batch`: its fact rows and its
postings, numbered from the batch's first fact. For a large base on a machine
with several cores, worker processes read and analyse the files while this
process checks what spans files (fact ids, category names), gathers the
postings and writes the database, in one transaction.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import zlib
from array import array
from collections import defaultdict, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sized
from contextlib import closing
from functools import lru_cache
from itertools import islice, pairwise, repeat
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..base import loader
from ..base.models import Category, DateRange, Entity, Fact, Money
from ..base.tomlfile import read_bytes
from . import traits
from .index import (
    APPLICATION_ID,
    DENSE_SHARE,
    ENTRY_SEPARATORS,
    FIELD_BITS,
    FORMAT,
    MAX_FACTS,
    SCHEMA,
    UINT,
    UINT_BYTES,
    USHORT,
    Field,
    Index,
    dense_row,
    entry_crc,
    idf,
    pinyin_terms,
    postings_crc,
    text_crc,
)
from .normalize import (
    ZH_SCAFFOLDING,
    Tokens,
    content_words,
    fold,
    has_han,
    stem,
    tokenize,
    traditional_characters,
    zh_type_cues,
)
from .records import entity_to_data, fact_to_json
from .workers import in_order, start_method

if TYPE_CHECKING:
    from ..errors import FactBaseError, Location

Progress = Callable[[int, int], None]  # (done, in all): facts, or bytes of fact files

BATCH_FACTS = 1_000  # facts of a stream analysed as one batch
PARALLEL_BYTES = 1 << 20  # a base of fewer bytes of fact files is built in this process
SPAWN_BYTES = 8 << 20  # the same where workers must be spawned (not forked)
MAX_WORKERS = 8
_CHUNK_POSTINGS = 4_000_000  # postings held in memory while building before a flush to disk
_FACT_ROWS = 2_000  # fact rows per insert batch
_PIECE_CACHE = 1 << 17  # distinct words and characters spelt: a vocabulary, not the base
_TEXT_CACHE = 1 << 13  # distinct texts analysed: shared aliases, categories, evidence


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


def build(facts: Iterable[Fact], progress: Progress | None = None) -> Index:
    """An index of `facts` in a private temporary database (no cache file)."""
    db = sqlite3.connect("", isolation_level=None)
    write(db, facts, "", progress)
    return Index(db)


def write(
    db: sqlite3.Connection,
    facts: Iterable[Fact] | loader.Plan,
    key: str = "",
    progress: Progress | None = None,
) -> None:
    """Index `facts` into the empty database `db`, in one transaction.

    `facts` is either facts (a stream is read once; `progress` then counts facts, when
    it has a length) or a loader `Plan` of fact files, read and checked file by file
    (`progress` counts bytes). The cyclic garbage collector is paused meanwhile: a
    build makes millions of small objects and no cycles, and each collection would
    walk them all again.
    """
    import gc

    if isinstance(facts, loader.Plan):
        workers = _workers(facts)
        batches = _plan_batches(facts, workers, progress)
    else:
        workers = 0
        batches = _stream_batches(facts, progress)
    paused = gc.isenabled()
    gc.disable()
    try:
        _write(db, batches, key, workers)
    finally:
        batches.close()
        if paused:
            gc.enable()


class _Row(NamedTuple):
    """A fact's rows of the facts and entries tables, but for its number and phrase weights."""

    record: str
    record_crc: int
    traits: int
    phrases: str
    words: str
    entry_crc: int  # of the entry with no weights yet: the weights pass adds them


class Batch(NamedTuple):
    """What analysing a batch of facts gives: their rows, postings and vocabularies.

    The postings are three flat values, not a dict of a term's postings: a batch goes
    from a worker through a pipe, and pickling tens of thousands of small values each
    way cost about a tenth of a large build.
    """

    first: int  # the number of the batch's first fact
    rows: list[_Row]  # per fact
    terms: str  # the batch's terms, one a line
    counts: bytes  # packed: how many postings each term has
    postings: bytes  # packed: the postings of the batch's facts, term after term
    phrase_terms: set[str]  # the terms of titles and aliases (their IDF weighs phrases)
    syllables: set[str]
    vocabulary: set[str]
    categories: set[str]
    entities: dict[str, tuple[Entity, int]]  # id -> (entity, facts of the batch naming it)

    def term_postings(self) -> Iterator[tuple[str, memoryview]]:
        """Each term of the batch with its packed postings."""
        view = memoryview(self.postings)
        start = 0
        terms = self.terms.split("\n") if self.terms else []
        for term, count in zip(terms, array(UINT, self.counts), strict=True):
            end = start + count * UINT_BYTES
            yield term, view[start:end]
            start = end

    def renumbered(self, first: int) -> Batch:
        """The same batch numbered from `first` (a worker guessed its first number wrong)."""
        shift = (first - self.first) << FIELD_BITS
        postings = array(UINT, [p + shift for p in array(UINT, self.postings)]).tobytes()
        return self._replace(first=first, postings=postings)


class _Text(NamedTuple):
    """What a build derives from one text, once however many facts hold it."""

    terms: tuple[str, ...]  # z:, e:, n: terms
    han: tuple[str, ...]  # runs of Chinese characters
    words: tuple[str, ...]  # Latin words, lowercased


class _Sound(NamedTuple):
    """A text's terms with its pinyin: for the fields read by sound, and titles and aliases."""

    spelled: tuple[str, ...]  # z:, e:, n:, p: and i: terms
    phrase: tuple[str, ...]  # z:, e:, n: and p: terms, sorted: the text as a title or alias


class _Analyser:
    """Turns facts into batches, one per process (it imports pypinyin).

    Each distinct text is analysed once while it stays in a bounded cache (texts shared
    by many facts stay), each word's pinyin likewise.
    """

    def __init__(self) -> None:
        self.spell = speller()
        self.analyse = lru_cache(maxsize=_TEXT_CACHE)(self._analyse)
        self.sound = lru_cache(maxsize=_TEXT_CACHE)(self._sound)
        # What cache misses found since the last batch (a hit was reported before).
        self.syllables: set[str] = set()
        self.vocabulary: set[str] = set()

    def _analyse(self, text: str) -> _Text:
        tokens = tokenize(text)
        self.vocabulary.update([w for w in tokens.words if len(w) > 2])
        return _Text(_terms(tokens), tokens.han, tokens.words)

    def _sound(self, text: str) -> _Sound:
        terms, han, _ = self.analyse(text)
        if not han:
            return _Sound(terms, tuple(sorted(set(terms))))
        runs = list(map(self.spell, han))
        self.syllables.update(*runs)
        initials = ["".join([s[0] for s in run]) for run in runs]
        pinyin: list[str] = []
        for run in runs:
            pinyin += pinyin_terms(run)
        marks = ["i:" + i for i in (*initials, "".join(initials)) if i]
        return _Sound((*terms, *pinyin, *marks), tuple(sorted({*terms, *pinyin})))

    def batch(self, facts: Iterable[Fact], first: int) -> Batch:
        """The batch of `facts`, numbered from `first`."""
        pending: defaultdict[str, array[int]] = defaultdict(_postings)
        rows: list[_Row] = []
        phrase_terms: set[str] = set()
        categories: set[str] = set()
        entities: dict[str, tuple[Entity, int]] = {}
        self.syllables, self.vocabulary = set(), set()
        for number, fact in enumerate(facts, first):
            # Fields in reverse order of trust, so a term's best field is the last written.
            best: dict[str, int] = {}
            for field_, text in reversed(list(fields_of(fact))):
                if field_ in _SPELLED_FIELDS:
                    best.update(dict.fromkeys(self.sound(text).spelled, field_))
                else:
                    best.update(dict.fromkeys(self.analyse(text).terms, field_))
            named = (fact.title, fact.title_en, *fact.aliases)
            phrases = [self.sound(text).phrase for text in named]
            phrase_terms.update(*phrases)
            words = sorted({w for text in named[1:] for w in self.analyse(text).words})
            record = fact_to_json(fact)
            code = traits.encode(traits.of(fact))
            between, within = ENTRY_SEPARATORS
            joined = between.join(within.join(phrase) for phrase in phrases)
            spoken = within.join(words)
            # The entry's checksum covers the weights too: they are added to it later.
            entry = entry_crc(code, joined, spoken, "")
            rows.append(_Row(record, text_crc(record), code, joined, spoken, entry))
            categories.add(fact.category)
            for entity in fact.entities:
                entities[entity.id] = (entity, entities.get(entity.id, (entity, 0))[1] + 1)
            # pending[term].append(number << FIELD_BITS | field) for each term, at C speed.
            _drain(
                map(
                    _append,
                    map(pending.__getitem__, best),
                    map((number << FIELD_BITS).__or__, best.values()),
                )
            )
        return Batch(
            first,
            rows,
            "\n".join(pending),
            array(UINT, map(len, pending.values())).tobytes(),
            b"".join(pending.values()),
            phrase_terms,
            self.syllables,
            self.vocabulary,
            categories,
            entities,
        )


def _stream_batches(
    facts: Iterable[Fact], progress: Progress | None
) -> Generator[Batch, None, None]:
    """Batches of a stream of facts, analysed in this process."""
    total = len(facts) if isinstance(facts, Sized) else None
    if total is not None and total > MAX_FACTS:
        raise ValueError(f"at most {MAX_FACTS} facts can be indexed")
    analyser = _Analyser()
    stream = iter(facts)
    first = 0
    while chunk := list(islice(stream, BATCH_FACTS)):
        if progress is not None and total is not None:
            progress(first, total)
        yield analyser.batch(chunk, first)
        first += len(chunk)
    if progress is not None and total is not None:
        progress(total, total)


def _plan_batches(
    plan: loader.Plan, workers: int, progress: Progress | None
) -> Generator[Batch, None, None]:
    """A batch per fact file of `plan`, with the checks across files made here, in order.

    The files are read and analysed by `workers` processes (under 2: here). A file's
    facts are numbered from a first number guessed by counting the `[[fact]]` headers of
    the files before it (cheap: no parse); a file whose guess proves wrong (a header-like
    line inside a multi-line string) is renumbered here.
    """
    checks = loader.Checks()
    done, total, first = 0, sum(plan.sizes), 0
    read = in_order(workers, _start_reader, (plan,), _read_batch, _guesses(plan.paths))
    try:
        for path, size, (batch, ids, categories, error) in zip(
            plan.paths, plan.sizes, read, strict=True
        ):
            if progress is not None:
                progress(done, total)
            checks.file(path, categories, ids, error)
            if batch.first != first:
                batch = batch.renumbered(first)
            first += len(batch.rows)
            yield batch
            done += size
    finally:
        read.close()  # now, not when an error's traceback lets go of it: it ends the pool
    if progress is not None:
        progress(total, total)


def _guesses(paths: tuple[Path, ...]) -> Iterator[tuple[int, int]]:
    """(file number, guessed number of its first fact) for each file, as the workers ask.

    Lazily: the files ahead are counted while the workers read the first ones.
    """
    first = 0
    for at, path in enumerate(paths):
        yield at, first
        if at + 1 < len(paths):
            first += _headers(path)


def _workers(plan: loader.Plan) -> int:
    """How many worker processes to read and analyse the files with (under 2: none).

    A spawned worker spends about a quarter of a second importing before it works, so
    spawning pays only for a larger base than forking does.
    """
    least = PARALLEL_BYTES if start_method() == "fork" else SPAWN_BYTES
    if sum(plan.sizes) < least or len(plan.paths) < 2:
        return 0
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min(cores or 1, MAX_WORKERS, len(plan.paths))


# A header line: [[fact]], quoted or spaced, with a comment or a CR before the line end.
_HEADER = rb"(?m)^[ \t]*\[\[[ \t]*(?:fact|\"fact\"|'fact')[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?$"


def _headers(path: Path) -> int:
    """How many `[[fact]]` headers a file seems to hold (a guess; reading it tells)."""
    import re

    return len(re.findall(_HEADER, read_bytes(path)))


_FileBatch = tuple[
    Batch,
    list[tuple[str, tuple[str, ...]]],  # each fact's id and former ids
    list[tuple[Category, "Location"]],  # the categories the file declares
    "FactBaseError | None",  # the first fact that failed its own checks
]


def _start_reader(plan: loader.Plan) -> tuple[_Analyser, loader.Plan]:
    """A reading process's state: an analyser and the plan."""
    return _Analyser(), plan


def _read_batch(state: tuple[_Analyser, loader.Plan], at: int, first: int) -> _FileBatch:
    """The batch of the plan's file number `at`, numbered from `first`, and what it declares.

    That is the facts' ids, the file's categories and its first bad fact, for the checks
    across files. `state` is `_start_reader`'s.
    """
    analyser, plan = state
    read = loader.read_file(plan.paths[at], plan)
    ids = [(fact.id, fact.former_ids) for fact in read.facts]
    return analyser.batch(read.facts, first), ids, read.categories, read.error


def speller() -> Callable[[str], tuple[str, ...]]:
    """Toneless pinyin syllables of a Chinese run, as `lazy_pinyin(run)` spells them.

    lazy_pinyin cuts a run into dictionary words and single characters and spells each
    on its own; spelling each piece once (a bounded cache: pieces are a vocabulary, runs
    are not) gives the same syllables at a fraction of the cost. `tests/test_build.py`
    checks the two agree on every run of the bundled base.
    """
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import RE_HANS
    from pypinyin.seg.mmseg import seg as words
    from pypinyin.seg.simpleseg import seg

    @lru_cache(maxsize=_PIECE_CACHE)
    def piece(word: str) -> tuple[str, ...]:
        return tuple(s for s in lazy_pinyin(word, style=Style.NORMAL) if s.isalpha())

    def spell(run: str) -> tuple[str, ...]:
        # seg() splits at characters outside RE_HANS, then cuts each Chinese part into
        # words; a run wholly inside it (every run the tokenizer makes) is one part.
        pieces = list(words.cut(run)) if RE_HANS.match(run) else seg(run)
        if len(pieces) == 1:
            return piece(pieces[0])
        return tuple(s for word in pieces for s in piece(word))

    return spell


def create_schema(db: sqlite3.Connection) -> None:
    """Make the tables of an empty database and mark it as this format's."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(f"PRAGMA user_version = {FORMAT}")
    for statement in SCHEMA:
        db.execute(statement)


class _Totals:
    """What the whole base contributes to the meta table, gathered batch by batch."""

    def __init__(self) -> None:
        self.syllables: set[str] = set()
        self.vocabulary: set[str] = set()
        self.categories: set[str] = set()
        self.entities: dict[str, tuple[Entity, int]] = {}  # id -> (entity, facts naming it)
        self.phrase_terms: set[str] = set()

    def add(self, batch: Batch) -> None:
        self.syllables |= batch.syllables
        self.vocabulary |= batch.vocabulary
        self.categories |= batch.categories
        self.phrase_terms |= batch.phrase_terms
        for entity_id, (entity, count) in batch.entities.items():
            self.entities[entity_id] = (
                entity,
                self.entities.get(entity_id, (entity, 0))[1] + count,
            )


def _write(db: sqlite3.Connection, batches: Iterable[Batch], key: str, workers: int) -> None:
    """Write the batches into the empty database `db`, in one transaction.

    Postings are gathered per term and spilled to a temporary table every
    _CHUNK_POSTINGS, fact rows are inserted batch by batch, so memory stays bounded
    whatever the size. The phrase weights are computed by `workers` processes (under 2:
    here).
    """
    db.execute("PRAGMA journal_mode = OFF")  # a file is written whole, then renamed into place
    db.execute("PRAGMA synchronous = OFF")
    db.execute("BEGIN")
    create_schema(db)
    pending: defaultdict[str, array[int]] = defaultdict(_postings)
    held = 0  # postings in `pending`
    spilled = 0  # chunks written to the temporary table
    totals = _Totals()

    def spill() -> None:
        nonlocal pending, held, spilled
        if spilled == 0:
            db.execute("CREATE TEMP TABLE chunks (term TEXT, seq INTEGER, postings BLOB)")
        db.executemany(
            "INSERT INTO temp.chunks VALUES (?, ?, ?)",
            ((term, spilled, slot.tobytes()) for term, slot in pending.items()),
        )
        pending, held, spilled = defaultdict(_postings), 0, spilled + 1

    total = 0
    codes = array(USHORT)  # each fact's traits, for the traits column
    for batch in batches:
        if batch.first + len(batch.rows) > MAX_FACTS:
            raise ValueError(f"at most {MAX_FACTS} facts can be indexed")
        numbered = list(enumerate(batch.rows, batch.first))
        codes.extend(row.traits for row in batch.rows)
        db.executemany(
            "INSERT INTO facts VALUES (?, ?, ?)",
            ((number, row.record, row.record_crc) for number, row in numbered),
        )
        db.executemany(
            "INSERT INTO entries VALUES (?, ?, ?, ?, '', ?)",
            (
                (number, row.traits, row.phrases, row.words, row.entry_crc)
                for number, row in numbered
            ),
        )
        for term, blob in batch.term_postings():
            pending[term].frombytes(blob)
        held += len(batch.postings) // UINT_BYTES
        totals.add(batch)
        total = batch.first + len(batch.rows)
        if held >= _CHUNK_POSTINGS:
            spill()

    counts = _write_terms(db, pending, spilled, spill, totals.phrase_terms, total)
    pending.clear()
    _write_weights(db, total, counts, workers)
    column = codes.tobytes()
    db.execute("INSERT INTO columns VALUES ('traits', ?, ?)", (column, zlib.crc32(column)))
    _write_meta(db, key, total, totals)
    db.execute("COMMIT")


def _write_terms(
    db: sqlite3.Connection,
    pending: dict[str, array[int]],
    spilled: int,
    spill: Callable[[], None],
    phrase_terms: set[str],
    total: int,
) -> dict[str, int]:
    """Write every term's postings (dense when common, in a base of `total` facts).

    Returns how many facts hold each title or alias term.
    """
    counts: dict[str, int] = {}
    insert = "INSERT INTO terms VALUES (?, ?, ?, ?)"
    dense = max(1, -(-total // DENSE_SHARE))  # facts holding a term from which it is dense
    merged: Iterable[tuple[str, bytes]]
    if spilled == 0:
        merged = ((term, pending[term].tobytes()) for term in sorted(pending))
    else:
        spill()
        chunks = db.execute("SELECT term, postings FROM temp.chunks ORDER BY term, seq")
        merged = _merged(chunks)
    rows = []
    for term, blob in merged:
        count = len(blob) // UINT_BYTES
        if term in phrase_terms:
            counts[term] = count
        holders = count if count >= dense else 0
        if holders:
            blob = dense_row(array(UINT, blob), total)
        rows.append((term, blob, holders, postings_crc(blob, holders)))
        if len(rows) >= _FACT_ROWS:
            db.executemany(insert, rows)
            rows = []
    db.executemany(insert, rows)
    if spilled:
        db.execute("DROP TABLE temp.chunks")
    return counts


def _write_weights(
    db: sqlite3.Connection, total: int, counts: dict[str, int], workers: int
) -> None:
    """Each fact's phrase weights: a phrase's summed IDF needs every term's final count.

    A second pass over the entries, a chunk of rows at a time (the rows' checksums so far
    are extended, not recomputed). The arithmetic and JSON are most of its cost, so with
    `workers` they run in worker processes while this one reads and writes the rows.
    """
    unknown = idf(total, 0)
    term_idf = {term: idf(total, count) for term, count in counts.items()}  # once a term
    chunks = (
        db.execute(
            "SELECT number, phrases, crc FROM entries WHERE number >= ? AND number < ?",
            (start, start + _FACT_ROWS),
        ).fetchall()
        for start in range(0, total, _FACT_ROWS)
    )
    update = "UPDATE entries SET weights = ?, crc = ? WHERE number = ?"
    weighers = workers if total >= PARALLEL_WEIGHTS else 0
    rows = ((chunk,) for chunk in chunks)
    weighed = in_order(weighers, _start_weigher, (term_idf, unknown), _weigh, rows)
    with closing(weighed):  # ends the pool now, even when a write fails
        for updates in weighed:
            db.executemany(update, updates)


PARALLEL_WEIGHTS = 20_000  # facts under which the weights are computed here


def _weights(
    rows: list[tuple[int, str, int]], term_idf: dict[str, float], unknown: float
) -> list[tuple[str, int, int]]:
    """(weights, checksum, number) for each (number, phrases, checksum so far) entry row."""
    updates = []
    between, within = ENTRY_SEPARATORS
    for number, phrases, crc in rows:
        weights = within.join(
            repr(sum(map(term_idf.get, filter(None, phrase.split(within)), repeat(unknown))))
            for phrase in phrases.split(between)
        )
        updates.append((weights, zlib.crc32(weights.encode("utf-8"), crc), number))
    return updates


def _start_weigher(term_idf: dict[str, float], unknown: float) -> tuple[dict[str, float], float]:
    """A weighing process's state: each term's IDF, and an unknown term's."""
    return term_idf, unknown


def _weigh(
    state: tuple[dict[str, float], float], rows: list[tuple[int, str, int]]
) -> list[tuple[str, int, int]]:
    """`_weights` of these rows, with `_start_weigher`'s state."""
    return _weights(rows, *state)


def _write_meta(db: sqlite3.Connection, key: str, total: int, totals: _Totals) -> None:
    """The meta table: the base's size and the vocabularies a query reads."""
    spell = speller()
    meta: dict[str, object] = {
        "key": key,
        "size": total,
        "byteorder": sys.byteorder,
        "syllables": sorted(totals.syllables),
        # "shei" is the everyday reading of 谁 that pypinyin spells "shui".
        "scaffolding": sorted({"shei", *("".join(spell(w)) for w in ZH_SCAFFOLDING)}),
        # Short spellings (ji, na) are parts of too many words to signal anything.
        "cues": [
            item
            for cue, kind in zh_type_cues()
            for spelled in ["shei" if cue == "谁" else "".join(spell(cue))]
            if len(spelled) >= 4
            for item in (spelled, kind.value)
        ],
        "vocabulary": sorted(totals.vocabulary),
        "traditional": "".join(sorted(traditional_characters())),
        "categories": sorted(totals.categories),
        "entities": [entity_to_data(entity) for entity, _ in totals.entities.values()],
        "entity_facts": [count for _, count in totals.entities.values()],
        # Each Chinese name and alias of two characters or more spelt in toneless pinyin
        # (华大基因: huadajiyin), then the entity's id: a question in pinyin names them too.
        "entity_pinyin": [
            item
            for entity, _ in totals.entities.values()
            for name in dict.fromkeys((entity.name, *entity.aliases))
            for runs in [_han_runs(name)]
            if sum(map(len, runs)) >= 2
            for item in ("".join(s for run in runs for s in spell(run)), entity.id)
        ],
    }
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        ((name, json.dumps(value, ensure_ascii=False)) for name, value in meta.items()),
    )


def _han_runs(name: str) -> list[str]:
    """The runs of Chinese characters in a folded name, all of them (的 and 有 too)."""
    return "".join(c if has_han(c) else " " for c in fold(name)).split()


_append = array.append
_sink: deque[object] = deque(maxlen=0)
_drain = _sink.extend  # runs an iterator to its end, keeping nothing


def _postings() -> array[int]:
    """An empty list of packed postings."""
    return array(UINT)


def _terms(tokens: Tokens) -> tuple[str, ...]:
    """The z:, e: and n: terms of tokenized text, in bulk (a build's hottest text step)."""
    terms: list[str] = []
    for run in tokens.han:
        terms += ["z:" + char for char in run]
        terms += ["z:" + a + b for a, b in pairwise(run)]
    terms += ["e:" + stem(word) for word in content_words(tokens.words)]
    terms += ["n:" + number for number in tokens.numbers]
    return tuple(terms)


def _merged(chunks: Iterable[tuple[str, bytes]]) -> Iterator[tuple[str, bytes]]:
    """Each term's postings joined from its spilled chunks (given in term, then chunk order)."""
    current: str | None = None
    parts: list[bytes] = []
    for term, blob in chunks:
        if term != current:
            if current is not None:
                yield current, b"".join(parts)
            current, parts = term, []
        parts.append(blob)
    if current is not None:
        yield current, b"".join(parts)

"""The search index: every fact's searchable terms, weighted, with inverted postings.

Terms are strings with a one-letter channel prefix:
  z:  Chinese character unigrams and bigrams (works on unsegmented text)
  e:  English word stems
  n:  numbers
  p:  toneless pinyin syllables and syllable bigrams of the Chinese key fields
  i:  pinyin initials of each Chinese key phrase (主办单位 -> zbdw)

The index is an SQLite database of plain data (`build.write` makes one, `Index` reads
one): a `terms` table of postings, a `facts` table of JSON fact records, an `entries`
table of what ranking reads of each fact (plain text), a `columns` table of one value a
fact (the traits), and a `meta` table of small JSON values. A term's postings are packed
(a fact number and a field in each unsigned int, ascending) or, for a term at least one
fact in DENSE_SHARE holds, a `Dense` row: a byte a fact, so whether a fact holds it is
one index away rather than a binary search (and the row is no larger). A query reads the
postings of its own terms, the entries of the facts it ranks and the records of those it
shows, nothing else. The reader trusts no field: a value of the wrong type, shape or
range raises `DamagedIndex`, which the engine answers by rebuilding (`Index.recover`).
"""

from __future__ import annotations

import math
import sqlite3
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import IntEnum
from itertools import compress, repeat
from typing import Any, Final, NamedTuple, TypeVar

from ..base.entities import NameFinder
from ..base.models import Entity, Fact
from .normalize import fold
from .records import (
    entity_from_data,
    fact_from_json,
    loads,
    numbers,
    strings,
)
from .results import QuestionType
from .traits import LIMIT as traits_limit
from .traits import Traits
from .traits import decode as decode_traits


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
UINT: Final = "I"  # array / memoryview type code of a packed posting
UINT_BYTES = array(UINT).itemsize
_FIELDS = tuple(Field)  # by number, faster than calling Field()
# _FIELDS[packed & FIELD_MASK] needs Field numbered 0, 1, 2 ... within FIELD_BITS.
assert [f.value for f in _FIELDS] == list(range(len(_FIELDS))) and len(_FIELDS) <= FIELD_MASK + 1
assert UINT_BYTES == 4
MAX_FACTS = (1 << (32 - FIELD_BITS)) - 1  # fact numbers must fit a packed posting
# The byte of a packed posting that holds its field bits, and the values that byte may take.
_LOW_BYTE = 0 if sys.byteorder == "little" else 3
_VALID_LOW = bytes(b for b in range(256) if b & FIELD_MASK < len(_FIELDS))

# The file format: SQLite's header carries both, so a file is recognised before it is opened.
APPLICATION_ID = 0x4A4D5349  # "JMSI"
CONTEXT_SHARE = 0.25  # an entity at least this share of the facts name is the base's setting
FORMAT = 11  # PRAGMA user_version; bump when the schema or a record's shape changes
SCHEMA = (
    "CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    # holders: 0 for packed postings; for a dense row, the facts that hold the term (counting
    # a row's bytes took 3 ms a megabyte, on every cold question at a million facts).
    "CREATE TABLE terms (term TEXT PRIMARY KEY, postings BLOB NOT NULL,"
    " holders INTEGER NOT NULL, crc INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE facts (number INTEGER PRIMARY KEY, record TEXT NOT NULL, crc INTEGER NOT NULL)",
    # What scoring a candidate reads (traits.py; phrases and words as ENTRY_SEPARATORS
    # join them): narrow rows, apart from the records a query reads only to show them.
    "CREATE TABLE entries (number INTEGER PRIMARY KEY, traits INTEGER NOT NULL,"
    " phrases TEXT NOT NULL, words TEXT NOT NULL, weights TEXT NOT NULL, crc INTEGER NOT NULL)",
    # A value of every fact, whole, in fact order: "traits", an unsigned short a fact.
    "CREATE TABLE columns (name TEXT PRIMARY KEY, data BLOB NOT NULL, crc INTEGER NOT NULL)",
)
USHORT: Final = "H"  # array type code of the traits column
assert array(USHORT).itemsize == 2 and traits_limit <= 1 << 16
# An entry's phrases are joined by a newline, a phrase's terms (and the words, and the
# weights) by a space: no term holds either (terms are runs of letters, digits, characters).
ENTRY_SEPARATORS = ("\n", " ")
DENSE_SHARE = 8  # a term held by this share of the facts (1 in 8) or more is stored dense
# The byte values of a dense row: 0 (the fact does not hold the term) or its field + 1.
_VALID_DENSE = bytes(range(len(_FIELDS) + 1))
_READ_BATCH = 500  # facts per SELECT ... IN (...)
_POSTINGS_CACHE = 64 << 20  # bytes of postings a long-running reader keeps decoded
_ENTRY_CACHE = 20_000  # decoded fact entries a long-running reader keeps
_FACT_CACHE = 2_000  # decoded facts a long-running reader keeps (a query shows a few)
_FEW_TRAITS = 32  # traits of this many facts are read with their entries, not the column


_T = TypeVar("_T")


class DamagedIndex(Exception):
    """The index file holds something its writer would not have written."""


class Dense(NamedTuple):
    """A common term's postings as a row: byte n is 0, or the field fact n holds it in + 1."""

    fields: bytes
    holders: int  # the facts that hold the term


Postings = memoryview | Dense  # packed (fact number << FIELD_BITS | Field), or a row


def dense_row(packed: Sequence[int], size: int) -> bytes:
    """The dense row of packed postings, in a base of `size` facts."""
    row = bytearray(size)
    for posting in packed:  # a plain loop: 4 times as fast as chained maps (measured)
        row[posting >> FIELD_BITS] = (posting & FIELD_MASK) + 1
    return bytes(row)


def pairs(postings: Postings) -> Iterator[tuple[int, int]]:
    """(fact number, field) of each posting, in fact order, whatever its form."""
    if isinstance(postings, Dense):
        row = postings.fields
        holders = compress(range(len(row)), row)
        return zip(holders, map(int.__sub__, filter(None, row), repeat(1)), strict=True)
    return ((packed >> FIELD_BITS, packed & FIELD_MASK) for packed in postings)


class Entry(NamedTuple):
    """What the scorer needs of a fact: read for each candidate (the fact only when shown)."""

    traits: Traits
    # Terms of the fact's title and of each alias, with their summed IDF.
    phrases: tuple[tuple[frozenset[str], float], ...]
    words: frozenset[str]  # English words of the title and aliases, unstemmed: breaks ties


_KINDS = {kind.value: kind for kind in QuestionType}


class Index:
    """A read-only view of an index database: postings and facts read as a query needs them.

    Decoded postings and entries are kept (up to a bound) for the next question of a
    batch or the prompt. `recover` swaps in a rebuilt database after damage was found.
    """

    __slots__ = (
        "_db",
        "_derived",
        "_entries",
        "_facts",
        "_meta",
        "_phrases",
        "_postings",
        "_postings_bytes",
        "_recover",
        "_traits",
        "_traits_column",
        "size",
    )

    def __init__(
        self,
        db: sqlite3.Connection,
        recover: Callable[[], sqlite3.Connection] | None = None,
    ) -> None:
        """Open the index in `db`; `recover` builds a fresh database when this one is damaged."""
        self._recover = recover
        self._attach(db)

    def _attach(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._postings: dict[str, Postings] = {}
        self._postings_bytes = 0
        self._entries: dict[int, Entry] = {}
        self._facts: dict[int, Fact] = {}
        self._phrases: dict[frozenset[str], frozenset[str]] = {}
        self._traits: dict[object, Traits] = {}
        self._traits_column: memoryview | None = None
        self._meta: dict[str, object] = {}
        self._derived: dict[str, Any] = {}
        size = self._meta_value("size", int)
        if not isinstance(size, int) or not 0 <= size <= MAX_FACTS:
            raise DamagedIndex("fact count out of range")
        self.size: int = size

    def close(self) -> None:
        """Close the database (a later query raises)."""
        self._db.close()

    def recover(self) -> None:
        """Replace a damaged database with a rebuilt one; re-raises when there is no way to."""
        if self._recover is None:
            raise DamagedIndex("the index is damaged and cannot be rebuilt")
        rebuild, self._recover = self._recover, None
        self._db.close()
        self._attach(rebuild())

    def _meta_value(self, name: str, kind: type) -> object:
        """A meta value, parsed from JSON and checked to be of `kind` (list, str, int)."""
        if name not in self._meta:
            try:
                row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
                value = loads(row[0]) if row is not None else None
            except (sqlite3.Error, ValueError) as error:
                raise DamagedIndex(f"meta {name}: {error}") from None
            if not isinstance(value, kind) or isinstance(value, bool):
                raise DamagedIndex(f"meta {name} is missing or of the wrong type")
            self._meta[name] = value
        return self._meta[name]

    def _strings(self, name: str) -> list[str]:
        try:
            return strings(self._meta_value(name, list))
        except ValueError:
            raise DamagedIndex(f"meta {name} holds a non-string") from None

    @property
    def syllables(self) -> frozenset[str]:
        """Every pinyin syllable seen, for segmenting queries."""
        return self._cached("syllables", lambda: frozenset(self._strings("syllables")))

    @property
    def pinyin_scaffolding(self) -> frozenset[str]:
        """Question words spelt in pinyin (shenme, naxie ...)."""
        return self._cached("scaffolding", lambda: frozenset(self._strings("scaffolding")))

    @property
    def pinyin_cues(self) -> tuple[tuple[str, QuestionType], ...]:
        """Question-type cues in pinyin (shijian: when)."""

        def parse() -> tuple[tuple[str, QuestionType], ...]:
            pairs = self._strings("cues")
            if len(pairs) % 2 or not all(k in _KINDS for k in pairs[1::2]):
                raise DamagedIndex("meta cues malformed")
            return tuple(
                (cue, _KINDS[kind]) for cue, kind in zip(pairs[::2], pairs[1::2], strict=True)
            )

        return self._cached("cues", parse)

    @property
    def traditional(self) -> frozenset[str]:
        """Characters that need conversion: queries without any skip OpenCC."""

        def parse() -> frozenset[str]:
            value = self._meta_value("traditional", str)
            assert isinstance(value, str)
            return frozenset(value)

        return self._cached("traditional", parse)

    @property
    def vocabulary(self) -> tuple[str, ...]:
        """English words seen, for typo correction."""
        return self._cached("vocabulary", lambda: tuple(self._strings("vocabulary")))

    @property
    def categories(self) -> tuple[str, ...]:
        """The categories of the indexed facts, each once."""
        return self._cached("categories", lambda: tuple(self._strings("categories")))

    @property
    def entities(self) -> tuple[tuple[Entity, int], ...]:
        """The entities the facts name, each with how many facts name it."""

        def parse() -> tuple[tuple[Entity, int], ...]:
            data = self._meta_value("entities", list)
            counts = self._meta_value("entity_facts", list)
            assert isinstance(data, list) and isinstance(counts, list)
            if len(data) != len(counts):
                raise DamagedIndex("meta entities and entity_facts differ in length")
            try:
                found = tuple(
                    (entity_from_data(item), int(count))
                    for item, count in zip(data, numbers(counts), strict=True)
                )
            except ValueError as error:
                raise DamagedIndex(f"meta entities: {error}") from None
            if any(not 0 < count <= self.size for _, count in found):
                raise DamagedIndex("meta entity_facts out of range")
            return found

        return self._cached("entities", parse)

    @property
    def pinyin_names(self) -> dict[str, Entity]:
        """Each entity's Chinese names spelt in toneless pinyin, run together: huadajiyin.

        A spelling two entities share (homophones) names neither: it cannot tell them apart.
        """

        def parse() -> dict[str, Entity]:
            pairs = self._strings("entity_pinyin")
            by_id = {entity.id: entity for entity, _ in self.entities}
            if len(pairs) % 2 or not all(i in by_id for i in pairs[1::2]):
                raise DamagedIndex("meta entity_pinyin malformed")
            names: dict[str, Entity] = {}
            shared: set[str] = set()
            for name, entity_id in zip(pairs[::2], pairs[1::2], strict=True):
                if names.setdefault(name, by_id[entity_id]).id != entity_id:
                    shared.add(name)
            return {name: entity for name, entity in names.items() if name not in shared}

        return self._cached("entity_pinyin", parse)

    @property
    def finder(self) -> NameFinder:
        """Finds the entities a question names (built once per open index)."""

        # Spellings folded as questions are (simplified, case-folded): 漢口 is found as 汉口.
        # OpenCC loads only for a spelling that holds a traditional character (not on every ask).
        def fold_name(name: str) -> str:
            return fold(name, simplify=not self.traditional.isdisjoint(name))

        return self._cached("finder", lambda: NameFinder((e for e, _ in self.entities), fold_name))

    @property
    def setting(self) -> frozenset[str]:
        """The ids of entities so many facts name (CONTEXT_SHARE) that they set the scene.

        In this base, Jingmen and the summit itself: a question naming them is not asking
        about them rather than about anything else.
        """
        return self._cached(
            "setting",
            lambda: frozenset(e.id for e, n in self.entities if n >= CONTEXT_SHARE * self.size),
        )

    def _cached(self, name: str, make: Callable[[], _T]) -> _T:
        found = self._derived.get(name)
        if found is None:
            found = self._derived[name] = make()
        return found

    @property
    def unknown_weight(self) -> float:
        """The IDF of a term no fact has: it weighs most (it is unexplained content)."""
        return idf(self.size, 0)

    def postings(self, term: str) -> Postings:
        """The term's postings: packed (fact number << FIELD_BITS | Field, ascending) or dense."""
        found = self._postings.get(term)
        if found is None:
            found = self._postings[term] = self._read_postings(term)
            size = _nbytes(found)
            self._postings_bytes += size
            if self._postings_bytes > _POSTINGS_CACHE:
                self._postings = {term: found}
                self._postings_bytes = size
        return found

    def _row(self, sql: str, args: tuple[object, ...], what: str) -> tuple[Any, ...] | None:
        """The one row a query finds, or None; DamagedIndex, naming `what`, if SQLite fails."""
        try:
            row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        except sqlite3.Error as error:
            raise DamagedIndex(f"{what}: {error}") from None
        return row

    def _read_postings(self, term: str) -> Postings:
        row = self._row(
            "SELECT postings, holders, crc FROM terms WHERE term = ?",
            (term,),
            f"postings of {term!r}",
        )
        if row is None:
            return _NO_POSTINGS
        blob, holders, crc = row
        # A checksum catches accidental damage (SQLite keeps none); every posting must
        # name a field; fact numbers are checked when a fact is read (a dense row's are
        # its positions: it must hold one byte a fact).
        if type(holders) is not int or not 0 <= holders <= self.size:
            raise DamagedIndex(f"postings of {term!r} are of no known form")
        if not isinstance(blob, bytes) or not blob or postings_crc(blob, holders) != crc:
            raise DamagedIndex(f"postings of {term!r} are missing or fail their checksum")
        if holders:
            if len(blob) != self.size or blob.translate(None, _VALID_DENSE):
                raise DamagedIndex(f"postings of {term!r} are not a row of fields")
            # The count is held to its bounds, not recounted (that is what storing it saves):
            # a forged count misranks, as a forged posting would, and crashes nothing.
            if not blob.lstrip(b"\0"):
                raise DamagedIndex(f"postings of {term!r} are an empty row")
            return Dense(blob, holders)
        if len(blob) % UINT_BYTES:
            raise DamagedIndex(f"postings of {term!r} are not packed integers")
        if blob[_LOW_BYTE::UINT_BYTES].translate(None, _VALID_LOW):
            raise DamagedIndex(f"postings of {term!r} name an unknown field")
        return memoryview(blob).cast(UINT)

    def count(self, term: str) -> int:
        """How many facts have this term."""
        found = self.postings(term)
        return found.holders if isinstance(found, Dense) else len(found)

    def has(self, term: str) -> bool:
        """True when some fact has this term."""
        return self.count(term) > 0

    def weight(self, term: str) -> float:
        """IDF of a term, from how many facts have it."""
        return idf(self.size, self.count(term))

    def field_of(self, term: str, number: int) -> Field | None:
        """The field in which fact `number` has the term, or None (a binary search if packed)."""
        postings = self.postings(term)
        if isinstance(postings, Dense):
            found = postings.fields[number] if 0 <= number < self.size else 0
            return _FIELDS[found - 1] if found else None
        at = bisect_left(postings, number << FIELD_BITS)
        if at < len(postings) and postings[at] >> FIELD_BITS == number:
            return _FIELDS[postings[at] & FIELD_MASK]
        return None

    def load(self, numbers: Iterable[int]) -> None:
        """Read the entries of these facts, in as few queries as it takes; all are then held."""
        asked = set(numbers)
        missing = sorted(n for n in asked if n not in self._entries)
        if len(self._entries) + len(missing) > _ENTRY_CACHE:
            # Start again, these facts included (held ones too: callers read them next).
            self._entries, self._phrases = {}, {}
            missing = sorted(asked)
        for start in range(0, len(missing), _READ_BATCH):
            wanted = missing[start : start + _READ_BATCH]
            self._check_numbers(wanted[0], wanted[-1])
            marks = ",".join("?" * len(wanted))
            try:
                rows = self._db.execute(
                    f"SELECT number, traits, phrases, words, weights, crc FROM entries"
                    f" WHERE number IN ({marks})",
                    wanted,
                ).fetchall()
            except sqlite3.Error as error:
                raise DamagedIndex(f"entries: {error}") from None
            for number, code, phrases, words, weights, crc in rows:
                self._entries[number] = _entry(
                    code, phrases, words, weights, crc, self._phrases, self._traits
                )
            if any(n not in self._entries for n in wanted):
                raise DamagedIndex("a posting names a fact the index does not hold")

    def traits(self, numbers: Sequence[int]) -> list[Traits]:
        """The traits of these facts: read with their entries when few, else from the column.

        Ranking thousands of facts that tie on recall needs their traits before their entries:
        most cannot be shown, whatever their phrases, once their fit is known.
        """
        if len(numbers) <= _FEW_TRAITS and self._traits_column is None:
            self.load(numbers)
            return [self._entries[n].traits for n in numbers]
        codes = self._read_traits_column()
        if numbers:
            self._check_numbers(min(numbers), max(numbers))
        found = []
        for code in map(codes.__getitem__, numbers):
            traits = self._traits.get(code)
            if traits is None:
                traits = self._traits[code] = _decoded_traits(code)
            found.append(traits)
        return found

    def _read_traits_column(self) -> memoryview:
        if self._traits_column is None:
            row = self._row("SELECT data, crc FROM columns WHERE name = 'traits'", (), "traits")
            if row is None or not isinstance(row[0], bytes) or zlib.crc32(row[0]) != row[1]:
                raise DamagedIndex("the traits column is missing or fails its checksum")
            if len(row[0]) != 2 * self.size:
                raise DamagedIndex("the traits column does not hold a value a fact")
            self._traits_column = memoryview(row[0]).cast(USHORT)
        return self._traits_column

    def _check_numbers(self, low: int, high: int) -> None:
        if low < 0 or high >= self.size:
            raise DamagedIndex("a posting names a fact the index does not hold")

    def entry(self, number: int) -> Entry:
        """The decoded entry of fact `number` (read once, then kept)."""
        found = self._entries.get(number)
        if found is None:
            self.load((number,))
            found = self._entries[number]
        return found

    def fact(self, number: int) -> Fact:
        """Fact `number` (read once, then kept)."""
        found = self._facts.get(number)
        if found is None:
            self._check_numbers(number, number)
            row = self._row("SELECT record, crc FROM facts WHERE number = ?", (number,), "facts")
            if row is None:
                raise DamagedIndex("a posting names a fact the index does not hold")
            if len(self._facts) >= _FACT_CACHE:
                self._facts = {}
            found = self._facts[number] = _fact(*row)
        return found

    def category(self, number: int) -> str:
        """The category of fact `number`."""
        return self.fact(number).category

    @property
    def facts(self) -> tuple[Fact, ...]:
        """Every fact, in base order (reads them all: for listing and tests, not for queries)."""
        try:
            rows = self._db.execute("SELECT record, crc FROM facts ORDER BY number").fetchall()
        except sqlite3.Error as error:
            raise DamagedIndex(f"facts: {error}") from None
        facts = tuple(_fact(record, crc) for record, crc in rows)
        if len(facts) != self.size:
            raise DamagedIndex("fact count does not match the facts held")
        return facts

    def postings_table(self) -> dict[str, tuple[bytes, int]]:
        """Every term's postings and holders (0: packed postings), for tests and tools."""
        rows = self._db.execute("SELECT term, postings, holders FROM terms ORDER BY term")
        return {term: (blob, holders) for term, blob, holders in rows.fetchall()}


_NO_POSTINGS = memoryview(b"").cast(UINT)


def _nbytes(postings: Postings) -> int:
    return len(postings.fields) if isinstance(postings, Dense) else postings.nbytes


def _fact(record: object, crc: object) -> Fact:
    """A fact from its stored record; DamagedIndex when it is malformed."""
    try:
        if not isinstance(record, str) or text_crc(record) != crc:
            raise ValueError("checksum mismatch")
        return fact_from_json(record)
    except ValueError as error:
        raise DamagedIndex(f"fact record: {error}") from None


def _entry(
    code: object,
    phrases: object,
    words: object,
    weights: object,
    crc: object,
    phrases_seen: dict[frozenset[str], frozenset[str]],
    traits_seen: dict[object, Traits],
) -> Entry:
    """A fact's entry from its stored columns; DamagedIndex when any is malformed.

    A phrase already in `phrases_seen` (an alias many facts share) is given as that
    set, so a query measures it once; traits are decoded once a distinct code.
    """
    try:
        if not (isinstance(phrases, str) and isinstance(words, str) and isinstance(weights, str)):
            raise ValueError("entry holds a non-text column")
        if entry_crc(code, phrases, words, weights) != crc:
            raise ValueError("checksum mismatch")
        traits = traits_seen.get(code)
        if traits is None:
            traits = traits_seen[code] = decode_traits(code)
        between, within = ENTRY_SEPARATORS
        terms = [frozenset(phrase.split(within)) - _NOTHING for phrase in phrases.split(between)]
        sums = [float(weight) for weight in weights.split(within)] if weights else []
        if len(sums) != len(terms) or not all(map(math.isfinite, sums)):
            raise ValueError("a finite weight per phrase expected")
    except ValueError as error:
        raise DamagedIndex(f"fact entry: {error}") from None
    return Entry(
        traits,
        tuple(
            (phrases_seen.setdefault(phrase, phrase), weight)
            for phrase, weight in zip(terms, sums, strict=True)
        ),
        frozenset(words.split(within)) - _NOTHING,
    )


_NOTHING = frozenset({""})


def _decoded_traits(code: object) -> Traits:
    try:
        return decode_traits(code)
    except ValueError as error:
        raise DamagedIndex(f"traits: {error}") from None


def text_crc(*columns: object) -> int:
    """The checksum of a row's columns (text, or integers as decimal text), NUL-separated."""
    text = "\0".join(map(str, columns))
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


def postings_crc(blob: bytes, holders: int) -> int:
    """The checksum of a terms row: its postings, and a dense row's count of holders."""
    crc = zlib.crc32(blob)
    return zlib.crc32(b"%d" % holders, crc) if holders else crc


def entry_crc(code: object, phrases: str, words: str, weights: str) -> int:
    """The checksum of an entry row: its weights last, so a build can add them to it."""
    return text_crc(code, phrases, words, weights)


def idf(total: int, count: int) -> float:
    """BM25's IDF of a term found in `count` of `total` facts."""
    return math.log(1 + (total - count + 0.5) / (count + 0.5))


def han_terms(run: str) -> Iterator[str]:
    """Character unigrams and bigrams of a run of Chinese characters."""
    for i, char in enumerate(run):
        yield "z:" + char
        if i + 1 < len(run):
            yield "z:" + run[i : i + 2]


def pinyin_terms(syllables: Sequence[str]) -> Iterator[str]:
    """Syllable unigrams and bigrams."""
    for i, syllable in enumerate(syllables):
        yield "p:" + syllable
        if i + 1 < len(syllables):
            yield "p:" + syllable + syllables[i + 1]

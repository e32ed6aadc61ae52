"""A fact as plain JSON data, and back: how the index stores each fact record.

The index file is a cache a reader must not trust (anyone with write access to it
could have put anything there), so `fact_from_json` checks every field's type and
shape and raises `ValueError` on the first thing out of place; it never evaluates
or imports anything a record names. `to_json(from_json(x))` is the identity on
what `fact_to_json` writes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from ..base.models import DateRange, Entity, EntityKind, Fact, Money, Source, Value

MAX_RECORD_CHARS = 4_000_000  # a record longer than this is damage, not a fact


def fact_to_json(fact: Fact) -> str:
    """The fact as compact JSON text (a list, in field order)."""
    return json.dumps(
        [
            fact.id,
            fact.category,
            fact.title,
            fact.title_en,
            fact.answer,
            fact.answer_en,
            _value_data(fact.value),
            list(fact.aliases),
            [fact.source.paragraph, list(fact.source.evidence), list(fact.source.also)],
            fact.file,
            [entity_to_data(e) for e in fact.entities],
            list(fact.former_ids),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _value_data(value: Value | None) -> list[Any] | None:
    """A typed value as a tagged list: the tag says how to read it back."""
    if value is None:
        return None
    if isinstance(value, bool):  # not a value the loader makes; refuse rather than guess
        raise TypeError("boolean fact value")
    if isinstance(value, str):
        return ["s", value]
    if isinstance(value, int):
        return ["i", value]
    if isinstance(value, DateRange):
        return ["r", value.start.isoformat(), value.end.isoformat()]
    if isinstance(value, dt.date):
        return ["d", value.isoformat()]
    if isinstance(value, Money):
        return ["m", value.amount, value.unit, value.cny]
    return ["l", list(value)]


def fact_from_json(text: object) -> Fact:
    """The fact a record holds; ValueError when the record is not one `fact_to_json` wrote."""
    fields = _list(loads(text), 12)
    source = _list(fields[8], 3)
    return Fact(
        id=_str(fields[0]),
        category=_str(fields[1]),
        title=_str(fields[2]),
        title_en=_str(fields[3]),
        answer=_str(fields[4]),
        answer_en=_str(fields[5]),
        value=_value(fields[6]),
        aliases=_strs(fields[7]),
        source=Source(_int(source[0]), _strs(source[1]), tuple(_int(n) for n in _list(source[2]))),
        file=_str(fields[9]),
        entities=tuple(entity_from_data(item) for item in _list(fields[10])),
        former_ids=_strs(fields[11]),
    )


def _value(data: object) -> Value | None:
    if data is None:
        return None
    tagged = _list(data)
    if not tagged:
        raise ValueError("empty value")
    tag, rest = tagged[0], tagged[1:]
    if tag == "s" and len(rest) == 1:
        return _str(rest[0])
    if tag == "i" and len(rest) == 1:
        return _int(rest[0])
    if tag == "d" and len(rest) == 1:
        return _date(rest[0])
    if tag == "r" and len(rest) == 2:
        return DateRange(_date(rest[0]), _date(rest[1]))
    if tag == "m" and len(rest) == 3:
        amount = rest[0]
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            raise ValueError("money amount is not a number")
        if not -1e300 < amount < 1e300:
            raise ValueError("money amount is not finite")
        return Money(amount, _str(rest[1]), _int(rest[2]))
    if tag == "l" and len(rest) == 1:
        return _strs(rest[0])
    raise ValueError(f"unknown value tag {tag!r}")


def entity_to_data(entity: Entity) -> list[Any]:
    """An entity as a plain JSON list, in field order."""
    e = entity
    return [e.id, e.kind.value, e.name, e.name_en, list(e.aliases), e.paragraph, e.file]


def entity_from_data(data: object) -> Entity:
    """The entity `entity_to_data` wrote; ValueError on anything else."""
    fields = _list(data, 7)
    try:
        kind = EntityKind(fields[1])
    except ValueError:
        raise ValueError("unknown entity kind") from None
    return Entity(
        id=_str(fields[0]),
        kind=kind,
        name=_str(fields[2]),
        name_en=_str(fields[3]),
        aliases=_strs(fields[4]),
        paragraph=_int(fields[5]),
        file=_str(fields[6]),
    )


def _list(data: object, length: int | None = None) -> list[Any]:
    if not isinstance(data, list) or (length is not None and len(data) != length):
        raise ValueError("record field has the wrong shape")
    return data


def _str(data: object) -> str:
    if not isinstance(data, str):
        raise ValueError("record field is not text")
    return data


def _strs(data: object) -> tuple[str, ...]:
    items = _list(data)
    # One pass at C speed: `type(item) is str` is what json.loads gives for text.
    if not all(type(item) is str for item in items):
        raise ValueError("record field is not text")
    return tuple(items)


def _int(data: object) -> int:
    if isinstance(data, bool) or not isinstance(data, int):
        raise ValueError("record field is not an integer")
    return data


def _date(data: object) -> dt.date:
    try:
        return dt.date.fromisoformat(_str(data))
    except ValueError:
        raise ValueError("record field is not a date") from None


def loads(text: object) -> object:
    """Parse stored JSON text; ValueError when it is not text, too long, or not strict JSON."""
    if not isinstance(text, str) or len(text) > MAX_RECORD_CHARS:
        raise ValueError("not text of a sane length")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _no_constant(name: str) -> object:
    raise ValueError(f"non-standard JSON constant {name}")


def strings(data: object) -> list[str]:
    """`data` if it is a list of strings; ValueError otherwise."""
    return list(_strs(data))


def string_lists(data: object) -> list[list[str]]:
    """`data` if it is a list of lists of strings; ValueError otherwise."""
    return [list(_strs(item)) for item in _list(data)]


def numbers(data: object) -> list[float]:
    """`data` if it is a list of finite numbers, as floats; ValueError otherwise."""
    found = _list(data)
    for number in found:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise ValueError("not a number")
        if not -1e300 < number < 1e300:
            raise ValueError("not a finite number")
    return [float(n) for n in found]

"""Fields of a record: dotted paths into it, choosing some (--fields), and flat cells.

A record is a JSON object of the contract. `answer.en` names the `en` key of its
`answer` object. Chosen fields keep their nesting in JSON (so a jq filter reads
the same), and become one column each in CSV and TSV.

Flat cells (CSV, TSV) are plain text, never JSON:
  - a string as it is; a number as JSON writes it (`99.0`, `12330000000`); null is empty;
  - a list joined by LIST_SEPARATOR (" | "); a list of objects by each one's `id`,
    or its values joined by ":" (`title:主办` for a matched term);
  - a date range as ISO 8601 `start/end`, money as `amount unit` (`123.3 亿元`),
    the two languages as `zh | en`, any other object as its values joined by " | ".
A cell that begins with = + - @, a tab or a carriage return (and is not a number) is
neutralised the way OWASP recommends for CSV injection: prefixed with a single quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

LIST_SEPARATOR = " | "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")


def get(record: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path; None when any step is missing or not an object."""
    value: Any = record
    for step in path.split("."):
        if not isinstance(value, Mapping) or step not in value:
            return None
        value = value[step]
    return value


def select(record: Mapping[str, Any], paths: Sequence[str]) -> dict[str, Any]:
    """Only the chosen paths of a record, in the chosen order, nested as in the record."""
    chosen: dict[str, Any] = {}
    for path in paths:
        *parents, last = path.split(".")
        target = chosen
        for step in parents:
            target = target.setdefault(step, {})
        target[last] = get(record, path)
    return chosen


def unknown(paths: Iterable[str], valid: Sequence[str]) -> list[str]:
    """The paths that are not among the valid ones."""
    return [path for path in paths if path not in valid]


def parse(text: str) -> tuple[str, ...]:
    """`id, answer.en,value` -> ("id", "answer.en", "value"); empty entries dropped."""
    return tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))


def cell(value: Any) -> str:
    """A JSON value as one plain-text cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_item(item) for item in value)
    if isinstance(value, Mapping):
        keys = set(value)
        if keys == {"start", "end"}:
            return f"{value['start']}/{value['end']}"
        if keys == {"amount", "unit", "cny"}:
            return f"{cell(value['amount'])} {value['unit']}"
        return LIST_SEPARATOR.join(cell(v) for v in value.values())
    return str(value)


def _item(item: Any) -> str:
    if isinstance(item, Mapping):
        if "id" in item:
            return cell(item["id"])
        return ":".join(cell(v) for v in item.values())
    return cell(item)


def neutralise(text: str) -> str:
    """OWASP CSV-injection defence: a cell a spreadsheet would run as a formula gets a `'`."""
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text

"""Find what a user names: an entity (by id, name, alias, pinyin, near spelling) or a fact id.

`about 华大`, `about BGI`, `about "Zhang Yitao"`, `about zhangyitao`, `about jianke yuan`
and `about Zhang Yitoa` all find their entity. Every spelling is compared folded (NFKC,
case, traditional to simplified) with spaces and punctuation removed; Chinese spellings
are also compared as toneless pinyin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ..base.entities import is_chinese
from ..base.factbase import FactBase
from ..base.models import Entity
from .normalize import fold

MIN_SIMILARITY = 85.0  # a near spelling at least this close (0-100) counts as a match
SUGGESTIONS = 3
SUGGEST_FLOOR = 50.0  # nearer than this, a spelling is worth suggesting


class Lookup(NamedTuple):
    """The entity a name refers to (None when unsure) and the nearest others."""

    entity: Entity | None
    suggestions: tuple[tuple[Entity, float], ...]


def key(text: str) -> str:
    """A spelling reduced to what identifies it: folded, letters and characters only."""
    return "".join(char for char in fold(text) if char.isalnum())


def spellings(entity: Entity) -> set[str]:
    """Every key the entity answers to: id, names, aliases and their pinyin."""
    from pypinyin import lazy_pinyin  # only `about` needs pinyin

    keys = {key(entity.id), key(entity.id.partition(".")[2])}
    for name in entity.names:
        keys.add(key(name))
        if is_chinese(name):
            keys.add(key("".join(lazy_pinyin(fold(name)))))
    return keys - {""}


def find(entities: Sequence[Entity], name: str) -> Lookup:
    """The entity `name` refers to: exact spelling first, then the one unique near one."""
    wanted = key(name)
    table = [(spelling, entity) for entity in entities for spelling in spellings(entity)]
    exact = list(dict.fromkeys(entity for spelling, entity in table if spelling == wanted))
    if len(exact) == 1:
        return Lookup(exact[0], ())
    nearest = _nearest(table, wanted)
    if exact:  # one spelling, several entities: let the user choose
        return Lookup(None, tuple((entity, 100.0) for entity in exact))
    containing = list(dict.fromkeys(e for s, e in table if len(wanted) >= 2 and wanted in s))
    if len(containing) == 1:
        return Lookup(containing[0], ())
    if nearest and nearest[0][1] >= MIN_SIMILARITY:
        runner_up = nearest[1][1] if len(nearest) > 1 else 0.0
        if nearest[0][1] > runner_up:
            return Lookup(nearest[0][0], ())
    return Lookup(None, tuple(n for n in nearest[:SUGGESTIONS] if n[1] >= SUGGEST_FLOOR))


def _nearest(table: list[tuple[str, Entity]], wanted: str) -> list[tuple[Entity, float]]:
    """Entities by their closest spelling's similarity to `wanted`, best first."""
    from rapidfuzz import fuzz

    best: dict[Entity, float] = {}
    for spelling, entity in table:
        score = fuzz.ratio(wanted, spelling)
        if score > best.get(entity, -1.0):
            best[entity] = score
    ranked = sorted(best.items(), key=lambda item: -item[1])
    return [(entity, round(score, 1)) for entity, score in ranked if score > 0]


ID_SIMILARITY = 80.0  # a fact id at least this close (0-100) to a mistyped one is suggested


def nearest_fact_ids(base: FactBase, wanted: str, limit: int = 3) -> list[str]:
    """The fact ids (current or former) nearest a mistyped one, best first."""
    from rapidfuzz import fuzz, process

    ids = [known for fact in base.facts for known in (fact.id, *fact.former_ids)]
    found = process.extract(wanted, ids, scorer=fuzz.WRatio, limit=limit)
    return [known for known, score, _ in found if score >= ID_SIMILARITY]

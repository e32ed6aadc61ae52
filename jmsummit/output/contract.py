"""The JSON contract: facts, matches and results as plain JSON-ready dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..base.models import Category, DateRange, Entity, Fact, Money, Value
from ..search.results import Match, Result

JsonValue = Any

# Every JSON document (and every JSONL line) carries this; `jmsummit schema` prints its shapes.
SCHEMA = "jmsummit/1"

# Which row of `ask` is the answer; `search` lists matches, none of them "the" answer.
ANSWER, RELATED, MATCH = "answer", "related", "match"

FACT_FIELDS = (
    "id",
    "category",
    "title",
    "title.zh",
    "title.en",
    "answer",
    "answer.zh",
    "answer.en",
    "value",
    "value.start",
    "value.end",
    "value.amount",
    "value.unit",
    "value.cny",
    "source",
    "source.paragraph",
    "source.also",
    "source.evidence",
    "entities",
)
FACT_COLUMNS = (
    "id",
    "category",
    "title.zh",
    "title.en",
    "answer.zh",
    "answer.en",
    "value",
    "value.amount",
    "value.unit",
    "value.cny",
    "source.paragraph",
    "source.also",
    "source.evidence",
    "entities",
)
RESULT_FIELDS = ("query", "rank", "role", *FACT_FIELDS, "score", "matched")
RESULT_COLUMNS = ("query", "rank", "role", *FACT_COLUMNS, "score")
CATEGORY_FIELDS = ("category", "facts", "description", "description.zh", "description.en")
CATEGORY_COLUMNS = ("category", "facts", "description.zh", "description.en")
ENTITY_FIELDS = ("id", "kind", "name", "name.zh", "name.en", "aliases", "facts")
ENTITY_COLUMNS = ("id", "kind", "name.zh", "name.en", "aliases", "facts")

# Per command: the fields --fields may name, and the default CSV/TSV columns.
FIELDS: dict[str, tuple[str, ...]] = {
    "ask": RESULT_FIELDS,
    "search": RESULT_FIELDS,
    "list": FACT_FIELDS,
    "show": (*FACT_FIELDS, "aliases"),
    "about": FACT_FIELDS,
    "categories": CATEGORY_FIELDS,
    "entities": ENTITY_FIELDS,
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "ask": RESULT_COLUMNS,
    "search": RESULT_COLUMNS,
    "list": FACT_COLUMNS,
    "show": (*FACT_COLUMNS, "aliases"),
    "about": FACT_COLUMNS,
    "categories": CATEGORY_COLUMNS,
    "entities": ENTITY_COLUMNS,
}


def value_record(value: Value | None) -> JsonValue:
    """A typed value as JSON: dates as ISO 8601, numbers as numbers, lists as arrays."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, DateRange):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, Money):
        return {"amount": value.amount, "unit": value.unit, "cny": value.cny}
    if isinstance(value, tuple):
        return list(value)
    return value


def fact_record(fact: Fact) -> dict[str, JsonValue]:
    """The contract's fact object (as `list` prints it)."""
    return {
        "id": fact.id,
        "category": fact.category,
        "title": {"zh": fact.title, "en": fact.title_en},
        "answer": {"zh": fact.answer, "en": fact.answer_en},
        "value": value_record(fact.value),
        "source": {
            "paragraph": fact.source.paragraph,
            "also": list(fact.source.also),
            "evidence": list(fact.source.evidence),
        },
        "entities": [entity_ref(entity) for entity in fact.entities],
    }


def entity_ref(entity: Entity) -> dict[str, JsonValue]:
    """An entity as a fact names it: id, kind and its two names."""
    return {
        "id": entity.id,
        "kind": entity.kind.value,
        "name": {"zh": entity.name, "en": entity.name_en},
    }


def entity_record(entity: Entity) -> dict[str, JsonValue]:
    """The contract's entity object (as `entities` and `about` print it)."""
    return {**entity_ref(entity), "aliases": list(entity.aliases)}


def category_record(category: Category, count: int) -> dict[str, JsonValue]:
    """A category with its fact count and its description in both languages."""
    return {
        "category": category.name,
        "facts": count,
        "description": {"zh": category.description, "en": category.description_en},
    }


def full_fact_record(fact: Fact) -> dict[str, JsonValue]:
    """The fact object plus its aliases (as `show` prints it)."""
    return {**fact_record(fact), "aliases": list(fact.aliases)}


def match_record(match: Match, rank: int = 1, role: str = MATCH) -> dict[str, JsonValue]:
    """The contract's result object: a fact object plus score, matched terms, rank and role."""
    return {
        **fact_record(match.fact),
        "score": match.score,
        "matched": [{"field": r.field, "term": r.term} for r in match.reasons],
        "rank": rank,
        "role": role,
    }


def result_record(
    result: Result, matches: tuple[Match, ...], answered: bool = True
) -> dict[str, JsonValue]:
    """`{"schema", "query", "results", "suggestions"}` of an ask (`answered`) or a search.

    In an ask the first result has role "answer" and the others "related"; a search's
    results are all "match". Suggestions only matter when results is empty.
    """
    roles = [
        (ANSWER if rank == 0 else RELATED) if answered else MATCH for rank in range(len(matches))
    ]
    return {
        "schema": SCHEMA,
        "query": result.query,
        "results": [
            match_record(m, rank, role)
            for rank, (m, role) in enumerate(zip(matches, roles, strict=True), 1)
        ],
        "suggestions": [] if matches else [suggestion(m) for m in result.matches[:3]],
    }


def suggestion(match: Match) -> dict[str, JsonValue]:
    """A "did you mean" entry."""
    fact = match.fact
    return {"id": fact.id, "title": {"zh": fact.title, "en": fact.title_en}, "score": match.score}


def explain_parts(match: Match, kind: str) -> list[tuple[str, str, str]]:
    """The parts of an answer's score in words: (part, value, what it means)."""
    why = match.explain
    if why is None:
        return []
    if why.fit > 1:
        fit = f"the fact's value or title suits a '{kind}' question"
    elif why.fit < 1:
        fit = f"the fact is not the kind of answer a '{kind}' question wants"
    else:
        fit = "neutral: the question type neither helps nor hurts"
    return [
        (
            "coverage",
            f"{why.coverage:.0%}",
            "of the question (weighted by how rare each word is) is found in the fact; "
            "title and aliases count more than the answer text",
        ),
        ("title precision", f"{why.precision:.0%}", "of the fact's best title or alias is asked"),
        ("question-type fit", f"×{why.fit:g}", fit),
    ]


def explain_record(match: Match, kind: str) -> dict[str, JsonValue]:
    """`--explain` as JSON: the score's parts and the checks passed, added to the answer."""
    why = match.explain
    if why is None:
        return {}
    return {
        "coverage": why.coverage,
        "title_precision": why.precision,
        "question_type": kind,
        "question_type_fit": why.fit,
        "checks": list(why.checks),
        "parts": [{"part": p, "value": v, "meaning": m} for p, v, m in explain_parts(match, kind)],
    }

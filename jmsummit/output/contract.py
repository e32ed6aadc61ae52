"""The JSON contract: facts, matches and results as plain JSON-ready dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..base.models import Category, DateRange, Entity, Fact, Money, Value
from ..search.results import Match, Result

JsonValue = Any


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


def about_record(entity: Entity, facts: tuple[Fact, ...]) -> dict[str, JsonValue]:
    """`{"entity", "facts"}`: an entity card and every fact about it."""
    return {"entity": entity_record(entity), "facts": [fact_record(f) for f in facts]}


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


def match_record(match: Match) -> dict[str, JsonValue]:
    """The contract's result object: a fact object plus score and matched terms."""
    return {
        **fact_record(match.fact),
        "score": match.score,
        "matched": [{"field": r.field, "term": r.term} for r in match.reasons],
    }


def result_record(result: Result, answers: tuple[Match, ...]) -> dict[str, JsonValue]:
    """`{"query", "results", "suggestions"}`; suggestions only matter when results is empty."""
    return {
        "query": result.query,
        "results": [match_record(m) for m in answers],
        "suggestions": [] if answers else [suggestion(m) for m in result.matches[:3]],
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

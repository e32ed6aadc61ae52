"""The JSON Schema (draft 2020-12) of every command's JSON and JSONL output.

Each document and each JSONL line carries `"schema": SCHEMA`; this module is what
that version string stands for. With --fields, records hold only the chosen
fields, so `required` and `additionalProperties` describe the full records only.
"""

from __future__ import annotations

from typing import Any

from .contract import SCHEMA

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID = "https://jmsummit.invalid/schema/" + SCHEMA.split("/")[-1]

Schema = dict[str, Any]


def _object(properties: Schema, required: list[str] | None = None) -> Schema:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: Schema) -> Schema:
    return {"type": "array", "items": items}


_STRING = {"type": "string"}
_INT64 = {"type": "integer", "minimum": -(2**63), "maximum": 2**63 - 1}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

DEFS: Schema = {
    "version": {"const": SCHEMA, "description": "the output contract's version"},
    "text": _object({"zh": _STRING, "en": _STRING}),
    "value": {
        "description": "a fact's typed value; null when it has none",
        "oneOf": [
            {"type": "null"},
            {"title": "day", **_DATE},
            {"title": "month or year", "type": "string", "pattern": r"^\d{4}(-\d{2})?$"},
            {"title": "text", "type": "string", "not": {"pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}},
            {"title": "count", **_INT64},
            {"title": "list", **_array(_STRING)},
            {"title": "range", **_object({"start": _DATE, "end": _DATE})},
            {
                "title": "money",
                **_object({"amount": {"type": "number"}, "unit": _STRING, "cny": _INT64}),
            },
        ],
    },
    "source": _object(
        {
            "paragraph": {"type": "integer", "minimum": 1},
            "also": _array({"type": "integer", "minimum": 1}),
            "evidence": _array(_STRING),
        }
    ),
    "entity_ref": _object({"id": _STRING, "kind": _STRING, "name": _ref("text")}),
    "fact": _object(
        {
            "id": _STRING,
            "category": _STRING,
            "title": _ref("text"),
            "answer": _ref("text"),
            "value": _ref("value"),
            "source": _ref("source"),
            "entities": _array(_ref("entity_ref")),
        }
    ),
    "result_properties": {
        "type": "object",
        "allOf": [{"$ref": "#/$defs/fact_properties"}],
        "properties": {
            "score": {"type": "number", "minimum": 0, "maximum": 100},
            "matched": _array(_object({"field": _STRING, "term": _STRING})),
            "rank": {"type": "integer", "minimum": 1},
            "role": {
                "enum": ["answer", "related", "match"],
                "description": "ask: the one answer, then related facts; search: match",
            },
            "explain": {
                "type": "object",
                "description": "ask --explain: on the answer, the parts of its score and "
                "the checks it passed, in words",
                "properties": {
                    "coverage": {"type": "number"},
                    "title_precision": {"type": "number"},
                    "question_type": _STRING,
                    "question_type_fit": {"type": "number"},
                    "checks": _array(_STRING),
                    "parts": _array(
                        _object({"part": _STRING, "value": _STRING, "meaning": _STRING})
                    ),
                },
                "required": ["checks", "parts"],
            },
        },
        "required": ["score", "matched", "rank", "role"],
    },
    "suggestion": _object({"id": _STRING, "title": _ref("text"), "score": {"type": "number"}}),
    "category": _object(
        {
            "category": _STRING,
            "facts": {"type": "integer", "minimum": 0},
            "description": _ref("text"),
        }
    ),
    "entity": _object(
        {
            "id": _STRING,
            "kind": _STRING,
            "name": _ref("text"),
            "aliases": _array(_STRING),
            "facts": {"type": "integer", "minimum": 0},
        }
    ),
}


def _open(schema: Schema) -> Schema:
    """An object schema that other keys may extend (closed again by unevaluatedProperties)."""
    return {k: v for k, v in schema.items() if k != "additionalProperties"}


# A result is a fact plus four keys: the fact's properties, without closing the object.
DEFS["fact_properties"] = _open(DEFS["fact"])
DEFS["result"] = {"allOf": [_ref("result_properties")], "unevaluatedProperties": False}
DEFS["entity_card"] = _object(
    {k: v for k, v in DEFS["entity"]["properties"].items() if k != "facts"}
)


def _with_version(open_schema: Schema) -> Schema:
    """A record that is a whole JSONL line: it carries the version too, and nothing else."""
    return {
        "allOf": [open_schema],
        "properties": {"schema": _ref("version")},
        "required": ["schema"],
        "unevaluatedProperties": False,
    }


_RESULT_DOC = _object(
    {
        "schema": _ref("version"),
        "query": _STRING,
        "results": _array(_ref("result")),
        "suggestions": _array(_ref("suggestion")),
    }
)
_SHOW = {
    "allOf": [_ref("fact_properties")],
    "properties": {"schema": _ref("version"), "aliases": _array(_STRING)},
    "required": ["schema", "aliases"],
    "unevaluatedProperties": False,
}

# Per command: the schema of its JSON document, and of one JSONL line.
DOCUMENTS: dict[str, Schema] = {
    "ask": _RESULT_DOC,
    "search": _RESULT_DOC,
    "list": _object({"schema": _ref("version"), "facts": _array(_ref("fact"))}),
    "show": _SHOW,
    "categories": _object({"schema": _ref("version"), "categories": _array(_ref("category"))}),
    "entities": _object({"schema": _ref("version"), "entities": _array(_ref("entity"))}),
    "about": _object(
        {"schema": _ref("version"), "entity": _ref("entity_card"), "facts": _array(_ref("fact"))}
    ),
}
LINES: dict[str, Schema] = {
    "ask": _with_version(_ref("result_properties")),
    "ask-batch": _RESULT_DOC,
    "search": _with_version(_ref("result_properties")),
    "list": _with_version(_ref("fact_properties")),
    "show": _SHOW,
    "categories": _with_version(_open(DEFS["category"])),
    "entities": _with_version(_open(DEFS["entity"])),
    "about": _with_version(_ref("fact_properties")),
}
COMMANDS = tuple(DOCUMENTS)


def schema(command: str | None = None, jsonl: bool = False) -> Schema:
    """The schema of one command's JSON (or one JSONL line); all of them for None."""
    head = {"$schema": DRAFT}
    if command is None:
        every = {f"{name}": DOCUMENTS[name] for name in COMMANDS}
        every.update({f"{name}-line": LINES[name] for name in LINES})
        return {
            **head,
            "$id": ID,
            "title": f"jmsummit JSON output, {SCHEMA}",
            "$defs": {**DEFS, **every},
        }
    shape = LINES[command] if jsonl else DOCUMENTS[command]
    kind = "one JSONL line" if jsonl else "the JSON document"
    return {
        **head,
        "$id": f"{ID}/{command}{'-line' if jsonl else ''}",
        "title": f"jmsummit {command}: {kind}, {SCHEMA}",
        **shape,
        "$defs": DEFS,
    }

"""Help topics readable after install (`jmsummit help TOPIC`); README includes the same files.

Each topic is one Markdown file beside this module, the single source of that part of the
README (cog copies it there), so the installed tool and the README cannot disagree.
"""

from __future__ import annotations

from pathlib import Path

DIRECTORY = Path(__file__).resolve().parent

# name -> one line for `jmsummit help`, in the order listed there.
TOPICS = {
    "json": "the JSON contract: keys, roles, values, JSONL",
    "csv": "CSV and TSV columns, cells and spreadsheet safety",
    "exit-codes": "what each exit code means",
    "config": "options and environment variables; the index cache",
    "facts": "writing fact files: facts, entities, categories, limits",
    "completion": "shell completion for bash, zsh and fish",
}


def text(name: str) -> str:
    """The Markdown text of one topic (KeyError for an unknown one)."""
    if name not in TOPICS:
        raise KeyError(name)
    return (DIRECTORY / f"{name}.md").read_text("utf-8")

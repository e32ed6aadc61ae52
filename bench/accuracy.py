"""Top-1/top-3 accuracy of the engine per question class, on each question set.

Usage: uv run python bench/accuracy.py [--show-misses tune]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

from jmsummit.base import files, loader
from jmsummit.search import engine, index

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
# tune, fresh, dev, probe and everyday (each written by someone else) are for tuning;
# holdout and unseen are never looked at, only their totals; blind (written from the article
# alone, mapped to ids by someone who never saw the engine) was scored once before any tuning.
SETS = ("tune", "fresh", "dev", "probe", "everyday", "holdout", "unseen", "blind")
CLASSES = ("zh", "en", "typo", "pinyin", "traditional", "keyword", "none")


@dataclass(frozen=True)
class Question:
    """One question and the fact ids that answer it ("" = must get no answer)."""

    text: str
    accepted: frozenset[str]
    kind: str


@dataclass
class Tally:
    """Counts for one class."""

    total: int = 0
    top1: int = 0
    top3: int = 0
    wrong: int = 0  # no-answer class: answered anyway


def questions(name: str) -> list[Question]:
    """The questions of one set."""
    raw = tomllib.loads((DATA / f"questions_{name}.toml").read_text("utf-8"))["question"]
    return [
        Question(q["q"], frozenset([q["id"], *q.get("also", [])]) - {""}, q["class"]) for q in raw
    ]


def evaluate(
    ix: index.Index, items: list[Question], misses: list[str] | None = None
) -> dict[str, Tally]:
    """Tally top-1/top-3 per class; a question counts only when the engine is confident."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    for item in items:
        result = engine.search(ix, item.text, limit=3)
        tally = tallies[item.kind]
        tally.total += 1
        ids = [m.fact.id for m in result.answers(see_also=2)]
        if not item.accepted:
            tally.wrong += bool(ids)
            tally.top1 += not ids
            tally.top3 += not ids
        else:
            tally.top1 += bool(ids) and ids[0] in item.accepted
            tally.top3 += bool(item.accepted & set(ids))
        ok = (not ids) if not item.accepted else bool(ids) and ids[0] in item.accepted
        if misses is not None and not ok:
            got = [(m.fact.id, m.score) for m in result.matches[:3]]
            misses.append(f"[{item.kind}] {item.text!r} want {sorted(item.accepted)} got {got}")
    return tallies


def overall(tallies: dict[str, Tally]) -> Tally:
    """All classes together."""
    total = Tally()
    for t in tallies.values():
        total.total += t.total
        total.top1 += t.top1
        total.top3 += t.top3
        total.wrong += t.wrong
    return total


def main() -> None:
    """Print the accuracy table (markdown) for both halves."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", choices=SETS, help="list the questions a set got wrong")
    args = parser.parse_args()
    ix = index.build(loader.load([files.bundled_facts_dir()]).facts)
    print("| set | class | questions | top-1 | top-3 | wrong answers (none class) |")
    print("|---|---|---:|---:|---:|---:|")
    for name in SETS:
        misses: list[str] | None = [] if args.show_misses == name else None
        tallies = evaluate(ix, questions(name), misses)
        rows = [(k, tallies[k]) for k in CLASSES if k in tallies] + [("**all**", overall(tallies))]
        for kind, t in rows:
            wrong = f"{t.wrong / t.total:.0%}" if kind == "none" else ""
            print(
                f"| {name} | {kind} | {t.total} | {t.top1 / t.total:.1%} "
                f"| {t.top3 / t.total:.1%} | {wrong} |"
            )
        for line in misses or []:
            print(line, file=sys.stderr)


if __name__ == "__main__":
    main()

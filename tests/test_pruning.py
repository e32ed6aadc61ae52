"""Candidate pruning (MaxScore) ranks exactly as scoring every matching fact does."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import accuracy
import synth

from jmsummit.base import files, loader
from jmsummit.search import build, engine, query
from jmsummit.search.index import Index

SETS = accuracy.SETS


def exhaustive(index: Index, question: str, monkeypatch: pytest.MonkeyPatch) -> engine.Result:
    """The top ten when every fact that shares a term with the question is scored."""
    with monkeypatch.context() as patch:
        patch.setattr(engine, "_top_recall", lambda ix, slots, _: engine._recall(ix, slots))
        patch.setattr(engine, "PRUNE_SCORES", False)
        return engine.search(index, question, limit=10)


@pytest.fixture(autouse=True)
def _always_prune(monkeypatch: pytest.MonkeyPatch) -> None:
    """Prune on every query, not only on long postings, so the pruned path is what is tested."""
    monkeypatch.setattr(engine, "PRUNE_AFTER", -1)


@pytest.mark.parametrize("name", SETS)
def test_top_ten_equal_exhaustive_on_every_question_set(
    real_index: Index, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On each question set, the pruned top ten (ids, scores, reasons, doubt) are exhaustive's."""
    for question in accuracy.questions(name):
        pruned = engine.search(real_index, question.text, limit=10)
        assert pruned == exhaustive(real_index, question.text, monkeypatch), question.text


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory: pytest.TempPathFactory) -> Index:
    """The bundled base plus 3,000 synthetic facts: common terms in thousands of facts."""
    directory = tmp_path_factory.mktemp("synth")
    synth.write(3_000, directory)
    base = loader.load([files.bundled_facts_dir(), directory])
    return build.build(base.facts)


def test_pruning_skips_facts_on_a_larger_base(
    synthetic_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a base where common terms match thousands, pruning scores fewer facts, same top ten."""
    pruned_sizes: list[int] = []
    real_top = engine._top_recall

    def counting(ix: Index, slots: list[engine._Slot], candidates: int) -> dict[int, float]:
        found = real_top(ix, slots, candidates)
        pruned_sizes.append(len(found))
        return found

    questions = [q.text for name in ("tune", "fresh") for q in accuracy.questions(name)]
    for question in questions:
        assert engine.search(synthetic_index, question, limit=10) == exhaustive(
            synthetic_index, question, monkeypatch
        ), question
    monkeypatch.setattr(engine, "_top_recall", counting)
    engine.search(synthetic_index, "谁主办了峰会", limit=10)
    full = len(
        engine._recall(
            synthetic_index,
            engine._interpretations(synthetic_index, query.read(synthetic_index, "谁主办了峰会"))[
                0
            ],
        )
    )
    assert pruned_sizes and min(pruned_sizes) < full


def test_a_bigram_in_a_title_gives_its_characters_without_a_look_up() -> None:
    """A fact with 主办 in its title or an alias has 主 there too: 主's gain needs no look-up.

    Only that: 主办 in the answer says 主 may be in the title as well, so it is looked up.
    """
    slots = [engine._Slot(("z:主办",), 3.0, True), engine._Slot(("z:主",), 1.5, False)]
    adds: list[dict[int, float] | None] = [{1: 3.0, 2: 3.0 * 0.8}, None]
    holders = engine._implications(slots)
    assert holders == {1: [0]}
    assert engine._implied(slots, adds, holders[1], 1, [1, 2, 3]) == {1: 1.5}

"""Accuracy floors: every question set, and issue 4's targets on the held-out half."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import accuracy

from jmsummit.search.index import Index


@pytest.fixture(scope="module")
def holdout(real_index: Index) -> dict[str, accuracy.Tally]:
    """Tallies for the held-out half."""
    return accuracy.evaluate(real_index, accuracy.questions("holdout"))


# Issue 4's floor on the held-out half (met: 97.4% overall, 0 of 22 unanswerable answered).
# The no-answer floor allows one question of 22: that is the target.
HOLDOUT_OVERALL = 0.95
HOLDOUT_CLASS = 0.90
HOLDOUT_NONE_WRONG = 0.05
# Every set's level when last measured: (top-1 right of all questions, unanswerable answered).
# A change may cost one question per set, not two (the sets are small: see README's intervals).
LEVELS = {
    "tune": (154, 0),  # of 158; 21 unanswerable
    "fresh": (153, 0),  # of 160; 24 unanswerable
    "dev": (150, 0),  # of 170; 35 unanswerable
    "probe": (184, 11),  # of 200; 110 unanswerable
    "everyday": (142, 8),  # of 150, all unanswerable
    "holdout": (151, 0),  # of 155; 22 unanswerable
    "unseen": (127, 0),  # of 140; 23 unanswerable
    "blind": (252, 11),  # of 285; 96 unanswerable
    "blind2": (234, 12),  # of 267; 92 unanswerable
    "blind3": (319, 13),  # of 342; 107 unanswerable (first score: 307, 23)
    "blind4": (322, 16),  # of 358; 123 unanswerable (first score: 308, 29)
    "blind5": (331, 9),  # of 351; 115 unanswerable (first score: 321, 19)
    "blind6": (312, 7),  # of 330; 104 unanswerable (first score: 308, 11)
}


@pytest.mark.parametrize("name", accuracy.SETS)
def test_no_set_loses_more_than_one_question(real_index: Index, name: str) -> None:
    """Top-1 right and unanswerable answered stay within one question of each set's level."""
    tallies = accuracy.evaluate(real_index, accuracy.questions(name))
    right, answered = LEVELS[name]
    assert accuracy.overall(tallies).top1 >= right - 1
    assert tallies["none"].wrong <= answered + 1


def test_holdout_overall_floor(holdout: dict[str, accuracy.Tally]) -> None:
    """Top-1 accuracy over the held-out half is at least 95%."""
    total = accuracy.overall(holdout)
    assert total.top1 / total.total >= HOLDOUT_OVERALL


@pytest.mark.parametrize("kind", accuracy.CLASSES)
def test_holdout_class_floor(holdout: dict[str, accuracy.Tally], kind: str) -> None:
    """Every question class reaches 90% top-1 on the held-out half."""
    tally = holdout[kind]
    assert tally.top1 / tally.total >= HOLDOUT_CLASS


def test_holdout_no_answer_floor(holdout: dict[str, accuracy.Tally]) -> None:
    """At most 5% of the held-out unanswerable questions get an answer."""
    tally = holdout["none"]
    assert tally.wrong / tally.total <= HOLDOUT_NONE_WRONG


def test_question_ids_exist(real_index: Index) -> None:
    """Every question in every set names facts that exist."""
    ids = {fact.id for fact in real_index.facts}
    for name in accuracy.SETS:
        for question in accuracy.questions(name):
            assert question.accepted <= ids, question.text

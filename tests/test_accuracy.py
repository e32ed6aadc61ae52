"""The accuracy floor on the held-out half of the question set (see bench/accuracy.py)."""

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


# Issue 4's floor on the held-out half (met: 96.8% overall, 91.7% lowest class, 4.5% wrong).
# The no-answer floor has a margin of one question of 22: that is the target.
HOLDOUT_OVERALL = 0.95
HOLDOUT_CLASS = 0.90
HOLDOUT_NONE_WRONG = 0.05
# Regression floors on the independently written sets, a little under their level now.
FRESH_OVERALL = 0.93  # the first independently written set (95.0% now)
UNSEEN_OVERALL = 0.85  # the set never tuned on (87.1% now)


def test_fresh_overall_regression_floor(real_index: Index) -> None:
    """Top-1 accuracy over the independently written set does not fall below its level."""
    total = accuracy.overall(accuracy.evaluate(real_index, accuracy.questions("fresh")))
    assert total.top1 / total.total >= FRESH_OVERALL


def test_unseen_overall_regression_floor(real_index: Index) -> None:
    """Top-1 accuracy over the never-tuned set does not fall below its level."""
    total = accuracy.overall(accuracy.evaluate(real_index, accuracy.questions("unseen")))
    assert total.top1 / total.total >= UNSEEN_OVERALL


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

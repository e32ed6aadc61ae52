"""The accuracy floor on the held-out half of the question set (see bench/accuracy.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import accuracy

from jmsummit.index import Index


@pytest.fixture(scope="module")
def holdout(real_index: Index) -> dict[str, accuracy.Tally]:
    """Tallies for the held-out half."""
    return accuracy.evaluate(real_index, accuracy.questions("holdout"))


# The level reached so far (holdout: 95.5% overall, 90.9% lowest class, 9.1% wrong);
# raise it as the engine improves.
REGRESSION_OVERALL = 0.95
REGRESSION_CLASS = 0.90
REGRESSION_NONE_WRONG = 0.10
FRESH_OVERALL = 0.93  # the first independently written set (94.4% now)
UNSEEN_OVERALL = 0.82  # the set written last and never tuned on (83.6% now)
# The target of issue 4, not yet met (see README, Accuracy).
TARGET_OVERALL = 0.95
TARGET_CLASS = 0.90
TARGET_NONE_WRONG = 0.05


def test_fresh_overall_regression_floor(real_index: Index) -> None:
    """Top-1 accuracy over the independently written set does not fall below its level."""
    total = accuracy.overall(accuracy.evaluate(real_index, accuracy.questions("fresh")))
    assert total.top1 / total.total >= FRESH_OVERALL


def test_unseen_overall_regression_floor(real_index: Index) -> None:
    """Top-1 accuracy over the never-tuned set does not fall below its level."""
    total = accuracy.overall(accuracy.evaluate(real_index, accuracy.questions("unseen")))
    assert total.top1 / total.total >= UNSEEN_OVERALL


def test_holdout_overall_regression_floor(holdout: dict[str, accuracy.Tally]) -> None:
    """Top-1 accuracy over the held-out half does not fall below the landed level."""
    total = accuracy.overall(holdout)
    assert total.top1 / total.total >= REGRESSION_OVERALL


@pytest.mark.parametrize("kind", accuracy.CLASSES)
def test_holdout_class_regression_floor(holdout: dict[str, accuracy.Tally], kind: str) -> None:
    """No question class falls below the landed level on the held-out half."""
    tally = holdout[kind]
    assert tally.top1 / tally.total >= REGRESSION_CLASS


def test_holdout_no_answer_regression_floor(holdout: dict[str, accuracy.Tally]) -> None:
    """Unanswerable questions get an answer no more often than when the engine landed."""
    tally = holdout["none"]
    assert tally.wrong / tally.total <= REGRESSION_NONE_WRONG


@pytest.mark.xfail(
    reason="issue 4 target not met yet: 9.1% wrong answers to unanswerable questions", strict=True
)
def test_holdout_meets_target(holdout: dict[str, accuracy.Tally]) -> None:
    """The held-out half meets issue 4's floor: 95% overall, 90% per class, <= 5% wrong."""
    total = accuracy.overall(holdout)
    assert total.top1 / total.total >= TARGET_OVERALL
    assert all(t.top1 / t.total >= TARGET_CLASS for t in holdout.values())
    assert holdout["none"].wrong / holdout["none"].total <= TARGET_NONE_WRONG


def test_question_ids_exist(real_index: Index) -> None:
    """Every question in every set names facts that exist."""
    ids = {fact.id for fact in real_index.facts}
    for name in accuracy.SETS:
        for question in accuracy.questions(name):
            assert question.accepted <= ids, question.text

"""The loaded fact base: every fact, in file order, and the files they came from."""

from __future__ import annotations

from dataclasses import dataclass

from .files import FactFile
from .models import Fact


@dataclass(frozen=True)
class FactBase:
    """Every loaded fact, in file order, plus the files they came from."""

    facts: tuple[Fact, ...]
    files: tuple[FactFile, ...]

    def by_id(self, fact_id: str) -> Fact | None:
        """The fact with this id, if any."""
        return next((f for f in self.facts if f.id == fact_id), None)

    def categories(self) -> dict[str, int]:
        """Category name to fact count, in order of first appearance."""
        counts: dict[str, int] = {}
        for fact in self.facts:
            counts[fact.category] = counts.get(fact.category, 0) + 1
        return counts

"""The loaded fact base: facts in file order, the entity registry, the categories."""

from __future__ import annotations

from dataclasses import dataclass, field

from .files import FactFile
from .models import Category, Entity, Fact


@dataclass(frozen=True)
class FactBase:
    """Every loaded fact, entity and declared category, plus the files they came from."""

    facts: tuple[Fact, ...]
    files: tuple[FactFile, ...]
    entities: tuple[Entity, ...] = ()
    declared: tuple[Category, ...] = ()  # categories described by a [[category]] table
    _by_id: dict[str, Fact] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        former = {old: fact for fact in self.facts for old in fact.former_ids}
        object.__setattr__(self, "_by_id", {**former, **{fact.id: fact for fact in self.facts}})

    def by_id(self, fact_id: str) -> Fact | None:
        """The fact with this id, or that had it before a rename (`former_ids`), if any."""
        return self._by_id.get(fact_id)

    def categories(self) -> dict[str, int]:
        """Category name to fact count: declared ones in their order, then the rest."""
        counts = {category.name: 0 for category in self.declared}
        for fact in self.facts:
            counts[fact.category] = counts.get(fact.category, 0) + 1
        return {name: count for name, count in counts.items() if count}

    def category(self, name: str) -> Category:
        """A category's description (empty when no [[category]] table describes it)."""
        return next((c for c in self.declared if c.name == name), Category(name))

    def about(self, entity: Entity) -> tuple[Fact, ...]:
        """The facts that name `entity`, in base order."""
        return tuple(fact for fact in self.facts if entity in fact.entities)

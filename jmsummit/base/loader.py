"""Load fact files into validated, immutable records. Never prints.

Every file may hold [[fact]], [[entity]] and [[category]] tables. Entities and
categories are read from every file first, so a fact can name an entity declared
in any file; then the facts, each resolving its `entities` against the registry.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import FactBaseError, Location
from . import article
from .factbase import FactBase
from .files import FactFile, directories, fact_files, stat_file
from .models import Category, Entity, Fact
from .options import Options
from .readers import CategoryReader, EntityReader, FactReader
from .tomlfile import TomlFile, parse


def load_base(options: Options, environ: Mapping[str, str]) -> FactBase:
    """Load and validate the facts these options and this environment name."""
    return load(directories(options, environ))


def load(directories: Sequence[Path], paragraphs: int = article.PARAGRAPHS) -> FactBase:
    """Load and validate every fact file under `directories`."""
    paths = fact_files(directories)
    stats: list[FactFile] = [stat_file(path) for path in paths]
    parsed = [parse(path) for path in paths]
    entities = _entities(parsed, paragraphs)
    categories = _categories(parsed)
    registry = {entity.id: entity for entity in entities}
    facts: list[Fact] = []
    seen: dict[str, Fact] = {}
    for file in parsed:
        for start, raw in file.tables("fact"):
            fact = FactReader(file, start, raw, paragraphs, registry).read()
            if fact.id in seen:
                raise FactBaseError(
                    Location(file.path, file.id_line("fact", fact.id)),
                    f"duplicate id, first defined in {seen[fact.id].file}",
                    fact_id=fact.id,
                    field="id",
                )
            seen[fact.id] = fact
            facts.append(fact)
    _check_former_ids(facts, seen)
    return FactBase(tuple(facts), tuple(stats), tuple(entities), tuple(categories))


def _check_former_ids(facts: Sequence[Fact], current: Mapping[str, Fact]) -> None:
    """A former id names one fact, and no fact has it now: else `show` could not decide."""
    owners: dict[str, Fact] = {}
    for fact in facts:
        for former in fact.former_ids:
            other = current.get(former) or owners.get(former)
            if other is not None:
                raise FactBaseError(
                    Location(Path(fact.file)),
                    f"former id {former!r} is also fact {other.id!r}'s",
                    fact_id=fact.id,
                    field="former_ids",
                )
            owners[former] = fact


def load_file(path: Path, paragraphs: int = article.PARAGRAPHS) -> list[Fact]:
    """Parse one fact file into facts (naming only entities it declares itself)."""
    file = parse(path)
    registry = {entity.id: entity for entity in _entities([file], paragraphs)}
    _categories([file])
    return [
        FactReader(file, start, raw, paragraphs, registry).read()
        for start, raw in file.tables("fact")
    ]


def _entities(files: Sequence[TomlFile], paragraphs: int) -> list[Entity]:
    """Every [[entity]], with no id declared twice and no name shared within a kind."""
    entities: list[Entity] = []
    by_id: dict[str, Entity] = {}
    by_name: dict[tuple[str, str], Entity] = {}
    for file in files:
        for start, raw in file.tables("entity"):
            reader = EntityReader(file, start, raw, paragraphs)
            entity = reader.read()
            if entity.id in by_id:
                raise reader.fail(
                    "id", f"duplicate entity id, first defined in {by_id[entity.id].file}"
                )
            by_id[entity.id] = entity
            for name in dict.fromkeys(spelling.casefold() for spelling in entity.names):
                other = by_name.setdefault((entity.kind.value, name), entity)
                if other is not entity:
                    field = (
                        "aliases"
                        if name not in (entity.name.casefold(), entity.name_en.casefold())
                        else "name"
                    )
                    raise reader.fail(field, f"{name!r} already names entity {other.id!r}")
            entities.append(entity)
    return entities


def _categories(files: Sequence[TomlFile]) -> list[Category]:
    """Every [[category]], each name declared once."""
    categories: dict[str, Category] = {}
    for file in files:
        for start, raw in file.tables("category"):
            reader = CategoryReader(file, start, raw)
            category = reader.read()
            if category.name in categories:
                raise reader.fail("name", f"category {category.name!r} is declared twice")
            categories[category.name] = category
    return list(categories.values())

"""Load fact files into validated, immutable records. Never prints.

Every file may hold [[fact]], [[entity]] and [[category]] tables. Entities and
categories are read from every file first, so a fact can name an entity declared
in any file; then the facts, each resolving its `entities` against the registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import FactBaseError, Location
from . import article
from .factbase import FactBase
from .files import FactFile, directories, fact_files, stat_file
from .models import Category, Entity, Fact
from .options import Options
from .readers import CategoryReader, EntityReader, FactReader
from .tomlfile import TomlFile, parse, read_bytes


def load_base(options: Options, environ: Mapping[str, str]) -> FactBase:
    """Load and validate the facts these options and this environment name."""
    return load(directories(options, environ))


def load(directories: Sequence[Path], paragraphs: int = article.PARAGRAPHS) -> FactBase:
    """Load and validate every fact file under `directories`."""
    paths = fact_files(directories)
    stats: list[FactFile] = [stat_file(path) for path in paths]
    parsed = [parse(path) for path in paths]
    entities = _entities(parsed, paragraphs)
    categories = Categories()
    for file in parsed:
        categories.add(_declared(file))
    registry = {entity.id: entity for entity in entities}
    ids = FactIds()
    facts = [f for file in parsed for f in _facts(file, paragraphs, registry, ids)]
    return FactBase(tuple(facts), tuple(stats), tuple(entities), tuple(categories.named.values()))


def _facts(
    file: TomlFile, paragraphs: int, registry: Mapping[str, Entity], ids: FactIds
) -> Iterator[Fact]:
    """The facts of one parsed file, in order, each id checked against those read before."""
    for fact in _read_facts(file, paragraphs, registry):
        ids.add(fact.id, fact.former_ids, file.path)
        yield fact


def _read_facts(file: TomlFile, paragraphs: int, registry: Mapping[str, Entity]) -> Iterator[Fact]:
    """The facts of one parsed file, each checked on its own (ids are `FactIds`'s job)."""
    for start, raw in file.tables("fact"):
        yield FactReader(file, start, raw, paragraphs, registry).read()


class FactIds:
    """The fact ids and former ids read so far, across files: refuses a clash with them.

    A duplicate id is refused, and so is a former id that is another fact's (now or
    before): `show` could not decide between them.
    """

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}  # fact id -> the file that defined it
        self.former: dict[str, str] = {}  # former id -> the fact that had it

    def add(self, fact_id: str, former_ids: Sequence[str], path: Path) -> None:
        """Record a fact's ids, or raise FactBaseError at its `id` line in `path`."""
        problem, field = self._clash(fact_id, former_ids)
        if problem:
            raise FactBaseError(
                Location(path, parse(path).id_line("fact", fact_id)),
                problem,
                fact_id=fact_id,
                field=field,
            )
        self.seen[fact_id] = str(path)
        self.former.update(dict.fromkeys(former_ids, fact_id))

    def _clash(self, fact_id: str, former_ids: Sequence[str]) -> tuple[str, str]:
        """What is wrong with these ids (and in which field), or ("", "")."""
        if fact_id in self.seen:
            return f"duplicate id, first defined in {self.seen[fact_id]}", "id"
        clashes = [
            (old, self.former.get(old, old))
            for old in former_ids
            if old in self.seen or old in self.former
        ]
        if fact_id in self.former:
            clashes.append((fact_id, self.former[fact_id]))
        if clashes:
            old, other = clashes[0]
            return f"former id {old!r} is also fact {other!r}'s", "former_ids"
        return "", ""


class Plan(NamedTuple):
    """What reading a base file by file needs: the files in order, their sizes, the registry."""

    paths: tuple[Path, ...]
    sizes: tuple[int, ...]
    registry: Mapping[str, Entity]
    paragraphs: int


class FileFacts(NamedTuple):
    """One fact file read and checked on its own; what spans files is `Checks`'s job."""

    facts: list[Fact]  # every fact, or those before `error`
    categories: list[tuple[Category, Location]]  # with the line of each one's name
    error: FactBaseError | None = None  # the first fact that failed its own checks


def plan(directories: Sequence[Path], paragraphs: int = article.PARAGRAPHS) -> Plan:
    """The fact files under `directories` and the entity registry they share.

    Entities are read first, from the files whose text could declare one (a file that
    never spells `entity`, not even through a \\u escape, cannot).
    """
    paths = fact_files(directories)
    registry = {
        entity.id: entity
        for entity in _entities((parse(p) for p in paths if _may_declare(p)), paragraphs)
    }
    sizes = tuple(stat_file(path).size for path in paths)
    return Plan(tuple(paths), sizes, registry, paragraphs)


def read_file(path: Path, base: Plan) -> FileFacts:
    """Parse and check one file of a plan: every check but those across files (`Checks`).

    A build may run this in another process, so it depends on nothing but its arguments,
    and a bad fact is returned, not raised: `Checks` raises it after the category names,
    in `load`'s order.
    """
    file = parse(path)
    categories = _declared(file)
    facts: list[Fact] = []
    try:
        facts.extend(_read_facts(file, base.paragraphs, base.registry))
    except FactBaseError as error:
        return FileFacts(facts, categories, error)
    return FileFacts(facts, categories)


def _declared(file: TomlFile) -> list[tuple[Category, Location]]:
    """The [[category]] tables of a file, each with the line of its name."""
    return [
        (reader.read(), reader.location("name"))
        for start, raw in file.tables("category")
        for reader in [CategoryReader(file, start, raw)]
    ]


class Categories:
    """The categories declared so far, across files: refuses a name declared twice."""

    def __init__(self) -> None:
        self.named: dict[str, Category] = {}

    def add(self, declared: Iterable[tuple[Category, Location]]) -> None:
        """Record categories, or raise FactBaseError at the name declared twice."""
        for category, where in declared:
            if category.name in self.named:
                raise FactBaseError(
                    where, f"category {category.name!r} is declared twice", field="name"
                )
            self.named[category.name] = category


class Checks:
    """What spans files, checked a file at a time in reading order: categories, then ids."""

    def __init__(self) -> None:
        self.ids = FactIds()
        self.categories = Categories()

    def file(
        self,
        path: Path,
        categories: Iterable[tuple[Category, Location]],
        ids: Iterable[tuple[str, Sequence[str]]],
        error: FactBaseError | None,
    ) -> None:
        """Check one file's category names and fact ids (and former ids), then its own error."""
        self.categories.add(categories)
        for fact_id, former_ids in ids:
            self.ids.add(fact_id, former_ids, path)
        if error is not None:
            raise error


def _may_declare(path: Path) -> bool:
    """False when a fact file's bytes cannot name an [[entity]] table (no parse needed)."""
    data = read_bytes(path)
    return b"entity" in data or b"\\u" in data or b"\\U" in data


def load_file(path: Path, paragraphs: int = article.PARAGRAPHS) -> list[Fact]:
    """Parse one fact file into facts (naming only entities it declares itself)."""
    file = parse(path)
    registry = {entity.id: entity for entity in _entities([file], paragraphs)}
    Categories().add(_declared(file))
    return [
        FactReader(file, start, raw, paragraphs, registry).read()
        for start, raw in file.tables("fact")
    ]


def _entities(files: Iterable[TomlFile], paragraphs: int) -> list[Entity]:
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

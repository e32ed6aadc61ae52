"""Load fact files into validated, immutable records. Never prints.

Every file may hold [[fact]], [[entity]] and [[category]] tables. Entities and
categories are read from every file first, so a fact can name an entity declared
in any file; then the facts, each resolving its `entities` against the registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

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
    categories = _categories(parsed)
    registry = {entity.id: entity for entity in entities}
    seen: dict[str, str] = {}
    former: dict[str, str] = {}
    facts = [f for file in parsed for f in _facts(file, paragraphs, registry, seen, former)]
    return FactBase(tuple(facts), tuple(stats), tuple(entities), tuple(categories))


def _facts(
    file: TomlFile,
    paragraphs: int,
    registry: Mapping[str, Entity],
    seen: dict[str, str],
    former: dict[str, str],
) -> Iterator[Fact]:
    """The facts of one parsed file, in order, checked against those read before.

    `seen` maps each fact id read so far to its file, `former` each former id to the fact
    that had it; both grow as facts are read. A duplicate id is refused, and so is a former
    id that is another fact's (now or before): `show` could not decide between them.
    """
    for start, raw in file.tables("fact"):
        fact = FactReader(file, start, raw, paragraphs, registry).read()
        if fact.id in seen:
            raise FactBaseError(
                Location(file.path, file.id_line("fact", fact.id)),
                f"duplicate id, first defined in {seen[fact.id]}",
                fact_id=fact.id,
                field="id",
            )
        clashes = [
            (old, former.get(old, old)) for old in fact.former_ids if old in seen or old in former
        ]
        if fact.id in former:
            clashes.append((fact.id, former[fact.id]))
        if clashes:
            old, other = clashes[0]
            raise FactBaseError(
                Location(file.path, file.id_line("fact", fact.id)),
                f"former id {old!r} is also fact {other!r}'s",
                fact_id=fact.id,
                field="former_ids",
            )
        seen[fact.id] = fact.file
        former.update(dict.fromkeys(fact.former_ids, fact.id))
        yield fact


def stream(
    directories: Sequence[Path],
    paragraphs: int = article.PARAGRAPHS,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Fact]:
    """Every fact under `directories` in `load`'s order, validated as it goes, file by file.

    For a build over a base too big to hold: one file's facts are in memory at a time.
    The checks are `load`'s — a duplicate fact id, an unknown entity id, a bad table each
    raise FactBaseError with the file and line — but they are met in reading order, so
    of two errors in different files the one `load` reports first may not be. Entities
    are read first, from the files whose text could declare one (a file that never
    spells `entity`, not even through a \\u escape, cannot). `progress(done, total)`
    counts bytes of fact files, before each file and once at the end.
    """
    paths = fact_files(directories)
    sizes = [stat_file(path).size for path in paths]
    registry = {
        entity.id: entity
        for entity in _entities((parse(p) for p in paths if _may_declare(p)), paragraphs)
    }
    categories: dict[str, Category] = {}
    seen: dict[str, str] = {}  # fact id -> the file that defined it
    former: dict[str, str] = {}  # former id -> the fact that had it
    done, total = 0, sum(sizes)
    for path, size in zip(paths, sizes, strict=True):
        if progress is not None:
            progress(done, total)
        file = parse(path)
        _categories([file], categories)
        yield from _facts(file, paragraphs, registry, seen, former)
        done += size
    if progress is not None:
        progress(total, total)


def _may_declare(path: Path) -> bool:
    """False when a fact file's bytes cannot name an [[entity]] table (no parse needed)."""
    data = read_bytes(path)
    return b"entity" in data or b"\\u" in data or b"\\U" in data


def load_file(path: Path, paragraphs: int = article.PARAGRAPHS) -> list[Fact]:
    """Parse one fact file into facts (naming only entities it declares itself)."""
    file = parse(path)
    registry = {entity.id: entity for entity in _entities([file], paragraphs)}
    _categories([file])
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


def _categories(
    files: Sequence[TomlFile], categories: dict[str, Category] | None = None
) -> list[Category]:
    """Every [[category]], each name declared once (also among those in `categories`)."""
    categories = {} if categories is None else categories
    for file in files:
        for start, raw in file.tables("category"):
            reader = CategoryReader(file, start, raw)
            category = reader.read()
            if category.name in categories:
                raise reader.fail("name", f"category {category.name!r} is declared twice")
            categories[category.name] = category
    return list(categories.values())

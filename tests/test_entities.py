"""The entity registry: loading [[entity]] tables, the naming checks, finding an entity by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from jmsummit.base import loader, validate
from jmsummit.base.entities import NameFinder
from jmsummit.base.models import Entity, EntityKind
from jmsummit.errors import FactBaseError
from jmsummit.search import build, lookup
from tests.test_loader import fact_block, line_of, load_error, write_facts


def entity_block(**fields: str | None) -> str:
    """One [[entity]] table: BGI, with `fields` replacing (None drops) or adding."""
    good = {
        "id": '"organization.bgi"',
        "kind": '"organization"',
        "name": '"深圳华大基因"',
        "name_en": '"BGI Genomics"',
        "aliases": '["华大", "BGI"]',
        "paragraph": "22",
    }
    merged = {**good, **fields}
    return "[[entity]]\n" + "".join(f"{k} = {v}\n" for k, v in merged.items() if v is not None)


def entity(entity_id: str, name: str, name_en: str, *aliases: str) -> Entity:
    """A hand-built entity for the pure tests."""
    kind = EntityKind(entity_id.partition(".")[0])
    return Entity(entity_id, kind, name, name_en, aliases, 1, "entities.toml")


BGI = entity("organization.bgi", "深圳华大基因", "BGI Genomics", "华大", "BGI")
IBR = entity(
    "organization.ibr", "深圳建科院", "Shenzhen Institute of Building Research (IBR)", "IBR"
)
JINGMEN = entity("place.jingmen", "荆门", "Jingmen")
CITY = entity("project.eco-city", "荆门绿色生态科技产业城", "Jingmen Green Eco-Tech City")
ZHANG = entity("person.zhang-yitao", "张依涛", "Zhang Yitao")
REGISTRY = [BGI, IBR, JINGMEN, CITY, ZHANG]


# -- loading ----------------------------------------------------------------------


def test_fact_names_resolve_to_entities(tmp_path: Path) -> None:
    """A fact's entities = [...] become the registry's Entity records, declared in any file."""
    write_facts(tmp_path, "a.toml", fact_block(entities='["organization.bgi"]'))
    write_facts(tmp_path, "entities.toml", entity_block())
    base = loader.load([tmp_path])
    assert base.facts[0].entities == (base.entities[0],)
    assert base.entities[0].name_en == "BGI Genomics"
    assert base.about(base.entities[0]) == base.facts


def test_unknown_entity_id_names_file_line_fact_and_field(tmp_path: Path) -> None:
    """An entity id no [[entity]] declares is refused at the fact's `entities` line."""
    path = write_facts(tmp_path, "a.toml", fact_block(entities='["organization.nobody"]'))
    error = load_error(path)
    assert error.location.line == line_of(path, "entities")
    assert (error.fact_id, error.field) == ("demo.hosts", "entities")
    assert "organization.nobody" in error.problem


def test_duplicate_entity_id_is_refused(tmp_path: Path) -> None:
    """The same entity id twice is an error naming the second one's line."""
    path = write_facts(tmp_path, "e.toml", entity_block(), entity_block(aliases="[]"))
    error = load_error(path)
    assert error.entity_id == "organization.bgi" and error.field == "id"
    assert error.location.line == line_of(path, "id", 2)
    assert "duplicate entity id" in str(error)


def test_alias_shared_within_a_kind_is_refused(tmp_path: Path) -> None:
    """Two organisations answering to one alias would make `about` ambiguous: refused."""
    other = entity_block(id='"organization.bgi-2"', name='"华大基因公司"', name_en='"BGI 2"')
    path = write_facts(tmp_path, "e.toml", entity_block(), other)
    error = load_error(path)
    assert error.entity_id == "organization.bgi-2" and error.field == "aliases"
    assert "already names entity 'organization.bgi'" in error.problem


def test_entity_without_english_name_is_refused(tmp_path: Path) -> None:
    """name_en is required: every entity has one English spelling."""
    path = write_facts(tmp_path, "e.toml", entity_block(name_en=None))
    error = load_error(path)
    assert error.entity_id == "organization.bgi"
    assert "missing field 'name_en'" in error.problem


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": '"company"'}, "kind"),
        ({"id": '"person.bgi"'}, "id"),
        ({"paragraph": "999"}, "paragraph"),
        ({"aliases": "[1]"}, "aliases"),
        ({"motto": '"x"'}, "motto"),
    ],
)
def test_bad_entity_fields(tmp_path: Path, fields: dict[str, str], field: str) -> None:
    """Each bad entity field is reported with its name, the entity and its line."""
    path = write_facts(tmp_path, "e.toml", entity_block(**fields))
    error = load_error(path)
    assert error.field == field
    assert error.location.line == line_of(path, field)


def test_category_descriptions_load_and_order_categories(tmp_path: Path) -> None:
    """[[category]] tables describe categories and set their order; undeclared ones follow."""
    described = '[[category]]\nname = "zeta"\ndescription = "最后"\ndescription_en = "Last"\n'
    write_facts(tmp_path, "a.toml", fact_block(), fact_block(id='"zeta.one"', category='"zeta"'))
    write_facts(tmp_path, "c.toml", described)
    base = loader.load([tmp_path])
    assert list(base.categories()) == ["zeta", "demo"]
    assert base.category("zeta").description_en == "Last"
    assert base.category("demo").description == ""


def test_category_declared_twice_is_refused(tmp_path: Path) -> None:
    """One description per category."""
    block = '[[category]]\nname = "demo"\ndescription = "甲"\ndescription_en = "A"\n'
    path = write_facts(tmp_path, "c.toml", block, block)
    with pytest.raises(FactBaseError, match="declared twice"):
        loader.load([path.parent])


# -- names in text ----------------------------------------------------------------


def test_names_match_longest_first_without_overlap() -> None:
    """The industrial city is one name, not also Jingmen inside it."""
    finder = NameFinder(REGISTRY)
    assert finder.entities_in("荆门绿色生态科技产业城与荆门") == [CITY, JINGMEN]
    assert finder.entities_in("与华大和深圳建科院合作") == [BGI, IBR]
    assert finder.entities_in("无关的句子") == []


def test_validate_names_each_naming_problem(tmp_path: Path) -> None:
    """Unlisted names, English not using the registry's name, and unused entities all fail."""
    write_facts(
        tmp_path,
        "a.toml",
        fact_block(answer='"华大参与了签约。"', answer_en='"Huada Gene signed."'),
    )
    write_facts(
        tmp_path,
        "e.toml",
        entity_block(),
        entity_block(id='"organization.ibr"', name='"深圳建科院"', name_en='"IBR"', aliases="[]"),
    )
    problems = validate.check(loader.load([tmp_path])).problems
    assert any("'organization.bgi': field 'entities': names '华大'" in p for p in problems)
    assert any("'organization.bgi': field 'answer_en'" in p for p in problems)
    assert any("entity 'organization.ibr': no fact lists it" in p for p in problems)
    assert any("entity 'organization.bgi': no fact lists it" in p for p in problems)
    assert len(problems) == 4


def test_validate_accepts_a_registry_spelling(tmp_path: Path) -> None:
    """A fact that lists the entity and uses a Latin alias in English is valid."""
    write_facts(
        tmp_path,
        "a.toml",
        fact_block(
            answer='"华大参与了签约。"',
            answer_en='"BGI signed."',
            entities='["organization.bgi"]',
        ),
    )
    write_facts(tmp_path, "e.toml", entity_block())
    assert validate.check(loader.load([tmp_path])).valid


# -- finding an entity by what a user types ----------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("organization.bgi", BGI),
        ("华大", BGI),
        ("BGI", BGI),
        ("bgi genomics", BGI),
        ("張依濤", ZHANG),  # traditional characters
        ("Zhang Yitao", ZHANG),
        ("zhangyitao", ZHANG),
        ("Zhang Yitoa", ZHANG),  # a typo
        ("jianke yuan", IBR),  # pinyin of an alias
        ("建科院", IBR),  # part of one entity's name only
    ],
)
def test_find_entity(typed: str, expected: Entity) -> None:
    """Ids, names, aliases, traditional characters, pinyin and typos all find the entity."""
    assert lookup.find(REGISTRY, typed).entity == expected


def test_find_nothing_suggests_the_nearest() -> None:
    """A name close to nothing finds no entity, and offers the nearest ones."""
    found = lookup.find(REGISTRY, "Jingmen City")
    assert found.entity is None
    assert 0 < len(found.suggestions) <= lookup.SUGGESTIONS
    assert found.suggestions[0][0] == JINGMEN
    assert lookup.find(REGISTRY, "xyzzy").suggestions == ()


def test_source_may_cite_further_paragraphs(tmp_path: Path) -> None:
    """source.also lists further paragraphs; a repeated or out-of-range one is refused."""
    good = '{ paragraph = 12, also = [2, 29], evidence = ["联合主办"] }'
    write_facts(tmp_path / "ok", "a.toml", fact_block(source=good))
    assert loader.load([tmp_path / "ok"]).facts[0].source.paragraphs == (12, 2, 29)
    for bad in ("[12]", "[99]", '["2"]', "3"):
        source = f'{{ paragraph = 12, also = {bad}, evidence = ["联合主办"] }}'
        path = write_facts(tmp_path / f"bad{len(bad)}", "a.toml", fact_block(source=source))
        assert load_error(path).field == "source.also", bad


def test_named_finds_english_names_as_whole_words() -> None:
    """English names match whole words, the longest first; Chinese ones leftmost-longest."""
    finder = NameFinder(REGISTRY)
    assert finder.named("What did BGI sign?") == [BGI]
    assert finder.named("bgis and ibrahim") == []  # not inside longer words
    assert finder.named("the jingmen green eco-tech city, in Jingmen") == [CITY, JINGMEN]
    assert finder.named("深圳建科院和Zhang Yitao") == [IBR, ZHANG]


def test_finder_folds_spellings_like_the_question() -> None:
    """With a fold, a name written in traditional characters is found in folded text."""
    pier = entity("place.hankou-pier", "漢口碼頭", "Hankou Pier")
    finder = NameFinder([pier], fold=lambda text: text.replace("漢口碼頭", "汉口码头"))
    assert finder.named("汉口码头的开放时间") == [pier]
    assert NameFinder([pier]).named("汉口码头的开放时间") == []


def test_a_build_refuses_clashing_former_ids(tmp_path: Path) -> None:
    """A build makes load()'s former-id check too: the index is built from what load accepts."""
    path = write_facts(
        tmp_path,
        "demo.toml",
        fact_block(),
        fact_block(id='"demo.other"', former_ids='["demo.hosts"]'),
    )
    with pytest.raises(FactBaseError, match=r"former id 'demo\.hosts'"):
        build.write(sqlite3.connect(""), loader.plan([path.parent]))

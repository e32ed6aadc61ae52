"""Finding the registry's entities in text: which ones a Chinese text names.

Names are matched leftmost-longest and without overlap, so 荆门绿色生态科技产业城国际会展中心
names the convention centre only, not also the industrial city and Jingmen inside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .models import Entity

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def is_chinese(text: str) -> bool:
    """True when `text` holds a Chinese character (a spelling for Chinese text)."""
    # Comparisons, not a regex: compiling a wide character class costs ~2 ms per cold start.
    if text.isascii():  # the common Latin-only case, at C speed
        return False
    for char in text:  # a plain loop: a build calls this for every text of the base
        if char >= "\u3400" and (
            char <= "\u4dbf" or "\u4e00" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"
        ):
            return True
    return False


def english_forms(entity: Entity) -> tuple[str, ...]:
    """The spellings English text may use for `entity`: its English name, Latin aliases."""
    return (entity.name_en, *(a for a in entity.aliases if not is_chinese(a)))


def uses_english_name(entity: Entity, text: str) -> bool:
    """True when English `text` spells `entity` one of its registered ways (any case)."""
    folded = text.casefold()
    return any(form.casefold() in folded for form in english_forms(entity))


def _words(text: str) -> str:
    """Latin text as space-separated lowercase words, padded: for whole-word matching."""
    return f" {_NOT_WORD.sub(' ', text.casefold()).strip()} "


class NameFinder:
    """Finds the entities a text names: by Chinese names and aliases, or English ones."""

    def __init__(
        self, entities: Iterable[Entity], fold: Callable[[str], str] = lambda text: text
    ) -> None:
        """`fold` is applied to every Chinese spelling: the text searched must be folded alike."""
        spellings: dict[str, Entity] = {}
        english: dict[str, Entity] = {}
        for entity in entities:
            for spelling in (entity.name, *entity.aliases):
                if is_chinese(spelling):
                    spellings.setdefault(fold(spelling), entity)
            for form in english_forms(entity):
                words = _words(form)
                if words.strip():
                    english.setdefault(words, entity)
        # Longest first, so "Jingmen Municipal People's Government" wins over "Jingmen".
        self._english = sorted(english.items(), key=lambda item: -len(item[0]))
        self._by_first: dict[str, list[tuple[str, Entity]]] = {}
        for spelling, entity in sorted(spellings.items(), key=lambda item: -len(item[0])):
            self._by_first.setdefault(spelling[0], []).append((spelling, entity))

    def find(self, text: str) -> list[tuple[str, Entity]]:
        """Each (spelling, entity) named in `text`, leftmost-longest, in order of appearance."""
        found: list[tuple[str, Entity]] = []
        position = 0
        while position < len(text):
            for spelling, entity in self._by_first.get(text[position], ()):
                if text.startswith(spelling, position):
                    found.append((spelling, entity))
                    position += len(spelling)
                    break
            else:
                position += 1
        return found

    def entities_in(self, text: str) -> list[Entity]:
        """The entities `text` names in Chinese, each once, in order of first appearance."""
        return list(dict.fromkeys(entity for _, entity in self.find(text)))

    def named(self, text: str) -> list[Entity]:
        """The entities `text` names in either language (English as whole words), each once."""
        found = self.entities_in(text)
        words = _words(text)
        for form, entity in self._english:
            if form in words:
                found.append(entity)
                words = words.replace(form, " | ")  # a shorter name inside it is not named
        return list(dict.fromkeys(found))

"""Place names a question may name, so an answer about Jingmen is not given for elsewhere.

"Who is the mayor of Wuhan?" shares "mayor" with the fact about Jingmen's mayor; the
place is what makes it another question. The list holds China's provinces, its larger
cities, Hubei's other cities and a few countries and world cities, in Chinese and in
pinyin or English. Jingmen, Hubei and China are left out: every fact is about them,
whether or not it says so.
"""

from __future__ import annotations

from collections.abc import Callable

from . import vocabulary
from .normalize import fold, occurs_alone, word_tokens

# Each place as 中文:english[:other forms] (vocab/places.txt); a question names it in
# either language, and a fact may mention it in the other.
PLACES = tuple(
    tuple(entry.replace("_", " ").split(":")) for entry in vocabulary.sequence("places.txt")
)


def places_named(
    text: str, is_word: Callable[[str], bool], simplify: bool = True
) -> list[tuple[str, ...]]:
    """The listed places a question names, each as all its forms (武汉, wuhan).

    `is_word` says whether two characters make a word the fact base knows: 江西 inside
    汉江西岸 is not Jiangxi, because 汉江 is a word there.
    """
    folded = fold(text, simplify)
    words = f" {' '.join(word_tokens(folded))} "
    return [
        forms
        for forms in PLACES
        if (forms[0] in folded and occurs_alone(folded, forms[0], is_word))
        or any(f" {f} " in words for f in forms[1:])
    ]


def mentions(texts: tuple[str, ...], forms: tuple[str, ...]) -> bool:
    """True when any of `texts` (a fact's fields, stored simplified) names the place."""
    folded = "\n".join(fold(text, simplify=False) for text in texts)
    words = f" {' '.join(word_tokens(folded))} "
    return forms[0] in folded or any(f" {f} " in words for f in forms[1:])

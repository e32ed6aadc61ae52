"""What a question asks for, and whether a fact's text states it.

The vocabulary behind the engine's confidence checks: attributes (a price, a hometown),
qualified offices (副书记 is not 书记), names asked of a group, how many things a question
asks to be named (哪四化, list all ten), the X of "how many X" (and of 多少/几), measures
(多高, how long), places asked for (哪里, where), letters naming parts (E区) and days
(哪天), and the evidence that a text gives a time, a figure, a sum of money, a measure, a
count, a location or a day. Functions taking `text` fold it themselves; the `states_*`
and `counts_*` ones take text already folded.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ..base.models import Entity
from . import vocabulary
from .normalize import content_words, fold, has_han, stem, word_tokens

# Attributes people ask of places, events, people and buildings (vocab/*_attributes.txt).
# A question that names one asks for *that*: a fact that never mentions it does not answer
# the question, however well the rest matches (爱飞客小镇的门票价格 is not answered by the
# town's description). English ones are exact word forms, not stems.
ZH_ATTRIBUTES = vocabulary.words("zh_attributes.txt")
_EN_ATTRIBUTES = vocabulary.words("en_attributes.txt")
# Attributes as pinyin questions spell them: spelling -> the Chinese word's index term.
PINYIN_ATTRIBUTES = {
    spelled: "z:" + word
    for spelled, _, word in (
        pair.partition(":") for pair in vocabulary.words("pinyin_attributes.txt")
    )
}


# "Which company / 哪家单位" asks for an organization (vocab/agent_nouns.txt).
_AGENT_NOUNS = vocabulary.words("agent_nouns.txt")


# Words that set the entity after them aside (vocab/exclusion_cues.txt).
_EXCLUSION_CUES = tuple(cue for (cue,) in vocabulary.rules("exclusion_cues.txt"))


def set_aside(folded: str, entities: Sequence[Entity]) -> tuple[Entity, ...]:
    """The entities a cue sets aside in a folded question: 除了华大基因, besides BGI.

    An entity counts when one of its names follows the cue (registry names are written in
    simplified characters, as a folded question is).
    """
    found: list[Entity] = []
    for cue in _EXCLUSION_CUES:
        at = folded.find(cue)
        if at < 0:
            continue
        after = folded[at + len(cue) :].lstrip(" ,，")
        found += (
            e
            for e in entities
            if any(after.startswith(fold(name, False)) for name in (e.name, e.name_en, *e.aliases))
        )
    return tuple(found)


def names_an_agent_noun(folded: str, words: tuple[str, ...]) -> bool:
    """True when a folded question holds a noun for an organization (公司, company)."""
    return any(noun in folded if has_han(noun) else noun in words for noun in _AGENT_NOUNS)


def attribute_terms(text: str, simplify: bool = True) -> frozenset[str]:
    """The attributes a question names: Chinese words (z:) and English stems (e:)."""
    folded = fold(text, simplify)
    # As substrings: 湖北省长 holds 省长, though 北省 is a bigram of the base (湖北省).
    words = {word for word in ZH_ATTRIBUTES if word in folded}
    # 设计师 names 设计 too, and a fact that states 设计 answers it: keep the shorter.
    found = {"z:" + w for w in words if not any(o != w and o in w for o in words)}
    found |= {"e:" + stem(w) for w in word_tokens(folded) if w in _EN_ATTRIBUTES}
    return frozenset(found)


# Words that make a title a different office: a deputy secretary is not the secretary.
_ZH_QUALIFIERS = ("副", "代理")
EN_QUALIFIERS = frozenset({"deputy", "vice", "acting", "former", "assistant"})


def qualifier_mismatch(question: str, texts: tuple[str, ...], simplify: bool = True) -> bool:
    """True when one side qualifies an office the other names bare, either way round.

    副书记 in the fact against 书记 in the question, or 副市长 asked of a fact that only
    says 市长; likewise "deputy secretary" and "vice mayor" in English.
    """
    asked = fold(question, simplify)
    stated = "\n".join(fold(t, simplify=False) for t in texts)  # facts are stored simplified
    return _qualified_apart(stated, asked) or _qualified_apart(asked, stated)


def _qualified_apart(qualified: str, bare: str) -> bool:
    """True when `qualified` has a qualifier + word that `bare` has only without it."""
    for qualifier in _ZH_QUALIFIERS:
        start = qualified.find(qualifier)
        while start >= 0:
            noun = qualified[start + len(qualifier) : start + len(qualifier) + 2]
            if len(noun) == 2 and noun in bare and qualifier + noun not in bare:
                return True
            start = qualified.find(qualifier, start + 1)
    tokens = word_tokens(qualified)
    bare_words = set(word_tokens(bare))
    for i, token in enumerate(tokens):
        following = content_words(tuple(tokens[i + 1 : i + 3]))
        if (
            token in EN_QUALIFIERS
            and token not in bare_words
            and bare_words.intersection(following)
        ):
            return True
    return False


_CN_DIGITS = frozenset("一二三四五六七八九十百千万亿两")
# 一 alone says no count: it is in too many ordinary words (统一, 一体, 哪一年).
_COUNTING_DIGITS = _CN_DIGITS - {"一"}
_EN_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split()  # noqa: SIM905
)


def ordinal_mismatch(question: str, texts: tuple[str, ...], simplify: bool = True) -> bool:
    """True when the question and the fact number the same series apart.

    第一批 asked of a fact about the 第二批; "first batch" of one about the "second batch".
    """
    asked = _ordinals(fold(question, simplify))
    stated = _ordinals("\n".join(fold(t, simplify=False) for t in texts))
    return any(
        noun == other and number != theirs for noun, number in asked for other, theirs in stated
    )


def _ordinals(folded: str) -> set[tuple[str, str]]:
    """(thing, number) for each 第N批 / "Nth batch" in a folded text."""
    found = set()
    start = folded.find("第")
    while start >= 0:
        end = start + 1
        while end < len(folded) and folded[end] in _CN_DIGITS:
            end += 1
        if start + 1 < end < len(folded):
            found.add((folded[end], folded[start + 1 : end]))
        start = folded.find("第", start + 1)
    words = word_tokens(folded)
    found |= {(noun, word) for word, noun in itertools.pairwise(words) if word in _EN_ORDINALS}
    return found


# Asking for a list (which ones, all of them) is not asking what something is called:
# 十大工程 answers "what is the project called", not "which are the ten".
_ZH_LISTING = ("哪些", "哪几", "分别", "都有什么", "都是什么", "列出", "有哪")
_EN_LISTING = frozenset({"list", "all", "names"})
_EN_NAMING = frozenset({"name", "called"})
_EN_DETAIL = frozenset({"exactly", "specifically"})  # with "what": what exactly are the ten


def asks_for_list(text: str, simplify: bool = True) -> bool:
    """True when a question asks which ones (a list of names), not how many or what it is called.

    哪些, 分别, 哪十项 (which ten: 哪一年 asks a year), "list", "names", "which" before a
    plural noun ("which companies", not "which company"), "what exactly are", and a name
    asked of several ("what are the six departments called", "name the 108 technologies").
    """
    folded = fold(text, simplify)
    words = word_tokens(folded)
    several = "are" in words or any(w.isdigit() or w in _EN_NUMBERS for w in words)
    return (
        any(cue in folded for cue in _ZH_LISTING)
        or any(a == "哪" and b in _COUNTING_DIGITS for a, b in itertools.pairwise(folded))
        or not _EN_LISTING.isdisjoint(words)
        or any(a == "which" and _plural_noun(b) for a, b in itertools.pairwise(words))
        or ("what" in words and not _EN_DETAIL.isdisjoint(words))
        or (several and not _EN_NAMING.isdisjoint(words))
    )


_EN_COUNTS = "two three four five six seven eight nine ten"


def asked_count(folded: str, words: Sequence[str]) -> int:
    """How many things a folded question asks to be named (哪四化, what are the ten ...); else 0.

    A number asked with 哪 (which four), or an English number in "what/which ... are/were".
    """
    for a, b in itertools.pairwise(folded):
        if a == "哪" and b in _CN_VALUES:
            return _CN_VALUES[b]
    if ("are" in words or "were" in words) and ("what" in words or "which" in words):
        for word in words:
            if word in _EN_VALUES:
                return _EN_VALUES[word]
            if word.isdigit() and 2 <= int(word) <= _MOST_ASKED:
                return int(word)
    return 0


def items_named(text: str) -> int:
    """The most items one sentence of a Chinese text enumerates (甲、乙、丙 is three)."""
    return max(part.count("、") + 1 for part in re.split(r"[。；;]", text))


_CN_VALUES = {digit: value for value, digit in enumerate("二三四五六七八九十", 2)} | {"两": 2}
_EN_VALUES = {word: value for value, word in enumerate(_EN_COUNTS.split(), 2)}
_MOST_ASKED = 200  # a larger number in a question is a figure, not how many to name


_GROUP_MEASURES = frozenset("大个项部批类种条")


def names_a_group(name: str) -> bool:
    """True when a name counts its members without naming them (十大工程, 一室六部).

    One numeral before a group word counts; 第二批 (an ordinal) and 十九大 (the 19th
    congress: a numeral of two characters) do not.
    """
    return any(
        char in _CN_DIGITS
        and following in _GROUP_MEASURES
        and (i == 0 or (name[i - 1] != "第" and name[i - 1] not in _CN_DIGITS))
        for i, (char, following) in enumerate(itertools.pairwise(name))
    )


def counted_words(text: str, simplify: bool = True) -> tuple[str, ...]:
    """The X of "how many X", as typed (it may be misspelt); () when nothing is counted.

    Two words when the second is a plural noun ("construction workers": the fact must name
    both); otherwise one ("agreements got signed": the counted thing is "agreements").
    English only: a Chinese count (多少人, 几个分论坛) has no reliable word boundary to take
    the counted thing from, so it is left to scoring.
    """
    words = word_tokens(fold(text, simplify))
    for i in range(len(words) - 2):
        if words[i] == "how" and words[i + 1] == "many" and content_words((words[i + 2],)):
            head = words[i + 3] if i + 3 < len(words) else ""
            if _plural_noun(head) and content_words((head,)):
                return (words[i + 2], head)
            return (words[i + 2],)
    return ()


def _plural_noun(word: str) -> bool:
    """A word that looks like a plural noun: workers, systems, people."""
    return word in {"people", "children", "staff", "men", "women"} or (
        word.endswith("s") and not word.endswith("ss")
    )


# Evidence that a text gives a figure, a time or a sum of money.
_EN_NUMBERS = frozenset(
    """two three four five six seven eight nine ten eleven twelve twenty thirty forty
    fifty hundred hundreds thousand thousands million millions billion billions dozen
    dozens""".split()  # noqa: SIM905
)
_ZH_TIMES = ("即将", "将于", "今年", "明年", "年底", "年内", "近期")
_EN_TIMES = frozenset(  # months, but not "may": more often the verb
    """january february march april june july august september october november
    december soon""".split()  # noqa: SIM905
)
_MONEY = frozenset({"yuan", "rmb", "dollar", "dollars", "usd", "euro", "euros"})


def is_year(token: str) -> bool:
    """True for a number that reads as a year (1900-2099)."""
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2099


def states_number(folded: str) -> bool:
    """True when the text gives a figure for "how many": not a year, and not 一 alone."""
    tokens = word_tokens(folded)
    return (
        any(t[0].isdigit() and not is_year(t) for t in tokens)
        or not _COUNTING_DIGITS.isdisjoint(folded)
        or not _EN_NUMBERS.isdisjoint(tokens)
    )


def states_time(folded: str) -> bool:
    """True when the text says when: a year, a numbered 年/月/日/号, a month, or 即将/soon."""
    tokens = word_tokens(folded)
    return (
        any(is_year(t) for t in tokens)
        or _numbered(folded, "年月日号")
        or any(cue in folded for cue in _ZH_TIMES)
        or not _EN_TIMES.isdisjoint(tokens)
    )


def states_reason(folded: str) -> bool:
    """True when the text gives a reason or a purpose (意义, 为了, because, aim ...)."""
    return _mentions(folded, vocabulary.words("reasons.txt"))


def states_money(folded: str) -> bool:
    """True when the text gives a sum of money: a numbered 元 (not 单元), or yuan."""
    return _numbered(folded, "元") or not _MONEY.isdisjoint(word_tokens(folded))


def _numbered(folded: str, units: str) -> bool:
    """True when one of `units` (characters) comes right after a numeral: 2017年, 19日."""
    return any(
        unit in units and (before.isdigit() or before in _CN_DIGITS)
        for before, unit in itertools.pairwise(folded)
    )


def _mentions(folded: str, words: frozenset[str]) -> bool:
    """True when a folded text holds one of `words`: English as words, Chinese as substrings."""
    return not words.isdisjoint(word_tokens(folded)) or any(
        word in folded for word in words if not word.isascii()
    )


class _Measure(NamedTuple):
    """A measure a question may ask for (vocab/measures.txt), and its units."""

    zh_cues: tuple[str, ...]
    en_cues: tuple[str, ...]  # words or phrases, each word spaced
    zh_units: tuple[str, ...]
    en_units: tuple[tuple[str, ...], ...]  # each unit's words


def _phrases(column: str) -> tuple[str, ...]:
    """A comma-separated column's phrases, each with its words single-spaced."""
    return tuple(" ".join(p.split()) for p in column.split(",") if p.strip())


_MEASURES = {
    name: _Measure(
        tuple(zh.split()),
        _phrases(en),
        tuple(zh_units.split()),
        tuple(tuple(unit.split()) for unit in _phrases(en_units)),
    )
    for name, zh, en, zh_units, en_units in vocabulary.rules("measures.txt")
}


def measures_asked(folded: str) -> tuple[str, ...]:
    """The measures a folded question asks for: 多高 a height, "how long" a length or a time."""
    spaced = f" {' '.join(word_tokens(folded))} "
    return tuple(
        name
        for name, m in _MEASURES.items()
        if any(cue in folded for cue in m.zh_cues) or any(f" {cue} " in spaced for cue in m.en_cues)
    )


def states_measure(folded: str, measure: str) -> bool:
    """True when a folded text gives a figure in one of the measure's units (120米, 3 km).

    A year is no number of years, an ordinal no figure (第3层 is a floor, not a height).
    """
    units = _MEASURES[measure]
    numbers = {end: folded[start:end] for start, end in _numbers(folded)}
    for unit in units.zh_units:
        at = folded.find(unit)
        while at >= 0:
            end = len(folded[:at].rstrip(" "))
            if end in numbers and not is_year(numbers[end]):
                return True
            at = folded.find(unit, at + 1)
    words = word_tokens(folded)
    return any(
        tuple(words[i + 1 : i + 1 + len(unit)]) == unit
        for i, word in enumerate(words)
        if _is_number_word(word) and not is_year(word)
        for unit in units.en_units
    )


def _is_number_word(word: str) -> bool:
    """True for a word token that is a number: digits, or an English number word."""
    return word[0].isdigit() or word in _EN_NUMBERS


# The characters of a written number. Plain string tests, not regular expressions: a
# class of Chinese characters costs re a millisecond or more to compile, on every start.
_NUMERALS = _CN_DIGITS | frozenset("0123456789.")


def _numbers(folded: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each number written in a folded text: digits or Chinese numerals.

    An ordinal (第二) is not one, nor a point alone.
    """
    at = 0
    while at < len(folded):
        if folded[at] not in _NUMERALS:
            at += 1
            continue
        start = at
        while at < len(folded) and folded[at] in _NUMERALS:
            at += 1
        if folded[start:at].strip(".") and (not start or folded[start - 1] != "第"):
            yield start, at


# The classifiers of a Chinese count (几位专家, 多少项协议): what it counts in.
_CLASSIFIERS = frozenset("个位名家项座条种次场届批天人所台部处")
_TALLY_CUES = ("多少", "几")


# Words before a number of things a list asks for (全部10项, 这五个), and English ones.
_ZH_ALL = ("全部", "所有", "这", "那", "列出")
_EN_ALL = frozenset({"all", "the", "name", "list"})
# Classifiers of time and money: 3个月 and 5个亿 are spans and sums, not things to name.
_NOT_THINGS = ("个月", "个亿", "个小时", "个星期", "个工作日")
_EN_SPANS = frozenset({"years", "months", "weeks", "days", "hours", "minutes", "times"})


def listed_count(folded: str, words: Sequence[str]) -> int:
    """How many things a list question says it wants, or 0.

    A number that names a group (十大, 五大, 10大技术系统), or that follows 全部/所有/这 before a
    classifier (全部11个), or in English follows all/the/name/list before a plural noun
    within two words (all ten technical systems). A Chinese numeral of two characters or
    more is a name more often than a count (十九大, the 19th congress) and is left out;
    `words` are the question's word tokens, digits included.
    """
    for start, end in _numbers(folded):
        number = folded[start:end]
        value = int(number) if number.isdigit() else _CN_VALUES.get(number, 0)
        after = folded[end:]
        cued = folded[:start].endswith(_ZH_ALL) and after[:1] in _CLASSIFIERS
        names_group = (after[:1] == "大" or cued) and not after.startswith(_NOT_THINGS)
        if names_group and 2 <= value <= _MOST_ASKED:
            return value
    for i, word in enumerate(words[1:], 1):
        value = _EN_VALUES.get(word) or (int(word) if word.isdigit() else 0)
        things = any(_plural_noun(w) and w not in _EN_SPANS for w in words[i + 1 : i + 3])
        if words[i - 1] in _EN_ALL and things and 2 <= value <= _MOST_ASKED:
            return value
    return 0


def tallied(folded: str) -> tuple[str, str]:
    """What a folded Chinese "how many" counts: (classifier, noun), each possibly "".

    几位千人计划专家 gives ("位", "千人"), 多少人 ("人", ""), 几天 ("天", ""), 多少城市
    ("", "城市"); the noun is at most two characters (no word boundaries to go by).
    """
    for cue in _TALLY_CUES:
        at = folded.find(cue)
        while at >= 0:
            after = folded[at + len(cue) : at + len(cue) + 3]
            run = "".join(itertools.takewhile(has_han, after))
            if run:
                return (run[0], run[1:3]) if run[0] in _CLASSIFIERS else ("", run[:2])
            at = folded.find(cue, at + 1)
    return "", ""


def counts_tallied(folded: str, classifier: str, noun: str) -> bool:
    """True when a folded text gives a figure of what `tallied` found: 16项, 三个分论坛.

    A number counts it when the classifier follows it, or the noun within four characters
    (with no classifier asked, the noun's first character right after it). A number inside
    a name (千人计划) counts too: Chinese gives no word boundary to tell.
    """
    for _, end in _numbers(folded):
        after = folded[end : end + 4]
        if (classifier and after.startswith(classifier)) or (noun and noun in after):
            return True
        if not classifier and noun and after[:1] == noun[:1]:
            return True
    return False


def counts_words(words: Sequence[str], counted: Sequence[str]) -> bool:
    """True when a number in `words` comes within three words before a counted one.

    A number word that is itself counted is part of a name ("Thousand Talents experts").
    """
    stems = {stem(word) for word in counted}
    return any(
        _is_number_word(word)
        and word not in counted
        and any(stem(w) in stems for w in words[i + 1 : i + 4])
        for i, word in enumerate(words)
    )


# Where-cues that ask for a place (question_types.txt's "where" rule but 在哪, which asks
# for one only when no classifier or numeral follows it: 在哪些领域 and 在哪三个方面 ask
# which of something).
_ZH_WHERE = ("哪里", "哪儿", "何地", "何处", "地点")
_EN_WHERE = frozenset({"where", "location"})
_WHICH_AFTER = frozenset("些个一家位项种类方几二三四五六七八九十两")
# Words that say where a thing is, without a place of the registry: 位于第三部分末尾.
_LOCATING = ("位于", "坐落", "地处", "located", "placed", "situated")


def asks_place(folded: str) -> bool:
    """True when a folded question asks where a thing is or was (哪里, where)."""
    if any(cue in folded for cue in _ZH_WHERE) or not _EN_WHERE.isdisjoint(word_tokens(folded)):
        return True
    at = folded.find("在哪")
    while at >= 0:
        if folded[at + 2 : at + 3] not in _WHICH_AFTER:  # "" at the end: not in it
            return True
        at = folded.find("在哪", at + 1)
    return False


def states_location(folded: str) -> bool:
    """True when a folded text says where something is (位于, located) in so many words."""
    return any(cue in folded for cue in _LOCATING)


# A letter naming a part (E区, zone E) is as decisive as a number: zone E is not zone A.
_ZH_PARTS = frozenset("区座栋馆厅楼")
_EN_PARTS = frozenset({"zone", "hall", "block", "building", "area", "section", "district"})
# Letters joined in a list of parts: A、B、C、D、E区, zones A and B.
_LIST_JOINS = frozenset(" ,，、/和及与&")
_LIST_WORDS = frozenset({"and", "or", "to"})


def designators(text: str, folded: str) -> tuple[str, ...]:
    """The letters a question names parts by (E区, zone E: "e"), lower-cased.

    Chinese parts are read in the `folded` question (so 會展中心E區 counts), English ones in
    its `text`, where the letter must be a capital ("zone E"): "building a new airport"
    names no part "a".
    """
    found = _chinese_parts(folded) | _english_parts(unicodedata.normalize("NFKC", text), True)
    return tuple(sorted(found))


def parts_named(folded: str) -> frozenset[str]:
    """The letters a folded text names parts by: each of A、B、C、D、E区, zones A and B."""
    return frozenset(_chinese_parts(folded) | _english_parts(folded, capitals=False))


def _chinese_parts(text: str) -> set[str]:
    """Letters before a Chinese part word, lower-cased: E区 names e, A、B、E区 a, b and e."""
    found: set[str] = set()
    for at, char in enumerate(text):
        if char in _ZH_PARTS:
            found |= _list_before(text, at)
    return found


def _english_parts(text: str, capitals: bool) -> set[str]:
    """Letters after an English part word, lower-cased: zone E, zones A and B.

    With `capitals`, only capital letters count.
    """
    found: set[str] = set()
    words = re.findall(r"[A-Za-z]+", text)
    for i, word in enumerate(words[:-1]):
        if word.lower().rstrip("s") not in _EN_PARTS:
            continue
        listed = itertools.takewhile(
            lambda w: len(w) == 1 or w.lower() in _LIST_WORDS, words[i + 1 :]
        )
        found |= {w.lower() for w in listed if len(w) == 1 and (w.isupper() or not capitals)}
    return found


def _list_before(text: str, at: int) -> set[str]:
    """The letters of a list ending right before position `at` (A、B、E in A、B、E区)."""
    found: set[str] = set()
    at -= 1
    while at >= 0 and text[at].isascii() and text[at].isalpha():
        if at and text[at - 1].isascii() and text[at - 1].isalpha():
            break  # a word (WiFi区), not a letter
        found.add(text[at].lower())
        at -= 1
        while at >= 0 and text[at] in _LIST_JOINS:
            at -= 1
    return found


# Asking for a day, not a year or a month: 哪一天, 几号, "what date". (几号 also asks which
# number, 几号馆: a day is then asked of a hall, and refused when its fact gives none.)
_ZH_DAY = ("哪天", "哪一天", "哪日", "哪一日", "几号", "几月几日", "具体日期")
_EN_DAY = frozenset(
    {("what", "day"), ("which", "day"), ("what", "date"), ("which", "date"), ("exact", "date")}
)


def asks_day(folded: str) -> bool:
    """True when a folded question asks on which day (哪天, what date)."""
    pairs = set(itertools.pairwise(word_tokens(folded)))
    return any(cue in folded for cue in _ZH_DAY) or not _EN_DAY.isdisjoint(pairs)


def states_day(folded: str) -> bool:
    """True when a folded text gives a day of the month (19日, 21号)."""
    return _numbered(folded, "日号")


# Words for an undertaking's opening or completion (vocab/completions.txt).
_COMPLETIONS = vocabulary.words("completions.txt")


def speaks_of_completion(folded: str) -> bool:
    """True when a folded text speaks of an opening or a completion (通车, opened)."""
    return _mentions(folded, _COMPLETIONS)

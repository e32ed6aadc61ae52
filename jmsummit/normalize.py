"""Text normalisation shared by the index and the queries, so both fold alike."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

MAX_QUERY_CHARS = 500  # longer questions are cut here; nobody asks 500 characters

_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKENS = re.compile(rf"[{_HAN}]+|[a-z]+|[0-9]+(?:\.[0-9]+)?")
_HAN_RANGES = (("\u3400", "\u4dbf"), ("\u4e00", "\u9fff"), ("\uf900", "\ufaff"))

# Question scaffolding: words that shape a question but carry no content.
ZH_SCAFFOLDING = frozenset(
    """请问 请告诉我 告诉我 我想知道 想知道 想问 什么时候 什么时间 什么 哪些 哪个 哪位
    在哪里 在哪儿 在哪 哪里 哪儿 哪天 哪一天 哪一年 哪年 哪家 哪 何时 何地 何处
    何人 多少 几个 几项 几家 几 是谁 谁 是否 有没有 有无 吗 呢 吧 啊 呀 了 的
    是 这次 本次 此次 这场 这届 本届 该 一共 总共 共有 都有 都 有 怎么样 怎样
    如何 为何 为什么 么 一下 介绍 关于 主要 叫什么名字 叫什么 名字 叫 时候 些
    怎么 怎么说 是不是 不是 还是 这个 那个 这些 那些 那 这 什么样 哪几 第几 到底 究竟
    具体 分别 大概 大约 一些 能否 可以 多少个 多少项 多少家 多少位 多少种 多少次
    几种 几位 几次 几场 几条 几座 几名 几大 各自""".split()  # noqa: SIM905
)
_SCAFFOLD_MAX = max(map(len, ZH_SCAFFOLDING))
_SCAFFOLD_FIRST = frozenset(word[0] for word in ZH_SCAFFOLDING)

EN_STOPWORDS = frozenset(
    """a an the of in on at to for by with from and or is are was were be been being did do does
    what which who whom whose when where how why many much this that these those it its there
    please tell me about i you we they can could would will should any some all s there their
    his her has have had give show list find
    d m ll ve re t like know curious wonder wondering want wanted id im explain describe
    anything something kind sort type way whole ever also just really actually exactly
    ultimately basically thing things them us our my your into onto than then so such very
    if as""".split()  # noqa: SIM905
)

# British spellings folded to one form before stemming.
_SPELLING = (("centre", "center"), ("organis", "organiz"), ("programme", "program"))
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ers", "er", "ies", "ed", "es", "s")


class QuestionType(str, Enum):
    """What a question asks for, in either language."""

    WHEN = "when"
    WHO = "who"
    WHERE = "where"
    HOW_MANY = "how-many"
    HOW_MUCH = "how-much"
    WHICH = "which"
    YES_NO = "yes-no"
    OTHER = "other"


# Cue words per question type, checked in this order (how much before how many ...).
# Chinese cues match as substrings; English cues as whole words or word pairs.
_TYPE_CUES: tuple[tuple[QuestionType, tuple[str, ...], frozenset[str]], ...] = (
    (
        QuestionType.HOW_MUCH,
        ("多少钱", "金额", "多少亿"),
        frozenset({"how much", "amount", "cost"}),
    ),
    (
        QuestionType.WHEN,
        (
            "什么时候",
            "何时",
            "哪天",
            "哪一天",
            "哪几天",
            "哪年",
            "哪一年",
            "哪个月",
            "几月",
            "几号",
            "日期",
            "时间",
        ),
        frozenset({"when", "date", "what day", "what time", "which day", "what year"}),
    ),
    # 哪几个 asks which ones and 第几 which place, though both hold the count cue 几.
    (QuestionType.WHICH, ("哪几", "第几"), frozenset()),
    (
        QuestionType.HOW_MANY,
        ("多少", "几个", "几项", "几家", "几", "数量"),
        frozenset({"how many", "number of", "count"}),
    ),
    (QuestionType.WHO, ("谁", "哪位", "何人"), frozenset({"who", "whom", "whose"})),
    (
        QuestionType.WHERE,
        ("哪里", "哪儿", "在哪", "何地", "何处", "地点"),
        frozenset({"where", "location"}),
    ),
    (QuestionType.WHICH, ("哪些", "哪个", "哪", "什么"), frozenset({"which", "what"})),
    (QuestionType.YES_NO, ("是否", "是不是", "有没有"), frozenset()),
)


def zh_type_cues() -> list[tuple[str, QuestionType]]:
    """Every Chinese question-type cue with its type, in the order they are checked."""
    return [(cue, kind) for kind, zh_cues, _ in _TYPE_CUES for cue in zh_cues]


_YES_NO_OPENERS = frozenset(["is", "was", "did", "does", "do", "are", "were", "has", "have"])


# A NamedTuple, not a dataclass: it costs a fifth as much to define, on every cold start.
class Tokens(NamedTuple):
    """A text split into what the index and the scorer work on."""

    han: tuple[str, ...]  # runs of Chinese characters, scaffolding removed
    words: tuple[str, ...]  # Latin words, lowercased, stopwords kept
    numbers: tuple[str, ...]


def has_han(text: str) -> bool:
    """True when `text` contains a Chinese character."""
    # Comparisons, not a regex: compiling a wide character class costs ~2 ms per cold start.
    if max(text, default="") < "\u3400":  # the common Latin-only case, at C speed
        return False
    return any(low <= char <= high for char in text for low, high in _HAN_RANGES)


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    """The traditional-to-simplified converter, loaded on first use (~5 ms)."""
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


def traditional_characters() -> frozenset[str]:
    """Every character that traditional-to-simplified conversion changes."""
    convert = _t2s()
    return frozenset(char for char in map(chr, range(0x3400, 0xA000)) if convert(char) != char)


def fold(text: str, simplify: bool = True) -> str:
    """NFKC, case folding, and (unless told not to) traditional to simplified."""
    text = unicodedata.normalize("NFKC", text).casefold()
    if simplify and has_han(text):
        text = _t2s()(text)
    return text


def word_tokens(folded: str) -> list[str]:
    """A folded text's tokens: Chinese runs, Latin words and numbers, scaffolding kept."""
    tokens: list[str] = _TOKENS.findall(folded)
    return tokens


def tokenize(text: str, simplify: bool = True) -> Tokens:
    """Fold `text` and split it into Chinese runs, Latin words and numbers."""
    han: list[str] = []
    words: list[str] = []
    numbers: list[str] = []
    for match in _TOKENS.finditer(fold(text, simplify)):
        token = match[0]
        if token[0].isdigit():
            numbers.append(token)
        elif token[0] <= "z":
            words.append(token)
        else:
            han.extend(strip_scaffolding(token))
    return Tokens(tuple(han), tuple(words), tuple(numbers))


def strip_scaffolding(run: str) -> list[str]:
    """Split a Chinese run at question words (longest match first), dropping them."""
    pieces: list[str] = []
    start = i = 0
    while i < len(run):
        if run[i] not in _SCAFFOLD_FIRST:  # most characters start no question word
            i += 1
            continue
        for size in range(min(_SCAFFOLD_MAX, len(run) - i), 0, -1):
            if run[i : i + size] in ZH_SCAFFOLDING:
                if start < i:
                    pieces.append(run[start:i])
                i += size
                start = i
                break
        else:
            i += 1
    if start < len(run):
        pieces.append(run[start:])
    return pieces


# "Those few" points at things; it does not ask how many (那几个区...吗 is a yes-no question).
_DEMONSTRATIVES = ("这几", "那几")


def question_type(text: str, simplify: bool = True) -> QuestionType:
    """Detect what the question asks for, from its cue words."""
    folded = fold(text, simplify).strip()
    for pointer in _DEMONSTRATIVES:
        folded = folded.replace(pointer, "")
    words = _TOKENS.findall(folded)
    grams = set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}
    for kind, zh_cues, en_cues in _TYPE_CUES:
        if grams & en_cues or any(cue in folded for cue in zh_cues):
            return kind
    if folded.endswith(("吗", "吗?")) or (words and words[0] in _YES_NO_OPENERS):
        return QuestionType.YES_NO
    return QuestionType.OTHER


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """A light English stemmer: same input, same stem, on both sides of the match."""
    for old, new in _SPELLING:
        word = word.replace(old, new)
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def content_words(words: tuple[str, ...]) -> list[str]:
    """Latin words that are not question scaffolding."""
    return [w for w in words if w not in EN_STOPWORDS and len(w) > 1]


# Attributes people ask of places, events, people and buildings. A question that names
# one asks for *that*: a fact that never mentions it does not answer the question, however
# well the rest matches (爱飞客小镇的门票价格 is not answered by the town's description).
ZH_ATTRIBUTES = frozenset(
    """价格 票价 门票 价钱 费用 收费 免费 人口 面积 高度 长度 宽度 距离 电话 地址 邮箱 网址
    官网 天气 气温 温度 酒店 宾馆 住宿 餐饮 美食 航线 航班 车次 班次 地铁 公交 停车 页 页数
    字数 年龄 岁 生日 出生 学历 工资 薪水 收入 预算 利润 营收 税收 股价 设计 设计师 建筑师
    通车 竣工 完工 营业 容量 座位 床位 人数 排名 评分 几点 内容 占地 亩 公顷 上届 下届 往届
    首届 历届 上一 下一 去年 明年 主持 主持人 多长 公里 千米 跑道 年纪 户数 户人家 结论
    观点 创始 创办 补贴 条款 籍贯 老家 家乡 哪里人 结婚 婚姻 孩子 子女 微信 员工 报名 房价
    省长 院长 校长 总裁 董事长 前途 第一届 届数 几届 著作""".split()  # noqa: SIM905
)
# Exact word forms, not stems: "parking" names an attribute, "park" (theme park) does not.
_EN_ATTRIBUTES = frozenset(
    """price prices ticket tickets fee fees population height heights tall distance distances
    phone telephone address addresses email website websites weather temperature temperatures
    hotel hotels accommodation restaurant restaurants food route routes flight flights subway
    metro bus buses parking page pages age born birthday salary salaries income gdp budget
    budgets profit profits revenue revenues tax taxes designer designers designed architect
    architects attendance visitor visitors ranking rankings rating ratings acre acres hectare
    hectares previous upcoming big size moderator moderators moderated moderate chaired
    chairing old runway runways kilometre kilometres kilometer kilometers km mile miles
    founder founders founded findings conclusion conclusions subsidy subsidies household
    households hometown married marriage wife husband kids children wechat employees
    employee staff register registration governor chairman ceo books""".split()  # noqa: SIM905
)


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
    tokens = _TOKENS.findall(qualified)
    bare_words = set(_TOKENS.findall(bare))
    for i, token in enumerate(tokens):
        following = content_words(tuple(tokens[i + 1 : i + 3]))
        if (
            token in EN_QUALIFIERS
            and token not in bare_words
            and bare_words.intersection(following)
        ):
            return True
    return False


_ZH_NAMING = ("哪些", "哪几", "名字", "名称", "叫什么", "分别", "都有什么", "都是什么", "列出")
_EN_NAMING = frozenset({"which", "name", "names", "list", "called", "exactly", "specifically"})


def asks_for_names(text: str, simplify: bool = True) -> bool:
    """True when a question asks which ones (names, a list), not how many or how long."""
    folded = fold(text, simplify)
    return (
        any(cue in folded for cue in _ZH_NAMING)
        or any(a == "哪" and b in _CN_NUMERALS for a, b in itertools.pairwise(folded))  # 哪十项
        or bool(_EN_NAMING.intersection(_TOKENS.findall(folded)))
    )


# Evidence that a text states a number: digits, number words, Chinese numerals. 一 is left
# out: it is in too many ordinary words (统一, 一体) to mean a count.
_CN_NUMERALS = frozenset("一二三四五六七八九十百千万亿两")
_NUMERALS = frozenset("0123456789") | _CN_NUMERALS - {"一"}
_EN_NUMBERS = frozenset(
    """two three four five six seven eight nine ten eleven twelve twenty
    thirty forty fifty hundred hundreds thousand thousands million millions billion billions
    dozen dozens""".split()  # noqa: SIM905
)
# Evidence that a text says when: a number (a year, a date), or one of these.
_ZH_TIMES = ("即将", "将于", "今年", "明年", "年底", "年内", "近期", "月", "日")
_EN_TIMES = frozenset(
    """soon january february march april may june july august september october
    november december year month week today""".split()  # noqa: SIM905
)


def states_number(text: str) -> bool:
    """True when `text` (folded) gives a figure: how many or how much."""
    return not _NUMERALS.isdisjoint(text) or not _EN_NUMBERS.isdisjoint(_TOKENS.findall(text))


_MONEY = frozenset({"yuan", "rmb", "dollar", "dollars", "usd", "euro", "euros"})


_GROUP_MEASURES = frozenset("大个项部批类种条")


def names_a_group(name: str) -> bool:
    """True when a name counts its members without naming them (十大工程, 一室六部)."""
    return any(
        char in _CN_NUMERALS and following in _GROUP_MEASURES
        for char, following in itertools.pairwise(name)
    )


def states_money(text: str) -> bool:
    """True when `text` (folded) gives a sum of money (元, yuan)."""
    return "元" in text or not _MONEY.isdisjoint(_TOKENS.findall(text))


def states_time(text: str) -> bool:
    """True when `text` (folded) says when: a date, a year or a time word (即将, soon)."""
    return (
        any(char.isdigit() for char in text)
        or any(cue in text for cue in _ZH_TIMES)
        or not _EN_TIMES.isdisjoint(_TOKENS.findall(text))
    )


def counted_words(text: str, simplify: bool = True) -> tuple[str, ...]:
    """The X of "how many X", as typed (it may be misspelt): up to two words, () if none.

    Two, because the first is often a modifier ("construction workers", "technology
    systems"); a fact must name both. English only: a Chinese count (多少人, 几个分论坛)
    has no reliable word boundary to take the counted thing from, so it is left to scoring.
    """
    words: list[str] = _TOKENS.findall(fold(text, simplify))
    for i in range(len(words) - 2):
        if words[i] == "how" and words[i + 1] == "many":
            after = words[i + 2 : i + 4]
            return tuple(itertools.takewhile(lambda w: content_words((w,)) != [], after))
    return ()


def attribute_terms(text: str, simplify: bool = True) -> frozenset[str]:
    """The attributes a question names: Chinese words (z:) and English stems (e:)."""
    folded = fold(text, simplify)
    words = {word for word in ZH_ATTRIBUTES if word in folded}
    # 设计师 names 设计 too, and a fact that states 设计 answers it: keep the shorter.
    found = {"z:" + w for w in words if not any(o != w and o in w for o in words)}
    found |= {"e:" + stem(w) for w in _TOKENS.findall(folded) if w in _EN_ATTRIBUTES}
    return frozenset(found)


# English title words that mark a fact as answering who / where / when questions.
_TITLE_CUES = {
    kind: frozenset(stem(word) for word in words.split())
    for kind, words in (
        (
            QuestionType.WHO,
            "host supporter author speaker released releaser builder designer mayor "
            "people person attendee partner company leader by who",
        ),
        (QuestionType.WHERE, "venue location where site place held city"),
        (QuestionType.WHEN, "date when time start day year month"),
    )
}


def title_kinds(title_en: str) -> frozenset[QuestionType]:
    """The question types an English title says its fact answers."""
    words = {stem(w) for w in title_en.casefold().replace(",", " ").split()}
    return frozenset(kind for kind, cues in _TITLE_CUES.items() if words & cues)

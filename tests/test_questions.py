"""What a question asks for and what a fact states (questions.py), and gazetteer.py."""

from __future__ import annotations

import pytest

from jmsummit.search import gazetteer, questions
from jmsummit.search.normalize import fold, stem, word_tokens
from jmsummit.search.questions import (
    asked_count,
    asks_day,
    asks_place,
    attribute_terms,
    counted_words,
    counts_tallied,
    counts_words,
    designators,
    items_named,
    listed_count,
    measures_asked,
    qualifier_mismatch,
    speaks_of_completion,
    states_day,
    states_location,
    states_measure,
    tallied,
)


def test_attribute_terms_both_languages() -> None:
    """Attribute words are found in Chinese (traditional too) and English."""
    assert attribute_terms("門票在哪買，價格多少") == {"z:门票", "z:价格"}
    assert attribute_terms("Who designed it, and what are ticket prices?") == {
        "e:" + stem("designed"),
        "e:" + stem("ticket"),
        "e:" + stem("price"),
    }
    assert attribute_terms("谁主办了峰会") == frozenset()
    assert attribute_terms("会展中心的设计师是谁") == {"z:设计"}  # the shorter word is enough
    assert attribute_terms("第一届论坛在哪办的") == {"z:第一届"}


def test_pinyin_attributes_are_not_everyday_words() -> None:
    """The pinyin table leaves out spellings of common words (jieshu: 结束, sheji: 涉及)."""
    assert questions.PINYIN_ATTRIBUTES["renkou"] == "z:人口"
    assert not {"jieshu", "sheji", "zuowei", "jijie", "shengzhang"} & set(
        questions.PINYIN_ATTRIBUTES
    )


def test_qualifier_mismatch_both_languages() -> None:
    """A qualified office in a text, asked about bare, is a mismatch; asked qualified, it is not."""
    assert qualifier_mismatch("市委书记是谁", ("市委副书记",))
    assert not qualifier_mismatch("市委副书记是谁", ("市委副书记",))
    assert not qualifier_mismatch("市长是谁", ("市委副书记、市长",))
    assert qualifier_mismatch("Who is the secretary?", ("deputy secretary",))
    assert not qualifier_mismatch("Who is the deputy secretary?", ("deputy secretary",))
    assert not qualifier_mismatch("Who is the mayor?", ("deputy secretary and mayor",))


def test_ordinal_mismatch_both_languages() -> None:
    """One of a series asked of a fact about another: 第一批 is not 第二批."""
    assert questions.ordinal_mismatch("第一批试点城市有哪些", ("全国第二批试点城市",))
    assert not questions.ordinal_mismatch("第二批试点城市", ("全国第二批试点城市",))
    assert questions.ordinal_mismatch("the first batch of pilots", ("the second batch",))
    assert not questions.ordinal_mismatch("the first batch", ("its first ring road",))


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("How many people attended?", ("people",)),
        ("how many agrements were signd", ("agrements",)),
        ("How many construction workers built it?", ("construction", "workers")),
        ("How many agreements got signed?", ("agreements",)),
        ("How many technology systems are there?", ("technology", "systems")),
        ("Who hosted the summit?", ()),
        ("how many", ()),
    ],
)
def test_counted_words(question: str, words: tuple[str, ...]) -> None:
    """The X of 'how many X', as typed: two words only when the second is a plural noun."""
    assert counted_words(question) == words


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("有哪些支持单位", True),
        ("十大工程具体是哪十项", True),
        ("What exactly are the Ten Major Projects?", True),
        ("Which towns were named?", True),
        ("荆门入选的是哪一批", False),
        ("峰会是哪一年举办的", False),
        ("Exactly how many agreements were signed?", False),
        ("荆门大力实施的生态环境治理工程叫什么名字", False),  # what it is called: one name
        ("Which company built the convention center?", False),  # one company
        ("组委会的六个部分别叫什么名字", True),  # 分别: each of them
    ],
)
def test_asks_for_list(question: str, asks: bool) -> None:
    """Which ones, a list: not what something is called, a year (哪一年) nor an exact count."""
    assert questions.asks_for_list(question) is asks


@pytest.mark.parametrize(
    ("name", "group"),
    [
        ("十大工程", True),
        ("一室六部", True),
        ("中建三局", False),
        ("2017中国新型城市论坛荆门峰会", False),
        ("全国第二批城市“双修”试点城市", False),
        ("党的十九大", False),
    ],
)
def test_names_a_group(name: str, group: bool) -> None:
    """One numeral before a group word counts members; ordinals and names do not."""
    assert questions.names_a_group(name) is group


@pytest.mark.parametrize(
    ("text", "number", "time", "money"),
    [
        ("三个项目", True, False, False),
        ("统一规划,一体建设", False, False, False),
        ("荆门峰会是2017年的一届", False, True, False),
        ("即将开工建设", False, True, False),
        ("11月19日开幕", True, True, False),
        ("opened on 19 november 2017", True, True, False),
        ("the units may run on their own", False, False, False),
        ("已开港运营", False, False, False),
        ("总投资123.3亿元", True, False, True),
        ("15 billion yuan", True, False, True),
        ("每个建筑单元都可以单独运营", False, False, False),
        ("建筑面积12万平方米", True, False, False),
    ],
)
def test_states_number_time_money(text: str, number: bool, time: bool, money: bool) -> None:
    """A figure (not a year, not 一), a time (a year, 11月, 即将), money (亿元, not 单元)."""
    assert questions.states_number(text) is number
    assert questions.states_time(text) is time
    assert questions.states_money(text) is money


def _never_a_word(pair: str) -> bool:
    return False


def test_places_named_in_either_language() -> None:
    """Places are found in Chinese, pinyin or English, names of two words too."""
    assert gazetteer.places_named("武汉市长", _never_a_word) == [("武汉", "wuhan")]
    assert gazetteer.places_named("Who is the mayor of WUHAN?", _never_a_word) == [
        ("武汉", "wuhan")
    ]
    assert gazetteer.places_named("a Hong Kong company", _never_a_word) == [
        ("香港", "hong kong", "hongkong")
    ]
    assert gazetteer.places_named("荆门在湖北", _never_a_word) == []  # home is never elsewhere


def test_a_place_inside_a_known_word_is_not_named() -> None:
    """江西 inside 汉江西岸 is not Jiangxi when 汉江 is a word the base knows."""
    assert gazetteer.places_named("汉江西岸有哪些港口", lambda pair: pair == "汉江") == []
    assert gazetteer.places_named("江西有哪些港口", lambda pair: pair == "汉江") != []


def test_a_fact_may_mention_a_place_in_the_other_language() -> None:
    """A place asked in Chinese is mentioned by a fact that names it in English, and back."""
    wuhan = gazetteer.places_named("wuhan", _never_a_word)[0]
    assert gazetteer.mentions(("trains to Wuhan and beyond",), wuhan)
    assert gazetteer.mentions(("到武汉",), wuhan)
    assert not gazetteer.mentions(("荆门市长",), wuhan)


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("四化同步指的是哪四化", 4),
        ("峰会设了哪两个主题", 2),
        ("what are the ten major projects", 10),
        ("which were the 16 agreements", 16),
        ("哪一年举办", 0),  # 哪一 asks which one
        ("what is the theme", 0),
        ("which 2017 summit is this", 0),  # no are/were: a year, not a count
    ],
)
def test_asked_count(question: str, count: int) -> None:
    """The number of things a question asks to be named, or 0."""
    folded = fold(question)
    assert asked_count(folded, tuple(word_tokens(folded))) == count


def test_items_named() -> None:
    """The most items one sentence enumerates with 、."""
    assert items_named("荆门出台了实施意见。") == 1
    assert items_named("有甲、乙、丙三项。另有丁、戊。") == 3


@pytest.mark.parametrize(
    ("question", "measures"),
    [
        ("会展中心有多高？", ("height",)),
        ("長江有多長", ("length",)),  # traditional, folded first
        ("How long is the railway?", ("length", "duration")),  # either answers it
        ("峰会开了多长时间", ("length", "duration")),
        ("How old is the mayor?", ("age",)),
        ("huizhan zhongxin you duo gao", ("height",)),
        ("What is the floor area of zone A?", ("area",)),
        ("whole-area planning", ()),  # area alone is no measure
        ("fenghui kai le duo chang shijian", ("length", "duration")),
        ("How big is the investment?", ()),  # as often a sum as an area: no cue
        ("What is the annual cargo capacity of the port?", ("capacity",)),
        ("峰会在哪里举办", ()),
    ],
)
def test_measures_asked(question: str, measures: tuple[str, ...]) -> None:
    """A measure's cue, in Chinese, English or pinyin, asks for that measure."""
    assert measures_asked(fold(question)) == measures


@pytest.mark.parametrize(
    ("text", "measure", "states"),
    [
        ("全长120公里", "length", True),
        ("a 3 km ring road", "length", True),
        ("高铁即将开工", "height", False),  # 高 is no unit, and no number comes before
        ("前后共历时3天", "duration", True),
        ("lasted three days", "duration", True),
        ("2017年举办", "duration", False),  # a year is no number of years
        ("he is 55 years old", "age", True),
        ("the 16 agreements", "age", False),
        ("天河机场：历时3天", "duration", True),  # the unit first, then with a number
        ("a three-day summit", "duration", True),  # singular units too
        ("a 55-year-old mayor", "age", True),
        ("会场在第3层", "height", False),  # an ordinal is no figure
        ("Ltd. 天", "duration", False),  # nor a point alone
        ("年吞吐量500万吨", "capacity", True),
    ],
)
def test_states_measure(text: str, measure: str, states: bool) -> None:
    """A unit counts only right after a number, and a year is not a number of years."""
    assert states_measure(fold(text), measure) is states


def test_tallied_and_counted() -> None:
    """What 多少/几 counts, and whether a text gives a figure of it (not an ordinal)."""
    assert tallied("通航分论坛来了几位千人计划专家") == ("位", "千人")
    assert tallied("开了几天") == ("天", "")
    assert tallied("签了多少协议") == ("", "协议")
    assert tallied("谁主办了峰会") == ("", "")
    assert counts_tallied("签订16项合作协议", "项", "协议")
    assert counts_tallied("共历时3天", "天", "")
    assert not counts_tallied("千人计划专家出席", "位", "千人")
    assert not counts_tallied("全国第二批城市双修试点城市", "个", "城市")  # 第二: an ordinal
    assert counts_words(word_tokens("the 16 cooperation agreements"), ("agreements",))
    assert not counts_words(word_tokens("experts of the program spoke"), ("experts",))


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("欧洲环境基金会总部在哪", True),
        ("Where is the foundation based?", True),
        ("合作协议在哪些领域", False),
        ("荆门要在哪三个方面持之以恒", False),
    ],
)
def test_asks_place(question: str, asks: bool) -> None:
    """Where asks for a place; 在哪些领域 and 在哪三个方面 ask which of something."""
    assert asks_place(fold(question)) is asks


def test_states_location() -> None:
    """Words that say where a thing sits count as a place."""
    assert states_location("照片位于第三部分末尾")
    assert states_location("placed at the end of the third section")
    assert not states_location("the foundation supported the summit")


def test_designators_and_days() -> None:
    """Letters naming parts, and questions asking for a day and texts giving one."""
    for question, letters in [
        ("会展中心Ｅ区是做什么用的", ("e",)),  # full width too
        ("會展中心E區是做什麼用的", ("e",)),  # traditional: read folded
        ("What is zone A of the centre for?", ("a",)),
        ("Who is building a new airport?", ()),  # an article, not a part
        ("A new energy vehicle forum", ()),
    ]:
        assert designators(question, fold(question)) == letters, question
    assert questions.parts_named(fold("分别为A、B、C、D、E区。")) == set("abcde")
    assert questions.parts_named(fold("five zones, A, B, C, D and E")) == set("abcde")
    assert questions.parts_named(fold("a photo of the forum")) == frozenset()
    assert asks_day(fold("襄荆宜高铁具体哪天开工")) and asks_day(fold("What date did it open?"))
    assert not asks_day(fold("峰会是哪年举办的"))
    assert states_day(fold("11月19日开幕")) and not states_day(fold("2017年11月"))


@pytest.mark.parametrize(
    ("question", "count"),
    [
        ("请列出会展中心用到的全部10大技术系统", 10),
        ("Name all ten technical systems used in the convention center.", 10),
        ("十九大强调的五大发展理念是哪几个", 5),  # 十九大 names a congress, counts nothing
        ("Name all 10 technical systems used in the convention center.", 10),  # digits
        ("全部11个特色小镇有哪些", 11),
        ("哪些企业签了16项协议", 0),  # 16 counts the agreements, not what is listed
        ("3个月内开工的项目有哪些", 0),  # a span of time
        ("Which projects will be finished within three years?", 0),
        ("Which experts from ten countries spoke?", 0),
        ("第二批试点城市有哪些", 0),  # an ordinal
        ("投资总额123.3亿元", 0),  # a figure, not things
    ],
)
def test_listed_count(question: str, count: int) -> None:
    """A number before a classifier or a plural noun says how many things a list wants."""
    folded = fold(question)
    assert listed_count(folded, word_tokens(folded)) == count


def test_speaks_of_completion() -> None:
    """An opening or a completion, in either language; a start is neither."""
    assert speaks_of_completion(fold("襄荆宜高铁什么时候通车"))
    assert speaks_of_completion(fold("When will the line open?"))
    assert not speaks_of_completion(fold("襄荆宜高铁即将开工"))
    assert not speaks_of_completion(fold("construction will start soon"))

"""Normalisation units, and the search engine on the real index."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jmsummit.base import files, loader
from jmsummit.errors import QueryError
from jmsummit.search import build, engine, normalize
from jmsummit.search import query as query_module
from jmsummit.search.index import Index
from jmsummit.search.normalize import tokenize
from jmsummit.search.query import read
from jmsummit.search.results import QuestionType

# -- normalize ------------------------------------------------------------------------


def test_fold_full_width_to_half_width() -> None:
    """NFKC folds full-width letters, digits and punctuation to ASCII, lowercased."""
    assert normalize.fold("ＡＢＣ１２３？！") == "abc123?!"


def test_fold_traditional_to_simplified() -> None:
    """Traditional characters fold to simplified ones."""
    assert normalize.fold("誰主辦了峰會") == "谁主办了峰会"
    assert normalize.fold("機場") == "机场"


def test_tokenize_removes_chinese_scaffolding() -> None:
    """Question words (请问, 谁, 了, 这次) are cut out of Chinese runs, content kept."""
    assert normalize.tokenize("请问谁主办了这次峰会？").han == ("主办", "峰会")


def test_tokenize_splits_words_and_numbers() -> None:
    """Latin words are lowercased, numbers kept apart from words."""
    tokens = normalize.tokenize("Summit 2017 ＶＥＮＵＥ 123.3")
    assert tokens.words == ("summit", "venue")
    assert tokens.numbers == ("2017", "123.3")
    assert tokens.han == ()


def test_content_words_drop_english_scaffolding() -> None:
    """English stopwords and one-letter words are not content."""
    words = normalize.tokenize("What is the venue of the summit, please?").words
    assert normalize.content_words(words) == ["venue", "summit"]


def test_stem_folds_variants() -> None:
    """Plural, -ing and British spellings share a stem; -ies plurals meet their -y."""
    assert normalize.stem("organisers") == normalize.stem("organizer")
    assert normalize.stem("hosts") == normalize.stem("host")
    assert normalize.stem("centre") == normalize.stem("center")
    assert normalize.stem("companies") == normalize.stem("company")
    assert normalize.stem("cities") == normalize.stem("city")


def test_stem_keeps_words_that_only_end_in_s() -> None:
    """Focus, discuss and basis are not plurals: their -ed forms share their stem."""
    assert normalize.stem("focus") == normalize.stem("focused")
    assert normalize.stem("discuss") == normalize.stem("discussed")
    assert normalize.stem("basis") == "basis"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("峰会什么时候举行", QuestionType.WHEN),
        ("几号开幕", QuestionType.WHEN),
        ("谁主办了峰会", QuestionType.WHO),
        ("峰会在哪里举行", QuestionType.WHERE),
        ("有多少个分论坛", QuestionType.HOW_MANY),
        ("投资多少钱", QuestionType.HOW_MUCH),
        ("有哪些支持单位", QuestionType.WHICH),
        ("峰会在荆门举办吗", QuestionType.YES_NO),
        ("主办单位", QuestionType.OTHER),
        ("When did the summit start?", QuestionType.WHEN),
        ("Who hosted the summit?", QuestionType.WHO),
        ("Where was it held?", QuestionType.WHERE),
        ("How many sub-forums were there?", QuestionType.HOW_MANY),
        ("How much was invested?", QuestionType.HOW_MUCH),
        ("Which towns were named?", QuestionType.WHICH),
        ("Is Jingmen in Hubei?", QuestionType.YES_NO),
        ("hosts", QuestionType.OTHER),
        ("誰主辦", QuestionType.WHO),
        ("ＷＨＯ hosted", QuestionType.WHO),
        ("会展中心由哪几家单位建设", QuestionType.WHICH),
        ("那几个区是独立运营的吗", QuestionType.YES_NO),
    ],
)
def test_question_type(question: str, kind: QuestionType) -> None:
    """Question cue words in either language (and either script or width) give the type."""
    assert normalize.question_type(question) is kind


# -- search on the real index -----------------------------------------------------------

REPRESENTATIVE = [
    # Chinese
    ("zh", "谁主办了峰会", "organizers.hosts"),
    ("zh", "峰会的支持单位", "organizers.supporters"),
    ("zh", "签了多少个协议", "agreements.count"),
    ("zh", "荆门峰会是哪一天开幕的", "dates.summit-start"),
    # English
    ("en", "What was the total investment?", "agreements.total-investment"),
    ("en", "Which organizations supported the summit?", "organizers.supporters"),
    ("en", "What were the four zero principles?", "organizers.four-zeros"),
    ("en", "What airport is in Jingmen?", "infrastructure.zhanghe-airport"),
    # Misspelt English
    ("typo", "investmnet total", "agreements.total-investment"),
    ("typo", "suporters of the summit", "organizers.supporters"),
    ("typo", "venu of the summit", "venue.name"),
    ("typo", "airprot", "infrastructure.zhanghe-airport"),
    # Pinyin, joined or spaced
    ("pinyin", "zhubandanwei", "organizers.hosts"),
    ("pinyin", "zhuban danwei", "organizers.hosts"),
    ("pinyin", "zhichidanwei", "organizers.supporters"),
    # Pinyin initials
    ("initials", "zbdw", "organizers.hosts"),
    ("initials", "zcdw", "organizers.supporters"),
    # Traditional characters
    ("traditional", "誰主辦了峰會", "organizers.hosts"),
    ("traditional", "峰會的支持單位", "organizers.supporters"),
    ("traditional", "簽約投資總額", "agreements.total-investment"),
    ("traditional", "機場", "infrastructure.zhanghe-airport"),
    # Bare keywords
    ("keyword", "一室六部", "organizers.organizing-committee"),
    ("keyword", "四个零", "organizers.four-zeros"),
    ("keyword", "UN-Habitat", "organizers.supporter-un-habitat"),
    ("keyword", "airport", "infrastructure.zhanghe-airport"),
    ("keyword", "机场", "infrastructure.zhanghe-airport"),
]


@pytest.mark.parametrize(
    ("style", "question", "expected"),
    REPRESENTATIVE,
    ids=[f"{style}-{question}" for style, question, _ in REPRESENTATIVE],
)
def test_representative_questions(
    real_index: Index, style: str, question: str, expected: str
) -> None:
    """A typical question in each style gets the expected fact, confidently, on top."""
    result = engine.search(real_index, question, limit=5)
    assert result.confident, (style, [(m.fact.id, m.score) for m in result.matches])
    assert result.matches[0].fact.id == expected
    assert result.answers()[0].fact.id == expected


@pytest.mark.parametrize(
    "question",
    ["峰会什么时候举行", "When did the summit take place?"],
)
def test_when_questions_get_dates(real_index: Index, question: str) -> None:
    """Everyday 'when was it held' questions are answered with the summit's dates."""
    result = engine.search(real_index, question, limit=3)
    assert result.confident
    assert result.matches[0].fact.id == "dates.summit-dates"


@pytest.mark.parametrize(
    "question",
    [
        "天气怎么样",
        "今天股市怎么样",
        "What is the capital of France?",
        "How tall is Mount Everest?",
        "xyzzyqwertz",
    ],
)
def test_unanswerable_not_confident(real_index: Index, question: str) -> None:
    """Questions the base cannot answer get no confident answer."""
    result = engine.search(real_index, question, limit=5)
    assert not result.confident
    assert result.answers() == ()


@pytest.mark.parametrize(
    ("question", "nearest"),
    [
        ("爱飞客小镇的门票价格", "towns.aifeike"),
        ("What is the ticket price of the Aifeike town?", "towns.aifeike"),
        ("荆门高铁新城是谁设计的", "infrastructure.hsr-new-town"),
    ],
)
def test_named_attribute_the_fact_lacks(real_index: Index, question: str, nearest: str) -> None:
    """An attribute (price, designer) the best fact never states means no confident answer.

    The fact still leads the did-you-mean list.
    """
    result = engine.search(real_index, question, limit=5)
    assert not result.confident
    assert nearest in [m.fact.id for m in result.matches[:3]]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("会展中心是谁设计的", "venue.designer"),
        ("Who designed the convention center?", "venue.designer"),
    ],
)
def test_named_attribute_the_fact_states(real_index: Index, question: str, expected: str) -> None:
    """The same attribute asked of a fact that states it is answered."""
    result = engine.search(real_index, question, limit=5)
    assert result.confident
    assert result.matches[0].fact.id == expected


@pytest.mark.parametrize(
    ("question", "answered"),
    [
        ("荆门市委书记是谁", False),
        ("Who was the Party secretary of Jingmen?", False),
        ("荆门市委副书记是谁", True),
        ("Who is the deputy Party secretary of Jingmen?", True),
        ("荆门市长是谁", True),
        ("Who is the mayor of Jingmen?", True),
    ],
)
def test_a_deputy_does_not_answer_for_the_office(
    real_index: Index, question: str, answered: bool
) -> None:
    """The deputy secretary's fact answers for the deputy and the mayor, not the secretary."""
    result = engine.search(real_index, question, limit=3)
    assert result.confident is answered
    assert result.matches[0].fact.id == "people.zhang-yitao"


# Each confidence check (engine module doc): questions it refuses, with the reason in
# words, and look-alikes it must still answer ("").
NOBODY = "no person or organization beyond those the question names"
CHECKED = [
    # "How many X": the fact must name X, both words of "construction workers".
    ("How many agreements were signed?", ""),
    ("how many agrements were signd", ""),
    ("How many agreements got signed?", ""),
    ("Exactly how many agreements were signed?", ""),
    ("How many technology systems does the convention centre use?", ""),
    (
        "How many construction workers built the convention centre?",
        "does not name the workers counted",
    ),
    # The question type needs a date or time, a figure, a sum of money (not a year, 单元).
    ("峰会什么时候开幕", ""),
    ("襄荆宜高铁什么时候开工", ""),  # 即将开工: a time word
    ("fenghui shenme shihou jieshu", ""),  # jieshu is 结束 here, not the attribute 届数
    ("签约总金额是多少", ""),
    ("荆门的环城快速路在湖北同类城市里排第几", ""),  # 第几: which place, not how many
    ("When did Shayang Port open?", "gives no date or time"),
    ("保税物流中心什么时候投入使用", "gives no date or time"),
    ("When were the 108 green technologies applied?", "gives no date or time"),
    ("这次峰会有多少人参加", "gives no figure"),
    ("How many people attended the summit?", "gives no figure"),
    ("中国新型城市论坛有多少个成员城市", "gives no figure"),
    ("How much does it cost to run each building unit?", "gives no sum of money"),
    ("Why was Jingmen chosen to host the summit?", "gives no reason or purpose"),
    ("why was the summit held in jingmen", "gives no reason or purpose"),
    ("国际会展中心以后会成为什么论坛的会址", ""),  # 成为什么: becomes what, not why
    ("南庄村被评为什么称号", ""),
    # Names asked of a fact that only counts a numbered group.
    ("What was the summit's full name?", ""),
    ("Which company built the convention center?", ""),
    ("荆门入选的是哪一批双修试点", ""),
    ("组委会的六个部分别叫什么名字", "counts them but names none"),
    ("荆门大力实施的生态环境治理工程叫什么名字", ""),  # what it is called: 十大工程 is the name
    (
        "What are the six departments of the organizing committee called?",
        "counts them but names none",
    ),
    ("十大工程具体是哪十项", "counts them but names none"),
    ("What exactly are the Ten Major Projects?", "counts them but names none"),
    # Another one of a series.
    ("What is the name of the double repair pilot honour?", ""),
    ("全国第一批城市双修试点城市有哪些", "is about another of the series"),
    # A place the fact does not mention, in either language or pinyin.
    ("深圳华大基因", ""),
    ("Xiangyang-Jingmen-Yichang railway", ""),
    ("汉江西岸有哪些港口", ""),  # 江西 inside 汉江西
    ("Who is the mayor of Xiangyang?", "does not mention xiangyang (襄阳)"),
    ("wuhan shizhang shi shei", "does not mention wuhan (武汉)"),
    ("Did a Hong Kong company build the convention centre?", "does not mention hong kong (香港)"),
    # An entity of the registry the answering fact is not about (the summit and Jingmen,
    # named by a quarter of the facts or more, are the base's setting and decide nothing).
    ("华大基因和荆门签约了吗", ""),
    ("Did BGI sign an agreement with Jingmen?", ""),
    ("湖北省唯一的城市双修试点是哪里", ""),  # 全省唯一: the fact is about Hubei too
    (
        "会展中心的投资总额是多少？",
        "is not about Jingmen Green Eco-Tech Industrial City International Convention and "
        "Exhibition Center (荆门绿色生态科技产业城国际会展中心)",
    ),
    # A fact about an entity whose name holds the one asked about is about that one too.
    ("Which town got into the first national batch of characteristic towns?", ""),
    ("what was the theme of the 2017 China New-Type City Forum", ""),
    ("What report did Zhang Yitao release at the summit?", "is not about Zhang Yitao (张依涛)"),
    ("Which UN-Habitat official gave a speech?", "is not about UN-Habitat (联合国人居署)"),
    # "Who" and "which company" ask for a person or an organization: the fact must name one
    # beyond those the question names (or hold a list); "who is X" asks about X.
    ("谁主办了峰会", ""),
    ("张依涛是谁", ""),
    ("Who gave keynote speeches at the main forum?", ""),  # a list names its members
    ("会展中心是哪家单位设计的", ""),
    ("Who built Zhanghe Airport?", f"names {NOBODY}"),
    ("保税物流中心由哪家公司施工？", f"names {NOBODY}"),
    ("Which newspaper does Deng Xianjun work for?", f"names {NOBODY}"),
    ("Who founded the European Environment Foundation?", f"names {NOBODY}"),
    # "Which company" asks for names: a list of kinds of people names none.
    ("Which car companies sent executives to speak at the NEV sub-forum?", f"names {NOBODY}"),
    ("Who spoke at the NEV sub-forum?", ""),  # "who": the kinds of speakers answer it
    # "Besides X" asks for another of X's kind: the fact must name one.
    (
        "除了华大基因还有哪些公司签了约？",
        "names nothing besides BGI Genomics (深圳华大基因), which the question sets aside",
    ),
    (
        "Besides BGI, which companies signed agreements?",
        "names nothing besides BGI Genomics (深圳华大基因), which the question sets aside",
    ),
    ("除了主论坛还有几个分论坛", ""),  # the sub-forums are other events
    (  # Jingmen, the base's setting, is no other place
        "除了南庄村还有哪个村是美丽乡村示范村",
        "names nothing besides Nanzhuang Village (南庄村), which the question sets aside",
    ),
    # A question asking for N things needs a fact that names N (a list, or 甲、乙、丙).
    (
        "What are the ten major environmental governance projects?",
        "names fewer than the 10 asked for",
    ),
    ("四化同步指的是哪四化", "names fewer than the 4 asked for"),
    ("请列出会展中心用到的全部10大技术系统", "names fewer than the 10 asked for"),
    (
        "Name all ten technical systems used in the convention center.",
        "names fewer than the 10 asked for",
    ),
    ("十九大强调的五大发展理念是哪几个", ""),
    ("峰会设了哪三个分论坛", ""),
    ("What are the three sub-forums?", ""),
    ("张依涛除了市长还担任什么职务？", ""),  # an office set aside, not an entity
    # An attribute the fact never states, in Chinese, English or pinyin (even full width).
    ("jingmen fenghui sheji naxie lingyu", ""),  # sheji is 涉及 here, not 设计
    ("爱飞客小镇的门票价格", "does not state 价格, 票价, 门票"),
    ("联合国人居署的执行主任是谁？", "does not state 主任"),  # an office no fact names
    ("Who is the general manager of the builder?", "does not state manag"),
    ("jingmen renkou you duoshao", "does not state 人口"),
    ("ｊｉｎｇｍｅｎ ｒｅｎｋｏｕ？", "does not state 人口"),
    # A measure needs a figure in its units; "how long" takes a length or a time.
    ("会展中心有多高？", "gives no height"),
    ("huizhan zhongxin you duo gao", "gives no height"),
    (
        "How long is the Xiangyang-Jingmen-Yichang high-speed railway?",
        "gives no length or duration",
    ),
    ("How long did the summit last?", ""),
    ("峰会开了几天", ""),
    # "How many X" needs a figure of X, where the fact names X.
    ("通用航空分论坛开了几天？", "gives no count of 天"),
    ("通航分论坛来了几位千人计划专家", "gives no count of 千人"),
    ("How many experts spoke at the general aviation sub-forum?", "gives no count of experts"),
    (
        "How many Thousand Talents experts joined the aviation forum?",  # not a count: a name
        "gives no count of thousand talents",
    ),
    ("荆门峰会签了多少项协议", ""),
    ("How many sub-forums were there?", ""),
    # "Where" needs a place the question does not name, or words saying where.
    ("欧洲环境基金会总部在哪", "names no place beyond those the question names"),
    (
        "Where is the European Environment Foundation headquartered?",
        "names no place beyond those the question names",
    ),
    ("峰会在哪里举办", ""),
    ("新能源汽车论坛的照片在哪里", ""),  # 位于第三部分末尾
    # A letter naming a part is decisive; a day asked for needs a day.
    ("会展中心E区是做什么用的？", "does not name E (the part asked)"),
    ("襄荆宜高铁具体哪天开工", "gives no day"),
    ("峰会是哪天开幕的", ""),
    # When something opens or is completed needs a fact that speaks of that, not of a start.
    (
        "When will the Jing-Jing passenger line open?",
        "gives no time of opening or completion, as the question asks",
    ),
    ("When did the summit open?", ""),
    # A count whose answer enumerates what it counts names them.
    ("会展中心有哪些功能区", ""),
    # One English word is a keyword: it must name the fact, not sit inside a longer alias.
    ("help", "has 'help' only inside a longer alias"),
    ("mayor", ""),
    ("BGI", ""),
    ("tzze", ""),  # initials of 投资总额, not a word
    # Below the threshold: no check needed.
    ("How many hotels does Jingmen have?", "scores under the threshold of 55"),
]


@pytest.mark.parametrize(("question", "doubt"), CHECKED)
def test_confidence_checks(real_index: Index, question: str, doubt: str) -> None:
    """A refused best match carries the failed check in words; an answer carries none."""
    result = engine.search(real_index, question, limit=3)
    assert result.doubt == doubt
    assert result.confident is (doubt == "")


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("jingmen fenghui shijian", QuestionType.WHEN),
        ("fenghui zai nali", QuestionType.WHERE),
        ("zhuban danwei shi shei", QuestionType.WHO),
        ("qianyue duoshao xiang", QuestionType.HOW_MANY),
    ],
)
def test_pinyin_question_types(real_index: Index, question: str, kind: QuestionType) -> None:
    """Question words spelt in pinyin set the question type, as their characters would."""
    assert engine.search(real_index, question).question_type is kind


def test_search_is_deterministic(real_index: Index) -> None:
    """The same query twice gives the same ranking, scores and reasons."""
    for question in ("谁主办了峰会", "When was the summit held?", "jichang", "zbdw"):
        first = engine.search(real_index, question)
        second = engine.search(real_index, question)
        assert first == second


@pytest.mark.parametrize("question", ["峰会", "summit", "Who hosted the summit?", "荆门", "2017"])
def test_results_sorted_and_bounded(real_index: Index, question: str) -> None:
    """Matches come best first, every score within 0..100."""
    scores = [m.score for m in engine.search(real_index, question).matches]
    assert len(scores) > 1
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= score <= 100 for score in scores)


def test_limit_and_category(real_index: Index) -> None:
    """The limit caps the matches; a category keeps only that category's facts."""
    assert len(engine.search(real_index, "峰会", limit=3).matches) == 3
    matches = engine.search(real_index, "峰会", category="organizers").matches
    assert matches
    assert {m.fact.category for m in matches} == {"organizers"}


def test_reasons_name_matched_terms(real_index: Index) -> None:
    """The top match explains itself with the terms and fields it matched."""
    top = engine.search(real_index, "hosts").matches[0]
    assert top.fact.id == "organizers.hosts"
    assert any(r.term == "host" and r.field in ("title", "alias") for r in top.reasons)


@pytest.mark.parametrize("query", ["", " ", "\t\n  ", "\x00\x01\x1b", "\u3000"])
def test_blank_query_raises(real_index: Index, query: str) -> None:
    """An empty or blank question (controls and ideographic space included) is a QueryError."""
    with pytest.raises(QueryError):
        engine.search(real_index, query)


def test_huge_query_is_cut(real_index: Index) -> None:
    """A 1 MB question is cut to MAX_QUERY_CHARS and still searched."""
    query = "谁主办了峰会" + "峰" * 1_000_000
    result = engine.search(real_index, query)
    assert len(result.query) <= normalize.MAX_QUERY_CHARS
    assert result.query.startswith("谁主办了峰会")
    assert result.matches


def test_huge_latin_query_is_cut(real_index: Index) -> None:
    """A 1 MB single Latin 'word' (typo and pinyin paths) is cut and handled."""
    result = engine.search(real_index, "a" * 1_000_000)
    assert len(result.query) == normalize.MAX_QUERY_CHARS
    assert not result.confident


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=st.text())
def test_any_text_query(real_index: Index, query: str) -> None:
    """Arbitrary text either raises QueryError or gives sorted scores within 0..100."""
    try:
        result = engine.search(real_index, query, limit=10)
    except QueryError:
        kept = query[: normalize.MAX_QUERY_CHARS]
        assert all(c.isspace() or not c.isprintable() for c in kept)
        return
    scores = [m.score for m in result.matches]
    assert all(0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert result.confident == bool(result.answers())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    query=st.text(
        alphabet=st.sampled_from("谁主办峰会荆門機場支持单位 zhubandwei?？ＡＢ１２3的了吗"),
        max_size=40,
    )
)
def test_near_miss_queries(real_index: Index, query: str) -> None:
    """Queries built from the base's own vocabulary stay within the contract too."""
    try:
        result = engine.search(real_index, query)
    except QueryError:
        assert not query.strip()
        return
    assert all(0 <= m.score <= 100 for m in result.matches)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "When" prefers the fullest date: the days it ran, not the year or the first day.
        ("荆门峰会是什么时候举办的？", "dates.summit-dates"),
        ("when was the summit", "dates.summit-dates"),
        # "Which ones" prefers the fact holding the whole list.
        ("荆门有哪些村跻身全国文明村镇候选名单", "towns.civilized-candidates"),
        ("哪几家单位给峰会提供了支持", "organizers.supporters"),
        # The new-user trial's other answers that must stay right.
        ("what is the summit called in chinese", "event.full-name"),
        ("荆门峰会的英文名", "event.full-name"),  # the fact gives both names
        ("how many green technologies does the convention centre use", "venue.green-technologies"),
    ],
)
def test_granularity_of_answers(real_index: Index, question: str, expected: str) -> None:
    """The answer is the fact at the granularity the question asks for."""
    answers = engine.search(real_index, question, limit=3).answers()
    assert answers and answers[0].fact.id == expected


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import accuracy  # noqa: E402  (bench/ is not a package)


def test_a_base_in_traditional_characters_answers_like_the_simplified_one(
    tmp_path: Path, real_index: Index
) -> None:
    """The bundled facts converted to traditional characters give the same answers.

    The checks once read fact text unsimplified, so a traditional base was ranked, then
    refused: every question of the `tune` set must get the same answer from both.
    """
    import opencc

    to_traditional = opencc.OpenCC("s2t").convert
    for path in files.bundled_facts_dir().glob("*.toml"):
        (tmp_path / path.name).write_text(to_traditional(path.read_text("utf-8")), "utf-8")
    traditional = build.build(loader.load([tmp_path]).facts)
    assert "荆门" not in traditional.fact(0).answer + traditional.fact(1).answer
    for question in accuracy.questions("tune"):
        simplified = [m.fact.id for m in engine.search(real_index, question.text).answers()]
        converted = [m.fact.id for m in engine.search(traditional, question.text).answers()]
        assert simplified[:1] == converted[:1], question.text


def test_becomes_what_in_traditional_characters_is_not_why(real_index: Index) -> None:
    """成為什麼 (traditional) asks what, like 成为什么: the why-cue is read on folded text."""
    simplified = engine.search(real_index, "荆门成为什么城市", limit=3)
    traditional = engine.search(real_index, "荊門成為什麼城市", limit=3)
    assert traditional.question_type is simplified.question_type is not QuestionType.WHY
    assert traditional.confident == simplified.confident


def test_entities_are_named_in_pinyin(real_index: Index) -> None:
    """A question typed wholly in pinyin names the registry's entities, split or whole.

    Leftmost-longest, as the Chinese finder reads; an English question names none by sound.
    """

    def names(question: str) -> list[str]:
        return [e.name for e in read(real_index, question).entities]

    venue = "荆门绿色生态科技产业城国际会展中心"
    assert names("huizhan zhongxin zong touzi duoshao qian") == [venue]
    assert names("zhang yi tao") == names("zhangyitao shi shei") == ["张依涛"]
    assert names("huizhan") == []  # a part of a name names nothing
    assert len(names("zhongjian sanju yi gongsi")) == 1  # the longer name only
    # An English question is not read as pinyin, though "human" and "panda" spell syllables.
    assert not query_module._is_pinyin(real_index, tokenize("Who is the human behind the panda?"))
    assert query_module._is_pinyin(real_index, tokenize("zhang yitao shi shei"))

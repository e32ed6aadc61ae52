"""Place names a question may name, so an answer about Jingmen is not given for elsewhere.

"Who is the mayor of Wuhan?" shares "mayor" with the fact about Jingmen's mayor; the
place is what makes it another question. The list holds China's provinces, its larger
cities, Hubei's other cities and a few countries and world cities, in Chinese and in
pinyin or English. Jingmen, Hubei and China are left out: every fact is about them,
whether or not it says so.
"""

from __future__ import annotations

from collections.abc import Callable

from .normalize import fold, occurs_alone, word_tokens

# Each place as 中文:english[:other forms] ("_" joins the words of a name); a question
# names it in either language, and a fact may mention it in the other.
_TABLE = """
北京:beijing 天津:tianjin 上海:shanghai 重庆:chongqing 河北:hebei 山西:shanxi 辽宁:liaoning
吉林:jilin 黑龙江:heilongjiang 江苏:jiangsu 浙江:zhejiang 安徽:anhui 福建:fujian 江西:jiangxi
山东:shandong 河南:henan 湖南:hunan 广东:guangdong 海南:hainan 四川:sichuan 贵州:guizhou
云南:yunnan 陕西:shaanxi 甘肃:gansu 青海:qinghai 台湾:taiwan 内蒙古:inner_mongolia 广西:guangxi
西藏:tibet 宁夏:ningxia 新疆:xinjiang 香港:hong_kong:hongkong 澳门:macau:macao
武汉:wuhan 襄阳:xiangyang 宜昌:yichang 荆州:jingzhou 十堰:shiyan 孝感:xiaogan 黄冈:huanggang
咸宁:xianning 随州:suizhou 恩施:enshi 鄂州:ezhou 黄石:huangshi 仙桃:xiantao 天门:tianmen
潜江:qianjiang 神农架:shennongjia
广州:guangzhou 深圳:shenzhen 杭州:hangzhou 南京:nanjing 成都:chengdu 长沙:changsha
郑州:zhengzhou 苏州:suzhou 青岛:qingdao 厦门:xiamen 济南:jinan 沈阳:shenyang 大连:dalian
哈尔滨:harbin 长春:changchun 合肥:hefei 南昌:nanchang 福州:fuzhou 昆明:kunming 贵阳:guiyang
南宁:nanning 兰州:lanzhou 太原:taiyuan 石家庄:shijiazhuang 乌鲁木齐:urumqi 呼和浩特:hohhot
拉萨:lhasa 银川:yinchuan 西宁:xining 海口:haikou 三亚:sanya 宁波:ningbo 无锡:wuxi
东莞:dongguan 佛山:foshan 珠海:zhuhai
伦敦:london 巴黎:paris 东京:tokyo 华盛顿:washington 柏林:berlin 纽约:new_york 西安:xi_an
日本:japan:japanese 韩国:korea:korean 英国:britain:british:uk:england 法国:france:french
德国:germany:german 俄罗斯:russia:russian 美国:america:american:usa 印度:india:indian
加拿大:canada:canadian 澳大利亚:australia:australian 新加坡:singapore
"""
PLACES = tuple(tuple(entry.replace("_", " ").split(":")) for entry in _TABLE.split())


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
        if occurs_alone(folded, forms[0], is_word) or any(f" {f} " in words for f in forms[1:])
    ]


def mentions(texts: tuple[str, ...], forms: tuple[str, ...]) -> bool:
    """True when any of `texts` (a fact's fields, stored simplified) names the place."""
    folded = "\n".join(fold(text, simplify=False) for text in texts)
    words = f" {' '.join(word_tokens(folded))} "
    return forms[0] in folded or any(f" {f} " in words for f in forms[1:])

"""Claim terms, and how much each one says about *which* claim a text makes.

Matching needs no segmenter: Chinese runs are cut into overlapping character bigrams,
everything else into lower-cased word tokens (stop words dropped).

A term's weight (learned by ``scripts/build_debunk_index.py``) is its inverse document
frequency over the debunk *texts*, so words every debunk uses (专家, 网传, 卫生) weigh little,
times :data:`GENERIC_FACTOR` for a term inside one of :data:`GENERIC_WORDS`: institution
names, disease names, common health words and the words of a notice (最新, 通报, 发布 ...).
They name a topic or frame an announcement, never a claim: a hospital's flu-vaccine page and
a debunk titled "世界卫生组织：甲型肝炎" share 世界/卫生/组织/甲型 and nothing that is claimed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator

from factcheck.lang.script import HAN

_RUNS = re.compile(rf"[{HAN}]+|[a-z0-9]+(?:['’][a-z]+)?")
_IS_CJK = re.compile(rf"[{HAN}]")

#: Words that carry no claim (English; "who" is left to the generic words).
_EN_STOPWORDS_TEXT = """a an and are as at be been but by can could did do does for from had
    has have he her his how i if in into is it its may more most no not of on or our she so
    than that the their them then there these they this to too up was we were what when which
    why will with would you your about after all also just new says said whom whose"""
EN_STOPWORDS = frozenset(_EN_STOPWORDS_TEXT.split())

#: Debunk boilerplate removed from titles before they are matched ("#微博辟谣#", "谣言：",
#: "真相来了", "False claim:" ...): a rumour page never contains these words.
_BOILERPLATE = re.compile(
    r"#[^#\s]{1,20}#|【[^】]{0,12}】|捉谣记\s*[|｜]|谣言粉碎机|[|｜]\s*百度辟谣|"
    r"(?:是真的吗|真的吗|真相来了|真相在此|官方辟谣|官方回应|警方回应|当地回应|网警辟谣|"
    r"辟谣|谣言|不实|假的|系谣言|纯属谣言|别再信了|别信|真相|误区)|"
    r"\b(?:fact[- ]?check|false claim|true claim|partly false claim|misleading claim|"
    r"false|misleading)\b\s*:?",
    re.IGNORECASE,
)

#: Weight factor of a term that lies inside one of :data:`GENERIC_WORDS`.
GENERIC_FACTOR = 0.15
_GENERIC_ZH = """
世界卫生组织 世卫组织 卫健委 卫生健康委员会 卫生部 疾控中心 疾病预防控制中心 国家药监局 药监局
国务院 联防联控 新闻发布会 人民医院 中医院 附属医院 第一医院 协和医院 医院 医科大学 医学院
中国科学院 中国工程院 研究所 科学家 研究人员 专家组 专家 院士 教授 医生 主任医师 营养师
新华社 人民日报 央视新闻 新京报 澎湃新闻 丁香医生 健康时报 科普中国 官方 政府 网友 记者
甲型 乙型 丙型 肝炎 流感 感冒 发烧 发热 咳嗽 肺炎 新冠 新型冠状病毒 冠状病毒 病毒 细菌 感染
癌症 肿瘤 糖尿病 高血压 心脏病 心血管 脑卒中 中风 白血病 艾滋病 结核 疫情 疾病 病人 患者
疫苗 接种 健康 身体 人体 营养 食物 食品 饮食 药物 药品 医学 医疗 治疗 预防 症状 免疫力
中国 全国 我国 国家 美国 日本 世界 全球 今年 近日 最近 目前 问题 情况 视频 消息 网上 网络
最新 通报 通知 公告 发布 宣布 紧急
"""
_GENERIC_EN = """who cdc fda nih nhs hospital university health doctors doctor experts expert
study studies research researchers scientists covid coronavirus virus disease cancer flu vaccine
vaccines patients people world government officials news report"""
GENERIC_WORDS = tuple(_GENERIC_ZH.split()) + tuple(_GENERIC_EN.split())


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits to ASCII) and lower case."""
    return unicodedata.normalize("NFKC", text).lower()


def tokens(text: str) -> Iterator[str]:
    """Character bigrams of Chinese runs, word tokens elsewhere (stop words dropped)."""
    for run in _RUNS.findall(normalise(text)):
        if _IS_CJK.match(run):
            for i in range(len(run) - 1):
                yield run[i : i + 2]
        elif len(run) > 1 and run not in EN_STOPWORDS and not run.isdigit():
            yield run


def term_set(text: str) -> frozenset[str]:
    return frozenset(tokens(text))


def claim_of_title(title: str) -> str:
    """The title without debunk boilerplate: what the rumour itself would say."""
    return _BOILERPLATE.sub(" ", title)


GENERIC_TERMS = frozenset(t for word in GENERIC_WORDS for t in tokens(word))


def learn_weights(texts: Iterable[str], vocabulary: Iterable[str]) -> dict[str, float]:
    """Weight of each vocabulary term: IDF over ``texts`` times the generic factor."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(set(tokens(text)))
        n += 1
    return {
        term: round(
            math.log((1 + n) / (1 + df.get(term, 0)))
            * (GENERIC_FACTOR if term in GENERIC_TERMS else 1.0),
            3,
        )
        for term in sorted(set(vocabulary))
    }

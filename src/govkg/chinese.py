"""Mainland standard simplified Chinese: the source's conversion artefacts, and OpenCC.

Used at build time (the authoring tables generate canonical texts with :func:`normalise`) and at query time
(a user who pastes 巨观调控 from the source finds the duty now spelled 宏观调控).

Lines 3–191 of ``data/sources/000_5877207f3088a5d6.txt`` went through an automatic
mainland→Taiwan vocabulary conversion (the kind MediaWiki applies for zh-tw: 宏观→巨观,
优化→最佳化, 设置→设定, 门户网站→入口网站 …), and a few traditional characters were left in
otherwise simplified text (範, 準, 複 …).  :func:`normalise` undoes both.  Quoted source
passages keep the original; canonical texts and Chinese labels use ``normalise(quote)``.

The table is applied longest key first in a single left-to-right pass, so a phrase-level
correction (规範性档案→规范性文件) wins over a character-level one (範→范) and a corrected
text is never corrected again.

档案 is corrected only in the phrases where it stands for 文件 ("起草重要档案", "规範性档案");
in 办公厅's "文电、会务、机要、档案" it means archives and stays.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: original (as in the source) -> corrected (mainland standard simplified Chinese)
ARTEFACTS: dict[str, str] = {
    # vocabulary of the mainland→Taiwan conversion (source README)
    "巨观": "宏观",
    "最佳化": "优化",
    "计画": "计划",
    "套用": "应用",
    "许可权": "权限",
    "谘询": "咨询",
    "起草重要档案": "起草重要文件",
    "规範性档案": "规范性文件",
    "规范性档案": "规范性文件",
    "冬粉": "粉丝",
    "数位化": "数字化",
    "网路": "网络",
    "都卜勒": "多普勒",
    "委託": "委托",
    "批覆": "批复",
    "答覆": "答复",
    "关係": "关系",
    "标準": "标准",
    # further artefacts found in lines 3–191 (added here)
    "机构设定": "机构设置",  # line 3: 《国务院关于机构设置的通知》 (国发〔2008〕11号); 设置→設定
    "入口网站": "门户网站",  # lines 115, 117, 119, 125: portal (门户网站→入口網站)
    "战略合作协定": "战略合作协议",  # line 157: agreement (协议→協定)
    # traditional characters left in simplified text
    "複": "复",
    "蹤": "踪",
    "併": "并",
    "範": "范",
    "採": "采",
    "菸": "烟",
    "徵": "征",
    "製": "制",
    "準": "准",  # added: any 準 besides 标準
    "託": "托",  # added: any 託 besides 委託
    "係": "系",  # added: any 係 besides 关係
}

_KEYS = sorted(ARTEFACTS, key=lambda k: (-len(k), k))


@lru_cache(maxsize=1)
def _pattern():
    """The artefacts, longest first, as one pattern (compiled on first use: most texts a
    query folds hold none, :func:`normalise_vocabulary`)."""
    return re.compile("|".join(re.escape(k) for k in _KEYS))


#: ASCII punctuation the scrape left in Chinese text -> the full-width marks of standard Chinese
_PUNCTUATION = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）"}
_PUNCT_PATTERN = re.compile(r"[,;:()]")


def normalise(text: str) -> str:
    """Return ``text`` with every conversion artefact of :data:`ARTEFACTS` corrected and the
    scrape's ASCII punctuation turned into the full-width marks of standard Chinese."""
    text = normalise_vocabulary(text)
    return _PUNCT_PATTERN.sub(lambda m: _PUNCTUATION[m.group(0)], text)


def to_mainland(text: str) -> str:
    """Traditional characters and Taiwan phrasing -> mainland simplified (OpenCC ``tw2sp``),
    then the source's known artefacts corrected.  Short texts are cached: a sheet repeats the same
    names, categories and yes/no words on every row."""
    return _to_mainland_short(text) if len(text) <= 200 else _to_mainland(text)


#: what can make OpenCC change a text (:class:`govkg.opencc_triggers.Triggers`), once a search
#: index has vouched for it for the installed OpenCC; None: every text is converted
_TRIGGERS = None


def use_triggers(triggers) -> None:
    """Skip OpenCC for texts ``triggers`` says it cannot change (None: convert every text)."""
    global _TRIGGERS
    _TRIGGERS = triggers
    _to_mainland_short.cache_clear()


def _to_mainland(text: str) -> str:
    if _TRIGGERS is not None and not _TRIGGERS.may_change(text):
        return normalise_vocabulary(text)  # OpenCC would return it unchanged: not loaded for it
    return normalise_vocabulary(_converter().convert(text))


_to_mainland_short = lru_cache(maxsize=32768)(_to_mainland)


@lru_cache(maxsize=1)
def _converter():
    """OpenCC's converter, built once per process (loading its dictionaries costs ~10 ms)."""
    import opencc

    return opencc.OpenCC("tw2sp")


def normalise_vocabulary(text: str) -> str:
    """Only the artefact table (no punctuation change)."""
    if not any(key in text for key in _KEYS):
        return text
    return _pattern().sub(lambda m: ARTEFACTS[m.group(0)], text)


__all__ = ["ARTEFACTS", "normalise", "normalise_vocabulary", "to_mainland"]

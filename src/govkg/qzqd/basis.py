"""The legal basis of a power as the lists write it, parsed into instruments and provisions.

A 设定依据 cell names one or more instruments in 《》 each followed by the articles it relies on::

    1.《中华人民共和国行政许可法》第十二条第一款、第十四条；2.《价格法》第三十三条。

gives ``行政许可法 第十二条第一款``, ``行政许可法 第十四条``, ``价格法 第三十三条``. An instrument named
without articles is kept as the instrument alone; text outside 《》 is not guessed at (the whole
cell is kept as written beside the parsed result). Article numbers are read from Chinese numerals
(第一百二十三条 → 123) or digits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

TITLE = re.compile(r"《([^《》]{1,80})》")
NUMERAL = r"[0-9零〇一二两三四五六七八九十百千]+"
ARTICLE = re.compile(rf"第({NUMERAL})条(?:之({NUMERAL}))?(?:第({NUMERAL})款)?(?:第({NUMERAL})项)?")
#: between two articles of the same instrument only separators and item marks may stand
JOINER = re.compile(r"^[\s、，,和及与以及或；;（）()0-9.．第款项条]*$")
DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> int:
    """一百二十三 → 123, 十二 → 12, 二〇 → 20 (digit by digit), 15 → 15."""
    if text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total, digit = 0, 0
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in UNITS:
            total += (digit or 1) * UNITS[ch]
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


@dataclass(frozen=True)
class Provision:
    instrument: str  # the title inside 《》, NFKC and trimmed
    article: int | None = None
    article_suffix: int | None = None  # 第十条之一
    paragraph: int | None = None  # 款
    item: int | None = None  # 项
    text: str = ""  # as written: 第十二条第一款

    @property
    def label(self) -> str:
        """``《中华人民共和国行政许可法》第十二条第一款`` (the instrument alone if no article)."""
        return f"《{self.instrument}》{self.text}"

    @property
    def key(self) -> str:
        """``12`` / ``12-p1`` / ``10-1-p2-i3``: the provision's part of an identifier."""
        if self.article is None:
            return ""
        parts = [str(self.article)]
        if self.article_suffix:
            parts.append(str(self.article_suffix))
        if self.paragraph:
            parts.append(f"p{self.paragraph}")
        if self.item:
            parts.append(f"i{self.item}")
        return "-".join(parts)


def parse_basis(text: str) -> list[Provision]:
    """Every (instrument, article) the cell names, in order, without repeats."""
    text = unicodedata.normalize("NFKC", text or "").replace("〈", "《").replace("〉", "》")
    titles = list(TITLE.finditer(text))
    out: list[Provision] = []
    seen = set()
    for index, title in enumerate(titles):
        instrument = " ".join(title.group(1).split())
        end = titles[index + 1].start() if index + 1 < len(titles) else len(text)
        segment = text[title.end():end]
        found = []
        position = 0
        for match in ARTICLE.finditer(segment):
            if not JOINER.match(segment[position:match.start()]):
                break  # prose between: the next article is not clearly this instrument's
            position = match.end()
            art, suffix, para, item = (chinese_number(g) if g else None for g in match.groups())
            found.append(Provision(instrument, art, suffix, para, item, match.group(0)))
        for provision in found or [Provision(instrument)]:
            if provision not in seen:
                seen.add(provision)
                out.append(provision)
    return out


__all__ = ["Provision", "parse_basis", "chinese_number"]

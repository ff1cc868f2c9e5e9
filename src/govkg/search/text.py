"""Text to search terms: the one definition of how duty texts and user queries are cut up.

Both sides go through :func:`fold` (full-width → half-width by NFKC, traditional → mainland
simplified by OpenCC, lower case, punctuation → space), so a pasted sentence with ASCII commas
or a Taiwan spelling meets the same terms as the source's own wording.

Chinese is indexed twice: as words (jieba's search-engine cut, done once when the index is
built) and as character bigrams (recall for words jieba cuts differently or does not know).
A query is never given to jieba: it is cut against the index's own word list
(:func:`query_terms` looks up every substring), which gives the same words without loading
jieba's 350,000-word dictionary on every ``govkg who``. English is split into words, stop
words dropped, and each word reduced to its Snowball (Porter 2) stem, so "enterprises",
"enterprise" and "enterprising" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import groupby

from govkg.chinese import to_mainland

_WORD = re.compile(r"[a-z0-9]+")
_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)

#: Question words and particles a person types around the duty they mean: stripped from queries
#: (longest first) before the query is cut into terms. They say "who/which/what", never "what duty".
QUESTION_WORDS_ZH = sorted([
    "由哪个部门负责", "由哪个机构负责", "由哪个单位负责", "由哪些部门负责", "是哪个部门", "是哪个机构",
    "哪个部门", "哪个机构", "哪个单位", "哪些部门", "哪些机构", "哪一个部门", "什么部门", "什么机构",
    "由谁负责", "由谁来", "归谁管", "谁来管", "谁负责", "谁管理", "谁管", "谁来", "由谁", "是谁", "谁",
    "是什么", "什么", "怎么", "如何", "哪里", "哪个", "哪些", "负责", "请问", "能否", "能不能", "应当", "应该",
], key=len, reverse=True)
#: One-character particles, stripped only at the end of a query (吗, 呢 …): inside a phrase they are text.
FINAL_PARTICLES_ZH = "吗呢了么呀啊吧"

#: English stop words: function words plus the question and "handling" verbs of a who-question.
STOP_WORDS_EN = frozenset("""
a an the of and or for to in on at by with from as into about over under is are was were be been being
it its this that these those which who whom whose what when where why how do does did doing done
has have had having can could should would will shall may might must not no nor so than too very
i we you he she they me us him her them my our your their any all each some such own same
handle handles handled handling responsible responsibility charge department body office agency
ministry institution deal deals dealt job jobs please tell
""".split())


def fold(text: str) -> str:
    """Canonical form of any text for matching: NFKC, mainland simplified, lower case, no punctuation."""
    text = unicodedata.normalize("NFKC", text)
    if has_cjk(text):
        text = to_mainland(text)
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is a Chinese character: CJK Unified Ideographs and Extension A, and the
    compatibility ideographs (the one definition; plain comparisons, because a regular
    expression over these ranges costs 2-9 ms to compile, paid by every `govkg who`)."""
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


def cjk_runs(text: str) -> list[str]:
    """The runs of Chinese characters in ``text``, in order (粮食、棉花 -> ["粮食", "棉花"])."""
    return ["".join(run) for chinese, run in groupby(text, is_cjk) if chinese]


def join_cjk(folded: str) -> str:
    """Folded text with the spaces between Chinese characters removed (粮食、棉花 -> 粮食棉花):
    the form synonym words are looked for in."""
    parts = folded.split(" ")
    out = parts[0]
    for part in parts[1:]:
        out += part if out and part and is_cjk(out[-1]) and is_cjk(part[0]) else " " + part
    return out


def whole_word(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is not part of a longer run of letters or digits."""
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def exact_form(text: str) -> str:
    """A name as compared for an exact match: single-spaced, mainland simplified, lower case
    (punctuation and width kept: a label is matched as it is written)."""
    text = " ".join(text.split())
    if has_cjk(text):
        text = to_mainland(text)
    return text.lower()


def strip_question(folded: str) -> str:
    """The query without question words and particles (谁负责…, 哪个部门…, …吗); the original if
    nothing else would be left (a query that is only a question word still searches for it)."""
    out = folded
    for word in QUESTION_WORDS_ZH:
        out = out.replace(word, " ")
    out = " ".join(out.split()).rstrip(FINAL_PARTICLES_ZH).strip()
    return out or folded


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=1)
def _british():
    """British -ise/-isation spellings folded to -ize (both sides alike, so "rise" -> "rize" is
    harmless); compiled on first use (a Chinese query never needs it)."""
    return re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")


def english_terms(folded: str) -> list[str]:
    """Stemmed English words of a folded text, stop words dropped, British spellings folded."""
    words = [_british().sub(r"iz\1", w) for w in _WORD.findall(folded) if w not in STOP_WORDS_EN and not w.isdigit()]
    return _stemmer().stemWords(words) if words else []


def bigrams(run: str) -> list[str]:
    """Character bigrams of a run of Chinese (the run itself when it is one character)."""
    return [run[i:i + 2] for i in range(len(run) - 1)] or [run]


def chinese_words_for_index(folded: str) -> list[str]:
    """jieba's search-engine cut of the Chinese runs (words of two or more characters); index time only."""
    import rjieba

    words = []
    for run in cjk_runs(folded):
        words += [w for w in rjieba.cut_for_search(run) if len(w) > 1 and all(is_cjk(ch) for ch in w)]
    return words


def index_terms(text: str) -> tuple[list[str], list[str]]:
    """(words, grams) of one field value: Chinese words and English stems; Chinese bigrams."""
    folded = fold(text)
    grams = [g for run in cjk_runs(folded) for g in bigrams(run)]
    return chinese_words_for_index(folded) + english_terms(folded), grams


def query_terms(text: str, known_words) -> tuple[list[str], list[str]]:
    """(words, grams) of a user query. ``known_words(candidates)`` returns those of the candidate
    strings that are words of the index; every Chinese substring of 2-8 characters is a candidate."""
    folded = strip_question(fold(text))
    runs = cjk_runs(folded)
    candidates = {run[i:j] for run in runs for i in range(len(run)) for j in range(i + 2, min(len(run), i + 8) + 1)}
    words = sorted(known_words(candidates)) if candidates else []
    grams = list(dict.fromkeys(g for run in runs for g in bigrams(run)))
    return words + english_terms(folded), grams

"""The NDRC's leadership posts as of February 2019 (source lines 161–191) and acts in exercise of
its duties (lines 193–230).

Posts: the scraper removed the holders' names, so the graph records posts and how many holders
the list shows (gk:postCount), never persons — except the one the text names (line 161).  A
line lists what one holder holds; posts of other bodies on the same line are gk:heldWith.

Acts: each is something the NDRC or a unit did on a date, linked to the 2008 duty it exercises
(gk:exercises).  The source does not link acts to mandates: the link is the project's reading of
the act's wording, said so on each act.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

from govkg.authoring.builder import AuthoringError, Builder, en, zh
from govkg.authoring.rows import Q

AS_OF = Literal("2019-02", datatype=XSD.gYearMonth)  # line 191: (截止2019年2月)
AS_OF_LINE = 191

#: post key -> (organisation, zh, en)
POSTS = {
    "ndrc-director": ("inst:ndrc", "国家发展和改革委员会主任", "Chairman of the NDRC"),
    "ndrc-party-secretary": ("inst:ndrc", "国家发展和改革委员会党组书记", "Secretary of the NDRC Party Leadership Group"),
    "ndrc-deputy-director": ("inst:ndrc", "国家发展和改革委员会副主任", "Vice Chairman of the NDRC"),
    "ndrc-deputy-party-secretary": ("inst:ndrc", "国家发展和改革委员会党组副书记", "Deputy Secretary of the NDRC Party Leadership Group"),
    "ndrc-party-member": ("inst:ndrc", "国家发展和改革委员会党组成员", "Member of the NDRC Party Leadership Group"),
    "ndrc-discipline-inspection-head": ("inst:ndrc", "中纪委驻国家发展和改革委员会纪检组长",
                                        "Head of the Central Commission for Discipline Inspection's team in the NDRC"),
    "ndrc-deputy-secretary-general": ("inst:ndrc", "国家发展和改革委员会副秘书长", "Deputy Secretary-General of the NDRC"),
    "ndrc-general-office-director": ("dept:ndrc-general-office", "办公厅主任", "Director of the General Office"),
    "ndrc-international-cooperation-director": ("dept:ndrc-foreign-affairs", "国际合作司司长",
                                                "Director-General of the Department of International Cooperation"),
    "central-reform-office-executive-deputy": (None, "中央改革办常务副主任",
                                               "Executive Deputy Director of the Central Reform Office"),
    "nbs-commissioner": ("inst:nbs", "国家统计局局长", "Commissioner of the National Bureau of Statistics"),
    "nbs-party-secretary": ("inst:nbs", "国家统计局党组书记", "Party Secretary of the National Bureau of Statistics"),
    "sag-administrator": ("inst:sag", "国家粮食局局长", "Administrator of the State Administration of Grain"),
    "sag-party-secretary": ("inst:sag", "国家粮食局党组书记", "Party Secretary of the State Administration of Grain"),
    "srb-director": ("inst:state-bureau-material-reserve", "国家物资储备局局长", "Director of the State Bureau of Material Reserve"),
    "nea-administrator": ("inst:nea", "国家能源局局长", "Administrator of the National Energy Administration"),
    "nea-party-secretary": ("inst:nea", "国家能源局党组书记", "Party Secretary of the National Energy Administration"),
}

#: line -> (the NDRC posts one holder holds, the posts of other bodies held with them, quote)
HOLDINGS = {
    163: (["ndrc-director", "ndrc-party-secretary"], [], "国家发改委主任、党组书记"),
    165: (["ndrc-deputy-director", "ndrc-deputy-party-secretary"], ["central-reform-office-executive-deputy"],
          "中央改革办常务副主任、国家发改委副主任、党组副书记"),
    167: (["ndrc-deputy-director", "ndrc-party-member"], [], "国家发改委副主任、党组成员"),
    169: (["ndrc-deputy-director", "ndrc-party-member"], ["nbs-commissioner", "nbs-party-secretary"],
          "国家发改委副主任、党组成员兼国家统计局局长、党组书记"),
    171: (["ndrc-deputy-director", "ndrc-party-member"], [], "国家发改委副主任、党组成员"),
    173: (["ndrc-deputy-director", "ndrc-party-member"], [], "国家发改委副主任、党组成员"),
    175: (["ndrc-deputy-director", "ndrc-party-member"], [], "国家发改委副主任、党组成员"),
    177: (["ndrc-party-member", "ndrc-discipline-inspection-head"], [], "国家发改委党组成员、中纪委驻国家发改委纪检组长"),
    179: (["ndrc-party-member"], ["sag-party-secretary", "sag-administrator"], "国家发改委党组成员,国家粮食局党组书记、局长"),
    181: (["ndrc-party-member"], ["srb-director"], "国家发改委党组成员,国家物资储备局局长"),
    183: (["ndrc-party-member"], ["nea-administrator", "nea-party-secretary"], "国家发改委党组成员、国家能源局局长、党组书记"),
    185: (["ndrc-deputy-secretary-general"], ["ndrc-general-office-director"], "国家发展改革委副秘书长、办公厅主任"),
    187: (["ndrc-deputy-secretary-general"], ["ndrc-international-cooperation-director"], "国家发展改革委副秘书长、国际合作司司长"),
    189: (["ndrc-deputy-secretary-general"], [], "国家发展改革委副秘书长"),
}

#: bodies the 2019 list names although the 2018 reform no longer retained them (reference §7)
LISTED_AFTER_DISSOLUTION = {"inst:sag", "inst:state-bureau-material-reserve"}


@dataclass
class Act:
    key: str
    by: str  # CURIE of the body
    zh: str
    en: str
    date: Literal | None  # as precise as the source: xsd:gYearMonth, xsd:gMonthDay …; None: not stated
    exercises: list[str]  # duty local names
    evidence: list[Q]
    note: str  # how the date and the duty link are read


def month_day(text: str) -> Literal:
    return Literal(text, datatype=XSD.gMonthDay)


ACTS = [
    Act("2008-07-xinjiang-medical-university-israel-loan", "inst:ndrc",
        "批准新疆医科大学第一附属医院借用以色列政府贷款项目资金申请报告",
        "Approval of the fund application of the First Affiliated Hospital of Xinjiang Medical University for an Israeli government loan project",
        Literal("2008-07", datatype=XSD.gYearMonth), ["ndrc-2008-main-05"],
        [Q(199, "2008年7月,国家发展改革委批准新疆医科大学第一附属医院借用以色列政府贷款项目资金申请报告")],
        "Dated July 2008 by the source. Linked to main duty (五) (指导和监督国外贷款建设资金的使用) by the project: the source does not name the duty."),
    Act("2008-07-hami-hospital-israel-loan", "inst:ndrc",
        "批准新疆哈密地区中心医院借用以色列政府贷款项目资金申请报告",
        "Approval of the fund application of the Hami Prefecture Central Hospital for an Israeli government loan project",
        Literal("2008-07", datatype=XSD.gYearMonth), ["ndrc-2008-main-05"],
        [Q(203, "2008年7月,国家发展改革委批准新疆哈密地区中心医院借用以色列政府贷款项目资金申请报告")],
        "Dated July 2008 by the source. Linked to main duty (五) (指导和监督国外贷款建设资金的使用) by the project: the source does not name the duty."),
    Act("wuding-kunming-expressway-feasibility", "inst:ndrc",
        "批复武定至昆明公路可行性研究报告", "Approval of the feasibility study of the Wuding–Kunming highway",
        None, ["ndrc-2008-main-05", "ndrc-fixed-asset-investment-06"],
        [Q(207, "国家发展改革委批覆武定至昆明公路可行性研究报告。")],
        "The source gives no date. Linked to the approval of major construction projects (main duty (五); 固定资产投资司: 审核重大建设项目) by the project."),
    Act("reform-situation-meeting-economic", "dept:ndrc-economic-system-reform",
        "召开经济领域体制改革形势分析会", "Meeting analysing the situation of economic-system reform",
        month_day("--10-21"), ["ndrc-economic-system-reform-01"],
        [Q(216, "10月21日下午,发改委经济体制综合改革司召开经济领域体制改革形势分析会。")],
        "The source gives 21 October without a year (the meeting discussed reform for 2009, so presumably 2008; not stated). "
        "Linked to 研究经济体制改革和对外开放的重大问题 by the project."),
    Act("reform-situation-meeting-social", "dept:ndrc-economic-system-reform",
        "召开社会领域体制改革形势分析会", "Meeting analysing the situation of social-sector system reform",
        month_day("--10-21"), ["ndrc-economic-system-reform-01"],
        [Q(220, "10月21日上午,发改委经济体制综合改革司召开社会领域体制改革形势分析会。")],
        "The source gives 21 October without a year (the meeting discussed reform for 2009, so presumably 2008; not stated). "
        "Linked to 研究经济体制改革和对外开放的重大问题 by the project."),
    Act("provincial-reform-symposium-kunming", "dept:ndrc-economic-system-reform",
        "部分省区市经济体制改革座谈会", "Symposium on economic-system reform of some provinces, regions and cities (Kunming)",
        month_day("--10-14"), ["ndrc-economic-system-reform-02"],
        [Q(224, "10月14-15日,部分省、自治区、直辖市和计画单列市、副省级省会城市经济体制改革座谈会在云南省昆明市召开。"),
         Q(225, "国家发展改革委经济体制综合改革司司长孔泾源同志作了主旨讲话。")],
        "The source gives 14–15 October without a year; the date recorded is its first day. The department's director-general "
        "gave the keynote speech. Linked to 指导推进和综合协调经济体制改革 by the project."),
]


def build_posts(b: Builder) -> None:
    b.output("ndrc_posts_2019.ttl", "The NDRC's leadership posts as of February 2019 (source lines 161-191): posts and how many\n"
             "holders the list shows; the holders' names were removed by the scraper, so no persons.")
    counts: dict[str, int] = defaultdict(int)
    evidence: dict[str, list[Q]] = defaultdict(list)
    held_with: dict[str, set[str]] = defaultdict(set)
    for line, (ndrc_posts, others, quote) in sorted(HOLDINGS.items()):
        q = Q(line, quote)
        for post in ndrc_posts + others:
            if post not in POSTS:
                raise AuthoringError(f"line {line}: unknown post {post!r}")
            counts[post] += 1
            evidence[post].append(q)
        for post in ndrc_posts:
            held_with[post].update(others)
    as_of = Q(AS_OF_LINE, "(截止2019年2月)")
    for key, (organisation, zh_label, en_label) in POSTS.items():
        node = f"post:{key}"
        b.node(node, ["org:Post", "gk:Post"], skos__prefLabel=[zh(zh_label), en(en_label)],
               org__postIn=organisation, gk__postCount=counts[key], gk__asOf=AS_OF,
               gk__heldWith=[f"post:{o}" for o in sorted(held_with[key])])
        if organisation is None:
            b.add(node, "skos:note", en("The body (中央全面深化改革委员会办公室) is not otherwise in the graph."))
        if organisation in LISTED_AFTER_DISSOLUTION:
            b.add(node, "skos:note", en("The February 2019 list names this post although the 2018 reform no longer retained "
                                        "the body (reference §7); recorded as the list states it."))
        for passage in dict.fromkeys(e.passage(b) for e in [*evidence[key], as_of]):
            b.add(node, "gk:source", passage)
    # line 161 names a person without a post (the list above it was stripped)
    b.node("person:yu-qiuli", "prov:Person", skos__prefLabel=[zh("余秋里"), en("Yu Qiuli")],
           skos__note=en("Named on line 161 with the remark 后为革委会主任 (later chairman of a revolutionary committee); "
                         "the post he held is not recorded (the list before it was stripped)."),
           gk__source=Q(161).passage(b))


def build_acts(b: Builder) -> None:
    b.output("ndrc_acts.ttl", "Acts of the NDRC and its units in exercise of their duties (source lines 193-230), each on\n"
             "the date the source gives (as precisely as it gives it) and linked to the duty it exercises.")
    for a in ACTS:
        node = f"act:{a.key}"
        b.node(node, ["gk:Act", "prov:Activity"], skos__prefLabel=[zh(a.zh), en(a.en)],
               prov__wasAssociatedWith=a.by, dcterms__date=a.date,
               gk__exercises=[f"duty:{d}" for d in a.exercises], skos__note=en(a.note),
               gk__source=[e.passage(b) for e in a.evidence])


def build(b: Builder) -> None:
    build_posts(b)
    build_acts(b)

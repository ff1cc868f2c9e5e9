"""The reorganisation events of 1952-2023, every transfer of duties in them, and the first known
holder of each duty they move (source lines 1-169 and the reference notes).

One table row yields a transfer and the two assignments it joins (see
:class:`govkg.authoring.rows.Transfer`), so they always agree.  Built after the 2008 mandate,
whose department duties the 2018 transfers end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govkg.authoring.builder import AuthoringError, Builder, boolean, date, en, iri
from govkg.authoring.rows import Assignment, Duty, Node, Q, R, Reorganisation, Transfer
from govkg.chinese import normalise

OUTPUT = "reorganisations.ttl"
HEADER = "The reorganisation events of 1952-2023, every transfer of duties in them, and the assignments\neach transfer ends and starts."

#: passages by key, so several rows can cite the same one
S: dict[str, object] = {}


def Q_(key: str, line: int, quote: str) -> None:
    S[key] = Q(line, quote)


def ev(keys):
    return [S[k] for k in keys]


Q_("L1-question", 1, "什么应当将数字经济发展纳入本级国民经济和社会发展规划")
Q_("L3-ndrc", 3, "根据第十一届全国人民代表大会第一次会议批准的国务院机构改革方案和《国务院关于机构设定的通知》 (国发〔2008〕11号),设立国家发展和改革委员会,为国务院组成部门。")
Q_("L33", 33, "根据国务院规定,管理国家粮食局、国家能源局。")
Q_("L149-spc", 149, "国家发展和改革委员会的前身,可以追溯到成立于1952年的“国家计画委员会”。")
Q_("L149-cem", 149, "原“国家计委”曾长期承担着中国政府对综合经济管理的职能。")
Q_("L151-sdpc", 151, "1998年3月,在朱镕基总理任内,将原“国家计画委员会”更名为“国家发展计画委员会”")
Q_("L151-focus", 151, "并把该部门的主要的职责放在管理有关国民经济全局的事务上,着力制定发展战略,进行巨观经济管理")
Q_("L153-ndrc", 153, "2003年3月,温家宝上台后,继续对该机构进行改革;将原国家经贸委的部分职能和原国务院经济体制改革办公室一同併入,并改组为“国家发展和改革委员会”。")
Q_("L155-miit", 155, "2008年3月,“国家发改委”又放弃了它在工业行业管理方面的有关职能和对国家菸草专卖局的管理,并将这两项工作都划入新成立中华人民共和国工业和信息化部。")
Q_("L155-nea", 155, "同时,新组建中华人民共和国国家能源局,并由其代管。")
Q_("L159-mnr", 159, "将国家发展和改革委员会的组织编制主体功能区规划职责整合,组建中华人民共和国自然资源部")
Q_("L159-mee", 159, "将国家发展和改革委员会的应对气候变化和减排职责整合,组建中华人民共和国生态环境部")
Q_("L159-mara", 159, "将国家发展和改革委员会有关农业投资项目管理职责整合,组建中华人民共和国农业农村部")
Q_("L159-nao", 159, "将国家发展和改革委员会的重大项目稽察的职责划入中华人民共和国审计署")
Q_("L159-samr", 159, "将国家发展和改革委员会的价格监督检查与反垄断执法职责整合,组建中华人民共和国国家市场监督管理总局")
Q_("L159-nhsa", 159, "将国家发展和改革委员会的药品和医疗服务价格管理职责整合,组建中华人民共和国国家医疗保障局")
Q_("L159-nfsra", 159, "将国家发展和改革委员会的组织实施国家战略物资收储、轮换和管理,管理国家粮食、棉花和食糖储备等职责整合,组建中华人民共和国国家粮食和物资储备局,由国家发展和改革委员会管理。")
Q_("L169-nbs", 169, "国家发改委副主任、党组成员兼国家统计局局长、党组书记")
# the project's reference notes (data/sources/reference.md): 「」 wording is quoted, summaries paraphrased
S["ref-2003-setc"] = R("行业规划、产业政策、经济运行调节、技术改造投资管理、多种所有制企业的宏观指导、促进中小企业发展、重要工业品和原材料进出口计划", quote=True)
S["ref-2003-bureaus"] = R("2003-03-21: 国家粮食局 and 国家烟草专卖局 are national bureaus managed by the NDRC.")
S["ref-2008-nea"] = R("creates 国家能源局 from the NDRC's 「能源行业管理有关职责及机构」, managed by the NDRC")
S["ref-2013-nea"] = R("re-forms 国家能源局, which absorbs 国家电力监管委员会 and stays managed by the NDRC")
S["ref-2018-mara"] = R("「农业投资项目管理职责」 of the NDRC, together with those of 财政部, 国土资源部 and 水利部 → 农业农村部")
S["ref-2023-plan"] = R("国家发展和改革委员会承担的统筹推进数字经济发展、组织实施国家大数据战略、推进数据要素基础制度建设、推进数字基础设施布局建设等职责划入国家数据局", quote=True)
S["ref-2023-most"] = R("科学技术部's duty 「组织拟订科技促进社会发展规划和政策」 is split among the NDRC, 生态环境部, 国家卫生健康委员会 and other departments")
S["ref-names-state-council"] = R("国务院: State Council (Wikidata Q59261).")
S["ref-names-mof"] = R("财政部: Ministry of Finance (Wikidata Q832407).")
S["ref-names-mca"] = R("民政部: Ministry of Civil Affairs.")
S["ref-2018-sag"] = R("国家粮食和物资储备局 is formed, managed by the NDRC; 国家粮食局 is no longer retained.")
S["ref-2018-sag-dismantled"] = R("The State Administration of Grain will be dismantled", quote=True)
S["ref-2018-mlr"] = R("自然资源部 is formed; 国土资源部, 国家海洋局 and 国家测绘地理信息局 are no longer retained.")
S["ref-2018-units-not-recorded"] = R("Not in these sources: whether the NDRC's internal units 价格监督检查与反垄断局 (价格监督检查司), 应对气候变化司 and 重大项目稽察特派员办公室 were abolished.")
S["ref-gd-art5"] = R("县级以上人民政府应当将数字经济发展纳入国民经济和社会发展规划", quote=True)


# passages of the 2008 mandate cited here
S["L43-1"] = Q(43, "组织拟订国民经济和社会发展中长期规划、全国主体功能区规划,并对规划实施情况进行监测与评估;")
S["L113-1"] = Q(113, "负责拟订国家战略物资储备的战略和规划,")
for _n in (83, 85, 89, 93, 95, 105):
    S[f"L{_n}"] = Q(_n)


# ------------------------------------------------------------------ events


@dataclass
class Event:
    key: str
    date: str
    zh: str
    en: str
    basis: list[str]
    sources: list[str]
    original: list[str] = field(default_factory=list)
    resulting: list[str] = field(default_factory=list)


EVENTS = [
    Event("1952-spc-founded", "1952-11-15", "国家计划委员会成立", "Founding of the State Planning Commission",
          [], ["L149-spc"], [], ["spc"]),
    Event("1998-state-council-reform", "1998-03-10", "1998年国务院机构改革", "1998 State Council institutional reform",
          ["npc-1998-reform-decision"], ["L151-sdpc"], ["spc"], ["sdpc"]),
    Event("2003-state-council-reform", "2003-03-10", "2003年国务院机构改革", "2003 State Council institutional reform",
          ["npc-2003-reform-decision"], ["L153-ndrc"], ["sdpc", "setc", "scores"], ["ndrc"]),
    Event("2008-state-council-reform", "2008-03-15", "2008年国务院机构改革", "2008 State Council institutional reform",
          ["npc-2008-reform-decision", "guofa-2008-11"], ["L155-miit", "L155-nea"], ["ndrc"], ["ndrc", "miit", "nea"]),
    Event("2013-state-council-reform", "2013-03-14", "2013年国务院机构改革", "2013 State Council institutional reform",
          ["npc-2013-reform-decision"], ["ref-2013-nea"], ["nea", "serc"], ["nea"]),
    Event("2018-state-council-reform", "2018-03-17", "2018年国务院机构改革", "2018 State Council institutional reform",
          ["npc-2018-reform-decision"], ["L159-mnr"],
          ["ndrc", "state-bureau-material-reserve"], ["ndrc", "mnr", "mee", "mara", "samr", "nhsa", "nfsra"]),
    Event("2023-institutional-reform", "2023-03-10", "2023年党和国家机构改革", "2023 reform of Party and State institutions",
          ["npc-2023-reform-decision", "party-state-reform-plan-2023"], ["ref-2023-plan"], ["ndrc", "most"], ["ndrc", "nda"]),
]


# ------------------------------------------------------------------ duties born in this file


@dataclass
class NewDuty:
    key: str
    zh: str
    en: str
    domain: str
    sources: list[str]
    parts_of: list[str] = field(default_factory=list)  # main duties it was carved from
    aliases_zh: list[str] = field(default_factory=list)


NEW_DUTIES = [
    NewDuty("comprehensive-economic-management", "综合经济管理", "Comprehensive management of the economy",
            "macroeconomic-regulation", ["L149-cem"]),
    NewDuty("development-strategy-and-macro-management", "制定发展战略,进行宏观经济管理",
            "Formulating development strategy and macroeconomic management", "macroeconomic-regulation", ["L151-focus"]),
    NewDuty("scores-economic-system-reform", "原国务院经济体制改革办公室的经济体制改革职责",
            "Economic-system reform duties of the former State Council Office for Restructuring the Economic System",
            "economic-system-reform", ["L153-ndrc"], aliases_zh=["经济体制改革"]),
    *[NewDuty(f"setc-{slug}", zh, en, dom, ["L153-ndrc", "ref-2003-setc"]) for slug, zh, en, dom in [
        ("industry-planning", "行业规划", "Industry planning", "industry"),
        ("industrial-policy", "产业政策", "Industrial policy", "industry"),
        ("economic-operation-regulation", "经济运行调节", "Regulation of economic operation", "economic-operation"),
        ("technical-renovation-investment", "技术改造投资管理", "Management of technical-renovation investment", "investment"),
        ("multi-ownership-guidance", "多种所有制企业的宏观指导", "Macro guidance of enterprises of all forms of ownership", "industry"),
        ("sme-promotion", "促进中小企业发展", "Promoting the development of small and medium-sized enterprises", "industry"),
        ("import-export-plans", "重要工业品和原材料进出口计划", "Import and export plans for key industrial goods and raw materials", "trade-and-reserves"),
    ]],
    NewDuty("industry-management", "工业行业管理有关职责", "Industry management", "industry", ["L155-miit"]),
    NewDuty("manage-stma", "管理国家烟草专卖局", "Managing the State Tobacco Monopoly Administration",
            "internal-administration", ["L155-miit", "ref-2003-bureaus"]),
    NewDuty("energy-industry-management", "能源行业管理有关职责", "Energy industry management", "energy-and-transport",
            ["L155-nea", "ref-2008-nea"]),
    NewDuty("manage-nea", "管理国家能源局", "Managing the National Energy Administration",
            "internal-administration", ["L33", "L155-nea"]),
    NewDuty("manage-sag", "管理国家粮食局", "Managing the State Administration of Grain",
            "internal-administration", ["L33", "ref-2003-bureaus"]),
    NewDuty("manage-nfsra", "管理国家粮食和物资储备局", "Managing the National Food and Strategic Reserves Administration",
            "internal-administration", ["L159-nfsra"]),
    NewDuty("manage-nda", "管理国家数据局", "Managing the National Data Administration",
            "internal-administration", ["ref-2023-plan"]),
    NewDuty("main-functional-zone-planning", "组织编制主体功能区规划职责", "Drawing up the plan of main functional zones",
            "regional-development", ["L159-mnr"]),
    NewDuty("climate-change-and-emission-reduction", "应对气候变化和减排职责", "Addressing climate change and emission reduction",
            "climate-change", ["L159-mee"]),
    NewDuty("agricultural-investment-projects", "农业投资项目管理职责", "Management of agricultural investment projects",
            "rural-economy", ["L159-mara", "ref-2018-mara"], ["05"]),
    NewDuty("key-project-inspection", "重大项目稽察职责", "Inspection of key construction projects",
            "investment", ["L159-nao"]),
    NewDuty("price-supervision-and-antimonopoly", "价格监督检查与反垄断执法职责",
            "Price supervision and inspection, and anti-monopoly law enforcement", "price-supervision",
            ["L159-samr"]),
    NewDuty("drug-and-medical-service-pricing", "药品和医疗服务价格管理职责",
            "Management of drug and medical service prices", "prices", ["L159-nhsa"], ["03"]),
    NewDuty("strategic-material-reserves", "组织实施国家战略物资收储、轮换和管理,管理国家粮食、棉花和食糖储备等职责",
            "Purchasing, rotating and managing national strategic material reserves; managing the national grain, cotton and sugar reserves",
            "trade-and-reserves", ["L159-nfsra"], aliases_zh=["国家战略物资储备", "粮食储备"]),
    *[NewDuty(f"nda-{slug}", zh, en, "digital-economy", ["ref-2023-plan"]) for slug, zh, en in [
        ("digital-economy", "统筹推进数字经济发展", "Coordinating and advancing the development of the digital economy"),
        ("big-data-strategy", "组织实施国家大数据战略", "Implementing the national big data strategy"),
        ("data-factor-institutions", "推进数据要素基础制度建设", "Building the basic institutions for data as a factor of production"),
        ("digital-infrastructure", "推进数字基础设施布局建设", "Advancing the layout and construction of digital infrastructure"),
    ]],
    NewDuty("most-st-social-development", "组织拟订科技促进社会发展规划和政策",
            "Drafting plans and policies for science and technology to promote social development",
            "social-development", ["ref-2023-most"]),
    NewDuty("digital-economy-in-development-plan", "将数字经济发展纳入本级国民经济和社会发展规划",
            "Including digital-economy development in the national economic and social development plan of its level",
            "digital-economy", ["L1-question", "ref-gd-art5"]),
]


# ------------------------------------------------------------------ holdings and transfers


@dataclass
class Holding:
    """An assignment not created by a transfer in this file (the first known holder)."""

    duty: str  # local name under duty:
    holder: str  # CURIE
    start: str | None
    sources: list[str]
    basis: list[str] = field(default_factory=list)
    end: str | None = None  # ended without a transfer (the holder was abolished)
    note: str | None = None


@dataclass
class Move:
    duty: str  # local name under duty:
    frm: str  # CURIE
    to: str  # CURIE
    event: str
    sources: list[str]
    inferred: str | None = None  # no source states the move: how it is inferred


INFERRED_RENAMING = ("No source states this transfer: the sources say the body was renamed (1998) or reorganised "
                     "(2003) and describe the duty before and after, so the duty is inferred to have passed with it.")


HOLDINGS = [
    Holding("comprehensive-economic-management", "inst:spc", "1952-11-15", ["L149-cem"]),
    Holding("development-strategy-and-macro-management", "inst:sdpc", "1998-03-10", ["L151-focus"], ["npc-1998-reform-decision"]),
    Holding("scores-economic-system-reform", "inst:scores", None, ["L153-ndrc"]),
    *[Holding(f"setc-{s}", "inst:setc", None, ["ref-2003-setc"]) for s in (
        "industry-planning", "industrial-policy", "economic-operation-regulation", "technical-renovation-investment",
        "multi-ownership-guidance", "sme-promotion", "import-export-plans")],
    Holding("industry-management", "inst:ndrc", None, ["L155-miit"]),
    Holding("manage-stma", "inst:ndrc", "2003-03-21", ["ref-2003-bureaus"], ["guofa-2003-9"]),
    Holding("manage-sag", "inst:ndrc", "2003-03-21", ["ref-2003-bureaus", "L33", "ref-2018-sag"], ["guofa-2003-9"],
            end="2018-03-17", note="Ends because the 2018 reform no longer retained 国家粮食局 (reference §7); its duties went into 国家粮食和物资储备局."),
    Holding("energy-industry-management", "inst:ndrc", None, ["L155-nea"]),
    Holding("manage-nea", "inst:ndrc", "2008-03-15", ["L155-nea", "L33"], ["npc-2008-reform-decision"]),
    Holding("manage-nfsra", "inst:ndrc", "2018-03-17", ["L159-nfsra"], ["npc-2018-reform-decision"]),
    Holding("manage-nda", "inst:ndrc", "2023-03-10", ["ref-2023-plan"], ["npc-2023-reform-decision"]),
    Holding("main-functional-zone-planning", "dept:ndrc-development-planning", "2008-03-15", ["L43-1", "L159-mnr"], ["guofa-2008-11"]),
    Holding("climate-change-and-emission-reduction", "dept:ndrc-climate-change", "2008-03-15", ["L83", "L85", "L159-mee"], ["guofa-2008-11"]),
    Holding("agricultural-investment-projects", "inst:ndrc", None, ["L159-mara"],
            note="The reference names 农村经济司 or 固定资产投资司 as the holder; unverified, so the NDRC itself holds it."),
    Holding("agricultural-investment-projects", "inst:mof", None, ["ref-2018-mara"]),
    Holding("agricultural-investment-projects", "inst:mlr", None, ["ref-2018-mara"]),
    Holding("agricultural-investment-projects", "inst:mwr", None, ["ref-2018-mara"]),
    Holding("key-project-inspection", "dept:ndrc-key-project-inspectors", "2008-03-15", ["L105", "L159-nao"], ["guofa-2008-11"]),
    Holding("price-supervision-and-antimonopoly", "dept:ndrc-price-supervision", "2008-03-15", ["L95", "L159-samr"], ["guofa-2008-11"]),
    Holding("drug-and-medical-service-pricing", "dept:ndrc-price", "2008-03-15", ["L93", "L159-nhsa"], ["guofa-2008-11"]),
    Holding("strategic-material-reserves", "inst:state-bureau-material-reserve", "2008-03-15", ["L113-1", "L159-nfsra"], ["guofa-2008-11"]),
    Holding("strategic-material-reserves", "dept:ndrc-economy-trade", "2008-03-15", ["L89", "L159-nfsra"], ["guofa-2008-11"]),
    *[Holding(f"nda-{s}", "inst:ndrc", None, ["ref-2023-plan"]) for s in (
        "digital-economy", "big-data-strategy", "data-factor-institutions", "digital-infrastructure")],
    Holding("most-st-social-development", "inst:most", None, ["ref-2023-most"]),
    Holding("digital-economy-in-development-plan", "role:gd-county-and-above-governments", "2021-09-01",
            ["ref-gd-art5", "L1-question"], ["gd-digital-economy-regulation-art-05"]),
]

TRANSFERS = [
    Move("comprehensive-economic-management", "inst:spc", "inst:sdpc", "1998-state-council-reform", ["L151-sdpc", "L149-cem"],
         inferred=INFERRED_RENAMING),
    Move("comprehensive-economic-management", "inst:sdpc", "inst:ndrc", "2003-state-council-reform", ["L153-ndrc", "L149-cem"],
         inferred=INFERRED_RENAMING),
    Move("development-strategy-and-macro-management", "inst:sdpc", "inst:ndrc", "2003-state-council-reform",
         ["L153-ndrc", "L151-focus"], inferred=INFERRED_RENAMING),
    Move("scores-economic-system-reform", "inst:scores", "inst:ndrc", "2003-state-council-reform", ["L153-ndrc"]),
    *[Move(f"setc-{s}", "inst:setc", "inst:ndrc", "2003-state-council-reform", ["L153-ndrc", "ref-2003-setc"]) for s in (
        "industry-planning", "industrial-policy", "economic-operation-regulation", "technical-renovation-investment",
        "multi-ownership-guidance", "sme-promotion", "import-export-plans")],
    Move("industry-management", "inst:ndrc", "inst:miit", "2008-state-council-reform", ["L155-miit"]),
    Move("manage-stma", "inst:ndrc", "inst:miit", "2008-state-council-reform", ["L155-miit"]),
    Move("energy-industry-management", "inst:ndrc", "inst:nea", "2008-state-council-reform", ["L155-nea", "ref-2008-nea"]),
    Move("main-functional-zone-planning", "dept:ndrc-development-planning", "inst:mnr", "2018-state-council-reform", ["L159-mnr"]),
    Move("climate-change-and-emission-reduction", "dept:ndrc-climate-change", "inst:mee", "2018-state-council-reform", ["L159-mee"]),
    Move("agricultural-investment-projects", "inst:ndrc", "inst:mara", "2018-state-council-reform", ["L159-mara"]),
    Move("agricultural-investment-projects", "inst:mof", "inst:mara", "2018-state-council-reform", ["ref-2018-mara"]),
    Move("agricultural-investment-projects", "inst:mlr", "inst:mara", "2018-state-council-reform", ["ref-2018-mara"]),
    Move("agricultural-investment-projects", "inst:mwr", "inst:mara", "2018-state-council-reform", ["ref-2018-mara"]),
    Move("key-project-inspection", "dept:ndrc-key-project-inspectors", "inst:nao", "2018-state-council-reform", ["L159-nao"]),
    Move("price-supervision-and-antimonopoly", "dept:ndrc-price-supervision", "inst:samr", "2018-state-council-reform", ["L159-samr"]),
    Move("drug-and-medical-service-pricing", "dept:ndrc-price", "inst:nhsa", "2018-state-council-reform", ["L159-nhsa"]),
    Move("strategic-material-reserves", "inst:state-bureau-material-reserve", "inst:nfsra", "2018-state-council-reform", ["L159-nfsra"]),
    Move("strategic-material-reserves", "dept:ndrc-economy-trade", "inst:nfsra", "2018-state-council-reform", ["L159-nfsra"]),
    *[Move(f"nda-{s}", "inst:ndrc", "inst:nda", "2023-institutional-reform", ["ref-2023-plan"]) for s in (
        "digital-economy", "big-data-strategy", "data-factor-institutions", "digital-infrastructure")],
    *[Move("most-st-social-development", "inst:most", to, "2023-institutional-reform", ["ref-2023-most"])
      for to in ("inst:ndrc", "inst:mee", "inst:nhc")],
]

#: 2018: the 2008 department duties (generated by build_ndrc_mandate.py) that moved with a
#: plan-level duty. Selected by holder and, where only part of a department's work moved,
#: by words of the canonical text. Each becomes a part of the plan-level duty and is transferred.
DEPARTMENT_COMPONENTS = [
    # (plan-level duty, holder CURIE, words one of which the canonical text must contain (None: all), to)
    ("main-functional-zone-planning", "dept:ndrc-development-planning", ["全国主体功能区规划"], "inst:mnr"),
    ("climate-change-and-emission-reduction", "dept:ndrc-climate-change", None, "inst:mee"),
    ("key-project-inspection", "dept:ndrc-key-project-inspectors", None, "inst:nao"),
    ("price-supervision-and-antimonopoly", "dept:ndrc-price-supervision", None, "inst:samr"),
    ("strategic-material-reserves", "inst:state-bureau-material-reserve", None, "inst:nfsra"),
    ("strategic-material-reserves", "dept:ndrc-economy-trade", ["储备"], "inst:nfsra"),
]
#: 2018: clauses carved out of 2008 duties (ndrc_mandate_2008: MAIN_DUTY_PARTS and the 减排 parts of
#: 资源节约和环境保护司's line 81) that moved with a plan-level duty: (plan duty, duty, from, to).
CARVED_COMPONENTS = [
    ("price-supervision-and-antimonopoly", "ndrc-2008-main-03-price-supervision", "inst:ndrc", "inst:samr"),
    ("key-project-inspection", "ndrc-2008-main-05-key-project-inspection", "inst:ndrc", "inst:nao"),
    ("main-functional-zone-planning", "ndrc-2008-main-07-main-functional-zone-planning", "inst:ndrc", "inst:mnr"),
    ("strategic-material-reserves", "ndrc-2008-main-08-strategic-reserves", "inst:ndrc", "inst:nfsra"),
    ("climate-change-and-emission-reduction", "ndrc-2008-main-10-emission-reduction", "inst:ndrc", "inst:mee"),
    ("climate-change-and-emission-reduction", "ndrc-resource-conservation-07", "dept:ndrc-resource-conservation", "inst:mee"),
    ("climate-change-and-emission-reduction", "ndrc-resource-conservation-08", "dept:ndrc-resource-conservation", "inst:mee"),
]
#: 2018: main duties of 2008 moved whole (not only in part).
WHOLE_MAIN_DUTIES = [("11", "climate-change-and-emission-reduction", "inst:mee")]



#: 2018: what the sources say about bodies afterwards.  The three NDRC units whose duties all left
#: are not recorded after the reform (their fate is in none of the sources): gk:notRecordedAfter.
AFTER_2018 = [
    *[Node(unit, (), {"gk:notRecordedAfter": date("2018-03-17")}, ev(["ref-2018-units-not-recorded"]))
      for unit in ("dept:ndrc-price-supervision", "dept:ndrc-climate-change", "dept:ndrc-key-project-inspectors")],
]


def local(curie: str) -> str:
    return curie.split(":", 1)[1]


def component_transfers(b: Builder) -> list[tuple[str, Move]]:
    """The department-level transfers of 2018, read off the 2008 mandate already built."""
    mandate = b.graphs["ndrc_mandate_2008.ttl"]
    found: list[tuple[str, Move]] = []
    for plan_duty, holder, words, to in DEPARTMENT_COMPONENTS:
        rows = mandate.query(
            "SELECT ?duty ?text WHERE { ?a gk:holder ?h ; gk:duty ?duty . ?duty gk:canonicalText ?text }",
            initNs={"gk": iri("gk:")}, initBindings={"h": iri(holder)})
        matched = sorted((d for d, t in rows if words is None or any(w in str(t) for w in words)), key=str)
        if not matched:
            raise AuthoringError(f"no 2008 duty of {holder} matches {words}")
        for duty in matched:
            key = "L159-" + local(to)
            found.append((plan_duty, Move(str(duty).rsplit("/", 1)[-1], holder, to, "2018-state-council-reform",
                                          [key] if key in S else [])))
    for plan_duty, duty, frm, to in CARVED_COMPONENTS:
        found.append((plan_duty, Move(duty, frm, to, "2018-state-council-reform", ["L159-" + local(to)])))
    for number, plan_duty, to in WHOLE_MAIN_DUTIES:
        found.append((plan_duty, Move(f"ndrc-2008-main-{number}", "inst:ndrc", to, "2018-state-council-reform",
                                      ["L159-" + local(to)])))
    return found


def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    for key in S:  # every passage of this table, even one no row below cites
        S[key].passage(b)
    b.emit(Reorganisation(e.key, e.date, e.zh, e.en, e.basis, ev(e.sources), e.original, e.resulting) for e in EVENTS)
    b.emit(Duty(d.key, normalise(d.zh), d.en, normalise(d.zh), [d.domain], ev(d.sources),
                alt_zh=d.aliases_zh, part_of=[f"ndrc-2008-main-{m}" for m in d.parts_of]) for d in NEW_DUTIES)
    b.emit(Assignment(f"{h.duty}--{local(h.holder)}", h.duty, h.holder, ev(h.sources), start=h.start, end=h.end,
                      basis=h.basis, props={"rdfs:comment": en(h.note) if h.note else None}) for h in HOLDINGS)
    # The 2008 department duties' own assignments are asg:<duty-local> (ndrc_mandate_2008).
    for plan_duty, t in [(None, t) for t in TRANSFERS] + component_transfers(b):
        if plan_duty is not None:
            b.add("duty:" + t.duty, "gk:partOfDuty", "duty:" + plan_duty)
            b.timeline.setdefault((t.duty, t.frm), "asg:" + t.duty)
        props = {"gk:inferred": boolean(True), "gk:inferenceBasis": en(t.inferred)} if t.inferred else {}
        b.emit([Transfer(t.duty, t.frm, t.to, t.event, ev(t.sources), props=props)])
    b.emit(AFTER_2018)

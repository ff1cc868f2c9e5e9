"""Guangzhou's 14th Five-Year Plan for digital government (2021–2025): source lines 899–1293.

《广州市数字政府改革建设“十四五”规划》 with its covering notice: the bodies it names, its parts
(as far as the scraped text keeps them), its tasks and key projects, the platforms they concern,
the 2020 figures of chapter 1, the 2025 targets and the 16 indicators of Table 1.

What the text does not say is said, not filled in: tasks without a named body carry
``gk:notStated gk:holder``; Table 1 lost its values (``gk:sourceGap``); the text stops inside
专栏4-9 while the table of contents lists four more sections and three stage sections; the
headings between chapter 1 and chapter 4 are lost. English names are translations unless noted.
"""

from __future__ import annotations

import re

from govkg.authoring.builder import AuthoringError, Builder, en, lit, zh
from govkg.authoring.plan_rows import (
    Figure, Footnote, Indicator, Part, Platform, Responsibility, Task, check_baselines, check_footnotes, clean_footnotes,
    key_project_spans, sentence_with, strip_heading,
)
from govkg.authoring.rows import Body, Duty, Node, Q
from govkg.authoring.documents import MAIN

OUTPUT = "gz_digital_government_plan.ttl"
HEADER = ("Guangzhou 14th Five-Year Plan for digital government (2021-2025), source lines 899-1293:\n"
          "bodies, parts, tasks and key projects, platforms, 2020 figures, 2025 targets, Table 1 indicators.")

PLAN = "legal:gz-dg-plan"
NOTICE = "legal:gz-dg-plan-notice"
#: the planning period (line 933 "规划期为2021年至2025年"): tasks are assigned for it
PERIOD = ("2021-01-01", "2026-01-01")
TRANSLATED = ("English name translated by the editors; the source gives no English name.",
              "英文名称为编者翻译，来源未给出英文名称。")

# ---------------------------------------------------------------- footnote numbers glued to words

FOOTNOTES = [
    Footnote(943, "零跑动”3", "零跑动”"), Footnote(943, "一件事”1", "一件事”"),
    Footnote(955, "CIM(城市信息模型)25平台", "CIM(城市信息模型)平台"), Footnote(977, "5G21", "5G"),
    Footnote(1007, "联动9", "联动"), Footnote(1007, "工作举措10", "工作举措"), Footnote(1007, "出新出彩”8", "出新出彩”"),
    Footnote(1019, "城市26", "城市"), Footnote(1027, "公共数据19", "公共数据"), Footnote(1033, "数字鸿沟”20", "数字鸿沟”"),
    Footnote(1100, "边缘计算23", "边缘计算"), Footnote(1100, "新基建22", "新基建"), Footnote(1108, "中枢12", "中枢"),
    Footnote(1124, "政务数据18", "政务数据"), Footnote(1136, "IPv630", "IPv6"),
    Footnote(1168, "BIM(建筑信息模型)24", "BIM(建筑信息模型)"), Footnote(1182, "优化2", "优化"),
    Footnote(1188, "政银合作5", "政银合作"), Footnote(1188, "云窗口”6", "云窗口”"), Footnote(1196, "品牌11", "品牌"),
    Footnote(1206, "证照分离”7", "证照分离”"), Footnote(1218, "秒批”4", "秒批”"), Footnote(1218, "单一窗口”14", "单一窗口”"),
    Footnote(1254, "智慧港口”13", "智慧港口”"), Footnote(1266, "雪亮工程”15", "雪亮工程”"),
    Footnote(1280, "一公开”16", "一公开”"),
]

# ---------------------------------------------------------------- bodies

BODIES = [
    Body("inst:gz-government", "gk:Institution", "广州市人民政府", "Guangzhou Municipal People's Government",
         [Q(901, "业经市委、市政府同意"), Q(939, "市委、市政府高度重视数字政府建设与发展工作")],
         alt=[zh("市政府")]),
    Body("inst:gz-party-committee", "gk:Institution", "中共广州市委员会",
         "Guangzhou Municipal Committee of the Communist Party of China",
         [Q(901, "业经市委、市政府同意"), Q(939, "市委、市政府高度重视数字政府建设与发展工作")],
         alt=[zh("市委")]),
    Body("inst:gd-government", "gk:Institution", "广东省人民政府", "People's Government of Guangdong Province",
         [Q(931, "广州市贯彻省委省政府数字政府改革建设“全省一盘棋”部署")], alt=[zh("省政府")]),
    Body("inst:gd-party-committee", "gk:Institution", "中共广东省委员会",
         "Guangdong Provincial Committee of the Communist Party of China",
         [Q(931, "广州市贯彻省委省政府数字政府改革建设“全省一盘棋”部署")], alt=[zh("省委")]),
    Body("inst:gz-dg-leading-group", "gk:Institution", "广州市“数字政府”改革建设工作领导小组",
         "Guangzhou Leading Group for Digital Government Reform and Development",
         [Q(939, "组织成立了市“数字政府”改革建设工作领导小组"), Q(1086, "在广州市“数字政府”改革建设工作领导小组领导下")],
         alt=[zh("市“数字政府”改革建设工作领导小组")],
         props={"skos:editorialNote": [en(TRANSLATED[0]), zh(TRANSLATED[1])],
                "skos:note": [en("Set up by the municipal Party committee and government (line 939); a leading group (议事协调机构), typed gk:Institution for want of a closer class."),
                              zh("由市委、市政府组织成立（第939行）；领导小组属议事协调机构，因无更贴切的类而作为 gk:Institution。")]}),
    Body("dept:gz-dg-leading-group-office", "gk:Department", "广州市“数字政府”改革建设工作领导小组办公室",
         "Office of the Guangzhou Leading Group for Digital Government Reform and Development",
         [Q(1086, "广州市“数字政府”改革建设工作领导小组办公室负责全市政务信息化工作的日常工作")],
         props={"org:unitOf": ["inst:gz-dg-leading-group"],
                "skos:editorialNote": [en(TRANSLATED[0] + " Where the office sits is not stated in the source."),
                                       zh(TRANSLATED[1] + "来源未载明该办公室设在何处。")]}),
    Body("inst:gz-dg-operation-center", "gk:Institution", "广州市数字政府运营中心",
         "Guangzhou Digital Government Operation Center",
         [Q(939, "调整优化各市直部门信息化管理运营单位,组建广州市数字政府运营中心")],
         props={"skos:editorialNote": [en(TRANSLATED[0] + " Founding date not stated (formed before the end of 2020, chapter 1)."),
                                       zh(TRANSLATED[1] + "成立日期来源未载明（第一章记载截至2020年的情况）。")]}),
    Body("inst:gz-zfsj", "gk:Institution", "广州市政务服务数据管理局",
         "Guangzhou Municipal Government Service and Data Management Bureau",
         [Q(901, "请径向市政务服务数据管理局反映")], alt=[zh("市政务服务数据管理局")],
         props={"skos:editorialNote": [en(TRANSLATED[0]), zh(TRANSLATED[1])]}),
    Body("role:gz-district-governments", "gk:Role", "广州市各区人民政府", "People's governments of the districts of Guangzhou",
         [Q(899, "各区人民政府")], alt=[zh("各区人民政府")]),
    Body("role:gz-municipal-departments", "gk:Role", "广州市政府各部门", "Departments of the Guangzhou Municipal People's Government",
         [Q(899, "市政府各部门"), Q(1086, "为市各部门、各区提供")], alt=[zh("市政府各部门"), zh("市各部门")]),
    Body("role:gz-directly-affiliated-bodies", "gk:Role", "广州市政府各直属机构",
         "Bodies directly under the Guangzhou Municipal People's Government", [Q(899, "各直属机构")], alt=[zh("各直属机构")]),
    Body("role:gz-districts", "gk:Role", "广州市各区", "Districts of Guangzhou",
         [Q(939, "各区按照统一部署"), Q(1086, "为市各部门、各区提供")], alt=[zh("各区")]),
    Body("role:gz-district-dg-leading-groups", "gk:Role", "区级“数字政府”改革建设工作领导小组",
         "District leading groups for digital government reform and development",
         [Q(939, "成立区级“数字政府”改革建设工作领导小组")]),
    Body("role:gz-dg-operators", "gk:Role", "数字政府建设运营机构", "Digital-government construction and operation bodies",
         [Q(1242, "充分发挥数字政府建设运营机构主体支撑作用")],
         props={"skos:note": [en("A generic term of the plan (line 1242); which bodies it covers is not stated."),
                              zh("规划中的泛称（第1242行），具体包括哪些机构来源未载明。")]}),
    Body("inst:gz-huangpu", "gk:Institution", "广州市黄埔区", "Huangpu District, Guangzhou",
         [Q(947, "黄埔区上线全省首个“粤商通”专区"), Q(1218, "推动黄埔区、越秀区开展省信用服务实体经济试点")], alt=[zh("黄埔区")]),
    Body("inst:gz-yuexiu", "gk:Institution", "广州市越秀区", "Yuexiu District, Guangzhou",
         [Q(947, "越秀区建设“越秀智库”"), Q(1218, "推动黄埔区、越秀区开展省信用服务实体经济试点")], alt=[zh("越秀区")]),
    Body("inst:gz-tianhe", "gk:Institution", "广州市天河区", "Tianhe District, Guangzhou",
         [Q(947, "天河区深化“一枚公章管审批”改革")], alt=[zh("天河区")]),
    Body("inst:gz-zengcheng", "gk:Institution", "广州市增城区", "Zengcheng District, Guangzhou",
         [Q(947, "增城区推进工程建设项目审批制度改革")], alt=[zh("增城区")]),
    Body("inst:gz-huadu", "gk:Institution", "广州市花都区", "Huadu District, Guangzhou",
         [Q(947, "花都区全程代办")], alt=[zh("花都区")]),
]

# ---------------------------------------------------------------- the plan and its notice

DOCUMENTS = [
    Node(PLAN, ["gk:Plan", "gk:LegalInstrument"], {
        "skos:prefLabel": [zh("广州市数字政府改革建设“十四五”规划"),
                           en("Guangzhou 14th Five-Year Plan for Digital Government Reform and Development")],
        "dcterms:temporal": [lit("2021/2025")],
        "skos:note": [en("Base year 2020, planning period 2021 to 2025 (line 933). Agreed by the municipal Party committee and the municipal government (line 901)."),
                      zh("本规划基准年为2020年，规划期为2021年至2025年（第933行）；业经市委、市政府同意（第901行）。")],
        "skos:editorialNote": [en(TRANSLATED[0]), zh(TRANSLATED[1])],
        "gk:notStated": ["gk:issuedBy", "gk:documentNumber", "dcterms:date"],
        "gk:sourceGap": [
            en("The scraped text stops inside 专栏4-9 of chapter 4, section 3 (line 1286 ends '推...'); the table of contents (lines 905-927) lists sections 4-7 of chapter 4 and three stage sections (2021, 2023, 2025) whose text is missing; the headings of the chapters between chapter 1 and chapter 4 and of some sections and items are lost; Table 1 (line 1047) keeps only its indicator names."),
            zh("抓取文本止于第四章第三节专栏4-9（第1286行以“推...”结束）；目录（第905-927行）所列第四章第四至七节及三个阶段小节（2021年、2023年、2025年）正文缺失；第一章与第四章之间各章及部分节、目的标题缺失；表1（第1047行）仅存指标名称。")],
    }, [Q(903), Q(933, "本规划基准年为2020年,规划期为2021年至2025年。")]),
    Node(NOTICE, ["gk:LegalInstrument"], {
        "skos:prefLabel": [zh("印发《广州市数字政府改革建设“十四五”规划》的通知"),
                           en("Notice issuing the Guangzhou 14th Five-Year Plan for Digital Government Reform and Development")],
        "dcterms:relation": [PLAN],
        "dcterms:audience": ["role:gz-district-governments", "role:gz-municipal-departments", "role:gz-directly-affiliated-bodies"],
        "gk:notStated": ["gk:issuedBy", "gk:documentNumber", "dcterms:date"],
        "skos:note": [en("The notice's own title, issuer, number and date are not in the scraped text; the label describes it."),
                      zh("抓取文本未载明通知的标题、发文机关、文号和日期；标签为描述性名称。")],
    }, [Q(899), Q(901, "现印发给你们,请认真组织实施。")]),
]

# ---------------------------------------------------------------- parts


def part(key, kind, zh_label, en_label, line, parent=None, notation=None, gap=None, quote=None, year_=None):
    return Part("gz-dg-plan-" + key, PLAN, "part-" + kind, zh_label, en_label,
                [Q(line, quote) if quote else Q(line)], parent=("legal:gz-dg-plan-" + parent) if parent else None,
                notation=notation, gap=gap, year=year_)


LOST = ("The heading of this part is lost in the source; the label gives its place.",
        "来源中本部分标题缺失，标签标明其位置。")
TOC_ONLY = ("Listed in the table of contents only; the scraped text stops in chapter 4, section 3 (line 1286).",
            "仅见于目录；抓取文本止于第四章第三节（第1286行）。")
HEADED = [  # (key, parent, line, en): items whose heading is the whole line ("一、…")
    ("ch1-1", "ch1", 937, "Item 1: the 'whole city as one chessboard' arrangement advanced smoothly"),
    ("ch1-2", "ch1", 941, "Item 2: government service reform advanced across the board"),
    ("ch1-3", "ch1", 945, "Item 3: business applications markedly improved"),
    ("ch1-4", "ch1", 949, "Item 4: data integration and sharing carried out in order"),
    ("ch1-5", "ch1", 953, "Item 5: information infrastructure took initial shape"),
    ("ch1-6", "ch1", 957, "Item 6: business-environment reform advanced in coordination"),
    ("ch1-situation-1", "ch1-situation", 963, "Item 1: raising national competitiveness through digital transformation is a global trend"),
    ("ch1-situation-2", "ch1-situation", 967, "Item 2: new arrangements of the State and Guangdong Province for digital government"),
    ("ch1-situation-3", "ch1-situation", 971, "Item 3: a new wave of digitalisation across the country"),
    ("ch1-situation-4", "ch1-situation", 975, "Item 4: fast-developing digital technology creates new conditions for digital government"),
    ("ch1-situation-5", "ch1-situation", 979, "Item 5: Guangzhou's digital government enters an advanced stage of innovative development"),
    ("ch1-challenges-1", "ch1-challenges", 987, "Item 1: the combined force of overall coordination remains to be unleashed"),
    ("ch1-challenges-2", "ch1-challenges", 991, "Item 2: government service levels still need raising"),
    ("ch1-challenges-3", "ch1-challenges", 995, "Item 3: support for city governance still needs strengthening"),
    ("ch1-challenges-4", "ch1-challenges", 999, "Item 4: a mechanism for allocating data as a factor of production is urgently needed"),
    ("ch1-challenges-5", "ch1-challenges", 1003, "Item 5: basic information capabilities still have weak spots"),
    ("goals-principle-1", "goals", 1009, "Principle 1: goal-led and people-centred"),
    ("goals-principle-2", "goals", 1013, "Principle 2: stronger overall coordination, joint building and sharing"),
    ("goals-principle-3", "goals", 1017, "Principle 3: focus on priorities, innovative development"),
    ("goals-principle-4", "goals", 1021, "Principle 4: openness and cooperation, fostering an ecosystem"),
    ("goals-principle-5", "goals", 1025, "Principle 5: data empowerment supporting industry"),
    ("goals-principle-6", "goals", 1029, "Principle 6: independent and controllable, secure development"),
    ("architecture-1", "architecture", 1084, "Item 1: coordinate digital government reform and development across the city"),
    ("architecture-2", "architecture", 1088, "Item 2: connect with digital government reform at higher levels"),
    ("architecture-3", "architecture", 1092, "Item 3: promote coordinated development of the Guangdong-Hong Kong-Macao Greater Bay Area"),
    ("layout-1", "architecture", 1098, "Item 1: lay out the new base of digital government"),
    ("layout-2", "architecture", 1102, "Item 2: open a new experience of smart services"),
    ("layout-3", "architecture", 1106, "Item 3: open a new pattern of city governance"),
    ("layout-4", "architecture", 1110, "Item 4: raise the new effectiveness of government coordination"),
    ("layout-5", "architecture", 1114, "Item 5: build a new pattern of data circulation"),
    ("ch4-s1-1", "ch4-s1", 1122, "Item 1: provide stable and reliable cloud services"),
    ("ch4-s1-2", "ch4-s1", 1134, "Item 2: build a new network backbone for the smart city"),
    ("ch4-s1-3", "ch4-s1", 1144, "Item 3: deepen the integrated government big-data centre"),
    ("ch4-s1-4", "ch4-s1", 1156, "Item 4: improve the data technology support system"),
    ("ch4-s1-5", "ch4-s1", 1170, "Item 5: strengthen support for business applications"),
    ("ch4-s2-1", "ch4-s2", 1180, "Item 1: improve convenient and efficient service models"),
    ("ch4-s2-2", "ch4-s2", 1192, "Item 2: diversify government service channels"),
    ("ch4-s2-4", "ch4-s2", 1220, "Item 4: make digital public services more inclusive"),
    ("ch4-s3-2", "ch4-s3", 1244, "Item 2: optimise the Suizhiguan governance system"),
    ("ch4-s3-3", "ch4-s3", 1250, "Item 3: enrich Suizhiguan joint-governance scenarios"),
    ("ch4-s3-4", "ch4-s3", 1274, "Item 4: build a unified city-wide supervision system"),
]
COLUMNS = [  # (key, parent, line, en)
    ("col-4-1", "ch4-s1-1", 1130, "Column 4-1: key projects for information infrastructure"),
    ("col-4-2", "ch4-s1-2", 1140, "Column 4-2: key projects for strengthening the government network"),
    ("col-4-3", "ch4-s1-3", 1152, "Column 4-3: key projects for the government big-data centre"),
    ("col-4-4", "ch4-s1-4", 1166, "Column 4-4: key projects for unified support platforms"),
    ("col-4-5", "ch4-s2", 1202, "Column 4-5: key projects for better government services"),
    ("col-4-6", "ch4-s2-3", 1216, "Column 4-6: key projects for business-facing service applications"),
    ("col-4-7", "ch4-s2-4", 1234, "Column 4-7: key projects for public services"),
    ("col-4-8", "ch4-s3-3", 1270, "Column 4-8: key projects for city governance"),
    ("col-4-9", "ch4-s3-4", 1284, "Column 4-9: key projects for supervision"),
]


def build_parts(b: Builder) -> list[Part]:
    doc = b.document(MAIN)
    parts = [
        part("preamble", "preamble", "规划前言（第929—933行，标题缺失）", "Preamble (lines 929-933, heading lost)", 929, gap=LOST),
        part("ch1", "chapter", "第一章 发展现状与形势", "Chapter 1 Current state and situation", 935, notation="第一章"),
        part("ch1-achievements", "section", "第一章 第937—959行（节标题缺失）", "Chapter 1, lines 937-959 (section heading lost)",
             937, parent="ch1", gap=LOST),
        part("ch1-situation", "section", "第一章 第961—983行（节标题缺失）", "Chapter 1, lines 961-983 (section heading lost)",
             961, parent="ch1", gap=LOST),
        part("ch1-challenges", "section", "第一章 第985—1005行（节标题缺失）", "Chapter 1, lines 985-1005 (section heading lost)",
             985, parent="ch1", gap=LOST),
        part("goals", "chapter", "第一章与第四章之间 第1007—1079行：指导思想、基本原则与发展目标（章标题缺失）",
             "Between chapters 1 and 4, lines 1007-1079: guiding thought, principles and goals (chapter heading lost)",
             1007, gap=LOST),
        part("goals-2025", "item", "2025年的具体目标", "Specific goals for 2025", 1035, parent="goals", quote="2025年的具体目标"),
        part("table-1", "table", "表1“十四五”时期广州市数字政府建设主要指标",
             "Table 1 Main indicators of Guangzhou's digital government in the 14th Five-Year period", 1047, parent="goals",
             notation="表1",
             gap=("Only the 16 indicator names survive (lines 1049-1079); every baseline and target value of the table was lost by the scraper.",
                  "仅存16项指标名称（第1049—1079行）；表中各项基期值和目标值均在抓取中丢失。")),
        part("architecture", "chapter", "第一章与第四章之间 第1081—1116行：“二横四纵”总体架构与布局（章标题缺失）",
             "Between chapters 1 and 4, lines 1081-1116: the 'two horizontal, four vertical' architecture and layout (chapter heading lost)",
             1081, gap=LOST),
        part("ch4", "chapter", "第四章 重点任务和重大工程", "Chapter 4 Key tasks and major projects", 1118, notation="第四章"),
        part("ch4-s1", "section", "第一节 夯实自主可控的数字政府新底座",
             "Section 1 Consolidate an independent, controllable new base for digital government", 1120, parent="ch4", notation="第四章第一节"),
        part("ch4-s2", "section", "第二节 强化优质便捷的普惠服务体系",
             "Section 2 Strengthen a high-quality, convenient and inclusive service system", 1178, parent="ch4", notation="第四章第二节"),
        part("ch4-s2-3", "item", "第四章第二节 三（标题缺失，第1206—1214行）", "Chapter 4 section 2, item 3 (heading lost, lines 1206-1214)",
             1206, parent="ch4-s2", gap=LOST, quote="深化营商环境改革。"),
        part("ch4-s3", "section", "第三节 创新“数字孪生”城市治理模式",
             "Section 3 Innovate the 'digital twin' model of city governance", 1238, parent="ch4", notation="第四章第三节",
             gap=("The scraped text stops inside this section's 专栏4-9 (line 1286).", "抓取文本止于本节专栏4-9（第1286行）。")),
        part("ch4-s3-1", "item", "第四章第三节 一（标题缺失，第1240—1242行）", "Chapter 4 section 3, item 1 (heading lost, lines 1240-1242)",
             1242, parent="ch4-s3", gap=LOST, quote="按照“管运分离、共建共享”原则"),
    ]
    for n, name, en_name in ((4, "第四节 提升政府业务协同效能", "Section 4 Raise the effectiveness of government business coordination"),
                             (5, "第五节 构建数据要素配置新高地", "Section 5 Build a new highland for allocating data as a factor"),
                             (6, "第六节 提升安全保障能力", "Section 6 Raise security capabilities"),
                             (7, "第七节 营造数字治理新环境", "Section 7 Create a new environment for digital governance")):
        parts.append(part(f"ch4-s{n}", "section", name, en_name, 907 + 2 * n, parent="ch4", notation=f"第四章第{'四五六七'[n - 4]}节",
                          gap=TOC_ONLY))
    for n, (yr, name, en_name) in enumerate(((2021, "第一节 2021年全面推进阶段", "Section 1 Stage of all-round advance (2021)"),
                                             (2023, "第二节 2023年数据赋能阶段", "Section 2 Stage of data empowerment (2023)"),
                                             (2025, "第三节 2025年高层次发展阶段", "Section 3 Stage of high-level development (2025)"))):
        parts.append(part(f"stage-{yr}", "section", name, en_name, 923 + 2 * n, year_=yr,
                          gap=("Listed in the table of contents (lines 923-927) under a chapter whose heading and text are missing.",
                               "仅见于目录（第923—927行），所属章的标题和正文均缺失。")))
    for key, parent, line, en_name in HEADED:
        parts.append(part(key, "item", doc.line(line).strip(), en_name, line, parent=parent))
    for key, parent, line, en_name in COLUMNS:
        parts.append(part(key, "column", doc.line(line).strip(), en_name, line, parent=parent,
                          notation=re.match(r"专栏\d+-\d+", doc.line(line).strip()).group(0),
                          gap=(TOC_ONLY[0].replace("Listed in the table of contents only", "Truncated"), "本专栏正文被截断。")
                          if key == "col-4-9" else None))
    return parts


# ---------------------------------------------------------------- tasks: (key, part, line, en label)

TASKS = [
    ("cloud-support", "ch4-s1-1", 1124, "Raise the support capacity of the government cloud"),
    ("cloud-intensive-management", "ch4-s1-1", 1126, "Raise the level of intensive management of the government cloud"),
    ("smart-city-cloud", "ch4-s1-1", 1128, "Strengthen smart-city cloud service capacity"),
    ("smart-city-network", "ch4-s1-2", 1136, "Optimise smart-city network infrastructure"),
    ("innovation-infrastructure", "ch4-s1-2", 1138, "Build a cluster of smart-city innovation infrastructure"),
    ("big-data-centre-support", "ch4-s1-3", 1146, "Raise the support capacity of the government big-data centre"),
    ("data-resource-bases", "ch4-s1-3", 1148, "Improve the building of data resource bases"),
    ("video-sensing-data", "ch4-s1-3", 1150, "Raise the management of video and sensing data"),
    ("digital-twin-model-platform", "ch4-s1-4", 1158, "Build the 'digital twin' model platform"),
    ("spatial-digital-base", "ch4-s1-4", 1160, "Advance the smart city's spatial digital base"),
    ("ai-base-platform", "ch4-s1-4", 1162, "Advance the artificial-intelligence base platform"),
    ("blockchain-platform", "ch4-s1-4", 1164, "Promote the blockchain technology platform"),
    ("unified-identity", "ch4-s1-5", 1172, "Strengthen the unified identity authentication platform"),
    ("e-seals-signatures", "ch4-s1-5", 1174, "Strengthen electronic seal and electronic signature systems"),
    ("trusted-e-licences", "ch4-s1-5", 1176, "Strengthen the platform for managing and using trusted electronic licences"),
    ("optimise-processes", "ch4-s2-1", 1182, "Keep optimising business processes"),
    ("online-offline-integration", "ch4-s2-1", 1184, "Advance integrated online and offline services"),
    ("proactive-services", "ch4-s2-1", 1186, "Raise the capacity for proactive government services"),
    ("cross-region-services", "ch4-s2-1", 1188, "Promote 'cross-region handling' of government services"),
    ("distinctive-services", "ch4-s2-1", 1190, "Innovate and develop distinctive government services"),
    ("all-channel-integration", "ch4-s2-2", 1194, "Deepen the integration of all government service channels"),
    ("suihaoban-integration", "ch4-s2-2", 1196, "Raise Suihaoban's capacity to integrate mobile services"),
    ("smart-service-halls", "ch4-s2-2", 1198, "Build smart-sensing service halls"),
    ("general-customer-service", "ch4-s2-2", 1200, "Build a 'general customer service' for government services"),
    ("business-environment-reform", "ch4-s2-3", 1206, "Deepen business-environment reform"),
    ("butler-expert-services", "ch4-s2-3", 1208, "Raise 'butler plus expert' services over the whole life of enterprises"),
    ("international-trade", "ch4-s2-3", 1210, "Facilitate international trade and cooperation"),
    ("enterprise-financing", "ch4-s2-3", 1212, "Improve the financing environment of enterprises"),
    ("public-resource-trading", "ch4-s2-3", 1214, "Build 'one network' for public resource trading"),
    ("smart-healthcare", "ch4-s2-4", 1224, "Strengthen smart healthcare"),
    ("internet-plus-education", "ch4-s2-4", 1226, "Advance 'Internet plus education'"),
    ("digital-hrss", "ch4-s2-4", 1228, "Strengthen digital human-resources and social-security services"),
    ("smart-elderly-care", "ch4-s2-4", 1230, "Raise the level of smart elderly-care services"),
    ("culture-tourism", "ch4-s2-4", 1232, "Raise the digital capacity of culture and tourism"),
    ("suizhiguan-command-hub", "ch4-s3-2", 1246, "Build the Suizhiguan integrated command and decision hub"),
    ("city-operation-hub", "ch4-s3-2", 1248, "Build the city operation management hub"),
    ("city-management-upgrade", "ch4-s3-3", 1252, "Promote the smart upgrade of city management"),
    ("smart-traffic", "ch4-s3-3", 1254, "Deepen smart traffic management"),
    ("eco-protection", "ch4-s3-3", 1256, "Promote coordinated protection of the ecological environment"),
    ("emergency-command", "ch4-s3-3", 1258, "Strengthen emergency-management command and coordination"),
    ("public-security", "ch4-s3-3", 1260, "Strengthen smart applications in public-security law enforcement"),
    ("smart-communities", "ch4-s3-3", 1262, "Deepen smart community management"),
    ("grassroots-governance", "ch4-s3-3", 1264, "Upgrade the model of grassroots governance"),
    ("rural-revitalisation", "ch4-s3-3", 1266, "Promote rural revitalisation"),
    ("smart-agriculture", "ch4-s3-3", 1268, "Promote smart agriculture"),
    ("service-supervision", "ch4-s3-4", 1276, "Strengthen supervision of the whole process of government services"),
    ("credit-supervision", "ch4-s3-4", 1278, "Strengthen the credit supervision mechanism"),
    ("market-supervision", "ch4-s3-4", 1280, "Optimise the market supervision mechanism"),
    ("data-market-supervision", "ch4-s3-4", 1282, "Strengthen supervision of the data-factor market"),
]

#: tasks stated in a part's opening paragraph, which has no heading: (key, part, line, zh label, en label)
UNHEADED_TASKS = [
    ("suizhiguan-base-platforms", "ch4-s3", 1240, "建设市、区两级“穗智管”基础平台",
     "Build the municipal and district Suizhiguan base platforms"),
]

#: key projects per column: (key, verbatim name as it opens its span, en label)
KEY_PROJECTS = {
    ("col-4-1", 1132): [("kp-gov-cloud-upgrade", "政务云升级优化。", "Upgrade and optimise the government cloud")],
    ("col-4-2", 1142): [("kp-gov-extranet", "完善政务外网。", "Improve the government extranet"),
                        ("kp-wireless-extranet", "政务外网无线服务能力提升项目。", "Project to raise wireless services of the government extranet"),
                        ("kp-smart-city-comms", "智慧城市通信网络基础设施建设工程。", "Smart-city communication network infrastructure project")],
    ("col-4-3", 1154): [("kp-big-data-centre", "政务大数据中心。", "Government big-data centre"),
                        ("kp-data-resource-bases", "数据资源库建设完善工程。", "Project to build and improve data resource bases")],
    ("col-4-4", 1168): [("kp-bim", "BIM(建筑信息模型)24技术应用工程。", "BIM (building information modelling) application project"),
                        ("kp-cim-platform", "CIM平台建设工程。", "CIM platform construction project"),
                        ("kp-ai-base-platform", "人工智能基础平台。", "Artificial-intelligence base platform")],
    ("col-4-5", 1204): [("kp-service-terminals", "政务服务一体机推广。", "Roll-out of all-in-one government service terminals"),
                        ("kp-consultation-complaints", "政务服务咨询投诉平台。", "Government service consultation and complaints platform"),
                        ("kp-cross-region", "“跨域通办”应用工程。", "'Cross-region handling' application project")],
    ("col-4-6", 1218): [("kp-commercial-registration", "“全链条”商事登记应用工程。", "'Whole-chain' commercial registration application project"),
                        ("kp-blockchain-business", "“区块链+营商环境”工程。", "'Blockchain plus business environment' project"),
                        ("kp-sme-platform", "中小企业综合服务平台。", "Integrated service platform for small and medium-sized enterprises"),
                        ("kp-key-areas", "营商环境重点区域系列工程:", "Series of projects for key areas of the business environment"),
                        ("kp-trade-facilitation", "贸易便利化应用工程。", "Trade facilitation application project")],
    ("col-4-7", 1236): [("kp-smart-healthcare", "智慧医疗应用工程。", "Smart healthcare application project"),
                        ("kp-smart-education", "智慧教育工程。", "Smart education project"),
                        ("kp-smart-hrss", "智慧人社工程。", "Smart human-resources and social-security project"),
                        ("kp-civil-affairs-platform", "民政业务综合信息平台。", "Integrated information platform for civil affairs"),
                        ("kp-digital-culture-tourism", "“数字文旅”应用工程。", "'Digital culture and tourism' application project"),
                        ("kp-smart-government-services", "智慧政务提升工程。", "Smart government services improvement project")],
    ("col-4-8", 1272): [("kp-suizhiguan-hub", "“穗智管”城市运行管理中枢建设工程。", "Suizhiguan city operation management hub project"),
                        ("kp-ubiquitous-iot", "广州市“泛在物联感知”工程。", "Guangzhou 'ubiquitous IoT sensing' project"),
                        ("kp-smart-traffic", "智慧交通工程。", "Smart traffic project"),
                        ("kp-smart-emergency", "智慧应急工程。", "Smart emergency-management project"),
                        ("kp-smart-ecology", "智慧生态工程。", "Smart ecology project"),
                        ("kp-smart-water", "智慧水务工程。", "Smart water project"),
                        ("kp-smart-agriculture", "智慧农业工程。", "Smart agriculture project")],
    ("col-4-9", 1286): [("kp-supervision-platform", "政务服务监管平台推广工程。", "Roll-out of the government service supervision platform"),
                        ("kp-good-bad-review", "政务服务“好差评”系统。", "Government service 'good or bad review' system"),
                        ("kp-social-credit", "社会信用信息化建设工程。", "Social credit informatisation project")],
}


def responsibility(holder: str, line: int, words: str) -> Responsibility:
    return Responsibility(holder, [Q(line, words)])


#: duties whose body the text names: (key, part, broader task or None, line, clause, zh, en, bodies, period)
NAMED = [
    ("implement-plan", "notice", None, 901, "请认真组织实施",
     "认真组织实施《广州市数字政府改革建设“十四五”规划》", "Organise the implementation of the plan conscientiously",
     [responsibility("role:gz-district-governments", 899, "各区人民政府"),
      responsibility("role:gz-municipal-departments", 899, "市政府各部门"),
      responsibility("role:gz-directly-affiliated-bodies", 899, "各直属机构")], PERIOD),
    ("receive-implementation-problems", "notice", None, 901, "实施中遇到问题,请径向市政务服务数据管理局反映",
     "受理规划实施中遇到问题的反映", "Receive reports of problems met in implementing the plan",
     [responsibility("inst:gz-zfsj", 901, "请径向市政务服务数据管理局反映")], (PERIOD[0], None)),
    ("operation-center-core-role", "ch1-1", None, 939, "发挥全市信息化建设和运行管理核心作用",
     "发挥全市信息化建设和运行管理核心作用", "Play the core role in building and running the city's informatisation",
     [responsibility("inst:gz-dg-operation-center", 939, "组建广州市数字政府运营中心,发挥全市信息化建设和运行管理核心作用")], None),
    ("district-reform", "ch1-1", None, 939, "统筹推进区级机构改革和体制机制创新",
     "统筹推进区级机构改革和体制机制创新", "Coordinate district-level institutional reform and innovation of systems and mechanisms",
     [responsibility("role:gz-districts", 939, "各区按照统一部署,成立区级“数字政府”改革建设工作领导小组,统筹推进区级机构改革和体制机制创新")], None),
    ("office-daily-work", "architecture-1", None, 1086, "负责全市政务信息化工作的日常工作",
     "负责全市政务信息化工作的日常工作", "Handle the day-to-day work of the city's government informatisation",
     [responsibility("dept:gz-dg-leading-group-office", 1086,
                     "在广州市“数字政府”改革建设工作领导小组领导下,广州市“数字政府”改革建设工作领导小组办公室负责全市政务信息化工作的日常工作")],
     (PERIOD[0], None)),
    ("office-cloud-network-data", "architecture-1", None, 1086, "为市各部门、各区提供“云网数”和公共支撑服务",
     "为市各部门、各区提供“云网数”和公共支撑服务",
     "Provide 'cloud, network and data' and common support services to municipal departments and districts",
     [responsibility("dept:gz-dg-leading-group-office", 1086, "广州市“数字政府”改革建设工作领导小组办公室负责全市政务信息化工作的日常工作,为市各部门、各区提供“云网数”和公共支撑服务")],
     (PERIOD[0], None)),
    ("featured-applications", "architecture-1", None, 1086, "支持和鼓励各部门、各区聚焦业务发展,探索建设特色业务应用",
     "聚焦业务发展，探索建设特色业务应用（受支持和鼓励）", "Explore distinctive business applications focused on their own business (supported and encouraged)",
     [responsibility("role:gz-municipal-departments", 1086, "支持和鼓励各部门、各区聚焦业务发展"),
      responsibility("role:gz-districts", 1086, "支持和鼓励各部门、各区聚焦业务发展")], PERIOD),
    ("district-big-data-nodes", "ch4-s1-3", "gzdg-big-data-centre-support", 1146, "推动各区按照统一标准加强区级政务大数据中心节点建设力度",
     "按照统一标准加强区级政务大数据中心节点建设", "Strengthen district nodes of the government big-data centre to unified standards",
     [responsibility("role:gz-districts", 1146, "推动各区按照统一标准加强区级政务大数据中心节点建设力度")], PERIOD),
    ("operators-iot-operation", "ch4-s3-1", None, 1242, "充分发挥数字政府建设运营机构主体支撑作用,构建分层运营、统筹管理的物联感知运营管理体系",
     "发挥主体支撑作用，构建分层运营、统筹管理的物联感知运营管理体系",
     "Play the main supporting role in building a layered, centrally managed IoT-sensing operation system",
     [responsibility("role:gz-dg-operators", 1242, "充分发挥数字政府建设运营机构主体支撑作用")], PERIOD),
    ("credit-pilot-huangpu-yuexiu", "col-4-6", "gzdg-kp-key-areas", 1218, "推动黄埔区、越秀区开展省信用服务实体经济试点",
     "开展省信用服务实体经济试点", "Run the provincial pilot of credit services for the real economy",
     [responsibility("inst:gz-huangpu", 1218, "推动黄埔区、越秀区开展省信用服务实体经济试点"),
      responsibility("inst:gz-yuexiu", 1218, "推动黄埔区、越秀区开展省信用服务实体经济试点")], PERIOD),
    ("district-culture-tourism-scenes", "col-4-7", "gzdg-kp-digital-culture-tourism", 1236, "鼓励各区探索打造智慧文旅场景",
     "探索打造智慧文旅场景（受鼓励）", "Explore smart culture-and-tourism scenarios (encouraged)",
     [responsibility("role:gz-districts", 1236, "鼓励各区探索打造智慧文旅场景")], PERIOD),
    ("district-coordination-platforms", "col-4-8", "gzdg-kp-suizhiguan-hub", 1272, "各区建设区级协同管理平台",
     "建设区级协同管理平台", "Build district-level coordination and management platforms",
     [responsibility("role:gz-districts", 1272, "各区建设区级协同管理平台")], PERIOD),
]

# ---------------------------------------------------------------- platforms

M8G_CHANNEL, DATA_SERVICE = "m8g:Channel", "dcat:DataService"
PROVINCIAL, MUNICIPAL = "plan:level-provincial", "plan:level-municipal"
PROVINCIAL_SERIES = (1090, "深度对接“粤”系列等省级平台")

#: (key, zh, en, names in the text, [(line, words of the sentence to quote)], level, kinds)
PLATFORMS = [
    ("suihaoban", "穗好办", "Suihaoban government services app", ["穗好办"],
     [(943, "推出“穗好办”政务服务移动端总门户")], MUNICIPAL, [M8G_CHANNEL]),
    ("suizhiguan", "穗智管", "Suizhiguan city operation management hub", ["穗智管"],
     [(1108, "依托“穗智管”城市运行管理中枢12"), (1240, "市、区两级“穗智管”基础平台")], MUNICIPAL, []),
    ("yuezhengyi", "粤政易", "Yuezhengyi platform", ["粤政易"],
     [(1041, "实现市政务协同办公平台与“粤政易”平台全面对接"), PROVINCIAL_SERIES], PROVINCIAL, []),
    ("yueshengshi", "粤省事", "Yueshengshi platform", ["粤省事"],
     [(1188, "依托“穗好办”、广东政务服务网、“粤省事”、“粤商通”等平台"), PROVINCIAL_SERIES], PROVINCIAL, [M8G_CHANNEL]),
    ("yueshangtong", "粤商通", "Yueshangtong platform", ["粤商通"],
     [(947, "黄埔区上线全省首个“粤商通”专区"), (1188, "依托“穗好办”、广东政务服务网、“粤省事”、“粤商通”等平台"), PROVINCIAL_SERIES],
     PROVINCIAL, [M8G_CHANNEL]),
    ("yuezhihui", "粤治慧", "Yuezhihui platform", ["粤治慧"], [(1246, "积极对接省“粤治慧”平台"), PROVINCIAL_SERIES], PROVINCIAL, []),
    ("yuezhengtu", "粤政图", "Yuezhengtu platform", ["粤政图"], [(1160, "发挥平台作为“粤政图”市级节点的基础支撑作用"), PROVINCIAL_SERIES],
     PROVINCIAL, []),
    ("gd-gov-service-network", "广东政务服务网", "Guangdong Government Service Network", ["广东政务服务网"],
     [(1188, "依托“穗好办”、广东政务服务网、“粤省事”、“粤商通”等平台")], None, [M8G_CHANNEL]),
    ("gov-cloud", "广州市政务云服务平台", "Guangzhou government cloud service platform", ["政务云"],
     [(955, "市政务云服务平台共有2200多台物理服务器及12000多台虚拟服务器")], MUNICIPAL, []),
    ("e-gov-network", "广州市电子政务网", "Guangzhou e-government network", ["电子政务网", "政务网、", "政务网等"],
     [(955, "市电子政务网实现五大核心带宽80G互联")], MUNICIPAL, []),
    ("gov-extranet", "广州市政务外网", "Guangzhou government extranet", ["政务外网"],
     [(1136, "构建“横向到边、纵向到底”的全市政务外网体系")], MUNICIPAL, []),
    ("gov-big-data-centre", "广州市政务大数据中心", "Guangzhou government big-data centre", ["政务大数据中心"],
     [(1027, "依托政务大数据中心"), (1146, "完善一体化政务大数据中心")], MUNICIPAL, [DATA_SERVICE]),
    ("info-sharing-platform", "广州市政务信息共享平台", "Guangzhou government information sharing platform",
     ["政务信息共享平台"], [(951, "市政务信息共享平台作为全市统一政务信息共享交换枢纽")], MUNICIPAL, [DATA_SERVICE]),
    ("digital-guangzhou-base", "数字广州基础应用平台", "Digital Guangzhou basic application platform", ["数字广州基础应用平台"],
     [(951, "数字广州基础应用平台累计汇聚5900多万条数据"), (955, "基于“四标四实”数据的数字广州基础应用平台")], MUNICIPAL, [DATA_SERVICE]),
    ("open-data-platform", "广州市政府数据统一开放平台", "Guangzhou unified government open-data platform",
     ["政府数据统一开放平台"], [(951, "广州市政府数据统一开放平台已接入63个部门的1518个开放数据集")], MUNICIPAL, [DATA_SERVICE]),
    ("hotline-12345", "广州12345政务服务便民热线", "Guangzhou 12345 government service hotline", ["12345"],
     [(943, "广州12345政务服务便民热线连续两年(2019年、2020年)荣获中国最佳政府服务热线称号")], MUNICIPAL, [M8G_CHANNEL]),
    ("cim-platform", "CIM平台", "CIM (city information model) platform", ["CIM", "城市信息模型平台"],
     [(955, "建成城市二维地图和CIM(城市信息模型)25平台")], MUNICIPAL, []),
    ("e-lian-tong", "e链通", "e-Liantong blockchain sharing platform for public resource trading", ["e链通"],
     [(947, "广州市公共资源交易领域首个区块链共享平台“e链通”,被国家发展改革委列为“2019年公共资源交易平台创新成果交流活动”交流成果")],
     MUNICIPAL, []),
    ("e-licence-system", "广州市电子证照系统", "Guangzhou electronic licence system", ["电子证照系统"],
     [(951, "市电子证照系统已与29个部门的81个业务系统完成互联互通")], MUNICIPAL, []),
    ("approval-system", "广州市一体化行政审批系统", "Guangzhou integrated administrative approval system", ["一体化行政审批系统"],
     [(943, "建成全市一体化行政审批系统")], MUNICIPAL, []),
    ("online-service-platform", "广州市一体化在线政务服务平台", "Guangzhou integrated online government service platform",
     ["一体化在线政务服务平台"], [(1184, "升级全市一体化在线政务服务平台")], MUNICIPAL, [M8G_CHANNEL]),
    ("collaborative-office", "广州市政务协同办公平台", "Guangzhou government collaborative office platform", ["政务协同办公平台"],
     [(1041, "实现市政务协同办公平台与“粤政易”平台全面对接")], MUNICIPAL, []),
    ("gov-blockchain", "政务区块链基础平台", "Government blockchain base platform", ["政务区块链基础平台"],
     [(1164, "建设支持国产密码体系的高可靠性、高安全性、自主可控政务区块链基础平台")], None, []),
    ("human-machine-platform", "广州市人机协同开放平台", "Guangzhou human-machine collaboration open platform", ["人机协同开放平台"],
     [(1162, "搭建广州市人机协同开放平台")], MUNICIPAL, []),
    ("ai-base-platform", "人工智能基础平台", "Artificial-intelligence base platform", ["人工智能基础平台", "人工智能能力基础平台"],
     [(1162, "集约建设人工智能能力基础平台")], None, []),
    ("identity-platform", "统一身份认证平台", "Unified identity authentication platform", ["统一身份认证"],
     [(1172, "完善统一身份认证账户库")], None, []),
    ("suikang", "穗康", "Suikang platform", ["穗康"],
     [(1196, "推动“穗康”向集政务服务、社会治理、生活服务于一体的城市生活平台转变")], MUNICIPAL, [M8G_CHANNEL]),
    ("single-window", "国际贸易“单一窗口”", "International trade 'single window'", ["单一窗口"],
     [(1218, "加强国际贸易“单一窗口”14建设和全面推广")], None, [M8G_CHANNEL]),
    ("credit-platform", "公共信用信息服务平台", "Public credit information service platform", ["公共信用信息服务平台"],
     [(1278, "优化升级公共信用信息服务平台")], None, []),
    ("service-supervision-platform", "全市政务服务监管平台", "City-wide government service supervision platform",
     ["政务服务监管平台"], [(1276, "建立完善全市政务服务监管平台")], MUNICIPAL, []),
    ("good-bad-review", "政务服务“好差评”系统", "Government service 'good or bad review' system", ["好差评”系统"],
     [(1276, "加强与各部门业务系统、“好差评”系统、咨询投诉平台等系统深入融合")], None, []),
    ("civil-affairs-platform", "民政业务综合信息平台", "Integrated information platform for civil affairs", ["民政业务综合信息平台"],
     [(1230, "依托民政业务综合信息平台")], None, []),
    ("health-info-platform", "全民健康信息平台", "Population health information platform", ["全民健康信息平台"],
     [(1224, "完善全民健康信息平台")], None, []),
    ("wanqutong", "湾区通", "Wanqutong (Greater Bay Area) platform", ["湾区通”平台"], [(1204, "完善推广“湾区通”平台")], None, [M8G_CHANNEL]),
    ("xinyidai", "粤信融广州信易贷", "Yuexinrong Guangzhou Xinyidai SME financing platform", ["粤信融广州信易贷"],
     [(1212, "推广“粤信融广州信易贷”等中小企业线上融资服务平台")], None, [M8G_CHANNEL]),
    ("data-circulation-supervision", "省级数据流通监管平台", "Provincial data-circulation supervision platform", ["数据流通监管平台"],
     [(1282, "依托省级数据流通监管平台")], PROVINCIAL, []),
]

# ---------------------------------------------------------------- indicators (Table 1), figures, targets

UNITS = [  # (key, zh, en, QUDT unit where one is exactly the same)
    ("percent", "%", "per cent", "http://qudt.org/vocab/unit/PERCENT"),
    ("10k-cores", "万核", "ten thousand (CPU) cores", None),
    ("10k-channels", "万路", "ten thousand (video) channels", None),
    ("100m", "亿", "hundred million", None),
    ("100m-records", "亿条", "hundred million records", None),
    ("10k-records", "万条", "ten thousand records", None),
    ("10k-documents", "万张", "ten thousand documents", None),
    ("10k-times", "万次", "ten thousand times", None),
    ("10k-users", "万名", "ten thousand users", None),
    ("count", "个", "count", None),
    ("items", "项", "items", None),
    ("cases", "件", "cases", None),
    ("points", "分", "points (score)", None),
    ("machines", "台", "machines", None),
    ("organisations", "家", "organisations", None),
    ("kinds", "类", "kinds", None),
    ("terabytes", "TB", "terabytes", "http://qudt.org/vocab/unit/TeraBYTE"),
]
QUALIFIERS = [  # (key, zh, en, definition en)
    ("at-least", "以上", "at least", "The figure is a lower bound, inclusive (以上)."),
    ("more-than", "超过", "more than", "The figure is exceeded (超, 超过, 多, 余)."),
    ("nearly", "近", "nearly", "The figure is approached from below (近)."),
    ("about", "约", "about", "The figure is approximate (约)."),
]

#: Table 1 rows: (line, key, en, unit)
TABLE_1 = [
    (1049, "cloud-compute", "Government-cloud computing capacity", "10k-cores"),
    (1051, "video-terminals", "Number of connected video terminals", "10k-channels"),
    (1053, "data-cataloguing-coverage", "Share of municipal departments covered by public-data cataloguing", "percent"),
    (1055, "public-data-total", "Cumulative total of public data collected", "100m"),
    (1057, "open-datasets", "Cumulative number of open public datasets", "count"),
    (1059, "good-bad-review-score", "Government service 'good or bad review' score", "points"),
    (1061, "fingertip-rate", "Share of high-frequency services handled 'at the fingertips'", "percent"),
    (1063, "terminal-coverage", "Coverage of sub-districts (towns) by all-in-one government service terminals", "percent"),
    (1065, "one-window-rate", "Share of 'one window' comprehensive acceptance", "percent"),
    (1067, "zero-visit-coverage", "Coverage of 'zero visit' services", "percent"),
    (1069, "full-online-rate", "Share of on-application and public services handled fully online", "percent"),
    (1071, "suihaoban-daily-users", "Daily active users of Suihaoban", "10k-users"),
    (1073, "suizhiguan-coverage", "Share of sectors covered by Suizhiguan", "percent"),
    (1075, "yuezhengyi-daily-active", "Daily active user rate of Yuezhengyi", "percent"),
    (1077, "one-thing-services", "Number of integrated 'one thing' theme services", "cases"),
    (1079, "cross-province-rate", "Share of high-frequency services handled 'across provinces'", "percent"),
]
TABLE_1_GAP = ("The source keeps only this indicator's name and unit (Table 1, line 1047); its baseline and target values were lost by the scraper and are not recorded here.",
               "来源仅存该指标的名称和单位（表1，第1047行）；其基期值和目标值在抓取中丢失，此处不予记录。")

#: 2020 figures of chapter 1 ("截至2020年12月31日"): (key, line, quote, zh, en, value, unit, qualifier, platform)
FIGURES_2020 = [
    ("2020-suihaoban-services", 943, "“穗好办”移动端为全市市民和企业提供近1200项服务事项", "“穗好办”移动端提供的服务事项", "Services offered on the Suihaoban mobile app", "1200", "items", "nearly", "suihaoban"),
    ("2020-online-application-rate", 943, "市级政务服务事项实现100%可网上申办", "市级政务服务事项可网上申办比例", "Share of municipal government services that can be applied for online", "100", "percent", None, None),
    ("2020-one-visit-rate", 943, "100%“最多跑一次”", "市级政务服务事项“最多跑一次”比例", "Share of municipal government services needing at most one visit", "100", "percent", None, None),
    ("2020-zero-visit-rate", 943, "98%实现“零跑动”3", "市级政务服务事项实现“零跑动”比例", "Share of municipal government services needing no visit", "98", "percent", None, None),
    ("2020-one-thing-municipal", 943, "共梳理市级“一件事”1联办主题服务105项", "市级“一件事”联办主题服务", "Municipal 'one thing' joint theme services", "105", "items", None, None),
    ("2020-one-thing-district", 943, "区级284项", "区级“一件事”联办主题服务", "District 'one thing' joint theme services", "284", "items", None, None),
    ("2020-full-online-items", 943, "梳理169个全流程网办事项", "全流程网办事项", "Services handled fully online", "169", "count", None, None),
    ("2020-self-service-terminals", 943, "全市部署政务服务自助终端机3500台", "政务服务自助终端机", "Self-service government terminals deployed", "3500", "machines", None, None),
    ("2020-sharing-units", 951, "已接入市直单位152家", "接入市政务信息共享平台的市直单位", "Municipal units connected to the information sharing platform", "152", "organisations", None, "info-sharing-platform"),
    ("2020-sharing-topics", 951, "信息资源主题4056个", "市政务信息共享平台信息资源主题", "Information resource topics on the sharing platform", "4056", "count", None, "info-sharing-platform"),
    ("2020-sharing-records", 951, "汇集数据超170亿条", "市政务信息共享平台汇集数据", "Records collected on the sharing platform", "170", "100m-records", "more-than", "info-sharing-platform"),
    ("2020-sharing-daily-exchange", 951, "日均交换数据超4900万条", "市政务信息共享平台日均交换数据", "Records exchanged per day on the sharing platform", "4900", "10k-records", "more-than", "info-sharing-platform"),
    ("2020-digital-guangzhou-records", 951, "数字广州基础应用平台累计汇聚5900多万条数据", "数字广州基础应用平台累计汇聚数据", "Records collected on the Digital Guangzhou platform", "5900", "10k-records", "more-than", "digital-guangzhou-base"),
    ("2020-certificates-waived", 951, "在市本级全面免除相关证明超150万张", "市本级免除的证明", "Certificates waived at municipal level", "150", "10k-documents", "more-than", "info-sharing-platform"),
    ("2020-e-licence-departments", 951, "市电子证照系统已与29个部门的81个业务系统完成互联互通", "与市电子证照系统互联互通的部门", "Departments whose systems are connected to the e-licence system", "29", "count", None, "e-licence-system"),
    ("2020-e-licence-systems", 951, "市电子证照系统已与29个部门的81个业务系统完成互联互通", "与市电子证照系统互联互通的业务系统", "Business systems connected to the e-licence system", "81", "count", None, "e-licence-system"),
    ("2020-e-licence-kinds", 951, "上线550类电子证照", "上线的电子证照类别", "Kinds of electronic licences online", "550", "kinds", None, "e-licence-system"),
    ("2020-e-licences-issued", 951, "累计签发近8000万张电子证照", "累计签发的电子证照", "Electronic licences issued (cumulative)", "8000", "10k-documents", "nearly", "e-licence-system"),
    ("2020-e-licence-uses", 951, "累计用证2500多万次", "累计用证次数", "Uses of electronic licences (cumulative)", "2500", "10k-times", "more-than", "e-licence-system"),
    ("2020-open-data-departments", 951, "广州市政府数据统一开放平台已接入63个部门的1518个开放数据集", "接入政府数据统一开放平台的部门", "Departments connected to the open-data platform", "63", "count", None, "open-data-platform"),
    ("2020-open-datasets", 951, "广州市政府数据统一开放平台已接入63个部门的1518个开放数据集", "政府数据统一开放平台开放数据集", "Open datasets on the open-data platform", "1518", "count", None, "open-data-platform"),
    ("2020-open-data-interfaces", 951, "233个数据接口", "政府数据统一开放平台数据接口", "Data interfaces on the open-data platform", "233", "count", None, "open-data-platform"),
    ("2020-open-data-records", 951, "开放数据约1.33亿条", "政府数据统一开放平台开放数据", "Records opened on the open-data platform", "1.33", "100m-records", "about", "open-data-platform"),
    ("2020-open-data-downloads", 951, "累计下载超17万次", "政府数据统一开放平台累计下载", "Downloads from the open-data platform (cumulative)", "17", "10k-times", "more-than", "open-data-platform"),
    ("2020-cloud-physical-servers", 955, "市政务云服务平台共有2200多台物理服务器", "市政务云服务平台物理服务器", "Physical servers of the government cloud", "2200", "machines", "more-than", "gov-cloud"),
    ("2020-cloud-virtual-servers", 955, "12000多台虚拟服务器", "市政务云服务平台虚拟服务器", "Virtual servers of the government cloud", "12000", "machines", "more-than", "gov-cloud"),
    ("2020-cloud-storage", 955, "存储总量超过16300TB", "市政务云服务平台存储总量", "Total storage of the government cloud", "16300", "terabytes", "more-than", "gov-cloud"),
    ("2020-cloud-services", 955, "提供58项云资源服务", "市政务云服务平台云资源服务", "Cloud resource services offered", "58", "items", None, "gov-cloud"),
    ("2020-cloud-unit-share", 955, "80%以上市级单位在云服务平台部署应用系统", "在云服务平台部署应用系统的市级单位比例", "Share of municipal units running systems on the cloud platform", "80", "percent", "at-least", "gov-cloud"),
    ("2020-network-user-units", 955, "共接入1000余家用户单位", "市电子政务网接入用户单位", "User units connected to the e-government network", "1000", "organisations", "more-than", "e-gov-network"),
    ("2020-network-internet-units", 955, "其中互联网访问单位400余家", "市电子政务网互联网访问单位", "Of which units with Internet access", "400", "organisations", "more-than", "e-gov-network"),
]

#: 2025 targets: (key, line, quote, zh, en, value, unit, qualifier, indicator, platform, baseline)
TARGETS_2025 = [
    ("2025-fingertip-rate", 1037, "80%的高频政务服务事项实现“指尖办”", "高频政务服务事项实现“指尖办”比例", "Share of high-frequency services handled 'at the fingertips'", "80", "percent", None, "fingertip-rate", "suihaoban", None),
    ("2025-online-rate", 1037, "市级政务服务事项网上可办率达到100%", "市级政务服务事项网上可办率", "Share of municipal government services available online", "100", "percent", None, None, None, "2020-online-application-rate"),
    ("2025-terminal-coverage", 1037, "政务服务一体机街(镇)覆盖率达到100%", "政务服务一体机街（镇）覆盖率", "Coverage of sub-districts (towns) by all-in-one government service terminals", "100", "percent", None, "terminal-coverage", None, None),
    ("2025-yuezhengyi-opened", 1041, "“粤政易”实现政府公职人员100%开通", "“粤政易”政府公职人员开通率", "Share of public servants with a Yuezhengyi account", "100", "percent", None, None, "yuezhengyi", None),
    ("2025-yuezhengyi-activation", 1041, "激活率95%以上", "“粤政易”激活率", "Yuezhengyi activation rate", "95", "percent", "at-least", None, "yuezhengyi", None),
    ("2025-yuezhengyi-daily-active", 1041, "日均活跃率达50%以上", "“粤政易”日均活跃率", "Yuezhengyi daily active rate", "50", "percent", "at-least", "yuezhengyi-daily-active", "yuezhengyi", None),
    ("2025-public-data-total", 1043, "累计公共数据汇聚总量达到300亿", "累计公共数据汇聚总量", "Cumulative total of public data collected", "300", "100m", None, "public-data-total", None, None),
    ("2025-open-datasets", 1043, "公共数据开放数据集达到2000个", "公共数据开放数据集数量", "Number of open public datasets", "2000", "count", None, "open-datasets", "open-data-platform", "2020-open-datasets"),
    ("2025-cloud-compute", 1045, "实现政务云资源算力规模25万核", "政务云资源算力规模", "Government-cloud computing capacity", "25", "10k-cores", None, "cloud-compute", "gov-cloud", None),
    ("2025-e-licence-use-rate", 1045, "电子证照用证率80%以上", "电子证照用证率", "Rate of use of electronic licences", "80", "percent", "at-least", None, None, None),
    ("2025-video-terminals", 1045, "视频终端接入数量达到110万路", "视频终端接入数量", "Number of connected video terminals", "110", "10k-channels", None, "video-terminals", None, None),
]
BASELINE_NOTES = {
    "2025-online-rate": ("Baseline paired by the editors: line 943 gives the 2020 share of municipal services that can be applied for online (100 %), the same quantity in the base year 2020 (line 933).",
                         "基期值由编者对应：第943行记载2020年市级政务服务事项可网上申办比例（100%），即基准年（第933行）的同一数量。"),
    "2025-open-datasets": ("Baseline paired by the editors: line 951 gives the open datasets on the city's open-data platform at the end of 2020 (1,518), the same count in the base year 2020 (line 933).",
                           "基期值由编者对应：第951行记载截至2020年底市政府数据统一开放平台的开放数据集（1518个），即基准年（第933行）的同一数量。"),
    "2025-public-data-total": ("No baseline: line 951 gives more than 17 billion records on the information sharing platform in 2020, but the text does not say it is the same quantity as the public-data total.",
                               "无基期值：第951行记载2020年市政务信息共享平台汇集数据超170亿条，但来源未说明其与公共数据汇聚总量为同一数量。"),
}

# ---------------------------------------------------------------- line 1: the plan's statements on digital economy

#: passages of the plan that bear on line 1 ("who must include digital-economy development in the
#: national economic and social development plan of its level"): the plan is compiled under the
#: city's 14th Five-Year outline (933); the national outline puts 数字经济 in (969); the plan's own
#: guiding thought and goals tie digital government to the digital economy (1007, 1033)
DIGITAL_ECONOMY_STATEMENTS = [
    (933, "按照国家战略部署和《广东省数字政府改革建设“十四五”规划》《广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要》等文件要求,结合本市实际情况,编制本规划"),
    (969, "《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》将数字化发展提升到前所未有的高度,提出中国要“迎接数字时代,激活数据要素潜能,推进网络强国建设,加快建设数字经济、数字社会、数字政府"),
    (1007, "加快建设数字经济、数字社会、数字政府"),
    (1033, "以数字政府建设赋能数字经济"),
]

#: the plans this one is compiled under (line 933) or cites on digital development (line 969)
RELATED_PLANS = [
    Node("legal:gz-14th-fyp-outline", ["gk:Plan", "gk:LegalInstrument"], {
        "skos:prefLabel": [zh("广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要"),
                           en("Outline of the 14th Five-Year Plan for the National Economic and Social Development of Guangzhou and the Long-Range Objectives through 2035")]},
        [Q(933, "《广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要》"),
         Q(969, "《广州市国民经济和社会发展第十四个五年规划和2035年远景目标纲要》提出,聚焦政府数字化转型和政务服务品牌塑造")]),
    Node("legal:gd-dg-14th-plan", ["gk:Plan", "gk:LegalInstrument"], {
        "skos:prefLabel": [zh("广东省数字政府改革建设“十四五”规划"),
                           en("Guangdong 14th Five-Year Plan for Digital Government Reform and Development")]},
        [Q(933, "《广东省数字政府改革建设“十四五”规划》"), Q(969, "《广东省数字政府改革建设“十四五”规划》明确")]),
    Node("legal:gd-14th-fyp-outline", ["gk:Plan", "gk:LegalInstrument"], {
        "skos:prefLabel": [zh("广东省国民经济和社会发展第十四个五年规划和2035年远景目标纲要"),
                           en("Outline of the 14th Five-Year Plan for the National Economic and Social Development of Guangdong Province and the Long-Range Objectives through 2035")]},
        [Q(969, "《广东省国民经济和社会发展第十四个五年规划和2035年远景目标纲要》提出,深入推进数字政府改革建设")]),
    Node("legal:national-14th-fyp-outline", ["gk:Plan", "gk:LegalInstrument"], {
        "skos:prefLabel": [zh("中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要"),
                           en("Outline of the 14th Five-Year Plan for the National Economic and Social Development of the People's Republic of China and the Long-Range Objectives through 2035")]},
        [Q(929, "《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》"),
         Q(969, "加快建设数字经济、数字社会、数字政府")]),
    Node(PLAN, [], {"gk:legalBasis": ["legal:gd-dg-14th-plan", "legal:gz-14th-fyp-outline"]}),
]


# ---------------------------------------------------------------- build


def concept(key, scheme, zh_label, en_label, definition=None, exact=None):
    props = {"skos:prefLabel": [zh(zh_label), en(en_label)], "skos:inScheme": [scheme]}
    if definition:
        props["skos:definition"] = [en(definition)]
    if exact:
        props["skos:exactMatch"] = [exact]
    return Node(key, ["skos:Concept"], props)


def vocabularies() -> list[Node]:
    rows = [
        Node("plan:part-kinds", ["skos:ConceptScheme"], {"skos:prefLabel": [zh("规划组成部分类型"), en("Kinds of plan parts")]}),
        Node("plan:units", ["skos:ConceptScheme"], {"skos:prefLabel": [zh("计量单位"), en("Units of measure")]}),
        Node("plan:value-qualifiers", ["skos:ConceptScheme"], {"skos:prefLabel": [zh("数值限定"), en("Value qualifiers")]}),
        Node("plan:levels", ["skos:ConceptScheme"], {"skos:prefLabel": [zh("行政层级"), en("Administrative levels")]}),
        Node("plan:gz-dg-table-1", ["skos:ConceptScheme"],
             {"skos:prefLabel": [zh("表1“十四五”时期广州市数字政府建设主要指标"),
                                 en("Table 1 Main indicators of Guangzhou's digital government in the 14th Five-Year period")],
              "gk:legalBasis": ["legal:gz-dg-plan-table-1"]}, [Q(1047)]),
        concept("plan:level-provincial", "plan:levels", "省级", "provincial"),
        concept("plan:level-municipal", "plan:levels", "市级", "municipal"),
        Node("domain:digital-government", ["skos:Concept"], {
            "skos:inScheme": ["domain:scheme"], "skos:topConceptOf": ["domain:scheme"],
            "skos:prefLabel": [zh("数字政府"), en("Digital government")],
            "skos:definition": [en("Building and running government's digital infrastructure, platforms, data and online services, and digital city governance (Guangzhou digital-government plan, lines 899-1293).")]}),
        Node("domain:scheme", [], {"skos:hasTopConcept": ["domain:digital-government"]}),
    ]
    for key, zh_label, en_label in (("chapter", "章", "chapter"), ("section", "节", "section"), ("item", "目", "item"),
                                    ("column", "专栏", "boxed column"), ("table", "表", "table"),
                                    ("preamble", "前言", "preamble")):
        rows.append(concept("plan:part-" + key, "plan:part-kinds", zh_label, en_label))
    for key, zh_label, en_label, exact in UNITS:
        rows.append(concept("plan:unit-" + key, "plan:units", zh_label, en_label, exact=exact))
    for key, zh_label, en_label, definition in QUALIFIERS:
        rows.append(concept("plan:qualifier-" + key, "plan:value-qualifiers", zh_label, en_label, definition))
    return rows


def platforms(b: Builder) -> list[Platform]:
    out = []
    for key, zh_label, en_label, names, mentions, level, kinds in PLATFORMS:
        quotes = [sentence_with(b, MAIN, line, words) for line, words in mentions]
        statements = [clean_footnotes(q.text, q.line, FOOTNOTES) for q in quotes]
        out.append(Platform(key, zh_label, en_label, names, quotes, level=level, kinds=kinds, statements=statements))
    return out


def tasks(b: Builder) -> list[Task]:
    doc = b.document(MAIN)
    out = []
    for key, part_key, line, en_label in TASKS:
        text = doc.line(line).strip()
        heading = strip_heading(clean_footnotes(text.split("。", 1)[0], line, FOOTNOTES))
        out.append(Task("gzdg-" + key, "gz-dg-plan-" + part_key, heading, en_label, Q(line)))
    for key, part_key, line, zh_label, en_label in UNHEADED_TASKS:
        out.append(Task("gzdg-" + key, "gz-dg-plan-" + part_key, zh_label, en_label, Q(line)))
    for (col, line), projects in KEY_PROJECTS.items():
        spans = key_project_spans(b, MAIN, line, [name for _, name, _ in projects])
        for (key, name, en_label), quote in zip(projects, spans):
            label = strip_heading(clean_footnotes(name, line, FOOTNOTES))
            out.append(Task("gzdg-" + key, "gz-dg-plan-" + col, label, en_label, quote, key_project=True))
    for key, part_key, broader, line, clause, zh_label, en_label, bodies, period in NAMED:
        text = doc.line(line)
        if clause not in text:
            raise AuthoringError(f"line {line}: {clause!r} not found")
        out.append(Task("gzdg-" + key, ("gz-dg-plan-" + part_key) if part_key != "notice" else "gz-dg-plan-notice-part",
                        zh_label, en_label, Q(line, clause), bodies=bodies, part_of=broader,
                        period=period or (None, None)))
    return out


def figures() -> list:
    rows = []
    for line, key, en_label, unit in TABLE_1:
        raw = LINES_CACHE[line]
        name = raw.rsplit("(", 1)[0]
        rows.append(Indicator("gz-dg-indicator-" + key, "plan:gz-dg-table-1", str(len(rows) + 1), name, en_label,
                              "plan:unit-" + unit, [Q(line)], gap=TABLE_1_GAP))
    for key, line, quote, zh_label, en_label, value, unit, qualifier, platform in FIGURES_2020:
        rows.append(Figure("gz-dg-" + key, zh_label + "（2020年）", en_label + " (2020)", value, "plan:unit-" + unit, 2020,
                           [Q(line, quote)], qualifier="plan:qualifier-" + qualifier if qualifier else None,
                           platform=platform))
    for key, line, quote, zh_label, en_label, value, unit, qualifier, indicator, platform, baseline in TARGETS_2025:
        rows.append(Figure("gz-dg-" + key, zh_label + "（2025年目标）", en_label + " (2025 target)", value, "plan:unit-" + unit, 2025,
                           [Q(line, quote)], target=True, qualifier="plan:qualifier-" + qualifier if qualifier else None,
                           indicator=("gz-dg-indicator-" + indicator) if indicator else None, platform=platform,
                           basis="gz-dg-plan-goals-2025", baseline=("gz-dg-" + baseline) if baseline else None,
                           note=BASELINE_NOTES.get(key)))
    return rows


LINES_CACHE: dict[int, str] = {}


def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    doc = b.document(MAIN)
    LINES_CACHE.update({n: doc.line(n).strip() for n in range(899, 1294)})
    check_footnotes(b, MAIN, FOOTNOTES)
    b.emit(BODIES)
    b.emit(DOCUMENTS)
    b.emit(vocabularies())
    b.emit(build_parts(b))
    b.emit([Part("gz-dg-plan-notice-part", PLAN, "part-preamble", "印发通知", "Covering notice", [Q(899), Q(901)],
                 notation="通知")])
    rows = figures()
    check_baselines([r for r in rows if isinstance(r, Figure)])
    b.emit(rows)
    found = platforms(b)
    b.emit(found)
    for t in tasks(b):
        t.emit(b, found, FOOTNOTES, PERIOD)
    b.emit(RELATED_PLANS)
    # line 1: the duty keeps its answer; the plan's statements that bear on it are linked to it
    for line, words in DIGITAL_ECONOMY_STATEMENTS:
        b.add("duty:digital-economy-in-development-plan", "dcterms:relation", Q(line, words).passage(b))

"""The NDRC's 2008 mandate ("三定"): departments, main duties, department duties (source lines 3–113).

For every duty the table gives the source line and the exact substring quoted from it; the
builder checks the quote is on that line verbatim (in text order) and fails otherwise.  The
canonical text is ``normalise(quote)`` with trailing punctuation stripped, except for the few
duties carved out of a clause that joins two responsibilities: their canonical text is given by
hand and must be a character subsequence of the normalised quote, so no word is invented.

Paragraph → department mapping: data/sources/reference.md §1.  English department names:
reference §5 where official names are known, otherwise a plain translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.authoring.builder import AuthoringError, Builder, en, zh
from govkg.authoring.rows import Assignment, Body, Duty, Q, R
from govkg.chinese import ARTEFACTS, normalise

OUTPUT = "ndrc_mandate_2008.ttl"
HEADER = "The NDRC's 2008 mandate (三定) from data/sources/000_5877207f3088a5d6.txt, lines 3-113:\ndepartments, main duties, department duties and one assignment per duty."
START = "2008-03-15"
#: The 三定 is dated 2008-08 (day not in the sources); its assignments start on the day the NPC
#: approved the reform it rests on (line 3), precise only to the year as a start of these duties.
START_EVIDENCE = R("2008, month August (day not in these sources): the NDRC's 2008 mandate (三定) with 28 functional bodies")
START_QUALIFIERS = {
    "gk:startPrecision": "gk:YearPrecision",
    "gk:startBasis": [
        en("2008-03-15 is the NPC's approval of the 2008 State Council reform on which the 三定 rests (source line 3); "
           "the 三定 itself is dated August 2008, its day not in the sources."),
        zh("2008-03-15 为三定方案所依据的2008年国务院机构改革方案经全国人大批准之日（来源第3行）；三定方案本身为2008年8月，具体日期来源未载。"),
    ],
}
LEGAL_BASIS = "guofa-2008-11"
TRAILING = "；;。,，"
CO_RESPONSIBLE = re.compile("会同|共同|与有关部门|协助")
#: scraper noise and dropped-header remnants that no duty quotes (checked by the coverage check)
NOISE = [
    "根据职责,国家发展和改革委员会内设28个职能机构:中华人民共和国国家发展和改革委员会(一)办公厅 ",
    "中华人民共和国国家发展和改革委员会(七)固定资产投资司 ",
    "中华人民共和国国家发展和改革委员会(十八)社会发展司 ",
    "中华人民共和国国家发展和改革委员会",
]
#: lines that hold no duty although they are in the ranges checked for coverage
NO_DUTY_LINES = {105}  # header 重大项目稽察特派员办公室


# ---------------------------------------------------------------- departments

@dataclass(frozen=True)
class Dept:
    notation: str | None  # position in the 2008 list of 28 functional bodies
    slug: str
    zh: str
    en: str
    first_line: int
    alt: tuple[tuple[str, str], ...] = ()  # (text, lang)


DEPARTMENTS = [
    Dept("1", "general-office", "办公厅", "General Office", 35),
    Dept("2", "policy-studies", "政策研究室", "Office of Policy Studies", 39),
    Dept("3", "development-planning", "发展规划司", "Department of Development Planning", 41),
    Dept("4", "national-economy", "国民经济综合司", "Department of National Economy", 45),
    Dept("5", "economic-operation", "经济运行调节局", "Bureau of Economic Operation Regulation", 49),
    Dept("6", "economic-system-reform", "经济体制综合改革司", "Department of Comprehensive Economic System Reform", 53),
    Dept("7", "fixed-asset-investment", "固定资产投资司", "Department of Fixed Asset Investment", 55),
    Dept("8", "foreign-capital", "利用外资和境外投资司", "Department of Foreign Capital and Overseas Investment", 57),
    Dept("9", "regional-economy", "地区经济司", "Department of Regional Economy", 61),
    Dept("10", "western-development", "西部开发司", "Department of Western Region Development", 65),
    Dept("11", "northeast-revitalisation", "东北等老工业基地振兴司",
         "Department for Revitalising Northeast China and Other Old Industrial Bases", 67),
    Dept("12", "rural-economy", "农村经济司", "Department of Rural Economy", 69),
    Dept("13", "basic-industries", "基础产业司", "Department of Basic Industries", 71),
    Dept("14", "industrial-coordination", "产业协调司", "Department of Industrial Coordination", 73),
    Dept("15", "high-tech-industry", "高技术产业司", "Department of High-Tech Industry", 77),
    Dept("16", "resource-conservation", "资源节约和环境保护司",
         "Department of Resource Conservation and Environmental Protection", 79),
    Dept("17", "climate-change", "应对气候变化司", "Department of Climate Change", 83),
    Dept("18", "social-development", "社会发展司", "Department of Social Development", 85),
    Dept("19", "employment-income", "就业和收入分配司", "Department of Employment and Income Distribution", 87),
    Dept("20", "economy-trade", "经济贸易司", "Department of Economy and Trade", 89),
    Dept("21", "fiscal-financial", "财政金融司", "Department of Fiscal and Financial Affairs", 91),
    Dept("22", "price", "价格司", "Department of Price", 93),
    Dept("23", "price-supervision", "价格监督检查司", "Department of Price Supervision and Inspection", 95,
         (("价格监督检查与反垄断局", "zh"), ("Bureau of Price Supervision and Anti-monopoly", "en"))),
    Dept("24", "laws-regulations", "法规司", "Department of Laws and Regulations", 97),
    Dept("25", "foreign-affairs", "外事司", "Department of International Cooperation", 99,
         (("国际合作司", "zh"), ("Department of Foreign Affairs", "en"))),
    Dept("26", "personnel", "人事司", "Department of Personnel", 101),
    Dept("27", "economic-mobilisation", "国民经济动员办公室", "Office of National Economic Mobilisation", 103),
    Dept("28", "key-project-inspectors", "重大项目稽察特派员办公室", "Office of Key Project Inspectors", 105),
    Dept(None, "party-committee", "机关党委", "Party Committee of the Commission's Offices", 109),
    Dept(None, "retired-cadres", "离退休干部局", "Bureau of Retired Cadres", 111),
]


# ---------------------------------------------------------------- duties

@dataclass(frozen=True)
class D:
    line: int
    quote: str  # verbatim substring of the source line (artefacts kept)
    en: str
    domains: tuple[str, ...] | str
    canon: str | None = None  # hand-carved canonical text (subsequence of normalise(quote))
    zh: str | None = None  # concise zh label (subsequence of the canonical text), for long texts
    notation: str | None = None  # main duties: "(一)" …


MAIN_DUTIES = [
    D(5, "拟订并组织实施国民经济和社会发展战略、中长期规划和年度计画,统筹协调经济社会发展,研究分析国内外经济形势,提出国民经济发展、价格总水平调控和最佳化重大经济结构的目标、政策,提出综合运用各种经济手段和政策的建议,受国务院委託向全国人大提交国民经济和社会发展计画的报告。",
      "Draw up and implement national economic and social development strategies, medium- and long-term plans and annual plans",
      ("development-planning", "macroeconomic-regulation"),
      zh="拟订并组织实施国民经济和社会发展战略、中长期规划和年度计划", notation="(一)"),
    D(7, "负责监测巨观经济和社会发展态势,承担预测预警和信息引导的责任,研究巨观经济运行、总量平衡、国家经济安全和总体产业安全等重要问题并提出巨观调控政策建议,负责协调解决经济运行中的重大问题,调节经济运行,负责组织重要物资的紧急调度和交通运输协调。",
      "Monitor macroeconomic and social development, propose macro-regulation policies and regulate economic operation",
      ("macroeconomic-regulation", "economic-operation"),
      zh="负责监测宏观经济和社会发展态势", notation="(二)"),
    D(9, "负责汇总分析财政、金融等方面的情况,参与制定财政政策、货币政策和土地政策,拟订并组织实施价格政策。综合分析财政、金融、土地政策的执行效果,监督检查价格政策的执行。负责组织制定和调整少数由国家管理的重要商品价格和重要收费标準,依法查处价格违法行为和价格垄断行为等。负责全口径外债的总量控制、结构最佳化和监测工作,促进国际收支平衡。",
      "Analyse fiscal and financial conditions, help make fiscal, monetary and land policy, set price policy and key prices, and control total external debt",
      ("fiscal-and-financial", "prices", "foreign-capital"),
      canon="负责汇总分析财政、金融等方面的情况,参与制定财政政策、货币政策和土地政策,拟订并组织实施价格政策。综合分析财政、金融、土地政策的执行效果。负责组织制定和调整少数由国家管理的重要商品价格和重要收费标准。负责全口径外债的总量控制、结构优化和监测工作,促进国际收支平衡",
      zh="负责汇总分析财政、金融等方面的情况", notation="(三)"),
    D(11, "承担指导推进和综合协调经济体制改革的责任,研究经济体制改革和对外开放的重大问题,组织拟订综合性经济体制改革方案,协调有关专项经济体制改革方案,会同有关部门搞好重要专项经济体制改革之间的衔接,指导经济体制改革试点和改革试验区工作。",
      "Guide, advance and coordinate economic system reform",
      ("economic-system-reform",),
      zh="承担指导推进和综合协调经济体制改革的责任", notation="(四)"),
    D(13, "承担规划重大建设项目和生产力布局的责任,拟订全社会固定资产投资总规模和投资结构的调控目标、政策及措施,衔接平衡需要安排中央政府投资和涉及重大建设项目的专项规划。安排中央财政性建设资金,按国务院规定许可权审批、核准、审核重大建设项目、重大外资项目、境外资源开发类重大投资项目和大额用汇投资项目。指导和监督国外贷款建设资金的使用,引导民间投资的方向,研究提出利用外资和境外投资的战略、规划、总量平衡和结构最佳化的目标和政策。组织开展重大建设项目稽察。指导工程谘询业发展。",
      "Plan major construction projects and the layout of productive forces, regulate fixed-asset investment and approve major projects",
      ("investment", "foreign-capital"),
      canon="承担规划重大建设项目和生产力布局的责任,拟订全社会固定资产投资总规模和投资结构的调控目标、政策及措施,衔接平衡需要安排中央政府投资和涉及重大建设项目的专项规划。安排中央财政性建设资金,按国务院规定权限审批、核准、审核重大建设项目、重大外资项目、境外资源开发类重大投资项目和大额用汇投资项目。指导和监督国外贷款建设资金的使用,引导民间投资的方向,研究提出利用外资和境外投资的战略、规划、总量平衡和结构优化的目标和政策。指导工程咨询业发展",
      zh="承担规划重大建设项目和生产力布局的责任", notation="(五)"),
    D(15, "推进经济结构战略性调整。组织拟订综合性产业政策,负责协调第一、二、三产业发展的重大问题并衔接平衡相关发展规划和重大政策,做好与国民经济和社会发展规划、计画的衔接平衡;协调农业和农村经济社会发展的重大问题;会同有关部门拟订服务业发展战略和重大政策,拟订现代物流业发展战略、规划,组织拟订高技术产业发展、产业技术进步的战略、规划和重大政策,协调解决重大技术装备推广套用等方面的重大问题。",
      "Advance the strategic adjustment of the economic structure",
      ("industry", "rural-economy", "high-tech-and-innovation"),
      zh="推进经济结构战略性调整", notation="(六)"),
    D(17, "承担组织编制主体功能区规划并协调实施和进行监测评估的责任,组织拟订区域协调发展及西部地区开发、振兴东北地区等老工业基地、促进中部地区崛起的战略、规划和重大政策,研究提出城镇化发展战略和重大政策,负责地区经济协作的统筹协调。",
      "Coordinate, monitor and evaluate the implementation of the main functional zone plan and promote coordinated regional development and urbanisation",
      ("regional-development",),
      canon="承担主体功能区规划协调实施和进行监测评估的责任,组织拟订区域协调发展及西部地区开发、振兴东北地区等老工业基地、促进中部地区崛起的战略、规划和重大政策,研究提出城镇化发展战略和重大政策,负责地区经济协作的统筹协调",
      zh="组织拟订区域协调发展战略、规划和重大政策", notation="(七)"),
    D(19, "承担重要商品总量平衡和巨观调控的责任,编制重要农产品、工业品和原材料进出口总量计画并监督执行,根据经济运行情况对进出口总量计画进行调整,拟订国家战略物资储备规划,负责组织国家战略物资的收储、动用、轮换和管理,会同有关部门管理国家粮食、棉花和食糖等储备。",
      "Balance the aggregate supply of important commodities, plan their imports and exports, and plan national strategic material reserves",
      ("trade-and-reserves",),
      canon="承担重要商品总量平衡和宏观调控的责任,编制重要农产品、工业品和原材料进出口总量计划并监督执行,根据经济运行情况对进出口总量计划进行调整,拟订国家战略物资储备规划",
      zh="承担重要商品总量平衡和宏观调控的责任", notation="(八)"),
    D(21, "负责社会发展与国民经济发展的政策衔接,组织拟订社会发展战略、总体规划和年度计画,参与拟订人口和计画生育、科学技术、教育、文化、卫生、民政等发展政策,推进社会事业建设,研究提出促进就业、调整收入分配、完善社会保障与经济协调发展的政策建议,协调社会事业发展和改革中的重大问题及政策。",
      "Dovetail social development policy with national economic development; plan social development, employment and income distribution",
      ("social-development", "employment-and-income"),
      zh="负责社会发展与国民经济发展的政策衔接", notation="(九)"),
    D(23, "推进可持续发展战略,负责节能减排的综合协调工作,组织拟订发展循环经济、全社会能源资源节约和综合利用规划及政策措施并协调实施,参与编制生态建设、环境保护规划,协调生态建设、能源资源节约和综合利用的重大问题,综合协调环保产业和清洁生产促进有关工作。",
      "Advance the sustainable development strategy and coordinate energy saving and the circular economy",
      ("resource-conservation-and-environment",),
      canon="推进可持续发展战略,负责节能的综合协调工作,组织拟订发展循环经济、全社会能源资源节约和综合利用规划及政策措施并协调实施,参与编制生态建设、环境保护规划,协调生态建设、能源资源节约和综合利用的重大问题,综合协调环保产业和清洁生产促进有关工作",
      zh="推进可持续发展战略", notation="(十)"),
    D(25, "组织拟订应对气候变化重大战略、规划和政策,与有关部门共同牵头组织参加气候变化国际谈判,负责国家履行联合国气候变化框架公约的相关工作。",
      "Draw up major strategies, plans and policies on climate change and lead China's international climate negotiations",
      ("climate-change",),
      zh="组织拟订应对气候变化重大战略、规划和政策", notation="(十一)"),
    D(27, "起草国民经济和社会发展、经济体制改革和对外开放的有关法律法规草案,制定部门规章。按规定指导和协调全国招投标工作。",
      "Draft laws and regulations on development, economic system reform and opening up, make departmental rules, and guide tendering",
      ("laws-and-regulations",),
      zh="起草国民经济和社会发展、经济体制改革和对外开放的有关法律法规草案", notation="(十二)"),
    D(27, "组织编制国民经济动员规划、计画,研究国民经济动员与国民经济、国防建设的关係,协调相关重大问题,组织实施国民经济动员有关工作。",
      "Draw up and implement national economic mobilisation plans",
      ("economic-mobilisation",),
      zh="组织编制国民经济动员规划、计划", notation="(十三)"),
    D(29, "承担国家国防动员委员会有关具体工作和国务院西部地区开发领导小组、国务院振兴东北地区等老工业基地领导小组、国家应对气候变化及节能减排工作领导小组的具体工作。",
      "Do the specific work of the National Defence Mobilisation Commission and of the State Council's leading groups on western development, northeast revitalisation, and climate change and energy saving",
      ("economic-mobilisation", "regional-development", "climate-change"),
      zh="承担国家国防动员委员会有关具体工作", notation="(十四)"),
    D(31, "承办国务院交办的其他事项。",
      "Undertake other matters assigned by the State Council",
      ("internal-administration",), notation="(十五)"),
]

#: clauses carved out of main duties because they moved on their own in 2018 (reference §3):
#: (main duty number, key suffix, duty).  Each is gk:carvedFrom its main duty, whose canonical
#: text above leaves the clause out; the 2018 transfers are in the reorganisations table.
MAIN_DUTY_PARTS = [
    (3, "price-supervision", D(9, MAIN_DUTIES[2].quote,
       "Supervise and inspect the execution of price policy; investigate price violations and price monopolies under the law",
       ("price-supervision",), canon="监督检查价格政策的执行,依法查处价格违法行为和价格垄断行为",
       zh="依法查处价格违法行为和价格垄断行为")),
    (5, "key-project-inspection", D(13, MAIN_DUTIES[4].quote,
       "Inspect major construction projects", ("investment",), canon="组织开展重大建设项目稽察")),
    (7, "main-functional-zone-planning", D(17, MAIN_DUTIES[6].quote,
       "Draw up the plan of main functional zones", ("regional-development",), canon="组织编制主体功能区规划")),
    (8, "strategic-reserves", D(19, MAIN_DUTIES[7].quote,
       "Purchase, release, rotate and manage national strategic material reserves; manage the national grain, cotton and sugar reserves with other departments",
       ("trade-and-reserves",), canon="负责组织国家战略物资的收储、动用、轮换和管理,会同有关部门管理国家粮食、棉花和食糖等储备",
       zh="负责组织国家战略物资的收储、动用、轮换和管理")),
    (10, "emission-reduction", D(23, MAIN_DUTIES[9].quote,
       "Coordinate emission reduction", ("climate-change",), canon="负责减排的综合协调工作")),
]

#: department slug -> its duties in text order
DEPARTMENT_DUTIES: dict[str, list[D]] = {
    "general-office": [
        D(35, "负责文电、会务、机要、档案等机关日常运转工作;",
          "Run the Commission's daily business: documents and telegrams, meetings, confidential affairs and archives",
          "internal-administration"),
        D(37, "承担信息、安全保密、信访、政务公开工作;",
          "Handle information, security and secrecy, public petitions and openness of government affairs",
          "internal-administration"),
        D(37, "承担机关财务、资产管理、内部审计等工作。",
          "Handle the Commission's finances, asset management and internal audit",
          "internal-administration"),
    ],
    "policy-studies": [
        D(39, "起草重要档案;", "Draft important documents", "policy-research"),
        D(39, "组织研究经济社会发展、改革开放和国际经济的重大问题;",
          "Organise research on major issues of economic and social development, reform and opening up, and the international economy",
          "policy-research"),
        D(39, "承担新闻发布和信息引导等工作。",
          "Handle press releases and public information guidance", "policy-research"),
    ],
    "development-planning": [
        D(41, "提出国民经济和社会发展战略、规划生产力布局的建议,",
          "Propose national economic and social development strategies and the planned layout of productive forces",
          "development-planning"),
        D(41, "提出国民经济和社会中长期发展、总量平衡及结构调整的目标和政策;",
          "Propose targets and policies for medium- and long-term development, aggregate balance and structural adjustment",
          "development-planning"),
        D(43, "组织拟订国民经济和社会发展中长期规划、全国主体功能区规划,并对规划实施情况进行监测与评估;",
          "Draw up the medium- and long-term national economic and social development plans and monitor and evaluate their implementation",
          "development-planning",
          canon="组织拟订国民经济和社会发展中长期规划,并对规划实施情况进行监测与评估",
          zh="组织拟订国民经济和社会发展中长期规划"),
        D(43, "组织拟订国民经济和社会发展中长期规划、全国主体功能区规划,并对规划实施情况进行监测与评估;",
          "Draw up the national plan of main functional zones",
          "regional-development",
          canon="组织拟订全国主体功能区规划"),
        D(43, "提出推进城镇化的发展战略和重大政策措施;",
          "Propose development strategies and major policy measures to advance urbanisation",
          "regional-development"),
        D(43, "统筹协调经济社会发展重大专项规划和区域规划。",
          "Coordinate major special-purpose plans and regional plans for economic and social development",
          "development-planning"),
    ],
    "national-economy": [
        D(45, "监测分析巨观经济形势和国际经济发展变化,进行巨观经济和社会发展的预测预警;",
          "Monitor and analyse the macroeconomic situation and international economic changes, and forecast and give early warning on macroeconomic and social development",
          "macroeconomic-regulation"),
        D(45, "研究总量平衡,提出巨观调控的目标以及运用各种经济手段和政策的建议;",
          "Study aggregate balance and propose macro-regulation targets and the use of economic instruments and policies",
          "macroeconomic-regulation"),
        D(45, "开展巨观调控政策评估;", "Evaluate macro-regulation policies", "macroeconomic-regulation"),
        D(45, "组织拟订年度国民经济和社会发展计画;",
          "Draw up the annual national economic and social development plan", "development-planning"),
        D(47, "提出年度重要商品平衡的总量目标和相关政策建议;",
          "Propose annual aggregate targets and policies for balancing important commodities",
          "macroeconomic-regulation"),
        D(47, "提出国家重要物资储备政策建议,拟订并协调国家重要物资储备计画;",
          "Propose national reserve policies for important materials, and draw up and coordinate the reserve plans",
          "trade-and-reserves"),
        D(47, "组织研究和提出国家经济安全和总体产业安全战略及政策建议。",
          "Study and propose strategies and policies for national economic security and overall industrial security",
          "macroeconomic-regulation"),
    ],
    "economic-operation": [
        D(49, "监测经济运行态势并提出相关政策建议;",
          "Monitor economic operation and propose related policies", "economic-operation"),
        D(49, "协调解决经济运行中的重大问题,",
          "Coordinate the solution of major problems in economic operation", "economic-operation"),
        D(49, "组织煤、电、油、气及其他重要物资的紧急调度和交通运输协调;",
          "Organise the emergency dispatch of coal, electricity, oil, gas and other key materials and coordinate transport",
          "economic-operation"),
        D(51, "组织应对有关重大突发性事件,",
          "Organise the response to major emergencies", "economic-operation"),
        D(51, "提出安排重要应急物资储备和动用国家物资储备的建议。",
          "Propose the arrangement of emergency material reserves and the release of national material reserves",
          "trade-and-reserves"),
    ],
    "economic-system-reform": [
        D(53, "研究经济体制改革和对外开放的重大问题,",
          "Study major issues of economic system reform and opening up", "economic-system-reform"),
        D(53, "指导推进和综合协调经济体制改革;",
          "Guide, advance and coordinate economic system reform", "economic-system-reform"),
        D(53, "组织拟订综合性经济体制改革方案;",
          "Draw up comprehensive economic system reform programmes", "economic-system-reform"),
        D(53, "参与研究和衔接委内司局及有关方面拟订的专项经济体制改革方案,协调推进专项经济体制改革;",
          "Help study and dovetail special reform programmes drawn up by other departments and bodies, and coordinate special reforms",
          "economic-system-reform",
          zh="参与研究和衔接专项经济体制改革方案,协调推进专项经济体制改革"),
        D(53, "指导经济体制改革试点和改革试验区工作;",
          "Guide economic system reform pilots and reform experimental zones", "economic-system-reform"),
        D(53, "协调解决经济体制改革进程中的重大问题。",
          "Coordinate the solution of major problems in economic system reform", "economic-system-reform"),
    ],
    "fixed-asset-investment": [
        D(55, "监测分析全社会固定资产投资状况,",
          "Monitor and analyse fixed-asset investment across society", "investment"),
        D(55, "拟订全社会固定资产投资总规模和投资结构的调控目标、政策、措施;",
          "Draw up regulation targets, policies and measures for the total scale and structure of fixed-asset investment",
          "investment"),
        D(55, "起草固定资产投资管理有关法律法规草案;",
          "Draft laws and regulations on the management of fixed-asset investment", "investment"),
        D(55, "提出深化投资体制改革和修订投资核准目录的建议;",
          "Propose deepening investment system reform and revising the catalogue of investment projects subject to approval",
          "investment"),
        D(55, "安排中央财政性建设资金,",
          "Allocate central government construction funds", "investment"),
        D(55, "按国务院规定许可权,审核重大建设项目;",
          "Review major construction projects within the powers set by the State Council", "investment"),
        D(55, "指导工程谘询业发展。",
          "Guide the development of the engineering consulting industry", "investment"),
    ],
    "foreign-capital": [
        D(57, "综合分析国际资本动态及利用外资和境外投资的状况;",
          "Analyse international capital flows, the use of foreign capital and overseas investment", "foreign-capital"),
        D(57, "提出利用外资和境外投资的战略、规划、总量平衡和结构最佳化的目标、政策,协调有关重大政策;",
          "Propose strategies, plans, aggregate and structural targets and policies for foreign capital and overseas investment, and coordinate major policies",
          "foreign-capital",
          zh="提出利用外资和境外投资的战略、规划、目标、政策"),
        D(59, "承担全口径外债总量控制、结构最佳化和监测工作;",
          "Control the total amount of external debt, optimise its structure and monitor it", "foreign-capital"),
        D(59, "会同有关方面组织拟订国际金融组织、外国政府贷款规划并提出重大备选项目;",
          "With other bodies, draw up plans for loans from international financial organisations and foreign governments and propose major candidate projects",
          "foreign-capital"),
        D(59, "会同有关方面拟订外商投资产业指导目录;",
          "With other bodies, draw up the catalogue guiding foreign investment by industry", "foreign-capital"),
        D(59, "按国务院规定许可权,审核外商投资重大项目、境外资源开发类重大投资项目和大额用汇投资项目。",
          "Review major foreign-investment projects, major overseas resource-development projects and projects using large amounts of foreign exchange, within the powers set by the State Council",
          "foreign-capital",
          zh="按国务院规定权限,审核外商投资重大项目、境外资源开发类重大投资项目"),
    ],
    "regional-economy": [
        D(61, "组织拟订区域经济发展规划,提出区域经济发展的重大政策;",
          "Draw up regional economic development plans and propose major regional policies", "regional-development"),
        D(61, "协调国土整治、开发、利用和保护政策,",
          "Coordinate policies on land improvement, development, use and protection", "regional-development"),
        D(61, "参与制定土地政策,", "Take part in making land policy", "regional-development"),
        D(61, "参与编制水资源平衡与节约规划、生态建设与环境整治规划;",
          "Take part in drawing up plans for water-resource balance and conservation and for ecological construction and environmental improvement",
          "resource-conservation-and-environment"),
        D(63, "组织实施主体功能区规划;", "Implement the plan of main functional zones", "regional-development"),
        D(63, "指导地区经济协作;", "Guide economic cooperation between regions", "regional-development"),
        D(63, "编制老、少、边、穷地区经济开发计画和以工代赈计画;",
          "Draw up economic development plans for old revolutionary base, ethnic minority, border and poor areas",
          "regional-development",
          canon="编制老、少、边、穷地区经济开发计划"),
        D(63, "编制老、少、边、穷地区经济开发计画和以工代赈计画;",
          "Draw up work-relief (以工代赈) plans", "regional-development",
          canon="编制以工代赈计划"),
        D(63, "协调落实促进中部地区崛起战略、规划和重大政策,提出重大项目布局建议并协调实施,推进中部地区内外协调合作和相关机制建设。",
          "Coordinate the strategy, plans and policies for the rise of central China, its major project layout, and its internal and external cooperation",
          "regional-development",
          zh="协调落实促进中部地区崛起战略、规划和重大政策"),
    ],
    "western-development": [
        D(65, "组织拟订推进西部大开发的战略、规划和重大政策,协调有关重大问题;",
          "Draw up strategies, plans and major policies for the development of the western region and coordinate major issues",
          "regional-development"),
        D(65, "提出西部地区重点基础设施建设、生态环境建设、重大项目布局等建议并协调实施。",
          "Propose key infrastructure, ecological and environmental construction and major project layout in the western region and coordinate implementation",
          "regional-development"),
    ],
    "northeast-revitalisation": [
        D(67, "组织拟订振兴东北地区等老工业基地的战略、规划和重大政策,协调有关重大问题;",
          "Draw up strategies, plans and major policies for revitalising northeast China and other old industrial bases and coordinate major issues",
          "regional-development"),
        D(67, "提出老工业基地调整改造、资源型城市可持续发展、重大项目布局等建议并协调实施。",
          "Propose the adjustment and renovation of old industrial bases, sustainable development of resource-based cities and major project layout, and coordinate implementation",
          "regional-development"),
    ],
    "rural-economy": [
        D(69, "综合分析农业和农村经济发展情况,提出农村经济发展战略、体制改革及有关政策建议,",
          "Analyse agricultural and rural economic development and propose rural development strategies, institutional reforms and policies",
          "rural-economy"),
        D(69, "协调农业和农村经济社会发展的重大问题;",
          "Coordinate major issues of agricultural and rural economic and social development", "rural-economy"),
        D(69, "衔接平衡农业、林业、水利、气象等发展规划、计画和政策,",
          "Dovetail and balance development plans and policies for agriculture, forestry, water resources, meteorology and related fields",
          "rural-economy"),
        D(69, "提出重大项目布局建议并协调实施。",
          "Propose the layout of major agricultural and rural projects and coordinate their implementation",
          "rural-economy"),
    ],
    "basic-industries": [
        D(71, "统筹能源、交通运输发展规划与国民经济和社会发展规划、计画的衔接平衡;",
          "Dovetail energy and transport development plans with the national economic and social development plans",
          "energy-and-transport"),
        D(71, "综合分析能源和交通运输运行状况,协调有关重大问题,提出有关政策建议。",
          "Analyse the operation of energy and transport, coordinate major issues and propose policies",
          "energy-and-transport"),
    ],
    "industrial-coordination": [
        D(73, "综合分析工业和服务业发展的重大问题,",
          "Analyse major issues in the development of industry and services", "industry"),
        D(73, "组织拟订综合性产业政策,研究提出综合性政策建议;",
          "Draw up comprehensive industrial policies and propose comprehensive policy recommendations", "industry"),
        D(73, "统筹工业、服务业的发展规划与国民经济和社会发展规划、计画的衔接平衡;",
          "Dovetail industrial and service-sector development plans with the national economic and social development plans",
          "industry"),
        D(75, "协调重大技术装备推广套用和重大产业基地建设;",
          "Coordinate the promotion and application of major technical equipment and the building of major industrial bases",
          "industry"),
        D(75, "会同有关方面拟订服务业的发展战略和重大政策,协调服务业发展中的重大问题。",
          "With other bodies, draw up development strategies and major policies for the service sector and coordinate its major issues",
          "industry"),
    ],
    "high-tech-industry": [
        D(77, "综合分析高技术产业及产业技术的发展态势,",
          "Analyse the development of high-tech industries and industrial technology", "high-tech-and-innovation"),
        D(77, "组织拟订高技术产业发展、产业技术进步的战略、规划和重大政策;",
          "Draw up strategies, plans and major policies for high-tech industry and industrial technology progress",
          "high-tech-and-innovation"),
        D(77, "做好相关高技术产业化工作,组织重大产业化示範工程;",
          "Promote the industrialisation of high technology and organise major industrialisation demonstration projects",
          "high-tech-and-innovation"),
        D(77, "统筹信息化的发展规划与国民经济和社会发展规划、计画的衔接平衡;",
          "Dovetail informatisation development plans with the national economic and social development plans",
          "high-tech-and-innovation"),
        D(77, "组织推动技术创新和产学研联合;",
          "Promote technological innovation and cooperation between industry, universities and research institutes",
          "high-tech-and-innovation"),
        D(77, "推动国民经济新产业的形成。",
          "Promote the formation of new industries in the national economy", "high-tech-and-innovation"),
    ],
    "resource-conservation": [
        D(79, "综合分析经济社会与资源、环境协调发展的重大战略问题;",
          "Analyse major strategic issues of coordinating economic and social development with resources and the environment",
          "resource-conservation-and-environment"),
        D(79, "组织拟订能源资源节约和综合利用、发展循环经济的规划和政策措施并协调实施,",
          "Draw up and coordinate plans and policies for energy and resource conservation, comprehensive utilisation and the circular economy",
          "resource-conservation-and-environment"),
        D(79, "参与编制环境保护规划;",
          "Take part in drawing up environmental protection plans", "resource-conservation-and-environment"),
        D(81, "协调环保产业和清洁生产促进有关工作;",
          "Coordinate the promotion of the environmental protection industry and cleaner production",
          "resource-conservation-and-environment"),
        D(81, "组织协调重大节能减排示範工程和新产品、新技术、新设备的推广套用;",
          "Coordinate major energy-saving demonstration projects and the promotion of new products, technologies and equipment",
          "resource-conservation-and-environment",
          canon="组织协调重大节能示范工程和新产品、新技术、新设备的推广应用",
          zh="组织协调重大节能示范工程和新产品、新技术、新设备的推广应用"),
        D(81, "承担国家应对气候变化及节能减排工作领导小组有关节能减排方面的具体工作。",
          "Do the energy-saving work of the National Leading Group on Climate Change, Energy Saving and Emission Reduction",
          "resource-conservation-and-environment",
          canon="承担国家应对气候变化及节能减排工作领导小组有关节能方面的具体工作",
          zh="承担国家应对气候变化及节能减排工作领导小组有关节能方面的具体工作"),
        # carved out: the 减排 (emission reduction) parts moved to 生态环境部 in 2018 (reference §3)
        D(81, "组织协调重大节能减排示範工程和新产品、新技术、新设备的推广套用;",
          "Coordinate major emission-reduction demonstration projects", "climate-change",
          canon="组织协调重大减排示范工程"),
        D(81, "承担国家应对气候变化及节能减排工作领导小组有关节能减排方面的具体工作。",
          "Do the emission-reduction work of the National Leading Group on Climate Change, Energy Saving and Emission Reduction",
          "climate-change",
          canon="承担国家应对气候变化及节能减排工作领导小组有关减排方面的具体工作",
          zh="承担国家应对气候变化及节能减排工作领导小组有关减排方面的具体工作"),
    ],
    "climate-change": [
        D(83, "综合分析气候变化对经济社会发展的影响,",
          "Analyse the impact of climate change on economic and social development", "climate-change"),
        D(83, "组织拟订应对气候变化重大战略、规划和重大政策;",
          "Draw up major strategies, plans and policies for addressing climate change", "climate-change"),
        D(83, "牵头承担国家履行联合国气候变化框架公约相关工作,",
          "Lead China's implementation of the United Nations Framework Convention on Climate Change", "climate-change"),
        D(83, "会同有关方面牵头组织参加气候变化国际谈判;",
          "With other bodies, lead China's participation in international climate change negotiations", "climate-change"),
        D(83, "协调开展应对气候变化国际合作和能力建设;",
          "Coordinate international cooperation and capacity building on climate change", "climate-change"),
        D(83, "组织实施清洁发展机制工作;",
          "Implement the Clean Development Mechanism", "climate-change"),
        D(85, "承担国家应对气候变化及节能减排工作领导小组有关应对气候变化方面的具体工作。",
          "Do the climate-change work of the National Leading Group on Climate Change, Energy Saving and Emission Reduction",
          "climate-change",
          zh="承担国家应对气候变化及节能减排工作领导小组有关应对气候变化方面的具体工作"),
    ],
    "social-development": [
        D(85, "综合提出社会发展战略,组织拟订和协调社会发展规划和年度计画;",
          "Propose social development strategies and draw up and coordinate social development plans and annual plans",
          "social-development"),
        D(85, "协调人口和计画生育、文化、教育、卫生、体育、广播影视、旅游、政法、民政等发展政策;",
          "Coordinate development policies for population and family planning, culture, education, health, sport, broadcasting and film, tourism, political and legal affairs, civil affairs and related fields",
          "social-development"),
        D(85, "推进社会事业建设;", "Advance the building of social undertakings", "social-development"),
        D(85, "协调社会事业发展和改革的重大问题。",
          "Coordinate major issues in the development and reform of social undertakings", "social-development"),
    ],
    "employment-income": [
        D(87, "综合分析就业与人力资源、收入分配和社会保障的情况,提出促进就业、调整收入分配、完善社会保障与经济协调发展的战略和政策建议;",
          "Analyse employment, human resources, income distribution and social security, and propose strategies and policies to promote employment, adjust income distribution and improve social security in step with the economy",
          "employment-and-income",
          zh="提出促进就业、调整收入分配、完善社会保障与经济协调发展的战略和政策建议"),
        D(87, "推进相关体制改革,协调解决相关重大问题。",
          "Advance the related institutional reforms (employment, income distribution, social security) and coordinate major issues",
          "employment-and-income"),
    ],
    "economy-trade": [
        D(89, "监测分析国内外市场状况,",
          "Monitor and analyse domestic and international markets", "trade-and-reserves"),
        D(89, "承担重要商品总量平衡和巨观调控相关工作;",
          "Balance the aggregate supply of important commodities and regulate them", "trade-and-reserves"),
        D(89, "组织拟订重要农产品、工业品和原材料进出口总量计画并监督执行,根据经济运行变化提出计画调整建议;",
          "Draw up and supervise the total import and export plans for key agricultural products, industrial goods and raw materials, and propose adjustments",
          "trade-and-reserves",
          zh="组织拟订重要农产品、工业品和原材料进出口总量计划并监督执行"),
        D(89, "会同有关方面管理国家粮食、棉花、食糖等储备;",
          "With other bodies, manage the national grain, cotton, sugar and other reserves", "trade-and-reserves"),
        D(89, "拟订现代物流业发展战略和规划,",
          "Draw up development strategies and plans for modern logistics", "trade-and-reserves"),
        D(89, "协调流通体制改革中的重大问题。",
          "Coordinate major issues in the reform of the distribution system", "trade-and-reserves"),
    ],
    "fiscal-financial": [
        D(91, "研究分析全社会资金平衡;", "Study the balance of funds across society", "fiscal-and-financial"),
        D(91, "研究财政政策、货币政策和财政、金融体制改革等问题,分析财政政策和货币政策执行情况,并提出建议;",
          "Study fiscal and monetary policy and fiscal and financial system reform, analyse policy implementation and make recommendations",
          "fiscal-and-financial",
          zh="研究财政政策、货币政策和财政、金融体制改革等问题"),
        D(91, "提出直接融资的发展战略和政策建议,",
          "Propose development strategies and policies for direct financing", "fiscal-and-financial"),
        D(91, "按分工核准非上市公司发行企业(公司)债券,",
          "Approve enterprise (corporate) bond issues by unlisted companies, as the division of work provides",
          "fiscal-and-financial"),
        D(91, "牵头推进产业投资基金和创业投资的发展及制度建设。",
          "Lead the development and regulation of industrial investment funds and venture capital", "fiscal-and-financial"),
    ],
    "price": [
        D(93, "监测预测价格总水平变动,提出价格总水平调控目标、政策和价格改革的建议;",
          "Monitor and forecast the general price level and propose price-level targets, policies and price reforms", "prices"),
        D(93, "组织起草有关价格、收费方面的政策和法规草案;",
          "Draft policies, laws and regulations on prices and fees", "prices"),
        D(93, "提出政府价格管理的範围、原则、办法和修订政府定价目录的建议;",
          "Propose the scope, principles and methods of government price management and revisions of the government pricing catalogue",
          "prices"),
        D(93, "组织拟订重要商品价格、收费政策和调整中央政府管理的商品价格及收费标準;",
          "Draw up price and fee policies for important goods and adjust the prices and fees managed by the central government",
          "prices"),
        D(93, "组织重要农产品、重要商品和服务的成本调查。",
          "Organise cost surveys of important agricultural products, goods and services", "prices"),
    ],
    "price-supervision": [
        D(95, "起草有关价格监督检查法规草案和规章;",
          "Draft regulations and rules on price supervision and inspection", "price-supervision"),
        D(95, "指导价格监督检查工作,组织实施价格检查,",
          "Guide price supervision and inspection and organise price inspections", "price-supervision"),
        D(95, "依法查处商品价格、服务价格、国家机关收费中的价格违法行为,",
          "Investigate and punish price violations in goods prices, service prices and fees charged by state organs",
          "price-supervision"),
        D(95, "依法查处价格垄断行为;",
          "Investigate and punish price monopoly conduct", "price-supervision"),
        D(95, "按规定受理价格处罚的複议案件和申诉案件。",
          "Handle reconsideration and appeal cases against price penalties", "price-supervision"),
    ],
    "laws-regulations": [
        D(97, "起草有关法律法规草案和规章;", "Draft laws, regulations and rules", "laws-and-regulations"),
        D(97, "承担机关有关规範性档案合法性审核工作;",
          "Review the legality of the Commission's normative documents", "laws-and-regulations"),
        D(97, "承担相关行政複议、行政应诉工作;",
          "Handle administrative reconsideration and administrative litigation", "laws-and-regulations"),
        D(97, "按规定指导协调招投标工作。",
          "Guide and coordinate tendering and bidding as provided", "laws-and-regulations"),
    ],
    "foreign-affairs": [
        D(99, "承担与相关国际组织、外国政府部门及机构合作的有关事宜;",
          "Handle cooperation with international organisations and foreign government bodies", "international-cooperation"),
        D(99, "协助有关司推进重大涉外项目;",
          "Help the competent departments advance major foreign-related projects", "international-cooperation"),
        D(99, "开展国际经济调研;", "Conduct international economic research", "international-cooperation"),
        D(99, "承担机关日常外事工作。",
          "Handle the Commission's routine foreign affairs", "international-cooperation"),
    ],
    "personnel": [
        D(101, "承担机关和直属单位的人事管理、机构编制、队伍建设等工作。",
          "Manage personnel, staffing and workforce development of the Commission and its affiliated units",
          "internal-administration"),
    ],
    "economic-mobilisation": [
        D(103, "组织拟订国民经济动员规划、计画;",
          "Draw up national economic mobilisation plans", "economic-mobilisation"),
        D(103, "研究国民经济动员与国民经济、国防建设的关係,协调相关重大问题;",
          "Study the relation of economic mobilisation to the economy and national defence and coordinate major issues",
          "economic-mobilisation"),
        D(103, "组织实施国民经济动员有关工作;",
          "Implement national economic mobilisation work", "economic-mobilisation"),
        D(103, "协调国民经济平战转换能力建设。",
          "Coordinate building the economy's capacity to switch between peacetime and wartime", "economic-mobilisation"),
    ],
    "key-project-inspectors": [
        D(107, "组织开展对重大建设项目的稽察;",
          "Inspect major construction projects", "investment"),
        D(107, "跟蹤检查相关行业和地方贯彻执行国家投资政策和规定情况;",
          "Track and check how industries and localities carry out national investment policies and rules", "investment"),
        D(107, "组织开展对中央财政性建设资金投资安排实施情况的监督和检查;",
          "Supervise and check the use of central government construction funds", "investment"),
        D(107, "对违规问题,按国家有关规定提出处理意见。",
          "Propose how to deal with violations, under national rules", "investment"),
    ],
    "party-committee": [
        D(109, "负责机关、委管国家局和在京直属单位的党群工作。",
          "Do Party and mass-organisation work in the Commission, the national bureaus it manages and its affiliated units in Beijing",
          "internal-administration"),
    ],
    "retired-cadres": [
        D(111, "负责机关离退休干部工作,指导直属单位的离退休干部工作。",
          "Look after the Commission's retired cadres and guide this work in its affiliated units",
          "internal-administration"),
    ],
}

#: 国家物资储备局 (line 113): an institution managed by the NDRC, not a department
SRB_DUTIES = [
    D(113, "负责拟订国家战略物资储备的战略和规划,",
      "Draw up strategies and plans for national strategic material reserves", "trade-and-reserves"),
    D(113, "组织国家战略物资的收储、动用、轮换和日常管理。",
      "Purchase, release, rotate and manage national strategic material reserves", "trade-and-reserves"),
]


# ---------------------------------------------------------------- checks

def is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def canonical(d: D) -> str:
    whole = normalise(d.quote).rstrip(TRAILING)
    if d.canon is None:
        return whole
    canon = normalise(d.canon)
    if not is_subsequence(canon, whole):
        raise AuthoringError(f"line {d.line}: carved text {canon!r} is not taken from {whole!r}")
    return canon


def zh_label(d: D, text: str) -> str:
    if d.zh is None:
        if len(text) > 40:
            raise AuthoringError(f"line {d.line}: {text!r} is {len(text)} characters; give a concise zh label")
        return text
    label = normalise(d.zh)
    if not is_subsequence(label, text):
        raise AuthoringError(f"line {d.line}: label {label!r} is not taken from {text!r}")
    return label


def check_no_artefacts(texts: list[tuple[str, str]]) -> None:
    """No artefact may remain; 档案 only in its archives sense (办公厅: 文电、会务、机要、档案)."""
    for where, text in texts:
        for key in ARTEFACTS:
            if key in text:
                raise AuthoringError(f"{where}: artefact {key!r} left in {text!r}")
        if "档案" in text and "机要、档案" not in text:
            raise AuthoringError(f"{where}: 档案 outside its archives sense in {text!r}")


def check_coverage(b: Builder) -> None:
    """Every duty line is quoted in full, apart from punctuation, markers and scraper noise."""
    lines = b.document("doc-5877207f").lines
    wanted = [n for n in (*range(5, 32), *range(35, 114)) if lines[n - 1].strip() and n not in NO_DUTY_LINES]
    for n in wanted:
        text = lines[n - 1]
        covered = [False] * len(text)
        for a, e in b.spans.get(("doc-5877207f", n), []):
            covered[a:e] = [True] * (e - a)
        for noise in NOISE:
            for m in re.finditer(re.escape(noise), text):
                covered[m.start():m.end()] = [True] * (m.end() - m.start())
        for m in re.finditer(r"\([一二三四五六七八九十]+\)", text):  # main-duty markers
            covered[m.start():m.end()] = [True] * (m.end() - m.start())
        left = "".join(ch for ch, c in zip(text, covered) if not c)
        left = re.sub(r"[\s；;。,，、:：]", "", left)
        if left:
            raise AuthoringError(f"line {n}: text not covered by any duty: {left!r}")


# ---------------------------------------------------------------- build

def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    cursor: dict[int, int] = {}  # line -> end of the last quote located (duties are in text order)
    canon_seen: dict[str, str] = {}
    zh_texts: list[tuple[str, str]] = []

    located: dict[tuple[int, str], Q] = {}

    def evidence(d: D) -> Q:
        if (d.line, d.quote) in located:  # a duty carved from the same clause as the one before
            return located[(d.line, d.quote)]
        line = b.document("doc-5877207f").line(d.line)
        pos = line.find(d.quote, cursor.get(d.line, 0))
        if pos < 0:
            raise AuthoringError(f"line {d.line}: quote not found verbatim (in text order): {d.quote!r}")
        cursor[d.line] = pos + len(d.quote)
        located[(d.line, d.quote)] = Q(d.line, d.quote, after=pos)
        return located[(d.line, d.quote)]

    def duty(local: str, d: D, holder: str) -> None:
        text = canonical(d)
        if text in canon_seen:
            raise AuthoringError(f"duty:{local}: canonical text repeats duty:{canon_seen[text]}: {text!r}")
        canon_seen[text] = local
        label = zh_label(d, text)
        zh_texts.extend([(f"duty:{local} canonicalText", text), (f"duty:{local} prefLabel", label)])
        src = evidence(d)
        domains = (d.domains,) if isinstance(d.domains, str) else d.domains
        b.emit([
            Duty(local, label, d.en, text, domains, [src], notation=d.notation,
                 co_responsible=bool(CO_RESPONSIBLE.search(text))),
            Assignment(local, local, holder, [src, START_EVIDENCE], start=START, basis=[LEGAL_BASIS],
                       props=START_QUALIFIERS),
        ])

    if len(MAIN_DUTIES) != 15:
        raise AuthoringError("the 2008 mandate has 15 main duties")
    for i, d in enumerate(MAIN_DUTIES, 1):
        duty(f"ndrc-2008-main-{i:02d}", d, "inst:ndrc")

    for number, suffix, d in MAIN_DUTY_PARTS:
        main = f"ndrc-2008-main-{number:02d}"
        duty(f"{main}-{suffix}", d, "inst:ndrc")
        b.add(f"duty:{main}-{suffix}", "gk:carvedFrom", f"duty:{main}")

    if [d.slug for d in DEPARTMENTS] != list(DEPARTMENT_DUTIES):
        raise AuthoringError("department order differs between DEPARTMENTS and DEPARTMENT_DUTIES")
    if sum(1 for d in DEPARTMENTS if d.notation) != 28:
        raise AuthoringError("the 2008 mandate has 28 functional departments")
    for dep in DEPARTMENTS:
        node = f"dept:ndrc-{dep.slug}"
        zh_texts.append((f"{node} prefLabel", dep.zh))
        for i, d in enumerate(DEPARTMENT_DUTIES[dep.slug], 1):
            duty(f"ndrc-{dep.slug}-{i:02d}", d, node)
        # the department's own passage: its first line, whole
        b.emit([Body(node, "gk:Department", dep.zh, dep.en, [Q(dep.first_line)],
                     alt=[zh(t) if lang == "zh" else en(t) for t, lang in dep.alt],
                     props={"org:unitOf": "inst:ndrc", "skos:notation": _notation(dep.notation)})])
        b.add("inst:ndrc", "org:hasUnit", node)

    # 国家物资储备局 (line 113)
    for i, d in enumerate(SRB_DUTIES, 1):
        duty(f"srb-2008-{i:02d}", d, "inst:state-bureau-material-reserve")

    check_no_artefacts(zh_texts)
    check_coverage(b)


def _notation(n: str | None):
    from govkg.authoring.builder import lit
    return lit(n) if n else None

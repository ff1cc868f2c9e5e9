"""Government purchase of services: MoF Order No. 102 (arts. 1-21), the Gansu 100 Questions, the 20
policy bases of FAQ 5, entity categories and their eligibility, methods, modes, roles and duties.

Every row cites the line(s) of the source document it comes from (lines 297-897); the builder
checks each quote verbatim.  Four output files, one per theme.
"""

from __future__ import annotations

from govkg.authoring.builder import AuthoringError, Builder, boolean, date, en, lit, zh
from govkg.authoring.documents import cn
from govkg.authoring.rows import Q

ORDER = "legal:mof-order-102"
FAQ = "legal:gansu-faq"
PUR, PRO = "role:purchaser", "role:provider"
YES, COND, NO, PEND = "proc:eligibility-yes", "proc:eligibility-conditional", "proc:eligibility-no", "proc:eligibility-pending"
EPO = "http://publications.europa.eu/resource/authority/procurement-procedure-type/"
ORDER_START = "2020-03-01"
G85 = "legal:gansu-gov-office-2014-85"
GANSU = [zh("甘肃省"), en("Gansu Province")]
GANSU_NOTE = [en("Assigned by a Gansu provincial document (甘政办发〔2014〕85号, as FAQ 8 of the Gansu 100 Questions gives it): it holds in Gansu; other provinces are not recorded."),
              zh("依据甘肃省文件（甘政办发〔2014〕85号，见甘肃“100问”第8问）：适用于甘肃省；其他省份未见记载。")]


def art(n, item=None):
    base = f"{ORDER}-art-{n:02d}"
    return base + (f"-item-{item}" if item else "")


def q(n):
    return f"{FAQ}-q{n:03d}"


def art_label(n, item=None):
    zh_ = f"财政部令第102号 第{cn(n)}条" + (f"第（{cn(item)}）项" if item else "")
    en_ = f"MoF Order No. 102, art. {n}" + (f"({item})" if item else "")
    return zh_, en_


def both(zh_text, en_text):
    return [zh(zh_text), en(en_text)]


# ================================================================== tables

ITEMS = {
    3: (859, "(三)政府采购法律、行政法规规定的货物和工程,以及将工程和服务打包的项目;", "goods and works, and works bundled with services"),
    5: (861, "(五)购买主体的人员招、聘用,以劳务派遣方式用工,以及设置公益性岗位等事项;", "hiring staff, labour dispatch, public-welfare posts"),
    1: (855, "(一)不属于政府职责范围的服务事项;", "services outside the government's remit"),
    2: (857, "(二)应当由政府直接履职的事项;", "matters the government must perform itself"),
    6: (863, "(六)法律、行政法规以及国务院规定的其他不得作为政府购买服务内容的事项。", "other matters excluded by law or the State Council"),
}

BASES = [
    # (slug, line, quote, zh title, en title, number, issuedBy, issuerName zh)
    ("prc-government-procurement-law", 321, "《中华人民共和国政府采购法》", "中华人民共和国政府采购法", "Government Procurement Law of the PRC", None, [], "全国人民代表大会常务委员会"),
    ("prc-government-procurement-law-regulations", 321, "《中华人民共和国政府采购法实施条例》", "中华人民共和国政府采购法实施条例", "Regulations for the Implementation of the Government Procurement Law", None, ["inst:state-council"], None),
    ("ccp-18-3rd-plenum-decision", 323, "(2)党的十八届三中全会:推广政府购买服务,凡属事务性管理服务,原则上都要引入竞争机制,通过合同、委托等方式向社会购买;", "党的十八届三中全会《决定》", "Decision of the Third Plenary Session of the 18th CPC Central Committee", None, [], "中国共产党第十八届中央委员会"),
    ("ccp-18-5th-plenum", 325, "(3)党的十八届五中全会:创新公共服务提供方式,能由政府购买服务提供的,政府不再直接承办;", "党的十八届五中全会", "Fifth Plenary Session of the 18th CPC Central Committee", None, [], "中国共产党第十八届中央委员会"),
    ("ccp-19-3rd-plenum-decision", 773, "十九届三中全会通过的《中共中央关于深化党和国家机构改革的决定》", "中共中央关于深化党和国家机构改革的决定", "CPC Central Committee Decision on Deepening the Reform of Party and State Institutions", None, [], "中国共产党第十九届中央委员会"),
    ("gov-office-2013-96", 329, "(5)《国务院办公厅关于政府向社会力量购买服务的指导意见》(国办发〔2013〕96号);", "国务院办公厅关于政府向社会力量购买服务的指导意见", "Guiding Opinions of the General Office of the State Council on Government Purchase of Services from Social Forces", "国办发〔2013〕96号", [], "国务院办公厅"),
    ("gansu-gov-office-2014-85", 331, "(6)《甘肃省人民政府办公厅关于政府向社会力量购买服务的实施意见》(甘政办发〔2014〕85号);", "甘肃省人民政府办公厅关于政府向社会力量购买服务的实施意见", "Implementing Opinions of the General Office of the Gansu Provincial Government on Government Purchase of Services from Social Forces", "甘政办发〔2014〕85号", [], "甘肃省人民政府办公厅"),
    ("gansu-finance-2021-2", 335, "(8)《甘肃省政府购买服务管理办法》(甘财综〔2021〕2号);", "甘肃省政府购买服务管理办法", "Gansu Measures for the Administration of Government Purchase of Services", "甘财综〔2021〕2号", [], None),
    ("mof-2013-111", 337, "(9)《财政部关于做好政府购买服务工作有关问题的通知》(财综〔2013〕111号);", "财政部关于做好政府购买服务工作有关问题的通知", "MoF Notice on Issues in Government Purchase of Services", "财综〔2013〕111号", ["inst:mof"], None),
    ("mof-2014-13", 339, "(10)《财政部关于政府购买服务有关预算管理问题的通知》(财预〔2014〕13号);", "财政部关于政府购买服务有关预算管理问题的通知", "MoF Notice on Budget Management in Government Purchase of Services", "财预〔2014〕13号", ["inst:mof"], None),
    ("mof-2014-37", 341, "(11)《财政部关于推进和完善服务项目政府采购有关问题的通知》(财库〔2014〕37号);", "财政部关于推进和完善服务项目政府采购有关问题的通知", "MoF Notice on Advancing and Improving Government Procurement of Service Projects", "财库〔2014〕37号", ["inst:mof"], None),
    ("gansu-finance-2014-9", 343, "(12)《甘肃省财政厅关于印发<甘肃省政府向社会力量购买服务指导性目录(第一批)>的通知》(甘财采〔2014〕9号);", "甘肃省财政厅关于印发《甘肃省政府向社会力量购买服务指导性目录（第一批）》的通知", "Gansu Finance Department Notice Issuing the Guiding Catalogue of Government Purchase of Services (first batch)", "甘财采〔2014〕9号", [], "甘肃省财政厅"),
    ("mof-2015-73", 345, "(13)《财政部关于做好行业协会商会承接政府购买服务工作有关问题的通知(试行)》(财综〔2015〕73号);", "财政部关于做好行业协会商会承接政府购买服务工作有关问题的通知（试行）", "MoF Notice on Trade Associations and Chambers of Commerce Providing Purchased Services (trial)", "财综〔2015〕73号", ["inst:mof"], None),
    ("mof-2016-53", 347, "(14)《财政部 中央编办关于做好事业单位政府购买服务改革工作的意见》(财综〔2016〕53号);", "财政部 中央编办关于做好事业单位政府购买服务改革工作的意见", "MoF and Central Organisation Office Opinions on Government Purchase of Services Reform for Public Institutions", "财综〔2016〕53号", ["inst:mof"], "中央机构编制委员会办公室"),
    ("gansu-finance-2017-15", 349, "(15)《甘肃省财政厅 甘肃省机构编制委员会办公室关于印发<甘肃省事业单位政府购买服务改革工作实施方案>的通知》(甘财综〔2017〕15号);", "甘肃省财政厅 甘肃省机构编制委员会办公室关于印发《甘肃省事业单位政府购买服务改革工作实施方案》的通知", "Gansu Finance Department and Organisation Office Notice on the Implementation Plan for Public Institutions' Purchase of Services Reform", "甘财综〔2017〕15号", [], "甘肃省财政厅、甘肃省机构编制委员会办公室"),
    ("mof-2016-54", 351, "(16)《财政部 民政部关于通过政府购买服务支持社会组织培育发展的指导意见》(财综〔2016〕54号);", "财政部 民政部关于通过政府购买服务支持社会组织培育发展的指导意见", "MoF and MCA Guiding Opinions on Supporting Social Organisations through Government Purchase of Services", "财综〔2016〕54号", ["inst:mof", "inst:mca"], None),
    ("gansu-finance-2017-35", 353, "(17)《甘肃省财政厅 甘肃省民政厅关于通过政府购买服务支持社会组织培育发展的实施意见》(甘财综〔2017〕35号);", "甘肃省财政厅 甘肃省民政厅关于通过政府购买服务支持社会组织培育发展的实施意见", "Gansu Finance and Civil Affairs Departments Implementing Opinions on Supporting Social Organisations through Purchase of Services", "甘财综〔2017〕35号", [], "甘肃省财政厅、甘肃省民政厅"),
    ("gansu-finance-2017-70", 355, "(18)《甘肃省财政厅关于印发<甘肃省省级政府向社会力量购买政府履职所需辅助性服务专门化目录>的通知》(甘财综〔2017〕70号);", "甘肃省财政厅关于印发《甘肃省省级政府向社会力量购买政府履职所需辅助性服务专门化目录》的通知", "Gansu Finance Department Notice Issuing the Catalogue of Auxiliary Services for Government Duties (provincial level)", "甘财综〔2017〕70号", [], "甘肃省财政厅"),
    ("mof-2017-87", 357, "(19)《财政部关于坚决制止地方以政府购买服务名义违法违规融资的通知》(财预〔2017〕87号);", "财政部关于坚决制止地方以政府购买服务名义违法违规融资的通知", "MoF Notice on Stopping Illegal Local Financing in the Name of Government Purchase of Services", "财预〔2017〕87号", ["inst:mof"], None),
    ("mof-2018-42", 359, "(20)《财政部关于推进政府购买服务第三方绩效评价工作的指导意见》(财综〔2018〕42号)。", "财政部关于推进政府购买服务第三方绩效评价工作的指导意见", "MoF Guiding Opinions on Third-Party Performance Evaluation of Government Purchase of Services", "财综〔2018〕42号", ["inst:mof"], None),
]

S = {}  # reusable passages: key -> (line, quote)
S["art5"] = (839, "第五条 各级国家机关是政府购买服务的购买主体。")
S["art6"] = (841, "第六条 依法成立的企业、社会组织(不含由财政拨款保障的群团组织),公益二类和从事生产经营活动的事业单位,农村集体经济组织,基层群众性自治组织,以及具备条件的个人可以作为政府购买服务的承接主体。")
S["art8"] = (847, "第八条 公益一类事业单位、使用事业编制且由财政拨款保障的群团组织,不作为政府购买服务的购买主体和承接主体。")
S["q19a"] = (431, "各级国家机关是政府购买服务的购买主体。具体包括:(1)行政机关;(2)人大机关;(3)监察机关;(4)审判机关;(5)检察机关。")
S["q19b"] = (433, "以下机关和单位也可以根据实际需要,按照相关规定实施购买服务。具体包括:(1)党的机关;(2)政协机关;(3)民主党派机关;(4)承担行政职能的事业单位;(5)使用行政编制的群团组织机关。")
S["q20"] = (437, "公益一类事业单位不具有行政管理职能,其功能定位是负责直接提供特定领域公共公益服务的主体,与行政机关性质不同,不宜作为政府购买服务的购买主体。")
S["q21"] = (441, "包括以下几类:(1)企业;(2)社会组织(不含由财政拨款保障的群团组织);(3)公益二类事业单位;(4)从事生产经营活动的事业单位;(5)农村集体经济组织;(6)基层群众性自治组织;(7)具备条件的个人。")
S["q22"] = (445, "《政府购买服务管理办法》规定将农村集体经济组织和基层群众性自治组织(包括农村社区的村委会和城市社区的居委会)作为政府购买服务的承接主体")
S["q23"] = (449, "某些情况下,也可以由具备服务提供条件和能力的个体工商户或自然人承接政府购买服务。")
S["q23b"] = (451, "需要注意的是,政府向个体工商户或自然人购买服务时,应当严格遵守政府购买服务及政府采购等制度规定,不得将其异化为变相用工。")
S["art18"] = (889, "第十八条 购买主体向个人购买服务,应当限于确实适宜实施政府购买服务并且由个人承接的情形,不得以政府购买服务名义变相用工。")
S["q24"] = (455, "鉴于此,公益一类事业单位不宜参与承接政府购买服务。")
S["q26"] = (463, "尚未分类的事业单位不能参与政府购买服务。")
S["q27"] = (467, "第一,对于一个具体单位,不能既为购买主体、又为承接主体。")
S["q28a"] = (471, "(1)对于纳入行政编制管理的群团组织机关,按照政策规定,可以作为政府购买服务的购买主体。")
S["q28b"] = (473, "(2)对于纳入事业编制管理且经费完全或主要由财政负担的群团组织,按照财综〔2016〕53号及甘财综〔2017〕15号有关规定,这类群团组织应当比照公益一类事业单位,既不宜作为政府购买服务的购买主体,也不宜作为承接主体。")
S["q28c"] = (475, "(3)对于经费完全或主要不由财政负担的群团组织及其所属单位,可以作为政府购买服务的承接主体")
S["q89"] = (757, "(1)完全或主要承担行政职能的事业单位,可以作为政府购买服务的购买主体;(2)公益一类事业单位,既不属于政府购买服务的购买主体,也不属于承接主体,不得参与承接政府购买服务;(3)公益二类事业单位和生产经营类事业单位,可以作为政府购买服务的承接主体;(4)尚未分类的事业单位,待明确分类后按上述定位实施改革。")
S["q29"] = (479, "社会组织是政府购买服务的重要承接主体")
S["q32"] = (491, "行业协会商会可以通过与其他社会力量公平竞争来承接政府购买服务项目并获得政府资金支持")
S["q12"] = (393, "政府购买服务强调购买主体要承担行政管理职能,所以购买主体主要是各级政府机关及其职能部门。")
S["q68"] = (663, "由于承接主体不具有政府购买服务的购买主体资格,不能将承接的服务事项再次购买")

NOT_PROVIDER_ORGAN = ("不在第六条所列承接主体范围内；承接主体资格取决于是否具有市场经营资格。", "Not among the providers listed in art. 6; eligibility to provide depends on being able to operate in the market.")
NOT_PURCHASER = ("不是国家机关，也不在问答19所列可以实施购买服务的单位之内；购买主体资格取决于是否承担行政职能。", "Not a state organ nor among the bodies FAQ 19 allows to purchase; eligibility to purchase depends on exercising administrative functions.")

CATS = [
    # slug, zh, en, alt zh list, broader, (pur status, [bases], [src keys], cond zh, cond en), (pro ...)
    ("state-organ", "国家机关", "state organ", ["各级国家机关"], None,
     (YES, [art(5)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("administrative-organ", "行政机关", "administrative organ", ["政府机关", "政府部门"], "state-organ",
     (YES, [art(5), q(19)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("npc-organ", "人大机关", "people's congress organ", ["人大"], "state-organ",
     (YES, [art(5), q(19)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("supervisory-organ", "监察机关", "supervisory organ", ["监察委员会"], "state-organ",
     (YES, [art(5), q(19)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("judicial-organ", "审判机关", "judicial organ (court)", ["人民法院", "法院"], "state-organ",
     (YES, [art(5), q(19)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("procuratorial-organ", "检察机关", "procuratorial organ", ["人民检察院", "检察院"], "state-organ",
     (YES, [art(5), q(19)], ["art5", "q19a"], None, None), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("party-organ", "党的机关", "Communist Party organ", ["党委机关", "党的工作机关"], None,
     (COND, [q(19)], ["q19b"], "可以根据实际需要，按照相关规定实施购买服务。", "May purchase according to actual need and the relevant provisions."), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("cppcc-organ", "政协机关", "CPPCC organ", ["政协"], None,
     (COND, [q(19)], ["q19b"], "可以根据实际需要，按照相关规定实施购买服务。", "May purchase according to actual need and the relevant provisions."), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("democratic-party-organ", "民主党派机关", "democratic party organ", [], None,
     (COND, [q(19)], ["q19b"], "可以根据实际需要，按照相关规定实施购买服务。", "May purchase according to actual need and the relevant provisions."), (NO, [art(6)], ["art6"], *NOT_PROVIDER_ORGAN)),
    ("administrative-function-institution", "承担行政职能的事业单位", "public institution with administrative functions", ["完全或主要承担行政职能的事业单位", "承担行政职能事业单位", "行政类事业单位"], None,
     (COND, [q(19), q(89)], ["q19b", "q89"], "可以根据实际需要，按照相关规定实施购买服务。", "May purchase according to actual need and the relevant provisions."), (NO, [art(6), q(89)], ["art6", "q89"], *NOT_PROVIDER_ORGAN)),
    ("mass-organisation-admin-staffed", "使用行政编制的群团组织机关", "mass organisation organ with administrative staffing", ["纳入行政编制管理的群团组织机关"], None,
     (COND, [q(19), q(28)], ["q19b", "q28a"], "可以根据实际需要，按照相关规定实施购买服务。", "May purchase according to actual need and the relevant provisions."), (NO, [art(6), q(27)], ["art6", "q27"], "一个具体单位不能既为购买主体、又为承接主体；不在第六条所列承接主体范围内。", "A body cannot be both purchaser and provider; not among the providers listed in art. 6.")),
    ("enterprise", "企业", "enterprise", ["公司", "依法成立的企业"], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (YES, [art(6), q(21)], ["art6", "q21"], None, None)),
    ("social-organisation", "社会组织", "social organisation", ["社会团体", "民办非企业单位", "社会服务机构", "基金会"], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (YES, [art(6), q(21), q(29)], ["art6", "q21", "q29"], "不含由财政拨款保障的群团组织。", "Not including mass organisations funded by fiscal appropriations.")),
    ("trade-association", "行业协会商会", "trade association or chamber of commerce", ["行业协会", "商会"], "social-organisation",
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (YES, [art(6), q(32)], ["art6", "q32"], None, None)),
    ("public-welfare-ii-institution", "公益二类事业单位", "public institution, public-welfare class II", ["公益二类"], None,
     (NO, [art(5), q(89)], ["art5", "q89"], *NOT_PURCHASER), (YES, [art(6), q(21), q(89)], ["art6", "q21", "q89"], "可由其行政主管部门直接委托并实行合同化管理（问答62、91）。", "May be directly commissioned by its administrative department under contract management (FAQ 62, 91).")),
    ("business-institution", "生产经营类事业单位", "public institution engaged in business", ["从事生产经营活动的事业单位", "经营类事业单位"], None,
     (NO, [art(5), q(89)], ["art5", "q89"], *NOT_PURCHASER), (YES, [art(6), q(21), q(89)], ["art6", "q21", "q89"], None, None)),
    ("rural-collective-economic-organisation", "农村集体经济组织", "rural collective economic organisation", [], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (YES, [art(6), q(22)], ["art6", "q22"], None, None)),
    ("grassroots-self-governing-organisation", "基层群众性自治组织", "grassroots self-governing organisation", ["村民委员会", "居民委员会", "村委会", "居委会"], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (YES, [art(6), q(22)], ["art6", "q22"], "包括农村社区的村委会和城市社区的居委会。", "Includes village committees and urban residents' committees.")),
    ("individual", "个人", "individual", ["具备条件的个人", "自然人"], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (COND, [art(6), art(18), q(23)], ["art6", "q23", "art18", "q23b"], "限于具备条件、确实适宜由个人承接的情形，不得以政府购买服务名义变相用工。", "Only where the individual is qualified and the service is truly suited to an individual; never as disguised employment.")),
    ("individual-business", "个体工商户", "individual business (getihu)", [], None,
     (NO, [art(5)], ["art5"], *NOT_PURCHASER), (COND, [q(23)], ["q23", "q23b"], "某些情况下可以承接（如县乡基层组织型承接主体不足），不得异化为变相用工。", "May provide in some cases (e.g. too few organisations in rural counties), never as disguised employment.")),
    ("public-welfare-i-institution", "公益一类事业单位", "public institution, public-welfare class I", ["公益一类"], None,
     (NO, [art(8), q(20), q(89)], ["art8", "q20", "q89"], "不具有行政管理职能；为完成自身职责可以采购所需辅助服务事项（问答20），但不是政府购买服务的购买主体。", "Has no administrative functions; it may procure auxiliary services it needs for its own work (FAQ 20), but is not a purchaser of government services."),
     (NO, [art(8), q(24), q(89)], ["art8", "q24", "q89"], "由财政保障经费，不能从事市场经营活动。", "Funded by the state and may not engage in market activity.")),
    ("mass-organisation-institution-funded", "使用事业编制且由财政拨款保障的群团组织", "mass organisation with public-institution staffing funded by the state", ["纳入事业编制管理且经费完全或主要由财政负担的群团组织", "财政拨款保障的群团组织"], None,
     (NO, [art(8), q(28)], ["art8", "q28b"], "比照公益一类事业单位。", "Treated like a public-welfare class I institution."),
     (NO, [art(8), q(28)], ["art8", "q28b"], "比照公益一类事业单位。", "Treated like a public-welfare class I institution.")),
    ("mass-organisation-self-funded", "经费不由财政负担的群团组织", "mass organisation not funded by the state", ["经费完全或主要不由财政负担的群团组织", "群团组织所属单位"], None,
     (NO, [art(5), q(28)], ["art5", "q28c"], *NOT_PURCHASER), (YES, [q(28)], ["q28c"], "参与承接后应实行相应管理制度改革，推进政社分开。", "After providing, it must reform its management and separate from government.")),
    ("unclassified-institution", "未分类事业单位", "public institution not yet classified", ["尚未分类的事业单位", "未分类的事业单位"], None,
     (PEND, [q(26), q(89)], ["q26", "q89"], "在明确分类前不宜参与政府购买服务，待明确分类后按其类别定位。", "May not take part until classified; then as its class allows."),
     (PEND, [q(26), q(89)], ["q26", "q89"], "在明确分类前不宜参与政府购买服务，待明确分类后按其类别定位。", "May not take part until classified; then as its class allows.")),
]

CONTENT = [
    ("public-service", "公共服务", "public service", ["政府向社会公众提供的公共服务", "基本公共服务"], True, [art(9), q(35)], [(851, "第九条 政府购买服务的内容包括政府向社会公众提供的公共服务,以及政府履职所需辅助性服务。"), (503, "政府购买服务的内容包括直接受益对象为社会公众的公共服务及直接受益对象为政府自身的履职所需辅助性服务。")]),
    ("auxiliary-service", "履职辅助性服务", "auxiliary service for government duties", ["政府履职所需辅助性服务", "辅助性服务"], True, [art(9), q(36)], [(851, "第九条 政府购买服务的内容包括政府向社会公众提供的公共服务,以及政府履职所需辅助性服务。"), (507, "政府购买服务所称的服务,包括直接受益对象为社会公众的公共服务和直接受益对象为政府自身的政府履职所需辅助性服务。")]),
    ("goods", "货物", "goods", [], False, [art(10, 3), q(33)], [(859, ITEMS[3][1]), (495, "政府购买服务所使用的服务概念,与《政府采购法》及其实施条例所使用的服务概念一致,与货物和工程有本质区别,不能混为一谈。")]),
    ("works", "工程", "works", ["建设工程"], False, [art(10, 3), q(43)], [(859, ITEMS[3][1]), (549, "严禁将铁路、公路、机场、通讯、水电煤气,以及教育、科技、医疗卫生、文化、体育等领域的基础设施建设,储备土地前期开发,农田水利等建设工程作为政府购买服务项目。")]),
    ("works-and-services", "工程和服务打包", "works bundled with services", ["工程与服务打包", "将工程和服务打包的项目"], False, [art(10, 3)], [(859, ITEMS[3][1])]),
    ("financing", "融资", "financing", ["融资行为", "融资服务"], False, [art(10, 4), q(44)], [(553, "严禁将各类融资行为纳入政府购买服务范围")]),
    ("labour-dispatch", "劳务派遣", "labour dispatch", ["以劳务派遣方式用工"], False, [art(10, 5), q(48)], [(861, ITEMS[5][1]), (575, "劳务派遣与政府购买公共服务的区别比较明显")]),
    ("hiring", "人员招聘", "hiring staff", ["人员招、聘用", "人员聘用", "编制外聘用"], False, [art(10, 5), q(46), q(50)], [(861, ITEMS[5][1]), (585, "对于一些地方和部门因为人手不足,需要聘用编制外人员从事辅助性工作的,如公安部门的警务辅助人员、法院检察院的书记员等,应当通过符合国家法律法规规定的人员聘用方式实施,不得作为政府购买服务事项")]),
    ("public-welfare-post", "公益性岗位", "public-welfare post", ["设置公益性岗位", "购买公益性岗位"], False, [art(10, 5), q(47)], [(861, ITEMS[5][1]), (571, "政府设置(购买)公益性岗位是国家对某些社会群体、困难群众(如就业困难的40、50人员,愿意到基层就业的应届大学毕业生、贫困村公益性岗位人员等)的就业扶持政策,属于人员聘用范畴,不是政府购买服务,不能将二者混淆。")]),
    ("ppp", "PPP", "PPP government payment", ["PPP项目", "PPP政府付费", "政府和社会资本合作"], False, [q(18)], [(427, "而政府购买服务是'专有名词’,与PPP是并列的概念。")]),
    ("outside-government-remit", "不属于政府职责范围的服务事项", "service outside the government's remit", ["非政府职责事项"], False, [art(10, 1)], [(855, ITEMS[1][1])]),
    ("direct-government-duty", "应当由政府直接履职的事项", "matter the government must perform itself", ["政府直接履职事项"], False, [art(10, 2)], [(857, ITEMS[2][1])]),
]

Q59 = (625, "采用公开招标、邀请招标、竞争性谈判、竞争性磋商、单一来源采购等方式确定承接主体")

METHODS = [
    ("open-tendering", "公开招标", "open tendering", [], "open", ("exactMatch", "open"), True, [q(59), "legal:prc-government-procurement-law-art-26"], [Q59], None),
    ("invited-tendering", "邀请招标", "invitational tendering", ["邀标"], "selective", ("closeMatch", "restricted"), True, [q(59), "legal:prc-government-procurement-law-art-26"], [Q59], None),
    ("competitive-negotiation", "竞争性谈判", "competitive negotiation", [], "limited", ("closeMatch", "neg-w-call"), True, [q(59), "legal:prc-government-procurement-law-art-26"], [Q59], None),
    ("competitive-consultation", "竞争性磋商", "competitive consultation", [], "limited", ("closeMatch", "comp-dial"), True, [q(59)], [Q59], ("财政部2014年认可的方式（财库〔2014〕214号，见参考资料）；与欧盟竞争性对话最接近但不等同。", "Recognised by the MoF in 2014 (财库〔2014〕214号, per the shared reference); closest to, not equal to, the EU competitive dialogue.")),
    ("single-source", "单一来源采购", "single-source procurement", ["单一来源"], "direct", ("closeMatch", "neg-wo-call"), False, [q(59), q(91), "legal:prc-government-procurement-law-art-26"], [Q59, (765, "其中,属于政府采购集中采购目录以内或者采购限额标准以上的,通过单一来源采购方式实施;")], None),
    ("request-for-quotations", "询价", "request for quotations", ["询价采购"], "limited", None, True, ["legal:prc-government-procurement-law-art-26", q(59)], [Q59], ("政府采购法第二十六条所列方式；来源文本问答59以“等方式”概括，未逐一列出。", "Listed in art. 26 of the Government Procurement Law; FAQ 59 covers it only by 'and other methods'.")),
    ("direct-commission", "直接委托", "direct commission", ["直接委托购买"], "direct", None, False, [q(62), q(91)], [(637, "提出政府向公益二类事业单位购买服务可以由其行政主管部门直接委托进行"), (765, "可以由其行政主管部门直接委托给事业单位并实行合同化管理")], ("仅限行政主管部门向公益二类事业单位直接委托并实行合同化管理；属于集中采购目录以内或采购限额标准以上的，通过单一来源采购方式实施。", "Only from its administrative department to a 公益二类 public institution, under contract management; within the central catalogue or above the threshold it is done as single-source procurement.")),
]

MODES = [
    ("contract", "合同制", "contract", ["合同"], [q(59), q(64)], [(625, "对于以合同制形式实施的政府购买服务项目,购买主体应当按照政府采购法及其实施条例等有关规定"), (647, "应当与承接主体签订书面合同")]),
    ("voucher", "凭单制", "voucher", ["凭单"], [q(57), q(60)], [(617, "所谓凭单制政府购买服务,是指政府部门向有资格消费某一特定公共服务的个体或组织发放购买凭单"), (629, "确定不少于三家服务供应机构同时作为承接主体")]),
]

SUBS = [
    ("none", "无", "none", ["不分包", "否"], [q(68), q(69)], [(663, "不得将服务项目转包给其他主体")]),
    ("subcontract", "分包", "subcontracting part of the work", ["部分分包"], [q(69)], [(667, "政府购买服务的承接主体经购买主体同意可将部分辅助性工作分包给第三方。")]),
    ("transfer", "转包", "transfer of the whole project", ["整体转包"], [q(68)], [(663, "转包是指承接主体在承接政府购买服务项目后,将其承接的项目转让给第三方,承接主体实际退出承包关系,第三方成为项目合同承接主体的行为。")]),
]

ROLES = [
    ("purchaser", "购买主体", "purchasing entity", "ePO Buyer / OCDS buyer", [(839, S["art5"][1])]),
    ("provider", "承接主体", "undertaking entity (service provider)", "ePO Contractor / OCDS supplier", [(841, S["art6"][1])]),
    ("finance-department", "财政部门", "finance department", None, [(835, "县级以上地方人民政府财政部门负责本行政区域政府购买服务管理。")]),
    ("provincial-finance-department", "省级财政部门", "provincial finance department", None, [(867, "财政部和省级财政部门分别制定本级政府购买服务指导性目录")]),
    ("government-department", "政府部门", "government department", None, [(867, "各部门在本级指导性目录范围内编制本部门政府购买服务指导性目录。")]),
    ("local-government", "地方各级人民政府", "local people's governments", None, [(373, "地方各级人民政府可根据本地区实际情况,建立“政府统一领导,财政部门牵头,民政、工商管理以及行业主管部门协同,职能部门履职,监督部门保障”的工作机制")]),
    ("development-reform-department", "发展改革部门", "development and reform department", None, [(377, "发展改革部门根据提高公共服务供给保障能力的需要,负责将政府购买服务纳入国民经济和社会发展中长期规划统筹安排。")]),
    ("establishment-department", "机构编制部门", "institutional establishment department", None, [(377, "机构编制部门负责对政府现有公共服务职能进行合理界定,做好政府购买服务与事业单位分类改革的衔接工作。")]),
    ("civil-affairs-department", "民政部门", "civil affairs department", None, [(377, "民政、工商管理以及行业主管等部门负责将承接政府购买服务行为纳入年检、评估、执法等监管体系")]),
    ("market-regulation-department", "工商管理部门", "industry and commerce (market regulation) department", None, [(377, "民政、工商管理以及行业主管等部门负责将承接政府购买服务行为纳入年检、评估、执法等监管体系")]),
    ("industry-authority", "行业主管部门", "competent industry department", None, [(377, "民政、工商管理以及行业主管等部门负责将承接政府购买服务行为纳入年检、评估、执法等监管体系")]),
    ("audit-department", "审计部门", "audit department", None, [(377, "审计部门负责对政府购买服务工作和资金管理使用情况进行审计。")]),
    ("third-party-evaluator", "第三方评价机构", "third-party evaluator", None, [(893, "具备条件的项目可以运用第三方评价评估")]),
    ("procurement-agency", "采购代理机构", "procurement agency", "ePO ProcurementServiceProvider / OCDS procuringEntity", [(633, "自行购买或者委托采购代理机构进行购买")]),
]

DUTIES = [
    # slug, zh label, en label, canonical zh, [(holder, basis list, start, [passages], confidence)]
    ("national-system", "制定全国性政府购买服务制度", "Set the national rules on government purchase of services",
     "负责制定全国性政府购买服务制度，指导和监督各地区、各部门政府购买服务工作。",
     [("inst:mof", [art(4)], ORDER_START, [(833, "第四条 财政部负责制定全国性政府购买服务制度,指导和监督各地区、各部门政府购买服务工作。")])]),
    ("local-management", "本行政区域政府购买服务管理", "Manage government purchase of services in the region",
     "县级以上地方人民政府财政部门负责本行政区域政府购买服务管理。",
     [("role:finance-department", [art(4)], ORDER_START, [(835, "县级以上地方人民政府财政部门负责本行政区域政府购买服务管理。")])]),
    ("lead-and-supervise", "牵头建立政府购买服务制度并监督指导购买主体", "Lead the purchase-of-services system and supervise purchasers",
     "牵头负责建立健全政府购买服务制度，监督、指导各类购买主体依法开展购买服务工作，做好资金管理、监督检查和绩效评价等工作。",
     [("role:finance-department", [G85, q(8)], None, [(377, "财政部门牵头负责建立健全政府购买服务制度,监督、指导各类购买主体依法开展购买服务工作,做好资金管理、监督检查和绩效评价等工作。"), (373, "“政府统一领导,财政部门牵头,民政、工商管理以及行业主管部门协同,职能部门履职,监督部门保障”")])]),
    ("working-mechanism", "可建立政府购买服务工作机制", "May set up the working mechanism for purchase of services",
     "地方各级人民政府可根据本地区实际情况，建立“政府统一领导，财政部门牵头，民政、工商管理以及行业主管部门协同，职能部门履职，监督部门保障”的工作机制，拟定购买服务目录，确定购买服务计划，指导监督购买服务工作。",
     [("role:local-government", ["legal:gov-office-2013-96", q(7)], None, [(373, "地方各级人民政府可根据本地区实际情况,建立“政府统一领导,财政部门牵头,民政、工商管理以及行业主管部门协同,职能部门履职,监督部门保障”的工作机制,拟定购买服务目录,确定购买服务计划,指导监督购买服务工作。")])]),
    ("development-planning", "将政府购买服务纳入中长期规划", "Include purchase of services in medium- and long-term development plans",
     "根据提高公共服务供给保障能力的需要，负责将政府购买服务纳入国民经济和社会发展中长期规划统筹安排。",
     [("role:development-reform-department", [G85, q(8)], None, [(377, "发展改革部门根据提高公共服务供给保障能力的需要,负责将政府购买服务纳入国民经济和社会发展中长期规划统筹安排。")])]),
    ("define-public-service-functions", "界定政府公共服务职能并衔接事业单位分类改革", "Define government public-service functions and align with public-institution classification reform",
     "负责对政府现有公共服务职能进行合理界定，做好政府购买服务与事业单位分类改革的衔接工作。",
     [("role:establishment-department", [G85, q(8)], None, [(377, "机构编制部门负责对政府现有公共服务职能进行合理界定,做好政府购买服务与事业单位分类改革的衔接工作。")])]),
    ("provider-oversight", "将承接政府购买服务行为纳入监管并审查承接主体资格", "Bring providers under annual inspection, evaluation and enforcement and vet their qualifications",
     "负责将承接政府购买服务行为纳入年检、评估、执法等监管体系，加强对承接主体的资格审查，培育和壮大社会力量。",
     [(h, [G85, q(8)], None, [(377, "民政、工商管理以及行业主管等部门负责将承接政府购买服务行为纳入年检、评估、执法等监管体系,加强对承接主体的资格审查,培育和壮大社会力量。")]) for h in ("role:civil-affairs-department", "role:market-regulation-department", "role:industry-authority")]),
    ("audit", "政府购买服务审计", "Audit government purchase of services",
     "负责对政府购买服务工作和资金管理使用情况进行审计。",
     [("role:audit-department", [G85, q(8), q(84)], None, [(377, "审计部门负责对政府购买服务工作和资金管理使用情况进行审计。"), (735, "购买主体和承接主体应当自觉接受财政监督、审计监督、社会监督以及服务对象的监督。")])]),
    ("guiding-catalogue", "制定本级政府购买服务指导性目录", "Draw up the guiding catalogue of purchase of services for the level",
     "财政部和省级财政部门分别制定本级政府购买服务指导性目录。",
     [(h, [art(12)], ORDER_START, [(867, "第十二条 政府购买服务指导性目录在中央和省两级实行分级管理,财政部和省级财政部门分别制定本级政府购买服务指导性目录,各部门在本级指导性目录范围内编制本部门政府购买服务指导性目录。")]) for h in ("inst:mof", "role:provincial-finance-department")]),
    ("department-catalogue", "编制本部门政府购买服务指导性目录", "Draw up the department's own guiding catalogue",
     "各部门在本级指导性目录范围内编制本部门政府购买服务指导性目录。",
     [("role:government-department", [art(12), q(38)], ORDER_START, [(867, "各部门在本级指导性目录范围内编制本部门政府购买服务指导性目录。"), (515, "各部门在本级指导性目录范围内编制本部门政府购买服务指导性目录,报同级财政部门审核同意后组织实施,并按规定向社会公开。")])]),
    ("subprovincial-catalogue-procedure", "确定省以下指导性目录的编制方式和程序", "Set how sub-provincial guiding catalogues are drawn up",
     "省级财政部门根据本地区情况确定省以下政府购买服务指导性目录的编制方式和程序。",
     [("role:provincial-finance-department", [art(12)], ORDER_START, [(869, "省级财政部门根据本地区情况确定省以下政府购买服务指导性目录的编制方式和程序。")])]),
    ("budget-reporting", "在部门预算中反映政府购买服务支出", "Show purchase-of-services spending in the department budget",
     "购买主体在编报年度部门预算时，应当反映政府购买服务支出情况；未列入预算的项目不得实施。",
     [("role:purchaser", [art(16), q(54)], ORDER_START, [(885, "购买主体在编报年度部门预算时,应当反映政府购买服务支出情况。"), (601, "未列入预算的项目不得实施。")])]),
    ("select-provider", "通过公平竞争择优确定承接主体", "Choose the provider by fair competition",
     "购买主体应当根据购买内容及市场状况、相关供应商服务能力和信用状况等因素，通过公平竞争择优确定承接主体。",
     [("role:purchaser", [art(17), q(56)], ORDER_START, [(887, "第十七条 购买主体应当根据购买内容及市场状况、相关供应商服务能力和信用状况等因素,通过公平竞争择优确定承接主体。")])]),
    ("performance-management", "开展政府购买服务项目绩效管理和绩效评价", "Manage and evaluate the performance of purchased services",
     "购买主体实施政府购买服务项目绩效管理，应当开展事前绩效评估，定期对所购服务实施情况开展绩效评价，负责组织政府购买服务项目绩效评价，具备条件的项目可以运用第三方评价评估。",
     [("role:purchaser", [art(20), q(71)], ORDER_START, [(893, "第二十条 购买主体实施政府购买服务项目绩效管理,应当开展事前绩效评估,定期对所购服务实施情况开展绩效评价,具备条件的项目可以运用第三方评价评估。"), (675, "购买主体应当负责组织政府购买服务项目绩效评价,并建立由购买主体、服务对象及专业机构和人员组成的综合性绩效评价机制。")])]),
    ("key-performance-evaluation", "对部门政府购买服务整体工作和重点项目开展绩效评价", "Evaluate departments' overall purchase-of-services work and major projects",
     "财政部门可以根据需要，对部门政府购买服务整体工作开展绩效评价，或者对部门实施的资金金额和社会影响大的政府购买服务项目开展重点绩效评价。",
     [("role:finance-department", [art(20), q(71)], ORDER_START, [(895, "财政部门可以根据需要,对部门政府购买服务整体工作开展绩效评价,或者对部门实施的资金金额和社会影响大的政府购买服务项目开展重点绩效评价。"), (675, "财政部门作为牵头政府购买服务改革和财政资金管理的综合性部门,从自身职责出发,可以根据需要对其他部门的政府购买服务整体工作开展绩效评价")])]),
    ("use-evaluation-results", "应用政府购买服务绩效评价结果", "Use performance evaluation results",
     "购买主体及财政部门应当将绩效评价结果作为承接主体选择、预算安排和政策调整的重要依据，负责绩效评价结果的具体应用。",
     [(h, [art(21), q(74)], ORDER_START, [(897, "第二十一条 购买主体及财政部门应当将绩效评价结果作为承接主体选择、预算安排和政策调整的重要依据。"), (687, "购买主体和财政部门是组织绩效评价的主体,负责绩效评价结果的具体应用。")]) for h in ("role:purchaser", "role:finance-department")]),
    ("purchaser-supervision", "对政府购买服务实施全过程监督", "Supervise the whole purchase-of-services process",
     "购买主体应当建立监督检查机制，加强对政府购买服务的全过程监督，发现承接主体偏离项目目标的行为，应当及时要求其采取措施予以纠正。",
     [("role:purchaser", [q(81)], None, [(723, "购买主体应当建立监督检查机制,加强对政府购买服务的全过程监督,积极配合有关部门将承接主体提供服务情况纳入年度报告、评估、执法等监管体系。")])]),
    ("finance-supervision", "监管政府购买服务资金使用和项目实施", "Oversee the use of funds and the conduct of projects",
     "财政部门负责监管购买主体政府购买服务资金使用和项目实施的规范性，发现问题按照相关规定予以处理。",
     [("role:finance-department", [q(82)], None, [(727, "财政部门负责监管购买主体政府购买服务资金使用和项目实施的规范性。")])]),
    ("handle-complaints", "受理承接主体的投诉", "Handle providers' complaints",
     "承接主体对购买主体的质疑答复不满意或购买主体未在规定时间内答复的，可以向同级财政部门提起投诉。",
     [("role:finance-department", [q(83)], None, [(731, "承接主体对答复意见或者购买主体未在规定时间内作出答复的,可向同级财政部门提起投诉。")])]),
    ("answer-challenges", "答复承接主体的质疑", "Answer providers' challenges",
     "承接主体认为自己的权益受到损害的，可以依法向购买主体提出质疑，购买主体应当在规定时间内作出答复。",
     [("role:purchaser", [q(83)], None, [(731, "承接主体认为自己的权益受到损害的,可以根据《中华人民共和国政府采购法》及其实施条例等法律法规,向购买主体提出质疑")])]),
    ("accept-supervision", "接受财政、审计、社会和服务对象监督", "Accept fiscal, audit, public and beneficiary supervision",
     "购买主体和承接主体应当自觉接受财政监督、审计监督、社会监督以及服务对象的监督。",
     [(h, [q(84)], None, [(735, "购买主体和承接主体应当自觉接受财政监督、审计监督、社会监督以及服务对象的监督。")]) for h in ("role:purchaser", "role:provider")]),
    ("perform-contract", "按照合同约定提供服务且不得转包", "Provide the service as contracted, without transferring it",
     "承接主体应当按照合同约定提供服务，不得将服务项目转包给其他主体；经购买主体同意可将部分辅助性工作分包。",
     [("role:provider", [q(68), q(69)], None, [(663, "“承接主体应当按照合同约定提供服务,不得将服务项目转包给其他主体”"), (667, "政府购买服务的承接主体经购买主体同意可将部分辅助性工作分包给第三方。")])]),
    ("contract-management", "签订合同并开展履约管理和验收", "Sign the contract, manage performance and accept the work",
     "购买主体确定承接主体后应当签订书面合同，加强履约管理，及时组织评价和验收。",
     [("role:purchaser", [q(64), q(66), q(67)], None, [(647, "购买主体按规定程序确定政府购买服务项目的承接主体后,应当与承接主体签订书面合同"), (655, "购买主体应当加强政府购买服务项目履约管理"), (659, "购买主体应按照合同规定的技术、服务和安全标准等及时组织对项目进行评价和验收")])]),
    ("information-disclosure", "公开政府购买服务信息", "Disclose purchase-of-services information",
     "各级政府及其有关部门应当在各自职责范围内，按照有关规定及时主动公开政府购买服务相关信息。",
     [("role:government-department", [q(78), q(79)], None, [(703, "各级政府及其有关部门应当在各自职责范围内,按照有关规定及时主动公开下列政府购买服务相关信息:")])]),
]

def sp(*keys):
    return [Q(*S[k]) for k in keys]


ROLE_TXT = {PUR: ("购买主体", "purchaser"), PRO: ("承接主体", "provider")}
STATUSES = [
    (YES, "可以", "eligible", True, "该类主体可以担任该角色。", "Bodies of the category may act in the role."),
    (COND, "附条件可以", "eligible under conditions", True, "该类主体在来源所述条件下可以担任该角色。", "Bodies of the category may act in the role under the conditions the source states."),
    (NO, "不可以", "not eligible", False, "该类主体不得担任该角色。", "Bodies of the category may not act in the role."),
    (PEND, "待明确分类", "not until classified", False, "在明确分类前不得参与，分类后按其类别确定。", "May not take part until classified; then as the class allows."),
]


# ================================================================== build


def cite(b: Builder, subject: str, evidence) -> None:
    for e in evidence:
        b.add(subject, "gk:source", e.passage(b))


def build_legal(b: Builder) -> None:
    b.output("procurement_legal.ttl", "Legal instruments of government purchase of services: MoF Order No. 102 (arts. 1-21), the Gansu\n100 Questions (Q1-Q100) and the 20 policy bases listed in FAQ 5.")
    main = b.document("doc-5877207f")
    st = main.structure
    b.node(ORDER, "gk:LegalInstrument",
           skos__prefLabel=both("政府购买服务管理办法", "Measures for the Administration of Government Purchase of Services"),
           skos__altLabel=both("财政部令第102号", "MoF Order No. 102"), gk__documentNumber=lit("财政部令第102号"),
           gk__issuedBy="inst:mof", dcterms__dateAccepted=date("2019-11-19"), dcterms__issued=date("2020-01-03"),
           gk__startDate=date("2020-03-01"), gk__confidence=lit("unverified"),
           skos__note=[en("The dates (adopted 2019-11-19, published 2020-01-03, in force 2020-03-01) come from the order's preamble as given in shared/reference/procurement.md, not from the source document; they are unverified."),
                       zh("日期（2019-11-19 部务会议审议通过，2020-01-03 公布，2020-03-01 施行）取自参考资料所载的该令序言，来源文献未载，尚未核实。")])
    cite(b, ORDER, [Q(825, "政府购买服务管理办法"), Q(333, "(7)《政府购买服务管理办法》(财政部令第102号);")])
    for n in range(1, 22):
        ln = st.art_line[cn(n)]
        end = st.art_line[cn(n + 1)] if n < 21 else len(main.lines) + 1
        b.node(art(n), "gk:LegalProvision", gk__provisionOf=ORDER, eli__id_local=lit(f"第{cn(n)}条"),
               skos__prefLabel=both(*art_label(n)))
        # every paragraph of the article, not only its first line
        cite(b, art(n), [Q(k) for k in range(ln, min(end, 898)) if main.line(k).strip()])
    for item, (ln, quote, en_desc) in sorted(ITEMS.items()):
        b.node(art(10, item), "gk:LegalProvision", gk__provisionOf=ORDER, dcterms__isPartOf=art(10),
               eli__id_local=lit(f"第十条第（{cn(item)}）项"), skos__prefLabel=both(*art_label(10, item)),
               skos__scopeNote=en(en_desc))
        cite(b, art(10, item), [Q(ln, quote)])
    b.node(art(10, 4), "gk:LegalProvision", gk__provisionOf=ORDER, dcterms__isPartOf=art(10),
           eli__id_local=lit("第十条第（四）项"), skos__prefLabel=both(*art_label(10, 4)),
           skos__scopeNote=both("融资行为", "financing"),
           skos__note=[en("Item (四) was lost from the source text (its list jumps from (三) to (五)); its wording 融资行为 is from the order itself (shared/reference/procurement.md). FAQ 44 states the same prohibition."),
                       zh("来源文本缺第（四）项（由（三）直接跳至（五））；“融资行为”取自该令原文（参考资料）。问答44载有同一禁止性规定。")])
    cite(b, art(10, 4), [Q(553, "严禁将各类融资行为纳入政府购买服务范围")])

    b.node(FAQ, "gk:LegalInstrument",
           skos__prefLabel=both("政府购买服务知识“100问”", "Government Purchase of Services: 100 Questions (Gansu)"),
           gk__issuerName=both("甘肃省财政厅", "Gansu Provincial Department of Finance"),
           skos__note=[en("Official guidance, not a regulation: it states that where it touches policy, the laws, regulations and normative documents in force prevail."),
                       zh("官方解读材料而非规章：文中凡涉及相关政策规定的，一律以现行法律法规和规范性文件为准。")])
    cite(b, FAQ, [Q(297, "甘肃省财政厅依据财政部综合司编写的《政府购买服务知识问答》,对政府购买服务常见问题作了进一步梳理,编写了《政府购买服务知识“100问”》")])
    for k, (ln, title) in sorted(st.faq_head.items()):
        b.node(q(k), "gk:LegalProvision", gk__provisionOf=FAQ, eli__id_local=lit(f"第{k}问"),
               skos__prefLabel=both(f"甘肃100问 第{k}问", f"Gansu 100 Questions, Q{k}"), dcterms__title=zh(title))
        cite(b, q(k), [Q(ln)])

    base_iris = []
    for slug, ln, quote, zh_t, en_t, num, by, byname in BASES:
        iri_ = f"legal:{slug}"
        base_iris.append(iri_)
        b.node(iri_, "gk:LegalInstrument", skos__prefLabel=both(zh_t, en_t),
               gk__documentNumber=lit(num) if num else None, gk__issuedBy=list(by),
               gk__issuerName=zh(byname) if byname else None)
        cite(b, iri_, [Q(ln, quote)])
    for base in base_iris:
        if base != "legal:ccp-19-3rd-plenum-decision":
            b.add(q(5), "dcterms:references", base)
    b.add(q(5), "dcterms:references", ORDER)
    b.node("legal:ccp-19-3rd-plenum", "gk:LegalInstrument",
           skos__prefLabel=both("党的十九届三中全会", "Third Plenary Session of the 19th CPC Central Committee"),
           gk__issuerName=zh("中国共产党第十九届中央委员会"), skos__related="legal:ccp-19-3rd-plenum-decision")
    cite(b, "legal:ccp-19-3rd-plenum", [Q(327, "(4)党的十九届三中全会:推动教育、文化、法律、卫生、体育、健康、养老等公共服务提供主体多元化、提供方式多样化。推进非基本公共服务市场化改革,引入竞争机制,扩大政府购买服务;")])
    b.add(q(5), "dcterms:references", "legal:ccp-19-3rd-plenum")
    law26 = "legal:prc-government-procurement-law-art-26"
    b.node(law26, "gk:LegalProvision", gk__provisionOf="legal:prc-government-procurement-law",
           eli__id_local=lit("第二十六条"), skos__prefLabel=both("政府采购法 第二十六条", "Government Procurement Law, art. 26"),
           skos__note=en("Lists the procurement methods (公开招标, 邀请招标, 竞争性谈判, 单一来源采购, 询价 and others recognised by the State Council's procurement regulator). Its text is not in the source document; see shared/reference/procurement.md. The source names the law as a basis (FAQ 5) and the methods in FAQ 59."))
    cite(b, law26, [Q(625, "采用公开招标、邀请招标、竞争性谈判、竞争性磋商、单一来源采购等方式确定承接主体")])


def build_categories(b: Builder) -> None:
    b.output("procurement_categories.ttl", "Entity categories (SKOS) and their eligibility to act as purchaser (购买主体) or provider (承接主体),\neach with its legal basis and source passages.")
    scheme = "cat:procurement-entity-categories"
    b.node(scheme, "skos:ConceptScheme",
           skos__prefLabel=both("政府购买服务主体类别", "Entity categories in government purchase of services"),
           skos__definition=[en("Categories of bodies and persons, each with whether it may act as purchaser (购买主体) or provider (承接主体), per MoF Order No. 102 arts. 5, 6, 8 and the Gansu 100 Questions."),
                             zh("单位与个人的类别，以及其能否作为购买主体或承接主体，依据财政部令第102号第五、六、八条及甘肃“100问”。")])
    b.node("proc:eligibility-statuses", "skos:ConceptScheme", skos__prefLabel=both("资格结论", "Eligibility statuses"))
    for status, zh_t, en_t, permits, dzh, den in STATUSES:
        b.node(status, "gk:EligibilityStatus", skos__inScheme="proc:eligibility-statuses",
               skos__prefLabel=both(zh_t, en_t), skos__definition=both(dzh, den), gk__permitsRole=boolean(permits))
    for slug, zh_t, en_t, alts, broader, pur, pro in CATS:
        keys = list(dict.fromkeys(k for (_, _, ks, _, _) in (pur, pro) for k in ks))
        node = f"cat:{slug}"
        b.node(node, ["gk:EntityCategory", "skos:Concept"], skos__inScheme=scheme, skos__prefLabel=both(zh_t, en_t),
               skos__notation=lit(slug), skos__altLabel=[zh(a) for a in alts],
               skos__broader=f"cat:{broader}" if broader else None,
               skos__topConceptOf=None if broader else scheme)
        cite(b, node, sp(*keys))
        for role, (status, bases, ks, czh, cen) in ((PUR, pur), (PRO, pro)):
            rz, re_ = ROLE_TXT[role]
            sz = {YES: "可以", COND: "附条件可以", NO: "不可以", PEND: "待明确分类后方可"}[status]
            se = {YES: "may", COND: "may, under conditions,", NO: "may not", PEND: "may not, until classified,"}[status]
            e = f"proc:eligibility-{slug}-{role.split(':')[1]}"
            b.node(e, "gk:RoleEligibility", gk__eligibleCategory=node, gk__eligibleRole=role,
                   gk__eligibilityStatus=status,
                   skos__prefLabel=both(f"{zh_t}{sz}作为{rz}", f"{en_t[0].upper() + en_t[1:]} {se} act as {re_}"),
                   gk__legalBasis=list(bases), gk__condition=both(czh, cen) if czh else None)
            cite(b, e, sp(*ks))


def build_methods(b: Builder) -> None:
    b.output("procurement_methods.ttl", "Content types, procurement methods (aligned to OCDS procurementMethod and EU ePO procedure types),\npurchase modes and subcontracting kinds.")
    for s, zh_t, en_t in [("proc:content-types", "政府购买服务内容类型", "Content types of government purchase of services"),
                          ("proc:procurement-methods", "确定承接主体的方式", "Methods of choosing the provider"),
                          ("proc:purchase-modes", "政府购买服务形式", "Modes of government purchase of services"),
                          ("proc:subcontracting-kinds", "分包转包情况", "Subcontracting kinds")]:
        b.node(s, "skos:ConceptScheme", skos__prefLabel=both(zh_t, en_t))
    for slug, zh_t, en_t, alts, ok, bases, psg in CONTENT:
        node = f"proc:content-{slug}"
        b.node(node, ["gk:ContentType", "skos:Concept"], skos__inScheme="proc:content-types",
               skos__prefLabel=both(zh_t, en_t), skos__notation=lit(slug), skos__altLabel=[zh(a) for a in alts],
               gk__permittedContent=boolean(ok), gk__legalBasis=list(bases))
        cite(b, node, [Q(*x) for x in psg])
    for slug, zh_t, en_t, alts, ocds, epo, comp, bases, psg, cond in METHODS:
        node = f"proc:method-{slug}"
        b.node(node, ["gk:ProcurementMethod", "skos:Concept"], skos__inScheme="proc:procurement-methods",
               skos__prefLabel=both(zh_t, en_t), skos__notation=lit(slug), skos__altLabel=[zh(a) for a in alts],
               gk__ocdsProcurementMethod=lit(ocds), gk__competitive=boolean(comp),
               gk__condition=both(*cond) if cond else None, gk__legalBasis=list(bases))
        if epo:
            b.add(node, f"skos:{epo[0]}", EPO + epo[1])
        cite(b, node, [Q(*x) for x in psg])
    for kind, scheme, cls, table in [("mode", "proc:purchase-modes", "gk:PurchaseMode", MODES),
                                     ("subcontracting", "proc:subcontracting-kinds", "gk:SubcontractingKind", SUBS)]:
        for slug, zh_t, en_t, alts, bases, psg in table:
            node = f"proc:{kind}-{slug}"
            b.node(node, [cls, "skos:Concept"], skos__inScheme=scheme, skos__prefLabel=both(zh_t, en_t),
                   skos__notation=lit(slug), skos__altLabel=[zh(a) for a in alts], gk__legalBasis=list(bases))
            cite(b, node, [Q(*x) for x in psg])


def build_duties(b: Builder) -> None:
    b.output("procurement_duties.ttl", "Generic roles of the purchase-of-services regime and their duties, as duties with dated assignments.\nStart dates are the day Order No. 102 took force (unverified, see procurement_legal.ttl).")
    domain = "domain:government-purchase-of-services"
    b.node(domain, "skos:Concept", skos__prefLabel=both("政府购买服务", "government purchase of services"),
           skos__definition=[en("The regime by which state organs buy services within their remit from qualified providers through government procurement methods (MoF Order No. 102)."),
                             zh("各级国家机关将属于自身职责范围且适合市场化方式提供的服务事项，按政府采购方式和程序交由符合条件的服务供应商承担的制度（财政部令第102号）。")])
    cite(b, domain, [Q(829, "第二条 本办法所称政府购买服务,是指各级国家机关将属于自身职责范围且适合通过市场化方式提供的服务事项,按照政府采购方式和程序,交由符合条件的服务供应商承担,并根据服务数量和质量等因素向其支付费用的行为。")])
    for slug, zh_t, en_t, note, psg in ROLES:
        node = f"role:{slug}"
        b.node(node, "gk:Role", skos__prefLabel=both(zh_t, en_t), skos__note=en(note) if note else None)
        cite(b, node, [Q(*x) for x in psg])
    for slug, lzh, len_, canon, asgs in DUTIES:
        node = f"duty:proc-{slug}"
        evidence = list(dict.fromkeys(Q(*x) for (_, _, _, psg) in asgs for x in psg))
        b.node(node, "gk:Duty", skos__prefLabel=both(lzh, len_), gk__canonicalText=zh(canon), gk__domain=domain)
        cite(b, node, evidence)
        for holder, bases, start, psg in asgs:
            a = f"asg:proc-{slug}" if len(asgs) == 1 else f"asg:proc-{slug}-{holder.split(':')[1]}"
            b.node(a, "gk:DutyAssignment", gk__duty=node, gk__holder=holder,
                   gk__startDate=date(start) if start else None,
                   gk__confidence=lit("unverified") if start else None, gk__legalBasis=list(bases),
                   # FAQ 8 quotes a Gansu provincial document: what it assigns holds in Gansu
                   gk__scope=GANSU if G85 in bases else None,
                   skos__scopeNote=GANSU_NOTE if G85 in bases else None)
            cite(b, a, [Q(*x) for x in psg])


def build(b: Builder) -> None:
    build_legal(b)
    build_categories(b)
    build_methods(b)
    build_duties(b)
    if len(b.document("doc-5877207f").structure.faq_head) != 100:
        raise AuthoringError("the Gansu FAQ has 100 questions")

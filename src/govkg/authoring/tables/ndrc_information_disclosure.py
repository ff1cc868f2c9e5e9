"""The NDRC's government-information disclosure procedure (source lines 115-147) and its official
microblog: who handles disclosure applications, from when, within what time limit.
"""

from __future__ import annotations

from govkg.authoring.builder import Builder, date, en, lit, zh  # noqa: F401
from govkg.authoring.rows import Body, Node, Q  # noqa: F401
from govkg.authoring.tables.reorganisations import ev  # noqa: F401

OUTPUT = "ndrc_information_disclosure.ttl"
HEADER = "The NDRC's government-information disclosure procedure (source doc lines 115-147) and its\nofficial microblog: who handles disclosure applications, from when, within what time limit.\n"

ROWS = [
    Node('asg:ndrc-foi-applications', ['gk:DutyAssignment'],
         {'rdfs:comment': [en("The accepting body is the office of the NDRC's leading group on government-information disclosure, housed in the General Office's supervision division (办公厅督办处).")],
           'gk:duty': ['duty:ndrc-foi-applications'],
           'gk:holder': ['dept:ndrc-general-office'],
           'gk:startDate': [date('2008-05-01')]},
         [Q(123, '本机关从2008年5月1日起正式受理政府信息公开申请,受理机构为国家发展改革委政府信息公开工作领导小组办公室(办公厅督办处)。')]),
    Node('asg:ndrc-foi-proactive-disclosure', ['gk:DutyAssignment'],
         {'gk:duty': ['duty:ndrc-foi-proactive-disclosure'],
           'gk:holder': ['inst:ndrc']},
         [Q(117, '本机关主要通过中华人民共和国国家发展和改革委员会入口网站,同时,根据政府信息内容和特点通过《中华人民共和国国家发展和改革委员会文告》、新闻发布会以及报刊、广播、电视等便于公众知晓的方式对属于主动公开範围的政府信息进行公开。')]),
    Node('asg:ndrc-foi-reply', ['gk:DutyAssignment'],
         {'gk:duty': ['duty:ndrc-foi-reply'],
           'gk:holder': ['inst:ndrc'],
           'gk:startDate': [date('2008-05-01')]},
         [Q(123, '本机关从2008年5月1日起正式受理政府信息公开申请,受理机构为国家发展改革委政府信息公开工作领导小组办公室(办公厅督办处)。'), Q(135, '根据申请的内容,本机关自收到申请(指可以正式受理的申请)之日起15个工作日内作出答覆。')]),
    Node('asg:ndrc-official-microblog', ['gk:DutyAssignment'],
         {'gk:duty': ['duty:ndrc-official-microblog'],
           'gk:holder': ['dept:ndrc-policy-studies'],
           'gk:startDate': [date('2015-09-15')]},
         [Q(145, '2015年9月15日,国家发展和改革委员会政策研究室官方微博@国家发改委正式开通。')]),
    Node('duty:ndrc-foi-applications', ['gk:Duty'],
         {'skos:altLabel': [zh('依申请公开')],
           'skos:prefLabel': [en('Accepting applications for disclosure of government information'), zh('受理政府信息公开申请')],
           'gk:canonicalText': [zh('受理政府信息公开申请，受理机构为国家发展改革委政府信息公开工作领导小组办公室（办公厅督办处）')],
           'gk:domain': ['domain:internal-administration']},
         [Q(123, '本机关从2008年5月1日起正式受理政府信息公开申请,受理机构为国家发展改革委政府信息公开工作领导小组办公室(办公厅督办处)。')]),
    Node('duty:ndrc-foi-proactive-disclosure', ['gk:Duty'],
         {'skos:prefLabel': [en('Proactive disclosure of government information'), zh('主动公开政府信息')],
           'gk:canonicalText': [zh('通过门户网站、文告、新闻发布会以及报刊、广播、电视等便于公众知晓的方式对属于主动公开范围的政府信息进行公开')],
           'gk:domain': ['domain:internal-administration']},
         [Q(117, '本机关主要通过中华人民共和国国家发展和改革委员会入口网站,同时,根据政府信息内容和特点通过《中华人民共和国国家发展和改革委员会文告》、新闻发布会以及报刊、广播、电视等便于公众知晓的方式对属于主动公开範围的政府信息进行公开。')]),
    Node('duty:ndrc-foi-reply', ['gk:Duty'],
         {'skos:prefLabel': [en('Replying to disclosure applications within 15 working days'), zh('答复政府信息公开申请')],
           'gk:canonicalText': [zh('自收到申请之日起15个工作日内作出答复；如需延长答复期限，延长的期限最长不超过15个工作日')],
           'gk:domain': ['domain:internal-administration']},
         [Q(135, '根据申请的内容,本机关自收到申请(指可以正式受理的申请)之日起15个工作日内作出答覆。'), Q(137, '如需延长答覆期限,本机关将告知申请人,延长答覆的期限最长不超过15个工作日。')]),
    Node('duty:ndrc-official-microblog', ['gk:Duty'],
         {'skos:prefLabel': [en("Running the NDRC's official microblog"), zh('运营国家发改委官方微博')],
           'gk:canonicalText': [zh('运营国家发展和改革委员会官方微博@国家发改委，提供审批流程和审批进度查询及价格违法行为举报服务')],
           'gk:domain': ['domain:internal-administration']},
         [Q(145, '2015年9月15日,国家发展和改革委员会政策研究室官方微博@国家发改委正式开通。'), Q(147, '同时发改委官微也推出服务功能,网友可查询审批流程和审批进度,并举报价格违法行为。')]),
]


def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    b.emit(ROWS)

"""Source documents and the legal instruments behind the reorganisations.
"""

from __future__ import annotations

from govkg.authoring.builder import Builder, date, en, lit, zh  # noqa: F401
from govkg.authoring.rows import Body, Node, Q  # noqa: F401
from govkg.authoring.tables.reorganisations import ev  # noqa: F401

OUTPUT = "sources.ttl"
HEADER = "Source documents and the legal instruments behind the reorganisations."

ROWS = [
    Node('legal:gd-digital-economy-regulation', ['gk:LegalInstrument'],
         {'dcterms:date': [date('2021-07-30')],
           'skos:prefLabel': [en('Guangdong Province Regulations on the Promotion of the Digital Economy'), zh('广东省数字经济促进条例')],
           'gk:documentNumber': [lit('广东省第十三届人民代表大会常务委员会公告（第85号）')],
           'gk:issuedBy': ['inst:gd-pcsc'],
           'gk:startDate': [date('2021-09-01')]},
         ev(['ref-gd-art5'])),
    Node('legal:gd-digital-economy-regulation-art-05', ['gk:LegalProvision'],
         {'skos:prefLabel': [en('Guangdong Digital Economy Regulations, art. 5'), zh('广东省数字经济促进条例 第五条')],
           'gk:provisionOf': ['legal:gd-digital-economy-regulation']},
         ev(['ref-gd-art5'])),
    Node('legal:guofa-2003-9', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('State Council Notice on the National Bureaus Managed by Ministries and Commissions'), zh('国务院关于部委管理的国家局设置的通知')],
           'gk:documentNumber': [lit('国发〔2003〕9号')],
           'gk:issuedBy': ['inst:state-council'],
           'gk:startDate': [date('2003-03-21')]},
         ev(['ref-2003-bureaus'])),
    Node('legal:guofa-2008-11', ['gk:LegalInstrument'],
         {'rdfs:comment': [en('The source spells the title 《国务院关于机构设定的通知》 (a conversion artefact of 设置).')],
           'skos:prefLabel': [en('State Council Notice on the Setting-up of Institutions'), zh('国务院关于机构设置的通知')],
           'gk:documentNumber': [lit('国发〔2008〕11号')],
           'gk:issuedBy': ['inst:state-council']},
         ev(['L3-ndrc'])),
    Node('legal:npc-1998-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 9th NPC on the State Council Institutional Reform Plan'), zh('第九届全国人民代表大会第一次会议关于国务院机构改革方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('1998-03-10')]},
         ev(['L151-sdpc'])),
    Node('legal:npc-2003-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 10th NPC on the State Council Institutional Reform Plan'), zh('第十届全国人民代表大会第一次会议关于国务院机构改革方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('2003-03-10')]},
         ev(['L153-ndrc'])),
    Node('legal:npc-2008-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 11th NPC on the State Council Institutional Reform Plan'), zh('第十一届全国人民代表大会第一次会议关于国务院机构改革方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('2008-03-15')]},
         ev(['L3-ndrc'])),
    Node('legal:npc-2013-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 12th NPC on the Plan for State Council Institutional Reform and Transformation of Functions'), zh('第十二届全国人民代表大会第一次会议关于国务院机构改革和职能转变方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('2013-03-14')]},
         ev(['ref-2013-nea'])),
    Node('legal:npc-2018-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 13th NPC on the State Council Institutional Reform Plan'), zh('第十三届全国人民代表大会第一次会议关于国务院机构改革方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('2018-03-17')]},
         ev(['L159-mnr'])),
    Node('legal:npc-2023-reform-decision', ['gk:LegalInstrument'],
         {'skos:prefLabel': [en('Decision of the 1st Session of the 14th NPC on the State Council Institutional Reform Plan'), zh('第十四届全国人民代表大会第一次会议关于国务院机构改革方案的决定')],
           'gk:issuedBy': ['inst:npc'],
           'gk:startDate': [date('2023-03-10')]},
         ev(['ref-2023-plan'])),
    Node('legal:party-state-reform-plan-2023', ['gk:LegalInstrument'],
         {'dcterms:date': [date('2023-03-16')],
           'skos:prefLabel': [en('Plan for Reforming Party and State Institutions'), zh('党和国家机构改革方案')]},
         ev(['ref-2023-most', 'ref-2023-plan'])),
    Node('src:doc-5877207f', ['gk:SourceDocument'],
         {'dcterms:description': [en("A scraped page stringing together the NDRC's 2008 mandate (三定), its history, the Gansu Finance Department's 100 questions on government purchase of services and MoF Order No. 102. Lines 3-191 went through a mainland-to-Taiwan vocabulary conversion; quotes keep it, canonical text corrects it.")],
           'dcterms:identifier': [lit('000_5877207f3088a5d6.txt')],
           'skos:prefLabel': [en('NDRC mandate and government purchase of services compilation (scraped page)'), zh('国家发展和改革委员会职责与政府购买服务汇编（网页抓取）')]},
         ev([])),
    Node('src:doc-govkg-reference', ['gk:SourceDocument'],
         {'dcterms:description': [en('The project\'s own reference notes: facts beyond the scraped page (department mapping, timeline, 2018 and 2023 transfers, bodies no longer retained, names), each with the public document it comes from (title, issuer, date, number). Wording in 「」 is the public document\'s own; the rest is a summary, cited as gk:paraphrase.')],
           'dcterms:identifier': [lit('reference.md')],
           'skos:prefLabel': [en('govkg reference notes'), zh('govkg 参考资料')]},
         ev([])),
]


def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    b.emit(ROWS)

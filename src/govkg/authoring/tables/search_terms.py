"""Words that mean the same in the field: the curated synonym groups behind ``govkg who``.

Each group is one concept of the scheme ``domain:search-terms`` (data/search_terms.ttl): its
first word is the ``skos:prefLabel``, the others ``skos:altLabel``s, and the basis for saying
they are interchangeable is its ``skos:note``. The basis is general usage of Chinese (or
English) government texts — an abbreviation, an everyday word, an official and a common
name — never the wording of one question. The search index reads the groups from the graph
(:mod:`govkg.search.thesaurus`): a duty worded with one word is found by the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from govkg.authoring.builder import Builder, en, zh

OUTPUT = "search_terms.ttl"
HEADER = ("Synonym groups for searching duties (govkg who): one skos:Concept per group, its words as\n"
          "skos:prefLabel / skos:altLabel, the basis for the equivalence as skos:note. Curated; general to the field.")
SCHEME = "domain:search-terms"


@dataclass(frozen=True)
class Synonyms:
    """One group of interchangeable words (``lang`` zh or en) and the basis for it."""

    slug: str
    lang: str
    words: list
    basis: str

    def emit(self, b: Builder) -> None:
        label = zh if self.lang == "zh" else en
        b.node(f"domain:term-{self.slug}", ("skos:Concept",), skos__inScheme=SCHEME,
               skos__prefLabel=label(self.words[0]), skos__altLabel=[label(w) for w in self.words[1:]],
               skos__note=en(self.basis))


ROWS = [
    Synonyms('price-level', 'zh', ['物价', '价格'],
             '物价 is the everyday word for prices and the price level (物价局 was the name of local price bureaus)'),
    Synonyms('price-supervision', 'zh', ['价格监管', '价格监督检查', '价格监督'],
             'price regulation: 价格监督检查 is the administrative term, 价格监管 the common one'),
    Synonyms('tendering', 'zh', ['招投标', '招标投标', '招标和投标'],
             '招投标 is the standard abbreviation of 招标投标 (《招标投标法》)'),
    Synonyms('corporate-bonds', 'zh', ['企业债', '企业债券', '公司债券', '公司债'],
             '企业债/公司债 are the usual short forms; the NDRC text writes 企业（公司）债券'),
    Synonyms('drug-prices', 'zh', ['药价', '药品价格'],
             '药价 is the common short form of 药品价格'),
    Synonyms('medical-security', 'zh', ['医保', '医疗保障'],
             '医保 is the standard abbreviation of 医疗保障'),
    Synonyms('project-inspection', 'zh', ['稽察', '稽查'],
             'both spellings are used for inspection of projects (重大项目稽察 / 稽查)'),
    Synonyms('northeast-revitalisation', 'zh', ['东北振兴', '振兴东北'],
             'revitalising the northeast (振兴东北地区等老工业基地) is said both ways'),
    Synonyms('western-development', 'zh', ['西部大开发', '西部开发'],
             'the Western Development strategy is called both'),
    Synonyms('central-china-rise', 'zh', ['中部崛起', '中部地区崛起'],
             'the Rise of Central China strategy is called both'),
    Synonyms('three-rural-issues', 'zh', ['三农', '农业农村农民'],
             '三农 is the standard short form for agriculture, rural areas and farmers'),
    Synonyms('venture-capital', 'zh', ['创投', '创业投资', '风险投资', '风投'],
             '创投/风投 are the usual short forms of venture capital (创业投资, 风险投资)'),
    Synonyms('industry-university-research', 'zh', ['产学研', '产学研合作', '产学研联合', '产学研结合'],
             'cooperation of industry, universities and research institutes is written all these ways'),
    Synonyms('informatisation', 'zh', ['信息化', '资讯化'],
             '资讯化 is the Taiwan word for 信息化 (informatisation)'),
    Synonyms('urbanisation', 'zh', ['城镇化', '城市化'],
             'urbanisation: 城镇化 is the official term, 城市化 the common one'),
    Synonyms('high-technology', 'zh', ['高技术', '高新技术', '高科技'],
             'high technology is written all three ways in policy texts'),
    Synonyms('environmental-protection', 'zh', ['环保', '环境保护'],
             '环保 is the standard abbreviation of 环境保护'),
    Synonyms('emission-reduction', 'zh', ['减排', '碳减排', '温室气体减排', '碳排放', '温室气体排放'],
             'emission reduction in climate policy concerns carbon / greenhouse-gas emissions'),
    Synonyms('climate-change', 'zh', ['应对气候变化', '气候变化', '碳达峰', '碳中和'],
             "carbon peaking and neutrality are the targets of China's climate change policy"),
    Synonyms('grain-cotton-sugar', 'zh', ['粮棉糖', '粮食棉花食糖'],
             '粮棉糖 is the standard short form of grain, cotton and sugar (reserves)'),
    Synonyms('central-budget-investment', 'zh', ['中央预算内投资', '中央财政性建设资金'],
             "the NDRC's central budget investment is also called central fiscal construction funds"),
    Synonyms('macro-regulation', 'zh', ['宏观调控', '宏观经济调控'],
             'macro-regulation of the economy is written both ways'),
    Synonyms('economic-mobilisation', 'zh', ['经济动员', '国民经济动员'],
             'economic mobilisation is short for national economic mobilisation'),
    Synonyms('emergencies', 'zh', ['突发事件', '突发性事件', '紧急事件'],
             'emergencies, as in 《突发事件应对法》'),
    Synonyms('foreign-investment', 'zh', ['外资', '外商投资', '外国投资'],
             'foreign investment'),
    Synonyms('outward-investment', 'zh', ['境外投资', '对外投资', '海外投资'],
             'outward (overseas) investment is written all three ways'),
    Synonyms('external-debt', 'zh', ['外债', '对外债务'],
             'external debt'),
    Synonyms('service-provider', 'zh', ['承接主体', '承接方', '供应商', '服务供应商', '服务提供者'],
             'the provider of a purchased service: 承接主体 in Order No. 102, 供应商 in procurement practice'),
    Synonyms('purchaser', 'zh', ['购买主体', '购买方', '采购人'],
             'the purchaser: 购买主体 in Order No. 102, 采购人 in the Government Procurement Law'),
    Synonyms('performance-evaluation', 'zh', ['绩效评价', '绩效评估', '绩效考核'],
             'performance evaluation is written all three ways'),
    Synonyms('letters-and-visits', 'zh', ['信访', '来信来访'],
             '信访 is short for letters and visits from the public'),
    Synonyms('administrative-reconsideration', 'zh', ['行政复议', '复议'],
             '复议 in administrative texts means administrative reconsideration'),
    Synonyms('normative-documents', 'zh', ['规范性文件', '红头文件'],
             '红头文件 is the colloquial name of normative documents'),
    Synonyms('work-relief', 'zh', ['以工代赈', '工赈'],
             'work relief'),
    Synonyms('digital-infrastructure', 'zh', ['数字基础设施', '新型基础设施', '新基建'],
             'digital infrastructure is the core of "new infrastructure" (新基建)'),
    Synonyms('digital-economy', 'zh', ['数字经济', '数字化经济'],
             'the digital economy'),
    Synonyms('en-antitrust', 'en', ['antitrust', 'anti monopoly', 'antimonopoly', 'monopoly'],
             'antitrust (US) and anti-monopoly (Chinese official English) name the same enforcement'),
    Synonyms('en-price', 'en', ['price', 'pricing', 'prices'],
             'price setting and the price level'),
    Synonyms('en-medicines', 'en', ['drug', 'drugs', 'medicine', 'medicines', 'pharmaceutical'],
             'medicines'),
    Synonyms('en-climate-change', 'en', ['climate change', 'global warming'],
             'climate change'),
    Synonyms('en-sme', 'en', ['sme', 'smes', 'small and medium enterprises', 'small and medium-sized enterprises'],
             'SMEs'),
    Synonyms('en-external-debt', 'en', ['foreign debt', 'external debt'],
             'external debt'),
    Synonyms('en-tendering', 'en', ['tendering', 'bidding', 'tenders', 'bids'],
             'tendering and bidding'),
    Synonyms('en-reserves', 'en', ['reserves', 'stockpiles', 'stockpiling'],
             'strategic reserves'),
    Synonyms('en-rural', 'en', ['rural', 'countryside'],
             'rural affairs'),
    Synonyms('en-energy-conservation', 'en', ['energy saving', 'energy conservation'],
             'energy conservation'),
    Synonyms('en-provider', 'en', ['provider', 'supplier', 'contractor'],
             'the provider of a purchased service (OCDS supplier, ePO contractor)'),
    Synonyms('en-purchaser', 'en', ['purchaser', 'buyer', 'purchasing entity'],
             'the purchaser (OCDS buyer)'),
    Synonyms('en-venture-capital', 'en', ['venture capital', 'risk capital'],
             'venture capital'),
]


def build(b: Builder) -> None:
    b.output(OUTPUT, HEADER)
    b.node(SCHEME, ("skos:ConceptScheme",), skos__prefLabel=[zh("检索同义词"), en("Search synonyms")],
           skos__definition=en("Groups of words that name the same thing in Chinese (or English) government "
                               "usage, used to find duties worded with any of them."))
    b.emit(ROWS)

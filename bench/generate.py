"""Write a synthetic national govkg graph (Turtle) of about N triples, streaming, deterministic.

The graph is in govkg's own ontology: 31 province governments, then prefecture and county
governments (round-robin over provinces, so every size covers the whole country), each with
40 departments (zh/en labels, org:unitOf, founding date, source passage), 3 duties per
department (zh/en labels, zh canonical text, source) with their assignments, and duties moved
between departments in three province-wide reorganisations (2009, 2014, 2018): every transfer
ends the giver's assignment and starts the receiver's on the reorganisation's date, so the
graph validates clean — except for exactly five seeded violations, one each of five shapes,
listed in ``<out>.expected.json``.

    python bench/generate.py --triples 1000000 -o bench/out/national-1m.ttl [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

PROVINCES = [
    ("beijing", "北京市", "Beijing"), ("tianjin", "天津市", "Tianjin"), ("hebei", "河北省", "Hebei"),
    ("shanxi", "山西省", "Shanxi"), ("neimenggu", "内蒙古自治区", "Inner Mongolia"), ("liaoning", "辽宁省", "Liaoning"),
    ("jilin", "吉林省", "Jilin"), ("heilongjiang", "黑龙江省", "Heilongjiang"), ("shanghai", "上海市", "Shanghai"),
    ("jiangsu", "江苏省", "Jiangsu"), ("zhejiang", "浙江省", "Zhejiang"), ("anhui", "安徽省", "Anhui"),
    ("fujian", "福建省", "Fujian"), ("jiangxi", "江西省", "Jiangxi"), ("shandong", "山东省", "Shandong"),
    ("henan", "河南省", "Henan"), ("hubei", "湖北省", "Hubei"), ("hunan", "湖南省", "Hunan"),
    ("guangdong", "广东省", "Guangdong"), ("guangxi", "广西壮族自治区", "Guangxi"), ("hainan", "海南省", "Hainan"),
    ("chongqing", "重庆市", "Chongqing"), ("sichuan", "四川省", "Sichuan"), ("guizhou", "贵州省", "Guizhou"),
    ("yunnan", "云南省", "Yunnan"), ("xizang", "西藏自治区", "Tibet"), ("shaanxi", "陕西省", "Shaanxi"),
    ("gansu", "甘肃省", "Gansu"), ("qinghai", "青海省", "Qinghai"), ("ningxia", "宁夏回族自治区", "Ningxia"),
    ("xinjiang", "新疆维吾尔自治区", "Xinjiang"),
]
#: (zh, en) of the 40 departments every government has
DEPARTMENTS = [
    ("办公厅", "General Office"), ("发展和改革委员会", "Development and Reform Commission"),
    ("教育厅", "Department of Education"), ("科学技术厅", "Department of Science and Technology"),
    ("工业和信息化厅", "Department of Industry and Information Technology"), ("民族宗教事务委员会", "Ethnic and Religious Affairs Commission"),
    ("公安厅", "Department of Public Security"), ("民政厅", "Department of Civil Affairs"), ("司法厅", "Department of Justice"),
    ("财政厅", "Department of Finance"), ("人力资源和社会保障厅", "Department of Human Resources and Social Security"),
    ("自然资源厅", "Department of Natural Resources"), ("生态环境厅", "Department of Ecology and Environment"),
    ("住房和城乡建设厅", "Department of Housing and Urban-Rural Development"), ("交通运输厅", "Department of Transport"),
    ("水利厅", "Department of Water Resources"), ("农业农村厅", "Department of Agriculture and Rural Affairs"),
    ("商务厅", "Department of Commerce"), ("文化和旅游厅", "Department of Culture and Tourism"),
    ("卫生健康委员会", "Health Commission"), ("退役军人事务厅", "Department of Veterans Affairs"),
    ("应急管理厅", "Department of Emergency Management"), ("审计厅", "Audit Office"),
    ("国有资产监督管理委员会", "State-owned Assets Supervision and Administration Commission"),
    ("市场监督管理局", "Administration for Market Regulation"), ("广播电视局", "Radio and Television Administration"),
    ("体育局", "Sports Bureau"), ("统计局", "Statistics Bureau"), ("医疗保障局", "Healthcare Security Administration"),
    ("地方金融监督管理局", "Local Financial Supervision Bureau"), ("机关事务管理局", "Government Offices Administration"),
    ("信访局", "Letters and Visits Bureau"), ("粮食和物资储备局", "Food and Strategic Reserves Bureau"),
    ("林业局", "Forestry Bureau"), ("药品监督管理局", "Medical Products Administration"),
    ("知识产权局", "Intellectual Property Office"), ("人民防空办公室", "Civil Air Defence Office"),
    ("数据管理局", "Data Administration"), ("乡村振兴局", "Rural Revitalisation Bureau"), ("外事办公室", "Foreign Affairs Office"),
]
ACTIONS = [("规划", "planning"), ("监督管理", "supervision and administration"), ("统计分析", "statistical analysis")]
SYLLABLES = [("安", "an"), ("平", "ping"), ("华", "hua"), ("阳", "yang"), ("山", "shan"), ("江", "jiang"), ("宁", "ning"),
             ("东", "dong"), ("西", "xi"), ("清", "qing"), ("河", "he"), ("兴", "xing"), ("德", "de"), ("永", "yong"),
             ("昌", "chang"), ("丰", "feng"), ("泉", "quan"), ("源", "yuan"), ("石", "shi"), ("林", "lin")]
EVENTS = [("2009", "2009-03-01"), ("2014", "2014-06-01"), ("2018", "2018-10-15")]
PREFECTURES_PER_PROVINCE = 11
COUNTIES_PER_PREFECTURE = 8
TRANSFERS_PER_EVENT = 4

PREFIXES = """@prefix gk:    <https://w3id.org/govkg/def#> .
@prefix inst:  <https://w3id.org/govkg/id/inst/> .
@prefix dept:  <https://w3id.org/govkg/id/dept/> .
@prefix duty:  <https://w3id.org/govkg/id/duty/> .
@prefix asg:   <https://w3id.org/govkg/id/assignment/> .
@prefix xfer:  <https://w3id.org/govkg/id/transfer/> .
@prefix event: <https://w3id.org/govkg/id/event/> .
@prefix src:   <https://w3id.org/govkg/id/source/> .
@prefix skos:  <http://www.w3.org/2004/02/skos/core#> .
@prefix org:   <http://www.w3.org/ns/org#> .
@prefix xsd:   <http://www.w3.org/2001/XMLSchema#> .

"""

#: government index -> the one violation seeded there (all within the first 50 governments,
#: so every size from 100k triples up carries all five)
SEEDED = {
    3: ("https://w3id.org/govkg/shapes/integrity#EnLabelShape", "a department without an English label"),
    5: ("https://w3id.org/govkg/shapes/integrity#CanonicalChineseShape/https://w3id.org/govkg/def#canonicalText",
        "a canonical text with the artefact 计画"),
    7: ("https://w3id.org/govkg/shapes/integrity#InstitutionDatesShape/https://w3id.org/govkg/def#foundingDate",
        "a department dissolved before it was founded"),
    11: ("https://w3id.org/govkg/shapes/integrity#DutyShape", "a duty nobody holds"),
    13: ("https://w3id.org/govkg/shapes/integrity#SourcePassageShape/https://w3id.org/govkg/def#quote",
         "a source passage with an empty quote"),
}


def governments():
    """(slug, zh, en, parent slug or None, level) for provinces, then prefectures, then counties."""
    rng = random.Random(12345)  # names only; fixed so every seed names places alike

    def name():
        (a, pa), (b, pb) = rng.sample(SYLLABLES, 2)
        return a + b, (pa + pb).capitalize()

    for slug, zh, en in PROVINCES:
        yield slug, zh + "人民政府", f"People's Government of {en}", None, "province"
    prefectures = {}
    for i in range(1, PREFECTURES_PER_PROVINCE + 1):
        for slug, pzh, pen in PROVINCES:
            zh, en = name()
            pslug = f"{slug}-c{i:02d}"
            prefectures.setdefault(slug, []).append(pslug)
            yield pslug, f"{pzh}{zh}市人民政府", f"People's Government of {en} City, {pen}", slug, "prefecture"
    for j in range(1, COUNTIES_PER_PREFECTURE + 1):
        for i in range(PREFECTURES_PER_PROVINCE):
            for slug, pzh, pen in PROVINCES:
                zh, en = name()
                parent = prefectures[slug][i]
                yield (f"{parent}-x{j:02d}", f"{pzh}{zh}县人民政府", f"People's Government of {en} County, {pen}",
                       parent, "county")


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def date(value: str) -> str:
    return f'"{value}"^^xsd:date'


def government_block(index: int, gov, rng: random.Random, counts: dict) -> list[str]:
    slug, zh, en, parent, level = gov
    province = slug.split("-")[0]
    out = []
    n = 0  # triples

    def emit(subject: str, pairs: list[tuple[str, str]]):
        nonlocal n
        body = " ;\n    ".join(f"{p} {o}" for p, o in pairs)
        out.append(f"{subject} {body} .\n")
        n += len(pairs)

    doc = f"src:syn-{slug}-doc"
    emit(doc, [("a", "gk:SourceDocument"), ("skos:prefLabel", lit(f"{zh}机构职能规定", "zh")),
               ("skos:prefLabel", lit(f"Functions of the {en}", "en"))])
    gov_iri = f"inst:syn-{slug}"
    emit(f"src:syn-{slug}-p0", [("a", "gk:SourcePassage"), ("gk:inDocument", doc),
                                ("gk:quote", lit(f"{zh}设立下列工作部门。")), ("gk:locator", lit("第一条")),
                                ("gk:line", "1")])
    pairs = [("a", "gk:Institution"), ("skos:prefLabel", lit(zh, "zh")), ("skos:prefLabel", lit(en, "en")),
             ("gk:foundingDate", date("1949-10-01" if level == "province" else "1983-01-01")),
             ("gk:source", f"src:syn-{slug}-p0")]
    if parent:
        pairs.append(("org:subOrganizationOf", f"inst:syn-{parent}"))
    emit(gov_iri, pairs)
    if level == "province":  # the province's three reorganisations
        for tag, day in EVENTS:
            emit(f"src:syn-{slug}-e{tag}", [("a", "gk:SourcePassage"), ("gk:inDocument", doc),
                                            ("gk:quote", lit(f"{tag}年{zh}机构改革方案。")),
                                            ("gk:locator", lit(f"{tag}年方案")), ("gk:line", "2")])
            emit(f"event:syn-{slug}-{tag}", [("a", "gk:Reorganisation"),
                                             ("skos:prefLabel", lit(f"{zh}{tag}年机构改革", "zh")),
                                             ("skos:prefLabel", lit(f"{tag} reorganisation of the {en}", "en")),
                                             ("gk:date", date(day)), ("gk:source", f"src:syn-{slug}-e{tag}")])
    holders = {}  # duty -> (current assignment, holder dept, index)
    for d, (dzh, den) in enumerate(DEPARTMENTS):
        dept = f"dept:syn-{slug}-d{d:02d}"
        passage = f"src:syn-{slug}-p{d + 1}"
        quote = "" if (index == 13 and d == 0) else f"{dzh}负责本级{dzh[:2]}工作。"
        emit(passage, [("a", "gk:SourcePassage"), ("gk:inDocument", doc), ("gk:quote", lit(quote)),
                       ("gk:locator", lit(f"第{d + 2}条")), ("gk:line", str(d + 3))])
        labels = [("skos:prefLabel", lit(zh.replace("人民政府", "") + dzh, "zh"))]
        if not (index == 3 and d == 0):
            labels.append(("skos:prefLabel", lit(f"{den}, {en}", "en")))
        pairs = [("a", "gk:Department"), *labels, ("org:unitOf", gov_iri),
                 ("gk:foundingDate", date("2000-01-01")), ("gk:source", passage)]
        if index == 7 and d == 0:
            pairs.append(("gk:dissolutionDate", date("1999-12-31")))
        emit(dept, pairs)
        for k, (azh, aen) in enumerate(ACTIONS):
            duty = f"duty:syn-{slug}-d{d:02d}-k{k}"
            topic = dzh[:2]
            text = f"负责本级{topic}领域的{azh}工作"
            if index == 5 and d == 0 and k == 0:
                text = f"负责本级{topic}领域的计画工作"
            emit(duty, [("a", "gk:Duty"), ("skos:prefLabel", lit(f"{topic}{azh}", "zh")),
                        ("skos:prefLabel", lit(f"{aen.capitalize()} of {den.lower()} matters", "en")),
                        ("gk:canonicalText", lit(text, "zh")), ("gk:source", passage)])
            holders[duty] = [f"asg:syn-{slug}-d{d:02d}-k{k}-0", dept, d, "2000-01-01", passage]
            counts["duties"] += 1
    if index == 11:
        emit(f"duty:syn-{slug}-orphan", [("a", "gk:Duty"), ("skos:prefLabel", lit("孤立职责", "zh")),
                                         ("skos:prefLabel", lit("Orphan duty", "en")),
                                         ("gk:canonicalText", lit("负责无人承担的工作", "zh")),
                                         ("gk:source", f"src:syn-{slug}-p1")])
    ended = {}
    duties = sorted(holders)
    for e, (tag, day) in enumerate(EVENTS):
        for duty in rng.sample(duties, TRANSFERS_PER_EVENT):
            old_asg, old_dept, old_d, start, passage = holders[duty]
            new_d = (old_d + rng.randrange(1, len(DEPARTMENTS))) % len(DEPARTMENTS)
            new_dept = f"dept:syn-{slug}-d{new_d:02d}"
            new_asg = f"{duty.replace('duty:', 'asg:')}-{e + 1}"
            ended[old_asg] = day
            emit(new_asg, [("a", "gk:DutyAssignment"), ("gk:duty", duty), ("gk:holder", new_dept),
                           ("gk:startDate", date(day)), ("gk:source", f"src:syn-{province}-e{tag}")])
            emit(f"{duty.replace('duty:', 'xfer:')}-{tag}", [
                ("a", "gk:DutyTransfer"), ("gk:duty", duty), ("gk:transferredFrom", old_dept),
                ("gk:transferredTo", new_dept), ("gk:date", date(day)),
                ("gk:partOfReorganisation", f"event:syn-{province}-{tag}"),
                ("gk:endsAssignment", old_asg), ("gk:startsAssignment", new_asg),
                ("gk:source", f"src:syn-{province}-e{tag}")])
            holders[duty] = [new_asg, new_dept, new_d, day, f"src:syn-{province}-e{tag}"]
            counts["transfers"] += 1
    for duty in duties:  # the first assignment of every duty (ended if it was transferred)
        d = int(duty.rsplit("-d", 1)[1][:2])
        first = f"{duty.replace('duty:', 'asg:')}-0"
        pairs = [("a", "gk:DutyAssignment"), ("gk:duty", duty), ("gk:holder", f"dept:syn-{slug}-d{d:02d}"),
                 ("gk:startDate", date("2000-01-01")), ("gk:source", f"src:syn-{slug}-p{d + 1}")]
        if first in ended:
            pairs.append(("gk:endDate", date(ended[first])))
        emit(first, pairs)
    for asg, day in ended.items():  # later assignments that a later transfer ended
        if not asg.endswith("-0"):
            out.append(f"{asg} gk:endDate {date(day)} .\n")
            n += 1
    counts["triples"] += n
    return out


def generate(target: int, out_path: Path, seed: int = 7) -> dict:
    rng = random.Random(seed)
    counts = {"triples": 0, "governments": 0, "duties": 0, "transfers": 0}
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_suffix(out_path.suffix + ".part")
    with open(tmp, "w", encoding="utf-8", buffering=1 << 20) as handle:
        handle.write(PREFIXES)
        for index, gov in enumerate(governments()):
            if counts["triples"] >= target:
                break
            handle.write("\n".join(government_block(index, gov, rng, counts)))
            handle.write("\n")
            counts["governments"] += 1
    tmp.replace(out_path)
    seeded = [{"shape": shape, "what": what, "government": i} for i, (shape, what) in SEEDED.items()
              if i < counts["governments"]]
    meta = {**counts, "seed": seed, "target": target, "expected_violations": len(seeded), "seeded": seeded}
    Path(str(out_path) + ".expected.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")
    return meta


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--triples", type=int, default=100_000, help="approximate size (stops at a government)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    meta = generate(args.triples, args.output, args.seed)
    print(f"{args.output}: {meta['triples']:,} triples, {meta['governments']} governments, "
          f"{meta['transfers']:,} transfers, {meta['expected_violations']} seeded violations "
          f"({time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

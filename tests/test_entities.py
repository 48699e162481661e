"""Entities and relations (issue #3): the seed report, a report of another province
written for these tests, exact spans, determinism, and the RDF the builder makes."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.build.entities import add_entities, entity_iri
from kg.extract.entities import extract_entities
from kg.extract.entities.fold import fold
from kg.extract.records import Entity, Extraction, Relation, Segment
from kg.extract.text.segment import segment
from kg.extract.text.sentences import sentences
from kg.iris import KG, SCHEMA, Iris
from kg.sources import load_report

SEED = "cao-bang-1468-bc-ubnd-2023-06-14.txt"
BASE = "https://example.org/kg/"

Result = tuple[tuple[Entity, ...], tuple[Relation, ...]]


@pytest.fixture(scope="module")
def report(root: Path):
    return load_report(root / "data" / "sources" / SEED)


@pytest.fixture(scope="module")
def segments(report) -> tuple[Segment, ...]:
    return tuple(segment(report.text))


@pytest.fixture(scope="module")
def seed(report, segments) -> Result:
    return extract_entities(report.text, segments, sentences(report.text, segments, clauses=False))


def _entity(result: Result, kind: str, key: str) -> Entity:
    found = [e for e in result[0] if e.kind == kind and e.key == key]
    assert found, f"{kind}:{key} not extracted"
    return found[0]


def _objects(result: Result, subject: str, predicate: str) -> set[str]:
    return {r.object for r in result[1] if r.subject == subject and r.predicate == predicate}


def _subjects(result: Result, predicate: str, obj: str) -> set[str]:
    return {r.subject for r in result[1] if r.predicate == predicate and r.object == obj}


# --- the seed report -------------------------------------------------------------------


def test_seed_counts_by_kind(seed: Result) -> None:
    counts = Counter(e.kind for e in seed[0])
    assert counts["composite-index"] == 6  # PCI, PAR INDEX, PAPI, SIPAS, DDCI, PII
    assert counts["index-component"] == 10
    assert counts["foreign-area"] == 4  # Trung Quốc, Quảng Tây, Bách Sắc, Nà Po
    assert counts["obstacle"] == 3  # land clearance, forest land, capital
    assert counts["investment-mode"] == 1
    assert counts["document"] >= 25
    assert counts["project"] >= 20
    assert counts["admin-unit"] >= 35
    assert counts["organisation"] >= 15


def test_government_resolution_01(seed: Result) -> None:
    doc = _entity(seed, "document", "01-nq-cp")
    assert doc.attributes["number"] == "01/NQ-CP"
    assert doc.attributes["date"] == "2023-01-06"
    assert doc.attributes["doc-type"] == "resolution"
    assert doc.attributes["title"].startswith("về nhiệm vụ, giải pháp chủ yếu")
    assert _objects(seed, "document:01-nq-cp", "issuer") == {"organisation:chinh-phu"}


@pytest.mark.parametrize(
    ("key", "number", "date", "issuer"),
    [
        ("04/354-kh-ubnd", "354/KH-UBND", "2023-02-22", "ubnd-tinh-cao-bang"),  # OCR "HK-UBND"
        ("964-qd-ttg", "964/QĐ-TTg", "2022-08-10", "thu-tuong-chinh-phu"),
        ("97-2022-nd-cp", "97/2022/NĐ-CP", "2022-11-29", "chinh-phu"),
        ("04/1688-kh-ubnd", "1688/KH-UBND", "2022-06-29", "ubnd-tinh-cao-bang"),
        ("01-ct-ttg", "01/CT-TTg", "2015-01-09", "thu-tuong-chinh-phu"),
    ],
)
def test_cited_documents(seed: Result, key: str, number: str, date: str, issuer: str) -> None:
    doc = _entity(seed, "document", key)
    assert (doc.attributes["number"], doc.attributes["date"]) == (number, date)
    assert _objects(seed, f"document:{key}", "issuer") == {f"organisation:{issuer}"}


def test_documents_without_date_take_issuer_from_number(seed: Result) -> None:
    assert _objects(seed, "document:43-2022-qh15", "issuer") == {"organisation:quoc-hoi"}
    assert _objects(seed, "document:29-nq-tw", "issuer") == {
        "organisation:ban-chap-hanh-trung-uong"
    }
    assert "date" not in _entity(seed, "document", "43-2022-qh15").attributes
    assert _entity(seed, "document", "luat-lam-nghiep").attributes["doc-type"] == "law"


def test_land_clearance_projects_with_their_districts(seed: Result) -> None:
    stuck = _subjects(seed, "obstacle", "obstacle:land-clearance")
    assert len(stuck) == 7  # the seven items of footnote 47
    chu_trinh = next(p for p in stuck if "chu-trinh" in p)
    assert _objects(seed, chu_trinh, "location") == {
        "admin-unit:01720",  # xã Chu Trinh, Thành phố Cao Bằng ("TPCB")
        "admin-unit:01723",  # xã Hồng Nam
        "admin-unit:040",
        "admin-unit:051",  # huyện Hòa An
    }
    bridge = next(p for p in stuck if "quoc-lo-34" in p)
    assert "admin-unit:042" in _objects(seed, bridge, "location")  # huyện Bảo Lâm


def test_forest_land_projects_of_footnote_46(seed: Result) -> None:
    stuck = _subjects(seed, "obstacle", "obstacle:forest-land-conversion")
    assert len(stuck) == 3
    road = next(p for p in stuck if p.startswith("project:duong-tinh-208"))
    districts = {o for o in _objects(seed, road, "location") if len(o) == len("admin-unit:053")}
    assert districts == {"admin-unit:053", "admin-unit:048", "admin-unit:047"}
    assert "admin-unit:01636" in _objects(seed, road, "location")  # xã Cách Linh


def test_expressway(seed: Result) -> None:
    ref = "project:cao-toc-dong-dang-tra-linh"
    assert len(_entity(seed, "project", "cao-toc-dong-dang-tra-linh").spans) >= 5
    assert _objects(seed, ref, "location") == {"admin-unit:20", "admin-unit:04"}
    assert _objects(seed, ref, "investment-mode") == {"investment-mode:ppp"}
    assert _objects(seed, ref, "obstacle") == {"obstacle:capital"}


def test_hydropower_and_urban_projects(seed: Result) -> None:
    keys = {e.key for e in seed[0] if e.kind == "project"}
    assert {"thuy-dien-hong-nam", "thuy-dien-bao-lac-a", "thuy-dien-thuong-ha"} <= keys
    assert {f"du-an-phat-trien-do-thi-{n}" for n in ("3a", "7a", "9a", "10a")} <= keys
    # named only as examples of slow projects: no obstacle is claimed for them
    assert not _objects(seed, "project:thuy-dien-hong-nam", "obstacle")


def test_numbered_project_is_one_project(seed: Result) -> None:
    """dự án “Thí điểm bác sỹ trẻ …” (Dự án 585) and a later "Dự án 585" are one project."""
    pilot = next(e for e in seed[0] if e.kind == "project" and e.key.startswith("thi-diem-bac-sy"))
    assert pilot.attributes["number"] == "585"
    assert len(pilot.spans) == 3
    assert not any(e.key == "du-an-585" for e in seed[0])
    assert _entity(seed, "project", "du-an-513").attributes["title"].startswith("Hoàn thiện")


def test_master_plan_and_company(seed: Result) -> None:
    plan = _entity(seed, "plan", "quy-hoach-tinh-cao-bang-2021-2030")
    assert plan.label == "Quy hoạch tỉnh Cao Bằng thời kỳ 2021-2030"
    company = _entity(seed, "organisation", "cong-ty-cp-gang-thep-cao-bang")
    assert company.attributes["org-type"] == "company"


def test_pci_has_ten_components(seed: Result) -> None:
    components = _subjects(seed, "component-of", "composite-index:pci")
    assert len(components) == 10
    assert "index-component:pci-transparency" in components


def test_programmes(seed: Result) -> None:
    ntps = {e.key for e in seed[0] if e.attributes.get("national-target") == "true"}
    assert ntps == {
        "ntp-new-rural-development",
        "ntp-sustainable-poverty-reduction",
        "ntp-ethnic-minority-mountainous",
    }
    assert _objects(seed, "programme:breakthrough-tourism-services", "part-of") == {
        "programme:breakthrough-areas"
    }
    assert len(_entity(seed, "programme", "ocop").spans) >= 4


def test_places(seed: Result) -> None:
    crossing = "place:border-crossing-na-lan"
    # Đức Long exists in Hòa An and in Thạch An; the text says "Đức Long - Thạch An"
    assert _objects(seed, crossing, "in-commune") == {"admin-unit:01822"}
    assert _objects(seed, crossing, "in-district") == {"admin-unit:053"}
    assert len(_entity(seed, "place", "geopark-non-nuoc-cao-bang").spans) >= 4
    # "cửa khẩu Sóc Giang (Việt Nam ) - Bình Mãng (Trung Quôc)": the other side's gate
    assert _objects(seed, "place:border-gate-binh-mang", "contained-in") == {"foreign-area:cn"}
    assert _objects(seed, "place:waterfall-duc-thien", "contained-in") == {"foreign-area:cn"}
    heritage = next(e for e in seed[0] if "luon-coi" in e.key)
    ref = f"place:{heritage.key}"
    assert _objects(seed, ref, "in-commune") == {
        "admin-unit:01318",
        "admin-unit:01297",
        "admin-unit:01303",
    }
    assert _objects(seed, ref, "in-district") == {"admin-unit:042"}


def test_foreign_areas(seed: Result) -> None:
    assert _objects(seed, "foreign-area:cn-guangxi-napo", "contained-in") >= {
        "foreign-area:cn-guangxi"
    }
    assert _objects(seed, "foreign-area:cn-guangxi", "contained-in") == {"foreign-area:cn"}


def test_seed_spans_are_exact(report, seed: Result, segments) -> None:
    keys = {s.key for s in segments}
    spans = [s for e in seed[0] for s in e.spans] + [r.span for r in seed[1]]
    for span in spans:
        assert report.text[span.start : span.end] == span.quote
        assert span.segment in keys
        assert span.quote == span.quote.strip()


def test_one_mention_is_one_span(seed: Result) -> None:
    """A commune read twice (typed, and placed by its district) keeps one span."""
    for entity in seed[0]:
        spans = entity.spans
        for a, b in itertools.pairwise(spans):
            assert a.end <= b.start, (entity.key, a.quote, b.quote)


def test_relations_point_at_extracted_entities(seed: Result) -> None:
    refs = {f"{e.kind}:{e.key}" for e in seed[0]}
    for relation in seed[1]:
        assert relation.subject in refs and relation.object in refs


def test_deterministic(report, segments, seed: Result) -> None:
    shuffled = list(segments)
    random.Random(7).shuffle(shuffled)
    assert extract_entities(report.text, shuffled, ()) == extract_entities(
        report.text, segments, ()
    )
    assert extract_entities(report.text, segments, sentences(report.text, segments)) is not None


# --- another province, in the genre's style (written for this test) --------------------

LANG_SON = """Thực hiện Nghị quyết số 02/NQ-CP ngày 05/01/2024 của Chính phủ, UBND tỉnh Lạng Sơn \
đã ban hành Ke hoạch số 45/HK-UBND ngày 20/02/2024 về cải thiện môi trường kinh doanh năm 2024. \
Sở Tài chính phối hợp với Sở Kế hoạch và Đầu tư tham mưu HĐND tỉnh phân bổ vốn Chương trình \
mục tiêu quốc gia giảm nghèo bền vững cho huyện Cao Lộc, Văn Lãng và Tràng Định.

Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2023 của tỉnh Lạng Sơn tăng 4 bậc; chỉ số thành \
phần Tính minh bạch và Chi phí thời gian tăng điểm. Tiếp tục thực hiện dự án đường bộ cao tốc \
Hữu Nghị (tỉnh Lạng Sơn) - Chi Lăng (tỉnh Lạng Sơn) theo phương thức PPP. Một số dự án giao \
thông vướng mắc công tác giải phóng mặt bằng1. Khôi phục thông quan tại cửa khẩu Tân Thanh \
(huyện Văn Lãng), hội đàm với Bằng Tường (Quảng Tây, Trung Quốc). Xã Thụy Hùng (huyện Văn \
Lãng) hoàn thành tiêu chí nông thôn mới. Trình thẩm định Quy hoạch tỉnh Lạng Sơn thời kỳ \
2021-2030. Dự án Xây dựng chợ nông sản Na Sầm thuộc Chương trình mục tiêu quốc gia xây \
dựng nông thôn mới được khởi công. Thực hiện Thông tư số 12/2023/TT-BTC ngày 10/02/2023 \
của Bộ Tài chính. Lượng xe qua cửa khẩu quốc tế Hữu Nghị (Việt Nam) - Hữu Nghị Quan \
(Trung Quốc) tăng.

1 Dự án Cải tạo đường tỉnh 229, huyện Lộc Bình; Dự án Kè bờ sông Kỳ Cùng, thành phố Lạng Sơn
"""


@pytest.fixture(scope="module")
def lang_son() -> Result:
    text = LANG_SON
    footnote_start = text.index("1 Dự án")
    marker = text.index("mặt bằng1") + len("mặt bằng")
    body_end = text.index("\n\n", text.index("Chỉ số năng lực"))
    segments = (
        Segment("p1", "paragraph", 0, text.index("\n\n")),
        Segment("p2", "paragraph", text.index("Chỉ số năng lực"), body_end),
        Segment(
            "fn/1", "footnote", footnote_start, len(text) - 1, number="1", marker_offset=marker
        ),
    )
    return extract_entities(text, segments, ())


def test_other_province_documents_and_bodies(lang_son: Result) -> None:
    assert _objects(lang_son, "document:02-nq-cp", "issuer") == {"organisation:chinh-phu"}
    plan = _entity(lang_son, "document", "20/45-kh-ubnd")  # Lạng Sơn: GSO 20
    assert plan.attributes["date"] == "2024-02-20"
    # "UBND tỉnh" and "Sở …" are the report's own province's, read from its text
    assert _objects(lang_son, "document:20/45-kh-ubnd", "issuer") == {
        "organisation:ubnd-tinh-lang-son"
    }
    assert _objects(lang_son, "document:12-2023-tt-btc", "issuer") == {"organisation:bo-tai-chinh"}
    orgs = {e.key for e in lang_son[0] if e.kind == "organisation"}
    assert {"so-tai-chinh-lang-son", "so-ke-hoach-va-dau-tu-lang-son", "hdnd-tinh-lang-son"} <= orgs


def test_other_province_units(lang_son: Result) -> None:
    units = {e.key for e in lang_son[0] if e.kind == "admin-unit"}
    assert {"20", "183", "182", "180", "188", "178"} <= units  # Lạng Sơn and its districts
    # Cao Bằng has a xã Thụy Hùng too; in a Lạng Sơn text beside huyện Văn Lãng it is not it
    assert "01810" not in units
    assert all(not u.startswith("01") or len(u) != 5 for u in units)


def test_other_province_projects(lang_son: Result) -> None:
    road = "project:cao-toc-huu-nghi-chi-lang"
    assert _objects(lang_son, road, "investment-mode") == {"investment-mode:ppp"}
    assert _objects(lang_son, road, "location") == {"admin-unit:20"}
    stuck = _subjects(lang_son, "obstacle", "obstacle:land-clearance")
    assert stuck == {
        "project:cai-tao-duong-tinh-229-huyen-loc-binh",
        "project:ke-bo-song-ky-cung-thanh-pho-lang-son",
    }
    assert _objects(lang_son, "project:cai-tao-duong-tinh-229-huyen-loc-binh", "location") == {
        "admin-unit:188"
    }


def test_other_province_project_programme(lang_son: Result) -> None:
    market = "project:xay-dung-cho-nong-san-na-sam"
    assert _objects(lang_son, market, "programme") == {"programme:ntp-new-rural-development"}


def test_other_province_master_plan(lang_son: Result) -> None:
    plan = _entity(lang_son, "plan", "quy-hoach-tinh-lang-son-2021-2030")
    assert plan.label_en == "Lạng Sơn provincial master plan 2021-2030"


def test_other_province_index_and_places(lang_son: Result) -> None:
    assert _subjects(lang_son, "component-of", "composite-index:pci") == {
        "index-component:pci-transparency",
        "index-component:pci-time-costs",
    }
    assert _objects(lang_son, "place:border-gate-tan-thanh", "in-district") == {"admin-unit:182"}
    assert _objects(lang_son, "place:border-gate-huu-nghi-quan", "contained-in") == {
        "foreign-area:cn"
    }
    assert _entity(lang_son, "place", "border-gate-huu-nghi").label == "Cửa khẩu Hữu Nghị"
    assert _objects(lang_son, "foreign-area:cn-guangxi-pingxiang", "contained-in") == {
        "foreign-area:cn-guangxi"
    }
    assert _objects(lang_son, "programme:ntp-sustainable-poverty-reduction", "part-of") == set()


def test_province_from_metadata_when_the_text_does_not_name_it() -> None:
    text = "Tổng thu ngân sách so với dự toán HĐND tỉnh giao đạt 71,5%; Sở Tư pháp thẩm định."
    unnamed = {e.key for e in extract_entities(text)[0]}
    assert {"hdnd-tinh", "so-tu-phap"} <= unnamed
    named = {e.key: e for e in extract_entities(text, area_code="10")[0]}  # Lào Cai
    assert {"hdnd-tinh-lao-cai", "so-tu-phap-lao-cai"} <= set(named)
    assert named["hdnd-tinh-lao-cai"].label == "Hội đồng nhân dân tỉnh Lào Cai"


def test_unit_of_the_2025_list() -> None:
    """A name only the 2025 list has is that list's unit (its code means another unit in
    2023: 01273 was Phường Hợp Giang)."""
    text = "Tỉnh Cao Bằng tổ chức hội nghị tại phường Thục Phán, tỉnh Cao Bằng."
    entities, _ = extract_entities(text)
    unit = next(e for e in entities if e.kind == "admin-unit" and e.key.startswith("2025:"))
    assert (unit.key, unit.label, unit.attributes["list"]) == (
        "2025:01273",
        "Phường Thục Phán",
        "2025",
    )
    assert entity_iri(Iris(BASE), "admin-unit:2025:01273") == URIRef(
        BASE + "id/admin-unit/2025/01273"
    )


def test_other_province_spans_exact(lang_son: Result) -> None:
    for entity in lang_son[0]:
        for span in entity.spans:
            assert LANG_SON[span.start : span.end] == span.quote


@given(st.text())
def test_fold_keeps_every_offset(text: str) -> None:
    """Matching on the folded copy is only sound if an offset means the same in both."""
    folded = fold(text)
    assert len(folded) == len(text)
    assert all(len(fold(c)) == 1 for c in text[:50])


_FRAGMENTS = [
    "huyện ",
    "xã ",
    "thị trấn ",
    "tỉnh ",
    "Cao Bằng",
    "Lạng Sơn",
    "Hà Quảng",
    "Văn Lãng",
    "Dự án ",
    "Thủy điện ",
    "cao tốc ",
    "Kế hoạch ",
    "Ke hoạch số ",
    "354/HK-UBND",
    " ngày 06/01/2023",
    " của Chính phủ",
    "Nghị quyết số ",
    "01/NQ-CP",
    "Luật ",
    "Đất đai",
    "cửa khẩu ",
    "Tà Lùng",
    "(",
    ")",
    " - ",
    ", ",
    "; ",
    ". ",
    "\n",
    "\n\n",
    "PCI",
    "Tính minh bạch",
    "giải phóng mặt bằng",
    "vướng mắc ",
    "1",
    "“",
    "”",
    "Nà Po",
    "Quảng Tây",
    "phương thức PPP",
]


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=40))
def test_any_text_gives_exact_spans(parts: list[str]) -> None:
    """Whatever the fragments, extraction does not fail and every span quotes the text."""
    text = "".join(parts)
    entities, relations = extract_entities(text)
    for span in [s for e in entities for s in e.spans] + [r.span for r in relations]:
        assert text[span.start : span.end] == span.quote
    assert extract_entities(text) == (entities, relations)


def test_plans_name_their_programme_and_index(seed: Result) -> None:
    ocop_plans = _subjects(seed, "programme", "programme:ocop")
    assert "plan:ke-hoach-thuc-hien-chuong-trinh-ocop-nam-2023" in ocop_plans
    assert _subjects(seed, "indicator", "composite-index:pci") == {
        "plan:ke-hoach-nang-cao-chi-so-nang-luc-canh-tranh-cap-tinh"
    }
    titles = {e.label for e in seed[0] if e.kind == "plan"}
    assert "Kế hoạch phát triển kinh tế - xã hội năm 2023" in titles  # ends before "và Kế hoạch"


def test_fold_keeps_length() -> None:
    text = "Ke hoạch  ̂số Đề án ỦY BAN"
    assert len(fold(text)) == len(text)
    assert fold("Kế hoạch Đồng Đăng") == fold("Ke hoach Dong Dang") == "ke hoach dong dang"


# --- RDF ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(report, seed: Result) -> Graph:
    g = Graph()
    add_entities(g, Iris(BASE), report, Extraction((), (), seed[0], seed[1]))
    return g


def test_rdf_document(graph: Graph) -> None:
    doc = URIRef(BASE + "id/document/01-nq-cp")
    assert (doc, RDF.type, KG.Resolution) in graph
    assert (doc, DCTERMS.identifier, Literal("01/NQ-CP")) in graph
    assert (doc, DCTERMS.issued, Literal("2023-01-06", datatype=XSD.date)) in graph
    assert (doc, DCTERMS.creator, URIRef(BASE + "id/org/chinh-phu")) in graph
    report = URIRef(BASE + "id/report/cao-bang-1468-bc-ubnd-2023")
    assert (report, DCTERMS.references, doc) in graph
    law = URIRef(BASE + "id/document/luat-lam-nghiep")
    assert (law, RDF.type, KG.Law) in graph
    assert (report, DCTERMS.references, law) in graph
    # a plan of the provincial People's Committee is numbered within the province
    plan = URIRef(BASE + "id/document/04/354-kh-ubnd")
    assert (plan, DCTERMS.identifier, Literal("354/KH-UBND")) in graph
    assert (report, DCTERMS.references, plan) in graph
    # the report's own number (appendix captions) is not a cited document
    for own in ("1468-bc-ubnd", "04/1468-bc-ubnd"):
        assert (None, None, URIRef(BASE + "id/document/" + own)) not in graph
        assert (URIRef(BASE + "id/document/" + own), None, None) not in graph


@pytest.mark.parametrize(
    ("number", "province", "key"),
    [
        ("354/KH-UBND", "04", "04/354-kh-ubnd"),  # Cao Bằng's plan 354
        ("354/KH-UBND", "20", "20/354-kh-ubnd"),  # Lạng Sơn's plan 354, another document
        ("78/2021/NQ-HĐND", "04", "04/78-2021-nq-hdnd"),
        ("01/NQ-CP", "04", "01-nq-cp"),  # the Government's: one document for every province
        ("12/2018/QĐ-TTg", "20", "12-2018-qd-ttg"),
        ("354/KH-UBND", "", "354-kh-ubnd"),  # province unknown: the number alone
    ],
)
def test_document_key_scopes_provincial_numbers(number: str, province: str, key: str) -> None:
    """Two provinces' "354/KH-UBND" must not become one document with two titles."""
    from kg.extract.entities.documents import document_key
    from kg.extract.entities.lexicon import load_lexicon

    lexicon = load_lexicon(Path(__file__).resolve().parents[1] / "data" / "lexicon" / "entities")
    assert document_key(number, lexicon, province) == key


def test_rdf_labels_and_evidence(graph: Graph, seed: Result) -> None:
    iris = Iris(BASE)
    for entity in seed[0]:
        if entity.kind == "document" and entity.key == "04/1468-bc-ubnd":
            continue
        node = entity_iri(iris, f"{entity.kind}:{entity.key}")
        assert (node, PROV.wasDerivedFrom, None) in graph
        if entity.kind != "admin-unit":
            langs = {o.language for o in graph.objects(node, RDFS.label)}
            assert langs == {"vi", "en"}, node


def test_rdf_relations(graph: Graph) -> None:
    road = URIRef(BASE + "id/project/cao-toc-dong-dang-tra-linh")
    assert (road, RDF.type, KG.Project) in graph
    assert (road, KG.location, URIRef(BASE + "id/admin-unit/2023/20")) in graph
    assert (road, KG.obstacle, URIRef(BASE + "id/obstacle/capital")) in graph
    assert (road, KG.investmentMode, URIRef(BASE + "id/investment-mode/ppp")) in graph
    component = URIRef(BASE + "id/indicator/pci-transparency")
    assert (component, KG.componentOf, URIRef(BASE + "id/indicator/pci")) in graph
    obstacle = URIRef(BASE + "id/obstacle/land-clearance")
    assert (obstacle, SKOS.inScheme, URIRef(BASE + "id/scheme/obstacles")) in graph
    crossing = URIRef(BASE + "id/place/border-crossing-na-lan")
    assert (crossing, SCHEMA.containedInPlace, URIRef(BASE + "id/admin-unit/2023/01822")) in graph


def test_rdf_has_no_blank_nodes(graph: Graph) -> None:
    assert all(not any(t.__class__.__name__ == "BNode" for t in triple) for triple in graph)

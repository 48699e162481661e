"""The extractor on a report it has never seen: another province, another period.

The text below was written for this test (a fictitious 9-month 2024 report of Lạng Sơn
with invented figures, no sentence taken from the seed report). It uses the genre's
usual shapes: achieved/plan crop line, growth with a percentage-point change, a
disbursement at a cut-off date, an "x/y xã" ratio (and its whole), a "giảm" decrease and a
footnote with its marker; and, added with the education/health rules, "x/y trường" with
the whole, prizes ("giải Nhất", "đạt 6 giải") and teams, "phấn đấu …" targets (also an
"x/y đơn vị" target after "đơn vị cấp huyện"), a cut-off hour ("đến 16h30 ngày …"), a
share of communes ("tại 100% xã") and the counts behind a rate ("71,4% (5.012/7.020)");
and, added when part (m) was tuned on, meetings, end points, digital certificates,
inspections, couples, requests and items of information, with an age bound and a
schedule ("trẻ dưới 2 tuổi 3 tháng/lần") that are not figures.
Every period expected below follows from this report's own metadata (2024-01-01 ..
2024-09-30), so passing proves the pipeline needs no code change per report.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from decimal import Decimal

import pytest
import yaml
from gold.scoring import load_unit_aliases

from kg.extract.records import Figure
from kg.sources import Report, load_report

NINE_MONTHS = "2024-01/2024-09"
SAME_PERIOD_2023 = "2023-01/2023-09"

TEXT = """BÁO CÁO
Tình hình kinh tế - xã hội 9 tháng năm 2024; nhiệm vụ trọng tâm quý IV năm 2024

I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2024

1. Lĩnh vực kinh tế
1.1. Tăng trưởng kinh tế

Ước 9 tháng năm 2024, tổng sản phẩm trên địa bàn tỉnh (GRDP) tăng 5,12%, tăng 1,08
điểm phần trăm so với cùng kỳ năm 2023. Khu vực công nghiệp - xây dựng giảm 2,15% do
sản lượng khai thác đá vôi sụt giảm.

1.2. Sản xuất nông nghiệp
Vụ mùa, toàn tỉnh gieo cấy lúa được 29.845,6/30.120,0 ha, đạt 99,1% KH, bằng 101,4%
so với cùng kỳ; diện tích cây hồi hiện có 36.210,5 ha.

1.3. Đầu tư công
Lũy kế giải ngân vốn đầu tư công đến ngày 20/9/2024 đạt 2.145,378 tỷ đồng, bằng 51,6%
kế hoạch vốn giao.

1.4. Xây dựng nông thôn mới, phát triển doanh nghiệp
Đến ngày 15/9/2024, toàn tỉnh có 71/181 xã đạt chuẩn nông thôn mới1. Số doanh nghiệp
giải thể giảm 12,5% so với cùng kỳ năm trước.

2. Lĩnh vực văn hóa - xã hội
2.1. Giáo dục và Đào tạo

Toàn tỉnh hiện có 214/498 trường mầm non, phổ thông đạt chuẩn quốc gia (đạt 42,97%).
Kỳ thi chọn học sinh giỏi cấp tỉnh lớp 12 có 14 giải Nhất, 61 giải Nhì; tỉnh cử 7 đội
tuyển dự thi học sinh giỏi quốc gia, đạt 6 giải. Phấn đấu năm 2024 có thêm ít nhất 12
trường đạt chuẩn quốc gia; phấn đấu số đơn vị cấp huyện đạt chuẩn phổ cập giáo dục mầm
non là 11/11 đơn vị.

2.2. Y tế

Tính đến 16h30 ngày 25/9/2024, số ca mắc sốt xuất huyết trên địa bàn tỉnh là 1.245 ca.
Công tác tiêm chủng mở rộng được triển khai tại 100% xã, phường, thị trấn. Tỷ lệ trẻ
dưới 1 tuổi được tiêm chủng đầy đủ đạt 71,4% (5.012/7.020). Duy trì cân trẻ dưới 2 tuổi
3 tháng/lần.

2.3. Thông tin và truyền thông; thanh tra, tư pháp

Hệ thống hội nghị truyền hình phục vụ 12 cuộc họp trực tuyến với 96 điểm cầu; cấp mới
740 chứng thư số. Triển khai 5 cuộc thanh tra chuyên ngành; phát hiện 14 cặp tảo hôn;
tiếp nhận 9 đề nghị đăng ký sinh hoạt tôn giáo tập trung; tiếp nhận, xử lý 1.820 thông
tin lý lịch tư pháp.

1 Trong đó có 9 xã đạt chuẩn nông thôn mới nâng cao; bình quân toàn tỉnh đạt 15,8 tiêu
chí/xã.
"""

METADATA = {
    "slug": "lang-son-0001-bc-ubnd-2024",
    "document_number": "0001/BC-UBND",
    "document_type": "report",
    "date": "2024-10-05",
    "issuer": {
        "name_vi": "Ủy ban nhân dân tỉnh Lạng Sơn",
        "name_en": "People's Committee of Lạng Sơn Province",
        "area_code": "20",
    },
    "title": {
        "vi": "Báo cáo tình hình kinh tế - xã hội 9 tháng năm 2024 (giả định, để kiểm thử)",
        "en": "Socio-economic situation in the first nine months of 2024 (fictitious, for tests)",
    },
    "reporting_period": {
        "start": "2024-01-01",
        "end": "2024-09-30",
        "label_vi": "9 tháng năm 2024",
        "label_en": "first nine months of 2024",
    },
    "area": {"gso_code": "20", "admin_list": "2023"},
    "language": "vi",
    "text": {"ocr": False, "encoding": "utf-8"},
}


@dataclass(frozen=True)
class Expected:
    quote: str  # exact text around the number, the number marked [[...]]
    value: str
    unit: str  # gold unit key (tests/gold/keys.yaml); extractor keys mapped by its aliases
    measure_kind: str
    periods: tuple[str, ...]  # first = preferred; others honestly acceptable
    about: tuple[str, ...]  # the indicator key (an English slug) names one of these
    comparison: str | None = None  # checked when given
    denominator: str | None = None  # checked when given


P9 = (NINE_MONTHS,)
VS = {"comparison": SAME_PERIOD_2023}
RICE = ("rice",)
EXPECTED = [
    Expected("(GRDP) tăng [[5,12]]%", "5.12", "percent", "growth-rate", P9, ("grdp",), **VS),
    Expected(
        "tăng [[1,08]]\nđiểm",
        "1.08",
        "percentage-point",
        "percentage-point-change",
        P9,
        ("grdp",),
        **VS,
    ),
    Expected("xây dựng giảm [[2,15]]%", "-2.15", "percent", "growth-rate", P9, ("industr",), **VS),
    Expected("lúa được [[29.845,6]]/", "29845.6", "ha", "actual", P9, RICE),
    Expected("/[[30.120,0]] ha", "30120.0", "ha", "plan-target", ("2024", NINE_MONTHS), RICE),
    Expected("đạt [[99,1]]% KH", "99.1", "percent", "percent-of-plan", P9, RICE),
    Expected("bằng [[101,4]]%", "101.4", "percent", "percent-of-same-period", P9, RICE, **VS),
    Expected("hiện có [[36.210,5]] ha", "36210.5", "ha", "actual", P9, ("anise",)),
    Expected(
        "đạt [[2.145,378]] tỷ đồng",
        "2145.378",
        "billion-vnd",
        "actual",
        ("2024-09-20",),
        ("disburs",),
    ),
    Expected("bằng [[51,6]]%", "51.6", "percent", "percent-of-plan", ("2024-09-20",), ("disburs",)),
    Expected(
        "có [[71]]/181 xã",
        "71",
        "commune",
        "ratio",
        ("2024-09-15",),
        ("ntm", "new-rural"),
        denominator="181",
    ),
    Expected("71/[[181]] xã", "181", "commune", "actual", ("2024-09-15",), ("commune",)),
    Expected(
        "giải thể giảm [[12,5]]%", "-12.5", "percent", "growth-rate", P9, ("enterprise",), **VS
    ),
    Expected(
        "có [[9]] xã", "9", "commune", "actual", ("2024-09-15", NINE_MONTHS), ("ntm", "new-rural")
    ),
    Expected(
        "đạt [[15,8]] tiêu",
        "15.8",
        "criteria-per-commune",
        "actual",
        ("2024-09-15", NINE_MONTHS),
        ("criteria",),
    ),
    # education: x/y with its whole, prizes and teams, targets
    Expected(
        "có [[214]]/498", "214", "school", "ratio", P9, ("national-standard",), denominator="498"
    ),
    Expected("214/[[498]] trường", "498", "school", "actual", P9, ("school",)),
    Expected("(đạt [[42,97]]%)", "42.97", "percent", "share", P9, ("national-standard",)),
    Expected("có [[14]] giải Nhất", "14", "prize", "actual", P9, ("prize",)),
    Expected("[[61]] giải Nhì", "61", "prize", "actual", P9, ("prize",)),
    Expected("cử [[7]] đội", "7", "team", "actual", P9, ("team",)),
    Expected("đạt [[6]] giải", "6", "prize", "actual", P9, ("prize",)),
    Expected("ít nhất [[12]]\ntrường", "12", "school", "plan-target", ("2024",), ("school",)),
    Expected("là [[11]]/11 đơn vị", "11", "district", "plan-target", ("2024",), ("district",)),
    Expected("11/[[11]] đơn vị", "11", "district", "actual", P9, ("district",)),
    # health: a cut-off hour, a share of communes, the counts behind a rate
    Expected("là [[1.245]] ca", "1245", "case", "actual", ("2024-09-25",), ("dengue",)),
    Expected("tại [[100]]% xã", "100", "percent", "share", P9, ("immunisation",)),
    Expected("đạt [[71,4]]% (", "71.4", "percent", "share", P9, ("immunisation",)),
    Expected(
        "([[5.012]]/7.020)", "5012", "person", "ratio", P9, ("immunised",), denominator="7020"
    ),
    Expected("5.012/[[7.020]])", "7020", "person", "actual", P9, ("infants",)),
    # information, inspection, justice: the count units of part (m), on new sentences
    Expected(
        "phục vụ [[12]] cuộc họp", "12", "conference", "actual", P9, ("meeting", "conference")
    ),
    Expected("với [[96]] điểm cầu", "96", "site", "actual", P9, ("site",)),
    Expected("\n[[740]] chứng thư số", "740", "permit", "actual", P9, ("certificate", "permit")),
    Expected("Triển khai [[5]] cuộc", "5", "inspection", "actual", P9, ("inspection",)),
    Expected("phát hiện [[14]] cặp", "14", "couple", "actual", P9, ("marriage", "couple")),
    Expected("tiếp nhận [[9]] đề nghị", "9", "dossier", "actual", P9, ("dossier",)),
    Expected("xử lý [[1.820]] thông", "1820", "information-item", "actual", P9, ("information",)),
]


def _offsets(e: Expected) -> tuple[int, int]:
    before, rest = e.quote.split("[[")
    number, after = rest.split("]]")
    plain = before + number + after
    assert TEXT.count(plain) == 1, f"quote {plain!r} must occur once in the test report"
    start = TEXT.index(plain) + len(before)
    return start, start + len(number)


def _candidates(e: Expected, figures: tuple[Figure, ...]) -> list[Figure]:
    """Figures read from the expected number (span covers it) with its value."""
    start, end = _offsets(e)
    return [
        f
        for f in figures
        if f.span.start <= start and end <= f.span.end and f.value == Decimal(e.value)
    ]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    folder = tmp_path_factory.mktemp("sources")
    path = folder / "lang-son-0001-bc-ubnd-2024.txt"
    path.write_text(TEXT, encoding="utf-8")
    path.with_suffix(".yaml").write_text(
        yaml.safe_dump(METADATA, allow_unicode=True), encoding="utf-8"
    )
    return load_report(path)


@pytest.fixture(scope="module")
def figures(report: Report) -> tuple[Figure, ...]:
    if importlib.util.find_spec("kg.extract.figures") is None:
        pytest.skip("the figure extractor (kg.extract.figures) is not on this branch yet")
    from kg.extract.pipeline import extract_report

    return extract_report(report).figures


def test_fictitious_report_loads_with_its_own_period(report: Report) -> None:
    assert report.metadata.reporting_period.end.isoformat() == "2024-09-30"
    assert report.metadata.area.gso_code == "20"
    for e in EXPECTED:  # the expectations point at real places of the text
        start, end = _offsets(e)
        assert TEXT[start:end].replace(".", "").replace(",", ".") == e.value.lstrip("-")


@pytest.mark.parametrize("e", EXPECTED, ids=lambda e: f"{e.measure_kind}={e.value}")
def test_figure_found_with_its_period(e: Expected, figures: tuple[Figure, ...]) -> None:
    found = _candidates(e, figures)
    assert found, f"no figure with value {e.value} read from {e.quote!r}"
    aliases = load_unit_aliases()
    right = [
        f
        for f in found
        if aliases.get(f.unit, f.unit) == e.unit
        and f.measure_kind == e.measure_kind
        and f.period in e.periods
    ]
    seen = [(f.unit, f.measure_kind, f.period) for f in found]
    assert right, f"{e.quote!r}: expected {e.unit} {e.measure_kind} {e.periods}, got {seen}"
    f = right[0]
    if e.comparison:
        assert f.comparison_period == e.comparison, f"{e.quote!r}: comparison period"
    if e.denominator:
        assert f.denominator == Decimal(e.denominator), f"{e.quote!r}: denominator"


@pytest.mark.parametrize("e", EXPECTED, ids=lambda e: f"{e.about[0]}={e.value}")
def test_figure_names_its_indicator(e: Expected, figures: tuple[Figure, ...]) -> None:
    """The indicator key says what is measured (rice is not irrigation capacity)."""
    keys = sorted({f.indicator for f in _candidates(e, figures)})
    assert any(word in key for key in keys for word in e.about), f"{e.quote!r}: {keys}"


def test_footnote_and_its_marker_are_found(report: Report) -> None:
    if importlib.util.find_spec("kg.extract.figures") is None:
        pytest.skip("the figure extractor (kg.extract.figures) is not on this branch yet")
    from kg.extract.pipeline import extract_report

    notes = [s for s in extract_report(report).segments if s.kind == "footnote"]
    marker = TEXT.index("nông thôn mới1.") + len("nông thôn mới")
    assert [(n.number, n.marker_offset) for n in notes] == [("1", marker)]
    assert TEXT[notes[0].start :].startswith("1 Trong đó")


def test_every_figure_is_about_lang_son(figures: tuple[Figure, ...]) -> None:
    assert figures, "no figure extracted from the test report"
    assert {f.area for f in figures} == {"20"}


def test_no_period_leaks_from_the_seed_report(figures: tuple[Figure, ...]) -> None:
    """Everything in this text happens in 2024; a 2023 period would be a hard-coded one."""
    assert all(f.period.startswith("2024") for f in figures), sorted({f.period for f in figures})


def test_no_spurious_figures(figures: tuple[Figure, ...]) -> None:
    """Headings (1.1), dates (20/9/2024), "9 tháng" and footnote markers are not figures."""
    wanted = {id(f) for e in EXPECTED for f in _candidates(e, figures)}
    extra = [(str(f.value), f.span.quote[:50]) for f in figures if id(f) not in wanted]
    assert not extra

"""Figure rules on paragraphs written for this test in the genre's style (a Lào Cai
report on the first nine months of 2024), not copied from the seed report."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest

from kg.errors import KgError
from kg.extract.figures import extract_figures
from kg.extract.figures.lexicon import load_lexicon
from kg.extract.figures.periods import months_key, period_key, shift_year
from kg.extract.figures.tables import read_table
from kg.extract.records import Figure, Segment
from kg.sources.report import ReportMetadata

NINE_MONTHS = "2024-01/2024-09"


@dataclass(frozen=True)
class Sent:
    start: int
    end: int
    text: str
    segment: str


def _meta() -> ReportMetadata:
    return ReportMetadata.model_validate(
        {
            "slug": "lao-cai-test-2024",
            "document_number": "999/BC-UBND",
            "document_type": "report",
            "date": dt.date(2024, 10, 10),
            "issuer": {"name_vi": "UBND tỉnh Lào Cai", "name_en": "Lào Cai PC", "area_code": "10"},
            "title": {"vi": "Báo cáo 9 tháng", "en": "Nine-month report"},
            "reporting_period": {
                "start": dt.date(2024, 1, 1),
                "end": dt.date(2024, 9, 30),
                "label_vi": "9 tháng đầu năm 2024",
                "label_en": "first nine months of 2024",
            },
            "area": {"gso_code": "10", "admin_list": "2023"},
            "language": "vi",
            "text": {"ocr": False},
        }
    )


def _sentences(text: str) -> list[Sent]:
    """One sentence per line: enough to test the rules without the segmenter."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(Sent(pos, pos + len(line), line, "p1"))
        pos += len(line) + 1
    return out


def _read(text: str) -> tuple[list[Figure], list]:
    return extract_figures(text, _sentences(text), (), _meta())


def _one(figures: list[Figure], value: str, kind: str | None = None) -> Figure:
    found = [f for f in figures if f.value == Decimal(value) and kind in (None, f.measure_kind)]
    assert len(found) == 1, (value, kind, figures)
    return found[0]


def test_crop_line_gives_actual_plan_percentages_and_estimated_yield() -> None:
    text = (
        "(1) Lúa xuân: Gieo cấy được 12.345,6/12.500,0 ha, đạt 98,8% KH; bằng 101,2% so với "
        "cùng kỳ; năng suất ước đạt 55,1 tạ/ha; sản lượng đạt 68.020,3 tấn, bằng 99,1% so "
        "với cùng kỳ"
    )
    figs, review = _read(text)
    actual = _one(figs, "12345.6", "actual")
    assert (actual.indicator, actual.unit, actual.period) == (
        "crop-spring-rice-area",
        "ha",
        NINE_MONTHS,
    )
    plan = _one(figs, "12500.0", "plan-target")
    assert (plan.period, plan.unit) == ("2024", "ha")
    assert _one(figs, "98.8").measure_kind == "percent-of-plan"
    same = _one(figs, "101.2")
    assert same.measure_kind == "percent-of-same-period"
    assert same.comparison_period == "2023-01/2023-09"
    crop_yield = _one(figs, "55.1")
    assert (crop_yield.indicator, crop_yield.unit, crop_yield.estimate) == (
        "crop-spring-rice-yield",
        "quintal-per-ha",
        True,
    )
    output = _one(figs, "68020.3")
    assert (output.indicator, output.unit, output.estimate) == (
        "crop-spring-rice-output",
        "tonne",
        False,
    )
    assert review == []


def test_growth_and_negative_percentage_point_change_with_the_periods_of_the_text() -> None:
    text = (
        "9 tháng đầu năm 2024, tốc độ tăng trưởng tổng sản phẩm trên địa bàn tỉnh (GRDP) ước "
        "đạt 6,12%, giảm 1,05 điểm phần trăm so với cùng kỳ năm 2023 (9 tháng đầu năm 2023 "
        "tốc độ tăng trưởng đạt 7,17%)."
    )
    figs, _ = _read(text)
    growth = _one(figs, "6.12")
    assert (growth.indicator, growth.measure_kind, growth.period, growth.estimate) == (
        "grdp",
        "growth-rate",
        NINE_MONTHS,
        True,
    )
    pp = _one(figs, "-1.05")
    assert (pp.measure_kind, pp.unit) == ("percentage-point-change", "percentage-point")
    assert pp.comparison_period == "2023-01/2023-09"
    earlier = _one(figs, "7.17")
    assert (earlier.period, earlier.comparison_period) == ("2023-01/2023-09", "2022-01/2022-09")


def test_decrease_is_negative_growth() -> None:
    figs, _ = _read("Khu vực công nghiệp và xây dựng giảm 2,3%.")
    fig = _one(figs, "-2.3")
    assert (fig.indicator, fig.measure_kind) == ("grdp-industry-construction", "growth-rate")


def test_cut_off_date_is_the_period_and_comparison_is_the_same_date_a_year_before() -> None:
    text = (
        "Tính đến ngày 30/9/2024, tổng kim ngạch xuất nhập khẩu qua địa bàn đạt 1.234,5 "
        "triệu USD, đạt 70,2% KH, bằng 88% so với cùng kỳ năm trước."
    )
    figs, _ = _read(text)
    value = _one(figs, "1234.5")
    assert (value.period, value.unit, value.indicator) == (
        "2024-09-30",
        "million-usd",
        "trade-turnover",
    )
    assert _one(figs, "88").comparison_period == "2023-09-30"


def test_qualifiers_and_counts() -> None:
    figs, _ = _read(
        "Ước đến hết tháng 9/2024, ban hành trên 12.000 lượt thông báo tiền thuế nợ; "
        "diện tích lúa bị ảnh hưởng khoảng 1.200 ha."
    )
    notices = _one(figs, "12000")
    assert (notices.qualifier, notices.period, notices.unit) == ("more-than", "2024-09-30", "visit")
    area = _one(figs, "1200")
    assert (area.qualifier, area.indicator) == ("approximately", "drought-affected-rice-area")


def test_ratio_keeps_its_denominator_and_the_share_that_follows() -> None:
    figs, _ = _read(
        "Kết quả đến ngày 15/9/2024: số xã đạt 19 tiêu chí: 45/127 xã (chiếm 35,4% tổng số xã)."
    )
    ratio = _one(figs, "45")
    assert (ratio.measure_kind, ratio.denominator, ratio.unit) == (
        "ratio",
        Decimal("127"),
        "commune",
    )
    assert ratio.period == "2024-09-15"
    assert _one(figs, "35.4").measure_kind == "share"


def test_absolute_change_and_growth_in_brackets() -> None:
    figs, _ = _read(
        "Tổng số lần khám bệnh ước đạt 512.000 lượt, tăng 41.250 lượt (tăng 8,8%) so với cùng "
        "kỳ năm 2023."
    )
    change = _one(figs, "41250")
    assert (change.measure_kind, change.indicator) == ("change", "medical-examinations")
    assert change.comparison_period == "2023-01/2023-09"
    assert _one(figs, "8.8").measure_kind == "growth-rate"


def test_assigned_capital_is_a_plan_target_of_the_plan_year() -> None:
    figs, _ = _read(
        "Tổng vốn đầu tư công năm 2024 theo Quyết định của Thủ tướng giao là 5.100,5 tỷ đồng."
    )
    fig = _one(figs, "5100.5")
    assert (fig.measure_kind, fig.period, fig.unit) == ("plan-target", "2024", "billion-vnd")


def test_national_figure_gets_the_country_area() -> None:
    figs, _ = _read(
        "Theo Bộ Tài chính, tỷ lệ giải ngân vốn đầu tư công của cả nước 8 tháng đầu năm "
        "2024 ước đạt 40,1% KH."
    )
    fig = _one(figs, "40.1")
    assert (fig.area, fig.period, fig.measure_kind) == ("VN", "2024-01/2024-08", "percent-of-plan")


def test_default_period_comes_from_the_metadata() -> None:
    figs, _ = _read("Tổng thu du lịch ước đạt 2.150 tỷ đồng, đạt 75% KH.")
    assert {f.period for f in figs} == {NINE_MONTHS}


def test_numbers_that_measure_nothing_are_reviewed_and_dates_skipped() -> None:
    figs, review = _read(
        "Ngày 12/3/2024 triển khai 5 nội dung tiêm vắc xin theo Nghị quyết số 01/NQ-CP."
    )
    assert figs == []
    assert [(r.number_text, r.reason) for r in review] == [("5", "no unit after the number")]


def test_a_count_no_lexicon_name_fits_is_kept_as_unclassified() -> None:
    figs, review = _read("Tổ chức 14 phiên giao dịch việc làm trực tuyến.")
    assert review == []
    fig = _one(figs, "14")
    assert (fig.indicator, fig.unit, fig.measure_kind) == (
        "unclassified-session",
        "session",
        "actual",
    )


def test_spans_quote_the_sentence_exactly() -> None:
    text = "Dòng mở đầu.\nTổng lượt khách ước đạt 4.100.000 lượt, bằng 110% so với cùng kỳ."
    figs, _ = _read(text)
    assert figs
    for fig in figs:
        assert text[fig.span.start : fig.span.end] == fig.span.quote


def _read_paragraphs(lines: list[tuple[str, str]]) -> list[Figure]:
    """Sentences with their segment keys ("I.1/p2"), one per line."""
    text = "\n".join(line for _, line in lines)
    sents, pos = [], 0
    for key, line in lines:
        sents.append(Sent(pos, pos + len(line), line, key))
        pos += len(line) + 1
    return extract_figures(text, sents, (), _meta())[0]


def test_an_introduced_period_holds_for_every_item_of_the_list_and_no_further() -> None:
    figs = _read_paragraphs(
        [
            ("I.4/p1", "Kết quả giải ngân vốn đầu tư công đến ngày 20/9/2024:"),
            (
                "I.4/p2",
                "(1) Giải ngân kế hoạch vốn năm 2024: 1.200,5/3.000,0 tỷ đồng, đạt 40,0% KH.",
            ),
            (
                "I.4/p3",
                "(2) Giải ngân kế hoạch vốn năm 2023 kéo dài: 150,2/600,0 tỷ đồng, đạt 25,0% KH.",
            ),
            ("I.4/p4", "Tổng thu du lịch ước đạt 2.150 tỷ đồng."),
        ]
    )
    assert _one(figs, "1200.5").period == "2024-09-20"
    assert _one(figs, "150.2").period == "2024-09-20"
    assert _one(figs, "25.0").period == "2024-09-20"
    assert _one(figs, "2150").period == NINE_MONTHS


def test_a_sentence_opening_with_a_comparison_continues_the_previous_period() -> None:
    figs = _read_paragraphs(
        [
            ("I.8/p1", "Từ ngày 01/01/2024 đến ngày 15/9/2024, thành lập mới 80 doanh nghiệp."),
            ("I.8/p1", "So với cùng kỳ năm trước, số doanh nghiệp thành lập mới bằng 95%."),
            ("I.8/p1", "Số doanh nghiệp giải thể giảm 12,5% so với cùng kỳ năm trước."),
        ]
    )
    assert _one(figs, "95").period == "2024-09-15"
    assert _one(figs, "-12.5").period == NINE_MONTHS


def test_values_given_for_the_compared_period_take_that_period() -> None:
    figs, _ = _read(
        "Số dự án được chấp thuận chủ trương đầu tư là 05 dự án, ít hơn 3 dự án so với cùng kỳ "
        "năm 2023 (8 dự án với tổng vốn 1.200 tỷ đồng); bằng 95% so với cùng kỳ năm trước; "
        "1.500 lượt khách."
    )
    assert (_one(figs, "-3").measure_kind, _one(figs, "-3").period) == ("change", NINE_MONTHS)
    assert _one(figs, "8").period == "2023-01/2023-09"
    assert _one(figs, "1200").period == "2023-01/2023-09"
    assert _one(figs, "1500").period == NINE_MONTHS


def test_index_changes_listed_after_the_index_result_keep_its_year() -> None:
    figs = _read_paragraphs(
        [
            (
                "I.8/p1",
                "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2023 xếp hạng 40 với 65,1 điểm.",
            ),
            (
                "I.8/p2",
                "Có 2 chỉ số giảm thứ hạng là: (1) Tính minh bạch giảm 6 bậc; "
                "(2) Chi phí thời gian giảm 3 bậc.",
            ),
        ]
    )
    drop = _one(figs, "-6")
    assert (drop.period, drop.comparison_period, drop.unit) == ("2023", "2022", "rank-place")


def test_a_table_cell_spaced_out_by_ocr_is_one_number() -> None:
    header = "TT Chỉ tiêu Đơn vị KH 2024 Ước TH 9 tháng"
    rows = ["12 Tỷ lệ qua đào tạo nghề % 4 1 .5"]
    text = "Phụ lục 1\n" + header + "\n" + rows[0] + "\n"
    segs, table = _table(text, rows, header)
    figs, _ = read_table(load_lexicon(), text, table, segs, NINE_MONTHS, "10")
    assert [(str(f.value), f.measure_kind, f.value_text) for f in figs] == [
        ("41.5", "plan-target", "4 1 .5")
    ]


def test_parts_of_a_total_do_not_take_the_totals_name() -> None:
    figs, _ = _read(
        "Số chưa phân bổ 900.500 triệu đồng, gồm 600.500 triệu đồng vốn trung ương và "
        "300.000 triệu đồng vốn địa phương."
    )
    assert _one(figs, "900500").indicator == "public-investment-unallocated"
    assert {_one(figs, v).indicator for v in ("600500", "300000")} == {"unclassified-million-vnd"}


def test_a_count_takes_only_a_name_of_its_own_unit() -> None:
    figs, _ = _read("Tổ chức 12 lớp đào tạo nghề cho 350 người.")
    assert _one(figs, "12").indicator == "unclassified-class"
    assert _one(figs, "350").indicator == "vocational-training-trainees"


def test_a_name_spent_on_one_value_does_not_take_another_from_afar() -> None:
    figs, _ = _read("Xảy ra 40 vụ tai nạn giao thông; xử lý hành chính 25 vụ.")
    assert _one(figs, "40").indicator == "traffic-accidents"
    assert _one(figs, "25").indicator == "unclassified-case"


def test_a_name_begun_at_the_previous_unit_belongs_to_the_previous_figure() -> None:
    figs, _ = _read(
        "Toàn tỉnh có 120 báo cáo viên pháp luật cấp huyện và 1.500 tuyên truyền viên pháp luật."
    )
    assert _one(figs, "120").indicator == "legal-reporters-district"
    assert _one(figs, "1500").indicator == "legal-propagandists"


def test_an_estimate_introducing_a_list_holds_for_its_items_only() -> None:
    figs = _read_paragraphs(
        [
            (
                "fn/5",
                "5. Ước 9 tháng năm 2024, các đàn vật nuôi như sau:\n- Tổng đàn trâu: 98.000 con.",
            ),
            ("fn/5", "- Tổng đàn lợn: 250.000 con, bằng 102% so với cùng kỳ."),
            ("fn/6", "Tổng sản lượng thủy sản đạt 300 tấn."),
        ]
    )
    assert _one(figs, "98000").estimate and _one(figs, "250000").estimate
    assert _one(figs, "102").estimate
    assert not _one(figs, "300").estimate


def test_parts_of_an_estimated_total_are_estimates() -> None:
    figs, _ = _read(
        "Nợ thuế ước lũy kế đến hết tháng 9/2024 thu được 150,5 tỷ đồng, trong đó: thu nợ năm "
        "trước là 60,5 tỷ đồng, thu nợ phát sinh là 90 tỷ đồng."
    )
    assert all(_one(figs, v).estimate for v in ("150.5", "60.5", "90"))


def _table(text: str, rows: list[str], header: str) -> tuple[list[Segment], Segment]:
    table = Segment("annex-1", "table", 0, len(text))
    segs = [table]
    start = text.index(header)
    segs.append(
        Segment("annex-1/header", "table-row", start, start + len(header), parent="annex-1")
    )
    for k, row in enumerate(rows, 1):
        start = text.index(row)
        segs.append(
            Segment(f"annex-1/row/{k}", "table-row", start, start + len(row), parent="annex-1")
        )
    return segs, table


def test_plan_table_rows_read_in_the_decimal_point_style() -> None:
    header = (
        "TT Chỉ tiêu Đơn vị KH 2024 Ước TH 9 tháng Lũy kế 9 tháng so với KH năm 2024 (%) "
        "so với cùng kỳ (%)"
    )
    rows = [
        "1 Tốc độ tăng trưởng GRDP % 7.50 6.12",
        "5 Thu Ngân sách Nhà nước trên địa bàn Tỷ đồng 3.450 2.310 67% 104%",
    ]
    text = "Phụ lục 1\n" + header + "\n" + "\n".join(rows) + "\n"
    lex = load_lexicon()
    segs, table = _table(text, rows, header)
    figs, review = read_table(lex, text, table, segs, NINE_MONTHS, "10")
    plan = _one(figs, "7.50")
    assert (plan.measure_kind, plan.period, plan.indicator) == ("plan-target", "2024", "grdp")
    growth = _one(figs, "6.12")
    assert (growth.measure_kind, growth.period, growth.estimate) == (
        "growth-rate",
        NINE_MONTHS,
        True,
    )
    revenue_plan = _one(figs, "3450")
    assert (revenue_plan.unit, revenue_plan.measure_kind) == ("billion-vnd", "plan-target")
    assert _one(figs, "2310").measure_kind == "actual"
    assert _one(figs, "67").measure_kind == "percent-of-plan"
    same = _one(figs, "104")
    assert (same.measure_kind, same.unit, same.comparison_period) == (
        "percent-of-same-period",
        "percent",
        "2023-01/2023-09",
    )
    assert review == []


def test_index_table_scores_ranks_changes_and_targets() -> None:
    header = (
        "TT Chỉ số Điểm 2023 Điểm 2024 xếp hạng 2023 xếp hạng 2024 Tăng/giảm điểm "
        "Tăng/giảm hạng Mục tiêu"
    )
    rows = ["3 Tính minh bạch 6.10 5.85 20 33 -0.25 -13 >6,5"]
    text = "Phụ lục 2\n" + header + "\n" + rows[0] + "\n"
    segs, table = _table(text, rows, header)
    figs, _ = read_table(load_lexicon(), text, table, segs, NINE_MONTHS, "10")
    assert {(f.measure_kind, f.period, str(f.value)) for f in figs} == {
        ("score", "2023", "6.10"),
        ("score", "2024", "5.85"),
        ("rank", "2023", "20"),
        ("rank", "2024", "33"),
        ("change", "2024", "-0.25"),
        ("change", "2024", "-13"),
        ("plan-target", "2024", "6.5"),
    }
    target = _one(figs, "6.5")
    assert (target.qualifier, target.indicator) == ("more-than", "pci-transparency")
    assert _one(figs, "-13").comparison_period == "2023"


def test_period_keys() -> None:
    assert period_key(dt.date(2023, 1, 1), dt.date(2023, 6, 30)) == "2023-H1"
    assert period_key(dt.date(2024, 1, 1), dt.date(2024, 9, 30)) == NINE_MONTHS
    assert months_key(2023, 1, 3) == "2023-Q1"
    assert months_key(2023, 5, 5) == "2023-05"
    assert shift_year("2023-01/2023-05", -1) == "2022-01/2022-05"


def test_lexicon_has_no_figure_values_and_consistent_references() -> None:
    lex = load_lexicon()
    for ind in lex.everything.values():
        assert ind.sector in lex.sectors and ind.unit in lex.units
        for name in ind.names:
            assert not re.search(r"\d[.,]\d", name), name


def test_a_broken_lexicon_file_is_a_user_error_naming_it(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    folder.mkdir()
    for name in ("indicators", "units", "sectors", "measures", "periods"):
        (folder / f"{name}.yaml").write_text("[not, a, mapping]", encoding="utf-8")
    with pytest.raises(KgError, match="yaml"):
        load_lexicon(folder)


LAO_CAI = """BÁO CÁO
Tình hình kinh tế - xã hội 9 tháng đầu năm 2024

I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2024

1. Lĩnh vực kinh tế
1.1. Tổng sản phẩm trên địa bàn (GRDP)

9 tháng đầu năm 2024, tốc độ tăng trưởng tổng sản phẩm trên địa bàn tỉnh (GRDP) ước đạt \
6,12%, giảm 1,05 điểm phần trăm so với cùng kỳ năm trước. Tính đến ngày 20/9/2024, tổng \
thu ngân sách trên địa bàn 6.250 tỷ đồng; so với dự toán HĐND tỉnh giao đạt 71,5%; so với \
cùng kỳ năm trước bằng 104%1.

1.2. Lĩnh vực nông nghiệp
Tính đến ngày 15/9/2024, trồng rừng được 2.150,5 ha, bằng 112% so với cùng kỳ.

1 Trong đó: Thu nội địa 4.120,3 tỷ đồng; so với dự toán HĐND giao đạt 73%.
"""


def test_another_province_and_period_through_the_whole_extract_stage(
    root: Path, tmp_path: Path
) -> None:
    """No code change for a Lào Cai report on nine months: only its text and metadata."""
    from kg.extract.pipeline import extract_report
    from kg.sources import load_report

    meta = (root / "data" / "sources" / "cao-bang-1468-bc-ubnd-2023-06-14.yaml").read_text(
        encoding="utf-8"
    )
    for old, new in (
        ("cao-bang-1468-bc-ubnd-2023", "lao-cai-test-2024"),
        ("2023-01-01", "2024-01-01"),
        ("2023-06-30", "2024-09-30"),
        ('"04"', '"10"'),
    ):
        meta = meta.replace(old, new)
    (tmp_path / "lao-cai.yaml").write_text(meta, encoding="utf-8")
    (tmp_path / "lao-cai.txt").write_text(LAO_CAI, encoding="utf-8")
    figs = list(extract_report(load_report(tmp_path / "lao-cai.txt")).figures)
    assert _one(figs, "6.12").period == NINE_MONTHS
    revenue = _one(figs, "104")
    assert (revenue.indicator, revenue.period) == ("budget-revenue", "2024-09-20")
    assert revenue.comparison_period == "2023-09-20"
    assert _one(figs, "2150.5").period == "2024-09-15"
    note = _one(figs, "4120.3")  # the footnote takes the period of its marker's sentence
    assert (note.indicator, note.period, note.area) == ("domestic-revenue", "2024-09-20", "10")

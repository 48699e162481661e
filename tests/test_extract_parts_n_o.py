"""Rules and units added while tuning on gold parts n and o, tried on sentences written
for this test in the genre's style (the fictitious Lào Cai report on the first nine months
of 2024 of `test_figures`), not taken from the seed report: counted nouns keep their own
unit, "so với đầu năm" (also OCR "đâu") compares with the end of the previous year, a part
that sets the tasks of a coming period holds targets, and an index dated once in a sentence
dates its components read after it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from test_figures import NINE_MONTHS, Sent, _meta, _read

from kg.extract.figures import extract_figures
from kg.extract.figures.lexicon import load_lexicon
from kg.extract.figures.periods import find_periods, first_day
from kg.extract.records import Figure, Segment


def _only(figures: list[Figure], value: str) -> Figure:
    found = [f for f in figures if f.value == Decimal(value)]
    assert len(found) == 1, (value, figures)
    return found[0]


def test_counted_nouns_keep_their_own_unit() -> None:
    figs, _ = _read(
        "Phê duyệt 05 mỏ đá làm vật liệu xây dựng; lắp đặt 12 máy ATM, 30 thiết bị chấp nhận "
        "thẻ, 14 mã QR; mở thêm 9 chi nhánh, phòng giao dịch; đăng 40 tin, bài; chuyển giao 2 "
        "nhiệm vụ khoa học; bảo vệ 3 đoàn công tác; triển khai 4 đợt cao điểm; phê duyệt 15 "
        "phương án chữa cháy, 16 phương án CNCH; phát hiện 120 thiếu sót; ban hành định mức "
        "cho 6 nghề; trả 900 thẻ căn cước; giải quyết 300 yêu cầu tra cứu."
    )
    units = {
        "5": "mine",
        "12": "device",
        "30": "device",
        "14": "qr-code",
        "9": "branch",
        "40": "article",
        "2": "task",
        "3": "delegation",
        "4": "campaign",
        "15": "response-plan",
        "16": "response-plan",
        "120": "shortcoming",
        "6": "occupation",
        "900": "identity-card",
        "300": "request",
    }
    assert {v: _only(figs, v).unit for v in units} == units


def test_a_bare_plan_word_stays_a_generic_count() -> None:
    """ "phương án" alone (a plan of any kind) is not a response plan."""
    figs, _ = _read("Phê duyệt 7 phương án sắp xếp dân cư.")
    assert _only(figs, "7").unit == "item"


def test_compared_with_the_start_of_the_year_is_the_end_of_the_last() -> None:
    for start in ("đầu", "đâu"):  # OCR drops the grave accent
        figs, _ = _read(f"Hiện đang lưu hành 52.000 thẻ ATM, so với {start} năm tăng 1.200 thẻ.")
        change = _only(figs, "1200")
        assert (change.measure_kind, change.comparison_period) == ("change", "2023-12-31")
        assert change.period == NINE_MONTHS


def test_the_last_months_of_a_year_are_a_period() -> None:
    lex = load_lexicon()
    hits = find_periods(lex, "nhiệm vụ 6 tháng cuối năm 2023; 3 tháng cuối năm 2024", 2024)
    assert [h.key for h in hits] == ["2023-H2", "2024-Q4"]
    assert first_day("2023-H2") == dt.date(2023, 7, 1)
    assert first_day("2024-Q4") == dt.date(2024, 10, 1)
    assert first_day("2024-01/2024-09") == dt.date(2024, 1, 1)
    assert first_day("2024-05-31") == dt.date(2024, 5, 1)


def _two_parts(second_title: str) -> list[Figure]:
    """The same sentence in the results part and in a second part with the given heading."""
    body = (
        "Tổ chức 12 lớp bồi dưỡng cho cán bộ; phấn đấu năm 2024 có 8 xã đạt chuẩn; thu ngân "
        "sách tăng 5% so với cùng kỳ."
    )
    first_title = "I. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2024"
    text = f"{first_title}\n{body}\n{second_title}\n{body}\n"
    a = len(first_title) + 1
    b = text.index(second_title) + len(second_title) + 1
    segments = [
        Segment("I", "part", 0, b - len(second_title) - 1, first_title),
        Segment("II", "part", b - len(second_title) - 1, len(text), second_title),
    ]
    sents = [Sent(a, a + len(body), body, "I/p1"), Sent(b, b + len(body), body, "II/p1")]
    figures, _ = extract_figures(text, sents, segments, _meta())
    return figures


def test_a_part_setting_the_tasks_of_a_coming_period_holds_targets() -> None:
    figs = _two_parts("II. NHIỆM VỤ TRỌNG TÂM 3 THÁNG CUỐI NĂM 2024")
    done, planned = sorted((f for f in figs if f.value == 12), key=lambda f: f.span.start)
    assert (done.measure_kind, done.period) == ("actual", NINE_MONTHS)
    assert (planned.measure_kind, planned.period) == ("plan-target", "2024-Q4")
    targets = [f for f in figs if f.value == 8]  # a target with its own year keeps it
    assert [(f.measure_kind, f.period) for f in targets] == [("plan-target", "2024")] * 2
    growth = sorted((f for f in figs if f.value == 5), key=lambda f: f.span.start)
    assert [(f.period, f.comparison_period) for f in growth] == [
        (NINE_MONTHS, "2023-01/2023-09"),
        ("2024-Q4", "2023-Q4"),
    ]


def test_a_part_about_the_reported_period_or_without_tasks_is_not_a_plan() -> None:
    for title in ("II. KẾT QUẢ 9 THÁNG ĐẦU NĂM 2024", "II. TÌNH HÌNH 3 THÁNG CUỐI NĂM 2024"):
        figs = _two_parts(title)
        assert {(f.measure_kind, f.period) for f in figs if f.value == 12} == {
            ("actual", NINE_MONTHS)
        }, title


def test_an_index_dated_in_a_sentence_dates_its_components_after_it() -> None:
    figs, _ = _read(
        "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) của tỉnh năm 2023 (tổng điểm PCI tăng 1,5 "
        "điểm; chỉ số thành phần Tính năng động tăng 7 bậc) chưa đạt mục tiêu."
    )
    assert _only(figs, "1.5").period == "2023"
    rank = _only(figs, "7")
    assert (rank.unit, rank.measure_kind, rank.period) == ("rank-place", "change", "2023")
    assert rank.comparison_period == "2022"


def test_no_indicator_name_ends_in_a_stated_value() -> None:
    """A name such as "số vốn đăng ký bằng 18" would swallow the "18" of "bằng 18,7%"."""
    lex = load_lexicon()
    names = [n for ind in lex.indicators.values() for n in ind.names]
    cue = r"(?:bằng|đạt|tăng|giảm|là|có)"
    assert not [n for n in names if re.search(rf"(?<!\w){cue}\s+\d+$", n)]

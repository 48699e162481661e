"""Reading numbers the way Vietnamese provincial reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.numbers import NumberToken, find_numbers, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.144.384", Decimal("1144384")),
        ("3,29", Decimal("3.29")),
        ("4.082,966", Decimal("4082.966")),
        ("0,231", Decimal("0.231")),
        ("03", Decimal("3")),
        ("8.00", Decimal("8.00")),
        ("57.83", Decimal("57.83")),
        ("15.00", Decimal("15.00")),
        ("1.909", Decimal("1909")),
        ("+ 0.1", Decimal("0.1")),
        ("-1.34", Decimal("-1.34")),
        ("-5,47", Decimal("-5.47")),
    ],
)
def test_parse_number(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


def test_decimal_point_style_reads_a_single_group_as_decimals() -> None:
    assert parse_number("8.000") == Decimal("8000")
    assert parse_number("8.000", decimal_point_style=True) == Decimal("8.000")


@pytest.mark.parametrize("bad", ["", "abc", "1,2,3", "1,234.5", "12.34.5", "1..2"])
def test_parse_number_rejects_malformed_input_with_a_message(bad: str) -> None:
    with pytest.raises(ValueError, match=r"\S"):
        parse_number(bad)


def _only(text: str, **kw: object) -> NumberToken:
    tokens = [t for t in find_numbers(text, **kw) if t.kind != "footnote-marker"]  # type: ignore[arg-type]
    assert len(tokens) == 1, tokens
    return tokens[0]


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("ước đạt 3,29%, giảm", Decimal("3.29"), "number"),
        ("Tổng lượt khách ước đạt: 1.144.384 lượt", Decimal("1144384"), "number"),
        ("là 4.082,966 tỷ đồng", Decimal("4082.966"), "number"),
        ("đến ngày 31/5/2023:", Decimal("20230531"), "date"),
        ("ngày 06/01/2023 của", Decimal("20230106"), "date"),
        ("hết tháng 6/2023, ban hành", Decimal("202306"), "date"),
        ("Nghị quyết số 01/NQ-CP của", Decimal("1"), "doc-number"),
        ("Báo cáo số 1468/BC -  UBND", Decimal("1468"), "doc-number"),
        ("Chương trình trọng tâm số 09-CTr/Tu", Decimal("9"), "doc-number"),
        ("Nghị quyết số 78/2021/NQ-HĐND", Decimal("78"), "doc-number"),
        ("QĐ số 142 = 02 hồ sơ", Decimal("142"), "doc-number"),
        ("(1) Lúa xuân", Decimal("1"), "list-marker"),
        ("7. Tồng số công trình", Decimal("7"), "list-marker"),
        ("4.1 Kim ngạch nhập khẩu", Decimal("4.1"), "list-marker"),
        ("đẩy mạnh thực hiện 03 chương trình", Decimal("3"), "number"),
        ("trong năm 2022,", Decimal("2022"), "year"),
        ("dịch COVID-19 trong", Decimal("19"), "identifier"),
        ("Covid -19 để thu hút", Decimal("19"), "identifier"),
        ("các dự án phát triển đô thị số 3A", Decimal("3"), "identifier"),
        ("Hội nghị quốc tế lần thứ 8 của", Decimal("8"), "identifier"),
        ("Ngày Sở hữu trí tuệ (26/4) phát sóng", Decimal("426"), "date"),
        ("ngày Thương binh Liệt sĩ 27/7. Triển khai", Decimal("727"), "date"),
        ("dịp nghỉ lễ 30/4 và 01/5 năm 2023", Decimal("430"), "date"),
        ("tổ chức thành công \n07/8 giải thể thao", Decimal("7"), "ratio"),
    ],
)
def test_find_numbers_kinds(text: str, value: Decimal, kind: str) -> None:
    token = find_numbers(text)[0]
    assert (token.value, token.kind) == (value, kind)


def test_ratio_of_achieved_to_plan() -> None:
    token = _only("Gieo cấy được 3.680,4/3.732,0 ha, đạt")
    assert token.kind == "ratio"
    assert (token.value, token.denominator) == (Decimal("3680.4"), Decimal("3732.0"))
    assert token.text == "3.680,4/3.732,0"


@pytest.mark.parametrize(
    ("text", "value", "denominator"),
    [
        ("số xã đạt 19 tiêu chí: 17/139 xã", Decimal("17"), Decimal("139")),
        ("thực hiện được 205/1.909 hộ", Decimal("205"), Decimal("1909")),
        ("năm là: 403,819/ 2.831,169 tỷ đồng", Decimal("403.819"), Decimal("2831.169")),
        ("Trồng được 3.763,5 /3.510 ha", Decimal("3763.5"), Decimal("3510")),
        ("đứng thứ 36/63 tỉnh", Decimal("36"), Decimal("63")),
    ],
)
def test_ratios(text: str, value: Decimal, denominator: Decimal) -> None:
    token = next(t for t in find_numbers(text) if t.kind == "ratio")
    assert (token.value, token.denominator) == (value, denominator)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("số tiền sai phạm hơn 600 triệu đồng", "more-than"),
        ("ban hành trên 80.000 lượt", "more-than"),
        ("tài khoản, đạt trên 510 tài khoản", "more-than"),
        ("thiệt hại khoảng 558ha", "approximately"),
        ("tổng trọng lượng khoảng trên 800kg", "more-than"),
        ("hư hỏng gân \n1.200 ngôi nhà", "approximately"),
        ("tranh tài với hon \n3.000 đội", "more-than"),
        ("ước tính ữên 4,5 tỷ đồng", "more-than"),
        ("ít hơn 9 dự án", None),  # nine fewer: a difference, not a bound
        ("phấn đấu có thêm ít nhất 04 xã", "at-least"),
        ("trẻ từ 5 đến dưới 12 tuổi", None),
        ("trẻ em dưới 2 tuổi", "less-than"),
        ("chưa đến 5 vụ", "less-than"),
        ("mục tiêu >9,0", "more-than"),
        ("đạt 43% dự toán", None),
    ],
)
def test_qualifiers(text: str, qualifier: str | None) -> None:
    assert find_numbers(text)[0].qualifier == qualifier


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("3.064,3 nghìn con", "nghìn"),
        ("154,873 triệu kwh", "triệu"),
        ("325,584 tỳ đồng", "tỷ"),
        ("81,25 ừiệu đồng", "triệu"),
        ("520 tỷ đồng", "tỷ"),
        ("Số bác sỹ/1 vạn dân", "vạn"),
        ("133.049 liều", None),
    ],
)
def test_multiplier_words_are_recorded_not_applied(text: str, word: str | None) -> None:
    token = [t for t in find_numbers(text) if t.kind in ("number", "ratio")][-1]
    assert token.multiplier_word == word
    assert token.value < 1_000_000


@pytest.mark.parametrize(
    ("text", "marker"),
    [("bằng 14,3% KH1.", "1"), ("bằng 72% so với cùng kỳ năm trước14.", "14"), ("tỉnh2", "2")],
)
def test_markers_glued_to_words_are_not_values(text: str, marker: str) -> None:
    markers = [t for t in find_numbers(text) if t.kind == "footnote-marker"]
    assert [m.text for m in markers] == [marker]


def test_marker_glued_to_a_number_is_recorded_on_it() -> None:
    token = _only("so với cùng kỳ năm trước bằng 39%21. Ước")
    assert (token.value, token.footnote_marker) == (Decimal("39"), "21")
    token = _only("giảm 26,9%.13\n")
    assert (token.value, token.footnote_marker) == (Decimal("26.9"), "13")


def test_with_known_markers_other_glued_digits_are_codes() -> None:
    text = "Nghị quyết số 43/2022/QH15. Khởi công"
    kinds = [t.kind for t in find_numbers(text, markers=[(0, 1)])]
    assert kinds == ["doc-number", "identifier"]
    assert [t.kind for t in find_numbers(text)] == ["doc-number", "footnote-marker"]


def test_marker_read_as_I_digit() -> None:
    text = "an toàn.. . I7.\n"
    assert [(t.kind, t.text) for t in find_numbers(text)] == [("footnote-marker", "7")]
    at = text.index("I7")
    marked = find_numbers(text, 10, markers=[(10 + at, 10 + at + 2)])
    assert [(t.kind, t.start) for t in marked] == [("footnote-marker", 10 + at + 1)]


def test_marker_glued_to_a_year_after_nam() -> None:
    tokens = find_numbers("vụ Đông - Xuân 2022 -2023, năm 20238; tăng cường")
    assert [(t.kind, t.text) for t in tokens][-2:] == [("year", "2023"), ("footnote-marker", "8")]
    assert tokens[-2].footnote_marker == "8"
    assert find_numbers("tổng số 20238 hộ")[0].value == Decimal("20238")


def test_known_marker_offsets_split_a_year() -> None:
    text = "trước mùa mưa lũ năm 20237; tổng hợp"
    at = text.index("20237") + 4
    tokens = find_numbers(text, 100, markers=[(100 + at, 100 + at + 1)])
    assert [(t.kind, t.value, t.footnote_marker) for t in tokens] == [
        ("year", Decimal("2023"), "7"),
        ("footnote-marker", Decimal("7"), None),
    ]


def test_ocr_space_inside_a_number() -> None:
    tokens = find_numbers("bàng 10 6,47% cùng kỳ")
    assert [(t.value, t.ambiguous) for t in tokens] == [(Decimal("106.47"), True)]


def test_signed_changes_in_the_pci_table() -> None:
    row = "1 Chi phí gia nhập thị trường 6.67 6.77 41 48 + 0.1 -7 >9,0"
    values = [t.value for t in find_numbers(row, decimal_point_style=True) if t.kind == "number"]
    assert values == [Decimal(v) for v in ("6.67", "6.77", "41", "48", "0.1", "-7", "9.0")]


def test_ranges_in_running_text_are_not_negative() -> None:
    tokens = find_numbers("giai đoạn 2021-2025 và vụ Đông - Xuân 2022 -2023")
    assert [t.value for t in tokens] == [Decimal(v) for v in ("2021", "2025", "2022", "2023")]
    assert {t.kind for t in tokens} == {"year"}


def test_dotted_single_group_is_flagged_ambiguous_in_tables() -> None:
    assert find_numbers("hộ 1.909 205", decimal_point_style=True)[0].ambiguous
    assert find_numbers("Tỷ đồng 2.838 986", decimal_point_style=True)[0].value == 2838
    assert not _only("8.00 ha", decimal_point_style=True).ambiguous
    assert not _only("1.144.384 lượt", decimal_point_style=True).ambiguous
    # running text groups thousands with "." by convention: read, not flagged
    token = _only("thực hiện được 8.000 ha")
    assert (token.value, token.ambiguous) == (Decimal("8000"), False)


def test_offsets_are_shifted_by_the_offset_argument() -> None:
    text = "đạt 520 tỷ đồng"
    token = find_numbers(text, 1000)[0]
    assert (token.start, token.end) == (1004, 1007)


def _vi_format(value: Decimal) -> str:
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ".".join(groups) + ("," + frac if frac else "")


@given(
    st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, places=3)
)
def test_vietnamese_formatting_round_trips(value: Decimal) -> None:
    assert parse_number(_vi_format(value)) == value


@given(st.decimals(min_value=Decimal("0"), max_value=Decimal("1e9"), allow_nan=False, places=2))
def test_found_in_a_sentence_with_the_value_written(value: Decimal) -> None:
    text = f"tổng thu ước đạt {_vi_format(value)} tỷ đồng."
    tokens = find_numbers(text)
    assert [t.value for t in tokens] == [value]


@given(st.text(max_size=300), st.integers(min_value=0, max_value=10_000))
def test_offsets_always_match_the_text(text: str, offset: int) -> None:
    for token in find_numbers(text, offset):
        assert text[token.start - offset : token.end - offset] == token.text


@given(st.text(alphabet=st.sampled_from(list("0123456789.,/ -+%()hnKHtỉnhđạtrêơ\n")), max_size=120))
def test_never_crashes_on_number_like_noise(text: str) -> None:
    for token in find_numbers(text, decimal_point_style=len(text) % 2 == 0):
        assert text[token.start : token.end] == token.text

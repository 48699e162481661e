"""Folding OCR'd Vietnamese for matching, and mapping matches back to the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.text.normalise import finditer_original, fold, fold_with_map, to_original


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Ke hoạch thực hiện", "kế hoạch thực hiện"),
        ("Kê \nhoạch định giá", "kế hoạch định giá"),
        ("Triển khai Đe án về", "triển khai đề án về"),
        ("trên địa bàn toàn tinh", "trên địa bàn toàn tỉnh"),
        ("tinh Cao Bằng", "tỉnh cao bằng"),
        ("tinh thần", "tinh thần"),
        ("Tinh hình xuất nhập cảnh", "tình hình xuất nhập cảnh"),
        ("bàng 107,5% so V Ớ I cung kỳ", "bằng 107,5% so với cùng kỳ"),
        ("sàn lượng đạt 298 tan", "sản lượng đạt 298 tấn"),
        ("22.493 tân, băng 80%", "22.493 tấn, bằng 80%"),
        ("ủ y  ban Điều phối", "ủy ban điều phối"),
        ("thị trường gần như “đóng băng”", "thị trường gần như “đóng băng”"),
        ("ữên 4,5 tỷ đông", "trên 4,5 tỷ đồng"),
        ("  nhiều   dòng\n\n trống  ", "nhiều dòng trống"),
        ("Tô chức Hội nghị câp tỉnh", "tổ chức hội nghị cấp tỉnh"),
        ("Hội đông thâm định", "hội đồng thẩm định"),
        ("kim ngạch nhập khau Ô tô", "kim ngạch nhập khẩu ô tô"),
        ("Tông giá trị thiệt hại", "tổng giá trị thiệt hại"),
        ("so với đâu năm tăng", "so với đầu năm tăng"),
        ("không biết đâu mà lần", "không biết đâu mà lần"),
        ("Các loại câyăn qủa", "các loại cây ăn quả"),
        ("điêu khắc", "điêu khắc"),
    ],
)
def test_fold_repairs_ocr_slips(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_map_points_back_to_the_original_words() -> None:
    original = "Ban hành Ke\nhoạch số 354/HK-UBND; Đe án 06"
    for match, start, end in finditer_original(re.compile(r"kế hoạch|đề án"), original):
        assert fold(original[start:end]) == match.group()
    folded, mapping = fold_with_map(original)
    m = re.search("354", folded)
    assert m is not None
    assert original[slice(*to_original(original, mapping, *m.span()))] == "354"


def test_decomposed_marks_are_composed_and_mapped_whole() -> None:
    original = "Ke hoa\u0323ch"  # "ạ" written as a + combining dot below
    folded, mapping = fold_with_map(original)
    assert folded == "kế hoạch"
    assert to_original(original, mapping, 0, len(folded)) == (0, len(original))


def test_to_original_rejects_spans_outside_the_folded_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        to_original("abc", [0, 1, 2], 2, 5)


@given(st.text(max_size=200))
def test_fold_map_is_monotone_and_in_range(text: str) -> None:
    folded, mapping = fold_with_map(text)
    assert len(folded) == len(mapping)
    assert all(0 <= off < len(text) for off in mapping)
    assert mapping == sorted(mapping)

"""Segmenting the seed report (and small reports of the same genre) into parts, sections,
paragraphs, footnotes and table rows, and cutting them into sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.records import Segment
from kg.extract.text.segment import footnote_markers, innermost, segment
from kg.extract.text.sentences import sentences

SEED = Path(__file__).parent.parent / "data/sources/cao-bang-1468-bc-ubnd-2023-06-14.txt"


@pytest.fixture(scope="module")
def seed() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_segments(seed: str) -> tuple[Segment, ...]:
    return segment(seed)


def _by_key(segments: tuple[Segment, ...]) -> dict[str, Segment]:
    return {s.key: s for s in segments}


def test_keys_are_unique_and_stable(seed: str, seed_segments: tuple[Segment, ...]) -> None:
    keys = [s.key for s in seed_segments]
    assert len(keys) == len(set(keys))
    assert segment(seed) == seed_segments


def test_parts_and_sections_of_the_seed(seed_segments: tuple[Segment, ...]) -> None:
    by_key = _by_key(seed_segments)
    parts = [s.key for s in seed_segments if s.kind == "part"]
    assert parts == ["front", "I", "II", "closing"]
    assert by_key["I.1"].title == "1. Lĩnh vực kỉnh tế"
    assert by_key["I.1.1"].title == "1.1. Tổng sản phẩm trên địa bàn (GRDP)"
    assert by_key["I.1.2.dd"].number == "đ)"
    assert by_key["I.5"].title is not None and by_key["I.5"].title.startswith("5. Quốc phòng")
    assert by_key["II.2.10"].title == "2.10. Quốc phòng - An ninh"
    assert by_key["II"].number == "n"  # OCR of "II."
    assert by_key["II.1"].title is not None and by_key["II.1"].title.endswith("hôi năm 2023")


def test_48_footnotes_each_after_its_marker(seed: str, seed_segments: tuple[Segment, ...]) -> None:
    notes = [s for s in seed_segments if s.kind == "footnote" and not s.key.endswith("/cont")]
    assert [s.number for s in notes] == [str(n) for n in range(1, 49)]
    for note in notes:
        assert note.marker_offset is not None, note.key
        assert note.marker_offset < note.start
        text = seed[note.start : note.end]
        assert re.match(rf"{note.number}\.?\s", text), text[:20]
        marker = seed[note.marker_offset : note.marker_offset + len(note.number or "")]
        assert marker in (note.number, "I" + (note.number or "")[1:])


def test_each_marker_stands_in_body_text(seed_segments: tuple[Segment, ...]) -> None:
    for note in (s for s in seed_segments if s.kind == "footnote" and s.marker_offset):
        holder = innermost(seed_segments, note.marker_offset or 0)
        assert holder is not None and holder.kind == "paragraph", (note.key, holder)
    by_key = _by_key(seed_segments)
    assert innermost(seed_segments, by_key["fn/1"].marker_offset or 0) == by_key["I.1.1/p8"]
    inside_gap = by_key["fn/1"].start + 3  # footnote 1 is printed inside I.1.2/p1's range
    assert innermost(seed_segments, inside_gap) == by_key["fn/1"]


@pytest.mark.parametrize(
    ("number", "before"),
    [("1", "14,3% KH"), ("7", "năm 2023"), ("13", "26,9%."), ("17", ". "), ("21", "39%")],
)
def test_markers_of_the_seed(
    seed: str, seed_segments: tuple[Segment, ...], number: str, before: str
) -> None:
    note = _by_key(seed_segments)[f"fn/{number}"]
    assert note.marker_offset is not None
    assert seed[note.marker_offset - len(before) : note.marker_offset] == before


def test_footnote_2_continues_on_the_next_page(
    seed: str, seed_segments: tuple[Segment, ...]
) -> None:
    by_key = _by_key(seed_segments)
    cont = by_key["fn/2/cont"]
    assert seed[cont.start : cont.end].startswith("- Các loại cây thế mạnh khác")
    assert (cont.parent, cont.number) == ("fn/2", None)
    assert by_key["fn/2"].end < by_key["I.1.2.b"].start < cont.start


def test_appendix_rows(seed: str, seed_segments: tuple[Segment, ...]) -> None:
    by_key = _by_key(seed_segments)
    rows1 = [s for s in seed_segments if s.key.startswith("annex-1/row/")]
    rows2 = [s for s in seed_segments if s.key.startswith("annex-2/row/")]
    assert len(rows2) == 11
    assert seed[rows2[-1].start : rows2[-1].end].startswith("Chỉ số PCI (tổng) 56.29")
    texts = [seed[r.start : r.end] for r in rows1]
    assert "1 Tốc độ tăng trưởng GRDP % 8.00 3.29" in texts
    assert any(t.startswith("3 Giá trị sản phẩm trồng trọt") and t.endswith("46.0") for t in texts)
    assert any(t.startswith("2 GRDP bình quân") and t.endswith("cuối năm") for t in texts)
    assert any(t.startswith("13\nSố xã điểm") for t in texts)
    assert any(t.startswith("16 Số hộ chăn nuôi") and t.endswith("63.0") for t in texts)
    assert by_key["annex-1"].kind == "table" and by_key["annex-2"].kind == "table"
    assert all(r.parent == "annex-1" for r in rows1)


def test_offsets_in_range_and_children_inside_parents(
    seed: str, seed_segments: tuple[Segment, ...]
) -> None:
    by_key = _by_key(seed_segments)
    for s in seed_segments:
        assert 0 <= s.start < s.end <= len(seed), s.key
        assert seed[s.start : s.end] == seed[s.start : s.end].strip(), s.key
        if s.parent is not None and not s.key.endswith("/cont"):
            parent = by_key[s.parent]
            assert parent.start <= s.start and s.end <= parent.end, (s.key, s.parent)


def test_paragraphs_do_not_contain_footnote_text_except_as_gaps(
    seed: str, seed_segments: tuple[Segment, ...]
) -> None:
    sents = sentences(seed, seed_segments)
    for s in sents:
        assert seed[s.start : s.end] == s.text
        if s.segment.startswith(("I", "II")):
            assert not re.search(r"\n\d{1,2} [A-ZĐ]", s.masked), s.text[:80]
    crossing = [s for s in sents if s.gaps]
    assert any(
        s.masked.rstrip().endswith("một sản phẩm (OCOP) năm 2023 trên địa bàn tỉnh Cao Bằng;")
        for s in crossing
    )


def test_every_digit_is_in_a_sentence_or_a_table_row(
    seed: str, seed_segments: tuple[Segment, ...]
) -> None:
    covered = bytearray(len(seed))
    for s in sentences(seed, seed_segments):
        for a, b in s.pieces:
            covered[a:b] = b"\x01" * (b - a)
    for seg in seed_segments:
        if seg.kind in ("table-row", "artefact"):
            covered[seg.start : seg.end] = b"\x01" * (seg.end - seg.start)
    missing = [i for i, ch in enumerate(seed) if ch.isdigit() and not covered[i]]
    assert missing == []


def test_sentences_split_clauses_not_numbers(seed: str, seed_segments: tuple[Segment, ...]) -> None:
    texts = [s.text for s in sentences(seed, seed_segments)]
    assert any("(1) Lúa xuân: Gieo cấy được 3.680,4/3.732,0 ha" in t for t in texts)
    assert (
        "Đen ngày 05/6/2023, thực hiện được \n205/1.909 hộ, đạt 10,74% KH, "
        "bằng 63% so với cùng kỳ năm trước." in texts
    )
    whole = [s.text for s in sentences(seed, seed_segments, clauses=False)]
    assert len(whole) < len(texts)


def test_markers_feed_the_number_finder(seed: str, seed_segments: tuple[Segment, ...]) -> None:
    from kg.extract.numbers import find_numbers

    markers = footnote_markers(seed_segments)
    assert len(markers) == 48
    start = seed.index("năm 20237")
    tokens = find_numbers(seed[start : start + 10], start, markers=markers)
    assert [(t.kind, str(t.value)) for t in tokens] == [("year", "2023"), ("footnote-marker", "7")]


# A small report of the same genre (invented text, another province and period) with
# the OCR's page layout: page starts indented by one space, footnotes at page bottoms.
SYNTHETIC = "\n".join(
    [
        " BÁO CÁO",
        "Tình hình kinh tế - xã hội 9 tháng đầu năm 2024",
        "",
        "Trong 9 tháng đầu năm 2024, tỉnh Hà Giang đã triển khai đồng bộ các giải pháp.",
        "",
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2024",
        "",
        "1. Lĩnh vực kinh tế",
        "1.1. Tăng trưởng kinh tế",
        "Tốc độ tăng trưởng GRDP ước đạt 5,12%, tăng 0,4 điểm phần trăm so với cùng kỳ ",
        "",
        "năm trước1. Tổng thu ngân sách trên địa bàn ước đạt 2.105,6 tỷ đồng, bằng 61% dự ",
        "toán2, trong đó thu nội địa 1.880 tỷ đồng, bằng 64% dự toán; thu từ hoạt động",
        "",
        "1 Theo số liệu của Cục Thống kê tỉnh, quy mô GRDP theo giá hiện hành ước đạt "
        "21.450 tỷ đồng.",
        "",
        "2 Gồm thu từ doanh nghiệp nhà nước địa phương 310 tỷ đồng, bằng 70% dự toán; "
        "thu khác 45 tỷ đồng.",
        " xuất nhập khẩu 225,6 tỷ đồng. Tổng vốn đầu tư công giải ngân đạt 1.340/2.680 tỷ ",
        "đồng, bằng 50% kế hoạch.",
        "",
        "1.2. Nông nghiệp",
        "a) Trồng trọt:",
        "Diện tích gieo trồng lúa mùa đạt 33.120 ha, đạt 99,2% KH; sản lượng ước đạt ",
        "",
        "172.500 tấn.",
        "b) Chăn nuôi:",
        "Tổng đàn trâu 151.200 con, bằng 97,5% so với cùng kỳ năm trước.",
        "",
        "2. Lĩnh vực văn hóa - xã hội",
        "",
        "Tỷ lệ hộ nghèo giảm 3,1 điểm phần trăm; có 14/193 xã đạt chuẩn nông thôn mới3.",
        "",
        "3 Trong đó có 02 xã đạt chuẩn nông thôn mới nâng cao và 01 xã đạt chuẩn nông "
        "thôn mới kiểu mẫu năm 2024.",
        " II. NHIỆM VỤ 3 THÁNG CUỐI NĂM 2024",
        "",
        "1. Tập trung thực hiện các chỉ tiêu kế hoạch năm 2024",
        "Phấn đấu tốc độ tăng trưởng GRDP cả năm đạt 6%.",
        "",
        "Nơi nhận:",
        "- Như trên;",
        "",
        "Phụ lục 1:",
        "CHỈ TIÊU KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2024",
        "",
        "TT Chỉ tiêu Đơn vị KH 2024 Ước TH",
        "1 2 3 4 5",
        "",
        "1 Tốc độ tăng trưởng GRDP % 6.00 5.12",
        "",
        "2 Thu ngân sách trên địa bàn Tỷ đồng 3.450 2.105,6",
        "- Thu nội địa Tỷ đồng 2.900 1.880",
        "",
        "3 Tỷ lệ che phủ rừng % 60.50",
        "",
    ]
)


@pytest.fixture(scope="module")
def synthetic() -> tuple[Segment, ...]:
    return segment(SYNTHETIC)


def test_synthetic_structure(synthetic: tuple[Segment, ...]) -> None:
    keys = [s.key for s in synthetic if s.kind in ("part", "section", "subsection")]
    assert keys == [
        "front",
        "I",
        "I.1",
        "I.1.1",
        "I.1.2",
        "I.1.2.a",
        "I.1.2.b",
        "I.2",
        "II",
        "II.1",
        "closing",
    ]
    paragraphs = [s.key for s in synthetic if s.parent == "I.1.1"]
    assert paragraphs == ["I.1.1/p1"]  # one paragraph across the blank line and the page


def test_synthetic_footnotes_and_markers(synthetic: tuple[Segment, ...]) -> None:
    notes = [s for s in synthetic if s.kind == "footnote"]
    assert [s.number for s in notes] == ["1", "2", "3"]
    expected_before = {"1": "năm trước", "2": "toán", "3": "nông thôn mới"}
    for note in notes:
        assert note.marker_offset is not None
        before = SYNTHETIC[: note.marker_offset]
        assert before.endswith(expected_before[note.number or ""]), note.key


def test_synthetic_paragraph_continues_after_the_footnote_block(
    synthetic: tuple[Segment, ...],
) -> None:
    by_sentence = sentences(SYNTHETIC, synthetic)
    crossing = [s for s in by_sentence if s.gaps]
    assert len(crossing) == 1
    clause = crossing[0]
    assert clause.segment == "I.1.1/p1"
    assert clause.masked.startswith("thu từ hoạt động")
    assert clause.masked.endswith("xuất nhập khẩu 225,6 tỷ đồng.")
    assert "21.450" not in clause.masked and "21.450" in clause.text


def test_synthetic_heading_numbers_are_not_footnotes(synthetic: tuple[Segment, ...]) -> None:
    by_key = _by_key(synthetic)
    assert by_key["I.2"].title == "2. Lĩnh vực văn hóa - xã hội"
    assert by_key["II.1"].title == "1. Tập trung thực hiện các chỉ tiêu kế hoạch năm 2024"


def test_synthetic_table(synthetic: tuple[Segment, ...]) -> None:
    rows = [SYNTHETIC[s.start : s.end] for s in synthetic if "/row/" in s.key]
    assert rows == [
        "1 Tốc độ tăng trưởng GRDP % 6.00 5.12",
        "2 Thu ngân sách trên địa bàn Tỷ đồng 3.450 2.105,6",
        "- Thu nội địa Tỷ đồng 2.900 1.880",
        "3 Tỷ lệ che phủ rừng % 60.50",
    ]
    header = _by_key(synthetic)["annex-1/header"]
    assert SYNTHETIC[header.start : header.end].endswith("1 2 3 4 5")


def test_crlf_line_ends_give_the_same_structure(synthetic: tuple[Segment, ...]) -> None:
    crlf = SYNTHETIC.replace("\n", "\r\n")
    segs = segment(crlf)
    assert [s.key for s in segs] == [s.key for s in synthetic]
    lf = _by_key(synthetic)
    for s in segs:
        same = lf[s.key]
        assert crlf[s.start : s.end].replace("\r\n", "\n") == SYNTHETIC[same.start : same.end]


def test_headings_without_a_space_after_the_number() -> None:
    text = "I. KẾT QUẢ\n1.Kinh tế\n1.1.Nông nghiệp\nSản lượng đạt 3.000 tấn.\n2.Xã hội\n"
    keys = [s.key for s in segment(text) if s.kind in ("section", "subsection")]
    assert keys == ["I.1", "I.1.1", "I.2"]


def test_documents_without_layout_artefacts() -> None:
    assert segment("") == ()
    plain = "Báo cáo ngắn.\n\nCó 12 xã đạt chuẩn; 3 xã chưa đạt.\n"
    segs = segment(plain)
    assert [s.key for s in segs] == ["front", "front/p1", "front/p2"]
    assert [s.text for s in sentences(plain, segs)] == [
        "Báo cáo ngắn.",
        "Có 12 xã đạt chuẩn;",
        "3 xã chưa đạt.",
    ]


_GENRE_LINES = st.sampled_from(
    [
        "",
        " ",
        "I. KẾT QUẢ THỰC HIỆN",
        "II. NHIỆM VỤ",
        "1. Lĩnh vực kinh tế",
        "1.1. Nông nghiệp ",
        "2. Văn hóa",
        "a) Trồng trọt:",
        "* Đánh giá chung:",
        "Tổng thu đạt 2.105,6 tỷ đồng, bằng 61% dự toán1. ",
        "năm trước2; thu nội địa 1.880 tỷ đồng",
        " tiếp tục triển khai (khoảng 17/139 xã;",
        "1 Theo số liệu của Cục Thống kê tỉnh, quy mô GRDP ước đạt 21.450 tỷ đồng.",
        "2 Gồm thu từ doanh nghiệp nhà nước địa phương 310 tỷ đồng, bằng 70% dự toán. " * 2,
        "https://example.gov.vn",
        "25",
        "Nơi nhận:",
        "Phụ lục 1:",
        "TT Chỉ tiêu Đơn vị KH 2024",
        "1 2 3 4",
        "1 Tốc độ tăng trưởng GRDP % 6.00 5.12",
        "- Thu nội địa Tỷ đồng 2.900 1.880",
        "Ghi chú: Dấu (+) là tăng",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_GENRE_LINES, max_size=40))
def test_segmenting_genre_like_noise_keeps_the_invariants(lines: list[str]) -> None:
    text = "\n".join(lines)
    segs = segment(text)
    by_key = _by_key(segs)
    assert len(by_key) == len(segs)
    for s in segs:
        assert 0 <= s.start < s.end <= len(text)
        if s.parent is not None and not s.key.endswith("/cont"):
            assert by_key[s.parent].start <= s.start and s.end <= by_key[s.parent].end
    for sent in sentences(text, segs):
        assert text[sent.start : sent.end] == sent.text
        assert len(sent.masked) == len(sent.text)

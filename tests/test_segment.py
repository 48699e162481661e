"""Segmenting the seed report (and small reports of the same genre) into parts, sections,
paragraphs, footnotes and table rows, and cutting them into sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract.records import Segment
from kg.extract.text.segment import footnote_markers, segment
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
    cont = _by_key(seed_segments)["fn/2/cont"]
    assert seed[cont.start : cont.end].startswith("- Các loại cây thế mạnh khác")


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
        if s.parent is not None:
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

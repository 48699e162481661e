"""The synthetic report generator (bench/generate.py): same index, same report; the
province, years and figures change, the layout the extractor reads does not."""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


SEED = """UBND TỈNH CAO BẰNG
Báo cáo số 1468/BC-UBND ngày 14 tháng 6 năm 2023
GRDP ước đạt 3,29%, giảm 3,06 điểm phần trăm so với cùng kỳ năm 2022; thu 1.632,154 tỷ đồng.
Một số dự án giao thông46 vướng mắc thủ tục.

46 Dự án Đường tỉnh 208.
12
"""


def test_figures_change_and_layout_stays(gen: ModuleType) -> None:
    province = gen.Province("01", "Hà Nội")
    text = gen.synthetic_text(SEED, province, -1, random.Random(3), "1003/BC")
    assert "UBND TỈNH HÀ NỘI" in text and "Cao Bằng" not in text
    assert "Báo cáo số 1003/BC-UBND ngày 14 tháng 6 năm 2022" in text
    assert "so với cùng kỳ năm 2021" in text
    assert "giao thông46 " in text and "\n46 Dự án" in text and "\n12\n" in text
    figures = re.findall(r"\d[\d.]*,\d+", text)
    assert len(figures) == 3 and figures != ["3,29", "3,06", "1.632,154"]
    assert re.search(r"\b\d\.\d{3},\d{3} tỷ", text)  # thousands dots, three decimals


def test_same_index_same_report(gen: ModuleType, tmp_path: Path) -> None:
    first = gen.generate(tmp_path / "a", 2)
    second = gen.generate(tmp_path / "b", 2)
    for name in ("synthetic-0000.txt", "synthetic-0001.yaml"):
        assert (first / "sources" / name).read_bytes() == (second / "sources" / name).read_bytes()
    texts = [(first / "sources" / f"synthetic-000{i}.txt").read_text("utf-8") for i in (0, 1)]
    assert texts[0] != texts[1]


def test_segment_keys_stay_unique_when_footnotes_move(gen: ModuleType) -> None:
    """Changed figures move page breaks, so a footnote can continue over two pages; every
    segment key becomes an IRI, and a shared one gave a segment two ranges (SHACL)."""
    from kg.extract.text.segment import segment

    seed = (ROOT / "data" / "sources" / "cao-bang-1468-bc-ubnd-2023-06-14.txt").read_text()
    text = gen.synthetic_text(seed, gen.Province("01", "Hà Nội"), -1, random.Random(7), "9/BC")
    keys = [s.key for s in segment(text)]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})

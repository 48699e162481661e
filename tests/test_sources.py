from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.errors import SourceError
from kg.sources import discover_reports, load_report


@pytest.fixture
def report_copy(tmp_path: Path, root: Path) -> Path:
    for path in (root / "data" / "sources").iterdir():
        shutil.copy(path, tmp_path / path.name)
    return next(tmp_path.glob("*.txt"))


def test_seed_report_loads_with_metadata(root: Path) -> None:
    [path] = discover_reports(root / "data" / "sources")
    report = load_report(path)
    assert report.metadata.document_number == "1468/BC-UBND"
    assert report.metadata.area.gso_code == "04"
    assert report.metadata.text.ocr is True
    assert len(report.text) > 100_000


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        ("Báo cáo".encode("cp1258", errors="replace") + b"\xe1\xff", "not UTF-8"),
    ],
)
def test_bad_text_names_file_and_problem(report_copy: Path, content: bytes, message: str) -> None:
    report_copy.write_bytes(content)
    with pytest.raises(SourceError, match=message) as error:
        load_report(report_copy)
    assert report_copy.name in str(error.value)


def test_missing_metadata_is_named(report_copy: Path) -> None:
    report_copy.with_suffix(".yaml").unlink()
    with pytest.raises(SourceError, match="metadata file missing"):
        load_report(report_copy)


def test_invalid_metadata_names_the_field(report_copy: Path) -> None:
    meta = report_copy.with_suffix(".yaml")
    meta.write_text(meta.read_text(encoding="utf-8").replace("2023-06-14", "14/06/2023"))
    with pytest.raises(SourceError, match="date"):
        load_report(report_copy)


def test_empty_sources_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no report"):
        discover_reports(tmp_path)

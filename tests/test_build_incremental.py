"""Parallel and incremental `kg build`: unchanged reports come from the cache, and the
output does not depend on the pool or the cache."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.build import pipeline, run_build
from kg.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
SEED = "cao-bang-1468-bc-ubnd-2023-06-14"


def two_report_data(tmp: Path) -> Path:
    """The repository's data with a second report: the seed under another slug."""
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    sources = data / "sources"
    shutil.copy(sources / f"{SEED}.txt", sources / "copy-of-seed.txt")
    meta = (sources / f"{SEED}.yaml").read_text(encoding="utf-8")
    (sources / "copy-of-seed.yaml").write_text(
        meta.replace("slug: cao-bang-1468-bc-ubnd-2023", "slug: copy-of-seed"), "utf-8"
    )
    return data


def settings_for(tmp: Path, data: Path, name: str, workers: int) -> Settings:
    return load_settings(
        data_dir=data,
        ontology_dir=ROOT / "ontology",
        build_dir=tmp / name,
        build_cache_dir=tmp / f"{name}.cache",
        build_workers=workers,
    )


def test_second_build_skips_extraction_and_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = two_report_data(tmp_path)
    first = settings_for(tmp_path, data, "build", workers=2)
    run_build(first)
    before = (first.build_dir / "kg.nq").read_bytes()

    def no_extraction(*_args: object) -> None:
        raise AssertionError("an unchanged report was extracted again")

    monkeypatch.setattr(pipeline, "extract_part", no_extraction)
    again = settings_for(tmp_path, data, "build", workers=1)
    run_build(again)
    assert (again.build_dir / "kg.nq").read_bytes() == before


def test_changed_metadata_is_extracted_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = two_report_data(tmp_path)
    settings = settings_for(tmp_path, data, "build", workers=1)
    run_build(settings)
    meta = data / "sources" / "copy-of-seed.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    seen: list[Path] = []
    real = pipeline.extract_part

    def counting(path: Path, *args: object) -> pipeline.ReportPart:
        seen.append(path)
        return real(path, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "extract_part", counting)
    run_build(settings)
    assert [p.name for p in seen] == ["copy-of-seed.txt"]


def test_pool_and_serial_builds_are_byte_identical(tmp_path: Path) -> None:
    data = two_report_data(tmp_path)
    pooled = settings_for(tmp_path, data, "pooled", workers=2)
    serial = settings_for(tmp_path, data, "serial", workers=1)
    run_build(pooled)
    run_build(serial)
    for name in ("kg.nq", "kg.ttl", "summary.json", "review.tsv"):
        assert (pooled.build_dir / name).read_bytes() == (serial.build_dir / name).read_bytes()


@pytest.fixture
def code_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the package and its data for `code_version` to hash."""
    from kg.build import cache

    code = tmp_path / "src" / "kg"
    shutil.copytree(ROOT / "src" / "kg", code, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("lexicon", "vocab"):
        shutil.copytree(ROOT / "data" / name, tmp_path / "data" / name)
    monkeypatch.setattr(cache, "CODE_ROOT", code)
    monkeypatch.setattr(cache, "LEXICON_ROOT", tmp_path / "data" / "lexicon")
    monkeypatch.setattr(cache, "GAZETTEER_ROOT", tmp_path / "data" / "vocab")
    cache.code_version.cache_clear()
    yield tmp_path
    cache.code_version.cache_clear()


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        ("src/kg/extract/__init__.py", True),
        ("src/kg/build/writer.py", True),
        ("src/kg/iris.py", True),
        ("data/lexicon/units.yaml", True),
        ("data/vocab/districts-2023.csv", True),
        ("src/kg/factsheets/render.py", False),
        ("src/kg/serve/__init__.py", False),
        ("src/kg/validate/shacl.py", False),
    ],
)
def test_cache_key_follows_only_what_makes_a_report_graph(
    code_tree: Path, path: str, changes: bool
) -> None:
    """Editing a fact sheet must not re-extract a thousand reports; editing the extractor,
    a lexicon or the GSO lists it matches against must."""
    from kg.build import cache

    before = cache.code_version()
    cache.code_version.cache_clear()
    with (code_tree / path).open("a", encoding="utf-8") as edited:
        edited.write("\n# edited\n")
    assert (cache.code_version() != before) is changes

"""`kg query` as a user runs it: a separate process, a built graph, output on stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.trig"


@pytest.fixture(scope="module")
def build_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder whose kg.nq holds the invented fixture graph."""
    folder = tmp_path_factory.mktemp("build")
    store = pyoxigraph.Store()
    store.load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    data = pyoxigraph.serialize(store, format=pyoxigraph.RdfFormat.N_QUADS)
    (folder / "kg.nq").write_bytes(data or b"")
    return folder


def kg(build_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_BUILD_DIR": str(build_dir), "KG_QUERIES_DIR": str(ROOT / "queries")}
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_canned_query_as_csv(build_dir: Path) -> None:
    proc = kg(build_dir, "trade", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    table = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert {(r["indicator_en"], r["actual"], r["plan"]) for r in table} == {
        ("Exports", "100", "200"),
        ("Imports", "80", "400"),
    }


def test_canned_query_with_parameter_as_json(build_dir: Path) -> None:
    proc = kg(build_dir, "below-plan", "--param", "threshold=30", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    bindings = json.loads(proc.stdout)["results"]["bindings"]
    percents = sorted(float(b["percent_of_plan"]["value"]) for b in bindings)
    assert percents == [5, 15, 20, 25]
    assert all(b["threshold"]["value"] == "30" for b in bindings)


@pytest.mark.parametrize("fmt", ["tsv", "xml", "table"])
def test_other_formats(build_dir: Path, fmt: str) -> None:
    proc = kg(build_dir, "pci-rank-fell", "-f", fmt)
    assert proc.returncode == 0, proc.stderr
    assert "Transparency" in proc.stdout


def test_default_format_off_a_terminal_is_csv(build_dir: Path) -> None:
    proc = kg(build_dir, "pci-rank-fell")
    assert proc.stdout.startswith("indicator,indicator_vi,indicator_en,")


def test_ad_hoc_sparql_text(build_dir: Path) -> None:
    text = (
        "PREFIX qb: <http://purl.org/linked-data/cube#> "
        "SELECT (COUNT(?o) AS ?n) WHERE { ?o a qb:Observation }"
    )
    proc = kg(build_dir, text, "-f", "csv")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["n", "76"]


def test_ad_hoc_rq_file(build_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text("ASK { ?s ?p ?o }", encoding="utf-8")
    proc = kg(build_dir, str(path), "-f", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["boolean"] is True


def test_listing_without_a_name(build_dir: Path) -> None:
    proc = kg(build_dir)
    assert proc.returncode == 0, proc.stderr
    assert "plan-fulfilment" in proc.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("no-such-query",), "unknown query 'no-such-query'"),
        (("below-plan", "--param", "threshold=abc"), "'threshold'"),
        (("below-plan", "--param", "colour=red"), "'colour'"),
        (("below-plan", "--param", "threshold"), "NAME=VALUE"),
        (("trade", "--format", "yaml"), "--format 'yaml'"),
        (("SELECT * WHERE { ?s ?p }",), "does not parse"),
        (("missing.rq",), "missing.rq: query file not found"),
    ],
)
def test_user_errors_are_one_line(build_dir: Path, args: tuple[str, ...], message: str) -> None:
    proc = kg(build_dir, *args)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert message in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_no_build_is_one_line(tmp_path: Path) -> None:
    proc = kg(tmp_path / "nothing", "trade")
    assert proc.returncode == 2
    assert "run `kg build` first" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1

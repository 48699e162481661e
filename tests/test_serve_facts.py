"""Pages of extracted facts, on a small graph shaped as docs/model.md describes
(an observation with its dimensions and a text span with quote and position)."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Server, start_server, stop_server

B = "https://w3id.org/kg-vn/id/"
G = f"<{B}graph/report/r>"
KG = "https://w3id.org/kg-vn/def#"
SD = "http://purl.org/linked-data/sdmx/2009/"
OA = "http://www.w3.org/ns/oa#"
RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
XSD = "http://www.w3.org/2001/XMLSchema#"
A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
OBS = f"<{B}obs/r/grdp/2023-H1/growth-rate>"
SPAN = f"<{B}report/r/text/100-131>"
TRIPLES = f"""
{OBS} {A} <http://purl.org/linked-data/cube#Observation> .
{OBS} <{KG}indicator> <{B}indicator/grdp> .
{OBS} <{SD}dimension#refArea> <{B}admin-unit/2023/04> .
{OBS} <{SD}dimension#refPeriod> <{B}period/2023-H1> .
{OBS} <{KG}measureKind> <{KG}GrowthRate> .
{OBS} <{SD}measure#obsValue> "4.75"^^<{XSD}decimal> .
{OBS} <http://www.w3.org/ns/prov#wasDerivedFrom> {SPAN} .
<{B}indicator/grdp> {RDFS_LABEL} "Tổng sản phẩm trên địa bàn"@vi .
<{B}indicator/grdp> {RDFS_LABEL} "Gross regional domestic product"@en .
<{B}admin-unit/2023/04> {RDFS_LABEL} "Tỉnh Cao Bằng"@vi .
<{B}period/2023-H1> {RDFS_LABEL} "6 tháng đầu năm 2023"@vi .
{SPAN} <{OA}hasSource> <{B}report/r/text> .
{SPAN} <{OA}hasSelector> <{B}report/r/text/100-131/quote> .
{SPAN} <{OA}hasSelector> <{B}report/r/text/100-131/position> .
<{B}report/r/text/100-131/quote> <{OA}exact> "GRDP ước tăng 4,75% so với cùng kỳ" .
<{B}report/r/text/100-131/position> <{OA}start> "100"^^<{XSD}nonNegativeInteger> .
<{B}report/r/text/100-131/position> <{OA}end> "131"^^<{XSD}nonNegativeInteger> .
"""
ONTOLOGY = f"""
<https://w3id.org/kg-vn/def> {RDFS_LABEL} "Ontology"@en .
<{KG}Report> {A} <http://www.w3.org/2002/07/owl#Class> .
<{KG}Report> {RDFS_LABEL} "Báo cáo"@vi .
<{KG}Report> {RDFS_LABEL} "Report"@en .
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("facts")
    (work / "build").mkdir()
    lines = [f"{t.rstrip(' .')} {G} .\n" for t in TRIPLES.strip().splitlines()]
    lines += [f"{t.rstrip(' .')} <{B}graph/ontology> .\n" for t in ONTOLOGY.strip().splitlines()]
    (work / "build" / "kg.nq").write_text("".join(lines), encoding="utf-8")
    running = start_server(work / "build", work)
    yield running
    stop_server(running)


def _page(server: Server, path: str) -> str:
    with server.client() as c:
        response = c.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 200, response.text
    return html.unescape(response.text)


def test_observation_page_quotes_its_source_with_position(facts: Server) -> None:
    text = _page(facts, "/id/obs/r/grdp/2023-H1/growth-rate")
    assert "“GRDP ước tăng 4,75% so với cùng kỳ”" in text
    assert "100–131" in text and "Source text" in text


def test_indicator_and_area_pages_list_their_observations(facts: Server) -> None:
    for path in ("/id/indicator/grdp", "/id/admin-unit/2023/04"):
        text = _page(facts, path)
        assert "Observations" in text and "Quan sát" in text
        assert "4.75" in text and "6 tháng đầu năm 2023" in text and "kg:GrowthRate" in text
        assert 'href="/id/obs/r/grdp/2023-H1/growth-rate"' in text


def test_span_page_shows_its_own_quote(facts: Server) -> None:
    assert "GRDP ước tăng 4,75%" in _page(facts, "/id/report/r/text/100-131")


def test_ontology_is_served_at_def(facts: Server, tmp_path: Path) -> None:
    text = _page(facts, "/def")
    assert "kg:Report" in text and "Báo cáo" in text and "Report" in text
    with facts.client() as c:
        turtle = c.get("/def", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "Report" in turtle.text
    assert "GRDP" not in turtle.text  # only the ontology graph

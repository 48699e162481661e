"""Fact sheets: specs are checked, sheets are computed from the graph, every format renders."""

from __future__ import annotations

import itertools
import json
import math
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import typst
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.errors import KgError, ParameterError
from kg.factsheets import load_library, load_sheet, paper
from kg.factsheets.charts import chart_svg, ticks
from kg.factsheets.check import check_sheet
from kg.factsheets.deadline import Deadline, SheetTimeout
from kg.factsheets.library import Library
from kg.factsheets.model import Card, ChartData
from kg.factsheets.render import WORDS, render_html
from kg.factsheets.routes import router
from kg.queries import bind
from kg.queries.command import parse_params
from kg.serve.errors import install_error_handlers
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "factsheets" / "mini.trig"
BASE = "https://w3id.org/kg-vn/id/"
# parameters for the sheets that need one (both exist in the fixture)
PARAMS = {"admin-unit": {"code": "04"}, "programme": {"programme": "ntp-new-rural"}}
SVG = "{http://www.w3.org/2000/svg}"
OBS = ox.Variable("o")
OBS_VALUE = (
    "PREFIX sdmx-measure: <http://purl.org/linked-data/sdmx/2009/measure#>\n"
    "SELECT ?o ?v WHERE { GRAPH ?g { ?o sdmx-measure:obsValue ?v } }"
)


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(Settings(queries_dir=ROOT / "queries"))


@pytest.fixture
def store() -> ox.Store:
    graph = ox.Store()
    graph.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return graph


def write(tmp_path: Path, text: str, name: str = "bad-sheet") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """
title: {vi: "Phiếu", en: "Sheet"}
description: {vi: "Mô tả", en: "Description"}
sections:
  - title: {vi: "Mục", en: "Section"}
    query: factsheet-indicator-figures
    present: table
    table:
      - {field: [indicator], label: {vi: "Chỉ tiêu", en: "Indicator"}}
"""


def test_good_spec_loads_and_checks(tmp_path: Path, library: Library) -> None:
    spec = load_sheet(write(tmp_path, GOOD))
    check_sheet(spec, library.catalog)
    assert spec.sections[0].table is not None


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('en: "Sheet"', 'fr: "Fiche"', "title.en"),
        ("present: table", "present: chart", "sections[0]"),
        ("[indicator]", "[indicatr]", "sections[0].table[0].field"),
        ("query: factsheet-indicator-figures", "query: no-such-query", "sections[0].query"),
        ("    present: table", "    params: {year: '2023'}\n    present: table", "params.year"),
        ("    present: table", "    params: {sector: $nope}\n    present: table", "params.sector"),
    ],
)
def test_bad_spec_names_file_and_field(
    tmp_path: Path, library: Library, old: str, new: str, field: str
) -> None:
    path = write(tmp_path, GOOD.replace(old, new))
    with pytest.raises(KgError) as caught:
        check_sheet(load_sheet(path), library.catalog)
    assert str(path) in str(caught.value)
    assert field in str(caught.value)


def test_not_yaml_mapping_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"bad-sheet\.yaml"):
        load_sheet(write(tmp_path, "- just\n- a list\n"))


def test_every_shipped_sheet_loads(library: Library) -> None:
    assert set(library.sheets) >= {
        "province-overview", "agriculture", "public-investment-budget", "trade-tourism",
        "business-environment", "society", "admin-unit", "programme",
    }  # fmt: skip


def test_parameters_checked(library: Library, store: ox.Store) -> None:
    with pytest.raises(ParameterError, match="needs parameter 'code'"):
        library.compute("admin-unit", store, {}, "vi")
    with pytest.raises(ParameterError, match="no parameter 'colour'"):
        library.compute("agriculture", store, {"colour": "red"}, "vi")
    with pytest.raises(KgError, match="--param 'x'"):
        parse_params(["x"])


def _card(library: Library, store: ox.Store, label: str) -> Card:
    sheet = library.compute("agriculture", store, {}, "en")
    return next(c for c in sheet.sections[0].cards if c.label == label)


def test_changing_a_figure_in_the_graph_changes_the_sheet(
    library: Library, store: ox.Store
) -> None:
    card = _card(library, store, "Spring rice")
    assert card.value.text == "2,000"
    obs = ox.NamedNode(card.value.obs[0])
    value = ox.NamedNode("http://purl.org/linked-data/sdmx/2009/measure#obsValue")
    [quad] = list(store.quads_for_pattern(obs, value, None))
    store.remove(quad)
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    store.add(ox.Quad(obs, value, ox.Literal("2250", datatype=decimal), quad.graph_name))
    changed = _card(library, store, "Spring rice")
    assert changed.value.text == "2,250"
    assert changed.value.value == Decimal("2250")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_figure_matches_a_direct_query(library: Library, store: ox.Store, lang: str) -> None:
    """Each figure printed from one observation shows exactly that observation's value."""
    checked = 0
    for name in library.sheets:
        sheet = library.compute(name, store, PARAMS.get(name, {}), lang)
        for cell in sheet.cells():
            if not cell.direct:
                continue
            [row] = list(store.query(OBS_VALUE, substitutions={OBS: ox.NamedNode(cell.obs[0])}))
            assert Decimal(row["v"].value) == cell.value, (name, cell)
            assert cell.notes, f"{name}: figure {cell.text} has no footnote"
            checked += 1
    assert checked > 50


def test_every_cited_figure_has_its_quote(library: Library, store: ox.Store) -> None:
    sheet = library.compute("agriculture", store, {}, "vi")
    card = next(c for c in sheet.sections[0].cards if c.label == "Ngô")
    [number] = card.value.notes
    citation = sheet.footnotes[number - 1]
    assert card.value.obs[0] in citation.subjects
    assert citation.quote == "Diện tích gieo trồng Ngô 2023-H1 actual 1000."
    assert "Báo cáo 1/BC-TEST (14/06/2023)" in citation.source
    assert "«Tình hình kinh tế - xã hội»" in citation.place
    assert card.change is not None and card.change.text.startswith("▼ −10%")
    assert card.plan is not None and card.plan.text == "50% kế hoạch"


def test_unit_profile_follows_the_2025_reform(library: Library, store: ox.Store) -> None:
    sheet = library.compute("admin-unit", store, {"code": "01267"}, "vi")
    [unit] = sheet.sections[0].rows
    assert (unit[0].text, unit[1].text, unit[6].text) == (
        "Phường Sông Hiến",
        "2023",
        "Phường Thục Phán",
    )
    assert unit[6].link == f"{BASE}admin-unit/2025/01273"
    reform = sheet.sections[1]
    assert [[c.text for c in row] for row in reform.rows] == [
        ["Phường Sông Hiến", "Phường Thục Phán"]
    ]
    projects = next(s for s in sheet.sections if s.query == "factsheet-unit-links" and s.items)
    assert [i.label for i in projects.items] == ["Cầu A"]
    successor = library.compute("admin-unit", store, {"code": "2025/01273"}, "vi")
    replaced = {row[1].text for row in successor.sections[2].rows}
    assert replaced == {"Phường Sông Hiến", "Phường Hợp Giang", "Xã Hoàng Tung", "Xã Hưng Đạo"}


def test_pci_rank_changes(library: Library, store: ox.Store) -> None:
    sheet = library.compute("business-environment", store, {}, "en")
    ranks = {row[0].text: row[-1].text for row in sheet.sections[1].rows}
    assert ranks["Transparency"] == "▼ 20 places"
    assert ranks["Land access"] == "▲ 2 places"
    chart = sheet.sections[0].chart
    assert chart is not None and chart.series == ("2021", "2022")


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_sheet_renders(library: Library, store: ox.Store, fmt: str, lang: str) -> None:
    for name in library.sheets:
        data = library.render(name, store, PARAMS.get(name, {}), lang, fmt)
        if fmt == "pdf":
            assert data.startswith(b"%PDF")
            continue
        text = data.decode("utf-8")
        title = library.sheets[name].title.get(lang).split("$")[0].strip()
        assert title in text
        if fmt == "html":
            assert "http://" not in text.split("<body>")[0]  # nothing fetched: no CDN
            assert 'id="fn-1"' in text or "fn-" not in text


def test_html_figure_links_observation_with_quote_tooltip(
    library: Library, store: ox.Store
) -> None:
    html = library.render("agriculture", store, {}, "vi", "html").decode()
    obs = f"{BASE}obs/mini-a-2023/planted-area/2023-H1/actual-2"
    assert f'href="{obs}"' in html
    assert "Diện tích gieo trồng Ngô 2023-H1 actual 1000." in html.split(obs)[1][:400]
    assert "<script" not in html


def test_line_chart_draws() -> None:
    chart = ChartData(
        "line", "Điểm", ("2021", "2022"), ("PCI",),
        (("2021", "PCI", Decimal("55")), ("2022", "PCI", Decimal("60.5"))), "vi",
    )  # fmt: skip
    svg = chart_svg(chart)
    assert svg.startswith("<svg") and "60" in svg
    root = ElementTree.fromstring(svg)
    [line] = root.iter(f"{SVG}polyline")
    assert len(line.get("points", "").split()) == 2
    assert len(list(root.iter(f"{SVG}circle"))) == 2


def test_bar_chart_draws_every_value_in_the_readers_notation() -> None:
    chart = ChartData(
        "bar", "Diện tích (ha)", ("Lúa <xuân> & hè", "Ngô"), ("Thực hiện", "Kế hoạch"),
        (("Lúa <xuân> & hè", "Thực hiện", Decimal("3680.4")),
         ("Lúa <xuân> & hè", "Kế hoạch", Decimal("3732")),
         ("Ngô", "Thực hiện", Decimal("-120"))), "vi",
    )  # fmt: skip
    root = ElementTree.fromstring(chart_svg(chart))  # well-formed: names are escaped
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    tips = sorted(r.findtext(f"{SVG}title") or "" for r in bars)
    assert tips == [
        "Lúa <xuân> & hè · Kế hoạch: 3.732",
        "Lúa <xuân> & hè · Thực hiện: 3.680,4",
        "Ngô · Thực hiện: -120",
    ]
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Lúa <xuân> & hè" in texts and "4.000" in texts and "Diện tích (ha)" in texts
    widths = {r.findtext(f"{SVG}title"): float(r.get("width", 0)) for r in bars}
    assert widths["Lúa <xuân> & hè · Kế hoạch: 3.732"] > widths["Ngô · Thực hiện: -120"] > 0


@given(
    low=st.floats(-1e9, 1e9, allow_nan=False),
    span=st.floats(1e-6, 1e9, allow_nan=False),
)
def test_axis_ticks_cover_the_values_in_round_even_steps(low: float, span: float) -> None:
    # a chart's range is never below a millionth of its values: narrower ones sit within a
    # few float steps of each other (hypothesis found 900719925.7578125 + 2e-6)
    assume(span >= 1e-6 * abs(low))
    high = low + span
    found = ticks(low, high)
    steps = [b - a for a, b in itertools.pairwise(found)]
    step = steps[0]
    assert found[0] <= low + 1e-6 * step and found[-1] >= high - 1e-6 * step
    assert 2 <= len(found) <= 12
    assert all(abs(s - step) <= 1e-6 * step + 1e-12 * abs(high) for s in steps)
    power = 10 ** math.floor(math.log10(step))
    rounding = 1e-6 + 1e-13 * max(abs(low), abs(high)) / power  # floats far from zero
    assert any(abs(step / power - m) < rounding for m in (1, 2, 2.5, 5, 10))


@pytest.fixture
def client(store: ox.Store) -> TestClient:
    app = FastAPI()
    app.include_router(router)
    app.state.store = store
    app.state.settings = Settings(queries_dir=ROOT / "queries")
    return TestClient(app)


def test_routes_formats_and_errors(client: TestClient, library: Library) -> None:
    index = client.get("/factsheets/?lang=en")
    assert index.status_code == 200
    for spec in library.sheets.values():
        assert spec.title.get("en").split("$")[0].strip() in index.text
    assert "Administrative unit ‹code›" in index.text and "$code" not in index.text
    assert "code=01273" in index.text  # parameters with their example
    page = client.get("/factsheets/agriculture?lang=en")
    assert page.headers["content-type"].startswith("text/html")
    assert "Agriculture, forestry and livestock" in page.text
    pdf = client.get("/factsheets/agriculture.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    by_accept = client.get("/factsheets/agriculture", headers={"accept": "application/pdf"})
    assert by_accept.content.startswith(b"%PDF")
    md = client.get("/factsheets/admin-unit.md?code=04&lang=vi")
    assert md.headers["content-type"].startswith("text/markdown")
    assert "Phường Thục Phán" in md.text
    assert client.get("/factsheets/admin-unit").status_code == 400
    assert client.get("/factsheets/admin-unit?code=x1").status_code == 400
    assert client.get("/factsheets/no-such-sheet").status_code == 404


def test_route_without_store_is_503() -> None:
    app = FastAPI()
    app.include_router(router)
    assert TestClient(app).get("/factsheets/agriculture").status_code == 503


def test_chart_draws_one_bar_per_category(library: Library, store: ox.Store) -> None:
    """Two cut-off dates of one capital source must not stack into one bar."""
    chart = library.compute("public-investment-budget", store, {}, "en").sections[0].chart
    assert chart is not None
    assert sorted(chart.points) == [
        ("Central budget capital", "Capital plan of the year", Decimal("1000")),
        ("Central budget capital", "Disbursed", Decimal("50")),
        ("Local budget capital", "Capital plan of the year", Decimal("400")),
        ("Local budget capital", "Disbursed", Decimal("100")),
    ]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(code=st.text(max_size=40))
def test_any_parameter_value_is_a_page_or_a_400(client: TestClient, code: str) -> None:
    """Whatever a user types as a parameter, the answer is a sheet or a readable refusal."""
    response = client.get("/factsheets/admin-unit.md", params={"code": code})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert "code" in response.json()["detail"]


def test_time_limit_answers_503_in_the_service_error_shape(store: ox.Store) -> None:
    """A limit too short for any sheet: the answer is the service's JSON 503, not a page."""
    app = FastAPI()
    install_error_handlers(app)
    app.include_router(router)
    app.state.store = store
    app.state.settings = Settings(queries_dir=ROOT / "queries", factsheet_timeout=1e-9)
    client = TestClient(app)
    for path in ("/factsheets/agriculture", "/factsheets/agriculture.pdf"):
        response = client.get(path)
        assert response.status_code == 503
        body = response.json()
        assert body["ok"] is False and body["status"] == 503
        assert "agriculture" in body["error"] and "longer than" in body["error"]


def test_deadline_stops_a_sheet_between_steps(library: Library, store: ox.Store) -> None:
    with pytest.raises(SheetTimeout, match="stopped before"):
        library.render("agriculture", store, {}, "vi", "html", deadline=Deadline(0))
    assert library.render("agriculture", store, {}, "vi", "md", deadline=Deadline(None))


LIMITED = """
title: {vi: "Phiếu", en: "Sheet"}
description: {vi: "Mô tả", en: "Description"}
sections:
  - title: {vi: "Mục", en: "Section"}
    query: factsheet-indicator-figures
    params: {sector: agriculture}
    limit: 1
    present: table
    table:
      - {field: [indicator], label: {vi: "Chỉ tiêu", en: "Indicator"}}
      - {field: [actual], label: {vi: "Số", en: "Figure"}, format: number, cite: [actual_obs]}
"""


def test_a_limited_section_says_how_many_rows_and_links_the_full_list(
    tmp_path: Path, library: Library, store: ox.Store
) -> None:
    spec = load_sheet(write(tmp_path, LIMITED, "limited"))
    check_sheet(spec, library.catalog)
    small = Library({"limited": spec}, library.catalog, library.iris)
    [section] = small.compute("limited", store, {}, "en").sections
    query = library.catalog["factsheet-indicator-figures"]
    every = list(store.query(query.text, use_default_graph_as_union=True, substitutions=bind(
        query, {"sector": "agriculture"}, library.iris)))  # fmt: skip
    assert len(section.rows) == 1 and section.total == len(every) > 1 and section.cut
    api = "http://127.0.0.1/api/queries/"
    html = small.render("limited", store, {}, "en", "html", api=api).decode()
    assert f"1 of {len(every)} rows shown." in html
    assert f'href="{api}factsheet-indicator-figures?sector=agriculture&amp;format=csv"' in html
    md = small.render("limited", store, {}, "en", "md").decode()
    assert "`kg query factsheet-indicator-figures --param sector=agriculture`" in md


def test_pdf_citations_are_footnotes_numbered_as_on_screen(
    library: Library, store: ox.Store
) -> None:
    """On paper each quoted span is one footnote, at its first figure; later figures repeat
    its number, and there is no list of sources at the end. Typst's own query of the laid
    out document lists the footnotes."""
    sheet = library.compute("agriculture", store, {}, "vi")
    sys_inputs = paper.inputs(sheet, WORDS["vi"])
    found = json.loads(typst.query(paper.TEMPLATE.read_bytes(), "footnote", sys_inputs=sys_inputs))
    notes = [f for f in found if "label" in f]
    assert [f["label"] for f in notes] == [f"<fn-{n}>" for n in range(1, len(sheet.footnotes) + 1)]
    repeats = [f["body"] for f in found if "label" not in f]
    assert repeats and set(repeats) <= {f["label"] for f in notes}
    for note, citation in zip(notes, sheet.footnotes, strict=True):
        quoted = next(c for c in note["body"]["children"] if c["func"] == "link")
        assert quoted["dest"] == citation.subject
        words = "".join(t["text"] for t in quoted["body"]["children"])
        assert words.strip("“”…") and citation.quote.startswith(words.strip("“”…"))
    assert 'id="fn-1"' in render_html(sheet)
    headings = typst.query(paper.TEMPLATE.read_bytes(), "heading", "body", sys_inputs=sys_inputs)
    assert [h["text"] for h in json.loads(headings)] == [s.title for s in sheet.sections]


def test_figures_read_from_one_sentence_share_its_footnote(
    library: Library, store: ox.Store
) -> None:
    sheet = library.compute("agriculture", store, {}, "vi")
    spans = [(c.report, c.start, c.end) for c in sheet.footnotes]
    assert len(spans) == len(set(spans))
    cited = {o for cell in sheet.cells() for o in cell.obs if cell.notes}
    listed = {s for c in sheet.footnotes for s in c.subjects}
    assert cited <= listed


@pytest.mark.parametrize("code", ["04", "01267", "2025/01273", "2023/04"])
def test_unit_links_query_gives_the_admin_unit_rows_without_figures(
    library: Library, store: ox.Store, code: str
) -> None:
    """factsheet-unit-links is admin-unit without the observations, planned for speed."""

    def rows(name: str) -> list[tuple]:
        query = library.catalog[name]
        found = store.query(
            query.text,
            use_default_graph_as_union=True,
            substitutions=bind(query, {"area": code}, library.iris),
        )
        keep = ("unit", "unit_vi", "unit_en", "list", "relation", "item", "item_vi", "item_en")
        return [tuple(s[k].value if s[k] else None for k in keep) for s in found]  # type: ignore[union-attr]

    old = [r for r in rows("admin-unit") if r[4] != "observation"]
    assert rows("factsheet-unit-links") == old

"""Canned queries on the invented fixture graph: every expected row was worked out by hand
from the tables in tests/fixtures/make_mini.py, not copied from a query run."""

from __future__ import annotations

import importlib.util
from decimal import Decimal
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import BNode, URIRef
from rdflib.namespace import RDF, RDFS, SH

from kg.build import run_build
from kg.errors import KgError, ParameterError
from kg.iris import SCHEMA, Iris
from kg.queries.catalog import CannedQuery, load_catalog
from kg.queries.catalogue import render
from kg.queries.params import bind
from kg.queries.rdf import queries_graph
from kg.queries.run import load_dataset_file, rows, run_canned
from kg.settings import load_settings

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "mini.trig"
BASE = "https://w3id.org/kg-vn/"
IRIS = Iris(BASE)
XSD_DECIMALS = {"decimal", "integer", "double", "float", "nonNegativeInteger"}


@pytest.fixture(scope="session")
def catalog() -> dict[str, CannedQuery]:
    return load_catalog(ROOT / "queries")


@pytest.fixture(scope="session", params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> pyoxigraph.Store:
    """The fixture graph in-process, or in `oxigraph serve` behind the same query call."""
    if request.param == "remote":
        return request.getfixturevalue("remote_mini")
    return load_dataset_file(FIXTURE)


def plain(term: pyoxigraph.NamedNode | pyoxigraph.Literal | None) -> object:
    """Comparable Python values: numbers as Decimal, booleans as bool, IRIs without base."""
    if term is None:
        return None
    if isinstance(term, pyoxigraph.NamedNode):
        return term.value.removeprefix(BASE + "id/")
    kind = term.datatype.value.rsplit("#", 1)[-1]
    if kind in XSD_DECIMALS:
        return Decimal(term.value)
    if kind == "boolean":
        return term.value == "true"
    return term.value


def table(store, catalog, name: str, columns: list[str], **params: str) -> list[tuple]:
    names, found = rows(run_canned(store, catalog[name], params, IRIS))
    picked = [tuple(plain(row[names.index(c)]) for c in columns) for row in found]
    return sorted(picked, key=repr)


def same(actual: list[tuple], expected: list[tuple]) -> None:
    assert actual == sorted(expected, key=repr)


def d(text: str) -> Decimal:
    return Decimal(text)


# --- the catalogue ----------------------------------------------------------------------


def test_catalogue_has_the_queries_researchers_ask(catalog) -> None:
    assert len(catalog) >= 22
    for query in catalog.values():
        assert query.title_vi and query.title_en and query.description and query.tags


def test_queries_do_not_hard_code_the_instance_base(catalog) -> None:
    """Instance IRIs follow KG_BASE_IRI, so queries match keys, never full instance IRIs."""
    for query in catalog.values():
        assert "w3id.org/kg-vn/id" not in query.text, query.name
        assert "GRAPH" not in query.text.upper().split("#+")[0], query.name


def test_committed_catalogue_is_current(catalog) -> None:
    committed = (ROOT / "queries" / "README.md").read_text(encoding="utf-8")
    assert committed == render(catalog), "run: python -m kg.queries.catalogue > queries/README.md"


def test_fixture_file_matches_its_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_mini", FIXTURE.with_name("make_mini.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert FIXTURE.read_text(encoding="utf-8") == module.render()


# --- expected rows on the fixture -------------------------------------------------------

GRDP = ["obs", "period", "growth", "previous_growth", "change_stated", "change_computed"]


def test_grdp_growth_with_previous_year(store, catalog) -> None:
    a, b = "obs/mini-a-2023/", "obs/mini-b-2022/"
    same(
        table(store, catalog, "grdp-growth", GRDP),
        [
            (a + "grdp/2023-H1/growth-rate", "2023-H1", d("3"), d("6"), d("-3"), d("-3")),
            (a + "grdp/2022-H1/growth-rate", "2022-H1", d("6"), None, None, None),
            (a + "grdp-agriculture/2023-H1/growth-rate", "2023-H1", d("2"), d("2.5"), None,
             d("-0.5")),
            (a + "grdp-agriculture/2022-H1/growth-rate", "2022-H1", d("2.5"), None, None, None),
            (a + "grdp-services/2023-H1/growth-rate", "2023-H1", d("7"), None, d("2"), None),
            (b + "grdp/2022-H1/growth-rate", "2022-H1", d("5"), None, None, None),
        ],
    )  # fmt: skip


PLAN = ["indicator", "subject_en", "period", "plan", "actual", "percent_stated",
        "percent_computed", "percent_of_plan"]  # fmt: skip
PI = "indicator/public-investment-disbursement"
PLAN_ROWS = [
    ("indicator/crop-spring-rice-area", "Spring rice - area", "2023-H1", d("2500"), d("2000"),
     d("80"), d("80"), d("80")),
    ("indicator/crop-spring-maize-area", "Spring maize - area", "2023-H1", d("2000"), d("1000"),
     d("50"), d("50"), d("50")),
    ("indicator/crop-potato-area", "Potato - area", "2023-H1", d("1000"), d("300"), None, d("30"),
     d("30")),
    (PI, "Local budget capital", "2023-05-31", d("400"), d("100"), d("25"), d("25"), d("25")),
    (PI, "Local budget capital", "2023-04-30", d("400"), d("60"), None, d("15"), d("15")),
    (PI, "Central budget capital", "2023-05-31", d("1000"), d("50"), d("5"), d("5"), d("5")),
    ("indicator/budget-revenue", "Budget revenue", "2023-H1", d("2500"), d("1000"), d("40"),
     d("40"), d("40")),
    ("indicator/budget-revenue", "Budget revenue", "2023-H1", d("2500"), d("1100"), d("40"),
     d("44"), d("40")),
    ("indicator/budget-expenditure", "Budget spending", "2023-H1", d("6000"), d("3000"), d("50"),
     d("50"), d("50")),
    ("indicator/export-turnover", "Exports", "2023-H1", d("200"), d("100"), None, d("50"),
     d("50")),
    ("indicator/import-turnover", "Imports", "2023-H1", d("400"), d("80"), d("20"), d("20"),
     d("20")),
    ("indicator/tourist-arrivals", "Tourist visits", "2023-H1", d("1250000"), d("1000000"),
     d("80"), d("80"), d("80")),
]  # fmt: skip
PLAN_ONLY = [
    ("indicator/grdp", "GRDP growth", "2023", d("8"), None, None, None, None),
    ("indicator/forest-cover", "Forest cover", "2023", d("58"), None, None, None, None),
]


def test_plan_fulfilment_lists_every_planned_figure(store, catalog) -> None:
    same(table(store, catalog, "plan-fulfilment", PLAN), PLAN_ROWS + PLAN_ONLY)


def test_plan_fulfilment_is_sorted_by_percent_of_plan(store, catalog) -> None:
    names, found = rows(run_canned(store, catalog["plan-fulfilment"], {}, IRIS))
    percents = [plain(r[names.index("percent_of_plan")]) for r in found]
    known = [p for p in percents if p is not None]
    assert known == sorted(known, reverse=True)
    assert percents[-2:] == [None, None]  # planned, nothing achieved yet: last


@pytest.mark.parametrize("threshold", ["50", "30", "5", "100.5"])
def test_below_plan_keeps_figures_under_the_threshold(store, catalog, threshold) -> None:
    expected = [r for r in PLAN_ROWS if r[-1] < Decimal(threshold)]
    same(table(store, catalog, "below-plan", PLAN, threshold=threshold), expected)


PIVOT = ["indicator", "subject_en", "area_vi", "period", "actual", "plan",
         "percent_of_plan_stated", "percent_of_plan_computed", "percent_of_same_period",
         "estimate"]  # fmt: skip
CB = "Tỉnh Cao Bằng"


def test_crops(store, catalog) -> None:
    rice, maize = "indicator/crop-spring-rice-area", "indicator/crop-spring-maize-area"
    potato = "indicator/crop-potato-area"
    same(
        table(store, catalog, "crops", PIVOT),
        [
            (rice, "Spring rice - area", CB, "2023-H1", d("2000"), d("2500"), d("80"), d("80"),
             None, False),
            (maize, "Spring maize - area", CB, "2023-H1", d("1000"), d("2000"), d("50"), d("50"),
             d("90"), False),
            (potato, "Potato - area", CB, "2023-H1", d("300"), d("1000"), None, d("30"), None,
             False),
        ],
    )  # fmt: skip
    found = table(store, catalog, "crops", ["indicator", "actual", "estimate"], variable="yield")
    assert found == [("indicator/crop-potato-yield", d("160"), True)]


def test_livestock(store, catalog) -> None:
    same(
        table(store, catalog, "livestock", PIVOT),
        [
            ("indicator/cattle-herd", "Cattle herd", CB, "2023-H1", d("100000"), None, None,
             None, d("101"), True),
            ("indicator/pig-herd", "Pig herd", CB, "2023-H1", d("200000"), None, None, None,
             d("98"), True),
            ("indicator/animal-disease-outbreaks", "Disease outbreaks", CB, "2023-H1", d("5"),
             None, None, None, None, False),
        ],
    )  # fmt: skip


def test_budget_against_estimate(store, catalog) -> None:
    """Only revenue and expenditure: other public-finance figures (ATMs) stay out."""
    rev, exp = "indicator/budget-revenue", "indicator/budget-expenditure"
    same(
        table(store, catalog, "budget", PIVOT),
        [
            (rev, "Budget revenue", CB, "2023-H1", d("1000"), d("2500"), d("40"), d("40"),
             d("90"), True),
            (rev, "Budget revenue", CB, "2023-H1", d("1100"), d("2500"), d("40"), d("44"),
             d("90"), True),
            (exp, "Budget spending", CB, "2023-H1", d("3000"), d("6000"), d("50"), d("50"), None,
             True),
        ],
    )  # fmt: skip


def test_trade_by_flow(store, catalog) -> None:
    same(
        table(store, catalog, "trade", PIVOT),
        [
            ("indicator/export-turnover", "Exports", CB, "2023-H1", d("100"), d("200"), None,
             d("50"), d("400"), False),
            ("indicator/import-turnover", "Imports", CB, "2023-H1", d("80"), d("400"), d("20"),
             d("20"), None, False),
        ],
    )  # fmt: skip


def test_tourism(store, catalog) -> None:
    same(
        table(store, catalog, "tourism", PIVOT),
        [
            ("indicator/tourist-arrivals", "Tourist visits", CB, "2023-H1", d("1000000"),
             d("1250000"), d("80"), d("80"), None, True),
            ("indicator/tourism-revenue", "Tourism revenue", CB, "2023-H1", d("700"), None, None,
             None, d("400"), True),
            ("indicator/tourist-arrivals", "Tourist visits", "Tỉnh Bắc Kạn", "2022-H1",
             d("500000"), None, None, None, None, False),
        ],
    )  # fmt: skip


def test_enterprises_by_area(store, catalog) -> None:
    cols = ["indicator", "area_vi", "actual"]
    same(
        table(store, catalog, "enterprises", cols),
        [
            ("indicator/new-enterprises", CB, d("100")),
            ("indicator/new-enterprises", "Huyện Hòa An", d("20")),
            ("indicator/approved-investment-projects", CB, d("10")),
        ],
    )


def test_sector_figures_by_key_or_label(store, catalog) -> None:
    by_key = table(store, catalog, "sector-figures", ["indicator", "actual"], sector="investment")
    assert by_key == sorted(
        [
            ("indicator/public-investment-disbursement", d("100")),
            ("indicator/public-investment-disbursement", d("60")),
            ("indicator/public-investment-disbursement", d("50")),
            ("indicator/approved-investment-projects", d("10")),
        ],
        key=repr,
    )
    assert (
        table(store, catalog, "sector-figures", ["indicator", "actual"], sector="ĐẦU TƯ") == by_key
    )
    default = table(store, catalog, "sector-figures", ["indicator"])
    assert len(default) == 6  # trade-tourism: 2 trade, 1 retail, 3 tourism rows


def test_public_investment_by_capital_source(store, catalog) -> None:
    cols = ["source_en", "cutoff_date", "disbursed", "plan", "percent_of_plan_stated",
            "percent_of_plan_computed"]  # fmt: skip
    may, april = "2023-05-31", "2023-04-30"
    all_rows = [
        ("Local budget capital", may, d("100"), d("400"), d("25"), d("25")),
        ("Local budget capital", april, d("60"), d("400"), None, d("15")),
        ("Central budget capital", may, d("50"), d("1000"), d("5"), d("5")),
    ]
    same(table(store, catalog, "public-investment", cols), all_rows)
    same(table(store, catalog, "public-investment", cols, cutoff=may), all_rows[::2])
    same(table(store, catalog, "public-investment", cols, cutoff="2023-06-30"), [])


PCI = ["indicator", "score_from", "score_to", "score_change", "rank_from", "rank_to",
       "rank_change"]  # fmt: skip


def test_pci_components_score_and_rank_changes(store, catalog) -> None:
    same(
        table(store, catalog, "pci-components", PCI),
        [
            ("indicator/pci", d("55"), d("60"), d("5"), d("63"), d("63"), d("0")),
            ("indicator/pci-transparency", d("6"), d("4.5"), d("-1.5"), d("40"), d("60"),
             d("-20")),
            ("indicator/pci-land-access", d("5.5"), d("6"), d("0.5"), d("60"), d("58"), d("2")),
            ("indicator/pci-informal-charges", d("5"), d("6"), d("1"), d("50"), d("50"), d("0")),
        ],
    )  # fmt: skip


def test_pci_rank_fell(store, catalog) -> None:
    fell = table(store, catalog, "pci-rank-fell", ["indicator", "rank_change"])
    assert fell == [("indicator/pci-transparency", d("-20"))]
    back = table(store, catalog, "pci-rank-fell", ["indicator"], year_from="2022", year_to="2021")
    assert back == [("indicator/pci-land-access",)]


def test_projects_by_district_and_obstacle(store, catalog) -> None:
    cols = ["project", "district", "obstacle_iri"]
    city, hoa_an = "admin-unit/2023/040", "admin-unit/2023/051"
    all_rows = [
        ("project/bridge-a", city, "obstacle/land-clearance"),
        ("project/road-b", hoa_an, "obstacle/land-clearance"),
        ("project/road-b", hoa_an, "obstacle/forest-land-conversion"),
        ("project/school-c", hoa_an, "obstacle/procedures"),
        ("project/market-d", city, None),
    ]
    same(table(store, catalog, "projects", cols), all_rows)
    same(
        table(store, catalog, "projects", cols, obstacle="land-clearance"),
        [r for r in all_rows if r[2] == "obstacle/land-clearance"],
    )
    same(table(store, catalog, "projects", cols, obstacle="capital"), [])


def test_land_clearance_projects(store, catalog) -> None:
    cols = ["project", "district_vi", "projects_in_district", "other_obstacles_en"]
    same(
        table(store, catalog, "land-clearance-projects", cols),
        [
            ("project/bridge-a", "Thành phố Cao Bằng", d("1"), None),
            ("project/road-b", "Huyện Hòa An", d("1"), "Forest land conversion"),
        ],
    )


def test_programmes_with_indicators_and_figures(store, catalog) -> None:
    cols = ["programme", "national_target", "indicator", "value", "denominator"]
    same(
        table(store, catalog, "programmes", cols),
        [
            ("programme/ntp-poverty", True, "indicator/poor-household-rate", d("20"), None),
            ("programme/ntp-new-rural", True, "indicator/new-rural-communes", d("10"), d("100")),
            ("programme/scheme-e", False, None, None, None),
        ],
    )


THUC_PHAN, TAN_GIANG_2025 = "admin-unit/2025/01273", "admin-unit/2025/01288"


def test_admin_unit_by_code_follows_the_2025_crosswalk(store, catalog) -> None:
    """01273 is Hợp Giang in the 2023 list and Thục Phán in 2025: both, and their links."""
    cols = ["unit", "relation", "item"]
    old = [f"admin-unit/2023/{c}" for c in ("01267", "01273", "01696", "01705")]
    expected = [
        (old[0], "project", "project/bridge-a"),
        (old[3], "project", "project/school-c"),
        (old[2], "place", "place/gate-z"),
        (old[3], "place", "place/relic-x"),
        *[(unit, "replaced-by", THUC_PHAN) for unit in old],
        *[(THUC_PHAN, "replaces", unit) for unit in old],
    ]
    same(table(store, catalog, "admin-unit", cols, area="01273"), expected)


def test_admin_unit_district_includes_its_communes(store, catalog) -> None:
    cols = ["unit", "relation", "item", "value"]
    hoa_an = "admin-unit/2023/051"
    expected = [
        (hoa_an, "observation", "obs/mini-a-2023/new-enterprises/2023-H1/actual/051", d("20")),
        (hoa_an, "place", "place/festival-y", None),
        (hoa_an, "project", "project/road-b", None),
        ("admin-unit/2023/01705", "project", "project/school-c", None),
        ("admin-unit/2023/01705", "place", "place/relic-x", None),
        ("admin-unit/2023/01696", "place", "place/gate-z", None),
        ("admin-unit/2023/01696", "replaced-by", THUC_PHAN, None),
        ("admin-unit/2023/01705", "replaced-by", THUC_PHAN, None),
        ("admin-unit/2023/01720", "replaced-by", TAN_GIANG_2025, None),
    ]
    same(table(store, catalog, "admin-unit", cols, area="051"), expected)
    same(table(store, catalog, "admin-unit", cols, area="2023/051"), expected)
    same(table(store, catalog, "admin-unit", cols, area=BASE + "id/" + hoa_an), expected)


def test_admin_unit_2025_iri_finds_the_units_it_replaced(store, catalog) -> None:
    cols = ["unit", "relation", "item"]
    old = ["admin-unit/2023/01276", "admin-unit/2023/01720"]
    expected = [(u, "replaced-by", TAN_GIANG_2025) for u in old]
    expected += [(TAN_GIANG_2025, "replaces", u) for u in old]
    same(table(store, catalog, "admin-unit", cols, area="2025/01288"), expected)


@pytest.mark.parametrize(
    ("issuer", "expected"),
    [
        (None, ["01-nq-cp", "11-nq-cp", "355-kh-ubnd", "luat-dat-dai"]),
        ("chính phủ", ["01-nq-cp", "11-nq-cp"]),
        ("GOVERNMENT", ["01-nq-cp", "11-nq-cp"]),
        ("ubnd", ["355-kh-ubnd"]),
        (BASE + "id/org/chinh-phu", ["01-nq-cp", "11-nq-cp"]),
        ("nobody", []),
    ],
)
def test_documents_by_issuer(store, catalog, issuer, expected) -> None:
    params = {} if issuer is None else {"issuer": issuer}
    found = table(store, catalog, "documents", ["document"], **params)
    assert found == [(f"document/{key}",) for key in expected]


def test_heritage_items_with_communes(store, catalog) -> None:
    cols = ["item", "commune", "district", "commune_2025"]
    same(
        table(store, catalog, "heritage", cols),
        [
            ("place/relic-x", "admin-unit/2023/01705", "admin-unit/2023/051", THUC_PHAN),
            ("place/festival-y", None, "admin-unit/2023/051", None),
        ],
    )


def test_inconsistent_figures(store, catalog) -> None:
    cols = ["indicator", "period", "value_1", "value_2", "quote_1", "quote_2", "obs_2"]
    base = "obs/mini-a-2023/budget-revenue/2023-H1/actual"
    expected = [
        ("indicator/budget-revenue", "2023-H1", d("1000"), d("1100"),
         "Thu ngân sách 2023-H1 ước actual 1000.", "Thu ngân sách 2023-H1 ước actual 1100.",
         base + "-2"),
    ]  # fmt: skip
    same(table(store, catalog, "inconsistent-figures", cols), expected)
    other = BASE + "id/report/mini-b-2022"
    same(table(store, catalog, "inconsistent-figures", cols, report=other), [])


def test_figure_source_quote_matches_its_position(store, catalog) -> None:
    cols = ["obs", "quote", "start", "end"]
    found = table(store, catalog, "figure-source", cols, q="grdp-services")
    growth = ("obs/mini-a-2023/grdp-services/2023-H1/growth-rate",
              "GRDP dịch vụ 2023-H1 ước growth-rate 7.00.", d("276"), d("318"))  # fmt: skip
    assert growth in found
    assert len(found) == 3  # the growth rate and two point changes (against 2022 and 2019)
    assert all(end - start == len(quote) for _, quote, start, end in found)


@pytest.mark.parametrize(
    ("q", "count"), [(None, 76), ("exports", 3), ("XUẤT KHẨU", 3), ("grdp", 10), ("zzz", 0)]
)
def test_figure_source_search(store, catalog, q, count) -> None:
    params = {} if q is None else {"q": q}
    assert len(table(store, catalog, "figure-source", ["obs"], **params)) == count


def test_indicator_across_reports(store, catalog) -> None:
    cols = ["report", "area_vi", "period", "value"]
    a, b = "report/mini-a-2023", "report/mini-b-2022"
    same(
        table(store, catalog, "indicator-across-reports", cols),
        [
            (a, CB, "2023-H1", d("3")),
            (a, CB, "2022-H1", d("6")),
            (a, CB, "2023-H1", d("-3")),
            (a, CB, "2023", d("8")),
            (b, "Tỉnh Bắc Kạn", "2022-H1", d("5")),
        ],
    )


def test_indicators_by_sector(store, catalog) -> None:
    cols = ["indicator", "indicator_label", "observations"]
    same(
        table(store, catalog, "indicators-by-sector", cols, sector="trade-tourism", lang="en"),
        [
            ("indicator/export-turnover", "Exports", d("3")),
            ("indicator/import-turnover", "Imports", d("3")),
            ("indicator/retail-sales", "Retail sales", d("1")),
            ("indicator/tourist-arrivals", "Tourist visits", d("4")),
            ("indicator/tourism-revenue", "Tourism revenue", d("2")),
        ],
    )
    assert len(table(store, catalog, "indicators-by-sector", cols)) == 28


def test_estimate_shares(store, catalog) -> None:
    cols = ["report", "sector_iri", "figures", "estimated", "share_percent"]
    found = table(store, catalog, "estimates", cols)
    a = "report/mini-a-2023"
    assert (a, None, d("74"), d("13"), d("17.6")) in found
    assert (a, "sector/economy", d("9"), d("3"), d("33.3")) in found
    assert (a, "sector/agriculture", d("16"), d("3"), d("18.8")) in found
    assert (a, "sector/trade-tourism", d("12"), d("3"), d("25")) in found
    assert (a, "sector/public-finance", d("9"), d("3"), d("33.3")) in found
    assert (a, "sector/labour-social", d("1"), d("1"), d("100")) in found
    assert (a, "sector/investment", d("8"), d("0"), d("0")) in found
    assert len(found) == 12  # 8 sectors + total for A, 2 sectors + total for B


def test_dataset_overview(store, catalog) -> None:
    cols = ["report", "sector_iri", "observations", "indicators", "periods"]
    found = table(store, catalog, "dataset-overview", cols)
    assert ("report/mini-a-2023", None, d("74"), d("28"), d("7")) in found
    assert ("report/mini-b-2022", None, d("2"), d("2"), d("1")) in found
    assert ("report/mini-a-2023", "sector/enterprise", d("18"), d("5"), d("3")) in found
    assert len(found) == 12


def test_unit_succession(store, catalog) -> None:
    cols = ["old_code", "new_code"]
    assert len(table(store, catalog, "unit-succession", cols)) == 8
    same(
        table(store, catalog, "unit-succession", cols, code="01273"),
        [("01267", "01273"), ("01273", "01273"), ("01696", "01273"), ("01705", "01273")],
    )


def test_queries_follow_the_configured_base(catalog) -> None:
    """The same data minted under another base gives the same answers."""
    other = "http://example.org/kg/"
    text = FIXTURE.read_text(encoding="utf-8").replace(BASE + "id/", other + "id/")
    moved = pyoxigraph.Store()
    moved.load(text.encode("utf-8"), format=pyoxigraph.RdfFormat.TRIG)
    for name, params in [("plan-fulfilment", {}), ("admin-unit", {"area": "2025/01288"})]:
        expected = rows(run_canned(load_dataset_file(FIXTURE), catalog[name], params, IRIS))[1]
        found = rows(run_canned(moved, catalog[name], params, Iris(other)))[1]
        assert len(found) == len(expected) > 0


# --- catalogue loading errors -----------------------------------------------------------

GOOD_HEADER = "#+ title_vi: T\n#+ title_en: T\n#+ description: D\n"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("#+ title_en: T\n#+ description: D\nSELECT * WHERE {}", "lacks title_vi"),
        (GOOD_HEADER + "#+ colour: red\nSELECT * WHERE {}", "unknown header key"),
        (GOOD_HEADER + "#+param missing colon\nSELECT * WHERE {}", "bad header line"),
        (GOOD_HEADER + "SELECT * WHERE { ?s ?p }", "does not parse"),
        (GOOD_HEADER + "#+ param: x | colour |  | d\nSELECT ?x WHERE {}", "parameter type"),
        (GOOD_HEADER + "#+ param: x | string | a\nSELECT ?x WHERE {}", "param needs"),
        (GOOD_HEADER + "#+ allowed: y | a, b\nSELECT * WHERE {}", "undeclared parameter"),
        (GOOD_HEADER + "#+ param: x | decimal | ten | d\nSELECT ?x WHERE {}", "default value"),
        (GOOD_HEADER + "#+ param: x | string | a | d\nSELECT ?s WHERE { ?s ?p ?x }", "SELECT"),
        (GOOD_HEADER + "#+ param: x | string |  | d\n#+ pattern: x | (\nSELECT ?x {}", "regex"),
        (GOOD_HEADER + "#+ param: x | string | a | d\n#+ optional: x\nSELECT ?x {}", "optional"),
    ],
)
def test_broken_query_file_is_a_kg_error_naming_it(tmp_path, text, message) -> None:
    (tmp_path / "broken.rq").write_text(text, encoding="utf-8")
    with pytest.raises(KgError, match=message) as caught:
        load_catalog(tmp_path)
    assert "broken.rq" in str(caught.value)


def test_missing_queries_folder_is_an_empty_catalogue_but_breaks_the_build(tmp_path) -> None:
    assert load_catalog(tmp_path / "nowhere") == {}
    with pytest.raises(KgError, match="queries folder not found"):
        queries_graph(tmp_path / "nowhere", IRIS)


def test_construct_queries_and_required_parameters(tmp_path, store) -> None:
    """A parameter with neither default nor '#+ optional' must be given."""
    (tmp_path / "about.rq").write_text(
        GOOD_HEADER + "#+ param: thing | iri |  | what to describe\n"
        "CONSTRUCT { ?thing ?p ?o } WHERE { ?thing ?p ?o }",
        encoding="utf-8",
    )
    query = load_catalog(tmp_path)["about"]
    assert query.form == "construct"
    with pytest.raises(ParameterError, match="'thing' is required"):
        bind(query, {}, IRIS)
    triples = list(run_canned(store, query, {"thing": BASE + "id/project/road-b"}, IRIS))
    assert len(triples) == 8  # type, location, 2 obstacles, 2 labels, 2 provenance links
    graph = queries_graph(tmp_path, IRIS)
    node = URIRef(BASE + "id/query/about")
    assert (node, RDF.type, SH.SPARQLConstructExecutable) in graph
    assert (node, SH.construct, None) in graph


# --- the queries as RDF, and the build hook ---------------------------------------------


def test_queries_graph_describes_every_query_without_blank_nodes(catalog) -> None:
    graph = queries_graph(ROOT / "queries", IRIS)
    assert not any(isinstance(t, BNode) for triple in graph for t in triple)
    for name, query in catalog.items():
        node = URIRef(f"{BASE}id/query/{name}")
        assert (node, RDF.type, SH.SPARQLSelectExecutable) in graph
        assert (node, RDF.type, SH.SPARQLExecutable) in graph
        labels = {lit.language for lit in graph.objects(node, RDFS.label)}
        assert labels == {"vi", "en"}
        select = str(graph.value(node, SH.select))
        assert "#+" not in select
        pyoxigraph.Store().query(select)  # the published text parses on its own
        params = set(graph.objects(node, SH.parameter))
        assert params == {URIRef(f"{node}/parameter/{p.name}") for p in query.parameters}
        assert {str(k) for k in graph.objects(node, SCHEMA.keywords)} == set(query.tags)


def test_build_writes_the_queries_graph(tmp_path) -> None:
    config = load_settings(
        data_dir=ROOT / "data",
        ontology_dir=ROOT / "ontology",
        queries_dir=ROOT / "queries",
        build_dir=tmp_path / "build",
    )
    result = run_build(config)
    expected = len(queries_graph(ROOT / "queries", IRIS))
    assert result.graphs[f"{BASE}id/graph/queries"] == expected > 0


def test_land_clearance_project_without_district_is_one_row(catalog) -> None:
    """Regression: a project with no district-level location used to join every
    district's count (an unbound ?district is compatible with any solution)."""
    base = "https://w3id.org/kg-vn/"
    kg, obstacle = "https://w3id.org/kg-vn/def#", base + "id/obstacle/land-clearance"
    data = f"""
    @prefix kg: <{kg}> . @prefix schema: <https://schema.org/> .
    <{base}id/project/a> a kg:Project ; kg:obstacle <{obstacle}> .
    <{base}id/project/b> a kg:Project ; kg:obstacle <{obstacle}> ; kg:location <{base}id/u/x> .
    <{base}id/project/c> a kg:Project ; kg:obstacle <{obstacle}> ; kg:location <{base}id/u/y> .
    <{base}id/u/x> a kg:DistrictLevelUnit . <{base}id/u/y> a kg:DistrictLevelUnit .
    """
    small = pyoxigraph.Store()
    small.load(data.encode(), format=pyoxigraph.RdfFormat.TURTLE)
    found = table(small, catalog, "land-clearance-projects", ["project", "projects_in_district"])
    same(
        found,
        [("project/a", d("1")), ("project/b", d("1")), ("project/c", d("1"))],
    )

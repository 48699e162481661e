"""Parameters of the canned queries: typing, validation, and injection attempts through
every parameter of every query (rejected, or bound as one harmless term)."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_queries import BASE, FIXTURE, IRIS, ROOT, plain, table

from kg.errors import ParameterError
from kg.queries.catalog import CannedQuery, load_catalog
from kg.queries.params import bind
from kg.queries.run import load_dataset_file, rows, run_canned


@pytest.fixture(scope="module")
def catalog() -> dict[str, CannedQuery]:
    return load_catalog(ROOT / "queries")


@pytest.fixture(scope="module")
def store() -> pyoxigraph.Store:
    return load_dataset_file(FIXTURE)


# --- parameter typing -------------------------------------------------------------------


def _term(catalog, name: str, **raw: str):
    bound = bind(catalog[name], raw, IRIS)
    return {var.value: term for var, term in bound.items()}


def test_defaults_and_types(catalog) -> None:
    terms = _term(catalog, "pci-components")
    assert terms["index"] == pyoxigraph.Literal("pci")
    integer = pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    assert terms["year_from"] == pyoxigraph.Literal("2021", datatype=integer)
    threshold = _term(catalog, "below-plan", threshold="12.50")["threshold"]
    assert threshold.datatype.value.endswith("#decimal") and Decimal(threshold.value) == 12.5
    cutoff = _term(catalog, "public-investment", cutoff="2023-05-31")["cutoff"]
    assert cutoff.datatype.value.endswith("#date")
    assert _term(catalog, "indicators-by-sector", lang="EN")["lang"] == pyoxigraph.Literal("en")


def test_optional_parameters_stay_unbound(catalog) -> None:
    assert "cutoff" not in _term(catalog, "public-investment")
    assert "issuer" not in _term(catalog, "documents", issuer="")
    assert _term(catalog, "below-plan", threshold="")["threshold"].value == "50"


def test_gso_code_forms(catalog) -> None:
    assert _term(catalog, "admin-unit", area="01273")["area"] == pyoxigraph.Literal("01273")
    listed = _term(catalog, "admin-unit", area="2025/01273")["area"]
    assert listed == pyoxigraph.NamedNode(BASE + "id/admin-unit/2025/01273")
    iri = BASE + "id/admin-unit/2023/04"
    assert _term(catalog, "admin-unit", area=iri)["area"] == pyoxigraph.NamedNode(iri)


@pytest.mark.parametrize(
    ("name", "param", "value"),
    [
        ("below-plan", "threshold", "abc"),
        ("below-plan", "threshold", "5e3"),
        ("below-plan", "threshold", "1,5"),
        ("pci-components", "year_from", "2021.0"),
        ("public-investment", "cutoff", "2023-02-30"),
        ("public-investment", "cutoff", "31/05/2023"),
        ("admin-unit", "area", "0127"),
        ("admin-unit", "area", "2024/01273"),
        ("admin-unit", "area", "ftp://example.org/x"),
        ("inconsistent-figures", "report", "report/mini-a-2023"),
        ("inconsistent-figures", "report", "http://example.org/a b"),
        ("inconsistent-figures", "report", 'http://example.org/a"b'),
        ("inconsistent-figures", "report", "http://example.org/a>b"),
        ("indicators-by-sector", "lang", "v"),
        ("projects", "obstacle", "floods"),
        ("grdp-growth", "prefix", "GRDP!"),
        ("figure-source", "q", "x" * 1001),
        ("figure-source", "q", "\ud800"),
    ],
)
def test_bad_values_are_rejected_naming_the_parameter(catalog, name, param, value) -> None:
    with pytest.raises(ParameterError, match=repr(param)):
        bind(catalog[name], {param: value}, IRIS)


def test_unknown_parameter_is_rejected(catalog) -> None:
    with pytest.raises(ParameterError, match="'colour'"):
        bind(catalog["trade"], {"colour": "red"}, IRIS)


# --- injection attempts through every parameter -----------------------------------------

INJECTIONS = [
    '"> } ; DROP ALL #',
    'x" . ?s ?p ?o . FILTER("',
    "} UNION { ?s ?p ?o }",
    "'; DROP ALL ; #",
    "?s",
    "<http://example.org/x>",
    "http://example.org/a b",
    'http://example.org/a"b',
    "http://example.org/a>{ ?s ?p ?o }",
    '01273" || true || "',
    "04\n} #",
]
ORDINARY = {
    "string": "no-such-value",
    "iri": "http://example.org/no-such-thing",
    "gso-code": "99999",
    "decimal": "-1",
    "integer": "1900",
    "date": "1900-01-01",
    "lang": "xx",
    "regex": "^no-such-key$",
}


def _answer(store, query: CannedQuery, raw: dict[str, str]) -> list[tuple]:
    """Rows without the parameter columns, which only echo the value given."""
    names, found = rows(run_canned(store, query, raw, IRIS))
    keep = [i for i, n in enumerate(names) if query.parameter(n) is None]
    return sorted((tuple(plain(r[i]) for i in keep) for r in found), key=repr)


def _parameters(catalog) -> list[tuple[str, str]]:
    return [(q.name, p.name) for q in catalog.values() for p in q.parameters]


def test_every_parameter_is_probed(catalog) -> None:
    assert len(_parameters(catalog)) >= 20


@pytest.mark.parametrize("attempt", INJECTIONS)
def test_injection_is_rejected_or_matches_as_one_term(store, catalog, attempt) -> None:
    size = len(store)
    for name, param_name in _parameters(catalog):
        query = catalog[name]
        param = query.parameter(param_name)
        assert param is not None
        try:
            injected = _answer(store, query, {param_name: attempt})
        except ParameterError:
            continue
        if param.type == "regex":  # a regex may match: it can only narrow the rows
            unfiltered = _answer(store, query, {})
            assert set(injected) <= set(unfiltered), (name, param_name, attempt)
            continue
        ordinary = _answer(store, query, {param_name: ORDINARY[param.type]})
        assert injected == ordinary, (name, param_name, attempt)
    assert len(store) == size


def test_text_with_quotes_is_matched_literally(store, catalog) -> None:
    found = table(store, catalog, "figure-source", ["obs"], q='ước actual 1100."')
    assert found == []
    found = table(store, catalog, "figure-source", ["obs"], q="ước actual 1100.")
    assert found == [("obs/mini-a-2023/budget-revenue/2023-H1/actual-2",)]


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_parameter_text_is_rejected_or_runs(store, catalog, data) -> None:
    name, param_name = data.draw(st.sampled_from(_parameters(catalog)))
    value = data.draw(
        st.one_of(
            st.text(max_size=40),
            st.text(max_size=20).map(lambda s: "http://example.org/" + s),
            st.from_regex(r"(2023/|2025/)?[0-9]{2,5}", fullmatch=True),
            st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,3})?", fullmatch=True),
        )
    )
    with contextlib.suppress(ParameterError):
        run_canned(store, catalog[name], {param_name: value}, IRIS)

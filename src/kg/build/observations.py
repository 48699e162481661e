"""Figures -> qb:Observations of the report's qb:DataSet (see docs/model.md, Statistics).

One observation per key (indicator, period, measure kind, area): the same value stated
twice is one observation with two evidence spans; a different value for the same key
becomes a second observation with the suffix "-2" (then "-3" …) and an inconsistency.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.build.periods import add_period
from kg.build.provenance import add_evidence
from kg.extract.figures.lexicon import UNCLASSIFIED, Lexicon, load_lexicon
from kg.extract.records import Figure
from kg.iris import KG, QB, SDMX_ATTRIBUTE, SDMX_CODE, SDMX_DIMENSION, SDMX_MEASURE, Iris
from kg.sources import Report

QUALIFIERS = {
    "approximately": KG.Approximately,
    "more-than": KG.MoreThan,
    "less-than": KG.LessThan,
    "at-least": KG.AtLeast,
}

Key = tuple[str, str, str, str]  # indicator, period, measure kind, area


@dataclass
class Observation:
    """One observation and every figure (evidence) that states its value."""

    iri: URIRef
    key: Key
    figures: list[Figure] = field(default_factory=list)


@dataclass(frozen=True)
class Inconsistency:
    key: Key
    first: Figure
    other: Figure
    suffix: str


def group(
    figures: Iterable[Figure],
) -> tuple[list[tuple[Key, int, list[Figure]]], list[Inconsistency]]:
    """Figures grouped by key and value in text order; the n-th distinct value gets n."""
    order = sorted(figures, key=lambda f: (f.span.start, f.span.end))
    slots: dict[Key, list[list[Figure]]] = {}
    problems: list[Inconsistency] = []
    for fig in order:
        key = (fig.indicator, fig.period, fig.measure_kind, fig.area)
        groups = slots.setdefault(key, [])
        same = next((g for g in groups if g[0].value == fig.value), None)
        if same is not None:
            same.append(fig)
            continue
        groups.append([fig])
        clash = next((g[0] for g in groups[:-1] if _comparable(g[0], fig)), None)
        if clash is not None:
            problems.append(Inconsistency(key, clash, fig, f"-{len(groups)}"))
    out = [(key, n, g) for key, groups in slots.items() for n, g in enumerate(groups, 1)]
    return out, problems


def _comparable(a: Figure, b: Figure) -> bool:
    """Two values of one key contradict each other unless the text compares them with
    different periods ("so với cùng kỳ năm 2022" / "… năm 2019"), in other units (a score
    change and a rank change share a key) or about other things; unclassified figures
    share their indicator by construction."""
    same = (a.unit, a.comparison_period, a.subject) == (b.unit, b.comparison_period, b.subject)
    return same and not a.indicator.startswith(UNCLASSIFIED)


def dataset_iri(iris: Iris, slug: str) -> URIRef:
    return iris.id("dataset", slug)


def observation_iri(iris: Iris, report: Report, key: Key, n: int) -> URIRef:
    indicator, period, kind, area = key
    parts = ["obs", report.slug, indicator, period, kind]
    if area != report.metadata.area.gso_code:
        parts.append(area)
    iri = "/".join(parts)
    return iris.id(iri + (f"-{n}" if n > 1 else ""))


def area_iri(iris: Iris, report: Report, area: str) -> URIRef:
    if area == "VN":
        return iris.id("admin-unit", "country", "VN")
    return iris.admin_unit(report.metadata.area.admin_list, area)


def add_dataset(graph: Graph, iris: Iris, report: Report) -> URIRef:
    ds = dataset_iri(iris, report.slug)
    graph.add((ds, RDF.type, QB.DataSet))
    graph.add((ds, QB.structure, KG.dsd))
    graph.add((ds, PROV.wasDerivedFrom, iris.report(report.slug)))
    title = report.metadata.title
    graph.add((ds, RDFS.label, Literal(f"Số liệu của báo cáo: {title.vi}", lang="vi")))
    graph.add((ds, RDFS.label, Literal(f"Figures of the report: {title.en}", lang="en")))
    return ds


def add_observations(
    graph: Graph, iris: Iris, report: Report, figures: Sequence[Figure], lex: Lexicon | None = None
) -> tuple[list[Observation], list[Inconsistency]]:
    """Add the dataset and one observation per key and value; return them and the clashes."""
    lex = lex or load_lexicon()
    ds = add_dataset(graph, iris, report)
    groups, problems = group(figures)
    observations = []
    periods: set[str] = set()
    for key, n, figs in groups:
        obs = Observation(observation_iri(iris, report, key, n), key, figs)
        _add_one(graph, iris, report, ds, obs, lex)
        periods.update(f.period for f in figs)
        periods.update(f.comparison_period for f in figs if f.comparison_period)
        observations.append(obs)
    for key in sorted(periods):
        add_period(graph, iris, key)
    return observations, problems


def _add_one(
    graph: Graph, iris: Iris, report: Report, ds: URIRef, obs: Observation, lex: Lexicon
) -> None:
    fig = obs.figures[0]
    node = obs.iri
    graph.add((node, RDF.type, QB.Observation))
    graph.add((node, QB.dataSet, ds))
    graph.add((node, KG.indicator, iris.indicator(fig.indicator)))
    graph.add((node, SDMX_DIMENSION.refArea, area_iri(iris, report, fig.area)))
    graph.add((node, SDMX_DIMENSION.refPeriod, iris.period(fig.period)))
    graph.add((node, KG.measureKind, KG[lex.concepts[fig.measure_kind]]))
    graph.add((node, SDMX_ATTRIBUTE.unitMeasure, iris.unit(fig.unit)))
    status = "obsStatus-E" if any(f.estimate for f in obs.figures) else "obsStatus-A"
    graph.add((node, SDMX_ATTRIBUTE.obsStatus, SDMX_CODE[status]))
    graph.add((node, SDMX_MEASURE.obsValue, Literal(format(fig.value, "f"), datatype=XSD.decimal)))
    if fig.comparison_period:
        graph.add((node, KG.comparisonPeriod, iris.period(fig.comparison_period)))
    if fig.qualifier in QUALIFIERS:
        graph.add((node, KG.valueQualifier, QUALIFIERS[fig.qualifier]))
    if fig.denominator is not None:
        graph.add(
            (node, KG.denominator, Literal(format(fig.denominator, "f"), datatype=XSD.decimal))
        )
    for text, lang in _labels(lex, fig):
        graph.add((node, RDFS.label, Literal(text, lang=lang)))
    for f in obs.figures:
        add_evidence(graph, iris, report.slug, report.text, node, f.span)


def _labels(lex: Lexicon, fig: Figure) -> list[tuple[str, str]]:
    ind = lex.everything[fig.indicator]
    kind = lex.measure_kinds[fig.measure_kind]
    unit = lex.units[fig.unit]
    return [
        (f"{ind.vi} ({kind.vi}, {fig.period}): {fig.value} {unit.vi}", "vi"),
        (f"{ind.en} ({kind.en}, {fig.period}): {fig.value} {unit.en}", "en"),
    ]

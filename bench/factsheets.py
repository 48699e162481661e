"""How long a fact sheet takes, against the store's time for the same queries (a script).

    .venv/bin/python bench/factsheets.py [--graph FILE] [--rounds N] [--budget SECONDS]
                                         [--every-value]

Loads the graph (default: the test fixture; pass build/kg.nq for the real build), renders
each sheet once per format to warm the runtimes (Typst's fonts), then
for N rounds renders every (sheet, format) in turn, interleaved, so a slow minute of a
shared machine hits every case alike. Nothing is reused from an earlier render: before
each one Typst's memo of earlier layouts is evicted (outside the timing), so every number
is what a sheet with new figures costs.

The peer, measured in the same rounds, is the floor: pyoxigraph running in-process the
very SPARQL the sheet runs (each section's query once, the footnotes' citations and the
report structure) and reading every solution. "render / queries" is then what
presentation costs on top of the data. `--every-value` also renders, once each in HTML
and PDF, the admin-unit sheet for every GSO code that has figures and the programme sheet
for every programme, and reports the median and the slowest. The run stops starting new
rounds after `--budget` seconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pyoxigraph as ox

from kg.factsheets import Library, load_library, paper
from kg.factsheets.citations import CITATIONS_QUERY, SEGMENTS_QUERY, _with_values
from kg.factsheets.compute import cited_columns, fill_parameters, sheet_params
from kg.factsheets.rows import QueryRunner
from kg.queries import bind
from kg.queries.run import load_dataset_file
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("html", "md", "pdf")
CODES = "PREFIX kg: <https://w3id.org/kg-vn/def#> SELECT DISTINCT ?c WHERE { ?u kg:gsoCode ?c }"
PROGRAMMES = (
    "PREFIX kg: <https://w3id.org/kg-vn/def#> SELECT DISTINCT ?p WHERE { ?p a ?c . "
    "FILTER(?c IN (kg:Programme, kg:NationalTargetProgramme, kg:Scheme, kg:ActionPlan)) }"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "tests/fixtures/factsheets/mini.trig")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--budget", type=float, default=240.0)
    parser.add_argument("--every-value", action="store_true")
    args = parser.parse_args()
    started = time.monotonic()
    library = load_library(Settings(queries_dir=ROOT / "queries"))
    store = load_dataset_file(args.graph)
    cases = representative_cases(library, store)
    print(f"graph: {args.graph} ({len(store)} quads), {len(cases)} sheets × {FORMATS}")
    samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for round_number in range(args.rounds + 1):  # round 0 warms the caches
        if round_number > 1 and time.monotonic() - started > args.budget:
            print(f"budget of {args.budget:g} s reached after {round_number - 1} rounds")
            break
        for label, name, params in cases:
            for fmt in (*FORMATS, "queries"):
                seconds = _once(library, store, name, params, fmt)
                if round_number:
                    samples.setdefault((label, fmt), []).append(seconds)
    _report(cases, samples)
    if args.every_value:
        _every_value(library, store, started + args.budget * 1.5)


def representative_cases(library: Library, store: ox.Store) -> list[tuple[str, str, dict]]:
    """Every sheet once; the unit profile for the province (the most figures) and for a
    commune; the programme sheet for the programme with the most figures."""
    cases = [
        (name, name, {})
        for name, spec in library.sheets.items()
        if all(p.default for p in spec.parameters)
    ]
    cases.append(("admin-unit code=04", "admin-unit", {"code": "04"}))
    commune = sorted(c for c in _values(store, CODES) if len(c) == 5)[:1]
    cases += [(f"admin-unit code={c}", "admin-unit", {"code": c}) for c in commune]
    programmes = sorted(_values(store, PROGRAMMES), key=lambda p: -_figures(library, store, p))
    cases += [(f"programme {p}", "programme", {"programme": p}) for p in programmes[:1]]
    return cases


def _once(
    library: Library, store: ox.Store, name: str, params: dict, fmt: str
) -> tuple[float, float]:
    """(wall, CPU) seconds: on a shared machine the CPU time is what the work itself took."""
    if fmt == "queries":
        return _queries(library, store, name, params)
    _forget()
    start, cpu = time.perf_counter(), time.process_time()
    library.render(name, store, params, "vi", fmt)
    return time.perf_counter() - start, time.process_time() - cpu


def _forget() -> None:
    """Start from nothing: no Typst layout memoized.

    Typst keeps what it computed (text shaping, laid-out paragraphs, whole pages) in a
    process-wide memo and evicts what went unused for 10 compilations in a row; ten tiny
    documents that share nothing with a sheet push every earlier sheet out of it."""
    compiler = paper._compiler()
    for n in range(11):
        compiler.compile(f"#{n}".encode(), format="pdf", timestamp=0)


def _queries(library: Library, store: ox.Store, name: str, params: dict) -> tuple[float, float]:
    """The floor: the sheet's own SPARQL, run by pyoxigraph, every solution read."""
    spec = fill_parameters(library.spec(name), sheet_params(library.spec(name), params))
    runner = QueryRunner(store, library.catalog, library.iris)
    subjects = sorted(
        {
            row[c]
            for section in spec.sections
            for row in runner.rows(section).rows
            for c in cited_columns(section)
            if row.get(c)
        }
    )  # found beforehand, outside the timing
    texts = {(s.query, tuple(sorted(s.params.items()))) for s in spec.sections}
    catalog = library.catalog
    start, cpu = time.perf_counter(), time.process_time()
    for query_name, pairs in sorted(texts):
        query = catalog[query_name]
        bound = bind(query, dict(pairs), library.iris)
        list(store.query(query.text, use_default_graph_as_union=True, substitutions=bound))
    list(store.query(catalog[SEGMENTS_QUERY].text, use_default_graph_as_union=True))
    if subjects:
        text = _with_values(catalog[CITATIONS_QUERY].text, subjects)
        list(store.query(text, use_default_graph_as_union=True))
    return time.perf_counter() - start, time.process_time() - cpu


def _report(cases: list[tuple[str, str, dict]], samples: dict) -> None:
    """Wall-clock median and p95, CPU median, and render ÷ queries (wall medians)."""
    head = f"{'median ms':>9} {'p95 ms':>8} {'cpu ms':>8} {'÷ queries':>9}  n"
    print(f"{'sheet':40} {'format':7} {head}")
    for label, _, _ in cases:
        floor = statistics.median(w for w, _ in samples[(label, "queries")])
        for fmt in (*FORMATS, "queries"):
            wall = [w for w, _ in samples[(label, fmt)]]
            cpu = statistics.median(c for _, c in samples[(label, fmt)])
            ratio = statistics.median(wall) / floor if floor else float("nan")
            print(
                f"{label[:40]:40} {fmt:7} {statistics.median(wall) * 1000:9.1f}"
                f" {_p95(wall) * 1000:8.1f} {cpu * 1000:8.1f} {ratio:9.1f}  {len(wall)}"
            )


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def _every_value(library: Library, store: ox.Store, stop: float) -> None:
    """Each value a user can pick, once per format (after the rounds' warm-up)."""
    units = library.catalog["factsheet-unit-figures"]
    codes = [
        c
        for c in sorted(_values(store, CODES))
        if list(store.query(units.text, use_default_graph_as_union=True,
                            substitutions=bind(units, {"area": c}, library.iris)))
    ]  # fmt: skip
    groups: list[tuple[str, str, list[dict]]] = [
        ("admin-unit", "codes with figures", [{"code": c} for c in codes]),
        ("programme", "programmes", [{"programme": p} for p in sorted(_values(store, PROGRAMMES))]),
    ]
    for name, what, values in groups:
        for fmt in ("html", "pdf"):
            jobs = [partial(_once, library, store, name, v, fmt) for v in values]
            times = [wall for wall, _ in _until(stop, jobs)]
            if times:
                print(
                    f"every value: {name} {fmt}, {len(times)}/{len(values)} {what}: median "
                    f"{statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms"
                )


def _until(stop: float, jobs: list[Callable[[], tuple[float, float]]]) -> list[tuple[float, float]]:
    out = []
    for job in jobs:
        if time.monotonic() > stop:
            break
        out.append(job())
    return out


def _values(store: ox.Store, query: str) -> list[str]:
    found = store.query(query, use_default_graph_as_union=True)
    return [s[0].value.rsplit("/", 1)[-1] for s in found]  # type: ignore[union-attr,index]


def _figures(library: Library, store: ox.Store, programme: str) -> int:
    query = library.catalog["factsheet-programme"]
    bound = bind(query, {"programme": programme}, library.iris)
    found = store.query(query.text, use_default_graph_as_union=True, substitutions=bound)
    return sum(1 for s in found if s["obs"] is not None)  # type: ignore[union-attr,index]


if __name__ == "__main__":
    main()

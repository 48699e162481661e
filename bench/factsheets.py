"""How long a fact sheet takes to compute and render (a script, not a test).

    .venv/bin/python bench/factsheets.py [--graph FILE] [--repeat N]

Loads the graph (default: the test fixture; pass build/kg.nq for the real build), renders
every sheet in every format and language once to warm caches (WeasyPrint's fonts, the
chart runtime), then N more times, and prints the median and worst time per format.
"pdf" reuses the layout of an identical page (the HTML did not change); "pdf-uncached"
lays every page out again, which is what a sheet with new figures costs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from kg.factsheets import Library, load_library, render
from kg.queries.run import load_dataset_file
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
PARAMS = {"admin-unit": {"code": "04"}, "programme": {"programme": "ntp-new-rural"}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", type=Path, default=ROOT / "tests/fixtures/factsheets/mini.trig")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    library = load_library(Settings(queries_dir=ROOT / "queries"))
    store = load_dataset_file(args.graph)
    times: dict[str, list[float]] = {"html": [], "md": [], "pdf": [], "pdf-uncached": []}
    for fmt, samples in times.items():  # one format at a time: caches stay meaningful
        for round_number in range(args.repeat + 1):
            for name in library.sheets:
                for lang in ("vi", "en"):
                    samples += _time(library, store, name, lang, fmt, keep=round_number > 0)
    print(f"graph: {args.graph} ({len(store)} quads), {len(library.sheets)} sheets")
    for fmt, samples in times.items():
        print(
            f"{fmt:12} median {statistics.median(samples) * 1000:7.1f} ms"
            f"   worst {max(samples) * 1000:7.1f} ms   ({len(samples)} renders)"
        )


def _time(
    library: Library, store: ox.Store, name: str, lang: str, fmt: str, keep: bool
) -> list[float]:
    """One render's seconds (none in the warm-up round, which fills the caches)."""
    if fmt == "pdf-uncached":
        render._pdf.cache_clear()  # lay the page out again, as for new figures
    start = time.perf_counter()
    library.render(name, store, PARAMS.get(name, {}), lang, fmt.split("-")[0])
    return [time.perf_counter() - start] if keep else []


if __name__ == "__main__":
    main()

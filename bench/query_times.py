"""In-process time of every canned query on one build, and its rows, for rewriting queries.

    python bench/query_times.py BUILD_DIR [--rows OUT_DIR] [--timeout 120] [--queries …] [--store S]

Loads `BUILD_DIR/kg.nq` once into an on-disk pyoxigraph store (`BUILD_DIR.store`, reused
while `kg.nq` is older), then runs each canned query (default parameters) in a child
process of its own, so a query past `--timeout` can be killed (pyoxigraph cannot stop a
query). With `--rows`, each query's rows are written as sorted JSON lines to
`OUT_DIR/<query>.jsonl`: two runs (before and after a rewrite) compare with `diff`.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from kg.iris import Iris  # noqa: E402
from kg.queries.catalog import load_catalog  # noqa: E402
from kg.queries.params import bind  # noqa: E402
from kg.settings import load_settings  # noqa: E402


def open_store(build: Path) -> Path:
    """The on-disk store of `build/kg.nq`, bulk-loaded when missing or older."""
    source, path = build / "kg.nq", build.with_name(build.name + ".store")
    stamp = path / "loaded-from"
    if stamp.is_file() and stamp.read_text() == str(source.stat().st_mtime_ns):
        return path
    store = ox.Store(str(path))
    store.clear()
    store.bulk_load(path=str(source), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    stamp.write_text(str(source.stat().st_mtime_ns))
    del store
    return path


def run_one(store_path: str, folder: str, name: str, out: str | None, queue: mp.Queue) -> None:
    """Child: run one query, report (seconds, CPU seconds, rows), write its rows when asked.
    CPU time is the load-independent measure on a shared machine."""
    store = ox.Store.read_only(store_path)
    query = load_catalog(Path(folder))[name]
    terms = bind(query, {}, Iris(load_settings().base_iri))
    start, cpu = time.perf_counter(), time.process_time()
    result = store.query(query.text, use_default_graph_as_union=True, substitutions=terms)
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        lines = [json.dumps({n: str(s[n]) for n in names if s[n] is not None},
                            ensure_ascii=False, sort_keys=True) for s in result]  # fmt: skip
    else:
        lines = sorted(str(t) for t in result)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if out:
        Path(out, f"{name}.jsonl").write_text("".join(f"{x}\n" for x in sorted(lines)), "utf-8")
    queue.put((seconds, cpu, len(lines)))


def timed(store_path: Path, folder: Path, name: str, out: Path | None, timeout: float) -> str:
    spawn = mp.get_context("spawn")
    queue = spawn.Queue()
    args = (str(store_path), str(folder), name, str(out) if out else None, queue)
    child = spawn.Process(target=run_one, args=args)
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return f"> {timeout:g} s (killed)"
    if child.exitcode != 0:
        return f"failed (exit {child.exitcode})"
    seconds, cpu, count = queue.get()
    return f"{seconds * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU), {count} rows"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--rows", type=Path, help="write each query's sorted rows here")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--queries", nargs="*", help="canned queries (default: all)")
    parser.add_argument("--folder", type=Path, default=ROOT / "queries", help="the .rq files")
    parser.add_argument(
        "--store", type=Path, help="an existing on-disk store to read (BUILD is then not loaded)"
    )
    args = parser.parse_args()
    store_path = args.store or open_store(args.build)
    if args.rows:
        args.rows.mkdir(parents=True, exist_ok=True)
    catalog = load_catalog(args.folder)
    names = args.queries or sorted(
        n for n, q in catalog.items() if all(p.default or p.optional for p in q.parameters)
    )
    for name in names:
        print(
            f"{name}\t{timed(store_path, args.folder, name, args.rows, args.timeout)}", flush=True
        )


if __name__ == "__main__":
    main()

"""Side-by-side benchmark: this service against `oxigraph serve`, rdflib-endpoint and
in-process pyoxigraph, on the real report plus a synthetic scale-up (see README.md).

    python bench/run.py [--synthetic 40] [--rounds 5] [--duration 10]

Every target holds the same `kg.nq`. Each canned query (default parameters) is run
against every target in turn, round after round (interleaved, so load from other work
on the machine hits all targets alike), one client; then 16 concurrent clients send the
query mix to one target at a time for a fixed time. Only loopback is used.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from conftest import free_port, start_oxigraph, start_server, stop_process, wait_ready
from generate import ROOT, generate

from kg.iris import Iris
from kg.queries.catalog import CannedQuery, load_catalog
from kg.queries.params import bind
from kg.store.load import load_graphs
from kg.store.remote import with_values

ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
PEERS = ROOT / "bench" / ".venv-peers" / "bin" / "rdflib-endpoint"


@dataclass
class Target:
    name: str
    send: Callable[[CannedQuery], float]  # seconds for one answer (raises on failure)
    times: dict[str, list[float]] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    # Skip queries slower than this in-process: a peer that cannot stop a query (rdflib-
    # endpoint runs it on its event loop) would stall on them for every later request.
    max_floor: float | None = None


def sh(command: list[str], **env: str) -> None:
    subprocess.run(command, check=True, env=os.environ | env, capture_output=True)


def prepare(work: Path, synthetic: int) -> tuple[Path, float]:
    """The data set: the real report plus `synthetic` generated ones, built (cached)."""
    data = generate(work, synthetic, with_seed=True)
    start = time.perf_counter()
    kg = [sys.executable, "-c", "from kg.cli import main; main()", "build"]
    sh(kg, KG_DATA_DIR=str(data), KG_BUILD_DIR=str(work / "build"))
    return work / "build", time.perf_counter() - start


def bound_text(query: CannedQuery, iris: Iris) -> str:
    terms = bind(query, {}, iris)
    return with_values(query.text, tuple((v.value, t) for v, t in terms.items()))


def http_target(name: str, make: Callable[[CannedQuery], httpx.Request], timeout: float) -> Target:
    client = httpx.Client(timeout=timeout)

    def send(query: CannedQuery) -> float:
        request = make(query)
        start = time.perf_counter()
        response = client.send(request)
        response.read()
        seconds = time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{response.status_code} {response.text[:200]}")
        return seconds

    return Target(name, send)


def sparql_post(url: str, iris: Iris) -> Callable[[CannedQuery], httpx.Request]:
    def make(query: CannedQuery) -> httpx.Request:
        data = {"query": bound_text(query, iris)}
        return httpx.Request("POST", url, data=data, headers={"Accept": ACCEPT})

    return make


def service_get(url: str) -> Callable[[CannedQuery], httpx.Request]:
    def make(query: CannedQuery) -> httpx.Request:
        return httpx.Request("GET", f"{url}/api/queries/{query.name}", headers={"Accept": ACCEPT})

    return make


def _floor_worker(store_path: str, base: str, conn: Connection) -> None:
    """Child: answer query names with the seconds of query + serialization, until None."""
    store = ox.Store.read_only(store_path)
    catalog, iris = load_catalog(ROOT / "queries"), Iris(base)
    conn.send("ready")  # opening the store is not part of the first answer's time
    while (name := conn.recv()) is not None:
        query = catalog[name]
        terms = bind(query, {}, iris)
        start = time.perf_counter()
        result = store.query(query.text, use_default_graph_as_union=True, substitutions=terms)
        if isinstance(result, ox.QueryTriples):
            ox.serialize(result, format=ox.RdfFormat.N_TRIPLES)
        else:
            result.serialize(format=ox.QueryResultsFormat.JSON)
        conn.send(time.perf_counter() - start)


class FloorProcess:
    """In-process pyoxigraph in a child process: pyoxigraph cannot stop a running query, so
    a query past the time limit is ended by killing the child (a new one takes its place).
    Without a limit, one query on 1M triples once ran 14 minutes at 13 GB."""

    def __init__(self, store_path: Path, base: str, timeout: float) -> None:
        self.args, self.timeout = (str(store_path), base), timeout
        self.context = mp.get_context("spawn")
        self._start()

    def _start(self) -> None:
        self.conn, child = self.context.Pipe()
        self.process = self.context.Process(
            target=_floor_worker, args=(*self.args, child), daemon=True
        )
        self.process.start()
        self.conn.recv()

    def send(self, query: CannedQuery) -> float:
        self.conn.send(query.name)
        if not self.conn.poll(self.timeout):
            self.process.kill()
            self.process.join()
            self._start()
            raise TimeoutError(f"over {self.timeout:g} s in-process")
        return self.conn.recv()

    def stop(self) -> None:
        self.process.kill()
        self.process.join()


def floor_target(floor: FloorProcess) -> Target:
    """In-process pyoxigraph on the service's own on-disk store: query + JSON/N-Triples."""
    return Target("pyoxigraph in-process", floor.send)


def single_client(targets: list[Target], queries: list[CannedQuery], rounds: int) -> None:
    for _ in range(rounds):
        for query in queries:
            for target in targets:
                floor = targets[0].times.get(query.name, [])
                slow = not floor or statistics.median(floor) > (target.max_floor or 0)
                if target.max_floor is not None and slow:
                    target.failures[query.name] = "skipped: slow in-process"
                if query.name in target.failures:
                    continue
                try:
                    target.times.setdefault(query.name, []).append(target.send(query))
                except Exception as exc:  # a timeout or refusal is a result, not a crash
                    target.failures[query.name] = str(exc)[:120] or type(exc).__name__
                _progress(target, query.name)


def _progress(target: Target, name: str) -> None:
    """One line per answer on stderr: the tables come only at the end of a long run."""
    times = target.times.get(name) or [float("nan")]
    failed = target.failures.get(name, "")
    print(f"{name:28} {target.name:24} {times[-1] * 1000:10.1f} ms {failed[:60]}",
          file=sys.stderr, flush=True)  # fmt: skip


async def throughput(make: Callable[[CannedQuery], httpx.Request], mix: list[CannedQuery],
                     clients: int, duration: float,
                     timeout: float) -> tuple[int, int, float]:  # fmt: skip
    """(answers, errors, seconds) with `clients` concurrent clients over the mix."""
    done = errors = 0
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(timeout=timeout, limits=limits) as client:
        stop = time.perf_counter() + duration

        async def worker(offset: int) -> None:
            nonlocal done, errors
            i = offset
            while time.perf_counter() < stop:
                request = make(mix[i % len(mix)])
                try:
                    response = await client.send(request)
                    await response.aread()
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                done, errors = (done + 1, errors) if ok else (done, errors + 1)
                i += 1

        start = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        return done, errors, time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency_table(targets: list[Target], queries: list[CannedQuery]) -> list[str]:
    floor, service = targets[0], targets[1]
    head = " | ".join(f"{t.name} p50 / p95 ms" for t in targets)
    lines = [
        f"| query | {head} | service ÷ floor (p50) |",
        "|---" + "|---:" * (len(targets) + 1) + "|",
    ]
    for query in queries:
        cells = []
        for t in targets:
            runs = t.times.get(query.name)
            failed = t.failures.get(query.name)
            cell = (
                f"{statistics.median(runs) * 1000:.1f} / {pct(runs, 0.95) * 1000:.1f}"
                if runs
                else ""
            )
            cells.append(
                cell + (f" (failed: {failed[:40]})" if failed else "") if cell or failed else "–"
            )
        a, b = service.times.get(query.name), floor.times.get(query.name)
        ratio = f"{statistics.median(a) / statistics.median(b):.2f}" if a and b else "–"
        lines.append(f"| {query.name} | {' | '.join(cells)} | {ratio} |")
    return lines


def machine() -> str:
    free = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout
    total = free.splitlines()[1].split()[1] if free else "?"
    return (f"{os.cpu_count()} cores (`nproc`), {total} GiB memory (`free -g`), "
            f"{platform.platform()}, Python {platform.python_version()}")  # fmt: skip


def start_rdflib_endpoint(nquads: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [str(PEERS), "serve", str(nquads), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    ask = {"query": "ASK {}"}
    # rdflib parses a million triples slowly
    wait_ready("rdflib-endpoint", process, log, lambda: httpx.get(url + "/", params=ask), 1800)
    return process, url


def report_to_validated_graph(work: Path) -> float:
    """The real report alone: `kg build` (empty cache) then `kg validate`, seconds."""
    kg = [sys.executable, "-c", "from kg.cli import main; main()"]
    env = {"KG_BUILD_DIR": str(work / "one" / "build"), "KG_DATA_DIR": str(ROOT / "data")}
    env["KG_BUILD_CACHE_DIR"] = str(work / "one" / f"cache-{time.time_ns()}")
    start = time.perf_counter()
    sh([*kg, "build"], **env)
    sh([*kg, "validate"], **env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=40, help="generated reports")
    parser.add_argument("--rounds", type=int, default=5, help="single-client rounds")
    parser.add_argument("--duration", type=float, default=10, help="seconds per load test")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--no-rdflib", action="store_true", help="skip rdflib-endpoint")
    parser.add_argument(
        "--rdflib-max-floor", type=float, default=0.05,
        help="rdflib-endpoint runs only queries faster than this (s) in-process",
    )  # fmt: skip
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"))
    parser.add_argument("--timeout", type=float, default=60,
                        help="seconds per answer, every target (the floor too)")  # fmt: skip
    parser.add_argument("--queries", nargs="*", help="canned queries to run (default: all)")
    parser.add_argument("--reuse-build", action="store_true",
                        help="use --work/build/kg.nq as it is: no build timing")  # fmt: skip
    args = parser.parse_args()
    out = print
    out(f"# Benchmark run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    out(f"Machine: {machine()}\n\nCommand: `python bench/run.py {' '.join(sys.argv[1:])}`\n")
    if args.reuse_build and (args.work / "build" / "kg.nq").is_file():
        build = args.work / "build"  # built earlier by this script (or generate.py + kg build)
        out("Real report → validated graph: not timed (--reuse-build)\n")
        build_note = "built earlier, reused"
    else:
        validated = report_to_validated_graph(args.work)
        out(f"Real report → validated graph (`kg build` with empty cache + `kg validate`): "
            f"{validated:.1f} s\n")  # fmt: skip
        build, build_s = prepare(args.work, args.synthetic)
        build_note = f"build {build_s:.0f} s, cache reused between runs"
    triples = sum(1 for _ in (build / "kg.nq").open(encoding="utf-8"))
    out(f"Data: real report + {args.synthetic} synthetic = {triples:,} triples ({build_note})\n")
    iris = Iris("https://w3id.org/kg-vn/")
    queries = sorted(load_catalog(ROOT / "queries").values(), key=lambda q: q.name)
    if args.queries:
        queries = [q for q in queries if q.name in args.queries]
    # a query with a required parameter and no default (fact-sheet helpers) has no default run
    queries = [q for q in queries if all(p.default is not None or p.optional for p in q.parameters)]
    processes: list[subprocess.Popen[bytes]] = []
    stops: list[Callable[[], None]] = []
    try:
        service = start_server(
            build, args.work / "serve", query_timeout=args.timeout, max_result_rows=1_000_000,
            query_workers=2, queries_dir=ROOT / "queries",
        )  # fmt: skip
        processes.append(service.process)
        store_path = next((args.work / "serve" / "store").glob("*/db"))
        # --reuse-build also reuses an Oxigraph store loaded before (`oxigraph load`)
        preloaded = (args.work / "oxigraph" / "db").is_dir()
        remote = start_oxigraph(args.work / "oxigraph", timeout_s=int(args.timeout))
        processes.append(remote.process)
        if not (args.reuse_build and preloaded):
            load_graphs(remote.gsp_url, build / "kg.nq", auth=None)
        makers = {
            "kg serve (embedded)": service_get(service.url),
            "oxigraph serve": sparql_post(remote.query_url, iris),
        }
        if not args.no_rdflib:
            peer, peer_url = start_rdflib_endpoint(build / "kg.nq", args.work / "rdflib.log")
            processes.append(peer)
            makers["rdflib-endpoint"] = sparql_post(peer_url + "/", iris)
        floor = FloorProcess(store_path, iris.base, args.timeout)
        stops.append(floor.stop)
        targets = [floor_target(floor)]
        targets += [http_target(name, make, args.timeout) for name, make in makers.items()]
        for target in targets:
            if target.name == "rdflib-endpoint":
                target.max_floor = args.rdflib_max_floor
        single_client(targets, queries, args.rounds)
        out(f"## Single client, {args.rounds} interleaved rounds\n")
        out("\n".join(latency_table(targets, queries)) + "\n")
        service_p50 = [statistics.median(v) for v in targets[1].times.values() if v]
        floor_times = targets[0].times
        both = [n for n, v in targets[1].times.items() if v and floor_times.get(n)]
        ratios = [statistics.median(targets[1].times[n]) / statistics.median(floor_times[n])
                  for n in both]  # fmt: skip
        if ratios:
            out(f"Median over queries of service ÷ floor: {statistics.median(ratios):.2f}; "
                f"queries within 1.2×: {sum(r <= 1.2 for r in ratios)}/{len(ratios)}; "
                f"service p50 median {statistics.median(service_p50) * 1000:.1f} ms\n")  # fmt: skip
        fast = [q for q in queries if q.name not in targets[1].failures
                and targets[1].times.get(q.name)
                and statistics.median(targets[1].times[q.name]) < 1.0]  # fmt: skip
        out(f"## {args.clients} concurrent clients, {args.duration:g} s per target\n")
        out(f"Mix: the {len(fast)} queries answered in < 1 s by the service single-client "
            f"({', '.join(q.name for q in fast)}).\n")  # fmt: skip
        out("| target | answers | errors | answers/s |\n|---|---:|---:|---:|")
        rates = {}
        for name, make in makers.items():
            done, errors, seconds = asyncio.run(
                throughput(make, fast, args.clients, args.duration, args.timeout)
            )
            rates[name] = done / seconds
            out(f"| {name} | {done} | {errors} | {rates[name]:.1f} |")
        ratio = rates["kg serve (embedded)"] / rates["oxigraph serve"]
        out(f"\nThroughput kg serve ÷ oxigraph serve: {ratio:.2f} (target ≥ 0.5)\n")
    finally:
        for stop in stops:
            stop()
        for process in processes:
            stop_process(process)


if __name__ == "__main__":
    main()

"""Manual check of Virtuoso as the remote store: load a build, compare every canned query.

    python bench/virtuoso.py BUILD_DIR [--work /tmp/kg-virtuoso] [--timeout 120]

Starts a private `virtuoso-t` (Debian `virtuoso-opensource`) on loopback ports with its
database under `--work` (a copy of the packaged `virtuoso.ini` with paths, ports, the
row limit and the time limit changed), loads `BUILD_DIR/kg.nq` with `kg load`'s code
through `/sparql-graph-crud-auth` (digest, the fresh database's dba/dba), then runs every
canned query with its default parameters through the service's remote backend and
in-process on the same build, and prints per query: same rows, or how they differ.
Not a test: CI has no Virtuoso. Needs root or a user allowed to run virtuoso-t.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from conftest import free_port, stop_process  # noqa: E402

from kg.iris import Iris  # noqa: E402
from kg.queries.catalog import load_catalog  # noqa: E402
from kg.queries.params import bind  # noqa: E402
from kg.queries.run import load_store, run_canned  # noqa: E402
from kg.settings import load_settings  # noqa: E402
from kg.store.backend import QueryJob  # noqa: E402
from kg.store.load import load_build  # noqa: E402
from kg.store.remote import RemoteBackend  # noqa: E402

PACKAGED_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


def write_ini(work: Path, sql_port: int, http_port: int, timeout: int) -> Path:
    """The packaged ini with the database in `work`, loopback ports and wider limits."""
    text = PACKAGED_INI.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(work))
    text = re.sub(r"(?m)^ServerPort\s*=\s*1111", f"ServerPort = 127.0.0.1:{sql_port}", text)
    text = re.sub(r"(?m)^ServerPort\s*=\s*8890", f"ServerPort = 127.0.0.1:{http_port}", text)
    text = re.sub(r"(?m)^ResultSetMaxRows\s*=.*$", "ResultSetMaxRows = 1000000", text)
    text = re.sub(r"(?m)^MaxQueryExecutionTime\s*=.*$", f"MaxQueryExecutionTime = {timeout}", text)
    # its cost estimate refuses queries Oxigraph answers in milliseconds; 0 turns it off
    text = re.sub(r"(?m)^MaxQueryCostEstimationTime\s*=.*$", "MaxQueryCostEstimationTime = 0", text)
    ini = work / "virtuoso.ini"
    ini.write_text(text, encoding="utf-8")
    return ini


def start(work: Path, timeout: int) -> tuple[subprocess.Popen[bytes], str]:
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    sql_port, http_port = free_port(), free_port()
    ini = write_ini(work, sql_port, http_port, timeout)
    log = (work / "stdout.log").open("wb")
    command = ["virtuoso-t", "+foreground", "+configfile", str(ini)]
    process = subprocess.Popen(command, cwd=work, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{http_port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((work / "stdout.log").read_text(errors="replace")[-2000:])
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=5).is_success:
                return process, url
        except httpx.HTTPError:
            time.sleep(1)
    process.kill()
    raise RuntimeError("virtuoso-t did not start")


def keyed(bindings: list[dict]) -> list[str]:
    return sorted(json.dumps(b, sort_keys=True, ensure_ascii=False) for b in bindings)


def differences(expected: list[str], got: list[str]) -> str:
    """How two sorted row lists differ, briefly, with one example of each side."""
    if expected == got:
        return "same rows"
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    text = f"{len(got)} rows, embedded {len(expected)}: {len(missing)} missing, {len(extra)} extra"
    if missing:
        text += f"\n    embedded only: {missing[0][:300]}"
    if extra:
        text += f"\n    virtuoso only: {extra[0][:300]}"
    return text


async def compare(url: str, build: Path, timeout: int, names: list[str] | None = None) -> None:
    settings = load_settings(
        build_dir=build, store="remote", remote_query_url=url + "/sparql",
        remote_user="dba", remote_password="dba", query_timeout=timeout,
    )  # fmt: skip
    backend = RemoteBackend(settings)
    await backend.open()
    iris, local = Iris(settings.base_iri), load_store(build)
    catalog = load_catalog(ROOT / "queries")
    for name, query in sorted(catalog.items()):
        if names and name not in names:
            continue
        if not all(p.default is not None or p.optional for p in query.parameters):
            continue
        terms = bind(query, {}, iris)
        job = QueryJob(query.text, format="json", max_rows=1_000_000,
                       substitutions=tuple((v.value, t) for v, t in terms.items()))  # fmt: skip
        start = time.perf_counter()
        outcome = await backend.run(job)
        seconds = time.perf_counter() - start
        if outcome.status != 200:
            print(f"{name}: {outcome.status} after {seconds:.1f} s: {outcome.error[:300]}")
            continue
        result = run_canned(local, query, {}, iris)
        expected = json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))
        got = json.loads(outcome.body)
        verdict = differences(keyed(expected["results"]["bindings"]),
                              keyed(got["results"]["bindings"]))  # fmt: skip
        print(f"{name} ({seconds:.1f} s): {verdict}", flush=True)
    await backend.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-virtuoso"))
    parser.add_argument("--timeout", type=int, default=120, help="per query, seconds")
    args = parser.parse_args()
    process, url = start(args.work, args.timeout)
    try:
        settings = load_settings(
            build_dir=args.build, store="remote", remote_query_url=url + "/sparql",
            remote_gsp_url=url + "/sparql-graph-crud-auth",
            remote_user="dba", remote_password="dba",
        )  # fmt: skip
        counts = load_build(settings)
        print(f"Virtuoso at {url}: loaded {sum(counts.values()):,} triples in {len(counts)} graphs")
        asyncio.run(compare(url, args.build, args.timeout))
    finally:
        stop_process(process)


if __name__ == "__main__":
    main()

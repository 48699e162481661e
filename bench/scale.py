"""Build, validate and load time and peak memory as the number of reports grows.

    python bench/scale.py --reports 10 100 [--validate 10 100] [--load 10 100]

For each size: generate that many synthetic reports (bench/generate.py), run `kg build`
in a fresh process with an empty cache (so every report is extracted), and again
(every report from the cache); optionally `kg validate` (per report graph, in worker
processes) and a load of `kg.nq` into the embedded on-disk Oxigraph store (what
`kg serve` does on start). Wall time comes from the clock; peak memory is `ru_maxrss`
of the measured process itself (main) and of the largest of its worker processes.
Linear growth keeps seconds per report and MiB of the main process roughly constant.
Each row is printed as soon as it is measured, so a run stopped early keeps its rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate

# Runs a kg command and reports the peak RSS (KiB) of itself and of its largest child,
# and the CPU seconds of both (a load-independent check of linear growth).
_PEAK = (
    "import atexit, resource, sys\n"
    "def peak():\n"
    "    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "    cpu = sum(resource.getrusage(w)[0] + resource.getrusage(w)[1]\n"
    "              for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))\n"
    "    print(f'PEAK {me} {kids} {cpu:.2f}', file=sys.stderr)\n"
    "atexit.register(peak)\n"
)
KG = [sys.executable, "-c", _PEAK + "from kg.cli import main; main()"]
LOAD = [
    sys.executable,
    "-c",
    _PEAK + "from pathlib import Path; from kg.store.persist import open_build_store\n"
    "print(open_build_store(Path(sys.argv[1]), Path(sys.argv[2])).triples)",
]


@dataclass(frozen=True)
class Run:
    seconds: float
    main_mib: float
    workers_mib: float
    cpu: float


def timed(command: list[str], env: dict[str, str], log: Path, ok: tuple[int, ...] = (0,)) -> Run:
    """Wall seconds and peak MiB (this process, its largest child) of one command."""
    start = time.perf_counter()
    with log.open("ab") as out:
        proc = subprocess.run(command, env=env, stdout=out, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    with log.open("a", encoding="utf-8") as out:
        out.write(err)
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(command[-2:])} failed ({proc.returncode}); see {log}")
    peak = next(line.split() for line in reversed(err.splitlines()) if line.startswith("PEAK"))
    return Run(seconds, int(peak[1]) / 1024, int(peak[2]) / 1024, float(peak[3]))


def environment(data: Path, folder: Path, workers: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    return env | {
        "KG_DATA_DIR": str(data),
        "KG_ONTOLOGY_DIR": str(ROOT / "ontology"),
        "KG_QUERIES_DIR": str(ROOT / "queries"),
        "KG_BUILD_DIR": str(folder / "build"),
        "KG_BUILD_WORKERS": str(workers),
    }


def measure(args: argparse.Namespace, count: int) -> dict[str, object]:
    folder = args.work / f"n{count}"
    shutil.rmtree(folder, ignore_errors=True)
    env = environment(generate(folder, count), folder, args.workers)
    log = folder / "scale.log"
    build = timed([*KG, "build"], env, log)
    cached = timed([*KG, "build"], env, log)
    summary = json.loads((folder / "build" / "summary.json").read_text(encoding="utf-8"))
    row: dict[str, object] = {
        "reports": count,
        "triples": sum(summary["graphs"].values()),
        "build": build,
        "cached": cached,
        "nq_mib": (folder / "build" / "kg.nq").stat().st_size / 2**20,
    }
    if count in args.validate:
        row["validate"] = timed([*KG, "validate"], env, log, ok=(0, 1))  # 1: violations
    if count in args.load:
        store = [str(folder / "build"), str(folder / "store")]
        row["load"] = timed([*LOAD, *store], env, log)
    if not args.keep:
        shutil.rmtree(folder / "store", ignore_errors=True)
        shutil.rmtree(folder / "build.cache", ignore_errors=True)
        shutil.rmtree(folder / "build", ignore_errors=True)
    return row


HEADER = (
    "| reports | triples | build s | s/report | CPU s/report | cached build s | validate s "
    "| load s | peak MiB main (build / cached / validate / load) | peak MiB largest worker |\n"
    "|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
)


def table_row(row: dict[str, object]) -> str:
    build, cached = row["build"], row["cached"]
    assert isinstance(build, Run) and isinstance(cached, Run)
    runs = [row.get(k) for k in ("validate", "load")]
    secs = [f"{r.seconds:.1f}" if isinstance(r, Run) else "–" for r in runs]
    mains = [f"{r.main_mib:.0f}" if isinstance(r, Run) else "–" for r in runs]
    workers = max(r.workers_mib for r in (build, *runs) if isinstance(r, Run))
    reports = int(str(row["reports"]))
    return (
        f"| {reports} | {row['triples']:,} | {build.seconds:.1f} | "
        f"{build.seconds / reports:.2f} | {build.cpu / reports:.2f} | {cached.seconds:.1f} | "
        f"{secs[0]} | {secs[1]} | "
        f"{build.main_mib:.0f} / {cached.main_mib:.0f} / {mains[0]} / {mains[1]} | "
        f"{workers:.0f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--validate", type=int, nargs="*", default=[10], help="at these sizes")
    parser.add_argument("--load", type=int, nargs="*", default=[10], help="at these sizes")
    parser.add_argument("--workers", type=int, default=0, help="KG_BUILD_WORKERS (0: all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-scale"))
    parser.add_argument("--keep", action="store_true", help="keep each size's build and store")
    args = parser.parse_args()
    print(HEADER, flush=True)
    for count in args.reports:
        print(table_row(measure(args, count)), flush=True)


if __name__ == "__main__":
    main()

"""Build time and peak memory as the number of reports grows (10, 100, …).

    python bench/scale.py --reports 10 100 [--validate 10]

For each size: generate that many synthetic reports (bench/generate.py), run `kg build`
in a fresh process with an empty cache (so every report is extracted), and again
(every report from the cache); optionally `kg validate`. Wall time comes from the
clock, peak memory from the largest process (`ru_maxrss` of the waited-for children,
which includes the build's pool workers). Growth is judged from seconds per report:
linear growth keeps it roughly constant.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import ROOT, generate

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def run_kg(command: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds, peak MiB of the largest process so far) for one `kg` command."""
    start = time.perf_counter()
    subprocess.run([*KG, command], env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return seconds, peak


def measure(work: Path, count: int, validate: bool) -> dict[str, float]:
    folder = work / f"n{count}"
    shutil.rmtree(folder, ignore_errors=True)
    data = generate(folder, count)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    env |= {
        "KG_DATA_DIR": str(data),
        "KG_ONTOLOGY_DIR": str(ROOT / "ontology"),
        "KG_QUERIES_DIR": str(ROOT / "queries"),
        "KG_BUILD_DIR": str(folder / "build"),
    }
    cold, peak = run_kg("build", env)
    warm, _ = run_kg("build", env)
    row = {"reports": count, "build_s": cold, "cached_build_s": warm, "peak_mib": peak}
    row["triples"] = sum(1 for _ in (folder / "build" / "kg.nq").open(encoding="utf-8"))
    if validate:
        row["validate_s"], _ = run_kg("validate", env)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[10, 100])
    parser.add_argument("--validate", type=int, nargs="*", default=[10])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-bench-scale"))
    args = parser.parse_args()
    rows = [measure(args.work, n, n in args.validate) for n in args.reports]
    print("| reports | triples | build s | s/report | cached build s | validate s | peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        validate = f"{r['validate_s']:.1f}" if "validate_s" in r else "–"
        print(
            f"| {r['reports']} | {r['triples']:,} | {r['build_s']:.1f} | "
            f"{r['build_s'] / r['reports']:.2f} | {r['cached_build_s']:.1f} | {validate} | "
            f"{r['peak_mib']:.0f} |"
        )
    per = [r["build_s"] / r["reports"] for r in rows]
    print(
        f"\nseconds per report from {per[0]:.2f} to {per[-1]:.2f}: "
        f"{'roughly linear' if per[-1] <= 1.5 * per[0] else 'worse than linear'}"
    )


if __name__ == "__main__":
    main()

"""Run every benchmarks/bench_*.py (make bench): each module's main() in its own process, with a time limit.

    python -m benchmarks.run_all [NAME ...]      # e.g. python -m benchmarks.run_all throughput engine

A benchmark that fails, returns a non-zero code or runs past its limit is reported and the others still
run; the exit code is 1 when any failed. A summary goes to benchmarks/out/run_all.json.
Limits: ZHPIPE_BENCH_TIMEOUT seconds per benchmark (default 300; bench_throughput 480).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from .common import OUT, ROOT

HERE = Path(__file__).resolve().parent
TIMEOUT = int(os.environ.get("ZHPIPE_BENCH_TIMEOUT", "300"))
# seconds, where the default is too short on a busy 2-core machine
LIMITS = {"bench_throughput": 480, "bench_ner_news": 1800, "bench_long_line": 1800}
# quick, single-purpose benchmarks first; the engine benchmarks (minutes) last
LAST = ("bench_throughput", "bench_engine")

# run in the child: import the module, call main() with a clean argv, turn its return into an exit code
CHILD = """
import sys, importlib
sys.argv = [{name!r}]
module = importlib.import_module("benchmarks.{name}")
code = module.main()
sys.exit(code if isinstance(code, int) else 0)
"""


def discover() -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    return [n for n in names if n not in LAST] + [n for n in LAST if n in names]


def run_one(name: str) -> dict:
    start = time.perf_counter()
    print(f"\n=== {name} ===", flush=True)
    try:
        limit = max(TIMEOUT, LIMITS.get(name, 0))
        proc = subprocess.run([sys.executable, "-c", CHILD.format(name=name)], cwd=ROOT, timeout=limit,
                              check=False)
        status = "ok" if proc.returncode == 0 else f"failed (exit code {proc.returncode})"
    except subprocess.TimeoutExpired:
        status = f"timed out after {limit} s"
    except OSError as exc:
        status = f"failed ({exc})"
    seconds = round(time.perf_counter() - start, 1)
    print(f"=== {name}: {status} in {seconds} s ===", flush=True)
    return {"name": name, "status": status, "seconds": seconds}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    names = discover()
    if argv:
        wanted = {a if a.startswith("bench_") else f"bench_{a}" for a in argv}
        names = [n for n in names if n in wanted]
    summary = [run_one(name) for name in names]
    print("\nSummary:")
    for row in summary:
        print(f"  {row['name']:24s} {row['status']:32s} {row['seconds']:7.1f} s")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "run_all.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0 if all(row["status"] == "ok" for row in summary) else 1


if __name__ == "__main__":
    sys.exit(main())

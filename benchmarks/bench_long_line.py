"""Text without sentence ends (a scraped table, a list, a log line): time and memory must grow linearly.

    python -m benchmarks.bench_long_line            # make bench: 4 sizes, 60 k to 2 M characters
    ZHPIPE_BENCH_SIZES=5000,20000 python -m benchmarks.bench_long_line   # other sizes (repeats of the unit)

1. Per stage: one line of ``阿里云营收增长7.2%,`` repeated (no sentence end at all), next to the same text
   with sentence ends (``。`` for ``,``), through the per-document processor, each size in its own process so
   that its peak RSS is that document's. The slope between two sizes is (time ratio) / (length ratio):
   1.0 is linear; the target is 4× the length in at most 5× the time (1.25) in every stage.
2. The largest unterminated line through ``zhpipe run`` with default formats and workers: wall time, the peak
   RSS of its largest process and, per phase (processing, then the writers), of the whole process tree (PSS:
   pages shared by forked processes counted once; and RSS summed), and the manifest's stage timings
   (target: 2 M characters in at most 5 minutes and 2 GB).
3. A 100 MB single-line file with default options: ``--max-doc-chars`` reports it as an error, at once,
   instead of running out of memory.
"""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, save

UNIT = "阿里云营收增长7.2%,"
REPEATS = tuple(int(n) for n in os.environ.get("ZHPIPE_BENCH_SIZES", "5000,20000,80000,166667").split(","))
STAGE_KEYS = ("normalise", "segment", "zhpipe_bounded_sentences_v1", "zhpipe_entities_v1", "zhpipe_claims_v1",
              "merge", "record", "json")
# stage timings in CPU seconds (the processor's clock is swapped in this child): a shared machine's load
# would otherwise show as growth
CHILD = """
import json, resource, sys, time, types
from pipeline.document import Record
from pipeline.engine import Options, Processor, processor as module
from pipeline.formats.atomic import document_line
module.time = types.SimpleNamespace(perf_counter=time.process_time)
unit, repeats = sys.argv[1], int(sys.argv[2])
processor = Processor(Options(max_doc_chars=10**9))
text = unit * repeats
start, wall = time.process_time(), time.perf_counter()
outcome = processor(Record("long", "long", text), compact=True)  # as a run does
assert outcome.error is None, outcome.error
claims = len(outcome.document["claims"])
t = time.process_time()
line = document_line(outcome.document)  # empties the document
outcome.timings["json"] = time.process_time() - t
print(json.dumps({"chars": len(text), "seconds": time.process_time() - start, "wall_seconds": time.perf_counter() - wall,
                  "json_mb": len(line) / 2**20,
                  "claims": claims, "stages": outcome.timings,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _processor_row(unit: str, repeats: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, unit, str(repeats)], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _slopes(rows: list[dict]) -> list[dict]:
    """(time ratio) / (length ratio) between consecutive sizes, for the whole document and each stage."""
    out = []
    for small, big in zip(rows, rows[1:]):
        ratio = big["chars"] / small["chars"]
        slope = {"chars": f"{small['chars']:,}→{big['chars']:,}",
                 "total": round(big["seconds"] / small["seconds"] / ratio, 2)}
        for key in STAGE_KEYS:
            a, b = small["stages"].get(key), big["stages"].get(key)
            if a and b and a > 0.05:  # below that the timer measures noise
                slope[key] = round(b / a / ratio, 2)
        out.append(slope)
    return out


def _print_rows(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'chars':>10} {'CPU s':>8} {'chars/s':>9} {'peak MB':>8} {'JSON MB':>8}  stages (CPU s)")
    for row in rows:
        stages = " ".join(f"{k.replace('zhpipe_', '').replace('_v1', '')}={v:.1f}" for k, v in row["stages"].items())
        print(f"{row['chars']:>10,} {row['seconds']:8.1f} {row['chars'] / row['seconds']:9,.0f} "
              f"{row['peak_rss_mb']:8.0f} {row['json_mb']:8.0f}  {stages}")
    for slope in _slopes(rows):
        print("  slope " + " ".join(f"{k.replace('zhpipe_', '').replace('_v1', '')}={v}" for k, v in slope.items()))


def _tree_memory(root) -> tuple[int, int, int]:
    """(largest RSS, RSS sum, PSS sum) in bytes of ``root`` (a psutil.Process) and its descendants now: PSS
    counts a page shared by forked processes once in all, RSS once in each process."""
    import psutil

    largest = rss = pss = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            info = proc.memory_full_info()
        except psutil.Error:
            continue
        largest, rss, pss = max(largest, info.rss), rss + info.rss, pss + info.pss
    return largest, rss, pss


def _zhpipe_run(tmp: Path, repeats: int) -> dict:
    """The line through ``zhpipe run`` (default formats and workers) in a child, its process tree's memory polled
    (psutil, every 0.2 s) per phase: processing (until ``documents.jsonl`` is written), then the writers."""
    import psutil

    src = tmp / "run-in"
    src.mkdir()
    (src / "line.txt").write_text(UNIT * repeats, encoding="utf-8")
    out = tmp / "run-out"
    # a wrapper process: its RUSAGE_CHILDREN is the run's alone (this process has had other children)
    wrapper = ("import resource, subprocess, sys\n"
               "code = subprocess.call([sys.executable, '-m', 'pipeline', 'run', *sys.argv[1:]])\n"
               "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n")
    start = time.perf_counter()
    with open(tmp / "run.err", "wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", wrapper, str(src), "-o", str(out), "-q"], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=err)
    root = psutil.Process(proc.pid)
    peaks = {phase: {"largest_rss_mb": 0, "rss_sum_mb": 0, "pss_sum_mb": 0} for phase in ("processing", "writers")}
    while proc.poll() is None:
        phase = peaks["writers" if (out / "documents.jsonl").exists() else "processing"]
        for key, value in zip(phase, _tree_memory(root)):
            phase[key] = max(phase[key], round(value / 2**20))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    code, largest = proc.stdout.read().decode().split()
    if int(code) not in (0, 1):
        raise RuntimeError(f"zhpipe run failed ({code}): {(tmp / 'run.err').read_text('utf-8', 'replace')[-2000:]}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"chars": repeats * len(UNIT), "exit_code": int(code), "seconds": round(seconds, 1),
            # the largest process's peak exactly (polling can miss a short one), and the tree's per phase
            "peak_rss_mb": round(float(largest)), "phases": peaks,
            "execution": manifest["execution"], "timings": manifest["timings"],
            "output_mb": {p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(out.iterdir()) if p.is_file()}}


def _runaway(tmp: Path) -> dict:
    big = tmp / "huge-in" / "huge.txt"
    big.parent.mkdir()
    unit = UNIT.encode("utf-8")
    with open(big, "wb") as fh:
        for _ in range(100 * 2**20 // len(unit) + 1):
            fh.write(unit)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(big.parent), "-o", str(tmp / "huge-out"),
                           "-q", "--formats", "claims"], cwd=ROOT, capture_output=True, text=True)
    errors = (tmp / "huge-out" / "errors.jsonl").read_text(encoding="utf-8")
    return {"seconds": round(time.perf_counter() - start, 1), "exit_code": proc.returncode, "errors": errors[:300]}


def main() -> dict:
    results: dict = {"unit": UNIT, "unterminated": [], "with_sentence_ends": []}
    for repeats in REPEATS:
        results["unterminated"].append(_processor_row(UNIT, repeats))
        results["with_sentence_ends"].append(_processor_row(UNIT.replace(",", "。"), repeats))
    results["slopes"] = {key: _slopes(results[key]) for key in ("unterminated", "with_sentence_ends")}
    _print_rows(f"One line of {UNIT!r} repeated, no sentence end (processor, per stage):", results["unterminated"])
    _print_rows("The same with sentence ends (。):", results["with_sentence_ends"])
    with tempfile.TemporaryDirectory(prefix="zhpipe-bench-long-") as tmp:
        run = results["zhpipe_run"] = _zhpipe_run(Path(tmp), REPEATS[-1])
        print(f"\nzhpipe run, default formats and workers, {run['chars']:,} characters on one line: exit {run['exit_code']} "
              f"in {run['seconds']} s, peak RSS {run['peak_rss_mb']:,} MB (largest process)")
        for phase, peak in run["phases"].items():
            print(f"  {phase}: largest process {peak['largest_rss_mb']:,} MB, whole tree {peak['pss_sum_mb']:,} MB PSS "
                  f"({peak['rss_sum_mb']:,} MB RSS summed, shared pages counted in each process)")
        print("  manifest timings: " + ", ".join(f"{k}={v}" for k, v in run["timings"].items()))
        print("  outputs (MB): " + ", ".join(f"{k}={v}" for k, v in run["output_mb"].items()))
        runaway = results["100MB_default_run"] = _runaway(Path(tmp))
        print(f"\n100 MB single-line file, default options: exit {runaway['exit_code']} in {runaway['seconds']} s; "
              f"{runaway['errors'][:200]}")
    results["peak_rss_self_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    save("long_line", results)
    return results


if __name__ == "__main__":
    main()

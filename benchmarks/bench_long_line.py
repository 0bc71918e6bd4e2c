"""A document with no line breaks: time and peak memory must grow linearly with its length.

Each size runs in its own process (so peak RSS is that run's): the sample article with its line
breaks removed, repeated to the size, processed whole through every stage (chunked for the models).
A 100 MB file then shows what a run does by default with a runaway document: it reports it as
an error (--max-doc-chars) after reading it, instead of running out of memory.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import SAMPLE, save

SIZES = (250_000, 500_000, 1_000_000, 2_000_000)
CHILD = """
import json, resource, sys, time
from pipeline.document import Record
from pipeline.engine import Options, Processor
text = open(sys.argv[1], encoding="utf-8").read()
processor = Processor(Options(max_doc_chars=10**9))
start = time.process_time()
outcome = processor(Record("long", "long", text))
seconds = time.process_time() - start
assert outcome.error is None, outcome.error
print(json.dumps({"chars": len(text), "cpu_seconds": seconds,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> dict:
    line = SAMPLE.read_text(encoding="utf-8").replace("\n", "")
    results: dict = {"sizes": []}
    print("One line, no breaks: size, CPU seconds, chars/s, peak RSS")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            path = Path(tmp) / "line.txt"
            path.write_text((line * (size // len(line) + 1))[:size], encoding="utf-8")
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True,
                                 check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            results["sizes"].append(row)
            print(f"{size:>10,} chars {row['cpu_seconds']:8.1f} s {size / row['cpu_seconds']:10,.0f}/s "
                  f"{row['peak_rss_mb']:8.0f} MB")
        big = Path(tmp) / "in" / "huge.txt"
        big.parent.mkdir()
        unit = line.encode("utf-8")
        with open(big, "wb") as fh:
            for _ in range(100 * 2**20 // len(unit) + 1):
                fh.write(unit)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(big.parent), "-o", str(Path(tmp) / "out"),
                               "-q", "--workers", "1", "--formats", "claims"], capture_output=True, text=True)
        seconds = time.perf_counter() - start
        errors = (Path(tmp) / "out" / "errors.jsonl").read_text(encoding="utf-8")
        results["100MB_default_run"] = {"seconds": seconds, "exit_code": proc.returncode, "errors": errors[:300]}
        print(f"100 MB single-line file, default options: exit {proc.returncode} in {seconds:.1f} s; {errors[:160]}")
    first, last = results["sizes"][0], results["sizes"][-1]
    ratio = (last["cpu_seconds"] / first["cpu_seconds"]) / (last["chars"] / first["chars"])
    results["time_growth_vs_linear"] = ratio
    print(f"time growth relative to linear (1.0 = linear): {ratio:.2f}")
    save("long_line", results)
    return results


if __name__ == "__main__":
    main()

"""Throughput per stage and end to end, and peak memory, on the sample article repeated.

    python -m benchmarks.bench_throughput            # quick: fits make bench (a few minutes on 2 cores)
    ZHPIPE_BENCH_FULL=1 python -m benchmarks.bench_throughput   # ~10 MB end to end, ~100 MB for memory

Per stage: chars per CPU-second of this process (``process_time``, so other load on the machine does not
count), on documents that are copies of corpus/aliyun.txt (10k chars each): normalise (cleaning +
OpenCC), segmentation with tags (the jieba spaCy tokenizer), jieba ``cut`` alone for comparison, every
component of ``language.load().pipeline``, and the document record + JSON line.

End to end: ``zhpipe run`` in a subprocess with 1 and 2 workers over a folder of copies of the sample;
chars per wall-second, with and without the start-up (models loading), and the peak RSS of every process
of the run (psutil, polled). Memory is measured for two input sizes to show it does not grow with input.

Profile: py-spy over ``zhpipe run --workers 1`` on 200 KB (start-up and writers included): share of
samples per stage and the functions with the most own time; raw stacks in benchmarks/out/profile_throughput.txt.
Writes benchmarks/out/throughput.json and prints tables.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .common import ROOT, SAMPLE, save

FULL = os.environ.get("ZHPIPE_BENCH_FULL") == "1"
STAGE_CHARS = 150_000
E2E_BYTES = 10_000_000 if FULL else 300_000
RSS_BYTES = 100_000_000 if FULL else 1_500_000  # the second size for memory; the first is the end-to-end run


def _load() -> str:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def stages(total_chars: int = STAGE_CHARS) -> dict:
    from pipeline.document import Record
    from pipeline.engine import Options, Processor
    from pipeline.formats.atomic import dumps
    from pipeline.normalise import normalise
    from pipeline.records import document_record
    from pipeline.segment import jieba_tokenizer

    raw = SAMPLE.read_text(encoding="utf-8")
    n_docs = max(1, total_chars // len(raw))
    processor = Processor(Options())
    nlp = processor.nlp
    dt, _ = jieba_tokenizer()
    clock = time.process_time
    spent: dict[str, float] = {}

    def add(name, seconds):
        spent[name] = spent.get(name, 0.0) + seconds

    for _ in range(n_docs):
        t = clock()
        norm = normalise(raw)
        add("normalise (clean + OpenCC)", clock() - t)
        t = clock()
        for _piece in dt.cut(norm.text, HMM=True):
            pass
        add("jieba cut alone", clock() - t)
        t = clock()
        doc = nlp.make_doc(norm.text)
        add("segment (jieba tokenizer + tags)", clock() - t)
        doc.user_data["mojibake_spans"] = [list(s) for s in norm.mojibake]
        for name, component in nlp.pipeline:
            t = clock()
            doc = component(doc)
            add(name, clock() - t)
        t = clock()
        dumps(document_record(Record("a", "a", raw), norm, doc))
        add("record + JSON", clock() - t)
    chars = n_docs * len(raw)
    total = sum(v for k, v in spent.items() if k != "jieba cut alone")
    rows = {k: {"seconds": round(v, 3), "chars_per_s": round(chars / v) if v else None} for k, v in spent.items()}
    rows["all stages (one core)"] = {"seconds": round(total, 3), "chars_per_s": round(chars / total)}
    return {"chars": chars, "documents": n_docs, "stages": rows}


def make_corpus(folder: Path, total_bytes: int) -> tuple[int, int]:
    """Copies of the sample in subfolders of 500 files; returns (files, chars)."""
    data = SAMPLE.read_bytes()
    chars = len(data.decode("utf-8"))
    n = max(1, total_bytes // len(data))
    for i in range(n):
        sub = folder / f"{i // 500:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"a{i:06d}.txt").write_bytes(data)
    return n, n * chars


def run_measured(inputs: Path, out: Path, workers: int, extra: tuple[str, ...] = ()) -> dict:
    """``zhpipe run`` in a subprocess: wall seconds and peak RSS per process (psutil, polled every 0.1 s)."""
    import psutil

    cmd = [sys.executable, "-m", "pipeline", "run", str(inputs), "-o", str(out), "-q", "--force",
           "--workers", str(workers), *extra]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    ps = psutil.Process(proc.pid)
    peaks: dict[int, int] = {}
    cpu: dict[int, float] = {}
    while proc.poll() is None:
        try:
            for p in [ps, *ps.children(recursive=True)]:
                try:
                    peaks[p.pid] = max(peaks.get(p.pid, 0), p.memory_info().rss)
                    times = p.cpu_times()
                    cpu[p.pid] = times.user + times.system
                except psutil.Error:
                    pass
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        raise RuntimeError(f"zhpipe run failed ({proc.returncode}): {err[-2000:]}")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return {"wall_s": round(wall, 2), "chars": manifest["counts"]["chars"],
            "writers_s": manifest["timings"].get("writers", 0.0),
            "processing_wall_s": manifest["timings"].get("processing_wall"),
            "documents": manifest["counts"]["documents"],
            "peak_rss_mb_per_process": sorted((round(v / 2**20) for v in peaks.values()), reverse=True),
            "cpu_s": round(sum(cpu.values()), 1)}


def end_to_end(tmp: Path, total_bytes: int = E2E_BYTES) -> dict:
    corpus = tmp / "e2e"
    files, chars = make_corpus(corpus, total_bytes)
    one = tmp / "one"
    make_corpus(one, 1)
    results = {"input_bytes": files * SAMPLE.stat().st_size, "files": files, "chars": chars, "runs": {}}
    for workers in (1, 2):
        startup = run_measured(one, tmp / f"out-start-{workers}", workers)
        load_before = _load()
        r = run_measured(corpus, tmp / f"out-{workers}", workers)
        r["startup_s"] = startup["wall_s"]
        r["chars_per_s_wall"] = round(r["chars"] / r["wall_s"])
        steady = max(1e-6, r["wall_s"] - startup["wall_s"])
        r["chars_per_s_after_startup"] = round(r["chars"] / steady)
        # the processing loop alone (read, process, write parts), timed inside the run: no start-up, no writers
        r["chars_per_s_processing"] = round(r["chars"] / max(1e-6, r["processing_wall_s"] or steady - r["writers_s"]))
        r["input_mb"] = round(results["input_bytes"] / 1e6, 1)
        r["loadavg_1min_before"] = round(load_before, 2)
        results["runs"][f"{workers} worker{'s' if workers > 1 else ''}"] = r
    one_w, two_w = results["runs"]["1 worker"], results["runs"]["2 workers"]
    results["speedup_2_vs_1"] = round(two_w["chars_per_s_processing"] / one_w["chars_per_s_processing"], 2)
    same = (tmp / "out-1" / "documents.jsonl").read_bytes() == (tmp / "out-2" / "documents.jsonl").read_bytes()
    results["outputs_identical"] = same
    return results


def memory(tmp: Path, e2e: dict, size: int = RSS_BYTES) -> dict:
    """Peak RSS per process of the 2-worker end-to-end run and of a run on a larger input."""
    small = e2e["runs"]["2 workers"]
    out = {f"{small['input_mb']} MB": {k: small[k] for k in ("wall_s", "peak_rss_mb_per_process", "input_mb")}}
    corpus = tmp / "mem"
    files, _ = make_corpus(corpus, size)
    r = run_measured(corpus, tmp / "mem-out", 2)
    r["input_mb"] = round(files * SAMPLE.stat().st_size / 1e6, 1)
    out[f"{r['input_mb']} MB"] = r
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(tmp / "mem-out", ignore_errors=True)
    return out


KEY_FRAMES = ("run (runner.py)", "InProcess.map (executors.py)", "Processor.__init__ (processor.py)",
              "normalise (__init__.py)", "Language.make_doc (language.py)", "ZhEntities.__call__ (component.py)",
              "ClaimExtractor.__call__ (component.py)", "document_record (records.py)", "write_outputs (writers.py)",
              "_consume (writers.py)", "write_summaries (report.py)", "corpus_summary (summarise.py)",
              "write_conllu (conllu.py)", "write_docbin (docbin.py)", "JSONDecoder.decode (decoder.py)")


def profile(tmp: Path, total_bytes: int = 200_000) -> dict:
    """py-spy over ``zhpipe run --workers 1`` (start-up and writers included): the share of samples in
    the main stages (inclusive) and the functions with the most own time. Raw stacks go to
    benchmarks/out/profile_throughput.txt (flamegraph.pl format)."""
    from .common import OUT

    spy = Path(sys.executable).with_name("py-spy")
    if not spy.exists():
        return {"skipped": "py-spy not installed (pip install -e '.[dev]')"}
    corpus = tmp / "profile"
    make_corpus(corpus, total_bytes)
    OUT.mkdir(parents=True, exist_ok=True)
    raw = OUT / "profile_throughput.txt"
    cmd = [str(spy), "record", "-r", "200", "-f", "raw", "-o", str(raw), "--", sys.executable, "-m", "pipeline",
           "run", str(corpus), "-o", str(tmp / "profile-out"), "-q", "--workers", "1", "--force"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if not raw.exists():
        return {"skipped": f"py-spy failed: {proc.stderr[-500:]}"}
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text(encoding="utf-8").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        n = int(count)
        total += n
        names = []
        for frame in stack.split(";"):
            func, _, where = frame.partition(" (")
            names.append(f"{func} ({where.split(':')[0].rsplit('/', 1)[-1]})")
        for name in set(names):
            inclusive[name] = inclusive.get(name, 0) + n
        own[names[-1]] = own.get(names[-1], 0) + n
    total = max(1, total)
    return {"samples": total, "stages": {k: round(inclusive.get(k, 0) / total, 3) for k in KEY_FRAMES},
            "top_own": [{"function": k, "share": round(v / total, 3)}
                        for k, v in sorted(own.items(), key=lambda kv: -kv[1])[:12]]}


def main() -> dict:
    results = {"full": FULL, "cpu_count": os.cpu_count(), "loadavg_1min_start": round(_load(), 2)}
    t0 = time.perf_counter()
    results["per_stage"] = stages()
    print(f"Per stage (chars per CPU-second, {results['per_stage']['chars']:,} chars in "
          f"{results['per_stage']['documents']} documents):")
    for name, row in results["per_stage"]["stages"].items():
        print(f"  {name:38s} {row['chars_per_s']:>12,} chars/s")
    with tempfile.TemporaryDirectory(prefix="zhpipe-bench-") as tmp:
        tmp = Path(tmp)
        results["end_to_end"] = end_to_end(tmp)
        e2e = results["end_to_end"]
        print(f"\nEnd to end ({e2e['input_bytes'] / 1e6:.1f} MB, {e2e['files']} files, {e2e['chars']:,} chars):")
        print(f"  {'':10s} {'wall s':>7s} {'start-up s':>10s} {'writers s':>9s} {'chars/s':>8s} "
              f"{'after start-up':>14s} {'processing':>10s}  peak RSS MB")
        for name, r in e2e["runs"].items():
            print(f"  {name:10s} {r['wall_s']:7.1f} {r['startup_s']:10.1f} {r['writers_s']:9.1f} "
                  f"{r['chars_per_s_wall']:8,} {r['chars_per_s_after_startup']:14,} {r['chars_per_s_processing']:10,}"
                  f"  {r['peak_rss_mb_per_process'][:4]}")
        print(f"  2 workers / 1 worker: {e2e['speedup_2_vs_1']}x; outputs identical: {e2e['outputs_identical']}")
        results["memory"] = memory(tmp, e2e)
        results["profile"] = profile(tmp)
        print("\nPeak RSS per process, 2 workers (MB, largest first):")
        for name, r in results["memory"].items():
            print(f"  {name:>9s} input: {r['peak_rss_mb_per_process']}  ({r['wall_s']:.0f} s)")
        prof = results["profile"]
        if "stages" in prof:
            print("\nProfile (py-spy) of `zhpipe run --workers 1` on 200 KB, share of all samples (inclusive):")
            for name, share in prof["stages"].items():
                print(f"  {share:6.1%}  {name}")
            print("  own time, top 10:")
            for row in prof["top_own"][:10]:
                print(f"  {row['share']:6.1%}  {row['function']}")
        else:
            print(f"\nProfile skipped: {prof['skipped']}")
    results["loadavg_1min_end"] = round(_load(), 2)
    results["seconds"] = round(time.perf_counter() - t0, 1)
    save("throughput", results)
    return results


if __name__ == "__main__":
    main()

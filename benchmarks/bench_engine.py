"""Process pool versus Dask LocalCluster: the same corpus, the same number of workers, the same outputs.

    python -m benchmarks.bench_engine                 # ~600 KB (make bench)
    ZHPIPE_BENCH_FULL=1 python -m benchmarks.bench_engine   # ~5 MB

Each engine runs twice: on one document (start-up: worker processes, models, for Dask the cluster) and
on the corpus; the rate after start-up is chars / (corpus wall - start-up wall). Outputs are compared
byte for byte (documents, errors, claims). Writes benchmarks/out/engine.json and prints a table.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path

from .bench_throughput import make_corpus
from .common import save

FULL = os.environ.get("ZHPIPE_BENCH_FULL") == "1"
CORPUS_BYTES = 5_000_000 if FULL else 300_000
WORKERS = 2


def _timed_run(inputs: Path, out: Path, engine: str) -> tuple[float, object]:
    from pipeline.engine import Options, run

    start = time.perf_counter()
    result = run([str(inputs)], out, Options(), report=lambda msg: None, workers=WORKERS, engine=engine,
                 force=True)
    return time.perf_counter() - start, result


def main() -> dict:
    results = {"workers": WORKERS, "loadavg_1min_start": round(os.getloadavg()[0], 2), "engines": {}}
    with tempfile.TemporaryDirectory(prefix="zhpipe-bench-engine-") as tmp:
        tmp = Path(tmp)
        files, chars = make_corpus(tmp / "corpus", CORPUS_BYTES)
        make_corpus(tmp / "one", 1)
        results.update(files=files, chars=chars)
        for engine in ("local", "dask"):
            startup, _ = _timed_run(tmp / "one", tmp / f"one-{engine}", engine)
            wall, result = _timed_run(tmp / "corpus", tmp / f"out-{engine}", engine)
            timings = json.loads((tmp / f"out-{engine}" / "manifest.json").read_text(encoding="utf-8"))["timings"]
            results["engines"]["process pool" if engine == "local" else "dask LocalCluster"] = {
                "startup_s": round(startup, 2), "wall_s": round(wall, 2), "documents": result.documents,
                "engine_startup_s": timings.get("startup"), "processing_wall_s": timings.get("processing_wall"),
                "chars_per_s_wall": round(chars / wall),
                "chars_per_s_after_startup": round(chars / max(1e-6, wall - startup)),
                "chars_per_s_processing": round(chars / max(1e-6, timings.get("processing_wall") or wall)),
            }
        same = all((tmp / "out-local" / name).read_bytes() == (tmp / "out-dask" / name).read_bytes()
                   for name in ("documents.jsonl", "errors.jsonl", "claims.jsonl") if (tmp / "out-local" / name).exists())
        results["outputs_identical"] = same
    pool, dask = results["engines"]["process pool"], results["engines"]["dask LocalCluster"]
    results["dask_vs_pool_after_startup"] = round(dask["chars_per_s_after_startup"] / pool["chars_per_s_after_startup"], 3)
    results["dask_vs_pool_processing"] = round(dask["chars_per_s_processing"] / pool["chars_per_s_processing"], 3)
    results["dask_vs_pool_wall"] = round(dask["chars_per_s_wall"] / pool["chars_per_s_wall"], 3)
    results["loadavg_1min_end"] = round(os.getloadavg()[0], 2)
    print(f"Engines, {WORKERS} workers, {results['files']} files, {results['chars']:,} chars:")
    print(f"  {'':20s} {'start-up s':>10s} {'wall s':>8s} {'chars/s':>9s} {'after start-up':>15s} {'processing':>11s}")
    for name, r in results["engines"].items():
        print(f"  {name:20s} {r['startup_s']:10.1f} {r['wall_s']:8.1f} {r['chars_per_s_wall']:9,} "
              f"{r['chars_per_s_after_startup']:15,} {r['chars_per_s_processing']:11,}")
    print(f"  dask / pool: {results['dask_vs_pool_processing']} processing loop, "
          f"{results['dask_vs_pool_after_startup']} after start-up, {results['dask_vs_pool_wall']} wall; "
          f"outputs identical: {same}")
    save("engine", results)
    return results


if __name__ == "__main__":
    main()

"""The batch engine: process pool and Dask give the 1-worker bytes, long texts in chunks, resume after
SIGKILL, incremental reruns, gzip shards, progress only on a terminal."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.engine import (
    Options,
    Processor,
    Progress,
    merge_user_data,
    run,
    split_points,
)
from pipeline.formats.store import iter_documents, shard_paths
from tests.conftest import ROOT, SAMPLE


def _paragraphs() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    return [p for p in text.split("\n") if len(p.strip()) > 40]


def _make_inputs(folder: Path, n_files: int = 6, per_file: int = 400) -> Path:
    """Small text files cut from the sample, one JSONL file with several documents, and bad inputs."""
    folder.mkdir(parents=True, exist_ok=True)
    paras = _paragraphs()
    for i in range(n_files):
        body = "\n".join(paras[(i * 3 + k) % len(paras)] for k in range(3))[:per_file]
        (folder / f"doc{i:03d}.txt").write_text(body, encoding="utf-8")
    lines = [json.dumps({"id": f"j{k}", "text": paras[k % len(paras)][:200]}, ensure_ascii=False) for k in range(5)]
    lines.insert(2, "{broken json")
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    return folder


def _outputs(out: Path) -> dict[str, bytes]:
    """Every output file's bytes; the manifest without timings and execution details."""
    files = {}
    for path in sorted(out.iterdir()):
        if path.is_file():
            files[path.name] = path.read_bytes()
    manifest = json.loads(files.pop("manifest.json"))
    for key in ("timings", "execution"):
        manifest.pop(key)
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return files


def _invoke(*args: str) -> None:
    result = CliRunner().invoke(main, ["run", *args, "-q"])
    assert result.exit_code in (0, 1), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    return _make_inputs(tmp_path_factory.mktemp("in") / "in")


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ref")
    _invoke(str(inputs), "-o", str(out), "--workers", "1")
    return out


def test_reference_run_has_documents_and_errors(reference):
    ids = [d["id"] for d in iter_documents(reference)]
    assert ids == [f"doc{i:03d}" for i in range(6)] + [f"j{k}" for k in range(5)]
    errors = [json.loads(x) for x in (reference / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {e["source"].rsplit("/", 1)[-1] for e in errors} == {"empty.txt", "lines.jsonl"}
    assert not (reference / ".parts").exists()


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 2 records, so a few small documents spread over the workers and come back out of order."""
    monkeypatch.setattr("pipeline.engine.runner.BATCH_RECORDS", 2)


def test_process_pool_output_is_byte_identical(inputs, reference, tmp_path, small_batches):
    out = tmp_path / "out"
    _invoke(str(inputs), "-o", str(out), "--workers", "2")
    assert json.loads((out / "manifest.json").read_text())["execution"]["workers"] == 2
    assert _outputs(out) == _outputs(reference)


def test_dask_local_cluster_output_is_byte_identical(inputs, reference, tmp_path, small_batches):
    out = tmp_path / "out"
    _invoke(str(inputs), "-o", str(out), "--engine", "dask", "--workers", "2")
    assert json.loads((out / "manifest.json").read_text())["execution"]["engine"] == "dask"
    assert _outputs(out) == _outputs(reference)


def test_dask_existing_scheduler_output_is_byte_identical(inputs, reference, tmp_path, small_batches):
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        out = tmp_path / "out"
        _invoke(str(inputs), "-o", str(out), "--engine", "dask", "--scheduler", cluster.scheduler_address)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["execution"] == {"engine": "dask", "workers": 1, "reused_inputs": 0, "shard_size": None}
    assert _outputs(out) == _outputs(reference)


def test_shards_hold_the_same_documents(inputs, reference, tmp_path):
    out = tmp_path / "out"
    _invoke(str(inputs), "-o", str(out), "--workers", "1", "--shard-size", "4")
    assert [p.name for p in shard_paths(out)] == [f"documents-0000{i}.jsonl.gz" for i in range(3)]
    assert not (out / "documents.jsonl").exists()
    assert list(iter_documents(out)) == list(iter_documents(reference))
    assert (out / "claims.jsonl").read_bytes() == (reference / "claims.jsonl").read_bytes()
    # a later run without shards (all inputs reused) switches back to one file
    _invoke(str(inputs), "-o", str(out), "--workers", "1")
    assert shard_paths(out) == []
    assert (out / "documents.jsonl").read_bytes() == (reference / "documents.jsonl").read_bytes()


def test_incremental_rerun_and_force(inputs, reference, tmp_path):
    src = tmp_path / "in"
    _make_inputs(src)
    out = tmp_path / "out"
    _invoke(str(src), "-o", str(out), "--workers", "1")
    (src / "doc001.txt").write_text("改过的文本：阿里云营收为776亿。", encoding="utf-8")
    _invoke(str(src), "-o", str(out), "--workers", "1")
    manifest = json.loads((out / "manifest.json").read_text())
    # 5 unchanged text files reused; doc001 changed; lines.jsonl and empty.txt had errors so are retried
    assert manifest["execution"]["reused_inputs"] == 5
    fresh = tmp_path / "fresh"
    _invoke(str(src), "-o", str(fresh), "--workers", "1")
    assert _outputs(out) == _outputs(fresh)
    _invoke(str(src), "-o", str(out), "--workers", "1", "--force")
    assert json.loads((out / "manifest.json").read_text())["execution"]["reused_inputs"] == 0
    assert _outputs(out) == _outputs(fresh)


def test_changed_code_or_resources_are_not_reused(tmp_path, monkeypatch):
    """Same version and options but another model or rule file: nothing made by the old one is reused."""
    import pipeline.engine as engine

    src = tmp_path / "in"
    _make_inputs(src, n_files=3, per_file=50)
    out = tmp_path / "out"
    _invoke(str(src), "-o", str(out), "--workers", "1")
    _invoke(str(src), "-o", str(out), "--workers", "1")
    assert json.loads((out / "manifest.json").read_text())["execution"]["reused_inputs"] == 3
    monkeypatch.setattr(engine.options, "code_fingerprint", lambda: "another-model")
    _invoke(str(src), "-o", str(out), "--workers", "1")
    assert json.loads((out / "manifest.json").read_text())["execution"]["reused_inputs"] == 0


def test_code_fingerprint_covers_resources(tmp_path):
    import pipeline.engine as engine

    first = engine.code_fingerprint()
    assert len(first) == 16 and first == engine.code_fingerprint()
    tree = tmp_path / "pkg"
    (tree / "resources").mkdir(parents=True)
    (tree / "entities.py").write_text("x = 1\n")
    (tree / "resources" / "not_entities.txt").write_text("CEO\n")
    before = engine.tree_fingerprint(tree)
    (tree / "__pycache__").mkdir()
    (tree / "__pycache__" / "entities.cpython-311.pyc").write_bytes(b"\0")
    assert engine.tree_fingerprint(tree) == before  # compiled files do not count
    (tree / "resources" / "not_entities.txt").write_text("CEO\n# changed\n")
    changed = engine.tree_fingerprint(tree)
    assert changed != before
    (tree / "resources" / "not_entities.txt").rename(tree / "resources" / "other.txt")
    assert engine.tree_fingerprint(tree) not in (before, changed)  # names count too


def test_sigkill_half_way_then_rerun_gives_every_document_once(tmp_path):
    src = tmp_path / "in"
    _make_inputs(src, n_files=100, per_file=1000)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "--workers", "1", "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZHPIPE_PART_SECONDS": "0"}  # commit a part per file
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parts = out / ".parts"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if parts.is_dir() and any(p.name.endswith(".json") for p in parts.iterdir()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; give it more input"
    time.sleep(0.2)  # kill in the middle of writing the next part
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert not (out / "documents.jsonl").exists()
    committed = [p for p in parts.iterdir() if p.name.endswith(".json")]
    assert committed
    subprocess.run(cmd, cwd=ROOT, env=env, check=False, timeout=300)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["execution"]["reused_inputs"] > 0
    ids = [d["id"] for d in iter_documents(out)]
    assert ids == [f"doc{i:03d}" for i in range(100)] + [f"j{k}" for k in range(5)]
    raw = (out / "documents.jsonl").read_bytes()
    assert raw.endswith(b"\n") and all(json.loads(line) for line in raw.splitlines())
    assert not parts.exists()
    # the same bytes as a run that was never interrupted
    fresh = tmp_path / "fresh"
    subprocess.run([*cmd[:6], str(fresh), *cmd[7:]], cwd=ROOT, env=env, check=False, timeout=300)
    assert (fresh / "documents.jsonl").read_bytes() == raw
    assert (fresh / "errors.jsonl").read_bytes() == (out / "errors.jsonl").read_bytes()


def test_split_points_cut_at_line_and_sentence_ends():
    text = ("第一句话。" * 30 + "\n") * 20
    cuts = split_points(text, 200)
    bounds = list(zip([0, *cuts], [*cuts, len(text)]))
    assert all(0 < e - s <= 200 for s, e in bounds)
    assert all(text[c - 1] in "\n。" for c in cuts)
    assert split_points("短", 200) == []
    assert split_points("x" * 450, 200) == [200, 400]  # no boundary at all: hard cuts


def test_merge_user_data_shifts_offsets():
    merged = merge_user_data([(0, {"mojibake_spans": [[1, 3]], "claims": [{"start": 2, "end": 4}], "lang": "zh"}),
                              (100, {"mojibake_spans": [[5, 9]], "claims": [{"start": 0, "end": 1}],
                                     "lang": "en"})])
    assert merged == {"mojibake_spans": [[1, 3], [105, 109]],
                      "claims": [{"start": 2, "end": 4}, {"start": 100, "end": 101}], "lang": "zh"}


def test_long_text_is_processed_in_chunks_with_correct_offsets(sample_raw):
    whole = Processor(Options())(__import__("pipeline").document.Record("a", "a", sample_raw)).document
    processor = Processor(Options(chunk_chars=1500))
    old_max = processor.nlp.max_length
    processor.nlp.max_length = 2000  # the models never see more than a chunk
    try:
        outcome = processor(__import__("pipeline").document.Record("a", "a", sample_raw))
    finally:
        processor.nlp.max_length = old_max
    assert outcome.error is None, outcome.error
    doc = outcome.document
    assert doc["text"] == whole["text"] and doc["quality"] == whole["quality"]
    text = doc["text"]
    # tokens cover the text in order, and every annotation's offsets point at its text
    pos = 0
    for tok in doc["tokens"]:
        assert tok["start"] >= pos and text[tok["start"]:tok["end"]] == tok["text"]
        pos = tok["end"]
    for ent in doc["entities"]:
        assert text[ent["start"]:ent["end"]] == ent["text"]
    for claim in doc["claims"]:
        assert text[claim["start"]:claim["end"]] == claim["text"]
    # cutting only at line ends keeps sentences as they were
    assert doc["sentences"] == whole["sentences"]
    same = sum(a["text"] == b["text"] for a, b in zip(doc["tokens"], whole["tokens"]))
    assert same / len(whole["tokens"]) > 0.95


def test_progress_only_on_a_terminal(inputs, tmp_path, capsys):
    result = CliRunner().invoke(main, ["run", str(inputs), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert "\r" not in result.output  # CliRunner's stderr is not a terminal
    bar = Progress(True, total_bytes=1000, total_files=4)
    bar.update(3, 30000, 2, 500, final=True)
    bar.close()
    err = capsys.readouterr().err
    assert "3 documents" in err and "2/4 files" in err and "ETA" in err


def test_run_api_defaults_to_one_worker_for_small_inputs(inputs, tmp_path):
    result = run([str(inputs)], tmp_path / "out", report=lambda msg: None)
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["execution"]["workers"] == 1 and result.documents == 11 and result.errors == 2


def test_two_runs_cannot_write_one_folder(inputs, tmp_path):
    from pipeline.engine import FolderLock

    out = tmp_path / "out"
    out.mkdir()
    held = FolderLock(out)
    try:
        with pytest.raises(RuntimeError, match="another zhpipe run"):
            run([str(inputs)], out, report=lambda msg: None)
    finally:
        held.close()
    assert run([str(inputs)], out, report=lambda msg: None).documents == 11


def test_dask_local_cluster_workers_run_without_the_sampling_profiler():
    import dask

    from pipeline.engine import DaskEngine, Options

    engine = DaskEngine(Options(), 1)
    try:
        assert set(engine.client.run(lambda: dask.config.get("distributed.worker.profile.enabled")).values()) == {False}
        assert engine.client.direct_to_workers  # results do not pass through the scheduler
        assert dask.config.get("distributed.worker.profile.enabled")  # the caller's config is left alone
    finally:
        engine.close()

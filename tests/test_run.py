"""zhpipe run end to end: the output contract on the sample, offsets back to raw text, bad inputs."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.document import DOCUMENT_KEYS
from pipeline.normalise import strip_pinyin_notes, to_simplified
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    result = CliRunner().invoke(main, ["run", str(SAMPLE), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    return out


def _documents(out):
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def test_output_contract(sample_run):
    (doc,) = _documents(sample_run)
    assert tuple(k for k in doc if k != "meta") == DOCUMENT_KEYS
    assert doc["id"] == "aliyun" and doc["script"] == "traditional" and doc["lang"] == "zh"
    assert doc["quality"]["encoding"] == "utf-8"
    assert doc["quality"]["pinyin_notes_removed"] == 398
    assert len(doc["quality"]["mojibake_spans"]) >= 4
    assert isinstance(doc["entities"], list) and isinstance(doc["claims"], list)
    manifest = json.loads((sample_run / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["documents"] == 1
    assert len(manifest["inputs"][0]["sha256"]) == 64
    assert (sample_run / "errors.jsonl").read_text() == ""


def test_token_offsets_map_back_to_raw(sample_run):
    """Converting raw[raw_start:raw_end] (minus any pinyin note) gives the token's text, for every token."""
    (doc,) = _documents(sample_run)
    raw = doc["raw_text"]
    mojibake = doc["quality"]["mojibake_spans"]
    checked = 0
    for tok in doc["tokens"]:
        piece = raw[tok["raw_start"]:tok["raw_end"]]
        if any(s < tok["raw_end"] and tok["raw_start"] < e for s, e in mojibake):
            continue
        rebuilt = to_simplified(strip_pinyin_notes(piece).text).text
        assert rebuilt == tok["text"] or _punct_equivalent(rebuilt, tok["text"]), (tok, piece)
        assert doc["text"][tok["start"]:tok["end"]] == tok["text"]
        checked += 1
    assert checked > 4000
    # tokens after the last mojibake span and the damaged HTML tag are still aligned
    last = max(e for _, e in mojibake)
    assert any(t["raw_start"] > last for t in doc["tokens"])


def _punct_equivalent(a: str, b: str) -> bool:
    table = str.maketrans(",;:?!()", "，；：？！（）")
    return a.translate(table) == b


def test_segment_and_normalise_commands():
    runner = CliRunner()
    out = runner.invoke(main, ["segment", "-"], input="阿里云营收为776亿\n人工智能之父John McCarthy说过\n")
    assert out.exit_code == 0
    assert out.output.splitlines() == ["阿里云 营收 为 776 亿", "人工智能 之 父 John McCarthy 说 过"]
    out = runner.invoke(main, ["normalise", "--json", "-"], input="實現(xiàn)了\n\n")
    lines = [json.loads(x) for x in out.output.splitlines()]
    assert [x["text"] for x in lines] == ["实现了", ""]
    out = runner.invoke(main, ["segment", "--json", "-"], input="它實現(xiàn)了\n")
    (obj,) = [json.loads(x) for x in out.output.splitlines()]
    assert [(t["text"], t["start"], t["end"]) for t in obj["tokens"]] == [("它", 0, 1), ("实现", 1, 9), ("了", 9, 10)]


def test_bad_inputs_do_not_stop_the_run(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SAMPLE, inputs / "good.txt")
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (inputs / "garbage.txt").write_bytes(bytes(range(128, 256)) * 40 + b"\x00" * 200)
    (inputs / "lines.jsonl").write_text('{"id": "ok", "text": "好的"}\n{not json\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(inputs), "-o", str(out)])
    assert result.exit_code == 1
    ids = [d["id"] for d in _documents(out)]
    assert ids == ["good", "ok"]
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    by_source = {e["source"].rsplit("/", 1)[-1]: e for e in errors}
    assert set(by_source) == {"empty.txt", "image.txt", "garbage.txt", "lines.jsonl"}
    assert by_source["empty.txt"]["reason"] == "empty file"
    assert "binary" in by_source["image.txt"]["reason"]
    assert by_source["lines.jsonl"]["line"] == 2
    for name in by_source:
        assert name in result.output  # one line on stderr naming the file
    assert "Traceback" not in result.output


def test_strict_stops_at_first_failure(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(b"")
    (inputs / "b.txt").write_text("好", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(inputs), "-o", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1
    assert _documents(tmp_path / "out") == []


def test_usage_error_exit_code():
    assert CliRunner().invoke(main, ["run"]).exit_code == 2

"""Hostile and broken input: no stage crashes, offsets stay in range, no document is lost or corrupted."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.cli import main
from pipeline.document import Record
from pipeline.formats.atomic import dumps
from pipeline.formats.readers import decode_bytes
from pipeline.normalise import normalise
from pipeline.numbers import find_numbers
from pipeline.segment import blank

# any code point, lone surrogates included; plus the shapes scraped text really has
ANY_CHAR = st.characters(blacklist_categories=())
NASTY = st.sampled_from(["\u202e", "\u0301", "\U0001F600", "\x00", "\ud800", "\ufffd", "?!", "(xiàn)", "</p>",
                         "&amp;", "1,000", "7.2%", "亿", "万", "美元", "阿里云", "John McCarthy", "\n", "  ", "<script>",
                         "שלום", "مرحبا", "ＡＢ１２", "實現", "第三", "2022年"])
TEXT = st.text(alphabet=ANY_CHAR, max_size=80) | st.lists(NASTY | st.text(alphabet=ANY_CHAR, max_size=3),
                                                          max_size=25).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_text_stages_never_crash_and_offsets_map_back(text):
    norm = normalise(text)
    assert normalise(norm.text).text == norm.text
    for i in range(len(norm.text) + 1):
        assert 0 <= norm.offsets.to_source(i) <= len(text)
        assert 0 <= norm.offsets.to_source(i, end=True) <= len(text)
    norm.text.encode("utf-8")  # no lone surrogate survives cleaning
    doc = blank()(norm.text)
    assert doc.text == norm.text
    for m in find_numbers(norm.text):
        assert norm.text[m.start:m.end] == m.text


@pytest.fixture(scope="module")
def processor():
    from pipeline.engine import Processor

    return Processor()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_whole_pipeline_and_jsonl_round_trip(processor, text):
    outcome = processor(Record("d", "<test>", text))
    assert outcome.error is None, outcome.error
    document = outcome.document
    line = dumps(document)
    line.encode("utf-8")
    assert json.loads(line) == document
    n = len(document["raw_text"])
    for item in document["tokens"] + document["entities"] + document["claims"]:
        assert 0 <= item["raw_start"] <= item["raw_end"] <= n
        assert document["text"][item["start"]:item["end"]] == item["text"]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [("阿里云营收为776亿。".encode() + "當時的雲計算市場".encode("big5"), "mixed"),
     (("阿里云" * 5).encode() + "营".encode()[:2], "utf-8 (truncated)"),
     ("天翼云营收579亿元\n".encode() + "移动云收入503亿元\n".encode("gbk"), "mixed")],
)
def test_truncated_and_mixed_encodings(data, encoding):
    text, detected = decode_bytes(data)
    assert detected.startswith(encoding)
    assert "阿里云" in text or "天翼云" in text


def _run(args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["run", *args, "-q", "--workers", "1"])
    return result.exit_code, result.output


def _docs(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def _errors(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def test_many_tiny_files(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(2000):
        (inputs / f"{i:05d}.txt").write_text(f"第{i}号文件：营收{i}亿元。", encoding="utf-8")
    code, _ = _run([str(inputs), "-o", str(tmp_path / "out"), "--formats", "claims"])
    assert code == 0
    docs = _docs(tmp_path / "out")
    assert [d["id"] for d in docs] == [f"{i:05d}" for i in range(2000)]


def test_deep_tree_symlink_loop_unreadable_and_vanished_files(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    deep = inputs
    for i in range(60):
        deep = deep / f"d{i}"
    deep.mkdir(parents=True)
    (deep / "bottom.txt").write_text("最深处的文件。", encoding="utf-8")
    (inputs / "loop").symlink_to(inputs)
    (inputs / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")  # disappears before it is read
    (inputs / "locked.txt").write_text("读不到", encoding="utf-8")
    (inputs / "ok.txt").write_text("好的。", encoding="utf-8")
    real_read = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, output = _run([str(inputs), "-o", str(tmp_path / "out")])
    assert code == 1
    ids = {d["id"] for d in _docs(tmp_path / "out")}
    assert "ok" in ids and any(i.endswith("bottom") for i in ids)
    reasons = {Path(e["source"]).name: e["reason"] for e in _errors(tmp_path / "out")}
    assert "Permission denied" in reasons["locked.txt"]
    assert "gone.txt" in reasons
    assert "Traceback" not in output


def test_hostile_jsonl_ids_never_become_paths(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    ids = ["../../escape", "/etc/passwd", "a\x00b", "x" * 10_000, "<script>alert(1)</script>", "=HYPERLINK(\"x\")",
           "dup", "dup"]
    lines = [json.dumps({"id": i, "text": "阿里云营收为776亿元，<b onclick=x>增速</b>为7.2%。"}) for i in ids]
    lines += ["[1, 2]", '{"id": "no-text"}', '{"id": "bad", "text": 7}', "{broken"]
    (inputs / "docs.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = set(os.listdir(tmp_path))
    out = tmp_path / "out"
    code, output = _run([str(inputs), "-o", str(out)])
    assert code == 1
    assert set(os.listdir(tmp_path)) == before | {"out"}
    docs = _docs(out)
    assert [d["id"] for d in docs] == ids[:-1] + ["dup#2"]
    assert docs[-1]["meta"]["duplicate_of"] == "dup"
    assert len(_errors(out)) == 4
    report = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in report
    assert "onclick=x" not in report
    for name in ("entities.csv", "claims.csv"):
        cells = (out / name).read_text(encoding="utf-8-sig")
        assert '\n=HYPERLINK' not in cells and ',=HYPERLINK' not in cells
        assert "'=HYPERLINK" in cells


def test_runaway_document_is_an_error_not_an_oom(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "huge.txt").write_text("数" * 300_000, encoding="utf-8")
    (inputs / "small.txt").write_text("小文件。", encoding="utf-8")
    code, output = _run([str(inputs), "-o", str(tmp_path / "out"), "--max-doc-chars", "100000"])
    assert code == 1
    assert [d["id"] for d in _docs(tmp_path / "out")] == ["small"]
    (error,) = _errors(tmp_path / "out")
    assert error["error"] == "DocumentTooLarge" and "huge.txt" in error["source"]


def test_one_long_line_is_processed(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "line.txt").write_text("阿里云营收为776亿元，增速为7.2%。" * 12_000, encoding="utf-8")  # ~250k chars
    code, _ = _run([str(inputs), "-o", str(tmp_path / "out"), "--formats", "claims"])
    assert code == 0
    (doc,) = _docs(tmp_path / "out")
    assert len(doc["claims"]) == 24_000


def test_strict_and_debug(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inputs / "b.txt").write_text("好。", encoding="utf-8")
    code, output = _run([str(inputs), "-o", str(tmp_path / "out"), "--strict"])
    assert code == 1 and "Traceback" not in output

"""Reading inputs: encodings, JSONL documents, folders, and bad files turned into errors."""
from __future__ import annotations

import json

import pytest

from pipeline.document import InputError, Record
from pipeline.formats.readers import DecodeError, decode_bytes, read_inputs

TEXT = "阿里云在2009年成立。當時的雲計算市場規模是403.5億元。"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8 (BOM)"), ("utf-16", "utf-16 (BOM)"), ("utf-16-le", "utf-16-le"),
     ("gb18030", "gb18030"), ("big5", "big5")],
)
def test_decode_bytes(encoding, expected):
    text = TEXT * 5 if encoding != "big5" else "當時的雲計算市場規模是四百億元，臺灣與香港的讀者。" * 5
    decoded, detected = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert detected.lower().replace("_", "-").startswith(expected.split()[0].replace("-le", "")) or \
        detected.lower() in {"big5", "cp950", "big5hkscs"} and expected == "big5"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty file"), (b"   \n", "empty file"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
     (bytes(range(256)) * 4, "binary|not valid text"), (b"\xff\xfe\x00\xd8", "invalid utf-16")],
)
def test_decode_errors(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


def test_read_folder_recursively(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("一", encoding="utf-8")
    (tmp_path / "two.md").write_text("二", encoding="utf-8")
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / "docs.jsonl").write_text(
        json.dumps({"id": "x", "text": "三", "meta": {"url": "u"}}, ensure_ascii=False) + "\n"
        + "{broken\n" + json.dumps({"id": "y"}) + "\n" + json.dumps([1]) + "\n"
        + json.dumps({"text": 5}) + "\n" + json.dumps({"text": "四"}, ensure_ascii=False) + "\n",
        encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    records = [i for i in items if isinstance(i, Record)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [r.id for r in records] == ["x", "docs:6", "two", "a/one"]  # files of a folder, then its subfolders
    assert records[0].meta == {"url": "u"}
    assert sorted(e.line for e in errors) == [2, 3, 4, 5]
    assert {e.reason for e in errors} >= {"missing 'text'", "JSON line is not an object", "'text' is not a string"}


def test_missing_path_is_an_error(tmp_path):
    items = list(read_inputs([tmp_path / "nope.txt"]))
    assert isinstance(items[0], InputError) and "no such file" in items[0].reason


def test_symlink_loop_terminates(tmp_path):
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("文", encoding="utf-8")
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    records = [i for i in read_inputs([tmp_path]) if isinstance(i, Record)]
    assert [r.id for r in records] == ["d/x"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.txt", "text"), ("a.TXT", "text"), ("a.md", "markdown"), ("a.markdown", "markdown"), ("a.html", "html"),
     ("a.htm", "html"), ("a.jsonl", "jsonl")],
)
def test_format_by_suffix(tmp_path, name, fmt):
    body = json.dumps({"text": "正文"}) if fmt == "jsonl" else "# 标题\n正文 [链接](http://x)"
    (tmp_path / name).write_text(body, encoding="utf-8")
    (record,) = read_inputs([tmp_path / name])
    assert record.format == ("text" if fmt == "jsonl" else fmt)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("阿里云在2009年成立。\n规模403.5亿元。", "text"),
        ("1. 第一点\n2. 第二点", "text"),  # one kind of Markdown syntax is not enough
        ("# 历史\n\n公司由[王兴](../Page/王兴.md \"wikilink\")创办。", "markdown"),
        ("[a](http://a) [b](http://b) [c](http://c)", "markdown"),
        ("| 公司 | 营收 |\n|---|---|\n| 阿里 | 1 |\n\n**注**", "markdown"),
        ("<!DOCTYPE html>\n<html><body><p>正文</p></body></html>", "html"),
        ("\ufeff  <html lang=\"zh\"><p>正文</p>", "html"),
        ("<!-- saved -->\n<head><title>t</title></head>", "html"),
        ("正文里有 <b>标签</b> 的文字", "text"),
        ('{"id": "a", "text": "正文"}\n{"id": "b", "text": "二"}', "jsonl"),
        ("{不是 JSON}", "text"),
    ],
)
def test_sniff_format(text, fmt):
    from pipeline.formats.readers import sniff_format

    assert sniff_format(text) == fmt


def test_stdin_is_sniffed(monkeypatch):
    import io
    import sys

    data = "## 业务\n\n- [美团外卖](https://zh.wikipedia.org/wiki/美团外卖 \"wikilink\")\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (record,) = read_inputs(["-"])
    assert record.format == "markdown" and record.id == "stdin"


def test_jsonl_lines_say_their_format(tmp_path):
    lines = [{"id": "a", "text": "# 标题"}, {"id": "b", "text": "# 标题", "format": "markdown"},
             {"id": "c", "text": "<p>正文</p>", "meta": {"format": "html", "url": "u"}},
             {"id": "d", "text": "正文", "format": "pdf"}]
    path = tmp_path / "docs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    items = list(read_inputs([path]))
    assert [(r.id, r.format) for r in items if isinstance(r, Record)] == [("a", "text"), ("b", "markdown"), ("c", "html")]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert error.doc_id == "d" and "unknown format 'pdf'" in error.reason

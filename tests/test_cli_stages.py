"""Line commands (numbers, entities) print exactly one object per input line; claims per document."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import main


def _objects(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines()]


def test_numbers_one_object_per_line_with_offsets_into_the_line():
    lines = ["營收接近40億美元,增速7.2%", "", "没有数字", "ＡＢ１２３４元"]
    result = CliRunner().invoke(main, ["numbers", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    objs = _objects(result.output)
    assert [o["text"] for o in objs] == lines
    first = objs[0]["numbers"]
    assert [(n["text"], n["value"], n["unit"], n["qualifier"]) for n in first] == [
        ("接近40億美元", 4e9, "USD", "approx"), ("7.2%", 7.2, "%", "exact")]
    for obj in objs:
        for n in obj["numbers"]:
            assert obj["text"][n["start"]:n["end"]] == n["text"]
    assert objs[1]["numbers"] == [] and objs[2]["numbers"] == []


def test_entities_one_object_per_line():
    lines = ["马云创立了阿里巴巴", "", "人工智能之父John McCarthy說,IBM的CEO"]
    result = CliRunner().invoke(main, ["entities", "-"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    objs = _objects(result.output)
    assert len(objs) == 3 and objs[1] == {"text": "", "entities": []}
    found = {(e["text"], e["label"]) for o in objs for e in o["entities"]}
    assert {("马云", "PER"), ("阿里巴巴", "ORG"), ("John McCarthy", "PER"), ("IBM", "ORG")} <= found
    assert not any(e["text"] == "CEO" for o in objs for e in o["entities"])
    for obj in objs:
        for e in obj["entities"]:
            assert obj["text"][e["start"]:e["end"]] == e["text"]


def test_claims_command():
    result = CliRunner().invoke(main, ["claims", "-"], input="到2022年時,阿里雲營收為776億,增速為7.2%。\n")
    assert result.exit_code == 0, result.output
    claims = _objects(result.output)
    assert [(c["subject"], c["metric"], c["value"], c["unit"], c["period"]) for c in claims] == [
        ("阿里云", "营收", 77.6e9, "CNY", "2022"), ("阿里云", "营收增速", 7.2, "%", "2022")]
    assert claims[0]["en"] == "Alibaba Cloud revenue (2022): CNY 77.6 billion"


def test_missing_file_reported_with_exit_code_1(tmp_path):
    result = CliRunner().invoke(main, ["numbers", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output


DATA = Path(__file__).parent / "data"


def test_normalise_shows_what_reading_removed():
    raw = '# 业务\n\n[百度外卖](https://zh.wikipedia.org/wiki/百度外卖 "wikilink")的订单\\[1\\]。\n'
    result = CliRunner().invoke(main, ["normalise", "--json", "-"], input=raw)
    assert result.exit_code == 0, result.output
    (obj,) = _objects(result.output)  # one object per Markdown document (sniffed on stdin)
    assert obj["text"].split() == ["业务", "百度外卖的订单。"]
    assert obj["quality"]["format"] == "markdown" and obj["quality"]["links_removed"] == 1
    removed = [piece for _, _, piece in obj["removed"]]
    assert removed == ["#", "[", '](https://zh.wikipedia.org/wiki/百度外卖 "wikilink")', "\\[1\\]"]
    assert all(raw[s:e] == piece for s, e, piece in obj["removed"])


def test_normalise_html_main_and_all():
    page = str(DATA / "news_article.html")
    main_text = CliRunner().invoke(main, ["normalise", page]).output
    all_text = CliRunner().invoke(main, ["normalise", "--html-all", page]).output
    assert main_text.startswith("外卖平台竞争进入新阶段") and "相关阅读" not in main_text
    assert "相关阅读" in all_text and "美团于11月28日发布第三季度财报" in all_text
    (obj,) = _objects(CliRunner().invoke(main, ["normalise", "--json", page]).output)
    assert obj["meta"] == {"title": "外卖平台竞争进入新阶段 美团第三季度营收增长28%", "date": "2023-11-29"}
    assert obj["quality"]["boilerplate_removed"] > 500
    assert any("相关阅读" in piece for _, _, piece in obj["removed"])


def test_normalise_text_stays_line_by_line():
    result = CliRunner().invoke(main, ["normalise", "-"], input="它實現(xiàn)了\n饿了么\n\n么么哒\n")
    assert result.output.splitlines() == ["它实现了", "饿了么", "", "么么哒"]


def test_claims_command_reads_html():
    result = CliRunner().invoke(main, ["claims", str(DATA / "news_article.html")])
    assert result.exit_code == 0, result.output
    texts = {c["text"] for c in _objects(result.output)}
    assert {"764.7亿元", "28%", "559亿元"} <= texts
    assert "3500亿元" not in texts  # a related article's headline
    whole = CliRunner().invoke(main, ["claims", "--html-all", str(DATA / "news_article.html")])
    assert "3500亿元" in {c["text"] for c in _objects(whole.output)}

"""Markdown pages: what a reader sees, wiki export leftovers removed, offsets back to the file."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Record
from pipeline.formats.markdown import read_markdown
from pipeline.normalise import normalise, to_simplified

WIKILINK = '[百度外卖](https://zh.wikipedia.org/wiki/百度外卖 "wikilink")'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"由{WIKILINK}运营。", "由百度外卖运营。"),  # link text kept, URL and "wikilink" title dropped
        ("> " * 60 + "引用", "引用"),  # nested, but not too deep
        ("[长和](../Page/长江和记实业.md \"wikilink\")的股东", "长和的股东"),
        ("见 ![标志](logo.png) 图", "见  图"),
        ("正文<!-- 注释 -->继续", "正文继续"),
        ("# 历史\n2010年成立。", "历史\n2010年成立。"),  # a heading is its own line
        ("- 腾讯：20%\n- 王兴：11%\n", "腾讯：20%\n王兴：11%"),
        ("| 公司 | 营收 |\n|---|---|\n| 阿里 | 100亿 |\n", "公司\n营收\n阿里\n100亿"),  # a table cell is its own line
        ("说明\n\n```python\nprint('x')\n```\n\n结尾", "说明\n结尾"),  # code blocks are skipped
        ("运行 `pip install` 即可", "运行 pip install 即可"),  # inline code is text
        ("美团\\[1\\]成立\\[注 2\\]。", "美团成立。"),  # reference markers
        ("公司（，）是{{lang|en|Meituan}}网站。", "公司是网站。"),  # templates, and the brackets they emptied
        ("收入<ref>《年报》2019</ref>增长<ref name=\"a\"/>。", "收入增长。"),
        ('[Category:中国网站](https://zh.wikipedia.org/wiki/Category:中国网站 "wikilink")', ""),
        ("- 项目\n<!-- end list -->\n正文", "项目\n正文"),
        ("**美团**和*饿了么*", "美团和饿了么"),
        ("AT&amp;T 与 \\*星号\\*", "AT&T 与 *星号*"),
        ("访问 <https://www.meituan.com> 或 https://ele.me 。", "访问  或  。"),
        ('[a.jpg](https://zh.wikipedia.org/wiki/File:a.jpg "fig:a.jpg")机队于[杭州](x "wikilink")\\]\\] 正文', "正文"),
        ('[缩略图](https://zh.wikipedia.org/wiki/File:b.jpg "fig:缩略图")\n**美团点评**是网站。', "美团点评是网站。"),
        # a long wrapped line joins the next (nothing between Chinese characters); a short one stays a line
        ("这是一个很长的段落，它被编辑器在八十列的位置折行了，所以下一行是同一句\n话的后半部分。", None),
        ("Place of residence\nMainland China\nHong Kong", "Place of residence\nMainland China\nHong Kong"),
    ],
)
def test_read_markdown(raw, expected):
    if expected is None:
        expected = raw.replace("\n", "")
    assert read_markdown(raw).text.strip() == expected


@pytest.mark.parametrize(
    "heading", ["参考文献", "參考資料", "外部链接", "外部連結", "注释", "参见", "References", "External links", "Notes"]
)
def test_reference_sections_are_left_out_of_the_text(heading):
    raw = f"## 历史\n公司于2010年成立。\n\n## {heading}\n- 《年报》2019年收入100亿\n- [官网](http://x.com)\n\n## 业务\n外卖。\n"
    page = read_markdown(raw)
    assert page.text.split() == ["历史", "公司于2010年成立。", "业务", "外卖。"]
    assert page.removed["reference_section_chars"] == raw.index("## 业务") - raw.index(f"## {heading}")


def test_a_deeper_heading_stays_inside_the_reference_section():
    raw = "# 公司\n正文。\n## 参考资料\n### 书籍\n- 书\n## 历史\n成立。"
    assert read_markdown(raw).text.split() == ["公司", "正文。", "历史", "成立。"]


def test_removed_pieces_are_counted():
    raw = f"# 美团\n{WIKILINK}\\[1\\]。![x](y.png)\n\n```\ncode\n```\n"
    removed = read_markdown(raw).removed
    assert removed["links"] == 1 and removed["images"] == 1 and removed["code_chars"] == len("```\ncode\n```\n")
    assert removed["wiki_chars"] == 3  # [1]
    assert removed["markup_chars"] > len("(https://zh.wikipedia.org/wiki/百度外卖 \"wikilink\")")


def _check_offsets(raw: str) -> None:
    """Every character of the page comes from the same character of the file, in order, or is a
    separator (line break, space) or a decoded escape or entity."""
    page = read_markdown(raw)
    last = 0
    for i, char in enumerate(page.text):
        start, end = page.offsets.to_source(i), page.offsets.to_source(i + 1, end=True)
        assert 0 <= start <= end <= len(raw)
        assert start >= last
        last = start
        if char not in "\n " and raw[start:end] != char:
            assert raw[start] in "\\&", (char, raw[start:end])


@pytest.mark.parametrize("name", ["zh-s-a1.md", "zh-t-b1.md", "en-b2.md"])
def test_offsets_of_real_wikipedia_exports(shared_data, name):
    _check_offsets((shared_data / "claims" / "docs" / name).read_text(encoding="utf-8"))


PIECES = ["中文", "text", " ", "\n", "\n\n", "# ", "- ", "> ", "1. ", "**", "*", "`", "```\n", "[", "]", "](u)",
          "](https://x.org/a_(b) \"t\")", "![", "<!-- c -->", "<ref>", "</ref>", "<br>", "\\[", "\\]", "&amp;",
          "{{", "}}", "|", "|---|", "\r\n", "\t", "    ", "[1]", "（，）", "http://x.y/z"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_offsets_always_point_at_their_source(raw):
    _check_offsets(raw)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_normalised_markdown_maps_back_in_range(raw):
    norm = normalise(read_markdown(raw))
    for i in range(len(norm.text)):
        start, end = norm.to_raw(i, i + 1)
        assert 0 <= start <= end <= len(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "- " * 10_000 + "x\n",  # 10 k nested lists
        ">" * 10_000 + " x\n",
        "".join("  " * i + "- 项\n" for i in range(300)),
        "| a | b |\n|---|---|\n" + "| 阿里 | 1 |\n" * 5000,
        "<div><p>中文 " * 2000,  # unclosed tags
        "正文\n\n<!-- 没有结束的注释 " + "内容 " * 2000,
        "[" * 5000 + "x" + "](u)" * 5000,
        "*a **b " * 5000,
    ],
)
def test_hostile_markdown_is_read(raw):
    page = read_markdown(raw)
    assert len(page.text) <= len(raw)
    _check_offsets(raw)


# --- through the whole pipeline --------------------------------------------------------------------------

DATA = Path(__file__).parent / "data"
MARKUP_IN_NAMES = re.compile(r"http|wikilink|Category|\.md|\[\d+\]|\\\[|\]\(|\{\{|<ref|fig:")
LINK_SYNTAX = re.compile(r"\]\([^)]*\)|[\[\]*\\]")


@pytest.fixture(scope="module")
def processor():
    from pipeline.engine import Processor

    return Processor()


def _process(processor, path: Path) -> dict:
    raw = path.read_text(encoding="utf-8")
    outcome = processor(Record(path.stem, str(path), raw, format="markdown"))
    assert outcome.error is None, outcome.error
    assert outcome.document["raw_text"] == raw
    return outcome.document


def _check_names(document: dict) -> None:
    """No entity or claim subject is markup, and every entity's raw span, without the link syntax
    inside it, converts to the entity's text."""
    raw = document["raw_text"]
    for entity in document["entities"]:
        assert not MARKUP_IN_NAMES.search(entity["text"]), entity
        piece = normalise(LINK_SYNTAX.sub("", raw[entity["raw_start"]:entity["raw_end"]]), convert=False).text
        assert entity["text"] in (piece, to_simplified(piece).text), (entity, piece)
    for claim in document["claims"]:
        assert not MARKUP_IN_NAMES.search(claim["subject"] or ""), claim


def test_wiki_export_through_the_pipeline(processor):
    document = _process(processor, DATA / "wiki_export.md")
    _check_names(document)
    names = {e["text"] for e in document["entities"]}
    assert {"饿了么", "张旭豪", "上海交通大学", "阿里巴巴集团", "上海"} <= names  # link texts that name something
    for only_in_references in ("腾讯", "王小明", "新浪"):
        assert only_in_references in document["raw_text"] and only_in_references not in document["text"]
    assert "配送站" not in document["text"]  # a figure caption
    quality = document["quality"]
    assert quality["links_removed"] >= 8 and quality["images_removed"] == 2 and quality["references_removed"] > 200
    assert {c["text"] for c in document["claims"]} >= {"6.3亿美元", "12.5亿美元", "95亿美元"}


@pytest.mark.parametrize("name", ["zh-s-a1", "zh-s-a3", "zh-s-a4", "zh-s-b1", "zh-t-a3", "zh-t-b1", "en-b2"])
def test_real_wikipedia_exports_through_the_pipeline(processor, shared_data, name):
    _check_names(_process(processor, shared_data / "claims" / "docs" / f"{name}.md"))


@pytest.mark.parametrize("raw", ["- " * 10_000 + "最深处的文字\n", "".join("  " * (i % 100) + "- 项目\n" for i in range(300))])
def test_markdown_nested_too_deep_is_read_as_plain_text(raw):
    page = read_markdown(raw)
    assert page.text == raw and "plain text" in page.meta["extraction"]

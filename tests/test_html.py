"""HTML pages: the article among the page furniture (trafilatura), title and date, offsets back to the file."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Record
from pipeline.formats.html import read_html, read_html_all
from pipeline.formats.readers import read_page
from pipeline.normalise import normalise

DATA = Path(__file__).parent / "data"
PAGES = ["news_article", "wiki_page"]  # each beside its article text alone (.txt)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<p>第一段。</p><p>第二段。</p>", "第一段。\n第二段。"),  # blocks end lines
        ("<div>营收<b>776亿</b>元</div>", "营收776亿元"),  # inline tags are removed alone
        ("<p>AT&amp;T&nbsp;and &#20013;&#x6587;</p>", "AT&T and 中文"),
        ("<script>var a = '<p>x</p>';</script><style>p {}</style><p>正文</p>", "正文"),
        ("<!-- 注释 --><p>正文</p><!-- 没有结束", "正文"),
        ("<p>一行<br>两行</p>", "一行\n两行"),
        ("<p>中文段落\n    换行接着写</p>", "中文段落换行接着写"),  # a source line break in a paragraph
        ("<p>English\n  words</p>", "English words"),
        ("<title>标题</title><p>正文</p>", "正文"),
        ("<ul><li>甲</li><li>乙</li></ul><table><tr><td>丙</td><td>丁</td></tr></table>", "甲\n乙\n丙\n丁"),
        ("a < b and c > d", "a < b and c > d"),  # not tags
    ],
)
def test_read_html_all(raw, expected):
    assert read_html_all(raw).text.strip() == expected


def _check_offsets(page, raw: str) -> None:
    """Every character of the page comes from the same character of the file (or an entity), in order."""
    last = 0
    for i, char in enumerate(page.text):
        start, end = page.offsets.to_source(i), page.offsets.to_source(i + 1, end=True)
        assert last <= start <= end <= len(raw)
        last = start
        if char not in "\n ":
            assert raw[start:end] == char or raw[start] == "&", (char, raw[start:end])


@pytest.mark.parametrize("name", PAGES)
def test_the_article_is_read_and_the_furniture_is_not(name):
    raw = (DATA / f"{name}.html").read_text(encoding="utf-8")
    article = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    page = read_html(raw)
    whole = read_html_all(raw)
    paragraphs = [p for p in article.splitlines()[1:] if len(p) > 10]  # the headline may be shown otherwise
    assert all(p in page.text for p in paragraphs)  # in the whole page, reference markers cut some of them
    assert len(page.text) < 0.5 * len(whole.text)
    assert page.removed["boilerplate_chars"] == len(whole.text) - len(page.text)
    assert page.removed["links"] > 20 and page.removed["markup_chars"] > len(raw) / 2
    _check_offsets(page, raw)
    _check_offsets(whole, raw)


def test_title_and_date_go_to_meta():
    raw = (DATA / "news_article.html").read_text(encoding="utf-8")
    for page in (read_html(raw), read_html(raw, main=False)):
        assert page.meta["title"] == "外卖平台竞争进入新阶段 美团第三季度营收增长28%"
        assert page.meta["date"] == "2023-11-29"
    assert read_html(raw).text.startswith("外卖平台竞争进入新阶段")  # the headline as the page shows it


@pytest.mark.parametrize("raw", ["<html></html>", "纯文本，没有标签。", "<html><body><!-- 空 --></body></html>"])
def test_a_page_without_main_text_is_read_whole(raw):
    page = read_html(raw)
    assert page.text == read_html_all(raw).text
    assert page.meta.get("extraction", "").startswith("whole page")


PIECES = ["<p>", "</p>", "<div class='a'>", "</div>", "<br>", "<a href='x'>", "</a>", "<script>", "</script>",
          "<!--", "-->", "&amp;", "&nbsp;", "&#20013;", "中文", "text", " ", "\n", "<", ">", "&", "<b", "<title>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_offsets_always_point_at_their_source(raw):
    _check_offsets(read_html_all(raw), raw)
    norm = normalise(read_html_all(raw))
    for i in range(len(norm.text)):
        start, end = norm.to_raw(i, i + 1)
        assert 0 <= start <= end <= len(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "<div>" * 10_000 + "中文" + "</div>" * 10_000,  # deep nesting
        "<div><p><span>中文 " * 3000,  # unclosed tags
        "<a " * 5000 + "中文",  # tags that never close
        "<script>" * 3000,
        "<table>" + "<tr><td>阿里</td><td>1</td></tr>" * 5000,  # no closing table
        "&" * 10_000 + "&amp" * 5000,
    ],
)
def test_hostile_html_is_read(raw):
    for page in (read_html_all(raw), read_html(raw)):
        assert len(page.text) <= len(raw)
        _check_offsets(page, raw)


# --- through the whole pipeline --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def processors():
    from pipeline.engine import Options, Processor

    return {"main": Processor(), "all": Processor(Options(html="all"))}


def _annotations(document: dict) -> tuple[set, set]:
    entities = {(e["text"], e["label"]) for e in document["entities"]}
    claims = {(c["text"], c["value"], c["subject"]) for c in document["claims"]}
    return entities, claims


@pytest.mark.parametrize("name", PAGES)
def test_page_gives_the_entities_and_claims_of_its_article(processors, name):
    raw = (DATA / f"{name}.html").read_text(encoding="utf-8")
    article = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    page = processors["main"](Record(name, name, raw, format="html")).document
    alone = processors["main"](Record(name, name, article)).document
    assert page["raw_text"] == raw and page["meta"]["title"]
    (page_entities, page_claims), (entities, claims) = _annotations(page), _annotations(alone)
    assert len(entities) >= 8 and len(claims) >= 5
    assert len(page_entities ^ entities) <= 0.05 * len(entities)
    assert len(page_claims ^ claims) <= 0.05 * len(claims)
    for entity in page["entities"]:  # raw offsets point at the name in the file
        assert normalise(read_page(raw[entity["raw_start"]:entity["raw_end"]], "html", html="all")).text == entity["text"]
    # the whole page's text brings the furniture's names and figures with it
    whole_entities, whole_claims = _annotations(processors["all"](Record(name, name, raw, format="html")).document)
    assert len(whole_entities) > 1.5 * len(entities)


def test_run_reads_a_folder_of_pages(tmp_path):
    import json
    import shutil

    from click.testing import CliRunner

    from pipeline.cli import main

    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(DATA / "news_article.html", pages / "news.html")
    shutil.copy(DATA / "wiki_export.md", pages / "wiki.md")
    counts = {}
    for flag in ("--html-main", "--html-all"):
        out = tmp_path / flag
        result = CliRunner().invoke(main, ["run", str(pages), "-o", str(out), "--quiet", "--formats", "claims", flag])
        assert result.exit_code == 0, result.output
        documents = {d["id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text(encoding="utf-8").splitlines())}
        assert documents["news"]["quality"]["format"] == "html" and documents["wiki"]["quality"]["format"] == "markdown"
        assert documents["news"]["meta"]["title"].startswith("外卖平台竞争进入新阶段")
        assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["options"]["html"] == flag[7:]
        counts[flag] = len(documents["news"]["claims"])
    assert counts["--html-all"] > counts["--html-main"]


def test_a_table_in_the_article_keeps_its_cells():
    paragraph = ("<p>美团第三季度营收为764.7亿元，同比增长28%；经营利润为62.1亿元，去年同期为亏损。"
                 "其中核心本地商业分部收入为559亿元。</p>")
    table = "<table><tr><th>业务</th><th>收入</th></tr><tr><td>核心本地商业</td><td>559亿元</td></tr></table>"
    raw = f"<html><body><nav><a href='/'>首页</a></nav><article>{paragraph * 3}{table}</article></body></html>"
    page = read_html(raw)
    assert ["业务", "收入", "核心本地商业", "559亿元"] == page.text.splitlines()[-4:]
    assert "首页" not in page.text
    _check_offsets(page, raw)

"""Cross-document, cross-language claim comparison (the "跨文档核对 Cross-document check" of summary.md and
report.html), CC-CEDICT glosses in CoNLL-U, and one end-to-end run with a conflict between documents."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import conllu
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.formats.conllu import document_conllu
from pipeline.formats.report import render_html, render_markdown
from pipeline.gloss import gloss
from pipeline.summarise import compare_claims, corpus_summary, shown_precision

from .writer_fixtures import aliyun_en, aliyun_zh


def _claim(value, text, qualifier="exact", unit="CNY", value_high=None):
    return {"value": value, "value_high": value_high, "text": text, "qualifier": qualifier, "unit": unit}


class Groups(HTMLParser):
    """The cross-document panels of report.html: per panel, its heading text, badge text and all its text."""

    def __init__(self):
        super().__init__()
        self.groups: list[dict] = []
        self._depth = 0  # div depth inside the current group panel
        self._in_h3 = self._in_badge = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "div" and "crossgroup" in (a.get("class") or "").split():
            self.groups.append({"status": a.get("data-status"), "key": a.get("data-group"), "title": "",
                                "badge": "", "text": ""})
            self._depth = 1
        elif tag == "div" and self._depth:
            self._depth += 1
        if self._depth and tag == "h3":
            self._in_h3 = True
        if self._depth and tag == "span" and "badge" in (a.get("class") or ""):
            self._in_badge = "conflict" if "conflict" in a.get("class", "") else "other"

    def handle_endtag(self, tag):
        if tag == "div" and self._depth:
            self._depth -= 1
        if tag == "h3":
            self._in_h3 = False
        if tag == "span":
            self._in_badge = False

    def handle_data(self, data):
        if not self._depth:
            return
        g = self.groups[-1]
        g["text"] += data
        if self._in_badge and self._in_h3:
            g["badge"] += data
        elif self._in_h3:
            g["title"] += data


def _groups(html_text: str) -> list[dict]:
    parser = Groups()
    parser.feed(html_text)
    return parser.groups


# --- the tolerance rule -----------------------------------------------------------------------------------

def test_shown_precision():
    assert shown_precision("77.6 billion yuan", 77.6e9) == pytest.approx(0.05e9)
    assert shown_precision("776亿", 77.6e9) == pytest.approx(0.5e8)
    assert shown_precision("more than $48 billion", 48e9) == pytest.approx(0.5e9)
    assert shown_precision("百亿", 1e10) == 0


@pytest.mark.parametrize(("a", "b", "expected"), [
    (_claim(77.6e9, "77.6 billion"), _claim(77.62e9, "77.62 billion"), "agree"),
    (_claim(77.6e9, "776亿"), _claim(77.6e9, "77.6 billion yuan"), "agree"),
    (_claim(77.6e9, "776亿"), _claim(80e9, "80 billion yuan"), "conflict"),
    (_claim(48e9, "超过480亿美元", "gt", "USD"), _claim(26e9, "260亿美元", unit="USD"), "conflict"),
    (_claim(48e9, "more than $48 billion", "gt", "USD"), _claim(49e9, "$49 billion", unit="USD"), "agree"),
    (_claim(40.0, "约40%", "approx", "%"), _claim(40.5, "40.5%", unit="%"), "agree"),
    (_claim(7.0, "7%-8%", unit="%", value_high=8.0), _claim(7.2, "7.2%", unit="%"), "agree"),
    (_claim(7.2, "7.2%", unit="%"), _claim(23.0, "23%", unit="%"), "conflict"),
    (_claim(77.6e9, "776亿元"), _claim(9.28e9, "92.8亿美元", unit="USD"), "different currency"),
    (_claim(5.0, "5家", unit="家"), _claim(5.0, "5%", unit="%"), "different unit"),
])
def test_compare_claims(a, b, expected):
    assert compare_claims(a, b) == expected
    assert compare_claims(b, a) == expected


# --- (a) agreeing values: one group, no conflict ------------------------------------------------------------

def test_agreeing_claims_merge_into_one_group():
    summary = corpus_summary([aliyun_zh(), aliyun_en()])
    (group,) = summary["cross_document"]
    assert (group["canonical"], group["metric_en"], group["period"]) == ("alibaba-cloud", "revenue", "2022")
    assert group["status"] == "agree" and group["conflicts"] == 0
    assert group["languages"] == ["en", "zh"] and group["documents"] == ["zh-doc", "en-doc"]
    assert [c["text"] for c in group["claims"]] == ["776亿", "77.6 billion yuan"]
    assert all(c["check"] == "agree" for c in group["claims"])
    # the entity is one, under both names, with its mentions from both languages
    (top, *_) = summary["top_entities"]["ORG"]
    assert top["text"] == "阿里云" and top["english"] == "Alibaba Cloud" and top["count"] == 4
    assert set(top["names"]) == {"阿里云", "Alibaba Cloud"} and top["languages"] == {"zh": 2, "en": 2}
    html_text = render_html(summary)
    (panel,) = _groups(html_text)
    assert panel["status"] == "agree" and "conflict" not in panel["badge"] and "agree" in panel["badge"]
    assert "阿里云 · Ālǐyún · Alibaba Cloud" in panel["title"]
    assert "冲突 Conflicts" not in panel["text"]
    markdown = render_markdown(summary)
    assert "**conflict / 冲突**" not in markdown
    assert "| 阿里云 | Ālǐyún | Alibaba Cloud | 4 | 阿里云, Alibaba Cloud | zh 2 · en 2 |" in markdown


# --- (b) a differing value is a conflict, in the summary, summary.md and report.html ------------------------

@pytest.fixture(scope="module")
def conflict_summary():
    other = aliyun_en("80 billion yuan", 80e9, doc_id="en-other")
    return corpus_summary([aliyun_zh(), aliyun_en(), other])


def test_conflict_in_corpus_summary(conflict_summary):
    (group,) = conflict_summary["cross_document"]
    assert group["status"] == "conflict" and group["conflicts"] == 2
    checks = {c["doc_id"]: c["check"] for c in group["claims"]}
    assert checks == {"zh-doc": "conflict", "en-doc": "conflict", "en-other": "conflict"}
    results = {(group["claims"][p["a"]]["doc_id"], group["claims"][p["b"]]["doc_id"]): p["result"]
               for p in group["pairs"]}
    assert results == {("zh-doc", "en-doc"): "agree", ("zh-doc", "en-other"): "conflict",
                       ("en-doc", "en-other"): "conflict"}


def test_conflict_in_summary_md(conflict_summary):
    markdown = render_markdown(conflict_summary)
    section = markdown.split("## 跨文档核对 Cross-document check", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| **conflict")]
    assert len(rows) == 3
    assert any("| en-other | en | 80 billion yuan |" in r for r in rows)
    assert any("| zh-doc | zh | 776亿 |" in r for r in rows)
    assert "776亿 ≠ en-other: 80 billion yuan" in section


def test_conflict_badge_next_to_its_group(conflict_summary):
    html_text = render_html(conflict_summary)
    (panel,) = _groups(html_text)
    assert panel["status"] == "conflict" and panel["key"] == "alibaba-cloud|revenue|2022"
    assert "营收 · revenue" in panel["title"] and "2022" in panel["title"]
    assert panel["badge"] == "conflict / 冲突"
    assert "80 billion yuan" in panel["text"] and "776亿" in panel["text"]
    assert re.search(r'<span class="badge conflict">conflict / 冲突</span></h3>', html_text)
    assert "跨文档核对" in html_text and "Cross-document check" in html_text


# --- (c) different currencies are not compared ----------------------------------------------------------------

def test_different_currency_is_not_a_conflict():
    usd = aliyun_en("$10.7 billion", 10.7e9, unit="USD")
    summary = corpus_summary([aliyun_zh(), usd])
    (group,) = summary["cross_document"]
    assert group["status"] == "different currency" and group["conflicts"] == 0
    (panel,) = _groups(render_html(summary))
    assert "conflict" not in panel["badge"] and "different currency" in panel["badge"]
    assert "**conflict" not in render_markdown(summary)


def test_claims_of_one_document_are_not_compared():
    doc = aliyun_zh()
    doc["claims"].append(dict(doc["claims"][0], claim_id="zh-doc:c2", value=90e9, text="900亿"))
    assert corpus_summary([doc])["cross_document"] == []


# --- (d) CC-CEDICT glosses in CoNLL-U ----------------------------------------------------------------------

def test_gloss_lookup():
    assert gloss("营收") == "sales"
    assert gloss("云计算") == "cloud_computing"
    assert gloss("云") == "cloud"
    assert gloss("Alibaba") is None and gloss("") is None
    assert gloss("阿里云") is None  # not in CC-CEDICT


def test_conllu_gloss_and_still_valid():
    text = "".join(document_conllu(aliyun_zh()))
    sentences = conllu.parse(text)
    tokens = {t["form"]: t for s in sentences for t in s}
    assert tokens["营收"]["misc"]["Gloss"] == "sales"
    assert tokens["云计算"]["misc"]["Gloss"] == "cloud_computing"
    assert tokens["公司"]["misc"]["Gloss"] == "company"
    assert "Gloss" not in (tokens["2022"]["misc"] or {})
    for s in sentences:
        for t in s:
            misc = t["misc"] or {}
            assert all(v is None or ("|" not in v and " " not in v) for v in misc.values())
    english = "".join(document_conllu(aliyun_en()))
    assert "Gloss=" not in english and conllu.parse(english)


# --- end to end --------------------------------------------------------------------------------------------

def test_run_flags_cross_language_conflict(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "aliyun-zh.txt").write_text("到2022年时，阿里云营收为776亿元。\n", encoding="utf-8")
    (src / "aliyun-en.txt").write_text("Alibaba Cloud's revenue in 2022 was 77.6 billion yuan.\n", encoding="utf-8")
    (src / "aliyun-en-2.txt").write_text("Alibaba Cloud's revenue in 2022 was 80 billion yuan.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(src), "-o", str(out), "-q", "--workers", "1"])
    assert result.exit_code == 0, result.output
    claims = [json.loads(line) for line in (out / "claims.jsonl").read_text(encoding="utf-8").splitlines()]
    keys = {(c["doc_id"], c["canonical"], c["metric_en"], c["period"], c["value"], c["unit"]) for c in claims}
    assert keys == {("aliyun-zh", "alibaba-cloud", "revenue", "2022", 77.6e9, "CNY"),
                    ("aliyun-en", "alibaba-cloud", "revenue", "2022", 77.6e9, "CNY"),
                    ("aliyun-en-2", "alibaba-cloud", "revenue", "2022", 80e9, "CNY")}
    (panel,) = _groups((out / "report.html").read_text(encoding="utf-8"))
    assert panel["status"] == "conflict" and panel["badge"] == "conflict / 冲突"
    assert "阿里云" in panel["title"] and "Alibaba Cloud" in panel["title"]
    assert "776亿元" in panel["text"] and "80 billion yuan" in panel["text"]
    markdown = (out / "summary.md").read_text(encoding="utf-8")
    conflicts = markdown.split("冲突 Conflicts:", 1)[1].split("\n## ", 1)[0]
    assert re.search(r"aliyun-en-2: 80 billion yuan ≠ aliyun-zh: 776亿元|aliyun-zh: 776亿元 ≠ aliyun-en-2: 80 billion "
                     r"yuan", conflicts)
    assert "aliyun-en: 77.6 billion yuan ≠ aliyun-zh" not in conflicts  # 77.6 billion and 776亿 agree
    parsed = conllu.parse((out / "corpus.conllu").read_text(encoding="utf-8"))
    forms = {t["form"]: t["misc"] for s in parsed for t in s}
    assert forms["营收"]["Gloss"] == "sales"

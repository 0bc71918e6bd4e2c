"""``summary.md`` and ``report.html``: the corpus summary for people, in Chinese with English beside it.

Both are rendered from :func:`pipeline.summarise.corpus_summary` (one streaming pass over the documents).

``report.html`` is one self-contained file: inline CSS, a few lines of inline JavaScript (sortable and
filterable claims table; it sets ``body[data-ok]`` once it has run, which the tests read), charts drawn here as
inline SVG, Chinese in the reader's system fonts. Nothing is fetched at view time. Every string that comes
from the input (ids, text, entity names, claim fields, keywords ...) goes through :func:`html.escape`; no
input ever reaches the script.

Both are reproducible: the same documents give the same bytes (no timestamps; see manifest.json for when).

The "跨文档核对 Cross-document check" section (both files) lists claims about the same subject, metric and
period from different documents (and languages) side by side and flags conflicts with a red
"conflict / 冲突" badge; the tolerance rule is in :mod:`pipeline.summarise` and repeated in the section's note.

``summary.md`` is GitHub-flavoured Markdown with tables, readable as plain text; in table cells ``|`` is
escaped and ``<``/``>``/``&`` become HTML entities so input text cannot inject markup.
"""
from __future__ import annotations

import csv
import html
import math
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..summarise import corpus_summary, to_pinyin
from .atomic import atomic_open

MAX_HTML_CLAIMS = 5000
MAX_TIMELINES = 6

LABELS = {
    "ORG": ("机构", "Organisations"), "PERSON": ("人物", "People"), "PER": ("人物", "People"),
    "GPE": ("地区", "Places"), "LOC": ("地点", "Locations"), "PRODUCT": ("产品", "Products"),
    "EVENT": ("事件", "Events"), "NORP": ("群体", "Groups"), "FAC": ("设施", "Facilities"),
    "WORK_OF_ART": ("作品", "Works"), "LAW": ("法规", "Laws"), "MISC": ("其他", "Other"),
}
QUALITY = {
    "html_removed": ("HTML 清除", "HTML markup removed"),
    "invisible_removed": ("不可见字符删除", "invisible characters removed"),
    "fullwidth_folded": ("全角转半角", "full-width letters/digits folded"),
    "pinyin_notes_removed": ("拼音注释删除", "converter pinyin notes removed"),
    "converted_chars": ("繁体转简体字符", "characters converted traditional → simplified"),
    "punctuation_folded": ("标点规范化", "ASCII punctuation made Chinese"),
    "mojibake_spans": ("乱码片段", "garbled (mojibake) passages found"),
    "markup_removed": ("标记删除", "markup characters removed (Markdown, wiki)"),
    "links_removed": ("链接删除", "links whose targets were removed (link text kept)"),
    "images_removed": ("图片删除", "images removed"),
    "code_removed": ("代码删除", "code block characters removed"),
    "wiki_removed": ("维基残留删除", "wiki leftover characters removed (reference markers, templates, categories)"),
    "references_removed": ("参考文献排除", "characters of reference and external-link sections kept out of claims and entities"),
    "boilerplate_removed": ("页面模板删除", "page boilerplate characters removed (navigation, footers, related links)"),
}
KINDS = {"money": ("金额", "money"), "percent": ("百分比", "percent"), "count": ("计数", "count"),
         "quantity": ("数量", "quantity"), "duration": ("时长", "duration"), "multiplier": ("倍数", "multiplier")}
QUALIFIERS = {"exact": "=", "approx": "≈", "gt": ">", "ge": "≥", "lt": "<", "le": "≤"}
STATUS = {"conflict": ("conflict / 冲突", "conflict"), "agree": ("agree / 一致", "agree"),
          "different currency": ("different currency / 货币不同", "other"),
          "different unit": ("different unit / 单位不同", "other"), "": ("—", "other")}
LANGS = {"zh": "中文 zh", "en": "English en"}
MAX_HTML_GROUPS = 500
TOLERANCE_NOTE = (
    "Claims about the same subject, metric and period from different documents, side by side. Claims of "
    "different documents are compared pair by pair when their units are the same (CNY and USD are never "
    "compared: “different currency”). Each claim covers its value (or range) ± half a unit in the "
    "last digit written (77.6 billion: ±0.05 billion; 776亿: ±0.5亿); “approx” adds "
    "±10 %, “more than” is open upwards, “less than” downwards. Two claims conflict when "
    "these do not overlap and the stated values differ by more than 1 %.")


def e(value: Any) -> str:
    """HTML-escape anything (quotes included) for text and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Chinese name -> English name from the packaged gazetteer (read only; empty if absent)."""
    try:
        text = resources.files("pipeline.resources").joinpath("gazetteer.tsv").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    out: dict[str, str] = {}
    for row in csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"):
        if row.get("name") and row.get("english"):
            out.setdefault(row["name"], row["english"])
    return out


def english_of(name: str, summary: dict) -> str:
    return summary.get("english", {}).get(name) or _gazetteer().get(name, "")


def name_triple(name: str, summary: dict, english: str = "") -> tuple[str, str, str]:
    """``("阿里云", "Ālǐyún", "Alibaba Cloud")``: the name, its pinyin ('' without Han characters) and its
    English name where known ('' when unknown or when it is only the pinyin without tones)."""
    py = to_pinyin(name, capitalize=True)
    py = "" if py == name else py
    en = english or english_of(name, summary)
    if en == name or (py and _plain(en) == _plain(py)):
        en = ""
    return name, py, en


def name_parts(name: str, summary: dict, english: str = "") -> list[str]:
    """``["阿里云", "Ālǐyún", "Alibaba Cloud"]``, leaving out what is unknown."""
    return [p for p in name_triple(name, summary, english) if p]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c)).lower()


def fmt_number(v: Any) -> str:
    if not isinstance(v, (int, float)) or isinstance(v, bool):
        return "" if v is None else str(v)
    a = abs(v)
    for div, suffix in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if a >= div:
            return f"{v / div:.4g}{suffix}"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.4g}"


def fmt_value(v: Any, unit: str | None) -> str:
    text = fmt_number(v)
    if not text or not unit:
        return text
    return f"{text}%" if unit == "%" else f"{unit} {text}" if re.fullmatch(r"[A-Z]{3}", unit) else f"{text} {unit}"


def label_title(label: str) -> tuple[str, str]:
    return LABELS.get(label, (label, label))


def scoped(title: str, scope: Any) -> str:
    """A metric's title with the place or market its figure is restricted to (市场份额 · market share @ 马来西亚)."""
    return f"{title} @ {scope}" if scope else title


def scoped_metric(row: dict) -> str:
    """The metric title of a claim or claim group, with its scope (:func:`scoped`)."""
    return scoped(metric_title(str(row.get("metric") or ""), str(row.get("metric_en") or "")), row.get("scope"))


def metric_title(metric: str, metric_en: str) -> str:
    if metric and metric_en and metric.casefold() == metric_en.casefold():
        return metric_en
    return " · ".join(p for p in (metric, metric_en) if p) or "无指标 no metric"


# --- SVG charts -----------------------------------------------------------------------------------------

def svg_bars(items: list[tuple[str, float]], *, label_width: int = 330, width: int = 860, color: str = "#3b6ea8",
             title: str = "") -> str:
    """Horizontal bar chart; ``items`` are (plain label, value)."""
    if not items:
        return '<p class="empty">—</p>'
    bar_h, gap, top = 22, 8, 6
    height = top + len(items) * (bar_h + gap)
    top_value = max(v for _, v in items) or 1
    scale = (width - label_width - 70) / top_value
    out = [(f'<svg class="chart" role="img" aria-label="{e(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">')]
    for i, (label, value) in enumerate(items):
        y = top + i * (bar_h + gap)
        w = max(value * scale, 1)
        shown = _clip(label, (label_width - 16) // 7)
        out.append(f'<g><title>{e(label)}: {e(fmt_number(value))}</title>'
                   f'<text x="{label_width - 8}" y="{y + bar_h * 0.7:.1f}" text-anchor="end" class="lbl">{e(shown)}</text>'
                   f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" fill="{color}"/>'
                   f'<text x="{label_width + w + 6:.1f}" y="{y + bar_h * 0.7:.1f}" class="val">{e(fmt_number(value))}</text></g>')
    out.append("</svg>")
    return "".join(out)


def _display_width(text: str) -> int:
    """Rough width in half-width units: CJK and other wide characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, units: int) -> str:
    if _display_width(text) <= units:
        return text
    out, used = [], 1
    for c in text:
        used += _display_width(c)
        if used > units:
            break
        out.append(c)
    return "".join(out) + "…"


def _nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / n
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(lo / step) * step
    ticks = []
    t = start
    while t <= hi + step * 0.5:
        ticks.append(round(t, 10))
        t += step
    return ticks


def svg_timeline(series: dict, *, width: int = 560, height: int = 260, title: str = "") -> str:
    """Line (mean per period) with a dot for every value, periods in order along x."""
    points = series["points"]
    unit = series.get("unit") or ""
    values = [v for p in points for v in p["values"]]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    span = (hi - lo) or abs(hi) or 1.0
    ticks = _nice_ticks(lo - (0.08 * span if lo < 0 else 0), hi + 0.12 * span)
    lo, hi = ticks[0], ticks[-1]
    left = 14 + 7 * max(_display_width(fmt_value(t, unit)) for t in ticks)
    right, top, bottom = 20, 18, 36
    pw, ph = width - left - right, height - top - bottom

    def x(i: int) -> float:
        return left + (pw * (i + 0.5) / len(points))

    def y(v: float) -> float:
        return top + ph - (v - lo) / ((hi - lo) or 1) * ph

    out = [(f'<svg class="chart" role="img" aria-label="{e(title)}" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">')]
    for t in ticks:
        out.append(f'<line x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end" class="tick">{e(fmt_value(t, unit))}</text>')
    means = [(x(i), y(sum(p["values"]) / len(p["values"]))) for i, p in enumerate(points)]
    if len(means) > 1:
        out.append('<polyline fill="none" stroke="#c0392b" stroke-width="2.5" points="'
                   + " ".join(f"{a:.1f},{b:.1f}" for a, b in means) + '"/>')
    for i, p in enumerate(points):
        out.append(f'<text x="{x(i):.1f}" y="{height - 12}" text-anchor="middle" class="tick">{e(p["period"])}</text>')
        for v in p["values"]:
            out.append(f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="4.5" fill="#c0392b">'
                       f'<title>{e(p["period"])}: {e(fmt_value(v, unit))}</title></circle>')
        if len(set(p["values"])) == 1:
            v = p["values"][0]
            out.append(f'<text x="{x(i):.1f}" y="{y(v) - 9:.1f}" text-anchor="middle" class="val">'
                       f'{e(fmt_value(v, unit))}</text>')
    out.append("</svg>")
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------------------------

CSS = """
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--bg:#f5f7fa;--accent:#3b6ea8}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.55 system-ui,-apple-system,"Segoe UI",
"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif}
main{max-width:1320px;margin:0 auto;padding:24px 28px 60px}
header.top{background:#243b53;color:#fff;padding:26px 28px}
header.top h1{margin:0 auto;max-width:1264px;font-size:26px}
header.top p{margin:4px auto 0;max-width:1264px;color:#bcccdc}
h2{font-size:21px;margin:34px 0 6px;padding-bottom:4px;border-bottom:2px solid var(--line)}
h2 .en,h3 .en{color:var(--muted);font-weight:500}
h3{font-size:16px;margin:18px 0 6px}
p.note{color:var(--muted);margin:4px 0 12px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;min-width:150px}
.card b{display:block;font-size:24px}
.card span{color:var(--muted);font-size:13px}
.panel{background:#fff;border:1px solid var(--line);border-radius:8px;padding:14px 18px;margin:10px 0;overflow-x:auto}
.grid2{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:12px}
table{border-collapse:collapse;width:100%;font-size:13.5px}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7;position:sticky;top:0}
table.sortable th{cursor:pointer;user-select:none}
table.sortable th:after{content:" ⇅";color:#9aa5b1}
table.sortable th.asc:after{content:" ▲";color:var(--accent)}
table.sortable th.desc:after{content:" ▼";color:var(--accent)}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.en{color:#124a7a}
table.fixed{table-layout:fixed}
table.fixed td,table.fixed th{overflow-wrap:anywhere}
td.sent{color:var(--muted);font-size:12.5px}
tr:nth-child(even) td{background:#fafbfc}
.py{color:var(--muted);font-style:italic}
.tag{display:inline-block;background:#e6eef7;border-radius:4px;padding:0 6px;margin:2px 4px 2px 0;font-size:13px}
.tag i{color:var(--muted);font-size:12px}
.controls{display:flex;gap:12px;align-items:center;flex-wrap:wrap;margin:8px 0}
.controls select,.controls input{font:inherit;padding:4px 8px;border:1px solid var(--line);border-radius:6px}
svg.chart{max-width:100%;height:auto}
svg .lbl{font-size:13px;fill:var(--ink)} svg .val{font-size:12px;fill:var(--muted)}
svg .tick{font-size:11px;fill:var(--muted)} svg .grid{stroke:#e4e7eb}
.empty{color:var(--muted)}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12.5px;font-weight:600;margin-left:8px}
.badge.conflict{background:#c53030;color:#fff}
.badge.agree{background:#2f855a;color:#fff}
.badge.other{background:#e4e7eb;color:var(--ink)}
.panel.conflict{border-color:#c53030;border-width:2px}
tr.conflict td{background:#fff5f5}
td.check.conflict{color:#c53030;font-weight:600}
td.check.agree{color:#2f855a}
div.src{color:var(--muted);font-size:12.5px}
ol.key li{margin:4px 0}
footer{color:var(--muted);font-size:13px;margin-top:40px}
"""

JS = """
(function(){
  function key(td){var v=td.getAttribute('data-sort');if(v===null)v=td.textContent;var n=parseFloat(v);
    return (v!==''&&!isNaN(n)&&isFinite(v))?{n:n}:{s:v};}
  function cmp(a,b){if(a.n!==undefined&&b.n!==undefined)return a.n-b.n;if(a.n!==undefined)return -1;
    if(b.n!==undefined)return 1;return a.s.localeCompare(b.s,'zh');}
  document.querySelectorAll('table.sortable').forEach(function(table){
    table.querySelectorAll('th').forEach(function(th,col){th.addEventListener('click',function(){
      var asc=!th.classList.contains('asc');table.querySelectorAll('th').forEach(function(h){h.classList.remove('asc','desc');});
      th.classList.add(asc?'asc':'desc');var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
      rows.sort(function(r1,r2){var c=cmp(key(r1.cells[col]),key(r2.cells[col]));return asc?c:-c;});
      rows.forEach(function(r){body.appendChild(r);});});});});
  var table=document.getElementById('claims-table');
  if(table){var sel=document.getElementById('claims-doc'),q=document.getElementById('claims-q'),
    shown=document.getElementById('claims-shown');
    function filter(){var d=sel.value,t=q.value.toLowerCase(),n=0;
      Array.prototype.forEach.call(table.tBodies[0].rows,function(r){
        var ok=(!d||r.getAttribute('data-doc')===d)&&(!t||r.textContent.toLowerCase().indexOf(t)>=0);
        r.style.display=ok?'':'none';if(ok)n++;});shown.textContent=String(n);}
    sel.addEventListener('change',filter);q.addEventListener('input',filter);filter();}
  document.body.setAttribute('data-ok','1');
})();
"""


def _heading(level: int, zh: str, en: str, anchor: str = "") -> str:
    ident = f' id="{e(anchor)}"' if anchor else ""
    return f'<h{level}{ident}>{e(zh)} <span class="en">{e(en)}</span></h{level}>'


def _name_html(triple: tuple[str, str, str]) -> str:
    name, py, en = triple
    parts = [e(name)] + ([f'<span class="py">{e(py)}</span>'] if py else []) + ([e(en)] if en else [])
    return " · ".join(parts)


def _series_title(s: dict, summary: dict) -> str:
    subject = " · ".join(name_parts(s["subject"], summary, s.get("subject_en", ""))) if s["subject"] else "—"
    unit = f" ({s['unit']})" if s.get("unit") else ""
    return f"{subject} — {metric_title(s['metric'], s['metric_en'])}{unit}"


def _timelines(summary: dict) -> list[dict]:
    multi = [s for s in summary["timeline"] if len(s["points"]) > 1]
    return (multi or summary["timeline"])[:MAX_TIMELINES]


def _claim_value(c: dict) -> str:
    """``≈ USD 26 billion``, ``7% – 8%``: the value with its qualifier sign and range."""
    shown = fmt_value(c.get("value"), c.get("unit"))
    if c.get("value_high") is not None:
        shown += " – " + fmt_value(c.get("value_high"), c.get("unit"))
    qual = QUALIFIERS.get(str(c.get("qualifier") or ""), "")
    return f"{qual} {shown}" if qual and qual != "=" else shown


def _group_title(g: dict, summary: dict) -> str:
    subject = " · ".join(name_parts(g["subject"], summary, g.get("subject_en", ""))) if g["subject"] else "—"
    return f"{subject} — {scoped_metric(g)} — {g['period']}"


def _pair_text(g: dict, pair: dict) -> str:
    a, b = g["claims"][pair["a"]], g["claims"][pair["b"]]
    sign = "≠" if pair["result"] == "conflict" else "≈" if pair["result"] == "agree" else "⇎"
    return f"{a['doc_id']}: {a.get('text', '')} {sign} {b['doc_id']}: {b.get('text', '')}"


def _crosscheck_html(s: dict) -> list[str]:
    groups = s.get("cross_document") or []
    out = [_heading(2, "跨文档核对", "Cross-document check", "crosscheck"), f'<p class="note">{e(TOLERANCE_NOTE)}</p>']
    if not groups:
        out.append('<p class="empty">没有多个文档共同提及的数据 No subject, metric and period is reported by more '
                   'than one document.</p>')
        return out
    n_conflicts = sum(g["status"] == "conflict" for g in groups)
    n_agree = sum(g["status"] == "agree" for g in groups)
    out.append(f'<p class="crosscheck-counts"><b>{len(groups):,}</b> groups reported by 2+ documents: '
               f'<span class="badge conflict">{n_conflicts:,} conflict / 冲突</span>'
               f'<span class="badge agree">{n_agree:,} agree / 一致</span>'
               f'<span class="badge other">{len(groups) - n_conflicts - n_agree:,} not comparable / 无法比较</span></p>')
    shown = groups[:MAX_HTML_GROUPS]
    if len(shown) < len(groups):
        out.append(f'<p class="note">The first {len(shown):,} of {len(groups):,} groups (conflicts first).</p>')
    for g in shown:
        label, css = STATUS.get(g["status"], STATUS[""])
        out.append(f'<div class="panel crossgroup {css}" data-status="{e(g["status"])}" '
                   f'data-group="{e(g["canonical"])}|{e(g["metric_en"])}|{e(g["period"])}">'
                   f'<h3>{e(_group_title(g, s))}<span class="badge {css}">{e(label)}</span></h3>'
                   '<table class="fixed"><colgroup>'
                   + "".join(f'<col style="width:{pct}%">' for pct in (10, 7, 22, 12, 6, 7, 9, 19, 8))
                   + '</colgroup><thead><tr><th>文档 Doc</th><th>语言 Lang</th><th>原文 Original</th>'
                   '<th>数值 Value</th><th>单位 Unit</th><th>限定 Qualifier</th><th>来源 Source</th>'
                   '<th>English</th><th>核对 Check</th></tr></thead><tbody>')
        for c in g["claims"]:
            check = str(c.get("check") or "")
            ccss = STATUS.get(check, STATUS[""])[1]
            qualifier = str(c.get("qualifier") or "")
            out.append(f'<tr class="{e(ccss)}"><td>{e(c["doc_id"])}</td><td>{e(LANGS.get(c["lang"], c["lang"]))}</td>'
                       f'<td><b>{e(c.get("text", ""))}</b><div class="src">{e(c.get("sentence", ""))}</div></td>'
                       f'<td class="num">{e(_claim_value(c))}</td><td>{e(c.get("unit") or "")}</td>'
                       f'<td>{e(qualifier)} {e(QUALIFIERS.get(qualifier, ""))}</td><td>{e(c.get("source") or "")}</td>'
                       f'<td class="en">{e(c.get("en") or "")}</td>'
                       f'<td class="check {e(ccss)}">{e(STATUS.get(check, STATUS[""])[0])}</td></tr>')
        out.append("</tbody></table>")
        conflicts = [p for p in g["pairs"] if p["result"] == "conflict"]
        if conflicts:
            out.append('<p class="note"><b>冲突 Conflicts:</b> '
                       + "; ".join(e(_pair_text(g, p)) for p in conflicts) + "</p>")
        out.append("</div>")
    return out


def render_html(summary: dict) -> str:
    """report.html: one self-contained page (no network), one section after another."""
    out = [_page_head_html(summary)]
    for section in _HTML_SECTIONS:
        out.extend(section(summary))
    out.append(_page_foot_html())
    return "".join(out)


def _page_head_html(s: dict) -> str:
    return ('<!DOCTYPE html><html lang="zh-Hans"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; img-src data:\">"
            f'<title>语料报告 Corpus report · zhpipe</title><style>{CSS}</style></head><body>'
            '<header class="top"><h1>语料报告 <span style="font-weight:400">Corpus report</span></h1>'
            f'<p>zhpipe {e(__version__)} · {s["documents"]:,} 文档 documents · {s["claims"]:,} 数据声明 claims</p>'
            '</header><main>')


def _page_foot_html() -> str:
    return ('<footer>Generated by zhpipe from documents.jsonl; re-render with <code>zhpipe report OUT</code>. '
            'Pinyin by pypinyin; English names from the zhpipe glossary.</footer>'
            f"</main><script>{JS}</script></body></html>\n")


def _overview_html(s: dict) -> list[str]:
    cards = [("文档", "documents", s["documents"]), ("字符", "characters", s["characters"]),
             ("句子", "sentences", s["sentences"]), ("词", "tokens", s["tokens"]),
             ("实体", "entities", s["entities"]), ("数据声明", "numeric claims", s["claims"])]
    return [
        _heading(2, "概览", "Overview", "overview"),
        '<div class="cards">' + "".join(f'<div class="card"><b>{v:,}</b><span>{e(zh)} {e(en)}</span></div>'
                                        for zh, en, v in cards) + "</div>",
        '<div class="panel"><table><tbody>'
        f'<tr><th>编码 Encodings</th><td>{e(", ".join(f"{k} ({v})" for k, v in s["encodings"].items()))}</td></tr>'
        f'<tr><th>文字 Scripts</th><td>{e(", ".join(f"{k} ({v})" for k, v in s["scripts"].items()))}</td></tr>'
        f'<tr><th>语言 Languages</th><td>{e(", ".join(f"{k} ({v})" for k, v in s["languages"].items()))}</td></tr>'
        "</tbody></table></div>",
    ]


def _cleaning_html(s: dict) -> list[str]:
    out = [_heading(2, "清洗与转换", "Cleaning and conversion", "cleaning"),
           '<p class="note">What was repaired in the raw text before analysis, summed over all documents. '
           f'Raw text: {s["raw_characters"]:,} characters; normalised: {s["characters"]:,}.</p>',
           '<div class="panel"><table><thead><tr><th>项目 Item</th><th>English</th><th>数量 Count</th></tr></thead>'
           '<tbody>']
    for key, value in s["quality"].items():
        zh, en = QUALITY.get(key, (key, key.replace("_", " ")))
        out.append(f'<tr><td>{e(zh)}</td><td>{e(en)}</td><td class="num">{e(fmt_number(value))}</td></tr>')
    out.append("</tbody></table></div>")
    return out


def _entities_html(s: dict) -> list[str]:
    out = [_heading(2, "实体", "Entities", "entities"),
           '<p class="note">Most frequent named entities per type: name · pinyin · English name (where the glossary '
           'knows it).</p>']
    if not s["top_entities"]:
        out.append('<p class="empty">没有实体 No entities found.</p>')
    for label, rows in s["top_entities"].items():
        zh, en = label_title(label)
        out.append(f'<div class="panel"><h3>{e(zh)} <span class="en">{e(en)} ({e(label)})</span></h3>')
        items = [(" · ".join(name_parts(r["text"], s, r.get("english", ""))), r["count"]) for r in rows]
        out.append(svg_bars(items, title=f"{zh} {en}"))
        merged = [r for r in rows if len(r.get("names") or []) > 1 or len(r.get("languages") or {}) > 1]
        if merged:
            out.append('<p class="note">合并 Merged across names and languages: ' + "; ".join(
                f'{e(" = ".join(r["names"]))} ({e(_langs_text(r))})' for r in merged) + "</p>")
        out.append("</div>")
    return out


def _timeline_html(s: dict) -> list[str]:
    out = [_heading(2, "时间线", "Claims over time", "timeline"),
           '<p class="note">Numeric claims with a period, per subject and metric: the line joins the mean per period, '
           'each dot is one claim (hover for the value).</p>']
    series = _timelines(s)
    if not series:
        out.append('<p class="empty">没有带时期的数据 No claims with a period.</p>')
    out.append('<div class="grid2">')
    for item in series:
        title = _series_title(item, s)
        out.append(f'<div class="panel"><h3>{e(title)}</h3>{svg_timeline(item, title=title)}</div>')
    out.append("</div>")
    return out


def _metrics_html(s: dict) -> list[str]:
    items = [(metric_title(r["metric"], r["metric_en"]), r["count"]) for r in s["claims_by_metric"][:15]]
    return [_heading(2, "指标", "Claims by metric", "metrics"),
            f'<div class="panel">{svg_bars(items, color="#2f855a", title="claims by metric")}</div>']


def _claims_html(s: dict) -> list[str]:
    """The sortable, filterable claims table (its script is ``JS``)."""
    rows = s["claim_rows"][:MAX_HTML_CLAIMS]
    note = f"{len(rows):,} of {s['claims']:,} claims shown; all are in claims.csv." \
        if len(rows) < s["claims"] else f"{s['claims']:,} claims."
    doc_ids = list(dict.fromkeys(str(c.get("doc_id", "")) for c in rows))
    out = [_heading(2, "数据声明", "Claims", "claims"),
           '<p class="note">Every numeric claim with its English rendering. Click a column header to sort; filter by '
           f'document or text. {e(note)}</p>',
           '<div class="controls"><label>文档 Document <select id="claims-doc"><option value="">all 全部</option>'
           + "".join(f'<option value="{e(d)}">{e(d)}</option>' for d in doc_ids)
           + '</select></label><label>搜索 Search <input id="claims-q" type="search" placeholder="阿里云, revenue …">'
           '</label><span><b id="claims-shown"></b> shown</span></div>',
           '<div class="panel"><table id="claims-table" class="sortable fixed"><colgroup>'
           + "".join(f'<col style="width:{pct}%">' for pct in (6, 7, 17, 7, 11, 13, 9, 6, 7, 17))
           + '</colgroup><thead><tr>'
           "<th>文档 Doc</th><th>原文 Claim</th><th>English</th><th>类型 Kind</th><th>数值 Value</th>"
           "<th>主体 Subject</th><th>指标 Metric</th><th>时期 Period</th><th>来源 Source</th><th>句子 Sentence</th>"
           "</tr></thead><tbody>"]
    out.extend(_claim_row_html(c, s) for c in rows)
    out.append("</tbody></table></div>")
    if not rows:
        out.append('<p class="empty">没有数据声明 No claims found.</p>')
    return out


def _claim_row_html(c: dict, s: dict) -> str:
    kind = str(c.get("kind") or "")
    kz, ken = KINDS.get(kind, (kind, kind))
    value = c.get("value")
    sort_value = value if isinstance(value, (int, float)) and not isinstance(value, bool) else ""
    subject = str(c.get("subject") or "")
    metric = scoped_metric(c) if c.get("metric") or c.get("metric_en") else "—"
    return (f'<tr data-doc="{e(c.get("doc_id", ""))}"><td>{e(c.get("doc_id", ""))}</td>'
            f'<td>{e(c.get("text", ""))}</td><td class="en">{e(c.get("en", ""))}</td>'
            f'<td>{e(kz)} <span class="en">{e(ken)}</span></td>'
            f'<td class="num" data-sort="{e(sort_value)}">{e(_claim_value(c))}</td>'
            f'<td>{_name_html(name_triple(subject, s)) if subject else ""}</td>'
            f'<td>{e(metric)}</td>'
            f'<td>{e(c.get("period") or "")}</td><td>{e(c.get("source") or "")}</td>'
            f'<td class="sent">{e(c.get("sentence", ""))}</td></tr>')


def _documents_html(s: dict) -> list[str]:
    out = [_heading(2, "文档", "Documents", "documents")]
    if s["documents_truncated"]:
        out.append(f'<p class="note">The first {len(s["document_rows"]):,} documents.</p>')
    for d in s["document_rows"]:
        out.append(f'<div class="panel"><h3>{e(d["id"])} <span class="en">{e(d["source"])}</span></h3>'
                   f'<p class="note">{d["chars"]:,} characters · {d["sentences"]:,} sentences · '
                   f'{d["entities"]:,} entities · {d["claims"]:,} claims · {e(d["script"])} · {e(d["encoding"])}</p>')
        for zh, en, words in (("关键词", "Keywords (TF-IDF)", d["keywords"]),
                              ("关键词", "Keywords (TextRank)", d["keywords_textrank"])):
            tags = "".join(f'<span class="tag">{e(k)} <i>{e(to_pinyin(k))}</i></span>' for k in words)
            out.append(f'<p><b>{e(zh)} {e(en)}:</b> {tags or "—"}</p>')
        if d["key_sentences"]:
            out.append('<p><b>关键句 Key sentences</b> (extractive, in document order):</p><ol class="key">'
                       + "".join(f"<li>{e(t)}</li>" for t in d["key_sentences"]) + "</ol>")
        out.append("</div>")
    return out


# the sections of report.html in order; the cross-document check (what a fact-checker opens the report for)
# comes right after the overview
_HTML_SECTIONS = (_overview_html, _crosscheck_html, _cleaning_html, _entities_html, _timeline_html, _metrics_html,
                  _claims_html, _documents_html)


def _langs_text(row: dict) -> str:
    return " · ".join(f"{lang} {n:,}" for lang, n in (row.get("languages") or {}).items())


# --- Markdown -------------------------------------------------------------------------------------------

def md(value: Any) -> str:
    """A Markdown table cell: one line, ``|`` escaped, no raw HTML."""
    text = re.sub(r"\s+", " ", "" if value is None else str(value)).strip()
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _md_table(header: list[str], rows: Iterable[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(md(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _crosscheck_md(s: dict) -> list[str]:
    groups = s.get("cross_document") or []
    L = ["## 跨文档核对 Cross-document check", "", TOLERANCE_NOTE, ""]
    if not groups:
        return L + ["没有多个文档共同提及的数据 No subject, metric and period is reported by more than one document.", ""]
    n_conflicts = sum(g["status"] == "conflict" for g in groups)
    n_agree = sum(g["status"] == "agree" for g in groups)
    L += [f"{len(groups):,} groups reported by 2+ documents, **{n_conflicts:,} conflict / 冲突**, {n_agree:,} agree / 一致.",
          ""]
    rows = []
    for g in groups:
        label = STATUS.get(g["status"], STATUS[""])[0]
        status = f"**{label}**" if g["status"] == "conflict" else label
        subject = " · ".join(name_parts(g["subject"], s, g.get("subject_en", ""))) if g["subject"] else ""
        for c in g["claims"]:
            rows.append([status, subject, scoped_metric(g), g["period"], c["doc_id"],
                         c["lang"], c.get("text"), _claim_value(c), c.get("qualifier"), c.get("source"), c.get("en"),
                         STATUS.get(str(c.get("check") or ""), STATUS[""])[0]])
    L += _md_table(["状态 Status", "主体 Subject", "指标 Metric", "时期 Period", "文档 Doc", "语言 Lang",
                    "原文 Claim", "数值 Value", "限定 Qualifier", "来源 Source", "English", "核对 Check"], rows)
    conflicts = [(g, p) for g in groups for p in g["pairs"] if p["result"] == "conflict"]
    if conflicts:
        L += ["冲突 Conflicts:", ""] + [f"- {md(_group_title(g, s))}: {md(_pair_text(g, p))}" for g, p in conflicts]
        L += [""]
    return L


def render_markdown(summary: dict) -> str:
    s = summary
    L: list[str] = ["# 语料摘要 Corpus summary", "",
                    (f"zhpipe {__version__} · {s['documents']:,} documents · {s['characters']:,} characters "
                     f"({s['raw_characters']:,} raw) · {s['sentences']:,} sentences · {s['entities']:,} entities · "
                     f"{s['claims']:,} claims"), ""]
    L += ["## 概览 Overview", ""]
    L += _md_table(["项目 Item", "值 Value"], [
        ["编码 Encodings", ", ".join(f"{k} ({v})" for k, v in s["encodings"].items())],
        ["文字 Scripts", ", ".join(f"{k} ({v})" for k, v in s["scripts"].items())],
        ["语言 Languages", ", ".join(f"{k} ({v})" for k, v in s["languages"].items())],
    ])
    L += _crosscheck_md(s)
    L += ["## 清洗与转换 Cleaning and conversion", ""]
    L += _md_table(["项目 Item", "English", "数量 Count"],
                   [[*QUALITY.get(k, (k, k.replace("_", " "))), fmt_number(v)] for k, v in s["quality"].items()])
    L += ["## 实体 Entities", ""]
    if not s["top_entities"]:
        L += ["没有实体 No entities found.", ""]
    for label, rows in s["top_entities"].items():
        zh, en = label_title(label)
        L += [f"### {zh} {en} ({md(label)})", ""]
        L += _md_table(["实体 Entity", "拼音 Pinyin", "English", "次数 Count", "写法 Names", "语言 Languages"],
                       [[r["text"], r["pinyin"], r.get("english") or english_of(r["text"], s), r["count"],
                         ", ".join(r.get("names") or []), _langs_text(r)]
                        for r in rows])
    L += ["## 时间线 Claims over time", ""]
    series = _timelines(s)
    if not series:
        L += ["没有带时期的数据 No claims with a period.", ""]
    for item in series:
        L += [f"### {md(_series_title(item, s))}", ""]
        L += _md_table(["时期 Period", "数值 Values"],
                       [[p["period"], ", ".join(fmt_value(v, item.get("unit")) for v in p["values"])]
                        for p in item["points"]])
    L += ["## 指标 Claims by metric", ""]
    L += _md_table(["指标 Metric", "English", "次数 Count"],
                   [[r["metric"], r["metric_en"], r["count"]] for r in s["claims_by_metric"]])
    L += ["## 数据声明 Claims", ""]
    if s["claims_truncated"]:
        L += [f"The first {len(s['claim_rows']):,} of {s['claims']:,} claims; all are in claims.csv.", ""]
    L += _md_table(["文档 Doc", "原文 Claim", "English", "数值 Value", "主体 Subject", "指标 Metric", "时期 Period"],
                   [[c.get("doc_id"), c.get("text"), c.get("en"), fmt_value(c.get("value"), c.get("unit")),
                     " · ".join(name_parts(str(c.get("subject")), s)) if c.get("subject") else "",
                     scoped_metric(c),
                     c.get("period")]
                    for c in s["claim_rows"]])
    L += ["## 文档 Documents", ""]
    for d in s["document_rows"]:
        L += [f"### {md(d['id'])}", "",
              (f"{md(d['source'])} · {d['chars']:,} characters · {d['sentences']:,} sentences · "
               f"{d['entities']:,} entities · {d['claims']:,} claims"), "",
              f"- 关键词 Keywords (TF-IDF): {md(', '.join(d['keywords'])) or '—'}",
              f"- 关键词 Keywords (TextRank): {md(', '.join(d['keywords_textrank'])) or '—'}", ""]
        if d["key_sentences"]:
            L += ["关键句 Key sentences:", ""] + [f"{i}. {md(t)}" for i, t in enumerate(d["key_sentences"], 1)] + [""]
    return "\n".join(L).rstrip() + "\n"


def write_summaries(documents: Iterable[dict], out_dir: Path, formats: Iterable[str] = ("summary", "report")) -> None:
    """The summary files of ``formats`` (names of :data:`SUMMARY_FILES`), all rendered from one
    :func:`corpus_summary` (one pass over the documents)."""
    summary = corpus_summary(documents)
    for name in formats:
        file_name, render = SUMMARY_FILES[name]
        text = render(summary)
        with atomic_open(Path(out_dir) / file_name) as fh:
            fh.write(text)


def write_summary_md(documents: Iterable[dict], out_dir: Path) -> None:
    """``summary.md``: the corpus summary as Markdown."""
    write_summaries(documents, out_dir, ("summary",))


def write_report_html(documents: Iterable[dict], out_dir: Path) -> None:
    """``report.html``: the corpus summary as one self-contained HTML page."""
    write_summaries(documents, out_dir, ("report",))


# format name -> (file, renderer of the corpus summary)
SUMMARY_FILES = {"summary": ("summary.md", render_markdown), "report": ("report.html", render_html)}

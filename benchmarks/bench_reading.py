"""Reading speed per format (targets: plain text >= 1 M chars/s, Markdown and HTML >= 200 k chars/s) and
linear time on hostile markup.

    python -m benchmarks.bench_reading

Reading is what happens to a file before the text stages: decoding its bytes (``decode_bytes``) and
reading the page in its format (``read_page``: Markdown parsed, HTML's article found and aligned back
to the file). Inputs: the sample article (text), the Wikipedia Markdown exports of ../shared/data/claims
(else tests/data/wiki_export.md), the HTML pages of tests/data; each repeated to about 1 M characters
(HTML: as many pages as make that many characters). Chars per CPU-second of this process; the figure
with normalise (cleaning and OpenCC) is shown beside it.

Hostile markup (10 k nested lists, a wide table, unclosed tags, ...) is read at two sizes: the time
ratio for twice the input is about 2 when reading is linear.
Writes benchmarks/out/reading.json.
"""
from __future__ import annotations

import time

from .common import ROOT, SAMPLE, SHARED, save

TARGET_CHARS = 1_000_000
TARGETS = {"text": 1_000_000, "markdown": 200_000, "html": 200_000, "html-all": 200_000}
DATA = ROOT / "tests" / "data"


def _markdown_pages() -> list[str]:
    docs = sorted((SHARED / "data" / "claims" / "docs").glob("*.md"))
    return [p.read_text(encoding="utf-8") for p in docs] or [(DATA / "wiki_export.md").read_text(encoding="utf-8")]


def _inputs() -> dict[str, list[str]]:
    """Documents of each format, about TARGET_CHARS characters in all."""
    def repeat(pages: list[str]) -> list[str]:
        size = sum(map(len, pages))
        return pages * max(1, TARGET_CHARS // size)

    html = [(DATA / f"{name}.html").read_text(encoding="utf-8") for name in ("news_article", "wiki_page")]
    return {"text": repeat([SAMPLE.read_text(encoding="utf-8")]), "markdown": repeat(_markdown_pages()),
            "html": repeat(html), "html-all": repeat(html)}


def throughput() -> dict:
    from pipeline.formats.readers import decode_bytes, read_page
    from pipeline.normalise import normalise

    out = {}
    for name, docs in _inputs().items():
        fmt, html = ("html", "all") if name == "html-all" else (name, "main")
        data = [doc.encode("utf-8") for doc in docs]
        chars = sum(map(len, docs))
        read_page(docs[0], fmt, html=html)  # imports and first-use tables outside the timing
        start = time.process_time()
        pages = [read_page(decode_bytes(blob)[0], fmt, html=html) for blob in data]
        read_s = time.process_time() - start
        start = time.process_time()
        for page in pages:
            normalise(page)
        norm_s = time.process_time() - start
        out[name] = {"chars": chars, "documents": len(docs), "read_chars_per_s": round(chars / read_s),
                     "read_and_normalise_chars_per_s": round(chars / (read_s + norm_s)),
                     "target_chars_per_s": TARGETS[name], "meets_target": chars / read_s >= TARGETS[name]}
    return out


HOSTILE = {
    "markdown: 10 k nested lists (one line)": ("markdown", lambda n: "- " * (n // 2) + "x\n"),
    "markdown: nested lists (lines)": ("markdown", lambda n: "".join("  " * (i % 40) + "- 项目\n" for i in range(n // 50))),
    "markdown: table": ("markdown", lambda n: "| 公司 | 营收 |\n|---|---|\n" + "| 阿里巴巴 | 100亿 |\n" * (n // 16)),
    "markdown: unclosed tags": ("markdown", lambda n: "<div><span><a href='x'>文本 " * (n // 30)),
    "markdown: unclosed link": ("markdown", lambda n: "[文本](http://x " * (n // 16)),
    "markdown: open brackets": ("markdown", lambda n: "[" * (n // 2) + "](u)" * (n // 8)),
    "markdown: emphasis": ("markdown", lambda n: "*a **b " * (n // 7)),
    "html: unclosed tags": ("html", lambda n: "<div><p><span>中文 " * (n // 19)),
    "html: tags that never close": ("html", lambda n: "<a " * (n // 3) + "中文"),
    "html: deep nesting": ("html", lambda n: "<div>" * (n // 12) + "中文" + "</div>" * (n // 12)),
    "html: table": ("html", lambda n: "<table>" + "<tr><td>阿里</td><td>1</td></tr>" * (n // 30)),
    "html: unclosed comment": ("html", lambda n: "<p>正文</p><!-- " + "内容 " * (n // 3)),
}


def linearity(size: int = 200_000) -> dict:
    from pipeline.formats.readers import read_page

    out = {}
    for name, (fmt, make) in HOSTILE.items():
        times = []
        for n in (size, 2 * size):
            raw = make(n)
            start = time.process_time()
            read_page(raw, fmt)
            times.append((len(raw), time.process_time() - start))
        (n1, t1), (n2, t2) = times
        out[name] = {"chars": [n1, n2], "seconds": [round(t1, 3), round(t2, 3)],
                     "time_ratio": round(t2 / max(t1, 1e-6), 2), "size_ratio": round(n2 / n1, 2)}
    return out


def main() -> dict:
    results = {"throughput": throughput(), "hostile": linearity()}
    print("Reading (decode + read_page), chars per CPU-second")
    print(f"{'format':10} {'chars':>10} {'read':>12} {'+normalise':>12} {'target':>10}  ok")
    for name, r in results["throughput"].items():
        print(f"{name:10} {r['chars']:>10,} {r['read_chars_per_s']:>12,} {r['read_and_normalise_chars_per_s']:>12,} "
              f"{r['target_chars_per_s']:>10,}  {'yes' if r['meets_target'] else 'NO'}")
    print("\nHostile markup: time for twice the input (linear: about 2)")
    for name, r in results["hostile"].items():
        print(f"{name:42} {r['chars'][0]:>9,} chars {r['seconds'][0]:7.3f}s  x{r['size_ratio']:.1f} input -> "
              f"x{r['time_ratio']:.2f} time")
    save("reading", results)
    return results


if __name__ == "__main__":
    main()

"""Main-text extractors compared on pages built around known article text: trafilatura (what zhpipe uses),
readability-lxml, jusText, and the whole page's text.

    python -m benchmarks.bench_html

Pages: tests/data/news_article.html (a Chinese news portal page: navigation, breadcrumb, share buttons,
figure caption, inline ad, related articles, comments, hot list, footer) and tests/data/wiki_page.html (a
saved MediaWiki page: infobox, table of contents, edit links, reference markers and list, navbox,
categories, side panel), each beside its article text (.txt); and, when ../shared/data is present, an
English blog page built here around the English Wikipedia text of claims/docs/en-b2.md.

Score: character trigrams of the extracted text against those of the article (precision: how much of
the output is article; recall: how much of the article is in the output), and milliseconds per page.
Writes benchmarks/out/html_extractors.json.
"""
from __future__ import annotations

import html
import re
import time
from collections import Counter

from .common import ROOT, SHARED, save

DATA = ROOT / "tests" / "data"


def _english_page() -> tuple[str, str] | None:
    """An English blog page around the paragraphs of en-b2.md (links and reference markers taken out)."""
    path = SHARED / "data" / "claims" / "docs" / "en-b2.md"
    if not path.exists():
        return None
    from pipeline.formats.markdown import read_markdown

    paragraphs = [p for p in read_markdown(path.read_text(encoding="utf-8")).text.splitlines() if len(p) > 200][:12]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/c/{i}">{name}</a></li>' for i, name in
                  enumerate(["Home", "World", "Business", "Markets", "Tech", "Opinion", "Travel", "Subscribe"]))
    related = "".join(f'<li><a href="/r/{i}">{title}</a></li>' for i, title in enumerate(
        ["Hong Kong stocks rise 2% as tech rallies", "Singapore GDP grows 3.8% in third quarter",
         "Las Vegas Sands posts $1.2 billion profit", "Why Macau's casinos are betting on families"]))
    page = f"""<!DOCTYPE html><html lang="en"><head><title>The Economy of Macau | Asia Money Blog</title>
<meta property="article:published_time" content="2024-03-02"><script>var ads = [];</script></head><body>
<header><a href="/">Asia Money Blog</a><nav><ul>{nav}</ul></nav><form><input placeholder="Search"></form></header>
<main><article><h1>The Economy of Macau</h1><p class="byline">By Jane Doe · March 2, 2024 · 8 min read</p>
<div class="share"><a href="#">Share on X</a> <a href="#">Facebook</a> <a href="#">LinkedIn</a> <a href="#">Email</a></div>
{body}
<div class="newsletter"><h3>Get our weekly newsletter</h3><p>Markets, money and more, every Monday.</p>
<form><input type="email"><button>Sign up</button></form></div></article>
<aside class="related"><h3>Related stories</h3><ul>{related}</ul></aside>
<section class="comments"><h3>14 comments</h3><p>Great read, thanks! — Tom, 2 days ago</p>
<p>The gaming revenue figures for 2023 are out of date. — Ana, 1 day ago</p></section></main>
<footer><p>© 2024 Asia Money Blog. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>"""
    return page, "\n".join(["The Economy of Macau", *paragraphs])


def _pages() -> dict[str, tuple[str, str]]:
    pages = {name: ((DATA / f"{name}.html").read_text(encoding="utf-8"), (DATA / f"{name}.txt").read_text(encoding="utf-8"))
             for name in ("news_article", "wiki_page")}
    english = _english_page()
    if english:
        pages["english_blog"] = english
    return pages


def _trigrams(text: str) -> Counter:
    squeezed = re.sub(r"\s+", " ", text).strip()
    return Counter(squeezed[i:i + 3] for i in range(max(0, len(squeezed) - 2)))


def _score(extracted: str, article: str) -> dict:
    got, want = _trigrams(extracted), _trigrams(article)
    common = sum((got & want).values())
    precision = common / max(1, sum(got.values()))
    recall = common / max(1, sum(want.values()))
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


def _trafilatura(raw: str) -> str:
    from pipeline.formats.html import read_html

    return read_html(raw).text


def _whole_page(raw: str) -> str:
    from pipeline.formats.html import read_html_all

    return read_html_all(raw).text


def _readability(raw: str) -> str:
    import lxml.html
    from readability import Document

    return lxml.html.fromstring(Document(raw).summary()).text_content()


def _justext(raw: str) -> str:
    import justext

    lang = "English" if re.search(r'lang="en', raw) else None
    stoplist = justext.get_stoplist(lang) if lang else frozenset(
        (ROOT / "pipeline" / "resources" / "stopwords_zh.txt").read_text(encoding="utf-8").split())
    return "\n".join(p.text for p in justext.justext(raw.encode("utf-8"), stoplist) if not p.is_boilerplate)


EXTRACTORS = {"trafilatura (zhpipe)": _trafilatura, "readability-lxml": _readability, "jusText": _justext,
              "whole page": _whole_page}


def main() -> dict:
    pages = _pages()
    results: dict = {}
    for extractor, fn in EXTRACTORS.items():
        fn(next(iter(pages.values()))[0])  # imports and first use outside the timing
        for name, (raw, article) in pages.items():
            start = time.perf_counter()
            error = None
            try:
                text = fn(raw)
            except Exception as exc:  # noqa: BLE001  (a competitor failing on a page is a result)
                text, error = "", f"{type(exc).__name__}: {exc}"
            ms = (time.perf_counter() - start) * 1000
            results.setdefault(extractor, {})[name] = {**_score(text, article), "ms": round(ms, 1),
                                                       **({"error": error} if error else {})}
    print("Main-text extraction: character-trigram precision / recall / F1 against the article, ms per page")
    print(f"{'extractor':22}" + "".join(f"{name:>28}" for name in pages))
    for extractor, per_page in results.items():
        cells = "".join(f"{r['precision']:>9.2f}{r['recall']:>6.2f}{r['f1']:>6.2f}{r['ms']:>6.0f}ms" for r in per_page.values())
        print(f"{extractor:22}{cells}")
    save("html_extractors", results)
    return results


if __name__ == "__main__":
    main()

"""HTML pages: the article's text (trafilatura finds it among the page furniture), title and date, offsets kept.

Measured in benchmarks/bench_html.py on pages built around known article text (character-trigram
precision / recall against the article): on a Chinese news page (navigation, share buttons, figure
caption, inline ad, related articles, comments, footer) trafilatura 1.00 / 1.00, readability-lxml
0.89 / 0.93 (it keeps the caption and the ad), jusText 0 / 0 (it finds words between spaces: none in
Chinese), the whole page 0.36 / 0.99; on a saved MediaWiki page 0.98 / 0.98, 0.88 / 0.93, 0 / 0 and
0.24 / 0.96; on an English blog page all three do well (1.00, 0.99, 0.96 F1).
"""
from __future__ import annotations

import html
import re
from collections import Counter
from functools import lru_cache

import numpy as np

from .page import Page, PageBuilder

# what a browser does not show as text: the content of these elements goes with their tags
_HIDDEN = "script|style|noscript|template|svg|math|title|iframe|object|textarea"
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"  # comments (an unclosed one runs to the end, as in a browser)
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    rf"|<(?P<hidden>{_HIDDEN})\b[^<>]{{0,2000}}>.*?(?:</(?P=hidden)\s*>|\Z)"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9:-]{0,30})\b[^<>]{0,4000}>"  # a tag: bounded, stops at the next <
    r"|<[!?][^<>]{0,4000}>"  # doctype, processing instructions
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)"
    r"|(?P<newline>[ \t\r\f]*\n\s*)",
    re.I | re.S,
)
# tags that end a line (blocks, cells, line breaks); every other tag is inline and removed alone
BLOCK_TAGS = frozenset("""
address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure footer
form h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section summary table tbody td tfoot th thead tr ul
""".split())
_COUNTED = {"a": "links", "img": "images"}
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
_CLAUSE = re.compile(r"[^，、,：:]+[，、,：:]*")
NEAR = 2000  # characters: how far past the last piece found the next piece of a broken run may be
_WHITESPACE = np.array([c for c in range(0x3001) if _SPACE.match(chr(c))], dtype=np.uint32)
_LIST_BULLET = re.compile(r"^\s*[-*•]\s+")
_TABLE_RULE = re.compile(r"^[|:\s-]*-[|:\s-]*$")
MAX_MISSES = 20  # runs not found anywhere after the last one (each a search to the end); then only nearby


def _unescape(entity: str) -> str:
    out = html.unescape(entity)
    return " " if out == "\u00a0" else out


def read_html_all(raw: str) -> Page:
    """The whole page as text: tags, comments, scripts and styles removed, entities decoded, each
    block on a line of its own, a line break inside a paragraph read as a space."""
    out = PageBuilder(raw)
    counts: Counter = Counter()
    pos = 0
    for m in _TOKEN.finditer(raw):
        if m.start() > pos and (out.tail and not out.brk or not raw[pos:m.start()].isspace()):
            out.keep(pos, m.start())
        pos = m.end()
        if m.group("entity"):
            out.keep(m.start(), m.end(), _unescape(m.group("entity")))
        elif m.group("newline"):
            out.soft = True
        elif m.group("tag"):
            tag = m.group("tag").lower()
            out.brk = out.brk or tag in BLOCK_TAGS
            if tag in _COUNTED and not m.group("close"):
                counts[_COUNTED[tag]] += 1
    if pos < len(raw):
        out.keep(pos, len(raw))
    text, offsets = out.finish()
    page = Page(text, format="html")
    page.offsets.append(offsets)
    page.removed.update(counts, markup_chars=out.removed)
    return page


# furniture of MediaWiki pages (Wikipedia and other wikis) that trafilatura would keep: infoboxes, navigation
# boxes, reference lists and markers, edit links, the table of contents, category links, image captions.
# Left in, their links make the lead paragraph look like a link list, and trafilatura drops it.
WIKI_FURNITURE = ("infobox", "navbox", "vertical-navbox", "reflist", "references", "reference", "mw-editsection",
                  "toc", "catlinks", "thumbcaption", "mw-jump-link", "noprint", "metadata", "ambox", "hatnote",
                  "sistersitebox", "mw-cite-backlink")
PRUNE = ["//*[" + " or ".join(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')" for name in WIKI_FURNITURE)
         + " or @id='toc' or @id='siteSub' or @id='catlinks']"]
# htmldate's extensive search parses every date-like string with dateparser: seconds to load its locales
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@lru_cache(maxsize=1)
def _config():
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # its timeout uses signals: not in worker threads
    return config


def _extract(raw: str):
    """trafilatura's reading of the page (main text and metadata), or None when it finds nothing."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(raw, config=_config(), with_metadata=True, include_comments=False,
                                           include_tables=True, include_images=False, prune_xpath=PRUNE,
                                           date_extraction_params=DATE_PARAMS)
    except Exception:  # noqa: BLE001  (whatever the extractor fails on, the page is still read whole)
        return None


def _metadata(doc) -> dict:
    return {key: value for key in ("title", "date") if doc is not None and (value := getattr(doc, key, None))}


def _pieces(text: str) -> list[str]:
    """The runs of page text in trafilatura's output: its lines, less the list bullets and the table syntax it
    adds (``| cell | cell |`` rows, ``|---|`` rules)."""
    out = []
    for line in text.splitlines():
        line = _LIST_BULLET.sub("", line).strip()
        if not line.startswith("|"):
            out.extend([line] if line else [])
        elif not _TABLE_RULE.match(line):
            out.extend(cell for cell in line.strip("|").split("|") if cell.strip())
    return out


class _Aligner:
    """Finds runs of extracted text in the page text, in order, whatever the whitespace between words."""

    def __init__(self, text: str):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
        self.where = np.flatnonzero(~np.isin(codes, _WHITESPACE))  # page offset of each squeezed char
        self.squeezed = _SPACE.sub("", text)
        self.cursor = 0
        self.misses = 0

    def find(self, piece: str, *, end: int | None = None, near: bool = False) -> tuple[int, int] | None:
        """The page span of ``piece``, after the last one found: before page offset ``end``, or with ``near``
        within :data:`NEAR` characters of the last one."""
        needle = _SPACE.sub("", piece)
        stop = len(self.squeezed) if end is None else int(np.searchsorted(self.where, end))
        if near:
            stop = min(stop, self.cursor + len(needle) + NEAR)
        at = self.squeezed.find(needle, self.cursor, stop) if needle else -1
        if at < 0:
            return None
        self.cursor = at + len(needle)
        return int(self.where[at]), int(self.where[self.cursor - 1]) + 1

    def spans(self, run: str) -> list[tuple[int, int]]:
        """The page spans of one run of extracted text: the whole run, or where the extractor left something
        out inside it (a reference marker, an inline ad), its sentences or else their clauses, each near the last."""
        whole = self.find(run, near=self.misses >= MAX_MISSES)
        if whole:
            return [whole]
        self.misses += 1
        out = []
        for sentence in _SENTENCE.findall(run):
            span = self.find(sentence, near=True)
            out.extend([span] if span else filter(None, (self.find(c, near=True) for c in _CLAUSE.findall(sentence))))
        return out


def _metadata_only(raw: str):
    from trafilatura.metadata import extract_metadata

    try:
        return extract_metadata(raw, date_config=DATE_PARAMS)
    except Exception:  # noqa: BLE001  (a page without readable metadata still has its text)
        return None


def read_html(raw: str, *, main: bool = True) -> Page:
    """The article of an HTML page, as trafilatura finds it (``main``; else the whole page's text), with the
    title and date in ``meta``.

    Each run of extracted text is found again in the whole page's text (:func:`read_html_all`), so
    offsets still lead to the file; everything else on the page is boilerplate
    (``removed["boilerplate_chars"]``). A page where extraction finds nothing is read whole.
    """
    page = read_html_all(raw)
    doc = _extract(raw) if main else _metadata_only(raw)
    page.meta.update(_metadata(doc))
    if not main:
        return page
    if doc is None or not (doc.text or "").strip():
        page.meta["extraction"] = "whole page (no main text found)"
        return page
    aligner = _Aligner(page.text)
    runs = [spans for run in _pieces(doc.text) if (spans := aligner.spans(run))]
    title = page.meta.get("title")
    if runs and title:  # the headline, where the page shows it above the article
        aligner.cursor = 0  # the same squeezed page, searched again from its start
        heading = aligner.find(title, end=runs[0][0][0])
        runs.insert(0, [heading] if heading else [])
    out = PageBuilder(page.text)
    for spans in runs:
        out.brk = True  # each run on a line of its own; the pieces of one run joined as they were
        for span in spans:
            out.keep(*span)
    text, offsets = out.finish()
    if not text.strip():
        page.meta["extraction"] = "whole page (main text not found in the page)"
        return page
    page.removed["boilerplate_chars"] = len(page.text) - len(text)
    page.text = text
    page.offsets.append(offsets)
    return page

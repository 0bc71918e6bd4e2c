"""Markdown pages: the text a reader sees (markdown-it-py), wiki export leftovers removed, offsets kept."""
from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from ..normalise.clean import rewrite
from ..normalise.offsets import OffsetChain
from ..normalise.patterns import HAN
from .page import Page, PageBuilder

# CommonMark with GitHub tables and strikethrough; raw HTML is recognised (so it can be dropped).
# text_join is off so escapes and entities stay tokens of their own, whose source form is known.
# markdown-it stops reading blocks nested deeper than maxNesting (deeper recursion would overflow):
# such a document is read as plain text rather than lose what lies deeper.
MAX_NESTING = 100
_MD = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING}).enable(["table", "strikethrough"])
_MD.disable("text_join")

_CR = re.compile(r"\r\n?")
# headings of the sections that list sources rather than say things (kept in raw_text, not in text)
REFERENCE_HEADINGS = frozenset("""
参考文献 參考文獻 参考资料 參考資料 参考来源 參考來源 参考 參考 来源 來源 资料来源 資料來源 引用 注释 註釋 注解 註解 脚注 腳註
外部链接 外部連結 外部鏈接 外部連接 相关链接 相關連結 参见 參見 参看 參看 参看条目 參看條目 相关条目 相關條目 延伸阅读 延伸閱讀
references notes footnotes citations sources bibliography see also further reading external links
""".split()) | {"see also", "further reading", "external links"}
# links that are not prose: image captions of wiki exports, category and file pages
_NOT_PROSE_LINK = re.compile(r"(?:^|[/:])(?:File|Image|Category|文件|檔案|图像|圖像|分类|分類|Kategorie):", re.I)
_REF_OPEN = re.compile(r"<ref\b[^>]*(?<!/)>$", re.I)
_REF_CLOSE = re.compile(r"</ref\s*>$", re.I)
_LINE_BREAK_TAG = re.compile(r"<br\s*/?>$", re.I)

# what wiki exports leave in the text once the Markdown is read
WIKI_LEFTOVERS = re.compile(
    r"\[(?:\d{1,3}|[a-z]|(?:注|註|note|n)\s?\d{1,3}|来源请求|來源請求|需要来源|需要來源|citation needed)\]"  # [1] [注 2]
    r"|\{\{[^{}\n]{0,2000}\}\}"  # templates, the innermost first
    r"|(?<![A-Za-z])(?:Category|分类|分類):[^\s\]]*"
    rf"|（[\s，、,；;]*）|\(\s*[，、；][\s，、,；;]*\)|(?<=[{HAN}])\(\s*\)"  # brackets a removed template left: （，）
    r"|https?://[^\s<>\"'）)\]]+"
    r"|\[\[|\]\]",  # the brackets of a wiki link or image whose syntax the export broke
    re.I,
)
MAX_ROUNDS = 4


def _link_extent(src: str, at: int, bound: int) -> tuple[int, int]:
    """``(label_end, link_end)`` of the link whose ``[`` is at ``at``: its text ends at ``label_end``,
    its destination and title (``(url "title")`` or ``[ref]``) at ``link_end``."""
    depth, i = 0, at
    while i < bound:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        depth += (ch == "[") - (ch == "]")
        if depth == 0:
            break
        i += 1
    else:
        return bound, bound
    label_end, i = i, i + 1
    if src.startswith("(", i):
        j = _skip_space(src, i + 1, bound)
        dest = parseLinkDestination(src, j, bound)
        if dest.ok:
            j = _skip_space(src, dest.pos, bound)
            title = parseLinkTitle(src, j, bound)
            if title.ok:
                j = _skip_space(src, title.pos, bound)
        if src.startswith(")", j):
            return label_end, j + 1
    elif src.startswith("[", i):
        close = src.find("]", i, bound)
        if close >= 0:
            return label_end, close + 1
    return label_end, i


def _skip_space(src: str, i: int, bound: int) -> int:
    while i < bound and src[i] in " \t\n":
        i += 1
    return i


def _heading_text(inline: Token) -> str:
    return "".join(c.content for c in inline.children or () if c.type in ("text", "text_special", "code_inline"))


class _Reader:
    """One walk over markdown-it's tokens, locating each piece of visible text in the source."""

    def __init__(self, src: str):
        self.src = src
        self.out = PageBuilder(src, wrapped_lines=True)
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", src))]
        self.cursor = 0
        self.section_start = 0
        self.counts: Counter = Counter()

    def line_start(self, line: int) -> int:
        return self.line_starts[line] if line < len(self.line_starts) else len(self.src)

    def read(self, tokens: list[Token]) -> None:
        skip_level = 0  # inside a reference section: the level of its heading
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                level = int(token.tag[1:])
                if skip_level and level <= skip_level:
                    self.counts["reference_section_chars"] += self.line_start(token.map[0]) - self.section_start
                    skip_level = 0
                if not skip_level and _heading_text(tokens[i + 1]).strip().lower() in REFERENCE_HEADINGS:
                    skip_level, self.section_start = level, self.line_start(token.map[0])
            if skip_level:
                continue
            if token.map:
                self.cursor = max(self.cursor, self.line_start(token.map[0]))
            if token.type == "inline":
                self.inline(token.children or [], self.line_start(token.map[1]))
            elif token.type in ("fence", "code_block"):
                self.counts["code_chars"] += self.line_start(token.map[1]) - self.line_start(token.map[0])
            if token.block:
                self.out.brk = True
        if skip_level:
            self.counts["reference_section_chars"] += len(self.src) - self.section_start

    def locate(self, piece: str, bound: int) -> int:
        at = self.src.find(piece, self.cursor, bound) if piece else -1
        if at >= 0:
            self.cursor = at + len(piece)
        return at

    def inline(self, children: list[Token], bound: int) -> None:
        """Keep the visible text of one block's inline tokens; everything else becomes markup."""
        self.children, self.bound, self.label_end = children, bound, bound
        self.links: list[tuple[int, bool, bool]] = []  # open links: (end in the source, text dropped, a figure)
        self.hidden = 0  # inside a dropped link or a <ref>
        self.skip_to = -1  # the last token of a figure caption
        for i, child in enumerate(children):
            if i > self.skip_to and child.type in self.INLINE:
                self.INLINE[child.type](self, i, child)

    def text(self, i: int, child: Token) -> None:
        if self.hidden or not child.content:
            return
        escaped = child.type == "text_special"  # an escape or entity: its source is its markup
        piece = child.markup if escaped else child.content
        at = self.locate(piece, self.label_end)
        if at >= 0:
            self.out.keep(at, at + len(piece), child.content if escaped else None)

    def link_open(self, i: int, child: Token) -> None:
        self.label_end, link_end, drop, figure = self.link(child, self.bound)
        self.links.append((link_end, drop, figure))
        self.hidden += drop

    def link_close(self, i: int, child: Token) -> None:
        if not self.links:
            return
        link_end, drop, figure = self.links.pop()
        self.hidden -= drop
        self.cursor = max(self.cursor, link_end)
        self.label_end = self.bound
        if figure:  # an exported image: its caption runs to the ]] the export left, when there is one
            self.skip_to = self.caption_end(i)

    def caption_end(self, i: int) -> int:
        children = self.children
        for j in range(i + 1, len(children) - 1):
            if children[j].type == "link_open" and children[j].attrs.get("title", "").startswith("fig:"):
                break
            if children[j].content == "]" and children[j + 1].content == "]":
                self.counts["captions"] += 1
                return j + 1
        return -1

    def image(self, i: int, child: Token) -> None:
        at = self.src.find("![", self.cursor, self.bound)
        if at >= 0:
            self.cursor = max(self.cursor, _link_extent(self.src, at + 1, self.bound)[1])
        self.counts["images"] += 1

    def html_inline(self, i: int, child: Token) -> None:
        if self.locate(child.content, self.bound) < 0:
            return
        if _REF_OPEN.match(child.content):
            self.hidden += 1
        elif _REF_CLOSE.match(child.content) and self.hidden:
            self.hidden -= 1
        elif _LINE_BREAK_TAG.match(child.content):
            self.out.brk = True

    def softbreak(self, i: int, child: Token) -> None:
        self.out.soft = True

    def hardbreak(self, i: int, child: Token) -> None:
        self.out.brk = True

    INLINE = {"text": text, "text_special": text, "code_inline": text, "link_open": link_open,
              "link_close": link_close, "image": image, "html_inline": html_inline, "softbreak": softbreak,
              "hardbreak": hardbreak}

    def link(self, token: Token, bound: int) -> tuple[int, int, bool, bool]:
        """Find the link in the source: ``(label_end, link_end, drop, figure)``; its text is dropped for
        autolinks, images exported as links (figures), category and file pages."""
        href, title = unquote(str(token.attrs.get("href", ""))), str(token.attrs.get("title", ""))
        figure = title.startswith("fig:")
        self.counts["images" if figure else "links"] += 1
        if token.markup == "autolink":
            at = self.src.find("<", self.cursor, bound)
            end = self.src.find(">", at, bound) + 1 if at >= 0 else 0
            return bound, max(end, self.cursor), True, False
        drop = figure or bool(_NOT_PROSE_LINK.search(href))
        at = self.src.find("[", self.cursor, bound)
        if at < 0:
            return bound, self.cursor, drop, figure
        self.cursor = at + 1
        label_end, link_end = _link_extent(self.src, at, bound)
        return label_end, link_end, drop, figure


def read_markdown(raw: str) -> Page:
    """The text a reader sees in Markdown ``raw``, with the offset map back to it.

    Kept: paragraphs, headings, list items and table cells (each on its own line), link text,
    inline code. Dropped: link destinations and titles, images, code blocks, HTML tags and
    comments, ``<ref>`` notes, reference and external-link sections, and what wiki exports leave
    behind (``\\[1\\]`` markers, ``{{templates}}``, category links, brackets emptied of a template).
    """
    chain = OffsetChain()
    lf = rewrite(_CR, raw, lambda m: "\n")
    chain.append(lf.offsets)
    src = lf.text.replace("\0", "\ufffd")  # as markdown-it does (one for one: offsets unchanged)
    tokens = _MD.parse(src)
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        return Page(raw, format="markdown", meta={"extraction": f"plain text (blocks nested over {MAX_NESTING} deep)"})
    reader = _Reader(src)
    reader.read(tokens)
    text, offsets = reader.out.finish()
    chain.append(offsets)
    removed = Counter(markup_chars=reader.out.removed, **reader.counts)
    for _ in range(MAX_ROUNDS):
        wiki = rewrite(WIKI_LEFTOVERS, text, lambda m: "")
        if not wiki.changes:
            break
        removed["wiki_chars"] += len(text) - len(wiki.text)
        text = wiki.text
        chain.append(wiki.offsets)
    return Page(text, chain, "markdown", removed)

"""Text normalisation: clean the damage, convert to simplified Chinese, keep the way back to the raw text."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .clean import (
    Mapped,
    fold_fullwidth,
    fullwidth_punctuation,
    remove_invisible,
    strip_html,
    strip_pinyin_notes,
)
from .convert import DEFAULT_CONFIG, convert_traditional, is_traditional, to_simplified
from .mojibake import find_mojibake
from .offsets import OffsetChain, OffsetMap
from .patterns import HAN_CHAR, LATIN_LETTER

if TYPE_CHECKING:  # formats build on normalise's offset maps: importing them here would be a cycle
    from ..formats.page import Page

__all__ = [
    "Mapped",
    "Normalised",
    "convert_traditional",
    "OffsetChain",
    "OffsetMap",
    "find_mojibake",
    "fold_fullwidth",
    "fullwidth_punctuation",
    "normalise",
    "normalise_text",
    "removed_spans",
    "remove_invisible",
    "strip_html",
    "strip_pinyin_notes",
    "to_simplified",
]


CLEANING_STEPS = (
    ("html_removed", strip_html),
    ("invisible_removed", remove_invisible),
    ("fullwidth_folded", fold_fullwidth),
    ("pinyin_notes_removed", strip_pinyin_notes),
)
MAX_ROUNDS = 4
# what a format reader left out (``Page.removed``) and the quality key that reports it: characters, except
# for links and images (how many)
REMOVED_KEYS = {"markup_chars": "markup_removed", "links": "links_removed", "images": "images_removed",
                "code_chars": "code_removed", "wiki_chars": "wiki_removed",
                "reference_section_chars": "references_removed", "boilerplate_chars": "boilerplate_removed"}


@dataclass
class Normalised:
    """The normalised text, its offset chain back to the raw text, and what cleaning did."""

    text: str
    offsets: OffsetChain
    script: str  # "traditional", "simplified" or "none" (no Han characters)
    quality: dict = field(default_factory=dict)
    mojibake: list[tuple[int, int]] = field(default_factory=list)  # spans in ``text``
    meta: dict = field(default_factory=dict)  # what the page said about itself (title, date)

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text span of the normalised span ``[start, end)``."""
        return self.offsets.span_to_source(start, end)

    def spans_to_raw(self, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
        """Raw-text spans of the normalised spans ``(starts[n], ends[n])``, in bulk."""
        return self.offsets.spans_to_source(starts, ends)


def normalise(raw: str | Page, *, convert: bool = True, opencc_config: str = DEFAULT_CONFIG) -> Normalised:
    """Run the cleaning functions and OpenCC in order and collect their statistics.

    ``raw`` is the text as read, or the page a format reader made of it (``pipeline.formats``:
    Markdown or HTML read as a reader sees it); offsets then lead back through the reader's map
    to the file, and what the reader left out is counted in ``quality`` (:data:`REMOVED_KEYS`).

    Only the traditional sentences go through OpenCC (``convert_traditional``); simplified text
    comes out as it went in. Order matters: HTML and invisible characters go first so pinyin notes and punctuation
    are seen as they read; mojibake is detected after conversion (its rare-character test
    is about simplified characters) and before ASCII punctuation is folded (``?`` is a signal).
    """
    chain = OffsetChain()
    if isinstance(raw, str):
        text, fmt, removed, meta = raw, "text", {}, {}
    else:
        text, fmt, removed, meta = raw.text, raw.format, raw.removed, raw.meta
        chain.append(raw.offsets)
    quality: dict = {"format": fmt, **{name: removed.get(key, 0) for key, name in REMOVED_KEYS.items()}}
    quality.update(dict.fromkeys((name for name, _ in CLEANING_STEPS), 0))
    # one step can expose work for another (an entity that decodes to a zero-width space, a tag
    # split by one); repeat the round until nothing changes so normalising twice equals once
    for _ in range(MAX_ROUNDS):
        changed = False
        for name, step in CLEANING_STEPS:
            text, offsets, changes = step(text)
            chain.append(offsets)
            quality[name] += changes
            changed = changed or bool(changes)
        if not changed:
            break
    if convert:
        text, offsets, changes = convert_traditional(text, config=opencc_config)
        chain.append(offsets)
        traditional = changes > 0
    else:
        changes, traditional = 0, is_traditional(text)
    quality["converted_chars"] = changes
    mojibake_before_punct = find_mojibake(text)
    quality["punctuation_folded"] = 0
    for _ in range(MAX_ROUNDS):
        text, offsets, changes = fullwidth_punctuation(text)
        chain.append(offsets)
        quality["punctuation_folded"] += changes
        if not changes:
            break
    # punctuation folding is one-to-one, so spans found before it are valid after it
    quality["mojibake_spans"] = [list(chain.span_to_source(s, e)) for s, e in mojibake_before_punct]
    if traditional:
        script = "traditional"
    elif HAN_CHAR.search(text):
        script = "simplified"
    else:
        script = "latin" if LATIN_LETTER.search(text) else "none"
    return Normalised(text, chain, script, quality, mojibake_before_punct, dict(meta))


def removed_spans(norm: Normalised, raw: str) -> list[tuple[int, int]]:
    """The spans of ``raw`` that no visible character of the normalised text comes from: what reading and
    cleaning left out (markup, boilerplate, reference sections ...), trimmed of the whitespace around them."""
    visible = [i for i, char in enumerate(norm.text) if not char.isspace()]
    spans = norm.spans_to_raw(visible, [i + 1 for i in visible])
    bounds = [(0, 0), *spans, (len(raw), len(raw))]
    out = []
    for (_, start), (end, _) in zip(bounds, bounds[1:]):
        piece = raw[start:end]
        if piece.strip():
            out.append((start + len(piece) - len(piece.lstrip()), end - len(piece) + len(piece.rstrip())))
    return out


def normalise_text(raw: str, **options) -> str:
    """Just the normalised text (``normalise(raw).text``)."""
    return normalise(raw, **options).text

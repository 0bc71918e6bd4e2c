"""Cleaning functions: each takes text and returns the cleaned text with an offset map to its input."""
from __future__ import annotations

import html
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from pypinyin import Style, pinyin

from . import patterns as P
from .offsets import OffsetChain, OffsetMap, TextBuilder


class Mapped(NamedTuple):
    """A rewritten text and the map from its offsets to those of the text it came from."""

    text: str
    offsets: OffsetMap | OffsetChain
    changes: int = 0


def rewrite(pattern, text: str, replace: Callable) -> Mapped:
    """Apply ``replace(match)`` to every match and map the result back.

    ``replace`` returns the new text for the match, ``None`` to keep it, or a list of
    ``(start, end, new)`` edits inside it so that unchanged parts keep one-to-one offsets.
    """
    builder = TextBuilder(text)
    changes = 0
    for m in pattern.finditer(text):
        new = replace(m)
        if new is None or new == m.group(0):
            continue
        edits = new if isinstance(new, list) else [(m.start(), m.end(), new)]
        for start, end, piece in edits:
            builder.replace(start, end, piece)
        changes += len(edits)
    out, offsets = builder.finish()
    return Mapped(out, offsets, changes)


def _unescape_entity(m) -> str:
    out = html.unescape(m.group(0))
    return " " if out == "\u00a0" else out


def strip_html(text: str) -> Mapped:
    """Drop scripts, styles, tags and comments; decode entities (``&nbsp;`` becomes a space)."""
    first = rewrite(P.HTML_SCRIPT, text, lambda m: "")
    second = rewrite(P.HTML_TAG, first.text, lambda m: "")
    third = rewrite(P.HTML_ENTITY, second.text, _unescape_entity)
    return _merge(text, [first, second, third])


def remove_invisible(text: str) -> Mapped:
    """Normalise line breaks and no-break spaces; delete control, zero-width and bidi characters.

    Lone surrogates (from lenient decoding or JSON escapes) become U+FFFD so the text can be written as UTF-8.
    """
    steps = [rewrite(P.LONE_SURROGATE, text, lambda m: "\ufffd")]
    steps.append(rewrite(P.NEWLINES, steps[-1].text, lambda m: "\n"))
    steps.append(rewrite(P.NBSP, steps[-1].text, lambda m: " "))
    steps.append(rewrite(P.INVISIBLE, steps[-1].text, lambda m: ""))
    return _merge(text, steps)


def fold_fullwidth(text: str) -> Mapped:
    """Full-width ASCII letters and digits (Ａ１) become half-width (A1); punctuation is left alone."""
    return rewrite(P.FULLWIDTH_ALNUM, text, lambda m: "".join(chr(ord(c) - 0xFEE0) for c in m.group(0)))


@lru_cache(maxsize=65536)
def _readings(char: str) -> frozenset[str]:
    """Every reading pypinyin knows for ``char``: tone marks, tone digits and toneless."""
    out: set[str] = set()
    for style in (Style.TONE, Style.TONE3, Style.NORMAL):
        for reading in pinyin(char, style=style, heteronym=True, errors="ignore")[0:1]:
            out.update(r.lower() for r in reading)
    out.discard(char)
    return frozenset(out)


def _normalise_reading(note: str) -> str:
    return note.lower().replace("v", "ü").replace("u:", "ü")


def strip_pinyin_notes(text: str) -> Mapped:
    """Remove converter notes like ``實現(xiàn)`` where the bracket holds a reading of the character before it."""

    def replace(m):
        char, note = m.group(1), _normalise_reading(m.group(2))
        readings = _readings(char)
        if note in readings or note.replace("ü", "v") in readings:
            return char
        return None

    return rewrite(P.PINYIN_NOTE, text, replace)


_FULLWIDTH_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_FULLWIDTH_TABLE = str.maketrans(_FULLWIDTH_PUNCT)


def fullwidth_punctuation(text: str) -> Mapped:
    """ASCII ``, ; : ? ! ( )`` touching Chinese text become Chinese forms; numbers, English and URLs keep theirs.

    Every replacement is one character for one, so offsets are unchanged and the map stays empty.
    """

    folded = []

    def parens(m):
        inner = m.group(1)
        if P.HAS_HAN.search(inner):
            folded.append(m.start())
            return "（" + inner + "）"
        return m.group(0)

    out = P.ASCII_PARENS.sub(parens, text)
    n_parens = 2 * len(folded)
    n_punct = 0

    def punct(m):
        nonlocal n_punct
        n_punct += len(m.group(0))
        return m.group(0).translate(_FULLWIDTH_TABLE)

    out = P.ASCII_PUNCT_IN_CJK.sub(punct, out)
    return Mapped(out, OffsetMap(), n_parens + n_punct)


def _merge(source: str, steps: list[Mapped]) -> Mapped:
    """Chain several consecutive rewrites into one map from the last text back to ``source``."""
    chain = OffsetChain()
    for step in steps:
        chain.append(step.offsets)
    return Mapped(steps[-1].text if steps else source, chain, sum(s.changes for s in steps))

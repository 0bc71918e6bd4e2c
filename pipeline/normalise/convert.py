"""Traditional to simplified conversion with OpenCC, only where the text is traditional, keeping offsets."""
from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache
from typing import NamedTuple

import opencc

from .clean import Mapped
from .offsets import OffsetMap
from .patterns import encodes

# Measured in benchmarks/bench_opencc.py: tw2s fixes 接著 -> 接着 that t2s and hk2s leave, and
# unlike tw2sp/hk2sp it does not rewrite vocabulary (tw2sp turns 核心 into 内核, 宕机 into 死机 in
# mainland text that a web converter made traditional, which is what scraped pages mostly are).
DEFAULT_CONFIG = "tw2s"

# the Han blocks whose characters OpenCC maps (the CJK extensions beyond B add no conversions)
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2A6E0))
# a sentence is the unit the script is decided for: conversion phrases never cross its end
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")


@lru_cache(maxsize=8)
def converter(config: str = DEFAULT_CONFIG) -> opencc.OpenCC:
    """One OpenCC converter per config and process (loading the dictionaries is the slow part)."""
    return opencc.OpenCC(config)


class Scripts(NamedTuple):
    """Characters that say which script a sentence is in."""

    traditional: re.Pattern  # OpenCC simplifies them and simplified Chinese (GB2312) does not have them: 們 說 頭
    simplified: re.Pattern  # OpenCC makes them traditional and traditional Chinese (Big5) does not have them: 们 说 饿


def _char_class(chars: list[str]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


@lru_cache(maxsize=1)
def scripts() -> Scripts:
    """The two character classes, read from OpenCC's own character tables (once per process, ~0.5 s).

    Characters both scripts use (著 乾 後 台 么) are in neither: a sentence made only of them is
    converted when most of the document is traditional and left alone otherwise.
    """
    chars = [chr(c) for lo, hi in _HAN_RANGES for c in range(lo, hi)]
    joined = "\n".join(chars)  # one character a line: no phrase matches across them
    to_s = converter("t2s").convert(joined).split("\n")
    to_t = converter("s2t").convert(joined).split("\n")
    traditional = [c for c, s in zip(chars, to_s) if s != c and not encodes(c, "gb2312")]
    simplified = [c for c, t in zip(chars, to_t) if t != c and not encodes(c, "big5")]
    return Scripts(_char_class(traditional), _char_class(simplified))


def _align(src: str, out: str, src_base: int, out_base: int, offsets: OffsetMap) -> int:
    """Record the edits between two versions of one line that differ in length; return chars changed."""
    changed = 0
    for op, a0, a1, b0, b1 in SequenceMatcher(None, src, out, autojunk=False).get_opcodes():
        if op != "equal":
            offsets.add(out_base + b0, out_base + b1, src_base + a0, src_base + a1)
            changed += max(a1 - a0, b1 - b0)
    return changed


def _convert_into(text: str, src_base: int, out_base: int, offsets: OffsetMap, config: str) -> tuple[str, int]:
    """OpenCC on ``text`` (found at ``src_base`` in the source and ``out_base`` in the output); edits go to ``offsets``.

    Same-length lines map one to one (the common case); lines whose length changed are
    aligned with difflib so every offset still points at its source characters.
    """
    out = converter(config).convert(text)
    if out == text:
        return out, 0
    if len(out) == len(text):
        return out, sum(map(str.__ne__, text, out))
    src_lines, out_lines = text.split("\n"), out.split("\n")
    if len(src_lines) != len(out_lines):  # never seen: OpenCC keeps line breaks; align the whole text
        src_lines, out_lines = [text], [out]
    changed = 0
    for src_line, out_line in zip(src_lines, out_lines):
        if len(src_line) == len(out_line):
            changed += sum(map(str.__ne__, src_line, out_line))
        else:
            changed += _align(src_line, out_line, src_base, out_base, offsets)
        src_base += len(src_line) + 1
        out_base += len(out_line) + 1
    return out, changed


def to_simplified(text: str, *, config: str = DEFAULT_CONFIG) -> Mapped:
    """Convert all of ``text`` with OpenCC; ``changes`` counts characters that were converted."""
    offsets = OffsetMap()
    out, changed = _convert_into(text, 0, 0, offsets, config)
    return Mapped(out, offsets, changed)


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        bounds.append((start, m.end()))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def traditional_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``text`` written in traditional characters, sentence by sentence.

    A sentence with traditional-only characters is traditional (all of it, simplified-only ones
    too when it mixes both: OpenCC's phrases need the whole sentence, 這么 -> 这么); one with only
    simplified-only characters is simplified; one with neither (之後, 接著走) goes with the sentence
    before it, or the one after it at the start of the text.
    """
    classes = scripts()
    if not classes.traditional.search(text):
        return []
    decided: list[tuple[int, int, bool | None]] = []
    for start, end in _sentences(text):
        if classes.traditional.search(text, start, end):
            decided.append((start, end, True))
        elif classes.simplified.search(text, start, end):
            decided.append((start, end, False))
        else:
            decided.append((start, end, None))
    first = next(kind for _, _, kind in decided if kind is not None)
    spans: list[tuple[int, int]] = []
    current = first
    for start, end, kind in decided:
        current = current if kind is None else kind
        if not current:
            continue
        if spans and spans[-1][1] == start:  # next to the last traditional sentence: one span
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def convert_traditional(text: str, *, config: str = DEFAULT_CONFIG) -> Mapped:
    """Convert the traditional spans of ``text`` with OpenCC ``config``; everything else stays byte for byte.

    ``changes`` counts converted characters. Simplified text never goes through OpenCC, whose
    Taiwan variant tables would otherwise rewrite it (tw2s turns 饿了么 into 饿了幺).
    """
    offsets = OffsetMap()
    parts: list[str] = []
    pos = delta = changed = 0
    for start, end in traditional_spans(text):
        parts.append(text[pos:start])
        out, n = _convert_into(text[start:end], start, start + delta, offsets, config)
        parts.append(out)
        delta += len(out) - (end - start)
        changed += n
        pos = end
    if not parts:
        return Mapped(text, offsets, 0)
    parts.append(text[pos:])
    return Mapped("".join(parts), offsets, changed)


def is_traditional(text: str) -> bool:
    """True when ``text`` has a traditional span (characters simplified Chinese does not use): any such
    character makes its sentence one, so no need to find the spans."""
    return bool(scripts().traditional.search(text))

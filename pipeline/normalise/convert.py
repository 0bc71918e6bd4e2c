"""Traditional to simplified conversion with OpenCC, keeping offsets where a phrase changes length."""
from __future__ import annotations

from difflib import SequenceMatcher
from functools import lru_cache

import opencc

from .clean import Mapped
from .offsets import OffsetMap

# Measured in benchmarks/bench_opencc.py: tw2s fixes 接著 -> 接着 that t2s and hk2s leave, and
# unlike tw2sp/hk2sp it does not rewrite vocabulary (tw2sp turns 核心 into 内核, 宕机 into 死机 in
# mainland text that a web converter made traditional, which is what scraped pages mostly are).
DEFAULT_CONFIG = "tw2s"


@lru_cache(maxsize=8)
def converter(config: str = DEFAULT_CONFIG) -> opencc.OpenCC:
    """One OpenCC converter per config and process (loading the dictionaries is the slow part)."""
    return opencc.OpenCC(config)


def _align(src: str, out: str, src_base: int, out_base: int, offsets: OffsetMap) -> int:
    """Record the edits between two versions of one line that differ in length; return chars changed."""
    changed = 0
    for op, a0, a1, b0, b1 in SequenceMatcher(None, src, out, autojunk=False).get_opcodes():
        if op != "equal":
            offsets.add(out_base + b0, out_base + b1, src_base + a0, src_base + a1)
            changed += max(a1 - a0, b1 - b0)
    return changed


def to_simplified(text: str, *, config: str = DEFAULT_CONFIG) -> Mapped:
    """Convert ``text`` with OpenCC; ``changes`` counts characters that were converted.

    Same-length lines map one to one (the common case); lines whose length changed are
    aligned with difflib so every offset still points at its source characters.
    """
    out = converter(config).convert(text)
    offsets = OffsetMap()
    if out == text:
        return Mapped(out, offsets, 0)
    changed = 0
    if len(out) == len(text):
        return Mapped(out, offsets, sum(map(str.__ne__, text, out)))
    src_base = out_base = 0
    src_lines = text.split("\n")
    out_lines = out.split("\n")
    if len(src_lines) != len(out_lines):  # never seen: OpenCC keeps line breaks; align the whole text
        src_lines, out_lines = [text], [out]
    for src_line, out_line in zip(src_lines, out_lines):
        if len(src_line) == len(out_line):
            changed += sum(map(str.__ne__, src_line, out_line))
        else:
            changed += _align(src_line, out_line, src_base, out_base, offsets)
        src_base += len(src_line) + 1
        out_base += len(out_line) + 1
    return Mapped(out, offsets, changed)


def is_traditional(text: str, *, sample: int = 20000) -> bool:
    """True when converting to simplified would change the text (it holds traditional-only characters)."""
    head = text[:sample]
    return converter(DEFAULT_CONFIG).convert(head) != head

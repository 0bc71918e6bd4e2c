"""Detection of garbled (mojibake) passages: reported with offsets, never rewritten by guesswork."""
from __future__ import annotations

from . import patterns as P

# signals closer than this (in characters) belong to one garbled passage
_MAX_GAP = 6
_MIN_SIGNALS = 2


def _rare_han(char: str) -> bool:
    """A simplified-text Han character outside GB2312: rare in real Chinese, common in GBK mojibake."""
    return not P.encodes(char, "gb2312")


def _signals(text: str) -> list[tuple[int, int]]:
    strong = [(m.start(), m.end()) for m in P.MOJIBAKE_SIGNAL.finditer(text)]
    # rare characters only count next to a strong signal, so the text is not scanned char by char
    rare: set[tuple[int, int]] = set()
    for s, e in strong:
        lo, hi = max(0, s - _MAX_GAP), min(len(text), e + _MAX_GAP)
        for m in P.HAN_CHAR.finditer(text, lo, hi):
            if _rare_han(m.group(0)):
                rare.add((m.start(), m.end()))
    return sorted(set(strong) | rare)


def find_mojibake(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` (simplified, before punctuation folding) that look garbled.

    A passage counts when at least two signals fall close together: a ``?``/U+FFFD touching
    Chinese text, a pinyin note whose character was lost (``?zhèn)``), kana inside Chinese,
    a lone Latin capital between Han characters, or a Han character outside GB2312 next to
    one of those. One signal alone (a real question mark, a rare name character) is not enough.
    """
    signals = _signals(text)
    spans: list[tuple[int, int]] = []
    if not signals:
        return spans
    start, end, count = signals[0][0], signals[0][1], 1
    for s, e in signals[1:]:
        if s - end <= _MAX_GAP and "\n" not in text[end:s]:
            end, count = max(end, e), count + 1
            continue
        if count >= _MIN_SIGNALS:
            spans.append((start, end))
        start, end, count = s, e, 1
    if count >= _MIN_SIGNALS:
        spans.append((start, end))
    return spans

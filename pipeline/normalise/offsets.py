"""Offset maps: the way back from a rewritten text to the text it was made from."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np


@dataclass
class OffsetMap:
    """Maps character offsets of an output text back to the text it was made from.

    Only the edited regions are stored, as parallel sorted lists of
    ``(out_start, out_end, src_start, src_end)``; between edits the two texts
    are identical, shifted by a constant. Lookups are ``O(log edits)``.
    """

    out_starts: list[int] = field(default_factory=list)
    out_ends: list[int] = field(default_factory=list)
    src_starts: list[int] = field(default_factory=list)
    src_ends: list[int] = field(default_factory=list)

    def add(self, out_start: int, out_end: int, src_start: int, src_end: int) -> None:
        """Record that ``out[out_start:out_end]`` replaced ``src[src_start:src_end]``."""
        self.out_starts.append(out_start)
        self.out_ends.append(out_end)
        self.src_starts.append(src_start)
        self.src_ends.append(src_end)

    def __len__(self) -> int:
        return len(self.out_starts)

    def to_source(self, i: int, *, end: bool = False) -> int:
        """Source offset of output offset ``i``; ``end=True`` maps a span end (the char before ``i``)."""
        if end:
            k = bisect_right(self.out_starts, i - 1) - 1
            if k >= 0 and i <= self.out_ends[k]:
                return self.src_ends[k]
        else:
            k = bisect_right(self.out_starts, i) - 1
            if k >= 0 and i < self.out_ends[k]:
                return self.src_starts[k]
        return i if k < 0 else i - self.out_ends[k] + self.src_ends[k]

    def to_source_many(self, offsets: Iterable[int], *, end: bool = False) -> list[int]:
        """:meth:`to_source` of every offset, the lookups done together (numpy ``searchsorted``)."""
        at = np.fromiter(offsets, dtype=np.int64)
        if not len(self) or not len(at):
            return at.tolist()
        out_starts, out_ends = np.array(self.out_starts), np.array(self.out_ends)
        src_starts, src_ends = np.array(self.src_starts), np.array(self.src_ends)
        k = np.searchsorted(out_starts, at - 1 if end else at, side="right") - 1
        edit = np.maximum(k, 0)
        inside = (k >= 0) & (at <= out_ends[edit] if end else at < out_ends[edit])
        after = np.where(k < 0, at, at - out_ends[edit] + src_ends[edit])
        return np.where(inside, (src_ends if end else src_starts)[edit], after).tolist()


@dataclass
class OffsetChain:
    """Several offset maps applied in order: raw -> first rewrite -> ... -> final text."""

    maps: list[OffsetMap] = field(default_factory=list)

    def append(self, offsets: OffsetMap | OffsetChain) -> None:
        """Add the map of the next rewrite (a chain is flattened; empty maps are dropped)."""
        if isinstance(offsets, OffsetChain):
            self.maps.extend(offsets.maps)
        elif len(offsets):
            self.maps.append(offsets)

    def __len__(self) -> int:
        return sum(len(m) for m in self.maps)

    def to_source(self, i: int, *, end: bool = False) -> int:
        for offsets in reversed(self.maps):
            i = offsets.to_source(i, end=end)
        return i

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the final text back to the raw text."""
        if start >= end:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end, end=True)

    def to_source_many(self, offsets: Iterable[int], *, end: bool = False) -> list[int]:
        """:meth:`to_source` of every offset, in bulk."""
        out = list(offsets)
        for offsets_map in reversed(self.maps):
            out = offsets_map.to_source_many(out, end=end)
        return out

    def spans_to_source(self, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
        """:meth:`span_to_source` of every span ``(starts[n], ends[n])``, in bulk."""
        src_starts = self.to_source_many(starts)
        src_ends = self.to_source_many(ends, end=True)
        return [(s, e if start < end else s) for s, e, start, end in zip(src_starts, src_ends, starts, ends)]


class TextBuilder:
    """Builds an output text piece by piece while recording an :class:`OffsetMap`."""

    __slots__ = ("src", "parts", "pos", "out_len", "offsets")

    def __init__(self, src: str):
        self.src = src
        self.parts: list[str] = []
        self.pos = 0
        self.out_len = 0
        self.offsets = OffsetMap()

    def replace(self, start: int, end: int, new: str) -> None:
        """Copy ``src[pos:start]`` unchanged, then put ``new`` where ``src[start:end]`` was."""
        if start > self.pos:
            self.parts.append(self.src[self.pos:start])
            self.out_len += start - self.pos
        # a same-length replacement keeps every offset: only length changes need recording
        if len(new) != end - start:
            self.offsets.add(self.out_len, self.out_len + len(new), start, end)
        self.parts.append(new)
        self.out_len += len(new)
        self.pos = end

    def finish(self) -> tuple[str, OffsetMap]:
        if self.pos < len(self.src):
            self.parts.append(self.src[self.pos:])
        return "".join(self.parts), self.offsets

"""A large JSON object read in pieces from its UTF-8 bytes: its members one by one, and the elements of its
arrays one at a time, each time they are iterated, instead of one Python object per value held at once.

Not ijson: its C backend (yajl2_c) was measured in this module's place (commit 39ff272 on branch s9-ijson, issue
#20) on the stored 2 M-character line (214 MB): the writers took 90.5 CPU s instead of 32.7 for the same bytes and
the same peak RSS (1,135 MB against 1,124 MB in the largest writer). ijson gives no byte positions
(ICRAR/ijson#43), so each array is found again from the line's start on every pass (entities 2.8 s instead of 0.3)
and the members are skipped by a Python loop over its events (load_object 7.3 s instead of 2.7); its elements alone
come slower than ``raw_decode``'s (tokens 2.9 s instead of 1.6); and with ``use_float`` it rejects integers beyond
64 bits (ICRAR/ijson#153) and NaN/Infinity, which ``json.loads`` reads."""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

CHUNK = 1 << 20  # bytes decoded at a time (doubled while a single value does not fit)
_DECODER = json.JSONDecoder()
_SPACE = " \t\n\r"
_DELIMITERS = ",:]}" + _SPACE


class _Window:
    """Decoded text over ``data[start:]``, a chunk at a time; ``pos`` is the reading position in ``text``."""

    def __init__(self, data: bytes, start: int):
        self.data = data
        self.fed = start  # bytes decoded so far
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.text = ""
        self.pos = 0

    def more(self) -> bool:
        """Decode the next chunk (at least as much as is left undecoded in the window); False at the end."""
        if self.fed >= len(self.data):
            return False
        size = max(CHUNK, 2 * (len(self.text) - self.pos))  # a value longer than a chunk: linear, not quadratic
        piece = self.data[self.fed:self.fed + size]
        self.fed += len(piece)
        self.text = self.text[self.pos:] + self.decoder.decode(piece, final=self.fed >= len(self.data))
        self.pos = 0
        return True

    def peek(self) -> str:
        """The next character that is not whitespace ('' at the end)."""
        while True:
            while self.pos < len(self.text) and self.text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos < len(self.text) or not self.more():
                return self.text[self.pos:self.pos + 1]

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise ValueError(f"expected {char!r} at byte {self.offset}")
        self.pos += 1

    def value(self) -> Any:
        """The next complete JSON value."""
        self.peek()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self.more():
                    continue
                raise
            # a number cut by the window's end parses as a shorter one: a value is complete where a
            # delimiter follows it
            if (end < len(self.text) and self.text[end] in _DELIMITERS) or not self.more():
                self.pos = end
                return obj

    @property
    def offset(self) -> int:
        """The byte offset of the reading position in ``data``."""
        return self.fed - len(self.text[self.pos:].encode("utf-8")) - len(self.decoder.getstate()[0])


def _elements(window: _Window) -> Iterator[Any]:
    """The elements of the array that starts at the window's position; the window ends after its ``]``."""
    window.expect("[")
    if window.peek() == "]":
        window.pos += 1
        return
    while True:
        yield window.value()
        if window.peek() == "]":
            window.pos += 1
            return
        window.expect(",")


class Array(Sequence):
    """A JSON array left as bytes: iterating parses its elements one at a time, each time (so writers that
    read it one after another hold one element each). Indexing walks from the start: use it for a few items."""

    def __init__(self, data: bytes, start: int, length: int):
        self.data, self.start, self.length = data, start, length

    def __iter__(self) -> Iterator[Any]:
        return _elements(_Window(self.data, self.start))

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        return next(islice(iter(self), index, None))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, (list, Array)) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<JSON array of {self.length} elements, {len(self.data):,} bytes>"


def load_object(data: bytes, *, lazy_bytes: int = CHUNK) -> dict[str, Any]:
    """The JSON object in ``data`` as a dict whose array members of more than ``lazy_bytes`` bytes are
    :class:`Array` views of ``data``; everything else is parsed as ``json.loads`` would."""
    window = _Window(data, 0)
    window.expect("{")
    out: dict[str, Any] = {}
    if window.peek() == "}":
        return out
    while True:
        key = window.value()
        window.expect(":")
        if window.peek() == "[":
            start = window.offset
            length = sum(1 for _ in _elements(window))  # parsed and dropped: only the end is wanted
            end = window.offset
            out[key] = Array(data, start, length) if end - start > lazy_bytes else json.loads(data[start:end])
        else:
            out[key] = window.value()
        if window.peek() == "}":
            return out
        window.expect(",")

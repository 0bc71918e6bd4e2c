"""A large JSON object read in pieces from its UTF-8 bytes with ijson: its members one by one, and the elements of
its large arrays one at a time, each time they are iterated, instead of one Python object per value held at once.

ijson gives events and values, not byte positions (ICRAR/ijson#43, declined), so an array's size is the
position of the reader it pulls from (to within ``BUF_SIZE``) and an :class:`Array` is read again from the
start of the line, ijson skipping the members before it in C. What ijson does not read (NaN, Infinity, integers
beyond 64 bits) and objects whose keys make its prefixes ambiguous are read whole by ``json.loads``.
"""
from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Any

import ijson

CHUNK = 1 << 20  # default ``lazy_bytes``
BUF_SIZE = 1 << 16  # bytes ijson reads at a time
_OPEN = {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}


def _items(data: bytes, prefix: str) -> Iterator[Any]:
    # use_float: floats as json.loads gives them, not Decimal
    return ijson.items(data, prefix, use_float=True, buf_size=BUF_SIZE)


class Array(Sequence):
    """A JSON array member left as bytes: iterating parses its elements one at a time, each time (so writers that
    read it one after another hold one element each). Indexing walks from the start: use it for a few items."""

    def __init__(self, data: bytes, key: str, length: int):
        self.data, self.key, self.length = data, key, length

    def __iter__(self) -> Iterator[Any]:
        return islice(_items(self.data, f"{self.key}.item"), self.length)  # stops at the array's end

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
        return f"<JSON array {self.key!r} of {self.length} elements, {len(self.data):,} bytes>"


def _member(events: Iterator[tuple], reader: io.BytesIO, data: bytes, key: str, lazy_bytes: int) -> Any:
    """The value of member ``key`` from its first event on: built, or an :class:`Array` once an array has taken
    ``lazy_bytes`` of the line or more (its elements are then counted and dropped)."""
    builder: ijson.ObjectBuilder | None = ijson.ObjectBuilder()
    _, event, value = next(events)
    builder.event(event, value)
    if event not in _OPEN:
        return builder.value
    array, start, depth, length, item = event == "start_array", reader.tell(), 1, 0, f"{key}.item"
    for prefix, event, value in events:
        depth += _OPEN.get(event, 0)
        if prefix == item and event != "map_key" and _OPEN.get(event, 1) > 0:  # an element begins
            length += 1
        if builder is not None:
            builder.event(event, value)
            if array and reader.tell() - start >= lazy_bytes:
                builder = None
        if depth == 0:
            return builder.value if builder is not None else Array(data, key, length)
    raise ValueError("unfinished JSON")


def load_object(data: bytes, *, lazy_bytes: int = CHUNK) -> dict[str, Any]:
    """The JSON object in ``data`` as a dict whose array members of more than about ``lazy_bytes`` bytes are
    :class:`Array` views of ``data``; everything else is parsed as ``json.loads`` would."""
    reader = io.BytesIO(data)
    events = ijson.parse(reader, use_float=True, buf_size=BUF_SIZE)
    out: dict[str, Any] = {}
    keys = 0
    try:
        if next(events, None) != ("", "start_map", None):
            raise ValueError("not a JSON object")
        for prefix, event, value in events:
            if event == "map_key" and not prefix:
                out[value] = _member(events, reader, data, value, lazy_bytes)
                keys += 1
    except ijson.JSONError:
        # not JSON, or JSON that yajl does not read: NaN, Infinity, an integer beyond 64 bits (ICRAR/ijson#153)
        return json.loads(data)
    if keys != len(out) or "" in out or any("." in key for key in out):
        return json.loads(data)  # a repeated key, an empty one or one with a dot make ijson's prefixes ambiguous
    return out

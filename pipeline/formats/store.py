"""The stored documents of an output folder: the one source every writer and summary reads from.

Two layouts, read transparently and in input order:

- ``documents.jsonl``: one JSON object per line;
- ``documents-00000.jsonl.gz``, ``documents-00001.jsonl.gz`` ...: the same lines in numbered gzip
  shards of ``--shard-size`` documents each.

Writing either layout removes the other, so an output folder holds one of them.

The writers read them with :func:`iter_stored`: a document's line of more than ``LAZY_BYTES`` (text without
sentence ends, a whole book in one file) keeps its large arrays (tokens, entities, claims ...) as UTF-8 JSON
that each writer parses one element at a time (:mod:`pipeline.formats.jsonpieces`), so a writer process
holds the line's bytes (up to about 110 bytes per character of text, where every few characters are a token,
an entity and a claim) rather than Python objects for them (about five to ten times that).
"""
from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .atomic import atomic_open
from .jsonpieces import load_object

DOCUMENTS = "documents.jsonl"
SHARD_NAME = "documents-{:05d}.jsonl.gz"
_SHARD = re.compile(r"^documents-(\d{5,})\.jsonl\.gz$")
LAZY_BYTES = 8 << 20  # a longer stored line is read in pieces by the writers


def shard_paths(out_dir: str | Path) -> list[Path]:
    """The gzip shards of ``out_dir``, in order (only the unbroken run from 00000)."""
    out = Path(out_dir)
    if not out.is_dir():
        return []
    found = {}
    for name in os.listdir(out):
        m = _SHARD.match(name)
        if m:
            found[int(m.group(1))] = out / name
    paths = []
    while len(paths) in found:
        paths.append(found[len(paths)])
    return paths


def document_files(out_dir: str | Path) -> list[Path]:
    """The files holding the documents of ``out_dir``: ``documents.jsonl`` or its shards."""
    path = Path(out_dir) / DOCUMENTS
    if path.exists():
        return [path]
    return shard_paths(out_dir)


def iter_document_bytes(out_dir: str | Path) -> Iterator[bytes]:
    """Every stored document as its UTF-8 JSON line (with the newline), in input order."""
    for path in document_files(out_dir):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as fh:
            for line in fh:
                if line and not line.isspace():  # not line.strip(): a copy of a line of hundreds of MB
                    yield line if line.endswith(b"\n") else line + b"\n"


def iter_documents(out_dir: str | Path) -> Iterator[dict]:
    """Every finished document of ``out_dir``, in input order, one at a time (either layout)."""
    for line in iter_document_bytes(out_dir):
        yield json.loads(line)


def iter_stored(out_dir: str | Path, lazy_bytes: int | None = None) -> Iterator[dict]:
    """:func:`iter_documents` for the writers: a line longer than ``lazy_bytes`` (default ``LAZY_BYTES``)
    keeps its large arrays as :class:`~pipeline.formats.jsonpieces.Array` views of its bytes, parsed one
    element at a time each time they are iterated (equal to the lists they stand for)."""
    lazy_bytes = LAZY_BYTES if lazy_bytes is None else lazy_bytes
    for line in iter_document_bytes(out_dir):
        yield load_object(line, lazy_bytes=lazy_bytes) if len(line) > lazy_bytes else json.loads(line)


def write_document_lines(out_dir: str | Path, lines: Iterable[bytes], shard_size: int | None = None) -> list[str]:
    """Store ``lines`` (UTF-8 JSON lines with newlines) atomically as ``documents.jsonl`` or as shards of
    ``shard_size`` documents; the other layout's files are removed afterwards. Returns the file names."""
    out = Path(out_dir)
    names: list[str] = []
    if not shard_size:
        with atomic_open(out / DOCUMENTS, "wb") as fh:
            for line in lines:
                fh.write(line)
        names.append(DOCUMENTS)
        for stale in shard_paths(out):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        return names
    it = iter(lines)
    index = 0
    pending = next(it, None)
    while pending is not None or index == 0:
        name = SHARD_NAME.format(index)
        # mtime=0 and no file name in the gzip header: the same documents give the same bytes
        with atomic_open(out / name, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            n = 0
            while pending is not None and n < shard_size:
                gz.write(pending)
                n += 1
                pending = next(it, None)
        names.append(name)
        index += 1
    # remove the other layout and shards left from a longer earlier run
    with contextlib.suppress(FileNotFoundError):
        (out / DOCUMENTS).unlink()
    for name in os.listdir(out):
        m = _SHARD.match(name)
        if m and int(m.group(1)) >= index:
            with contextlib.suppress(FileNotFoundError):
                (out / name).unlink()
    return names

"""The stored documents of an output folder: the one source every writer and summary reads from."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .atomic import iter_jsonl

DOCUMENTS = "documents.jsonl"


def iter_documents(out_dir: str | Path) -> Iterator[dict]:
    """Every finished document of ``out_dir``, in input order, one at a time."""
    path = Path(out_dir) / DOCUMENTS
    if path.exists():
        yield from iter_jsonl(path)

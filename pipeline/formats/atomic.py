"""Atomic file output: write to a temporary file beside the target, then rename over it."""
from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextlib.contextmanager
def atomic_open(path: str | os.PathLike, mode: str = "w", *, encoding: str | None = "utf-8",
                newline: str | None = None) -> Iterator[IO]:
    """Open a temporary file next to ``path``; on success it replaces ``path``, on error it is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": newline}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def dumps(obj: Any) -> str:
    """One JSON line: UTF-8 text, no ASCII escaping."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


PIECE = 5000  # list elements encoded at a time by document_line


def document_line(document: dict[str, Any]) -> bytes:
    """``dumps(document) + "\\n"`` as UTF-8, built member by member and a few thousand list elements at a
    time, *emptying* ``document`` as it goes: the objects of a large document (a million token dicts) are
    freed while its bytes (a fraction of their size) grow, instead of the objects, the text and the bytes
    being held at once. A member may also be any other sequence (not a string) of JSON values: it is read
    a slice at a time."""
    out = [b"{"]
    for n, key in enumerate(list(document)):
        value = document.pop(key)
        out.append((b"," if n else b"") + dumps(key).encode() + b":")
        if isinstance(value, (str, bytes, dict)) or not isinstance(value, Sequence):
            out.append(dumps(value).encode())
            continue
        out.append(b"[")
        for i in range(0, len(value), PIECE):
            piece = list(value[i:i + PIECE])
            out.append((b"," if i else b"") + dumps(piece)[1:-1].encode())
            if isinstance(value, list):
                value[i:i + PIECE] = [None] * len(piece)  # freed now, without moving the rest
        out.append(b"]")
    out.append(b"}\n")
    return b"".join(out)


def write_jsonl(path: str | os.PathLike, rows: Iterable[dict]) -> int:
    """Write ``rows`` as JSON lines atomically; return how many."""
    n = 0
    with atomic_open(path) as fh:
        for row in rows:
            fh.write(dumps(row) + "\n")
            n += 1
    return n


def write_json(path: str | os.PathLike, obj: Any) -> None:
    with atomic_open(path) as fh:
        json.dump(obj, fh, ensure_ascii=False, indent=2)
        fh.write("\n")


def iter_jsonl(path: str | os.PathLike) -> Iterator[dict]:
    """Objects of a JSON-lines file, one at a time."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)

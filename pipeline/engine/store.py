"""The resume store: committed, fsynced parts of the output in ``OUT/.parts`` that make a run resumable."""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from ..formats.atomic import write_json
from ..formats.store import iter_document_bytes

PARTS = ".parts"
ASSEMBLING = "ASSEMBLING"  # marker: the previous documents/manifest pair may be inconsistent
PART_DOCS = 2000  # a part is committed after this many documents (at an input-file boundary)
PART_BYTES = 64 << 20
PART_SECONDS = float(os.environ.get("ZHPIPE_PART_SECONDS", "2"))  # ... or after this long: a kill loses seconds


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Parts:
    """The ``OUT/.parts`` folder: committed parts with their index of input files, and the part being written."""

    def __init__(self, out: Path, force: bool = False):
        self.dir = out / PARTS
        if force and self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.done: dict[str, dict] = {}  # input key -> entry (part, offset, length, documents, errors ...)
        numbers = [-1]
        for name in sorted(os.listdir(self.dir)):
            path = self.dir / name
            if name.startswith("part-") and name.endswith(".json"):
                try:
                    index = json.loads(path.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    continue
                numbers.append(int(name[5:-5]))
                for entry in index["inputs"]:
                    self.done[entry["key"]] = entry
            elif name.startswith("part-") and name.endswith(".jsonl"):
                numbers.append(int(name[5:-6]))
        # data without an index is an uncommitted part: discard it, and any temporary file
        for name in os.listdir(self.dir):
            if name.endswith(".tmp") or (name.endswith(".jsonl") and not (self.dir / (name[:-1])).exists()):
                with contextlib.suppress(FileNotFoundError):
                    (self.dir / name).unlink()
        self.next_number = max(numbers) + 1
        self.fh = None
        self.entries: list[dict] = []
        self.docs = 0

    @property
    def assembling(self) -> Path:
        return self.dir / ASSEMBLING

    def _open(self) -> None:
        self.number = self.next_number
        self.next_number += 1
        self.tmp = self.dir / f"part-{self.number:06d}.jsonl.tmp"
        self.fh = open(self.tmp, "wb")  # noqa: SIM115  (closed by commit)
        self.entries = []
        self.docs = 0
        self.opened = time.monotonic()

    def begin(self, entry: dict) -> None:
        if self.fh is None:
            self._open()
        entry["part"] = f"part-{self.number:06d}.jsonl"
        entry["offset"] = self.fh.tell()

    def write(self, line: bytes) -> None:
        self.fh.write(line)
        self.docs += 1

    def end(self, entry: dict) -> None:
        """The input of ``entry`` is complete; commit the part when it is big enough."""
        entry["length"] = self.fh.tell() - entry["offset"]
        self.entries.append(entry)
        if self.docs >= PART_DOCS or self.fh.tell() >= PART_BYTES or time.monotonic() - self.opened >= PART_SECONDS:
            self.commit()

    def abandon(self) -> None:
        """Drop the input being written (a --strict stop): rewind the part to the last complete input."""
        end = self.entries[-1]["offset"] + self.entries[-1]["length"] if self.entries else 0
        if self.fh is not None:
            self.fh.seek(end)
            self.fh.truncate()

    def commit(self) -> None:
        if self.fh is None:
            return
        self.fh.flush()
        os.fsync(self.fh.fileno())
        self.fh.close()
        self.fh = None
        name = f"part-{self.number:06d}"
        if self.entries:
            os.replace(self.tmp, self.dir / f"{name}.jsonl")
            _fsync_dir(self.dir)
            write_json(self.dir / f"{name}.json", {"inputs": self.entries})
            _fsync_dir(self.dir)
            for entry in self.entries:
                self.done[entry["key"]] = entry
        else:
            self.tmp.unlink()
        self.entries = []

    def import_previous(self, out: Path, ohash: str) -> int:
        """Copy the documents of unchanged, error-free inputs of the previous complete run into a part."""
        manifest_path = out / "manifest.json"
        if self.assembling.exists() or not manifest_path.exists():
            return 0
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return 0
        if manifest.get("options_hash") != ohash:
            return 0
        inputs = manifest.get("inputs", [])
        if not any(e.get("key") and not e.get("errors") and e["key"] not in self.done for e in inputs):
            return 0
        lines = iter_document_bytes(out)
        imported = 0
        for prev in inputs:
            n = prev.get("documents", 0)
            reuse = prev.get("key") and not prev.get("errors") and prev["key"] not in self.done
            if reuse:
                entry = {k: prev[k] for k in ("key", "path", "id", "sha256", "encoding", "chars") if k in prev}
                entry.update(documents=n, errors=[])
                self.begin(entry)
            for _ in range(n):
                line = next(lines, None)
                if line is None:  # the stored documents do not match the manifest: import nothing
                    self.abandon()
                    self.entries = []
                    self.commit()
                    return 0
                if reuse:
                    self.write(line)
            if reuse:
                self.end(entry)
                imported += 1
        self.commit()
        return imported

    def lines(self, entry: dict) -> Iterator[bytes]:
        """The stored UTF-8 lines of an input, one at a time: a document's line may be hundreds of MB."""
        with open(self.dir / entry["part"], "rb") as fh:
            fh.seek(entry["offset"])
            left = entry["length"]
            while left > 0:
                line = fh.readline(left)
                if not line:
                    break
                left -= len(line)
                yield line

    def remove(self) -> None:
        if self.fh is not None:
            self.fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)



"""A batch run: list the inputs, stream their records to an executor, commit the results to parts, then
assemble the outputs and write the manifest."""
from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .. import __version__
from ..document import InputError, Record
from ..formats.atomic import write_json, write_jsonl
from ..formats.readers import _read_bytes, base_for, doc_id_for, iter_files, records_from_bytes
from ..formats.store import write_document_lines
from ..formats.writers import write_outputs
from .executors import make_executor
from .lifetime import FolderLock
from .options import Options, options_hash
from .processor import Outcome
from .progress import Progress
from .store import Parts, _fsync_dir

BATCH_RECORDS = 64  # records per task sent to a worker
BATCH_CHARS = 50_000  # ... or fewer: a few seconds of work, so small corpora spread over the workers too
SMALL_INPUT = 1 << 20  # below this many input bytes the default worker count is 1 (a pool costs more)


@dataclass
class RunResult:
    documents: int = 0
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    reused: int = 0  # input files skipped because they were done (resume) or unchanged (incremental)

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


class StrictStop(Exception):
    """Raised to stop a ``--strict`` run at its first failure."""


@dataclass
class Mark:
    """A marker in the stream of work: an input file begins, ends, is reused, or cannot be read."""

    kind: str
    ident: int


def _input_key(path: str, doc_id: str, sha: str, ohash: str) -> str:
    return hashlib.sha256(f"{path}\0{doc_id}\0{sha}\0{ohash}".encode()).hexdigest()[:32]


@dataclass
class Listing:
    """The input files of a run in a stable order (paths, or errors for paths that cannot be listed), and
    the sizes of those that can be stat'ed (for the progress line's ETA)."""

    inputs: list[str]
    items: list = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, inputs: Iterable[str]) -> Listing:
        listing = cls([str(p) for p in inputs])
        listing.items = list(iter_files(listing.inputs))
        for item in listing.items:
            if not isinstance(item, InputError) and str(item) != "-":
                with contextlib.suppress(OSError):
                    listing.sizes[str(item)] = item.stat().st_size
        return listing

    @property
    def total_bytes(self) -> int:
        return sum(self.sizes.values())


def default_workers(workers: int | None, engine: str, total_bytes: int) -> int:
    """``workers`` when given, else the number of cores (1 for a small input on the local engine)."""
    if workers is None:
        workers = os.cpu_count() or 1
        if engine == "local" and total_bytes < SMALL_INPUT:
            workers = 1
    return max(1, workers)


class Job:
    """The state of one run while its inputs are processed: the parts, the entry of every input reached
    (in input order), the counters, and the stage timings."""

    def __init__(self, listing: Listing, out: Path, options: Options, ohash: str, report: Callable[[str], None],
                 force: bool):
        self.listing = listing
        self.options = options
        self.ohash = ohash
        self.report = report
        self.parts = Parts(out, force=force)
        if not force:
            self.parts.import_previous(out, ohash)
        self.result = RunResult()
        self.timings: Counter[str] = Counter()
        self.order: list[dict | InputError] = []  # every input reached, in order: its entry or its path error
        self.entries_by_id: dict[int, dict] = {}  # entries of files in flight, by the id their marks carry
        self.current: dict | None = None  # the entry of the input file being written
        self.files = self.bytes = self.docs = 0

    # -- the work, in input order --------------------------------------------------------------------------

    def stream(self) -> Iterator[Any]:
        """Items in input order: Mark("begin"), the file's records and read errors, Mark("end"); or
        Mark("reuse") for a file already done, Mark("error") for a path that cannot be read."""
        for ident, item in enumerate(self.listing.items):
            if isinstance(item, InputError):
                self.entries_by_id[ident] = item
                yield Mark("error", ident)
                continue
            path = str(item)
            try:
                data = _read_bytes(item)
            except OSError as exc:
                self.entries_by_id[ident] = InputError(path, f"cannot read: {exc.strerror or exc}",
                                                       error=type(exc).__name__)
                yield Mark("error", ident)
                continue
            sha = hashlib.sha256(data).hexdigest()
            base = base_for(item, self.listing.inputs)
            doc_id = doc_id_for(item, base) if path != "-" else "stdin"
            key = _input_key(path, doc_id, sha, self.ohash)
            if key in self.parts.done:
                self.entries_by_id[ident] = self.parts.done[key]
                yield Mark("reuse", ident)
                continue
            entry = {"key": key, "path": path, "id": doc_id, "sha256": sha, "encoding": None, "documents": 0,
                     "chars": 0, "errors": []}
            self.entries_by_id[ident] = entry
            yield Mark("begin", ident)
            for record in records_from_bytes(item, data, base):
                if isinstance(record, Record) and entry["encoding"] is None:
                    entry["encoding"] = record.encoding
                yield record
            del data
            yield Mark("end", ident)

    def batches(self) -> Iterator[list]:
        """The stream in batches of at most ``BATCH_RECORDS`` items or about ``BATCH_CHARS`` characters."""
        batch: list = []
        chars = 0
        for item in self.stream():
            batch.append(item)
            if isinstance(item, Record):
                chars += len(item.raw_text)
            if len(batch) >= BATCH_RECORDS or chars >= BATCH_CHARS:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    # -- the results, in input order -----------------------------------------------------------------------

    def collect(self, results: Iterable[list], bar: Progress) -> None:
        """Write the executor's results to the parts; a ``--strict`` stop drops the file being written."""
        try:
            for batch in results:
                for item in batch:
                    if isinstance(item, Mark):
                        self._mark(item)
                    elif isinstance(item, InputError):  # a read error inside a file (a broken JSONL line ...)
                        self._error(item, self.current)
                    else:
                        self._document(*item)
                        bar.update(self.docs, self.result.chars, self.files, self.bytes)
        except StrictStop:
            if self.current is not None:
                self.parts.abandon()  # the file being written is incomplete: its documents are dropped

    def _mark(self, mark: Mark) -> None:
        if mark.kind == "begin":
            self.current = self.entries_by_id[mark.ident]
            self.order.append(self.current)
            self.parts.begin(self.current)
            return
        payload = self.entries_by_id.pop(mark.ident)
        self.files += 1
        if mark.kind == "end":
            self.parts.end(self.current)
            self.current = None
            self.bytes += self.listing.sizes.get(payload["path"], 0)
        elif mark.kind == "reuse":
            self.order.append(payload)
            self.result.reused += 1
            self.bytes += self.listing.sizes.get(payload["path"], 0)
        else:  # a path that cannot be read
            self.order.append(payload)
            self._error(payload, None)

    def _error(self, error: InputError, entry: dict | None) -> None:
        if entry is not None:
            entry["errors"].append(error.to_dict())
        self.report(error.message())
        if self.options.strict:
            raise StrictStop(error)

    def _document(self, line: bytes | None, outcome: Outcome) -> None:
        self.timings.update(outcome.timings)
        if outcome.error:
            self._error(outcome.error, self.current)
            return
        self.parts.write(line)
        self.current["documents"] += 1
        self.current["chars"] += outcome.chars
        self.result.chars += outcome.chars
        self.docs += 1

    # -- the outputs ---------------------------------------------------------------------------------------

    def assemble(self, out: Path, shard_size: int | None) -> tuple[list[dict], Any, list[dict]]:
        """Write ``documents.jsonl`` (or shards) and ``errors.jsonl`` in input order from the committed parts;
        returns the entries written, the documents' layout and the errors."""
        write_json(self.parts.assembling, {"started": time.time()})
        entries = [e for e in self.order if isinstance(e, dict) and e["key"] in self.parts.done]
        t = time.perf_counter()
        layout = write_document_lines(out, (line for e in entries for line in self.parts.lines(e)), shard_size)
        errors: list[dict] = []
        for item in self.order:
            if isinstance(item, InputError):
                errors.append(item.to_dict())
            else:
                errors.extend(item.get("errors", []))
        write_jsonl(out / "errors.jsonl", errors)
        self.timings["assemble"] += time.perf_counter() - t
        return entries, layout, errors


def run(inputs: Iterable[str], out_dir: str | Path, options: Options | None = None, *,
        report: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
        workers: int | None = None, engine: str = "local", scheduler: str | None = None,
        shard_size: int | None = None, force: bool = False, progress: bool = False) -> RunResult:
    """Process every document under ``inputs`` into ``out_dir`` following the output contract.

    ``workers``: processes (default: the number of cores, or 1 for less than 1 MB of input);
    ``engine``: ``local`` (in-process or process pool) or ``dask`` (``scheduler`` address, else a
    LocalCluster); ``shard_size``: write gzip shards of that many documents; ``force``: reprocess
    every input instead of resuming an interrupted run or reusing unchanged inputs.
    """
    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    lock = FolderLock(out)
    try:
        return _run(inputs, out, options, report, workers, engine, scheduler, shard_size, force, progress)
    finally:
        lock.close()


def _run(inputs, out: Path, options: Options, report, workers, engine, scheduler, shard_size, force,
         progress) -> RunResult:
    started = time.perf_counter()
    ohash = options_hash(options)
    listing = Listing.of(inputs)
    job = Job(listing, out, options, ohash, report, force)
    workers = default_workers(workers, engine, listing.total_bytes)
    bar = Progress(progress, listing.total_bytes, len(listing.items))

    t = time.perf_counter()
    executor = make_executor(options, engine, workers, scheduler)
    job.timings["startup"] += time.perf_counter() - t
    processing_started = time.perf_counter()
    try:
        job.collect(executor.map(job.batches()), bar)
    finally:
        executor.close()
    job.parts.commit()
    job.timings["processing_wall"] += time.perf_counter() - processing_started  # read, process, write parts
    bar.update(job.docs, job.result.chars, job.files, job.bytes, final=True)
    bar.close()

    entries, layout, errors = job.assemble(out, shard_size)
    t = time.perf_counter()
    write_outputs(out, options.formats, processes=min(workers, os.cpu_count() or 1))
    job.timings["writers"] += time.perf_counter() - t
    result = job.result
    result.seconds = time.perf_counter() - started
    # reused inputs count in the totals: the output holds their documents
    result.documents = sum(e["documents"] for e in entries)
    result.chars = sum(e.get("chars", 0) for e in entries)
    result.errors = len(errors)
    write_json(out / "manifest.json", _manifest(options, ohash, entries, layout, errors, result, job.timings,
                                                executor, shard_size))
    _fsync_dir(out)
    job.parts.remove()
    return result


def _manifest(options: Options, ohash: str, entries: list[dict], layout: Any, errors: list[dict],
              result: RunResult, timings: Counter, executor: Any, shard_size: int | None) -> dict:
    return {
        "zhpipe": __version__,
        "python": platform.python_version(),
        "versions": _versions(),
        "options": asdict(options),
        "options_hash": ohash,
        "inputs": [{"path": e["path"], "id": e.get("id"), "key": e["key"], "sha256": e.get("sha256"),
                    "encoding": e.get("encoding"), "documents": e["documents"], "chars": e.get("chars", 0),
                    "errors": len(e.get("errors", []))} for e in entries],
        "documents": layout,
        "counts": {"documents": result.documents, "errors": result.errors, "chars": result.chars},
        "timings": {"total_seconds": round(result.seconds, 3), **{k: round(v, 3) for k, v in timings.items()}},
        "execution": {"engine": executor.name, "workers": executor.workers, "reused_inputs": result.reused,
                      "shard_size": shard_size},
        "errors": errors[:1000],
    }


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("opencc", "jieba", "spacy", "pypinyin", "charset-normalizer", "click", "dask", "distributed"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out

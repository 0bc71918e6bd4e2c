"""Batch execution: read inputs, process each document through the stages, write the outputs.

How a run works (``run``):

1. Input files are listed in a stable order. Each file is read once and hashed; its *key* is the hash of
   its path, document-id base, content sha256 and the options that change documents (``options_hash``).
2. Files whose key is already done are skipped: done means committed to a part in ``OUT/.parts/`` by an
   interrupted run of the same command (resume), or present without errors in the previous complete
   output, as recorded in ``manifest.json`` (incremental; ``force=True`` turns both off).
3. The other files' records go, in bounded batches, to an executor: in-process (1 worker), a process pool
   (``workers`` > 1) or a Dask cluster (``engine="dask"``). Results come back in input order.
4. Documents are appended to numbered part files ``OUT/.parts/part-NNNNNN.jsonl``; a part holds whole
   input files only and is committed by fsync + rename, then its index ``part-NNNNNN.json`` (which
   files, byte ranges, errors) is written atomically. A part without an index is discarded on restart,
   so a SIGKILL at any moment loses at most the uncommitted part and never duplicates a document.
5. At the end ``documents.jsonl`` (or gzip shards) and ``errors.jsonl`` are assembled atomically in input
   order from the parts, the writers run over the stored documents, ``manifest.json`` is written last,
   and ``.parts`` is removed.

Memory stays flat: at most ``window`` batches are in flight, and only the current input file is held.
"""
from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import os
import platform
import shutil
import sys
import threading
import time
import warnings
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import __version__
from .document import InputError, Record
from .formats.atomic import dumps, write_json, write_jsonl
from .formats.readers import (
    _read_bytes,
    base_for,
    doc_id_for,
    iter_files,
    read_page,
    records_from_bytes,
)
from .formats.store import iter_document_lines, write_document_lines
from .formats.writers import DEFAULT_FORMATS, write_outputs
from .langid import detect_language
from .language import DEFAULT_NER_STYLE, load, pipeline_language
from .normalise import normalise
from .normalise.convert import DEFAULT_CONFIG
from .normalise.patterns import LONE_SURROGATE
from .records import document_record
from .summarise import load_tables as load_summary_tables

PARTS = ".parts"
ASSEMBLING = "ASSEMBLING"  # marker: the previous documents/manifest pair may be inconsistent
PART_DOCS = 2000  # a part is committed after this many documents (at an input-file boundary)
PART_BYTES = 64 << 20
PART_SECONDS = float(os.environ.get("ZHPIPE_PART_SECONDS", "2"))  # ... or after this long: a kill loses seconds
BATCH_RECORDS = 64  # records per task sent to a worker
BATCH_CHARS = 50_000  # ... or fewer: a few seconds of work, so small corpora spread over the workers too
SMALL_INPUT = 1 << 20  # below this many input bytes the default worker count is 1 (a pool costs more)


@dataclass
class Options:
    """What a run does to each document; recorded in the manifest."""

    convert: bool = True
    opencc_config: str = DEFAULT_CONFIG
    lang: str = "auto"
    max_doc_chars: int = 5_000_000
    strict: bool = False
    formats: tuple[str, ...] = DEFAULT_FORMATS
    chunk_chars: int = 100_000  # longer texts go through the models in pieces cut at line/sentence ends
    ner_style: str = DEFAULT_NER_STYLE  # Chinese entity conventions: auto, mixed, news, web or social (pipeline.entities.STYLES)
    html: str = "main"  # HTML pages: "main" (the article, pipeline.formats.html) or "all" (the whole page's text)


def tree_fingerprint(root: Path) -> str:
    """sha256 over the relative paths and contents of the files under ``root`` (``__pycache__`` left out)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Fingerprint of the package's code and resources (models, tables): a changed model or rule file must
    not let an incremental run reuse documents made by the old one, even when the version is the same."""
    return tree_fingerprint(Path(__file__).resolve().parent)


def options_hash(options: Options) -> str:
    """Hash of everything that changes the documents: the options that matter, the version, the components,
    and the package's code and resources (``code_fingerprint``)."""
    from .language import COMPONENTS

    relevant = {"convert": options.convert, "opencc_config": options.opencc_config, "lang": options.lang,
                "max_doc_chars": options.max_doc_chars, "chunk_chars": options.chunk_chars,
                "ner_style": options.ner_style, "html": options.html,
                "zhpipe": __version__, "components": COMPONENTS, "code": code_fingerprint()}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


@dataclass
class Outcome:
    """What processing one input produced: a document object, or an error."""

    document: dict[str, Any] | None = None
    error: InputError | None = None
    timings: dict[str, float] = field(default_factory=dict)
    chars: int = 0


_CUT_AT = "。！？!?；;\n"


def split_points(text: str, limit: int) -> list[int]:
    """Cut positions splitting ``text`` into pieces of at most ``limit`` characters, each cut just after
    a line break if one lies in the second half of the window, else after a sentence end, else hard."""
    cuts = []
    start = 0
    n = len(text)
    while n - start > limit:
        end = start + limit
        lo = start + limit // 2
        cut = text.rfind("\n", lo, end)
        if cut < 0:
            cut = max(text.rfind(ch, lo, end) for ch in _CUT_AT)
        cut = cut + 1 if cut >= 0 else end
        cuts.append(cut)
        start = cut
    return cuts


def _shift(value: Any, offset: int) -> Any:
    """A user_data value with its character offsets moved by ``offset`` ([s, e] pairs, dicts with start/end)."""
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value[0] + offset, value[1] + offset]
    if isinstance(value, dict) and isinstance(value.get("start"), int):
        out = dict(value)
        for key in ("start", "end"):
            if isinstance(out.get(key), int):
                out[key] += offset
        return out
    return value


def merge_user_data(parts: list[tuple[int, dict]]) -> dict:
    """Merge the plain (non-extension) user_data of chunk docs: lists are concatenated with offsets
    shifted by the chunk's start; other values keep the first chunk's value (dicts are merged)."""
    merged: dict = {}
    for offset, data in parts:
        for key, value in data.items():
            if isinstance(key, tuple):  # extension attributes: Doc.from_docs shifts and merges them
                continue
            if isinstance(value, list):
                merged.setdefault(key, []).extend(_shift(v, offset) for v in value)
            elif isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**value, **merged[key]}
            else:
                merged.setdefault(key, value)
    return merged


@lru_cache(maxsize=1)
def _freeze_loaded_heap() -> None:
    """Once per process, after the models and dictionaries load: move them out of the garbage collector's
    generations. They live as long as the process, and every full collection would walk their ~300,000
    objects again (about 0.1 s each)."""
    gc.collect()
    gc.freeze()


class Processor:
    """Processes records one by one with models loaded once (per process)."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.nlp = load("zh", self.options.ner_style)
        self.nlp.make_doc("预热")  # jieba loads its dictionary on first use: do it now, once per process
        if self.options.lang in ("auto", "en"):
            load("en", self.options.ner_style)
        load_summary_tables()  # jieba.analyse's IDF table: loaded on first use, like jieba's dictionary
        _freeze_loaded_heap()

    def language_of(self, raw: str) -> str:
        """The document's language: ``--lang`` when given, else detected from its letters."""
        return self.options.lang if self.options.lang != "auto" else detect_language(raw)

    def annotate(self, text: str, mojibake: list, timings: dict[str, float], lang: str = "zh"):
        """The spaCy Doc of normalised ``text``: tokenizer and components, in chunks when it is long."""
        from spacy.tokens import Doc

        nlp = load(pipeline_language(lang), self.options.ner_style)
        cuts = split_points(text, max(1, min(self.options.chunk_chars, nlp.max_length)))
        bounds = list(zip([0, *cuts], [*cuts, len(text)]))
        docs = []
        for start, end in bounds:
            t = time.perf_counter()
            doc = nlp.make_doc(text[start:end])
            doc.user_data["lang"] = lang
            if docs and "ner_style" in docs[0].user_data:  # the entity style "auto" chose for the first piece
                doc.user_data["ner_style"] = docs[0].user_data["ner_style"]
            doc.user_data["mojibake_spans"] = [[max(s, start) - start, min(e, end) - start]
                                               for s, e in mojibake if s < end and e > start]
            timings["segment"] = timings.get("segment", 0.0) + time.perf_counter() - t
            for name, component in nlp.pipeline:
                self.stage = name
                t = time.perf_counter()
                doc = component(doc)
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - t
            docs.append(doc)
            self.stage = "segment"
        if len(docs) == 1:
            return docs[0]
        t = time.perf_counter()
        with warnings.catch_warnings():  # plain user_data is merged below (W102 says from_docs skips it)
            warnings.filterwarnings("ignore", message=r"\[W102\]")
            merged = Doc.from_docs(docs, ensure_whitespace=False)
        user_data = merge_user_data([(start, doc.user_data) for (start, _), doc in zip(bounds, docs)])
        merged.user_data.update(user_data)
        timings["merge"] = timings.get("merge", 0.0) + time.perf_counter() - t
        return merged

    def __call__(self, record: Record) -> Outcome:
        timings: dict[str, float] = {}
        if LONE_SURROGATE.search(record.raw_text):  # only text handed in directly can hold them: UTF-8 cannot
            record = replace(record, raw_text=LONE_SURROGATE.sub("\ufffd", record.raw_text))
        if len(record.raw_text) > self.options.max_doc_chars:
            reason = f"document has {len(record.raw_text):,} characters, over --max-doc-chars {self.options.max_doc_chars:,}"
            return Outcome(error=InputError(record.source, reason, stage="read", error="DocumentTooLarge",
                                            doc_id=record.id))
        self.stage = "normalise"
        try:
            t0 = time.perf_counter()
            page = read_page(record.raw_text, record.format, html=self.options.html)
            lang = self.language_of(page.text)
            # English text gets the cleaning but no OpenCC conversion
            convert = self.options.convert and lang != "en"
            norm = normalise(page, convert=convert, opencc_config=self.options.opencc_config)
            timings["normalise"] = time.perf_counter() - t0
            self.stage = "segment"
            doc = self.annotate(norm.text, [list(s) for s in norm.mojibake], timings, lang)
            self.stage = "write"
            t = time.perf_counter()
            document = document_record(record, norm, doc)
            timings["record"] = time.perf_counter() - t
        except Exception as exc:  # noqa: BLE001  (one bad document must not stop the run)
            return Outcome(error=InputError(record.source, f"{type(exc).__name__}: {exc}", stage=self.stage,
                                            error=type(exc).__name__, doc_id=record.id))
        return Outcome(document=document, timings=timings, chars=len(record.raw_text))

    def batch(self, items: list) -> list:
        """Process a batch of stream items: records become (json line or None, Outcome without the document)."""
        out = []
        for item in items:
            if isinstance(item, Record):
                outcome = self(item)
                line = dumps(outcome.document) + "\n" if outcome.document is not None else None
                outcome.document = None
                out.append((line, outcome))
            else:
                out.append(item)
        return out


def process(text: str, *, doc_id: str = "text", options: Options | None = None, format: str = "text") -> dict[str, Any]:
    """Process one text in memory (read as ``format``: text, markdown or html) and return its documents.jsonl
    object (raises on failure)."""
    outcome = Processor(options)(Record(doc_id, "<string>", text, format=format))
    if outcome.error:
        raise ValueError(outcome.error.reason)
    return outcome.document


# ---------------------------------------------------------------------------------------------------------
# executors: map batches to results, in order, with a bounded number in flight
# ---------------------------------------------------------------------------------------------------------

_WORKER: Processor | None = None


def _init_worker(options: Options) -> None:
    global _WORKER
    _WORKER = Processor(options)


def _run_batch(items: list) -> list:
    return _WORKER.batch(items)


@lru_cache(maxsize=4)
def _cached_processor(options_json: str) -> Processor:
    """One Processor per (Dask worker) process and options: the models load once."""
    data = json.loads(options_json)
    data["formats"] = tuple(data["formats"])
    return Processor(Options(**data))


def dask_warm(options_json: str) -> None:
    """Run on every Dask worker when the engine starts: load the models before the first batch."""
    _cached_processor(options_json)


def dask_batch(options_json: str, items: list) -> list:
    """The Dask task: process a batch of records on a worker with its cached models."""
    return _cached_processor(options_json).batch(items)


class InProcess:
    name = "local"

    def __init__(self, options: Options):
        self.processor = Processor(options)
        self.workers = 1

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        for batch in batches:
            yield self.processor.batch(batch)

    def close(self) -> None:
        pass


def _ordered_window(submit: Callable[[list], Any], result: Callable[[Any], list], batches: Iterable[list],
                    window: int) -> Iterator[list]:
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class ProcessPool:
    name = "local"

    def __init__(self, options: Options, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork from a single-threaded parent that has loaded the models: they load once, not once per
        # worker, and workers start at once. With other threads running (a library's, a test's), fork is
        # unsafe: forkserver starts workers from a clean process that has imported zhpipe once.
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
            method = "fork"
            _init_worker(options)
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["pipeline.engine"])
        self.method = method
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(options,))

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        yield from _ordered_window(lambda b: self.pool.submit(_run_batch, b), lambda f: f.result(), batches,
                                   window=self.workers * 3)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    name = "dask"

    def __init__(self, options: Options, workers: int, scheduler: str | None = None):
        from distributed import Client, LocalCluster

        self.cluster = None
        # results (the documents' JSON, ~35 bytes per character) come straight from the workers, not
        # through the scheduler, which for a LocalCluster runs in this process
        if scheduler:
            self.client = Client(scheduler, direct_to_workers=True)
        else:
            import dask

            # the workers' sampling profiler takes the GIL 100 times a second from the one task thread
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, direct_to_workers=True)
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        self.options_json = json.dumps(asdict(options))
        self.client.run(dask_warm, self.options_json)  # workers that join later load on their first batch

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        def result(future):
            out = future.result()
            future.release()
            return out

        yield from _ordered_window(lambda b: self.client.submit(dask_batch, self.options_json, b, pure=False),
                                   result, batches, window=self.workers * 3)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ---------------------------------------------------------------------------------------------------------
# parts: committed, fsynced pieces of the output that make a run resumable
# ---------------------------------------------------------------------------------------------------------


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
        self.fh = open(self.tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115  (closed by commit)
        self.entries = []
        self.docs = 0
        self.opened = time.monotonic()

    def begin(self, entry: dict) -> None:
        if self.fh is None:
            self._open()
        entry["part"] = f"part-{self.number:06d}.jsonl"
        entry["offset"] = self.fh.tell()

    def write(self, line: str) -> None:
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
        lines = iter_document_lines(out)
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

    def lines(self, entry: dict) -> Iterator[str]:
        with open(self.dir / entry["part"], "rb") as fh:
            fh.seek(entry["offset"])
            data = fh.read(entry["length"])
        yield from data.decode("utf-8").splitlines(keepends=True)

    def remove(self) -> None:
        if self.fh is not None:
            self.fh.close()
        shutil.rmtree(self.dir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------
# run
# ---------------------------------------------------------------------------------------------------------


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


class Progress:
    """One status line on stderr: documents done, files done, chars/s, ETA by input bytes."""

    def __init__(self, enabled: bool, total_bytes: int, total_files: int):
        self.enabled = enabled
        self.total_bytes = max(1, total_bytes)
        self.total_files = total_files
        self.started = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def update(self, docs: int, chars: int, files: int, done_bytes: int, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.5:
            return
        self.last = now
        elapsed = max(1e-9, now - self.started)
        rate = chars / elapsed
        eta = ""
        if 0 < done_bytes < self.total_bytes:
            eta = f", ETA {_duration(elapsed * (self.total_bytes - done_bytes) / done_bytes)}"
        sys.stderr.write(f"\rzhpipe: {docs:,} documents, {files:,}/{self.total_files:,} files, "
                         f"{rate / 1000:,.1f}k chars/s{eta}   ")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


class StrictStop(Exception):
    """Raised to stop a ``--strict`` run at its first failure."""


@dataclass
class Mark:
    """A marker in the stream of work: an input file begins, ends, is reused, or cannot be read."""

    kind: str
    ident: int


def _input_key(path: str, doc_id: str, sha: str, ohash: str) -> str:
    return hashlib.sha256(f"{path}\0{doc_id}\0{sha}\0{ohash}".encode()).hexdigest()[:32]


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
    lock = _lock(out)
    try:
        return _run(inputs, out, options, report, workers, engine, scheduler, shard_size, force, progress)
    finally:
        lock.close()


def _run(inputs, out: Path, options: Options, report, workers, engine, scheduler, shard_size, force,
         progress) -> RunResult:
    started = time.perf_counter()
    ohash = options_hash(options)
    inputs = [str(p) for p in inputs]
    listed = list(iter_files(inputs))
    sizes = {}
    for item in listed:
        if not isinstance(item, InputError) and str(item) != "-":
            with contextlib.suppress(OSError):
                sizes[str(item)] = item.stat().st_size
    total_bytes = sum(sizes.values())

    parts = Parts(out, force=force)
    result = RunResult()
    if not force:
        parts.import_previous(out, ohash)

    if workers is None:
        workers = os.cpu_count() or 1
        if engine == "local" and total_bytes < SMALL_INPUT:
            workers = 1
    workers = max(1, workers)
    timings: Counter[str] = Counter()
    order: list[dict | InputError] = []  # every input reached, in order: its entry or its path error
    entries_by_id: dict[int, dict] = {}  # entries of files in flight, by the id their marks carry
    bar = Progress(progress, total_bytes, len(listed))
    state = {"files": 0, "bytes": 0, "docs": 0}

    def stream() -> Iterator[Any]:
        """Items in input order: Mark("begin"), the file's records and read errors, Mark("end"); or
        Mark("reuse") for a file already done, Mark("error") for a path that cannot be read."""
        for ident, item in enumerate(listed):
            if isinstance(item, InputError):
                entries_by_id[ident] = item
                yield Mark("error", ident)
                continue
            path = str(item)
            try:
                data = _read_bytes(item)
            except OSError as exc:
                entries_by_id[ident] = InputError(path, f"cannot read: {exc.strerror or exc}",
                                                  error=type(exc).__name__)
                yield Mark("error", ident)
                continue
            sha = hashlib.sha256(data).hexdigest()
            base = base_for(item, inputs)
            doc_id = doc_id_for(item, base) if path != "-" else "stdin"
            key = _input_key(path, doc_id, sha, ohash)
            if key in parts.done:
                entries_by_id[ident] = parts.done[key]
                yield Mark("reuse", ident)
                continue
            entry = {"key": key, "path": path, "id": doc_id, "sha256": sha, "encoding": None, "documents": 0,
                     "chars": 0, "errors": []}
            entries_by_id[ident] = entry
            yield Mark("begin", ident)
            for record in records_from_bytes(item, data, base):
                if isinstance(record, Record) and entry["encoding"] is None:
                    entry["encoding"] = record.encoding
                yield record
            del data
            yield Mark("end", ident)

    def batches() -> Iterator[list]:
        batch: list = []
        chars = 0
        for item in stream():
            batch.append(item)
            if isinstance(item, Record):
                chars += len(item.raw_text)
            if len(batch) >= BATCH_RECORDS or chars >= BATCH_CHARS:
                yield batch
                batch, chars = [], 0
        if batch:
            yield batch

    def on_error(error: InputError, entry: dict | None) -> None:
        if entry is not None:
            entry["errors"].append(error.to_dict())
        report(error.message())
        if options.strict:
            raise StrictStop(error)

    t = time.perf_counter()
    executor = _executor(options, engine, workers, scheduler)
    timings["startup"] += time.perf_counter() - t
    processing_started = time.perf_counter()
    current: dict | None = None
    try:
        for results in executor.map(batches()):
            for item in results:
                if isinstance(item, Mark):
                    if item.kind == "begin":
                        current = entries_by_id[item.ident]
                        order.append(current)
                        parts.begin(current)
                        continue
                    payload = entries_by_id.pop(item.ident)
                    state["files"] += 1
                    if item.kind == "end":
                        parts.end(current)
                        current = None
                        state["bytes"] += sizes.get(payload["path"], 0)
                    elif item.kind == "reuse":
                        order.append(payload)
                        result.reused += 1
                        state["bytes"] += sizes.get(payload["path"], 0)
                    else:  # a path that cannot be read
                        order.append(payload)
                        on_error(payload, None)
                    continue
                if isinstance(item, InputError):  # a read error inside a file (a broken JSONL line ...)
                    on_error(item, current)
                    continue
                line, outcome = item
                timings.update(outcome.timings)
                if outcome.error:
                    on_error(outcome.error, current)
                    continue
                parts.write(line)
                current["documents"] += 1
                current["chars"] += outcome.chars
                result.chars += outcome.chars
                state["docs"] += 1
                bar.update(state["docs"], result.chars, state["files"], state["bytes"])
    except StrictStop:
        if current is not None:
            parts.abandon()  # the file being written is incomplete: its documents are dropped
    finally:
        executor.close()
    parts.commit()
    timings["processing_wall"] += time.perf_counter() - processing_started  # read, process, write parts
    bar.update(state["docs"], result.chars, state["files"], state["bytes"], final=True)
    bar.close()

    # assemble the outputs in input order from the committed parts
    write_json(parts.assembling, {"started": time.time()})
    entries = [e for e in order if isinstance(e, dict) and e["key"] in parts.done]
    t = time.perf_counter()
    layout = write_document_lines(out, (line for e in entries for line in parts.lines(e)), shard_size)
    errors: list[dict] = []
    for item in order:
        if isinstance(item, InputError):
            errors.append(item.to_dict())
        else:
            errors.extend(item.get("errors", []))
    write_jsonl(out / "errors.jsonl", errors)
    timings["assemble"] += time.perf_counter() - t
    t = time.perf_counter()
    write_outputs(out, options.formats, processes=min(workers, os.cpu_count() or 1))
    timings["writers"] += time.perf_counter() - t
    result.seconds = time.perf_counter() - started
    # reused inputs count in the totals: the output holds their documents
    result.documents = sum(e["documents"] for e in entries)
    result.chars = sum(e.get("chars", 0) for e in entries)
    result.errors = len(errors)
    write_json(out / "manifest.json", {
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
    })
    _fsync_dir(out)
    parts.remove()
    return result


def _lock(out: Path):
    """Hold ``OUT/.lock`` for the run: two runs writing one output folder would mix their parts."""
    fh = open(out / ".lock", "a")  # noqa: SIM115  (held until the run ends)
    try:
        import fcntl

        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # no flock (Windows): run unlocked
        pass
    except OSError:
        fh.close()
        raise RuntimeError(f"another zhpipe run is writing to {out}; wait for it or use another folder") from None
    return fh


def _executor(options: Options, engine: str, workers: int, scheduler: str | None):
    if engine == "dask":
        return DaskEngine(options, workers, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    if workers <= 1:
        return InProcess(options)
    return ProcessPool(options, workers)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("opencc", "jieba", "spacy", "pypinyin", "charset-normalizer", "click", "dask", "distributed"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out

"""Batch execution: read inputs, process each document through the stages, write the outputs."""
from __future__ import annotations

import hashlib
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .document import InputError, Record
from .formats.atomic import atomic_open, dumps, write_json, write_jsonl
from .formats.readers import read_inputs
from .formats.writers import DEFAULT_FORMATS, write_outputs
from .language import load
from .normalise import normalise
from .normalise.convert import DEFAULT_CONFIG
from .records import document_record


@dataclass
class Options:
    """What a run does; recorded in the manifest."""

    convert: bool = True
    opencc_config: str = DEFAULT_CONFIG
    lang: str = "auto"
    max_doc_chars: int = 5_000_000
    strict: bool = False
    formats: tuple[str, ...] = DEFAULT_FORMATS


@dataclass
class Outcome:
    """What processing one input produced: a document object, or an error."""

    document: dict[str, Any] | None = None
    error: InputError | None = None
    timings: dict[str, float] = field(default_factory=dict)


class Processor:
    """Processes records one by one with models loaded once (per process)."""

    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.nlp = load()

    def __call__(self, record: Record) -> Outcome:
        timings: dict[str, float] = {}
        if len(record.raw_text) > self.options.max_doc_chars:
            reason = f"document has {len(record.raw_text):,} characters, over --max-doc-chars {self.options.max_doc_chars:,}"
            return Outcome(error=InputError(record.source, reason, stage="read", error="DocumentTooLarge",
                                            doc_id=record.id))
        stage = "normalise"
        try:
            t0 = time.perf_counter()
            norm = normalise(record.raw_text, convert=self.options.convert, opencc_config=self.options.opencc_config)
            t1 = time.perf_counter()
            timings["normalise"] = t1 - t0
            stage = "segment"
            doc = self.nlp.make_doc(norm.text)
            doc.user_data["mojibake_spans"] = [list(s) for s in norm.mojibake]
            timings["segment"] = time.perf_counter() - t1
            for name, component in self.nlp.pipeline:
                stage = name
                t = time.perf_counter()
                doc = component(doc)
                timings[name] = time.perf_counter() - t
            stage = "write"
            t = time.perf_counter()
            document = document_record(record, norm, doc)
            timings["record"] = time.perf_counter() - t
        except Exception as exc:  # one bad document must not stop the run
            return Outcome(error=InputError(record.source, f"{type(exc).__name__}: {exc}", stage=stage,
                                            error=type(exc).__name__, doc_id=record.id))
        return Outcome(document=document, timings=timings)


def process(text: str, *, doc_id: str = "text", options: Options | None = None) -> dict[str, Any]:
    """Process one text in memory and return its documents.jsonl object (raises on failure)."""
    outcome = Processor(options)(Record(doc_id, "<string>", text))
    if outcome.error:
        raise ValueError(outcome.error.reason)
    return outcome.document


@dataclass
class RunResult:
    documents: int = 0
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.errors else 0


def _sha256(path: str) -> str | None:
    try:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def run(inputs: Iterable[str], out_dir: str | Path, options: Options | None = None, *,
        report: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr)) -> RunResult:
    """Process every document under ``inputs`` into ``out_dir`` following the output contract."""
    options = options or Options()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    processor = Processor(options)
    result = RunResult()
    timings: Counter[str] = Counter()
    files: dict[str, dict[str, Any]] = {}
    errors: list[dict[str, Any]] = []
    started = time.perf_counter()

    def on_error(error: InputError) -> None:
        result.errors += 1
        errors.append(error.to_dict())
        report(error.message())
        if options.strict:
            raise StrictStop(error)

    with atomic_open(out / "documents.jsonl") as docs_fh:
        try:
            for item in read_inputs(inputs):
                if isinstance(item, InputError):
                    on_error(item)
                    continue
                file_key = item.file or item.source
                entry = files.setdefault(file_key, {"path": file_key, "encoding": item.encoding, "documents": 0})
                outcome = processor(item)
                timings.update(outcome.timings)
                if outcome.error:
                    on_error(outcome.error)
                    continue
                docs_fh.write(dumps(outcome.document) + "\n")
                entry["documents"] += 1
                result.documents += 1
                result.chars += len(item.raw_text)
        except StrictStop:
            pass
    write_jsonl(out / "errors.jsonl", errors)
    t = time.perf_counter()
    write_outputs(out, options.formats)
    timings["writers"] += time.perf_counter() - t
    result.seconds = time.perf_counter() - started
    for entry in files.values():
        entry["sha256"] = _sha256(entry["path"])
    write_json(out / "manifest.json", {
        "zhpipe": __version__,
        "python": platform.python_version(),
        "versions": _versions(),
        "options": asdict(options),
        "inputs": list(files.values()),
        "counts": {"documents": result.documents, "errors": result.errors, "chars": result.chars},
        "timings": {"total_seconds": round(result.seconds, 3), **{k: round(v, 3) for k, v in timings.items()}},
        "errors": errors[:1000],
    })
    return result


class StrictStop(Exception):
    """Raised to stop a ``--strict`` run at its first failure."""


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("opencc", "jieba", "spacy", "pypinyin", "charset-normalizer", "click"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            pass
    return out

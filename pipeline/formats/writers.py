"""Writers: pure functions from finished documents to output files, chosen from a table by format name.

:func:`write_outputs` reads the stored documents once and hands each document to every writer
(:func:`fan_out`: one thread per writer, each reading its own bounded queue, so memory stays bounded and
every writer keeps its plain ``writer(documents, out_dir)`` form); ``summary`` and ``report`` share one
corpus summary. With ``processes > 1`` the writers are shared out over that many processes
(:func:`split_formats`), each reading the documents once.
"""
from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from .atomic import write_jsonl
from .conllu import write_conllu
from .docbin import write_docbin
from .report import SUMMARY_FILES, write_report_html, write_summaries, write_summary_md
from .store import iter_stored
from .tables import write_claims_csv, write_entities_csv

Documents = Callable[[], Iterator[dict]]
Consumer = Callable[[Iterable[dict]], None]
QUEUE_DOCUMENTS = 8  # documents a writer may fall behind the reader


def write_claims_jsonl(documents: Iterable[dict], out_dir: Path) -> None:
    """``claims.jsonl``: every claim of every document, one per line."""
    write_jsonl(out_dir / "claims.jsonl", (claim for doc in documents for claim in doc.get("claims", [])))


# format name -> writer(documents, out_dir), ``documents`` a stream of the stored documents in input order
WRITERS: dict[str, Callable[[Iterable[dict], Path], None]] = {
    "claims": write_claims_jsonl,
    "claims-csv": write_claims_csv,
    "entities-csv": write_entities_csv,
    "conllu": write_conllu,
    "docbin": write_docbin,
    "summary": write_summary_md,
    "report": write_report_html,
}
# what ``zhpipe report OUT`` re-renders by default: the outputs that summarise rather than annotate
REPORT_FORMATS = ("summary", "report")
DEFAULT_FORMATS = tuple(WRITERS)

_END = object()


class _Failed:
    """Put in the queues when reading the documents fails: each writer raises it where it reads."""

    def __init__(self, error: BaseException):
        self.error = error


def _queued(q: queue.Queue, seen_end: list[bool]) -> Iterator[dict]:
    while True:
        item = q.get()
        if item is _END:
            seen_end[0] = True
            return
        if isinstance(item, _Failed):
            seen_end[0] = True
            raise item.error
        yield item


def _consume(consumer: Consumer, q: queue.Queue, errors: list, index: int) -> None:
    seen_end = [False]
    try:
        consumer(_queued(q, seen_end))
    except BaseException as error:  # handed to the calling thread
        errors[index] = error
    while not seen_end[0]:  # a consumer that stopped early must not block the reader
        item = q.get()
        seen_end[0] = item is _END or isinstance(item, _Failed)


def fan_out(documents: Iterable[dict], consumers: list[Consumer], maxsize: int = QUEUE_DOCUMENTS) -> None:
    """Run every consumer over one pass of ``documents``: each gets the same documents in the same order
    (the same objects, so consumers must not change them), at most ``maxsize`` behind the reader. An error
    of the reading reaches every consumer where it reads; the first error (reading, then consumers in order)
    is raised once all have finished."""
    if len(consumers) == 1:
        consumers[0](documents)
        return
    queues = [queue.Queue(maxsize) for _ in consumers]
    errors: list[BaseException | None] = [None] * len(consumers)
    threads = [threading.Thread(target=_consume, args=(c, q, errors, i), daemon=True)
               for i, (c, q) in enumerate(zip(consumers, queues))]
    for thread in threads:
        thread.start()
    read_error = None
    try:
        for doc in documents:
            for q in queues:
                q.put(doc)
    except BaseException as error:
        read_error = error
    for q in queues:
        q.put(_END if read_error is None else _Failed(read_error))
    for thread in threads:
        thread.join()
    first = read_error or next((e for e in errors if e is not None), None)
    if first is not None:
        raise first


def output_jobs(formats: Iterable[str], out_dir: Path) -> list[Consumer]:
    """One consumer of the documents per writer of ``formats``; the summary files share one."""
    formats = list(dict.fromkeys(formats))
    summaries = tuple(name for name in formats if name in SUMMARY_FILES)
    jobs = [_writing(WRITERS[name], out_dir) for name in formats if name not in SUMMARY_FILES]
    if summaries:
        jobs.append(partial(write_summaries, out_dir=out_dir, formats=summaries))
    return jobs


def _writing(writer: Callable[[Iterable[dict], Path], None], out_dir: Path) -> Consumer:
    return lambda documents: writer(documents, out_dir)


# relative CPU cost of each writer (py-spy/process_time on the sample corpus), to share them out
WRITER_COST = {"claims": 1, "claims-csv": 3, "entities-csv": 4, "conllu": 16, "docbin": 17, "summary": 2,
               "report": 2}


def split_formats(formats: Iterable[str], processes: int) -> list[list[str]]:
    """``formats`` in at most ``processes`` groups of about equal cost (largest first into the lightest
    group); the summary files stay together, since they share one corpus summary."""
    formats = list(dict.fromkeys(formats))
    units: list[list[str]] = [[f] for f in formats if f not in SUMMARY_FILES]
    summaries = [f for f in formats if f in SUMMARY_FILES]
    if summaries:
        units.append(summaries)
    def cost(names: list[str]) -> int:
        return sum(WRITER_COST.get(f, 4) for f in names)

    units.sort(key=cost, reverse=True)
    groups: list[list[str]] = [[] for _ in range(max(1, min(processes, len(units))))]
    for unit in units:
        min(groups, key=cost).extend(unit)
    return [g for g in groups if g]


def _write_group(out_dir: str, formats: list[str]) -> None:
    jobs = output_jobs(formats, Path(out_dir))
    if jobs:
        fan_out(iter_stored(Path(out_dir)), jobs)


def _context():
    import multiprocessing

    # fork is safe from a single-threaded parent only (see pipeline.engine.ProcessPool)
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def write_outputs(out_dir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS, *, processes: int = 1) -> list[str]:
    """Run the writers for ``formats`` over the documents stored in ``out_dir``: one read per process, the
    writers shared out over up to ``processes`` processes (1: in this one); return what was written."""
    formats = list(formats)
    groups = split_formats(formats, processes)
    if len(groups) <= 1:
        _write_group(str(out_dir), formats)
        return formats
    from concurrent.futures import ProcessPoolExecutor

    from ..engine.lifetime import exit_with_parent  # here: the engine imports this module

    # the writers end with the run, however it ends (a kill during the writing must leave no process)
    with ProcessPoolExecutor(len(groups), mp_context=_context(), initializer=exit_with_parent,
                             initargs=(os.getpid(),)) as pool:
        futures = [pool.submit(_write_group, str(out_dir), group) for group in groups]
        for future in futures:
            future.result()
    return formats

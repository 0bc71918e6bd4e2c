"""Batch execution: read inputs, process each document through the stages, write the outputs.

How a run works (``run``, in ``runner``):

1. Input files are listed in a stable order. Each file is read once and hashed; its *key* is the hash of
   its path, document-id base, content sha256 and the options that change documents (``options_hash``,
   in ``options``).
2. Files whose key is already done are skipped: done means committed to a part in ``OUT/.parts/`` by an
   interrupted run of the same command (resume), or present without errors in the previous complete
   output, as recorded in ``manifest.json`` (incremental; ``force=True`` turns both off). The parts and
   the output folder's lock are the resume store (``store``).
3. The other files' records go, in bounded batches, to an executor (``executors``): in-process (1 worker),
   a process pool (``workers`` > 1) or a Dask cluster (``engine="dask"``), each running the per-document
   ``Processor`` (``processor``). Results come back in input order.
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

from .executors import DaskEngine, InProcess, ProcessPool, dask_batch, dask_warm, make_executor
from .lifetime import FolderLock, exit_with_parent
from .options import Options, code_fingerprint, options_hash, tree_fingerprint
from .processor import Outcome, Processor, merge_user_data, process, split_points
from .progress import Progress
from .runner import Listing, RunResult, StrictStop, run
from .store import Parts

__all__ = [
    "DaskEngine", "InProcess", "Listing", "Options", "Outcome", "Parts", "ProcessPool", "Processor", "Progress",
    "RunResult", "StrictStop", "FolderLock", "exit_with_parent", "code_fingerprint", "dask_batch", "dask_warm", "make_executor",
    "merge_user_data", "options_hash", "process", "run", "split_points", "tree_fingerprint",
]

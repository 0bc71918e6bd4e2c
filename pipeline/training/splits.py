"""Deterministic, stratified held-out splits of the shared NER data: the held-out part is never trained on.

A sentence's stratum is its source and the set of labels it holds (``msra-train`` + {LOC, PER}); inside
each stratum the sentences are ordered by a hash of their text and every ``every``-th one (the first,
the eleventh, ...) is held out. So each stratum gives the same share, the split does not depend on the
order of the file, and the same file always gives the same split (``make train-ner`` and the
benchmarks call the same function).
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from pipeline.formats.atomic import iter_jsonl

EVERY = 10  # hold out one sentence in ten


def stratum(record: dict) -> tuple:
    """(source, the sorted labels of the sentence)."""
    return (record.get("source") or "", tuple(sorted({e[2] for e in record["entities"]})))


def _key(record: dict) -> str:
    return hashlib.sha1(record["text"].encode("utf-8")).hexdigest()


def split(records: Iterable[dict], every: int = EVERY) -> tuple[list[dict], list[dict]]:
    """(kept for training, held out), each in the records' own order."""
    records = list(records)
    by_stratum: dict[tuple, list[int]] = defaultdict(list)
    for i, rec in enumerate(records):
        by_stratum[stratum(rec)].append(i)
    held = set()
    for idx in by_stratum.values():
        ordered = sorted(idx, key=lambda i: (_key(records[i]), i))
        held.update(ordered[::every])
    return ([r for i, r in enumerate(records) if i not in held],
            [r for i, r in enumerate(records) if i in held])


def split_file(path: str | Path, every: int = EVERY) -> tuple[list[dict], list[dict]]:
    """``split`` of a JSONL file's non-empty sentences."""
    return split((d for d in iter_jsonl(path) if d["text"]), every)

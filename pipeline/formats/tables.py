"""``entities.csv`` and ``claims.csv``: spreadsheet-friendly tables, streamed one document at a time.

- UTF-8 with a byte-order mark (``utf-8-sig``), so Excel and LibreOffice show Chinese correctly; one header
  row; RFC 4180 quoting by the csv module (CRLF line ends).
- CSV injection (OWASP "CSV Injection"): every *text* cell that starts with ``=``, ``+``, ``-``, ``@``, a
  tab or a carriage return gets a leading ``'`` so a spreadsheet shows it as text instead of running it as a
  formula. That includes text that merely looks numeric (a claim text ``-3.5%``), as OWASP recommends.
  Cells that are numbers in the data (JSON numbers: offsets, ``value``, ``value_high``) are written as
  plain numbers, ``-3.5`` included: a spreadsheet reads them as numbers, never as formulas, and they stay
  sortable. Booleans are written ``true``/``false``, nulls as empty cells, lists and objects as JSON.
"""
from __future__ import annotations

import bisect
import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .atomic import atomic_open

ENTITY_COLUMNS = ("doc_id", "text", "label", "start", "end", "raw_start", "raw_end", "sentence", "english")
CLAIM_COLUMNS = ("doc_id", "claim_id", "text", "start", "end", "raw_start", "raw_end", "sentence", "kind", "value",
                 "value_high", "unit", "unit_inferred", "qualifier", "subject", "subject_label", "subject_from",
                 "metric", "metric_en", "scope", "period", "source", "en", "canonical", "subject_en")
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> Any:
    """One CSV cell: numbers as numbers, text neutralised against formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return value
    if not isinstance(value, str):
        value = json.dumps(value, ensure_ascii=False)
    return "'" + value if value.startswith(_DANGEROUS) else value


def write_table(path: Path, columns: tuple[str, ...], rows: Iterable[dict]) -> int:
    n = 0
    with atomic_open(path, encoding="utf-8-sig", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(columns)
        for row in rows:
            out.writerow([cell(row.get(c)) for c in columns])
            n += 1
    return n


RUNAWAY_CHARS = 2000  # a longer "sentence" is text without sentence ends (a table, a list, a log line) ...
CONTEXT_CHARS = 200  # ... shown as this much around each entity, not whole in every row


def _sentence_finder(doc: dict):
    text = doc.get("text") or ""
    sentences = list(doc.get("sentences") or [])  # looked up by index below
    starts = [s["start"] for s in sentences]

    def sentence_of(start: int) -> str:
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < sentences[i]["end"]:
            lo, hi = sentences[i]["start"], sentences[i]["end"]
            if hi - lo > RUNAWAY_CHARS:  # one row per entity must not repeat a whole runaway line
                lo = max(lo, min(start - CONTEXT_CHARS // 2, hi - CONTEXT_CHARS))
                hi = lo + CONTEXT_CHARS
            return text[lo:hi]
        return ""
    return sentence_of


def entity_rows(documents: Iterable[dict]) -> Iterator[dict]:
    for doc in documents:
        sentence_of = _sentence_finder(doc)
        for ent in doc.get("entities") or []:
            yield {"doc_id": doc.get("id"), **ent, "sentence": sentence_of(ent.get("start", -1))}


def claim_rows(documents: Iterable[dict]) -> Iterator[dict]:
    for doc in documents:
        for claim in doc.get("claims") or []:
            yield {"doc_id": doc.get("id"), **claim}


def write_entities_csv(documents: Iterable[dict], out_dir: Path) -> None:
    """``entities.csv``: one row per entity with the sentence it stands in."""
    write_table(Path(out_dir) / "entities.csv", ENTITY_COLUMNS, entity_rows(documents))


def write_claims_csv(documents: Iterable[dict], out_dir: Path) -> None:
    """``claims.csv``: one row per claim, the fields of claims.jsonl."""
    write_table(Path(out_dir) / "claims.csv", CLAIM_COLUMNS, claim_rows(documents))

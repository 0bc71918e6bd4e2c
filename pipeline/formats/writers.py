"""Writers: pure functions from finished documents to output files, chosen from a table by format name."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .atomic import write_jsonl
from .conllu import write_conllu
from .docbin import write_docbin
from .report import write_report_html, write_summary_md
from .store import iter_documents
from .tables import write_claims_csv, write_entities_csv

Documents = Callable[[], Iterator[dict]]


def write_claims_jsonl(documents: Iterable[dict], out_dir: Path) -> None:
    """``claims.jsonl``: every claim of every document, one per line."""
    write_jsonl(out_dir / "claims.jsonl", (claim for doc in documents for claim in doc.get("claims", [])))


# format name -> writer(documents, out_dir); each writer gets a fresh stream of the stored documents
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


def write_outputs(out_dir: str | Path, formats: Iterable[str] = DEFAULT_FORMATS) -> list[str]:
    """Run the writers for ``formats`` over the documents stored in ``out_dir``; return what was written."""
    out = Path(out_dir)
    done = []
    for name in formats:
        WRITERS[name](iter_documents(out), out)
        done.append(name)
    return done

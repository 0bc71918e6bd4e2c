"""Records that flow through zhpipe: input documents, errors, and the JSON shape of finished documents."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Record:
    """One input document as read: decoded text plus where it came from."""

    id: str
    source: str
    raw_text: str
    encoding: str = "utf-8"
    meta: dict[str, Any] = field(default_factory=dict)
    file: str = ""  # the input file it came from (``source`` adds the line for JSONL)
    format: str = "text"  # how to read raw_text: text, markdown or html (pipeline.formats.readers.PAGE_READERS)


@dataclass
class InputError:
    """An input (file, line or document) that could not be processed, and why."""

    source: str
    reason: str
    stage: str = "read"
    error: str = "InputError"
    doc_id: str | None = None
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"source": self.source, "doc_id": self.doc_id, "line": self.line, "stage": self.stage,
               "error": self.error, "reason": self.reason}
        return {k: v for k, v in out.items() if v is not None}

    def message(self) -> str:
        """One line for stderr."""
        where = self.source + (f":{self.line}" if self.line is not None else "")
        who = f" [{self.doc_id}]" if self.doc_id else ""
        return f"zhpipe: {where}{who}: {self.stage}: {self.reason}"


@dataclass
class EntityRecord:
    """A named entity with offsets in the normalised and in the raw text."""

    text: str
    label: str
    start: int
    end: int
    raw_start: int
    raw_end: int
    english: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DOCUMENT_KEYS = ("id", "source", "lang", "script", "text", "raw_text", "quality", "sentences", "tokens",
                 "entities", "claims", "summary")

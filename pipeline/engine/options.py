"""What a run does to each document (``Options``) and the hash that decides whether earlier output is reusable."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..formats.writers import DEFAULT_FORMATS
from ..language import DEFAULT_NER_STYLE
from ..normalise.convert import DEFAULT_CONFIG

PACKAGE = Path(__file__).resolve().parents[1]  # pipeline/: its code and resources make the documents


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
    return tree_fingerprint(PACKAGE)


def options_hash(options: Options) -> str:
    """Hash of everything that changes the documents: the options that matter, the version, the components,
    and the package's code and resources (``code_fingerprint``)."""
    from ..language import COMPONENTS

    relevant = {"convert": options.convert, "opencc_config": options.opencc_config, "lang": options.lang,
                "max_doc_chars": options.max_doc_chars, "chunk_chars": options.chunk_chars,
                "ner_style": options.ner_style, "html": options.html,
                "zhpipe": __version__, "components": COMPONENTS, "code": code_fingerprint()}
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]

"""Write a zhpipe spaCy pipeline to a folder that ``spacy.load`` reads and ``spacy package`` packages."""
from __future__ import annotations

import shutil
from pathlib import Path

from . import __version__
from .language import DEFAULT_NER_STYLE, load


def export_pipeline(out_dir: str | Path, *, lang: str = "zh", ner_style: str = DEFAULT_NER_STYLE,
                    name: str | None = None, version: str = __version__) -> Path:
    """Save the ``lang`` pipeline to ``out_dir`` (a new or empty folder) with the meta ``spacy package`` needs.

    The folder holds no code: its config names zhpipe's components and tokenizer, which spaCy finds through
    zhpipe's entry points, so zhpipe must be installed where it is loaded (its meta lists it as a requirement).
    """
    out = Path(out_dir)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise FileExistsError(f"{out} exists and is not an empty folder")
    nlp = load.__wrapped__(lang, ner_style)  # a fresh pipeline: the meta below must not touch load()'s cached one
    nlp.meta.update({
        "name": name or "zhpipe",
        "version": version,
        "description": f"zhpipe {lang} pipeline: tokenizer, entities ({ner_style} style) and numeric claims",
        "license": "MIT",
        "requirements": [f"zhpipe>={__version__}"],
    })
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    nlp.to_disk(tmp)
    if out.exists():
        out.rmdir()
    tmp.rename(out)
    return out

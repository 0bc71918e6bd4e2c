"""zhpipe: clean, convert, segment and annotate Chinese and English web text."""
from __future__ import annotations

__version__ = "0.2.0"

__all__ = ["Options", "__version__", "load", "process", "run"]


def __getattr__(name: str):
    # the public API is imported lazily so that `import pipeline.numbers` stays light
    if name in ("Options", "process", "run"):
        from . import engine

        return getattr(engine, name)
    if name == "load":
        from .language import load

        return load
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")

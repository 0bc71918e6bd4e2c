"""zhpipe: clean, convert, segment and annotate Chinese and English web text."""
from __future__ import annotations

__version__ = "0.1.0"

from .engine import Options, process, run  # noqa: E402
from .language import load  # noqa: E402

__all__ = ["Options", "__version__", "load", "process", "run"]

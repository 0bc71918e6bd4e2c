"""Shared fixtures: the sample article, the shared data folder, a loaded pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "corpus" / "aliyun.txt"


@pytest.fixture(scope="session")
def sample_raw() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    data = SHARED / "data"
    if not data.is_dir():
        pytest.skip(f"{data} not present (the shared data sits beside the repo in CI only)")
    return data


@pytest.fixture(scope="session")
def sample_document(sample_raw):
    from pipeline import process

    return process(sample_raw, doc_id="aliyun")

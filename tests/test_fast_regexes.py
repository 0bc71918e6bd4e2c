"""The anchored and grouped regexes of the numbers and claims stages find exactly what their plain forms find:
DATE_RE tried only where a form can start, word lists grouped by first character, the metric glossary one branch
per first character, and SOURCE tried only on a sentence with a cue word."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.claims import source
from pipeline.claims.metric import metric_glossary
from pipeline.numbers.patterns import DATE_RE, _alt, _alt_first
from pipeline.numbers.tables import CN_DATE_DIGITS, EN_ORDINALS, EN_SCALES, EN_WORD_NUMBERS, MEASURE_WORDS


def _texts(pieces: list[str], max_size: int = 12):
    return st.lists(st.sampled_from(sorted(set(pieces))), max_size=max_size).map("".join)


def _found(rx: re.Pattern, text: str) -> list:
    return [(m.span(), m.groups()) for m in rx.finditer(text) if m.end() > m.start()]


# --- DATE_RE -----------------------------------------------------------------------------------------------

_LEAD = DATE_RE.pattern.index(")(?:") + 1
# the same forms tried at every letter and every character a form may start with, the cn form too (empty matches
# skipped, as date_mentions skips them)
PLAIN_DATE_RE = re.compile(f"(?=[0-9A-Za-z{CN_DATE_DIGITS}十正初每上下这本周星礼去今明前后])"
                           + DATE_RE.pattern[_LEAD:].replace(f"(?=[0-9{CN_DATE_DIGITS}十正初])", "", 1))
# one example of each form and first character, and their halves, between word and non-word characters
DATE_EXAMPLES = ["2023-05-01", "5/1/2023", "FY2021", "fiscal year 2020", "2021财年", "90年代", "九十年代", "2023年",
                 "二〇二三年", "05年3月", "5月", "十二月", "正月", "初五", "3日", "十五号", "周三", "每星期五", "上个礼拜天",
                 "这周日", "本周一", "下半年", "2023年上半年", "去年的前半个月", "明年下半月", "Jan 2020", "March 5th, 2019",
                 "Sept. 2018", "in 2019", "since 2020", "end 2019", "Year 2021", "1995-1997年", "12月3号"]
DATE_PIECES = DATE_EXAMPLES + [e[:k] for e in DATE_EXAMPLES for k in (1, 2)] + [e[k:] for e in DATE_EXAMPLES for k in (1, 2)] \
    + list(" xa年的1中,\n-") + ["ſince 2019", "İn 2019"]


def test_plain_date_re_is_date_re_without_its_anchors():
    assert PLAIN_DATE_RE.pattern.count("(?=[0-9") == 1 < DATE_RE.pattern.count("(?=[0-9")
    assert _found(PLAIN_DATE_RE, "2023年5月, in 2019, 上周三") == _found(DATE_RE, "2023年5月, in 2019, 上周三")


@settings(max_examples=400, deadline=None)
@given(_texts(DATE_PIECES))
def test_date_re_finds_what_the_plain_pattern_finds(text):
    assert _found(DATE_RE, text) == _found(PLAIN_DATE_RE, text)


# --- word lists grouped by first character -------------------------------------------------------------------

WORDS = [list(EN_WORD_NUMBERS), list(EN_ORDINALS), list(MEASURE_WORDS)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(WORDS), st.data())
def test_alt_first_matches_what_alt_matches(words, data):
    pieces = words + [w.upper() for w in words] + [w[:-1] for w in words] + list(" -x1ſ")
    text = data.draw(_texts(pieces, 8))
    for flags in (0, re.IGNORECASE):
        grouped = re.compile(rf"\b({_alt_first(words)})(?![a-z])", flags)
        plain = re.compile(rf"\b({_alt(words)})(?![a-z])", flags)
        assert _found(grouped, text) == _found(plain, text)


def test_alt_first_refuses_first_characters_equal_but_for_case():
    with pytest.raises(ValueError):
        _alt_first(EN_SCALES)  # k and K, b and B


# --- the metric glossary -------------------------------------------------------------------------------------

TABLE, GLOSSARY_RE = metric_glossary()
TERMS = sorted(TABLE, key=len, reverse=True)
PLAIN_GLOSSARY_RE = re.compile("|".join(rf"\b{re.escape(t)}\b" if t.isascii() else re.escape(t) for t in TERMS), re.I)


@settings(max_examples=400, deadline=None)
@given(_texts(TERMS + [t.upper() for t in TERMS] + [t[:-1] for t in TERMS] + list("的了 ,，x1_"), 8))
def test_metric_glossary_finds_what_the_flat_alternation_finds(text):
    assert [m.span() for m in GLOSSARY_RE.finditer(text)] == [m.span() for m in PLAIN_GLOSSARY_RE.finditer(text)]


# --- source_of -----------------------------------------------------------------------------------------------

CUE_WORDS = ["据", "显示", "测算", "估计", "according to "]
# the pattern's own characters but those of the cue words, the cue words, and what goes between them
SOURCE_PIECES = [c for c in source.SOURCE.pattern if not c.isspace() and c != "\\" and not any(c in w for w in CUE_WORDS)] \
    + CUE_WORDS + ["根据", "数据", "的", "报道", "IDC", "Gartner", "《报告》", "，", "。", "而", "研究机构"]
EVERYWHERE = re.compile("")


def _without_cue_test(text: str) -> str | None:
    cue = source.CUE
    try:
        source.CUE = EVERYWHERE
        return source.source_of(text, 0, [])
    finally:
        source.CUE = cue


@pytest.mark.parametrize("text", ["据IDC报道，营收增长", "根据Gartner的数据，份额为36%", "IDC数据显示，份额36%",
                                  "中国信通院发布的《白皮书》显示，规模达到", "业内人士测算，规模约为", "分析师的估计为5亿",
                                  "according to Gartner, the share"])
def test_source_of_finds_each_form_with_the_cue_test(text):
    assert source.source_of(text, 0, []) == _without_cue_test(text) is not None


@settings(max_examples=300, deadline=None)
@given(_texts(SOURCE_PIECES, 8))
def test_source_of_gives_what_it_gives_without_the_cue_test(text):
    assert source.source_of(text, 0, []) == _without_cue_test(text)

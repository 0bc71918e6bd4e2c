"""No input line crashes an entity component, Chinese or English; spans stay inside the text."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import entities as E
from pipeline.entities import english as en
from pipeline.language import load

# the shapes of news and financial English: fractions, ranges, initials, abbreviations, days,
# titles, organisation heads and company suffixes next to each other, in any order
WORDS = st.sampled_from([
    "In", "Friday", "New", "York", "Stock", "Exchange", "trade", ",", "Newmonth", "was", "off", "1/2", "to",
    "46-5/8", "while", "Santa", "Fe", "added", "1/4", "15-1/8", ".", "Mr.", "Dr", "U.S.", "Inc.", "Co.",
    "Ltd", "Group", "Bank", "of", "the", "The", "and", "&", "Ministry", "Commerce", "CEO", "President",
    "Monday", "Reserve", "-", "/", "--", "...", "J.", "A.B.", "3.5", "1998", "Q3", "&amp;", "O'Neil",
    "McDonald's", "St.", "阿里云", "马云", "杭州", "在", "说", "。", "、", "Alibaba", "Cloud", "AWS", "Gartner",
    "West", "Bank", "Union", "of", "for", "Sir", "Ms", "\n", "(", ")", '"', "'", "1/2-point", "A-",
])
LINE = st.lists(WORDS, max_size=30).map(" ".join) | st.lists(WORDS, max_size=30).map("".join)
CHARS = st.text(alphabet=st.sampled_from("ABCXYZabcxyz0123456789/-.,&' 阿里云杭州。"), max_size=60)
TEXT = LINE | CHARS

CRASHED_BEFORE = ("In Friday New York Stock Exchange trade , Newmonth was off 1/2 to 46-5/8 while Santa Fe "
                  "added 1/4 to 15-1/8 .")


def _in_range(text, spans):
    for start, end, label in spans:
        assert 0 <= start < end <= len(text) and label in en.LABELS


@pytest.mark.parametrize("text, expected", [
    (CRASHED_BEFORE, ("New York Stock Exchange", "ORG")),
    ("On Monday Bank of England officials met.", ("Bank of England", "ORG")),
    ("Friday", None),
    ("In Friday Bank", None),
    ("President Bank", None),
])
def test_a_day_or_title_before_an_organisation_is_not_part_of_it(text, expected):
    names = [(text[s:e], label) for s, e, label in en.EnglishNER.head_spans(text)]
    assert names == ([expected] if expected else [])


def test_the_sentence_that_crashed_runs_through_both_components():
    spans = en.find_english_entities(CRASHED_BEFORE)
    _in_range(CRASHED_BEFORE, spans)
    assert (CRASHED_BEFORE.index("New York"), CRASHED_BEFORE.index(" trade"), "ORG") in spans
    for lang in ("en", "zh"):
        doc = load(lang)(CRASHED_BEFORE)
        assert doc.text == CRASHED_BEFORE


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_english_rules_and_model_never_crash(text):
    _in_range(text, en.find_english_entities(text))
    ner = en.get_english_ner()
    for rule in (ner.head_spans, ner.suffix_spans, ner.title_spans, ner.gazetteer_spans):
        _in_range(text, rule(text))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_chinese_component_never_crashes(text):
    for e in E.find_entities(text):
        assert text[e["start"]:e["end"]] == e["text"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_both_pipelines_never_crash(text):
    for lang in ("en", "zh"):
        doc = load(lang)(text)
        assert doc.text == text
        for ent in doc.ents:
            assert ent.label_ in en.LABELS

"""Claims, scope: the place or market a figure is restricted to, and the English sentence that names it."""
from __future__ import annotations

import pytest

from tests.claims_helpers import claims_of


@pytest.mark.parametrize(
    ("text", "ents", "subject", "scope"),
    [
        ("阿里云在马来西亚的市场份额达到29.2%。", [("阿里云", "ORG"), ("马来西亚", "LOC")], "阿里云", "马来西亚"),
        ("阿里云在中国的份额是36%。", [("阿里云", "ORG"), ("中国", "LOC")], "阿里云", "中国"),
        ("海底捞已在全球开设360家餐厅，包括中国大陆296间。", [("海底捞", "ORG"), ("中国大陆", "LOC")], "海底捞", "中国大陆"),
        ("阿里云于香港的营收为10亿元。", [("阿里云", "ORG"), ("香港", "LOC")], "阿里云", "香港"),
        # a figure about the place itself: the place is its subject, not its scope
        ("河南生产总值6.66万亿元。", [("河南", "LOC")], "河南", None),
        ("Alibaba Cloud had a 36% share in China.", [("Alibaba Cloud", "ORG"), ("China", "LOC")], "Alibaba Cloud",
         None),
    ],
)
def test_scope(text, ents, subject, scope):
    claim = claims_of(text, ents, lang="en" if text.isascii() else "zh")[-1]
    assert (claim["subject"], claim["scope"]) == (subject, scope)


def test_scope_in_the_english_sentence():
    (claim,) = claims_of("2021年，阿里云在马来西亚的市场份额达到29.2%。", [("阿里云", "ORG"), ("马来西亚", "LOC")])
    assert claim["en"] == "Alibaba Cloud market share in Malaysia (2021): 29.2%"

"""Country names from pycountry: Chinese -> English, used for entity English names and canonical ids."""
from __future__ import annotations

import pytest

from pipeline import entities as E
from pipeline.canonical import canonicalise
from pipeline.countries import country_english, country_names


@pytest.mark.parametrize(("chinese", "english"), [
    ("卡塔尔", "Qatar"),
    ("阿联酋", "United Arab Emirates"),
    ("韩国", "South Korea"),  # ISO's common name, not "Korea, Republic of"
    ("大韩民国", "South Korea"),  # the official name too
    ("伊朗", "Iran"),
    ("肯尼亚", "Kenya"),
    ("阿里云", None),
    ("中", None),  # one character is no country name here (place abbreviations handle 中美)
])
def test_country_english(chinese, english):
    assert country_english(chinese) == english


def test_table_covers_the_world():
    names = country_names()
    assert len(set(names.values())) >= 240
    assert all(len(k) >= 2 for k in names)


@pytest.mark.parametrize(("chinese", "english"), [("卡塔尔", "Qatar"), ("也门", "Yemen")])
def test_chinese_and_english_country_are_one_entity(chinese, english):
    zh, en = canonicalise(chinese, "LOC"), canonicalise(english, "LOC")
    assert zh.id == en.id and zh.english == english


def test_a_country_the_model_calls_a_person_is_a_place():
    class Fixed(E.Resources):
        def predict(self, text, words, style="mixed"):
            return [(3, 6, "PER"), (7, 10, "PER")]

    res = Fixed.__new__(Fixed)
    res.__dict__.update(E.get_resources().__dict__)
    text = "沙特、卡塔尔和王小川见面。"
    got = {(text[s:e], lab) for s, e, lab in res.entities(text, list(text), use_gazetteer=False)}
    assert got == {("卡塔尔", "LOC"), ("王小川", "PER")}
    assert res.english("卡塔尔") == "Qatar"

"""One name per entity across languages and documents: canonical ids and English names."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pypinyin import Style, lazy_pinyin

from .countries import country_english

HAN_RUN = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")


@dataclass(frozen=True)
class Canonical:
    """The canonical id and English name of an entity."""

    id: str
    english: str
    label: str | None = None


def _key(name: str) -> str:
    """Lookup key: NFKC, case-folded, without spaces, dots and a trailing possessive."""
    name = unicodedata.normalize("NFKC", name).casefold()
    name = re.sub(r"['’]s$", "", name)
    return re.sub(r"[\s.·・,]+", "", name)


@lru_cache(maxsize=1)
def _rows() -> list[list[str]]:
    text = resources.files("pipeline.resources").joinpath("aliases.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]


def alias_table_rows() -> list[tuple[list[str], str]]:
    """``(aliases, label)`` for every entity of ``resources/aliases.tsv``."""
    return [(aliases.split("|"), label) for _, _, label, aliases in _rows()]


@lru_cache(maxsize=1)
def alias_table() -> dict[str, Canonical]:
    """Every alias (by lookup key) -> its entity, from ``resources/aliases.tsv``."""
    table: dict[str, Canonical] = {}
    for ident, english, label, aliases in _rows():
        entity = Canonical(ident, english, label)
        for alias in aliases.split("|"):
            table[_key(alias)] = entity
    return table


def slug(name: str) -> str:
    """A readable id from an English name: 'Alibaba Cloud' -> 'alibaba-cloud'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "x"


@lru_cache(maxsize=65536)
def pinyin_name(text: str) -> str:
    """Chinese in pinyin, one capitalised word per jieba word (中国云计算 -> Zhongguo Yunjisuan)."""
    from .segment import split_words

    words = []
    for run in HAN_RUN.findall(text):
        if "\u3400" <= run[0] <= "\u9fff":
            words += ["".join(lazy_pinyin(w, style=Style.NORMAL)).capitalize() for w, _, _ in split_words(run)]
        elif run.strip():
            words.append(run.strip())
    return " ".join(words)


def _gazetteer(name: str) -> tuple[str, str] | None:
    from .entities import get_resources

    res = get_resources()
    hit = res.gaz.get(name)
    return (hit[1], hit[0]) if hit and hit[1] else None


def _place_abbreviation(name: str) -> tuple[str, str] | None:
    from .entities import get_resources

    return get_resources().place_abbreviations.get(name)


@lru_cache(maxsize=65536)
def canonicalise(name: str, label: str | None = None) -> Canonical:
    """The canonical entity for ``name``: the alias table, else the gazetteer's English name, else the
    English name of a country named in Chinese, else pinyin for Chinese and the name itself for English."""
    known = alias_table().get(_key(name))
    if known:
        return known
    short = _place_abbreviation(name) if len(name) == 1 else None
    if short:  # 中 (中美关系) is 中国
        full, english = short
        return alias_table().get(_key(full)) or alias_table().get(_key(english)) or \
            Canonical(slug(english), english, "LOC")
    hit = _gazetteer(name)
    if hit:
        english, gaz_label = hit
        known = alias_table().get(_key(english))
        return known or Canonical(slug(english), english, label or gaz_label)
    country = country_english(name)
    if country:  # 卡塔尔 and Qatar are one entity
        return alias_table().get(_key(country)) or Canonical(slug(country), country, label or "LOC")
    english = pinyin_name(name) if re.search(r"[\u3400-\u9fff]", name) else name.strip()
    return Canonical(slug(english), english, label)

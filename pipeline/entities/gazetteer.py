"""The reviewed name tables (gazetteer, place abbreviations, not-entities, names the model knows) and gazetteer matching."""
from __future__ import annotations

from pathlib import Path

from .config import LABELS


def read_gazetteer(path) -> dict[str, tuple[str, str]]:
    """name -> (label, English name), from the TSV (header line, then name, label, English, note)."""
    gaz: dict[str, tuple[str, str]] = {}
    if path is None or not Path(path).exists():
        return gaz
    with open(path, encoding="utf-8") as f:
        next(f, None)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or not parts[0] or parts[1] not in LABELS:
                continue
            gaz[parts[0]] = (parts[1], parts[2])
    return gaz


def first_char_lengths(names, width: int = 1) -> dict[str, list[int]]:
    """The first ``width`` characters -> the lengths of the names starting with them, longest first."""
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[:width], set()).add(len(name))
    return {k: sorted(v, reverse=True) for k, v in lengths.items()}


def read_place_abbreviations(path) -> dict[str, tuple[str, str]]:
    """One-character place abbreviation -> (full name, English name)."""
    table: dict[str, tuple[str, str]] = {}
    if path is not None and Path(path).exists():
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 3 and len(parts[0]) == 1 and parts[0] != "#":
                    table[parts[0]] = (parts[1], parts[2])
    return table


def read_not_entities(path) -> set[str]:
    """The reviewed words that are never names (one a line, ``#`` comments)."""
    words: set[str] = set()
    if path is not None and Path(path).exists():
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line and not line.startswith("#"):
                    words.add(line)
    return words


def read_known_names(path) -> frozenset[str]:
    """The gazetteer names the training data tags often (written next to the model by training)."""
    if not Path(path).exists():
        return frozenset()
    with open(path, encoding="utf-8") as f:
        return frozenset(x for x in (line.rstrip("\n") for line in f) if x and x[0] != "#")


def matches(text: str, gaz: dict[str, tuple[str, str]], gaz_lengths: dict[str, list[int]],
            bounds: set[int] | None = None) -> list[tuple[int, int, str]]:
    """Longest, left-to-right, non-overlapping gazetteer matches.

    A Chinese match of two characters must start and end on word
    boundaries (``bounds``: jieba token offsets), so 小米粥 or 中兴起 do
    not produce names; Latin matches must not touch other letters/digits.
    """
    out = []
    n = len(text)
    i = 0
    while i < n:
        lens = gaz_lengths.get(text[i])
        if lens is not None:
            hit = 0
            for L in lens:
                if i + L > n:
                    continue
                s = text[i:i + L]
                if s not in gaz:
                    continue
                if s[0].isascii():
                    if (i > 0 and text[i - 1].isascii() and text[i - 1].isalnum()) or (
                            i + L < n and text[i + L].isascii() and text[i + L].isalnum()):
                        continue
                elif L <= 2 and bounds is not None and (i not in bounds or i + L not in bounds):
                    continue
                hit = L
                out.append((i, i + L, gaz[s][0]))
                break
            if hit:
                i += hit
                continue
        i += 1
    return out

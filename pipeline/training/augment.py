"""Mention replacement for NER training data (Dai & Adel 2020): copies of sentences with other names in them.

Each copy of a sentence replaces every entity with an entity string of the same label, drawn over the
mentions of sentences of the same annotation style (news, web or social, ``style_of``), so a copy follows its
source's conventions. The CRF then sees names in contexts it would otherwise only see with other names,
and relies less on remembering which strings are names.
"""
from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable


def replace_mentions(docs: Iterable[dict], copies: int = 1, seed: int = 0,
                     group: Callable[[str | None], str | None] = lambda source: None) -> list[dict]:
    """``copies`` new sentences per sentence with entities, each entity replaced by another of its label.

    ``group(source)`` names the pool a sentence draws from (its annotation style); sentences with
    overlapping entities are not copied. The originals are not in the result. Deterministic for a seed.
    """
    docs = list(docs)
    rng = random.Random(seed)
    pool: dict[tuple, list[str]] = defaultdict(list)
    for d in docs:
        g = group(d.get("source"))
        for s, e, label in d["entities"]:
            pool[(g, label)].append(d["text"][s:e])
    out = []
    for d in docs:
        ents = sorted(tuple(x) for x in d["entities"])
        if not ents or any(b[0] < a[1] for a, b in zip(ents, ents[1:])):
            continue
        g = group(d.get("source"))
        text = d["text"]
        for _ in range(copies):
            parts, spans, pos, at = [], [], 0, 0
            for s, e, label in ents:
                name = rng.choice(pool[(g, label)])
                parts.append(text[pos:s])
                at += s - pos
                spans.append([at, at + len(name), label])
                parts.append(name)
                at += len(name)
                pos = e
            parts.append(text[pos:])
            out.append({**d, "text": "".join(parts), "entities": spans})
    return out

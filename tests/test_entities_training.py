"""Training data for the entity models: the held-out splits are deterministic, stratified and never trained on."""
from __future__ import annotations

import json
import random
from collections import Counter

import pytest

from pipeline.training import ner_zh
from pipeline.training.splits import split, stratum


def _records(n_per_stratum: dict[tuple, int]) -> list[dict]:
    recs = []
    for (source, labels), n in n_per_stratum.items():
        for k in range(n):
            text = f"{source}-{'-'.join(labels)}-{k}"
            recs.append({"text": text, "entities": [[0, 1, lab] for lab in labels], "source": source})
    return recs


@pytest.mark.parametrize("sizes, every", [
    ({("msra", ()): 100, ("msra", ("LOC",)): 50, ("msra", ("LOC", "PER")): 30}, 10),
    ({("gmb", ("ORG",)): 9, ("gmb", ("PER",)): 21}, 10),
    ({("a", ()): 7}, 2),
])
def test_each_stratum_gives_its_share(sizes, every):
    recs = _records(sizes)
    kept, held = split(recs, every)
    assert len(kept) + len(held) == len(recs)
    assert not {r["text"] for r in kept} & {r["text"] for r in held}
    counts = Counter(stratum(r) for r in held)
    for key, n in sizes.items():
        assert counts[(key[0], tuple(sorted(key[1])))] == -(-n // every)  # ceil: the first of each block of `every`


def test_split_does_not_depend_on_the_order_of_the_file():
    recs = _records({("msra", ("LOC",)): 40, ("msra", ()): 60})
    shuffled = recs[:]
    random.Random(1).shuffle(shuffled)
    assert {r["text"] for r in split(recs)[1]} == {r["text"] for r in split(shuffled)[1]}
    assert [r["text"] for r in split(shuffled)[0]] == [r["text"] for r in shuffled if r in split(recs)[0]]


def test_added_news_is_trained_without_its_held_out_tenth(tmp_path, capsys):
    def write(name, recs):
        path = tmp_path / name
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
        return str(path)

    names = ["北京", "上海", "杭州", "广州", "深圳"]
    news = [{"text": f"我在{names[k % 5]}工作第{k}天。", "entities": [[2, 4, "LOC"]], "source": "msra-train"}
            for k in range(40)]
    train = write("train.jsonl", news[:10])
    more = write("more.jsonl", news[10:])
    out = tmp_path / "toy.crfsuite"
    res = ner_zh.main(["--train", train, "--dev", train, "--add", more, "--out", str(out), "--iterations", "5"])
    printed = capsys.readouterr().out
    kept, held = split(news[10:])
    assert f"{more}: {len(kept)} sentences added, {len(held)} held out" in printed
    assert f"trained on {10 + len(kept)} sentences" in printed
    assert "held out of" in printed and out.exists() and res["micro"]["f1"] >= 0


def _held_out(path: str):
    """Every tenth held-out sentence (spread over the file)."""
    from tests.conftest import SHARED

    full = SHARED / "data" / path
    if not full.exists():
        pytest.skip("../shared/data not present")
    from pipeline.training.splits import split_file

    return split_file(full)[1][::10]


def test_news_style_on_held_out_msra_news():
    """The news model never saw these sentences: 0.914 here, 0.922 on all 4,234 (benchmarks/bench_ner_news)."""
    import jieba

    from pipeline import entities as E
    from pipeline.training.scoring import prf

    held = _held_out("ner/msra_train.jsonl")
    res = E.get_resources()
    pred = [set(res.entities(d["text"], list(jieba.cut(d["text"])), style="news")) for d in held]
    assert prf([{tuple(e) for e in d["entities"]} for d in held], pred)["micro"]["f1"] >= 0.89


def test_english_on_held_out_gmb_news():
    """The English model never saw these sentences: 0.883 here, 0.882 on all 4,762 (benchmarks/bench_ner_en)."""
    from pipeline.entities import get_english_ner
    from pipeline.training.scoring import prf

    held = _held_out("ner_en/gmb.jsonl")
    pred = [set(p) for p in get_english_ner().pipe([d["text"] for d in held])]
    assert prf([{tuple(e) for e in d["entities"]} for d in held], pred)["micro"]["f1"] >= 0.85

"""Mention replacement for NER training data."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.training.augment import replace_mentions
from pipeline.training.ner_zh import style_of

DOCS = [
    {"text": "马云在杭州创立了阿里巴巴。", "entities": [[0, 2, "PER"], [3, 5, "LOC"], [8, 12, "ORG"]],
     "source": "cluener-train"},
    {"text": "李彦宏说百度在北京。", "entities": [[0, 3, "PER"], [4, 6, "ORG"], [7, 9, "LOC"]],
     "source": "cluener-train"},
    {"text": "江泽民会见了克林顿。", "entities": [[0, 3, "PER"], [6, 9, "PER"]], "source": "peoples-daily-1998-test"},
    {"text": "没有名字的句子。", "entities": [], "source": "cluener-train"},
    {"text": "中国银行", "entities": [[0, 4, "ORG"], [0, 2, "LOC"]], "source": "msra-train-slice"},  # nested
]


def test_copies_keep_labels_contexts_and_pools():
    out = replace_mentions(DOCS, copies=2, seed=0, group=style_of)
    assert len(out) == 2 * 3  # not the sentence without names, not the one with nested names
    pools = {("web", "PER"): {"马云", "李彦宏"}, ("web", "LOC"): {"杭州", "北京"}, ("web", "ORG"): {"阿里巴巴", "百度"},
             ("news", "PER"): {"江泽民", "克林顿"}}
    for d in out:
        for s, e, label in d["entities"]:
            assert d["text"][s:e] in pools[style_of(d["source"]), label]
        labels = [label for _, _, label in d["entities"]]
        original = next(o for o in DOCS if o["source"] == d["source"] and
                        [x[2] for x in o["entities"]] == labels)
        # what lies between the names is the original sentence's
        gaps = [d["text"][e:s] for (_, e, _), (s, _, _) in zip(d["entities"], d["entities"][1:])]
        orig_gaps = [original["text"][e:s] for (_, e, _), (s, _, _) in
                     zip(original["entities"], original["entities"][1:])]
        assert gaps == orig_gaps


def test_deterministic_for_a_seed():
    assert replace_mentions(DOCS, 1, seed=3, group=style_of) == replace_mentions(DOCS, 1, seed=3, group=style_of)


@given(st.lists(st.tuples(st.text(alphabet="甲乙丙丁，。", min_size=0, max_size=4),
                          st.text(alphabet="张王李赵", min_size=1, max_size=3),
                          st.sampled_from(["PER", "ORG", "LOC"])), min_size=1, max_size=5))
def test_offsets_always_point_at_the_new_names(pieces):
    text, ents = "", []
    for gap, name, label in pieces:
        text += gap
        ents.append([len(text), len(text) + len(name), label])
        text += name
    doc = {"text": text + "。", "entities": ents, "source": "weibo-train"}
    names = {doc["text"][s:e] for s, e, _ in ents}

    def outside(d):  # the text around the names, piece by piece
        bounds = [0] + [x for s, e, _ in d["entities"] for x in (s, e)] + [len(d["text"])]
        return [d["text"][a:b] for a, b in zip(bounds[::2], bounds[1::2])]

    for copy in replace_mentions([doc, doc], copies=2, seed=1, group=style_of):
        assert [x[2] for x in copy["entities"]] == [x[2] for x in ents]
        assert all(copy["text"][s:e] in names for s, e, _ in copy["entities"])
        assert outside(copy) == outside(doc)

"""The fast paths of the record stage and the writers give exactly what the plain versions gave: bulk offset
mapping, token dicts from arrays, TextRank (keywords and sentences) with the same float operations, and one read
of the stored documents shared by every writer."""
from __future__ import annotations

import math
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.formats.atomic import write_jsonl
from pipeline.formats.writers import WRITERS, fan_out, write_outputs
from pipeline.normalise import OffsetChain, OffsetMap, normalise
from pipeline.records import token_dicts
from pipeline.summarise import _pagerank, _shared_word_weights, textrank_words

from .writer_fixtures import corpus

# --- offsets ------------------------------------------------------------------------------------------


@st.composite
def offset_maps(draw) -> OffsetMap:
    """An offset map as TextBuilder makes them: ordered, disjoint edits that change the length."""
    offsets = OffsetMap()
    out_at = src_at = 0
    for _ in range(draw(st.integers(0, 12))):
        gap = draw(st.integers(0, 6))
        out_at, src_at = out_at + gap, src_at + gap
        src_len, out_len = draw(st.tuples(st.integers(0, 5), st.integers(0, 5)).filter(lambda t: t[0] != t[1]))
        offsets.add(out_at, out_at + out_len, src_at, src_at + src_len)
        out_at, src_at = out_at + out_len, src_at + src_len
    return offsets


@settings(max_examples=300, deadline=None)
@given(st.lists(offset_maps(), max_size=3), st.lists(st.integers(0, 80), max_size=40), st.booleans())
def test_bulk_offsets_equal_one_by_one(maps, offsets, ascending):
    chain = OffsetChain()
    for m in maps:
        chain.append(m)
    offsets = sorted(offsets) if ascending else offsets
    for end in (False, True):
        assert chain.to_source_many(offsets, end=end) == [chain.to_source(i, end=end) for i in offsets]
    starts = offsets
    ends = [i + step for i, step in zip(offsets, reversed(offsets))]
    assert chain.spans_to_source(starts, ends) == [chain.span_to_source(s, e) for s, e in zip(starts, ends)]


def test_token_dicts_equal_the_tokens(sample_raw):
    from pipeline.language import load

    norm = normalise(sample_raw[:3000] + " Alibaba Cloud  2023\n\n阿里云")
    doc = load("zh").make_doc(norm.text)
    expected = []
    for tok in doc:
        if not tok.is_space:
            start, end = tok.idx, tok.idx + len(tok.text)
            raw_start, raw_end = norm.to_raw(start, end)
            expected.append({"text": tok.text, "start": start, "end": end, "raw_start": raw_start,
                             "raw_end": raw_end, "pos": tok.tag_, "upos": tok.pos_, "lang": tok._.lang})
    assert len(norm.offsets) and token_dicts(doc, norm) == expected
    assert token_dicts(load("zh").make_doc(""), normalise("")) == []


# --- TextRank -----------------------------------------------------------------------------------------

VOCAB = ["阿里云", "营收", "云计算", "增长", "的", "了", "AI", "Cloud", "数据", "x", "服务", "2023"]
TAGS = ["n", "v", "vn", "nt", "x", "eng", "ns", "uj", "m"]
words_lists = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from(TAGS), st.just(0)), max_size=120)


def jieba_textrank(words, top_k, allow_pos, stops):
    from jieba.analyse import TextRank
    from jieba.posseg import pair

    class Given:
        def cut(self, _text):
            return [pair(w, tag) for w, tag, _ in words]

    textrank = TextRank()
    textrank.tokenizer = textrank.postokenizer = Given()
    textrank.stop_words = set(stops)
    return textrank.textrank("", topK=top_k, allowPOS=allow_pos)


@settings(max_examples=200, deadline=None)
@given(words_lists, st.sampled_from([0, 3, 30]))
def test_textrank_words_equal_jieba(words, top_k):
    allow, stops = ("n", "v", "vn", "nt", "eng"), frozenset({"的", "了", "x"})
    assert textrank_words(words, top_k, allow, stops) == jieba_textrank(words, top_k, allow, stops)


def plain_weights(words):
    index = defaultdict(list)
    for node, ws in enumerate(words):
        for w in ws:
            index[w].append(node)
    weights = [{} for _ in words]
    for nodes in index.values():
        if len(nodes) > 60:
            continue
        for a in nodes:
            for b in nodes:
                if a != b:
                    weights[a][b] = weights[a].get(b, 0.0) + 1.0
    for a, row in enumerate(weights):
        for b in row:
            row[b] /= (math.log(len(words[a]) + 1) + math.log(len(words[b]) + 1)) or 1.0
    return weights


def plain_pagerank(weights, damping=0.85, iterations=30):
    n = len(weights)
    out_sum = [sum(row.values()) for row in weights]
    score = [1.0 / n] * n
    for _ in range(iterations):
        new = [(1 - damping) / n] * n
        for i, row in enumerate(weights):
            if not out_sum[i]:
                continue
            share = damping * score[i] / out_sum[i]
            for j, w in row.items():
                new[j] += share * w
        delta = sum(abs(a - b) for a, b in zip(new, score))
        score = new
        if delta < 1e-5:
            break
    return score


sentence_words = st.lists(st.lists(st.integers(0, 40), max_size=12).map(lambda ws: dict.fromkeys(map(str, ws))),
                          min_size=1, max_size=90)


@settings(max_examples=100, deadline=None)
@given(sentence_words)
def test_sentence_graph_and_pagerank_equal_the_plain_loops(words):
    weights = _shared_word_weights(words)
    plain = plain_weights(words)
    assert weights == plain and [list(row) for row in weights] == [list(row) for row in plain]
    assert _pagerank(weights) == plain_pagerank(plain)  # the same floats, not just close


# --- writers: one read of the documents ------------------------------------------------------------------

def test_fan_out_gives_every_consumer_every_document_in_order():
    seen: dict[int, list] = defaultdict(list)

    def consumer(k):
        return lambda docs: seen[k].extend(d["n"] for d in docs)

    fan_out(({"n": i} for i in range(50)), [consumer(k) for k in range(4)], maxsize=2)
    assert all(seen[k] == list(range(50)) for k in range(4))


def test_fan_out_errors_reach_the_caller_and_block_nothing():
    got: list = []

    def stops_early(docs):
        next(iter(docs))

    def fails(docs):
        for d in docs:
            if d == 3:
                raise ValueError("writer broke")

    with pytest.raises(ValueError, match="writer broke"):
        fan_out(iter(range(40)), [stops_early, fails, lambda docs: got.extend(docs)], maxsize=1)
    assert got == list(range(40))

    def broken_read():
        yield 1
        raise OSError("disk")

    reached: list = []

    def records(docs):
        try:
            for _ in docs:
                pass
        except OSError as error:
            reached.append(error)
            raise

    with pytest.raises(OSError, match="disk"):
        fan_out(broken_read(), [records, records], maxsize=1)
    assert len(reached) == 2


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_write_outputs_equals_each_writer_alone(tmp_path, processes):
    docs = corpus()
    together, alone = tmp_path / "together", tmp_path / "alone"
    for folder in (together, alone):
        folder.mkdir()
        write_jsonl(folder / "documents.jsonl", docs)
    write_outputs(together, processes=processes)
    for writer in WRITERS.values():
        writer(iter(corpus()), alone)
    names = sorted(p.name for p in alone.iterdir())
    assert names == sorted(p.name for p in together.iterdir())
    for name in names:
        assert (together / name).read_bytes() == (alone / name).read_bytes(), name


@pytest.mark.parametrize("processes", [1, 2, 3, 4, 10])
@pytest.mark.parametrize("formats", [list(WRITERS), ["claims"], ["summary", "report", "docbin"], ["report", "conllu"]])
def test_split_formats_covers_every_format_once(formats, processes):
    from pipeline.formats.writers import split_formats

    groups = split_formats(formats, processes)
    assert sorted(f for g in groups for f in g) == sorted(formats)
    assert 1 <= len(groups) <= processes and all(groups)
    with_summaries = [g for g in groups if {"summary", "report"} & set(g)]
    assert len(with_summaries) <= 1  # they share one corpus summary
    if processes >= 2 and {"docbin", "conllu"} <= set(formats):
        assert not any({"docbin", "conllu"} <= set(g) for g in groups)  # the two heaviest apart

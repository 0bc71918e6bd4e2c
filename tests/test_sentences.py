"""Bounded sentences: an over-long sentence goes through the per-sentence stages in pieces cut at clause
breaks, else at whitespace, else between words; the stored sentences are the sentences as written."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from pipeline.engine import process, split_points
from pipeline.language import MAX_SENTENCE_CHARS, bounded_sentences, clause_around, load, piece_starts
from pipeline.records import sentence_dicts, sentence_spans
from pipeline.segment import blank

UNTERMINATED = "阿里云营收增长7.2%,"


@pytest.fixture(scope="module")
def nlp():
    return blank()


def _pieces(nlp, words: list[str], spaces: list[bool], limit: int) -> list[str]:
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    cuts = piece_starts(doc[:], limit)
    return [doc[a:b].text for a, b in zip([0, *cuts], [*cuts, len(doc)])]


@pytest.mark.parametrize(
    ("words", "spaces", "limit", "expected"),
    [
        # after the last clause break that fits
        (["甲甲", "，", "乙乙", "，", "丙丙"], [False] * 5, 6, ["甲甲，乙乙，", "丙丙"]),
        # a clause break in the second half wins over a later space
        (["aa", ",", "bb", "cc"], [False, True, True, False], 8, ["aa,", "bb cc"]),
        # no clause break: after whitespace
        (["alpha", "beta", "gamma", "delta"], [True, True, True, False], 12, ["alpha beta", "gamma delta"]),
        # no break at all: between words
        (["一二三", "四五六", "七八九"], [False] * 3, 5, ["一二三", "四五六", "七八九"]),
        # a clause break in the first half is too early: between words instead
        (["甲", "，", "乙乙乙乙乙", "丙丙丙"], [False] * 4, 9, ["甲，乙乙乙乙乙", "丙丙丙"]),
        # a word longer than the limit is a piece of its own
        (["x" * 10, "y"], [False, False], 4, ["x" * 10, "y"]),
        # short enough: no cut
        (["甲", "，", "乙"], [False] * 3, 3, ["甲，乙"]),
    ],
)
def test_piece_starts(nlp, words, spaces, limit, expected):
    assert _pieces(nlp, words, spaces, limit) == expected


def test_long_sentence_is_processed_in_pieces_and_stored_whole(nlp):
    text = UNTERMINATED * 400 + "完。短句。"
    doc = bounded_sentences(nlp(text))
    pieces = list(doc.sents)
    assert len(pieces) > len(text) // MAX_SENTENCE_CHARS
    assert all(len(p.text) <= MAX_SENTENCE_CHARS for p in pieces)
    assert all(p.text.endswith(",") for p in pieces[:-2])
    assert doc.user_data["cut_sentences"] == [[0, len(UNTERMINATED) * 400 + 2]]
    assert sentence_spans(doc) == [(0, len(UNTERMINATED) * 400 + 2), (len(text) - 3, len(text))]


def test_ordinary_sentences_are_left_alone(nlp, sample_raw):
    from pipeline.normalise import normalise

    doc = nlp(normalise(sample_raw).text)
    before = [s.start for s in doc.sents]
    doc = bounded_sentences(doc)
    assert [s.start for s in doc.sents] == before and "cut_sentences" not in doc.user_data
    assert sentence_spans(doc) == [(s.start_char, s.end_char) for s in doc.sents]


def test_english_pipeline_bounds_sentences_too():
    text = "Alibaba Cloud revenue grew 7.2% in 2023, " * 120
    doc = load("en")(text)
    assert max(len(s.text) for s in doc.sents) <= MAX_SENTENCE_CHARS
    assert [(d["start"], d["end"]) for d in sentence_dicts(doc)] == [(0, len(text.rstrip()))]


def test_claims_of_a_long_line_show_their_clause():
    document = process(UNTERMINATED * 300)
    assert document["sentences"] == [{"start": 0, "end": len(UNTERMINATED) * 300, "lang": "zh"}]
    assert len(document["claims"]) == 300
    # normalised: ， between Han characters; the line's last comma stays
    assert {c["sentence"] for c in document["claims"]} == {"阿里云营收增长7.2%，", "阿里云营收增长7.2%,"}


@pytest.mark.parametrize(
    ("text", "claim", "expected"),
    [
        ("甲，营收增长7.2%，乙", "7.2%", "营收增长7.2%，"),
        ("营收1,000亿元，利润增长7.2%；其余", "7.2%", "利润增长7.2%；"),
        ("营收1,000亿元", "1,000", "营收1,000亿元"),  # the comma inside the number is no break
        ("x" * 500 + "增长7.2%" + "y" * 500, "7.2%", "x" * 98 + "增长7.2%" + "y" * 100),  # no break: the window
    ],
)
def test_clause_around(text, claim, expected):
    start = text.index(claim)
    assert clause_around(text, start, start + len(claim), 0, len(text)) == expected


@pytest.mark.parametrize(
    ("text", "limit", "ends_before_cuts"),
    [
        ("第一句话。" * 30 + "\n" + "第二句话。" * 30, 200, "\n。"),
        (UNTERMINATED * 40, 100, ","),  # a clause break, not the middle of 7.2%
        ("甲乙丙，" * 40, 50, "，"),
        ("1,000 " * 60, 100, " "),  # a comma inside a number is no clause break
    ],
)
def test_split_points_prefer_line_sentence_clause_and_space(text, limit, ends_before_cuts):
    cuts = split_points(text, limit)
    assert cuts and all(0 < b - a <= limit for a, b in zip([0, *cuts], [*cuts, len(text)]))
    assert all(text[c - 1] in ends_before_cuts for c in cuts)


# runs without sentence ends: words, numbers, clause breaks, spaces, long words; a few thousand characters
RUN_PIECES = ["阿里云", "营收", "增长", "7.2%", "1,000", "，", ",", "、", "；", " ", "  ", "Alibaba", "Cloud", "x" * 300,
              "ümlaut", "٣٤", "🙂", "\t", UNTERMINATED * 20, "数据" * 150, "Alibaba Cloud grew " * 10]
RUNS = st.lists(st.sampled_from(RUN_PIECES), min_size=60, max_size=300).map("".join)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(RUNS)
def test_long_runs_without_sentence_ends(nlp, text):
    doc = nlp(text)
    assert doc.text == text  # the tokenizer covers every character
    assert [s.start for s in doc.sents] == [0]  # no sentence end, no line break: one sentence
    doc = bounded_sentences(doc)
    for piece in doc.sents:
        assert len(piece.text_with_ws) <= MAX_SENTENCE_CHARS or len(piece) == 1 or piece[0].is_space
        assert piece.start == 0 or not piece[0].is_space
    assert sentence_spans(doc) == [(0, doc[:].end_char)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["甲", "，", "乙乙", ",", "x" * 7, "丙丙丙"]), min_size=1, max_size=80),
       st.lists(st.booleans(), min_size=80, max_size=80), st.integers(min_value=3, max_value=40))
def test_pieces_cover_the_sentence_within_the_limit(nlp, words, spaces, limit):
    pieces = _pieces(nlp, words, spaces[:len(words)], limit)
    doc = Doc(nlp.vocab, words=words, spaces=spaces[:len(words)])
    assert " ".join(pieces).replace(" ", "") == doc.text.replace(" ", "")
    assert all(len(p) <= limit or len(p.split()) == 1 and p in words for p in pieces)


@pytest.mark.parametrize("start", [0, 10, 4_000, 9_990])
def test_entity_rows_show_a_bounded_part_of_a_runaway_sentence(start):
    from pipeline.formats.tables import CONTEXT_CHARS, RUNAWAY_CHARS, entity_rows

    text = "".join(chr(0x4E00 + i) for i in range(10_000))
    assert RUNAWAY_CHARS < len(text)
    doc = {"id": "d", "text": text, "sentences": [{"start": 0, "end": 10_000}],
           "entities": [{"text": text[start:start + 2], "start": start, "end": start + 2}]}
    (row,) = entity_rows([doc])
    lo = text.index(row["sentence"][:20])
    assert len(row["sentence"]) == CONTEXT_CHARS and row["sentence"] == text[lo:lo + CONTEXT_CHARS]
    assert lo <= start and start + 2 <= lo + CONTEXT_CHARS  # the entity stands in what is shown
    short = {**doc, "text": "甲乙丙", "sentences": [{"start": 0, "end": 3}], "entities": [{"start": 1, "end": 2}]}
    assert next(entity_rows([short]))["sentence"] == "甲乙丙"  # an ordinary sentence is shown whole


@pytest.mark.parametrize("limit", [9, 14, 19, 24])
def test_a_piece_with_its_trailing_space_fits_the_limit(limit):
    import spacy

    doc = spacy.blank("en")("abcd " * 40)  # every token carries one trailing space
    cuts = piece_starts(doc[:], limit)
    pieces = [doc[a:b] for a, b in zip([0, *cuts], [*cuts, len(doc)])]
    assert len(pieces) > 1 and all(len(p.text_with_ws) <= limit for p in pieces)

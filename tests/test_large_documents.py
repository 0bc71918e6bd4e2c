"""Large documents in bounded memory: the piecewise JSON reader, the worker's document line, the writers reading
stored documents in pieces (same bytes as reading them whole), the DocBin's packed user data."""
from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import DocBin

from pipeline.formats import atomic, jsonpieces, store
from pipeline.formats.atomic import document_line, dumps, write_jsonl
from pipeline.formats.docbin import ATTRS, add_record, build_doc
from pipeline.formats.jsonpieces import Array, load_object
from pipeline.formats.store import iter_stored
from pipeline.formats.writers import DEFAULT_FORMATS, write_outputs
from pipeline.segment import blank

from .writer_fixtures import corpus

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**20, 10**20) | st.floats(allow_nan=False)
    | st.text(alphabet=st.sampled_from("a,\"\\:[]{} 7.\n中文云😀\u2028")),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=3), inner, max_size=5),
    max_leaves=20)
json_objects = st.dictionaries(st.text(max_size=4), json_values, max_size=6)


@settings(max_examples=150, deadline=None)
@given(json_objects, st.sampled_from([1, 2, 3, 7, 64]), st.sampled_from([0, 5, 1 << 20]))
def test_load_object_equals_json_loads(obj, chunk, lazy_bytes):
    """Any chunk size (cutting numbers and multi-byte characters) and any laziness: the same values."""
    data = dumps(obj).encode()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(jsonpieces, "CHUNK", chunk)
        got = load_object(data, lazy_bytes=lazy_bytes)
        assert got == json.loads(data)
        for key, value in got.items():
            if isinstance(value, Array):
                assert list(value) == list(value) == obj[key]  # each iteration parses again
                assert len(value) == len(obj[key])
                assert [value[i] for i in range(-len(value), len(value))] == obj[key] * 2


@pytest.mark.parametrize("text, expected", [
    ('{"a":[1,2.5,-3e2],"b":{"c":[]}}', {"a": [1, 2.5, -300.0], "b": {"c": []}}),
    (' { "t" : [ {"x":"中"} , [] ] , "n" : null } ', {"t": [{"x": "中"}, []], "n": None}),
    ('{}', {}),
])
def test_load_object_table(text, expected):
    got = load_object(text.encode(), lazy_bytes=0)
    assert got == expected
    assert [key for key, value in got.items() if isinstance(value, Array)] == \
        [key for key, value in expected.items() if isinstance(value, list)]


@pytest.mark.parametrize("text", ['{"a":[1,2', '{"a":[1 2]}', '{"a" 1}', '[1]'])
def test_load_object_rejects_broken_json(text):
    with pytest.raises(ValueError):
        load_object(text.encode(), lazy_bytes=0)


@settings(max_examples=100, deadline=None)
@given(json_objects, st.sampled_from([1, 2, 5000]))
def test_document_line_is_dumps_and_empties_the_document(obj, piece):
    expected = (dumps(obj) + "\n").encode()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(atomic, "PIECE", piece)
        document = copy.deepcopy(obj)
        assert document_line(document) == expected
    assert document == {}


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    docs = copy.deepcopy(corpus())
    # tokens out of order and a claim outside the text: the writers' own sorting and skipping still apply
    docs[0]["tokens"] = docs[0]["tokens"][1:] + docs[0]["tokens"][:1]
    docs[-1]["claims"].append({**docs[-1]["claims"][0], "claim_id": "x:c99", "start": 10**6, "end": 10**6 + 2})
    return docs


def test_writers_give_the_same_bytes_reading_documents_in_pieces(docs, sample_document, tmp_path, monkeypatch):
    whole, pieces = tmp_path / "whole", tmp_path / "pieces"
    for out in (whole, pieces):
        write_jsonl(out / "documents.jsonl", [*docs, sample_document])
    write_outputs(whole, DEFAULT_FORMATS)
    monkeypatch.setattr(store, "LAZY_BYTES", 0)  # every array of every document read in pieces
    stored = list(iter_stored(pieces))
    assert all(isinstance(d["tokens"], Array) and isinstance(d["claims"], Array) for d in stored)
    write_outputs(pieces, DEFAULT_FORMATS)
    names = sorted(p.name for p in whole.iterdir())
    assert names == sorted(p.name for p in pieces.iterdir()) and "corpus.spacy" in names
    for name in names:
        assert (pieces / name).read_bytes() == (whole / name).read_bytes(), name


def test_docbin_user_data_packed_in_pieces_is_what_docbin_packs(docs):
    vocab = blank().vocab
    for record in docs:
        packed, expected = DocBin(attrs=ATTRS, store_user_data=True), DocBin(attrs=ATTRS, store_user_data=True)
        add_record(packed, vocab, record)
        expected.add(build_doc(vocab, record))
        assert packed.user_data == expected.user_data and packed.to_bytes() == expected.to_bytes()
    # the claim outside the text has no span and is left out of the user data too
    assert len(build_doc(vocab, docs[-1]).user_data["claims"]) == len(docs[-1]["claims"]) - 1


def test_writers_sort_tokens_out_of_order(docs, tmp_path):
    """Tokens are read as they are stored (in order); any other order gives the same outputs as sorted."""
    ordered = [{**d, "tokens": sorted(d["tokens"], key=lambda t: t["start"])} for d in docs]
    assert ordered[0]["tokens"] != docs[0]["tokens"]
    for name, fmt in (("shuffled", docs), ("ordered", ordered)):
        write_jsonl(tmp_path / name / "documents.jsonl", fmt)
        write_outputs(tmp_path / name, ("conllu", "docbin"))
    for file in ("corpus.conllu", "corpus.spacy"):
        assert (tmp_path / "shuffled" / file).read_bytes() == (tmp_path / "ordered" / file).read_bytes()


@pytest.mark.parametrize("text", [
    "阿里云营收增长7.2%," * 40,  # no sentence end
    "阿里云 2022 年营收 776 亿元。\n\n  Alibaba Cloud's revenue rose 7.2%.  ",  # spaces, English, blank lines
    "",
])
def test_the_runs_compact_tokens_give_the_documents_line(text, sample_raw):
    """The run encodes columns of tokens (``compact``); ``process`` gives dicts: the same documents.jsonl line."""
    from pipeline.document import Record
    from pipeline.engine import Processor
    from pipeline.records import Tokens

    processor = Processor()
    for raw in (text, sample_raw):
        compact = processor(Record("d", "d.txt", raw), compact=True).document
        plain = processor(Record("d", "d.txt", raw)).document
        assert isinstance(compact["tokens"], Tokens) and isinstance(plain["tokens"], list)
        assert list(compact["tokens"]) == plain["tokens"] and compact["tokens"][1:3] == plain["tokens"][1:3]
        assert [compact["tokens"][i] for i in (0, -1)] == [plain["tokens"][i] for i in (0, -1)] if plain["tokens"] \
            else len(compact["tokens"]) == 0
        assert document_line(compact) == (dumps(plain) + "\n").encode()

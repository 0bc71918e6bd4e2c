"""Writers: CoNLL-U, DocBin, CSV tables, summaries, the WRITERS table and `zhpipe report`."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import conllu
import pytest
from click.testing import CliRunner
from spacy.tokens import DocBin

from pipeline.formats.atomic import write_jsonl
from pipeline.formats.conllu import write_conllu
from pipeline.formats.docbin import write_docbin
from pipeline.formats.tables import (
    CLAIM_COLUMNS,
    ENTITY_COLUMNS,
    cell,
    write_claims_csv,
    write_entities_csv,
)
from pipeline.formats.writers import DEFAULT_FORMATS, WRITERS, write_outputs
from pipeline.segment import blank
from pipeline.summarise import corpus_summary, stop_words, summarise_document, to_pinyin

from .writer_fixtures import corpus


@pytest.fixture(scope="module")
def docs() -> list[dict]:
    return corpus()


def rebuild(sentence: conllu.TokenList) -> str:
    return "".join(t["form"] + ("" if (t["misc"] or {}).get("SpaceAfter") == "No" else " ")
                   for t in sentence).rstrip()


# --- CoNLL-U --------------------------------------------------------------------------------------------

def _conllu(docs, tmp_path) -> list[conllu.TokenList]:
    write_conllu(iter(docs), tmp_path)
    return conllu.parse((tmp_path / "corpus.conllu").read_text(encoding="utf-8"))


def test_conllu_round_trip(docs, tmp_path):
    sentences = _conllu(docs, tmp_path)
    assert len(sentences) == sum(len(d["sentences"]) for d in docs)
    ids = [s.metadata["sent_id"] for s in sentences]
    assert len(set(ids)) == len(ids) and ids[0] == "aliyun:s1"
    for sent in sentences:
        assert rebuild(sent) == sent.metadata["text"]
        assert "doc_id" in sent.metadata
        for tok in sent:
            assert tok["head"] is None and tok["deprel"] in (None, "_")  # no parser: "_" columns
            assert tok["upos"] and tok["xpos"]
            assert tok["form"].strip() == tok["form"] != ""
    first = sentences[0]
    assert first.metadata["newdoc id"] == "aliyun"
    assert [t["form"] for t in first][:3] == ["阿里云", "是", "阿里巴巴"]
    assert first[0]["misc"]["NER"] == "B-ORG" and first[0]["misc"]["Translit"] == "ālǐyún"
    assert first[0]["upos"] == "PROPN" and first[0]["xpos"] == "nt"
    assert first[1]["misc"]["NER"] == "O"


def test_conllu_spaces_and_whitespace_runs(docs, tmp_path):
    sentences = {s.metadata["text"]: s for s in _conllu(docs, tmp_path)}
    spaced = next(s for t, s in sentences.items() if "745" in t)
    assert "营收为 745 亿元" in spaced.metadata["text"]
    by_form = {t["form"]: t for t in spaced}
    assert by_form["为"]["misc"].get("SpaceAfter") is None           # "为 745"
    assert by_form["亿元"]["misc"]["SpaceAfter"] == "No"
    # a double space and a tab inside a sentence become one space in `# text`, consistently with SpaceAfter
    assert any("GPT-3.5 改变" in t for t in sentences)
    tabbed = next(s for t, s in sentences.items() if "@cmd" in t)
    assert tabbed.metadata["text"] == "=SUM(A1) @cmd 收入增长+5%。"
    assert rebuild(tabbed) == tabbed.metadata["text"]


def test_conllu_multi_token_entity_and_english(tmp_path):
    from .writer_fixtures import make_document

    doc = make_document("en", "Alibaba Cloud grew fast in Hong Kong.",
                        entities=[("Alibaba Cloud", "ORG"), ("Hong Kong", "GPE")])
    (sent,) = _conllu([doc], tmp_path)
    tags = [t["misc"]["NER"] for t in sent]
    assert tags == ["B-ORG", "I-ORG", "O", "O", "O", "B-GPE", "I-GPE", "O"]
    assert "Translit" not in sent[0]["misc"]
    assert rebuild(sent) == "Alibaba Cloud grew fast in Hong Kong."


def test_conllu_of_the_sample_article(sample_document, tmp_path):
    sentences = _conllu([sample_document], tmp_path)
    assert len(sentences) > 100
    for sent in sentences:
        assert rebuild(sent) == sent.metadata["text"]
    n_tokens = sum(len(s) for s in sentences)
    assert n_tokens == len(sample_document["tokens"])


# --- DocBin ---------------------------------------------------------------------------------------------

def test_docbin_round_trip(docs, tmp_path):
    write_docbin(iter(docs), tmp_path)
    loaded = list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(blank().vocab))
    assert len(loaded) == len(docs)
    for doc, record in zip(loaded, docs):
        assert doc.text == record["text"]
        assert [t.text for t in doc if not t.is_space] == [t["text"] for t in record["tokens"]]
        tokens = [t for t in doc if not t.is_space]
        assert [t.tag_ for t in tokens] == [t["pos"] for t in record["tokens"]]
        assert [t.pos_ for t in tokens] == [t["upos"] for t in record["tokens"]]
        assert [s.start_char for s in doc.sents] == [s["start"] for s in record["sentences"]]
        assert [(e.text, e.label_, e.start_char, e.end_char) for e in doc.ents] == \
            [(e["text"], e["label"], e["start"], e["end"]) for e in record["entities"]]
        spans = doc.spans["claims"]
        assert [(s.start_char, s.end_char, s.text) for s in spans] == \
            [(c["start"], c["end"], c["text"]) for c in record["claims"]]
        assert [s.id_ for s in spans] == [c["claim_id"] for c in record["claims"]]
        assert [s.label_ for s in spans] == [c["kind"] for c in record["claims"]]
        assert list(doc.user_data["claims"]) == record["claims"]  # msgpack gives tuples back
        assert list(doc.user_data["entities"]) == record["entities"]
        assert doc.user_data["id"] == record["id"]


def test_docbin_shards_large_corpora_and_removes_stale_files(docs, tmp_path):
    docs = docs * 2
    sizes = [len(d["text"]) for d in docs]
    write_docbin(iter(docs), tmp_path, shard_chars=1)  # every document in its own shard
    shards = sorted(tmp_path.glob("corpus-*.spacy"))
    assert [p.name for p in shards] == [f"corpus-{k:05d}.spacy" for k in range(len(docs))]
    assert not (tmp_path / "corpus.spacy").exists()
    loaded = [d for p in shards for d in DocBin().from_disk(p).get_docs(blank().vocab)]
    assert [d.text for d in loaded] == [d["text"] for d in docs]
    # two documents per shard, then one file again: the files of the earlier layout go
    write_docbin(iter(docs), tmp_path, shard_chars=sizes[0] + 1)
    assert len(sorted(tmp_path.glob("corpus-*.spacy"))) < len(docs)
    write_docbin(iter(docs), tmp_path)
    assert sorted(p.name for p in tmp_path.glob("corpus*.spacy")) == ["corpus.spacy"]
    assert len(list(DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(blank().vocab))) == len(docs)


def test_docbin_expands_entities_inside_tokens(tmp_path):
    from .writer_fixtures import make_document

    doc = make_document("x", "阿里云营收为776亿。", entities=[("里云", "ORG")],
                        claims=[("76亿", {"value": 7.6e9, "unit": "CNY"})])
    write_docbin([doc], tmp_path)
    (out,) = DocBin().from_disk(tmp_path / "corpus.spacy").get_docs(blank().vocab)
    assert [e.text for e in out.ents] == ["阿里云"]
    assert [s.text for s in out.spans["claims"]] == ["776亿"]


# --- CSV ------------------------------------------------------------------------------------------------

def _read_csv(path: Path) -> tuple[bytes, list[list[str]]]:
    data = path.read_bytes()
    return data, list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_claims_csv(docs, tmp_path):
    write_claims_csv(iter(docs), tmp_path)
    data, rows = _read_csv(tmp_path / "claims.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    assert tuple(rows[0]) == CLAIM_COLUMNS
    assert len(rows) == 1 + sum(len(d["claims"]) for d in docs)
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    growth = body[0]
    assert growth["doc_id"] == "aliyun" and growth["value"] == "64" and growth["unit"] == "%"
    assert growth["unit_inferred"] == "false" and growth["value_high"] == ""
    hostile = [r for r in body if r["doc_id"].startswith("<script>")]
    assert hostile[0]["text"] == "'-3.5亿"            # text cells are neutralised, even number-like ones
    assert hostile[0]["value"] == "-350000000.0"       # numbers stay numbers
    assert hostile[1]["text"] == "'+5%" and hostile[1]["metric_en"] == "'=1+2" and hostile[1]["en"].startswith("'@")
    assert hostile[1]["sentence"].startswith("'=SUM(A1)\t@cmd")
    for r in rows[1:]:
        for value in r:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), value
            assert not value.startswith("-") or value.lstrip("-").replace(".", "").replace("e", "").isdigit()


def test_entities_csv(docs, tmp_path):
    write_entities_csv(iter(docs), tmp_path)
    data, rows = _read_csv(tmp_path / "entities.csv")
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\xef\xbb\xbf") == 1
    assert tuple(rows[0]) == ENTITY_COLUMNS
    body = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert len(body) == sum(len(d["entities"]) for d in docs)
    assert body[0] == {"doc_id": "aliyun", "text": "阿里云", "label": "ORG", "start": "0", "end": "3",
                       "raw_start": "0", "raw_end": "3", "sentence": "阿里云是阿里巴巴的云计算公司。",
                       "english": "Alibaba Cloud"}
    assert body[4]["english"] == ""
    assert any(r["text"] == "'=SUM(A1)" for r in body)


def test_csv_cells():
    assert cell(-3.5) == -3.5 and cell(0) == 0 and cell(None) == "" and cell(True) == "true"
    for bad in ("=1+1", "+1", "-1", "@SUM(1)", "\tx", "\rx"):
        assert cell(bad) == "'" + bad
    assert cell("阿里云") == "阿里云" and cell(["a"]) == '["a"]'


# --- summaries ------------------------------------------------------------------------------------------

def test_summarise_document_on_the_sample(sample_document):
    d = sample_document
    summary = summarise_document(d["text"], d["sentences"], d["entities"], d["claims"])
    assert set(summary) == {"keywords", "keywords_textrank", "key_sentences", "entities", "claims"}
    assert "阿里云" in summary["keywords"][:3] and "阿里云" in summary["keywords_textrank"][:3]
    stops = stop_words()
    for word in summary["keywords"] + summary["keywords_textrank"]:
        assert word not in stops and not word.isdigit()
    keys = summary["key_sentences"]
    assert 3 <= len(keys) <= 5 and keys == sorted(keys) and len(set(keys)) == len(keys)
    for i in keys:
        s = d["sentences"][i]
        assert s["end"] - s["start"] >= 12
    assert summary["entities"] == len(d["entities"]) and summary["claims"] == len(d["claims"])


def test_summarise_small_and_empty():
    assert summarise_document("", [], [], [])["key_sentences"] == []
    text = "阿里云很强。腾讯云也很强。"
    out = summarise_document(text, [{"start": 0, "end": 6}, {"start": 6, "end": 13}])
    assert out["key_sentences"] == [0, 1]


def test_stop_word_list_ships():
    stops = stop_words()
    assert {"的", "了", "我们", "因为"} <= stops and len(stops) > 1000
    assert not any(w.startswith("# ") for w in stops)


def test_pinyin():
    assert to_pinyin("阿里云", capitalize=True) == "Ālǐyún"
    assert to_pinyin("GPT-3.5") == ""


def test_corpus_summary_streams(docs):
    summary = corpus_summary(d for d in docs)         # a generator: one pass
    assert summary["documents"] == 2 and summary["characters"] == sum(len(d["text"]) for d in docs)
    assert summary["encodings"] == {"utf-8": 2}
    assert summary["quality"]["pinyin_notes_removed"] == 6 and summary["quality"]["mojibake_spans"] == 2
    org = summary["top_entities"]["ORG"]
    assert org[0] == {"text": "阿里云", "count": 2, "pinyin": "Ālǐyún", "english": "Alibaba Cloud", "names": ["阿里云"],
                      "canonical": "阿里云", "languages": {"zh": 2}}
    assert summary["claims"] == len(summary["claim_rows"]) == 10
    growth = next(s for s in summary["timeline"] if s["metric_en"] == "revenue growth")
    assert [p["period"] for p in growth["points"]] == ["2019", "2020", "2021", "2022", "2023"]
    assert [p["values"] for p in growth["points"]] == [[64.0], [52.0], [33.0], [7.2], [2.0]]
    assert growth["subject_en"] == "Alibaba Cloud" and growth["unit"] == "%"
    assert summary["claims_by_metric"][0] == {"metric": "营收增速", "metric_en": "revenue growth", "count": 5}
    assert summary["document_rows"][0]["keywords"]  # computed when documents.jsonl has no summary yet


def test_corpus_summary_merges_names_and_languages_by_canonical_id():
    from .writer_fixtures import make_document

    zh = make_document("zh", "阿里云2022年营收为776亿。", entities=[("阿里云", "ORG", "Alibaba Cloud")],
                       claims=[("776亿", {"value": 7.76e10, "unit": "CNY", "subject": "阿里云", "metric": "营收",
                                         "metric_en": "revenue", "period": "2022", "canonical": "alibaba-cloud"})])
    en = make_document("en", "In 2023 Alibaba Cloud revenue was CNY 106 billion.",
                       entities=[("Alibaba Cloud", "ORG", "Alibaba Cloud")],
                       claims=[("CNY 106 billion", {"value": 1.06e11, "unit": "CNY", "subject": "Alibaba Cloud",
                                                    "metric": "revenue", "metric_en": "revenue", "period": "2023",
                                                    "canonical": "alibaba-cloud"})])
    for doc in (zh, en):
        for ent in doc["entities"]:
            ent["canonical"] = "alibaba-cloud"
    summary = corpus_summary([zh, en])
    (org,) = summary["top_entities"]["ORG"]
    assert org["text"] == "阿里云" and org["count"] == 2 and set(org["names"]) == {"阿里云", "Alibaba Cloud"}
    (series,) = summary["timeline"]
    assert series["subject"] == "阿里云" and series["subject_en"] == "Alibaba Cloud"
    assert [p["period"] for p in series["points"]] == ["2022", "2023"]


# --- the table, `zhpipe run` and `zhpipe report` --------------------------------------------------------

EXPECTED = {"claims": "claims.jsonl", "claims-csv": "claims.csv", "entities-csv": "entities.csv",
            "conllu": "corpus.conllu", "docbin": "corpus.spacy", "summary": "summary.md", "report": "report.html"}


def test_writers_table():
    assert set(EXPECTED) <= set(WRITERS) and set(EXPECTED) <= set(DEFAULT_FORMATS)


def test_write_outputs_writes_every_format_atomically(docs, tmp_path):
    write_jsonl(tmp_path / "documents.jsonl", docs)
    write_outputs(tmp_path, list(EXPECTED))
    for name in EXPECTED.values():
        assert (tmp_path / name).stat().st_size > 0, name
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_report_command_rerenders(docs, tmp_path):
    from pipeline.cli import main

    write_jsonl(tmp_path / "documents.jsonl", docs)
    result = CliRunner().invoke(main, ["report", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "summary.md").exists() and (tmp_path / "report.html").exists()
    assert not (tmp_path / "corpus.conllu").exists()
    result = CliRunner().invoke(main, ["report", str(tmp_path), "--formats", "claims-csv", "-q"])
    assert result.exit_code == 0 and (tmp_path / "claims.csv").exists()
    assert CliRunner().invoke(main, ["report", str(tmp_path), "--formats", "nope"]).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert CliRunner().invoke(main, ["report", str(empty)]).exit_code == 1


def test_summary_md(docs, tmp_path):
    from pipeline.formats.report import write_summary_md

    write_summary_md(iter(docs), tmp_path)
    text = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert text.startswith("# 语料摘要 Corpus summary")
    for heading in ("## 实体 Entities", "## 时间线 Claims over time", "## 数据声明 Claims", "## 文档 Documents"):
        assert heading in text
    assert "| 阿里云 | Ālǐyún | Alibaba Cloud | 2 |" in text
    assert "Alibaba Cloud revenue (2022): CNY 77.6 billion" in text
    assert "<script>" not in text and "<img" not in text and "&lt;script&gt;" in text
    for line in text.splitlines():
        if line.startswith("| "):
            assert line.endswith(" |")
    json.dumps(text)

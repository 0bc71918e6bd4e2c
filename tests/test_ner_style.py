"""Style guesser behind --ner-style auto (pipeline/ner_style.py) and its use by the entity component."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline import entities as E
from pipeline import ner_style as S

# two toy "sources" with disjoint vocabularies
TOY = [("国务院总理会见外宾并发表讲话", "news"), ("总理会见代表团", "news"), ("外宾发表讲话", "news"),
       ("哈哈今天吃火锅好开心", "social"), ("今天好开心啊哈哈", "social"), ("火锅真好吃", "social")]


@pytest.fixture(scope="module")
def toy():
    return S.StyleGuesser.train(TOY, min_count=1)


@pytest.mark.parametrize(("source", "kind"), [
    ("peoples-daily-1998-dev", "news"), ("msra-train-slice", "news"), ("cluener-train", "web"),
    ("weibo-train", "social"), ("wikipedia", None), (None, None),
])
def test_kind_of_training_source(source, kind):
    assert S.kind_of(source) == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("", []),
    ("中", ["中"]),
    ("中国", ["中", "国", "中国"]),
    ("2023年", ["0", "0", "0", "0", "年", "00", "00", "00", "0年"]),
    ("１9", ["0", "0", "00"]),
])
def test_char_ngrams(text, expected):
    assert S.char_ngrams(text) == expected


@pytest.mark.parametrize(("text", "kind", "style"), [
    ("总理会见外宾", "news", "news"),
    ("今天吃火锅好开心", "social", "social"),
])
def test_toy_guesser_picks_the_closer_source(toy, text, kind, style):
    assert toy.kind(text, min_margin=0) == kind
    assert toy.style(text, min_margin=0) == style


def test_unsure_guess_falls_back_to_mixed(toy):
    # nothing known, or too little evidence for the margin: no kind, the mixed style
    assert toy.kind("ABC", min_margin=0) is None
    assert toy.style("ABC") == S.FALLBACK_STYLE == "mixed"
    assert toy.kind("总理", min_margin=0) == "news"
    assert toy.kind("总理", min_margin=1e6) is None


def test_only_the_first_characters_count(toy):
    long = "总理会见外宾" * (S.MAX_CHARS // 6 + 1) + "哈哈火锅" * S.MAX_CHARS
    assert toy.kind(long, min_margin=0) == "news"


def test_saved_table_loads_to_the_same_scores(tmp_path, toy):
    path = tmp_path / "t.tsv.gz"
    assert S.save_counts(TOY, path, min_count=1) == len(toy.logp)
    first = path.read_bytes()
    S.save_counts(TOY, path, min_count=1)
    assert path.read_bytes() == first  # same data, same bytes (no timestamp in the gzip header)
    loaded = S.StyleGuesser.load(path)
    for text in ("总理会见外宾", "火锅", "\r\n\u2028x"):
        assert loaded.scores(text) == pytest.approx(toy.scores(text))


def test_n_grams_with_line_breaks_survive_the_table(tmp_path):
    pairs = [("甲\r乙\u2028丙\x85丁", "news"), ("甲\r乙", "news"), ("戊己", "social"), ("戊己", "social")]
    path = tmp_path / "t.tsv.gz"
    S.save_counts(pairs, path, min_count=1)
    loaded = S.StyleGuesser.load(path)
    assert loaded.logp.keys() == S.StyleGuesser.train(pairs, min_count=1).logp.keys()
    assert "\r" in loaded.logp and "甲\r" in loaded.logp


def test_missing_or_broken_table_gives_no_guesser(tmp_path):
    assert S.StyleGuesser.load(tmp_path / "none.tsv.gz") is None
    import gzip

    bad = tmp_path / "bad.tsv.gz"
    with gzip.open(bad, "wt", encoding="utf-8") as f:
        f.write("#kinds\tnews\tweb\n#docs\t1\n")
    assert S.StyleGuesser.load(bad) is None


@settings(deadline=None)  # the first call loads the shipped table
@given(st.text(max_size=300))
def test_any_text_gets_a_style(text):
    assert E.get_resources().resolve_style(text) in E.STYLES


def test_shipped_guesser_is_loaded():
    g = S.StyleGuesser.load()
    assert g is not None and set(g.kinds) == {"news", "web", "social"}
    assert len(g.logp) > 10_000


def test_auto_resolves_once_per_document():
    res = E.get_resources()
    comp = E.ZhEntities(style="auto")
    text = "国务院总理李鹏今天在人民大会堂会见了日本首相桥本龙太郎。"
    doc = comp(E.make_doc(text))
    chosen = doc.user_data["ner_style"]
    assert chosen == res.resolve_style(text) and chosen in ("mixed", "news", "social")
    same = E.ZhEntities(style=chosen)(E.make_doc(text))
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in same.ents]


def test_auto_follows_the_guess(monkeypatch):
    res = E.get_resources()
    text = "中国市场增长很快，美国公司也来了。"
    words = ["中国", "市场", "增长", "很快", "，", "美国", "公司", "也", "来", "了", "。"]
    for style in ("news", "mixed", "social"):
        monkeypatch.setattr(res, "resolve_style", lambda t, s=style: s)
        assert res.predict(text, words, "auto") == res.predict(text, words, style)
        doc = E.ZhEntities(style="auto")(E.make_doc(text))
        assert doc.user_data["ner_style"] == style


def test_dev_sentences_are_rarely_taken_for_news(shared_data):
    # dev is CLUENER + Weibo: sending one of its sentences to the news style costs 12 points there
    g = S.StyleGuesser.load()
    lines = (shared_data / "ner" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    kinds = [g.kind(json.loads(x)["text"]) for x in lines]
    assert kinds.count("news") / len(kinds) < 0.05
    # most read like CLUENER, though not all clearly enough to be sure (those get the mixed style anyway)
    assert [g.kind(json.loads(x)["text"], min_margin=0) for x in lines].count("web") / len(kinds) > 0.7
    # and its Weibo posts mostly for posts, which the social style tags (4-6 points over mixed there)
    weibo = [k for k, x in zip(kinds, lines) if json.loads(x)["source"].startswith("weibo")]
    assert weibo.count("social") / len(weibo) > 0.6


def test_a_preset_style_is_kept_under_auto():
    # a document cut into pieces: the later pieces follow the style chosen for the first
    doc = E.make_doc("中国市场增长很快，美国公司也来了。")
    doc.user_data["ner_style"] = "news"
    doc = E.ZhEntities(style="auto")(doc)
    assert doc.user_data["ner_style"] == "news"
    assert {(e.text, e.label_) for e in doc.ents} == \
           {(e.text, e.label_) for e in E.ZhEntities(style="news")(E.make_doc(doc.text)).ents}
    # an explicit style is not overridden by what the doc carries
    doc = E.make_doc("中国市场增长很快。")
    doc.user_data["ner_style"] = "news"
    assert E.ZhEntities(style="web")(doc).user_data["ner_style"] == "web"


def test_long_documents_keep_one_style(monkeypatch):
    from pipeline.engine import Options, Processor, split_points

    text = "中国市场增长很快。\n美国公司也来了。\n日本公司也来了。\n"
    assert len(split_points(text, 20)) >= 1  # it goes through the models in pieces
    proc = Processor(Options(chunk_chars=20))
    calls = []
    res = E.get_resources()
    monkeypatch.setattr(res, "resolve_style", lambda text: calls.append(text) or "news")
    timings: dict = {}
    doc = proc.annotate(text, [], timings)
    assert len(calls) == 1 and doc.user_data["ner_style"] == "news"


@given(st.text(alphabet="总理会见外宾哈今天吃火锅好开心0１AB\r", max_size=60))
def test_a_score_is_the_prior_plus_each_known_ngram(text):
    toy = S.StyleGuesser.train(TOY, min_count=1)
    expected = list(toy.prior)
    for g in S.char_ngrams(text):
        for k, lp in enumerate(toy.logp.get(g, (0.0,) * len(expected))):
            expected[k] += lp
    assert toy.scores(text) == pytest.approx(dict(zip(toy.kinds, expected)))


def test_guesser_training_counts_only_the_kept_part_of_added_files(tmp_path):
    from pipeline.training import style_guesser
    from pipeline.training.splits import split_file

    train = tmp_path / "train.jsonl"
    train.write_text("".join(json.dumps({"text": t, "entities": [], "source": src}, ensure_ascii=False) + "\n"
                             for t, src in [("总理会见外宾", "peoples-daily-1998-test"), ("今天好开心", "weibo-train"),
                                            ("游戏发布会", "cluener-train"), ("无名来源", "wikipedia")]),
                     encoding="utf-8")
    added = tmp_path / "msra.jsonl"
    added.write_text("".join(json.dumps({"text": f"新华社第{i}条消息", "entities": [], "source": "msra-train"},
                                        ensure_ascii=False) + "\n" for i in range(30)), encoding="utf-8")
    kept, held = split_file(added)
    pairs = list(style_guesser.examples(str(train), [str(added)]))
    assert ("无名来源", None) not in pairs and len(pairs) == 3 + len(kept)  # a source of no kind is left out
    assert {t for t, k in pairs if k == "news"} == {"总理会见外宾"} | {d["text"] for d in kept}
    assert not {d["text"] for d in held} & {t for t, _ in pairs}  # the held-out tenth stays unseen
    out = tmp_path / "ngrams.tsv.gz"
    assert style_guesser.main(["--train", str(train), "--add", str(added), "--out", str(out)]) == 0
    first = out.read_bytes()
    style_guesser.main(["--train", str(train), "--add", str(added), "--out", str(out)])
    assert out.read_bytes() == first  # same data, same bytes
    other = tmp_path / "elsewhere" / "other-name.tsv.gz"
    other.parent.mkdir()
    style_guesser.main(["--train", str(train), "--add", str(added), "--out", str(other)])
    assert other.read_bytes() == first  # whatever the file is called
    assert set(S.StyleGuesser.load(out).kinds) == {"news", "web", "social"}

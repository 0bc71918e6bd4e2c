"""Chinese NER component: CRF + gazetteer + Latin-name rules (pipeline/entities/)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline import entities as E
from pipeline.entities import model

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner" / "dev.jsonl"


@pytest.fixture(scope="module")
def comp():
    return E.ZhEntities()


def hand_doc(words, tags=None, spaces=None):
    tags = tags or ["n"] * len(words)
    return Doc(Vocab(), words=words, spaces=spaces or [False] * len(words), tags=tags,
               pos=["PROPN" if t.startswith(("nr", "ns", "nt")) else "NOUN" for t in tags])


def ents(doc):
    return [(e.text, e.label_) for e in doc.ents]


def test_resources_shipped():
    shipped = sum(p.stat().st_size for p in E.RESOURCES.rglob("*") if p.is_file())
    assert E.MODEL_PATH.exists() and shipped <= 40_000_000  # the whole trained pipeline, not one model
    res = E.get_resources()
    assert res.tagger is not None
    assert len(res.gaz) >= 300
    assert {"CEO", "IaaS", "高达"} <= res.not_entities


def test_tables_do_not_open_the_models():
    res = E.Resources()  # what canonical names read: the gazetteer and the abbreviations
    assert res.gaz and "中" in res.place_abbreviations and res.known
    assert res._tagger is None and res._style_tagger is None and res._news_tagger is None
    assert res.tagger is res.tagger is not None  # opened once, on first use


@pytest.mark.parametrize(("style", "mixed", "styled", "news"), [
    ("auto", True, True, True), ("mixed", True, True, True), ("social", True, True, True),
    ("web", False, True, False), ("news", False, False, True),
])
def test_component_opens_its_models_with_the_pipeline(monkeypatch, style, mixed, styled, news):
    monkeypatch.setattr(model, "_RESOURCES", E.Resources())  # a fresh one: nothing opened yet
    E.ZhEntities(style=style)
    res = model._RESOURCES
    assert (res._tagger is not None, res._style_tagger is not None, res._news_tagger is not None) == (mixed, styled, news)


def test_news_style_falls_back_on_the_style_model(tmp_path):
    res = E.Resources(news_model_path=tmp_path / "absent.crfsuite.xz")
    res.open_for("news")
    assert res._news_tagger is None and res._style_tagger is not None
    words = ["中国", "政府", "在", "北京", "开会", "。"]
    assert res.predict("".join(words), words, "news") == E.Resources(news_model_path=None).predict(
        "".join(words), words, "news")


def test_compressed_model_tags_like_the_plain_one(tmp_path):
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.append([{"c": ch} for ch in "马云在杭州"], ["B-PER", "I-PER", "O", "B-LOC", "I-LOC"])
    trainer.append([{"c": ch} for ch in "杭州有马云"], ["B-LOC", "I-LOC", "O", "B-PER", "I-PER"])
    plain = tmp_path / "toy.crfsuite"
    trainer.train(str(plain))
    packed = tmp_path / "toy.crfsuite.xz"
    assert 0 < E.write_compressed_model(plain, packed) == packed.stat().st_size
    assert packed.read_bytes()[:6] == b"\xfd7zXZ\x00"  # an xz stream, not a crfsuite file
    xseq = [{"c": ch} for ch in "马云去杭州"]
    expected = E.CrfTagger(plain).tag(xseq)
    assert expected[:2] == ["B-PER", "I-PER"]
    assert E.CrfTagger(packed).tag(xseq) == expected
    assert E.known_names_path_for(packed) == tmp_path / "toy.known.txt" == E.known_names_path_for(plain)


def test_split_inside_jieba_token_keeps_tags(comp):
    # jieba-style token 阿里云营收 holds the entity 阿里云: it must be split
    doc = hand_doc(["阿里云营收", "为", "776", "亿", "。"], tags=["n", "p", "m", "m", "x"])
    doc = comp(doc)
    assert ("阿里云", "ORG") in ents(doc)
    assert [t.text for t in doc][:2] == ["阿里云", "营收"]
    assert doc[0].tag_ == "n" and doc[1].tag_ == "n" and doc[1].pos_ == "NOUN"
    assert doc.text == "阿里云营收为776亿。"


def test_no_fragment_of_gazetteer_name(comp):
    doc = comp(hand_doc(["阿里", "云营", "收为", "776", "亿"]))
    texts = [e.text for e in doc.ents]
    assert "阿里云营" not in texts and "阿里云" in texts


def test_mojibake_span_excluded(comp):
    doc = hand_doc(["马云", "在", "杭州", "创办", "了", "阿里巴巴", "。"])
    doc.user_data["mojibake_spans"] = [[3, 5]]  # covers 杭州
    doc = comp(doc)
    for e in doc.ents:
        assert e.end_char <= 3 or e.start_char >= 5
    assert ("马云", "PER") in ents(doc)
    assert ("阿里巴巴", "ORG") in ents(doc)


def test_not_entities_acronyms_and_common_words():
    text = "公司CEO表示，AI、IaaS、PaaS、SaaS、KPI和APP都很重要。高达野战上市宕机入华，IT部门和CPU、GPU、API。"
    found = {e["text"] for e in E.find_entities(text)}
    for bad in ["CEO", "AI", "IaaS", "PaaS", "SaaS", "KPI", "APP", "IT", "CPU", "GPU", "API",
                "高达", "野战", "上市", "宕机", "入华"]:
        assert bad not in found, bad


def test_latin_names_inside_chinese():
    found = {(e["text"], e["label"]) for e in E.find_entities(
        "1956年，John McCarthy首次提出人工智能。据Gartner数据，IBM和Evercore Partners都在增长，Canalys称。")}
    assert ("John McCarthy", "PER") in found
    assert ("Gartner", "ORG") in found
    assert ("IBM", "ORG") in found
    assert ("Evercore Partners", "ORG") in found
    assert ("Canalys", "ORG") in found


def test_unknown_latin_name_with_org_cue():
    found = {(e["text"], e["label"]) for e in E.find_entities("据Omdia数据显示，市场增长了。")}
    assert ("Omdia", "ORG") in found


def test_gazetteer_english_names():
    out = {e["text"]: e for e in E.find_entities("阿里云和亚马逊、微软在马来西亚竞争，马云和贝佐斯都来了。")}
    assert out["阿里云"]["english"] == "Alibaba Cloud" and out["阿里云"]["label"] == "ORG"
    assert out["亚马逊"]["english"] == "Amazon"
    assert out["微软"]["english"] == "Microsoft"
    assert out["马来西亚"]["label"] == "LOC"
    assert out["马云"]["english"] == "Jack Ma" and out["马云"]["label"] == "PER"
    assert out["贝佐斯"]["english"] == "Jeff Bezos"


def test_span_extension_english(comp):
    doc = comp(hand_doc(["腾讯", "和", "华为", "在", "香港"]))
    got = {e.text: e._.english for e in doc.ents}
    assert got == {"腾讯": "Tencent", "华为": "Huawei", "香港": "Hong Kong"}


def test_single_char_entities_are_only_place_abbreviations():
    text = ("王坚说，云是计算的未来。张勇、张建锋、胡晓明先后领导阿里云。"
            "美国、中国和日本的公司在东南亚、印尼和香港都有数据中心。京沪两地，川渝一带。")
    res = E.get_resources()
    found = E.find_entities(text)
    for e in found:
        assert text[e["start"]:e["end"]] == e["text"]
        if e["end"] - e["start"] < 2:
            assert (e["label"] == "LOC" and e["text"] in res.place_abbreviations) or (
                e["label"] == "PER" and E._addressed_surname(text, e["start"])), e
    assert "云" not in {e["text"] for e in found}


@pytest.mark.parametrize(("text", "span", "expected"), [
    ("谷歌母公司Alphabet下跌。", (0, 5, "ORG"), {("谷歌", "ORG")}),
    ("滴滴子公司宣布", (0, 5, "ORG"), {("滴滴", "ORG")}),
    ("中国石油总公司接管油田", (0, 7, "ORG"), {("中国石油总公司", "ORG")}),  # part of the name
    ("母公司宣布", (0, 3, "ORG"), set()),  # nothing left but the relation
])
def test_company_relations_are_not_part_of_a_name(text, span, expected):
    res = _with_model([span])
    got = {(text[s:e], lab) for s, e, lab in res.entities(text, list(text), use_gazetteer=False, use_rules=False)}
    assert got == expected


@pytest.mark.parametrize(("text", "i", "expected"), [
    ("吕先生高尚的生活情操", 0, True),
    ("在杜氏任期的15年中", 1, True),
    ("王大娘用自己的钱", 0, True),
    ("见到了江主席。", 3, True),
    ("老王说", 1, True),
    ("小李和我", 1, True),
    ("王坚说", 0, False),  # a surname, but not addressed by it
    ("云先生", 0, True),  # 云 is a surname too: the model has to call it a person first
    ("的先生", 0, False),  # not a surname
    ("列主义", 0, False),
])
def test_addressed_surname(text, i, expected):
    assert E._addressed_surname(text, i) is expected


@pytest.mark.parametrize(("text", "span", "style", "kept"), [
    ("吕先生高尚的生活情操。", (0, 1, "PER"), "news", True),
    ("中国队出征的选手除孔、刘两人外。", (9, 10, "PER"), "news", False),  # no title: a fragment
    ("云是计算的未来。", (0, 1, "PER"), "news", False),
    ("老王说要来。", (1, 2, "PER"), "news", True),
    ("吕先生来了。", (0, 1, "ORG"), "news", False),  # only people are addressed
    # the web convention (CLUENER) leaves a surname with a title untagged: 江先生的老伴
    ("江先生的老伴来了。", (0, 1, "PER"), "mixed", False),
    ("江先生的老伴来了。", (0, 1, "PER"), "web", False),
])
def test_one_character_person_only_when_addressed_in_news(text, span, style, kept):
    res = _with_model([span])
    got = res.entities(text, list(text), use_gazetteer=False, style=style)
    assert (got == [span]) is kept


def test_uses_sentence_starts(comp):
    doc = hand_doc(["马化腾", "在", "深圳", "。", "李彦宏", "在", "北京", "。"])
    for i, t in enumerate(doc):
        t.is_sent_start = i in (0, 4)
    doc = comp(doc)
    assert ("马化腾", "PER") in ents(doc) and ("李彦宏", "PER") in ents(doc)
    assert all(e.sent.start in (0, 4) for e in doc.ents)


def test_factory_and_serialisation(tmp_path):
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.add_pipe("zhpipe_entities_v1")
    doc = nlp("华为在深圳。")
    assert ("华为", "ORG") in ents(doc)
    nlp.to_disk(tmp_path / "m")
    nlp2 = spacy.load(tmp_path / "m")
    assert ("华为", "ORG") in ents(nlp2("华为在深圳。"))


def test_find_entities_offsets_with_spaces():
    text = "在 2023 年 John McCarthy 和 马云 见面"
    for e in E.find_entities(text):
        assert text[e["start"]:e["end"]] == e["text"]
    assert any(e["text"] == "John McCarthy" for e in E.find_entities(text))


def test_dev_micro_f1_first_400():
    if not DEV.exists():
        pytest.skip("../shared/data not present")
    tp = fp = fn = 0
    with open(DEV, encoding="utf-8") as f:
        for k, line in enumerate(f):
            if k >= 400:
                break
            d = json.loads(line)
            gold = {tuple(x) for x in d["entities"]}
            pred = {(e["start"], e["end"], e["label"]) for e in E.find_entities(d["text"])}
            tp += len(gold & pred)
            fp += len(pred - gold)
            fn += len(gold - pred)
    p = tp / (tp + fp)
    r = tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.71, (p, r, f1)


def test_model_span_extending_gazetteer_names_is_cut():
    res = E.get_resources()
    text = "阿里云香港宕机，推高亚马逊股价。微软亚洲研究院成立。"
    words = ["阿里云", "香港", "宕机", "，", "推高", "亚马逊", "股价", "。", "微软", "亚洲", "研究院", "成立", "。"]

    class Fake(E.Resources):
        def predict(self, text, words, style="mixed"):
            if text.startswith("阿里云"):
                return [(0, 7, "ORG"), (8, 13, "ORG"), (16, 23, "ORG")]
            return [(0, 4, "ORG"), (5, 9, "ORG"), (13, 18, "ORG")]

    fake = Fake.__new__(Fake)
    fake.__dict__.update(res.__dict__)
    got = {text[s:e]: lab for s, e, lab in fake.entities(text, words)}
    assert "阿里云香港宕机" not in got and "推高亚马逊" not in got
    assert got.get("阿里云") == "ORG" and got.get("香港") == "LOC" and got.get("亚马逊") == "ORG"
    assert got.get("微软亚洲研究院") == "ORG"
    text2 = "美国军方和北京保利都提到了亚马逊股价。"
    words2 = ["美国", "军方", "和", "北京", "保利", "都", "提到", "了", "亚马逊", "股价", "。"]
    got2 = {text2[s:e] for s, e, _ in fake.entities(text2, words2)}
    assert "亚马逊股价" not in got2 and "亚马逊" in got2
    assert "美国军方" in got2 and "北京保利" in got2


def test_latin_product_names_are_not_people():
    found = {e["text"] for e in E.find_entities("阿里云推出Apsara Stack和Windows Server，微软Office也在。")}
    assert "Apsara Stack" not in found and "Windows Server" not in found and "Office" not in found


def test_cross_fold_training_lexicon_does_not_leak():
    from pipeline.training.ner_zh import train_lexicons

    docs = [{"text": "张三在北京。", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]},
            {"text": "李四在北京。", "entities": [[0, 2, "PER"], [3, 5, "LOC"]]},
            {"text": "北京很大。", "entities": []}]
    per_fold, full = train_lexicons(docs, 3)
    assert "张三" not in per_fold[0].entries and per_fold[1].entries.get("张三") == "PERa"
    assert "李四" not in per_fold[1].entries
    # 北京 is tagged in 2 of its 3 occurrences: bucket b
    assert full.entries["北京"] == "LOCb" and full.entries["张三"] == "PERa"
    feats = E.crf_features("张三去了北京", ["张三", "去", "了", "北京"], features=E.FEATURES | {"tlex"}, tlex=full)
    assert "TBPERa" in feats[0] and "TEPERa" in feats[1] and "TBLOCb" in feats[4]



def test_split_pieces_continue_the_sentence(comp):
    # one jieba token holding a name: after the split the doc still has sentence boundaries
    doc = hand_doc(["¹阿里云"])
    doc[0].is_sent_start = True
    doc = comp(doc)
    assert [t.text for t in doc] == ["¹", "阿里云"]
    assert [s.text for s in doc.sents] == ["¹阿里云"]
    doc = hand_doc(["他", "说", "¹阿里云", "。", "马云", "好", "。"])
    for i, t in enumerate(doc):
        t.is_sent_start = i in (0, 4)
    doc = comp(doc)
    assert [s.text for s in doc.sents] == ["他说¹阿里云。", "马云好。"]


class _FixedModel(E.Resources):
    """The shipped resources with the CRF's output replaced by fixed spans."""

    spans: list = []

    def predict(self, text, words, style="mixed"):
        return list(self.spans)


def _with_model(spans):
    fake = _FixedModel.__new__(_FixedModel)
    fake.__dict__.update(E.get_resources().__dict__)
    fake.spans = spans
    return fake


@pytest.mark.parametrize(
    ("text", "words", "model", "expected"),
    [
        # a place the training data tags often: the model said no name here, so none
        ("中国的游戏氛围最好。", ["中国", "的", "游戏", "氛围", "最好", "。"], [], set()),
        # ... and the model's own place names stand
        ("中国的游戏氛围最好。", ["中国", "的", "游戏", "氛围", "最好", "。"], [(0, 2, "LOC")], {("中国", "LOC")}),
        # companies and people of the gazetteer are asserted even where the model is silent
        ("支付宝的服务器。", ["支付宝", "的", "服务器", "。"], [], {("支付宝", "ORG")}),
        # a known name inside a longer name the model found: the longer name wins
        ("新浪乐居北京公司", ["新浪", "乐居", "北京", "公司"], [(0, 4, "ORG")], {("新浪乐居", "ORG")}),
        # a model span rejected as a fragment gives back the place names inside it
        ("阿里云香港宕机。", ["阿里云", "香港", "宕机", "。"], [(0, 7, "ORG")], {("阿里云", "ORG"), ("香港", "LOC")}),
        # a model span run into its predicate is no name: the places inside come back
        ("阿里云在香港宕机。", ["阿里云", "在", "香港", "宕机", "。"], [(4, 8, "ORG")], {("阿里云", "ORG"), ("香港", "LOC")}),
        ("他说京东上市了。", ["他", "说", "京东", "上市", "了", "。"], [(2, 6, "ORG")], {("京东", "ORG")}),
        # a place and a kind of company describe, they do not name: the place comes back
        ("中国科技公司的投资。", ["中国", "科技", "公司", "的", "投资", "。"], [(0, 6, "ORG")], {("中国", "LOC")}),
        ("卡塔尔企业来了。", ["卡塔尔", "企业", "来", "了", "。"], [(0, 5, "ORG")], set()),
        # ... but a place and a proper name is a name
        ("中国石化公司的投资。", ["中国石化", "公司", "的", "投资", "。"], [(0, 6, "ORG")], {("中国石化公司", "ORG")}),
        # a span over a list is the names in it, each with the span's label
        ("同美国、斯洛伐克等强手对抗", ["同", "美国", "、", "斯洛伐克", "等", "强手", "对抗"], [(1, 8, "ORG")],
         {("美国", "ORG"), ("斯洛伐克", "ORG")}),
        ("去了丰台区马家堡，蕲春县城。", ["去", "了", "丰台区", "马家堡", "，", "蕲春", "县城", "。"], [(2, 13, "LOC")],
         {("丰台区马家堡", "LOC"), ("蕲春县城", "LOC")}),
        # a place and an organisation's head word is an organisation, whatever label the model gave it
        ("包括福建电信、海信电器等。", ["包括", "福建", "电信", "、", "海信", "电器", "等", "。"], [(2, 6, "LOC")],
         {("福建电信", "ORG")}),
        ("他考上了浙江大学。", ["他", "考上", "了", "浙江大学", "。"], [(4, 8, "LOC")], {("浙江大学", "ORG")}),
        ("住在长安街北侧。", ["住", "在", "长安街", "北侧", "。"], [(2, 5, "LOC")], {("长安街", "LOC")}),
    ],
)
def test_model_decides_names_it_knows(text, words, model, expected):
    res = _with_model(model)
    assert {"中国", "香港", "新浪"} <= res.known
    got = {(text[s:e], lab) for s, e, lab in res.entities(text, words)}
    assert got == expected


def test_known_names_written_from_training_counts(tmp_path):
    from pipeline.training.ner_zh import write_known_names

    docs = [{"text": "中国和美国", "entities": [[0, 2, "LOC"], [3, 5, "LOC"]]},
            {"text": "中国队", "entities": [[0, 2, "LOC"]]},
            {"text": "微软", "entities": [[0, 2, "PER"]]},  # wrong label: not counted
            {"text": "微软", "entities": [[0, 2, "PER"]]}]
    out = tmp_path / "m.known.txt"
    assert write_known_names(docs, out, min_count=2) == 1
    assert [x for x in out.read_text(encoding="utf-8").splitlines() if not x.startswith("#")] == ["中国"]


def test_style_features_are_conjoined_copies():
    words = ["马云", "在", "杭州"]
    plain = E.crf_features("马云在杭州", words)
    styled = E.crf_features("马云在杭州", words, style="web")
    for p, s in zip(plain, styled):
        assert s == p + ["web:" + f for f in p if f[0] in "cWpd"] + ["Sweb"]
        assert any(f.startswith("web:c") for f in s) and any(f.startswith("web:W") for f in s)


@pytest.mark.parametrize(("source", "style"), [
    ("peoples-daily-1998-test", "news"), ("msra-train-slice", "news"),
    ("cluener-train", "web"), ("weibo-dev", "social"), ("unknown", None), (None, None),
])
def test_training_source_styles(source, style):
    from pipeline.training.ner_zh import style_of

    assert style_of(source) == style


@pytest.mark.parametrize(("k", "source", "dropout", "style"), [
    (0, "cluener-train", 0, "web"), (1, "cluener-train", 0, "web"),
    (0, "cluener-train", 3, None), (1, "cluener-train", 3, "web"), (2, "weibo-train", 3, "social"),
    (3, "msra-train-slice", 3, None), (4, "msra-train-slice", 3, "news"), (5, "unknown", 3, None),
])
def test_every_nth_training_example_has_no_style(k, source, dropout, style):
    from pipeline.training.ner_zh import example_style

    assert example_style(k, source, dropout) == style


def _voter_spans(res, text, words, voter):
    tagger, conjoined = res._voter(voter)
    return E.bio_to_spans(tagger.tag(E.crf_features(text, words, style=conjoined)))


@pytest.mark.parametrize("words", [
    ["中国", "市场", "增长", "很快", "，", "美国", "公司", "也", "来", "了", "。"],
    ["利物浦", "当年", "在", "欧冠", "决赛", "上", "半场", "3", "球", "落后", "。"],
    ["哈哈", "今天", "和", "小明", "去", "三里屯", "吃", "火锅", "了", "[", "嘻嘻", "]"],
    ["据", "美国", "弗吉尼亚大学", "生物", "研究所", "博士", "最新", "发现"],
])
def test_each_style_tags_with_its_model_or_its_vote(monkeypatch, words):
    res = E.get_resources()
    text = "".join(words)
    monkeypatch.setattr(model, "SURE", 1.01)  # the first voter is never sure enough: every vote is held
    for style in E.STYLES[1:]:
        voters, needed = E.VOTES.get(style, ((style,), 1))
        outs = [_voter_spans(res, text, words, v) for v in voters]
        assert res.predict(text, words, style) == E.majority_vote(outs, needed)
        assert res.predict(text, words, "auto") == res.predict(text, words, res.resolve_style(text))
    monkeypatch.setattr(model, "SURE", 0.0)  # always sure: the first voter alone
    for style, (voters, _) in E.VOTES.items():
        assert res.predict(text, words, style) == _voter_spans(res, text, words, voters[0])


def test_a_sure_first_voter_is_not_outvoted():
    res = E.get_resources()
    words = ["国务院", "总理", "李鹏", "今天", "在", "北京", "会见", "了", "日本", "首相", "。"]
    text = "".join(words)
    tagger, _ = res._voter("mixed")
    tags = tagger.tag(E.crf_features(text, words))
    assert tagger.probability(tags) >= E.SURE  # a plain news sentence: the mixed model is sure of it
    assert res.predict(text, words, "mixed") == E.bio_to_spans(tags)


def test_styles_keep_their_conventions():
    res = E.get_resources()
    text = "中国市场增长很快，美国公司也来了。"
    words = ["中国", "市场", "增长", "很快", "，", "美国", "公司", "也", "来", "了", "。"]
    # news and social (Weibo) tag countries used as modifiers, web (CLUENER) does not, the votes follow
    # the majority of their models
    for style in ("news", "social", "mixed"):
        assert {text[s:e] for s, e, _ in res.predict(text, words, style)} >= {"中国", "美国"}
    assert not res.predict(text, words, "web")


@pytest.mark.parametrize(("outs", "needed", "expected"), [
    ([[(0, 2, "LOC")], [(0, 2, "LOC")], []], 2, [(0, 2, "LOC")]),
    ([[(0, 2, "LOC")], [], []], 2, []),
    ([[(0, 2, "ORG")], [(0, 2, "LOC")], [(0, 2, "LOC")]], 2, [(0, 2, "LOC")]),  # the label most give
    ([[(0, 2, "ORG")], [(0, 2, "LOC")], []], 2, [(0, 2, "ORG")]),  # a tie: the first voter's label
    ([[(0, 2, "ORG")], [(0, 3, "ORG")], [(1, 3, "ORG")]], 2, []),  # overlapping is not the same span
    ([[(0, 2, "PER"), (5, 7, "LOC")], [(0, 2, "PER")], [(5, 7, "LOC")]], 2, [(0, 2, "PER"), (5, 7, "LOC")]),
    ([[(0, 2, "PER")], [(0, 2, "PER")], [(0, 2, "ORG")], []], 3, [(0, 2, "PER")]),
    ([[(0, 2, "PER")], [(0, 2, "PER")], [], [(0, 2, "PER")]], 3, [(0, 2, "PER")]),
    ([[(0, 2, "PER")], [(0, 2, "PER")], [], []], 3, []),
])
def test_majority_vote(outs, needed, expected):
    assert E.majority_vote(outs, needed) == expected


def test_votes_are_majorities():
    # two names kept share a voter, so they never overlap, and agreeing first voters settle the vote
    for voters, needed in E.VOTES.values():
        assert len(voters) < 2 * needed <= 2 * len(voters)


@st.composite
def _spans(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 30), max_size=12)))
    pairs = list(zip(cuts[::2], cuts[1::2]))
    return [(s, e, draw(st.sampled_from(E.LABELS))) for s, e in pairs if e > s]


@given(st.lists(_spans(), min_size=3, max_size=4))
def test_a_majority_never_overlaps(outs):
    needed = len(outs) // 2 + 1
    kept = E.majority_vote(outs, needed)
    assert all(a[1] <= b[0] for a, b in zip(kept, kept[1:]))
    for s, e, lab in kept:
        assert sum(any(x[:2] == (s, e) for x in o) for o in outs) >= needed
        assert any((s, e, lab) in o for o in outs)


def test_style_setting_reaches_the_component():
    from pipeline.language import load

    assert load("zh").get_pipe("zhpipe_entities_v1").style == E.DEFAULT_STYLE == "auto"
    assert load("zh", "web").get_pipe("zhpipe_entities_v1").style == "web"
    with pytest.raises(ValueError, match="unknown NER style"):
        E.ZhEntities(style="blog")


def test_ner_style_conventions_from_the_command_line():
    from click.testing import CliRunner

    from pipeline.cli import main

    lines = "中国市场增长很快，美国公司也来了。\n北京市海淀区中关村大街27号的故宫博物院\n"
    got = {}
    for style in E.STYLES:
        res = CliRunner().invoke(main, ["entities", "--ner-style", style, "-"], input=lines)
        assert res.exit_code == 0, res.output
        got[style] = [{(e["text"], e["label"]) for e in json.loads(x)["entities"]} for x in res.output.splitlines()]
        assert len(got[style]) == 2
    # news tags places used as modifiers and splits addresses into places; web does neither
    assert ("中国", "LOC") in got["news"][0] and ("美国", "LOC") in got["news"][0]
    assert not any(lab == "LOC" for _, lab in got["web"][0])
    assert ("海淀区", "LOC") in got["news"][1]
    assert any(lab == "LOC" and "海淀区" in text and len(text) > 3 for text, lab in got["web"][1])
    res = CliRunner().invoke(main, ["entities", "--ner-style", "blog", "-"], input="x\n")
    assert res.exit_code == 2


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        # one-character place abbreviations of edited news are kept when the model tags them LOC
        ("中美关系稳定。", [(0, 1, "LOC"), (1, 2, "LOC")], {("中", "LOC"), ("美", "LOC")}),
        ("他昨天访华。", [(4, 5, "LOC")], {("华", "LOC")}),
        # ... other single characters are fragments, and so is an abbreviation with another label
        ("阿里云的云很大。", [(4, 5, "LOC")], set()),
        ("中美关系稳定。", [(0, 1, "ORG")], set()),
        ("王说他来了。", [(0, 1, "PER")], set()),
    ],
)
def test_one_character_entities(text, model, expected):
    res = _with_model(model)
    words = list(text)
    got = {(text[s:e], lab) for s, e, lab in res.entities(text, words, use_gazetteer=False, use_rules=False)}
    assert got == expected


@pytest.mark.parametrize(
    ("span", "kept"),
    [
        ("《时代潮》杂志", "《时代潮》杂志"),  # brackets inside a name stay
        ("“发现”号航天飞机", "“发现”号航天飞机"),
        ("中国交响乐团“附属”合唱团", "中国交响乐团“附属”合唱团"),
        ("（中国）", "中国"),  # a pair around the whole name goes
        ("《人民日报》", "人民日报"),
        ('"IBM"', "IBM"),
        ("，阿里云。", "阿里云"),  # edge punctuation goes
        ("“阿里云", "阿里云"),
        ("时代潮》", "时代潮"),
        ("（（中国））", "中国"),
        ("《》", ""),
        ("·", "·"),
    ],
)
def test_trim_entity_edges(span, kept):
    s, e = E._trim(span, 0, len(span))
    assert span[s:e] == kept


@pytest.mark.parametrize(
    ("name", "balanced"),
    [("《时代潮》杂志", True), ("时代潮》", False), ("《时代潮", False), ("a\"b\"c", True), ("a\"b", False),
     ("（【x】）", True), ("（【x）】", False), ("”中国“", False), ("中国", True)],
)
def test_brackets_balanced(name, balanced):
    assert E._brackets_balanced(name) is balanced


def test_brackets_inside_a_model_name_survive():
    text = "他在《时代潮》杂志发表文章。"
    res = _with_model([(2, 9, "ORG")])
    got = {(text[s:e], lab) for s, e, lab in res.entities(text, list(text), use_gazetteer=False)}
    assert got == {("《时代潮》杂志", "ORG")}
    res = _with_model([(3, 9, "ORG")])  # 时代潮》杂志: an unbalanced name is no name
    assert res.entities(text, list(text), use_gazetteer=False) == []


def test_place_abbreviations_shipped():
    res = E.get_resources()
    assert {"中", "美", "华", "京", "沪"} <= res.place_abbreviations.keys()
    assert not {"云", "新", "东", "海"} & res.place_abbreviations.keys()
    assert all(len(x) == 1 and full and english for x, (full, english) in res.place_abbreviations.items())


@pytest.mark.parametrize(("name", "english", "ident"), [
    ("中", "China", "china"), ("华", "China", "china"), ("沪", "Shanghai", "shanghai"),
    ("港", "Hong Kong", "hong-kong"), ("俄", "Russia", "russia"),
])
def test_place_abbreviations_name_their_place(name, english, ident):
    from pipeline.canonical import canonicalise

    assert E.get_resources().english(name) == english
    c = canonicalise(name, "LOC")
    assert (c.english, c.id) == (english, ident)


def test_abbreviations_in_a_line_carry_english():
    from click.testing import CliRunner

    from pipeline.cli import main

    res = CliRunner().invoke(main, ["entities", "--ner-style", "news", "-"], input="中日双方就两国关系交换了意见。\n")
    got = {(e["text"], e.get("english")) for e in json.loads(res.output)["entities"]}
    assert got == {("中", "China"), ("日", "Japan")}


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="中国美日北京上海阿里巴云腾讯王李张先生公司集团大学市省路在的了和与及、，。 AB1", max_size=40))
def test_a_vote_that_stops_early_agrees_with_every_voter_heard(text):
    import jieba

    res = E.get_resources()
    words = list(jieba.cut(text))
    for style, (voters, needed) in E.VOTES.items():
        outs = [_voter_spans(res, text, words, v) for v in voters] if text else []
        expected = E.majority_vote(outs, needed) if text else []
        if text:
            tagger, conjoined = res._voter(voters[0])
            if tagger.probability(tagger.tag(E.crf_features(text, words, style=conjoined))) >= E.SURE:
                expected = outs[0]
        assert res.predict(text, words, style) == expected


@pytest.fixture(scope="module")
def lexicon_starts():
    from pipeline.entities import features as F
    from pipeline.entities.gazetteer import first_char_lengths

    return first_char_lengths(F.lexicon(), 2)


@given(text=st.text(alphabet="北京上海阿里巴云腾讯集团公司中国人民银行市区省A", max_size=30))
def test_lexicon_matches_found_by_their_first_characters_are_all_of_them(lexicon_starts, text):
    from pipeline.entities import features as F

    every_length, by_start = [[] for _ in text], [[] for _ in text]
    F._match_features(text, every_length, F.lexicon(), F._LEX_MAXLEN, "d")
    F._match_features(text, by_start, F.lexicon(), F._LEX_MAXLEN, "d", lexicon_starts)
    assert by_start == every_length


@pytest.mark.parametrize(("width", "expected"), [
    (1, {"北": [4, 3, 2], "上": [2]}),
    (2, {"北京": [4, 3, 2], "上海": [2]}),
])
def test_lengths_of_the_names_by_how_they_start(width, expected):
    from pipeline.entities.gazetteer import first_char_lengths

    assert first_char_lengths({"北京": "ns", "北京大学": "nt", "北京市": "ns", "上海": "ns"}, width) == expected


def test_without_votes_each_style_is_one_model(monkeypatch):
    res = E.get_resources()
    words = ["利物浦", "当年", "在", "欧冠", "决赛", "上", "半场", "3", "球", "落后", "。"]
    text = "".join(words)
    monkeypatch.setattr(model, "VOTES", {})
    for style in E.STYLES[1:]:
        assert res.predict(text, words, style) == _voter_spans(res, text, words, style)

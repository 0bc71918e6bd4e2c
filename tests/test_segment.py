"""The jieba spaCy tokenizer: names whole, English runs whole, tags, languages, sentences, offsets."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import blank, split_words


@pytest.fixture(scope="module")
def nlp():
    return blank()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人工智能之父John McCarthy早在1961年", ["John", "McCarthy"]),
        ("推出了GPT-3.5模型", ["GPT-3.5"]),
        ("发布了iPhone 4，人类", ["iPhone", "4"]),
        ("市场规模是403.5亿元", ["403.5"]),
        ("增速为7.2%。", ["7.2%"]),
        ("飞天5K集群", ["5K"]),
        ("通义千问2.0发布", ["通义千问", "2.0"]),
        ("阿里云和天翼云、移动云、联通云", ["阿里云", "天翼云", "移动云", "联通云"]),
        ("字节跳动和蚂蚁金服", ["字节跳动", "蚂蚁金服"]),
        ("收入1,000元", ["1,000"]),
        ("访问 https://www.aliyun.com/product?id=1 查看", ["https://www.aliyun.com/product?id=1"]),
    ],
)
def test_tokens_kept_whole(nlp, text, expected):
    words = [t.text for t in nlp(text)]
    for word in expected:
        assert word in words, (word, words)


def test_tags_upos_and_lang(nlp):
    doc = nlp("阿里云营收为776亿，Gartner说。")
    by_text = {t.text: t for t in doc}
    assert by_text["阿里云"].tag_ == "nt" and by_text["阿里云"].pos_ == "PROPN"
    assert by_text["776"].pos_ == "NUM" and by_text["776"]._.lang == "other"
    assert by_text["Gartner"]._.lang == "en" and by_text["Gartner"].pos_ == "PROPN"
    assert by_text["营收"]._.lang == "zh"
    assert by_text["，"].pos_ == "PUNCT"


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("他说：“我们赢了！”然后走了。再见", ["他说：“我们赢了！”", "然后走了。", "再见"]),
        ("第一行\n第二行……好的？是", ["第一行\n", "第二行……", "好的？", "是"]),
    ],
)
def test_sentences(nlp, text, sentences):
    assert [s.text for s in nlp(text).sents] == sentences


def test_every_sample_aliyun_is_one_token(nlp, sample_raw):
    from pipeline.normalise import normalise

    text = normalise(sample_raw).text
    doc = nlp(text)
    whole = sum(1 for t in doc if t.text == "阿里云")
    assert whole == text.count("阿里云") > 50


def test_tokenizer_round_trips_through_spacy(tmp_path, nlp):
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert [t.text for t in loaded("阿里云营收为776亿")] == [t.text for t in nlp("阿里云营收为776亿")]


def test_tagging_does_not_use_posseg(monkeypatch):
    """Tags come from a dictionary lookup; jieba.posseg's slow HMM tagger is never called."""
    import jieba.posseg

    def boom(*args, **kwargs):
        raise AssertionError("posseg.cut called")

    monkeypatch.setattr(jieba.posseg.POSTokenizer, "cut", boom)
    assert split_words("马云创立了阿里巴巴")[0] == ("马云", "nr", "han")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_tokens_cover_text(text):
    doc = blank()(text)
    assert doc.text == text
    assert "".join(w for w, _, _ in split_words(text)) == text


def test_english_sentences_end_at_line_breaks():
    from pipeline.language import load

    doc = load("en")("Title without stop\n\nFirst sentence here. Second one.\nLast")
    assert [s.text.strip() for s in doc.sents] == ["Title without stop", "First sentence here.", "Second one.", "Last"]
    assert {t.pos_ for t in doc if t.text == "Title"} == {"X"} and {t.pos_ for t in doc if t.text == "."} == {"PUNCT"}

"""The CRF models and the per-process resources that tag a Chinese sentence: model output merged with the
gazetteer and the rules (``Resources.entities``)."""
from __future__ import annotations

import lzma
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from pipeline.countries import country_english
from pipeline.ner_style import KINDS, STYLE_NGRAMS_PATH, StyleGuesser

from .config import (
    DEFAULT_STYLE,
    GAZETTEER_PATH,
    MODEL_PATH,
    NEWS_MODEL_PATH,
    NOT_ENTITIES_PATH,
    PLACE_ABBREVIATIONS_PATH,
    STYLES_MODEL_PATH,
    SURE,
    VOTES,
    known_names_path_for,
    lexicon_path_for,
)
from .features import FEATURES, TrainLexicon, bio_to_spans, char_type, conjoin_style, crf_features, lexicon
from .gazetteer import (
    first_char_lengths,
    matches,
    read_gazetteer,
    read_known_names,
    read_not_entities,
    read_place_abbreviations,
)
from .rules import (
    _COMMON_ENDINGS,
    GENERIC_ORG_KINDS,
    ORG_HEAD_WORDS,
    RELATION_ENDINGS,
    SUFFIX_CHARS,
    _addressed_surname,
    _brackets_balanced,
    _predicate_edge,
    _split_at_separators,
    _trim,
    latin_entities,
)


class CrfTagger:
    """A crfsuite tagger over a model file, plain or xz-compressed (``.xz``, as the models are shipped)."""

    def __init__(self, path):
        import pycrfsuite

        path = Path(path)
        self._tagger = pycrfsuite.Tagger()
        if path.suffix == ".xz":
            # crfsuite reads an in-memory model in place: the bytes must live as long as the tagger
            self._model = lzma.decompress(path.read_bytes())
            self._tagger.open_inmemory(self._model)
        else:
            self._tagger.open(str(path))
        self.tag = self._tagger.tag
        self.probability = self._tagger.probability  # of a tag sequence, for the sequence tagged last


def write_compressed_model(plain_path, out_path) -> int:
    """Write crfsuite model ``plain_path`` xz-compressed to ``out_path`` (same model, same bytes); returns its size."""
    data = lzma.compress(Path(plain_path).read_bytes(), preset=9 | lzma.PRESET_EXTREME)
    out_path = Path(out_path)
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(out_path)
    return len(data)


class Resources:
    """The CRF tagger, gazetteer and not-entities list, loaded once per process."""

    def __init__(self, model_path=MODEL_PATH, gazetteer_path=GAZETTEER_PATH, not_entities_path=NOT_ENTITIES_PATH,
                 styles_model_path=STYLES_MODEL_PATH, style_ngrams_path=STYLE_NGRAMS_PATH,
                 news_model_path=NEWS_MODEL_PATH,
                 place_abbreviations_path=PLACE_ABBREVIATIONS_PATH):
        self.styles_model_path = styles_model_path
        self.style_ngrams_path = style_ngrams_path
        self._guesser = None  # loaded on first use of the auto style; False when not shipped
        self._style_tagger = None  # opened on first use of a conjoined style
        self.news_model_path = news_model_path
        self._news_tagger = None  # opened on first use of the news style
        # the mixed model is opened on first use too: canonical names need only the tables below
        self.model_path = model_path if model_path is not None and Path(model_path).exists() else None
        self._tagger = None
        self.tlex = None
        if self.model_path is not None and "tlex" in FEATURES:
            self.tlex = TrainLexicon.load(lexicon_path_for(model_path))
        # gazetteer names the training data tags often: the model decides those in context
        self.known: frozenset[str] = frozenset()
        if self.model_path is not None:
            self.known = read_known_names(known_names_path_for(model_path))
        self.gaz: dict[str, tuple[str, str]] = read_gazetteer(gazetteer_path)
        self.gaz_lengths: dict[str, list[int]] = first_char_lengths(self.gaz)
        # one-character place abbreviation -> (full name, English name)
        self.place_abbreviations: dict[str, tuple[str, str]] = read_place_abbreviations(place_abbreviations_path)
        self.not_entities: set[str] = read_not_entities(not_entities_path)

    # -- model --------------------------------------------------------------
    def predict(self, text: str, words: Sequence[str], style: str = DEFAULT_STYLE) -> list[tuple[int, int, str]]:
        """The model names of one sentence in ``style``: one model's, or a vote of models (``VOTES``)."""
        if style == "auto":
            style = self.resolve_style(text)
        if not text:
            return []
        voters, needed = VOTES.get(style, ((style,), 1))
        taggers = [self._voter(v) for v in voters]
        if any(t is None for t, _ in taggers):  # a model not shipped: the style's own model alone
            needed, taggers = 1, [self._voter(style)]
        if taggers[0][0] is None:
            return []
        plain = crf_features(text, words, tlex=self.tlex)
        first, conjoined = taggers[0]
        # crfsuite converts a list faster than an ItemSequence built for one model
        tags = first.tag(conjoin_style([list(r) for r in plain], conjoined) if conjoined else plain)
        if needed == 1 or first.probability(tags) >= SURE:
            return bio_to_spans(tags)
        return self._vote(plain, taggers, [bio_to_spans(tags)], needed)

    @staticmethod
    def _vote(plain, taggers, outs, needed: int) -> list[tuple[int, int, str]]:
        """``majority_vote`` of the voters, the first's names ``outs``; the others asked in turn until those
        left can change no name and no label (agreeing models stop here).

        The others see one feature sequence per conjoined style. The mixed and news models never saw a
        conjoined feature and skip what they do not know, so they read the first styled voter's sequence
        (one conversion for crfsuite instead of two, the same tags)."""
        import pycrfsuite

        shared = next((c for _, c in taggers if c), None)
        styles = {c or shared for _, c in taggers[1:]}
        seqs: dict = {}
        for k, (tagger, conjoined) in enumerate(taggers[1:], 2):
            conjoined = conjoined or shared
            if conjoined not in seqs:
                rows = plain if len(seqs) + 1 == len(styles) else [list(r) for r in plain]  # the last in place
                seqs[conjoined] = pycrfsuite.ItemSequence(conjoin_style(rows, conjoined) if conjoined else rows)
            outs.append(bio_to_spans(tagger.tag(seqs[conjoined])))
            if _settled(outs, needed, len(taggers) - k):
                break
        return majority_vote(outs, needed)

    def _voter(self, name: str):
        """(tagger, style its features are conjoined with or None) of a voter or a single-model style."""
        if name == "mixed":  # the model over all sources, without style features
            return self.tagger, None
        if name == "news" and self.news_tagger() is not None:  # the model of the news sources alone
            return self.news_tagger(), None
        return self.style_tagger(), name

    @property
    def tagger(self):
        """The mixed CRF, opened once; None when it is not shipped."""
        if self._tagger is None and self.model_path is not None:
            self._tagger = CrfTagger(self.model_path)
        return self._tagger

    def open_for(self, style: str) -> None:
        """Open now what tagging in ``style`` needs (models, style guesser), not on the first text:
        "auto" may pick any style, and a voting style needs all its voters."""
        styles = ("mixed", *KINDS) if style == "auto" else (style,)
        for st in styles:
            for voter in VOTES.get(st, ((st,), 1))[0]:
                self._voter(voter)
        if style == "auto":
            self.resolve_style("")

    def resolve_style(self, text: str) -> str:
        """The style "auto" stands for on ``text``: what the style guesser picks, "mixed" without one."""
        if self._guesser is None:
            self._guesser = StyleGuesser.load(self.style_ngrams_path) or False
        return self._guesser.style(text) if self._guesser else "mixed"

    def style_tagger(self):
        """The style-conjoined CRF (news/web/social), opened once; None when it is not shipped."""
        if self._style_tagger is None and self.styles_model_path is not None and Path(self.styles_model_path).exists():
            self._style_tagger = CrfTagger(self.styles_model_path)
        return self._style_tagger

    def news_tagger(self):
        """The CRF trained on the news sources alone (People's Daily, MSRA), opened once; None when not shipped
        (the news style then uses the style model)."""
        if self._news_tagger is None and self.news_model_path is not None and Path(self.news_model_path).exists():
            self._news_tagger = CrfTagger(self.news_model_path)
        return self._news_tagger

    # -- gazetteer ------------------------------------------------------------
    def gazetteer_matches(self, text: str, bounds: set[int] | None = None) -> list[tuple[int, int, str]]:
        """Longest, left-to-right, non-overlapping gazetteer matches (``gazetteer.matches``)."""
        return matches(text, self.gaz, self.gaz_lengths, bounds)

    def english(self, name: str) -> str | None:
        hit = self.gaz.get(name) or self.place_abbreviations.get(name)
        if hit is not None:
            return hit[1]
        country = country_english(name)
        if country is not None:
            return country
        if name and all(ord(ch) < 0x2E80 for ch in name):
            return name
        return None

    # -- Latin-script names -------------------------------------------------
    def latin_entities(self, text: str) -> list[tuple[int, int, str]]:
        """PER/ORG for runs of capitalised Latin words inside (mostly Chinese) text (``rules.latin_entities``)."""
        return latin_entities(text, self.gaz, self.not_entities)

    # -- merge ----------------------------------------------------------------
    def entities(self, text: str, words: Sequence[str], mojibake: Sequence[Sequence[int]] = (),
                 use_model=True, use_gazetteer=True, use_rules=True,
                 style: str = DEFAULT_STYLE) -> list[tuple[int, int, str]]:
        """All entities of one sentence: [(start, end, label)], sorted, non-overlapping."""
        bounds = {0}
        pos = 0
        for w in words:
            pos += len(w)
            bounds.add(pos)
        fixed: list[tuple[int, int, str]] = []
        # place names the model has learnt (``known``) are its call: they only come back
        # when the model marked them as part of a span that is then rejected as a fragment
        held: list[tuple[int, int, str]] = []
        if use_gazetteer:
            known = self.known if use_model else ()
            for g in self.gazetteer_matches(text, bounds):
                (held if g[2] == "LOC" and text[g[0]:g[1]] in known else fixed).append(g)
        if use_rules:
            for sp in self.latin_entities(text):
                if not any(sp[0] < f[1] and f[0] < sp[1] for f in fixed):
                    fixed.append(sp)
        final = list(fixed)
        if style == "auto" and use_model:
            style = self.resolve_style(text)
        if use_model:
            for m in self.predict(text, words, style):
                ms, me, _ = m
                over = [f for f in fixed if ms < f[1] and f[0] < me]
                if _predicate_edge(text[ms:me]) or self._place_and_kind(text[ms:me]):
                    # 香港宕机: a name and a verb; 中国科技公司: a place and a kind of company
                    final.extend(h for h in held if ms <= h[0] and h[1] <= me)
                elif not over:
                    final.append(m)
                elif self._keep_longer(text, m, over, bounds):
                    final = [f for f in final if f not in over]
                    final.append(m)
                else:
                    final.extend(h for h in held if ms <= h[0] and h[1] <= me)
        return self._filter(text, final, mojibake, surnames_alone=style == "news")

    def _place_and_kind(self, name: str) -> bool:
        """Whether ``name`` is a place followed by a generic kind of organisation (中国科技公司, 美国企业):
        a description, not a name (no training entity is one)."""
        return any(name[k:] in GENERIC_ORG_KINDS and (
            country_english(name[:k]) or self.gaz.get(name[:k], ("",))[0] == "LOC") for k in range(2, len(name) - 1))

    def _keep_longer(self, text, m, over, bounds) -> bool:
        """Whether model span ``m`` wins over the fixed (gazetteer/rule) names it overlaps.

        It must contain them all; then it is kept when it ends like a name
        (杭州市政府, 微软亚洲研究院, Valve公司), when it is one name plus a
        place name plus a word-aligned extension of two or more characters
        (北京保利, 美国军方; not 亚马逊股价),
        or a known place plus the name (韩国三星).  Dropped: 阿里云营,
        阿里云香港宕机, 推高亚马逊, and spans crossing a fixed name.
        """
        ms, me, _ = m
        if any(not (ms <= f[0] and f[1] <= me) or (ms, me) == (f[0], f[1]) for f in over):
            return False
        if all(text[f[0]:f[1]] in self.known for f in over):
            return True  # a name the model knows, inside a longer name it found (新浪乐居)
        if ms < over[0][0] and ms not in bounds:
            return False
        if text[me - 1] in SUFFIX_CHARS and text[me - 2:me] not in _COMMON_ENDINGS:
            return True
        if len(over) != 1:
            return False
        f0, f1, _ = over[0]
        if ms == f0:
            ext = text[f1:me]
            return (over[0][2] == "LOC" and len(ext) >= 2 and me in bounds
                    and not any(w in ext for w in self.not_entities if len(w) >= 2 and not w.isascii()))
        if me == f1:
            pre = text[ms:f0]
            return lexicon().get(pre) == "ns" or self.gaz.get(pre, ("",))[0] == "LOC"
        return False

    def _filter(self, text, spans, mojibake, surnames_alone=False):
        """Trimmed, non-overlapping names without fragments, common words or mojibake; a place ending in an
        organisation's head word relabelled ORG (ORG_HEAD_WORDS).  ``surnames_alone``:
        the news convention, where a surname addressed by a title is a person (吕先生 -> 吕)."""
        out = []
        ne = self.not_entities
        for s, e, lab in sorted({piece for span in spans for piece in _split_at_separators(text, *span)}):
            s, e = _trim(text, s, e)
            if lab == "ORG":
                e -= len(next((w for w in RELATION_ENDINGS if text[s:e].endswith(w)), ""))
            name = text[s:e]
            # one character is a fragment (云, 米), except a place abbreviation the model tagged (中美, 访华)
            # or, in the news convention, a surname the model tagged as a person by how it is
            # addressed (吕先生, 杜氏, 老王; the web sets leave those untagged)
            if e - s < 2 and not (lab == "LOC" and name in self.place_abbreviations) and not (
                    surnames_alone and lab == "PER" and _addressed_surname(text, s)):
                continue
            if name in ne or "\ufffd" in name:
                continue
            if lab == "PER" and country_english(name):
                lab = "LOC"  # 卡塔尔 is Qatar, never a person
            elif lab == "LOC" and name.endswith(ORG_HEAD_WORDS) and name not in ORG_HEAD_WORDS:
                lab = "ORG"  # a place and an organisation's head word: 福建电信 is China Telecom's Fujian branch
            if not _brackets_balanced(name):
                continue
            if not any(char_type(ch) in "HL" for ch in name):
                continue
            if any(s < me and ms < e for ms, me in mojibake):
                continue
            if out and s < out[-1][1]:
                continue
            out.append((s, e, lab))
        return out


def majority_vote(outs: list[list[tuple[int, int, str]]], needed: int) -> list[tuple[int, int, str]]:
    """The names at least ``needed`` of the voters' outputs mark (same span), each with the label most of
    those voters give it (a tie goes to the earliest voter): the models agree on where a name is more
    often than on what it is (a club or its city, a company or its building)."""
    out = []
    for (s, e), labs in _labels_by_span(outs).items():
        if len(labs) >= needed:
            counts = Counter(labs)
            out.append((s, e, max(labs, key=lambda lab: counts[lab])))  # max keeps the first of equals
    return sorted(out)


def _settled(outs: list[list[tuple[int, int, str]]], needed: int, left: int) -> bool:
    """Whether ``left`` more voters can change neither a name nor a label of ``majority_vote(outs, needed)``:
    no name short of a majority could reach one, and each name in it has one label so far."""
    if left >= needed:
        return False  # a name none has marked yet could still win
    return all(len(labs) + left < needed or (len(labs) >= needed and len(set(labs)) == 1)
               for labs in _labels_by_span(outs).values())


def _labels_by_span(outs: list[list[tuple[int, int, str]]]) -> dict[tuple[int, int], list[str]]:
    """{(start, end): the label each voter that marked it gave, in voter order}."""
    labels: dict[tuple[int, int], list[str]] = {}
    for spans in outs:
        for s, e, lab in spans:
            labels.setdefault((s, e), []).append(lab)
    return labels


_RESOURCES: Resources | None = None


def get_resources() -> Resources:
    global _RESOURCES
    if _RESOURCES is None:
        _RESOURCES = Resources()
    return _RESOURCES

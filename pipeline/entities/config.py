"""Where the entity resources are, the labels, and the annotation styles the Chinese model tags in."""
from __future__ import annotations

from pathlib import Path

from pipeline.ner_style import KINDS

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# xz-compressed crfsuite models: a third of their size, read into memory in 0.2 s
MODEL_PATH = RESOURCES / "ner_zh.crfsuite.xz"
STYLES_MODEL_PATH = RESOURCES / "ner_zh_styles.crfsuite.xz"
NEWS_MODEL_PATH = RESOURCES / "ner_zh_news.crfsuite.xz"  # the news sources alone, MSRA train included
GAZETTEER_PATH = RESOURCES / "gazetteer.tsv"
NOT_ENTITIES_PATH = RESOURCES / "not_entities.txt"
PLACE_ABBREVIATIONS_PATH = RESOURCES / "place_abbreviations.tsv"
LABELS = ("PER", "ORG", "LOC")
# Annotation styles. Each kind of training source has its convention (pipeline.ner_style.KINDS):
# "news" (People's Daily, MSRA) tags every place name, also one used as a modifier (中国市场) and
# abbreviations (中美); "web" (CLUENER) leaves those untagged and tags addresses and sights; "social"
# (Weibo NER) tags place names like news, in posts rather than articles. "mixed", the most robust on
# text of unknown origin, is a vote of the model trained on all sources as one and the web and news
# models (VOTES). "web" and "social" use the second model, whose features are conjoined with the style;
# "news" uses the third, trained on the news sources alone with three times more news (MSRA train), or
# the second when that is not shipped.
# "auto", the default, picks per document
# (per line in ``zhpipe entities``): "news" or "social" where the text clearly reads like those
# sources, "mixed" otherwise (pipeline.ner_style).
STYLES = ("auto", "mixed", *KINDS)
DEFAULT_STYLE = "auto"
# Styles tagged by a vote of models: the voters ("mixed" and "news" are those models, "web" and "social"
# the style model in that style) and how many must tag a name exactly (span and label) for it to stay.
# Any two names kept share a voter, so they never overlap. Each vote is better than its style's model
# alone on every test set (pipeline.training.ner_zh); "news" and "web" keep one model each.
# The order only saves time: the first voters stop the vote when they agree (mixed and web agree on 74 % of
# dev's web sentences, mixed and news on 44 %).
VOTES = {"mixed": (("mixed", "web", "news"), 2), "social": (("mixed", "web", "news", "social"), 3)}
# The first voter's names stand alone where it gives its best tags this probability or more: the others
# would change them in 12 of dev's 825 sentences where it is that sure, and asking them costs more than
# the first model (ner_zh's docstring has the figures).
SURE = 0.9


def known_names_path_for(model_path) -> Path:
    """Where the gazetteer names the model has learnt from training are listed (next to the model)."""
    return _beside(model_path, ".known.txt")


def lexicon_path_for(model_path) -> Path:
    return _beside(model_path, ".lexicon.tsv")


def _beside(model_path, suffix: str) -> Path:
    """A file next to a model, named after it without its extensions (ner_zh.crfsuite.xz -> ner_zh.known.txt)."""
    model_path = Path(model_path)
    return model_path.with_name(model_path.name.split(".", 1)[0] + suffix)

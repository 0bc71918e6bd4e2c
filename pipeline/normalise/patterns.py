"""Character classes and compiled regular expressions used by the text stages, in one place."""
from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014"
KANA = "\u3040-\u30ff"
# Latin letters with the tone marks pinyin uses (and ü/v for the umlauted vowel)
PINYIN_LETTERS = "a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêḿńňǹ"


def encodes(char: str, encoding: str = "gb2312") -> bool:
    """True when ``encoding`` has ``char`` (GB2312: the common simplified characters; Big5: traditional ones)."""
    try:
        char.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False

# --- HTML remains --------------------------------------------------------------
HTML_SCRIPT = re.compile(r"<(script|style)\b[^>]{0,500}>.{0,100000}?</\1\s*>", re.I | re.S)
# the last alternative is a closing tag whose '<' was garbled into '?' by a bad decode (支持?!?/p>)
HTML_TAG = re.compile(
    r"</?[A-Za-z][A-Za-z0-9:-]{0,20}(?:\s[^<>]{0,500})?/?>|<!--.{0,10000}?-->"
    r"|(?<=[?\ufffd])/(?:p|div|span|br|li|ul|ol|td|tr|table|h[1-6]|a|b|i|em|strong|section|article)>",
    re.S,
)
HTML_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")

# --- invisible characters --------------------------------------------------------
# C0/C1 controls except tab and newline, zero-width and bidi marks, BOM, soft hyphen
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]+"
)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
NBSP = re.compile("[\u00a0\u2007\u202f]")

# --- width -----------------------------------------------------------------------
FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")

# --- converter pinyin notes: 實現(xiàn) ------------------------------------------------
PINYIN_NOTE = re.compile(rf"([{HAN}])\(([{PINYIN_LETTERS}]{{1,7}}[1-5]?)\)", re.I)

# --- ASCII punctuation inside Chinese text ------------------------------------------
_CJK_CONTEXT = f"{HAN}{CJK_PUNCT}"
# a whole run touching Chinese on either side (实?????): converting one mark at a time would leave
# the next one touching a converted mark, so a second pass would change it again
ASCII_PUNCT_IN_CJK = re.compile(rf"(?<=[{_CJK_CONTEXT}])[,;:?!]+|[,;:?!]+(?=[{_CJK_CONTEXT}])")
ASCII_PARENS = re.compile(r"\(([^()\n]{0,200})\)")
HAS_HAN = re.compile(f"[{HAN}]")

# --- mojibake signals ------------------------------------------------------------
# a '?' or U+FFFD touching CJK text, a lost host character's pinyin note (?zhèn)), kana in Chinese,
# one Latin capital alone between Han characters
MOJIBAKE_SIGNAL = re.compile(
    rf"[?\ufffd][{PINYIN_LETTERS}]{{1,7}}\)"
    rf"|(?<=[{_CJK_CONTEXT}])[?\ufffd]+|[?\ufffd]+(?=[{_CJK_CONTEXT}])|(?<=[{_CJK_CONTEXT}][?\ufffd])!"
    rf"|\ufffd+"
    rf"|[{KANA}]"
    rf"|(?<=[{HAN}])[A-Z](?=[{HAN}])"
)
HAN_CHAR = re.compile(f"[{HAN}]")
LATIN_LETTER = re.compile("[A-Za-z]")

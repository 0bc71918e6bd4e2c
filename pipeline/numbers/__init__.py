"""Find and parse numeric expressions in Chinese and English text.

Public API::

    find_numbers(text, *, lang="auto") -> list[NumberMention]

Every mention carries character offsets into the *given* text (``end``
exclusive, ``text[start:end] == mention.text``), a float ``value`` (and
``value_high`` for ranges), a ``unit`` (ISO 4217 code for money, ``%`` for
percent and percentage points, ``‰`` for per mille, the measure word for
counts, a canonical symbol for physical quantities and durations), a ``kind``
and a ``qualifier``.

Kinds: number, money, percent, permille, percentage_point, multiplier, count,
quantity, duration, year, date, time, ordinal.  ``year``/``date``/``time``
mentions are periods, never claims; their ``value`` is the year when one is
written (else the month, else the day/hour).  Physical quantities keep the
value as written (``3斤`` -> 3, unit ``斤``; ``12千米`` -> 12000, unit ``m``);
``UNIT_TABLE`` maps each canonical unit to its SI base and factor.

How it works (linear time, no regex backtracking traps), one module a step:

1. ``find``: the text is mapped 1:1 (same length, so offsets survive) with
   ``str.translate``: full-width digits/punctuation to ASCII, traditional
   numeral characters to simplified (萬→万, 兩→两, 點→点 ...).
2. ``dates``: dates, years and times are found first and claim their spans.
3. ``tokenise`` and ``numerals``: ``RUN_RE`` finds maximal runs of numeral
   characters (Arabic digits with ``,``/``.``, Chinese digits and scale
   characters, 点, 几/多/余); each run is tokenised and parsed by a small
   state machine (one step per token kind) that handles mixed numerals
   (``1.5万亿``, ``3万4000``, ``两千零二十三``, ``一两百``, ``十几万``, implied
   trailing digits ``一万三``), and splits a run into several numbers where the
   grammar says so.
4. ``decorate``: around each number, anchored regexes (``patterns``, compiled
   once) read prefixes and suffixes, one step each: fractions and rates
   (``fractions``: 百分之, X分之Y, 1e6), qualifiers (``qualifiers``: 约, 第, 负,
   以上/左右), units and currencies (``units``: $, English scale words, %, 成,
   折, 倍, currencies and their sub-units, physical units, measure words);
   lookup tables (``tables``) map them to units, kinds and qualifiers.
5. ``ranges``: adjacent mentions joined by ``-``/``~``/到/至 become ranges;
   compound durations and quantities merge.

Known limits (see benchmarks/out/numbers_failures.txt): money without a
number (``人民币 美元``), bare 分 as cents (``五分`` is also minutes/points, so
it is left a number), Cantonese forms (``個半``, ``三個字``), ``X对/X双`` as
pairs (duckling doubles, Recognizers does not), ``X分Y`` fractions without 之,
numbers inside dates (a date is one mention), relative dates without digits
(明天, 下周), and NumberModel's view that ``一美元`` holds no number.

What comes from cn2an: the Chinese digit and unit tables
(``cn2an.conf.NUMBER_CN2AN`` and ``UNIT_CN2AN``), extended here with 廿 卅 卌
兆 and 〇.  cn2an's own parser is not used on text: it rejects mixed and
fuzzy forms (``1.5万亿``, ``一两百``, ``百分之三十``, ``十几``) and gives no
spans; the tests use ``cn2an.cn2an(..., "strict")`` as an oracle for plain
Chinese integers.
"""

from __future__ import annotations

from .find import find_numbers
from .mention import NumberMention
from .numerals import parse_chinese_number
from .tables import UNIT_TABLE

__all__ = ["UNIT_TABLE", "NumberMention", "find_numbers", "parse_chinese_number"]

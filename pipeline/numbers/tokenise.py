"""Split a run of numeral characters into tokens (digits, units, scales, points, fuzzy words)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .patterns import ARABIC_RE, RUN_RE
from .tables import DIGITS, SCALES, SMALL_UNITS


@dataclass(slots=True)
class Tok:
    kind: str      # num, unit, scale, point, fuzzy, sep
    value: float
    start: int
    end: int
    cn: bool = False      # a single Chinese digit
    text: str = ""


def run_at(t: str, pos: int) -> str:
    """The run of numeral material starting at ``pos`` ('' if none)."""
    m = RUN_RE.match(t, pos)
    return m.group() if m else ""


def tokenise(s: str, base: int) -> list[Tok]:
    """Tokenise a numeral run (already normalised).  Linear in len(s)."""
    toks: list[Tok] = []
    i, n = 0, len(s)
    while i < n:
        c = s[i]
        if c.isdigit() and c.isascii():
            m = ARABIC_RE.match(s, i)
            txt = m.group()
            # more than 300 digits is not a quantity anyone wrote; avoid slow huge float parsing
            val = float(txt.replace(",", "")) if len(txt) <= 300 else math.inf
            toks.append(Tok("num", val, base + i, base + m.end(), False, txt))
            i = m.end()
        elif c == "." and i + 1 < n and s[i + 1].isdigit():
            m = ARABIC_RE.match(s, i)
            toks.append(Tok("num", float(m.group()), base + i, base + m.end(), False, m.group()))
            i = m.end()
        elif c in DIGITS:
            toks.append(Tok("num", DIGITS[c], base + i, base + i + 1, True, c))
            i += 1
        elif c in SMALL_UNITS:
            v = SMALL_UNITS[c]
            if v in (20, 30, 40):   # 廿 卅 卌 behave like a tens number
                toks.append(Tok("unit", 10, base + i, base + i + 1, False, c))
                toks[-1].value = -v   # marker: implicit multiplier
            else:
                toks.append(Tok("unit", v, base + i, base + i + 1, False, c))
            i += 1
        elif c in SCALES:
            toks.append(Tok("scale", SCALES[c], base + i, base + i + 1, False, c))
            i += 1
        elif c == "点":
            toks.append(Tok("point", 0, base + i, base + i + 1, False, c))
            i += 1
        elif c in "几多余数":
            toks.append(Tok("fuzzy", 0, base + i, base + i + 1, False, c))
            i += 1
        elif c == " ":
            i += 1
        else:   # , or . not part of a number
            toks.append(Tok("sep", 0, base + i, base + i + 1, False, c))
            i += 1
    return toks

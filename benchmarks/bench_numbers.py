"""Accuracy and speed of pipeline.numbers on ../shared/data/numbers/cases.jsonl.

Scoring (one item per expected mention; a case with no expected mention is one
item that is right when nothing of the case's scope kind is found):

* an expected mention is right when some found mention overlaps its span and
  has the same value (relative tolerance 1e-6) -- and value_high for ranges --
  after converting units (``UNIT_TABLE``), with the right ISO code for money;
* only the kind the case's ``scope`` marks is scored (a CurrencyModel case
  scores money only, a NumberModel case any number);
* DateTime cases: an expected mention with a numeral in its span is right when a
  year/date/time/duration mention overlaps it (durations must also have the
  value in seconds).
* an expected mention whose span holds no numeral at all (明天, 上午, 每周 in
  DateTime; 人民币 / 美元 in CurrencyModel; 摄氏度 in TemperatureModel) has no
  value to check, so it is not scored and is reported as excluded (the target
  is "% of values").
* a case with no expected mention is scored for its scope only: a NumberModel
  or Numeral case fails on a bare number/count found, not on a money or percent
  mention (those belong to the Currency/Percent scopes, which Recognizers keeps
  out of NumberModel on purpose: 一美元, 一折).
* NumberModel numbers written inside a date or time (the 1 and 16 of
  １９９１年１月１６日) are right when a date/time mention covers the span:
  zhpipe keeps a date whole by design, and dates carry no value to compare.
* a single expected value that is one end of a range we found (gold ``20%`` in
  ``5-20%``; ``90天`` in ``70 - 90天``) is right when the found range's
  matching bound has that value and the gold span ends (or starts) the range.
* 对/双 counts are pairs: duckling's Numeral ``五對`` = 10 is right for a count
  of 5 with unit 对/双 (a unit conversion like 斤 -> g).
* duckling's generic units: 'Dollar' accepts any currency (块/元/$ are
  ambiguous there), 'Cent' compares value/100 in any currency.

Run: python benchmarks/bench_numbers.py   (writes benchmarks/out/numbers.json and
benchmarks/out/numbers_failures.txt)
"""
from __future__ import annotations

import json
import math
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.numbers import UNIT_TABLE, find_numbers  # noqa: E402 -- after the sys.path line above

CASES = ROOT.parent / "shared" / "data" / "numbers" / "cases.jsonl"
OUT = ROOT / "benchmarks" / "out"

# expected-unit names in the data -> (base unit, factor)
GOLD_UNITS = {
    "Gram": ("g", 1), "Kilogram": ("g", 1000), "Microgram": ("g", 1e-6), "Ton": ("g", 1e6),
    "Jin": ("g", 500), "Liang": ("g", 50),
    "Metre": ("m", 1), "Meter": ("m", 1), "Centimetre": ("m", .01), "Centimeter": ("m", .01),
    "Kilometre": ("m", 1000), "Kilometer": ("m", 1000), "Foot": ("m", .3048), "Inch": ("m", .0254),
    "Mile": ("m", 1609.344), "Litre": ("L", 1), "Millilitre": ("L", .001), "Gallon": ("L", 3.785411784),
    "Mu": ("m²", 666.6667), "Bit": ("bit", 1), "Kilobit": ("bit", 1000), "Kilobyte": ("bit", 8000),
    "Megabyte": ("bit", 8e6), "Hertz": ("Hz", 1), "Megahertz": ("Hz", 1e6), "Kilowatt": ("W", 1000),
    "Kilocalorie": ("kcal", 1), "Celsius": ("°C", 1), "C": ("°C", 1), "Fahrenheit": ("°F", 1),
    "F": ("°F", 1), "Degree": ("°", 1),
    "Year": ("s", 31536000), "Month": ("s", 2592000), "Week": ("s", 604800), "Day": ("s", 86400),
    "second": ("s", 1), "minute": ("s", 60), "hour": ("s", 3600), "day": ("s", 86400),
    "month": ("s", 2592000), "s": ("s", 1),
}
NUMERAL_RE = re.compile(r"[0-9０-９零〇一二三四五六七八九十百千万亿萬億两兩壹贰貳叁參肆伍陆陸柒捌玖拾佰仟廿卅半幺]")
PAIR_UNITS = {"对", "双"}
SCORED = {"recognizers/DateTime/DateTimeModel"}


def _close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _base(m):
    """(base unit, value, high) of a found mention."""
    u = m.unit
    if m.kind == "percentage_point" or u == "%":
        return "%", m.value, m.value_high
    if u == "‰":
        return "%", m.value / 10, None if m.value_high is None else m.value_high / 10
    if u == "岁":
        return "s", m.value * 31536000, None
    if u in UNIT_TABLE:
        b, f = UNIT_TABLE[u]
        return b, m.value * f, None if m.value_high is None else m.value_high * f
    return u, m.value, m.value_high


def _bounds(vs):
    m = re.match(r"[\[(]([^,]*),([^\])]*)[\])]", vs or "")
    if not m:
        return None
    lo = float(m.group(1)) if m.group(1).strip() else None
    hi = float(m.group(2)) if m.group(2).strip() else None
    return lo, hi


def _range_ends(exp, cands):
    """Found ranges of which the gold span is the upper (or lower) end: yield a copy
    of the mention carrying only that bound's value."""
    es, ee = exp.get("start"), exp.get("end")
    for m in cands:
        if m.value_high is None or es is None:
            continue
        if ee == m.end or (m.end > ee and not m.text[ee - m.start:].strip(" 大")):
            yield m.__class__(m.text, m.start, m.end, m.value_high, None, m.unit, m.kind, m.qualifier)
        elif es == m.start:
            yield m.__class__(m.text, m.start, m.end, m.value, None, m.unit, m.kind, m.qualifier)


def item_ok(source, exp, found):
    if _item_ok(source, exp, found):
        return True
    if exp["kind"].endswith("range") or exp.get("start") is None:
        return False
    es, ee = exp["start"], exp["end"]
    cands = [m for m in found if m.start < ee and es < m.end]
    return any(_item_ok(source, exp, [r]) for r in _range_ends(exp, cands))


def _item_ok(source, exp, found):
    es, ee = exp.get("start"), exp.get("end")
    cands = [m for m in found if es is None or (m.start < ee and es < m.end)]
    kind = exp["kind"]
    unit = exp.get("unit")
    val = exp.get("value")
    if kind.startswith("datetime."):
        return any(m.kind in ("year", "date", "time", "duration") for m in cands)
    if source.endswith("DateTimeModel") and kind == "duration":
        return any(m.kind == "duration" and _close(_base(m)[1], val) for m in cands)
    if kind == "number_range":
        b = _bounds(exp.get("value_str"))
        if b is None:
            return False
        want = sorted({x for x in b if x is not None})
        for m in cands:
            got = sorted(x for x in (m.value, m.value_high) if x is not None)
            if len(got) == len(want) and all(_close(x, y) for x, y in zip(got, want)):
                return True
        return False
    if kind == "ordinal":
        return any(m.kind == "ordinal" and _close(m.value, val) for m in cands)
    if kind == "percent":
        return any(_base(m)[0] == "%" and _close(_base(m)[1], val) for m in cands)
    if kind in ("money", "money_range"):
        ms = [m for m in cands if m.kind == "money"]
        if val is None and kind == "money":
            return any(m.unit == unit for m in ms) or (not ms and False)
        if kind == "money_range":
            return any(m.value_high is not None for m in ms)
        for m in ms:
            if unit == "Cent" and _close(m.value * 100, val):
                return True
            if unit == "Dollar" and _close(m.value, val):
                return True
            if m.unit == {"Bitcoin": "BTC"}.get(unit, unit) and _close(m.value, val):
                return True
        return False
    if kind == "digit_string":
        val = float(exp["value_str"])
    if kind in ("number", "digit_string"):
        if any(_close(m.value, val) for m in cands):
            return True
        if any(m.kind == "count" and m.unit in PAIR_UNITS and _close(2 * m.value, val) for m in cands):
            return True
        if source.endswith("NumberModel") and any(
                m.kind in ("date", "time", "year") and m.start <= es and ee <= m.end for m in cands):
            return True
        return False
    if kind.endswith("_range"):
        return any(m.value_high is not None for m in cands)
    # quantities
    if unit in GOLD_UNITS:
        gb, gf = GOLD_UNITS[unit]
        for m in cands:
            b, v, _ = _base(m)
            if val is None:
                if b == gb:
                    return True
                continue
            if b == gb and _close(v, val * gf):
                return True
    return False


def scope_kinds(source):
    if "Currency" in source or "AmountOfMoney" in source:
        return {"money"}
    if "Percent" in source:
        return {"percent", "permille", "percentage_point"}
    if "NumberModel" in source or "Numeral" in source or "cn2an" in source:
        return {"number", "count"}
    if "Ordinal" in source:
        return {"ordinal"}
    if "DateTime" in source:
        return {"year", "date", "time"}
    return None


def score(path=CASES):
    rows = defaultdict(lambda: [0, 0])
    failures, excluded = [], 0
    for line in path.open(encoding="utf-8"):
        case = json.loads(line)
        src, text, exp = case["source"], case["text"], case["expected"]
        found = find_numbers(text)
        if not exp:
            kinds = scope_kinds(src)
            bad = [m for m in found if kinds is None or m.kind in kinds]
            if "DateTime" in src or "Dimension" in src or "Temperature" in src:
                bad = []   # these scopes only mark their own unit kinds; numbers may be there
            key = (src, "(none)")
            rows[key][1] += 1
            if not bad:
                rows[key][0] += 1
            else:
                failures.append(f"{src}\t{text}\texpected nothing\tgot {[m.to_dict() for m in bad]}")
            continue
        for e in exp:
            if not NUMERAL_RE.search(e.get("span") or "") and not _bounds(e.get("value_str")):
                excluded += 1
                continue
            key = (src, e["kind"])
            rows[key][1] += 1
            if item_ok(src, e, found):
                rows[key][0] += 1
            else:
                failures.append(f"{src}\t{text}\t{e.get('span')}={e.get('value')} {e.get('unit') or ''} "
                                f"{e['kind']} {e.get('value_str') or ''}\tgot "
                                f"{[(m.text, m.value, m.value_high, m.unit, m.kind) for m in found]}")
    return rows, failures, excluded


def speed():
    corpus = ROOT / "corpus"
    files = sorted(corpus.glob("*.txt")) if corpus.exists() else []
    text = "\n".join(f.read_text(encoding="utf-8", errors="replace") for f in files[:3])
    if not text:
        text = "到2022年时,阿里云营收为776亿,增速为7.2%。每秒交易14万笔,超过480亿美元。" * 50
    big = text
    while len(big) < 1_000_000:
        big += "\n" + text
    t0 = time.perf_counter()
    n = 0
    for para in big.split("\n"):
        n += len(find_numbers(para))
    dt = time.perf_counter() - t0
    return len(big) / dt, len(big), n


def main():
    rows, failures, excluded = score()
    by_source = defaultdict(lambda: [0, 0])
    by_kind = defaultdict(lambda: [0, 0])
    print(f"{'source':45} {'kind':22} {'ok':>5} {'n':>5} {'acc':>7}")
    for (src, kind), (ok, n) in sorted(rows.items()):
        print(f"{src:45} {kind:22} {ok:5} {n:5} {ok / n:7.3f}")
        by_source[src][0] += ok
        by_source[src][1] += n
        by_kind[kind][0] += ok
        by_kind[kind][1] += n
    tot_ok = sum(v[0] for v in rows.values())
    tot = sum(v[1] for v in rows.values())
    print("\nper source")
    for src, (ok, n) in sorted(by_source.items()):
        print(f"  {src:45} {ok:5}/{n:<5} {ok / n:.3f}")
    print("per kind")
    for k, (ok, n) in sorted(by_kind.items()):
        print(f"  {k:25} {ok:5}/{n:<5} {ok / n:.3f}")
    print(f"\nOVERALL {tot_ok}/{tot} = {tot_ok / tot:.4f}  (excluded expected spans without a numeral: {excluded})")
    cps, nchars, nment = speed()
    print(f"speed: {cps:,.0f} chars/s on {nchars:,} chars ({nment} mentions)")
    adversarial = {}
    for unit in ["1", "(", "%", "1,", "1-", "十多", "((1%", "万亿元", "..", "1.1.", "http://1%"]:
        text = unit * (1_000_000 // len(unit))
        t0 = time.perf_counter()
        k = len(find_numbers(text))
        adversarial[unit] = round(time.perf_counter() - t0, 2)
        print(f"adversarial 1 MB of {unit!r}: {adversarial[unit]:.2f}s ({k} mentions)")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "numbers.json").write_text(json.dumps({
        "overall": tot_ok / tot, "ok": tot_ok, "n": tot, "excluded_without_numeral": excluded,
        "by_source": {k: {"ok": v[0], "n": v[1], "acc": v[0] / v[1]} for k, v in by_source.items()},
        "by_kind": {k: {"ok": v[0], "n": v[1], "acc": v[0] / v[1]} for k, v in by_kind.items()},
        "chars_per_s": cps, "adversarial_1mb_seconds": adversarial,
    }, ensure_ascii=False, indent=1), encoding="utf-8")
    (OUT / "numbers_failures.txt").write_text("\n".join(failures) + "\n", encoding="utf-8")
    print(f"{len(failures)} failures -> {OUT / 'numbers_failures.txt'}")


if __name__ == "__main__":
    main()

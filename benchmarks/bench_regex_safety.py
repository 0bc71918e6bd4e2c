"""Regex safety: each text stage on adversarial inputs of growing size must take linear time."""
from __future__ import annotations

import time

from .common import save

SIZES = (125_000, 250_000, 500_000, 1_000_000)
# patterns that make backtracking regexes blow up: long runs of digits and separators, brackets,
# percent and unit words, Latin runs, pinyin-note look-alikes, tags that never close
ADVERSARIAL = {
    "digits_separators": "1,2.3,4.5-6%7‰" ,
    "open_parens": "(",
    "pinyin_like": "實(xià",
    "percent_units": "%亿万元美元",
    "latin_run": "abcdefghij",
    "unclosed_tag": "<p a=",
    "entities": "&amp",
    "question_marks": "?!中",
    "cjk_numerals": "一二三四五六七八九十百千万亿",
}


def _stages():
    from pipeline.normalise import normalise
    from pipeline.numbers import find_numbers
    from pipeline.segment import split_words

    return {"normalise": lambda t: normalise(t), "segment": split_words, "numbers": find_numbers}


def main() -> dict:
    stages = _stages()
    results: dict = {}
    print("Regex safety: seconds per input size (linear growth expected: ratio 1M/125k ≈ 8)")
    print(f"{'stage':10} {'input':18} " + " ".join(f"{s // 1000:>6}k" for s in SIZES) + "   ratio")
    for stage, fn in stages.items():
        for name, unit in ADVERSARIAL.items():
            times = []
            for size in SIZES:
                text = (unit * (size // len(unit) + 1))[:size]
                start = time.perf_counter()
                fn(text)
                times.append(time.perf_counter() - start)
            ratio = times[-1] / max(times[0], 1e-9)
            results[f"{stage}/{name}"] = {"seconds": times, "ratio_1M_to_125k": ratio}
            print(f"{stage:10} {name:18} " + " ".join(f"{t:7.3f}" for t in times) + f"   {ratio:5.1f}")
    save("regex_safety", results)
    return results


if __name__ == "__main__":
    main()

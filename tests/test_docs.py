"""Every ```python block of docs/python.md runs, in order, in one namespace (in a temporary folder)."""
from __future__ import annotations

import re
from pathlib import Path

PAGE = Path(__file__).resolve().parents[1] / "docs" / "python.md"
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def test_the_page_has_examples_and_the_readme_links_it():
    assert len(BLOCK.findall(PAGE.read_text(encoding="utf-8"))) >= 6
    assert "(docs/python.md)" in (PAGE.parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_python_example_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {"__name__": "docs_python"}
    for number, block in enumerate(BLOCK.findall(PAGE.read_text(encoding="utf-8")), 1):
        exec(compile(block, f"{PAGE.name} block {number}", "exec"), namespace)   # noqa: S102 -- the page is ours
    assert "Alibaba Cloud" in capsys.readouterr().out

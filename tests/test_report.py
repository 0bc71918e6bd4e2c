"""report.html: escaping of every input string, self-containment, and rendering in headless Chromium.

The Chromium test fails (never skips) when Chromium is missing: CI (.ci/run) installs Debian's `chromium`.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pipeline.formats.report import render_html, write_report_html
from pipeline.summarise import corpus_summary

from .writer_fixtures import HOSTILE, corpus

OUR_TAGS = {"colgroup", "col", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "span", "main", "div",  # noqa: E501
            "b", "table", "thead", "tbody", "tr", "th", "td", "svg", "g", "text", "rect", "line", "polyline",
            "circle", "label", "select", "option", "input", "ol", "li", "i", "footer", "code", "script"}


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def report_html(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    write_report_html(iter(corpus()), out)
    return out / "report.html"


def test_every_input_string_is_escaped(report_html):
    text = report_html.read_text(encoding="utf-8")
    parser = Collect()
    parser.feed(text)
    assert {tag for tag, _ in parser.tags} <= OUR_TAGS
    assert len([t for t, _ in parser.tags if t == "script"]) == 1 and "alert" not in "".join(parser.scripts)
    for tag, attrs in parser.tags:
        for name, _value in attrs:
            assert not name.startswith("on"), (tag, name)
    assert "<script>alert" not in text and "<img" not in text and "<b onerror" not in text
    assert html.escape(HOSTILE) in text            # shown, as text
    assert "revenue&lt;script&gt;" in text and "2024&lt;b&gt;" in text


def test_self_contained(report_html):
    text = report_html.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "@import" not in text and "url(" not in text
    assert '"Noto Sans CJK SC"' in text and '"PingFang SC"' in text and '"Microsoft YaHei"' in text
    assert "阿里云 · <span class=\"py\">Ālǐyún</span> · Alibaba Cloud" in text


def test_report_sections(report_html):
    text = report_html.read_text(encoding="utf-8")
    for heading in ("实体 <span class=\"en\">Entities</span>", "时间线 <span class=\"en\">Claims over time</span>",
                    "数据声明 <span class=\"en\">Claims</span>", "指标 <span class=\"en\">Claims by metric</span>"):
        assert heading in text
    assert text.count("<svg") >= 4          # entity bars (3 labels), 2 timelines, metric bars
    assert "<polyline" in text               # the revenue growth line 2019–2023


def test_empty_corpus_renders():
    text = render_html(corpus_summary([]))
    assert "No claims found" in text and "</html>" in text


# --- headless Chromium ----------------------------------------------------------------------------------

def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("Chromium is not installed (CI installs Debian's `chromium` with apt-get; do the same)")


def _run_chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    base = [_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
            f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120, check=False)


def _png_pixels(path: Path):
    from PIL import Image

    with Image.open(path) as img:
        return img.size, img.convert("RGB")


def test_report_in_headless_chromium(report_html, tmp_path):
    url = report_html.resolve().as_uri()
    dom = _run_chromium(["--dump-dom", url], tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    # Chromium logs every console message and uncaught exception as a ":CONSOLE" line; the report logs none
    console_errors = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]
    assert not console_errors, console_errors
    assert 'data-ok="1"' in dom.stdout, "the report's script did not run to the end"
    rows = re.search(r'<table id="claims-table".*?<tbody>(.*?)</tbody>', dom.stdout, re.DOTALL).group(1)
    claims = [c for d in corpus() for c in d["claims"]]
    assert rows.count("<tr") == len(claims)
    for claim in claims:
        assert html.escape(claim["en"], quote=False) in rows
    assert '<b id="claims-shown">10</b>' in dom.stdout   # the filter ran and counted every row

    png = tmp_path / "report.png"
    shot = _run_chromium([f"--screenshot={png}", "--window-size=1280,2000", "--hide-scrollbars", url], tmp_path)
    assert shot.returncode == 0 and png.exists(), shot.stderr[-2000:]
    (width, height), img = _png_pixels(png)
    assert (width, height) == (1280, 2000)
    colours = img.getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 50, "the screenshot is (nearly) blank"
    # the dark header band and the white page are both there
    assert img.getpixel((10, 10))[0] < 80 and min(img.getpixel((640, 300))) > 200

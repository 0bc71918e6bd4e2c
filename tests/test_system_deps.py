"""`.ci/system-deps.sh`, which `make test` runs first: passes when Chromium and a CJK font are there, and
without root or apt-get stops at once with the one command to run."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "system-deps.sh"


def _path_with(tmp_path: Path, **programs: str) -> str:
    """A PATH holding only `id` and the given programs (name -> shell body)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").symlink_to(shutil.which("id"))
    for name, body in programs.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return str(bin_dir)


def _run(path: str) -> subprocess.CompletedProcess:
    return subprocess.run(["/bin/sh", str(SCRIPT)], env={**os.environ, "PATH": path}, capture_output=True,
                          text=True, timeout=30)


@pytest.mark.parametrize("chromium", ["chromium", "chromium-browser", "google-chrome"])
def test_passes_when_chromium_and_cjk_fonts_are_there(tmp_path, chromium):
    proc = _run(_path_with(tmp_path, **{chromium: "exit 0", "fc-list": "echo 'NotoSansCJK.ttc: Noto Sans CJK SC'"}))
    assert (proc.returncode, proc.stderr) == (0, "")


def test_without_chromium_apt_get_or_root_it_stops_with_the_command(tmp_path):
    proc = _run(_path_with(tmp_path))
    assert proc.returncode == 1
    assert "apt-get install chromium fonts-noto-cjk" in proc.stderr


def test_chromium_without_cjk_fonts_is_a_warning_only_when_it_cannot_install(tmp_path):
    # no apt-get on this PATH: even as root there is nothing to install with, so it warns and goes on
    proc = _run(_path_with(tmp_path, chromium="exit 0", **{"fc-list": "exit 0"}))
    assert proc.returncode == 0
    assert "fonts-noto-cjk" in proc.stderr

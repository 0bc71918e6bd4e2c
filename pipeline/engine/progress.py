"""The progress line on stderr while a run processes its inputs."""
from __future__ import annotations

import sys
import time


class Progress:
    """One status line on stderr: documents done, files done, chars/s, ETA by input bytes."""

    def __init__(self, enabled: bool, total_bytes: int, total_files: int):
        self.enabled = enabled
        self.total_bytes = max(1, total_bytes)
        self.total_files = total_files
        self.started = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def update(self, docs: int, chars: int, files: int, done_bytes: int, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.5:
            return
        self.last = now
        elapsed = max(1e-9, now - self.started)
        rate = chars / elapsed
        eta = ""
        if 0 < done_bytes < self.total_bytes:
            eta = f", ETA {_duration(elapsed * (self.total_bytes - done_bytes) / done_bytes)}"
        sys.stderr.write(f"\rzhpipe: {docs:,} documents, {files:,}/{self.total_files:,} files, "
                         f"{rate / 1000:,.1f}k chars/s{eta}   ")
        sys.stderr.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


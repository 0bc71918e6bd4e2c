"""The progress line on stderr while a run processes its inputs (tqdm), shown only on a terminal."""
from __future__ import annotations

import sys
import time

from tqdm import tqdm


class _Bar(tqdm):
    # no monitor thread: with a thread running, the process pool cannot fork (see executors.ProcessPool)
    monitor_interval = 0


class Progress:
    """One status line on stderr: documents done, files done, characters per second, and the ETA by input bytes
    read. Disabled (``enabled=False``: stderr is not a terminal, or ``-q``), it writes nothing at all."""

    def __init__(self, enabled: bool, total_bytes: int, total_files: int):
        self.total_files = total_files
        self.started = time.perf_counter()
        self.bar = _Bar(total=max(1, total_bytes), disable=not enabled, file=sys.stderr, mininterval=0.5,
                        dynamic_ncols=True, delay=0.5, bar_format="zhpipe: {desc}, ETA {remaining}")

    def update(self, docs: int, chars: int, files: int, done_bytes: int, final: bool = False) -> None:
        if self.bar.disable:
            return
        rate = chars / max(1e-9, time.perf_counter() - self.started)
        self.bar.set_description_str(f"{docs:,} documents, {files:,}/{self.total_files:,} files, "
                                 f"{rate / 1000:,.1f}k chars/s", refresh=False)
        self.bar.update(min(done_bytes, self.bar.total) - self.bar.n)
        if final:
            self.bar.refresh()

    def close(self) -> None:
        self.bar.close()

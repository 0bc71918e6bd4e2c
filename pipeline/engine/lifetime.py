"""Processes live no longer than their run: workers end when the process that started them dies, and an output
folder's lock names the live run that holds it."""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_HELD: list[FolderLock] = []  # the locks this process holds; a forked worker lets go of its copies


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` is running (a zombie, dead but not yet reaped, is not)."""
    if sys.platform.startswith("linux"):
        try:
            stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            return False
        return stat.rsplit(")", 1)[-1].split()[:1] not in (["Z"], ["X"])
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, as another user
        return True
    return True


def _watch(pid: int) -> None:
    while pid_alive(pid):
        time.sleep(0.5)
    os._exit(1)


def _kill_with_parent() -> bool:
    """Linux: ask the kernel for SIGKILL when this process's parent ends (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return False
    with contextlib.suppress(OSError, AttributeError):
        return ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    return False


def exit_with_parent(run_pid: int) -> None:
    """Called first in a worker of the run ``run_pid``: the worker ends when the run ends, however it ends
    (kill -9, out of memory). A worker forked or spawned by the run gets SIGKILL from the kernel when the run
    dies (Linux); one started by a forkserver (the server outlives the run while its workers live) or on
    another system has a thread that watches the run. Workers write nothing themselves: nothing is lost."""
    for lock in _HELD:  # closing a forked copy leaves the run's lock held; the worker must not keep it after the run
        lock.fh.close()
    _HELD.clear()
    if not (os.getppid() == run_pid and _kill_with_parent()):
        threading.Thread(target=_watch, args=(run_pid,), name="zhpipe-run-watch", daemon=True).start()
    if not pid_alive(run_pid):  # the run died before the watch began
        os._exit(1)


class FolderLock:
    """``OUT/.lock``, held (flock) for a run and naming its pid: two runs writing one output folder would mix
    their parts. A lock left by a run that died is free (the kernel drops it) and is taken over."""

    def __init__(self, out: Path):
        self.path = out / ".lock"
        self.fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115  (held until close)
        try:
            import fcntl

            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no flock (Windows): run unlocked
            pass
        except OSError:
            holder = self.holder()
            self.fh.close()
            raise RuntimeError(self._refusal(out, holder)) from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"{os.getpid()}\n")
        self.fh.flush()
        _HELD.append(self)

    def holder(self) -> int | None:
        """The pid written in the lock file, if any."""
        with contextlib.suppress(OSError, ValueError):
            return int(self.path.read_text(encoding="utf-8").split()[0])
        return None

    @staticmethod
    def _refusal(out: Path, holder: int | None) -> str:
        if holder is not None and not pid_alive(holder):
            return (f"zhpipe run {holder}, which wrote to {out}, has ended but processes it started still hold the "
                    f"folder; end them or use another folder")
        run = f"another zhpipe run (pid {holder})" if holder is not None else "another zhpipe run"
        return f"{run} is writing to {out}; wait for it or use another folder"

    def close(self) -> None:
        with contextlib.suppress(ValueError):
            _HELD.remove(self)
        self.fh.close()

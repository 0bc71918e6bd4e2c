"""A run's processes live no longer than the run: a killed run leaves no worker behind, and its output folder
is locked by a live run only."""
from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

import psutil
import pytest

from pipeline.engine import FolderLock, exit_with_parent
from tests.conftest import ROOT
from tests.test_engine import _make_inputs


def _gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE  # dead, waiting for its new parent to reap it
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_sigkill_of_a_run_leaves_no_process_behind(tmp_path, engine):
    src = _make_inputs(tmp_path / "in", n_files=300, per_file=2000)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "run", str(src), "-o", str(out), "--workers", "2", "--engine", engine, "-q"]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZHPIPE_PART_SECONDS": "0"}  # a part per file: we see progress
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run = psutil.Process(proc.pid)
    parts = out / ".parts"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and proc.poll() is None:  # wait until the workers are processing
        if parts.is_dir() and any(p.name.endswith(".json") for p in parts.iterdir()):
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the run finished before it could be killed; give it more input"
    _kill_and_expect_no_survivors(proc, run.children(recursive=True))


POOL = """
import os, sys, threading, time
from concurrent.futures import ProcessPoolExecutor
import multiprocessing
from pipeline.engine import exit_with_parent

def init(run_pid):
    exit_with_parent(run_pid)
    print("worker", flush=True)

if __name__ == "__main__":
    threading.Thread(target=time.sleep, args=(300,), daemon=True).start()  # as a library's thread would
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(sys.argv[1]), initializer=init,
                               initargs=(os.getpid(),))
    futures = [pool.submit(time.sleep, 300) for _ in range(2)]
    time.sleep(300)
"""


@pytest.mark.parametrize("method", ["fork", "forkserver", "spawn"])
def test_pool_workers_end_with_the_run_whatever_starts_them(tmp_path, method):
    """Fork is the engine's choice from a single-threaded run; forkserver when other threads run (the server
    outlives the run while its workers hold its pipe, so they watch the run itself)."""
    script = tmp_path / "pool.py"
    script.write_text(POOL)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, str(script), method], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    assert [proc.stdout.readline().strip() for _ in range(2)] == ["worker", "worker"]
    _kill_and_expect_no_survivors(proc, psutil.Process(proc.pid).children(recursive=True))


def _kill_and_expect_no_survivors(proc: subprocess.Popen, family: list[psutil.Process]) -> None:
    assert len(family) >= 2, [p.cmdline() for p in family]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(_gone(p) for p in family):
        time.sleep(0.1)
    left = [p for p in family if not _gone(p)]
    for p in left:  # do not leave them to the next test either
        with contextlib.suppress(psutil.NoSuchProcess):
            p.kill()
    assert not left, f"still running 5 s after the run was killed: {[p.pid for p in left]}"


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_lock_names_the_live_run_and_refuses_a_second(tmp_path):
    held = FolderLock(tmp_path)
    try:
        assert (tmp_path / ".lock").read_text().split() == [str(os.getpid())]
        with pytest.raises(RuntimeError, match=rf"another zhpipe run \(pid {os.getpid()}\) is writing to"):
            FolderLock(tmp_path)
    finally:
        held.close()


def test_a_stale_lock_of_a_dead_run_is_taken_over(tmp_path):
    (tmp_path / ".lock").write_text(f"{_dead_pid()}\n")
    held = FolderLock(tmp_path)
    try:
        assert held.holder() == os.getpid()
    finally:
        held.close()


def test_a_lock_still_held_for_a_dead_run_says_so(tmp_path):
    """Processes a killed run left behind (an old version's workers) keep its lock: say whose it was."""
    lock = tmp_path / ".lock"
    lock.write_text(f"{_dead_pid()}\n")
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time\n"
                               f"fh = open({str(lock)!r}, 'a'); fcntl.flock(fh, fcntl.LOCK_EX); print('held', flush=True)\n"
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(RuntimeError, match="has ended but processes it started still hold"):
            FolderLock(tmp_path)
    finally:
        holder.kill()
        holder.wait()


def _worker(ready) -> None:
    exit_with_parent(os.getppid())
    ready.set()
    time.sleep(60)


def test_a_forked_worker_does_not_keep_the_runs_lock(tmp_path):
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    held = FolderLock(tmp_path)
    ready = ctx.Event()
    worker = ctx.Process(target=_worker, args=(ready,))
    worker.start()
    try:
        assert ready.wait(30)
        with pytest.raises(RuntimeError):  # the run still holds it
            FolderLock(tmp_path)
        held.close()
        FolderLock(tmp_path).close()  # the run ended: the folder is free although its worker lives
    finally:
        worker.kill()
        worker.join()

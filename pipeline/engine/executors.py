"""Executors map batches of stream items to results, in order, with a bounded number in flight: in-process,
a process pool, or a Dask cluster."""
from __future__ import annotations

import json
import logging
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from functools import lru_cache
from typing import Any

from .lifetime import exit_with_parent
from .options import Options
from .processor import Processor

_WORKER: Processor | None = None


def _init_worker(options: Options, run_pid: int | None = None) -> None:
    """Load the models (in the run, before forking; or in a worker of run ``run_pid``, which ends with it)."""
    global _WORKER
    if run_pid is not None:
        exit_with_parent(run_pid)
    _WORKER = Processor(options)


def _run_batch(items: list) -> list:
    return _WORKER.batch(items)


@lru_cache(maxsize=4)
def _cached_processor(options_json: str) -> Processor:
    """One Processor per (Dask worker) process and options: the models load once."""
    data = json.loads(options_json)
    data["formats"] = tuple(data["formats"])
    return Processor(Options(**data))


def dask_warm(options_json: str) -> None:
    """Run on every Dask worker when the engine starts: load the models before the first batch."""
    _cached_processor(options_json)


def dask_batch(options_json: str, items: list) -> list:
    """The Dask task: process a batch of records on a worker with its cached models."""
    return _cached_processor(options_json).batch(items)


class InProcess:
    name = "local"

    def __init__(self, options: Options):
        self.processor = Processor(options)
        self.workers = 1

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        for batch in batches:
            yield self.processor.batch(batch)

    def close(self) -> None:
        pass


def _ordered_window(submit: Callable[[list], Any], result: Callable[[Any], list], batches: Iterable[list],
                    window: int) -> Iterator[list]:
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


class ProcessPool:
    name = "local"

    def __init__(self, options: Options, workers: int):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # fork from a single-threaded parent that has loaded the models: they load once, not once per
        # worker, and workers start at once. With other threads running (a library's, a test's), fork is
        # unsafe: forkserver starts workers from a clean process that has imported zhpipe once.
        methods = multiprocessing.get_all_start_methods()
        if "fork" in methods and sys.platform.startswith("linux") and threading.active_count() == 1:
            method = "fork"
            _init_worker(options)
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        ctx = multiprocessing.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["pipeline.engine"])
        self.method = method
        self.workers = workers
        self.pool = ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker,
                                        initargs=(options, os.getpid()))

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        yield from _ordered_window(lambda b: self.pool.submit(_run_batch, b), lambda f: f.result(), batches,
                                   window=self.workers * 3)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    name = "dask"

    def __init__(self, options: Options, workers: int, scheduler: str | None = None):
        from distributed import Client, LocalCluster

        self.cluster = None
        # results (the documents' JSON, ~35 bytes per character) come straight from the workers, not
        # through the scheduler, which for a LocalCluster runs in this process
        if scheduler:
            self.client = Client(scheduler, direct_to_workers=True)
        else:
            import dask

            # the workers' sampling profiler takes the GIL 100 times a second from the one task thread
            with dask.config.set({"distributed.worker.profile.enabled": False}):
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster, direct_to_workers=True)
        self.workers = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))
        self.options_json = json.dumps(asdict(options))
        self.client.run(dask_warm, self.options_json)  # workers that join later load on their first batch

    def map(self, batches: Iterable[list]) -> Iterator[list]:
        def result(future):
            out = future.result()
            future.release()
            return out

        yield from _ordered_window(lambda b: self.client.submit(dask_batch, self.options_json, b, pure=False),
                                   result, batches, window=self.workers * 3)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()



def make_executor(options: Options, engine: str, workers: int, scheduler: str | None):
    """The executor for ``engine`` (``local``: in-process for 1 worker, else a process pool; ``dask``)."""
    if engine == "dask":
        return DaskEngine(options, workers, scheduler)
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; choose local or dask")
    if workers <= 1:
        return InProcess(options)
    return ProcessPool(options, workers)


"""A pool of query worker processes with a hard time limit per job.

A worker that overruns is killed and replaced in the background, so the time limit
really stops the work (pyoxigraph has no cancel), and the other workers keep answering
meanwhile. The event loop only awaits: every blocking pipe call runs in a thread.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.store.backend import QueryJob, QueryOutcome, RowsJob, RowsOutcome
from kg.store.worker import serve_forever

_START_TIMEOUT = 120.0
log = logging.getLogger("kg.store")


class _Overrun(Exception):
    """The worker did not answer in time (or died): it must be replaced."""


class _Worker:
    def __init__(self, store_path: Path) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve_forever, args=(child, str(store_path)), daemon=True
        )
        self.process.start()
        child.close()
        try:
            ready = self.conn.poll(_START_TIMEOUT) and self._recv() == "ready"
        except _Overrun:
            ready = False
        if not ready:
            self.kill()
            raise KgError(f"{store_path}: query worker failed to open the store")

    def _recv(self) -> Any:
        try:
            return self.conn.recv()
        except (EOFError, OSError) as exc:
            raise _Overrun from exc

    def call(self, job: Any, timeout: float) -> Any:
        try:
            self.conn.send(job)
        except OSError as exc:  # the worker died between two jobs
            raise _Overrun from exc
        if not self.conn.poll(timeout):
            raise _Overrun
        return self._recv()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


def pool_size(configured: int) -> int:
    """Configured size, or one worker per CPU (at least two, so one slow query never
    holds every worker)."""
    return configured or max(2, os.cpu_count() or 1)


class WorkerPool:
    """`QueryBackend` over worker processes sharing one read-only on-disk store."""

    def __init__(self, store_path: Path, size: int, timeout: float) -> None:
        self.store_path = store_path
        self.timeout = timeout
        self._workers = [_Worker(store_path) for _ in range(size)]
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        for worker in self._workers:
            self._idle.put_nowait(worker)
        self._tasks: set[asyncio.Task[Any]] = set()
        # One thread per worker (plus spares for replacements): the default executor is
        # smaller than a large pool and shared with the rest of the server.
        self._threads = ThreadPoolExecutor(size + 2, thread_name_prefix="kg-query")
        # How long a job may wait for a free worker before the answer is 503.
        self.wait_limit = max(3 * timeout, 30.0)

    async def run(self, job: QueryJob) -> QueryOutcome:
        answer = await self._call(job)
        if answer is None:
            return QueryOutcome(
                503,
                error=f"query stopped: it ran longer than the limit of {self.timeout:g} s "
                "(or no worker was free in time, or the worker failed)",
                detail={"timeout_seconds": self.timeout},
            )
        return answer

    async def rows(self, job: RowsJob) -> RowsOutcome:
        answer = await self._call(job)
        return answer if answer is not None else RowsOutcome(error="timeout")

    async def _call(self, job: Any) -> Any:
        # Shielded: a client that hangs up must not leave a worker half-way in a job.
        task = asyncio.ensure_future(self._exchange(job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return await asyncio.shield(task)

    async def _exchange(self, job: Any) -> Any:
        try:
            worker = await asyncio.wait_for(self._idle.get(), self.wait_limit)
        except TimeoutError:
            return None
        try:
            answer = await self._in_thread(worker.call, job, self.timeout)
        except _Overrun:
            replace = asyncio.ensure_future(self._replace(worker))
            self._tasks.add(replace)
            replace.add_done_callback(self._tasks.discard)
            return None
        except BaseException:
            self._idle.put_nowait(worker)
            raise
        self._idle.put_nowait(worker)
        return answer

    async def _replace(self, worker: _Worker) -> None:
        await self._in_thread(worker.kill)
        try:
            fresh = await self._in_thread(_Worker, self.store_path)
        except KgError:
            log.exception("could not replace a query worker; the pool is one smaller")
            self._workers = [w for w in self._workers if w is not worker]
            return
        self._workers = [w for w in self._workers if w is not worker] + [fresh]
        self._idle.put_nowait(fresh)

    async def _in_thread(self, func: Callable[..., Any], *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._threads, func, *args)

    def close(self) -> None:
        for worker in self._workers:
            worker.kill()
        self._workers = []
        self._threads.shutdown(wait=False, cancel_futures=True)

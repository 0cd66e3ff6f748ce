"""Process-parallel analysis: each worker loads its own pipeline and analyses
chunks of articles. Results come back in input order; at most a few chunks are
in flight at once, so memory stays flat however long the input is."""

from __future__ import annotations

import itertools
import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Analysis, Article

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from .pipeline import Pipeline

_WORKER: Pipeline | None = None


def _init(config: dict[str, Any]) -> None:
    global _WORKER
    # Ctrl-C is the parent's to handle; workers end when the pool is torn down.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from .pipeline import Pipeline

    _WORKER = Pipeline(**config)


def _work(chunk: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if _WORKER is None:  # pragma: no cover - the pool initializer always runs first
        raise RuntimeError("worker pipeline not initialised")
    arts = [Article.from_dict(d) for d in chunk]
    return [a.to_dict() for a in _WORKER.pipe(arts)]


def parallel_pipe(
    pipeline: Pipeline, articles: Iterable[Article], *, batch_size: int, n_process: int
) -> Iterator[Analysis]:
    ctx = mp.get_context("spawn")
    it = iter(articles)
    pending: deque[AsyncResult[list[dict[str, Any]]]] = deque()
    with ctx.Pool(n_process, initializer=_init, initargs=(pipeline.config(),)) as pool:
        while True:
            while len(pending) < 2 * n_process:
                chunk = list(itertools.islice(it, batch_size))
                if not chunk:
                    break
                pending.append(pool.apply_async(_work, ([a.to_dict() for a in chunk],)))
            if not pending:
                break
            for data in pending.popleft().get():
                yield Analysis.from_dict(data)

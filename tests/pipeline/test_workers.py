"""Process-parallel analysis gives the same results as one process, in input order."""

from __future__ import annotations

import itertools

import pytest

from saywho.model import Article
from saywho.pipeline.pipeline import Pipeline

BODIES = [
    "“We will not give up,” Zelensky said on Monday.\n\nHe said more air defence was needed.",
    "Kremlin spokesman Dmitry Peskov said the talks were going nowhere.",
    "The weather in Kyiv was cold and grey on Tuesday.",
    "NATO Secretary-General Mark Rutte told reporters that allies must spend more.",
    "“The door is open,” Lukashenko said. “Nobody is coming.”",
]


@pytest.mark.slow
def test_two_workers_match_one_worker_in_order(pipeline: Pipeline) -> None:
    arts = [
        Article(text=f"{body}\n\nEdition {k}.", outlet="test")
        for k, body in zip(range(10), itertools.cycle(BODIES), strict=False)
    ]
    serial = [a.to_dict() for a in pipeline.pipe(arts)]
    parallel = [a.to_dict() for a in pipeline.pipe(iter(arts), n_process=2, batch_size=3)]
    assert [d["id"] for d in parallel] == [a.id for a in arts]
    assert parallel == serial


def test_chunks_are_cut_by_count_and_by_size() -> None:
    from saywho.pipeline.workers import chunks

    arts = [Article(text="x" * n) for n in (10, 10, 10, 50, 10, 10, 10, 10)]
    sizes = [[len(a.text) for a in c] for c in chunks(iter(arts), max_items=3, max_chars=30)]
    # a chunk closes at 3 articles or 30 characters; the 50-character article stands alone
    assert sizes == [[10, 10, 10], [50], [10, 10, 10], [10]]
    assert [a for c in chunks(iter(arts), 100, 10**9) for a in c] == arts
    assert list(chunks(iter([]), 3, 30)) == []

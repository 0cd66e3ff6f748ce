"""The speaker summaries give exactly what the live queries give, and are never stale."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from saywho.store import aggregates, open_store, summaries
from saywho.store.browse import prepare_connection

from ..store.storekit import analysis, quote
from .kit import LOPEZ, workbench_corpus


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.add(workbench_corpus())
    c = sqlite3.connect(path, isolation_level=None)
    prepare_connection(c)
    return c


@pytest.mark.parametrize("period", ["week", "month", "year"])
@pytest.mark.parametrize("key", [LOPEZ, "John Smith"])
def test_summaries_match_live_queries(conn: sqlite3.Connection, key: str, period: str) -> None:
    summaries.build(conn)
    live = aggregates.speaker_summary(conn, key, period=period)
    fast = summaries.speaker_summary(conn, key, period=period)
    assert fast == live
    assert summaries.list_speakers(conn) == aggregates.list_speakers(conn)


def test_recent_from_the_date_index_for_big_speakers(conn: sqlite3.Connection) -> None:
    summaries.build(conn)
    assert summaries._recent(conn, LOPEZ, 2, total=5000) == summaries._recent(
        conn, LOPEZ, 2, total=0
    )


def test_stale_after_any_change(conn: sqlite3.Connection, tmp_path: Path) -> None:
    assert not summaries.is_fresh(conn)
    summaries.build(conn)
    assert summaries.is_fresh(conn)
    text = 'More news. "Taxes stay," Lopez said.'
    with open_store(tmp_path / "s.db") as store:
        store.add(
            [
                analysis(
                    text,
                    [quote(text, '"Taxes stay,"', speaker="Maria Lopez", entity=LOPEZ)],
                    date="2024-07-01",
                    outlet="Daily Bugle",
                )
            ]
        )
    assert not summaries.is_fresh(conn)
    summaries.build(conn)
    assert summaries.speaker_summary(conn, LOPEZ)["quotes"] == 5

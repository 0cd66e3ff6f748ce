from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from saywho.errors import StoreError
from saywho.model import Analysis
from saywho.store import AddResult, Store

from .storekit import T1, T2, analysis, corpus, quote


def counts(store: Store) -> tuple[int, int, int, int]:
    c = store.conn
    return (
        c.execute("SELECT count(*) FROM articles").fetchone()[0],
        c.execute("SELECT count(*) FROM quotes").fetchone()[0],
        c.execute("SELECT count(*) FROM quotes_fts").fetchone()[0],
        c.execute("SELECT count(*) FROM articles_fts").fetchone()[0],
    )


def test_round_trip_equal_to_dict(store: Store) -> None:
    items = corpus()
    store.add(items)
    for a in items:
        got = store.get(a.id)
        assert got is not None
        assert got.to_dict() == a.to_dict()
        assert store.get_dict(a.id) == a.to_dict()
        assert got == a
    assert store.get("0" * 20) is None
    assert store.get_dict("0" * 20) is None


def test_columns_are_filled(filled: Store) -> None:
    a = corpus()[0]
    row = filled.conn.execute(
        "SELECT title, date, outlet, source_path, source_line, source_format, pipeline, "
        "analyzed_at FROM articles WHERE id = ?",
        (a.id,),
    ).fetchone()
    assert row[:7] == (
        "Mayor upbeat on prices",
        "2024-03-01",
        "Daily Bugle",
        "corpus.jsonl",
        1,
        "jsonl",
        "test-1",
    )
    assert row[7].startswith("20")
    q = filled.conn.execute(
        'SELECT kind, "start", "end", content_text, cue_text, speaker_name, speaker_entity, '
        "speaker_mention_text, confidence FROM quotes WHERE article_id = ? ORDER BY idx",
        (a.id,),
    ).fetchall()
    assert q[0] == (
        "indirect",
        0,
        29,
        "Inflation will fall next year",
        "said",
        "Ana Ruiz",
        "Q1",
        "Mayor Ana Ruiz",
        0.9,
    )
    assert q[1][5:8] == ("Ana Ruiz", None, "she")


def test_multi_span_content_joined(store: Store) -> None:
    text = '"We will win," she said, "and then we will rest."'
    a = analysis(
        text,
        [
            quote(
                text,
                ["We will win,", "and then we will rest."],
                speaker="Kim",
                mention="she",
                cue="said",
            )
        ],
    )
    store.add([a])
    (row,) = store.quotes()
    assert row.content == "We will win, … and then we will rest."
    assert (row.start, row.end) == (1, len(text) - 1)


def test_add_is_idempotent(store: Store) -> None:
    first = store.add(corpus())
    assert first == AddResult(added=4)
    before = counts(store)
    when = store.conn.execute("SELECT analyzed_at FROM articles ORDER BY id").fetchall()
    second = store.add(corpus())
    assert second == AddResult(unchanged=4)
    assert second.total == 4
    assert counts(store) == before == (4, 5, 5, 4)
    assert store.conn.execute("SELECT analyzed_at FROM articles ORDER BY id").fetchall() == when
    store.check()


def test_has_returns_pipeline(store: Store) -> None:
    a = corpus()[0]
    assert store.has(a.id) is None
    store.add([a])
    assert store.has(a.id) == "test-1"


def test_same_article_twice_in_one_batch(store: Store) -> None:
    a = corpus()[0]
    assert store.add([a, a]) == AddResult(added=1, unchanged=1)


def test_new_pipeline_replaces_quotes_and_fts(filled: Store) -> None:
    assert [r.content for r in filled.quotes(text="budget")] == ["The budget is balanced,"]
    new = analysis(
        T2,
        [
            quote(
                T2,
                "taxes would not rise",
                speaker="T. Baker",
                mention="The minister",
                cue="told reporters",
                kind="indirect",
            )
        ],
        title="Taxes frozen",
        date="2024-03-02",
        outlet="The Clarion",
        pipeline="test-2",
    )
    assert filled.add([new]) == AddResult(updated=1)
    assert filled.has(new.id) == "test-2"
    got = filled.get(new.id)
    assert got is not None and got.to_dict() == new.to_dict()
    assert list(filled.quotes(text="budget")) == []  # old quote gone from FTS
    assert [r.speaker for r in filled.quotes(text="taxes")] == ["T. Baker"]
    assert list(filled.quotes(speaker="Tom Baker")) == []
    assert [i for i, _ in filled.search_articles("frozen")] == [new.id]  # new title indexed
    assert list(filled.search_articles('"No tax rise"')) == []  # old title gone
    assert counts(filled) == (4, 4, 4, 4)
    filled.check()


def test_replace_older_false_keeps_old(filled: Store) -> None:
    a = corpus(pipeline="test-2")[1]
    assert filled.add([a], replace_older=False) == AddResult(unchanged=1)
    assert filled.has(a.id) == "test-1"


def test_stale(filled: Store) -> None:
    assert list(filled.stale("test-1")) == []
    filled.add(corpus(pipeline="test-2")[:1])
    stale = list(filled.stale("test-2"))
    assert {a.id for a in stale} == {a.id for a in corpus()[1:]}


def test_iterator_error_rolls_back_only_the_current_batch(store: Store) -> None:
    items = corpus()

    def broken() -> Iterator[Analysis]:
        yield from items[:3]
        raise RuntimeError("analyzer crashed")

    with pytest.raises(RuntimeError, match="analyzer crashed"):
        store.add(broken(), batch_size=2)
    # Batch 1 (items 0, 1) committed; batch 2 (item 2, then the error) wrote nothing.
    assert store.has(items[0].id) == "test-1"
    assert store.has(items[1].id) == "test-1"
    assert store.has(items[2].id) is None
    assert counts(store) == (2, 4, 4, 2)
    assert not store.conn.in_transaction
    store.check()
    # Re-running the whole ingest picks up where it stopped.
    assert store.add(items, batch_size=2) == AddResult(added=2, unchanged=2)


def test_database_error_rolls_back_whole_batch(store: Store) -> None:
    items = corpus()

    def boom() -> None:
        raise RuntimeError("disk on fire")

    store.conn.create_function("boom", 0, boom)
    store.conn.execute(
        "CREATE TEMP TRIGGER boom AFTER INSERT ON quotes WHEN NEW.speaker_name = 'Joe Park' "
        "BEGIN SELECT boom(); END"
    )
    with pytest.raises(StoreError, match="could not write articles"):
        store.add(items, batch_size=10)
    assert not store.conn.in_transaction
    assert counts(store) == (0, 0, 0, 0)
    store.conn.execute("DROP TRIGGER temp.boom")
    assert store.add(items).added == 4
    store.check()


def test_constraint_error_fails_one_article_only(store: Store) -> None:
    items = corpus()
    store.conn.execute(
        "CREATE TEMP TRIGGER veto BEFORE INSERT ON quotes WHEN NEW.speaker_name = 'Joe Park' "
        "BEGIN SELECT RAISE(ABORT, 'vetoed'); END"
    )
    result = store.add(items, batch_size=10)
    assert (result.added, result.failed) == (3, 1)
    assert result.failures == ((items[2].id, "vetoed"),)
    assert store.has(items[2].id) is None  # no half-written article
    assert counts(store) == (3, 4, 4, 3)
    store.check()


def test_streams_in_batches(store: Store) -> None:
    items = corpus()
    seen: list[int] = []

    def gen() -> Iterator[Analysis]:
        for a in items:
            # When item i is requested, batches before it are committed and visible.
            committed = sum(store.has(x.id) is not None for x in items)
            seen.append(committed)
            yield a

    assert store.add(gen(), batch_size=2).added == 4
    assert seen == [0, 0, 2, 2]


def test_bad_items(store: Store) -> None:
    good = corpus()[0]
    nan = analysis(T1, [quote(T1, "We are ready,", confidence=math.nan)], pipeline="x")
    nan_other = analysis(T1 + " More.", [quote(T1, "We are ready,")], layers={"blob": object()})
    result = store.add([nan, good, nan_other])
    assert (result.added, result.failed) == (1, 2)
    assert {i for i, _ in result.failures} == {nan.id, nan_other.id}
    assert result.to_dict()["failed"] == 2
    assert counts(store) == (1, 2, 2, 1)
    with pytest.raises(TypeError, match="Analysis"):
        store.add(["not an analysis"])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="batch_size"):
        store.add([good], batch_size=0)


def test_delete_keeps_fts_in_sync(filled: Store) -> None:
    a = corpus()[0]
    assert filled.delete(a.id) is True
    assert filled.delete(a.id) is False
    assert list(filled.quotes(text="inflation")) == []
    assert list(filled.search_articles("mayor")) == []
    assert counts(filled) == (3, 3, 3, 3)
    filled.check()


def test_rebuild_fts(filled: Store) -> None:
    filled.rebuild_fts()
    filled.check()
    assert len(list(filled.quotes(text="ready"))) == 1


def test_check_detects_out_of_sync_index(filled: Store) -> None:
    filled.conn.execute("UPDATE quotes SET content_text = 'zzz' WHERE idx = 0")
    with pytest.raises(StoreError, match="rebuild_fts"):
        filled.check()
    filled.rebuild_fts()
    filled.check()


def test_ingest_2000_small_articles(db_path: Path) -> None:
    def gen() -> Iterator[Analysis]:
        for i in range(2000):
            text = f'Official {i} said "budget item {i} is fine" on day {i % 28 + 1}.'
            yield analysis(
                text,
                [
                    quote(
                        text,
                        f"budget item {i} is fine",
                        speaker=f"Official {i % 50}",
                        mention=f"Official {i}",
                        cue="said",
                    )
                ],
                title=f"Story {i}",
                date=f"2024-02-{i % 28 + 1:02d}",
                outlet=f"Outlet {i % 7}",
                line=i + 1,
            )

    with Store(db_path) as s:
        result = s.add(gen(), batch_size=200)
        assert result == AddResult(added=2000)
        st = s.stats()
        assert (st.articles, st.quotes, st.speakers, st.outlets) == (2000, 2000, 50, 7)
        assert len(list(s.quotes(text="1999"))) == 1
        assert s.add(gen(), batch_size=200) == AddResult(unchanged=2000)
        s.check()
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2000

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from saywho.errors import StoreError
from saywho.store import SCHEMA_VERSION, Store, open_store

from .storekit import corpus


def test_new_database_has_schema_and_pragmas(store: Store, db_path: Path) -> None:
    assert db_path.exists()
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    versions = [r[0] for r in conn.execute("SELECT version FROM saywho_schema")]
    assert versions == list(range(1, SCHEMA_VERSION + 1))
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert {
        "articles",
        "quotes",
        "quotes_fts",
        "articles_fts",
        "quotes_speaker_name",
        "quotes_kind",
        "articles_date",
        "articles_outlet",
    } <= names


def test_reopen_keeps_data_and_does_not_migrate_again(db_path: Path) -> None:
    with open_store(db_path) as s:
        s.add(corpus())
    with Store(db_path) as s:
        assert s.stats().articles == 4
        rows = s.conn.execute("SELECT count(*) FROM saywho_schema").fetchone()[0]
        assert rows == SCHEMA_VERSION


def test_close_is_idempotent_and_closed_store_raises(db_path: Path) -> None:
    s = open_store(db_path)
    assert not s.closed
    s.close()
    s.close()
    assert s.closed
    assert "closed" in repr(s)
    with pytest.raises(StoreError, match="closed"):
        s.has("x")


def test_context_manager_closes(db_path: Path) -> None:
    with open_store(db_path) as s:
        pass
    assert s.closed


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.txt"
    bad.write_text("this is not sqlite at all, just some words\n" * 50)
    with pytest.raises(StoreError, match="is not a saywho database; pass --db") as info:
        open_store(bad)
    assert str(bad) in str(info.value)
    assert bad.read_text().startswith("this is not sqlite")  # untouched


def test_other_programs_sqlite_database(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("CREATE TABLE things(x)")
        conn.commit()
    with pytest.raises(StoreError, match="is not a saywho database"):
        open_store(other)
    with closing(sqlite3.connect(other)) as conn:
        conn.execute("PRAGMA user_version = 3")
    with pytest.raises(StoreError, match="is not a saywho database"):
        open_store(other)


def test_newer_schema_asks_to_upgrade(db_path: Path) -> None:
    open_store(db_path).close()
    with closing(sqlite3.connect(db_path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer saywho.*upgrade saywho"):
        open_store(db_path)


def test_missing_parent_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nope" / "x.db")
    assert not (tmp_path / "nope").exists()


def test_folder_as_path(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder"):
        open_store(tmp_path)


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with open_store(empty) as s:
        assert s.stats().articles == 0


def test_in_memory_store() -> None:
    with Store(":memory:") as s:
        assert s.add(corpus()).added == 4
        assert len(list(s.quotes())) == 5


def test_migration_to_a_later_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from saywho.store import schema

    with open_store(db_path) as s:
        s.add(corpus())
    later = SCHEMA_VERSION + 1
    monkeypatch.setitem(
        schema.MIGRATIONS,
        later,
        (
            "ALTER TABLE articles ADD COLUMN note TEXT",
            "CREATE INDEX articles_note ON articles(note)",
        ),
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", later)
    with open_store(db_path) as s:
        conn = s.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == later
        assert [r[0] for r in conn.execute("SELECT version FROM saywho_schema")] == list(
            range(1, later + 1)
        )
        assert conn.execute("SELECT count(note) FROM articles").fetchone()[0] == 0
        assert s.stats().articles == 4
    monkeypatch.undo()
    with pytest.raises(StoreError, match="newer saywho"):
        open_store(db_path)


def test_failed_migration_leaves_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from saywho.store import schema

    open_store(db_path).close()
    later = SCHEMA_VERSION + 1
    monkeypatch.setitem(
        schema.MIGRATIONS,
        later,
        (
            "CREATE TABLE half_done(x)",
            "THIS IS NOT SQL",
        ),
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", later)
    with pytest.raises(StoreError, match="cannot open"):
        open_store(db_path)
    monkeypatch.undo()
    with open_store(db_path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[0] for r in s.conn.execute("SELECT name FROM sqlite_master")}
        assert "half_done" not in names

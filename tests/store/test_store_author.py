"""Bylines in the store: ``Article.author`` kept in ``articles.doc`` and ``articles.author``,
and a store from before the column (schema v3) upgraded in place."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from saywho.model import Analysis
from saywho.store import SCHEMA_VERSION, Store, browse, open_store
from saywho.store.schema import MIGRATIONS, register_functions
from saywho.store.write import dump_doc

from .storekit import T1, T2, T3, T4, analysis, corpus, quote


def _bylined() -> list[Analysis]:
    return [
        analysis(T1, [quote(T1, '"We are ready,"', speaker="Ana Ruiz")], title="Ruiz",
                 date="2024-03-01", outlet="Daily Bugle", author="Susan Page"),
        analysis(T2, title="Budget", date="2024-03-02", author="By JIM RUTENBERG"),
        analysis(T4, title="Weather", date="2024-03-03"),
    ]  # fmt: skip


def test_round_trip_keeps_the_author(store: Store) -> None:
    items = _bylined()
    assert store.add(items).added == 3
    for a in items:
        stored = store.get(a.id)
        assert stored is not None
        assert stored.article.author == a.article.author
        assert stored.to_dict() == a.to_dict()
        data = store.get_dict(a.id)
        assert data is not None and data["author"] == a.article.author
    # the columns (what re-analysis reads back) carry it too
    assert {a.id: a.author for a in store.articles()} == {a.id: a.article.author for a in items}
    assert {a.id: a.author for a in store.stale("other-1")} == {
        a.id: a.article.author for a in items
    }
    column = dict(store.conn.execute("SELECT id, author FROM articles").fetchall())
    assert column == {a.id: a.article.author for a in items}
    store.check()


def test_list_and_search_rows_carry_the_author(store: Store) -> None:
    store.add(_bylined())
    rows = browse.list_articles(store.conn)
    assert [(r["title"], r["author"]) for r in rows] == [
        ("Weather", None),
        ("Budget", "By JIM RUTENBERG"),
        ("Ruiz", "Susan Page"),
    ]
    assert list(rows[0]) == ["id", "title", "date", "outlet", "url", "author", "quotes"]
    [found] = browse.search_articles(store.conn, "inflation")
    assert found["author"] == "Susan Page"


def test_reanalysis_replaces_the_author(store: Store) -> None:
    store.add([analysis(T3, author="Old Byline", pipeline="p-1")])
    result = store.add([analysis(T3, author=None, pipeline="p-2")])
    assert result.updated == 1
    [article] = store.articles()
    assert article.author is None
    assert store.conn.execute("SELECT author FROM articles").fetchone() == (None,)
    stored = store.get(article.id)
    assert stored is not None and stored.article.author is None


def _v3_database(path: Path, docs: list[dict[str, object]]) -> None:
    """A database as saywho wrote it at schema version 3, holding these JSON forms."""
    conn = sqlite3.connect(path, isolation_level=None)
    register_functions(conn)
    for version in (1, 2, 3):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO saywho_schema(version, applied_at, saywho) VALUES (?, 'x', 'old')",
            (version,),
        )
    conn.execute("PRAGMA user_version = 3")
    for doc in docs:
        source = doc["source"]
        assert isinstance(source, dict)
        conn.execute(
            "INSERT INTO articles(id, title, date, outlet, url, language, source_path, "
            "source_line, source_format, text, pipeline, analyzed_at, doc) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', ?)",
            (
                doc["id"], doc["title"], doc["date"], doc["outlet"], doc["url"],
                doc["language"], source["path"], source["line"], source["format"],
                doc["text"], doc["pipeline"], json.dumps(doc, separators=(",", ":")),
            ),
        )  # fmt: skip
    conn.execute(
        "INSERT INTO articles_fts(rowid, title, text) SELECT rowid, title, text FROM articles"
    )
    conn.close()


def test_a_version_3_database_gets_the_author_column(tmp_path: Path) -> None:
    old = [json.loads(dump_doc(a)) for a in corpus()]
    for doc in old:
        del doc["author"]  # stored before Article.author existed
    # written by a saywho with Article.author but without the column
    with_field = json.loads(dump_doc(analysis('He wrote "author":"x" once.', author="Susan Page")))
    path = tmp_path / "v3.db"
    _v3_database(path, [*old, with_field])

    with open_store(path) as s:
        conn = s.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        assert [r[0] for r in conn.execute("SELECT version FROM saywho_schema")] == [1, 2, 3, 4]
        authors = dict(conn.execute("SELECT id, author FROM articles").fetchall())
        assert authors == {**{d["id"]: None for d in old}, with_field["id"]: "Susan Page"}
        for doc in old:
            loaded = s.get(str(doc["id"]))
            assert loaded is not None and loaded.article.author is None
            data = s.get_dict(str(doc["id"]))
            assert data is not None
            assert list(data)[4:6] == ["url", "author"] and data["author"] is None
            assert {k: v for k, v in data.items() if k != "author"} == doc
        assert {a.id: a.author for a in s.articles()} == authors
        # and the upgraded store takes new bylines
        assert s.add([analysis("A new story.", author="Jane Doe")]).added == 1
        assert "Jane Doe" in {a.author for a in s.articles()}
        s.check()


@pytest.mark.parametrize(
    ("doc", "author"),
    [
        ('{"id":"x","author":"Susan Page"}', "Susan Page"),
        ('{"id":"x","author":null}', None),
        ('{"id":"x","author":42}', None),
        ('{"id":"x"}', None),
        ("[1, 2]", None),
        ("not json", None),
    ],
)
def test_doc_author_sql_function(doc: str, author: str | None) -> None:
    with Store(":memory:") as s:
        assert s.conn.execute("SELECT saywho_doc_author(?)", (doc,)).fetchone()[0] == author

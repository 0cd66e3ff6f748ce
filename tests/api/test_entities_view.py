"""With the entity tables of issue #3 in the store: canonical names and spellings.

The tables are created here by hand, with the columns the entity-linking store writes, so
these tests do not depend on the pipeline that fills them.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saywho.api import create_app
from saywho.store import open_store

from .kit import LOPEZ, workbench_corpus


@pytest.fixture
def entity_client(tmp_path: Path) -> TestClient:
    path = tmp_path / "e.db"
    with open_store(path) as store:
        store.add(workbench_corpus())
    conn = sqlite3.connect(path, isolation_level=None)
    # A store written by the entity-linking saywho (#3) has these tables already.
    conn.execute(
        "CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, origin TEXT)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS mentions (article_id TEXT, idx INTEGER, start INTEGER, "
        "end INTEGER, "
        "text TEXT, spelling TEXT, type TEXT, how TEXT, confidence REAL, auto_entity TEXT, "
        "entity TEXT)"
    )
    conn.execute(
        "INSERT INTO entities(id, name, type, origin) VALUES (?, 'María López Ruiz', 'PERSON', 'knowledge')",
        (LOPEZ,),
    )
    ids = dict(conn.execute("SELECT outlet, id FROM articles WHERE outlet IS NOT NULL"))
    rows = [
        (ids["Harbour Gazette"], 0, "Lopez", LOPEZ),
        (ids["The Clarion"], 0, "López", LOPEZ),
        (ids["Daily Bugle"], 0, "Lopez", LOPEZ),
        (ids["Daily Bugle"], 1, "Lopez", LOPEZ),
    ]
    conn.executemany(
        "INSERT INTO mentions(article_id, idx, start, end, text, spelling, type, how, "
        "confidence, auto_entity, entity) VALUES (?, ?, 0, 1, ?, ?, 'PERSON', 'name', 1.0, ?, ?)",
        [(a, i, s, s, e, e) for a, i, s, e in rows],
    )
    conn.close()
    return TestClient(create_app(path), raise_server_exceptions=False)


def test_speaker_shows_canonical_name_and_spellings(entity_client: TestClient) -> None:
    body = entity_client.get(f"/api/speakers/{LOPEZ}").json()
    assert body["name"] == "María López Ruiz"
    assert body["aliases"][0]["name"] == "Maria Lopez"
    assert [(s["spelling"], s["mentions"]) for s in body["spellings"]] == [
        ("Lopez", 3),
        ("López", 1),
    ]
    assert entity_client.get("/api/speakers").json()["items"][0]["name"] == "María López Ruiz"
    assert "María López Ruiz" in entity_client.get(f"/speakers/{LOPEZ}").text


def test_outlet_spelling_choices(entity_client: TestClient) -> None:
    body = entity_client.get("/api/outlets/The%20Clarion").json()
    assert body["spellings"] == [
        {
            "entity": LOPEZ,
            "name": "María López Ruiz",
            "spellings": [{"spelling": "López", "mentions": 1}],
        }
    ]
    assert "Spelling choices" in entity_client.get("/outlets/The%20Clarion").text


def test_no_entity_tables_no_spellings(client: TestClient) -> None:
    assert client.get(f"/api/speakers/{LOPEZ}").json()["spellings"] == []
    assert client.get("/api/outlets/Daily%20Bugle").json()["spellings"] == []

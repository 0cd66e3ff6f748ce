"""The store's DDL and its tiny migration mechanism.

The schema version lives in SQLite's ``PRAGMA user_version`` and, for people reading the
file with other tools, in the ``saywho_schema`` table (one row per applied migration).
``MIGRATIONS[n]`` holds the statements that take a database from version ``n - 1`` to ``n``;
to change the schema, append the next version, never edit an applied one.

Full-text search uses two FTS5 *external-content* tables, ``quotes_fts`` over
``quotes(content_text, speaker_name)`` and ``articles_fts`` over ``articles(title, text)``,
keyed by the content tables' rowids. There are no triggers: :mod:`saywho.store.write`
issues the FTS5 ``'delete'`` commands and inserts itself, in the same transaction as the
row changes.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..errors import StoreError
from .write import transaction

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "check_saywho_database",
    "migrate",
    "register_functions",
]

_V1 = (
    """
    CREATE TABLE saywho_schema (
        version     INTEGER PRIMARY KEY,
        applied_at  TEXT NOT NULL,
        saywho      TEXT
    )
    """,
    """
    CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        title         TEXT,
        date          TEXT,
        outlet        TEXT,
        url           TEXT,
        language      TEXT,
        source_path   TEXT,
        source_line   INTEGER,
        source_format TEXT,
        text          TEXT NOT NULL,
        pipeline      TEXT NOT NULL,
        analyzed_at   TEXT NOT NULL,
        doc           TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE quotes (
        article_id           TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx                  INTEGER NOT NULL,
        kind                 TEXT NOT NULL,
        "start"              INTEGER NOT NULL,
        "end"                INTEGER NOT NULL,
        content_text         TEXT NOT NULL,
        cue_text             TEXT,
        speaker_name         TEXT,
        speaker_entity       TEXT,
        speaker_mention_text TEXT,
        confidence           REAL NOT NULL,
        PRIMARY KEY (article_id, idx)
    )
    """,
    "CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE)",
    "CREATE INDEX quotes_kind ON quotes(kind)",
    "CREATE INDEX articles_date ON articles(date)",
    "CREATE INDEX articles_outlet ON articles(outlet)",
    "CREATE INDEX articles_pipeline ON articles(pipeline)",
    """
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        content_text, speaker_name,
        content='quotes', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content='articles', content_rowid='rowid',
        tokenize='unicode61 remove_diacritics 2'
    )
    """,
)

#: Entities (issue #3): the canonical entities the articles name, every mention of them,
#: and the user's overrides (merge, split, alias), which win over the pipeline's links.
#: ``mentions.auto_entity`` and ``quotes.speaker_auto_entity`` keep what the pipeline linked;
#: ``mentions.entity`` and ``quotes.speaker_entity`` are that with the overrides applied.
_V2 = (
    """
    CREATE TABLE entities (
        id      TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        type    TEXT NOT NULL,
        origin  TEXT NOT NULL CHECK (origin IN ('knowledge', 'auto', 'user'))
    )
    """,
    """
    CREATE TABLE mentions (
        article_id  TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        "start"     INTEGER NOT NULL,
        "end"       INTEGER NOT NULL,
        text        TEXT NOT NULL,
        spelling    TEXT NOT NULL,
        type        TEXT NOT NULL,
        how         TEXT NOT NULL,
        confidence  REAL NOT NULL,
        auto_entity TEXT,
        entity      TEXT,
        PRIMARY KEY (article_id, idx)
    )
    """,
    "CREATE INDEX mentions_entity ON mentions(entity)",
    "CREATE INDEX mentions_spelling ON mentions(spelling)",
    "ALTER TABLE quotes ADD COLUMN speaker_auto_entity TEXT",
    "UPDATE quotes SET speaker_auto_entity = speaker_entity",
    "CREATE INDEX quotes_speaker_entity ON quotes(speaker_entity)",
    """
    CREATE TABLE entity_overrides (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        action      TEXT NOT NULL CHECK (action IN ('merge', 'split', 'alias')),
        entity      TEXT NOT NULL,
        target      TEXT,
        spelling    TEXT,
        created_at  TEXT NOT NULL
    )
    """,
)

#: Entity names keyed for lookup (a name typed by a user finds its entity through an index,
#: not by comparing it with every stored entity): ``name_norm`` is the name folded for
#: comparison, ``skeleton`` its romanisation skeleton ("Zelenskyi" and "Zelensky" share one).
#: Filled by the SQL functions :func:`register_functions` adds to every connection.
_V3 = (
    "ALTER TABLE entities ADD COLUMN name_norm TEXT",
    "ALTER TABLE entities ADD COLUMN skeleton TEXT",
    "UPDATE entities SET name_norm = saywho_normalize(name), skeleton = saywho_name_key(name)",
    "CREATE INDEX entities_name_norm ON entities(name_norm)",
    "CREATE INDEX entities_skeleton ON entities(skeleton)",
)

#: The byline (``Article.author``) as a column. A doc stored before the field existed has
#: no ``author`` key and reads back with author None; a doc that has one (written by a saywho
#: with the field but not yet the column) gets it copied into the column. The ``instr`` test
#: keeps the copy to docs that hold a string ``author``: :func:`~saywho.store.write.dump_doc`
#: writes no spaces, and a ``"`` inside a string is escaped. Docs are never rewritten.
_V4 = (
    "ALTER TABLE articles ADD COLUMN author TEXT",
    'UPDATE articles SET author = saywho_doc_author(doc) WHERE instr(doc, \'"author":"\') > 0',
)

MIGRATIONS: dict[int, tuple[str, ...]] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}
SCHEMA_VERSION = max(MIGRATIONS)


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the schema uses: ``saywho_normalize(name)`` and ``saywho_name_key(name)``
    (see :func:`saywho.knowledge.normalize` and :func:`saywho.knowledge.name_key`), and
    ``saywho_doc_author(doc)``."""
    from ..knowledge import name_key, normalize

    conn.create_function("saywho_normalize", 1, _null_safe(normalize), deterministic=True)
    conn.create_function("saywho_name_key", 1, _null_safe(name_key), deterministic=True)
    conn.create_function("saywho_doc_author", 1, _doc_author, deterministic=True)


def _doc_author(doc: str | None) -> str | None:
    """SQL ``saywho_doc_author(doc)``: the ``author`` of a stored JSON form, if a string."""
    try:
        author = json.loads(doc or "").get("author")
    except (ValueError, AttributeError):
        return None
    return author if isinstance(author, str) else None


def _null_safe(f: Callable[[str], str]) -> Callable[[str | None], str | None]:
    return lambda value: None if value is None else f(value)


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
    ).fetchone()
    return row is not None


def check_saywho_database(conn: sqlite3.Connection, path: str | Path) -> int:
    """The schema version of the database behind ``conn``, or StoreError if it isn't ours.

    Raises StoreError for a file that is not SQLite, a SQLite database of another program,
    and a saywho database written by a newer saywho.
    """
    not_ours = StoreError(f"{path} is not a saywho database; pass --db with another path")
    try:
        version = _user_version(conn)
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            )
        ]
    except sqlite3.DatabaseError as e:  # "file is not a database", "... encrypted"
        raise not_ours from e
    if version == 0:
        if names:
            raise not_ours
        return 0
    if not _has_table(conn, "saywho_schema"):
        raise not_ours
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer saywho (database schema version {version}; "
            f"this saywho knows versions up to {SCHEMA_VERSION}); upgrade saywho "
            f"(pip install --upgrade saywho) to open it"
        )
    return version


def migrate(conn: sqlite3.Connection, path: str | Path) -> int:
    """Bring the database up to :data:`SCHEMA_VERSION`; returns the version it was at.

    Each step runs in its own ``BEGIN IMMEDIATE`` transaction and re-reads the version
    inside it, so two processes opening a new database at once do not both create it.
    """
    from .. import __version__

    start = check_saywho_database(conn, path)
    register_functions(conn)
    for target in range(start + 1, SCHEMA_VERSION + 1):
        with transaction(conn):
            if check_saywho_database(conn, path) >= target:
                continue
            for statement in MIGRATIONS[target]:
                conn.execute(statement)
            now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO saywho_schema(version, applied_at, saywho) VALUES (?, ?, ?)",
                (target, now, __version__),
            )
            conn.execute(f"PRAGMA user_version = {int(target)}")
    return start

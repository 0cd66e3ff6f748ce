"""Row-level writes for one article, keeping the FTS5 external-content tables in sync.

Every function here runs inside a transaction the caller opened; none commits. The FTS5
tables are external-content tables, so removing or changing a row means first telling FTS5
the *old* values (the ``'delete'`` command), then changing the row, then inserting the new
values. ``INSERT OR REPLACE`` is never used: it would give the row a new rowid behind FTS5's
back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from ..model import Analysis, Quote
from .entities import Override, effective, insert_entities

__all__ = [
    "delete_article",
    "dump_doc",
    "insert_article",
    "load_doc",
    "replace_article",
    "stored_pipeline",
    "transaction",
    "write_one",
]

# Per-article problems that make one article fail without aborting its batch.
_ITEM_ERRORS = (
    TypeError,
    ValueError,
    OverflowError,
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``, or ``ROLLBACK`` on any exception (even Ctrl-C)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


_ARTICLE_COLUMNS = (
    "title, date, outlet, url, language, source_path, source_line, source_format, "
    "text, pipeline, analyzed_at, doc, author"
)


def dump_doc(analysis: Analysis) -> str:
    """The JSON kept in ``articles.doc``: exactly ``analysis.to_dict()``.

    Raises TypeError/ValueError for layers that JSON cannot hold (objects, NaN): such an
    analysis could not come back unchanged, so it is refused rather than altered.
    """
    return json.dumps(
        analysis.to_dict(), ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )


def load_doc(raw: str) -> dict[str, Any]:
    """A stored ``articles.doc`` as a dict, with the fixed keys added since it was written.

    A doc stored before ``Article.author`` existed gets ``"author": null`` (after ``"url"``,
    where ``to_dict`` puts it), so every article read back has the keys of the JSON Schema.
    """
    data: dict[str, Any] = json.loads(raw)
    if "author" in data:
        return data
    out: dict[str, Any] = {}
    for key, value in data.items():
        out[key] = value
        if key == "url":
            out["author"] = None
    out.setdefault("author", None)
    return out


def _article_values(analysis: Analysis, doc: str, analyzed_at: str) -> tuple[Any, ...]:
    a = analysis.article
    return (
        a.title,
        a.date.isoformat() if a.date else None,
        a.outlet,
        a.url,
        a.language,
        a.source.path,
        a.source.line,
        a.source.format,
        a.text,
        analysis.pipeline,
        analyzed_at,
        doc,
        a.author,
    )


def _quote_values(
    article_id: str, idx: int, q: Quote, text: str, overrides: Sequence[Override]
) -> tuple[Any, ...]:
    mention = q.speaker.mention
    written = mention.text(text) if mention is not None else None
    return (
        article_id,
        idx,
        q.kind,
        q.start,
        q.end,
        q.content_text(text),
        q.cue.text(text) if q.cue is not None else None,
        q.speaker.name,
        effective(overrides, q.speaker.entity, written, q.speaker.name),
        written,
        float(q.confidence),
        q.speaker.entity,
    )


def stored_pipeline(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT pipeline FROM articles WHERE id = ?", (article_id,)).fetchone()
    return None if row is None else str(row[0])


def _insert_quotes(
    conn: sqlite3.Connection, analysis: Analysis, overrides: Sequence[Override]
) -> None:
    aid, text = analysis.id, analysis.article.text
    conn.executemany(
        'INSERT INTO quotes(article_id, idx, kind, "start", "end", content_text, cue_text, '
        "speaker_name, speaker_entity, speaker_mention_text, confidence, speaker_auto_entity) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (_quote_values(aid, i, q, text, overrides) for i, q in enumerate(analysis.quotes)),
    )
    insert_entities(conn, analysis, overrides)
    conn.execute(
        "INSERT INTO quotes_fts(rowid, content_text, speaker_name) "
        "SELECT rowid, content_text, speaker_name FROM quotes WHERE article_id = ?",
        (aid,),
    )


def _delete_quotes(conn: sqlite3.Connection, article_id: str) -> None:
    conn.execute(
        "INSERT INTO quotes_fts(quotes_fts, rowid, content_text, speaker_name) "
        "SELECT 'delete', rowid, content_text, speaker_name FROM quotes WHERE article_id = ?",
        (article_id,),
    )
    conn.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))


def _fts_article(conn: sqlite3.Connection, article_id: str, *, delete: bool) -> None:
    cmd = "'delete', " if delete else ""
    cols = "articles_fts, rowid, title, text" if delete else "rowid, title, text"
    conn.execute(
        f"INSERT INTO articles_fts({cols}) "
        f"SELECT {cmd}rowid, title, text FROM articles WHERE id = ?",
        (article_id,),
    )


def insert_article(
    conn: sqlite3.Connection,
    analysis: Analysis,
    doc: str,
    analyzed_at: str,
    overrides: Sequence[Override] = (),
) -> None:
    """Store a new article and its quotes."""
    conn.execute(
        f"INSERT INTO articles(id, {_ARTICLE_COLUMNS}) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (analysis.id, *_article_values(analysis, doc, analyzed_at)),
    )
    _fts_article(conn, analysis.id, delete=False)
    _insert_quotes(conn, analysis, overrides)


def replace_article(
    conn: sqlite3.Connection,
    analysis: Analysis,
    doc: str,
    analyzed_at: str,
    overrides: Sequence[Override] = (),
) -> None:
    """Overwrite a stored article (same id) and replace all its quotes."""
    aid = analysis.id
    _delete_quotes(conn, aid)
    _fts_article(conn, aid, delete=True)
    assignments = ", ".join(f"{c} = ?" for c in _ARTICLE_COLUMNS.split(", "))
    conn.execute(
        f"UPDATE articles SET {assignments} WHERE id = ?",
        (*_article_values(analysis, doc, analyzed_at), aid),
    )
    _fts_article(conn, aid, delete=False)
    _insert_quotes(conn, analysis, overrides)


def delete_article(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove an article and its quotes; False if it was not stored."""
    if stored_pipeline(conn, article_id) is None:
        return False
    _delete_quotes(conn, article_id)
    _fts_article(conn, article_id, delete=True)
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return True


def write_one(
    conn: sqlite3.Connection,
    analysis: Analysis,
    replace_older: bool,
    analyzed_at: str,
    overrides: Sequence[Override] = (),
) -> str | tuple[str, str]:
    """Store one analysis inside the caller's transaction.

    Returns ``"added"``, ``"updated"`` or ``"unchanged"``, or ``(article id, reason)`` when
    this article cannot be stored; its partial writes are then undone (a savepoint) and the
    rest of the batch goes on.
    """
    aid = analysis.id
    try:
        doc = dump_doc(analysis)
    except (TypeError, ValueError) as e:
        return (aid, f"cannot be stored as JSON: {e}")
    old = stored_pipeline(conn, aid)
    if old is not None and (old == analysis.pipeline or not replace_older):
        return "unchanged"
    conn.execute("SAVEPOINT saywho_article")
    try:
        if old is None:
            insert_article(conn, analysis, doc, analyzed_at, overrides)
        else:
            replace_article(conn, analysis, doc, analyzed_at, overrides)
    except _ITEM_ERRORS as e:
        conn.execute("ROLLBACK TO saywho_article")
        conn.execute("RELEASE saywho_article")
        return (aid, str(e) or type(e).__name__)
    conn.execute("RELEASE saywho_article")
    return "added" if old is None else "updated"

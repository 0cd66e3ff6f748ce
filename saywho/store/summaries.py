"""Per-speaker summaries kept beside the store, so speaker pages stay fast on large stores.

A speaker quoted 70,000 times makes every live aggregate (timeline, outlets, names, repeated
statements) a join over 70,000 rows. These tables hold those aggregates per speaker and day,
built in one pass over the store and rebuilt when the store changes:

* ``wb_speaker_days(key, date, quotes)`` and
  ``wb_speaker_outlets(key, outlet, quotes, articles, first, last)``
* ``wb_speaker_names(key, name, mention, entity, quotes)``
* ``wb_speaker_repeats(key, content, times, outlets, first, last)`` (statements said 2+ times)

They are derived data, like an index: created with ``IF NOT EXISTS`` (no migration), never
read by anything but the workbench, and stamped with a fingerprint of the store (row counts
and largest rowids of ``quotes`` and ``articles``) so stale summaries are never used.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from .aggregates import summary_dict
from .browse import KEY, NORM_SQL, QUOTE_COLUMNS, quote_row

__all__ = ["build", "fingerprint", "is_fresh", "list_speakers", "speaker_summary"]


_DDL = (
    "CREATE TABLE IF NOT EXISTS wb_state (name TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS wb_speaker_days (key TEXT NOT NULL, date TEXT, quotes INTEGER)",
    "CREATE INDEX IF NOT EXISTS wb_speaker_days_key ON wb_speaker_days(key, date)",
    "CREATE TABLE IF NOT EXISTS wb_speaker_outlets (key TEXT NOT NULL, outlet TEXT, "
    "quotes INTEGER, articles INTEGER, first TEXT, last TEXT)",
    "CREATE INDEX IF NOT EXISTS wb_speaker_outlets_key ON wb_speaker_outlets(key, quotes)",
    "CREATE TABLE IF NOT EXISTS wb_speaker_names ("
    "key TEXT NOT NULL, name TEXT, mention TEXT, entity TEXT, quotes INTEGER)",
    "CREATE INDEX IF NOT EXISTS wb_speaker_names_key ON wb_speaker_names(key)",
    "CREATE TABLE IF NOT EXISTS wb_speaker_repeats ("
    "key TEXT NOT NULL, content TEXT, times INTEGER, outlets INTEGER, first TEXT, last TEXT)",
    "CREATE INDEX IF NOT EXISTS wb_speaker_repeats_key ON wb_speaker_repeats(key, times DESC)",
)

_TABLES = ("wb_speaker_days", "wb_speaker_outlets", "wb_speaker_names", "wb_speaker_repeats")

_FILL = (
    f"INSERT INTO wb_speaker_outlets SELECT {KEY} AS k, a.outlet, count(*), "
    "count(DISTINCT q.article_id), min(a.date), max(a.date) "
    "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
    "WHERE k IS NOT NULL GROUP BY k, a.outlet",
    f"INSERT INTO wb_speaker_days SELECT {KEY} AS k, a.date, count(*) "
    "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
    "WHERE k IS NOT NULL AND a.date IS NOT NULL GROUP BY k, a.date",
    f"INSERT INTO wb_speaker_names SELECT {KEY} AS k, q.speaker_name, q.speaker_mention_text, "
    "q.speaker_entity, count(*) FROM quotes AS q WHERE k IS NOT NULL "
    "GROUP BY k, q.speaker_name, q.speaker_mention_text, q.speaker_entity",
    f"INSERT INTO wb_speaker_repeats SELECT {KEY} AS k, min(q.content_text), count(*) AS n, "
    "count(DISTINCT a.outlet), min(a.date), max(a.date) "
    "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
    f"WHERE k IS NOT NULL GROUP BY k, {NORM_SQL} HAVING n > 1",
)


#: Bump when the summary tables change shape: older ones are then dropped and rebuilt.
SUMMARY_VERSION = 2


def fingerprint(conn: sqlite3.Connection) -> str:
    """Changes whenever quotes or articles are added, replaced or deleted."""
    q = conn.execute("SELECT count(*), max(rowid) FROM quotes").fetchone()
    a = conn.execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    return f"v{SUMMARY_VERSION}:{q[0]}:{q[1]}:{a[0]}:{a[1]}"


def is_fresh(conn: sqlite3.Connection) -> bool:
    """True when the summaries exist and describe the store as it is."""
    try:
        row = conn.execute("SELECT value FROM wb_state WHERE name = 'summaries'").fetchone()
    except sqlite3.OperationalError:  # not created yet
        return False
    return row is not None and row[0] == fingerprint(conn)


def build(conn: sqlite3.Connection) -> dict[str, Any]:
    """(Re)build every summary in one transaction; returns their row counts."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in _TABLES:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        for statement in _DDL:
            conn.execute(statement)
        for statement in _FILL:
            conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO wb_state(name, value) VALUES ('summaries', ?)",
            (fingerprint(conn),),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES}


def _period(period: str) -> str:
    if period == "week":
        return "date(d.date, 'weekday 0', '-6 days')"
    if period == "month":
        return "substr(d.date, 1, 7)"
    return "substr(d.date, 1, 4)"


def list_speakers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """As :func:`saywho.store.aggregates.list_speakers`, from the summaries."""
    names: dict[str, tuple[str | None, str | None]] = {}
    for key, name, entity in conn.execute(
        "SELECT key, min(name), max(entity) FROM wb_speaker_names GROUP BY key"
    ):
        names[key] = (name, entity)
    rows = conn.execute(
        "SELECT key, sum(quotes) AS n, sum(articles), min(first), max(last) "
        "FROM wb_speaker_outlets GROUP BY key ORDER BY n DESC, key"
    )
    out = []
    for key, n, na, first, last in rows:
        name, entity = names.get(key, (None, None))
        out.append(
            {
                "key": key,
                "name": name or key,
                "entity": entity,
                "quotes": n,
                "articles": na,
                "first": first,
                "last": last,
            }
        )
    return out


def _recent(conn: sqlite3.Connection, key: str, top: int, total: int) -> list[dict[str, Any]]:
    if total > 2000:
        # Start from the newest days that hold enough of this speaker's quotes, so the
        # articles' date index does the work instead of a join over every quote.
        since, seen = None, 0
        for date, n in conn.execute(
            "SELECT date, quotes FROM wb_speaker_days WHERE key = ? ORDER BY date DESC", (key,)
        ):
            since, seen = date, seen + n
            if seen >= top:
                break
        if since is not None and seen >= top:
            rows = conn.execute(
                f"SELECT {QUOTE_COLUMNS} FROM articles AS a CROSS JOIN quotes AS q "
                # "|| ''" keeps the speaker-key index out: articles by date drive the join
                f"ON q.article_id = a.id WHERE a.date >= ? AND {KEY} || '' = ? "
                "ORDER BY a.date DESC, q.article_id, q.idx LIMIT ?",
                (since, key, top),
            ).fetchall()
            return [quote_row(r) for r in rows]
    rows = conn.execute(
        f"SELECT {QUOTE_COLUMNS} FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
        f"WHERE {KEY} = ? ORDER BY a.date DESC, q.article_id, q.idx LIMIT ?",
        (key, top),
    ).fetchall()
    return [quote_row(r) for r in rows]


def speaker_summary(
    conn: sqlite3.Connection, key: str, *, period: str = "month", top: int = 10
) -> dict[str, Any]:
    """As :func:`saywho.store.aggregates.speaker_summary`, from the (fresh) summaries."""
    by_name: dict[str, int] = {}
    by_mention: dict[str, int] = {}
    entity = None
    for name, mention, ent, n in conn.execute(
        "SELECT name, mention, entity, quotes FROM wb_speaker_names WHERE key = ?", (key,)
    ):
        if name is not None:
            by_name[name] = by_name.get(name, 0) + n
        if mention is not None:
            by_mention[mention] = by_mention.get(mention, 0) + n
        entity = max(entity or "", ent or "") or None
    names = sorted(by_name.items(), key=lambda kv: (-kv[1], kv[0]))
    mentions = sorted(by_mention.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    outlets = conn.execute(
        "SELECT outlet, quotes, articles, first, last FROM wb_speaker_outlets WHERE key = ? "
        "ORDER BY quotes DESC, outlet LIMIT ?",
        (key, top * 2),
    ).fetchall()
    n, na, first, last = conn.execute(
        "SELECT sum(quotes), sum(articles), min(first), max(last) FROM wb_speaker_outlets "
        "WHERE key = ?",
        (key,),
    ).fetchone()
    timeline = conn.execute(
        f"SELECT {_period(period)} AS p, sum(quotes) FROM wb_speaker_days AS d WHERE key = ? "
        "GROUP BY p ORDER BY p",
        (key,),
    ).fetchall()
    repeated = conn.execute(
        "SELECT content, times, outlets, first, last FROM wb_speaker_repeats WHERE key = ? "
        "ORDER BY times DESC, content LIMIT ?",
        (key, top),
    ).fetchall()
    return summary_dict(
        key,
        entity=entity,
        names=names,
        mentions=mentions,
        counts=(n, na, first, last),
        period=period,
        timeline=timeline,
        outlets=outlets,
        recent=_recent(conn, key, top, n or 0),
        repeated=repeated,
    )

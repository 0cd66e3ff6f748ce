"""Read queries: quotes with filters, article search and listing, and store statistics.

Every user value reaches SQLite as a bound parameter; the only text spliced into SQL is
saywho's own (column lists, ``WHERE`` clauses built from fixed fragments). Full-text
queries go through :func:`saywho.store.fts.match_expression`, so no input can make FTS5
raise a syntax error.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Iterator
from typing import Any

from ..errors import StoreError
from ..model import QUOTE_KINDS, Article, Source
from .entities import find_entities
from .fts import match_expression
from .rows import QuoteRow, StoreStats

__all__ = [
    "DateLike",
    "date_where",
    "fold",
    "iter_rows",
    "select_articles",
    "select_quotes",
    "search_articles",
    "stats",
]

DateLike = str | _dt.date

_FETCH = 256

_QUOTE_SELECT = (
    'SELECT q.article_id, q.idx, q.kind, q."start", q."end", q.content_text, q.cue_text, '
    "coalesce(e.name, q.speaker_name), q.speaker_entity, q.speaker_mention_text, q.confidence, "
    "a.date, a.outlet, a.title, a.source_path "
    "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id "
    "LEFT JOIN entities AS e ON e.id = q.speaker_entity"
)

_ARTICLE_SELECT = (
    "SELECT text, title, date, outlet, url, language, source_path, source_line, "
    "source_format, author FROM articles"
)


def fold(value: object) -> str | None:
    """SQL function ``saywho_fold``: Unicode case folding (SQLite's lower() is ASCII-only)."""
    return value.casefold() if isinstance(value, str) else None


def iso_date(value: DateLike | None, name: str) -> str | None:
    """``value`` as an ISO ``YYYY-MM-DD`` string; StoreError if it is not a date."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise StoreError(
            f"{name}={value!r} is not a date; write it as YYYY-MM-DD, e.g. 2024-03-01"
        ) from None


def _limit(limit: int | None, offset: int) -> tuple[int, int]:
    if limit is not None and limit < 0:
        raise StoreError(f"limit must be 0 or more, not {limit}")
    if offset < 0:
        raise StoreError(f"offset must be 0 or more, not {offset}")
    return (-1 if limit is None else int(limit)), int(offset)


def date_where(
    where: list[str], params: list[Any], since: DateLike | None, until: DateLike | None
) -> None:
    """Add inclusive ``a.date`` bounds to a WHERE list; StoreError for a value not a date."""
    lo, hi = iso_date(since, "since"), iso_date(until, "until")
    if lo is not None:
        where.append("a.date >= ?")
        params.append(lo)
    if hi is not None:
        where.append("a.date <= ?")
        params.append(hi)


def iter_rows(cursor: sqlite3.Cursor) -> Iterator[Any]:
    """Stream a cursor's rows in chunks, closing it when done or abandoned."""
    try:
        while rows := cursor.fetchmany(_FETCH):
            yield from rows
    finally:
        cursor.close()


def _article(row: Any) -> Article:
    text, title, date, outlet, url, language, path, line, fmt, author = row
    return Article(
        text=text,
        title=title,
        date=_dt.date.fromisoformat(date) if date else None,
        outlet=outlet,
        url=url,
        language=language or "en",
        source=Source(path=path, line=line, format=fmt),
        author=author,
    )


def select_articles(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    limit: int | None = None,
    not_pipeline: str | None = None,
) -> Iterator[Article]:
    where: list[str] = []
    params: list[Any] = []
    if outlet is not None:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    date_where(where, params, since, until)
    if not_pipeline is not None:
        where.append("a.pipeline <> ?")
        params.append(not_pipeline)
    lim, _ = _limit(limit, 0)
    sql = _ARTICLE_SELECT + " AS a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.date, a.id LIMIT ?"
    cursor = conn.execute(sql, (*params, lim))
    return (_article(r) for r in iter_rows(cursor))


def select_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: str | None = None,
    text: str | None = None,
    since: DateLike | None = None,
    until: DateLike | None = None,
    outlet: str | None = None,
    kind: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    about: str | None = None,
) -> Iterator[QuoteRow]:
    where: list[str] = []
    params: list[Any] = []
    if about is not None and about.strip():
        topics = find_entities(conn, about)
        if not topics:
            return iter(())
        where.append(
            "EXISTS (SELECT 1 FROM mentions AS m WHERE m.article_id = q.article_id "
            f"AND m.entity IN ({', '.join('?' * len(topics))}) "
            'AND m."start" >= q."start" AND m."end" <= q."end")'
        )
        params += topics
    if speaker is not None and speaker.strip():
        # by any name or spelling of the entity ("Zelenskiy" finds "Zelensky"), or by words
        # of the speaker's name or mention as written
        needle = speaker.strip().casefold()
        ids = find_entities(conn, speaker)
        by_entity = f"q.speaker_entity IN ({', '.join('?' * len(ids))}) OR " if ids else ""
        where.append(
            f"({by_entity}instr(saywho_fold(q.speaker_name), ?) > 0 "
            "OR instr(saywho_fold(q.speaker_mention_text), ?) > 0)"
        )
        params += [*ids, needle, needle]
    if text is not None:
        expr = match_expression(text, columns=("content_text",))
        if expr is None:
            return iter(())
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(expr)
    date_where(where, params, since, until)
    if outlet is not None:
        where.append("a.outlet = ? COLLATE NOCASE")
        params.append(outlet)
    if kind is not None:
        if kind not in QUOTE_KINDS:
            raise StoreError(f"unknown quote kind {kind!r}; use one of {', '.join(QUOTE_KINDS)}")
        where.append("q.kind = ?")
        params.append(kind)
    lim, off = _limit(limit, offset)
    sql = _QUOTE_SELECT
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY a.date, a.id, q.idx LIMIT ? OFFSET ?"
    cursor = conn.execute(sql, (*params, lim, off))
    return (QuoteRow(*r) for r in iter_rows(cursor))


def search_articles(
    conn: sqlite3.Connection,
    query: str,
    limit: int = 20,
    *,
    marks: tuple[str, str] = ("«", "»"),
    tokens: int = 16,
) -> Iterator[tuple[str, str]]:
    expr = match_expression(query)
    if expr is None:
        return iter(())
    lim, _ = _limit(limit, 0)
    cursor = conn.execute(
        "SELECT a.id, snippet(articles_fts, -1, ?, ?, '…', ?) "
        "FROM articles_fts JOIN articles AS a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? ORDER BY articles_fts.rank, a.id LIMIT ?",
        (marks[0], marks[1], max(1, min(int(tokens), 64)), expr, lim),
    )
    return ((str(i), str(s)) for i, s in iter_rows(cursor))


def stats(conn: sqlite3.Connection, *, top: int = 10) -> StoreStats:
    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()

    n_articles, n_outlets, first, last = one(
        "SELECT count(*), count(DISTINCT outlet COLLATE NOCASE), min(date), max(date) FROM articles"
    )
    n_quotes, n_speakers = one(
        "SELECT count(*), count(DISTINCT saywho_fold(coalesce(e.name, q.speaker_name))) "
        "FROM quotes AS q LEFT JOIN entities AS e ON e.id = q.speaker_entity"
    )
    by_kind = dict(
        conn.execute(
            "SELECT kind, count(*) FROM quotes GROUP BY kind ORDER BY count(*) DESC, kind"
        ).fetchall()
    )
    top_speakers = [
        (str(n), int(c))
        for n, c in conn.execute(
            "SELECT coalesce(min(e.name), min(q.speaker_name)), count(*) AS n FROM quotes AS q "
            "LEFT JOIN entities AS e ON e.id = q.speaker_entity "
            "WHERE q.speaker_name IS NOT NULL OR q.speaker_entity IS NOT NULL "
            "GROUP BY saywho_fold(coalesce(e.name, q.speaker_name)) "
            "ORDER BY n DESC, 1 LIMIT ?",
            (top,),
        )
    ]
    by_outlet = [
        (o, int(a), int(q))
        for o, a, q in conn.execute(
            "SELECT min(a.outlet) AS o, count(*) AS na, coalesce(sum(qc.n), 0) AS nq "
            "FROM articles AS a "
            "LEFT JOIN (SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) AS qc "
            "ON qc.article_id = a.id GROUP BY a.outlet COLLATE NOCASE "
            "ORDER BY na DESC, nq DESC, o IS NULL, o"
        )
    ]
    pipelines = dict(
        conn.execute(
            "SELECT pipeline, count(*) FROM articles GROUP BY pipeline ORDER BY count(*) DESC"
        ).fetchall()
    )
    return StoreStats(
        articles=int(n_articles),
        quotes=int(n_quotes),
        speakers=int(n_speakers),
        outlets=int(n_outlets),
        first_date=first,
        last_date=last,
        by_kind=by_kind,
        top_speakers=top_speakers,
        by_outlet=by_outlet,
        pipelines=pipelines,
    )

"""Read queries for the workbench (REST API and web UI): pages of articles and quotes,
speakers, outlets, full-text search with snippets.

Speakers are keyed by ``COALESCE(speaker_entity, speaker_name)``: a canonical entity id
(a Wikidata QID such as ``Q3874799``) once entity linking fills ``speaker_entity``, else the
resolved name. :func:`resolve_speaker` turns either an entity id or a name (any case) into
that key, so both work in URLs.

Every user value is a bound parameter; FTS queries go through
:func:`saywho.store.ftsquery.compile_query`. Results are plain dicts, ready for JSON.
Lists have a stable ``ORDER BY`` ending in a unique key, so limit/offset pages never skip
or repeat a row while the data does not change.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from typing import Any

from .ftsquery import compile_query, highlight
from .query import date_where, fold

__all__ = [
    "KEY",
    "NORM_SQL",
    "PERIODS",
    "SpeakerKey",
    "article_row",
    "ensure_indexes",
    "list_articles",
    "list_quotes",
    "norm_text",
    "prepare_connection",
    "resolve_speaker",
    "search_articles",
    "search_quotes",
]

#: The speaker key of a quote row aliased ``q``.
KEY = "COALESCE(q.speaker_entity, q.speaker_name)"
PERIODS = ("week", "month", "year")
#: Case-folded (ASCII), without surrounding quote marks and punctuation: repeated statements.
NORM_SQL = "lower(trim(q.content_text, ' \"''“”‘’«»,.;:!?…'))"

QUOTE_COLUMNS = (
    'q.article_id, q.idx, q.kind, q."start", q."end", q.content_text, q.cue_text, '
    f"q.speaker_name, q.speaker_entity, q.speaker_mention_text, q.confidence, {KEY}, "
    "a.date, a.outlet, a.title"
)
_QUOTE_NAMES = (
    "article_id",
    "idx",
    "kind",
    "start",
    "end",
    "content",
    "cue",
    "speaker",
    "speaker_entity",
    "speaker_mention",
    "confidence",
    "speaker_key",
    "date",
    "outlet",
    "title",
)

SpeakerKey = str


def norm_text(value: object) -> str | None:
    """SQL ``saywho_norm``: case-folded letters and digits only, single-spaced (for grouping
    the same words written with other punctuation or quote marks)."""
    if not isinstance(value, str):
        return None
    out = []
    for ch in unicodedata.normalize("NFKC", value).casefold():
        out.append(ch if ch.isalnum() else " ")
    return " ".join("".join(out).split())


def prepare_connection(conn: sqlite3.Connection) -> None:
    """The SQL functions the workbench's queries use."""
    conn.create_function("saywho_fold", 1, fold, deterministic=True)
    conn.create_function("saywho_norm", 1, norm_text, deterministic=True)


def ensure_indexes(conn: sqlite3.Connection) -> None:
    """Indexes the workbench needs beyond the store's own (idempotent, no migration)."""
    conn.execute(
        "CREATE INDEX IF NOT EXISTS quotes_speaker_key "
        "ON quotes(COALESCE(speaker_entity, speaker_name))"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS articles_outlet_date ON articles(outlet, date)")


def quote_row(row: tuple[Any, ...]) -> dict[str, Any]:
    d = dict(zip(_QUOTE_NAMES, row, strict=True))
    d["id"] = f"{d['article_id']}:{d['idx']}"
    return d


def _page(sql: str, where: list[str], order: str) -> str:
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + " ORDER BY " + order + " LIMIT ? OFFSET ?"


def article_row(row: tuple[Any, ...]) -> dict[str, Any]:
    aid, title, date, outlet, url, author, n = row
    return {
        "id": aid,
        "title": title,
        "date": date,
        "outlet": outlet,
        "url": url,
        "author": author,
        "quotes": n,
    }


def list_articles(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Articles, newest first (undated last), then by id."""
    where: list[str] = []
    params: list[Any] = []
    if outlet is not None:
        where.append("a.outlet = ?")
        params.append(outlet)
    date_where(where, params, since, until)
    if q:
        where.append("a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(compile_query(q))
    sql = _page(
        "SELECT a.id, a.title, a.date, a.outlet, a.url, a.author, "
        "(SELECT count(*) FROM quotes WHERE article_id = a.id) FROM articles AS a",
        where,
        "a.date DESC, a.id",
    )
    return [article_row(r) for r in conn.execute(sql, (*params, limit, offset))]


def speaker_where(key: SpeakerKey) -> tuple[str, list[Any]]:
    """The WHERE fragment selecting the quotes of the speaker ``key`` (see resolve_speaker)."""
    return f"{KEY} = ?", [key]


def list_quotes(
    conn: sqlite3.Connection,
    *,
    speaker: SpeakerKey | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    article: str | None = None,
    limit: int = 50,
    offset: int = 0,
    oldest_first: bool = False,
) -> list[dict[str, Any]]:
    """Quotes with their article's date, outlet and title; newest first by default."""
    where: list[str] = []
    params: list[Any] = []
    if speaker is not None:
        frag, ps = speaker_where(speaker)
        where.append(frag)
        params += ps
    if outlet is not None:
        where.append("a.outlet = ?")
        params.append(outlet)
    date_where(where, params, since, until)
    if kind is not None:
        where.append("q.kind = ?")
        params.append(kind)
    if article is not None:
        where.append("q.article_id = ?")
        params.append(article)
    if q:
        where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append("{content_text} : (" + compile_query(q) + ")")
    order = "a.date, q.article_id, q.idx" if oldest_first else "a.date DESC, q.article_id, q.idx"
    source = "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"
    if speaker is not None and article is None and _is_big(conn, speaker):
        # Walk articles by date and keep this speaker's quotes: a join sorted over tens of
        # thousands of quotes would cost far more than the few articles a page needs.
        source = "FROM articles AS a CROSS JOIN quotes AS q ON q.article_id = a.id"
        where[0] = f"{KEY} || '' = ?"  # the speaker's condition, added first above
    sql = _page(f"SELECT {QUOTE_COLUMNS} {source}", where, order)
    return [quote_row(r) for r in conn.execute(sql, (*params, limit, offset))]


BIG_SPEAKER = 2000


def _is_big(conn: sqlite3.Connection, key: SpeakerKey) -> bool:
    """Whether the speaker has more than :data:`BIG_SPEAKER` quotes (an index-only count)."""
    row = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM quotes AS q WHERE {KEY} = ? LIMIT ?)",
        (key, BIG_SPEAKER + 1),
    ).fetchone()
    return int(row[0]) > BIG_SPEAKER


def resolve_speaker(conn: sqlite3.Connection, key: str) -> SpeakerKey | None:
    """The canonical key for ``key`` (an entity id, or a name in any case), or None.

    A name whose quotes carry an entity id resolves to that id (the one most of them carry).
    """
    key = key.strip()
    if not key:
        return None
    exact = conn.execute(f"SELECT 1 FROM quotes AS q WHERE {KEY} = ? LIMIT 1", (key,)).fetchone()
    if exact is not None:
        return key
    row = conn.execute(
        f"SELECT {KEY} AS k, count(*) AS n FROM quotes AS q "
        "WHERE q.speaker_name = ? COLLATE NOCASE GROUP BY k ORDER BY n DESC, k LIMIT 1",
        (key,),
    ).fetchone()
    if row is None:
        row = conn.execute(
            f"SELECT {KEY} AS k FROM quotes AS q WHERE q.speaker_entity = ? COLLATE NOCASE LIMIT 1",
            (key,),
        ).fetchone()
    return None if row is None else str(row[0])


#: Search orders the most recently stored matches, this many plus the offset, so a query
#: matching half the store costs about what a rare one costs.
SEARCH_WINDOW = 500
SORTS = ("date", "relevance")


def _ranked_page(
    conn: sqlite3.Connection,
    candidates_sql: str,
    params: list[Any],
    limit: int,
    offset: int,
    sort: str,
) -> list[int]:
    """Rowids of one page of the window's candidates: newest publication date first (undated
    last, then article id and position), or by FTS5 rank (``relevance``: slower, since FTS5
    then counts each term over the whole index)."""
    window = SEARCH_WINDOW + offset + limit
    found = conn.execute(candidates_sql + " LIMIT ?", (*params, window)).fetchall()
    if sort == "relevance":
        found.sort(key=lambda r: (r[1], r[2], r[3]))
    else:
        found.sort(key=lambda r: (r[2], r[3]))  # article id, position: ties
        found.sort(key=lambda r: r[4] or "", reverse=True)  # date, stable
    return [int(r[0]) for r in found[offset : offset + limit]]


def search_quotes(
    conn: sqlite3.Connection,
    q: str,
    *,
    speaker: SpeakerKey | None = None,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str = "date",
) -> list[dict[str, Any]]:
    """Quotes matching ``q`` (quote text or speaker name), ordered (see :func:`_ranked_page`)
    among the :data:`SEARCH_WINDOW` most recently stored matches, with a snippet whose
    matches sit between ``\\ue000`` and ``\\ue001``."""
    expr = compile_query(q)
    where = ["quotes_fts MATCH ?"]
    params: list[Any] = [expr]
    if speaker is not None:
        frag, ps = speaker_where(speaker)
        where.append(frag)
        params += ps
    if outlet is not None:
        where.append("a.outlet = ?")
        params.append(outlet)
    date_where(where, params, since, until)
    if kind is not None:
        where.append("q.kind = ?")
        params.append(kind)
    rank = "quotes_fts.rank" if sort == "relevance" else "0"
    page = _ranked_page(
        conn,
        f"SELECT quotes_fts.rowid, {rank}, q.article_id, q.idx, a.date FROM quotes_fts "
        "JOIN quotes AS q ON q.rowid = quotes_fts.rowid JOIN articles AS a ON a.id = q.article_id "
        f"WHERE {' AND '.join(where)} ORDER BY quotes_fts.rowid DESC",
        params,
        limit,
        offset,
        sort,
    )
    if not page:
        return []
    marks = ",".join("?" * len(page))
    rows = conn.execute(
        f"SELECT q.rowid, {QUOTE_COLUMNS} FROM quotes AS q "
        f"JOIN articles AS a ON a.id = q.article_id WHERE q.rowid IN ({marks})",
        page,
    ).fetchall()
    by_rowid = {r[0]: r[1:] for r in rows}
    out = []
    for rowid in page:
        d = quote_row(by_rowid[rowid])
        d["snippet"] = highlight(d["content"], q)
        out.append(d)
    return out


def search_articles(
    conn: sqlite3.Connection,
    q: str,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
    sort: str = "date",
) -> list[dict[str, Any]]:
    """Articles whose title or text match ``q``, ordered as :func:`search_quotes` orders."""
    expr = compile_query(q)
    where = ["articles_fts MATCH ?"]
    params: list[Any] = [expr]
    if outlet is not None:
        where.append("a.outlet = ?")
        params.append(outlet)
    date_where(where, params, since, until)
    rank = "articles_fts.rank" if sort == "relevance" else "0"
    page = _ranked_page(
        conn,
        f"SELECT articles_fts.rowid, {rank}, a.id, 0, a.date FROM articles_fts "
        "JOIN articles AS a ON a.rowid = articles_fts.rowid "
        f"WHERE {' AND '.join(where)} ORDER BY articles_fts.rowid DESC",
        params,
        limit,
        offset,
        sort,
    )
    if not page:
        return []
    marks = ",".join("?" * len(page))
    rows = conn.execute(
        "SELECT a.rowid, a.id, a.title, a.date, a.outlet, a.url, a.author, "
        "(SELECT count(*) FROM quotes WHERE article_id = a.id), a.text "
        f"FROM articles AS a WHERE a.rowid IN ({marks})",
        page,
    ).fetchall()
    by_rowid = {r[0]: r[1:] for r in rows}
    out = []
    for rowid in page:
        r = by_rowid[rowid]
        d = article_row(r[:-1])
        d["snippet"] = highlight(r[-1], q)
        out.append(d)
    return out

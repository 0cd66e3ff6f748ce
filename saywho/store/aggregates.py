"""Aggregates for the workbench: speakers and outlets with counts, timelines, top lists.

Keys and conventions as in :mod:`saywho.store.browse`. Periods for timelines are ``week``
(labelled by its Monday), ``month`` (``YYYY-MM``) and ``year``; undated articles are left
out of timelines.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .browse import KEY, NORM_SQL, PERIODS, QUOTE_COLUMNS, SpeakerKey, quote_row, speaker_where
from .query import date_where

__all__ = [
    "list_outlets",
    "list_speakers",
    "outlet_summary",
    "period_expr",
    "speaker_summary",
    "statement_candidates",
    "summary_dict",
]

_JOIN = "FROM quotes AS q JOIN articles AS a ON a.id = q.article_id"


def period_expr(period: str) -> str:
    """SQL for the period label of ``a.date`` (``period`` is one of :data:`PERIODS`)."""
    if period == "week":
        return "date(a.date, 'weekday 0', '-6 days')"
    if period == "month":
        return "substr(a.date, 1, 7)"
    if period == "year":
        return "substr(a.date, 1, 4)"
    raise ValueError(f"unknown period {period!r}; use one of {', '.join(PERIODS)}")


def list_speakers(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every speaker with their number of quotes, articles and outlets, most quoted first."""
    rows = conn.execute(
        f"SELECT {KEY} AS k, min(q.speaker_name), max(q.speaker_entity), count(*) AS n, "
        "count(DISTINCT q.article_id), min(a.date), max(a.date) "
        f"{_JOIN} WHERE k IS NOT NULL GROUP BY k ORDER BY n DESC, k"
    )
    return [
        {
            "key": k,
            "name": name or k,
            "entity": entity,
            "quotes": n,
            "articles": na,
            "first": first,
            "last": last,
        }
        for k, name, entity, n, na, first, last in rows
    ]


def speaker_summary(
    conn: sqlite3.Connection, key: SpeakerKey, *, period: str = "month", top: int = 10
) -> dict[str, Any]:
    """A speaker's names, counts, timeline, outlets, recent and most repeated statements."""
    where, params = speaker_where(key)
    names = conn.execute(
        f"SELECT q.speaker_name, count(*) AS n {_JOIN} WHERE {where} "
        "AND q.speaker_name IS NOT NULL GROUP BY q.speaker_name ORDER BY n DESC, 1 LIMIT 20",
        params,
    ).fetchall()
    mentions = conn.execute(
        f"SELECT q.speaker_mention_text, count(*) AS n {_JOIN} WHERE {where} "
        "AND q.speaker_mention_text IS NOT NULL "
        "GROUP BY q.speaker_mention_text ORDER BY n DESC, 1 LIMIT ?",
        (*params, top),
    ).fetchall()
    n, na, first, last, entity = conn.execute(
        f"SELECT count(*), count(DISTINCT q.article_id), min(a.date), max(a.date), "
        f"max(q.speaker_entity) {_JOIN} WHERE {where}",
        params,
    ).fetchone()
    label = period_expr(period)
    timeline = conn.execute(
        f"SELECT {label} AS p, count(*) {_JOIN} WHERE {where} AND a.date IS NOT NULL "
        "GROUP BY p ORDER BY p",
        params,
    ).fetchall()
    outlets = conn.execute(
        f"SELECT a.outlet, count(*) AS n, count(DISTINCT a.id), min(a.date), max(a.date) "
        f"{_JOIN} WHERE {where} GROUP BY a.outlet ORDER BY n DESC, a.outlet LIMIT ?",
        (*params, top * 2),
    ).fetchall()
    recent = conn.execute(
        f"SELECT {QUOTE_COLUMNS} {_JOIN} WHERE {where} "
        "ORDER BY a.date DESC, q.article_id, q.idx LIMIT ?",
        (*params, top),
    ).fetchall()
    repeated = conn.execute(
        f"SELECT min(q.content_text), count(*) AS n, count(DISTINCT a.outlet), "
        f"min(a.date), max(a.date) {_JOIN} WHERE {where} "
        f"GROUP BY {NORM_SQL} HAVING n > 1 ORDER BY n DESC, 1 LIMIT ?",
        (*params, top),
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
        recent=[quote_row(r) for r in recent],
        repeated=repeated,
    )


def summary_dict(
    key: str,
    *,
    entity: str | None,
    names: Sequence[tuple[str, int]],
    mentions: Sequence[tuple[str, int]],
    counts: tuple[int | None, int | None, str | None, str | None],
    period: str,
    timeline: Sequence[tuple[str, int]],
    outlets: Sequence[tuple[Any, ...]],
    recent: list[dict[str, Any]],
    repeated: Sequence[tuple[Any, ...]],
) -> dict[str, Any]:
    """A speaker page's JSON, from rows counted live (:func:`speaker_summary`) or read from
    the precomputed summaries (:func:`saywho.store.summaries.speaker_summary`). ``names`` are
    (name, quotes), most first; the first is the speaker's name, the next 19 its aliases."""
    n, na, first, last = counts
    name = names[0][0] if names else key
    return {
        "key": key,
        "name": name,
        "entity": entity,
        "aliases": [{"name": a, "quotes": c} for a, c in names[:20] if a != name],
        "mentions": [{"text": t, "quotes": c} for t, c in mentions],
        "quotes": n or 0,
        "articles": na or 0,
        "first": first,
        "last": last,
        "period": period,
        "timeline": [{"period": p, "quotes": c} for p, c in timeline],
        "outlets": [
            {"outlet": o, "quotes": c, "articles": ca, "first": f, "last": la}
            for o, c, ca, f, la in outlets
        ],
        "recent": recent,
        "repeated": [
            {"content": t, "times": c, "outlets": co, "first": f, "last": la}
            for t, c, co, f, la in repeated
        ],
    }


def list_outlets(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every outlet (undated and unnamed included) with articles, quotes and date range."""
    rows = conn.execute(
        "SELECT a.outlet, count(*) AS na, coalesce(sum(qc.n), 0), min(a.date), max(a.date) "
        "FROM articles AS a LEFT JOIN "
        "(SELECT article_id, count(*) AS n FROM quotes GROUP BY article_id) AS qc "
        "ON qc.article_id = a.id GROUP BY a.outlet ORDER BY na DESC, a.outlet IS NULL, a.outlet"
    )
    return [
        {"outlet": o, "articles": na, "quotes": nq, "first": f, "last": la}
        for o, na, nq, f, la in rows
    ]


def outlet_summary(
    conn: sqlite3.Connection, outlet: str, *, period: str = "month", top: int = 15
) -> dict[str, Any] | None:
    """An outlet's volume over time, most quoted speakers and latest articles; None if unknown."""
    na, first, last = conn.execute(
        "SELECT count(*), min(date), max(date) FROM articles AS a WHERE a.outlet = ?", (outlet,)
    ).fetchone()
    if not na:
        return None
    label = period_expr(period)
    volume = conn.execute(
        f"SELECT {label} AS p, count(*), "
        "sum((SELECT count(*) FROM quotes WHERE article_id = a.id)) "
        "FROM articles AS a WHERE a.outlet = ? AND a.date IS NOT NULL GROUP BY p ORDER BY p",
        (outlet,),
    ).fetchall()
    speakers = conn.execute(
        f"SELECT {KEY} AS k, min(q.speaker_name), count(*) AS n {_JOIN} "
        "WHERE a.outlet = ? AND k IS NOT NULL GROUP BY k ORDER BY n DESC, k LIMIT ?",
        (outlet, top),
    ).fetchall()
    nq = conn.execute(f"SELECT count(*) {_JOIN} WHERE a.outlet = ?", (outlet,)).fetchone()[0]
    return {
        "outlet": outlet,
        "articles": na,
        "quotes": nq,
        "first": first,
        "last": last,
        "period": period,
        "volume": [{"period": p, "articles": a, "quotes": q or 0} for p, a, q in volume],
        "speakers": [{"key": k, "name": n or k, "quotes": c} for k, n, c in speakers],
    }


def statement_candidates(
    conn: sqlite3.Connection,
    *,
    speaker: SpeakerKey | None,
    since: str | None,
    until: str | None,
    limit: int = 2000,
) -> list[dict[str, Any]]:
    """The latest ``limit`` dated quotes (of one speaker, or of everyone) in a date range,
    oldest first."""
    where = [f"{KEY} IS NOT NULL", "a.date IS NOT NULL"]
    params: list[Any] = []
    if speaker is not None:
        frag, ps = speaker_where(speaker)
        where.append(frag)
        params += ps
    date_where(where, params, since, until)
    rows = conn.execute(
        f"SELECT {QUOTE_COLUMNS} {_JOIN} WHERE {' AND '.join(where)} "
        "ORDER BY a.date DESC, q.article_id DESC, q.idx DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [quote_row(r) for r in reversed(rows)]

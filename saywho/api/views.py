"""What each page and endpoint shows, as plain data: the JSON twin of every HTML page.

Each function takes the :class:`~saywho.api.db.Database` and validated parameters and returns
a dict; the REST routes return it as JSON, the web pages render it with a template. Lists
are ``{"items": [...], "limit", "offset", "next"}`` (``next`` is filled in by the route).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..store import browse, entity_view, summaries
from ..store.aggregates import (
    list_outlets,
    list_speakers,
    outlet_summary,
    speaker_summary,
)
from ..store.ftsquery import QuerySyntaxError
from ..store.query import stats
from ..store.write import load_doc
from .db import Database
from .errors import BadRequest, NotFound

__all__ = [
    "Filters",
    "Redirect",
    "article",
    "articles",
    "home",
    "outlet",
    "outlets",
    "quotes",
    "search",
    "speaker",
    "speakers",
    "store_stats",
]


@dataclass(frozen=True, slots=True)
class Filters:
    speaker: str | None = None
    outlet: str | None = None
    since: _dt.date | None = None
    until: _dt.date | None = None
    kind: str | None = None
    q: str | None = None

    def dates(self) -> tuple[str | None, str | None]:
        lo = self.since.isoformat() if self.since else None
        hi = self.until.isoformat() if self.until else None
        if lo and hi and lo > hi:
            raise BadRequest(
                f"since ({lo}) is after until ({hi}); swap them",
                code="bad_date_range",
                details={"since": lo, "until": hi},
            )
        return lo, hi


class Redirect(Exception):
    """The resource lives under another (canonical) key."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _search_error(e: QuerySyntaxError, q: str) -> BadRequest:
    return BadRequest(str(e), code="bad_query", details={"q": q})


def _page(items: list[dict[str, Any]], limit: int, offset: int) -> dict[str, Any]:
    more = len(items) > limit
    return {"items": items[:limit], "limit": limit, "offset": offset, "more": more}


def _speaker_key(db: Database, key: str | None) -> str | None:
    if key is None or not key.strip():
        return None
    resolved = browse.resolve_speaker(db.conn(), key)
    if resolved is None:
        # Part of a name ("lopez"): the most quoted speaker whose name holds it. Nothing
        # found filters to nothing rather than failing: lists stay lists.
        matches = _name_matches(db, key, 1)
        resolved = matches[0]["key"] if matches else key
    return resolved


def _name_matches(db: Database, text: str, n: int) -> list[dict[str, Any]]:
    needle = text.strip().casefold()
    rows = db.cached("speakers", lambda: _all_speakers(db))
    return [r for r in rows if needle in r["name"].casefold() or needle in r["key"].casefold()][:n]


def store_stats(db: Database) -> dict[str, Any]:
    return db.cached("stats", lambda: stats(db.conn()).to_dict())


def home(db: Database) -> dict[str, Any]:
    s = store_stats(db)
    recent = browse.list_articles(db.conn(), limit=10)
    return {
        "stats": s,
        "speakers": speakers(db, None, 12, 0)["items"],
        "outlets": outlets(db, 12, 0)["items"],
        "recent_articles": recent,
    }


def articles(db: Database, f: Filters, limit: int, offset: int) -> dict[str, Any]:
    lo, hi = f.dates()
    if f.q:  # as for quotes: search bounds the work on common words
        found = search(db, f, "articles", limit, offset, "date")
        for row in found["articles"]:
            row.pop("snippet", None)
        return {"items": found["articles"], "limit": limit, "offset": offset, "more": found["more"]}
    try:
        rows = browse.list_articles(
            db.conn(), outlet=f.outlet, since=lo, until=hi, q=f.q, limit=limit + 1, offset=offset
        )
    except QuerySyntaxError as e:
        raise _search_error(e, f.q or "") from None
    return _page(rows, limit, offset)


def article(db: Database, article_id: str) -> dict[str, Any]:
    conn = db.conn()
    row = conn.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"no article with id {article_id!r}; find articles at /articles or /search",
            details={"id": article_id},
        )
    doc = load_doc(row[0])
    flat = browse.list_quotes(conn, article=article_id, limit=10_000, oldest_first=True)
    flat.sort(key=lambda d: d["idx"])
    return {"article": doc, "quotes": flat}


def quotes(db: Database, f: Filters, limit: int, offset: int) -> dict[str, Any]:
    lo, hi = f.dates()
    if f.q:  # text filters go through search, which bounds the work on common words
        found = search(db, f, "quotes", limit, offset, "date", snippets=False)
        return {"items": found["quotes"], "limit": limit, "offset": offset, "more": found["more"]}
    try:
        rows = browse.list_quotes(
            db.conn(),
            speaker=_speaker_key(db, f.speaker),
            outlet=f.outlet,
            since=lo,
            until=hi,
            kind=f.kind,
            q=f.q,
            limit=limit + 1,
            offset=offset,
        )
    except QuerySyntaxError as e:
        raise _search_error(e, f.q or "") from None
    return _page(rows, limit, offset)


def speakers(db: Database, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    rows = db.cached("speakers", lambda: _all_speakers(db))
    if q:
        needle = q.strip().casefold()
        rows = [r for r in rows if needle in r["name"].casefold() or needle in r["key"].casefold()]
    return _page(rows[offset : offset + limit + 1], limit, offset)


def _all_speakers(db: Database) -> list[dict[str, Any]]:
    conn = db.conn()
    rows = summaries.list_speakers(conn) if db.summaries_fresh() else list_speakers(conn)
    names = entity_view.entity_names(conn, (r["entity"] for r in rows if r["entity"]))
    for r in rows:
        if r["entity"] in names:
            r["name"] = names[r["entity"]]
    return rows


def speaker(db: Database, key: str, period: str) -> dict[str, Any]:
    resolved = browse.resolve_speaker(db.conn(), key)
    if resolved is None:
        close = _name_matches(db, key, 5)
        hint = (
            "did you mean " + ", ".join(f"{c['name']} (/speakers/{c['key']})" for c in close)
            if close
            else "look them up at /speakers?q=NAME"
        )
        raise NotFound(
            f"no speaker {key!r}; {hint}",
            details={
                "key": key,
                "suggestions": [{"key": c["key"], "name": c["name"]} for c in close],
            },
        )
    if resolved != key:
        raise Redirect(resolved)
    conn = db.conn()
    if db.summaries_fresh():
        data = summaries.speaker_summary(conn, resolved, period=period)
    else:
        data = speaker_summary(conn, resolved, period=period)
    data["spellings"] = []
    if data["entity"]:
        canonical = entity_view.entity_names(conn, [data["entity"]]).get(data["entity"])
        if canonical and canonical != data["name"]:
            data["aliases"].insert(0, {"name": data["name"], "quotes": None})
            data["aliases"] = [a for a in data["aliases"] if a["name"] != canonical]
            data["name"] = canonical
        data["spellings"] = entity_view.speaker_spellings(conn, data["entity"])
    return data


def outlets(db: Database, limit: int, offset: int) -> dict[str, Any]:
    rows = db.cached("outlets", lambda: list_outlets(db.conn()))
    return _page(rows[offset : offset + limit + 1], limit, offset)


def outlet(db: Database, name: str, period: str) -> dict[str, Any]:
    data = outlet_summary(db.conn(), name, period=period)
    if data is None:
        for row in db.cached("outlets", lambda: list_outlets(db.conn())):
            if row["outlet"] is not None and row["outlet"].casefold() == name.casefold():
                raise Redirect(row["outlet"])
        raise NotFound(f"no outlet {name!r}; see the list at /outlets", details={"outlet": name})
    data["recent_articles"] = browse.list_articles(db.conn(), outlet=name, limit=10)
    data["spellings"] = entity_view.outlet_spellings(db.conn(), name)
    return data


def search(
    db: Database,
    f: Filters,
    scope: str,
    limit: int,
    offset: int,
    sort: str = "date",
    *,
    snippets: bool = True,
) -> dict[str, Any]:
    if not f.q or not f.q.strip():
        raise BadRequest(
            'the search needs a query: add ?q=WORDS (a word, a "phrase", a prefix*, OR, -word)',
            code="bad_query",
            details={"q": f.q or ""},
        )
    lo, hi = f.dates()
    conn = db.conn()
    out: dict[str, Any] = {
        "q": f.q,
        "scope": scope,
        "sort": sort,
        "limit": limit,
        "offset": offset,
    }
    try:
        if scope in ("quotes", "all"):
            rows = browse.search_quotes(
                conn,
                f.q,
                speaker=_speaker_key(db, f.speaker),
                outlet=f.outlet,
                since=lo,
                until=hi,
                kind=f.kind,
                limit=limit + 1,
                offset=offset,
                sort=sort,
            )
            if not snippets:
                for row in rows:
                    row.pop("snippet", None)
            out["quotes"] = rows[:limit]
            out["more_quotes"] = len(rows) > limit
        if scope in ("articles", "all"):
            rows = browse.search_articles(
                conn,
                f.q,
                outlet=f.outlet,
                since=lo,
                until=hi,
                limit=limit + 1,
                offset=offset,
                sort=sort,
            )
            out["articles"] = rows[:limit]
            out["more_articles"] = len(rows) > limit
    except QuerySyntaxError as e:
        raise _search_error(e, f.q) from None
    out["more"] = bool(out.get("more_quotes") or out.get("more_articles"))
    out["items"] = out.get("quotes", out.get("articles", []))
    return out

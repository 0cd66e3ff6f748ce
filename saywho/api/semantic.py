"""Semantic views: quotes like a text or a quote, and the same statement across outlets.

Both use MiniLM sentence vectors (:mod:`saywho.embed`), loaded on first use and kept per app.
"Same statement" groups quotes of one speaker within a few days when their vectors are close
(cosine ≥ ``threshold``) or, a little less close, when they share most of their words.
"""

from __future__ import annotations

import datetime as _dt
import threading
from typing import Any

import numpy as np

from ..embed.vectors import TooManyMissing, ensure_table, nearest, vectors_for
from ..store import browse
from ..store.aggregates import statement_candidates
from .db import Database
from .errors import ApiError, BadRequest, NotFound

__all__ = ["SemanticIndex", "similar", "statements"]

MAX_NEW_PER_REQUEST = 5_000  # vectors computed within one request, at most
MAX_INDEX = 200_000  # quotes held in memory for "similar"; the newest when there are more
WORD_SHARE = 0.5  # Jaccard of content words that, with cosine ≥ threshold - 0.15, also groups
_STOP = (
    "a an and are as at be been but by for from had has have he her his i in is it its of on "
    "or our she that the their they this to was we were will with would you"
)
STOPWORDS = frozenset(_STOP.split())


class SemanticIndex:
    """The embedder and an in-memory matrix of quote vectors, per app, built lazily."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._embedder: Any = None
        self._matrix: tuple[Any, list[tuple[str, int]], np.ndarray] | None = None

    def embedder(self) -> Any:
        with self._lock:
            if self._embedder is None:
                from ..embed import Embedder

                self._embedder = Embedder()
            return self._embedder

    def vectors(self, texts: list[str]) -> np.ndarray:
        writer = self.db.writer()
        try:
            ensure_table(writer)
        except Exception:  # a read-only file: vectors live for this request only
            writer = None  # type: ignore[assignment]
        try:
            return vectors_for(
                self.db.conn(), writer, self.embedder(), texts, max_new=MAX_NEW_PER_REQUEST
            )
        except TooManyMissing as e:
            raise ApiError(
                f"{e.missing} quotes have no embedding yet, too many to compute now; compute "
                "them first with `saywho serve --embed --db DB` (once), then retry",
                code="embeddings_missing",
                details={"missing": e.missing},
            ) from None

    def matrix(self) -> tuple[list[tuple[str, int]], np.ndarray]:
        version = self.db.version()
        if self._matrix is not None and self._matrix[0] == version:
            return self._matrix[1], self._matrix[2]
        rows = (
            self.db.conn()
            .execute(
                "SELECT q.article_id, q.idx, q.content_text FROM quotes AS q "
                "ORDER BY q.rowid DESC LIMIT ?",
                (MAX_INDEX,),
            )
            .fetchall()
        )
        keys = [(a, i) for a, i, _ in rows]
        mat = self.vectors([t for _, _, t in rows]) if rows else np.zeros((0, 384), np.float32)
        self._matrix = (self.db.version(), keys, mat)
        return keys, mat


def _quote_by_id(db: Database, quote_id: str) -> dict[str, Any]:
    aid, _, idx = quote_id.rpartition(":")
    if not aid or not idx.isdigit():
        raise BadRequest(
            f"quote={quote_id!r} is not a quote id; use ARTICLE_ID:INDEX as in a quote's `id`",
            code="bad_request",
        )
    rows = browse.list_quotes(db.conn(), article=aid, limit=10_000)
    for row in rows:
        if row["idx"] == int(idx):
            return row
    raise NotFound(f"no quote {quote_id!r}; quote ids are listed at /quotes", details={})


def similar(
    db: Database, index: SemanticIndex, *, text: str | None, quote: str | None, limit: int
) -> dict[str, Any]:
    """The ``limit`` quotes closest in meaning to ``text`` or to the quote ``quote``."""
    source = None
    if quote:
        source = _quote_by_id(db, quote)
        text = source["content"]
    if not text or not text.strip():
        raise BadRequest(
            "say what to look for: ?text=WORDS, or ?quote=ID for quotes like a stored one",
            code="bad_request",
        )
    keys, mat = index.matrix()
    query = index.vectors([text])[0]
    skip = [i for i, k in enumerate(keys) if source and k == (source["article_id"], source["idx"])]
    hits = nearest(query, mat, limit, exclude=skip)
    by_article: dict[str, list[dict[str, Any]]] = {}
    items = []
    for i, score in hits:
        aid, idx = keys[i]
        if aid not in by_article:
            by_article[aid] = browse.list_quotes(db.conn(), article=aid, limit=10_000)
        row = next((r for r in by_article[aid] if r["idx"] == idx), None)
        if row is not None:
            items.append({**row, "similarity": round(score, 4)})
    return {"text": text, "quote": source, "items": items, "limit": limit}


def _words(text: str) -> set[str]:
    return {w for w in (browse.norm_text(text) or "").split() if w not in STOPWORDS}


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def statements(
    db: Database,
    index: SemanticIndex,
    *,
    speaker: str | None,
    since: _dt.date | None,
    until: _dt.date | None,
    window: int,
    threshold: float,
    limit: int,
) -> dict[str, Any]:
    """Groups of quotes by one speaker, within ``window`` days, that say the same thing,
    reported by at least two outlets; each group oldest first, the groups newest first."""
    key = None
    if speaker:
        key = browse.resolve_speaker(db.conn(), speaker)
        if key is None:
            raise NotFound(f"no speaker {speaker!r}; look them up at /speakers?q=NAME")
    rows = statement_candidates(
        db.conn(),
        speaker=key,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )
    groups: list[dict[str, Any]] = []
    if rows:
        vecs = index.vectors([r["content"] for r in rows])
        words = [_words(r["content"]) for r in rows]
        open_groups: dict[str, list[dict[str, Any]]] = {}
        for i, row in enumerate(rows):
            day = _dt.date.fromisoformat(row["date"])
            best, best_score = None, 0.0
            for g in open_groups.setdefault(row["speaker_key"], []):
                if (day - g["day"]).days > window or row["article_id"] in g["articles"]:
                    continue
                cos = float(vecs[i] @ g["vec"])
                share = _jaccard(words[i], g["words"])
                same = cos >= threshold or (cos >= threshold - 0.15 and share >= WORD_SHARE)
                if same and cos > best_score:
                    best, best_score = g, cos
            member = {**row, "similarity": round(best_score, 4) if best else 1.0}
            if best is None:
                g = {
                    "day": day,
                    "vec": vecs[i],
                    "words": words[i],
                    "members": [member],
                    "articles": {row["article_id"]},
                }
                open_groups[row["speaker_key"]].append(g)
                groups.append(g)
            else:
                best["members"].append(member)
                best["articles"].add(row["article_id"])
    out = []
    for g in groups:
        members = g["members"]
        outlets = {m["outlet"] for m in members}
        if len(outlets) < 2:
            continue
        first_day = min(m["date"] for m in members)
        first = sorted({m["outlet"] or "" for m in members if m["date"] == first_day})
        for m in members:
            m["first"] = m["date"] == first_day
        out.append(
            {
                "speaker_key": members[0]["speaker_key"],
                "speaker": members[0]["speaker"] or members[0]["speaker_key"],
                "first_date": first_day,
                "first_outlets": first,
                "outlets": len(outlets),
                "members": members,
            }
        )
    out.sort(key=lambda g: (g["outlets"], g["first_date"]), reverse=True)
    return {
        "speaker": key,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "window": window,
        "threshold": threshold,
        "groups": out[:limit],
        "items": [
            {"group": n, **{k: v for k, v in m.items() if k != "first"}, "first": m["first"]}
            for n, g in enumerate(out[:limit])
            for m in g["members"]
        ],
    }

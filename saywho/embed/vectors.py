"""Quote embeddings kept in the store's own file, in a table this module creates.

``quote_vectors(hash, model, vec)`` holds one float32 vector per distinct quote text (the key
is a hash of the text, so repeated quotes share a vector and a re-analysed article never
finds a stale one). Vectors are computed on first use, or all at once with
:func:`fill_missing`; :func:`nearest` is a brute-force cosine search with numpy.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

import numpy as np

from .minilm import DIM, MODEL_ID

__all__ = [
    "Encoder",
    "TooManyMissing",
    "ensure_table",
    "fill_missing",
    "nearest",
    "text_hash",
    "vectors_for",
]

DDL = (
    "CREATE TABLE IF NOT EXISTS quote_vectors ("
    "hash TEXT PRIMARY KEY, model TEXT NOT NULL, vec BLOB NOT NULL)"
)


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class TooManyMissing(Exception):  # noqa: N818
    """More texts lack a vector than a request may compute; fill them beforehand."""

    def __init__(self, missing: int) -> None:
        super().__init__(f"{missing} quote texts have no vector yet")
        self.missing = missing


def text_hash(text: str) -> str:
    """The key of a quote text's vector."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def ensure_table(conn: sqlite3.Connection) -> None:
    conn.execute(DDL)


def _store(conn: sqlite3.Connection, pairs: Iterable[tuple[str, np.ndarray]]) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT OR IGNORE INTO quote_vectors(hash, model, vec) VALUES (?, ?, ?)",
            ((h, MODEL_ID, v.astype(np.float32).tobytes()) for h, v in pairs),
        )
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def vectors_for(
    read: sqlite3.Connection,
    write: sqlite3.Connection | None,
    encoder: Encoder,
    texts: Sequence[str],
    *,
    max_new: int | None = None,
) -> np.ndarray:
    """One normalised vector per text, computing (and, with ``write``, storing) missing ones;
    TooManyMissing when more than ``max_new`` are missing."""
    hashes = [text_hash(t) for t in texts]
    known: dict[str, np.ndarray] = {}
    unique = list(dict.fromkeys(hashes))
    for lo in range(0, len(unique), 500):
        chunk = unique[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        for h, blob in read.execute(
            f"SELECT hash, vec FROM quote_vectors WHERE model = ? AND hash IN ({marks})",
            (MODEL_ID, *chunk),
        ):
            known[h] = np.frombuffer(blob, dtype=np.float32)
    todo = {h: t for h, t in zip(hashes, texts, strict=True) if h not in known}
    if max_new is not None and len(todo) > max_new:
        raise TooManyMissing(len(todo))
    if todo:
        new = encoder.encode(list(todo.values()))
        fresh = dict(zip(todo, new, strict=True))
        known.update(fresh)
        if write is not None:
            # a read-only file: keep them for this request only
            with contextlib.suppress(sqlite3.OperationalError):
                _store(write, fresh.items())
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, h in enumerate(hashes):
        out[i] = known[h]
    return out


def fill_missing(
    conn: sqlite3.Connection,
    encoder: Encoder,
    *,
    batch_size: int = 256,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute the vectors of every stored quote text that has none; returns how many."""
    ensure_table(conn)
    rows = conn.execute(
        "SELECT DISTINCT content_text FROM quotes" + (" LIMIT ?" if limit is not None else ""),
        (() if limit is None else (limit,)),
    ).fetchall()
    have = {
        h for (h,) in conn.execute("SELECT hash FROM quote_vectors WHERE model = ?", (MODEL_ID,))
    }
    todo = [t for (t,) in rows if text_hash(t) not in have]
    done = 0
    for lo in range(0, len(todo), batch_size):
        texts = list(dict.fromkeys(todo[lo : lo + batch_size]))
        _store(conn, zip((text_hash(t) for t in texts), encoder.encode(texts), strict=True))
        done += len(texts)
        if progress is not None:
            progress(done)
    return done


def nearest(
    query: np.ndarray, matrix: np.ndarray, k: int, *, exclude: Iterable[int] = ()
) -> list[tuple[int, float]]:
    """``(row, cosine)`` of the ``k`` rows of ``matrix`` closest to ``query``, best first."""
    if matrix.shape[0] == 0:
        return []
    scores = matrix @ query.astype(np.float32)
    for i in exclude:
        scores[i] = -np.inf
    k = min(k, matrix.shape[0])
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(i), float(scores[i])) for i in top if np.isfinite(scores[i])]

"""The Store: one SQLite file (stdlib ``sqlite3``, WAL, FTS5) holding analysed articles.

    with open_store("news.db") as store:
        result = store.add(analyses)              # streaming, batched, idempotent
        for row in store.quotes(speaker="biden", text="inflation", since="2024-01-01"):
            ...

Each article is kept as its one JSON form (``Analysis.to_dict()``, in ``articles.doc``),
which :meth:`Store.get` returns unchanged, plus flattened columns and FTS5 indexes for
querying.
"""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import StoreError
from ..knowledge import auto_id
from ..model import Analysis, Article
from . import entities as ent_sql
from . import query, write
from .entities import EntityRow
from .rows import AddResult, QuoteRow, StoreStats
from .schema import check_saywho_database, migrate

__all__ = ["Store", "open_store"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


class Store:
    """An embedded saywho database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path = "saywho.db") -> None:
        self.path = str(path)
        self._conn: sqlite3.Connection | None = None
        if self.path != ":memory:":
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(
                    f"{p} is a folder, not a saywho database; pass --db with a file path"
                )
            if not p.parent.is_dir():
                raise StoreError(
                    f"cannot create the database {p}: the folder {p.parent} "
                    "does not exist; create it or pass --db with another path"
                )
        try:
            conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as e:
            raise StoreError(
                f"cannot open the database {self.path}: {e}; check the path and its permissions"
            ) from e
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check_saywho_database(conn, self.path)  # before changing anything in the file
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, self.path)
            conn.create_function("saywho_fold", 1, query.fold, deterministic=True)
        except StoreError:
            conn.close()
            raise
        except sqlite3.Error as e:
            conn.close()
            raise StoreError(
                f"cannot open the database {self.path}: {e}; "
                "check that the file is writable and not in use"
            ) from e
        except BaseException:
            conn.close()
            raise
        self._conn = conn

    # -- lifecycle -------------------------------------------------------------------

    def close(self) -> None:
        """Close the database. Safe to call twice."""
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.path!r}{', closed' if self.closed else ''})"

    @property
    def conn(self) -> sqlite3.Connection:
        """The underlying connection; StoreError once the store is closed."""
        if self._conn is None:
            raise StoreError(f"the store {self.path} is closed; open it again with open_store()")
        return self._conn

    @contextmanager
    def _sql(self, action: str) -> Iterator[sqlite3.Connection]:
        """Turn sqlite3 errors into StoreErrors that say what failed and where."""
        conn = self.conn
        try:
            yield conn
        except sqlite3.OperationalError as e:
            hint = (
                "another process holds the database; retry when it is done"
                if "locked" in str(e) or "busy" in str(e)
                else "check the disk and the file's permissions"
            )
            raise StoreError(f"could not {action} in {self.path}: {e}; {hint}") from e
        except sqlite3.DatabaseError as e:
            raise StoreError(
                f"could not {action} in {self.path}: {e}; the file may be "
                "damaged: try `sqlite3 FILE .recover` or re-ingest"
            ) from e

    # -- writing -----------------------------------------------------------------------

    def add(
        self,
        analyses: Iterable[Analysis],
        *,
        batch_size: int = 200,
        replace_older: bool = True,
    ) -> AddResult:
        """Store analyses, streaming: ``batch_size`` at a time, one transaction per batch.

        An article already stored with the same pipeline version is left as is
        (``unchanged``); one stored with another version has its row and quotes replaced
        (``updated``) if ``replace_older``, else is left as is. An exception from the input
        (or a database error) rolls back the batch being written, so no article is ever
        half-written; earlier batches stay committed. Articles that cannot be stored
        (e.g. layers JSON cannot hold) are counted in ``failed`` and skipped.
        """
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, not {batch_size}")
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        failures: list[tuple[str, str]] = []
        items = iter(analyses)
        while batch := list(islice(items, batch_size)):
            for a in batch:
                if not isinstance(a, Analysis):
                    raise TypeError(f"Store.add takes Analysis objects, not {type(a).__name__}")
            self._write_batch(batch, replace_older, counts, failures)
        return AddResult(failed=len(failures), failures=tuple(failures), **counts)

    def _write_batch(
        self,
        batch: list[Analysis],
        replace_older: bool,
        counts: dict[str, int],
        failures: list[tuple[str, str]],
    ) -> None:
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        with self._sql("write articles") as conn, write.transaction(conn):
            overrides = ent_sql.load_overrides(conn)
            outcomes = [write.write_one(conn, a, replace_older, now, overrides) for a in batch]
        # Only count once committed: a rolled-back batch wrote nothing.
        for outcome in outcomes:
            if isinstance(outcome, tuple):
                log.warning("article %s not stored: %s", *outcome)
                failures.append(outcome)
            else:
                counts[outcome] += 1

    def delete(self, article_id: str) -> bool:
        """Remove an article and its quotes (and their FTS entries); False if absent."""
        with self._sql("delete an article") as conn, write.transaction(conn):
            return write.delete_article(conn, article_id)

    # -- reading articles ----------------------------------------------------------------

    def has(self, article_id: str) -> str | None:
        """The pipeline version ``article_id`` was stored with, or None if not stored."""
        with self._sql("look up an article") as conn:
            return write.stored_pipeline(conn, article_id)

    def get_dict(self, article_id: str) -> dict[str, Any] | None:
        """The stored JSON form of an article, exactly as ``Analysis.to_dict()`` gave it
        (an article stored before ``author`` existed gets ``"author": null``)."""
        with self._sql("read an article") as conn:
            row = conn.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return write.load_doc(row[0])

    def get(self, article_id: str) -> Analysis | None:
        """The stored Analysis of an article, rebuilt from its JSON form; None if absent."""
        data = self.get_dict(article_id)
        return None if data is None else Analysis.from_dict(data)

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: query.DateLike | None = None,
        until: query.DateLike | None = None,
        limit: int | None = None,
    ) -> Iterator[Article]:
        """Stored articles, by date then id; ``since``/``until`` are inclusive."""
        with self._sql("list articles") as conn:
            return query.select_articles(conn, outlet=outlet, since=since, until=until, limit=limit)

    def stale(self, pipeline: str) -> Iterator[Article]:
        """Articles analysed with a pipeline version other than ``pipeline``."""
        with self._sql("list articles") as conn:
            return query.select_articles(conn, not_pipeline=pipeline)

    # -- querying ------------------------------------------------------------------------

    def quotes(
        self,
        *,
        speaker: str | None = None,
        text: str | None = None,
        since: query.DateLike | None = None,
        until: query.DateLike | None = None,
        outlet: str | None = None,
        kind: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        about: str | None = None,
    ) -> Iterator[QuoteRow]:
        """Stored quotes matching every filter given, by article date, article id, idx.

        ``speaker``: the speaker's entity, by id or any name or spelling of it, or a
        case-insensitive substring of the speaker's name or mention text.
        ``about``: quotes that mention this entity (by id or any name or spelling: "Kiev"
        finds quotes that say "Kyiv").
        ``text``: words that must all occur in the quote (full-text; ``word*`` is a prefix,
        ``"two words"`` a phrase; any input is safe). ``since``/``until``: inclusive dates
        (ISO strings or ``datetime.date``) of the article. ``outlet``: exact, ignoring case.
        """
        with self._sql("query quotes") as conn:
            return query.select_quotes(
                conn,
                speaker=speaker,
                text=text,
                since=since,
                until=until,
                outlet=outlet,
                kind=kind,
                limit=limit,
                offset=offset,
                about=about,
            )

    def search_articles(self, query_text: str, limit: int = 20) -> Iterator[tuple[str, str]]:
        """``(article id, snippet)`` for articles whose title or text has all the words."""
        with self._sql("search articles") as conn:
            return query.search_articles(conn, query_text, limit)

    def stats(self) -> StoreStats:
        with self._sql("count") as conn:
            return query.stats(conn)

    # -- entities ------------------------------------------------------------------------

    def entities(self, *, type: str | None = None, limit: int | None = None) -> list[EntityRow]:
        """Entities mentioned or quoted, most frequent first (``type``: PERSON, ORG, GPE …)."""
        with self._sql("list entities") as conn:
            return list(ent_sql.list_entities(conn, type_=type, limit=limit))

    def find_entities(self, name: str) -> list[str]:
        """Ids of the entities ``name`` may mean: an id, any name or spelling of it, a user
        alias, or a spelling variant ("Zelenskyi" finds Volodymyr Zelenskyy)."""
        with self._sql("look up entities") as conn:
            return ent_sql.find_entities(conn, name)

    def entity(self, name: str) -> EntityRow:
        """The one entity ``name`` means, with its counts and spellings; StoreError when
        none or several match (the message lists them)."""
        with self._sql("look up an entity") as conn:
            row = ent_sql.entity_row(conn, ent_sql.require_one(conn, name))
        assert row is not None
        return row

    def mentions(self, name: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Every mention of the entity ``name`` means (by id or any spelling), latest first,
        with the article's date, outlet and title and a little text around it."""
        with self._sql("list mentions") as conn:
            return ent_sql.entity_mentions(conn, ent_sql.require_one(conn, name), limit=limit)

    def spellings(
        self, names: Iterable[str] = (), *, min_spellings: int = 2
    ) -> list[dict[str, Any]]:
        """Which outlet writes which spelling ("Kiev", "Kyiv") of the named entities (all
        entities written ``min_spellings`` ways or more when none are named)."""
        with self._sql("count spellings") as conn:
            ids = [ent_sql.require_one(conn, n) for n in names]
            return ent_sql.outlet_spellings(conn, ids or None, min_spellings=min_spellings)

    def merge_entities(self, source: str, target: str) -> tuple[str, str]:
        """From now on, everything linked to ``source`` belongs to ``target`` (ids or names);
        returns both ids. Kept across re-analysis."""
        with self._sql("merge entities") as conn, write.transaction(conn):
            a, b = ent_sql.require_one(conn, source), ent_sql.require_one(conn, target)
            if a == b:
                raise StoreError(f"{source!r} and {target!r} are already one entity ({a})")
            ent_sql.add_override(conn, "merge", a, b)
        return a, b

    def split_entity(self, entity: str, written: str, *, name: str | None = None) -> str:
        """What is linked to ``entity`` and written ``written`` becomes a new entity (named
        ``name``, default ``written``); returns its id. Kept across re-analysis."""
        with self._sql("split an entity") as conn, write.transaction(conn):
            eid = ent_sql.require_one(conn, entity)
            row = ent_sql.entity_row(conn, eid)
            assert row is not None
            new_name = (name or written).strip()
            new_id = "user:" + auto_id(new_name, row.type).split(":", 1)[1]
            if new_id == eid:
                raise StoreError(f"{written!r} already names {eid}; pass --name with a new name")
            conn.execute(
                "INSERT INTO entities(id, name, type, origin, name_norm, skeleton) "
                "VALUES (?, ?, ?, 'user', ?, ?) ON CONFLICT(id) DO NOTHING",
                (new_id, new_name, row.type, *ent_sql.name_keys(new_name)),
            )
            ent_sql.add_override(conn, "split", eid, new_id, written)
        return new_id

    def alias_entity(self, entity: str, written: str) -> str:
        """Whatever is written ``written`` means ``entity``, wherever it occurs; returns the
        entity's id. Kept across re-analysis."""
        with self._sql("add an alias") as conn, write.transaction(conn):
            eid = ent_sql.require_one(conn, entity)
            ent_sql.add_override(conn, "alias", eid, None, written)
        return eid

    def overrides(self) -> list[ent_sql.Override]:
        """The user's entity overrides, oldest first."""
        with self._sql("read overrides") as conn:
            return ent_sql.load_overrides(conn)

    # -- maintenance -----------------------------------------------------------------------

    def check(self) -> None:
        """Verify the FTS indexes against their tables; StoreError if they disagree."""
        with self._sql("check the full-text indexes") as conn:
            for table in ("quotes_fts", "articles_fts"):
                try:
                    conn.execute(f"INSERT INTO {table}({table}, rank) VALUES('integrity-check', 1)")
                except sqlite3.DatabaseError as e:
                    raise StoreError(
                        f"the full-text index {table} in {self.path} is out of "
                        f"sync ({e}); run Store.rebuild_fts() to repair it"
                    ) from e

    def rebuild_fts(self) -> None:
        """Rebuild both FTS indexes from their tables (e.g. after editing with other tools)."""
        with self._sql("rebuild the full-text indexes") as conn, write.transaction(conn):
            for table in ("quotes_fts", "articles_fts"):
                conn.execute(f"INSERT INTO {table}({table}) VALUES('rebuild')")


def open_store(path: str | Path = "saywho.db") -> Store:
    """Open (creating if needed) the saywho database at ``path``."""
    return Store(path)

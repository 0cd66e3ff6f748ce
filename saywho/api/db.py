"""The workbench's access to one saywho database: a connection per thread, cached aggregates.

The store is opened (and migrated, and its extra indexes created) once at start with
:func:`saywho.store.open_store`; request threads then use their own connections, read-only
(``PRAGMA query_only``) unless the server was started with ``write=True``. Whole-store
aggregates (speakers, outlets, stats) are cached until the database file changes.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..errors import StoreError
from ..store import open_store, summaries
from ..store.browse import ensure_indexes, prepare_connection

__all__ = ["Database"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class Database:
    def __init__(self, path: str | Path, *, write: bool = False) -> None:
        self.path = str(path)
        self.write = write
        if self.path == ":memory:":
            raise StoreError("the workbench needs a database file, not :memory:; pass --db PATH")
        if not write and not Path(self.path).is_file():
            raise StoreError(
                f"no saywho database at {self.path}; create one with `saywho ingest FILES "
                f"--db {self.path}`, or pass --db with an existing file"
            )
        with open_store(self.path) as store:  # checks it is ours, migrates, creates if --write
            try:
                ensure_indexes(store.conn)
            except sqlite3.OperationalError as e:  # a read-only file: go on without them
                log.warning("could not create the workbench's indexes in %s: %s", self.path, e)
        self._local = threading.local()
        self._cache: dict[str, tuple[Any, Any]] = {}
        self._cache_lock = threading.Lock()
        self.write_lock = threading.Lock()
        self._building = threading.Lock()
        self.refresh_summaries(wait=True)

    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA cache_size = -32000")
            if not self.write:
                conn.execute("PRAGMA query_only = 1")
            prepare_connection(conn)
            self._local.conn = conn
        return conn

    def writer(self) -> sqlite3.Connection:
        """A connection that may write (for derived data such as the embedding cache)."""
        conn: sqlite3.Connection | None = getattr(self._local, "wconn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 10000")
            prepare_connection(conn)
            self._local.wconn = conn
        return conn

    def version(self) -> tuple[Any, ...]:
        """Changes whenever the database file (or its write-ahead log) changes."""
        out: list[Any] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.path + suffix)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [None, None]
        return tuple(out)

    def cached(self, name: str, compute: Callable[[], T]) -> T:
        """``compute()``, remembered until the database changes."""
        version = self.version()
        with self._cache_lock:
            hit = self._cache.get(name)
        if hit is not None and hit[0] == version:
            value: T = hit[1]
            return value
        value = compute()
        with self._cache_lock:
            self._cache[name] = (version, value)
        return value

    def refresh_summaries(self, *, wait: bool = False) -> None:
        """Rebuild the speaker summaries if the store changed (in a thread unless ``wait``)."""
        if not self._building.acquire(blocking=False):
            return

        def run() -> None:
            try:
                conn = self.writer()
                if not summaries.is_fresh(conn):
                    summaries.build(conn)
            except sqlite3.Error as e:  # e.g. a read-only file: live queries it is
                log.warning("speaker summaries not built in %s: %s", self.path, e)
            finally:
                self._building.release()

        if wait:
            run()
        else:
            threading.Thread(target=run, name="saywho-summaries", daemon=True).start()

    def summaries_fresh(self) -> bool:
        """Whether the summaries describe the store now; starts a rebuild when they don't."""
        fresh = self.cached("summaries_fresh", lambda: summaries.is_fresh(self.conn()))
        if not fresh:
            self.refresh_summaries()
        return fresh

    def forget(self) -> None:
        with self._cache_lock:
            self._cache.clear()

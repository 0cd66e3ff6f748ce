"""saywho's embedded store: analysed articles in one SQLite file, with full-text search.

from saywho.store import open_store
with open_store("news.db") as store:
    store.add(analyses)
    rows = list(store.quotes(speaker="Lagarde", text="inflation*"))
"""

from __future__ import annotations

from .rows import AddResult, QuoteRow, StoreStats
from .schema import SCHEMA_VERSION
from .sqlite import Store, open_store

__all__ = ["SCHEMA_VERSION", "AddResult", "QuoteRow", "Store", "StoreStats", "open_store"]

"""saywho's embedded store: analysed articles in one SQLite file, with full-text search.

from saywho.store import open_store
with open_store("news.db") as store:
    store.add(analyses)
    for row in store.quotes(speaker="Lagarde", text="inflation*"):
        print(row.date, row.speaker, row.content)
"""

from __future__ import annotations

from .rows import AddResult, QuoteRow, StoreStats
from .schema import SCHEMA_VERSION
from .sqlite import Store, open_store

__all__ = ["SCHEMA_VERSION", "AddResult", "QuoteRow", "Store", "StoreStats", "open_store"]

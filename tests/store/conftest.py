"""Fixtures for the store tests: a fresh database per test, always closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from saywho.store import Store, open_store

from .storekit import corpus


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as s:
        yield s


@pytest.fixture
def filled(store: Store) -> Store:
    result = store.add(corpus())
    assert result.added == 4
    return store

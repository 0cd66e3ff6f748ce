"""Fixtures for the workbench tests: a filled database file and in-process clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from saywho.api import create_app
from saywho.store import open_store

from .kit import workbench_corpus


@pytest.fixture(scope="module")
def wb_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "wb.db"
    with open_store(path) as store:
        assert store.add(workbench_corpus()).added == 5
    return path


@pytest.fixture(scope="module")
def client(wb_db: Path) -> TestClient:
    return TestClient(create_app(wb_db), raise_server_exceptions=False)

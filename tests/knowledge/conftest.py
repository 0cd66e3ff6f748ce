"""Fixtures for the knowledge tests: the shipped knowledge, loaded once (no spaCy)."""

from __future__ import annotations

import pytest

from saywho.knowledge import Knowledge, load_knowledge


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()

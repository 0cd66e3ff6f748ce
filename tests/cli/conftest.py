"""Fixtures for the CLI tests: a CliRunner, small article folders, a loaded pipeline."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if importlib.util.find_spec("saywho") is None:  # not installed: test the checkout itself
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from click.testing import CliRunner  # noqa: E402

from saywho.cli import _options  # noqa: E402

from .helpers import ARTICLES, write_articles  # noqa: E402

if TYPE_CHECKING:
    from saywho.pipeline.pipeline import Pipeline


@pytest.fixture
def runner() -> CliRunner:
    """stdout and stderr kept apart (the default from click 8.2 on)."""
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder ``news/kyiv`` of canonical-format articles (see ``helpers.ARTICLES``)."""
    return write_articles(tmp_path / "news" / "kyiv", ARTICLES)


@pytest.fixture(scope="session")
def pipeline(pipeline: Pipeline) -> Iterator[Pipeline]:
    """The shared session pipeline (``tests/conftest.py``), handed to every command that
    asks for the default model (through the CLI's pipeline cache)."""
    key = (pipeline.model, None, False, None)  # load_pipeline's key for the defaults
    previous = _options._pipelines.get(key)
    _options._pipelines[key] = pipeline
    yield pipeline
    if previous is None:
        _options._pipelines.pop(key, None)
    else:
        _options._pipelines[key] = previous

"""Fixtures for the CLI tests: a CliRunner, small article folders, a loaded pipeline."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

if importlib.util.find_spec("saywho") is None:  # not installed: test the checkout itself
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from click.testing import CliRunner  # noqa: E402

from saywho.cli import _options  # noqa: E402

from .helpers import ARTICLES, write_articles  # noqa: E402

# Set to a .crfsuite file to run the model tests before saywho/data/quotes.crfsuite exists.
QUOTE_MODEL_ENV = "SAYWHO_TEST_QUOTE_MODEL"


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
def pipeline() -> Iterator[object]:
    """The default pipeline, loaded once per session and handed to every command that
    asks for the default model (through the CLI's pipeline cache)."""
    from saywho.pipeline.pipeline import DEFAULT_MODEL, Pipeline, default_quote_model

    quote_model = Path(os.environ.get(QUOTE_MODEL_ENV) or default_quote_model())
    if not quote_model.is_file():
        pytest.skip(
            f"quote model {quote_model} not found (not trained yet: run 'make train-quotes', "
            f"or set {QUOTE_MODEL_ENV} to a .crfsuite file)"
        )
    loaded = Pipeline(model=DEFAULT_MODEL, quote_model=quote_model)
    key = (DEFAULT_MODEL, None)
    previous = _options._pipelines.get(key)
    _options._pipelines[key] = loaded
    yield loaded
    if previous is None:
        _options._pipelines.pop(key, None)
    else:
        _options._pipelines[key] = previous

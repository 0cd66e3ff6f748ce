"""Shared fixtures: one loaded :class:`~saywho.pipeline.pipeline.Pipeline` per session.

The quote model is taken from ``$SAYWHO_TEST_QUOTE_MODEL`` when set, else the
shipped ``saywho/data/quotes.crfsuite``; when neither exists the tests that need
the pipeline are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from saywho.model import Analysis
    from saywho.pipeline.pipeline import Pipeline

#: Set to a .crfsuite file to run the model tests before saywho/data/quotes.crfsuite exists.
QUOTE_MODEL_ENV = "SAYWHO_TEST_QUOTE_MODEL"

Analyze = Callable[[str], "Analysis"]


def quote_model_path() -> Path:
    from saywho.pipeline.pipeline import default_quote_model

    return Path(os.environ.get(QUOTE_MODEL_ENV) or default_quote_model())


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default pipeline (spaCy model + quote tagger), loaded once per session."""
    from saywho.pipeline.pipeline import DEFAULT_MODEL, Pipeline

    quote_model = quote_model_path()
    if not quote_model.is_file():
        pytest.skip(
            f"quote model {quote_model} not found (not trained yet: run 'make train-quotes', "
            f"or set {QUOTE_MODEL_ENV} to a .crfsuite file)"
        )
    return Pipeline(model=DEFAULT_MODEL, quote_model=quote_model)


@pytest.fixture(scope="session")
def analyze(pipeline: Pipeline) -> Analyze:
    """``analyze(body)``: the Analysis of a hand-built Article with that text."""
    from saywho.model import Article

    def run(text: str) -> Analysis:
        return pipeline.analyze(Article(text=text, title="Test article", outlet="test"))

    return run

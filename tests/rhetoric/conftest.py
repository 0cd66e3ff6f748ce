"""Fixtures for the rhetoric layers: a pipeline with every rhetoric component, sharing the
session's spaCy model."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from saywho.model import Analysis
    from saywho.pipeline.pipeline import Pipeline

    from ..conftest import Analyze


@pytest.fixture(scope="session")
def rhetoric_pipeline(pipeline: Pipeline) -> Pipeline:
    from saywho.pipeline.pipeline import Pipeline

    return Pipeline(
        model=pipeline.model, quote_model=pipeline.quote_model, nlp=pipeline.nlp, rhetoric=True
    )


@pytest.fixture(scope="session")
def analyze_rhetoric(rhetoric_pipeline: Pipeline) -> Analyze:
    from saywho.model import Article

    def run(text: str) -> Analysis:
        return rhetoric_pipeline.analyze(Article(text=text, title="Test", outlet="Test Herald"))

    return run

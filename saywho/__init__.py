"""saywho: who said what, when, about whom and how — attributed quotes from news corpora."""

from __future__ import annotations

import logging

from .errors import ArticleError, EvalError, InputError, ModelError, SaywhoError, StoreError
from .model import Analysis, Article, Quote, Source, Span, Speaker
from .pipeline import Pipeline, load

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Article",
    "ArticleError",
    "EvalError",
    "InputError",
    "ModelError",
    "Pipeline",
    "Quote",
    "SaywhoError",
    "Source",
    "Span",
    "Speaker",
    "StoreError",
    "__version__",
    "load",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

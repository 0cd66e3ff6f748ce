"""saywho's data model: frozen articles and standoff layers over character offsets."""

from .analysis import SCHEMA_VERSION, Analysis
from .article import Article, Source, article_id
from .entity import ENTITY_TYPES, EntityRef, Mention
from .span import QUOTE_KINDS, Quote, Span, Speaker

__all__ = [
    "Analysis",
    "Article",
    "ENTITY_TYPES",
    "EntityRef",
    "Mention",
    "QUOTE_KINDS",
    "Quote",
    "SCHEMA_VERSION",
    "Source",
    "Span",
    "Speaker",
    "article_id",
]

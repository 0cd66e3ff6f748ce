"""An analysed article: the Article plus its standoff layers, and its one JSON form.

The JSON form (``Analysis.to_dict``) is what ``saywho analyze`` prints, what the
store keeps and what later APIs return. ``docs/article.schema.json`` describes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .article import Article
from .span import Quote

__all__ = ["Analysis", "SCHEMA_VERSION"]

SCHEMA_VERSION = "1"

#: The fixed top-level keys of the JSON form; layers may not use them.
RESERVED_KEYS = frozenset(
    {
        "id",
        "title",
        "date",
        "outlet",
        "url",
        "language",
        "source",
        "text",
        "schema",
        "pipeline",
        "quotes",
    }
)


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    quotes: tuple[Quote, ...] = ()
    pipeline: str = ""
    layers: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.quotes, tuple):
            object.__setattr__(self, "quotes", tuple(self.quotes))
        clash = sorted(k for k in self.layers if k in RESERVED_KEYS)
        if clash:
            raise ValueError(
                f"layer name(s) {clash} clash with the article's own JSON fields; rename the layer"
            )
        n = len(self.article.text)
        for q in self.quotes:
            spans = list(q.content) + ([q.cue] if q.cue is not None else [])
            if q.speaker.mention is not None:
                spans.append(q.speaker.mention)
            for s in spans:
                if s.end > n:
                    raise ValueError(
                        f"span [{s.start}, {s.end}) lies outside the article text (length {n})"
                    )

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        data = self.article.to_dict()
        data["schema"] = SCHEMA_VERSION
        data["pipeline"] = self.pipeline
        data["quotes"] = [q.to_dict() for q in self.quotes]
        data.update(self.layers)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            article=Article.from_dict(data),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            pipeline=data.get("pipeline", ""),
            layers={k: v for k, v in data.items() if k not in RESERVED_KEYS},
        )

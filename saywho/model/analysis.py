"""An analysed article: the Article plus its standoff layers, and its one JSON form.

The JSON form (``Analysis.to_dict``) is what ``saywho analyze`` prints, what the
store keeps and what later APIs return. ``docs/article.schema.json`` describes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .article import Article
from .entity import EntityRef, Mention
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
        "author",
        "language",
        "source",
        "text",
        "schema",
        "pipeline",
        "quotes",
        "mentions",
        "entities",
    }
)


def _inside(start: int, end: int, n: int) -> None:
    if end > n:
        raise ValueError(f"span [{start}, {end}) lies outside the article text (length {n})")


@dataclass(frozen=True, slots=True)
class Analysis:
    article: Article
    quotes: tuple[Quote, ...] = ()
    pipeline: str = ""
    layers: dict[str, Any] = field(default_factory=dict)
    mentions: tuple[Mention, ...] = ()
    entities: tuple[EntityRef, ...] = ()

    def __post_init__(self) -> None:
        for name in ("quotes", "mentions", "entities"):
            if not isinstance(getattr(self, name), tuple):
                object.__setattr__(self, name, tuple(getattr(self, name)))
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
                _inside(s.start, s.end, n)
        for m in self.mentions:
            _inside(m.start, m.end, n)
        ids = {e.id for e in self.entities}
        missing = sorted({m.entity for m in self.mentions if m.entity is not None} - ids)
        if missing:
            raise ValueError(f"mentions link to entity id(s) {missing} not listed in entities")

    @property
    def id(self) -> str:
        return self.article.id

    def to_dict(self) -> dict[str, Any]:
        data = self.article.to_dict()
        data["schema"] = SCHEMA_VERSION
        data["pipeline"] = self.pipeline
        data["quotes"] = [q.to_dict() for q in self.quotes]
        data["mentions"] = [m.to_dict() for m in self.mentions]
        data["entities"] = [e.to_dict() for e in self.entities]
        data.update(self.layers)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        return cls(
            article=Article.from_dict(data),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", [])),
            pipeline=data.get("pipeline", ""),
            mentions=tuple(Mention.from_dict(m) for m in data.get("mentions", [])),
            entities=tuple(EntityRef.from_dict(e) for e in data.get("entities", [])),
            layers={k: v for k, v in data.items() if k not in RESERVED_KEYS},
        )

"""The frozen Article: text exactly as read, plus metadata.

The text is the single source of truth. Every annotation elsewhere in saywho is
standoff over Python ``str`` indices into :attr:`Article.text` (end-exclusive).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

__all__ = ["Article", "Source", "article_id"]


def article_id(text: str) -> str:
    """Stable id of an article: the first 20 hex digits of SHA-256 of its UTF-8 text.

    The same text always gets the same id, which is what makes ingest idempotent.
    """
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Source:
    """Where an article was read from: a path, and the line or record inside it."""

    path: str | None = None
    line: int | None = None
    format: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "line": self.line, "format": self.format}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Source:
        data = data or {}
        return cls(path=data.get("path"), line=data.get("line"), format=data.get("format"))


@dataclass(frozen=True, slots=True)
class Article:
    """One news article. Frozen: derive a changed copy with :meth:`copy_with`."""

    text: str
    title: str | None = None
    date: _dt.date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    source: Source = field(default_factory=Source)
    #: the byline as given ("Susan Page", "By JIM RUTENBERG", "Jane Doe and John Roe")
    author: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Article.text must be str, not {type(self.text).__name__}")
        if self.date is not None and (
            not isinstance(self.date, _dt.date) or isinstance(self.date, _dt.datetime)
        ):
            raise TypeError(
                "Article.date must be a datetime.date (not a datetime: use .date()) or None"
            )

    @property
    def id(self) -> str:
        return article_id(self.text)

    def copy_with(self, **changes: Any) -> Article:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "outlet": self.outlet,
            "url": self.url,
            "author": self.author,
            "language": self.language,
            "source": self.source.to_dict(),
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        date = data.get("date")
        return cls(
            text=data["text"],
            title=data.get("title"),
            date=_dt.date.fromisoformat(date) if date else None,
            outlet=data.get("outlet"),
            url=data.get("url"),
            language=data.get("language") or "en",
            source=Source.from_dict(data.get("source")),
            author=data.get("author"),
        )

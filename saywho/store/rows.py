"""The store's result types: QuoteRow, AddResult and StoreStats."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["AddResult", "QuoteRow", "StoreStats"]


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One stored quote, flattened, with the metadata of its article.

    ``content`` is the quote's text (its content spans joined with `` … ``); ``cue`` and
    ``speaker_mention`` the text of those spans; ``start``/``end`` the character range the
    quote covers in its article's text.
    """

    article_id: str
    idx: int
    kind: str
    start: int
    end: int
    content: str
    cue: str | None
    speaker: str | None
    speaker_entity: str | None
    speaker_mention: str | None
    confidence: float
    date: str | None
    outlet: str | None
    title: str | None
    source_path: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What :meth:`Store.add` did, article by article.

    ``unchanged`` counts articles already stored with the same pipeline version (and, with
    ``replace_older=False``, those stored with another one); ``failed`` those that could not
    be written (listed with the reason in ``failures``, as ``(article id, message)``).
    """

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    failures: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + self.failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": [{"id": i, "error": m} for i, m in self.failures],
        }


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Counts over the whole store (see :meth:`Store.stats`)."""

    articles: int
    quotes: int
    speakers: int
    outlets: int
    first_date: str | None
    last_date: str | None
    by_kind: dict[str, int] = field(default_factory=dict)
    top_speakers: list[tuple[str, int]] = field(default_factory=list)
    by_outlet: list[tuple[str | None, int, int]] = field(default_factory=list)
    pipelines: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "speakers": self.speakers,
            "outlets": self.outlets,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "by_kind": dict(self.by_kind),
            "top_speakers": [{"name": n, "quotes": c} for n, c in self.top_speakers],
            "by_outlet": [{"outlet": o, "articles": a, "quotes": q} for o, a, q in self.by_outlet],
            "pipelines": dict(self.pipelines),
        }

"""Standoff annotations: spans over character offsets and the quote layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = ["QUOTE_KINDS", "Quote", "Span", "Speaker"]

QuoteKind = Literal["direct", "indirect", "mixed", "block"]
QUOTE_KINDS: tuple[str, ...] = ("direct", "indirect", "mixed", "block")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start <= self.end):
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def text(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(int(data["start"]), int(data["end"]))


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to.

    ``mention`` is the span that names the speaker where the quote is attributed
    (a name, a role noun, a pronoun); ``name`` the resolved canonical name; and
    ``entity`` a canonical entity id when one is known.
    """

    mention: Span | None = None
    name: str | None = None
    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "mention": self.mention.to_dict() if self.mention is not None else None,
            "name": self.name,
            "entity": self.entity,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Speaker:
        data = data or {}
        mention = data.get("mention")
        return cls(
            mention=Span.from_dict(mention) if mention is not None else None,
            name=data.get("name"),
            entity=data.get("entity"),
        )


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement.

    ``content`` holds one span per contiguous piece (a quote broken by its cue,
    or running over several paragraphs, has several). ``cue`` is the reporting
    expression ("said", "told reporters", "according to").
    """

    kind: str
    content: tuple[Span, ...]
    cue: Span | None = None
    speaker: Speaker = field(default_factory=Speaker)
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if not isinstance(self.content, tuple):
            object.__setattr__(self, "content", tuple(self.content))
        if self.kind not in QUOTE_KINDS:
            raise ValueError(f"unknown quote kind {self.kind!r}; expected one of {QUOTE_KINDS}")
        if not self.content:
            raise ValueError("a quote needs at least one content span")

    @property
    def start(self) -> int:
        return min(s.start for s in self.content)

    @property
    def end(self) -> int:
        return max(s.end for s in self.content)

    def content_text(self, text: str, sep: str = " … ") -> str:
        return sep.join(s.text(text) for s in self.content)

    def id_in(self, article_id: str) -> str:
        """A stable id for this quote within its article."""
        return f"{article_id}:{self.start}-{self.end}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "content": [s.to_dict() for s in self.content],
            "cue": self.cue.to_dict() if self.cue is not None else None,
            "speaker": self.speaker.to_dict(),
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        cue = data.get("cue")
        return cls(
            kind=data["kind"],
            content=tuple(Span.from_dict(s) for s in data["content"]),
            cue=Span.from_dict(cue) if cue is not None else None,
            speaker=Speaker.from_dict(data.get("speaker")),
            confidence=float(data.get("confidence", 1.0)),
        )

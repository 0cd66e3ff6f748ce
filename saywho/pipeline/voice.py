"""Whose voice a passage is in: the outlet's own narration, or a quote and its speaker.

Every rhetoric layer (techniques, claims, threats, narratives) keeps voices apart: a flag inside
a quote belongs to that quote's speaker, anything else to the outlet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..model import Quote

__all__ = ["OUTLET", "Piece", "Voices"]

OUTLET = "outlet"


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of text in one voice: ``quote`` is the index of the quote in the analysis'
    quotes (None for the outlet), ``speaker`` its resolved name and ``entity`` its id."""

    start: int
    end: int
    quote: int | None = None
    speaker: str | None = None
    entity: str | None = None

    @property
    def voice(self) -> str:
        return OUTLET if self.quote is None else f"quote:{self.quote}"

    def to_dict(self) -> dict[str, object]:
        """The ``voice`` fields of a rhetoric layer entry."""
        return {
            "voice": self.voice,
            "quote": self.quote,
            "speaker": OUTLET if self.quote is None else self.speaker,
            "entity": self.entity,
        }


class Voices:
    """Splits text ranges into :class:`Piece` objects by the quotes' content spans."""

    def __init__(self, quotes: Sequence[Quote]):
        spans = []
        for i, q in enumerate(quotes):
            for s in q.content:
                spans.append((s.start, s.end, i, q))
        spans.sort(key=lambda x: (x[0], -x[1]))
        self._spans = spans

    def pieces(self, start: int, end: int) -> Iterator[Piece]:
        """The voiced pieces of ``[start, end)``, in text order."""
        pos = start
        for s, e, i, q in self._spans:
            if e <= pos or s >= end:
                continue
            if s > pos:
                yield Piece(pos, s)
            lo, hi = max(s, pos), min(e, end)
            yield Piece(lo, hi, i, q.speaker.name, q.speaker.entity)
            pos = hi
        if pos < end:
            yield Piece(pos, end)

    def at(self, start: int, end: int) -> Piece:
        """The voice that covers most of ``[start, end)``."""
        best = max(self.pieces(start, end), key=lambda p: p.end - p.start, default=None)
        if best is None:
            return Piece(start, end)
        return Piece(start, end, best.quote, best.speaker, best.entity)

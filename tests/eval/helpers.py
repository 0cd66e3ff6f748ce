"""Helpers to build small brat fixtures by hand."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from saywho.model.span import Span


def find(text: str, piece: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``piece`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span(start, start + len(piece))


def t_line(tid: str, label: str, text: str, *spans: Span) -> str:
    """A brat ``T`` line covering ``spans`` of ``text``."""
    offsets = ";".join(f"{s.start} {s.end}" for s in spans)
    covered = " ".join(s.text(text) for s in spans)
    return f"{tid}\t{label} {offsets}\t{covered}"


# The real PolNeAR dev gold, when the shared data is checked out next to the project.
GOLD_DEV = Path(__file__).resolve().parents[2].parent / "shared/data/quotes/polnear/dev"

# write_gold's signature: ``{doc_id: (text, {annotator: ann_content})}`` -> the gold folder.
WriteGold = Callable[[dict[str, tuple[str, dict[str, str]]]], Path]

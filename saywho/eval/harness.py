"""Run an analysis function over a gold folder and evaluate what it finds."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from ..errors import EvalError
from ..model.span import Quote
from .brat import GoldDoc, read_gold
from .metrics import EvalReport, evaluate

__all__ = ["evaluate_pipeline", "gold_name"]


def gold_name(gold_dir: str | Path) -> str:
    """A short name for a gold folder: ``.../polnear/dev`` -> ``polnear-dev``."""
    path = Path(gold_dir).resolve()
    return f"{path.parent.name}-{path.name}" if path.parent.name else path.name


def evaluate_pipeline(
    gold_dir: str | Path,
    analyze: Callable[[str], Sequence[Quote]],
    *,
    limit: int | None = None,
    name: str | None = None,
) -> EvalReport:
    """Run ``analyze(text)`` on each gold document's text (the first ``limit``
    documents when given, in document-id order) and evaluate the quotes it returns."""
    if limit is not None and limit < 0:
        raise EvalError(f"limit must be 0 or more, not {limit}")
    docs: Iterator[GoldDoc] = read_gold(gold_dir)
    if limit is not None:
        docs = islice(docs, limit)
    pairs = ((doc, analyze(doc.text)) for doc in docs)
    return evaluate(pairs, name=gold_name(gold_dir) if name is None else name)

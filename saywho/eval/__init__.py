"""Evaluation of quote attribution against PolNeAR-style brat gold."""

from __future__ import annotations

from .brat import GoldDoc, GoldQuote, offset_agreement, parse_ann, read_gold
from .floors import check_floors, load_floors
from .harness import evaluate_pipeline, gold_name
from .metrics import DocResult, EvalReport, content_offsets, evaluate, evaluate_doc, trim_span

__all__ = [
    "DocResult",
    "EvalReport",
    "GoldDoc",
    "GoldQuote",
    "check_floors",
    "content_offsets",
    "evaluate",
    "evaluate_doc",
    "evaluate_pipeline",
    "gold_name",
    "load_floors",
    "offset_agreement",
    "parse_ann",
    "read_gold",
    "trim_span",
]

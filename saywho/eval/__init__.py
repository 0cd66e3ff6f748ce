"""Evaluation of quote attribution against PolNeAR-style brat gold or JSONL gold
(``samples/gold.jsonl``)."""

from __future__ import annotations

from .brat import GoldDoc, GoldQuote, offset_agreement, parse_ann, read_gold
from .floors import check_floors, load_floors
from .harness import evaluate_pipeline, gold_name
from .jsonl_gold import jsonl_gold_name, read_jsonl_gold
from .metrics import (
    DocResult,
    EvalReport,
    content_offsets,
    evaluate,
    evaluate_doc,
    same_name,
    trim_span,
)

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
    "jsonl_gold_name",
    "load_floors",
    "offset_agreement",
    "parse_ann",
    "read_gold",
    "read_jsonl_gold",
    "same_name",
    "trim_span",
]

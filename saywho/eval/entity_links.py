"""Cross-spelling merges as the pipeline makes them, scored on the knowledge test set.

:func:`saywho.eval.knowledge_cases.score_cases` scores the knowledge files' matcher; this
module scores what the analysis pipeline's linker (:class:`saywho.pipeline.linking.ArticleEntities`)
does with the same pairs: two spellings are *merged* when they get the same entity id
(a knowledge-file id, or the same ``auto:`` id for names the files do not know). A wrong
merge is worse than a missed one, so precision is reported on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..knowledge import Knowledge, load_knowledge
from ..pipeline.linking import ArticleEntities, Link
from .knowledge_cases import load_cases

__all__ = ["link_name", "score_links"]


def link_name(kb: Knowledge, name: str) -> Link | None:
    """The entity the pipeline links a name to, with no article around it."""
    ents = ArticleEntities(kb, None)
    types = {e.type for e in kb.lookup(name)}
    if types and "PERSON" not in types:
        return ents.named(name, types.pop())
    return ents.person(name)


def score_links(path: str | Path | None = None, *, kb: Knowledge | None = None) -> dict[str, Any]:
    """Merge precision and recall of the pipeline's linker over the ``names`` (same entity)
    and ``distinct`` (look-alikes) pairs of the case file."""
    kb = kb if kb is not None else load_knowledge()
    cases = load_cases(path)
    tp = fp = fn = 0
    wrong: list[dict[str, Any]] = []
    for section, want in (("names", True), ("distinct", False)):
        for case in cases.get(section, []):
            a, b = str(case["a"]), str(case["b"])
            la, lb = link_name(kb, a), link_name(kb, b)
            merged = la is not None and lb is not None and la.id == lb.id
            tp += merged and want
            fp += merged and not want
            fn += want and not merged
            if merged != want:
                wrong.append({"section": section, "a": a, "b": b, "a_id": la and la.id,
                              "b_id": lb and lb.id})  # fmt: skip
    return {
        "pairs": tp + fn + sum(1 for _ in cases.get("distinct", [])),
        "merge_precision": round(tp / (tp + fp), 4) if tp + fp else 1.0,
        "merge_recall": round(tp / (tp + fn), 4) if tp + fn else 1.0,
        "merges": tp + fp,
        "wrong_merges": fp,
        "missed_merges": fn,
        "failures": wrong,
    }

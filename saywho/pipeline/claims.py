"""Check-worthy claims: a calibrated score per sentence, and who asserts the claim.

The shipped model (``saywho/data/claims.npz``, from ``saywho train claims``) is a logistic
regression over TF-IDF word 1-2-grams and the MiniLM vector of the sentence, trained on CLEF
CheckThat! 2024 Task 1 (English) and calibrated on its dev split (temperature scaling). The
``score`` is the probability that a fact-checker would find the sentence worth checking;
``checkworthy`` is ``score >= threshold``, the default threshold being the one that maximised
positive-class F1 on dev (stored in the model; see ``docs/models/claims.md``). The ``source``
is the quote's speaker when the sentence lies inside a quote, else ``"outlet"``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .linear import LinearModel, shipped_model
from .voice import OUTLET, Voices

__all__ = ["ClaimModel", "default_claim_model", "score_claims"]


def default_claim_model(encoder: str = "static") -> Path:
    """The shipped model for sentence vectors of ``encoder`` (``static`` or ``minilm``)."""
    return shipped_model("claims", encoder)


@dataclass
class ClaimModel:
    model: LinearModel
    threshold: float

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        *,
        threshold: float | None = None,
        encoder: str = "static",
    ) -> ClaimModel:
        """``path``, or the shipped model for ``encoder``."""
        model = LinearModel.load(path or default_claim_model(encoder))
        t = float(model.meta.get("threshold", 0.5)) if threshold is None else threshold
        return cls(model, t)

    @property
    def needs_vectors(self) -> bool:
        return self.model.vec_dim > 0

    def scores(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        return self.model.proba(texts, vectors if self.needs_vectors else None)


def score_claims(
    model: ClaimModel,
    text: str,
    sentences: Sequence[tuple[int, int]],
    vectors: np.ndarray | None,
    voices: Voices,
) -> list[dict[str, Any]]:
    """One claims entry per sentence, in text order."""
    if not sentences:
        return []
    scores = model.scores([text[s:e] for s, e in sentences], vectors)
    out = []
    for (s, e), p in zip(sentences, scores, strict=True):
        piece = voices.at(s, e)
        voice = piece.to_dict()
        out.append(
            {
                "start": s,
                "end": e,
                "score": round(float(p), 4),
                "checkworthy": bool(p >= model.threshold),
                "source": OUTLET if piece.quote is None else (piece.speaker or "unknown speaker"),
                **voice,
            }
        )
    return out

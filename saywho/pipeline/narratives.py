"""Known narratives: match quotes and check-worthy claims to Propaganda Diary sub-narratives and
EUvsDisinfo tags by MiniLM similarity.

The shipped model (``saywho/data/narratives.npz``, from ``saywho train narratives``) holds a
classifier over sentence vectors, one centroid per sub-narrative and one per EUvsDisinfo tag.
A passage matches when its cosine to the predicted sub-narrative's centroid reaches
``threshold`` (0.65: a trade-off between recall and topical false matches; see the model
card). Each match carries that ``similarity``, the classifier's ``score``, and the tags whose
centroids are closest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .linear import LinearModel, shipped_model

__all__ = ["DEFAULT_THRESHOLD", "NarrativeModel", "default_narrative_model"]

#: Default minimum cosine to the sub-narrative's centroid (see docs/models/narratives.md).
DEFAULT_THRESHOLD = 0.65
#: Minimum cosine of a passage to an EUvsDisinfo tag centroid for the tag to be listed.
TAG_THRESHOLD = 0.3


def default_narrative_model(encoder: str = "static") -> Path:
    """The shipped model for sentence vectors of ``encoder`` (``static`` or ``minilm``)."""
    return shipped_model("narratives", encoder)


@dataclass
class NarrativeModel:
    classifier: LinearModel
    narratives: list[str]
    centroids: np.ndarray
    tags: list[str]
    tag_centroids: np.ndarray
    threshold: float = DEFAULT_THRESHOLD

    @property
    def sub_narratives(self) -> list[str]:
        return self.classifier.classes

    def match(self, vectors: np.ndarray, *, top_tags: int = 3) -> list[dict[str, Any] | None]:
        """For each (normalised) vector: the best sub-narrative match, or None below the
        threshold."""
        if len(vectors) == 0:
            return []
        prob = self.classifier.proba([""] * len(vectors), vectors)
        best = prob.argmax(axis=1)
        sims = vectors @ self.centroids.T
        tag_sims = vectors @ self.tag_centroids.T if len(self.tags) else None
        out: list[dict[str, Any] | None] = []
        for i, k in enumerate(best):
            sim = float(sims[i, k])
            if sim < self.threshold:
                out.append(None)
                continue
            tags: list[dict[str, Any]] = []
            if tag_sims is not None:
                for j in np.argsort(-tag_sims[i])[:top_tags]:
                    if tag_sims[i, j] >= TAG_THRESHOLD:
                        tags.append(
                            {"tag": self.tags[j], "similarity": round(float(tag_sims[i, j]), 4)}
                        )
            out.append(
                {
                    "narrative": self.narratives[k] or None,
                    "sub_narrative": self.sub_narratives[k],
                    "similarity": round(sim, 4),
                    "score": round(float(prob[i, k]), 4),
                    "tags": tags,
                }
            )
        return out

    def save(self, path: str | Path) -> None:
        header = {
            "classes": self.classifier.classes,
            "narratives": self.narratives,
            "tags": self.tags,
            "temperature": self.classifier.temperature,
            "threshold": self.threshold,
            "encoder": self.classifier.encoder,
        }
        with open(path, "wb") as f:
            np.savez_compressed(
                f,
                header=np.array(json.dumps(header, ensure_ascii=False)),
                coef=self.classifier.coef.astype(np.float32),
                intercept=self.classifier.intercept.astype(np.float32),
                centroids=self.centroids.astype(np.float32),
                tag_centroids=self.tag_centroids.astype(np.float32),
            )

    @classmethod
    def load(cls, path: str | Path | None = None, *, encoder: str = "static") -> NarrativeModel:
        """``path``, or the shipped model for ``encoder``."""
        path = Path(path) if path is not None else default_narrative_model(encoder)
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                coef, intercept = data["coef"], data["intercept"]
                centroids, tag_centroids = data["centroids"], data["tag_centroids"]
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(
                f"cannot read the narrative model {path}: {exc}; "
                "reproduce it with 'saywho train narratives'"
            ) from exc
        classifier = LinearModel(
            classes=list(header["classes"]),
            coef=coef,
            intercept=intercept,
            vec_dim=int(coef.shape[1]),
            temperature=float(header.get("temperature", 1.0)),
            meta={"encoder": str(header.get("encoder", "minilm"))},
        )
        return cls(
            classifier=classifier,
            narratives=list(header["narratives"]),
            centroids=centroids,
            tags=list(header["tags"]),
            tag_centroids=tag_centroids,
            threshold=float(header.get("threshold", DEFAULT_THRESHOLD)),
        )


def match_spans(
    model: NarrativeModel, spans: Sequence[tuple[int, int]], vectors: np.ndarray
) -> list[dict[str, Any]]:
    """Narrative layer entries for the passages ``spans`` (with their vectors)."""
    out = []
    for (start, end), m in zip(spans, model.match(vectors), strict=True):
        if m is not None:
            out.append({"start": start, "end": end, **m})
    return out

"""Train the check-worthy claim model on CLEF CheckThat! 2024 Task 1 (English).

``saywho train claims --data DIR`` calls :func:`train_claims`: logistic regression over TF-IDF
word 1-2-grams and MiniLM sentence vectors, fitted on ``train``; the regularisation and the
weight of the vectors are chosen on ``dev``, and so are the temperature (calibration) and the
default threshold. ``dev-test`` is never looked at here; :func:`evaluate_claims` reports on it.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EvalError
from ..pipeline.linear import LinearModel, fit_temperature
from ._linear import embed, fit_linear, tfidf_matrix

__all__ = ["ClaimReport", "evaluate_claims", "read_checkthat", "train_claims"]

log = logging.getLogger(__name__)

#: Grid searched on dev: (C, weight of the sentence vector next to the TF-IDF part).
GRID = [(c, s) for c in (1.0, 4.0) for s in (0.0, 1.0, 2.0, 3.0, 4.0, 6.0)]


def read_checkthat(data_dir: str | Path, split: str) -> tuple[list[str], np.ndarray]:
    """Texts and 0/1 labels of ``CT24_checkworthy_english_{split}.tsv``.

    The TSV is CSV-quoted; one train line holds two records run together (its label reads
    ``No29286``), which is split back into two.
    """
    path = Path(data_dir) / f"CT24_checkworthy_english_{split}.tsv"
    if not path.is_file():
        raise EvalError(f"{path} not found; pass the CheckThat! 2024 task 1 English folder")
    texts: list[str] = []
    labels: list[int] = []
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.reader(f, delimiter="\t")
        next(rows, None)
        for row in rows:
            if len(row) == 5:  # "<id>\t<text>\tNo<id>\t<text>\t<label>"
                label = "Yes" if row[2].startswith("Yes") else "No"
                row = [row[0], row[1], label, row[3], row[4]]
                texts.append(row[1])
                labels.append(row[2] == "Yes")
                row = row[2:]
            if len(row) != 3:
                continue
            texts.append(row[1])
            labels.append(row[2].strip() == "Yes")
    return texts, np.array(labels, dtype=np.int64)


def _f1(y: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(((pred == 1) & (y == 1)).sum())
    fp = int(((pred == 1) & (y == 0)).sum())
    fn = int(((pred == 0) & (y == 1)).sum())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _best_threshold(y: np.ndarray, prob: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.5)
    for t in np.arange(0.2, 0.81, 0.02):
        f = _f1(y, (prob >= t).astype(np.int64))[2]
        if f > best[0] + 1e-9:
            best = (f, float(round(t, 2)))
    return best


def train_claims(
    data_dir: str | Path,
    out: str | Path,
    *,
    cache: str | Path | None = None,
    encoder: str = "static",
) -> dict[str, float]:
    """Fit on train, choose settings on dev, write the model to ``out``; returns dev figures."""
    train_x, train_y = read_checkthat(data_dir, "train")
    dev_x, dev_y = read_checkthat(data_dir, "dev")
    train_v, dev_v = embed(train_x, cache, encoder), embed(dev_x, cache, encoder)
    vec, _ = tfidf_matrix(train_x)
    best: tuple[float, float, float] | None = None
    for c, scale in GRID:
        model = fit_linear(vec, train_x, train_v, train_y, classes=["No", "Yes"], c=c, scale=scale)
        prob = model.proba(dev_x, dev_v)
        f1, _ = _best_threshold(dev_y, prob)
        log.info("C=%s scale=%s dev F1 %.4f", c, scale, f1)
        if best is None or f1 > best[0]:
            best = (f1, c, scale)
    assert best is not None
    _, c, scale = best
    model = fit_linear(vec, train_x, train_v, train_y, classes=["No", "Yes"], c=c, scale=scale)
    model.temperature = fit_temperature(model.decision(dev_x, dev_v), dev_y, binary=True)
    prob = model.proba(dev_x, dev_v)
    f1, threshold = _best_threshold(dev_y, prob)
    model.meta = {
        "task": "claims",
        "threshold": threshold,
        "C": c,
        "vec_scale": scale,
        "encoder": encoder,
        "data": "CLEF CheckThat! 2024 task 1 English: train (fit), dev (settings)",
        "licence": "research use only (trained on research-only data)",
    }
    model.save(out)
    return {"dev_f1": f1, "threshold": threshold, "C": c, "vec_scale": scale}


@dataclass(frozen=True)
class ClaimReport:
    n: int
    positives: int
    precision: float
    recall: float
    f1: float
    threshold: float
    ece: float
    average_precision: float

    def to_dict(self) -> dict[str, float]:
        return {
            "n": self.n,
            "positives": self.positives,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "threshold": self.threshold,
            "ece": round(self.ece, 4),
            "average_precision": round(self.average_precision, 4),
        }


def expected_calibration_error(y: np.ndarray, prob: np.ndarray, bins: int = 10) -> float:
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        inside = (prob >= lo) & ((prob < hi) if hi < 1.0 else (prob <= hi))
        if inside.any():
            total += inside.sum() * abs(float(prob[inside].mean()) - float(y[inside].mean()))
    return total / max(len(y), 1)


def evaluate_claims(
    model: LinearModel,
    data_dir: str | Path,
    split: str = "dev-test",
    *,
    threshold: float | None = None,
    cache: str | Path | None = None,
) -> ClaimReport:
    """Positive-class precision/recall/F1 at the model's default threshold, and the expected
    calibration error of its scores, on ``split``."""
    texts, y = read_checkthat(data_dir, split)
    vectors = embed(texts, cache, model.encoder) if model.vec_dim else None
    prob = model.proba(texts, vectors)
    t = float(model.meta.get("threshold", 0.5)) if threshold is None else threshold
    p, r, f = _f1(y, (prob >= t).astype(np.int64))
    return ClaimReport(
        len(y), int(y.sum()), p, r, f, t, expected_calibration_error(y, prob),
        average_precision(y, prob),
    )  # fmt: skip


def average_precision(y: np.ndarray, prob: np.ndarray) -> float:
    """Area under the precision-recall curve (threshold-free), as scikit-learn computes it."""
    order = np.argsort(-prob, kind="stable")
    hits = y[order] == 1
    if not hits.any():
        return 0.0
    precision_at = np.cumsum(hits) / np.arange(1, len(hits) + 1)
    return float(precision_at[hits].mean())

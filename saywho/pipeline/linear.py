"""Linear text classifiers over TF-IDF n-grams and MiniLM sentence vectors, stored without pickle.

A :class:`LinearModel` is what the rhetoric components (claims, techniques, narratives) run:
scores = ``tfidf(text) @ W_tfidf + scale * vector @ W_vec + b``, then a softmax (several
classes) or a sigmoid (one class) with a fitted temperature. The model file is a numpy
``.npz`` holding only numbers and strings (read with ``allow_pickle=False``), so loading a
model never runs code. Training uses scikit-learn (``saywho.train``); running needs numpy only.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["LinearModel", "ngrams", "shipped_model"]

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def shipped_model(stem: str, encoder: str = "static", suffix: str = ".npz") -> Path:
    """A model file in ``saywho/data``: ``claims.npz`` for the static encoder's vectors,
    ``claims-minilm.npz`` for MiniLM's."""
    name = stem if encoder == "static" else f"{stem}-{encoder}"
    return Path(str(resources.files("saywho.data").joinpath(name + suffix)))


def ngrams(text: str, n: int = 2) -> list[str]:
    """Lower-cased word 1..n-grams (words of two or more characters, as scikit-learn's default
    token pattern), the features every TF-IDF part of saywho's models is built from."""
    words = _TOKEN.findall(text.lower())
    out = list(words)
    for k in range(2, n + 1):
        out.extend(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))
    return out


@dataclass
class LinearModel:
    """A (multi-)class linear model; see the module docstring.

    ``coef`` has one row per class (one row in all for a binary model, scoring ``classes[1]``);
    its first ``len(vocab)`` columns weigh the TF-IDF features, the rest the sentence vector.
    """

    classes: list[str]
    coef: np.ndarray
    intercept: np.ndarray
    vocab: list[str] = field(default_factory=list)
    idf: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    ngram: int = 2
    sublinear: bool = True
    vec_dim: int = 0
    vec_scale: float = 1.0
    temperature: float = 1.0
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def encoder(self) -> str:
        """The sentence encoder the model was trained with, ``static`` or ``minilm`` (files
        without the key predate the static encoder)."""
        return str(self.meta.get("encoder", "minilm"))

    def __post_init__(self) -> None:
        self._index = {w: i for i, w in enumerate(self.vocab)}

    @property
    def binary(self) -> bool:
        return self.coef.shape[0] == 1

    # -- features ------------------------------------------------------------
    def _tfidf(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(
            i for g in ngrams(text, self.ngram) if (i := self._index.get(g)) is not None
        )
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        if self.sublinear:
            tf = (1.0 + np.log(tf)).astype(np.float32)
        val = tf * self.idf[idx]
        norm = float(np.linalg.norm(val))
        return idx, (val / norm if norm > 0 else val)

    def decision(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Raw scores, shape ``(len(texts), n_rows)``."""
        nv = len(self.vocab)
        out = np.tile(self.intercept.astype(np.float32), (len(texts), 1))
        if nv:
            for r, text in enumerate(texts):
                idx, val = self._tfidf(text)
                if len(idx):
                    out[r] += val @ self.coef[:, idx].T
        if self.vec_dim:
            if vectors is None or vectors.shape != (len(texts), self.vec_dim):
                raise ModelError(
                    f"this model needs {self.vec_dim}-dimensional sentence vectors for its texts"
                )
            out += self.vec_scale * (vectors @ self.coef[:, nv:].T)
        return out

    def proba(self, texts: Sequence[str], vectors: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities: ``(n,)`` for a binary model (of ``classes[1]``), else
        ``(n, n_classes)``."""
        z = self.decision(texts, vectors) / self.temperature
        if self.binary:
            return np.asarray(1.0 / (1.0 + np.exp(-z[:, 0])), dtype=np.float32)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)

    # -- files -------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        header = {
            "classes": self.classes,
            "ngram": self.ngram,
            "sublinear": self.sublinear,
            "vec_dim": self.vec_dim,
            "vec_scale": self.vec_scale,
            "temperature": self.temperature,
            "meta": self.meta,
        }
        with open(path, "wb") as f:
            np.savez_compressed(
                f,
                header=np.array(json.dumps(header, ensure_ascii=False)),
                vocab=np.array("\n".join(self.vocab)),
                idf=self.idf.astype(np.float32),
                coef=self.coef.astype(np.float32),
                intercept=self.intercept.astype(np.float32),
            )

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                vocab_text = str(data["vocab"])
                idf, coef, intercept = data["idf"], data["coef"], data["intercept"]
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot read the model file {path}: {exc}") from exc
        vocab = vocab_text.split("\n") if vocab_text else []
        if coef.shape[1] != len(vocab) + int(header["vec_dim"]):
            raise ModelError(f"{path}: weights do not match the vocabulary; retrain the model")
        return cls(
            classes=list(header["classes"]),
            coef=coef,
            intercept=intercept,
            vocab=vocab,
            idf=idf,
            ngram=int(header["ngram"]),
            sublinear=bool(header["sublinear"]),
            vec_dim=int(header["vec_dim"]),
            vec_scale=float(header["vec_scale"]),
            temperature=float(header.get("temperature", 1.0)),
            meta=dict(header.get("meta", {})),
        )


def fit_temperature(scores: np.ndarray, y: np.ndarray, *, binary: bool) -> float:
    """The temperature minimising log-loss of ``scores / T`` on held-out labels (grid search)."""
    best, best_t = math.inf, 1.0
    for t in np.exp(np.linspace(math.log(0.25), math.log(8.0), 61)):
        z = scores / t
        if binary:
            p = 1.0 / (1.0 + np.exp(-z[:, 0]))
            p = np.clip(p, 1e-7, 1 - 1e-7)
            loss = -float(np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
        else:
            z = z - z.max(axis=1, keepdims=True)
            logp = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
            loss = -float(np.mean(logp[np.arange(len(y)), y]))
        if loss < best:
            best, best_t = loss, float(t)
    return best_t

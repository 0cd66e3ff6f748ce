"""Shared training helpers for the rhetoric models: sentence vectors with an on-disk cache, and
fitting a :class:`~saywho.pipeline.linear.LinearModel` with scikit-learn."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..pipeline.linear import LinearModel, ngrams

__all__ = ["embed", "fit_linear", "tfidf_matrix"]

log = logging.getLogger(__name__)


def embed(
    texts: Sequence[str], cache: str | Path | None = None, encoder: str = "static"
) -> np.ndarray:
    """Sentence vectors of ``texts`` by ``encoder`` (``static`` or ``minilm``, see
    :func:`saywho.embed.encoder`); with ``cache`` (a folder), MiniLM vectors are kept in a file
    named by a hash of the texts so that repeated training runs do not embed the same corpus
    again (static vectors are cheap and never cached)."""
    from ..embed import encode

    path: Path | None = None
    if cache is not None and encoder == "minilm":
        digest = hashlib.sha1("\x1e".join(texts).encode("utf-8", "surrogatepass")).hexdigest()
        path = Path(cache) / f"minilm-{digest[:16]}-{len(texts)}.npy"
        if path.is_file():
            return np.asarray(np.load(path, allow_pickle=False))
    log.info("embedding %d texts (%s)", len(texts), encoder)
    vectors = encode(encoder, texts)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors


def tfidf_matrix(texts: Sequence[str], *, ngram: int = 2, min_df: int = 2) -> Any:
    """A fitted scikit-learn TfidfVectorizer over :func:`ngrams` (the analyser the shipped
    model runs), and the matrix of ``texts``."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(
        analyzer=lambda t: ngrams(t, ngram), min_df=min_df, sublinear_tf=True, dtype=np.float32
    )
    x = vec.fit_transform(texts)
    return vec, x


def features(vec: Any, texts: Sequence[str], vectors: np.ndarray | None, scale: float) -> Any:
    from scipy.sparse import csr_matrix, hstack

    parts = []
    if vec is not None:
        parts.append(vec.transform(texts))
    if vectors is not None:
        parts.append(csr_matrix(vectors * scale))
    return hstack(parts).tocsr() if len(parts) > 1 else csr_matrix(parts[0])


def fit_linear(
    vec: Any,
    texts: Sequence[str],
    vectors: np.ndarray | None,
    y: np.ndarray,
    *,
    classes: list[str],
    c: float,
    scale: float,
    class_weight: str | None = "balanced",
    ngram: int = 2,
    meta: dict[str, Any] | None = None,
) -> LinearModel:
    """Fit a logistic regression on TF-IDF (``vec``, already fitted) + scaled vectors."""
    from sklearn.linear_model import LogisticRegression

    x = features(vec, texts, vectors, scale)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=class_weight)
    clf.fit(x, y)
    if vec is not None:
        vocab_map: dict[str, int] = vec.vocabulary_
        vocab = [""] * len(vocab_map)
        for word, i in vocab_map.items():
            vocab[i] = word
        idf = np.asarray(vec.idf_, dtype=np.float32)
    else:
        vocab, idf = [], np.zeros(0, dtype=np.float32)
    return LinearModel(
        # the labels the rows score: those seen in training (``y`` indexes ``classes``)
        classes=[classes[int(k)] for k in clf.classes_],
        coef=np.asarray(clf.coef_, dtype=np.float32),
        intercept=np.asarray(clf.intercept_, dtype=np.float32),
        vocab=vocab,
        idf=idf,
        ngram=ngram,
        sublinear=True,
        vec_dim=0 if vectors is None else int(vectors.shape[1]),
        vec_scale=scale,
        meta=dict(meta or {}),
    )

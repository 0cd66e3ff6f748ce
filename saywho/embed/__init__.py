"""Sentence embeddings, offline and without PyTorch.

- :class:`Embedder`: all-MiniLM-L6-v2 with onnxruntime (semantic search of quotes);
- :class:`StaticEmbedder`: a static distillation of it, a table of token vectors (the
  rhetoric layers, where every sentence of every article needs a vector; see
  :mod:`saywho.embed.static`).

from saywho.embed import Embedder
vectors = Embedder().encode(["We will not raise taxes.", "Taxes stay as they are."])
similarity = float(vectors[0] @ vectors[1])
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from .minilm import DIM, MODEL_ID, Embedder, default_paths
from .static import STATIC_ID, StaticEmbedder

__all__ = [
    "DIM",
    "ENCODERS",
    "MODEL_ID",
    "STATIC_ID",
    "Embedder",
    "StaticEmbedder",
    "default_paths",
    "encode",
    "encoder",
]

#: The encoders a rhetoric model can be trained with (``meta["encoder"]`` of its file).
ENCODERS = ("static", "minilm")

_shared: dict[str, Any] = {}
_lock = threading.Lock()


def encoder(name: str) -> Embedder | StaticEmbedder:
    """The process-wide instance of encoder ``name`` (``static`` or ``minilm``), loaded once."""
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder {name!r}; expected one of {ENCODERS}")
    with _lock:
        if name not in _shared:
            _shared[name] = StaticEmbedder() if name == "static" else Embedder(batch_size=16)
        return _shared[name]


def encode(name: str, texts: Sequence[str]) -> np.ndarray:
    """Vectors of ``texts`` by encoder ``name``, one row per text in input order; the texts are
    encoded in order of length, so that MiniLM's batches carry little padding."""
    enc = encoder(name)
    out = np.zeros((len(texts), enc.dim), dtype=np.float32)
    if len(texts):
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out[order] = enc.encode([texts[i] for i in order])
    return out

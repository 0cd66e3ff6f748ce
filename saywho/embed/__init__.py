"""Sentence embeddings for semantic search: MiniLM with onnxruntime (no PyTorch, offline).

from saywho.embed import Embedder
vectors = Embedder().encode(["We will not raise taxes.", "Taxes stay as they are."])
similarity = float(vectors[0] @ vectors[1])
"""

from __future__ import annotations

from .minilm import DIM, MODEL_ID, Embedder, default_paths

__all__ = ["DIM", "MODEL_ID", "Embedder", "default_paths"]

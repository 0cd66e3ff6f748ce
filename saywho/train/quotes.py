"""Train the quote tagger (a linear-chain CRF) on PolNeAR-style brat gold.

``saywho train quotes --gold DIR`` calls :func:`train_quotes`; the shipped
``saywho/data/quotes.crfsuite`` is reproduced by running it on PolNeAR train.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EvalError
from ..eval.brat import GoldDoc, read_gold
from ..pipeline.features import DocArrays, paragraphs, quote_state, sequence_features

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["gold_labels", "train_quotes", "training_sequences"]

log = logging.getLogger(__name__)

#: Label scheme: "bio" or "bilou" (explicit last-token labels).
SCHEME = "bilou"

#: CRF hyper-parameters (chosen on PolNeAR train with a held-back slice, not on dev).
PARAMS = {"c1": 3.0, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}


def gold_labels(doc: Doc, gold: GoldDoc, scheme: str = "bio") -> list[str]:
    """BIO labels (CONTENT/CUE/SOURCE) for every token of ``doc`` from gold spans."""
    owner = [""] * len(doc.text)
    piece = [-1] * len(doc.text)
    n = 0
    for q in gold.quotes:
        for role, spans in (
            ("CONTENT", q.content),
            ("CUE", (q.cue,) if q.cue is not None else ()),
            ("SOURCE", q.source or ()),
        ):
            for s in spans:
                for c in range(s.start, min(s.end, len(owner))):
                    owner[c] = role
                    piece[c] = n
                n += 1
    labels = []
    prev_piece = -2
    for tok in doc:
        if tok.is_space:
            labels.append("O")
            continue
        start, end = tok.idx, tok.idx + len(tok.text)
        roles = [(owner[c], piece[c]) for c in range(start, end) if owner[c]]
        if not roles:
            labels.append("O")
            prev_piece = -2
            continue
        role, p = max(roles, key=lambda r: sum(1 for x in roles if x == r))
        labels.append(("I-" if p == prev_piece else "B-") + role)
        prev_piece = p
    if scheme == "bilou":
        labels = _to_bilou(doc, labels)
    return labels


def _to_bilou(doc: Doc, labels: list[str]) -> list[str]:
    """Mark the last token of each run (L-) and single-token runs (U-), skipping spaces."""
    out = list(labels)
    idx = [i for i, t in enumerate(doc) if not t.is_space]
    for k, i in enumerate(idx):
        lab = labels[i]
        if lab == "O":
            continue
        nxt = labels[idx[k + 1]] if k + 1 < len(idx) else "O"
        ends = not (nxt.startswith("I-") and nxt[2:] == lab[2:])
        if ends:
            out[i] = ("U-" if lab.startswith("B-") else "L-") + lab[2:]
    return out


def training_sequences(
    docs: Iterable[tuple[Doc, GoldDoc]], *, scheme: str = SCHEME
) -> Iterator[tuple[list[list[str]], list[str]]]:
    for doc, gold in docs:
        labels = gold_labels(doc, gold, scheme)
        arrays = DocArrays(doc)
        for idx in paragraphs(doc):
            q = quote_state(doc, idx)
            yield sequence_features(doc, idx, q, arrays), [labels[i] for i in idx]


def train_quotes(
    gold_dir: str | Path,
    out: str | Path,
    *,
    nlp: Language,
    params: dict[str, object] | None = None,
    limit: int | None = None,
) -> int:
    """Train the CRF on the brat gold in ``gold_dir``; write it to ``out``.

    Returns the number of training sequences. Parsing uses ``nlp``.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params({**PARAMS, **(params or {})})
    golds = itertools.islice(read_gold(gold_dir), limit)
    n = 0
    docs = nlp.pipe(((g.text, g) for g in golds), as_tuples=True, batch_size=32)
    for x, y in training_sequences(docs):
        trainer.append(x, y)
        n += 1
    if n == 0:
        raise EvalError(f"{gold_dir}: no training sequences (no annotated articles found)")
    log.info("training on %d sequences", n)
    trainer.train(str(out))
    return n

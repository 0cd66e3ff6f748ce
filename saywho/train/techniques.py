"""Train and score the persuasion technique models on the Propaganda Techniques Corpus
(SemEval-2020 Task 11).

``saywho train techniques --data DIR`` calls :func:`train_techniques`: the technique classifier
(TC, gold spans given) and the span tagger (SI, a CRF with word classes from k-means over the
training words' static vectors), both on ``train`` only, with settings
chosen on a fixed slice of train articles (every fifth article id). :func:`evaluate_techniques`
reports on ``dev``: TC micro-F1 and SI F1 with the task's partial-overlap credit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EvalError
from ..pipeline.techniques import (
    LABELS,
    TechniqueModel,
    WordClusters,
    article_words,
    clusters_path,
    span_features,
    span_text_features,
    word_spans,
)
from ._linear import embed, fit_linear, tfidf_matrix

__all__ = ["TechniqueReport", "evaluate_techniques", "read_ptc", "train_techniques"]

log = logging.getLogger(__name__)

#: Classifier settings (chosen on the train slice, not on dev).
C = 4.0
VEC_SCALE = 1.0
#: CRF settings for the span tagger.
CRF_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


@dataclass(frozen=True)
class PtcSplit:
    articles: dict[str, str]
    tc: list[tuple[str, str, int, int]]  # article, label, start, end
    si: list[tuple[str, int, int]]


def _datasets(folder: str | Path) -> Path:
    base = Path(folder)
    if (base / "datasets").is_dir():
        base = base / "datasets"
    if not (base / "train-articles").is_dir():
        raise EvalError(f"{folder}: no train-articles/; pass the ptc-semeval2020-task11 folder")
    return base


def read_ptc(folder: str | Path, split: str) -> PtcSplit:
    """Articles and gold spans of ``train`` or ``dev``."""
    base = _datasets(folder)
    arts = {
        p.stem.removeprefix("article"): p.read_text(encoding="utf-8")
        for p in sorted((base / f"{split}-articles").glob("article*.txt"))
    }
    tc_file = base / ("train-task2-TC.labels" if split == "train" else f"{split}-task-TC.labels")
    si_file = base / ("train-task1-SI.labels" if split == "train" else f"{split}-task-SI.labels")
    tc = []
    for line in tc_file.read_text(encoding="utf-8").splitlines():
        a, label, s, e = line.split("\t")
        tc.append((a, label, int(s), int(e)))
    si = []
    for line in si_file.read_text(encoding="utf-8").splitlines():
        a, s, e = line.split("\t")
        si.append((a, int(s), int(e)))
    return PtcSplit(arts, tc, si)


def _held(article: str) -> bool:
    return int(article) % 5 == 0


def _tc_inputs(
    data: PtcSplit, rows: list[tuple[str, str, int, int]]
) -> tuple[list[str], list[str]]:
    spans = [data.articles[a][s:e] for a, _, s, e in rows]
    feats = [
        span_text_features(sp, data.articles[a], s)
        for sp, (a, _, s, _) in zip(spans, rows, strict=True)
    ]
    return spans, feats


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _si_sequences(
    data: PtcSplit, ids: list[str], clusters: WordClusters | None = None
) -> Iterator[tuple[list[list[str]], list[str]]]:
    gold: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in data.si:
        gold.setdefault(a, []).append((s, e))
    for a in ids:
        text = data.articles[a]
        counts, classes = article_words(text, clusters)
        spans = gold.get(a, [])
        for s0, e0 in _lines(text):
            ws = word_spans(text, s0, e0)
            if not ws:
                continue
            labels = []
            prev = False
            for s, e in ws:
                inside = any(gs <= s and e <= ge for gs, ge in spans)
                labels.append(("I" if prev else "B") if inside else "O")
                prev = inside
            yield span_features([text[s:e] for s, e in ws], counts, classes), labels


def train_techniques(
    data_dir: str | Path,
    out_npz: str | Path,
    out_crf: str | Path | None,
    *,
    cache: str | Path | None = None,
    encoder: str = "static",
) -> dict[str, float]:
    import pycrfsuite

    data = read_ptc(data_dir, "train")
    rows = data.tc
    spans, feats = _tc_inputs(data, rows)
    y = np.array([LABELS.index(r[1]) for r in rows])
    vectors = embed(spans, cache, encoder)
    vec, _ = tfidf_matrix(feats, min_df=2)
    model = fit_linear(
        vec,
        feats,
        vectors,
        y,
        classes=list(LABELS),
        c=C,
        scale=VEC_SCALE,
        class_weight=None,
        meta={"task": "techniques", "data": "PTC SemEval-2020 task 11 train", "encoder": encoder},
    )
    model.save(out_npz)
    if out_crf is None:  # one span tagger serves every encoder (static word classes)
        return {"tc_spans": len(rows)}
    ids = sorted(data.articles)
    clusters = WordClusters.fit(
        data.articles[a][s:e] for a in ids for s, e in word_spans(data.articles[a])
    )
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(CRF_PARAMS)
    n = 0
    for x, labels in _si_sequences(data, ids, clusters):
        trainer.append(x, labels)
        n += 1
    trainer.train(str(out_crf))
    clusters.save(clusters_path(out_crf))
    return {"tc_spans": len(rows), "si_sequences": n}


@dataclass(frozen=True)
class TechniqueReport:
    tc_n: int
    tc_micro_f1: float
    tc_macro_f1: float
    si_precision: float
    si_recall: float
    si_f1: float
    si_predicted: int
    si_gold: int

    def to_dict(self) -> dict[str, float]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(self).items()}


def si_scores(
    pred: dict[str, list[tuple[int, int]]], gold: dict[str, list[tuple[int, int]]]
) -> tuple[float, float, float]:
    """SemEval-2020 Task 11 SI scoring: each predicted span earns |s∩t|/|s| (precision) and
    each gold span |s∩t|/|t| (recall), summed over overlapping pairs."""
    p_sum = r_sum = 0.0
    n_pred = sum(len(v) for v in pred.values())
    n_gold = sum(len(v) for v in gold.values())
    for a in set(pred) | set(gold):
        for ps, pe in pred.get(a, []):
            for gs, ge in gold.get(a, []):
                inter = max(0, min(pe, ge) - max(ps, gs))
                if inter:
                    p_sum += inter / (pe - ps)
                    r_sum += inter / (ge - gs)
    p = p_sum / n_pred if n_pred else 0.0
    r = r_sum / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_techniques(
    model: TechniqueModel,
    data_dir: str | Path,
    split: str = "dev",
    *,
    cache: str | Path | None = None,
) -> TechniqueReport:
    data = read_ptc(data_dir, split)
    spans, texts = _tc_inputs(data, data.tc)
    vectors = embed(spans, cache, model.classifier.encoder) if model.classifier.vec_dim else None
    prob = model.classifier.proba(texts, vectors)
    pred = prob.argmax(axis=1)
    gold = np.array([LABELS.index(r[1]) for r in data.tc])
    micro = float((pred == gold).mean())
    f1s = []
    for k in range(len(LABELS)):
        tp = int(((pred == k) & (gold == k)).sum())
        fp = int(((pred == k) & (gold != k)).sum())
        fn = int(((pred != k) & (gold == k)).sum())
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    si_pred: dict[str, list[tuple[int, int]]] = {}
    for a, text in data.articles.items():
        si_pred[a] = [(s, e) for s, e, _ in model.find_spans(text, _lines(text))]
    si_gold: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in data.si:
        si_gold.setdefault(a, []).append((s, e))
    p, r, f = si_scores(si_pred, si_gold)
    return TechniqueReport(
        len(gold),
        micro,
        float(np.mean(f1s)),
        p,
        r,
        f,
        sum(len(v) for v in si_pred.values()),
        sum(len(v) for v in si_gold.values()),
    )

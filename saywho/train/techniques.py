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
from typing import Any

import numpy as np

from ..errors import EvalError
from ..pipeline.technets import context_of
from ..pipeline.techniques import (
    LABELS,
    TechniqueModel,
    WordClusters,
    article_words,
    clusters_path,
    runs,
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
    if model.nets is not None:
        contexts = [
            context_of(data.articles[a], _lines(data.articles[a]), s, e) for a, _, s, e in data.tc
        ]
        prob = model.mix_nets(prob, spans, contexts)
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


#: The grids the mixing weights and span threshold are chosen from, on the train slice.
NET_WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
NET_THRESHOLDS = (0.05, 0.07, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def train_nets(
    data_dir: str | Path,
    out_dir: str | Path,
    *,
    cache: str | Path | None = None,
) -> dict[str, Any]:
    """Fine-tune the two MiniLM networks on the train articles outside the slice, then choose
    how to mix them with the linear models on the slice (linear models and networks all
    trained without it); then fine-tune the span tagger again on all train articles (the
    classifier keeps its slice-free fit: refitting it would take another 40 minutes on two
    cores). Writes ``techniques-spans-net.onnx``, ``techniques-net.onnx`` and
    ``techniques-nets.json`` into ``out_dir``; about 75 minutes on two cores."""
    import pycrfsuite

    from ..pipeline.technets import ClassNet, NetSettings, SpanNet
    from .finetune import finetune_classifier, finetune_tagger, need_torch

    need_torch()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    data = read_ptc(data_dir, "train")
    ids = sorted(data.articles)
    fit_ids = [a for a in ids if not _held(a)]
    slice_ids = [a for a in ids if _held(a)]
    gold: dict[str, list[tuple[int, int]]] = {}
    for a, s, e in data.si:
        gold.setdefault(a, []).append((s, e))
    fit_rows = [r for r in data.tc if not _held(r[0])]
    slice_rows = [r for r in data.tc if _held(r[0])]

    def context(a: str, s: int, e: int) -> str:
        return context_of(data.articles[a], _lines(data.articles[a]), s, e)

    span_file, class_file = out / "techniques-spans-net.onnx", out / "techniques-net.onnx"

    def tagger_lines(article_ids: list[str]) -> list[tuple[str, list[tuple[int, int]]]]:
        return [
            (data.articles[a][s:e], [(gs - s, ge - s) for gs, ge in gold.get(a, [])])
            for a in article_ids
            for s, e in _lines(data.articles[a])
        ]

    log.info("fine-tuning the span tagger on %d articles", len(fit_ids))
    finetune_tagger(tagger_lines(fit_ids), span_file)
    log.info("fine-tuning the classifier on %d spans", len(fit_rows))
    finetune_classifier(
        [(data.articles[a][s:e], context(a, s, e), label) for a, label, s, e in fit_rows],
        class_file,
    )
    # the linear models without the slice
    spans, feats = _tc_inputs(data, fit_rows)
    vec, _ = tfidf_matrix(feats, min_df=2)
    y = np.array([LABELS.index(r[1]) for r in fit_rows])
    lin = fit_linear(
        vec, feats, embed(spans, cache, "minilm"), y,
        classes=list(LABELS), c=C, scale=VEC_SCALE, class_weight=None,
    )  # fmt: skip
    s_spans, s_feats = _tc_inputs(data, slice_rows)
    s_y = np.array([LABELS.index(r[1]) for r in slice_rows])
    lin_p = lin.proba(s_feats, embed(s_spans, cache, "minilm"))
    net_p = ClassNet(class_file, threads=2).proba(
        s_spans, [context(a, s, e) for a, _, s, e in slice_rows]
    )
    cols = [LABELS.index(c) for c in lin.classes]  # the labels the linear model saw
    net_p = net_p[:, cols]
    s_y = np.array([cols.index(k) if k in cols else -1 for k in s_y])
    class_acc = {
        w: float((((1 - w) * lin_p + w * net_p).argmax(1) == s_y).mean()) for w in NET_WEIGHTS
    }
    clusters = WordClusters.fit(
        data.articles[a][s:e] for a in fit_ids for s, e in word_spans(data.articles[a])
    )
    trainer = pycrfsuite.Trainer(verbose=False)
    trainer.set_params(CRF_PARAMS)
    for x, labels in _si_sequences(data, fit_ids, clusters):
        trainer.append(x, labels)
    crf_file = out / "slice-tagger.crfsuite.tmp"
    trainer.train(str(crf_file))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crf_file))
    slice_free = TechniqueModel(lin, tagger, clusters=clusters)
    span_net = SpanNet(span_file, threads=2)
    words: dict[str, list[list[tuple[int, int]]]] = {}
    crf_p: dict[str, list[np.ndarray]] = {}
    net_w: dict[str, list[np.ndarray]] = {}
    for a in slice_ids:
        text = data.articles[a]
        words[a] = [ws for s0, e0 in _lines(text) if (ws := word_spans(text, s0, e0))]
        crf_p[a] = slice_free.crf_probs(text, words[a])
        net_w[a] = span_net.word_probs(text, words[a])
    tagger.close()
    crf_file.unlink(missing_ok=True)
    slice_gold = {a: gold.get(a, []) for a in slice_ids}
    si_f1 = {}
    for w in NET_WEIGHTS:
        for t in NET_THRESHOLDS:
            pred = {
                a: [
                    r[:2]
                    for ws, p, q in zip(words[a], crf_p[a], net_w[a], strict=True)
                    for r in runs(ws, (1 - w) * p + w * q, t)
                ]
                for a in slice_ids
            }
            si_f1[(w, t)] = si_scores(pred, slice_gold)[2]
    (span_w, span_t), best_si = max(si_f1.items(), key=lambda kv: kv[1])
    class_w = max(class_acc, key=lambda w: class_acc[w])
    settings = NetSettings(span_w, span_t, class_w, span_file.name, class_file.name)
    log.info("fine-tuning the span tagger again, on all %d articles", len(ids))
    finetune_tagger(tagger_lines(ids), span_file)
    settings.save(out / "techniques-nets.json")
    return {
        "slice_tc_accuracy": {str(w): round(v, 4) for w, v in class_acc.items()},
        "slice_si_f1": round(best_si, 4),
        "slice_si_f1_crf_alone": round(si_f1[(0.0, 0.07)], 4),
        **vars(settings),
    }

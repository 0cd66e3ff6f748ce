"""Train the known-narrative matcher: Propaganda Diary sub-narratives and EUvsDisinfo tags.

``saywho train narratives --diary DIR --euvsdisinfo DIR`` calls :func:`train_narratives`.

- Sub-narratives: logistic regression on MiniLM vectors of the Propaganda Diary case passages
  (English), trained on the fixed ``train`` part of :func:`diary_split`; the ``test`` part is
  only used by :func:`evaluate_narratives`. The model also keeps each sub-narrative's centroid
  (mean vector of its training cases and its own wording), whose cosine is the reported
  ``similarity``.
- EUvsDisinfo tags: one centroid per keyword tag with at least ``MIN_TAG`` cases, from the
  one-line claim titles of the cases in the ``train`` part of :func:`euvsdisinfo_split`.

Only weights, centroids and label names are written to the model; no case text.
"""

from __future__ import annotations

import csv
import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import EvalError
from ..pipeline.narratives import NarrativeModel
from ._linear import embed, fit_linear

__all__ = [
    "NarrativeReport",
    "diary_split",
    "euvsdisinfo_split",
    "evaluate_narratives",
    "read_diary",
    "read_euvsdisinfo",
    "train_narratives",
]

log = logging.getLogger(__name__)

MIN_TAG = 30
#: Regularisation of the sub-narrative classifier (balanced class weights), chosen by 5-fold
#: cross-validation on the train part: C = 1, 2, 4, 8, 16, 32, 64 gave 0.310, 0.355, 0.370,
#: 0.374, 0.380, 0.370, 0.374.
C = 16.0
#: Minimum cosine of a match, by encoder: the same trade-off for both (about two thirds of the
#: held-out Propaganda Diary passages kept, about 6% of the sample corpus' candidate sentences
#: matched; the table is in docs/models/narratives.md).
THRESHOLDS = {"minilm": 0.65, "static": 0.67}


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    narrative: str
    sub_narrative: str


def read_diary(folder: str | Path) -> list[Case]:
    """English Propaganda Diary cases with a sub-narrative and a passage."""
    path = Path(folder) / "cases_en.json"
    if not path.is_file():
        raise EvalError(f"{path} not found; pass the propaganda-diary-narratives folder")
    out = []
    for rec in json.loads(path.read_text(encoding="utf-8")):
        sub = (rec.get("Fakes") or "").strip()
        text = (rec.get("Disinfo_cases_en") or "").strip()
        if sub and text:
            out.append(Case(str(rec["id"]), text, (rec.get("Narrative") or "").strip(), sub))
    return out


def diary_split(cases: list[Case]) -> tuple[list[Case], list[Case]]:
    """The fixed split: within each sub-narrative, cases in id order, every fourth one is test
    (sub-narratives with a single case stay in train)."""
    by_sub: dict[str, list[Case]] = {}
    for c in cases:
        by_sub.setdefault(c.sub_narrative, []).append(c)
    train: list[Case] = []
    test: list[Case] = []
    for group in by_sub.values():
        group.sort(key=lambda c: int(c.id) if c.id.isdigit() else 0)
        for i, c in enumerate(group):
            (test if len(group) > 1 and i % 4 == 3 else train).append(c)
    return train, test


def read_euvsdisinfo(folder: str | Path) -> list[tuple[str, str, list[str]]]:
    """``(case id, title, tags)`` of ``posts.csv``."""
    path = Path(folder) / "posts.csv"
    if not path.is_file():
        raise EvalError(f"{path} not found; pass the euvsdisinfo-cknabs folder")
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (
                r["id"],
                r["title"].strip(),
                [k.strip() for k in r["keywords"].split("+") if k.strip()],
            )
            for r in csv.DictReader(f)
            if r["title"].strip()
        ]


def euvsdisinfo_split(
    posts: list[tuple[str, str, list[str]]],
) -> tuple[list[tuple[str, str, list[str]]], list[tuple[str, str, list[str]]]]:
    """The fixed split: a case is test when the first hex digit of the SHA-1 of its URL is 0–3."""
    train: list[tuple[str, str, list[str]]] = []
    test: list[tuple[str, str, list[str]]] = []
    for p in posts:
        (test if hashlib.sha1(p[0].encode()).hexdigest()[0] in "0123" else train).append(p)
    return train, test


def _norm(m: np.ndarray) -> np.ndarray:
    return np.asarray(m / np.clip(np.linalg.norm(m, axis=1, keepdims=True), 1e-9, None), np.float32)


def train_narratives(
    diary_dir: str | Path,
    euvs_dir: str | Path,
    out: str | Path,
    *,
    cache: str | Path | None = None,
    encoder: str = "static",
) -> dict[str, float]:
    train, _ = diary_split(read_diary(diary_dir))
    subs = sorted({c.sub_narrative for c in train})
    narrative_of = {c.sub_narrative: c.narrative for c in train}
    y = np.array([subs.index(c.sub_narrative) for c in train])
    vectors = embed([c.text for c in train], cache, encoder)
    model = fit_linear(None, [c.text for c in train], vectors, y, classes=subs, c=C, scale=1.0)
    model.temperature = 1.0
    model.meta = {"task": "narratives", "encoder": encoder}
    name_vecs = embed(subs, cache, encoder)
    centroids = np.stack([vectors[y == i].sum(axis=0) + name_vecs[i] for i in range(len(subs))])
    posts, _ = euvsdisinfo_split(read_euvsdisinfo(euvs_dir))
    counts: dict[str, int] = {}
    for _, _, tags in posts:
        for t in tags:
            counts[t] = counts.get(t, 0) + 1
    tags = sorted(t for t, n in counts.items() if n >= MIN_TAG)
    post_vecs = embed([p[1] for p in posts], cache, encoder)
    tag_index = {t: i for i, t in enumerate(tags)}
    tag_sum = np.zeros((len(tags), post_vecs.shape[1]), dtype=np.float32)
    for (_, _, ptags), v in zip(posts, post_vecs, strict=True):
        for t in ptags:
            if t in tag_index:
                tag_sum[tag_index[t]] += v
    # a tag's centroid minus the mean of all cases: what sets the tag apart
    mean = post_vecs.mean(axis=0)
    tag_centroids = _norm(_norm(tag_sum) - 0.5 * mean)
    NarrativeModel(
        classifier=model,
        narratives=[narrative_of[s] for s in subs],
        centroids=_norm(centroids),
        tags=tags,
        tag_centroids=tag_centroids,
        threshold=THRESHOLDS[encoder],
    ).save(out)
    return {"sub_narratives": len(subs), "train_cases": len(train), "tags": len(tags)}


@dataclass(frozen=True)
class NarrativeReport:
    n: int
    top1: float
    top3: float
    narrative_top1: float
    zero_shot_top1: float
    zero_shot_top3: float
    tags_n: int
    tag_precision1: float
    tag_recall3: float

    def to_dict(self) -> dict[str, float]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in vars(self).items()}


def _topk(scores: np.ndarray, gold: list[int], k: int) -> float:
    top = np.argsort(-scores, axis=1)[:, :k]
    return float(np.mean([g in row for g, row in zip(gold, top, strict=True)]))


def evaluate_narratives(
    model: NarrativeModel,
    diary_dir: str | Path,
    euvs_dir: str | Path,
    *,
    cache: str | Path | None = None,
) -> NarrativeReport:
    """Top-1/top-3 sub-narrative accuracy on the held-out Propaganda Diary cases (cases of
    sub-narratives unseen in training count as misses), the zero-shot baseline (nearest
    sub-narrative wording) and tag precision@1 / recall@3 on held-out EUvsDisinfo cases."""
    _, test = diary_split(read_diary(diary_dir))
    subs = model.classifier.classes
    encoder = model.classifier.encoder
    vectors = embed([c.text for c in test], cache, encoder)
    gold = [subs.index(c.sub_narrative) if c.sub_narrative in subs else -1 for c in test]
    prob = model.classifier.proba([c.text for c in test], vectors)
    pred = prob.argmax(axis=1)
    narr_ok = np.mean([model.narratives[p] == c.narrative for p, c in zip(pred, test, strict=True)])
    zs = vectors @ embed(subs, cache, encoder).T
    _, posts = euvsdisinfo_split(read_euvsdisinfo(euvs_dir))
    known = set(model.tags)
    post_vecs = embed([p[1] for p in posts], cache, encoder)
    keep = [i for i, p in enumerate(posts) if known & set(p[2])]
    posts = [posts[i] for i in keep]
    tag_scores = post_vecs[keep] @ model.tag_centroids.T
    top = np.argsort(-tag_scores, axis=1)[:, :3]
    p1 = np.mean([model.tags[row[0]] in p[2] for row, p in zip(top, posts, strict=True)])
    r3 = np.mean(
        [
            len({model.tags[i] for i in row} & set(p[2])) / len(known & set(p[2]))
            for row, p in zip(top, posts, strict=True)
        ]
    )
    return NarrativeReport(
        n=len(test),
        top1=_topk(prob, gold, 1),
        top3=_topk(prob, gold, 3),
        narrative_top1=float(narr_ok),
        zero_shot_top1=_topk(zs, gold, 1),
        zero_shot_top3=_topk(zs, gold, 3),
        tags_n=len(posts),
        tag_precision1=float(p1),
        tag_recall3=float(r3),
    )

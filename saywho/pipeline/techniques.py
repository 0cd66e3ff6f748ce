"""Persuasion techniques (the SemEval-2020 Task 11 taxonomy of 14), at span and sentence level.

Two shipped models, both from ``saywho train techniques`` on the Propaganda Techniques Corpus:

- span identification: a linear-chain CRF over the words of each sentence
  (``saywho/data/techniques-spans.crfsuite``) marks the stretches that use a technique; its
  features include word classes (``techniques-spans.clusters.npz``: k-means centroids of
  the training words' static vectors, at four granularities), so that a loaded word the
  training data never showed still looks like the ones it did;
- technique classification: logistic regression over TF-IDF n-grams of the span with
  markers for its length and repetition in the article, plus the MiniLM vector of the span
  (``saywho/data/techniques.npz``) labels each stretch.

With ``--rhetoric-encoder minilm`` both are averaged with fine-tuned MiniLM networks
(:mod:`saywho.pipeline.technets`): a word-piece tagger for the spans and a span-in-context
classifier for the labels.

Each flag records its voice (the outlet, or the quote and speaker it sits in), a score, and
the words that weighed most for its label (``evidence``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from .linear import LinearModel, ngrams, shipped_model
from .technets import TechniqueNets, context_of

__all__ = [
    "LABELS",
    "TechniqueModel",
    "WordClusters",
    "article_words",
    "default_nets",
    "default_technique_models",
    "runs",
    "span_features",
    "span_text_features",
    "word_spans",
]

LABELS = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)

#: Default probability for a word to be inside a technique span (chosen on a train slice).
SPAN_THRESHOLD = 0.07

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_ALNUM = re.compile(r"\w+")


#: Word class granularities of the span tagger (chosen on a train slice).
CLUSTER_SIZES = (64, 256, 1024, 4096)
_SEEN_MAX = 500_000  # words whose classes are kept between articles


def clusters_path(crf: str | Path) -> Path:
    """The word classes file beside a span tagger (``X.crfsuite`` → ``X.clusters.npz``)."""
    crf = Path(crf)
    return crf.with_name(crf.name.removesuffix(".crfsuite") + ".clusters.npz")


@dataclass(frozen=True)
class WordClusters:
    """Word classes for the span tagger: a word's nearest centroid at each granularity, in
    the static encoder's space (:func:`saywho.embed.encode`)."""

    centroids: tuple[np.ndarray, ...]  # one (k, dim) float32 array per granularity
    _half_norms: tuple[np.ndarray, ...] = field(init=False, repr=False, compare=False)
    # word → tags, kept across articles (news vocabulary repeats); cleared when full
    _seen: dict[str, list[str]] = field(init=False, repr=False, compare=False, default_factory=dict)

    def __post_init__(self) -> None:
        norms = tuple(0.5 * (c * c).sum(axis=1) for c in self.centroids)
        object.__setattr__(self, "_half_norms", norms)

    @classmethod
    def fit(cls, words: Iterable[str], sizes: Sequence[int] = CLUSTER_SIZES) -> WordClusters:
        from sklearn.cluster import MiniBatchKMeans

        from ..embed import encode

        vocab = sorted({w.lower() for w in words if any(c.isalpha() for c in w)})
        vectors = encode("static", vocab)
        fitted = []
        for k in sizes:
            km = MiniBatchKMeans(k, random_state=0, n_init=3, batch_size=4096).fit(vectors)
            fitted.append(np.asarray(km.cluster_centers_, dtype=np.float32))
        return cls(tuple(fitted))

    @classmethod
    def load(cls, path: str | Path) -> WordClusters:
        with np.load(path, allow_pickle=False) as z:
            return cls(tuple(z[f"c{i}"].astype(np.float32) for i in range(len(z.files))))

    def save(self, path: str | Path) -> None:
        arrays = {f"c{i}": c.astype(np.float16) for i, c in enumerate(self.centroids)}
        np.savez_compressed(path, **arrays)  # type: ignore[arg-type]

    def tags(self, words: Iterable[str]) -> dict[str, list[str]]:
        """``{lower-cased word: ["c64=5", "c256=17", …]}`` for the words with a letter."""
        from ..embed import encode

        vocab = {w.lower() for w in words if any(c.isalpha() for c in w)}
        seen = self._seen  # shared by threads: read each word once, never iterate it
        out: dict[str, list[str]] = {}
        new = []
        for w in sorted(vocab):
            tags = seen.get(w)
            if tags is None:
                new.append(w)
            else:
                out[w] = tags
        if new:
            vectors = encode("static", new)
            ids = [
                (vectors @ c.T - h).argmax(axis=1)
                for c, h in zip(self.centroids, self._half_norms, strict=True)
            ]
            if len(seen) + len(new) > _SEEN_MAX:
                seen.clear()
            for i, w in enumerate(new):
                out[w] = seen[w] = [
                    f"c{len(c)}={int(level[i])}"
                    for c, level in zip(self.centroids, ids, strict=True)
                ]
        return out


def default_technique_models(encoder: str = "static") -> tuple[Path, Path]:
    """The shipped classifier for vectors of ``encoder`` and the span tagger (one for every
    encoder: its word classes always come from the static table)."""
    return shipped_model("techniques", encoder), shipped_model(
        "techniques-spans", suffix=".crfsuite"
    )


def default_nets() -> Path:
    """The settings file of the shipped fine-tuned networks (MiniLM encoder only)."""
    return shipped_model("techniques-nets", suffix=".json")


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the words and punctuation marks of ``text[start:end]``."""
    end = len(text) if end is None else end
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _bucket(n: int) -> str:
    return (
        "1"
        if n <= 1
        else "2"
        if n == 2
        else "3"
        if n <= 4
        else "5"
        if n <= 8
        else "9"
        if n <= 16
        else "17"
    )


def span_text_features(span: str, article: str, start: int | None = None) -> str:
    """The text the technique classifier reads: the span's words, then marker words for its
    length, how often it recurs in the article (as a whole, before and after ``start``, its
    offset, when given; and its rarest long word), capitals, and punctuation it holds."""
    words = span.split()
    low = " ".join(words).lower()
    article_low = article.lower()
    marks = [f"zzlen{_bucket(len(words))}"]
    found = (
        [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(low) + r"(?!\w)", article_low)]
        if low
        else []
    )
    marks.append(f"zzrep{min(len(found), 4)}")
    if start is not None:
        if any(p < start - 1 for p in found):
            marks.append("zzrepbefore")
        if any(p > start + 1 for p in found):
            marks.append("zzrepafter")
    long_words = [w for w in _ALNUM.findall(low) if len(w) > 3]
    if long_words:
        counts = Counter(_ALNUM.findall(article_low))
        marks.append(f"zzwrep{min(min(counts[w] for w in long_words), 5)}")
    if "!" in span:
        marks.append("zzexcl")
    if "?" in span:
        marks.append("zzquest")
    if span[:1] in "\"“'‘" or span[-1:] in "\"”'’":
        marks.append("zzquoted")
    if span.isupper():
        marks.append("zzupper")
    if any(w.isupper() and len(w) > 1 for w in words):
        marks.append("zzcapsword")
    if len(words) > 1 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        marks.append("zztitle")
    return span + " " + " ".join(marks)


def article_words(
    text: str, clusters: WordClusters | None
) -> tuple[Counter[str], dict[str, list[str]] | None]:
    """What the span tagger reads from the whole article, the same at training and at
    analysis: its lower-cased word counts and, with ``clusters``, its words' classes."""
    counts = Counter(text[s:e].lower() for s, e in word_spans(text))
    return counts, (clusters.tags(counts) if clusters is not None else None)


def span_features(
    words: Sequence[str],
    counts: Counter[str],
    classes: dict[str, list[str]] | None = None,
) -> list[list[str]]:
    """CRF features of one sentence's words (``counts``: word counts in the whole article;
    ``classes``: :meth:`WordClusters.tags` of its words, for the word and its neighbours)."""
    low = [w.lower() for w in words]
    feats = []
    for i, w in enumerate(words):
        lw = low[i]
        f = [
            "b",
            "w=" + lw,
            "s3=" + lw[-3:],
            "p2=" + lw[:2],
            "shape="
            + (
                "X"
                if w.isupper() and len(w) > 1
                else "Xx"
                if w[:1].isupper()
                else "x"
                if w[:1].isalpha()
                else "d"
                if w[:1].isdigit()
                else w
            ),
            "rep=" + str(min(counts[lw], 5)) if lw.isalpha() and len(lw) > 3 else "rep=-",
            "pos=" + _bucket(i + 1),
            "len=" + _bucket(len(words)),
        ]
        for k in (-2, -1, 1, 2):
            j = i + k
            f.append(f"w{k}=" + (low[j] if 0 <= j < len(words) else "<s>" if j < 0 else "</s>"))
        if i > 0:
            f.append("bi-=" + low[i - 1] + "|" + lw)
        if i + 1 < len(words):
            f.append("bi+=" + lw + "|" + low[i + 1])
        if classes is not None:
            for k in (-1, 0, 1):
                if 0 <= i + k < len(words):
                    f += [f"{k}{tag}" for tag in classes.get(low[i + k], ["c=-"])]
        feats.append(f)
    return feats


@dataclass
class TechniqueModel:
    classifier: LinearModel
    tagger: Any | None = None  # pycrfsuite.Tagger
    span_threshold: float = SPAN_THRESHOLD
    clusters: WordClusters | None = None  # the tagger's word classes, when it uses them
    nets: TechniqueNets | None = None  # fine-tuned networks mixed in (MiniLM encoder only)

    @classmethod
    def load(
        cls,
        npz: str | Path | None = None,
        crf: str | Path | None = None,
        *,
        encoder: str = "static",
        nets: bool | None = None,
    ) -> TechniqueModel:
        """The shipped models (or the given files); ``nets``: mix in the fine-tuned networks
        (default: with the MiniLM encoder, when their settings file ships)."""
        default_npz, default_crf = default_technique_models(encoder)
        classifier = LinearModel.load(npz or default_npz)
        import pycrfsuite

        crf = crf or default_crf
        tagger = pycrfsuite.Tagger()
        tagger.open(str(crf))
        classes = clusters_path(crf)
        clusters = WordClusters.load(classes) if classes.is_file() else None
        settings = default_nets()
        if nets is None:
            nets = encoder == "minilm" and npz is None and settings.is_file()
        return cls(
            classifier,
            tagger,
            clusters=clusters,
            nets=TechniqueNets.load(settings) if nets else None,
        )

    def classify(
        self,
        spans: Sequence[str],
        article: str,
        vectors: np.ndarray | None,
        starts: Sequence[int] | None = None,
        contexts: Sequence[str] | None = None,
    ) -> np.ndarray:
        """Probabilities ``(len(spans), 14)`` of each technique for given spans (``starts``:
        their offsets in ``article``, for the repetition markers; ``contexts``: what the
        fine-tuned classifier reads beside each, when one is loaded: ``technets.context_of``)."""
        where = list(starts) if starts is not None else [None] * len(spans)
        texts = [span_text_features(s, article, at) for s, at in zip(spans, where, strict=True)]
        prob = self.classifier.proba(texts, vectors)
        return self.mix_nets(prob, spans, contexts if contexts is not None else spans)

    def mix_nets(
        self, prob: np.ndarray, spans: Sequence[str], contexts: Sequence[str]
    ) -> np.ndarray:
        """The linear classifier's probabilities ``prob`` averaged with the classifier net's
        (when one is loaded) by the weight of its settings, column for column."""
        if self.nets is None or not len(spans):
            return prob
        w = self.nets.settings.class_weight
        cols = [LABELS.index(c) for c in self.classifier.classes]  # its column order
        return (1 - w) * prob + w * self.nets.classes.proba(spans, contexts)[:, cols]

    def evidence(self, span: str, label: int, k: int = 3) -> list[str]:
        """The n-grams of ``span`` that weigh most for ``label``."""
        m = self.classifier
        grams = {g for g in ngrams(span, m.ngram) if g in m._index}
        weights = sorted(((float(m.coef[label, m._index[g]]), g) for g in grams), reverse=True)
        return [g for w, g in weights[:k] if w > 0]

    def crf_probs(self, text: str, lines: Sequence[Sequence[tuple[int, int]]]) -> list[np.ndarray]:
        """For each line given as its words' ``(start, end)``, each word's probability of lying
        inside a technique span by the CRF alone (1 − its marginal of ``O``)."""
        assert self.tagger is not None
        counts, classes = article_words(text, self.clusters)
        out = []
        for ws in lines:
            self.tagger.set(span_features([text[s:e] for s, e in ws], counts, classes))
            out.append(np.array([1.0 - self.tagger.marginal("O", k) for k in range(len(ws))]))
        return out

    def find_spans(
        self, text: str, sentences: Iterable[tuple[int, int]], threshold: float | None = None
    ) -> list[tuple[int, int, float]]:
        """Technique spans ``(start, end, mean probability)``: runs of words whose probability
        of lying inside a technique span (1 − the CRF's marginal of ``O``) reaches
        ``threshold`` (default: the one chosen at training, ``span_threshold``)."""
        if self.tagger is None:
            return []
        t = self.span_threshold if threshold is None else threshold
        lines = [ws for s0, e0 in sentences if (ws := word_spans(text, s0, e0))]
        probs = self.crf_probs(text, lines)
        if self.nets is not None:
            w = self.nets.settings.span_weight
            if threshold is None:
                t = self.nets.settings.span_threshold
            net = self.nets.spans.word_probs(text, lines)
            probs = [(1 - w) * p + w * q for p, q in zip(probs, net, strict=True)]
        return [r for ws, inside in zip(lines, probs, strict=True) for r in runs(ws, inside, t)]


def runs(
    words: Sequence[tuple[int, int]], inside: np.ndarray, t: float
) -> list[tuple[int, int, float]]:
    """The runs of consecutive words whose probability reaches ``t``: ``(start, end, mean
    probability)``."""
    out, i = [], 0
    while i < len(words):
        if inside[i] < t:
            i += 1
            continue
        j = i + 1
        while j < len(words) and inside[j] >= t:
            j += 1
        out.append((words[i][0], words[j - 1][1], float(np.mean(inside[i:j]))))
        i = j
    return out


def detect(
    model: TechniqueModel,
    text: str,
    sentences: Sequence[tuple[int, int]],
    voice_at: Callable[[int, int], dict[str, object]],
    embed: Callable[[list[str]], np.ndarray] | None,
) -> list[dict[str, Any]]:
    """The techniques layer: span-level entries, then one sentence-level entry per sentence
    and technique (the highest score among its spans)."""
    spans = model.find_spans(text, sentences)
    if not spans:
        return []
    pieces = [text[s:e] for s, e, _ in spans]
    vectors = embed(pieces) if embed is not None and model.classifier.vec_dim else None
    contexts = None
    if model.nets is not None:
        contexts = [context_of(text, sentences, s, e) for s, e, _ in spans]
    prob = model.classify(pieces, text, vectors, [s for s, _, _ in spans], contexts)
    out: list[dict[str, Any]] = []
    per_sentence: dict[tuple[int, int, str], dict[str, Any]] = {}
    for (s, e, p_span), row, piece in zip(spans, prob, pieces, strict=True):
        k = int(row.argmax())
        label = model.classifier.classes[k]
        score = round(float(row[k]), 4)
        entry = {
            "start": s,
            "end": e,
            "level": "span",
            "label": label,
            "score": score,
            "span_score": round(p_span, 4),
            **voice_at(s, e),
            "evidence": model.evidence(piece, k),
        }
        out.append(entry)
        sent = next(((a, b) for a, b in sentences if a <= s < b), (s, e))
        key = (sent[0], sent[1], label)
        if key not in per_sentence or per_sentence[key]["score"] < score:
            per_sentence[key] = {
                "start": sent[0],
                "end": sent[1],
                "level": "sentence",
                "label": label,
                "score": score,
                **voice_at(sent[0], sent[1]),
                "evidence": entry["evidence"],
            }
    return out + sorted(per_sentence.values(), key=lambda d: (d["start"], d["label"]))

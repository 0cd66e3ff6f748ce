"""Quote-attribution metrics: content overlap/exact match, speaker and cue accuracy.

A quote's content is the set of character offsets covered by its content spans,
each span first trimmed (:func:`trim_span`) of surrounding whitespace, quote marks
and edge punctuation. Gold and predicted quotes of one document are then paired
one-to-one:

* **overlap** -- greedily by character F1 (best pairs first), keeping pairs with
  F1 >= 0.5;
* **exact** -- when the trimmed offset sets are equal.

Speaker and cue figures are computed on the overlap-matched pairs. Where the gold
also gives the speaker's canonical name (JSONL gold), **speaker name accuracy** is
the share of matched pairs whose predicted ``speaker.name`` equals it, ignoring case,
diacritics and spacing (:func:`same_name`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..knowledge import load_knowledge, name_key
from ..model.span import Quote, Span, Speaker
from .brat import GoldDoc, GoldQuote

__all__ = [
    "DocResult",
    "EvalReport",
    "char_f1",
    "content_offsets",
    "evaluate",
    "evaluate_doc",
    "same_name",
    "speaker_correct",
    "trim_span",
]

QUOTE_MARKS = "\"'“”‘’«»„‟‹›`‚‛´"
EDGE_PUNCT = ".,;:!?()[]{}…—–‒―‐‑-•·"
_TRIMMED = frozenset(QUOTE_MARKS + EDGE_PUNCT)
_TRIM_CHARS = QUOTE_MARKS + EDGE_PUNCT
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
OVERLAP_THRESHOLD = 0.5

Intervals = tuple[tuple[int, int], ...]


def _trimmable(ch: str) -> bool:
    return ch.isspace() or ch in _TRIMMED


def trim_span(text: str, span: Span) -> Span:
    """``span`` without surrounding whitespace, quote marks and edge punctuation
    (removed repeatedly from both ends); an empty span when nothing is left."""
    start, end = span.start, min(span.end, len(text))
    while start < end and _trimmable(text[start]):
        start += 1
    while end > start and _trimmable(text[end - 1]):
        end -= 1
    return Span(start, max(start, end))


def content_offsets(text: str, spans: Iterable[Span]) -> Intervals:
    """The trimmed offsets covered by ``spans``, as sorted, merged ``(start, end)`` runs."""
    runs = sorted((t.start, t.end) for t in (trim_span(text, s) for s in spans) if len(t))
    merged: list[tuple[int, int]] = []
    for start, end in runs:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _size(a: Intervals) -> int:
    return sum(e - s for s, e in a)


def _intersection(a: Intervals, b: Intervals) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        total += max(0, hi - lo)
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def char_f1(a: Intervals, b: Intervals) -> float:
    """Character-level F1 of two offset sets (0.0 when either is empty)."""
    both = _intersection(a, b)
    return 2 * both / (_size(a) + _size(b)) if both else 0.0


def _surname(name: str | None) -> str:
    tokens = [t.strip(_TRIM_CHARS) for t in (name or "").split()]
    tokens = [t for t in tokens if t]
    while len(tokens) > 1 and tokens[-1].lower() in _SUFFIXES:
        tokens.pop()
    if not tokens:
        return ""
    last = tokens[-1]
    if last.lower().endswith(("'s", "’s")):
        last = last[:-2]
    return last


def speaker_correct(text: str, gold: GoldQuote, pred: Quote) -> bool:
    """Whether ``pred``'s speaker agrees with ``gold``'s source (see module doc)."""
    source = gold.source or ()
    mention = pred.speaker.mention
    if mention is not None and any(mention.overlaps(s) for s in source):
        return True
    surname = _surname(pred.speaker.name)
    if not surname:
        return False
    source_text = " ".join(s.text(text) for s in source)
    return re.search(rf"(?<!\w){re.escape(surname)}(?!\w)", source_text, re.IGNORECASE) is not None


def _name_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def same_name(gold: str, predicted: str | None) -> bool:
    """Whether ``predicted`` is the full name ``gold``, ignoring case, diacritics and
    spacing (``"Antonio guterres"`` is ``"António Guterres"``; ``"Guterres"`` is not)."""
    return predicted is not None and _name_key(gold) == _name_key(predicted) != ""


def same_speaker(gold: str, speaker: Speaker) -> bool:
    """Whether the predicted speaker is the person (or organisation) ``gold`` names.

    When the knowledge files know ``gold`` by that exact name, the speaker's entity id must
    be theirs: "Volodymyr Zelensky" is right as "Volodymyr Zelenskyy" or "Zelenskiy" only
    when linked to the one entity. Otherwise the speaker's name must be the full name
    (:func:`same_name`) or a spelling of it with the same romanisation skeleton.
    """
    known = load_knowledge().lookup(gold, contextual=False, fuzzy=False)
    if len(known) == 1:
        return speaker.entity == known[0].id
    if speaker.name is None:
        return False
    return same_name(gold, speaker.name) or name_key(gold) == name_key(speaker.name) != ""


@dataclass(frozen=True, slots=True)
class DocResult:
    """Counts for one document; ``matches`` holds the overlap pairs
    ``(gold index, predicted index, character F1)`` for error analysis."""

    doc_id: str
    n_gold: int
    n_pred: int
    overlap_tp: int
    exact_tp: int
    speaker_correct: int
    speaker_total: int
    cue_tp: int
    cue_fp: int
    cue_fn: int
    cue_total: int
    matches: tuple[tuple[int, int, float], ...] = ()
    speaker_name_correct: int = 0
    speaker_name_total: int = 0

    def to_dict(self, *, speaker_names: bool = False) -> dict[str, Any]:
        """The counts as a dict; ``speaker_names`` adds the speaker name counts."""
        out: dict[str, Any] = {
            "doc_id": self.doc_id,
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "overlap_tp": self.overlap_tp,
            "exact_tp": self.exact_tp,
            "speaker_correct": self.speaker_correct,
            "speaker_total": self.speaker_total,
            "cue_tp": self.cue_tp,
            "cue_fp": self.cue_fp,
            "cue_fn": self.cue_fn,
            "matches": [[g, p, round(f, 4)] for g, p, f in self.matches],
        }
        if speaker_names:
            out["speaker_name_correct"] = self.speaker_name_correct
            out["speaker_name_total"] = self.speaker_name_total
        return out


def _match_overlap(gold: list[Intervals], pred: list[Intervals]) -> list[tuple[int, int, float]]:
    scored = [
        (f1, gi, pi)
        for gi, g in enumerate(gold)
        for pi, p in enumerate(pred)
        if (f1 := char_f1(g, p)) >= OVERLAP_THRESHOLD
    ]
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for f1, gi, pi in scored:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi, f1))
    return sorted(pairs)


def _match_exact(gold: list[Intervals], pred: list[Intervals]) -> int:
    free: dict[Intervals, int] = {}
    for p in pred:
        if p:
            free[p] = free.get(p, 0) + 1
    tp = 0
    for g in gold:
        if free.get(g, 0) > 0:
            free[g] -= 1
            tp += 1
    return tp


def evaluate_doc(doc: GoldDoc, predicted: Sequence[Quote]) -> DocResult:
    """Match one document's predicted quotes against its gold quotes."""
    gold_sets = [content_offsets(doc.text, q.content) for q in doc.quotes]
    pred_sets = [content_offsets(doc.text, q.content) for q in predicted]
    matches = _match_overlap(gold_sets, pred_sets)
    sp_ok = sp_n = name_ok = name_n = cue_tp = cue_fp = cue_fn = cue_n = 0
    for gi, pi, _ in matches:
        g, p = doc.quotes[gi], predicted[pi]
        if g.source:
            sp_n += 1
            sp_ok += speaker_correct(doc.text, g, p)
        if g.speaker:
            name_n += 1
            name_ok += same_speaker(g.speaker, p.speaker)
        hit = g.cue is not None and p.cue is not None and g.cue.overlaps(p.cue)
        cue_n += g.cue is not None
        cue_tp += hit
        cue_fp += p.cue is not None and not hit
        cue_fn += g.cue is not None and not hit
    return DocResult(
        doc_id=doc.doc_id,
        n_gold=len(gold_sets),
        n_pred=len(pred_sets),
        overlap_tp=len(matches),
        exact_tp=_match_exact(gold_sets, pred_sets),
        speaker_correct=sp_ok,
        speaker_total=sp_n,
        cue_tp=cue_tp,
        cue_fp=cue_fp,
        cue_fn=cue_fn,
        cue_total=cue_n,
        matches=tuple(matches),
        speaker_name_correct=name_ok,
        speaker_name_total=name_n,
    )


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _rounded(d: dict[str, float | int]) -> dict[str, float | int]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in d.items()}


@dataclass(frozen=True, slots=True)
class EvalReport:
    """Micro-averaged figures over all documents, with per-document counts kept."""

    docs: tuple[DocResult, ...]
    name: str = ""

    def _sum(self, attr: str) -> int:
        return sum(getattr(d, attr) for d in self.docs)

    @property
    def n_gold(self) -> int:
        return self._sum("n_gold")

    @property
    def n_pred(self) -> int:
        return self._sum("n_pred")

    def overlap(self) -> dict[str, float | int]:
        tp = self._sum("overlap_tp")
        return _prf(tp, self.n_pred - tp, self.n_gold - tp)

    def exact(self) -> dict[str, float | int]:
        tp = self._sum("exact_tp")
        return _prf(tp, self.n_pred - tp, self.n_gold - tp)

    def cue(self) -> dict[str, float | int]:
        tp, total = self._sum("cue_tp"), self._sum("cue_total")
        out = _prf(tp, self._sum("cue_fp"), self._sum("cue_fn"))
        out.update(accuracy=_ratio(tp, total), total=total)
        return out

    def speaker(self) -> dict[str, float | int]:
        ok, total = self._sum("speaker_correct"), self._sum("speaker_total")
        return {"accuracy": _ratio(ok, total), "correct": ok, "total": total}

    def speaker_name(self) -> dict[str, float | int]:
        """Speaker name accuracy on the matched pairs whose gold gives a name."""
        ok, total = self._sum("speaker_name_correct"), self._sum("speaker_name_total")
        return {"accuracy": _ratio(ok, total), "correct": ok, "total": total}

    def metrics(self) -> dict[str, float]:
        """Flat figures (unrounded), the names floors files use: ``overlap_f1``,
        ``exact_precision``, ``speaker_accuracy``, ``cue_accuracy`` ... and
        ``speaker_name_accuracy`` when some matched pair has a gold speaker name."""
        out: dict[str, float] = {}
        for group, figs in (
            ("overlap", self.overlap()),
            ("exact", self.exact()),
            ("cue", self.cue()),
        ):
            for key in ("precision", "recall", "f1", "accuracy"):
                if key in figs:
                    out[f"{group}_{key}"] = float(figs[key])
        out["speaker_accuracy"] = float(self.speaker()["accuracy"])
        names = self.speaker_name()
        if names["total"]:
            out["speaker_name_accuracy"] = float(names["accuracy"])
        return out

    def to_dict(self) -> dict[str, Any]:
        """The figures, rounded; ``speaker_name`` (and its per-document counts) only
        when some matched pair has a gold speaker name."""
        names = self.speaker_name()
        has_names = bool(names["total"])
        out: dict[str, Any] = {
            "name": self.name,
            "documents": len(self.docs),
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "overlap": _rounded(self.overlap()),
            "exact": _rounded(self.exact()),
            "speaker": _rounded(self.speaker()),
        }
        if has_names:
            out["speaker_name"] = _rounded(names)
        out["cue"] = _rounded(self.cue())
        out["per_doc"] = [d.to_dict(speaker_names=has_names) for d in self.docs]
        return out

    def format(self) -> str:
        """A small aligned text table of the headline figures."""
        head = f"{self.name or 'evaluation'}: {len(self.docs)} documents, {self.n_gold} gold quotes, {self.n_pred} predicted"
        rows = [f"{'':<8} {'precision':>9} {'recall':>7} {'f1':>7} {'tp':>6} {'fp':>6} {'fn':>6}"]
        for label, f in (("overlap", self.overlap()), ("exact", self.exact()), ("cue", self.cue())):
            rows.append(
                f"{label:<8} {f['precision']:>9.4f} {f['recall']:>7.4f} {f['f1']:>7.4f} "
                f"{f['tp']:>6} {f['fp']:>6} {f['fn']:>6}"
            )
        sp, cue = self.speaker(), self.cue()
        rows.append(
            f"speaker accuracy {sp['accuracy']:.4f} ({sp['correct']}/{sp['total']} matched pairs with a gold source)"
        )
        rows.append(
            f"cue accuracy     {cue['accuracy']:.4f} ({cue['tp']}/{cue['total']} matched pairs with a gold cue)"
        )
        names = self.speaker_name()
        if names["total"]:
            rows.append(
                f"speaker name accuracy {names['accuracy']:.4f} ({names['correct']}/{names['total']} "
                "matched pairs with a gold speaker name)"
            )
        return "\n".join([head, *rows])


def evaluate(pairs: Iterable[tuple[GoldDoc, Sequence[Quote]]], *, name: str = "") -> EvalReport:
    """Evaluate predicted quotes against gold, document by document."""
    return EvalReport(docs=tuple(evaluate_doc(doc, pred) for doc, pred in pairs), name=name)

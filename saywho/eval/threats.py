"""Score the threat detector on a hand-annotated JSONL set (``tests/data/threats.jsonl``).

Each line is a short text (one or two sentences) with ``threat`` (true/false), and for threats
the expected ``speaker`` (a word of the speaker's name or role, or null for any), ``target`` and
``condition`` (text, or null when none is stated). A text counts as detected when at least one
threat is found in it. Speaker, target and condition are scored on the detected threats whose
gold gives them: speaker correct when the gold word is in the predicted speaker; target and
condition correct when they overlap the gold words.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError
from .jsonl_gold import jsonl_lines

__all__ = ["ThreatReport", "evaluate_threats", "read_threat_gold"]


def read_threat_gold(path: str | Path) -> list[dict[str, Any]]:
    out = []
    for n, rec in jsonl_lines(path):
        if not isinstance(rec, dict) or "text" not in rec or "threat" not in rec:
            raise EvalError(f"{path}:{n}: each line needs 'text' and 'threat'")
        out.append(rec)
    return out


@dataclass(frozen=True)
class ThreatReport:
    n: int
    positives: int
    tp: int
    fp: int
    fn: int
    speaker: tuple[int, int]
    target: tuple[int, int]
    condition: tuple[int, int]
    errors: tuple[str, ...] = ()

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def metrics(self) -> dict[str, float]:
        def acc(x: tuple[int, int]) -> float:
            return x[0] / x[1] if x[1] else 0.0

        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "speaker_accuracy": round(acc(self.speaker), 4),
            "target_accuracy": round(acc(self.target), 4),
            "condition_accuracy": round(acc(self.condition), 4),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "positives": self.positives,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "speaker": list(self.speaker),
            "target": list(self.target),
            "condition": list(self.condition),
            **self.metrics(),
            "errors": list(self.errors),
        }


def _overlaps(gold: str, text: str, found: dict[str, Any] | None) -> bool:
    if found is None:
        return False
    start = text.find(gold)
    if start < 0:
        return False
    return bool(found["start"] < start + len(gold) and start < found["end"])


def evaluate_threats(
    gold: Iterable[dict[str, Any]], detect: Callable[[str], list[dict[str, Any]]]
) -> ThreatReport:
    """``detect(text)`` returns the threat layer of one text."""
    tp = fp = fn = n = pos = 0
    sp = [0, 0]
    tg = [0, 0]
    cd = [0, 0]
    errors = []
    for rec in gold:
        n += 1
        text = rec["text"]
        found = detect(text)
        if rec["threat"]:
            pos += 1
            if not found:
                fn += 1
                errors.append(f"missed: {text}")
                continue
            tp += 1
            best = found[0]
            if rec.get("speaker"):
                sp[1] += 1
                ok = rec["speaker"].lower() in str(best.get("speaker") or "").lower()
                sp[0] += ok
                if not ok:
                    errors.append(f"speaker {best.get('speaker')!r} != {rec['speaker']!r}: {text}")
            if rec.get("target"):
                tg[1] += 1
                tg[0] += _overlaps(rec["target"], text, best.get("target"))
            if rec.get("condition"):
                cd[1] += 1
                cd[0] += _overlaps(rec["condition"], text, best.get("condition"))
        elif found:
            fp += 1
            errors.append(f"false alarm ({found[0]['kind']}): {text}")
    return ThreatReport(
        n, pos, tp, fp, fn, (sp[0], sp[1]), (tg[0], tg[1]), (cd[0], cd[1]), tuple(errors)
    )

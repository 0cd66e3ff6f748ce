"""Speaker canonical accuracy: gold source spans → the entity the article names.

The gold (``eval/gold/polnear-dev-speakers.jsonl``) gives, for each PolNeAR source span of
a sample of dev articles, the person or organisation it refers to (``name``, ``type``,
``how``), or ``null`` for a vague source ("officials"). It holds offsets only; the texts
are read from the PolNeAR folder at evaluation time.

Every gold source of an article is resolved in text order, as the pipeline resolves the
speakers of the quotes it finds (:meth:`saywho.pipeline.Pipeline.speakers_for`), with the
article's byline from PolNeAR's ``metadata.tsv`` (beside ``dev/`` and ``train/``) as its
author, as an ingested article carries it (the gold, too, names a column's "I" by it); the
result is right when it is the gold entity: the same knowledge-file entity when the
knowledge files know the gold name, else the same name (ignoring case, diacritics, a
leading "the", middle initials and romanisation differences).
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EvalError
from ..knowledge import load_knowledge, name_key
from ..model import Span, Speaker
from .brat import date_in_id
from .jsonl_gold import jsonl_lines

if TYPE_CHECKING:
    from ..pipeline import Pipeline

__all__ = ["SpeakerGold", "SpeakerReport", "evaluate_speakers", "read_speaker_gold", "same_entity"]

_INITIAL = re.compile(r"\b[A-Za-z]\.\s*")


@dataclass(frozen=True, slots=True)
class SpeakerGold:
    doc: str
    source: tuple[Span, ...]
    name: str | None
    type: str
    how: str


@dataclass(slots=True)
class SpeakerReport:
    name: str
    correct: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    vague: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def add(self, gold: SpeakerGold, ok: bool, speaker: Speaker) -> None:
        for key in ("all", f"type:{gold.type}", f"how:{gold.how}"):
            self.total[key] += 1
            self.correct[key] += ok
        if not ok:
            self.errors.append(
                {
                    "doc": gold.doc,
                    "source": [s.to_dict() for s in gold.source],
                    "gold": gold.name,
                    "how": gold.how,
                    "predicted": speaker.name,
                    "entity": speaker.entity,
                }
            )

    def accuracy(self, key: str = "all") -> float:
        return self.correct[key] / self.total[key] if self.total[key] else 0.0

    def to_dict(self) -> dict[str, Any]:
        keys = sorted(self.total, key=lambda k: (k != "all", k))
        return {
            "name": self.name,
            "accuracy": round(self.accuracy(), 4),
            "correct": self.correct["all"],
            "total": self.total["all"],
            "vague_skipped": self.vague,
            "by": {
                k: {
                    "accuracy": round(self.accuracy(k), 4),
                    "correct": self.correct[k],
                    "total": self.total[k],
                }
                for k in keys
                if k != "all"
            },
            "errors": self.errors,
        }

    def format(self) -> str:
        lines = [
            f"{self.name}: canonical speaker accuracy {self.accuracy():.4f} "
            f"({self.correct['all']}/{self.total['all']}; {self.vague} vague sources skipped)"
        ]
        for k in sorted(self.total):
            if k != "all":
                lines.append(
                    f"  {k:<16} {self.accuracy(k):.4f} ({self.correct[k]}/{self.total[k]})"
                )
        return "\n".join(lines)


def read_speaker_gold(path: str | Path) -> list[SpeakerGold]:
    """The records of a speaker gold file; EvalError names the line of a bad one."""
    out: list[SpeakerGold] = []
    for n, d in jsonl_lines(path):
        try:
            source = tuple(Span(int(a), int(b)) for a, b in d["source"])
            out.append(SpeakerGold(d["doc"], source, d.get("name"), d["type"], d["how"]))
        except (ValueError, KeyError, TypeError) as e:
            raise EvalError(f"{path}:{n}: not a speaker gold record ({e})") from e
    return out


def _plain(name: str) -> str:
    name = _INITIAL.sub("", name).strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return name_key(name)


def same_entity(gold: str, speaker: Speaker) -> bool:
    """Whether ``speaker`` is the entity the gold ``name`` denotes (see the module doc)."""
    kb = load_knowledge()
    known = kb.lookup(gold, contextual=False, fuzzy=False)
    if len(known) != 1 and len(gold.split()) == 1:  # "Obama": the article's only form
        known = [e for e in kb.lookup(gold, fuzzy=False) if e.type == "PERSON"]
    if len(known) == 1 and speaker.entity is not None:
        return speaker.entity == known[0].id
    if speaker.name is None:
        return False
    want, got = _plain(gold), _plain(speaker.name)
    if want == got:
        return True
    # the article's only form is the surname: a fuller predicted name ending in it is right
    return len(gold.split()) == 1 and got.split()[-1:] == want.split()


def _by_doc(gold: Iterable[SpeakerGold]) -> Iterator[tuple[str, list[SpeakerGold]]]:
    docs: dict[str, list[SpeakerGold]] = {}
    for g in gold:
        docs.setdefault(g.doc, []).append(g)
    yield from sorted(docs.items())


def _bylines(path: Path) -> dict[str, str]:
    """Each article's byline from PolNeAR's ``metadata.tsv`` (``filename`` → ``author``),
    as an ingested article would carry it; empty when the file is not there."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return {
            r["filename"]: r["author"]
            for r in rows
            if r.get("filename") and r.get("author") not in (None, "", "None")
        }


def evaluate_speakers(
    pipeline: Pipeline, gold_path: str | Path, texts: str | Path, *, name: str | None = None
) -> SpeakerReport:
    """Score ``pipeline``'s speaker resolution on a speaker gold file; ``texts`` is the
    folder of the articles' ``<doc>.txt`` files (PolNeAR's ``dev/text``)."""
    gold = read_speaker_gold(gold_path)
    texts = Path(texts)
    authors = _bylines(texts.parent.parent / "metadata.tsv")
    report = SpeakerReport(name=name or Path(gold_path).stem)
    for doc_id, items in _by_doc(gold):
        path = texts / f"{doc_id}.txt"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as e:
            raise EvalError(f"{gold_path}: cannot read {path} for {doc_id}: {e}") from e
        doc = pipeline.nlp(text)
        # one resolution per distinct source span (several attributions may share one)
        spans = sorted({Span(g.source[0].start, g.source[-1].end) for g in items})
        found = pipeline.speakers_for(doc, spans, date_in_id(doc_id), authors.get(doc_id))
        resolved = dict(zip(spans, found, strict=True))
        for g in items:
            if g.name is None:
                report.vague += 1
                continue
            speaker = resolved[Span(g.source[0].start, g.source[-1].end)]
            report.add(g, same_entity(g.name, speaker), speaker)
    return report

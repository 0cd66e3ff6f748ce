"""Rule fixes for entity mistakes the small spaCy model reliably makes on news.

* Names with lower-case particles are cut short: "Ursula von der" + "Leyen"
  (tagged GPE) → one PERSON "Ursula von der Leyen".
* A later short form of a known person tagged as something else ("Von der Leyen"
  as ORG, "Zelensky" as GPE) → PERSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["repair_entities"]

_PARTICLES = frozenset(
    [
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "le",
        "la",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "ter",
        "zu",
    ]
)


def _extend_particles(doc: Doc, ent: SpacySpan) -> SpacySpan:
    end = ent.end
    if doc[end - 1].lower_ not in _PARTICLES:
        return ent
    while end < len(doc) and doc[end].is_title and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
        end += 1
    return SpacySpan(doc, ent.start, end, label="PERSON") if end > ent.end else ent


def repair_entities(doc: Doc) -> None:
    """Fix ``doc.ents`` in place (see the module docstring)."""
    ents = [_extend_particles(doc, e) if e.label_ == "PERSON" else e for e in doc.ents]
    surnames = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}
    fixed = []
    for e in ents:
        if e.label_ != "PERSON" and e[-1].lower_ in surnames and e[-1].is_title:
            e = SpacySpan(doc, e.start, e.end, label="PERSON")
        fixed.append(e)
    doc.ents = filter_spans(fixed)

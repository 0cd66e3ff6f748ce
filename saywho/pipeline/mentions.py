"""Entity mentions: spaCy's named entities, corrected by rules and by the knowledge files.

spaCy's small English model is reliably wrong on some news names. saywho keeps its
PERSON/ORG/GPE/LOC/NORP/FAC entities and fixes them:

* names the knowledge files list are found even where spaCy misses them or cuts them short
  ("the Kremlin", "the West", "the US-led bloc", "Zelenskyy"), and take the knowledge files'
  type where spaCy got it wrong ("Kremlin" as a PERSON);
* a PERSON loses the honorific or title glued to its front ("President Putin" → "Putin")
  and a possessive or punctuation at its end.

Matching is case-sensitive on the names as written in the knowledge files, so "US" is the
country and "us" is not; a name starting with "the" also matches with "The".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.matcher import PhraseMatcher
from spacy.util import filter_spans

from .lexicon import NOT_CURRENT, ROLE_NOUNS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from ..knowledge import Knowledge

__all__ = ["AliasMatcher", "RawMention", "RoleMatcher", "find_mentions"]

MENTION_LABELS = frozenset(["PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"])
_VAGUE = frozenset(["the alliance", "the bloc", "the union", "the organisation", "the agency"])
_HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sir",
        "dame",
        "lord",
        "gen",
        "gen.",
        "president",
        "minister",
        "chancellor",
        "premier",
        "secretary",
        "spokesman",
        "spokeswoman",
        "king",
        "queen",
        "prince",
        "pope",
    ]
)
_TRAILING = frozenset(["'s", "’s", "'", "’"])


@dataclass(frozen=True, slots=True)
class RawMention:
    """A mention before linking: token bounds into the doc and a label."""

    start: int  # token index
    end: int
    label: str
    kb: bool  # found through the knowledge files' names


class AliasMatcher:
    """A spaCy PhraseMatcher over the knowledge files' names and unambiguous aliases."""

    def __init__(self, nlp: Language, kb: Knowledge):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.types: dict[str, str] = {}
        texts: set[str] = set()
        for entity in kb.entities.values():
            names = list(entity.names)
            if entity.type != "PERSON":  # "the US-led bloc", never "the bloc"
                names += [
                    a
                    for a in entity.contextual_aliases
                    if len(a.split()) > 1 and a.lower() not in _VAGUE
                ]
            for name in names:
                texts.add(name)
                if name.startswith("the "):
                    texts.add("The " + name[4:])
        patterns = [nlp.make_doc(t) for t in sorted(texts)]
        self.matcher.add("KB", patterns)

    def __call__(self, doc: Doc) -> list[SpacySpan]:
        return [doc[s:e] for _, s, e in self.matcher(doc)]


class RoleMatcher:
    """A case-insensitive PhraseMatcher over the offices' own role phrases ("the Kremlin
    spokesman", "NATO chief", "Russian president"), for role nouns in the narration.

    A phrase right before a person's name is a title ("Russian President Vladimir Putin"),
    not a mention of its own; one after "former" names a past holder and is left alone."""

    def __init__(self, nlp: Language, kb: Knowledge):
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = {r for office in kb.offices.values() for r in office.roles}
        self.matcher.add("ROLE", [nlp.make_doc(p) for p in sorted(phrases)])

    def __call__(self, doc: Doc, persons: list[tuple[int, int]]) -> list[SpacySpan]:
        out: list[SpacySpan] = []
        for span in filter_spans([doc[s:e] for _, s, e in self.matcher(doc)]):
            after = doc[span.end] if span.end < len(doc) else None
            if after is not None and after.ent_type_ == "PERSON":
                continue  # a title
            if any(t.lower_ in NOT_CURRENT for t in doc[max(span.start - 2, 0) : span.start]):
                continue
            if any(s < span.end and span.start < e for s, e in persons):
                continue
            if span.start > 0 and doc[span.start - 1].lower_ == "the":
                span = doc[span.start - 1 : span.end]  # holds "the Kremlin", if matched so
            out.append(span)
        return out


def _trim_person(ent: SpacySpan) -> tuple[int, int]:
    """Token bounds of a PERSON without its title: everything up to the last honorific or
    role noun goes ("Russian President Vladimir Putin" → "Vladimir Putin"), and so do a
    possessive and punctuation at the end."""
    start, end = ent.start, ent.end
    doc = ent.doc
    for i in range(end - 2, start - 1, -1):
        if doc[i].lower_ in _HONORIFICS or doc[i].lower_ in ROLE_NOUNS:
            start = i + 1
            break
    while start < end - 1 and (
        doc[start].is_punct or doc[start].lower_ == "the" or not doc[start].is_alpha
    ):  # "15:35 - Boris Johnson" (a live blog's time stamp)
        start += 1
    while end > start + 1 and (doc[end - 1].lower_ in _TRAILING or doc[end - 1].is_punct):
        end -= 1
    return start, end


def find_mentions(
    doc: Doc, ents: list[SpacySpan], matcher: AliasMatcher | None
) -> list[RawMention]:
    """The article's mentions, in text order, no two overlapping.

    ``ents`` are the document's entities (after :func:`~saywho.pipeline.entfix.repair_entities`);
    ``matcher`` finds the knowledge files' names.
    """
    found: list[RawMention] = []
    for ent in ents:
        if ent.label_ not in MENTION_LABELS:
            continue
        start, end = _trim_person(ent) if ent.label_ == "PERSON" else (ent.start, ent.end)
        if doc[start:end].text.strip():
            found.append(RawMention(start, end, ent.label_, False))
    if matcher is None:
        return found
    kb_spans = filter_spans(matcher(doc))
    taken = [False] * len(found)
    out: list[RawMention] = []
    for span in kb_spans:
        clash = [i for i, m in enumerate(found) if m.start < span.end and span.start < m.end]
        # the knowledge files' name wins when it covers spaCy's entity ("the Kremlin" over
        # "Kremlin"); spaCy wins when its entity is longer ("NATO Secretary-General Jens
        # Stoltenberg" keeps its PERSON, trimmed above) or the two only overlap
        person_tail = (
            len(clash) == 1
            and found[clash[0]].label == "PERSON"
            and found[clash[0]].end == span.end
            and found[clash[0]].start < span.start
            and len(span) > 1
        )  # "Ukraine Volodymyr Zelensky" as one PERSON: the known full name is the mention
        if person_tail or all(
            found[i].start >= span.start and found[i].end <= span.end for i in clash
        ):
            label = found[clash[0]].label if clash else ""
            for i in clash:
                taken[i] = True
            out.append(RawMention(span.start, span.end, label, True))
    out += [m for m, t in zip(found, taken, strict=True) if not t]
    kept = filter_spans([doc[m.start : m.end] for m in out])
    by_bounds = {(m.start, m.end): m for m in out}
    return [by_bounds[(s.start, s.end)] for s in sorted(kept, key=lambda s: s.start)]

"""Within-article speaker resolution: from a mention to the person first named.

No offline coreference library exists on PyPI for spaCy 3.8, so saywho builds
its own small, explainable resolver:

* every PERSON mention joins a chain keyed by surname; the chain's name is the
  longest form seen ("Vladimir Putin" for "Putin", "Mr. Putin");
* titles in front of a name ("Russian President Vladimir Putin") and appositives
  ("Putin, the Russian president,") teach role nouns for this article, so "the
  Russian president" and "the president" resolve to Putin;
* pronouns resolve to the most recent person (quote speakers preferred);
* organisations ("the Kremlin", "the State Department") resolve to themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .lexicon import PRONOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

__all__ = ["Chains", "Resolution", "build_chains", "resolve"]

_TITLE_DEPS = ("compound", "amod", "nmod", "npadvmod", "poss")
_HONORIFICS = {"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sen", "sen.", "rep", "rep.",
               "gov", "gov.", "gen", "gen.", "lt", "lt.", "col", "col.", "sir", "dame", "lord"}
_ORG_TYPES = ("ORG", "GPE", "NORP", "FAC")


@dataclass(slots=True)
class Person:
    name: str
    surname: str
    first: int  # char offset of first mention
    last: int  # char offset of most recent mention seen so far
    roles: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Chains:
    people: list[Person] = field(default_factory=list)
    by_surname: dict[str, Person] = field(default_factory=dict)
    # (char offset, person) of every PERSON mention in order
    mentions: list[tuple[int, Person]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str | None
    how: str  # name, surname, role, pronoun, org, literal, none


def _clean(text: str) -> str:
    text = text.strip().strip(",;:—–-").strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    words = [w for w in text.split() if w.lower() not in _HONORIFICS]
    return " ".join(words)


def _title_words(ent: SpacySpan) -> list[str]:
    """Lower-cased words of the title in front of a name: 'Russian President' -> [...]."""
    words: list[str] = []
    i = ent.start - 1
    doc = ent.doc
    while i >= 0 and doc[i].dep_ in _TITLE_DEPS and doc[i].head.i >= ent.start and not doc[i].ent_type_ == "PERSON":
        if doc[i].is_punct:
            break
        words.insert(0, doc[i].lower_)
        i -= 1
    return [w for w in words if w not in _HONORIFICS and w not in ("'s", "’s")]


def _roles_from_words(words: list[str]) -> set[str]:
    """'us secretary of state' style phrases -> {'secretary', 'us secretary', ...}."""
    roles: set[str] = set()
    if not words:
        return roles
    head = words[-1]
    roles.add(head)
    for k in range(len(words) - 1):
        roles.add(" ".join(words[k:]))
    return roles


def build_chains(doc: Doc) -> Chains:
    chains = Chains()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = _clean(ent.text)
        if not name:
            continue
        parts = name.split()
        surname = parts[-1].lower()
        person = chains.by_surname.get(surname)
        if person is None:
            # "Hillary" alone may refer to an earlier "Hillary Clinton"
            if len(parts) == 1:
                for p in chains.people:
                    if p.name.split()[0].lower() == surname:
                        person = p
                        break
            if person is None:
                person = Person(name=name, surname=surname, first=ent.start_char, last=ent.start_char)
                chains.people.append(person)
                chains.by_surname[surname] = person
        elif len(name) > len(person.name) and person.name.split()[-1].lower() == surname:
            person.name = name
        person.last = ent.start_char
        person.roles |= _roles_from_words(_title_words(ent))
        # appositive: "Putin, the Russian president,"
        root = ent.root
        for child in root.children:
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                words = [t.lower_ for t in child.subtree if not t.is_punct and t.dep_ != "det"][:6]
                person.roles |= _roles_from_words(words[: words.index(child.lower_) + 1] if child.lower_ in words else words)
        chains.mentions.append((ent.start_char, person))
    return chains


def _person_before(chains: Chains, offset: int) -> Person | None:
    best = None
    for start, person in chains.mentions:
        if start >= offset:
            break
        best = person
    return best


def resolve(doc: Doc, chains: Chains, start: int, end: int,
            recent_speaker: tuple[int, str] | None = None) -> Resolution:
    """Resolve the speaker mention at characters ``[start, end)`` of ``doc``."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return Resolution(None, "none")
    for ent in span.ents:
        if ent.label_ == "PERSON":
            name = _clean(ent.text)
            parts = name.split()
            person = chains.by_surname.get(parts[-1].lower()) if parts else None
            if person is None and parts:
                person = next((p for p in chains.people if p.name.split()[0].lower() == parts[-1].lower()), None)
            return Resolution(person.name if person else name, "name" if len(parts) > 1 else "surname")
    words = [t.lower_ for t in span if not t.is_punct]
    if len(words) == 1 and words[0] in PRONOUNS and words[0] != "it":
        if words[0] in ("they", "them", "we") and recent_speaker is None:
            return Resolution(None, "none")
        if recent_speaker is not None and words[0] in ("he", "she", "him", "her", "i"):
            return Resolution(recent_speaker[1], "pronoun")
        person = _person_before(chains, start)
        if person is not None:
            return Resolution(person.name, "pronoun")
        return Resolution(None, "none")
    for ent in span.ents:
        if ent.label_ in _ORG_TYPES:
            return Resolution(_clean(ent.text), "org")
    # role noun: "the Russian president", "the president", "the bloc's chief"
    content = [t.lower_ for t in span if t.dep_ != "det" and not t.is_punct and t.pos_ in ("NOUN", "ADJ", "PROPN")]
    if content:
        phrase = " ".join(content)
        head = span.root.lower_
        best: Person | None = None
        best_score = 0
        for p in chains.people:
            if p.first >= start:
                continue
            score = 0
            if phrase in p.roles:
                score = 3
            elif head in p.roles:
                score = 2
            if score and (score > best_score or (score == best_score and best and p.last > best.last)):
                best, best_score = p, score
        if best is not None:
            return Resolution(best.name, "role")
    return Resolution(_clean(span.text) or None, "literal")

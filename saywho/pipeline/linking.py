"""Entity linking for one article: names, spellings and role nouns → canonical entities.

The knowledge files (:mod:`saywho.knowledge`) know a few hundred people, organisations and
places with their spellings and the offices people held when. :class:`ArticleEntities`
links the names of one article to them:

* a person's full name (the longest form the article uses) by an alias of the knowledge
  files, else by :meth:`~saywho.knowledge.Knowledge.match` (an unlisted spelling of a known
  name, "Volodimir Zelenskyi"), else to an ``auto:`` id derived from the name's
  romanisation skeleton, so that "Dmitri Ivanenko" and "Dmitry Ivanenko" in two articles
  are one entity even when nobody listed them;
* a surname the article never expands ("Putin") by the knowledge files' surname alias when
  exactly one known person has it;
* organisations and places by their aliases ("Kiev" → Kyiv); as a *speaker*, a capital
  stands for its government ("Moscow said" → Russia);
* a role noun with no name in the article ("the NATO chief") through the office held on the
  article's date, narrowed by the countries and organisations the article mentions.

A wrong merge is worse than a missed one: every fuzzy step wants a unique, confident answer
and leaves the name on its own ``auto:`` id otherwise.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import ftfy

from ..knowledge import Entity, Knowledge, Office, auto_id, normalize
from ..model import ENTITY_TYPES, EntityRef
from .lexicon import NOT_CURRENT

__all__ = ["ArticleEntities", "Link", "auto_id"]

_MATCH_THRESHOLD = 0.9  # a spelling variant must score this high to link to a known person
_SURNAME_ONLY = 0.8  # confidence of a bare surname linked through the knowledge files
_MOJIBAKE = "ÃÂâ"
_HEADS = ("chief", "head", "leader", "boss")  # "the US-led bloc's head" → "NATO chief"


@dataclass(frozen=True, slots=True)
class Link:
    """Where a name points: an entity id, its canonical name and type, and how sure we are."""

    id: str
    name: str
    type: str
    known: bool
    confidence: float = 1.0
    generic: bool = False  # an office named by a generic phrase ("the president") + context


@dataclass(slots=True)
class _Ref:
    name: str
    type: str
    known: bool
    spellings: list[str] = field(default_factory=list)


def _unmangle(name: str) -> str:
    """A name with its mojibake repaired ("FranÃ§ois" → "François"); offsets never change,
    only the name saywho reports."""
    composed = unicodedata.normalize("NFC", name)  # "Ã" may come as "A" + a combining tilde
    return ftfy.fix_text(composed) if any(c in composed for c in _MOJIBAKE) else name


def _link(entity: Entity, confidence: float = 1.0) -> Link:
    type_ = entity.type if entity.type in ENTITY_TYPES else "ORG"
    return Link(entity.id, entity.name, type_, True, confidence)


class ArticleEntities:
    """The entities of one article, collected while its names are linked."""

    def __init__(self, kb: Knowledge | None, date: dt.date | None):
        self.kb = kb
        self.date = date
        self.context: set[str] = set()  # ids of the article's known places and organisations
        self._named: Counter[str] = Counter()  # how often the article names each of them
        self._refs: dict[str, _Ref] = {}
        self._people: dict[str, Link] = {}

    # -- linking ------------------------------------------------------------
    def person(self, name: str, forms: Sequence[str] = ()) -> Link:
        """The entity of a person called ``name`` (a chain's full name, or a lone surname);
        ``forms`` are the chain's other full forms, tried when ``name`` is not known (the
        longest form may come from a headline: "Rip Donald Trump")."""
        if name in self._people:
            return self._people[name]
        name = _unmangle(name)
        link = None
        for form in (name, *sorted(forms, key=len, reverse=True)):
            link = self._known_person(_unmangle(form))
            if link is not None:
                break
        link = link or Link(auto_id(name, "PERSON"), name, "PERSON", False)
        self._people[name] = link
        return link

    def _known_person(self, name: str) -> Link | None:
        kb = self.kb
        if kb is None:
            return None
        exact = [e for e in kb.lookup(name, contextual=False, fuzzy=False) if e.type == "PERSON"]
        if len(exact) == 1:
            return _link(exact[0])
        if exact:
            return None  # two known people share this name: leave it alone
        if len(name.split()) == 1:  # a surname the article never expands
            by_surname = [e for e in kb.lookup(name, fuzzy=False) if e.type == "PERSON"]
            return _link(by_surname[0], _SURNAME_ONLY) if len(by_surname) == 1 else None
        found = kb.match(name, threshold=_MATCH_THRESHOLD, types=("PERSON",))
        if found and (len(found) == 1 or found[0][1] > found[1][1]):
            return _link(found[0][0], found[0][1])
        return None

    def named(self, text: str, type_: str, *, speaker: bool = False) -> Link | None:
        """The entity an organisation's or place's name denotes; None for a group name
        (NORP) the knowledge files do not know. As a ``speaker``, a city that is also a
        contextual alias of a country or organisation stands for that ("Moscow said")."""
        kb = self.kb
        text = _unmangle(text)
        if kb is not None:
            hits = kb.lookup(text, fuzzy=False)
            outright = [e for e in kb.lookup(text, contextual=False, fuzzy=False)]
            contextual = [e for e in hits if e not in outright]
            if (
                speaker
                and len(contextual) == 1
                and outright
                and all(e.type == "GPE" for e in outright)
            ):
                return _link(contextual[0])
            if len(outright) == 1:
                return _link(outright[0])
            words = text.split()
            if words and words[0].lower() == "the":
                words = words[1:]
            descriptive = any(w[:1].islower() for w in words)  # not a place: "New Delhi"
            if not outright and len(contextual) == 1 and len(words) > 1 and descriptive:
                return _link(contextual[0], 0.9)  # "the US-led bloc"
            if outright or contextual:
                return None  # ambiguous
        if type_ == "NORP" or type_ not in ENTITY_TYPES:
            return None
        return self._short_form(text, type_) or Link(auto_id(text, type_), text, type_, False)

    def _short_form(self, text: str, type_: str) -> Link | None:
        """An organisation named again by the end of its name: "the Post" after "the New
        York Post", "the Fund" after "the International Monetary Fund"."""
        if type_ != "ORG":
            return None
        words = [w.lower() for w in text.split()]
        if words[:1] == ["the"]:
            words = words[1:]
        if not words or not all(w[:1].isupper() for w in text.split()[-len(words) :]):
            return None  # "the fund" is _org_by_noun's; a short form is capitalised
        for eid, ref in reversed(self._refs.items()):
            if ref.type != "ORG":
                continue
            name = [w.lower() for w in ref.name.split()]
            if name[:1] == ["the"]:
                name = name[1:]
            if len(name) > len(words) and name[-len(words) :] == words:
                return Link(eid, ref.name, ref.type, ref.known, 0.8)
        return None

    def office(self, words: list[str]) -> Link | None:
        """The holder, on the article's date, of the office a role phrase names; failing
        that, the person the article names whom the phrase describes (:meth:`described`).

        ``words`` are the phrase's lower-cased words, hyphenated words joined; the longest
        run of them that names an office wins ("new NATO secretary-general" → "NATO
        secretary-general"). None for a former holder ("the former president"), for a
        phrase that names no office, or when not exactly one person fits.
        """
        kb = self.kb
        if kb is None or not words:
            return None
        if self.date is None:  # no office without a date; an epithet needs none
            return self.described(words)
        if NOT_CURRENT & set(words):
            return self._former(words) or self.described(words)
        run = self._office_run(words)
        if run is None:
            return self._org_head(words) or self.described(words)
        phrase, offices = run
        context = self._dominant({o.of for o in offices}) or self.context
        match = kb.resolve(phrase, self.date, context=context)
        if match is None:
            return None
        office = offices[0]
        named = {normalize(r) for r in (office.name, *office.roles)}
        generic = normalize(phrase) not in named
        found = _link(match.entity, match.confidence)
        return Link(found.id, found.name, found.type, True, found.confidence, generic)

    def names_office(self, words: list[str]) -> bool:
        """Whether some run of a role phrase's words names an office of the knowledge
        files ("the NATO chief", "the president" in an article about a country), whatever
        the article's date."""
        return self._office_run(words) is not None

    def _office_run(self, words: list[str]) -> tuple[str, list[Office]] | None:
        """The longest run of ``words`` (the first of that length) that names an office,
        with the offices it names."""
        if self.kb is None:
            return None
        n = len(words)
        for size in range(min(n, 8), 0, -1):
            for i in range(n - size + 1):
                phrase = " ".join(words[i : i + size])
                offices = self.kb.offices_for(phrase, self.context)
                if offices:
                    return phrase, offices
        return None

    def _dominant(self, owners: set[str]) -> set[str] | None:
        """Of several countries or organisations a generic phrase could belong to ("the
        president" in an article naming the US and Russia), the one the article names far
        more often than any other (at least 3 times, and twice the next), else None."""
        if len(owners) < 2:
            return None
        counts = sorted(((self._named[o], o) for o in owners), reverse=True)
        (top, owner), (second, _) = counts[0], counts[1]
        return {owner} if top >= 3 and top >= 2 * second else None

    def _former(self, words: list[str]) -> Link | None:
        """ "the former secretary of state": the one person the article has named so far who
        held that office before the article's date (never the current holder)."""
        kb, date = self.kb, self.date
        if kb is None or date is None:
            return None
        cut = max(i for i, w in enumerate(words) if w in NOT_CURRENT) + 1
        rest = words[cut:]
        for size in range(min(len(rest), 8), 0, -1):
            offices = kb.offices_named(" ".join(rest[:size]))
            if not offices:
                continue
            held = [
                eid
                for eid, ref in self._refs.items()
                if ref.type == "PERSON"
                and ref.known
                and any(
                    office in offices and tenure.end is not None and tenure.end <= date
                    for office, tenure in kb.offices_held(eid)
                )
            ]
            if len(held) != 1:
                return None
            ref = self._refs[held[0]]
            return Link(held[0], ref.name, ref.type, True, 0.8)
        return None

    def described(self, words: list[str]) -> Link | None:
        """ "the businessman", "the retired neurosurgeon", "the comedian-turned-president":
        the one person the article names whom the knowledge files describe by the longest run
        of the phrase's words that is an epithet of anyone (what follows "turned" is what the
        person became, not the epithet). None when the article names nobody so described, or
        several people ("the billionaire" in an article naming two)."""
        kb = self.kb
        if kb is None:
            return None
        tokens = normalize(" ".join(words)).split()
        if "turned" in tokens:
            tokens = tokens[: tokens.index("turned")]
        for size in range(min(len(tokens), 6), 0, -1):
            for i in range(len(tokens) - size + 1):
                described = {e.id for e in kb.described_as(" ".join(tokens[i : i + size]))}
                if not described:
                    continue
                named = [eid for eid in described if eid in self._refs]
                if len(named) != 1:
                    return None
                ref = self._refs[named[0]]
                # generic: a title the article itself gives someone ("Jane Roe, a local
                # businessman") beats what the knowledge files know
                return Link(named[0], ref.name, ref.type, True, 0.8, generic=True)
        return None

    def _org_head(self, words: list[str]) -> Link | None:
        """ "the US-led bloc's head": an organisation the knowledge files know by some of the
        words, and a head noun ("chief", "head", "leader", "boss") → "NATO chief"."""
        kb = self.kb
        if kb is None or self.date is None or words[-1] not in _HEADS:
            return None
        n = len(words) - 1
        for size in range(min(n, 6), 0, -1):
            for i in range(n - size + 1):
                org = self.named(" ".join(words[i : i + size]), "ORG")
                if org is None or not org.known:
                    continue
                entity = kb.entity(org.id)
                names = (entity.name, *entity.aliases) if entity is not None else ()
                for name in names:
                    for head in _HEADS:
                        if kb.offices_for(f"{name} {head}"):
                            match = kb.resolve(f"{name} {head}", self.date)
                            return _link(match.entity, match.confidence * 0.95) if match else None
        return None

    # -- collecting -----------------------------------------------------------
    def add(self, link: Link, spelling: str | None = None) -> None:
        """Record that the article names ``link``'s entity, written ``spelling``."""
        ref = self._refs.get(link.id)
        if ref is None:
            ref = self._refs[link.id] = _Ref(link.name, link.type, link.known)
            if link.known and link.type in ("GPE", "ORG"):
                self.context.add(link.id)
        if link.id in self.context:
            self._named[link.id] += 1
        if spelling and spelling != ref.name and spelling not in ref.spellings:
            ref.spellings.append(spelling)

    def refs(self) -> tuple[EntityRef, ...]:
        """The entities recorded so far, in the order first named."""
        return tuple(
            EntityRef(id=eid, name=r.name, type=r.type, aliases=tuple(r.spellings), known=r.known)
            for eid, r in self._refs.items()
        )

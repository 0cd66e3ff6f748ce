"""Rule fixes for entity mistakes the small spaCy model reliably makes on news.

* Names with lower-case particles are cut short: "Ursula von der" + "Leyen"
  (tagged GPE) → one PERSON "Ursula von der Leyen".
* A two- or three-word name that starts with a common given name, ends with a common
  surname, and is tagged as something else ("Lester Holt" as ORG, "Megyn Kelly" as
  WORK_OF_ART) → PERSON when the article treats it as a person (the surname alone
  elsewhere, a title noun or a possessive before it, or it says something), unless a word
  of it names a place or an organisation ("Georgia Tech") or its last word is one that ends
  the names of institutions and things ("Lincoln Center"). Places are left alone ("Santa
  Cruz").
* "Given Surname" tagged as nothing at all ("The Huffington Post’s Scott Conroy asked")
  → PERSON under the same test, except that the surname standing alone elsewhere does not
  count (it is as often a relative: "Ivanka Trump" beside "President Trump").
* A capitalised name with a person noun in apposition after a comma ("Reince Priebus,
  the GOP chairman," with "Priebus" tagged ORG and "Reince" nothing) → PERSON; nouns that
  as often describe companies ("a producer") do not count.
* A body's name cut before its remit ("the House Select Committee" + "on Benghazi") →
  one ORG.
* "National Review’s Ian Tuttle" as one ORG → the ORG and the PERSON after the possessive.
* A one-word PERSON that is the one-word name of a knowledge-file organisation
  ("Politico", "Twitter") → ORG, unless the article names someone of that surname.
* A capitalised web domain tagged as nothing ("GunBroker.com") → ORG.
* An entity run across a paragraph break ("on X." + "Kuleba said") → the name after it.
* A name split by a non-breaking space ("Stu" + "\xa0" + "Burguiere") → one PERSON.
* A title or a modal verb taken into a name is left out of it: "Assemblywoman Claudia
  Tenney" → "Claudia Tenney", so the person's chain is named without it and the title
  teaches its role; "Will Sanders come down?" → "Sanders".
* A later short form of a known person tagged as something else ("Von der Leyen"
  as ORG, "Zelensky" as GPE) → PERSON; a known full name at the end of a longer entity
  ("Imagine Brad Thor" as WORK_OF_ART) → that name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, LIKE_URL
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans

from .chains import _is_hyphen
from .lexicon import PERSON_NOUNS, TITLE_WORDS, given_names, reporting_verbs, surnames

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..knowledge import Knowledge

__all__ = ["NameLists", "name_lists", "repair_entities"]

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


_ENDS = """
academy act administration affair agency agreement airlines airport alliance arena army
associates association avenue award bank bay beach bill board boulevard bridge brigade brothers
building bureau bus campaign camp canal capital castle cathedral center centre channel church
circle city clinic club coalition college commission committee company conference congress
corp corporation council county court cup day dam district doctrine effect embassy era estate
exchange express festival force forum foundation fund gallery games group hall harbor harbour
heights highway hill hills holdings hospital hotel house index initiative institute island
islands journal lab lake law league library line lodge mall market media memorial ministry
monument mountain movement museum network news office palace park parkway partners party
pictures place plan plaza port post press prize program programme project prison quartet
radio railway range records report republic review river road school senate service show
sisters society square stadium station street studio studios summit team tech theater theatre
times tower township treaty tribune trio trust tv university valley village war way week
"""
#: Last words of names that are not people's: institutions, places, events, laws, works.
_NOT_PERSON_ENDS = frozenset(_ENDS.split())
#: Entity labels the rule may overrule (not places, numbers, dates or PERSON itself).
_NAME_LIKE = frozenset(["ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"])


@dataclass(frozen=True)
class NameLists:
    """Words for :func:`repair_entities`: ``given`` names, ``surnames``, and single words
    that name a place or an organisation (``not_given``: "Georgia", "Jordan", "Chase")."""

    given: frozenset[str]
    not_given: frozenset[str]
    surnames: frozenset[str]
    #: one-word names of the knowledge files' organisations ("twitter", "politico")
    orgs: frozenset[str] = frozenset()


def name_lists(kb: Knowledge | None) -> NameLists:
    """The shipped given names and surnames plus those of the knowledge files' people; the
    one-word names of their places and organisations."""
    given = set(given_names())
    family = set(surnames())
    not_given: set[str] = set()
    orgs: set[str] = set()
    if kb is not None:
        for entity in kb.entities.values():
            for name in entity.names:
                words = name.lower().split()
                if entity.type == "PERSON" and len(words) > 1 and words[0].isalpha():
                    given.add(words[0])
                    family.add(words[-1])
                elif entity.type != "PERSON" and len(words) == 1:
                    not_given.add(words[0])
                    if entity.type == "ORG":
                        orgs.add(words[0])
    return NameLists(
        frozenset(given - not_given), frozenset(not_given), frozenset(family), frozenset(orgs)
    )


def _personal_name(
    ent: SpacySpan, names: NameLists, alone: set[str], speaking: frozenset[str]
) -> bool:
    """Whether ``ent`` is "Given Surname" (see the module docstring); ``alone``: the
    capitalised words the article also uses outside any longer entity; ``speaking``: those
    of them that are the subject of a reporting verb."""
    if ent.label_ not in _NAME_LIKE:
        return False
    return _named_person(ent, names, alone, speaking)


def _named_person(
    ent: SpacySpan, names: NameLists, alone: set[str], speaking: frozenset[str] = frozenset()
) -> bool:
    if not 2 <= len(ent) <= 3:
        return False
    words = [t.text for t in ent]
    if not all(w[:1].isupper() and (_alpha(w) or (len(w) == 2 and w[1] == ".")) for w in words):
        return False
    low = [w.lower() for w in words]
    if not (
        low[0] in names.given
        and not any(w in names.not_given for w in low)
        and (_unquoted(low[-1]) in names.surnames or low[-1] in speaking)
        and low[-1] not in _NOT_PERSON_ENDS
        and not words[-1].isupper()
    ):
        return False
    # and the article treats it as a person: the surname alone elsewhere ("Holt said"), a
    # title noun or a possessive before it ("moderator Lester Holt", "Fox News' Megyn
    # Kelly"), or it is the subject of a reporting verb
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    return (
        low[-1] in alone
        or (before is not None and (before.lower_ in PERSON_NOUNS or before.tag_ == "POS"))
        or (ent.root.dep_ == "nsubj" and ent.root.head.lemma_ in reporting_verbs())
    )


def _unquoted(word: str) -> str:
    """A name word without its apostrophes, as the surname list writes it ("odonnell")."""
    return word.replace("’", "").replace("'", "")


def _alpha(word: str) -> bool:
    """Letters only, apostrophes allowed inside ("O’Donnell")."""
    return _unquoted(word).isalpha() and word[0].isalpha()


def _alone(doc: Doc) -> tuple[set[str], frozenset[str]]:
    """The capitalised words the article uses outside any longer entity, and those of them
    that are the subject of a reporting verb ("Hannity asked": a surname the lists may
    lack), in one pass over the tokens."""
    inside = {t.i for e in doc.ents if len(e) > 1 for t in e}
    verbs = reporting_verbs()
    alone: set[str] = set()
    speaking: set[str] = set()
    for t in doc:
        if not t.is_title or t.i in inside:
            continue
        alone.add(t.lower_)
        if (
            t.dep_ == "nsubj"
            and t.head.lemma_ in verbs
            and not any(c.dep_ == "compound" for c in t.children)
        ):
            speaking.add(t.lower_)
    return alone, frozenset(speaking)


def _extend_particles(doc: Doc, ent: SpacySpan) -> SpacySpan:
    end = ent.end
    if doc[end - 1].lower_ not in _PARTICLES:
        return ent
    while end < len(doc) and doc[end].is_title and doc[end].pos_ in ("PROPN", "NOUN", "ADJ"):
        end += 1
    return SpacySpan(doc, ent.start, end, label="PERSON") if end > ent.end else ent


def _with_given(doc: Doc, ent: SpacySpan, names: NameLists) -> SpacySpan:
    """A PERSON with its first given name put back: "Marcel Lehel Lazar" tagged "Lehel
    Lazar" → all three words, when the word before is a capitalised proper noun outside any
    entity, a common given name, and not a title."""
    start = ent.start
    if start == 0 or len(ent) > 2:
        return ent
    before = doc[start - 1]
    if (
        before.is_title
        and before.pos_ == "PROPN"
        and not before.ent_type_
        and before.lower_ in names.given
        and before.lower_ not in TITLE_WORDS
    ):
        return SpacySpan(doc, start - 1, ent.end, label="PERSON")
    return ent


def _split_clause(ent: SpacySpan, persons: frozenset[str]) -> list[SpacySpan]:
    """Names the model ran together with a comma or a verb into one entity, after a quote
    ("Trump assured Jones", "Lazar, Song wrote" as WORK_OF_ART) → the names, each a PERSON
    when the article names a person by its last word elsewhere; the rest is dropped."""
    if len(ent) < 3 or ent.label_ not in ("PERSON", *_NAME_LIKE):
        return [ent]
    doc = ent.doc
    cuts = [
        t.i
        for t in ent
        if (t.text == "," and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _GENERATIONS))
        or (t.pos_ == "VERB" and t.is_lower)
    ]
    if not cuts or any(not t.is_title for t in ent if t.i not in cuts):
        return [ent]
    parts = []
    start = ent.start
    for cut in [*cuts, ent.end]:
        if cut > start:
            part = SpacySpan(doc, start, cut, label="PERSON")
            if part[-1].lower_ in persons:
                parts.append(part)
        start = cut + 1
    return parts


_GENERATIONS = frozenset(["jr.", "jr", "sr.", "sr"])


def _with_generation(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """A PERSON with the generational suffix after its comma: "Brent Bozell, Jr." tagged
    "Brent Bozell" → the whole name (the father, not his son Brent Bozell III)."""
    end = ent.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _GENERATIONS:
        return SpacySpan(doc, ent.start, end + 2, label="PERSON")
    return ent


_ORG_KINDS = frozenset(["pac", "super"])


def _unkinded(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """An ORG without the kind of body the model took into its name: "super PAC Priorities
    USA Action" tagged "PAC Priorities USA Action" → "Priorities USA Action"."""
    start = ent.start
    while start < ent.end - 2 and doc[start].lower_ in _ORG_KINDS and doc[start + 1].is_title:
        start += 1
    return SpacySpan(doc, start, ent.end, label="ORG") if start > ent.start else ent


#: Reporting verbs that open a sentence before the name and get taken into it ("Stated
#: Stone": tagged a proper noun, so no verb by its part of speech).
_SAID = frozenset(
    ["said", "says", "stated", "added", "noted", "wrote", "told", "asked", "explained",
     "claimed", "insisted", "declared", "argued", "continued", "concluded", "tweeted"]
)  # fmt: skip


def _untitled(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """A PERSON without the title or the verb the model took into it: "Assemblywoman
    Claudia Tenney" → "Claudia Tenney" (the title stays in the text, before the name);
    "Will Sanders come down …?" → "Sanders" ("Will" tagged as a modal verb)."""
    start = ent.start
    while (
        start < ent.end - 1
        and (
            doc[start].lower_ in TITLE_WORDS
            or doc[start].lower_ in _SAID
            or doc[start].pos_ in ("AUX", "VERB")
        )
        and doc[start + 1].is_title
    ):
        start += 1
    return SpacySpan(doc, start, ent.end, label="PERSON") if start > ent.start else ent


_TITLE_OR_PERSON = PERSON_NOUNS | TITLE_WORDS


def _untagged_names(doc: Doc, ents: list[SpacySpan], names: NameLists) -> Iterator[SpacySpan]:
    """ "Given Surname" the model tagged as nothing ("The Huffington Post’s Scott Conroy
    asked"), under the same test as a mistagged one."""
    inside = {i for e in ents for i in range(e.start, e.end)}
    for i in range(len(doc) - 1):
        if not (doc[i].is_title and doc[i + 1].is_title):
            continue
        titled = i and doc[i - 1].is_title and i - 1 not in inside
        if titled and doc[i - 1].lower_ not in _TITLE_OR_PERSON:
            continue  # a longer name, unless a title: "… Secretary-Treasurer Gary Casteel"
        if i in inside or i + 1 in inside:
            continue
        span = SpacySpan(doc, i, i + 2, label="PERSON")
        # not by the surname standing alone elsewhere: that is as often a relative named
        # alone ("Ivanka Trump" beside "President Trump")
        if _named_person(span, names, set()) and not (i + 2 < len(doc) and doc[i + 2].is_title):
            yield span


# people nouns that as often describe companies ("Tianqi Lithium, a producer of …") left out
#: Nouns that, in apposition to an untagged name, make it an organisation.
_APPOSED_ORG = frozenset(
    [
        "group",
        "organization",
        "organisation",
        "company",
        "firm",
        "nonprofit",
        "non-profit",
        "charity",
        "foundation",
        "institute",
        "coalition",
        "committee",
        "association",
        "union",
        "agency",
        "network",
        "newspaper",
        "website",
    ]
)
_APPOSED = (PERSON_NOUNS | TITLE_WORDS | {"chairman", "chairwoman"}) - {
    "producer",
    "owner",
    "partner",
    "source",
    "player",
    "client",
    "publisher",
    "agent",
}


def _apposed_names(doc: Doc) -> Iterator[SpacySpan]:
    """A capitalised name with a person noun in apposition, tagged as something else or
    as nothing: "Reince Priebus, the GOP chairman," ("Priebus" as ORG, "Reince" as
    nothing) → one PERSON. One with an organisation noun, tagged as nothing ("America
    Rising PAC, an outside Republican group,") → ORG."""
    appos = doc.vocab.strings.add("appos")
    for i in np.flatnonzero(doc.to_array(DEP) == appos):  # a Python pass per token is slow
        tok = doc[int(i)]
        head = tok.head
        if head.i >= tok.i or head.i + 1 >= len(doc) or doc[head.i + 1].text != ",":
            continue  # "Priebus, the …"
        if tok.lower_ in _APPOSED:
            label = "PERSON"
            if not (head.is_title and head.ent_type_ in ("", *_NAME_LIKE)):
                continue
            if head.lower_ in _NOT_PERSON_ENDS:
                continue
        elif tok.lower_ in _APPOSED_ORG and not head.ent_type_ and not tok.ent_type_:
            label = "ORG"
        else:
            continue
        capital = head.is_title or (label == "ORG" and head.is_upper)  # "PAC"
        if not (head.pos_ in ("PROPN", "NOUN") and capital and _alpha(head.text)):
            continue
        if _title_cased(head.sent):  # a headline: every word capitalised, so proves nothing
            continue
        start = head.i
        while (
            start > 0
            and head.i - start < (2 if label == "PERSON" else 4)
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i == head.i
            and (doc[start - 1].is_title or (label == "ORG" and doc[start - 1].is_upper))
            and doc[start - 1].is_alpha
            and not (label == "ORG" and doc[start - 1].ent_type_ not in ("", "GPE", "NORP"))
        ):
            start -= 1
        before = doc[start - 1] if start else None
        if before is not None and (before.lower_ in _PARTICLES or _is_hyphen(before)):
            continue  # "Herald van der Linde", "Ocasio-Cortez": other rules' business
        if label == "ORG" and before is not None and before.is_title and not before.is_sent_start:
            continue  # the name may go on to the left
        yield SpacySpan(doc, start, head.i + 1, label=label)


def _without_headline_words(ents: list[SpacySpan]) -> list[SpacySpan]:
    """Without a one-word PERSON in a title-cased headline that no other PERSON of the
    article shares ("… Was She Sick Enough to Stay Home?", "Watched By Millions"): a
    capitalised word, not a name a later "she" can stand for."""
    words: dict[str, int] = {}
    for e in ents:
        if e.label_ == "PERSON":
            for t in e:
                words[t.lower_] = words.get(t.lower_, 0) + 1
    return [
        e
        for e in ents
        if not (
            e.label_ == "PERSON"
            and len(e) == 1
            and words.get(e[0].lower_, 0) == 1
            and e[0].i < 60  # the headline opens the text
            and _title_cased_line(e)
        )
    ]


def _title_cased_line(ent: SpacySpan) -> bool:
    """Whether the entity stands on a short title-cased line with text after it, as a
    headline does (the parser's sentence may run a headline into the first paragraph)."""
    doc = ent.doc  # walk the tokens: Doc.text would join the whole document
    lo = ent.start
    while lo > 0 and "\n" not in doc[lo - 1].text_with_ws:
        lo -= 1
    hi = ent.start
    while hi < len(doc) and "\n" not in doc[hi].text:
        hi += 1
    if hi == len(doc):  # a headline is a line of its own, with the story after it
        return False
    line = doc[lo:hi]
    return len(line) <= 30 and _title_cased(line)


def _title_cased(sent: SpacySpan) -> bool:
    """Whether most of a sentence's words are capitalised, as in a headline."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) > 0.6 * len(words)


def _split_owner(doc: Doc, ent: SpacySpan, names: NameLists) -> list[SpacySpan]:
    """ "National Review’s Ian Tuttle" tagged as one ORG → ORG "National Review" and PERSON
    "Ian Tuttle", when the words after the possessive are a given name and a surname."""
    if ent.label_ not in _NAME_LIKE or len(ent) < 4:
        return [ent]
    pos = next((t.i for t in ent[1:-2] if t.tag_ == "POS"), None)
    if pos is None:
        return [ent]
    person = SpacySpan(doc, pos + 1, ent.end, label="PERSON")
    if not _named_person(person, names, set()):
        return [ent]
    return [SpacySpan(doc, ent.start, pos, label=ent.label_), person]


_DOMAIN = re.compile(r"^[A-Z][\w-]*(?:\.[\w-]+)*\.(?:com|org|net|gov|news|info|ru|ua|uk)$")


def _domains(doc: Doc, ents: list[SpacySpan]) -> Iterator[SpacySpan]:
    """A capitalised web domain the model tagged as nothing ("GunBroker.com") → ORG: the
    site speaks for its owner ("the company", "it" can then point back to it)."""
    inside = {i for e in ents for i in range(e.start, e.end)}
    for i in np.flatnonzero(doc.to_array(LIKE_URL)):  # "GunBroker.com" looks like a URL
        tok = doc[int(i)]
        if tok.i not in inside and _DOMAIN.match(tok.text):
            yield SpacySpan(doc, tok.i, tok.i + 1, label="ORG")


_BODIES = frozenset(
    ["committee", "subcommittee", "court", "appeals", "commission", "board", "council", "caucus"]
)


def _with_remit(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """A body's name the model cut before its remit: "the House Select Committee" + "on
    Benghazi", "U.S. Court of Appeals" + "for the 6th Circuit", "District Court" + "for
    the Eastern District of Virginia" → one ORG (not "… Committee on Monday")."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end - 1].lower_ not in _BODIES:
        return ent
    if doc[end].lower_ not in ("on", "for"):
        return ent
    k = end + 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    stop = k
    while stop < len(doc) and stop - k < 6 and doc[stop].ent_type_ not in ("DATE", "TIME"):
        tok = doc[stop]
        ordinal = tok.text[:1].isdigit() and tok.text[-2:] in ("st", "nd", "rd", "th")
        of = tok.lower_ == "of" and stop + 1 < len(doc) and doc[stop + 1].is_title
        if not (tok.is_title or ordinal or (of and stop > k)):
            break
        stop += 1
    if stop == k or not doc[stop - 1].is_title:
        return ent
    return SpacySpan(doc, ent.start, stop, label="ORG")


def _after_break(doc: Doc, ent: SpacySpan) -> SpacySpan | None:
    """An entity the model ran across a paragraph break ("… wrote on X." + "\n\n" +
    "Kuleba said") → the name after the break, or nothing when no name follows it
    ("Photo" + "\n\n" + "Businesses from …")."""
    cut = max((t.i for t in ent if t.is_space and "\n" in t.text), default=None)
    if cut is None:
        return ent
    after = doc[cut + 1 : ent.end]
    if not len(after) or not all(t.pos_ == "PROPN" or t.is_punct for t in after):
        return None
    return SpacySpan(doc, after.start, after.end, label=ent.label_)


def _across_space(doc: Doc, ent: SpacySpan) -> SpacySpan:
    """A name split by a non-breaking space the model stopped at: "Stu" + "\xa0" +
    "Burguiere" → one PERSON."""
    end = ent.end
    if (
        end + 1 < len(doc)
        and doc[end].is_space
        and "\n" not in doc[end].text
        and doc[end + 1].is_title
        and doc[end + 1].is_alpha
        and not doc[end + 1].ent_type_
    ):
        return SpacySpan(doc, ent.start, end + 2, label="PERSON")
    return ent


def repair_entities(doc: Doc, names: NameLists | None = None) -> None:
    """Fix ``doc.ents`` in place (see the module docstring); without ``names``, given names
    are not used."""
    ents = [
        _with_generation(doc, _untitled(doc, _across_space(doc, _extend_particles(doc, e))))
        if e.label_ == "PERSON"
        else e
        for e in filter(None, (_after_break(doc, e) for e in doc.ents))
    ]
    # a photo credit ("Sarah Rahal/Detroit News via AP") names no one the story is about
    ents = [e for e in ents if not (e.label_ == "PERSON" and any(t.text == "/" for t in e))]
    ents = _without_headline_words(ents)
    persons = frozenset(e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) < 4)
    ents = [part for e in ents for part in _split_clause(e, persons)]
    if names is not None:
        alone, speaking = _alone(doc)
        ents = [
            SpacySpan(doc, e.start, e.end, label="PERSON")
            if _personal_name(e, names, alone, speaking)
            else _with_given(doc, e, names)
            if e.label_ == "PERSON"
            else e
            for e in ents
        ]
        ents += list(_untagged_names(doc, ents, names))
    ents = [_with_remit(doc, _unkinded(doc, e)) if e.label_ == "ORG" else e for e in ents]
    if names is not None:
        ents = [part for e in ents for part in _split_owner(doc, e, names)]
    ents += list(_domains(doc, ents))
    apposed = list(_apposed_names(doc))
    if apposed:
        taken = {i for e in apposed for i in range(e.start, e.end)}
        ents = [e for e in ents if not taken & set(range(e.start, e.end))] + apposed
    named = {e[-1].lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1}
    if names is not None and names.orgs:
        # "Politico" or "Twitter" tagged PERSON: a known organisation, unless the article
        # names someone of that surname ("Fiona Apple" … "Apple said")
        ents = [
            SpacySpan(doc, e.start, e.end, label="ORG")
            if e.label_ == "PERSON"
            and len(e) == 1
            and e[0].lower_ in names.orgs
            and e[0].lower_ not in named
            else e
            for e in ents
        ]
    full = {tuple(t.lower_ for t in e) for e in ents if e.label_ == "PERSON" and len(e) > 1}
    fixed = []
    for e in ents:
        if e.label_ != "PERSON" and e[-1].lower_ in named and e[-1].is_title:
            # only the full name when it ends the entity: "Imagine Brad Thor" → "Brad Thor"
            cut = next(
                (
                    k
                    for k in range(e.start, e.end - 1)
                    if tuple(t.lower_ for t in doc[k : e.end]) in full
                ),
                e.start,
            )
            e = SpacySpan(doc, cut, e.end, label="PERSON")
        fixed.append(e)
    doc.ents = filter_spans(fixed)

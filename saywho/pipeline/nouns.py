"""What the nouns of a speaker mention tell about whom it stands for: offices that answer
to one another ("the congresswoman" for "Rep. Tlaib"), candidacies, party members ("the
Texas Democrat"), nouns that refer back to someone named ("the candidate", "the mother")
and their gender, writers ("this reporter"), ages, and "the state" for the US state the
article names most."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .chains import Chains, Person, _clean

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


# offices that answer to one another ("Rep. Tlaib" … "the congresswoman")
_KINDS = """
senator sen sen. lawmaker
congressman congresswoman representative rep rep. lawmaker
governor gov gov.
mayor
chairman chairwoman chair
"""
_OFFICES = [frozenset(line.split()) for line in _KINDS.strip().splitlines()]
# running for an office: not titled so, but a kind for telling people apart
_RUNNING = "candidate nominee hopeful contender challenger frontrunner front-runner"
_CANDIDACY = frozenset(_RUNNING.split())
_OFFICE_KINDS = [*_OFFICES, _CANDIDACY]


def _kinds(roles: set[str], among: list[frozenset[str]]) -> list[frozenset[str]]:
    """The kinds of ``among`` that a word of ``roles`` falls in."""
    held = {w for r in roles for w in r.split()}
    return [k for k in among if held & k]


def _same_office(noun: str, roles: set[str]) -> bool:
    """Whether one of ``roles`` names the office ``noun`` does, by another word."""
    return any(noun in k for k in _kinds(roles, _OFFICES))


def _other_office(person: Person, noun: str) -> bool:
    """Whether the article titled ``person`` with an office that is not the one ``noun``
    names: "the conservative senator" is not "President John F. Kennedy", "the
    congresswoman" not "House Speaker Nancy Pelosi"."""
    kinds = [k for k in _OFFICE_KINDS if noun in k]
    titled = _kinds(person.roles, _OFFICE_KINDS)
    return bool(kinds) and bool(titled) and not any(k in titled for k in kinds)


# the gender of the description nouns that have one, as the pronoun that would stand
# for it ("the mother" is found as "she" would be)
_NOUN_GENDER = dict.fromkeys(["father", "husband", "son", "brother"], "he") | dict.fromkeys(
    ["mother", "wife", "daughter", "sister"], "she"
)

_WRITERS = frozenset(["reporter", "writer", "columnist", "correspondent", "author"])


_AGED = re.compile(r"\b\d+-year-old$")


def _party_member(span: SpacySpan, root: Token) -> bool:
    """ "the Texas Democrat", "the Republican": one member of a party or nation."""
    return (
        span[0].lower_ == "the"
        and root.ent_type_ == "NORP"
        and root.tag_ in ("NN", "NNP")
        and (root.lower_ in ("republican", "democrat") or root.i - span.start > 1)
    )


# nouns by which news refers back to someone it has named ("the candidate", "the host"),
# unlike "the man", "the reporter" or "the attorney", which as often stand for someone it
# never names (on 250 BASIL articles the wider list of people nouns resolved 33
# descriptions, 14 of them to the wrong person). Offices ("the governor", "the senator")
# are never guessed: they go to someone titled so ("Gov. Gavin Newsom") or to the holder
# the knowledge files give for the date.
_NAMED_AGAIN = """candidate nominee host incumbent challenger frontrunner front-runner contender
hopeful mother father wife husband daughter son sister brother"""
_PROTAGONISTS = frozenset(_NAMED_AGAIN.split())


def _people_noun(tok: Token) -> bool:
    """A noun that refers back to someone named ("the candidate", "the mother"), or a
    party member in the singular ("the South Carolina Republican")."""
    if tok.ent_type_ == "NORP" and tok.tag_ in ("NN", "NNP"):
        return _party_member(tok.doc[tok.left_edge.i : tok.i + 1], tok)
    return tok.pos_ == "NOUN" and tok.lower_ in _PROTAGONISTS


_STATES = """
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
tennessee texas utah vermont virginia washington wisconsin wyoming new_hampshire new_jersey
new_mexico new_york north_carolina north_dakota rhode_island south_carolina south_dakota
west_virginia
"""
_US_STATES = frozenset(w.replace("_", " ") for w in _STATES.split())


def _state_before(chains: Chains, start: int) -> str | None:
    """The US state the article has named most often before token ``start`` (of equals,
    the first named), for "the state" ("Michigan", not "Flint"), whatever the model tagged
    each mention of it ("Michigan" as GPE once and ORG once counts twice). "The city" is
    left alone: the place an article names most is as often its country."""
    before = [(e, _clean(e.text)) for e in chains.ents if e.end <= start]
    states = {n for e, n in before if e.label_ == "GPE" and n.lower() in _US_STATES}
    counts = Counter(n for _, n in before if n in states)
    return counts.most_common(1)[0][0] if counts else None

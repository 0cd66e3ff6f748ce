"""Organisations as speakers: the documents and groups they speak through, and the names
they go by in an article.

* a document speaks for the organisation that made it, by compound, possessive or
  preposition ("the IMF report", "a poll from Marquette Law School", "documents made public
  by the FBI"), and "the report" for the organisation whose report the article named last;
* a person's group is named one way ("Hillary Clinton’s campaign", "the campaign" after
  "The Clinton campaign" → "Clinton campaign");
* an organisation goes by the name given in full before ("the House Select Committee" →
  "… on Benghazi", "CBC" → "Congressional Black Caucus", "the board" → "Illinois Board of
  Elections").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .chains import Chains, _clean

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

_ORG_TYPES = ("ORG", "GPE", "NORP", "FAC")

#: What an organisation says through: "the IMF report stated", "the Kremlin's statement".
_DOCUMENTS = frozenset(
    ["report", "statement", "website", "account", "release", "study", "survey", "filing",
     "letter", "memo", "readout", "communique", "document", "post", "tweet", "blog",
     "newspaper", "records", "data", "poll", "analysis", "findings", "filings", "documents",
     "reports", "studies", "surveys", "polls", "statements", "summary", "story", "article",
     "average", "precedents", "interview", "ruling", "opinion", "editorial", "polling",
     "projection", "projections", "research", "rule", "regulation", "estimate", "estimates",
     "forecast", "results", "figures", "count", "tally"]
)  # fmt: skip

_GROUP_NOUNS = frozenset(
    [
        "campaign",
        "administration",
        "government",
        "team",
        "camp",
        "office",
        "allies",
        "aides",
        "supporters",
        "family",
        "foundation",
        "spokesman",
        "spokeswoman",
        "spokesperson",
    ]
)


def _owns(ent: SpacySpan, noun: Token) -> bool:
    """Whether a name is a document's owner or author: "Clinton's statement", "the Clinton
    memo", "a statement by Clinton"."""
    if ent.root.head.i == noun.i and ent.root.dep_ in ("poss", "compound", "nmod"):
        return True
    return _by_way_of_prep(ent.root, noun) and any(
        t.lower_ in ("by", "from") for t in noun.doc[noun.i : ent.start]
    )


_MINOR = frozenset(["of", "the", "for", "and", "on", "&"])


def _full_org(chains: Chains, ent: SpacySpan) -> str:
    """An organisation's name as the article gave it in full before: "the House Select
    Committee" after "the House Select Committee on Benghazi"; "CBC" after "the
    Congressional Black Caucus"."""
    name = _clean(ent.text)
    words = _bare(name).split()
    acronym = name if name.isupper() and name.isalpha() and 2 <= len(name) <= 6 else None
    for e in reversed([e for e in chains.ents if e.label_ == "ORG" and e.end <= ent.start]):
        full = _clean(e.text)
        other = _bare(full).split()
        if len(other) > len(words) and other[: len(words)] == words:
            return full
        initials = "".join(w[0] for w in full.split() if w.lower() not in _MINOR)
        if acronym is not None and initials == acronym:
            return full
    return name


def _bare(name: str) -> str:
    return name.removeprefix("the ").removeprefix("The ")


def _org_by_word(chains: Chains, span: SpacySpan) -> str | None:
    """The organisation named last before ``span`` whose name holds all of its words
    ("the board", "the board of elections" → "Illinois Board of Elections"; not "the
    appeals court" → "the Supreme Court")."""
    words = {t.lower_ for t in span if t.is_alpha and t.dep_ != "det"}
    for e in reversed([e for e in chains.ents if e.label_ == "ORG" and e.end <= span.start]):
        if len(e) > 1 and words <= {t.lower_ for t in e}:
            return _clean(e.text)
    return None


def _by_way_of_prep(tok: Token, noun: Token) -> bool:
    """Whether ``tok`` hangs from ``noun`` through a preposition (or a participle and
    one: "the average of polls compiled by", "a statement posted on the website"), at
    most five steps."""
    steps = 0
    while tok.i != noun.i and steps < 6:
        if tok.dep_ not in ("pobj", "prep", "agent", "acl", "appos", "compound"):
            return False
        tok = tok.head
        steps += 1
    return tok.i == noun.i and steps > 1


_CAMPAIGN = {"camp": "campaign", "team": "campaign"}


def _group(name: str, noun: str) -> str:
    """A person's group named one way, by family name and noun: "Clinton campaign"; a
    person's camp or team is the campaign ("the Sanders camp" → "Sanders campaign", as
    the gold names it; a sitting president's "team" is named so too, a known limit)."""
    return f"{name.split()[-1]} {_CAMPAIGN.get(noun, noun)}"


def _group_named(chains: Chains, noun: Token) -> str | None:
    """The person's group of this kind the article named last before it, named one way:
    "the campaign" after "The Clinton campaign" or "Hillary Clinton’s campaign" →
    "Clinton campaign"."""
    owner = _owner_before(chains, noun, ("PERSON",), ("compound", "poss"))
    if owner is not None:
        return _group(_clean(owner.text), noun.lower_)
    if noun.lower_ != "campaign":  # not "the team": a research team is no campaign
        return None
    # none named: "the campaign" of the person the story is about so far, when one leads
    counts = Counter(p.name for at, p in chains.mentions if at < noun.idx).most_common(2)
    if counts and counts[0][1] >= 2 and (len(counts) == 1 or counts[0][1] > counts[1][1]):
        return _group(counts[0][0], noun.lower_)
    return None


def _document_owner(chains: Chains, noun: Token) -> str | None:
    """The organisation whose document of this kind the article named last before it:
    "a new Pew Research report …, the report" → "Pew Research"; a poll the article named
    goes by its name: "A New York Times/CBS News poll … The poll" → "New York Times/CBS
    News poll"."""
    if noun.lower_ in ("poll", "survey", "results"):
        named = next(_named_polls_before(noun.doc, noun.i), None)
        if named is not None:
            return _poll_source(named)
    owner = _owner_before(chains, noun, _ORG_TYPES, ("compound", "poss", "nmod", "amod"))
    return _clean(owner.text) if owner is not None else None


_POLL_GLUE = frozenset(["/", "-", "–", "&"])


def _poll_name(noun: Token) -> str | None:
    """A poll's name: the proper nouns right before "poll" ("a Reuters/Ipsos poll", "the
    latest NBC News-Wall Street Journal poll" → "Reuters/Ipsos poll", "NBC News-Wall Street
    Journal poll"); None for a poll with no name before it ("a poll from Marquette Law
    School", "Republican polls")."""
    doc = noun.doc
    j = noun.i
    while j > 0 and (
        (doc[j - 1].pos_ == "PROPN" and doc[j - 1].ent_type_ not in ("NORP", "DATE"))
        or (doc[j - 1].text in _POLL_GLUE and not doc[j - 1].whitespace_)
    ):
        j -= 1
    while j < noun.i and doc[j].text in _POLL_GLUE:
        j += 1
    if j == noun.i:
        return None
    if j > 1 and doc[j - 1].lower_ == "of" and doc[j - 2].pos_ == "PROPN":
        # "Washington Post-University of Maryland poll": the name goes on before "of"
        k = j - 2
        while k > 0 and (
            doc[k - 1].pos_ == "PROPN"
            or (doc[k - 1].text in _POLL_GLUE and not doc[k - 1].whitespace_)
        ):
            k -= 1
        j = k
    name = _clean(doc[j : noun.i + 1].text)
    # "A Times/CBS News poll" after "A New York Times/CBS News poll": the fuller name
    fuller = (e for e in _named_polls_before(doc, j) if e.endswith(" " + name))
    return next(fuller, name)


def poll_speaker(noun: Token, indefinite: bool) -> str | None:
    """Who speaks for the poll that ``noun`` ("poll") heads: the one it is named by
    (:func:`_poll_source`); for an indefinite one with no name ("a new poll"), the poll the
    article names just after it; else None."""
    name = _poll_name(noun)
    if name is not None:
        return _poll_source(name)
    return _named_poll_after(noun.doc, noun.i) if indefinite else None


def _poll_source(name: str) -> str:
    """Who speaks for a named poll: a joint poll by its name ("Reuters/Ipsos poll",
    "Washington Post-ABC News poll"), one pollster's poll by the pollster ("Morning
    Consult poll" → "Morning Consult", "a Gallup poll" → "Gallup")."""
    words = name.split()
    joint = any(g in name for g in _POLL_GLUE)
    if not joint and len(words) > 1 and words[-1].lower() == "poll":
        return " ".join(words[:-1])
    return name


def _named_poll_after(doc: Doc, i: int, chars: int = 300) -> str | None:
    """The first poll named within ``chars`` characters after token ``i`` ("a new poll
    … the Morning Consult Poll found"), who speaks for it (:func:`_poll_source`)."""
    end = doc[i].idx + chars
    for k in range(i + 1, len(doc)):
        if doc[k].idx > end:
            break
        if doc[k].lower_ == "poll":
            name = _poll_name(doc[k])
            if name is not None:
                return _poll_source(name)
    return None


def _named_polls_before(doc: Doc, i: int) -> Iterator[str]:
    """The names of the polls named before token ``i``, the nearest first."""
    for k in range(i - 1, -1, -1):
        if doc[k].lower_ == "poll":
            name = _poll_name(doc[k])
            if name is not None:
                yield name


def _owner_before(
    chains: Chains, noun: Token, labels: tuple[str, ...], deps: tuple[str, ...]
) -> SpacySpan | None:
    """The entity (of ``labels``, hanging by ``deps``) that owns the last word before
    ``noun`` that is the same noun: "Clinton" in "The Clinton campaign … the campaign"."""
    doc = noun.doc
    for i in range(noun.i - 1, -1, -1):
        if doc[i].lower_ != noun.lower_:
            continue
        for ent in chains.ents:
            if (
                ent.label_ in labels
                and ent.end <= i
                and ent.root.head.i == i
                and ent.root.dep_ in deps
                and _clean(ent.text)
            ):
                return ent
    return None

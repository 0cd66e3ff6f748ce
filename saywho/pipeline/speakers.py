"""Within-article speaker resolution: from a mention to the person first named.

The people and their mentions come from :mod:`saywho.pipeline.chains`.

No offline coreference library exists on PyPI for spaCy 3.8, so saywho builds
its own small, explainable resolver:

* every PERSON mention joins a chain keyed by surname; the chain's name is the
  longest form seen ("Vladimir Putin" for "Putin", "Mr. Putin");
* titles in front of a name ("Russian President Vladimir Putin") and appositives
  ("Putin, the Russian president,") teach role nouns for this article, so "the
  Russian president" and "the president" resolve to Putin;
* pronouns resolve to the most recent person (quote speakers preferred) whose
  gender fits, as far as the article tells it ("Mr." / "Ms." in front of a name,
  or "his" / "her" in a sentence about that person alone), a recent subject before
  a more recent object; he/she outside quote marks join the chain they resolve to,
  so the next pronoun sees them; "I" and "we" outside quote marks are the writer,
  not a speaker, and stay unresolved;
* organisations ("the Kremlin", "the State Department") resolve to themselves,
  but only when they head the mention ("Ukraine's allies" is not "Ukraine");
* a dateline glued to the front of a mention ("MOSCOW (Reuters) - ") is ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .chains import (
    _GENDERED,
    _PLURAL,
    Chains,
    Person,
    _clean,
    _inside_marks,
    _is_hyphen,
    _joined,
    _key,
    _known,
    _misspelt,
    _objects_of,
    _pronoun_person,
    _soft,
    build_chains,
)
from .features import dateline_end
from .lexicon import PERSON_NOUNS, PRONOUNS, ROLE_NOUNS
from .nouns import (
    _AGED,
    _NOUN_GENDER,
    _PROTAGONISTS,
    _WRITERS,
    _other_office,
    _party_member,
    _people_noun,
    _same_office,
    _state_before,
)
from .orgs import (
    _DOCUMENTS,
    _GROUP_NOUNS,
    _ORG_TYPES,
    _by_way_of_prep,
    _document_owner,
    _full_org,
    _group,
    _group_named,
    _org_by_word,
    _owns,
    poll_speaker,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from .linking import Link

__all__ = ["Chains", "Resolution", "build_chains", "may_be_person", "resolve"]

#: Whether a role phrase's words name an office the knowledge files know ("the NATO chief"),
#: whatever the date
OfficeNamed = Callable[[list[str]], bool]

_RECENT_CHARS = 1500  # how far back "the diplomat" may point to the last speaker

_MARKS_WINDOW = 300  # tokens looked back for an open quote mark in the paragraph


@dataclass(frozen=True, slots=True)
class Resolution:
    name: str | None
    how: str  # name, surname, role, office, pronoun, org, literal, none
    link: Link | None = None  # set when the name came from the knowledge files' offices


def _label(tok: Token) -> bool:
    """Whether ``tok`` starts a paragraph and a colon follows it ("Q:", "A:", "TAPPER:")."""
    doc = tok.doc
    starts = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
    return starts and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"


def _verb_of(tok: Token) -> Token:
    """The verb of the clause ``tok`` sits in (the root when there is none)."""
    while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _subject_of(verb: Token, before: int | None = None, after: int | None = None) -> Token | None:
    """The subject of ``verb`` that ends before token ``before`` (the nearest) or starts
    after token ``after`` (the first)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if before is not None:
        return next((c for c in reversed(subjects) if c.right_edge.i < before), None)
    return next((c for c in subjects if after is not None and c.left_edge.i > after), None)


def _bound(
    doc: Doc,
    chains: Chains,
    tok: Token,
    recent: tuple[int, str] | None,
    office: Callable[[list[str]], Link | None] | None,
    office_named: OfficeNamed | None = None,
) -> Resolution | None:
    """A gendered pronoun the sentence itself resolves: a possessive bound by its clause's
    subject before it ("the president follows through on his threat"), or a subject
    pronoun of a clause put before the main one, whose subject comes after ("When he wrote
    the book, Mr. McKinley said"). None when neither applies or the gender does not fit."""
    want = _GENDERED.get(tok.lower_)
    if want is None:
        return None
    subject: Token | None = None
    if tok.dep_ == "poss":
        subject = _subject_of(_verb_of(tok), before=tok.i)
    elif tok.dep_ == "nsubj" and tok.head.dep_ == "advcl":
        # the clause it modifies: a verb, past a header noun the parser hung it on
        subject = _subject_of(_verb_of(tok.head.head), after=tok.head.i)
    if subject is None:
        return None
    ent = next((e for e in chains.ents if e.start <= subject.i < e.end), None)
    if ent is not None and ent.label_ == "PERSON" and _clean(ent.text):
        person = _known(chains, _clean(ent.text), ent.start_char)
        if person is not None and person.gender in (None, want):
            return Resolution(person.name, "pronoun")
        return None
    if ent is None and subject.lower_ in ROLE_NOUNS:
        span = doc[subject.left_edge.i : subject.i + 1]
        res = resolve(doc, chains, span.start_char, span.end_char, recent, office, office_named)
        if res.how in ("role", "office") and res.name:
            known = next((p for p in chains.people if p.name == res.name), None)
            if known is None or known.gender in (None, want):
                return Resolution(res.name, "pronoun", res.link)
    return None


def _strip_dateline(span: SpacySpan) -> SpacySpan:
    """'MOSCOW (Reuters) - Russian President Vladimir Putin' → 'Russian President …'."""
    cut = dateline_end(span.doc, span.start, span.end)
    return span if cut is None else span.doc[cut : span.end]


def _role_words(span: SpacySpan) -> list[str]:
    """The content words of a role mention, hyphenated words joined:
    'the US-led bloc's head' → ['us-led', 'bloc', 'head']."""
    doc = span.doc

    def glued(t: Token) -> bool:  # "led" in "US-led"
        return t.i > 0 and _is_hyphen(doc[t.i - 1]) and not t.is_punct

    words = _joined(
        t
        for t in span
        if (t.dep_ != "det" or (t.i > span.start and doc[t.i - 1].lower_ == "of"))
        and (
            t.dep_ == "det"
            or _is_hyphen(t)
            or glued(t)
            or t.lower_ == "of"  # "secretary of state", "head of the Pentagon"
            or (not t.is_punct and (t.pos_ in ("NOUN", "ADJ", "PROPN") or t.dep_ == "amod"))
        )
    )
    while words and words[0] == "of":
        words.pop(0)
    while words and words[-1] == "of":
        words.pop()
    return words


# not "-ent": "the government", "the department" say things far more often than "a resident"
_PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "man", "woman", "person")


def may_be_person(doc: Doc, start: int, end: int, res: Resolution) -> bool:
    """Whether a resolved speaker may be what a later "he" or "she" stands for: a person by
    name, role or office, or a mention headed by a noun for people ("the columnist", "a
    senior official"); not an organisation, and not "polls" or "the book"."""
    if res.how in ("org", "none"):
        return False
    if res.how != "literal":
        return True
    if res.link is not None:
        return res.link.type == "PERSON"
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return True
    head = _head(span)
    low = head.lower_
    return (
        head.pos_ == "PROPN"
        or head.ent_type_ == "PERSON"
        or low in PERSON_NOUNS
        or head.lemma_.lower() in PERSON_NOUNS
        or low.endswith(_PERSON_SUFFIXES)
    )


_INSIDE_NOUN = frozenset(["amod", "compound", "npadvmod", "advmod", "nmod", "punct"])


def _noun_above(tok: Token) -> Token:
    """The noun a modifier belongs to ("described" in "a self-described democratic
    socialist" → "socialist"), at most three steps up; else ``tok``."""
    noun = tok
    for _ in range(3):
        if noun.dep_ not in _INSIDE_NOUN or noun.head.i == noun.i:
            break
        noun = noun.head
    return noun if noun.pos_ in ("NOUN", "ADJ", "PROPN") else tok


def _fronted_subject(chains: Chains, noun: Token) -> Person | None:
    """ "A self-professed independent, Cuban said …": a description opening the sentence
    before a comma is the subject that follows it, when that is a person the article
    names."""
    doc = noun.doc
    first = doc[noun.left_edge.i]
    if first.lower_ not in ("a", "an") or not first.is_sent_start:
        return None
    after = noun.right_edge.i + 1
    if noun.dep_ not in ("advcl", "npadvmod", "nsubj") or after + 1 >= len(doc):
        return None
    if doc[after].text != ",":
        return None
    subject = doc[after + 1]
    if subject.dep_ != "nsubj" or not subject.is_title:
        return None
    return _known(chains, subject.text, subject.idx) if subject.pos_ == "PROPN" else None


def _head(span: SpacySpan) -> Token:
    """The head word of a mention. spaCy's ``Span.root`` is the first token whose head lies
    outside the span, which is the determiner when the mention modifies a noun after it
    ("[the IMF] report": "the" and "IMF" both hang from "report"); then the last word is."""
    root = span.root
    first = span[0]
    if root.pos_ == "VERB" and first.dep_ == "det" and span.start <= first.head.i < span.end:
        # "an interview with the Times published Wednesday": the parser made the
        # participle the sentence's root; the noun the determiner opens heads the mention
        return first.head
    if root.pos_ == "DET" and len(span) > 1:
        words = [t for t in span if not (t.is_punct or t.is_space)]
        return words[-1] if words else root
    return root


def _by_role(
    chains: Chains, span: SpacySpan, start: int, content: list[str]
) -> tuple[int, Person] | None:
    """A role noun → the person named earlier with that title, and how well it fits (3: the
    whole phrase, "the Russian president"; 2: the head noun, "the president", "the bloc's
    chief", unless the title says otherwise: "the Ukrainian president" is not the one
    titled "Russian President"; 1: a shared name in the title, "the NATO chief" →
    "NATO Secretary-General …"). Between equals, the more recently mentioned wins."""
    if not content:
        return None
    phrase, root = " ".join(content), _head(span)
    head = next((w for w in content if root.lower_ in w.split("-")), root.lower_)
    # names in the mention ("the NATO chief"), not a lower-case word the model took for
    # one ("the mega donor")
    names = {
        t.lower_
        for t in span
        if t.i != root.i and ((t.pos_ == "PROPN" and not t.is_lower) or t.ent_type_)
    }

    core = _soft(phrase)

    def score(p: Person) -> int:
        if phrase in p.roles or (core != phrase and core in {_soft(r) for r in p.roles}):
            return 3  # "the acting NATO chief" for "Acting NATO chief Erik Dahlgren" too
        titled = {w for r in p.roles if r.split()[-1] == head for w in r.split()[:-1]}
        if head in p.roles:
            return 0 if names and titled and not names & titled else 2
        if _same_office(head, p.roles):  # "the lawmaker" for "Rep. Bob Etheridge"
            return 2
        # a shared name only for a person noun: "the NATO chief", not "the IMF report"
        person_noun = head in ROLE_NOUNS or root.lower_ in ROLE_NOUNS
        return 1 if person_noun and names & {w for r in p.roles for w in r.split()} else 0

    best = max(((score(p), p.last, p) for p in chains.people if p.first < start), default=None)
    return (best[0], best[2]) if best is not None and best[0] else None


_RELATIVE = frozenset(["who", "which"])


def _person_in(span: SpacySpan, persons: list[SpacySpan]) -> SpacySpan | None:
    """The PERSON entity a mention is about, of the ``persons`` inside it: the one holding
    the mention's head ("Trump adviser Jason Miller"), else one in apposition to it
    ("Clinton's campaign manager, Robby Mook,"), else the only one, unless the head is a
    group noun ("the Trump campaign")."""
    if not persons:
        return None
    root = _head(span)
    for e in persons:
        if e.start <= root.i < e.end:
            return e
    for e in persons:
        if e.root.dep_ == "appos" and e.root.head.i == root.i:
            return e
    if root.lower_ in _GROUP_NOUNS or root.ent_type_ == "ORG":
        return None  # "the Trump campaign", "Sanders's hometown Burlington Free Press"
    if root.lower_ in _DOCUMENTS:
        # "Clinton's statement" speaks for Clinton; "documents made public by the FBI about
        # Clinton's use of …" do not
        return next((e for e in persons if _owns(e, root)), None)
    if root.lower_ in PERSON_NOUNS and all(e.root.dep_ == "poss" for e in persons):
        return None  # "Donald J. Trump's newly installed campaign chief" is not Trump
    return persons[0]


def _owned_head(root: Token) -> bool:
    """Whether a mention's head is an organisation, a document or a role: a name inside
    it is its owner or its subject matter, not the speaker."""
    return root.ent_type_ == "ORG" or root.lower_ in _DOCUMENTS or root.lower_ in PERSON_NOUNS


def _who_above(chains: Chains, ante: Token) -> Token:
    """The person "who" stands for when the noun it hangs on is none: a place or an
    organisation inside the person's description ("Alan Berger, a gynecologist from
    Englewood, New Jersey, who said"; "Megyn Kelly, a star anchor at Fox News who
    questioned"), or a second description ("Sandra Ripert, a real estate agent … and an
    aspiring trader who felt"): the person the phrase hangs from, through prepositions,
    appositives and coordination, a few steps up."""
    ent = next((e for e in chains.ents if e.start <= ante.i < e.end), None)
    if ent is not None and ent.label_ == "PERSON":
        return ante
    if ent is not None and (ent.label_ in ("GPE", "LOC", "FAC") or ent.root.dep_ == "pobj"):
        tok = ent.root
    elif ent is None and ante.pos_ == "NOUN" and ante.dep_ in ("conj", "appos", "pobj"):
        tok = ante
    else:
        return ante
    for _ in range(5):
        if tok.dep_ not in ("pobj", "prep", "appos", "compound", "conj") or tok.head.i == tok.i:
            break
        tok = tok.head
        if any(e.start <= tok.i < e.end and e.label_ == "PERSON" for e in chains.ents):
            return tok
    return ante


def _relative(
    chains: Chains,
    tok: Token,
    start: int,
    recent: tuple[int, str] | None,
    office: Callable[[list[str]], Link | None] | None = None,
    office_named: OfficeNamed | None = None,
) -> Resolution:
    """ "who" / "which" → the noun the relative clause hangs on ("Paul Ryan, who said")."""
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].lower_ in ("and", "but"):
        # "Gregory W. Slayton, whom George W. Bush appointed …, and who is now supporting":
        # the relative pronoun it is coordinated with, earlier in the sentence
        first = next(
            (
                doc[i]
                for i in range(tok.i - 2, tok.sent.start - 1, -1)
                if doc[i].lower_ in ("who", "whom", "which") and doc[i].head.dep_ == "relcl"
            ),
            None,
        )
        if first is not None:
            tok = first
    head = tok.head
    if head.dep_ == "relcl":
        ante = head.head
        if tok.lower_ == "who":
            ante = _who_above(chains, ante)
        if _people_noun(ante) and ante.i < tok.i:  # "the candidate who launched his campaign"
            phrase = tok.doc[ante.left_edge.i : ante.i + 1]
            res = resolve(
                tok.doc, chains, phrase.start_char, phrase.end_char, recent, office, office_named
            )
            if res.how in ("role", "office"):
                return res
        if tok.lower_ == "which" and ante.pos_ == "NOUN" and ante.i < tok.i:
            # "The union, which endorsed …": the organisation the noun refers back to
            phrase = doc[ante.left_edge.i : ante.i + 1]
            res = resolve(doc, chains, phrase.start_char, phrase.end_char, recent)
            if res.how == "org":
                return res
        for e in chains.ents:
            if e.start <= ante.i < e.end:
                name = _clean(e.text)
                if e.label_ == "PERSON" and name:
                    person = _known(chains, name, e.start_char)
                    return Resolution(person.name if person else name, "name")
                if e.label_ in _ORG_TYPES and name:
                    return Resolution(name, "org")
        if ante.pos_ == "PROPN" and _key(ante.text) in chains.by_surname:  # "Hoff, who"
            person = _known(chains, ante.text, ante.idx)
            if person is not None:
                return Resolution(person.name, "surname")
    # "Sen. Rob Portman this year, who endorsed": the person just before, past a comma
    # or a time phrase
    i = tok.i - 1
    while i >= 0 and tok.i - i <= 5 and (tok.doc[i].is_punct or tok.doc[i].ent_type_ == "DATE"):
        i -= 1
    before = next((e for e in chains.ents if e.end - 1 == i and _clean(e.text)), None)
    if before is None or i >= tok.i - 1:
        return Resolution(None, "none")
    if before.label_ == "PERSON":
        person = _known(chains, _clean(before.text), before.start_char)
        return Resolution(person.name if person else _clean(before.text), "name")
    if before.label_ == "ORG" and tok.lower_ == "which":
        # "a favorable decision from the Illinois Board of Elections, which ruled": the
        # organisation just before the comma (the parser hung the clause on "decision")
        return Resolution(_full_org(chains, before), "org")
    return Resolution(None, "none")


_HANDLE = re.compile(r"@\w{2,}")

_SIGNATURE_CHARS = 3000  # how far a letter's "I" looks ahead for the signature


def _signature_after(doc: Doc, chains: Chains, i: int, *, handle: bool = True) -> str | None:
    """The writer of a letter, column or posted comment signed at its end: the first
    paragraph after token ``i`` that is nothing but a person's name ("Mauricio
    Fraga-Rosenfeld.") or, with ``handle`` (an "I", not a "we"), a social media handle
    ("@jsmith."), within a few paragraphs. None when there is no such signature."""
    limit = doc[i].idx + _SIGNATURE_CHARS if i < len(doc) else 0

    def breaks(j: int) -> bool:  # token j is a paragraph break (or outside the text)
        return not 0 <= j < len(doc) or (doc[j].is_space and "\n" in doc[j].text)

    def alone(start: int, end: int) -> bool:  # tokens [start, end) are a paragraph
        after = end + (1 if end < len(doc) and doc[end].text == "." else 0)
        return breaks(start - 1) and breaks(after)

    signers = [  # (first token, end token, name)
        (ent.start, ent.end, _clean(ent.text))
        for ent in chains.ents
        if ent.label_ == "PERSON" and ent.start >= i and ent.start_char <= limit
    ]
    if handle:  # the first handle within reach
        tok = next((t for t in doc[i:] if t.idx > limit or _HANDLE.fullmatch(t.text)), None)
        if tok is not None and tok.idx <= limit:
            signers.append((tok.i, tok.i + 1, tok.text))
    return next((name for start, end, name in sorted(signers) if name and alone(start, end)), None)


def resolve(
    doc: Doc,
    chains: Chains,
    start: int,
    end: int,
    recent_speaker: tuple[int, str] | None = None,
    office: Callable[[list[str]], Link | None] | None = None,
    office_named: OfficeNamed | None = None,
) -> Resolution:
    """Resolve the speaker mention at characters ``[start, end)`` of ``doc``.

    ``office`` looks a role phrase up in the knowledge files' offices (the holder on the
    article's date); it is asked when the article itself did not title anyone with the
    whole phrase, and its answer beats a looser in-article fit ("the NATO chief" in an
    article naming only a Ukrainian minister)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not span.text.strip():
        return Resolution(None, "none")
    span = _strip_dateline(span)
    end_tok = span.end
    if end_tok + 1 < len(doc) and _is_hyphen(doc[end_tok]) and not doc[end_tok].whitespace_:
        # a mention cut at a hyphen: "the NATO secretary" + "-general"
        span = doc[span.start : end_tok + 2]
    root = _head(span)
    inner = chains.ents_in(span.start, span.end)
    persons = [e for e in inner if e.label_ == "PERSON" and _clean(e.text)]
    named = _person_in(span, persons)
    noun = _noun_above(root) if named is None else root
    if named is None and noun.dep_ == "appos":
        # "Ellie, a high school senior" ("his daughter, Ellie, a high school senior"): the
        # person it stands beside; also for a word of it ("self-described" in "Bernie
        # Sanders, a self-described democratic socialist,")
        beside = {c.i for c in noun.head.children if c.dep_ == "appos"}
        up = noun
        for _ in range(3):  # "Bernie Sanders, I-Vt., a …": through the party tag
            if up.dep_ not in ("appos", "conj") or up.head.i == up.i:
                break
            up = up.head
            beside.add(up.i)
        named = next(
            (
                e
                for e in chains.ents
                if e.label_ == "PERSON" and any(e.start <= i < e.end for i in beside)
            ),
            None,
        )
    if named is None and any(
        c.dep_ == "relcl" and any(g.lower_ == "who" and g.dep_ == "nsubj" for g in c.children)
        for c in root.children
    ):
        # "… from Englewood, New Jersey, who said": the mention the quote finder took is a
        # place; "who" is the person it hangs from
        above = _who_above(chains, root)
        named = next((e for e in chains.ents if e.start <= above.i < e.end), None)
        named = named if named is not None and named.label_ == "PERSON" else None
    if named is None:
        fronted = _fronted_subject(chains, noun)
        if fronted is not None:
            return Resolution(fronted.name, "role")
    if named is not None:
        name = _clean(named.text)
        person = _known(chains, name, named.start_char)
        how = "name" if len(name.split()) > 1 else "surname"
        return Resolution(person.name if person else name, how)
    if root.lower_ in _GROUP_NOUNS and persons:
        # "the Trump campaign", "Hillary Clinton’s campaign", "Campaign for Trump": the
        # group, not the person, named one way: "Trump campaign", "Clinton campaign"
        return Resolution(_group(_clean(persons[0].text), root.lower_), "literal")
    if root.lower_ in _GROUP_NOUNS and span[0].lower_ == "the":
        # "the Sanders camp" with "Sanders" tagged ORG: a person the article named
        owner = next(
            (
                c
                for c in root.children
                if c.dep_ == "compound" and c.is_title and _key(c.text) in chains.by_surname
            ),
            None,
        )
        person = _known(chains, owner.text, owner.idx) if owner is not None else None
        if person is not None:
            return Resolution(_group(person.name, root.lower_), "literal")
    words = [t.lower_ for t in span if not (t.is_punct or t.is_space)]
    owner = next((c for c in root.children if c.dep_ == "poss" and c.lower_ in _GENDERED), None)
    if owner is not None and root.pos_ == "NOUN":
        # "his website says", "her account": the owner speaks; "his campaign": the owner's
        # group, named one way ("Sanders campaign")
        person = _pronoun_person(chains, owner.idx, owner.lower_, recent_speaker)
        if person is None:
            return Resolution(None, "none")
        if root.lower_ in _GROUP_NOUNS:
            return Resolution(_group(person.name, root.lower_), "literal")
        return Resolution(person.name, "pronoun")
    if span.text == "Q" and _label(span[0]) and chains.writer:
        # an interview's "Q:" questions: the writer the byline names
        return Resolution(chains.writer, "role")
    if span.text == "A" and _label(span[0]) and chains.mentions:
        # an interview's "A:" answers: the person the article is most about
        counts = Counter(p.name for _, p in chains.mentions)
        return Resolution(counts.most_common(1)[0][0], "role")
    if len(words) == 1 and words[0] in _RELATIVE:
        return _relative(chains, span[0], start, recent_speaker, office, office_named)
    surname = next(  # "FALLIN:", a transcript's label, is tagged anything
        (
            t
            for t in span
            # or a surname the model took for a noun ("Hannity asked")
            if (t.pos_ == "PROPN" or (t.is_upper and len(t) > 1) or (t.is_title and t == root))
            and _key(t.text) in chains.by_surname
            # the mention's head or part of it, not an owner or a complement inside the
            # name of an organisation, a document or a role ("Sanders's hometown paper",
            # "documents … about Clinton's use of …"; but "Much of Beck’s ire" is Beck's)
            and (
                t == root
                or (t.head == root and t.dep_ in ("compound", "appos", "nmod"))
                or not _owned_head(root)
            )
        ),
        None,
    )
    if surname is not None and surname.ent_type_ not in ("GPE", "NORP"):  # "Holt" as ORG
        person = _known(chains, surname.text, surname.idx)
        if person is not None:
            return Resolution(person.name, "surname")
    lone = _clean(span.text)
    if lone.isalpha() and lone.istitle():
        person = _misspelt(chains, _key(lone))  # "Bryne said", "Session’s", tagged anything
        if person is not None:
            return Resolution(person.name, "surname")
    if len(words) == 1 and words[0] in PRONOUNS and words[0] != "it":
        word = words[0]
        before = doc[max(span.start - _MARKS_WINDOW, 0) : span.start]  # not Doc.text: slow
        writer = word in ("i", "me", "my", "we") and not _inside_marks(
            before.text_with_ws, len(before.text_with_ws)
        )
        person = None
        if writer:
            signed = _signature_after(doc, chains, span.end, handle=word != "we")
            if signed is None and word != "we":
                signed = chains.writer  # a column's "I": the byline's writer
            return Resolution(signed, "pronoun") if signed else Resolution(None, "none")
        bound = _bound(doc, chains, span[0], recent_speaker, office, office_named)
        if bound is not None:
            return bound
        if not writer and not (word in _PLURAL and recent_speaker is None):
            others = _objects_of(chains, span[0])
            person = _pronoun_person(
                chains, start, word, recent_speaker, narrated=True, others=others
            )
        return Resolution(person.name, "pronoun") if person else Resolution(None, "none")
    poll = poll_speaker(root, span[0].lower_ in ("a", "an")) if root.lower_ == "poll" else None
    if poll is not None:  # "A Reuters/Ipsos poll found", "A Gallup poll found": Gallup
        return Resolution(poll, "org")
    # "the South Carolina Republican" is a person, not the party (but "The Tennessean" is
    # a newspaper)
    member = _party_member(span, root)
    for ent in [] if member else inner:
        # the organisation must head the mention: "the Kremlin", not "Ukraine's allies";
        # or own the document that speaks: "the IMF report", "the Kremlin's statement"
        owns = root.lower_ in _DOCUMENTS and (
            # "the IMF report", "the FBI summary" ("Republican polls" are no party's)
            (ent.end <= root.i and ent.root.head.i == root.i and ent.label_ != "NORP")
            # "a poll from Marquette Law School", "a story by the website Politico"
            or (ent.label_ == "ORG" and ent.start > root.i and _by_way_of_prep(ent.root, root))
        )
        # or stand beside it: "Another holdout — the United Mine Workers — is …"
        apposed = (
            ent.label_ == "ORG"
            and ent.root.dep_ == "appos"
            and ent.root.head.i == root.i
            and root.lower_ not in PERSON_NOUNS  # "the minister, Shafqat Mahmood" (as ORG)
            # set off by a dash or a comma, not "… shoppers for the service Instacart"
            and any(t.is_punct for t in doc[max(ent.start - 2, 0) : ent.start])
        )
        if ent.label_ in _ORG_TYPES and (ent.start <= root.i < ent.end or owns or apposed):
            return Resolution(_full_org(chains, ent), "org")
    if span[0].lower_ == "the" and root.pos_ == "NOUN" and not inner:
        body = _org_by_word(chains, span)  # "the board" after "… Board of Elections"
        if body is not None:
            return Resolution(body, "org")
        if len(span) == 2 and root.lower_ == "state":
            state = _state_before(chains, span.start)  # "The state" after "Michigan"
            if state is not None:
                return Resolution(state, "org")
    if len(span) == 2 and span[0].lower_ == "this" and root.lower_ in _WRITERS and chains.writer:
        return Resolution(chains.writer, "role")  # "as this reporter revealed"
    if span[0].lower_ == "the" and root.lower_ in _GROUP_NOUNS and len(span) == 2:
        group = _group_named(chains, root)  # "the campaign" after "the Clinton campaign"
        if group is not None:
            return Resolution(group, "literal")
        if root.lower_ == "administration" and office is not None:
            # "the administration" no one named owns: the president's on the article's date
            # (of the country the article is about, else the United States, where the word
            # is used so)
            head = office(["president"]) or office(["us", "president"])
            if head is not None and head.type == "PERSON":
                return Resolution(_group(head.name, "administration"), "literal")
    if (
        span[0].lower_ == "the"
        and root.lower_ in _DOCUMENTS
        and all(t.dep_ == "amod" for t in span[1:-1])  # "the report", "the new regulation"
    ):
        maker = _document_owner(chains, root)  # "the report" after "a Pew Research report"
        if maker is not None:
            return Resolution(maker, "org")
    content = _role_words(span)
    fit = _by_role(chains, span, start, content)
    if fit is not None and fit[0] == 3:
        return Resolution(fit[1].name, "role")
    link = office(content) if office is not None and content else None
    # "CNN President": a generic office ("president") qualified by an organisation that is
    # not its owner is that organisation's officer, not the head of state
    owned = any(e.label_ == "ORG" and e.end <= root.i and e.root.head.i == root.i for e in inner)
    if link is not None and link.generic and owned:
        link = None
    if link is not None and not (link.generic and fit is not None and fit[0] >= 2):
        return Resolution(link.name, "office", link)
    if fit is not None:
        return Resolution(fit[1].name, "role")
    # "the diplomat added": a bare role noun for the person quoted just before (a person:
    # "the president" after "The United States announced" is not the country)
    if (
        recent_speaker is not None
        and any(p.name == recent_speaker[1] for p in chains.people)
        and 0 <= start - recent_speaker[0] <= _RECENT_CHARS
        and span[0].lower_ == "the"
        and root.lower_ in ROLE_NOUNS
        and len(span) <= 4
    ):
        return Resolution(recent_speaker[1], "role")
    aged = _AGED.search(span.text) is not None  # "the American-born 29-year-old"
    if (
        span[0].lower_ == "the"
        and (aged or (span[0].head.i == root.i and _people_noun(root)))
        # an office ("the NATO chief") is its holder or someone titled so, never a guess
        and not (office_named is not None and office_named(content))
    ):
        # "The GOP candidate proposes …", "the 34-year-old mother of three": a definite
        # description the article titled no one with stands for someone named before it,
        # found as "he" or "she" would be (a noun's own gender when it has one), among the
        # people the narration names (not "Oslo" in '"… strike Oslo," the general said')
        word = _NOUN_GENDER.get(root.lower_, "one")
        person = _pronoun_person(chains, start, word, recent_speaker, narrated=True)
        if person is not None and not _other_office(person, root.lower_):
            return Resolution(person.name, "role")
    if _headline(doc, span) and (
        root.lower_ in PERSON_NOUNS or root.lower_ in _PROTAGONISTS or _party_word(root)
    ):
        # a headline's "Former White House Doctor Says": the person the story then names
        # as a clause's subject first
        first = _first_subject(chains, doc, span)
        if first is not None:
            return Resolution(first.name, "role")
    return Resolution(_clean(span.text) or None, "literal")


_HEADLINE_CHARS = 200
_LEDE_CHARS = 1200  # how far into the story the headline's person is looked for


def _headline(doc: Doc, span: SpacySpan) -> bool:
    """Whether ``span`` lies in a headline: the text's first line, when it is short."""
    if span.end_char > _HEADLINE_CHARS:
        return False
    line_end = _line_end(doc, 0)  # Doc.text would join the whole document
    return line_end is not None and span.end_char <= line_end <= _HEADLINE_CHARS


def _line_end(doc: Doc, i: int) -> int | None:
    """The character offset of the first line break at or after token ``i``."""
    for tok in doc[i:]:
        if "\n" in tok.text_with_ws:
            return tok.idx + tok.text_with_ws.index("\n")
    return None


def _party_word(tok: Token) -> bool:
    return tok.lower_ in ("republican", "democrat") and tok.i == tok.sent.start


def _first_subject(chains: Chains, doc: Doc, span: SpacySpan) -> Person | None:
    body = _line_end(doc, span.end)
    if body is None:
        return None
    for start, person in chains.mentions:
        if start > body + _LEDE_CHARS:
            break
        if start > body and start in chains.subjects:
            return person
    return None

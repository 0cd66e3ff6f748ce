"""Within-article chains of people, the ground speaker resolution stands on.

* every PERSON mention joins a chain keyed by surname; the chain's name is the
  longest form seen ("Vladimir Putin" for "Putin", "Mr. Putin");
* titles in front of a name ("Russian President Vladimir Putin") and appositives
  ("Putin, the Russian president,") teach the chain's role nouns for this article;
* a transcript's capital labels ("JAKE TAPPER:") name people too;
* he/she outside quote marks join the chain of the person they resolve to (the most
  recent person whose gender fits, a recent subject before a more recent object), so
  the next pronoun sees who the text was about; so does "the nominee" when one person
  named before was titled so ("the GOP nominee’s support … He said").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import LOWER

from .lexicon import (
    CLOSE_QUOTES,
    DOUBLE_QUOTE_TOKENS,
    DOUBLE_QUOTES,
    OPEN_QUOTES,
    first_name_genders,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

__all__ = ["Chains", "Person", "build_chains", "byline_person"]

_TITLES = "dr gen lt col sen rep gov"  # with and without a final "."

_HONORIFICS = frozenset(
    [w + dot for w in f"{_TITLES} mr mrs ms".split() for dot in ("", ".")] + ["sir", "dame", "lord"]
)

_GENDER_HONORIFICS = dict.fromkeys(["mr", "mr.", "sir", "lord"], "male") | dict.fromkeys(
    ["mrs", "mrs.", "ms", "ms.", "dame"], "female"
)

_GENDERED = dict.fromkeys(["he", "him", "his", "himself"], "male") | dict.fromkeys(
    ["she", "her", "hers", "herself"], "female"
)

_RANKS = frozenset(["vice", "deputy", "former", "ex", "acting", "assistant"])

_PLURAL = ("they", "them", "we")

_SPEAKER_BONUS = 300  # the last quote's speaker counts as named this much later

_NEAR_CHARS = 300  # a bare surname goes to a same-surname person named in full this close

_HYPHENS = ("-", "‐", "–")


@dataclass(slots=True)
class Person:
    name: str
    surname: str
    first: int  # char offset of first mention
    last: int  # char offset of most recent mention seen so far
    roles: set[str] = field(default_factory=set)
    gender: str | None = None  # "male", "female" or unknown
    gender_weak: bool = False  # the gender came from a pronoun after the name only
    forms: list[str] = field(default_factory=list)  # every multi-word form, first seen first
    fulls: list[int] = field(default_factory=list)  # char offsets of multi-word mentions


@dataclass(slots=True)
class Chains:
    people: list[Person] = field(default_factory=list)
    by_surname: dict[str, list[Person]] = field(default_factory=dict)
    # (char offset, person) of every mention of a person, in text order (see ``add``)
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    # the document's entities, read once (Span.ents rescans doc.ents on every call)
    ents: list[SpacySpan] = field(default_factory=list)
    # char offsets of the PERSON mentions that are a clause's subject, and of the sentences
    subjects: set[int] = field(default_factory=set)
    main_subjects: set[int] = field(default_factory=set)  # of a sentence's main verb
    sentences: list[int] = field(default_factory=list)
    # char offsets of the PERSON mentions inside quote marks
    quoted: set[int] = field(default_factory=set)
    # the one person the byline names, if it names one: the writer's "I", an interview's Q
    writer: str | None = None

    def new_person(self, name: str, surname: str, at: int) -> Person:
        """A person first named at char offset ``at``, registered under ``surname``."""
        person = Person(name, surname, first=at, last=at)
        self.people.append(person)
        self.by_surname.setdefault(surname, []).append(person)
        return person

    def add(self, start: int, person: Person) -> None:
        """A mention of ``person`` at char offset ``start``, kept in text order."""
        insort(self.mentions, (start, person), key=_offset)

    def subject_near(self, person: Person, at: int) -> bool:
        """Whether ``person`` is the subject of a clause in the sentence of ``at`` (before
        it) or in the sentence before."""
        i = bisect_right(self.sentences, at) - 1
        lo = self.sentences[max(i - 1, 0)] if self.sentences else 0
        near = self.mentions[
            bisect_left(self.mentions, lo, key=_offset) : bisect_left(
                self.mentions, at, key=_offset
            )
        ]
        return any(p is person and start in self.subjects for start, p in near)

    def ents_in(self, start: int, end: int) -> list[SpacySpan]:
        """Entities inside tokens ``[start, end)``."""
        return [e for e in self.ents if e.start >= start and e.end <= end]


def _clean(text: str) -> str:
    text = text.strip().strip(",;:—–-").strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    words = [w for w in text.split() if w.lower() not in _HONORIFICS]
    while words and not any(c.isalpha() for c in words[0]):  # "15:35 - Boris Johnson"
        words.pop(0)
    return " ".join(words)


def _is_hyphen(tok: Token) -> bool:
    """A hyphen inside a word ("Secretary-General"), not a dash between words."""
    before = tok.doc[tok.i - 1] if tok.i else None
    return tok.text in _HYPHENS and not tok.whitespace_ and bool(before and not before.whitespace_)


def _joined(tokens: Iterable[Token]) -> list[str]:
    """Lower-cased words, hyphenated ones re-joined: 'secretary - general' → one word."""
    words: list[str] = []
    glue = False
    for tok in tokens:
        if _is_hyphen(tok):
            glue = bool(words)
        elif glue:
            words[-1] += "-" + tok.lower_
            glue = False
        else:
            words.append(tok.lower_)
    return words


def _title_words(ent: SpacySpan) -> list[str]:
    """Lower-cased words of the title in front of a name, from the name's left dependents:
    'Russian President' → ['russian', 'president']; 'U.S. Secretary of State';
    'NATO Secretary-General'. A determiner, a possessive or punctuation ends the title."""
    doc = ent.doc
    toks: list[Token] = []
    for tok in reversed(doc[min(ent.root.left_edge.i, ent.start) : ent.start]):
        punct = tok.is_punct and not _is_hyphen(tok)
        if punct or tok.ent_type_ == "PERSON" or tok.dep_ in ("det", "case"):
            break
        toks.insert(0, tok)
    words = [_SPELLED.get(w.rstrip("."), w) for w in _joined(toks)]
    return [w for w in words if w not in _HONORIFICS]


# abbreviated titles teach the role they stand for ("Gov. Gavin Newsom": "the governor")
_SPELLED = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "col": "colonel",
}


def _roles_from_words(words: list[str]) -> set[str]:
    """Role nouns a title teaches: 'russian president' → {'president', 'russian president'};
    'u.s. secretary of state' also → {'secretary', 'u.s. secretary', 'secretary of state'}."""
    words = [w for w in words if w.strip()]
    cut = words.index("of", 1) if "of" in words[1:] else len(words)
    # a rank stays: "vice president" (or "former president") never teaches "president"
    keep = max((i for i, w in enumerate(words[:cut]) if w in _RANKS), default=cut - 1) + 1
    starts = range(keep)
    roles = {" ".join(words[k:cut]) for k in starts} | {" ".join(words[k:]) for k in starts}
    return roles | {_soft(r) for r in roles} - {""}


def _honorific_gender(ent: SpacySpan) -> str | None:
    """The gender an honorific in front of a PERSON mention gives ("Mrs. Clinton")."""
    for tok in ent.doc[max(ent.start - 1, 0) : ent.start + 1]:
        if tok.lower_ in _GENDER_HONORIFICS:
            return _GENDER_HONORIFICS[tok.lower_]
    return None


def _gender_of(ent: SpacySpan, chains: Chains) -> str | None:
    """Weaker gender evidence for a PERSON mention: the first he/his/she/her after it in a
    sentence that names no other person and whose pronouns agree ("John Podesta said her
    position …" is not, once his given name is known)."""
    doc = ent.doc
    # Token.sent rescans the document; walk to the sentence bounds instead
    lo = ent.start
    while lo > 0 and not doc[lo].is_sent_start:
        lo -= 1
    hi = ent.end
    while hi < len(doc) and not doc[hi].is_sent_start:
        hi += 1
    if sum(e.label_ == "PERSON" for e in chains.ents_in(lo, hi)) != 1:
        return None
    genders = {_GENDERED[t.lower_] for t in doc[lo:hi] if t.lower_ in _GENDERED}
    if len(genders) > 1:  # "she asked Ensheng Dong, a student she advises, if he …"
        return None
    for tok in doc[ent.end : hi]:
        if tok.lower_ in _GENDERED:
            return _GENDERED[tok.lower_]
    return None


_FEMALE_SURNAMES = ("ova", "eva", "yova", "skaya", "tskaya", "kaya")


def _name_gender(name: str) -> str | None:
    """The gender of a full name's given name, when the list knows it ("Hillary Clinton")."""
    words = name.split()
    return first_name_genders().get(words[0].lower()) if len(words) > 1 else None


def _surname_gender(surname: str) -> str | None:
    """Russian surnames in -ova, -eva, -skaya are women's (Zakharova, Matviyenko is not)."""
    return "female" if len(surname) > 5 and surname.endswith(_FEMALE_SURNAMES) else None


def _compatible(a: str, b: str) -> bool:
    """Whether two multi-word forms may name one person: one ends with the other ("Donald
    Trump" in "Rip Donald Trump", a headline) or their first names agree ("Donald J.
    Trump"; "G.K. Butterfield" and "George Butterfield" by the initial). "Melania Trump"
    and "Donald Trump" are two people, and so are "Donald Trump Jr." and "Donald Trump" (a
    generational suffix that differs: father and son)."""
    wa, wb = a.lower().split(), b.lower().split()
    if _suffix(wa) != _suffix(wb):  # "Brent Bozell III" is not "Brent Bozell Jr." either
        return False
    short, long_ = sorted((wa, wb), key=len)
    if long_[-len(short) :] == short:
        return True
    fa, fb = wa[0].rstrip("."), wb[0].rstrip(".")
    return fa == fb or (min(len(fa), len(fb)) == 1 and fa[0] == fb[0])


def _known(chains: Chains, name: str, at: int | None = None) -> Person | None:
    """The chain a name belongs to: by surname, or "Hillary" for "Hillary Clinton".

    A full name joins the person of that surname whose forms it fits (see
    :func:`_compatible`); a surname alone goes to the one of several same-surname people
    named in full just before ``at``, else to the one the article named first."""
    words = name.split()
    last = _surname(words)
    found = chains.by_surname.get(last, [])
    if len(words) > 1:
        return next(
            (p for p in found if not p.forms or any(_compatible(name, f) for f in p.forms)), None
        )
    if found:
        plain = [p for p in found if _suffix(p.name.split()) is None]
        if plain and len(plain) < len(found):
            found = plain  # "Trump" is the father, not Donald Trump Jr.
        if len(found) == 1 or at is None or len({_unsuffixed(p.name) for p in found}) == 1:
            # one, or namesakes told apart by a suffix only ("Brent Bozell III" and his
            # father "Brent Bozell, Jr."): the one the article named first
            return found[0]
        # one named in full just before wins; otherwise the one the article named first
        near = [(f, p) for p in found for f in p.fulls if 0 <= at - f <= _NEAR_CHARS]
        return max(near, key=lambda n: n[0])[1] if near else found[0]
    first = next((p for p in chains.people if _key(p.name.split()[0]) == last), None)
    return first if first is not None else _misspelt(chains, last)


def _misspelt(chains: Chains, word: str) -> Person | None:
    """The one person named in full whose surname a lone word misspells by one letter
    ("Bryne" for Byrne, "Sweeny" for Sweeney, "Session" for Sessions); None when none or
    several do."""
    if len(word) < 5:
        return None
    fits = [
        p
        for key, people in chains.by_surname.items()
        if key[0] == word[0] and _one_edit(key, word)
        for p in people
        if p.fulls
    ]
    return fits[0] if len(fits) == 1 else None


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted, changed or swapped letter."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        return len(diff) == 1 or (swapped and a[diff[1]] == b[diff[0]])
    short, long_ = sorted((a, b), key=len)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1 :]


def _key(word: str) -> str:
    """A name word as chains compare it: lower case, one kind of apostrophe (O’Neill)."""
    return word.lower().replace("’", "'")


_SUFFIXES = frozenset(["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"])


def _suffix(words: list[str]) -> str | None:
    """A name's generational suffix ("jr", "iii"), lower case without its dot, or None."""
    last = words[-1].lower().rstrip(",.") if words else ""
    return last if last in _SUFFIXES else None


def _unsuffixed(name: str) -> str:
    """A name without its generational suffix, lower case: "brent bozell"."""
    words = name.lower().replace(",", " ").split()
    return " ".join(words[:-1] if _suffix(words) else words)


def _surname(words: list[str]) -> str:
    """The surname of a name's words, as chains key it: 'Morris J. Brooks Jr.' → 'brooks'."""
    keys = [_key(w.rstrip(",")) for w in words]
    while len(keys) > 1 and keys[-1] in _SUFFIXES:
        keys.pop()
    return keys[-1]


def build_chains(doc: Doc, author: str | None = None) -> Chains:
    """The article's chains of people; ``author``, its byline, names the writer."""
    sentences = [sent.start_char for sent in doc.sents] if doc.has_annotation("SENT_START") else [0]
    chains = Chains(ents=list(doc.ents), sentences=sentences, writer=byline_person(author))
    text = doc.text  # Doc.text joins the tokens on every call
    for ent in doc.ents:
        name = _clean(ent.text)
        if ent.label_ != "PERSON" or not name:
            continue
        surname = _surname(name.split())
        person = _known(chains, name, ent.start_char)
        if person is None:
            person = chains.new_person(name, surname, ent.start_char)
        elif len(name) > len(person.name) and person.surname == surname:
            person.name = name
        if len(name.split()) > 1:
            person.fulls.append(ent.start_char)
            if name not in person.forms:
                person.forms.append(name)
        person.last = ent.start_char
        # an honorific or a given name the list knows beats a pronoun after the name,
        # which may stand for someone else
        sure = _honorific_gender(ent) or _name_gender(name)
        if sure is not None and person.gender_weak:
            person.gender, person.gender_weak = sure, False
        if person.gender is None:
            person.gender = sure or _surname_gender(surname)
        if person.gender is None:
            person.gender = _gender_of(ent, chains)
            person.gender_weak = person.gender is not None
        person.roles |= _roles_from_words(_title_words(ent))
        for child in ent.root.children:  # appositive: "Putin, the Russian president,"
            if child.dep_ == "appos" and child.pos_ == "NOUN":
                words = [t.lower_ for t in child.subtree if not t.is_punct and t.dep_ != "det"]
                cut = words.index(child.lower_) + 1 if child.lower_ in words[:6] else 6
                person.roles |= _roles_from_words(words[:cut])
        chains.add(ent.start_char, person)
        subject = ent.root
        if (
            subject.dep_ == "appos"
            and subject.head.i < subject.i
            and subject.head.tag_ == "NN"  # a role noun, not "All of the campaigns – Trump, …"
        ):
            subject = subject.head  # "Trump's running mate — Mike Pence — has …"
        if subject.dep_ in ("nsubj", "nsubjpass") and _finite(subject.head):
            chains.subjects.add(ent.start_char)
            if main_subject(subject):
                chains.main_subjects.add(ent.start_char)
        if _inside_marks(text, ent.start_char):
            chains.quoted.add(ent.start_char)
    _chain_labels(text, chains)
    _chain_pronouns(doc, text, chains)
    return chains


_LABEL = re.compile(r"^[A-Z]+(?: [A-Z]+){0,3}(?=:)", re.MULTILINE)


_FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP", "MD"])


def _finite(verb: Token) -> bool:
    """Whether a subject's head makes a clause of its own: a finite verb, one with an
    auxiliary, or the sentence's root; not the bare predicate of a small clause ("to hold
    Snyder accountable", "make him pay")."""
    return (
        verb.dep_ == "ROOT"
        or not verb.tag_  # untagged: assume a clause
        or verb.tag_ in _FINITE_TAGS
        or any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def main_subject(tok: Token) -> bool:
    """Whether ``tok`` is the subject of its sentence's main verb."""
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT"


def _chain_labels(text: str, chains: Chains) -> None:
    """A transcript's speaker labels, capitals and a colon at the start of a paragraph
    ("JAKE TAPPER: …", then "TAPPER: …"), name people the model rarely tags: a full name
    joins or starts a chain; a lone surname is a mention of the person it names."""
    for m in _LABEL.finditer(text):
        name = " ".join(w.title() for w in m.group().split())
        person = _known(chains, name, m.start())
        if person is None and " " in name:
            person = chains.new_person(name, _surname(name.split()), m.start())
            person.forms.append(name)
        if person is not None:
            chains.add(m.start(), person)


def _chain_pronouns(doc: Doc, text: str, chains: Chains) -> None:
    """he/him/his and she/her outside quote marks join the chain of the person they
    stand for, in text order, so a later pronoun sees who the text was about ("When
    pressed by Holt about how he would bring jobs back, his best response": Trump, the
    subject of the sentence before, not Holt). Pronouns inside quote marks are the
    quoted speaker's and left alone."""
    hashes = [doc.vocab.strings.add(w) for w in _GENDERED]
    lower = doc.to_array(LOWER)
    pronouns = np.flatnonzero(np.isin(lower, hashes))
    roles = {r for p in chains.people for r in p.roles if " " not in r}
    nouns = np.flatnonzero(np.isin(lower, [doc.vocab.strings.add(r) for r in roles]))
    for i in sorted(chain(pronouns.tolist(), nouns.tolist())):
        tok = doc[int(i)]
        if _inside_marks(text, tok.idx):
            continue
        if tok.lower_ in _GENDERED:
            others = _objects_of(chains, tok)
            person = _pronoun_person(chains, tok.idx, tok.lower_, None, others=others)
        else:
            person = _described(chains, tok)
        if person is None:
            continue
        chains.add(tok.idx, person)
        if tok.dep_ in ("nsubj", "nsubjpass") or (
            tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass")
        ):
            chains.subjects.add(tok.idx)


def _described(chains: Chains, tok: Token) -> Person | None:
    """ "the current GOP nominee's support" after "presumptive nominee Donald Trump": the
    one person named before whom the article titled with this noun, when the noun opens
    with "the" and heads no name."""
    if tok.ent_type_ == "PERSON" or tok.pos_ != "NOUN":
        return None
    det = tok.doc[tok.left_edge.i]
    if det.lower_ != "the" or any(c.ent_type_ == "PERSON" for c in tok.subtree):
        return None
    fits = [p for p in chains.people if p.first < tok.idx and tok.lower_ in p.roles]
    return fits[0] if len(fits) == 1 else None


_CLAUSE_ENDS = DOUBLE_QUOTE_TOKENS | {",", ";", ":", "—", "–"}


def _objects_of(chains: Chains, tok: Token) -> frozenset[str]:
    """The people a subject pronoun's own clause names after it, up to a comma or a quote
    mark: "he told Hannity", "she thanked Clinton", "he said Mr. Trump could win" (the
    pronoun is none of them)."""
    if tok.dep_ != "nsubj":
        return frozenset()
    doc = tok.doc
    hi = tok.i + 1
    while hi <= tok.head.right_edge.i and doc[hi].text not in _CLAUSE_ENDS:
        hi += 1
    names = set()
    for ent in chains.ents:
        if not (tok.i < ent.start and ent.end <= hi and ent.label_ == "PERSON"):
            continue
        # not a possessive: "he told advisers, according to Mr. Netanyahu's adviser"
        if _clean(ent.text) and ent.root.dep_ != "poss" and doc[ent.end - 1].tag_ != "POS":
            person = _known(chains, _clean(ent.text), ent.start_char)
            if person is not None:
                names.add(person.name)
    return frozenset(names)


_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][A-Za-z’'.-]*$")
_SEVERAL = re.compile(r"\band\b|&|[,;/|]", re.IGNORECASE)


def byline_person(author: str | None) -> str | None:
    """The one person a byline names, as the article would write the name: "By RON
    LIEBER" → "Ron Lieber"; "Susan Page" → itself. None for several writers ("Jane Doe
    and John Roe"), a desk or an agency ("AFP", "Breitbart News"), or no byline."""
    if not author:
        return None
    name = _BY.sub("", author).strip()
    if _SEVERAL.search(name):
        return None
    words = name.split()
    if not 2 <= len(words) <= 4:
        return None
    if name.isupper():
        words = [w.title() if len(w.rstrip(".")) > 1 else w for w in words]
    if not all(_NAME_WORD.match(w) for w in words):
        return None
    if words[-1].lower() in _DESKS:
        return None
    return " ".join(words)


_DESKS = frozenset(["news", "press", "staff", "desk", "wire", "reports", "editors", "board"])


def _offset(mention: tuple[int, Person]) -> int:
    return mention[0]


def _candidates(
    chains: Chains, offset: int, recent: tuple[int, str] | None, narrated: bool = False
) -> Iterator[Person]:
    """People a pronoun at ``offset`` may stand for, most likely first: everyone named
    before, most recent mention first, where the last quote's speaker counts as named
    ``_SPEAKER_BONUS`` characters after the attribution (a pronoun in the next sentence or
    two goes to the speaker; further on, to whoever was named since). Lazy: a pronoun
    rarely looks past the first few."""
    seen: set[int] = set()
    speaker: Person | None = None
    rank = -1
    if recent is not None:
        at, name = recent
        known = [p for p in chains.people if p.name == name]
        # a speaker named by a role or an organisation only: keep it, gender unknown
        speaker = known[0] if known else Person(name=name, surname="", first=at, last=at)
        rank = at + _SPEAKER_BONUS
        lo, hi = (
            bisect_right(chains.mentions, at, key=_offset),
            bisect_left(chains.mentions, offset, key=_offset),
        )
        if any(
            p is not speaker and s in chains.main_subjects and s not in chains.quoted
            for s, p in chains.mentions[lo:hi]
        ):
            # someone else became the story's subject since the speaker's attribution
            # ("… Mr. Kasich forcefully differed. '…,' he said"): no bonus
            rank = at
    for i in range(bisect_left(chains.mentions, offset, key=_offset) - 1, -1, -1):
        start, person = chains.mentions[i]
        if narrated and start in chains.quoted:
            continue
        if speaker is not None and rank > start:
            if id(speaker) not in seen:
                seen.add(id(speaker))
                yield speaker
            speaker = None
        if id(person) not in seen:
            seen.add(id(person))
            yield person
    if speaker is not None and id(speaker) not in seen:
        yield speaker


def _pronoun_person(
    chains: Chains,
    at: int,
    word: str,
    recent: tuple[int, str] | None,
    narrated: bool = False,
    others: frozenset[str] = frozenset(),
) -> Person | None:
    """he/she/I/we/they → a person. Unknown gender counts as a fit for "he" (the common
    case in news) but a known woman beats it for "she", unless the person of unknown
    gender is the speaker just quoted ('"…," she said' after Aparna Mathur spoke); a known
    mismatch never fits. ``others``: names the pronoun cannot be ("he told Hannity": not
    Hannity)."""
    if word in _PLURAL:  # a group: the last person named, not the last speaker
        recent = None
    want = _GENDERED.get(word)
    cands = (p for p in _candidates(chains, at, recent, narrated) if p.name not in others)
    first = next(cands, None)
    if first is None or (want is None and word != "one"):  # i, we, they
        return first

    def fit(p: Person) -> int:
        if want is None:  # "one": any person, as a role noun of no gender
            return 2
        if p.gender is None:
            speaking = recent is not None and p is first and p.name == recent[1]
            return 2 if want == "male" or speaking else 1
        return 2 if p.gender == want else 0

    # of the two most likely that fit, a better fit wins; otherwise the more recent one,
    # unless it was no subject in this sentence or the one before and one of the next
    # three, fitting as well, was ("Trump attacked Biden on Monday. He said ...": Trump;
    # "He met Bush and Paul. He said ...": the first "He")
    fitting = list(islice((p for p in chain([first], cands) if fit(p)), 4))
    top = fitting[:2]
    if top and not chains.subject_near(top[0], at):
        best = fit(top[0]) if len(top) < 2 else max(fit(top[0]), fit(top[1]))
        subject = next(
            (p for p in fitting[1:4] if fit(p) == best and chains.subject_near(p, at)), None
        )
        if subject is not None:
            return subject
    return max(top, key=fit, default=None)


def _inside_marks(text: str, offset: int) -> bool:
    """Whether ``offset`` lies inside double quote marks opened in its paragraph (also
    two apostrophes, as The New York Times's archive writes them: "''I think so,'' he
    said")."""
    inside = False
    para = text[text.rfind("\n", 0, offset) + 1 : offset]
    for ch in para.replace("''", '"'):
        if ch in DOUBLE_QUOTES:  # curly marks open or close, straight ones toggle
            inside = ch in OPEN_QUOTES or (ch not in CLOSE_QUOTES and not inside)
    return inside


_SOFT_RANKS = frozenset(["acting", "new", "outgoing", "incoming", "interim"])


def _soft(phrase: str) -> str:
    """A role phrase without the words that do not change who holds it ("new", "acting")."""
    return " ".join(w for w in phrase.split() if w not in _SOFT_RANKS)

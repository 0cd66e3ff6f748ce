"""Speaker resolution: names, surnames, role nouns, pronouns, organisations.

The first half builds spaCy Docs by hand (words, parse and entities given), so it
needs no model and runs fast; the second half runs the whole pipeline on short
articles (``slow``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from saywho.model import Span
from saywho.pipeline.chains import (
    Chains,
    _clean,
    _inside_marks,
    _one_edit,
    _roles_from_words,
    build_chains,
    byline_person,
)
from saywho.pipeline.pipeline import Pipeline
from saywho.pipeline.speakers import Resolution, resolve

from .helpers import Analyze, Expect, check, describe, mention, quotes_with

# -- hand-built documents ----------------------------------------------------------------

_NO_SPACE_BEFORE = {".", ",", ":", "'s", "’s", ")", "”"}
_NO_SPACE_AFTER = {"(", "“"}


@cache
def english_vocab() -> Vocab:
    """A blank English vocabulary (lower-casing, punctuation flags; no model)."""
    import spacy

    return spacy.blank("en").vocab


def make_doc(spec: str) -> Doc:
    """A Doc from ``word/POS/dep/head/ENT`` items (``head``: absolute token index, or
    ``.`` for the token itself; ``ENT`` an IOB tag such as ``B-PERSON``, or ``O``).
    A ``-`` is a hyphen inside a word; write a dash between words as ``—``."""
    items = [item.rsplit("/", 4) for item in spec.split()]
    words = [w for w, *_ in items]
    glued_before, glued_after = _NO_SPACE_BEFORE | {"-"}, _NO_SPACE_AFTER | {"-"}
    spaces = [
        i + 1 < len(words) and words[i + 1] not in glued_before and w not in glued_after
        for i, w in enumerate(words)
    ]
    return Doc(
        english_vocab(),
        words=words,
        spaces=spaces,
        pos=[p for _, p, _, _, _ in items],
        deps=[d for _, _, d, _, _ in items],
        heads=[i if h == "." else int(h) for i, (_, _, _, h, _) in enumerate(items)],
        ents=[e for *_, e in items],
    )


# "Russian President Vladimir Putin said. The Russian president added."
PUTIN = (
    "Russian/ADJ/amod/1/B-NORP President/PROPN/compound/3/O Vladimir/PROPN/compound/3/B-PERSON "
    "Putin/PROPN/nsubj/4/I-PERSON said/VERB/ROOT/./O ./PUNCT/punct/4/O "
    "The/DET/det/8/O Russian/ADJ/amod/8/B-NORP president/NOUN/nsubj/9/O added/VERB/ROOT/./O "
    "./PUNCT/punct/9/O"
)


def span_of(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Character offsets of tokens ``[start, end)``."""
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def resolve_tokens(
    doc: Doc,
    start: int,
    end: int,
    recent: tuple[int, str] | None = None,
    chains: Chains | None = None,
) -> Resolution:
    return resolve(doc, chains or build_chains(doc), *span_of(doc, start, end), recent)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Vladimir Putin", "Vladimir Putin"),
        (" Putin, ", "Putin"),
        ("Mr. Putin's", "Putin"),
        ("Ms. Baerbock’s", "Baerbock"),
        ("Sen. Lindsey Graham", "Lindsey Graham"),
        ("—", ""),
    ],
)
def test_clean(raw: str, clean: str) -> None:
    assert _clean(raw) == clean


@pytest.mark.parametrize(
    ("words", "roles"),
    [
        (["president"], {"president"}),
        (["russian", "president"], {"president", "russian president"}),
        (["nato", "chief"], {"chief", "nato chief"}),
        (
            ["u.s.", "secretary", "of", "state"],
            {"secretary", "u.s. secretary", "secretary of state", "u.s. secretary of state"},
        ),
        (["vice", "president"], {"vice president"}),
        (["former", "prime", "minister"], {"former prime minister"}),
        (["", " ", "president"], {"president"}),
        ([], set()),
    ],
)
def test_roles_from_words(words: list[str], roles: set[str]) -> None:
    assert _roles_from_words(words) == roles


@pytest.mark.parametrize(
    ("text", "offset", "inside"),
    [
        ("“I will go,” he said", 1, True),
        ("“I will go,” I said", 13, False),
        ('"I will go," I said', 13, False),
        ('He said: "I', 10, True),
        ("“Yes.”\n\nI said", 8, False),
        ("I said", 0, False),
        ("''I will go,'' he said", 2, True),  # The New York Times's archive style
        ("''I will go,'' I said", 15, False),
        ("the Joneses' house. I", 20, False),  # one apostrophe is no quote mark
    ],
)
def test_inside_marks(text: str, offset: int, inside: bool) -> None:
    assert text[offset] == "I"
    assert _inside_marks(text, offset) is inside


def test_chain_takes_the_full_name_and_title_roles() -> None:
    doc = make_doc(PUTIN)
    chains = build_chains(doc)
    assert [p.name for p in chains.people] == ["Vladimir Putin"]
    assert {"president", "russian president"} <= chains.people[0].roles


@pytest.mark.parametrize(
    ("tokens", "name", "how"),
    [
        ((2, 4), "Vladimir Putin", "name"),
        ((0, 4), "Vladimir Putin", "name"),  # the title in the mention is no organisation
        ((6, 9), "Vladimir Putin", "role"),  # "The Russian president": NORP inside, no org
        ((8, 9), "Vladimir Putin", "role"),  # "president"
    ],
)
def test_resolve_title_and_role(tokens: tuple[int, int], name: str, how: str) -> None:
    doc = make_doc(PUTIN)
    assert resolve_tokens(doc, *tokens) == Resolution(name, how)


def test_surname_and_first_name_join_the_chain() -> None:
    # "Hillary Clinton spoke. Clinton said. Hillary added."
    doc = make_doc(
        "Hillary/PROPN/compound/1/B-PERSON Clinton/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
        "./PUNCT/punct/2/O Clinton/PROPN/nsubj/5/B-PERSON said/VERB/ROOT/./O ./PUNCT/punct/5/O "
        "Hillary/PROPN/nsubj/8/B-PERSON added/VERB/ROOT/./O ./PUNCT/punct/8/O"
    )
    chains = build_chains(doc)
    assert [p.name for p in chains.people] == ["Hillary Clinton"]
    assert len(chains.mentions) == 3
    assert resolve_tokens(doc, 4, 5).name == "Hillary Clinton"
    assert resolve_tokens(doc, 7, 8).name == "Hillary Clinton"


@pytest.mark.parametrize(
    ("spec", "tokens", "expected"),
    [
        # "Ukraine's allies said." — the country only owns the head noun
        (
            "Ukraine/PROPN/poss/2/B-GPE 's/PART/case/0/O allies/NOUN/nsubj/3/O said/VERB/ROOT/./O "
            "./PUNCT/punct/3/O",
            (0, 3),
            Resolution("Ukraine's allies", "literal"),
        ),
        # "The Kremlin said."
        (
            "The/DET/det/1/O Kremlin/PROPN/nsubj/2/B-ORG said/VERB/ROOT/./O ./PUNCT/punct/2/O",
            (0, 2),
            Resolution("Kremlin", "org"),
        ),
        # "KYIV (AP) - Ukraine's allies said." — the dateline is not the speaker
        (
            "KYIV/PROPN/nsubj/8/B-GPE (/PUNCT/punct/2/O AP/PROPN/appos/0/B-ORG )/PUNCT/punct/2/O "
            "—/PUNCT/punct/0/O Ukraine/PROPN/poss/7/B-GPE 's/PART/case/5/O allies/NOUN/appos/0/O "
            "said/VERB/ROOT/./O ./PUNCT/punct/8/O",
            (0, 8),
            Resolution("Ukraine's allies", "literal"),
        ),
    ],
    ids=["possessor", "organisation", "dateline"],
)
def test_organisations_head_the_mention(
    spec: str, tokens: tuple[int, int], expected: Resolution
) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, *tokens) == expected


# "Russian President Vladimir Putin met President Volodymyr Zelensky. The Ukrainian
# president said." (the mention is swapped in below)
TWO_PRESIDENTS = (
    "Russian/ADJ/amod/1/B-NORP President/PROPN/compound/3/O Vladimir/PROPN/compound/3/B-PERSON "
    "Putin/PROPN/nsubj/4/I-PERSON met/VERB/ROOT/./O President/PROPN/compound/7/O "
    "Volodymyr/PROPN/compound/7/B-PERSON Zelensky/PROPN/dobj/4/I-PERSON ./PUNCT/punct/4/O "
    "The/DET/det/11/O {adj} president/NOUN/nsubj/12/O said/VERB/ROOT/./O ./PUNCT/punct/12/O"
)


@pytest.mark.parametrize(
    ("adj", "name"),
    [
        ("Ukrainian/ADJ/amod/11/B-NORP", "Volodymyr Zelensky"),  # not the Russian president
        ("Russian/ADJ/amod/11/B-NORP", "Vladimir Putin"),  # the whole title
        ("new/ADJ/amod/11/O", "Volodymyr Zelensky"),  # the head noun: the most recent
    ],
)
def test_role_noun_with_a_nationality(adj: str, name: str) -> None:
    doc = make_doc(TWO_PRESIDENTS.format(adj=adj))
    assert resolve_tokens(doc, 9, 12) == Resolution(name, "role")


# "NATO Secretary-General Jens Stoltenberg said. The NATO chief added."
STOLTENBERG = (
    "NATO/PROPN/compound/3/B-ORG Secretary/PROPN/compound/3/O -/PUNCT/punct/3/O "
    "General/PROPN/compound/5/O Jens/PROPN/compound/5/B-PERSON Stoltenberg/PROPN/nsubj/6/I-PERSON "
    "said/VERB/ROOT/./O ./PUNCT/punct/6/O The/DET/det/10/O NATO/PROPN/compound/10/B-ORG "
    "chief/NOUN/nsubj/11/O added/VERB/ROOT/./O ./PUNCT/punct/11/O"
)


def test_hyphenated_title_and_a_shared_name() -> None:
    doc = make_doc(STOLTENBERG)
    assert doc.text.startswith("NATO Secretary-General Jens Stoltenberg said.")
    chains = build_chains(doc)
    assert chains.people[0].roles == {"secretary-general", "nato secretary-general"}
    # "the NATO chief": no title says "chief", but only Stoltenberg's names NATO
    assert resolve_tokens(doc, 8, 11, chains=chains) == Resolution("Jens Stoltenberg", "role")


# "Hillary Clinton spoke. Clinton smiled. The campaign said."
CAMPAIGN = (
    "Hillary/PROPN/compound/1/B-PERSON Clinton/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
    "./PUNCT/punct/2/O Clinton/PROPN/nsubj/5/B-PERSON smiled/VERB/ROOT/./O ./PUNCT/punct/5/O "
    "The/DET/det/8/O campaign/NOUN/nsubj/9/O said/VERB/ROOT/./O ./PUNCT/punct/9/O"
)


def test_the_campaign_no_one_owns_is_that_of_the_person_the_story_is_about() -> None:
    doc = make_doc(CAMPAIGN)
    assert resolve_tokens(doc, 7, 9) == Resolution("Clinton campaign", "literal")
    # a team no one owns is no campaign (a research team)
    doc = make_doc(CAMPAIGN.replace("campaign/NOUN", "team/NOUN"))
    assert resolve_tokens(doc, 7, 9) == Resolution("The team", "literal")


# "Podesta said her plan works. John Podesta left."
PODESTA = (
    "Podesta/PROPN/nsubj/1/B-PERSON said/VERB/ROOT/./O her/PRON/poss/3/O plan/NOUN/nsubj/4/O "
    "works/VERB/ccomp/1/O ./PUNCT/punct/1/O John/PROPN/compound/7/B-PERSON "
    "Podesta/PROPN/nsubj/8/I-PERSON left/VERB/ROOT/./O ./PUNCT/punct/8/O"
)


def test_a_known_given_name_beats_a_pronoun_after_the_name_for_gender() -> None:
    # "her" after "Podesta" made him a woman until the article gave his first name
    doc = make_doc(PODESTA)
    assert build_chains(doc[:6].as_doc()).people[0].gender == "female"
    assert build_chains(doc).people[0].gender == "male"


# "Sanders tried to hold Snyder accountable. He said."
SMALL_CLAUSE = (
    "Sanders/PROPN/nsubj/1/B-PERSON tried/VERB/ROOT/./O to/PART/aux/3/O hold/VERB/xcomp/1/O "
    "Snyder/PROPN/nsubj/5/B-PERSON accountable/VERB/ccomp/3/O ./PUNCT/punct/1/O "
    "He/PRON/nsubj/8/O said/VERB/ROOT/./O ./PUNCT/punct/8/O"
)


def test_the_subject_of_a_small_clause_is_no_clause_subject() -> None:
    doc = make_doc(SMALL_CLAUSE)
    doc[5].tag_ = "VB"  # a bare verb with no auxiliary: "hold Snyder accountable"
    assert resolve_tokens(doc, 7, 8) == Resolution("Sanders", "pronoun")
    doc[5].tag_ = "VBD"  # a clause of its own: Snyder is its subject, and the most recent
    assert resolve_tokens(doc, 7, 8) == Resolution("Snyder", "pronoun")


# "For the administration, it is a question."
ADMINISTRATION = (
    "For/ADP/prep/4/O the/DET/det/2/O administration/NOUN/pobj/0/O ,/PUNCT/punct/4/O "
    "it/PRON/nsubj/4/O is/AUX/ROOT/./O ./PUNCT/punct/4/O"
)


def test_the_administration_no_one_owns_is_the_presidents_on_the_date() -> None:
    from saywho.pipeline.linking import Link

    doc = make_doc(ADMINISTRATION)
    obama = Link("Q76", "Barack Obama", "PERSON", True, 1.0)

    def office(words: list[str]) -> Link | None:
        return obama if words == ["us", "president"] else None

    got = resolve(doc, build_chains(doc), *span_of(doc, 1, 3), None, office)
    assert got == Resolution("Obama administration", "literal")
    assert resolve(doc, build_chains(doc), *span_of(doc, 1, 3), None) == Resolution(
        "the administration", "literal"
    )


# "Donald Trump spoke. Donald Trump Jr. said. Trump smiled."
FATHER_AND_SON = (
    "Donald/PROPN/compound/1/B-PERSON Trump/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
    "./PUNCT/punct/2/O Donald/PROPN/compound/5/B-PERSON Trump/PROPN/compound/6/I-PERSON "
    "Jr./PROPN/nsubj/7/I-PERSON said/VERB/ROOT/./O ./PUNCT/punct/7/O "
    "Trump/PROPN/nsubj/10/B-PERSON smiled/VERB/ROOT/./O ./PUNCT/punct/10/O"
)


def test_a_generational_suffix_tells_father_and_son_apart() -> None:
    doc = make_doc(FATHER_AND_SON)
    chains = build_chains(doc)
    assert [p.name for p in chains.people] == ["Donald Trump", "Donald Trump Jr."]
    # the bare surname is the one without the suffix, though the son was named just before
    assert resolve_tokens(doc, 9, 10, chains=chains) == Resolution("Donald Trump", "surname")


# "Trump's running mate — Mike Pence — has backed Ryan. He agrees."
APPOSED_SUBJECT = (
    "Trump/PROPN/poss/3/B-PERSON 's/PART/case/0/O running/NOUN/compound/3/O "
    "mate/NOUN/nsubj/9/O —/PUNCT/punct/3/O Mike/PROPN/compound/6/B-PERSON "
    "Pence/PROPN/appos/3/I-PERSON —/PUNCT/punct/3/O has/AUX/aux/9/O backed/VERB/ROOT/./O "
    "Ryan/PROPN/dobj/9/B-PERSON ./PUNCT/punct/9/O He/PRON/nsubj/13/O agrees/VERB/ROOT/./O "
    "./PUNCT/punct/13/O"
)


def test_a_person_in_apposition_to_the_subject_is_the_subject() -> None:
    doc = make_doc(APPOSED_SUBJECT)
    doc[3].tag_ = "NN"
    assert resolve_tokens(doc, 12, 13) == Resolution("Mike Pence", "pronoun")


# "Another holdout — the United Mine Workers — is unlikely."
APPOSED_ORG = (
    "Another/DET/det/1/O holdout/NOUN/nsubj/7/O —/PUNCT/punct/1/O the/DET/det/5/O "
    "United/PROPN/compound/5/B-ORG Workers/PROPN/appos/1/I-ORG —/PUNCT/punct/7/O "
    "is/AUX/ROOT/./O unlikely/ADJ/acomp/7/O ./PUNCT/punct/7/O"
)


def test_an_organisation_beside_the_noun_is_the_speaker() -> None:
    doc = make_doc(APPOSED_ORG)
    assert resolve_tokens(doc, 0, 6) == Resolution("United Workers", "org")
    # not beside a person noun: "the minister, Shafqat Mahmood" tagged ORG is no body
    doc = make_doc(APPOSED_ORG.replace("holdout", "minister"))
    assert resolve_tokens(doc, 0, 6).how != "org"
    # nor without a dash or a comma ("shoppers for the service Instacart" misparsed)
    doc = make_doc(APPOSED_ORG.replace("—/PUNCT/punct/1/O", "of/ADP/prep/1/O"))
    assert resolve_tokens(doc, 0, 6).how != "org"


# "Ferguson is in Michigan. Police met in Flint. The state admitted it. The town said."
PLACES = (
    "Ferguson/PROPN/nsubj/1/B-PERSON is/AUX/ROOT/./O in/ADP/prep/1/O Michigan/PROPN/pobj/2/B-GPE "
    "./PUNCT/punct/1/O Ferguson/PROPN/nsubj/6/B-GPE met/VERB/ROOT/./O in/ADP/prep/6/O "
    "Flint/PROPN/pobj/7/B-GPE ./PUNCT/punct/6/O The/DET/det/11/O state/NOUN/nsubj/12/O "
    "admitted/VERB/ROOT/./O it/PRON/dobj/12/O ./PUNCT/punct/12/O The/DET/det/16/O "
    "town/NOUN/nsubj/17/O said/VERB/ROOT/./O ./PUNCT/punct/17/O"
)


def test_the_state_is_the_us_state_named_most() -> None:
    doc = make_doc(PLACES)
    # a state for "the state", though Flint was named last; "the town" is left as written
    # (the place an article names most is as often its country)
    assert resolve_tokens(doc, 10, 12) == Resolution("Michigan", "org")
    assert resolve_tokens(doc, 15, 17) == Resolution("The town", "literal")


# "She asked Dong, a student she advises, if he slept."
MIXED_PRONOUNS = (
    "She/PRON/nsubj/1/O asked/VERB/ROOT/./O Dong/PROPN/dobj/1/B-PERSON ,/PUNCT/punct/2/O "
    "a/DET/det/5/O student/NOUN/appos/2/O she/PRON/nsubj/7/O advises/VERB/relcl/5/O "
    ",/PUNCT/punct/2/O if/SCONJ/mark/11/O he/PRON/nsubj/11/O slept/VERB/advcl/1/O "
    "./PUNCT/punct/1/O"
)


def test_a_sentence_whose_pronouns_disagree_gives_no_gender() -> None:
    assert build_chains(make_doc(MIXED_PRONOUNS)).people[0].gender is None


# "Republican donor Sheldon Adelson said. The mega donor added." ("mega" tagged PROPN)
ADELSON = (
    "Republican/ADJ/amod/1/B-NORP donor/NOUN/compound/3/O Sheldon/PROPN/compound/3/B-PERSON "
    "Adelson/PROPN/nsubj/4/I-PERSON said/VERB/ROOT/./O ./PUNCT/punct/4/O "
    "The/DET/det/8/O mega/PROPN/compound/8/O donor/NOUN/nsubj/9/O added/VERB/ROOT/./O "
    "./PUNCT/punct/9/O"
)

# "Bernie Sanders spoke. The Sanders camp said." (the second "Sanders" tagged ORG)
SANDERS_CAMP = (
    "Bernie/PROPN/compound/1/B-PERSON Sanders/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
    "./PUNCT/punct/2/O The/DET/det/6/O Sanders/PROPN/compound/6/B-ORG camp/NOUN/nsubj/7/O "
    "said/VERB/ROOT/./O ./PUNCT/punct/7/O"
)

# "Mark Cuban spoke. A self-professed independent, Cuban said."
FRONTED = (
    "Mark/PROPN/compound/1/B-PERSON Cuban/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
    "./PUNCT/punct/2/O A/DET/det/8/O self/NOUN/npadvmod/7/O -/PUNCT/punct/7/O "
    "professed/VERB/amod/8/O independent/ADJ/advcl/11/O ,/PUNCT/punct/11/O "
    "Cuban/PROPN/nsubj/11/B-NORP said/VERB/ROOT/./O ./PUNCT/punct/11/O"
)

# "Bernie Sanders, I-Vt., a self-described socialist, spoke."
APPOSED_WORD = (
    "Bernie/PROPN/compound/1/B-PERSON Sanders/PROPN/nsubj/12/I-PERSON ,/PUNCT/punct/1/O "
    "I/PROPN/appos/1/O -/PUNCT/punct/3/O Vt./PROPN/appos/3/O ,/PUNCT/punct/5/O a/DET/det/11/O "
    "self/NOUN/npadvmod/10/O -/PUNCT/punct/10/O described/VERB/amod/11/O "
    "socialist/NOUN/appos/5/O spoke/VERB/ROOT/./O ./PUNCT/punct/12/O"
)

# "Brent Bozell III spoke. Brent Bozell Jr. said. Bozell smiled."
NAMESAKES = (
    "Brent/PROPN/compound/2/B-PERSON Bozell/PROPN/compound/2/I-PERSON "
    "III/PROPN/nsubj/3/I-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/3/O "
    "Brent/PROPN/compound/7/B-PERSON Bozell/PROPN/compound/7/I-PERSON "
    "Jr./PROPN/nsubj/8/I-PERSON said/VERB/ROOT/./O ./PUNCT/punct/8/O "
    "Bozell/PROPN/nsubj/11/B-PERSON smiled/VERB/ROOT/./O ./PUNCT/punct/11/O"
)

# "The current Associated Press count shows …"
AP_COUNT = (
    "The/DET/det/4/O current/ADJ/amod/4/O Associated/PROPN/compound/3/B-ORG "
    "Press/PROPN/compound/4/I-ORG count/NOUN/nsubj/5/O shows/VERB/ROOT/./O ./PUNCT/punct/5/O"
)

#: One mention each: (words, start and end token of the mention, its resolution). The
#: comment above each spec gives its text.
ONE_MENTION = {
    # a lower-case word the model took for a name ("mega" as PROPN) does not block a title
    "mega-donor": (ADELSON, 6, 9, Resolution("Sheldon Adelson", "role")),
    # a candidate's camp is the campaign, also when the name is tagged ORG
    "camp-is-campaign": (SANDERS_CAMP, 4, 7, Resolution("Sanders campaign", "literal")),
    # a description opening the sentence is the named subject after its comma
    "fronted-description": (FRONTED, 4, 9, Resolution("Mark Cuban", "role")),
    # a word of an appositive is the person beside it, through a party tag
    "appositive-word": (APPOSED_WORD, 8, 11, Resolution("Bernie Sanders", "name")),
    # namesakes told apart by a suffix only: the surname goes to the one named first
    "suffix-namesakes": (NAMESAKES, 10, 11, Resolution("Brent Bozell III", "surname")),
    # an organisation's count speaks for it
    "organisation-count": (AP_COUNT, 0, 5, Resolution("Associated Press", "org")),
}


@pytest.mark.parametrize("case", sorted(ONE_MENTION))
def test_one_mention_resolves(case: str) -> None:
    spec, start, end, want = ONE_MENTION[case]
    assert resolve_tokens(make_doc(spec), start, end) == want


# "Ms. Baerbock met Sergei Lavrov. He said. She said. I said."
TWO_PEOPLE = (
    "Ms./PROPN/compound/1/O Baerbock/PROPN/nsubj/2/B-PERSON met/VERB/ROOT/./O "
    "Sergei/PROPN/compound/4/B-PERSON Lavrov/PROPN/dobj/2/I-PERSON ./PUNCT/punct/2/O "
    "He/PRON/nsubj/7/O said/VERB/ROOT/./O ./PUNCT/punct/7/O "
    "She/PRON/nsubj/10/O said/VERB/ROOT/./O ./PUNCT/punct/10/O "
    "I/PRON/nsubj/13/O said/VERB/ROOT/./O ./PUNCT/punct/13/O"
)


@pytest.mark.parametrize(
    ("recent", "pronoun", "name"),
    [
        ("Sergei Lavrov", 6, "Sergei Lavrov"),  # he → the recent speaker
        ("Sergei Lavrov", 9, "Baerbock"),  # she → not him: the known woman
        ("Baerbock", 9, "Baerbock"),
        ("Baerbock", 6, "Sergei Lavrov"),  # he → not her
        (None, 6, "Sergei Lavrov"),  # he → the most recent person
        (None, 9, "Baerbock"),
    ],
)
def test_pronoun_gender(recent: str | None, pronoun: int, name: str) -> None:
    doc = make_doc(TWO_PEOPLE)
    chains = build_chains(doc)
    assert {p.name: p.gender for p in chains.people} == {
        "Baerbock": "female",  # from "Ms."
        "Sergei Lavrov": "male",  # from the list of given names
    }
    speaker = (doc[0].idx, recent) if recent else None
    assert resolve_tokens(doc, pronoun, pronoun + 1, speaker, chains) == Resolution(name, "pronoun")


@pytest.mark.parametrize(
    ("recent", "name"), [("Aparna Mathur", "Aparna Mathur"), (None, "Baerbock")]
)
def test_she_after_a_quote_is_its_speaker_of_unknown_gender(recent: str | None, name: str) -> None:
    # "Aparna Mathur spoke of Ms. Baerbock. She said.": a known woman beats a person of
    # unknown gender for "she", but not the speaker just quoted
    doc = make_doc(
        "Aparna/PROPN/compound/1/B-PERSON Mathur/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
        "of/ADP/prep/2/O Ms./PROPN/compound/5/O Baerbock/PROPN/pobj/3/B-PERSON "
        "./PUNCT/punct/2/O She/PRON/nsubj/8/O said/VERB/ROOT/./O ./PUNCT/punct/8/O"
    )
    chains = build_chains(doc)
    assert {p.name: p.gender for p in chains.people}["Aparna Mathur"] is None
    speaker = (doc[0].idx, recent) if recent else None
    assert resolve_tokens(doc, 7, 8, speaker, chains) == Resolution(name, "pronoun")


def test_a_surname_goes_to_the_namesake_named_in_full_just_before_it() -> None:
    # "Donald Trump spoke. Ivanka Trump left. Trump said. Ivanka Trump smiled.": the
    # "Trump" who said is Ivanka, named in full just before, though she is named in full
    # again later (the later mention must not hide the earlier one)
    doc = make_doc(
        "Donald/PROPN/compound/1/B-PERSON Trump/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
        "./PUNCT/punct/2/O Ivanka/PROPN/compound/5/B-PERSON Trump/PROPN/nsubj/6/I-PERSON "
        "left/VERB/ROOT/./O ./PUNCT/punct/6/O Trump/PROPN/nsubj/9/B-PERSON said/VERB/ROOT/./O "
        "./PUNCT/punct/9/O Ivanka/PROPN/compound/12/B-PERSON Trump/PROPN/nsubj/13/I-PERSON "
        "smiled/VERB/ROOT/./O ./PUNCT/punct/13/O"
    )
    assert resolve_tokens(doc, 8, 9) == Resolution("Ivanka Trump", "surname")


def test_a_name_suffix_is_not_the_surname() -> None:
    # "Morris J. Brooks Jr. spoke. Brooks said.": one person, keyed by "Brooks"
    doc = make_doc(
        "Morris/PROPN/compound/3/B-PERSON J./PROPN/compound/3/I-PERSON "
        "Brooks/PROPN/compound/3/I-PERSON Jr./PROPN/nsubj/4/I-PERSON spoke/VERB/ROOT/./O "
        "./PUNCT/punct/4/O Brooks/PROPN/nsubj/7/B-PERSON said/VERB/ROOT/./O ./PUNCT/punct/7/O"
    )
    assert [p.name for p in build_chains(doc).people] == ["Morris J. Brooks Jr."]
    assert resolve_tokens(doc, 6, 7) == Resolution("Morris J. Brooks Jr.", "surname")


# "Corker spoke. Obama, unlike Corker, kept his promise."
BOUND_POSSESSIVE = (
    "Corker/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
    "Obama/PROPN/nsubj/8/B-PERSON ,/PUNCT/punct/3/O unlike/ADP/prep/3/O "
    "Corker/PROPN/pobj/5/B-PERSON ,/PUNCT/punct/3/O kept/VERB/ROOT/./O his/PRON/poss/10/O "
    "promise/NOUN/dobj/8/O ./PUNCT/punct/8/O"
)
# "Trump spoke. When he arrived, Biden said."
FRONTED_CLAUSE = (
    "Trump/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
    "When/SCONJ/advmod/5/O he/PRON/nsubj/5/O arrived/VERB/advcl/8/O ,/PUNCT/punct/8/O "
    "Biden/PROPN/nsubj/8/B-PERSON said/VERB/ROOT/./O ./PUNCT/punct/8/O"
)


@pytest.mark.parametrize(
    ("spec", "pronoun", "name"),
    [
        (BOUND_POSSESSIVE, 9, "Obama"),  # not Corker, named last: the clause's subject
        (FRONTED_CLAUSE, 4, "Biden"),  # not Trump, named last: the main clause's subject
    ],
    ids=["possessive-bound-by-its-subject", "pronoun-before-the-name"],
)
def test_the_sentence_resolves_the_pronoun(spec: str, pronoun: int, name: str) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, pronoun, pronoun + 1) == Resolution(name, "pronoun")


# "Trump spoke. Pressed by Holt, he dodged. He said."
CHAINED_PRONOUN = (
    "Trump/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
    "Pressed/VERB/advcl/8/O by/ADP/agent/3/O Holt/PROPN/pobj/4/B-PERSON ,/PUNCT/punct/8/O "
    "he/PRON/nsubj/8/O dodged/VERB/ROOT/./O ./PUNCT/punct/8/O "
    "He/PRON/nsubj/11/O said/VERB/ROOT/./O ./PUNCT/punct/11/O"
)
# "Trump spoke. He met Bush and Paul. He said."
SUBJECT_BEFORE_TWO = (
    "Trump/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
    "He/PRON/nsubj/4/O met/VERB/ROOT/./O Bush/PROPN/dobj/4/B-PERSON and/CCONJ/cc/5/O "
    "Paul/PROPN/conj/5/B-PERSON ./PUNCT/punct/4/O "
    "He/PRON/nsubj/10/O said/VERB/ROOT/./O ./PUNCT/punct/10/O"
)


@pytest.mark.parametrize(
    ("spec", "pronoun"),
    [(CHAINED_PRONOUN, 10), (SUBJECT_BEFORE_TWO, 9)],
    ids=["through-a-pronoun-that-is-no-speaker", "past-two-people-named-after-it"],
)
def test_a_pronoun_follows_the_chain_of_subjects(spec: str, pronoun: int) -> None:
    # the "he" of the sentence before is itself a mention of Trump (its subject), so the
    # next "He" goes to Trump, not to Holt, Bush or Paul, named more recently as objects
    doc = make_doc(spec)
    chains = build_chains(doc)
    assert [p.name for _, p in sorted(chains.mentions, key=lambda m: m[0])][:2] == [
        "Trump",
        "Trump" if spec is SUBJECT_BEFORE_TWO else "Holt",
    ]
    assert resolve_tokens(doc, pronoun, pronoun + 1, chains=chains) == Resolution(
        "Trump", "pronoun"
    )


def test_a_pronoun_inside_quote_marks_joins_no_chain() -> None:
    # 'Biden spoke. Trump said: "He lies."' — the quoted "He" is the speaker's, not the text's
    doc = make_doc(
        "Biden/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
        "Trump/PROPN/nsubj/4/B-PERSON said/VERB/ROOT/./O :/PUNCT/punct/4/O "
        "“/PUNCT/punct/8/O He/PRON/nsubj/8/O lies/VERB/ccomp/4/O ./PUNCT/punct/8/O "
        "”/PUNCT/punct/8/O"
    )
    assert [p.name for _, p in build_chains(doc).mentions] == ["Biden", "Trump"]


# "Ms. Baerbock met Sergei Lavrov. The GOP candidate said."
def _described(noun: str) -> str:
    return (
        "Ms./PROPN/compound/1/O Baerbock/PROPN/nsubj/2/B-PERSON met/VERB/ROOT/./O "
        "Sergei/PROPN/compound/4/B-PERSON Lavrov/PROPN/dobj/2/I-PERSON ./PUNCT/punct/2/O "
        f"The/DET/det/8/O GOP/PROPN/compound/8/B-ORG {noun}/NOUN/nsubj/9/O said/VERB/ROOT/./O "
        "./PUNCT/punct/9/O"
    )


@pytest.mark.parametrize(
    ("noun", "want"),
    [
        ("candidate", Resolution("Baerbock", "role")),  # the subject before the object
        ("mother", Resolution("Baerbock", "role")),  # a woman
        ("father", Resolution("Sergei Lavrov", "role")),  # not the woman
        ("source", Resolution("The GOP source", "literal")),  # an unnamed source stays one
    ],
)
def test_a_definite_description_is_someone_named_before(noun: str, want: Resolution) -> None:
    doc = make_doc(_described(noun))
    assert resolve_tokens(doc, 6, 9) == want


def test_a_description_beside_a_name_is_that_person() -> None:
    # "McKinley spoke. Ellie, a high senior, said."
    doc = make_doc(
        "McKinley/PROPN/nsubj/1/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/1/O "
        "Ellie/PROPN/nsubj/9/B-PERSON ,/PUNCT/punct/3/O a/DET/det/7/O high/ADJ/amod/7/O "
        "senior/NOUN/appos/3/O ,/PUNCT/punct/3/O said/VERB/ROOT/./O ./PUNCT/punct/9/O"
    )
    assert resolve_tokens(doc, 5, 8) == Resolution("Ellie", "surname")


def test_a_posted_comment_is_signed_by_its_handle_for_i_not_for_we() -> None:
    text = "We asked readers.\n\nNothing is true to me.\n\n@jsmith.\n\n"
    words = [w for w in re.split(r"(\n\n|\.| )", text) if w and w != " "]
    spaces = [text[text.index(w) + len(w) : text.index(w) + len(w) + 1] == " " for w in words]
    doc = Doc(english_vocab(), words=words, spaces=spaces)
    me, we = words.index("me"), words.index("We")
    assert resolve_tokens(doc, me, me + 1) == Resolution("@jsmith", "pronoun")
    assert resolve_tokens(doc, we, we + 1) == Resolution(None, "none")


# "Rachel Hoff spoke. Hoff, who declined, left." / "They back Rob Portman this year, who
# endorsed it."
HOFF = (
    "Rachel/PROPN/compound/1/B-PERSON Hoff/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
    "./PUNCT/punct/2/O Hoff/PROPN/nsubj/9/O ,/PUNCT/punct/4/O who/PRON/nsubj/7/O "
    "declined/VERB/relcl/4/O ,/PUNCT/punct/4/O left/VERB/ROOT/./O ./PUNCT/punct/9/O"
)
PORTMAN = (
    "They/PRON/nsubj/1/O back/VERB/ROOT/./O Rob/PROPN/compound/3/B-PERSON "
    "Portman/PROPN/dobj/1/I-PERSON this/DET/det/5/B-DATE year/NOUN/npadvmod/1/I-DATE "
    ",/PUNCT/punct/1/O who/PRON/nsubj/8/O endorsed/VERB/advcl/1/O it/PRON/dobj/8/O "
    "./PUNCT/punct/1/O"
)


@pytest.mark.parametrize(
    ("spec", "who", "want"),
    [
        (HOFF, 6, Resolution("Rachel Hoff", "surname")),  # an untagged surname it hangs on
        (PORTMAN, 7, Resolution("Rob Portman", "name")),  # past a time phrase and a comma
    ],
)
def test_who_is_the_person_before_it(spec: str, who: int, want: Resolution) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, who, who + 1) == want


# "Cruz won a decision from the Illinois Board of Elections, which ruled."
BOARD = (
    "Cruz/PROPN/nsubj/1/B-PERSON won/VERB/ROOT/./O a/DET/det/3/O decision/NOUN/dobj/1/O "
    "from/ADP/prep/3/O the/DET/det/7/O Illinois/PROPN/compound/7/B-ORG "
    "Board/PROPN/pobj/4/I-ORG of/ADP/prep/7/I-ORG Elections/PROPN/pobj/8/I-ORG "
    ",/PUNCT/punct/7/O which/PRON/nsubj/12/O ruled/VERB/relcl/3/O ./PUNCT/punct/1/O"
)
# "The Service Employees International Union grew. The union, which endorsed Clinton, spoke."
UNION = (
    "The/DET/det/4/O Service/PROPN/compound/4/B-ORG Employees/PROPN/compound/4/I-ORG "
    "International/PROPN/compound/4/I-ORG Union/PROPN/nsubj/5/I-ORG grew/VERB/ROOT/./O "
    "./PUNCT/punct/5/O The/DET/det/8/O union/NOUN/nsubj/14/O ,/PUNCT/punct/8/O "
    "which/PRON/nsubj/11/O endorsed/VERB/relcl/8/O Clinton/PROPN/dobj/11/B-PERSON "
    ",/PUNCT/punct/8/O spoke/VERB/ROOT/./O ./PUNCT/punct/14/O"
)
# "Greg Slayton, whom Bush appointed, and who backs Rubio, spoke." (the parser left the
# second clause unattached)
SLAYTON = (
    "Greg/PROPN/compound/1/B-PERSON Slayton/PROPN/nsubj/11/I-PERSON ,/PUNCT/punct/1/O "
    "whom/PRON/dobj/5/O Bush/PROPN/nsubj/5/B-PERSON appointed/VERB/relcl/1/O "
    ",/PUNCT/punct/1/O and/CCONJ/cc/1/O who/PRON/nsubj/9/O backs/VERB/ccomp/11/O "
    "Rubio/PROPN/dobj/9/B-PERSON spoke/VERB/ROOT/./O ./PUNCT/punct/11/O"
)


@pytest.mark.parametrize(
    ("spec", "which", "want"),
    [
        # the organisation just before the comma, though the clause hangs on "decision"
        (BOARD, 11, Resolution("Illinois Board of Elections", "org")),
        # the organisation the noun refers back to
        (UNION, 10, Resolution("Service Employees International Union", "org")),
        # the relative pronoun it is coordinated with
        (SLAYTON, 8, Resolution("Greg Slayton", "name")),
    ],
)
def test_which_and_a_second_who_find_their_antecedent(
    spec: str, which: int, want: Resolution
) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, which, which + 1) == want


@pytest.mark.parametrize(
    ("state", "want"),
    [("South/PROPN/compound/6/B-GPE Carolina/PROPN/compound/7/I-GPE", "Trey Gowdy"), ("", None)],
)
def test_the_state_and_party_of_a_person_is_that_person(state: str, want: str | None) -> None:
    # "Trey Gowdy spoke. The South Carolina Republican said." — but "The Tennessean said",
    # a bare demonym, may be a newspaper: it stays as written
    noun = "Republican" if state else "Tennessean"
    at = 7 if state else 5
    doc = make_doc(
        "Trey/PROPN/compound/1/B-PERSON Gowdy/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
        f"./PUNCT/punct/2/O The/DET/det/{at}/O {state} {noun}/PROPN/nsubj/{at + 1}/B-NORP "
        f"said/VERB/ROOT/./O ./PUNCT/punct/{at + 1}/O"
    )
    doc[at].tag_ = "NNP"
    got = resolve_tokens(doc, 4, at + 1)
    assert got == (Resolution(want, "role") if want else Resolution(noun, "org"))


@pytest.mark.parametrize(
    ("spec", "span", "want"),
    [
        # "The Times newspaper said."
        (
            "The/DET/det/1/B-ORG Times/PROPN/compound/2/I-ORG newspaper/NOUN/nsubj/3/O "
            "said/VERB/ROOT/./O ./PUNCT/punct/3/O",
            (0, 3),
            "The Times",
        ),
        # "A new Pew Research report came out. The report said."
        (
            "A/DET/det/4/O new/ADJ/amod/4/O Pew/PROPN/compound/3/B-ORG "
            "Research/PROPN/compound/4/I-ORG report/NOUN/nsubj/5/O came/VERB/ROOT/./O "
            "out/ADP/prt/5/O ./PUNCT/punct/5/O The/DET/det/9/O report/NOUN/nsubj/10/O "
            "said/VERB/ROOT/./O ./PUNCT/punct/10/O",
            (8, 10),
            "Pew Research",
        ),
        # "A poll from Marquette Law School showed."
        (
            "A/DET/det/1/O poll/NOUN/nsubj/6/O from/ADP/prep/1/O Marquette/PROPN/compound/5/B-ORG "
            "Law/PROPN/compound/5/I-ORG School/PROPN/pobj/2/I-ORG showed/VERB/ROOT/./O "
            "./PUNCT/punct/6/O",
            (0, 6),
            "Marquette Law School",
        ),
    ],
    ids=["its-newspaper", "the-report-named-before", "by-way-of-a-preposition"],
)
def test_a_document_speaks_for_its_organisation(
    spec: str, span: tuple[int, int], want: str
) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, *span) == Resolution(want, "org")


def test_an_interviews_answers_are_the_person_it_is_about() -> None:
    import spacy

    doc = spacy.blank("en")(
        "Diane Guerrero wrote a memoir. Guerrero spoke to Ann Page.\n\nQ: Why now?\n\nA: Because."
    )
    doc.ents = [
        doc.char_span(0, 14, label="PERSON"),
        doc.char_span(31, 39, label="PERSON"),
        doc.char_span(49, 57, label="PERSON"),
    ]
    a = [t.i for t in doc if t.text == "A"][-1]
    q = [t.i for t in doc if t.text == "Q"][-1]
    assert resolve_tokens(doc, a, a + 1) == Resolution("Diane Guerrero", "role")
    assert resolve_tokens(doc, q, q + 1).name != "Diane Guerrero"


def test_the_n_year_old_is_someone_named_before() -> None:
    # "Ivanka Trump spoke. The 34-year-old replied."
    doc = make_doc(
        "Ivanka/PROPN/compound/1/B-PERSON Trump/PROPN/nsubj/2/I-PERSON spoke/VERB/ROOT/./O "
        "./PUNCT/punct/2/O The/DET/det/10/O 34/NUM/nummod/6/O -/PUNCT/punct/6/O "
        "year/NOUN/npadvmod/8/O -/PUNCT/punct/8/O old/ADJ/amod/10/O replied/VERB/ROOT/./O "
        "./PUNCT/punct/10/O"
    )
    assert resolve_tokens(doc, 4, 10) == Resolution("Ivanka Trump", "role")


@pytest.mark.parametrize(
    ("spec", "end"),
    [
        # "Hillary Clinton’s campaign said."
        (
            "Hillary/PROPN/compound/1/B-PERSON Clinton/PROPN/poss/3/I-PERSON ’s/PART/case/1/O "
            "campaign/NOUN/nsubj/4/O said/VERB/ROOT/./O ./PUNCT/punct/4/O",
            4,
        ),
        # "The Clinton campaign said."
        (
            "The/DET/det/2/O Clinton/PROPN/compound/2/B-PERSON campaign/NOUN/nsubj/3/O "
            "said/VERB/ROOT/./O ./PUNCT/punct/3/O",
            3,
        ),
    ],
    ids=["possessive", "compound"],
)
def test_a_persons_group_is_named_one_way(spec: str, end: int) -> None:
    doc = make_doc(spec)
    assert resolve_tokens(doc, 0, end) == Resolution("Clinton campaign", "literal")


# "The Illinois Board of Elections ruled. The board said. The Congressional Black Caucus
# met. CBC said."
BOARD = (
    "The/DET/det/4/O Illinois/PROPN/compound/4/B-ORG Board/PROPN/nsubj/5/I-ORG "
    "of/ADP/prep/2/I-ORG Elections/PROPN/pobj/3/I-ORG ruled/VERB/ROOT/./O ./PUNCT/punct/5/O "
    "The/DET/det/8/O board/NOUN/nsubj/9/O said/VERB/ROOT/./O ./PUNCT/punct/9/O "
    "The/DET/det/14/O Congressional/PROPN/compound/14/B-ORG Black/PROPN/compound/14/I-ORG "
    "Caucus/PROPN/nsubj/15/I-ORG met/VERB/ROOT/./O ./PUNCT/punct/15/O "
    "CBC/PROPN/nsubj/18/B-ORG said/VERB/ROOT/./O ./PUNCT/punct/18/O"
)


@pytest.mark.parametrize(
    ("span", "want"),
    [((7, 9), "Illinois Board of Elections"), ((17, 18), "Congressional Black Caucus")],
    ids=["the-noun-of-its-name", "its-initials"],
)
def test_an_organisation_goes_by_the_name_given_in_full_before(
    span: tuple[int, int], want: str
) -> None:
    doc = make_doc(BOARD)
    assert resolve_tokens(doc, *span) == Resolution(want, "org")


def _titled(title: str, noun: str) -> str:
    # "<Title> Bob Smith spoke. The <noun> said."
    return (
        f"{title}/PROPN/compound/2/O Bob/PROPN/compound/2/B-PERSON Smith/PROPN/nsubj/3/I-PERSON "
        f"spoke/VERB/ROOT/./O ./PUNCT/punct/3/O The/DET/det/6/O {noun}/NOUN/nsubj/7/O "
        "said/VERB/ROOT/./O ./PUNCT/punct/7/O"
    )


@pytest.mark.parametrize(
    ("title", "noun", "want"),
    [
        ("Gov.", "governor", Resolution("Bob Smith", "role")),  # the abbreviation teaches it
        ("Rep.", "lawmaker", Resolution("Bob Smith", "role")),  # another word, one office
        ("Mr.", "governor", Resolution("The governor", "literal")),  # an office: no guess
        ("Sen.", "candidate", Resolution("The candidate", "literal")),  # titled otherwise
        ("Mr.", "candidate", Resolution("Bob Smith", "role")),
    ],
)
def test_an_office_goes_only_to_someone_titled_with_it(
    title: str, noun: str, want: Resolution
) -> None:
    doc = make_doc(_titled(title, noun))
    assert resolve_tokens(doc, 5, 7) == want


def test_a_transcript_label_names_its_speaker() -> None:
    import spacy

    doc = spacy.blank("en")("JAKE TAPPER: Hello there.\n\nFALLIN: Well.\n\nTAPPER: So.")
    chains = build_chains(doc)
    assert [p.name for p in chains.people] == ["Jake Tapper"]
    assert [doc.text[at : at + 6] for at, _ in chains.mentions] == ["JAKE T", "TAPPER"]
    tapper = [t.i for t in doc if t.text == "TAPPER"][-1]
    assert resolve_tokens(doc, tapper, tapper + 1, chains=chains) == Resolution(
        "Jake Tapper", "surname"
    )


def test_first_person_outside_marks_is_the_writer() -> None:
    doc = make_doc(TWO_PEOPLE)
    recent = (doc[0].idx, "Baerbock")
    assert resolve_tokens(doc, 12, 13, recent) == Resolution(None, "none")


def test_gender_from_a_possessive_in_a_one_person_sentence() -> None:
    # "Annalena Baerbock used her visit. Lavrov met Baerbock and his aides."
    doc = make_doc(
        "Annalena/PROPN/compound/1/B-PERSON Baerbock/PROPN/nsubj/2/I-PERSON used/VERB/ROOT/./O "
        "her/PRON/poss/4/O visit/NOUN/dobj/2/O ./PUNCT/punct/2/O "
        "Lavrov/PROPN/nsubj/7/B-PERSON met/VERB/ROOT/./O Baerbock/PROPN/dobj/7/B-PERSON "
        "and/CCONJ/cc/8/O his/PRON/poss/11/O aides/NOUN/conj/8/O ./PUNCT/punct/7/O"
    )
    genders = {p.name: p.gender for p in build_chains(doc).people}
    # two people in the second sentence: "his" teaches nothing there
    assert genders == {"Annalena Baerbock": "female", "Lavrov": None}


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Hillary Clinton", "female"),
        ("Bill Clinton", "male"),
        ("Karen Janes", "female"),  # from the census lists
        ("Kim Smith", None),
        ("Jordan Smith", None),  # a name given to both: no guess
        ("Clinton", None),
    ],
)
def test_gender_from_the_given_name(name: str, gender: str | None) -> None:
    from saywho.pipeline.chains import _name_gender

    assert _name_gender(name) == gender


# -- the whole pipeline ------------------------------------------------------------------

SPEAKER_CASES = {
    "title-and-full-name": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin said on Tuesday that Russia was "
        "ready for talks.\n",
        Expect("Russia was ready for talks", "indirect", "Vladimir Putin", cue="said"),
        "Russian President Vladimir Putin",
    ),
    "surname-later": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin said on Tuesday that Russia was "
        "ready for talks.\n\n"
        "“We have never refused to negotiate,” Putin told reporters in the Kremlin.\n",
        Expect("We have never refused to negotiate", "direct", "Vladimir Putin", cue="told"),
        "Putin",
    ),
    "the-russian-president": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin met Chinese leader Xi Jinping in "
        "the Kremlin on Tuesday.\n\n"
        "“Our relations have never been stronger,” the Russian president said at a joint news "
        "conference.\n",
        Expect("Our relations have never been stronger", "direct", "Vladimir Putin", cue="said"),
        "the Russian president",
    ),
    "the-president": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin on Tuesday accused the West of "
        "prolonging the conflict.\n\n"
        "The president said Moscow was open to talks but would not give up its goals.\n",
        Expect("Moscow was open to talks", "indirect", "Vladimir Putin", cue="said"),
        "The president",
    ),
    "the-kremlin-spokesman": (
        "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said on Monday that the talks with "
        "Washington were constructive but difficult.\n\n"
        "“There is still a long way to go,” the Kremlin spokesman told reporters.\n",
        Expect("There is still a long way to go", "direct", "Dmitry Peskov", cue="told"),
        "the Kremlin spokesman",
    ),
    "the-blocs-chief": (
        "BRUSSELS (Reuters) - NATO chief Jens Stoltenberg warned on Wednesday that Russia was "
        "preparing for a long war.\n\n"
        "“We must be ready to support Ukraine for years,” the bloc’s chief told a news "
        "conference.\n",
        Expect("We must be ready to support Ukraine", "direct", "Jens Stoltenberg", cue="told"),
        "the bloc’s chief",
    ),
    "the-minister-post-posed": (
        "BERLIN (Reuters) - German Foreign Minister Annalena Baerbock met her Ukrainian "
        "counterpart in Berlin on Monday.\n\n"
        "Germany would host a reconstruction conference for Ukraine later this year, the "
        "minister explained.\n",
        Expect("reconstruction conference", "indirect", "Annalena Baerbock", cue="explained"),
        "the minister",
    ),
    "he-said": (
        "WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken met Ukrainian officials "
        "in Washington on Thursday.\n\n"
        "“The support of the American people has not wavered,” Blinken said.\n\n"
        "“We will keep working with Congress to get Ukraine what it needs,” he said.\n",
        Expect("keep working with Congress", "direct", "Antony Blinken", cue="said"),
        "he",
    ),
    "she-added-after-him": (
        "BRUSSELS (Reuters) - German Foreign Minister Annalena Baerbock used her visit to "
        "Brussels on Tuesday to press for more aid to Kyiv. Later in the day she met Russian "
        "Foreign Minister Sergei Lavrov on the sidelines of the summit.\n\n"
        "“The door to dialogue is open,” Lavrov told reporters after the meeting.\n\n"
        "“We will not accept any pressure,” she added.\n",
        Expect("We will not accept any pressure", "direct", "Annalena Baerbock", cue="added"),
        "she",
    ),
    "he-added-after-another-speaker": (
        "WASHINGTON (Reuters) - U.S. President Joe Biden spoke by phone with Ukrainian "
        "President Volodymyr Zelensky on Monday.\n\n"
        "“Ukraine will get what it needs,” Biden said in a statement.\n\n"
        "“We are grateful to the American people,” Zelensky said. “We will never forget this "
        "help,” he added.\n",
        Expect("We will never forget this help", "direct", "Volodymyr Zelenskyy", cue="added"),
        "he",
    ),
    "he-after-an-organisation-spoke": (
        "WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken met Ukrainian officials "
        "in Washington on Thursday.\n\n"
        "“Our support will continue,” Blinken said.\n\n"
        "The Pentagon said a new package of air defence missiles was ready.\n\n"
        "“We will not stop until Ukraine is safe,” he added.\n",
        Expect("We will not stop", "direct", "Antony Blinken", cue="added"),
        "he",
    ),
    "he-is-the-last-subject-not-the-last-object": (
        "WASHINGTON (Reuters) - Former President Donald Trump attacked President Joe Biden at "
        "a rally on Monday.\n\n"
        "“Prices have never been higher,” he said.\n",
        Expect("Prices have never been higher", "direct", "Donald Trump", cue="said"),
        "he",
    ),
    "he-after-the-government-spoke": (
        "KYIV (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba met European diplomats on "
        "Monday.\n\n"
        "“We need more air defence,” Kuleba said.\n\n"
        "The government said new sanctions would follow.\n\n"
        "“Russia must pay for every strike,” he added.\n",
        Expect("Russia must pay", "direct", "Dmytro Kuleba", cue="added"),
        "he",
    ),
    "he-is-not-the-one-he-told": (
        "WASHINGTON (Reuters) - Donald Trump spoke on Wednesday.\n\n"
        "Sean Hannity asked Trump how high the wall would be.\n\n"
        "“I think the height could be 35 to 45 feet,” he told Hannity.\n",
        Expect("I think the height", "direct", "Donald Trump", cue="told"),
        "he",
    ),
    "a-poll-average-compiled-by-an-organisation": (
        "WASHINGTON (Reuters) - Donald Trump leads the Republican field.\n\n"
        "The average of recent polls compiled by Real Clear Politics shows that he leads "
        "by ten points.\n",
        Expect("he leads by ten points", "indirect", "Real Clear Politics", cue="shows"),
        "The average of recent polls compiled by Real Clear Politics",
    ),
    "he-after-a-description-of-someone-named": (
        # "the GOP nominee’s support" is Trump's, so the next "he" is Trump, not the
        # Romney just quoted
        "WASHINGTON (Reuters) - Presumptive nominee Donald Trump and Mitt Romney were both "
        "quoted in the letter.\n\n"
        "“We pray for the victims,” Romney wrote on Monday.\n\n"
        "Meanwhile, the GOP nominee’s support for the community is new. He said he would "
        "protect everyone.\n\n"
        "“We want to live in a safe country,” he said on Tuesday.\n",
        Expect("We want to live in a safe country", "direct", "Donald Trump", cue="said"),
        "he",
    ),
    "who-after-a-place-is-the-person-from-there": (
        "WASHINGTON (Reuters) - Donald Trump spoke to Jewish Republicans on Thursday.\n\n"
        "“That may be of concern to people in the community,” said Alan Berger, a doctor "
        "from Englewood, New Jersey, who said he is friendly with the candidate’s family.\n",
        Expect("he is friendly with the candidate", "indirect", "Alan Berger", cue="said"),
        "Englewood",
    ),
    "he-is-not-the-one-his-clause-names": (
        "NEW YORK (Reuters) - Rick Wiley, the campaign's political director, met donors on "
        "Friday.\n\n"
        "Mr. Wiley walked them through a slide show. Mr. Trump has long trailed in the polls "
        "there.\n\n"
        "And in other states, like Illinois, he said Mr. Trump could force Hillary Clinton to "
        "spend money defending herself.\n",
        Expect("Mr. Trump could force Hillary Clinton", "indirect", "Rick Wiley", cue="said"),
        "he",
    ),
    "the-campaign-is-the-one-named-before": (
        "WASHINGTON (Reuters) - Hillary Clinton’s campaign has described the probe as a "
        "security review.\n\n"
        "Officials will look at the emails. The campaign said it was pleased with the "
        "cooperation.\n",
        Expect("it was pleased with the cooperation", "indirect", "Clinton campaign", cue="said"),
        "The campaign",
    ),
    "his-campaign-is-the-owners-group": (
        "WASHINGTON (Reuters) - Bernie Sanders lost the Delaware primary on Tuesday.\n\n"
        "His campaign said it would stay in the race until the convention.\n",
        Expect("it would stay in the race", "indirect", "Sanders campaign", cue="said"),
        "His campaign",
    ),
    "a-projection-by-a-firm": (
        "WASHINGTON (Reuters) - The Labor Department issued a new overtime rule on Wednesday.\n\n"
        "A projection by the consulting firm Oxford Economics found that employers would cut "
        "hours.\n",
        Expect("employers would cut hours", "indirect", "Oxford Economics", cue="found"),
        "A projection by the consulting firm Oxford Economics",
    ),
    "the-social-media-company": (
        "SAN FRANCISCO (Reuters) - Twitter has struggled to add users since 2013.\n\n"
        "The social media company said on Friday that it had suspended 125,000 accounts.\n",
        Expect("it had suspended 125,000 accounts", "indirect", "Twitter", cue="said"),
        "The social media company",
    ),
    "the-new-regulation-speaks-for-its-maker": (
        "WASHINGTON (Reuters) - A Labor Department regulation was issued on Wednesday.\n\n"
        "The new regulation says that most salaried workers will qualify for overtime pay.\n",
        Expect("most salaried workers will qualify", "indirect", "Labor Department", cue="says"),
        "The new regulation",
    ),
    "he-is-not-someone-named-inside-the-quote": (
        "WASHINGTON (Reuters) - Conservative leader Richard Viguerie backed Ted Cruz on "
        "Tuesday.\n\n"
        "“Cruz is the only candidate who can keep these voters,” Viguerie says.\n\n"
        "“Voters consistently reject establishment Republicans, and they have done so in "
        "every primary since the party lost its way on spending, on borders and on trade, "
        "which is why the party's leaders keep losing the voters who once trusted them. "
        "George W. Bush got half a million fewer votes than Al Gore in 2000,” he points out.\n",
        Expect("Voters consistently reject", "direct", "Richard Viguerie", cue="points"),
        "he",
    ),
    "he-after-polls": (
        "WASHINGTON (Reuters) - U.S. President Joe Biden spoke to reporters on Monday.\n\n"
        "Recent polls show that most voters want lower prices.\n\n"
        "“We are bringing prices down,” he said.\n",
        Expect("We are bringing prices down", "direct", "Joe Biden", cue="said"),
        "he",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", list(SPEAKER_CASES), ids=list(SPEAKER_CASES))
def test_speaker(analyze: Analyze, case: str) -> None:
    text, expected, mention_text = SPEAKER_CASES[case]
    a = analyze(text)
    check(a, [expected])
    q = quotes_with(a, expected.words)[0]
    assert mention(a, q) == mention_text, describe(a)


@pytest.mark.slow
@pytest.mark.parametrize(
    "second",
    [
        "The Kremlin spokesman said Moscow was waiting for a formal reply.",
        "The Kremlin spokesman also said that Moscow was waiting for a formal reply.",
    ],
    ids=["said", "also-said-that"],
)
def test_role_noun_indirect(analyze: Analyze, second: str) -> None:
    text = (
        "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said the talks with Washington "
        f"were constructive but difficult.\n\n{second}\n"
    )
    check(
        analyze(text),
        [
            Expect(
                "Moscow was waiting for a formal reply",
                "indirect",
                "Dmitry Peskov",
                cue="said",
                exact="Moscow was waiting for a formal reply",
            ),
        ],
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "KYIV (AP) - Ukraine’s allies pledged more air defence systems on Monday.\n",
            "Ukraine",
        ),
        (
            "BRUSSELS (Reuters) - EU foreign ministers said on Monday they would keep "
            "supporting Kyiv.\n",
            "EU",
        ),
    ],
    ids=["possessor", "modifier"],
)
def test_group_speaker_is_not_the_country(analyze: Analyze, text: str, words: str) -> None:
    """'Ukraine's allies' and 'EU foreign ministers' are not 'Ukraine' and 'EU'."""
    a = analyze(text)
    assert all(q.speaker.name != words for q in a.quotes), describe(a)


@pytest.mark.slow
def test_writer_is_not_a_speaker(analyze: Analyze) -> None:
    """The writer's own 'I' / 'we' do not resolve to the last person quoted."""
    a = analyze(
        "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky thanked Western partners on "
        "Sunday for new military aid.\n\n"
        "“This package will save lives,” Zelensky said.\n\n"
        "I asked him later whether it would be enough. We spoke for ten minutes.\n"
    )
    for q in a.quotes:
        if mention(a, q) in ("I", "We"):
            assert q.speaker.name is None, describe(a)


@pytest.mark.slow
def test_an_office_is_never_guessed_as_someone_named(analyze: Analyze) -> None:
    # no date, so no holder of the office: "the NATO chief" stays as written rather than
    # going to the last person named, as "the GOP candidate" would
    text = (
        "German Chancellor Olaf Scholz spoke to Vladimir Putin on Friday.\n\n"
        "Speaking in Brussels, the NATO chief said that allies should back Ukraine.\n"
    )
    speakers = [q.speaker.name for q in analyze(text).quotes]
    assert speakers == ["the NATO chief"]


@pytest.mark.parametrize(
    ("byline", "writer"),
    [
        ("By RON LIEBER", "Ron Lieber"),
        ("Susan Page", "Susan Page"),
        ("by Jane O’Neill", "Jane O’Neill"),
        ("Jane Doe and John Roe", None),
        ("Jane Doe, John Roe", None),
        ("AFP", None),
        ("Breitbart News", None),
        ("", None),
        (None, None),
    ],
)
def test_the_byline_names_one_writer(byline: str | None, writer: str | None) -> None:
    assert byline_person(byline) == writer


@pytest.mark.slow
def test_the_writers_i_and_an_interviews_q_are_the_byline(pipeline: Pipeline) -> None:
    from saywho.model import Article

    text = (
        "Actress Diane Guerrero has written a memoir about her family.\n\n"
        "Q: What did you find when you came home?\n\n"
        "A: My parents were gone. I was 14 years old.\n\n"
        "Q: Did anyone from the government check on you?\n\n"
        "A: No one did. It was as if I had never existed.\n\n"
        "I asked her later whether she had forgiven the officials, and she said she had.\n"
    )
    article = Article(text=text, title="An interview", author="By SUSAN PAGE")
    out = pipeline.analyze(article)
    by_mention = {
        text[q.speaker.mention.start : q.speaker.mention.end]: q.speaker.name
        for q in out.quotes
        if q.speaker.mention is not None
    }
    assert by_mention.get("Q") == "Susan Page"
    assert by_mention.get("A") == "Diane Guerrero"
    q = next(
        q
        for q in out.quotes
        if "whether she had forgiven" in text[q.content[0].start : q.content[-1].end]
    )
    assert q.speaker.name == "Susan Page"
    # without a byline, the writer stays unnamed
    bare = pipeline.analyze(article.copy_with(author=None))
    assert all(q.speaker.name != "Susan Page" for q in bare.quotes)


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("byrne", "bryne", True),
        ("sweeney", "sweeny", True),
        ("sessions", "session", True),
        ("clinton", "clinton", False),
        ("sanders", "sawyers", False),
        ("trump", "trumpet", False),
    ],
)
def test_one_edit(a: str, b: str, one: bool) -> None:
    assert _one_edit(a, b) is one


# gold-style source spans (as PolNeAR marks them), resolved as the pipeline resolves quote
# speakers: (text, mention, date, byline, the speaker wanted or None, a speaker not wanted)
_HEADLINE = (
    "Mayor Kept His Illness Quiet, Former White House Doctor Says.\n\n"
    "Secrecy is nothing new when it comes to the mayor's health.\n\n"
    "Dr. Connie Mariano, who was the White House physician, said the public was misled.\n"
)
_REPORTER = "As this reporter revealed, the leader is not a member of the tribe.\n"
SPAN_CASES: dict[str, tuple[str, str, dt.date | None, str | None, str | None, str | None]] = {
    "who-after-a-place-is-the-person-from-there": (
        "Alan Berger, a doctor from Englewood, New Jersey, who said he is friendly with the "
        "family, disagreed.\n",
        "who", None, None, "Alan Berger", None,
    ),
    "who-after-an-organisation-in-a-description": (
        "Republicans are watching Donald Trump clash with Megyn Kelly, a star anchor at Fox "
        "News who questioned his respect for women in a debate.\n",
        "who", None, None, "Megyn Kelly", None,
    ),
    "this-reporter-is-the-byline": (
        _REPORTER, "this reporter", None, "Patrick Howley", "Patrick Howley", None
    ),
    "this-reporter-without-a-byline": (
        _REPORTER, "this reporter", None, None, "this reporter", None
    ),
    "a-headlines-role-is-the-person-the-story-names": (
        _HEADLINE, "Former White House Doctor", None, None, "Connie Mariano", None
    ),
    "the-same-words-in-the-body-are-no-headline": (
        "Officials met on Monday.\n\n" + _HEADLINE.replace(".\n\n", " today.\n\n", 1),
        "Former White House Doctor", None, None, None, "Connie Mariano",
    ),
    "a-misspelt-surname": (
        "Gary Byrne, a former agent, has written a book about his years at the White House."
        "\n\nBryne went on to say that he feared for the country.\n",
        "Bryne", None, None, "Gary Byrne", None,
    ),
    "a-mention-cut-at-a-hyphen": (
        "“This is not a path to peace,” Lavrov said on Thursday.\n\n"
        "He also commented on remarks by the NATO secretary-general, who said the alliance "
        "must be ready.\n",
        "the NATO secretary", dt.date(2024, 1, 18), None, "Jens Stoltenberg", None,
    ),
    "an-organisations-president-is-no-head-of-state": (
        "CNN President On Debates: ‘We Do Not Pay Candidates.’\n\n"
        "CNN President Jeff Zucker said on Thursday that the network would not pay "
        "Republican presidential candidate Donald Trump to appear in the United States.\n",
        "CNN President", dt.date(2015, 12, 3), None, "Jeff Zucker", None,
    ),
    "an-owner-of-an-organisations-name": (
        "Bernie Sanders stayed in the race. Sanders's hometown Burlington Free Press wrote "
        "that he should quit.\n",
        "Sanders's hometown Burlington Free Press", None, None, "Burlington Free Press",
        "Bernie Sanders",
    ),
    "a-name-in-a-documents-complement": (
        "Hillary Clinton spoke on Friday. Documents made public by the FBI about Clinton's "
        "use of a private server show that she was careless.\n",
        "Documents made public by the FBI about Clinton's use of a private server", None,
        None, "FBI", "Hillary Clinton",
    ),
    "the-owner-of-a-feeling-is-its-speaker": (
        "Glenn Beck spoke on his radio show on Wednesday.\n\n"
        "Much of Beck’s ire was directed at the campaign chief, whom he called a liar.\n",
        "Much of Beck’s ire", None, None, "Glenn Beck", None,
    ),
    "the-possessor-of-a-role": (
        "Donald Trump spoke on Friday. Donald Trump's newly installed campaign chief told "
        "party leaders that the candidate would change.\n",
        "Donald Trump's newly installed campaign chief", None, None, None, "Donald Trump",
    ),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", list(SPAN_CASES), ids=list(SPAN_CASES))
def test_speaker_of_a_source_span(pipeline: Pipeline, case: str) -> None:
    text, mention, date, byline, want, not_want = SPAN_CASES[case]
    at = text.index(mention)
    span = Span(at, at + len(mention))
    (speaker,) = pipeline.speakers_for(pipeline.nlp(text), [span], date, byline)
    if want is not None:
        assert speaker.name == want
    if not_want is not None:
        assert speaker.name != not_want

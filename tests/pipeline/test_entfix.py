"""Rule fixes of spaCy's entity labels (saywho.pipeline.entfix), on hand-labelled docs."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from saywho.pipeline.entfix import NameLists, name_lists, repair_entities

NAMES = NameLists(
    given=frozenset({"lester", "fannie", "marine", "georgia"}),
    not_given=frozenset({"georgia"}),
    surnames=frozenset({"holt", "mae", "kelly", "tech"}),
)


def doc_with(text: str, ents: list[tuple[str, str]]) -> Doc:
    doc = spacy.blank("en")(text)
    spans = []
    for words, label in ents:
        start = text.index(words)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None
        spans.append(span)
    doc.ents = spans
    return doc


def labels(doc: Doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def test_a_name_the_article_treats_as_a_person_becomes_person() -> None:
    doc = doc_with(
        "The debate was led by Lester Holt of NBC. Trump interrupted Holt twice.",
        [("Lester Holt", "ORG"), ("NBC", "ORG")],
    )
    repair_entities(doc, NAMES)
    assert labels(doc) == {"Lester Holt": "PERSON", "NBC": "ORG"}


def test_a_title_noun_before_the_name_is_enough() -> None:
    doc = doc_with("The moderator Lester Holt asked about trade.", [("Lester Holt", "ORG")])
    repair_entities(doc, NAMES)
    assert labels(doc)["Lester Holt"] == "PERSON"


def test_a_possessive_before_the_name_is_enough() -> None:
    doc = doc_with("NBC's Lester Holt asked about trade.", [("Lester Holt", "WORK_OF_ART")])
    doc[1].tag_ = "POS"  # the blank pipeline does not tag
    repair_entities(doc, NAMES)
    assert labels(doc)["Lester Holt"] == "PERSON"


def test_names_without_a_sign_of_a_person_stay_as_tagged() -> None:
    # given name + surname in form, but nothing in the article treats it as a person
    doc = doc_with("Fannie Mae raised its fees on Monday.", [("Fannie Mae", "ORG")])
    repair_entities(doc, NAMES)
    assert labels(doc)["Fannie Mae"] == "ORG"


def test_places_and_institution_names_stay_as_tagged() -> None:
    text = "Georgia Tech said Tech would grow. Lester Kelly is in Lester Holt County. Holt"
    doc = doc_with(
        text,
        [("Georgia Tech", "ORG"), ("Lester Kelly", "GPE"), ("Lester Holt County", "GPE")],
    )
    repair_entities(doc, NAMES)
    assert labels(doc) == {
        "Georgia Tech": "ORG",  # "Georgia" names a place
        "Lester Kelly": "GPE",  # places are never relabelled
        "Lester Holt County": "GPE",
    }


def test_without_name_lists_only_the_older_rules_apply() -> None:
    doc = doc_with("The moderator Lester Holt asked. Holt", [("Lester Holt", "ORG")])
    repair_entities(doc)
    assert labels(doc)["Lester Holt"] == "ORG"


def test_the_shipped_lists_know_common_and_knowledge_file_names() -> None:
    names = name_lists(None)
    assert {"lester", "sharon", "james"} <= names.given
    assert {"holt", "smith", "garcia"} <= names.surnames
    from saywho.knowledge import load_knowledge

    kb_names = name_lists(load_knowledge())
    assert "volodymyr" in kb_names.given  # from the knowledge files' people
    assert "georgia" in kb_names.not_given and "georgia" not in kb_names.given


def test_a_title_taken_into_a_name_is_left_out() -> None:
    doc = doc_with(
        "Assemblywoman Claudia Tenney spoke. Vice President Joe Biden and Rep. Gwen Graham "
        "met Justice.",
        [
            ("Assemblywoman Claudia Tenney", "PERSON"),
            ("Vice President Joe Biden", "PERSON"),
            ("Rep. Gwen Graham", "PERSON"),
            ("Justice", "PERSON"),  # a name of one word keeps it
        ],
    )
    repair_entities(doc)
    assert labels(doc) == {
        "Claudia Tenney": "PERSON",
        "Joe Biden": "PERSON",
        "Gwen Graham": "PERSON",
        "Justice": "PERSON",
    }


def test_a_name_split_by_a_non_breaking_space_is_one_person() -> None:
    doc = doc_with("mused co-host Stu\xa0Burguiere. Then he left.", [("Stu", "PERSON")])
    repair_entities(doc)
    assert labels(doc) == {"Stu\xa0Burguiere": "PERSON"}


def test_an_untagged_name_the_article_treats_as_a_person_becomes_person() -> None:
    names = NameLists(
        given=frozenset({"scott", "fannie"}),
        not_given=frozenset(),
        surnames=frozenset({"conroy", "mae"}),
    )
    doc = doc_with(
        "NBC's Scott Conroy asked Sanders. Fannie Mae raised its fees.",
        [("NBC", "ORG"), ("Sanders", "PERSON")],
    )
    doc[1].tag_ = "POS"  # the blank pipeline does not tag
    repair_entities(doc, names)
    # corroborated by the possessive before it; "Fannie Mae" has no such sign
    assert labels(doc) == {"NBC": "ORG", "Scott Conroy": "PERSON", "Sanders": "PERSON"}


def test_a_known_full_name_ending_a_longer_entity_is_cut_out_of_it() -> None:
    doc = doc_with(
        "Brad Thor spoke. “Imagine Brad Thor going up against Trump,” he said.",
        [("Brad Thor", "PERSON"), ("Imagine Brad Thor", "WORK_OF_ART"), ("Trump", "ORG")],
    )
    repair_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Brad Thor", "PERSON"),
        ("Brad Thor", "PERSON"),
        ("Trump", "ORG"),
    ]


def test_a_verb_taken_into_a_name_is_left_out() -> None:
    doc = doc_with(
        "Will Sanders come down? Will Smith spoke.",
        [("Will Sanders", "PERSON"), ("Will Smith", "PERSON")],
    )
    doc[0].pos_ = "AUX"  # as the model tags the question's modal ("Will Smith" stays PROPN)
    doc[5].pos_ = "PROPN"
    repair_entities(doc)
    assert labels(doc) == {"Sanders": "PERSON", "Will Smith": "PERSON"}


def test_an_untagged_name_is_not_a_person_by_its_surname_alone() -> None:
    # "Trump" alone is as often another member of the family than this one
    names = NameLists(
        given=frozenset({"ivanka"}), not_given=frozenset(), surnames=frozenset({"trump"})
    )
    doc = doc_with("Trump spoke. Ivanka Trump smiled.", [("Trump", "PERSON")])
    repair_entities(doc, names)
    assert labels(doc) == {"Trump": "PERSON"}


def test_a_surname_the_lists_lack_counts_when_it_speaks_alone() -> None:
    # "Hannity" is in no surname list, but "Hannity asked" treats it as a person's
    doc = doc_with(
        "An interview with Sean Hannity aired. Hannity asked Trump about it.",
        [("Sean Hannity", "ORG"), ("Trump", "PERSON")],
    )
    asked = doc[8]
    asked.lemma_ = "ask"
    doc[7].dep_, doc[7].head = "nsubj", asked
    names = NameLists(given=frozenset({"sean"}), not_given=frozenset(), surnames=frozenset())
    repair_entities(doc, names)
    assert labels(doc) == {"Sean Hannity": "PERSON", "Trump": "PERSON"}


def test_a_name_with_a_person_noun_in_apposition_is_a_person() -> None:
    # "Reince Priebus, the GOP chairman,": the model tags "Priebus" as ORG, "Reince" as
    # nothing; "Tianqi Lithium, a producer of …" stays (a producer may be a company)
    doc = doc_with(
        "Reince Priebus, the chairman, spoke. Tianqi Lithium, a producer, fell.",
        [("Priebus", "ORG"), ("Tianqi Lithium", "ORG")],
    )
    parse = {0: ("compound", 1), 1: ("nsubj", 5), 4: ("appos", 1), 8: ("compound", 9)}
    parse |= {9: ("nsubj", 14), 12: ("appos", 9)}
    for i, (dep, head) in parse.items():
        doc[i].dep_, doc[i].head = dep, doc[head]
    for i in (0, 1, 8, 9):
        doc[i].pos_ = "PROPN"
    repair_entities(doc)
    assert labels(doc) == {"Reince Priebus": "PERSON", "Tianqi Lithium": "ORG"}


def test_a_web_domain_is_an_organisation() -> None:
    doc = doc_with("A statement on GunBroker.com said the sale of report.pdf was off.", [])
    repair_entities(doc)
    assert labels(doc) == {"GunBroker.com": "ORG"}


def test_a_body_keeps_its_remit() -> None:
    doc = doc_with(
        "The House Select Committee on Benghazi met. The Senate Committee on Monday voted.",
        [
            ("House Select Committee", "ORG"),
            ("Benghazi", "GPE"),
            ("Senate Committee", "ORG"),
            ("Monday", "DATE"),
        ],
    )
    repair_entities(doc)
    assert labels(doc) == {
        "House Select Committee on Benghazi": "ORG",
        "Senate Committee": "ORG",
        "Monday": "DATE",
    }


def test_a_person_after_an_organisations_possessive_is_split_out() -> None:
    names = NameLists(
        given=frozenset({"ian"}), not_given=frozenset(), surnames=frozenset({"tuttle"})
    )
    doc = doc_with(
        "It was written by National Review's Ian Tuttle last week.",
        [("National Review's Ian Tuttle", "ORG")],
    )
    doc[6].tag_ = "POS"  # "'s", as the tagger marks it
    repair_entities(doc, names)
    assert labels(doc) == {"National Review": "ORG", "Ian Tuttle": "PERSON"}


def test_a_known_organisation_tagged_as_a_person_is_an_organisation() -> None:
    names = NameLists(
        given=frozenset({"fiona"}),
        not_given=frozenset({"politico", "apple"}),
        surnames=frozenset({"apple"}),
        orgs=frozenset({"politico", "apple"}),
    )
    doc = doc_with(
        "Politico reported it. Apple said no. Fiona Apple sang.",
        [("Politico", "PERSON"), ("Fiona Apple", "PERSON"), ("Apple", "PERSON")],
    )
    repair_entities(doc, names)
    # "Apple" stays the singer's surname: the article names her
    assert labels(doc) == {"Politico": "ORG", "Fiona Apple": "PERSON", "Apple": "PERSON"}


def test_an_entity_across_a_paragraph_break_keeps_the_name_after_it() -> None:
    doc = doc_with(
        "He wrote on X.\n\nKuleba said more.", [("X.\n\nKuleba", "ORG"), ("He", "PERSON")]
    )
    for t in doc:
        t.pos_ = "PROPN" if t.text in ("Kuleba", "X.") else "NOUN"
    repair_entities(doc)
    assert labels(doc) == {"Kuleba": "ORG", "He": "PERSON"}


def test_a_given_name_left_out_of_a_person_is_put_back() -> None:
    names = NameLists(
        given=frozenset({"marcel", "senator"}), not_given=frozenset(), surnames=frozenset()
    )
    doc = doc_with(
        "Marcel Lehel Lazar, 44, was sentenced. Senator Lazar spoke. Lazar pleaded guilty.",
        [("Lehel Lazar", "PERSON"), ("Lazar spoke", "PERSON"), ("Lazar pleaded", "PERSON")],
    )
    for t in doc[:3]:
        t.pos_ = "PROPN"  # the blank pipeline does not tag
    doc[9].pos_ = "PROPN"
    repair_entities(doc, names)
    # a title is never a given name; a given name inside another entity is left alone
    assert [e.text for e in doc.ents] == ["Marcel Lehel Lazar", "Lazar spoke", "Lazar pleaded"]


def test_an_untagged_name_with_an_organisation_noun_in_apposition_is_an_organisation() -> None:
    doc = doc_with("America Rising PAC, an outside group, is blasting out missives.", [])
    parse = {0: ("compound", 2), 1: ("compound", 2), 2: ("nsubj", 9), 6: ("appos", 2)}
    for i, (dep, head) in parse.items():
        doc[i].dep_, doc[i].head = dep, doc[head]
    for i in (0, 1, 2):
        doc[i].pos_ = "PROPN"
    repair_entities(doc)
    assert labels(doc) == {"America Rising PAC": "ORG"}


def test_names_run_together_by_a_comma_or_a_verb_are_split() -> None:
    doc = doc_with(
        '"Amazing," Trump assured Jones. It was "in homage to" Lazar, Song wrote. '
        "Donald Trump, Alex Jones and Maya Song agreed.",
        [
            ("Trump assured Jones", "WORK_OF_ART"),
            ("Lazar, Song", "WORK_OF_ART"),
            ("Donald Trump", "PERSON"),
            ("Alex Jones", "PERSON"),
            ("Maya Song", "PERSON"),
        ],
    )
    doc[5].pos_ = "VERB"
    repair_entities(doc)
    # "Lazar" is named as a person nowhere else: dropped, not guessed
    assert [e.text for e in doc.ents][:3] == ["Trump", "Jones", "Song"]
    assert {e.label_ for e in doc.ents} == {"PERSON"}


def test_a_surname_with_an_apostrophe_is_a_surname() -> None:
    names = NameLists(
        given=frozenset({"brett"}), not_given=frozenset(), surnames=frozenset({"odonnell"})
    )
    doc = doc_with(
        "It was wise, said Brett O’Donnell. O’Donnell left.", [("Brett O’Donnell", "ORG")]
    )
    repair_entities(doc, names)
    assert labels(doc) == {"Brett O’Donnell": "PERSON"}


def test_a_generational_suffix_after_a_comma_stays_in_the_name() -> None:
    doc = doc_with(
        "His father, Brent Bozell, Jr. was a writer.",
        [("Brent Bozell", "PERSON"), ("Jr.", "PERSON")],
    )
    repair_entities(doc)
    assert labels(doc) == {"Brent Bozell, Jr.": "PERSON"}


def test_the_kind_of_body_is_left_out_of_an_organisations_name() -> None:
    doc = doc_with(
        "The super PAC Priorities USA Action announced ads.",
        [("PAC Priorities USA Action", "ORG")],
    )
    repair_entities(doc)
    assert labels(doc) == {"Priorities USA Action": "ORG"}


def test_an_untagged_name_after_a_capitalised_title_is_a_person() -> None:
    names = NameLists(
        given=frozenset({"gary", "main"}), not_given=frozenset(), surnames=frozenset({"casteel"})
    )
    doc = doc_with(
        "Said UAW Treasurer Gary Casteel. Then Big Main Casteel opened.", [("UAW", "ORG")]
    )
    doc[4].dep_, doc[4].head = "nsubj", doc[0]  # the subject of a reporting verb
    doc[0].lemma_ = "say"
    repair_entities(doc, names)
    # "Big Main Casteel": a longer name of something, not a person
    assert labels(doc) == {"UAW": "ORG", "Gary Casteel": "PERSON"}


def test_a_clerical_title_or_a_reporting_verb_is_left_out_of_a_name() -> None:
    doc = doc_with(
        "Rabbi Rick Jacobs spoke. Filmmaker Jack Marino agreed. Stated Stone: no.",
        [
            ("Rabbi Rick Jacobs", "PERSON"),
            ("Filmmaker Jack Marino", "PERSON"),
            ("Stated Stone", "PERSON"),
        ],
    )
    repair_entities(doc)
    assert labels(doc) == {"Rick Jacobs": "PERSON", "Jack Marino": "PERSON", "Stone": "PERSON"}


def test_a_place_name_opening_an_organisations_name_stays_in_it() -> None:
    doc = doc_with("UK Hospitality, a trade group, supported it.", [("UK", "GPE")])
    parse = {0: ("compound", 1), 1: ("nsubj", 7), 5: ("appos", 1)}
    for i, (dep, head) in parse.items():
        doc[i].dep_, doc[i].head = dep, doc[head]
    for i in (0, 1):
        doc[i].pos_ = "PROPN"
    repair_entities(doc)
    assert labels(doc) == {"UK Hospitality": "ORG"}


def test_a_photo_credit_is_no_person() -> None:
    doc = doc_with(
        "Robinson died on Sunday. Sarah Rahal/Detroit News via AP",
        [("Robinson", "PERSON"), ("Sarah Rahal/Detroit News", "PERSON")],
    )
    repair_entities(doc)
    assert labels(doc) == {"Robinson": "PERSON"}


def test_a_one_word_person_in_the_headline_no_one_else_shares_is_dropped() -> None:
    doc = doc_with(
        "Was She Sick Enough to Stay Home?\nTrump Wins Iowa Caucus Again\n"
        "Donald Trump won. The doctor was tired.",
        [("Home", "PERSON"), ("Trump", "PERSON"), ("Donald Trump", "PERSON")],
    )
    repair_entities(doc)
    # "Trump" stays: the article names him again
    assert [e.text for e in doc.ents] == ["Trump", "Donald Trump"]

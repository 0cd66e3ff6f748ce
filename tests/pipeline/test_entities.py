"""Entity mentions and canonical entities on short articles written for these tests:
spellings, roles by the article's date, look-alikes, rule fixes of spaCy's entities."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from saywho.model import Analysis, Article

if TYPE_CHECKING:
    from saywho.pipeline.pipeline import Pipeline

ZELENSKYY = "Q3881980"
KYIV = "Q1899"
RUTTE = "Q57792"
STOLTENBERG = "sw:person/jens-stoltenberg"
PESKOV = "sw:person/dmitry-peskov"
NATO = "Q7184"


def run(pipeline: Pipeline, text: str, date: str | None = "2025-03-01") -> Analysis:
    day = dt.date.fromisoformat(date) if date else None
    return pipeline.analyze(Article(text=text, date=day, outlet="test"))


def linked(a: Analysis, words: str, nth: int = 0) -> str | None:
    """The entity of the mention written ``words`` (the nth such mention)."""
    hits = [m for m in a.mentions if a.article.text[m.start : m.end] == words]
    assert len(hits) > nth, (
        f"no mention {words!r}: {[a.article.text[m.start : m.end] for m in a.mentions]}"
    )
    return hits[nth].entity


def speaker_of(a: Analysis, words: str) -> tuple[str | None, str | None]:
    for q in a.quotes:
        if any(words in s.text(a.article.text) for s in q.content):
            return q.speaker.name, q.speaker.entity
    raise AssertionError(f"no quote with {words!r}")


@pytest.mark.parametrize(
    "spelling", ["Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky", "Vladimir Zelensky"]
)
def test_every_spelling_of_zelenskyy_is_one_entity(pipeline: Pipeline, spelling: str) -> None:
    a = run(pipeline, f"{spelling} met soldiers near Kharkiv on Monday.\n")
    assert linked(a, spelling) == ZELENSKYY
    [ref] = [e for e in a.entities if e.id == ZELENSKYY]
    assert ref.name == "Volodymyr Zelenskyy" and ref.known and ref.type == "PERSON"


@pytest.mark.parametrize("city", ["Kiev", "Kyiv"])
def test_kiev_and_kyiv_are_one_city(pipeline: Pipeline, city: str) -> None:
    a = run(pipeline, f"Air raid sirens sounded across {city} overnight, officials said.\n")
    assert linked(a, city) == KYIV


def test_surname_and_pronoun_speakers_carry_the_canonical_entity(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Kremlin spokesman Dmitri Peskov said the talks had been useful.\n\n"
        '"We will see," Peskov told reporters. He added that no date had been set.\n',
    )
    assert speaker_of(a, "the talks had been useful") == ("Dmitry Peskov", PESKOV)
    assert speaker_of(a, "We will see") == ("Dmitry Peskov", PESKOV)
    assert speaker_of(a, "no date had been set") == ("Dmitry Peskov", PESKOV)
    [ref] = [e for e in a.entities if e.id == PESKOV]
    assert "Dmitri Peskov" in ref.aliases  # the article's own spelling is kept


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2024-09-30", STOLTENBERG), ("2024-10-02", RUTTE), ("2025-06-01", RUTTE)],
)
def test_role_noun_resolves_by_the_articles_date(
    pipeline: Pipeline, date: str, expected: str
) -> None:
    a = run(
        pipeline,
        "Allied ministers met in Brussels on Monday.\n\n"
        "The NATO secretary-general said the alliance would keep supporting Ukraine.\n",
        date,
    )
    name, entity = speaker_of(a, "the alliance would keep supporting Ukraine")
    assert entity == expected, (name, entity)


def test_a_role_the_article_titles_beats_the_knowledge_files(pipeline: Pipeline) -> None:
    # the article itself says who its "NATO chief" is (a fictional acting chief here)
    a = run(
        pipeline,
        "Acting NATO chief Erik Dahlgren arrived in Vilnius on Tuesday.\n\n"
        "The acting NATO chief said the allies stood united.\n",
        "2025-06-01",
    )
    name, _ = speaker_of(a, "the allies stood united")
    assert name == "Erik Dahlgren"


def test_no_date_no_office_lookup(pipeline: Pipeline) -> None:
    a = run(pipeline, "The NATO secretary-general said the allies stood united.\n", None)
    _, entity = speaker_of(a, "the allies stood united")
    assert entity is None


def test_the_us_led_blocs_head_is_natos_chief(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Moscow condemned the summit on Thursday.\n\n"
        "The US-led bloc's head said the new spending target was within reach.\n",
        "2025-06-26",
    )
    assert speaker_of(a, "spending target")[1] == RUTTE


def test_former_holder_is_not_the_current_one(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Ministers met in Brussels.\n\n"
        "The former NATO secretary-general said the alliance had grown stronger.\n",
        "2025-06-01",
    )
    assert speaker_of(a, "grown stronger")[1] not in (RUTTE, STOLTENBERG)


def test_a_former_holder_the_article_names_is_found(pipeline: Pipeline) -> None:
    """ "the former NATO secretary-general" is the one person named so far who held the
    office before the article's date; never the current holder."""
    a = run(
        pipeline,
        "Mark Rutte and Jens Stoltenberg met in Brussels on Monday.\n\n"
        "The former NATO secretary-general said the alliance had grown stronger.\n",
        "2025-06-01",
    )
    assert speaker_of(a, "grown stronger")[1] == STOLTENBERG


TRUMP = "Q22686"
CARSON = "sw:person/ben-carson"


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("the businessman", TRUMP),
        ("the retired neurosurgeon", CARSON),
        ("the former reality TV star-turned-candidate", TRUMP),  # what he became is no epithet
    ],
)
def test_an_epithet_names_the_one_person_the_article_names_so(
    pipeline: Pipeline, description: str, expected: str
) -> None:
    """The knowledge files' epithets ("businessman" for Donald Trump) name a person the
    article names, when no one else it names is described so."""
    a = run(
        pipeline,
        "Donald Trump and Ben Carson spoke to donors in Washington on Thursday.\n\n"
        f"Later, {description} said the crowd had been warm.\n",
        "2015-12-03",
    )
    assert speaker_of(a, "crowd had been warm")[1] == expected
    undated = run(pipeline, a.article.text, None)  # an epithet needs no date
    assert speaker_of(undated, "crowd had been warm")[1] == expected


def test_a_title_in_the_article_beats_an_epithet(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Donald Trump spoke in Ohio on Monday.\n\n"
        "John Doe, a local businessman, was in the crowd.\n\n"
        "The businessman said the speech had been short.\n",
        "2016-06-01",
    )
    assert speaker_of(a, "speech had been short")[0] == "John Doe"


def test_an_epithet_is_no_guess(pipeline: Pipeline) -> None:
    """Not when the article names no one so described, nor when it names two ("the
    billionaire" after Michael Bloomberg and Donald Trump)."""
    lone = run(
        pipeline,
        "Hillary Clinton spoke in Ohio on Monday.\n\n"
        "The businessman said the speech had been short.\n",
        "2016-06-01",
    )
    assert speaker_of(lone, "speech had been short")[1] != TRUMP
    two = run(
        pipeline,
        "Michael Bloomberg criticised Donald Trump in Philadelphia on Wednesday.\n\n"
        "The billionaire said the country deserved better.\n",
        "2016-07-27",
    )
    assert speaker_of(two, "deserved better")[1] not in (TRUMP, "Q607")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("The U.S. secretary of state", "sw:person/antony-blinken"),
        ("The head of the Pentagon", "sw:person/lloyd-austin"),
    ],
)
def test_role_phrases_with_of(pipeline: Pipeline, role: str, expected: str) -> None:
    """'of' (and 'the' after it) belongs to the role: "secretary of state", "head of the
    Pentagon" name their offices."""
    a = run(
        pipeline,
        "WASHINGTON (Reuters) - The United States announced new aid for Ukraine on Tuesday.\n\n"
        f"{role} said the package would arrive within weeks.\n",
        "2024-05-14",
    )
    assert speaker_of(a, "package would arrive")[1] == expected


def test_same_surname_people_stay_apart(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Melania Trump opened a children's hospital wing in New York on Monday.\n\n"
        "Donald Trump spoke at a rally in Ohio the same evening.\n\n"
        '"We are going to win big," Trump said.\n',
    )
    melania, donald = linked(a, "Melania Trump"), linked(a, "Donald Trump")
    assert melania != donald
    assert speaker_of(a, "win big")[1] == donald


def test_unknown_names_get_auto_ids_shared_by_spelling_variants(pipeline: Pipeline) -> None:
    one = run(pipeline, "Dmitri Ivanenko, a local official, inspected the bridge.\n")
    two = run(pipeline, "Dmitry Ivanenko, a local official, inspected the dam.\n")
    a, b = linked(one, "Dmitri Ivanenko"), linked(two, "Dmitry Ivanenko")
    assert a is not None and a.startswith("auto:person/")
    assert a == b


def test_look_alike_names_do_not_merge(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Alexander Lukashenko met Alexander Lukashevich in Minsk on Friday.\n",
    )
    assert linked(a, "Alexander Lukashenko") != linked(a, "Alexander Lukashevich")


def test_titles_are_cut_from_person_mentions(pipeline: Pipeline) -> None:
    a = run(pipeline, "Russian President Vladimir Putin arrived in Beijing on Tuesday.\n")
    texts = [a.article.text[m.start : m.end] for m in a.mentions if m.type == "PERSON"]
    assert texts == ["Vladimir Putin"]
    assert linked(a, "Vladimir Putin") == "Q7747"


def test_knowledge_names_fix_spacys_misses(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "The Kremlin rejected the proposal, and the West answered with sanctions.\n",
    )
    by_text = {a.article.text[m.start : m.end]: m for m in a.mentions}
    assert by_text["The Kremlin"].type == "ORG"
    assert by_text["The Kremlin"].entity == "sw:org/kremlin"
    assert by_text["the West"].entity == "sw:place/the-west"


def test_a_headline_noun_without_the_refers_back_like_the_noun(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "European Union leaders meet in Brussels.\n\n"
        "Bloc says it will rely less on U.S. support.\n",
    )
    assert speaker_of(a, "it will rely less") == ("European Union", "Q458")


def test_role_and_pronoun_speakers_are_mentions_too(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Kremlin spokesman Dmitry Peskov spoke on Monday.\n\n"
        "The Kremlin spokesman said the proposal was unacceptable.\n",
    )
    roles = [m for m in a.mentions if m.how == "role"]
    assert roles and all(m.entity == PESKOV for m in roles)


def test_every_mention_links_to_a_listed_entity(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Ukrainian President Volodymyr Zelensky met NATO Secretary-General Mark Rutte in Kyiv.\n\n"
        '"We need more air defence," Zelensky said. The NATO chief promised help.\n',
    )
    ids = {e.id for e in a.entities}
    assert all(m.entity in ids for m in a.mentions if m.entity)
    assert {ZELENSKYY, RUTTE, KYIV, NATO} <= ids
    data = a.to_dict()
    assert Analysis.from_dict(data).to_dict() == data


def test_entities_can_be_switched_off() -> None:
    from saywho.pipeline.pipeline import Pipeline

    p = Pipeline(entities=False)
    a = p.analyze(Article(text='"We will see," Peskov told reporters.\n'))
    assert a.mentions == () and a.entities == ()
    assert all(q.speaker.entity is None for q in a.quotes)
    assert "entities" not in p.version


def test_a_possessive_source_is_its_owner(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Donald Trump released a tax plan on Monday.\n\n"
        "His website says the plan would cut taxes for every family.\n",
    )
    assert speaker_of(a, "cut taxes for every family")[0] == "Donald Trump"


def test_she_is_the_woman_by_her_given_name(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Bill Clinton and Hillary Clinton arrived in Iowa on Sunday.\n\n"
        "She said the campaign would visit every county.\n",
    )
    assert speaker_of(a, "every county")[0] == "Hillary Clinton"


def test_an_organisation_named_again_by_the_end_of_its_name(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "The Harbour City Times first reported the deal on Monday.\n\n"
        "The Times said the contract was worth two million euros.\n",
    )
    name, entity = speaker_of(a, "two million euros")
    assert entity == linked(a, "The Harbour City Times") == "auto:org/harbour-citi-times"
    assert name == "The Harbour City Times"


def test_role_nouns_in_the_narration_are_mentions(pipeline: Pipeline) -> None:
    a = run(
        pipeline,
        "Russian President Vladimir Putin met reporters. The NATO chief arrived in Kyiv on "
        "Monday, and the Kremlin spokesman declined to comment. The former NATO chief stayed "
        "home.\n",
        "2025-03-01",
    )
    roles = {a.article.text[m.start : m.end]: m.entity for m in a.mentions if m.how == "role"}
    assert roles == {"The NATO chief": RUTTE, "the Kremlin spokesman": PESKOV}


@pytest.mark.parametrize("date", ["2024-05-01", "2025-03-01", None])
def test_mentions_nest_or_stay_apart(pipeline: Pipeline, date: str | None) -> None:
    a = run(
        pipeline,
        "Kremlin spokesman Dmitry Peskov said the Kremlin would answer. The Kremlin spokesman "
        "added that the NATO secretary-general had misled the West. Ukrainian President "
        "Volodymyr Zelensky said the US-led bloc's head was right.\n",
        date,
    )
    spans = sorted(m.span for m in a.mentions)
    for i, x in enumerate(spans):
        for y in spans[i + 1 :]:
            nested = (x.start <= y.start and y.end <= x.end) or (
                y.start <= x.start and x.end <= y.end
            )
            assert not x.overlaps(y) or nested, (x, y)


@pytest.mark.parametrize("noun", ["network", "newspaper", "non-profit"])
def test_the_network_is_the_organisation_named_just_before(pipeline: Pipeline, noun: str) -> None:
    a = run(
        pipeline,
        "Regulators fined Baltic Vision Media on Monday over its coverage.\n\n"
        f"The {noun} said the fine was politically motivated.\n",
    )
    name, entity = speaker_of(a, "politically motivated")
    assert entity is not None and entity == linked(a, "Baltic Vision Media"), (name, entity)


def test_a_role_noun_is_never_the_country_that_spoke_before(pipeline: Pipeline) -> None:
    """ "the president" right after "The United States announced …" is a person; with the
    US and Ukraine both in the article it stays unresolved rather than becoming the US."""
    a = run(
        pipeline,
        "WASHINGTON (Reuters) - The United States announced new aid for Ukraine on Tuesday.\n\n"
        "The president said the package would arrive within weeks.\n",
        "2024-05-14",
    )
    assert speaker_of(a, "package would arrive")[1] != "Q30"


def test_a_generic_role_goes_to_the_country_the_article_is_about(pipeline: Pipeline) -> None:
    """ "the president" in an article that names Russia again and again and the United States
    once is Russia's president; when neither country dominates it stays unresolved."""
    about_russia = (
        "Russia said on Monday it would expand its navy. Russia plans new ships, and "
        "officials in Russia said the United States had been told in advance.\n\n"
        "Russia's defence budget has grown every year since 2014.\n\n"
        "The president said the new ships would patrol the Arctic.\n"
    )
    a = run(pipeline, about_russia, "2024-05-14")
    assert speaker_of(a, "patrol the Arctic")[1] == "Q7747"
    both = (
        "Russia and the United States held talks on Monday.\n\n"
        "The president said the talks had been useful.\n"
    )
    a = run(pipeline, both, "2024-05-14")
    assert speaker_of(a, "talks had been useful")[1] not in ("Q7747", "Q6279")


def test_the_i_of_a_signed_letter_is_its_signature(pipeline: Pipeline) -> None:
    """On a letters page, "I" in a letter is the writer whose name closes it."""
    a = run(
        pipeline,
        "LETTERS.\n\n"
        "I said to my neighbours that the new bridge was a waste of money.\n\n"
        "Margaret Okonkwo.\n\n"
        "Leeds.\n\n"
        "We told the council that the bus timetable had to change.\n\n"
        "Tomasz Wierzbicki.\n\n"
        "York.\n",
        "2024-05-14",
    )
    assert speaker_of(a, "waste of money")[0] == "Margaret Okonkwo"
    assert speaker_of(a, "bus timetable")[0] == "Tomasz Wierzbicki"


def test_an_organisation_modifying_a_noun_is_not_a_person_it_titles(pipeline: Pipeline) -> None:
    """ "the IMF report stated": the IMF speaks, not "IMF chief economist Maury Obstfeld"
    (spaCy's root of "the IMF" there is "the", which hangs from "report")."""
    a = run(
        pipeline,
        "WASHINGTON (AP) - IMF chief economist Maury Obstfeld presented the outlook on Tuesday.\n\n"
        '"The ultimate impact remains very unclear," the IMF report stated.\n',
        "2016-10-05",
    )
    assert speaker_of(a, "ultimate impact")[0] == "International Monetary Fund"


def test_a_named_poll_speaks_by_its_name(pipeline: Pipeline) -> None:
    """A poll the article names is the speaker, by its name ("New York Times/CBS News
    poll"), also when named again shorter or as "the poll"; a poll with no name before it
    speaks for the organisation it comes from."""
    a = run(
        pipeline,
        "Clinton led in Iowa.\n\n"
        "A New York Times/CBS News poll conducted last week found that voters were split.\n\n"
        "A Times/CBS News poll in December found that turnout would be high.\n\n"
        "The poll also found that many voters were undecided.\n\n"
        "A poll from Marquette Law School found that Wisconsin was close.\n",
        "2016-01-29",
    )
    assert speaker_of(a, "voters were split")[0] == "New York Times/CBS News poll"
    assert speaker_of(a, "turnout would be high")[0] == "New York Times/CBS News poll"
    assert speaker_of(a, "many voters were undecided")[0] == "New York Times/CBS News poll"
    assert speaker_of(a, "Wisconsin was close")[0] == "Marquette Law School"


def test_one_pollsters_poll_speaks_for_the_pollster(pipeline: Pipeline) -> None:
    """A poll named by one pollster speaks for the pollster ("Morning Consult"), also as
    "the results" later and as "a new poll" just before the name; a joint poll keeps its
    name (above)."""
    a = run(
        pipeline,
        "Trump and Clinton are tied, a new poll indicates.\n\n"
        "The Morning Consult Poll found that 44 percent of voters back Clinton.\n\n"
        "The results also showed that turnout would be high.\n",
        "2016-01-23",
    )
    assert speaker_of(a, "are tied")[0] == "Morning Consult"
    assert speaker_of(a, "44 percent")[0] == "Morning Consult"
    assert speaker_of(a, "turnout would be high")[0] == "Morning Consult"
    a = run(
        pipeline,
        "Trump leads.\n\n"
        "A recent Washington Post-University of Maryland poll found that most voters were "
        "worried.\n",
        "2016-01-23",
    )
    assert speaker_of(a, "most voters")[0] == "Washington Post-University of Maryland poll"


def test_the_agency_is_the_subject_just_before(pipeline: Pipeline) -> None:
    """ "The agency" after a sentence whose subject is the FBI is the FBI, though the
    article named the Central Intelligence Agency earlier; "the bureau" is the FBI too."""
    a = run(
        pipeline,
        "The CIA briefed senators on Monday.\n\n"
        "In a letter filed last month, the FBI confirmed that it was reviewing the emails. "
        'The agency said it would "not comment on the scope of the review."\n\n'
        'The bureau said the review "would take months."\n',
        "2016-03-03",
    )
    assert speaker_of(a, "scope of the review")[1] == "sw:org/fbi"
    assert speaker_of(a, "would take months")[1] == "sw:org/fbi"


@pytest.mark.parametrize(
    ("government", "country"),
    [
        ("The Russian government", "Q159"),
        ("The U.S. government", "Q30"),
        ("The Saudi government", "Q851"),
    ],
)
def test_a_national_government_is_its_country(
    pipeline: Pipeline, government: str, country: str
) -> None:
    a = run(
        pipeline,
        f"{government} said the sanctions would fail.\n",
        "2016-07-07",
    )
    assert speaker_of(a, "sanctions would fail")[1] == country


def test_a_new_main_subject_ends_the_last_speakers_claim_on_he(pipeline: Pipeline) -> None:
    """ "he" just after a quote goes to its speaker, unless someone else has since become
    the subject of a sentence's main verb."""
    a = run(
        pipeline,
        '"We will win," Donald Trump said at the debate.\n\n'
        "When Mr. Trump tried to defend his remarks, Mr. Kasich forcefully differed.\n\n"
        '"That is simply wrong," he said.\n',
        "2016-03-11",
    )
    assert speaker_of(a, "simply wrong")[0] == "Kasich"


def test_a_role_word_the_model_takes_for_a_verb_does_not_stop_the_analysis(
    pipeline: Pipeline,
) -> None:
    # the small model tags this "POTUS" as a verb: a role mention with no content words
    text = (
        "Who helped make him governor of California? And who helped make him POTUS?\n\n"
        "It was always his wife."
    )
    a = run(pipeline, text, "2016-03-07")
    assert a.article.text == text
    assert all(m.entity for m in a.mentions)

"""Quote extraction on short wire-style articles: kinds, content, cues, speakers.

Every case runs the whole pipeline (spaCy parse, CRF tagger, assembly, speakers,
blocks); see ``tests/conftest.py`` for where the quote model comes from.
"""

from __future__ import annotations

import pytest

from saywho.model import Article
from saywho.pipeline.pipeline import Pipeline

from .helpers import (
    Analyze,
    Expect,
    check,
    check_spans,
    content,
    cue,
    describe,
    find,
    mention,
    quotes_with,
    straight,
)

pytestmark = pytest.mark.slow


# -- direct quotes: cue before, after, in the middle ------------------------------------

PUTIN_BEFORE = (
    "MOSCOW (Reuters) - Russian President Vladimir Putin on Tuesday defended the military "
    "campaign in Ukraine.\n\n"
    "Putin said: “We did not start this war, and we will not be the ones to end it on "
    "someone else’s terms.”\n"
)
ZELENSKY_AFTER = (
    "KYIV (AP) - Ukraine’s allies pledged more air defence systems on Monday.\n\n"
    "“We need more Patriots, and we need them now,” Ukrainian President Volodymyr Zelensky "
    "told reporters in Kyiv.\n"
)
LAVROV_ADDING = (
    "MOSCOW (Reuters) - Russia’s foreign minister dismissed Western peace proposals on "
    "Wednesday.\n\n"
    "“There is nothing to discuss until the West accepts the new realities,” Sergei Lavrov "
    "said, adding that Moscow remained open to talks with Washington.\n"
)
BLINKEN_TWO = (
    "WASHINGTON (Reuters) - U.S. Secretary of State Antony Blinken met Ukrainian officials "
    "in Washington on Thursday.\n\n"
    "“The support of the American people has not wavered,” Blinken said at a news "
    "conference.\n\n"
    "“We will keep working with Congress to get Ukraine what it needs,” he said.\n"
)

DIRECT_CASES = {
    "cue-before": (
        PUTIN_BEFORE,
        [
            Expect(
                "We did not start this war",
                "direct",
                "Vladimir Putin",
                cue="said",
                exact="We did not start this war, and we will not be the ones to end it on "
                "someone else’s terms",
            )
        ],
    ),
    "cue-after": (
        ZELENSKY_AFTER,
        [
            Expect(
                "We need more Patriots",
                "direct",
                "Volodymyr Zelenskyy",
                cue="told",
                exact="We need more Patriots, and we need them now",
            )
        ],
    ),
    "cue-middle-adding": (
        LAVROV_ADDING,
        [
            Expect(
                "There is nothing to discuss",
                "direct",
                "Sergey Lavrov",
                cue="said",
                exact="There is nothing to discuss until the West accepts the new realities",
            ),
            Expect(
                "Moscow remained open to talks",
                "indirect",
                "Sergey Lavrov",
                cue="adding",
                exact="Moscow remained open to talks with Washington",
            ),
        ],
    ),
    "two-paragraphs-pronoun": (
        BLINKEN_TWO,
        [
            Expect("has not wavered", "direct", "Antony Blinken", cue="said"),
            Expect("keep working with Congress", "direct", "Antony Blinken", cue="said"),
        ],
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(DIRECT_CASES), ids=list(DIRECT_CASES))
def test_direct(analyze: Analyze, case: str, marks: str) -> None:
    text, expected = DIRECT_CASES[case]
    if marks == "straight":
        text = straight(text)
    check(analyze(text), expected)


BAERBOCK = (
    "BRUSSELS (AP) - Foreign Minister Annalena Baerbock arrived in Brussels for talks with "
    "her European counterparts.\n\n"
)
BROKEN = {
    "pronoun": (
        BAERBOCK + "“We stand with Ukraine,” she said. “And we will stand with Ukraine for as "
        "long as it takes.”\n",
        ("We stand with Ukraine", "And we will stand with Ukraine for as long as it takes"),
    ),
    "name": (
        BAERBOCK + "“Europe has to wake up,” Baerbock told reporters before the meeting. “Our "
        "security is at stake in Ukraine.”\n",
        ("Europe has to wake up", "Our security is at stake in Ukraine"),
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_quote_broken_by_its_cue(analyze: Analyze, case: str, marks: str) -> None:
    """“A,” she said. “B.” → one quote of two pieces, or two quotes; both hers."""
    text, pieces = BROKEN[case]
    if marks == "straight":
        text = straight(text)
    a = analyze(text)
    check_spans(a)
    for piece in pieces:
        found = quotes_with(a, piece)
        assert len(found) == 1, f"{piece!r} in {len(found)} quotes:\n{describe(a)}"
        q = found[0]
        assert q.kind == "direct", describe(a)
        assert q.speaker.name == "Annalena Baerbock", describe(a)
        assert q.cue is not None, describe(a)


HARMAN_NEXT_PARAGRAPH = (
    "WASHINGTON (AP) - The White House sent Congress a plan on Tuesday to close the prison at "
    "Guantanamo Bay.\n\n"
    "“Closing the prison is an imperative,” Harman said. “It has been a black eye on our "
    "foreign policy.”\n\n"
    "While civil rights groups praised the latest attempt to shut the facility, they said the "
    "plan did not go far enough.\n"
)


@pytest.mark.parametrize("marks", ["curly", "straight"])
def test_broken_quote_stays_whole_before_a_new_paragraph_with_a_cue(
    analyze: Analyze, marks: str
) -> None:
    """A reporting verb in the next paragraph ("praised") is not B's own cue, even where
    spaCy's sentence runs on over the paragraph break."""
    text = HARMAN_NEXT_PARAGRAPH if marks == "curly" else straight(HARMAN_NEXT_PARAGRAPH)
    a = analyze(text)
    check_spans(a)
    q = find(a, "Closing the prison is an imperative")
    assert content(a, q) == (
        "Closing the prison is an imperative It has been a black eye on our foreign policy"
    ), describe(a)
    assert cue(a, q) == "said", describe(a)


RUBIO_NEW_SENTENCE = (
    "WASHINGTON (Reuters) - Senator Marco Rubio said on Friday that the party's nominee was "
    "unfit to be commander-in-chief. “I stand by everything I said during the campaign,” the "
    "Florida senator told reporters.\n"
)


def test_a_quoted_sentence_after_reported_speech_is_its_own_quote(analyze: Analyze) -> None:
    """'X said that A. “B,” he told reporters' is two statements with two cues, not one run."""
    a = analyze(RUBIO_NEW_SENTENCE)
    check_spans(a)
    reported = find(a, "unfit to be commander-in-chief")
    direct = find(a, "I stand by everything I said during the campaign")
    assert reported is not direct, describe(a)
    assert direct.kind == "direct" and cue(a, direct) == "told", describe(a)
    assert cue(a, reported) == "said", describe(a)


# -- news multi-paragraph quotes ---------------------------------------------------------

MULTI_PARAGRAPH = {
    "cue-before": (
        "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky urged allies on Sunday to "
        "speed up deliveries of air defence systems.\n\n"
        "Zelensky said: “Every day of delay costs us lives.\n\n"
        "“The time for talk is over.”\n"
    ),
    "cue-middle": (
        "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky urged allies on Sunday to "
        "speed up deliveries of air defence systems.\n\n"
        "“Every day of delay costs us lives, and our cities are shelled every night,” Zelensky "
        "said in his nightly video address. “Our people are waiting for help and we need more "
        "systems now.\n\n"
        "“We are grateful for everything our partners have done, but the time for talk is "
        "over.”\n"
    ),
    "cue-after": (
        "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky urged allies on Sunday to "
        "speed up deliveries of air defence systems.\n\n"
        "“Every day of delay costs us lives. Our cities are shelled every night.\n\n"
        "“We are grateful for everything our partners have done, but the time for talk is "
        "over,” Zelensky said in his nightly video address.\n"
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(MULTI_PARAGRAPH), ids=list(MULTI_PARAGRAPH))
def test_multi_paragraph_quote(analyze: Analyze, case: str, marks: str) -> None:
    """An opening mark on each paragraph, the closing one only at the end: one quote."""
    text = MULTI_PARAGRAPH[case]
    if marks == "straight":
        text = straight(text)
    a = analyze(text)
    check(
        a,
        [
            Expect(
                "Every day of delay costs us lives", "direct", "Volodymyr Zelenskyy", cue="said"
            ),
        ],
    )
    q = quotes_with(a, "Every day of delay")[0]
    assert "the time for talk is over" in content(a, q).lower(), describe(a)
    second_paragraph = text.index("\n\n“" if marks == "curly" else '\n\n"', text.index("Every"))
    assert q.start < second_paragraph < q.end, describe(a)


# -- marks: nested, unbalanced -----------------------------------------------------------

NESTED = (
    "WASHINGTON (AP) - U.S. Secretary of State Antony Blinken said on Monday the alliance "
    "would remain united.\n\n"
    "“When they tell us ‘the West is tired,’ they are mistaken. We are not tired,” Blinken "
    "said at a press conference.\n"
)


@pytest.mark.parametrize("marks", ["curly", "straight"])
def test_nested_single_quotes(analyze: Analyze, marks: str) -> None:
    text = NESTED if marks == "curly" else straight(NESTED)
    inner = "‘the West is tired,’" if marks == "curly" else "'the West is tired,'"
    check(
        analyze(text),
        [
            Expect(
                "the West is tired",
                "direct",
                "Antony Blinken",
                cue="said",
                exact=f"When they tell us {inner} they are mistaken. We are not tired",
            )
        ],
    )


UNBALANCED = {
    "never-closed-mid-article": (
        "KYIV (AP) - Ukrainian Foreign Minister Dmytro Kuleba said on Monday that talks had "
        "stalled.\n\n"
        "“We are ready to meet, but Russia keeps raising new demands, Kuleba told reporters in "
        "Kyiv.\n\n"
        "He said Ukraine would attend the summit in Switzerland.\n"
    ),
    "never-closed-at-end": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin said on Tuesday that Russia was "
        "ready for talks.\n\n"
        "Putin told reporters: “We have never refused to negotiate."
    ),
    "stray-closing-mark": (
        "MOSCOW (Reuters) - Russian President Vladimir Putin said on Tuesday that Russia was "
        "ready for talks.” The Kremlin did not comment further.\n"
    ),
    "lone-mark-at-start": "“",
    "lone-mark-at-end": "Putin said the West was lying “",
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(UNBALANCED), ids=list(UNBALANCED))
def test_unbalanced_marks(analyze: Analyze, case: str, marks: str) -> None:
    """An opening mark never closed: no crash, and every span stays valid."""
    text = UNBALANCED[case]
    if marks == "straight":
        text = straight(text)
    check_spans(analyze(text))


def test_unclosed_mark_stays_in_its_paragraph(analyze: Analyze) -> None:
    a = analyze(UNBALANCED["never-closed-mid-article"])
    check(a, [Expect("Ukraine would attend the summit", "indirect", "Dmytro Kuleba", cue="said")])


def test_unclosed_quote_keeps_its_cue(analyze: Analyze) -> None:
    a = analyze(UNBALANCED["never-closed-mid-article"])
    check(
        a,
        [
            Expect(
                "We are ready to meet",
                ("direct", "mixed"),
                "Dmytro Kuleba",
                cue="told",
                exact="We are ready to meet, but Russia keeps raising new demands",
            )
        ],
    )


# -- indirect and mixed ------------------------------------------------------------------

INDIRECT_CASES = {
    "said-that": (
        "KYIV (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba said on Friday that Kyiv "
        "would not cede any territory in exchange for a ceasefire.\n\n"
        "Kuleba said that the country’s partners understood its position.\n",
        [
            Expect(
                "Kyiv would not cede any territory",
                "indirect",
                "Dmytro Kuleba",
                cue="said",
                exact="Kyiv would not cede any territory in exchange for a ceasefire",
            ),
            Expect(
                "partners understood its position",
                "indirect",
                "Dmytro Kuleba",
                cue="said",
                exact="the country’s partners understood its position",
            ),
        ],
    ),
    "said-without-that": (
        "MOSCOW (Reuters) - Kremlin spokesman Dmitry Peskov said the talks with Washington were "
        "constructive but difficult.\n",
        [
            Expect(
                "the talks with Washington",
                "indirect",
                "Dmitry Peskov",
                cue="said",
                exact="the talks with Washington were constructive but difficult",
            ),
        ],
    ),
    "post-posed": (
        "BERLIN (Reuters) - German Foreign Minister Annalena Baerbock met her Ukrainian "
        "counterpart in Berlin on Monday.\n\n"
        "Germany would host a reconstruction conference for Ukraine later this year, the "
        "minister explained.\n",
        [
            Expect(
                "reconstruction conference",
                "indirect",
                "Annalena Baerbock",
                cue="explained",
                exact="Germany would host a reconstruction conference for Ukraine later this year",
            ),
        ],
    ),
    "described-as": (
        "MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov described the sanctions as "
        "an act of economic war against the Russian people.\n",
        [
            Expect("an act of economic war", "indirect", "Sergey Lavrov", cue="described"),
        ],
    ),
    "asked-if": (
        "KYIV (Reuters) - Ukraine’s President Volodymyr Zelensky visited troops near the front "
        "line on Saturday.\n\n"
        "Asked if Kyiv was ready to negotiate, Zelensky told reporters that there could be no "
        "talks while Russian troops remained on Ukrainian soil.\n",
        [
            Expect(
                "there could be no talks",
                "indirect",
                "Volodymyr Zelenskyy",
                cue="told",
                exact="there could be no talks while Russian troops remained on Ukrainian soil",
            ),
        ],
    ),
}


@pytest.mark.parametrize("case", list(INDIRECT_CASES), ids=list(INDIRECT_CASES))
def test_indirect(analyze: Analyze, case: str) -> None:
    text, expected = INDIRECT_CASES[case]
    check(analyze(text), expected)


MIXED_CASES = {
    "fragment-mid-sentence": (
        "BRUSSELS (Reuters) - NATO chief Jens Stoltenberg said the alliance would “never "
        "accept” the illegal annexation of Ukrainian land.\n",
        Expect("never accept", "mixed", "Jens Stoltenberg", cue="said"),
    ),
    "fragment-at-end": (
        "MOSCOW (AP) - Russian President Vladimir Putin said on Thursday that Western weapons "
        "deliveries were “a direct path to escalation”.\n",
        Expect("a direct path to escalation", "mixed", "Vladimir Putin", cue="said"),
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(MIXED_CASES), ids=list(MIXED_CASES))
def test_mixed(analyze: Analyze, case: str, marks: str) -> None:
    """Reported speech with a quoted fragment inside is one quote of kind mixed."""
    text, expected = MIXED_CASES[case]
    if marks == "straight":
        text = straight(text)
    a = analyze(text)
    check(a, [expected])
    q = quotes_with(a, expected.words)[0]
    assert content(a, q) != expected.words, f"only the fragment was taken:\n{describe(a)}"


# -- scare quotes and titles are not quotes ----------------------------------------------

SCARE = {
    "so-called": (
        "MOSCOW (Reuters) - Russian officials blamed so-called “Ukrainian” strikes for the "
        "fire at the refinery on Monday.\n\n"
        "Kremlin spokesman Dmitry Peskov said the investigation would take several weeks.\n",
        "Ukrainian",
    ),
    "event-name": (
        "GENEVA (Reuters) - Switzerland will host a “peace conference” on Ukraine in June, the "
        "government announced on Wednesday.\n\n"
        "German Foreign Minister Annalena Baerbock said the European Union would keep "
        "supporting Kyiv.\n",
        "peace conference",
    ),
    "book-title": (
        "KYIV (Reuters) - The ministers received copies of “The Gates of Europe”, a history "
        "of Ukraine by Serhii Plokhy, at the start of the meeting.\n\n"
        "Ukrainian Foreign Minister Dmytro Kuleba said the history of his country was often "
        "misunderstood abroad.\n",
        "The Gates of Europe",
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(SCARE), ids=list(SCARE))
def test_scare_quotes_are_not_quotes(analyze: Analyze, case: str, marks: str) -> None:
    text, words = SCARE[case]
    if marks == "straight":
        text = straight(text)
    a = analyze(text)
    check_spans(a)
    assert all(content(a, q) != words for q in a.quotes), describe(a)
    # the real statement in the article is still found
    assert any(
        q.kind == "indirect" and "said" in q.cue.text(text) for q in a.quotes if q.cue is not None
    ), describe(a)


# -- whole-article invariants ------------------------------------------------------------

ALL_TEXTS = (
    [text for text, _ in DIRECT_CASES.values()]
    + list(MULTI_PARAGRAPH.values())
    + [NESTED]
    + list(UNBALANCED.values())
    + [text for text, _ in INDIRECT_CASES.values()]
    + [text for text, _ in MIXED_CASES.values()]
    + [text for text, _ in SCARE.values()]
    + ["", "\n\n", "No one said anything.", "“”", '"""', "Putin said:\n\n“\n\n”"]
)


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("text", ALL_TEXTS)
def test_spans_are_valid(analyze: Analyze, text: str, marks: str) -> None:
    """Every span lies in the text; pieces in order; no two quotes overlap."""
    check_spans(analyze(text if marks == "curly" else straight(text)))


def test_pipe_matches_analyze(pipeline: Pipeline, analyze: Analyze) -> None:
    """Streaming many articles gives the same quotes as one at a time."""
    texts = [text for text, _ in INDIRECT_CASES.values()] + [PUTIN_BEFORE, NESTED]
    streamed = list(pipeline.pipe(Article(text=t) for t in texts))
    assert [a.quotes for a in streamed] == [analyze(t).quotes for t in texts]


OPENING_STATEMENT = (
    "WASHINGTON (AP) - The senator spoke to voters.\n\n"
    "Sanders praised his recent wins in caucuses and primaries in his opening statement of "
    "the debate.\n"
)


def test_an_occasion_after_reported_speech_belongs_to_the_cue(analyze: Analyze) -> None:
    """'in his opening statement' hangs from 'praised', not from what he praised."""
    a = analyze(OPENING_STATEMENT)
    check_spans(a)
    q = find(a, "his recent wins")
    assert content(a, q) == "his recent wins in caucuses and primaries", describe(a)


EXPECTED_SALE = (
    "NEW YORK (AP) - The media company announced the deal on Monday.\n\n"
    "The sale is expected to expand the company's move into internet assets and media.\n"
)


def test_the_subject_of_a_passive_cue_is_part_of_the_content(analyze: Analyze) -> None:
    """'[The sale] is expected [to expand …]': one attribution of two pieces, as PolNeAR
    annotates it, not two quotes."""
    a = analyze(EXPECTED_SALE)
    check_spans(a)
    q = find(a, "to expand the company's move")
    assert content(a, q) == "The sale to expand the company's move into internet assets and media"
    assert len(q.content) == 2 and cue(a, q) == "is expected", describe(a)


ADDING = (
    "WASHINGTON (AP) - The campaign chairman spoke on Sunday.\n\n"
    "“We have started all those conversations,” Manafort said, adding: “He cares about a "
    "united party.”\n"
)


@pytest.mark.parametrize("marks", ["curly", "straight"])
def test_a_second_cue_between_two_quotes_starts_a_new_quote(analyze: Analyze, marks: str) -> None:
    """“A,” he said, adding: “B.” is two statements, the second cued by 'adding'."""
    a = analyze(ADDING if marks == "curly" else straight(ADDING))
    check_spans(a)
    first = find(a, "We have started all those conversations")
    second = find(a, "He cares about a united party")
    assert first is not second, describe(a)
    assert cue(a, first) == "said" and cue(a, second) == "adding", describe(a)
    assert second.speaker.name == first.speaker.name, describe(a)


ACCORDING = {
    "before": (
        "WASHINGTON (AP) - The race tightened this week.\n\n"
        "According to a 2013 study by two economists, the recession is partly to blame for "
        "lost jobs.\n",
        "the recession is partly to blame for lost jobs",
        "a 2013 study by two economists",
    ),
    "after": (
        "WASHINGTON (AP) - The race tightened this week.\n\n"
        "Her negative ratings have been rising and now outweigh her positives by 24 points, "
        "according to the latest NBC poll.\n",
        "Her negative ratings have been rising and now outweigh her positives by 24 points",
        "the latest NBC poll",
    ),
}


@pytest.mark.parametrize("case", list(ACCORDING), ids=list(ACCORDING))
def test_according_to_attributes_the_whole_clause(analyze: Analyze, case: str) -> None:
    """'According to Y, X.' and 'X, according to Y.': Y is the source of all of X."""
    text, clause, source = ACCORDING[case]
    a = analyze(text)
    check_spans(a)
    q = find(a, clause)
    assert content(a, q) == clause, describe(a)
    assert cue(a, q).lower() == "according to" and mention(a, q) == source, describe(a)


def test_min_confidence_filters_quotes(pipeline: Pipeline) -> None:
    """Quotes under the pipeline's min_confidence are not reported; 0.0 keeps them all."""
    from saywho.pipeline.pipeline import Pipeline as P

    every = P(nlp=pipeline.nlp, min_confidence=0.0)
    strict = P(nlp=pipeline.nlp, min_confidence=0.95)
    art = Article(text=LAVROV_ADDING + "\n" + BLINKEN_TWO)
    found = every.analyze(art).quotes
    kept = strict.analyze(art).quotes
    assert len(kept) < len(found) and all(q.confidence >= 0.95 for q in kept)
    assert [q for q in found if q.confidence >= 0.95] == list(kept)


LABELLED = (
    "Kasich: ‘We Are Going To Go All The Way To Cleveland’\n\n"
    "The governor spoke to supporters on Tuesday.\n\n"
    "WATCH: The full rally in under two minutes.\n\n"
    "Partial transcript as follows:\n\n"
    "JAKE TAPPER: The debate starts at nine tonight and both candidates are ready.\n"
)


def test_a_name_and_a_colon_open_a_statement(analyze: Analyze) -> None:
    """Headlines ("Kasich: ‘…’") and transcript lines ("JAKE TAPPER: …") are quotes of the
    name before the colon; section labels ("WATCH:") and "… as follows:" are not."""
    a = analyze(LABELLED)
    check_spans(a)
    headline = find(a, "We Are Going To Go All The Way To Cleveland")
    assert cue(a, headline) == "" or a.article.text[headline.cue.start] == ":", describe(a)
    assert mention(a, headline) == "Kasich", describe(a)
    transcript = find(a, "The debate starts at nine tonight")
    assert mention(a, transcript) == "JAKE TAPPER", describe(a)
    assert not quotes_with(a, "The full rally in under two minutes"), describe(a)


def test_according_to_never_overlaps_a_quote_inside_the_clause(analyze: Analyze) -> None:
    """'According to the poll, most voters say X': the voters' quote stays; no outer quote
    is laid over it (quotes do not overlap)."""
    a = analyze(
        "WASHINGTON (AP) - A new poll was published on Monday.\n\n"
        "According to the poll, most voters say the economy is the most important issue.\n"
    )
    check_spans(a)
    assert quotes_with(a, "the economy is the most important issue"), describe(a)


def test_reported_speech_around_a_parenthetical_attribution(analyze: Analyze) -> None:
    """'X, officials said, Y.': two content pieces around the cue, the source in between."""
    a = analyze(
        "WASHINGTON (AP) - The review of the visa was thorough.\n\n"
        "The applicant also had two in-person interviews, federal officials said, the first "
        "by a consular officer and the second by an immigration officer.\n"
    )
    check_spans(a)
    q = find(a, "had two in-person interviews")
    assert len(q.content) == 2 and cue(a, q) == "said", describe(a)
    assert mention(a, q) == "federal officials", describe(a)
    assert "the first by a consular officer" in content(a, q), describe(a)


def test_min_confidence_is_part_of_the_pipeline_version(pipeline: Pipeline) -> None:
    """A store re-analyses articles analysed with another quote threshold."""
    from saywho.pipeline.pipeline import Pipeline as P

    assert P(nlp=pipeline.nlp).version == pipeline.version
    assert "min_confidence=0" in P(nlp=pipeline.nlp, min_confidence=0.0).version

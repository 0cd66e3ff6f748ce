"""Unmarked block quotes: first-person paragraphs after "X said:" or after X's quote.

The rules must stay conservative: first-person narration (op-eds, reportage) is
common in real news and is not a quote.
"""

from __future__ import annotations

import pytest

from saywho.pipeline.blocks import with_blocks
from saywho.pipeline.pipeline import Pipeline
from saywho.pipeline.quotes import assemble

from .helpers import Analyze, Expect, check, check_spans, describe, norm, straight

pytestmark = pytest.mark.slow

LEAD = (
    "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky thanked Western partners on "
    "Sunday for new military aid.\n\n"
)
SPEECH = (
    "We are grateful to every partner who stands with us. Our soldiers are holding the line, "
    "and I am confident that we will return every part of our land."
)
SPEECH_2 = "I ask every one of you to keep going. We have no right to be tired."

BLOCKS = {
    "said-colon": (
        LEAD + f"In his nightly address, Zelensky said:\n\n{SPEECH}\n",
        "said",
    ),
    "told-colon": (
        LEAD + f"Zelensky told lawmakers in Kyiv:\n\n{SPEECH}\n",
        "told",
    ),
    "role-noun-wrote-colon": (
        LEAD + f"In a video posted on Telegram, the president wrote:\n\n{SPEECH}\n",
        "wrote",
    ),
    "after-his-direct-quote": (
        LEAD + "Zelensky said in his nightly address: “This package will save lives.”\n\n"
        f"{SPEECH}\n",
        "said",
    ),
}


@pytest.mark.parametrize("marks", ["curly", "straight"])
@pytest.mark.parametrize("case", list(BLOCKS), ids=list(BLOCKS))
def test_block_quote(analyze: Analyze, case: str, marks: str) -> None:
    text, cue = BLOCKS[case]
    if marks == "straight":
        text = straight(text)
    a = analyze(text)
    check(
        a,
        [
            Expect(
                "We are grateful to every partner",
                "block",
                "Volodymyr Zelenskyy",
                cue=cue,
                exact=norm(SPEECH),
            )
        ],
    )
    # the block replaces whatever pieces of it the tagger took for quotes of their own
    start = text.index(SPEECH)
    inside = [q for q in a.quotes if q.start < start + len(SPEECH) and q.end > start]
    assert len(inside) == 1, describe(a)


def test_block_goes_on_until_the_writer_speaks(analyze: Analyze) -> None:
    text = (
        LEAD + f"In his nightly address, Zelensky said:\n\n{SPEECH}\n\n{SPEECH_2}\n\n"
        "The address came hours after a missile strike on Kharkiv killed four people.\n"
    )
    a = analyze(text)
    check(
        a,
        [
            Expect(
                "We are grateful", "block", "Volodymyr Zelenskyy", cue="said", exact=norm(SPEECH)
            ),
            Expect("keep going", "block", "Volodymyr Zelenskyy", cue="said", exact=norm(SPEECH_2)),
        ],
    )
    assert not [q for q in a.quotes if "missile strike" in q.content_text(text)], describe(a)


def test_quoted_paragraph_after_an_intro_takes_its_cue(analyze: Analyze) -> None:
    text = (
        LEAD
        + "The president said:\n\n“We will not give up Kharkiv. We will defend every street.”\n"
    )
    check(
        analyze(text),
        [
            Expect(
                "We will not give up Kharkiv",
                "direct",
                "Volodymyr Zelenskyy",
                cue="said",
                exact="We will not give up Kharkiv. We will defend every street",
            ),
        ],
    )


NOT_BLOCKS = {
    "op-ed-narration": (
        "LONDON (Reuters) - I have covered the war in Ukraine since its first day.\n\n"
        "What I saw in Kharkiv this spring was different. We drove past villages that no "
        "longer exist.\n\n"
        "My colleagues and I spent the night in a metro station with our driver.\n"
    ),
    "narration-after-a-post-posed-quote": (
        LEAD + "“This package will save lives,” Zelensky said.\n\n"
        "I asked him later whether it would be enough. We spoke for ten minutes, and my "
        "impression was that he did not think so.\n"
    ),
    "colon-without-a-speaker": (
        "KYIV (Reuters) - Ukrainian President Volodymyr Zelensky visited the front line on "
        "Sunday.\n\n"
        "Here is what we know:\n\n"
        "We know that the city has been shelled for three days. Our team has seen the damage.\n"
    ),
    "writer-quoting-themselves": (
        "LONDON (Reuters) - I have covered the war in Ukraine since its first day.\n\n"
        "Last week I wrote:\n\n"
        "We drove past villages that no longer exist. My driver was silent for an hour.\n"
    ),
    "colon-before-a-third-person-paragraph": (
        LEAD + "Zelensky said:\n\n"
        "The parliament passed the law with 280 votes. It now goes to the president.\n\n"
        "I think the vote came too late.\n"
    ),
    "not-a-reporting-verb": (
        "KYIV (Reuters) - The mood in Kyiv has changed since the winter.\n\n"
        "The sign on the door read:\n\n"
        "We are closed until the air raid alert is over. Our staff are in the shelter.\n"
    ),
}


@pytest.mark.parametrize("case", list(NOT_BLOCKS), ids=list(NOT_BLOCKS))
def test_not_a_block(analyze: Analyze, case: str) -> None:
    a = analyze(NOT_BLOCKS[case])
    check_spans(a)
    assert not [q for q in a.quotes if q.kind == "block"], describe(a)


@pytest.mark.parametrize("case", ["said-colon", "after-his-direct-quote"])
def test_with_blocks_leaves_its_input_alone(pipeline: Pipeline, case: str) -> None:
    """``with_blocks`` returns a new list with the blocks and leaves its input alone."""
    doc = pipeline.nlp(BLOCKS[case][0])
    raws = assemble(doc, pipeline.tagger.segments(doc))
    before = [(r.content, r.cue, r.source) for r in raws]
    whole = with_blocks(doc, raws)
    assert [(r.content, r.cue, r.source) for r in raws] == before
    assert any(r.kind == "block" for r in whole)

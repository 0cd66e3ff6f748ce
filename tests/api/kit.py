"""A hand-written corpus for the workbench tests: one statement reported by three outlets,
an entity-linked speaker, an unlinked one, and a few weeks of dates."""

from __future__ import annotations

from saywho.model import Analysis

from ..store.storekit import analysis, quote

LOPEZ = "Q3874799"

A1 = (
    "Finance Minister Maria Lopez said on Monday that the government would not raise taxes "
    'this year. "We will not raise taxes this year," Lopez told reporters in Harbour City.'
)
A2 = (
    '"We will not raise taxes this year," Maria Lopez insisted on Tuesday, as the opposition '
    "leader John Smith said the budget was a fantasy."
)
A3 = (
    "The government will not raise taxes this year, finance minister Maria Lopez announced. "
    'Smith warned that "the numbers do not add up".'
)
A4 = 'Peace talks resumed in Geneva. "Negotiations are going well," John Smith said.'
A5 = "A quiet day at the harbour; the ferries ran on time and nobody said anything."


def workbench_corpus() -> list[Analysis]:
    return [
        analysis(
            A1,
            [
                quote(
                    A1,
                    "the government would not raise taxes this year",
                    speaker="Maria Lopez",
                    mention="Finance Minister Maria Lopez",
                    entity=LOPEZ,
                    cue="said",
                    kind="indirect",
                ),
                quote(
                    A1,
                    '"We will not raise taxes this year,"',
                    speaker="Maria Lopez",
                    mention="Lopez",
                    entity=LOPEZ,
                    cue="told reporters",
                ),
            ],
            title="No new taxes, says Lopez",
            date="2024-05-06",
            outlet="Harbour Gazette",
            line=1,
        ),
        analysis(
            A2,
            [
                quote(
                    A2,
                    '"We will not raise taxes this year,"',
                    speaker="Maria Lopez",
                    mention="Maria Lopez",
                    entity=LOPEZ,
                    cue="insisted",
                ),
                quote(
                    A2,
                    "the budget was a fantasy",
                    speaker="John Smith",
                    mention="the opposition leader John Smith",
                    cue="said",
                    kind="indirect",
                ),
            ],
            title="Lopez insists: no tax rise",
            date="2024-05-07",
            outlet="The Clarion",
            author="By JANE ROE",
            line=2,
            layers={"claims": [{"start": 38, "end": 49, "label": "tax pledge"}]},
        ),
        analysis(
            A3,
            [
                quote(
                    A3,
                    "The government will not raise taxes this year",
                    speaker="Maria Lopez",
                    mention="finance minister Maria Lopez",
                    entity=LOPEZ,
                    cue="announced",
                    kind="indirect",
                ),
                quote(
                    A3,
                    '"the numbers do not add up"',
                    speaker="John Smith",
                    mention="Smith",
                    cue="warned",
                    kind="mixed",
                ),
            ],
            title="Tax freeze announced",
            date="2024-05-08",
            outlet="Daily Bugle",
            line=3,
        ),
        analysis(
            A4,
            [
                quote(
                    A4,
                    '"Negotiations are going well,"',
                    speaker="John Smith",
                    mention="John Smith",
                    cue="said",
                )
            ],
            title="Geneva talks resume",
            date="2024-06-20",
            outlet="Daily Bugle",
            line=4,
        ),
        analysis(A5, [], title="Harbour day", date=None, outlet=None, line=5),
    ]

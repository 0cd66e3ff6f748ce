"""Hand-built analyses for the store tests: short made-up articles, spans via str.index."""

from __future__ import annotations

import datetime as dt
from typing import Any

from saywho.model import Analysis, Article, Quote, Source, Span, Speaker


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part))


def quote(
    text: str,
    content: str | list[str],
    *,
    speaker: str | None = None,
    mention: str | None = None,
    entity: str | None = None,
    cue: str | None = None,
    kind: str = "direct",
    confidence: float = 0.9,
) -> Quote:
    parts = [content] if isinstance(content, str) else content
    return Quote(
        kind=kind,
        content=tuple(span(text, p) for p in parts),
        cue=span(text, cue) if cue else None,
        speaker=Speaker(
            mention=span(text, mention) if mention else None, name=speaker, entity=entity
        ),
        confidence=confidence,
    )


def analysis(
    text: str,
    quotes: tuple[Quote, ...] | list[Quote] = (),
    *,
    title: str | None = None,
    date: str | None = None,
    outlet: str | None = None,
    pipeline: str = "test-1",
    path: str | None = "corpus.jsonl",
    line: int | None = 1,
    layers: dict[str, Any] | None = None,
    author: str | None = None,
) -> Analysis:
    article = Article(
        text=text,
        title=title,
        date=dt.date.fromisoformat(date) if date else None,
        outlet=outlet,
        url=None,
        source=Source(path=path, line=line, format="jsonl"),
        author=author,
    )
    return Analysis(
        article=article, quotes=tuple(quotes), pipeline=pipeline, layers=dict(layers or {})
    )


T1 = 'Inflation will fall next year, Mayor Ana Ruiz said on Monday. "We are ready," she added.'
T2 = (
    'The minister told reporters that taxes would not rise. "The budget is balanced," '
    "said Tom Baker, the finance minister."
)
T3 = 'Critics disagreed. "This plan is reckless," Ruiz\'s rival, Joe Park, said at a rally.'
T4 = "An article about the weather, with no quotes at all."


def corpus(pipeline: str = "test-1") -> list[Analysis]:
    """Four articles over three dates and two outlets (plus one without an outlet)."""
    return [
        analysis(
            T1,
            [
                quote(
                    T1,
                    "Inflation will fall next year",
                    speaker="Ana Ruiz",
                    mention="Mayor Ana Ruiz",
                    cue="said",
                    kind="indirect",
                    entity="Q1",
                ),
                quote(T1, "We are ready,", speaker="Ana Ruiz", mention="she", cue="added"),
            ],
            title="Mayor upbeat on prices",
            date="2024-03-01",
            outlet="Daily Bugle",
            pipeline=pipeline,
            line=1,
        ),
        analysis(
            T2,
            [
                quote(
                    T2,
                    "taxes would not rise",
                    speaker="Tom Baker",
                    mention="The minister",
                    cue="told reporters",
                    kind="indirect",
                ),
                quote(
                    T2,
                    "The budget is balanced,",
                    speaker="Tom Baker",
                    mention="Tom Baker",
                    cue="said",
                ),
            ],
            title="No tax rise",
            date="2024-03-02",
            outlet="The Clarion",
            pipeline=pipeline,
            line=2,
            layers={"sentiment": [{"start": 0, "end": 3, "label": "X"}]},
        ),
        analysis(
            T3,
            [
                quote(
                    T3,
                    "This plan is reckless,",
                    speaker="Joe Park",
                    mention="Joe Park",
                    cue="said",
                    confidence=0.75,
                ),
            ],
            title="Rival attacks plan",
            date="2024-03-03",
            outlet="daily bugle",
            pipeline=pipeline,
            line=3,
        ),
        analysis(T4, [], title="Weather", date=None, outlet=None, pipeline=pipeline, line=4),
    ]

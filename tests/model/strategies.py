"""Hypothesis strategies for valid saywho model objects: spans inside a random text."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from saywho.model import QUOTE_KINDS, Analysis, Article, Quote, Source, Span, Speaker
from saywho.model.analysis import RESERVED_KEYS

#: The fixed top-level keys of the JSON form (layers may use any other key).
FIELDS = RESERVED_KEYS

#: Layers whose shape the JSON Schema describes (the rhetoric components of issue #4).
DESCRIBED_LAYERS = frozenset({"claims", "narratives", "threats", "techniques"})

json_values: st.SearchStrategy[Any] = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)

#: Confidences that survive ``to_dict``'s rounding to 4 decimals unchanged.
confidences = st.integers(0, 10_000).map(lambda i: i / 10_000)

optional_text = st.none() | st.text(max_size=30)


@st.composite
def spans(draw: st.DrawFn, n: int) -> Span:
    """A valid span inside a text of length ``n``."""
    a = draw(st.integers(0, n))
    b = draw(st.integers(0, n))
    return Span(min(a, b), max(a, b))


@st.composite
def quotes(draw: st.DrawFn, n: int) -> Quote:
    return Quote(
        kind=draw(st.sampled_from(QUOTE_KINDS)),
        content=tuple(draw(st.lists(spans(n), min_size=1, max_size=3))),
        cue=draw(st.none() | spans(n)),
        speaker=Speaker(
            mention=draw(st.none() | spans(n)),
            name=draw(optional_text),
            entity=draw(st.none() | st.text(max_size=8)),
        ),
        confidence=draw(confidences),
    )


@st.composite
def articles(draw: st.DrawFn, text: st.SearchStrategy[str] | None = None) -> Article:
    return Article(
        text=draw(text if text is not None else st.text(max_size=200)),
        title=draw(optional_text),
        date=draw(st.none() | st.dates()),
        outlet=draw(optional_text),
        url=draw(st.none() | st.just("https://example.org/a") | st.text(max_size=20)),
        language=draw(st.sampled_from(["en", "de", "fr", "uk"]) | st.text(min_size=1, max_size=5)),
        source=Source(
            path=draw(optional_text),
            line=draw(st.none() | st.integers(1, 2**31)),
            format=draw(st.none() | st.sampled_from(["canonical", "text", "jsonl", "csv"])),
        ),
        author=draw(optional_text | st.sampled_from(["Susan Page", "By JIM RUTENBERG"])),
    )


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    article = draw(articles())
    n = len(article.text)
    return Analysis(
        article=article,
        quotes=tuple(draw(st.lists(quotes(n), max_size=4))),
        pipeline=draw(st.text(max_size=20)),
        layers=draw(
            st.dictionaries(
                st.text(max_size=8).filter(lambda k: k not in FIELDS | DESCRIBED_LAYERS),
                json_values,
                max_size=3,
            )
        ),
    )

"""Property: whatever valid analysis goes in, get() gives back an equal to_dict()."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from saywho.model import QUOTE_KINDS, Analysis, Article, Quote, Source, Span, Speaker
from saywho.store import Store

_KNOWN = {
    "id",
    "title",
    "date",
    "outlet",
    "url",
    "language",
    "source",
    "text",
    "schema",
    "pipeline",
    "quotes",
}

_json: st.SearchStrategy[Any] = st.recursive(
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


@st.composite
def spans(draw: st.DrawFn, n: int) -> Span:
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
            name=draw(st.none() | st.text(max_size=20)),
            entity=draw(st.none() | st.text(max_size=8)),
        ),
        confidence=draw(st.floats(0, 1)),
    )


@st.composite
def analyses(draw: st.DrawFn) -> Analysis:
    text = draw(st.text(min_size=1, max_size=300))
    article = Article(
        text=text,
        title=draw(st.none() | st.text(max_size=40)),
        date=draw(st.none() | st.dates()),
        outlet=draw(st.none() | st.text(max_size=15)),
        url=draw(st.none() | st.just("https://example.org/a")),
        language=draw(st.sampled_from(["en", "de", "fr"])),
        source=Source(
            path=draw(st.none() | st.text(max_size=20)),
            line=draw(st.none() | st.integers(0, 10**9)),
            format=draw(st.none() | st.sampled_from(["jsonl", "txt"])),
        ),
    )
    layers = draw(
        st.dictionaries(st.text(max_size=8).filter(lambda k: k not in _KNOWN), _json, max_size=3)
    )
    return Analysis(
        article=article,
        quotes=tuple(draw(st.lists(quotes(len(text)), max_size=4))),
        pipeline=draw(st.text(max_size=12)),
        layers=layers,
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(analyses(), min_size=1, max_size=4))
def test_add_get_round_trip(items: list[Analysis]) -> None:
    with Store(":memory:") as s:
        result = s.add(items, batch_size=2)
        assert result.failed == 0
        ids = {a.id for a in items}
        assert result.added == len(ids)
        for aid in ids:
            stored = s.get(aid)
            assert stored is not None
            assert stored.to_dict() == _last_written(items, aid).to_dict()
        n_quotes = sum(len(_last_written(items, aid).quotes) for aid in ids)
        assert len(list(s.quotes())) == n_quotes
        s.check()


def _last_written(items: list[Analysis], aid: str) -> Analysis:
    """Which analysis of an article the store holds: a later one replaces an earlier one
    only when its pipeline version differs."""
    kept: Analysis | None = None
    for a in items:
        if a.id == aid and (kept is None or kept.pipeline != a.pipeline):
            kept = a
    assert kept is not None
    return kept

"""Property: whatever valid analysis goes in, get() gives back an equal to_dict()."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from saywho.model import Analysis
from saywho.store import Store

from ..model.strategies import analyses


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
        # the columns (what re-analysis reads back) hold the same article, byline included
        assert {a.id: a for a in s.articles()} == {
            aid: _last_written(items, aid).article for aid in ids
        }
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

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saywho.store import Store
from saywho.store.fts import match_expression, quote_term

from .storekit import corpus


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("budget", '"budget"'),
        ("Budget  tax", '"Budget" AND "tax"'),
        ("infl*", '"infl"*'),
        ("infl**", '"infl"*'),
        ('"climate change" tax', '"climate change" AND "tax"'),
        ('"climate chan"*', '"climate chan"*'),
        ('he said "x', '"he" AND "said" AND """x"'),
        ("AND (", '"AND"'),
        ("NEAR(a b)", '"NEAR(a" AND "b)"'),
        ('a"b', '"a""b"'),
        ("x\x00y", '"x" AND "y"'),
    ],
)
def test_match_expression(query: str, expected: str) -> None:
    assert match_expression(query) == expected


@pytest.mark.parametrize("query", ["", "   ", '"', '""', "*", "( ) -", "\x00", '" "'])
def test_no_words_means_no_expression(query: str) -> None:
    assert match_expression(query) is None


def test_columns() -> None:
    assert match_expression("a b", columns=("content_text",)) == ('{content_text} : ("a" AND "b")')
    with pytest.raises(ValueError):
        match_expression("a", columns=("x; DROP",))


def test_quote_term() -> None:
    assert quote_term('say "hi"') == '"say ""hi"""'


_FTS_CHARS = st.sampled_from(
    list("\"*()^:{}-+ ,.'\\%_[]\x00\t\n") + ["AND", "OR", "NOT", "NEAR", "budget"]
)
_QUERIES = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(_FTS_CHARS, st.text(max_size=4)), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(_QUERIES)
def test_any_query_is_valid_fts5(query: str) -> None:
    with Store(":memory:") as s:
        s.add(corpus()[1:2])
        list(s.quotes(text=query))
        list(s.search_articles(query))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=10))
def test_every_word_of_a_quote_finds_it(word: str) -> None:
    text = f'The mayor said "we value {word} highly" yesterday.'
    from .storekit import analysis, quote

    with Store(":memory:") as s:
        s.add([analysis(text, [quote(text, f"we value {word} highly", speaker="Mayor")])])
        assert len(list(s.quotes(text=word))) == 1
        assert len(list(s.quotes(text=f"{word} highly"))) == 1

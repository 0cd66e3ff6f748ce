"""The workbench's search language and its highlighting."""

from __future__ import annotations

import pytest

from saywho.store.ftsquery import QuerySyntaxError, compile_query, highlight


@pytest.mark.parametrize(
    ("query", "expr"),
    [
        ("climate tax", '("climate" AND "tax")'),
        ('"climate change"', '"climate change"'),
        ("clim*", '"clim"*'),
        ("tax OR levy", '"tax" OR "levy"'),
        ("tax -income", '"tax" NOT "income"'),
        ("a OR b c -d", '("a" OR ("b" AND "c")) NOT "d"'),
        ("AND ( NEAR(", '("AND" AND "NEAR(")'),
    ],
)
def test_compile(query: str, expr: str) -> None:
    assert compile_query(query) == expr


@pytest.mark.parametrize("query", ['"open', "OR x", "x OR", "*", "-x", "a*b", "", '""', "x" * 600])
def test_syntax_errors(query: str) -> None:
    with pytest.raises(QuerySyntaxError):
        compile_query(query)


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        ("We will not raise Taxes.", "taxes", "We will not raise \ue000Taxes\ue001."),
        ("Negotiations go on", "negot*", "\ue000Negotiations\ue001 go on"),
        ("peace  talks, now", '"peace talks"', "\ue000peace  talks\ue001, now"),
        ("taxes, not income", "taxes -income", "\ue000taxes\ue001, not income"),
        ("taxation", "tax", "taxation"),
    ],
)
def test_highlight(text: str, query: str, expected: str) -> None:
    assert highlight(text, query) == expected


def test_highlight_cuts_long_text_around_the_first_match() -> None:
    text = "x " * 500 + "needle " + "y " * 500
    out = highlight(text, "needle", width=100)
    assert out.startswith("…") and out.endswith("…") and "\ue000needle\ue001" in out
    assert len(out) < 110

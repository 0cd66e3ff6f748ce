"""A strict, small search language for the workbench, compiled to FTS5 MATCH expressions.

Unlike :func:`saywho.store.fts.match_expression` (which accepts anything and never fails),
this parser tells the user what is wrong with a query, so the web UI can say it:

* ``climate tax``          both words (``"climate" AND "tax"``)
* ``"climate change"``     the phrase
* ``clim*``                a prefix
* ``tax OR levy``          either
* ``tax -income``          ``tax`` but not ``income``

Every word still becomes an FTS5 *string*, so no input reaches FTS5's own syntax.
:class:`QuerySyntaxError` names the problem and the fix.
"""

from __future__ import annotations

import re

from ..errors import StoreError
from .fts import quote_term

__all__ = ["QuerySyntaxError", "compile_query"]

_TOKEN = re.compile(r'-?"[^"]*"\*?|\S+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_QUERY_CHARS = 500
MAX_TERMS = 32


class QuerySyntaxError(StoreError):
    """A search query the workbench cannot read; the message says how to write it."""


def _has_word(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


def _term(token: str) -> tuple[bool, str]:
    """``(negated, fts5 string)`` for one token."""
    negated = token.startswith("-") and len(token) > 1
    if negated:
        token = token[1:]
    star = ""
    if token.startswith('"'):
        body = token[1:]
        if body.endswith("*"):
            body, star = body[:-1], "*"
        if not body.endswith('"') or len(body) < 1:
            raise QuerySyntaxError(
                'a phrase is missing its closing quote ("); close it, e.g. "peace talks"'
            )
        phrase = body[:-1]
        if not _has_word(phrase):
            raise QuerySyntaxError('an empty phrase ""; put words between the quotes')
        return negated, quote_term(" ".join(phrase.split())) + star
    if '"' in token:
        raise QuerySyntaxError(
            f'unbalanced quote in {token!r}; put phrases in double quotes, e.g. "peace talks"'
        )
    if token.endswith("*"):
        token, star = token.rstrip("*"), "*"
    if "*" in token:
        raise QuerySyntaxError(
            f"* can only end a word (a prefix search such as negot*), not stand inside {token!r}"
        )
    if not _has_word(token):
        if star:
            raise QuerySyntaxError("* needs a prefix before it, e.g. negot*")
        return negated, ""
    return negated, quote_term(token) + star


def compile_query(query: str) -> str:
    """The FTS5 expression for ``query``; QuerySyntaxError with a hint when it cannot be read."""
    query = _CONTROL.sub(" ", query or "").strip()
    if not query:
        raise QuerySyntaxError('the search query is empty; type a word, a "phrase" or a prefix*')
    if len(query) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(
            f"the search query is {len(query)} characters long; keep it under {MAX_QUERY_CHARS}"
        )
    if query.count('"') % 2:
        raise QuerySyntaxError(
            'a phrase is missing its closing quote ("); close it, e.g. "peace talks"'
        )
    groups: list[list[str]] = [[]]  # OR of ANDs
    negations: list[str] = []
    pending_or = False
    tokens = _TOKEN.findall(query)
    if len(tokens) > MAX_TERMS:
        raise QuerySyntaxError(f"too many words ({len(tokens)}); use at most {MAX_TERMS}")
    for token in tokens:
        if token == "OR":
            if not groups[-1] or pending_or:
                raise QuerySyntaxError("OR needs a word on each side, e.g. tax OR levy")
            pending_or = True
            continue
        negated, term = _term(token)
        if not term:
            continue
        if negated:
            negations.append(term)
            continue
        if pending_or:
            groups.append([])
            pending_or = False
        groups[-1].append(term)
    if pending_or:
        raise QuerySyntaxError("OR needs a word on each side, e.g. tax OR levy")
    groups = [g for g in groups if g]
    if not groups:
        if negations:
            raise QuerySyntaxError(
                "a query cannot only exclude words; add a word to look for, e.g. tax -income"
            )
        raise QuerySyntaxError("the query has no words to search for; type a word or a phrase")
    ands = ["(" + " AND ".join(g) + ")" if len(g) > 1 else g[0] for g in groups]
    expr = " OR ".join(ands)
    if len(ands) > 1 and negations:
        expr = "(" + expr + ")"
    for term in negations:
        expr += " NOT " + term
    return expr

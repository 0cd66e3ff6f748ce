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

__all__ = ["QuerySyntaxError", "compile_query", "highlight"]

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


_WORD = re.compile(r"\w+")
MARKS = ("\ue000", "\ue001")


def _patterns(query: str) -> list[re.Pattern[str]]:
    """One regex per searched (not excluded) word or phrase of ``query``."""
    out = []
    for token in _TOKEN.findall(_CONTROL.sub(" ", query or "")):
        if token == "OR" or (token.startswith("-") and len(token) > 1):
            continue
        prefix = token.endswith("*")
        words = _WORD.findall(token)
        if not words:
            continue
        body = r"\W+".join(re.escape(w) for w in words)
        out.append(re.compile(r"(?<!\w)" + body + (r"\w*" if prefix else r"(?!\w)"), re.I))
    return out


def highlight(text: str, query: str, *, width: int = 240) -> str:
    """``text`` cut to about ``width`` characters around its first match, with every match of
    the query's words between ``\\ue000`` and ``\\ue001`` (the marks search results carry)."""
    text = text.replace(MARKS[0], "").replace(MARKS[1], "")
    spans: list[tuple[int, int]] = []
    for pattern in _patterns(query):
        spans += [m.span() for m in pattern.finditer(text)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    lo, hi = 0, len(text)
    if len(text) > width:
        first = merged[0][0] if merged else 0
        lo = max(0, first - width // 3)
        hi = min(len(text), lo + width)
    out, pos = [], lo
    for s, e in merged:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out += [text[pos:s], MARKS[0], text[s:e], MARKS[1]]
        pos = e
    out.append(text[pos:hi])
    return ("…" if lo > 0 else "") + "".join(out).strip() + ("…" if hi < len(text) else "")

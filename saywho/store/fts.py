"""Safe FTS5 query building: arbitrary user input becomes a MATCH expression that never raises.

FTS5 has its own query language (``AND``, ``OR``, ``NOT``, ``NEAR(...)``, ``col:``, ``^``,
``"phrases"``, ``*``). Users of saywho type plain words, and a fact-checker's search for
``he said "x`` or ``AND (`` must not become a syntax error. So every word is turned into an
FTS5 *string* (a phrase, with ``"`` doubled), and the strings are joined with ``AND``:

* ``climate tax``            → ``"climate" AND "tax"``
* ``"climate change" tax``   → ``"climate change" AND "tax"`` (balanced quotes make a phrase)
* ``clim*``                  → ``"clim"*`` (a trailing ``*`` makes a prefix query)
* ``AND ( NEAR(``            → ``"AND" AND "NEAR"`` (operators are just words; ``(`` is dropped)

Words with no letter or digit in them would become empty phrases, which in FTS5 make the
whole ``AND`` match nothing, so they are dropped. A query with no words left matches nothing:
:func:`match_expression` returns ``None`` and callers return no rows.
"""

from __future__ import annotations

import re

__all__ = ["match_expression", "quote_term"]

# A balanced "quoted phrase" (with an optional trailing *), or a run of non-space characters.
_TERM = re.compile(r'"([^"]*)"(\*?)|(\S+)')
# Characters FTS5's C parser cannot take inside a string (it stops at NUL) or that are noise.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_COLUMN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _has_word(s: str) -> bool:
    return any(ch.isalnum() for ch in s)


def quote_term(term: str) -> str:
    """``term`` as an FTS5 string literal: wrapped in ``"`` with inner ``"`` doubled."""
    return '"' + term.replace('"', '""') + '"'


def match_expression(query: str, *, columns: tuple[str, ...] = ()) -> str | None:
    """The FTS5 MATCH expression for a user's ``query``, or ``None`` if it has no words.

    ``columns`` restricts the match to those FTS columns (names come from saywho's own
    code, never from users, and are checked to be plain identifiers).
    """
    query = _CONTROL.sub(" ", query)
    terms: list[str] = []
    for m in _TERM.finditer(query):
        if m.group(3) is None:
            phrase, star = m.group(1), m.group(2)
        else:
            phrase, star = m.group(3), ""
            if phrase.endswith("*"):
                phrase, star = phrase.rstrip("*"), "*"
        if _has_word(phrase):
            terms.append(quote_term(phrase) + star)
    if not terms:
        return None
    expr = " AND ".join(terms)
    if columns:
        for col in columns:
            if not _COLUMN.fullmatch(col):
                raise ValueError(f"not an FTS column name: {col!r}")
        expr = "{" + " ".join(columns) + "} : (" + expr + ")"
    return expr

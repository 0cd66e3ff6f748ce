"""Checks shared by the pipeline behaviour tests: readable views of quotes and the
span invariants every analysis must keep."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from saywho.model import Analysis, Quote

#: The ``analyze`` fixture: article body → Analysis.
Analyze = Callable[[str], Analysis]

# Edge characters trimmed before comparing content: quote marks, punctuation, spaces.
_EDGE = "\"'“”‘’„«»‹›`.,;:!?—–- \n\t"


def norm(text: str) -> str:
    """Content text as words: edges trimmed of marks and punctuation, spaces collapsed,
    a leading complementiser ("that …") dropped."""
    text = " ".join(text.split()).strip(_EDGE)
    text = re.sub(r"^that\s+", "", text, flags=re.IGNORECASE)
    return text.strip(_EDGE)


def content(a: Analysis, q: Quote) -> str:
    """The quote's pieces, each trimmed, joined by one space."""
    return " ".join(norm(s.text(a.article.text)) for s in q.content)


def cue(a: Analysis, q: Quote) -> str:
    return norm(q.cue.text(a.article.text)) if q.cue else ""


def mention(a: Analysis, q: Quote) -> str:
    m = q.speaker.mention
    return m.text(a.article.text) if m else ""


def describe(a: Analysis) -> str:
    """All quotes of an analysis, one per line, for assertion messages."""
    lines = [
        f"[{q.kind}] {content(a, q)!r} cue={cue(a, q)!r} "
        f"mention={mention(a, q)!r} name={q.speaker.name!r}"
        for q in a.quotes
    ]
    return "\n".join(lines) or "(no quotes)"


def find(a: Analysis, words: str) -> Quote:
    """The one quote whose content holds ``words`` (fails with all quotes shown)."""
    found = [q for q in a.quotes if words in content(a, q)]
    assert found, f"no quote contains {words!r}; got:\n{describe(a)}"
    assert len(found) == 1, f"{len(found)} quotes contain {words!r}:\n{describe(a)}"
    return found[0]


def quotes_with(a: Analysis, words: str) -> list[Quote]:
    return [q for q in a.quotes if words in content(a, q)]


@dataclass(frozen=True)
class Expect:
    """One quote expected in an article.

    ``words``: contained in the content (also how the quote is found); ``exact``: the
    whole content, when given; ``cue``: a word the cue must contain; ``kinds``: the
    accepted kinds.
    """

    words: str
    kind: str | tuple[str, ...]
    speaker: str
    cue: str | None = None
    exact: str | None = None

    @property
    def kinds(self) -> tuple[str, ...]:
        return (self.kind,) if isinstance(self.kind, str) else self.kind


def check(a: Analysis, expected: Iterable[Expect]) -> None:
    """Every expected quote is there with its kind, content, cue and speaker."""
    check_spans(a)
    for e in expected:
        q = find(a, e.words)
        shown = describe(a)
        assert q.kind in e.kinds, f"kind {q.kind!r}, expected {e.kinds}:\n{shown}"
        if e.exact is not None:
            assert straight(content(a, q)) == straight(e.exact), shown
        if e.cue is not None:
            words = cue(a, q).lower().split()
            assert e.cue in words, f"cue {cue(a, q)!r} lacks {e.cue!r}:\n{shown}"
            assert len(words) <= 6, f"cue {cue(a, q)!r} too long:\n{shown}"
        assert q.speaker.name == e.speaker, f"speaker of {e.words!r}:\n{shown}"


def check_spans(a: Analysis) -> None:
    """Spans lie in the text, pieces run in order without overlap, quotes do not overlap."""
    n = len(a.article.text)
    for q in a.quotes:
        spans = list(q.content) + [s for s in (q.cue, q.speaker.mention) if s is not None]
        for s in spans:
            assert 0 <= s.start <= s.end <= n, f"span {s} outside text of length {n}"
        for s in q.content:
            assert s.start < s.end, f"empty content piece {s}"
        for left, right in zip(q.content, q.content[1:], strict=False):
            assert left.end <= right.start, f"pieces out of order or overlapping: {q.content}"
    pieces = sorted(s for q in a.quotes for s in q.content)
    for left, right in zip(pieces, pieces[1:], strict=False):
        assert not left.overlaps(right), f"quotes overlap at {left} / {right}:\n{describe(a)}"


def straight(text: str) -> str:
    """The same article with straight quote marks and apostrophes."""
    return text.translate(str.maketrans("“”‘’", "\"\"''"))

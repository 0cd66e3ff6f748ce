"""Plain-text files, with or without the canonical header.

Canonical format::

     date 2024-01-02 The title
    <blank line>
    The body, paragraphs separated by blank lines, kept exactly as read.

The header line is ``' date YYYY-MM-DD Title'`` (the leading space is optional).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import ArticleError, InputError
from ..model.article import Article, Source
from ._io import decode, open_checked, read_all
from ._options import ReadOptions
from ._record import parse_date

__all__ = ["parse_text", "read_text"]

HEADER = re.compile(r"\s?date\s+(\S+)")
_EOL = re.compile(r"\r\n|\r|\n")


def _line_at(text: str, start: int) -> tuple[str, int]:
    """The line starting at ``start`` (without its ending) and where the next one starts."""
    match = _EOL.search(text, start)
    if match is None:
        return text[start:], len(text)
    return text[start : match.start()], match.end()


def parse_text(
    text: str, where: str, *, canonical: bool = True, outlet: str | None = None
) -> Article:
    """An Article from the decoded contents of a text file.

    With ``canonical``, a first line matching the header is parsed: the text is then
    everything after the header line and the blank line that follows it, verbatim.
    Without a header (or without ``canonical``) the whole file is the text.
    Raises :class:`ArticleError` for a malformed header date or an empty article.
    """
    title = None
    date = None
    body = text
    fmt = "text"
    first, after = _line_at(text, 0)
    header = HEADER.match(first) if canonical else None
    if header is not None:
        raw_date = header.group(1)
        try:
            date = parse_date(raw_date, allow_datetime=False)
        except ValueError:
            raise ArticleError(
                f"malformed header date {raw_date!r} (expected ' date YYYY-MM-DD Title'); "
                "fix the date or remove the header line",
                path=where,
                line=1,
            ) from None
        title = first[header.end() :].strip() or None
        blank, after_blank = _line_at(text, after)
        if after < len(text) and not blank.strip():
            after = after_blank
        body = text[after:]
        fmt = "canonical"
    if not body.strip():
        what = (
            "no text after the header"
            if header is not None
            else "the file is empty or only whitespace"
        )
        raise ArticleError(
            f"empty article ({what}); add the article text or leave the file out",
            path=where,
        )
    return Article(
        text=body,
        title=title,
        date=date,
        outlet=outlet,
        source=Source(path=where, line=None, format=fmt),
    )


def read_text(
    path: Path, options: ReadOptions, *, canonical: bool
) -> Iterator[Article | InputError]:
    """Read one text file: yields one Article, or one InputError."""
    where = str(path)
    outlet = options.outlet
    if outlet is None and options.outlet_from_parent:
        outlet = path.absolute().parent.name or None
    try:
        with open_checked(path, options.max_bytes) as stream:
            data = read_all(stream, options.max_bytes, where)
        yield parse_text(decode(data, where), where, canonical=canonical, outlet=outlet)
    except InputError as exc:
        yield exc

"""Build an Article from the fields of one JSONL record or CSV row; parse dates."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from ..errors import ArticleError
from ..model.article import Article, Source
from ._options import ReadOptions

__all__ = ["build_article", "parse_date"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ].+")


def parse_date(value: str, *, allow_datetime: bool = True) -> _dt.date:
    """Parse ``YYYY-MM-DD`` (or, if allowed, an ISO datetime: its date part).

    Raises ValueError for anything else, including ISO forms such as ``20240102``.
    """
    value = value.strip()
    if _DATE.fullmatch(value):
        return _dt.date.fromisoformat(value)
    if allow_datetime and _DATETIME.fullmatch(value):
        return _dt.datetime.fromisoformat(value).date()
    raise ValueError(f"not an ISO date: {value!r}")


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__


Getter = Callable[[str], object]


def _optional_str(get: Getter, name: str, where: str, line: int | None) -> str | None:
    value = get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ArticleError(
            f"field '{name}' must be a string, not {_type_name(value)}; fix or remove it",
            path=where,
            line=line,
        )
    return value.strip() or None


def build_article(
    get: Getter, options: ReadOptions, *, where: str, line: int | None, fmt: str
) -> Article:
    """An Article from ``get(field name)`` (None when the field is missing).

    The text is kept exactly as given; other string fields are stripped, and empty
    ones count as missing. Raises :class:`ArticleError` naming ``where`` and ``line``.
    """
    name = options.text_field
    text = get(name)
    if text is None:
        raise ArticleError(
            f"no '{name}' field; put the article text there or name its field with --text-field",
            path=where,
            line=line,
        )
    if not isinstance(text, str):
        raise ArticleError(
            f"field '{name}' must be a string, not {_type_name(text)}; fix the record",
            path=where,
            line=line,
        )
    if not text.strip():
        raise ArticleError(
            f"empty article (field '{name}' is empty); fill it or remove the record",
            path=where,
            line=line,
        )
    raw_date = _optional_str(get, options.date_field, where, line)
    date = None
    if raw_date is not None:
        try:
            date = parse_date(raw_date)
        except ValueError:
            raise ArticleError(
                f"malformed date {raw_date!r} in field '{options.date_field}' "
                "(expected YYYY-MM-DD or an ISO datetime); fix the date or remove the field",
                path=where,
                line=line,
            ) from None
    outlet = options.outlet or _optional_str(get, options.outlet_field, where, line)
    return Article(
        text=text,
        title=_optional_str(get, options.title_field, where, line),
        date=date,
        outlet=outlet,
        url=_optional_str(get, options.url_field, where, line),
        author=_optional_str(get, options.author_field, where, line),
        language=_optional_str(get, options.language_field, where, line) or "en",
        source=Source(path=where, line=line, format=fmt),
    )

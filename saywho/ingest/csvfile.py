"""CSV and TSV files: a header row naming the columns, then one article per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from ..errors import InputError
from ..model.article import Article
from ._io import decode, iter_lines, open_checked
from ._options import ReadOptions
from ._record import build_article

__all__ = ["read_csv"]


class _Reader(Protocol):
    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def _decoded_lines(stream: io.BufferedIOBase, max_bytes: int, where: str) -> Iterator[str]:
    """Physical lines, line endings kept (as csv wants), strictly decoded."""
    for line, offset, raw in iter_lines(stream, max_bytes, where):
        yield decode(raw, where, offset=offset, line=line)


def _blank(row: list[str]) -> bool:
    return not any(cell.strip() for cell in row)


def _raise_field_limit(limit: int) -> None:
    # The limit is process-wide; only ever raise it.
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def read_csv(path: Path, options: ReadOptions, *, delimiter: str) -> Iterator[Article | InputError]:
    """Yield an Article per good row and an InputError per bad one; blank rows are skipped.

    A missing text column is one InputError for the whole file. Line numbers are the
    physical line on which a row starts (the header is line 1 unless blank lines precede it).
    """
    where = str(path)
    _raise_field_limit(options.max_bytes)
    try:
        with open_checked(path, options.max_bytes) as stream:
            reader = csv.reader(
                _decoded_lines(stream, options.max_bytes, where), delimiter=delimiter, strict=True
            )
            yield from _rows(reader, options, where, delimiter)
    except InputError as exc:
        yield exc


def _header(reader: _Reader, where: str) -> list[str]:
    try:
        for row in reader:
            if not _blank(row):
                return [name.strip() for name in row]
    except csv.Error as exc:
        raise InputError(f"unreadable CSV header ({exc}); fix the first row", path=where) from None
    raise InputError(
        "empty CSV file (no header row); the first row must name the columns, e.g. text,title,date",
        path=where,
    )


def _rows(
    reader: _Reader, options: ReadOptions, where: str, delimiter: str
) -> Iterator[Article | InputError]:
    header = _header(reader, where)
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        columns.setdefault(name, index)
    if options.text_field not in columns:
        raise InputError(
            f"no '{options.text_field}' column (columns: {', '.join(header)}); "
            "name the column that holds the article text with --text-field",
            path=where,
            line=reader.line_num,
        )
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(f"bad CSV row ({exc}); check its quoting", path=where, line=start)
            continue
        if _blank(row):
            continue
        if len(row) != len(header):
            yield InputError(
                f"row has {len(row)} fields but the header has {len(header)}; "
                f"check the quoting and the delimiter ({delimiter!r})",
                path=where,
                line=start,
            )
            continue

        def get(name: str, row: list[str] = row) -> str | None:
            index = columns.get(name)
            return None if index is None else row[index]

        try:
            yield build_article(get, options, where=where, line=start, fmt="csv")
        except InputError as exc:
            yield exc

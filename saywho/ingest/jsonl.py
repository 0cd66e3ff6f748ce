"""JSON Lines (``.jsonl`` / ``.ndjson``): one JSON object per line, read one line at a time."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model.article import Article
from ._io import decode, iter_lines, open_checked
from ._options import ReadOptions
from ._record import build_article

__all__ = ["parse_line", "read_jsonl"]


def parse_line(raw: bytes, options: ReadOptions, *, where: str, line: int, offset: int) -> Article:
    """An Article from one raw JSONL line; raises :class:`InputError` naming the line."""
    text = decode(raw, where, offset=offset, line=line)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"broken JSON ({exc.msg} at column {exc.colno}); fix or remove this line",
            path=where,
            line=line,
        ) from None
    except (ValueError, RecursionError) as exc:
        raise InputError(
            f"unreadable JSON ({exc}); fix or remove this line", path=where, line=line
        ) from None
    if not isinstance(record, dict):
        kind = "an array" if isinstance(record, list) else type(record).__name__
        raise InputError(
            f"expected a JSON object per line, got {kind}; fix or remove this line",
            path=where,
            line=line,
        )
    return build_article(record.get, options, where=where, line=line, fmt="jsonl")


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    """Yield an Article per good line and an InputError per bad one; blank lines are skipped."""
    where = str(path)
    try:
        with open_checked(path, options.max_bytes) as stream:
            for line, offset, raw in iter_lines(stream, options.max_bytes, where):
                if not raw.strip():
                    continue
                try:
                    yield parse_line(raw, options, where=where, line=line, offset=offset)
                except InputError as exc:
                    yield exc
    except InputError as exc:
        yield exc

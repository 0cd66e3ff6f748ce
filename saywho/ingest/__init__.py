"""Readers: turn files into :class:`~saywho.model.article.Article` objects, streaming.

Formats, picked by suffix (after stripping ``.gz``, which is decompressed on the fly):

* ``.txt`` / ``.text``: one article; canonical header ``' date YYYY-MM-DD Title'`` optional
* ``.jsonl`` / ``.ndjson``: one JSON object per line
* ``.csv`` / ``.tsv``: a header row, then one article per row

:func:`read` yields Articles and, for each problem, an :class:`~saywho.errors.InputError`
(yielded, never raised), so one bad file or line never loses the good ones.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model.article import Article
from ._io import format_suffix
from ._options import ReadOptions
from .csvfile import read_csv
from .jsonl import read_jsonl
from .text import parse_text, read_text

__all__ = ["FORMATS", "ReadOptions", "iter_files", "parse_text", "read", "skipped_files"]

log = logging.getLogger(__name__)

FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
"""Known suffixes (each also with ``.gz``) and the reader each one picks."""

PathArg = str | os.PathLike[str]


def _as_list(paths: Iterable[PathArg] | PathArg) -> Iterable[PathArg]:
    # A lone path is a common slip: never iterate over the characters of a string.
    if isinstance(paths, str | os.PathLike):
        return [paths]
    return paths


def _walk_dir(folder: Path, unknown: bool = False) -> Iterator[Path | InputError]:
    """The files of known format under ``folder``, or with ``unknown`` those of no known
    format (which reading skips)."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as exc:
        yield InputError(
            f"cannot list directory: {exc.strerror or exc}; check its permissions",
            path=str(folder),
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_dir(path, unknown)
        elif entry.is_file() and (format_suffix(path) in FORMATS) != unknown:
            yield path
        elif not unknown:
            log.debug("skipping %s: not a file of a known format", path)


def _walk(paths: Iterable[PathArg] | PathArg) -> Iterator[Path | InputError]:
    """Each file to read, or an InputError for a folder that cannot be listed."""
    for item in _as_list(paths):
        path = Path(item)
        if path.is_dir():
            yield from _walk_dir(path)
        else:
            yield path


def skipped_files(paths: Iterable[PathArg] | PathArg) -> Iterator[Path]:
    """The files inside the folders of ``paths`` that :func:`read` skips: those of no
    known format ("page.html.gz"), so a caller can say so. Files named explicitly are
    never skipped."""
    items = [Path(item) for item in _as_list(paths)]
    named = {p.resolve() for p in items if not p.is_dir()}
    for path in items:
        if path.is_dir():
            for found in _walk_dir(path, unknown=True):
                if isinstance(found, Path) and found.resolve() not in named:
                    yield found


def iter_files(paths: Iterable[PathArg] | PathArg) -> Iterator[Path]:
    """The files :func:`read` would read, in order.

    Directories are walked recursively in sorted order, skipping hidden files and
    folders, symlinked folders and files of unknown format. Other paths are yielded as
    given, even when missing (:func:`read` reports those). Unlistable folders are
    logged and skipped.
    """
    for item in _walk(paths):
        if isinstance(item, InputError):
            log.warning("%s", item)
        else:
            yield item


def _read_file(path: Path, options: ReadOptions) -> Iterator[Article | InputError]:
    kind = FORMATS.get(format_suffix(path))
    try:
        if kind == "jsonl":
            yield from read_jsonl(path, options)
        elif kind == "csv":
            yield from read_csv(path, options, delimiter=options.csv_delimiter)
        elif kind == "tsv":
            yield from read_csv(path, options, delimiter="\t")
        else:  # .txt, or a file of unknown suffix named explicitly: plain text
            yield from read_text(path, options, canonical=kind == "text")
    except OSError as exc:
        yield InputError(f"read failed: {exc.strerror or exc}; check the file", path=str(path))


def read(
    paths: Iterable[PathArg] | PathArg, options: ReadOptions | None = None
) -> Iterator[Article | InputError]:
    """Stream the Articles in ``paths`` (files and folders), one at a time.

    Every problem is *yielded* as an :class:`~saywho.errors.InputError` (or its
    subclass :class:`~saywho.errors.ArticleError`) naming the file and, for JSONL and
    CSV, the line; reading then goes on. Files of unknown suffix are skipped inside
    folders, but read as plain text when named explicitly.
    """
    options = options or ReadOptions()
    for item in _walk(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from _read_file(item, options)

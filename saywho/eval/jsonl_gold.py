"""Reading JSONL gold: one hand-annotated quote per line, as in ``samples/gold.jsonl``.

Each line is a JSON object such as::

    {"file": "articles/capital-wire/2023-02-20-biden-visits-kyiv.txt", "kind": "direct",
     "content": "...", "cue": "said", "speaker_mention": "Biden", "speaker": "Joe Biden",
     "cue_occurrence": 1}

``file`` is the article's path relative to the JSONL file's folder; the article is read
as :mod:`saywho.ingest` reads it (canonical header and blank line dropped), and its body
is the text the substrings are found in. ``content``, ``cue`` and ``speaker_mention``
are exact substrings of the body (``cue`` and ``speaker_mention`` may be ``null``);
where one occurs more than once, ``occurrence`` / ``cue_occurrence`` /
``speaker_mention_occurrence`` says which match (0-based, counting the matches
``str.find`` returns when each search starts one character after the previous one).
``speaker`` is the canonical name of whoever said it. Other fields (``kind``, ``tags``,
``note`` ...) are ignored here; ``samples/check_gold.py`` validates them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import EvalError, InputError
from ..ingest import read
from ..model import Article
from ..model.span import Span
from .brat import GoldDoc, GoldQuote

__all__ = ["find_occurrences", "jsonl_gold_name", "jsonl_lines", "locate", "read_jsonl_gold"]

_LOCATED = (
    ("content", "occurrence"),
    ("cue", "cue_occurrence"),
    ("speaker_mention", "speaker_mention_occurrence"),
)


def find_occurrences(text: str, sub: str) -> list[int]:
    """Start offsets of every match of ``sub`` in ``text``, overlapping matches included
    (each search starts one character after the previous match)."""
    out: list[int] = []
    i = text.find(sub)
    while i != -1:
        out.append(i)
        i = text.find(sub, i + 1)
    return out


def locate(body: str, sub: str, occurrence: int | None = None) -> Span:
    """The span of match number ``occurrence`` (0-based) of ``sub`` in ``body``.

    Without ``occurrence`` the substring must occur exactly once. Raises
    :class:`ValueError` with a short reason otherwise.
    """
    found = find_occurrences(body, sub)
    if not found:
        raise ValueError("not found in the article body")
    if occurrence is None:
        if len(found) > 1:
            raise ValueError(f"occurs {len(found)} times; say which with an occurrence field")
        occurrence = 0
    elif not 0 <= occurrence < len(found):
        raise ValueError(
            f"occurrence {occurrence} is out of range: it occurs {len(found)} time(s) "
            f"(0..{len(found) - 1})"
        )
    start = found[occurrence]
    return Span(start, start + len(sub))


@dataclass(frozen=True, slots=True)
class _Record:
    lineno: int
    data: dict[str, Any]


def jsonl_gold_name(path: str | Path) -> str:
    """A short name for a JSONL gold file: ``samples/gold.jsonl`` -> ``samples-gold``."""
    p = Path(path).resolve()
    return f"{p.parent.name}-{p.stem}" if p.parent.name else p.stem


def jsonl_lines(path: str | Path) -> Iterator[tuple[int, Any]]:
    """``(line number, parsed value)`` for each non-blank line of a JSONL gold file; an
    EvalError names the file (and line) of what cannot be read or parsed."""
    path = Path(path)
    try:
        lines = path.read_bytes().decode("utf-8").removeprefix("\ufeff").split("\n")
    except OSError as exc:
        raise EvalError(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise EvalError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield lineno, json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalError(
                f"{path}:{lineno}: not valid JSON ({exc.msg}); fix or remove the line"
            ) from exc


def _records(path: Path) -> dict[str, list[_Record]]:
    """The JSON objects of ``path``, grouped by ``file`` (line order kept)."""
    groups: dict[str, list[_Record]] = {}
    for lineno, data in jsonl_lines(path):
        where = f"{path}:{lineno}"
        if not isinstance(data, dict):
            raise EvalError(f"{where}: expected a JSON object with file, content, cue ...")
        file = data.get("file")
        if not isinstance(file, str) or not file:
            raise EvalError(f"{where}: 'file' must be the article's path relative to {path.parent}")
        groups.setdefault(file, []).append(_Record(lineno, data))
    return groups


def _read_article(article: Path, where: str) -> Article:
    if not article.is_file():
        raise EvalError(f"{where}: article file {article} not found; check the 'file' field")
    for item in read(article):
        if isinstance(item, InputError):
            raise EvalError(f"{where}: cannot read the article: {item}")
        return item
    raise EvalError(f"{where}: no article in {article}")


def _span(rec: _Record, field: str, occ_field: str, body: str, where: str) -> Span | None:
    sub = rec.data.get(field)
    occ = rec.data.get(occ_field)
    if sub is None:
        if field == "content":
            raise EvalError(f"{where}: 'content' is missing or null")
        return None
    if not isinstance(sub, str) or not sub:
        raise EvalError(f"{where}: {field!r} must be a non-empty string or null")
    if occ is not None and (not isinstance(occ, int) or isinstance(occ, bool)):
        raise EvalError(f"{where}: {occ_field!r} must be a whole number, not {occ!r}")
    try:
        return locate(body, sub, occ)
    except ValueError as exc:
        raise EvalError(f"{where}: {field} {sub[:60]!r} {exc}") from None


def _quote(rec: _Record, body: str, where: str) -> GoldQuote:
    spans = {field: _span(rec, field, occ, body, where) for field, occ in _LOCATED}
    speaker = rec.data.get("speaker")
    if speaker is not None and not isinstance(speaker, str):
        raise EvalError(f"{where}: 'speaker' must be a name or null, not {speaker!r}")
    content, mention = spans["content"], spans["speaker_mention"]
    assert content is not None  # _span raises for a missing content
    return GoldQuote(
        content=(content,),
        cue=spans["cue"],
        source=(mention,) if mention is not None else None,
        speaker=(speaker.strip() or None) if speaker is not None else None,
    )


def read_jsonl_gold(path: str | Path) -> Iterator[GoldDoc]:
    """The gold documents of a JSONL gold file, one per distinct ``file``, sorted by it.

    ``doc_id`` is the ``file`` value; ``text`` the article body as :func:`saywho.ingest.read`
    reads it; the quotes keep the order of their lines. Each quote has one content span,
    its cue, its speaker mention as the single source span, and the gold ``speaker``
    name. The whole file is read and checked at once: an :class:`EvalError` names the
    JSONL line of any record that cannot be read or located.
    """
    gold = Path(path)
    docs: list[GoldDoc] = []
    for file, records in sorted(_records(gold).items()):
        article = _read_article(gold.parent / file, f"{gold}:{records[0].lineno}")
        body = article.text
        # Substrings are located in the body without its final newline, as the
        # sample corpus defines it; offsets are the same in the text as read.
        searched = body.removesuffix("\n")
        quotes = tuple(_quote(rec, searched, f"{gold}:{rec.lineno} ({file})") for rec in records)
        docs.append(GoldDoc(doc_id=file, text=body, quotes=quotes, date=article.date))
    return iter(docs)

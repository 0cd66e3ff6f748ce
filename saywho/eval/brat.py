"""Reading PolNeAR-style brat standoff gold.

A gold folder holds ``text/<doc>.txt`` (UTF-8 article text) and
``attributions/<doc>_<annotator>.ann`` (brat standoff, one file per annotator).
Only the first annotator file of each article (sorted by file name) is used.

``T`` lines give text-bound spans (``T7\\tContent 111 254;300 310\\tcovered text``),
``E`` lines tie an attribution together (``E2\\tAttribution:T8 Content:T7 Cue:T6
Source:T5``). Offsets are indices into the text read as UTF-8 with no newline
translation. Covered text that itself contains line breaks runs on over the
following lines of the ``.ann`` file; those continuation lines are folded back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import EvalError
from ..model.span import Span

__all__ = ["GoldDoc", "GoldQuote", "offset_agreement", "parse_ann", "read_gold", "read_text"]

_ID_LINE = re.compile(r"^[TERAMN*#]\d*\t")
_ROLES = ("Content", "Cue", "Source")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    """One gold attribution: its content, cue and source spans (sorted), and the
    speaker's canonical name where the gold gives one (JSONL gold; never brat)."""

    content: tuple[Span, ...]
    cue: Span | None = None
    source: tuple[Span, ...] | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    doc_id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    date: dt.date | None = None  # the article's date, which role nouns resolve by


_DATE_IN_ID = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


def date_in_id(doc_id: str) -> dt.date | None:
    """The date written in a document id (PolNeAR's ``politico_2016-10-17_...``), if any."""
    m = _DATE_IN_ID.search(doc_id)
    if m is None:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def _parse_offsets(field: str, where: str) -> tuple[str, tuple[Span, ...]]:
    label, _, offsets = field.partition(" ")
    spans: list[Span] = []
    try:
        for piece in offsets.split(";"):
            start_s, end_s = piece.split()
            spans.append(Span(int(start_s), int(end_s)))
    except ValueError as exc:
        raise EvalError(
            f"{where}: malformed span offsets {field!r} (expected 'Label start end[;start end...]')"
        ) from exc
    if not label:
        raise EvalError(f"{where}: missing label in {field!r}")
    return label, tuple(spans)


@dataclass(frozen=True, slots=True)
class _TLine:
    id: str
    label: str
    spans: tuple[Span, ...]
    covered: str
    lineno: int


def _scan(content: str, path: str) -> Iterator[_TLine | tuple[list[str], int]]:
    """Yield the T lines (as :class:`_TLine`) and E lines (as ``(args, lineno)``)."""
    lines = content.removeprefix("\ufeff").split("\n")
    i = 0
    while i < len(lines):
        lineno = i + 1
        line = lines[i].rstrip("\r")
        i += 1
        where = f"{path}:{lineno}"
        if not line.strip():
            continue
        if not _ID_LINE.match(line):
            raise EvalError(
                f"{where}: malformed line {line[:60]!r} (expected a brat T/E/A/R/#... line)"
            )
        fields = line.split("\t")
        if line[0] == "T":
            if len(fields) < 2:
                raise EvalError(
                    f"{where}: malformed T line {line[:60]!r} (expected 'Tn\\tLabel start end\\ttext')"
                )
            label, tspans = _parse_offsets(fields[1], where)
            # Covered text with line breaks runs on over the next lines: fold them back.
            expected = sum(len(s) for s in tspans) + len(tspans) - 1
            covered = "\t".join(fields[2:])
            while len(covered) < expected and i < len(lines) and not _ID_LINE.match(lines[i]):
                covered += "\n" + lines[i].rstrip("\r")
                i += 1
            yield _TLine(fields[0], label, tspans, covered, lineno)
        elif line[0] == "E":
            if len(fields) != 2 or not fields[1].split():
                raise EvalError(
                    f"{where}: malformed E line {line[:60]!r} (expected 'En\\tType:Tn Role:Tn ...')"
                )
            yield fields[1].split(), lineno


def parse_ann(
    content: str, *, path: str = "<ann>", text: str | None = None
) -> tuple[GoldQuote, ...]:
    """Parse one ``.ann`` file's content into gold quotes (in ``E`` line order).

    Attributions without a Content argument are skipped. When ``text`` is given,
    every span must lie inside it. Errors name ``path`` and the 1-based line.
    """
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[list[str], int]] = []
    for rec in _scan(content, path):
        if isinstance(rec, _TLine):
            if text is not None:
                for s in rec.spans:
                    if s.end > len(text):
                        raise EvalError(
                            f"{path}:{rec.lineno}: span [{s.start}, {s.end}) lies outside the text "
                            f"(length {len(text)}); is the .ann file paired with the right text?"
                        )
            spans[rec.id] = rec.spans
        else:
            events.append(rec)
    quotes: list[GoldQuote] = []
    for args, lineno in events:
        roles: dict[str, list[Span]] = {r: [] for r in _ROLES}
        for arg in args:  # the trigger (Attribution:Tn) first, then the roles
            role, sep, ref = arg.partition(":")
            if not sep or not ref:
                raise EvalError(
                    f"{path}:{lineno}: malformed event argument {arg!r} (expected Role:Tn)"
                )
            if ref not in spans:
                raise EvalError(
                    f"{path}:{lineno}: event argument {arg!r} refers to an unknown span {ref}"
                )
            base = role.rstrip("0123456789")
            if base in roles:
                roles[base].extend(spans[ref])
        if not roles["Content"]:
            continue
        cue = roles["Cue"]
        quotes.append(
            GoldQuote(
                content=tuple(sorted(roles["Content"])),
                cue=Span(min(s.start for s in cue), max(s.end for s in cue)) if cue else None,
                source=tuple(sorted(roles["Source"])) if roles["Source"] else None,
            )
        )
    return tuple(quotes)


def offset_agreement(directory: str | Path) -> tuple[int, int]:
    """Count ``T`` lines (first annotator files) whose covered text equals the text at
    their offsets (fragments joined by a space, as brat writes them): ``(matching, total)``."""
    matching = total = 0
    for doc_id, ann in _first_annotator_files(_layout(Path(directory))[1]).items():
        text = read_text(Path(directory) / "text" / f"{doc_id}.txt")
        for rec in _scan(_read_ann(ann), str(ann)):
            if isinstance(rec, _TLine):
                total += 1
                matching += " ".join(s.text(text) for s in rec.spans) == rec.covered
    return matching, total


def read_text(path: Path) -> str:
    """Read an article text exactly as brat offsets see it (UTF-8, no newline translation)."""
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return fh.read()
    except UnicodeDecodeError as exc:
        raise EvalError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _first_annotator_files(ann_dir: Path) -> dict[str, Path]:
    firsts: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        doc_id, sep, _annotator = ann.stem.rpartition("_")
        if not sep or not doc_id:
            raise EvalError(f"{ann}: expected an annotation file named <doc>_<annotator>.ann")
        firsts.setdefault(doc_id, ann)
    return firsts


def _read_ann(ann: Path) -> str:
    try:
        return ann.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EvalError(f"{ann}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _layout(root: Path) -> tuple[Path, Path]:
    text_dir, ann_dir = root / "text", root / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        missing = "text/" if not text_dir.is_dir() else "attributions/"
        raise EvalError(
            f"{root} is not a PolNeAR-style gold folder: expected text/*.txt and "
            f"attributions/*.ann (no {missing} folder there)"
        )
    return text_dir, ann_dir


def read_gold(directory: str | Path) -> Iterator[GoldDoc]:
    """Yield the gold documents of a PolNeAR-style folder, sorted by document id.

    Only articles with at least one annotation file are read; each is parsed
    lazily from its first annotator file. Raises :class:`EvalError` at once when
    the folder layout is wrong, and during iteration for unreadable files.
    """
    text_dir, ann_dir = _layout(Path(directory))
    return _iter_docs(text_dir, _first_annotator_files(ann_dir))


def _iter_docs(text_dir: Path, firsts: dict[str, Path]) -> Iterator[GoldDoc]:
    for doc_id in sorted(firsts):
        ann = firsts[doc_id]
        txt = text_dir / f"{doc_id}.txt"
        if not txt.is_file():
            raise EvalError(f"{ann}: no matching text file {txt}")
        text = read_text(txt)
        quotes = parse_ann(_read_ann(ann), path=str(ann), text=text)
        yield GoldDoc(doc_id=doc_id, text=text, quotes=quotes, date=date_in_id(doc_id))

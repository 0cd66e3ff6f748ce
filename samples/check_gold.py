#!/usr/bin/env python3
"""Check the bundled sample corpus and its gold quote annotations.

Usage (from the repository root)::

    .venv/bin/python samples/check_gold.py [--quiet]

Checks that

* every article under ``samples/articles/<outlet>/<YYYY-MM-DD>-<slug>.txt`` is in the
  canonical format: first line `` date YYYY-MM-DD Title`` (a leading space), one blank
  line, then paragraphs separated by single blank lines, ending in a single newline;
  UTF-8, no CR, no tabs, no trailing spaces; 150-450 words in the body; the date in
  the header matches the file name;
* every line of ``samples/gold.jsonl`` is a JSON object with the documented fields;
* ``content``, ``cue`` and ``speaker_mention`` are exact substrings of the body (the
  text after the header line and the blank line), and where a substring occurs more
  than once the matching ``occurrence`` / ``cue_occurrence`` /
  ``speaker_mention_occurrence`` field says which one (0-based, counting matches of
  ``str.find`` from each previous match + 1);
* the quote kinds look right: a direct quote sits between quote marks (an unbalanced
  one is tagged ``unbalanced`` and runs to the end of its paragraph), a multi-paragraph
  quote reopens each paragraph with a quote mark, a block quote is a whole paragraph
  without quote marks, a mixed quote contains a quoted fragment;
* cues and speaker mentions are whole words close to the quote they belong to;
* articles without gold quotes contain no double quote marks, and README.md states the
  current numbers of articles and gold quotes.

Exits with status 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from saywho.eval.jsonl_gold import find_occurrences

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
GOLD = HERE / "gold.jsonl"
README = HERE / "README.md"

KINDS = {"direct", "indirect", "mixed", "block"}
REQUIRED = ("file", "kind", "content", "cue", "speaker_mention", "speaker")
OPTIONAL = ("occurrence", "cue_occurrence", "speaker_mention_occurrence", "tags", "note")
TAGS = {
    # where the cue is, for marked quotes
    "cue-before",
    "cue-after",
    "cue-middle",
    # quote shapes
    "multi-paragraph",
    "nested",
    "unbalanced",
    "block",
    # reported-speech constructions
    "that",
    "no-that",
    "post-posed",
    "described-as",
    "asked-whether",
    "according-to",
    "relative",
    # how the speaker is mentioned at the attribution
    "full-name",
    "surname",
    "role-noun",
    "pronoun",
    "org",
    "bare-role",
    # other
    "fictional",
    "same-statement",
}
OPEN_MARKS = "\"“‘'"
CLOSE_MARKS = "\"”’'"
DOUBLE_MARKS = '"“”'
HEADER_RE = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) (\S.*)$")
NAME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")
OUTLET_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_WORDS, MAX_WORDS = 150, 450
MAX_GAP = 200  # characters allowed between a quote and its cue / speaker mention


def gap(a0: int, a1: int, b0: int, b1: int) -> int:
    """Characters between two half-open ranges (0 when they touch or overlap)."""
    if a1 <= b0:
        return b0 - a1
    if b1 <= a0:
        return a0 - b1
    return 0


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def check_article(path: Path, errors: list[str]) -> str | None:
    """Validate one article file; return its body, or None when unreadable."""
    rel = path.relative_to(HERE).as_posix()
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(f"{rel}: not UTF-8 ({exc})")
        return None
    if text.startswith("\ufeff"):
        errors.append(f"{rel}: starts with a byte-order mark")
    if "\r" in text or "\t" in text:
        errors.append(f"{rel}: contains CR or tab characters")
    if not text.endswith("\n") or text.endswith("\n\n"):
        errors.append(f"{rel}: must end with exactly one newline")
    header, sep, rest = text.partition("\n")
    m = HEADER_RE.match(header)
    if not m:
        errors.append(f"{rel}: bad header line {header!r}")
        return None
    date_s = m.group(1)
    try:
        dt.date.fromisoformat(date_s)
    except ValueError:
        errors.append(f"{rel}: invalid date {date_s}")
    name_m = NAME_RE.match(path.name)
    if not name_m:
        errors.append(f"{rel}: file name is not <YYYY-MM-DD>-<slug>.txt")
    elif name_m.group(1) != date_s:
        errors.append(f"{rel}: header date {date_s} differs from file name")
    if not OUTLET_RE.match(path.parent.name):
        errors.append(f"{rel}: outlet folder is not a lowercase slug")
    if not rest.startswith("\n") or rest.startswith("\n\n"):
        errors.append(f"{rel}: header must be followed by exactly one blank line")
    body = rest[1:].removesuffix("\n")
    if "\n\n\n" in body:
        errors.append(f"{rel}: paragraphs must be separated by single blank lines")
    for n, line in enumerate(body.split("\n"), start=3):
        if line != line.rstrip() or (line and line != line.lstrip()):
            errors.append(f"{rel}:{n}: leading or trailing whitespace")
    paragraphs = body.split("\n\n")
    for n, para in enumerate(paragraphs):
        if not para or "\n" in para:
            errors.append(f"{rel}: paragraph {n} is empty or spans several lines")
    words = len(body.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        errors.append(f"{rel}: body has {words} words (want {MIN_WORDS}-{MAX_WORDS})")
    return body


def resolve(
    rec: dict, field: str, occ_field: str, body: str, where: str, errors: list[str]
) -> tuple[int, int] | None:
    """Find the span of ``rec[field]`` in ``body``, honouring the occurrence field."""
    sub = rec.get(field)
    if sub is None:
        if occ_field in rec:
            errors.append(f"{where}: {occ_field} given but {field} is null")
        return None
    if not isinstance(sub, str) or not sub:
        errors.append(f"{where}: {field} must be a non-empty string or null")
        return None
    found = find_occurrences(body, sub)
    if not found:
        errors.append(f"{where}: {field} not found in body: {sub[:60]!r}")
        return None
    occ = rec.get(occ_field)
    if occ is None:
        if len(found) > 1:
            errors.append(
                f"{where}: {field} {sub[:40]!r} occurs {len(found)} times; add {occ_field}"
            )
            return None
        occ = 0
    elif not isinstance(occ, int) or isinstance(occ, bool) or not 0 <= occ < len(found):
        errors.append(f"{where}: {occ_field}={occ!r} out of range (0..{len(found) - 1})")
        return None
    elif len(found) == 1:
        errors.append(f"{where}: {occ_field} given for a unique {field}")
    start = found[occ]
    return start, start + len(sub)


def check_kind(rec: dict, body: str, c0: int, c1: int, where: str, errors: list[str]) -> None:
    kind, content, tags = rec["kind"], rec["content"], rec.get("tags", [])
    before = body[c0 - 1] if c0 > 0 else ""
    after = body[c1] if c1 < len(body) else ""
    para_start = c0 == 0 or body[c0 - 2 : c0] == "\n\n"
    para_end = c1 == len(body) or body[c1 : c1 + 2] == "\n\n"
    if kind == "direct":
        if before not in OPEN_MARKS or not before:
            errors.append(f"{where}: direct quote not preceded by an opening quote mark")
        if "unbalanced" in tags:
            if not para_end:
                errors.append(f"{where}: unbalanced quote must run to the end of its paragraph")
            if after in CLOSE_MARKS and after:
                errors.append(f"{where}: tagged unbalanced but followed by a closing mark")
        elif after not in CLOSE_MARKS or not after:
            errors.append(f"{where}: direct quote not followed by a closing quote mark")
        if "\n\n" in content:
            for part in content.split("\n\n")[1:]:
                if not part or part[0] not in OPEN_MARKS:
                    errors.append(
                        f"{where}: multi-paragraph quote: a paragraph does not "
                        "reopen with a quote mark"
                    )
            if "multi-paragraph" not in tags:
                errors.append(f"{where}: spans paragraphs but lacks the multi-paragraph tag")
    elif kind == "block":
        if not (para_start and para_end):
            errors.append(f"{where}: block quote must be a whole paragraph")
        if any(ch in DOUBLE_MARKS for ch in content[:1] + content[-1:]):
            errors.append(f"{where}: block quote must not be enclosed in quote marks")
    elif kind == "mixed" and not any(ch in content for ch in DOUBLE_MARKS):
        errors.append(f"{where}: mixed quote has no quoted fragment")
    if kind != "direct" and "\n\n" in content:
        errors.append(f"{where}: only direct quotes may span paragraphs")


def check_near(
    rec: dict,
    field: str,
    span: tuple[int, int] | None,
    body: str,
    c0: int,
    c1: int,
    where: str,
    errors: list[str],
) -> None:
    if span is None:
        return
    s, e = span
    if (s > 0 and is_word_char(body[s - 1])) or (e < len(body) and is_word_char(body[e])):
        errors.append(f"{where}: {field} {rec[field]!r} is not a whole word at that occurrence")
    if c0 < e and s < c1:
        errors.append(f"{where}: {field} lies inside the quote content")
    if gap(s, e, c0, c1) > MAX_GAP:
        errors.append(f"{where}: {field} is {gap(s, e, c0, c1)} characters from the quote")


def check_gold(bodies: dict[str, str], errors: list[str]) -> tuple[int, set[str]]:
    count = 0
    quoted_files: set[str] = set()
    seen: set[tuple[str, str, int]] = set()
    if not GOLD.exists():
        errors.append("gold.jsonl is missing")
        return 0, quoted_files
    for lineno, line in enumerate(GOLD.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"gold.jsonl:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        count += 1
        missing = [k for k in REQUIRED if k not in rec]
        unknown = [k for k in rec if k not in REQUIRED and k not in OPTIONAL]
        if missing or unknown:
            errors.append(f"{where}: missing fields {missing}, unknown fields {unknown}")
            continue
        if rec["kind"] not in KINDS:
            errors.append(f"{where}: kind {rec['kind']!r} not one of {sorted(KINDS)}")
            continue
        if not isinstance(rec["speaker"], str) or not rec["speaker"].strip():
            errors.append(f"{where}: speaker must be a non-empty string")
        tags = rec.get("tags", [])
        if not isinstance(tags, list) or any(t not in TAGS for t in tags):
            errors.append(f"{where}: tags must be a list drawn from {sorted(TAGS)}")
            rec["tags"] = []
        if "note" in rec and not isinstance(rec["note"], str):
            errors.append(f"{where}: note must be a string")
        body = bodies.get(rec["file"])
        if body is None:
            errors.append(f"{where}: unknown file {rec['file']!r}")
            continue
        quoted_files.add(rec["file"])
        where = f"{where} ({rec['file']})"
        content = resolve(rec, "content", "occurrence", body, where, errors)
        if content is None:
            if rec["content"] is None:
                errors.append(f"{where}: content must not be null")
            continue
        c0, c1 = content
        key = (rec["file"], rec["content"], c0)
        if key in seen:
            errors.append(f"{where}: duplicate quote")
        seen.add(key)
        check_kind(rec, body, c0, c1, where, errors)
        cue = resolve(rec, "cue", "cue_occurrence", body, where, errors)
        mention = resolve(rec, "speaker_mention", "speaker_mention_occurrence", body, where, errors)
        check_near(rec, "cue", cue, body, c0, c1, where, errors)
        check_near(rec, "speaker_mention", mention, body, c0, c1, where, errors)
        if "post-posed" in rec["tags"] and cue is not None and cue[0] < c1:
            errors.append(f"{where}: tagged post-posed but the cue precedes the content")
        if "cue-before" in rec["tags"] and cue is not None and cue[0] > c0:
            errors.append(f"{where}: tagged cue-before but the cue follows the content")
        if "cue-after" in rec["tags"] and cue is not None and cue[0] < c1:
            errors.append(f"{where}: tagged cue-after but the cue precedes the content")
    return count, quoted_files


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    errors: list[str] = []
    bodies: dict[str, str] = {}
    outlets: set[str] = set()
    dates: list[str] = []
    if not ARTICLES.is_dir():
        errors.append("articles/ folder is missing")
    else:
        for path in sorted(ARTICLES.rglob("*")):
            if path.is_dir():
                continue
            rel = path.relative_to(HERE).as_posix()
            if path.suffix != ".txt" or len(path.relative_to(ARTICLES).parts) != 2:
                errors.append(f"{rel}: unexpected file (want articles/<outlet>/<file>.txt)")
                continue
            body = check_article(path, errors)
            if body is not None:
                bodies[rel] = body
                outlets.add(path.parent.name)
                dates.append(path.name[:10])
    n_quotes, quoted = check_gold(bodies, errors)
    for rel, body in sorted(bodies.items()):
        if rel not in quoted and any(ch in body for ch in DOUBLE_MARKS):
            errors.append(f"{rel}: has quote marks but no gold quotes")
    if README.exists():
        readme = README.read_text(encoding="utf-8")
        for phrase in (f"{len(bodies)} articles", f"{n_quotes} gold quotes"):
            if phrase not in readme:
                errors.append(f"README.md does not state '{phrase}'")
    else:
        errors.append("README.md is missing")
    for err in errors:
        sys.stderr.write(f"ERROR {err}\n")
    if not quiet or errors:
        span = f"{min(dates)}..{max(dates)}" if dates else "-"
        sys.stdout.write(
            f"{len(bodies)} articles from {len(outlets)} outlets ({span}), "
            f"{n_quotes} gold quotes, {len(bodies) - len(quoted)} without quotes: "
            f"{'OK' if not errors else f'{len(errors)} error(s)'}\n"
        )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

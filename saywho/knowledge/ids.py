"""Ids for entities the knowledge files do not know."""

from __future__ import annotations

import hashlib
import re

from .translit import name_key

__all__ = ["auto_id"]

_SLUG = re.compile(r"[^a-z0-9]+")
_ACRONYM = re.compile(r"[A-Z][A-Z.&-]+")


def auto_id(name: str, type_: str) -> str:
    """The id of an entity the knowledge files do not know: its type and the romanisation
    skeleton of its name, so spelling variants of one name get one id
    (``auto:person/dmitri-ivanenko`` for "Dmitry Ivanenko" and "Dmitri Ivanenko"). Words
    with digits are kept as written, since the skeleton drops digits."""
    words = [
        w.lower() if any(c.isdigit() for c in w) or _ACRONYM.fullmatch(w) else name_key(w)
        for w in name.split()
    ]  # digits and acronyms stay: "Nord Stream 1" is not "Nord Stream 2", "GP" not "HP"
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    slug = _SLUG.sub("-", " ".join(words)).strip("-")
    if not slug:
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"auto:{type_.lower()}/{slug}"

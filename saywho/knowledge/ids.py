"""Ids for entities the knowledge files do not know."""

from __future__ import annotations

import hashlib
import re

from .translit import name_key

__all__ = ["auto_id"]

_SLUG = re.compile(r"[^a-z0-9]+")


def auto_id(name: str, type_: str) -> str:
    """The id of an entity the knowledge files do not know: its type and the romanisation
    skeleton of its name, so spelling variants of one name get one id
    (``auto:person/dmitri-ivanenko`` for "Dmitry Ivanenko" and "Dmitri Ivanenko")."""
    slug = _SLUG.sub("-", name_key(name)).strip("-")
    if not slug:
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:12]
    return f"auto:{type_.lower()}/{slug}"

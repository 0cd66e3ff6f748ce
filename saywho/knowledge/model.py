"""The knowledge records: :class:`Entity`, :class:`Office`, :class:`Tenure`, :class:`RoleMatch`.

Also :func:`normalize`, the case/diacritic/punctuation-insensitive form used to compare aliases
and role phrases ("the U.S. President" and "US president" normalise alike).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from saywho.errors import InputError

from .translit import fold

__all__ = [
    "ENTITY_TYPES",
    "Entity",
    "KnowledgeError",
    "Office",
    "RoleMatch",
    "Tenure",
    "normalize",
    "to_date",
]

#: The entity types a knowledge file may use (spaCy's labels).
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_APOSTROPHE_OR_DOT = re.compile(r"['’ʼ`.]")
_NOT_WORD = re.compile(r"[\W_]+")


class KnowledgeError(InputError):
    """A knowledge file that cannot be read or does not validate; the message names the entry."""


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Lower case, no diacritics, no possessive 's, dots or apostrophes, no leading "the".

    ``normalize("the Kremlin's spokesman") == "kremlin spokesman"``.
    """
    text = _POSSESSIVE.sub("", text.replace("’", "'"))
    text = _APOSTROPHE_OR_DOT.sub("", fold(text))
    text = _NOT_WORD.sub(" ", text).strip()
    return text[4:] if text.startswith("the ") else text


def to_date(when: dt.date | str) -> dt.date:
    """A date from a ``date``, a ``datetime`` or an ISO string ("2024-10-01", "2024-10-01T12:00")."""
    if isinstance(when, dt.datetime):
        return when.date()
    if isinstance(when, dt.date):
        return when
    try:
        return dt.date.fromisoformat(str(when).strip()[:10])
    except ValueError:
        raise ValueError(f"not a date: {when!r} (expected YYYY-MM-DD)") from None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place with a stable id (a Wikidata QID or an ``sw:`` slug)."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    contextual_aliases: tuple[str, ...] = ()
    surname: str | None = None
    note: str | None = None
    #: descriptions the press uses for the entity in place of its name ("businessman",
    #: "former comedian"); they name it only in an article that names it too
    epithets: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias that names the entity on its own."""
        return (self.name, *self.aliases)

    @property
    def wikidata(self) -> str | None:
        """The Wikidata QID, when the id is one."""
        return self.id if self.id.startswith("Q") else None


@dataclass(frozen=True, slots=True)
class Tenure:
    """One person's time in an office: ``start`` inclusive, ``end`` exclusive (None: still in it)."""

    entity_id: str
    start: dt.date
    end: dt.date | None = None
    acting: bool = False
    uncertain: bool = False
    note: str | None = None

    def covers(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Office:
    """An office (President of Russia, NATO Secretary General) and who held it when."""

    id: str
    name: str
    of: str
    roles: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    holders: tuple[Tenure, ...] = ()
    concurrent: bool = False
    note: str | None = None

    def tenures_on(self, when: dt.date | str) -> list[Tenure]:
        """The tenures covering that day (one, or several for a concurrent office)."""
        day = to_date(when)
        return [tenure for tenure in self.holders if tenure.covers(day)]


@dataclass(frozen=True, slots=True)
class RoleMatch:
    """The answer to "who held this office on that day": the holder, the office, the tenure.

    ``confidence`` is 1.0 for a plain, certain tenure and lower when the tenure is acting or
    uncertain, when the day is a handover day, when the office was only inferred from a generic
    phrase and the article's context, or when the day is after the knowledge was last reviewed.
    """

    entity: Entity
    office: Office
    tenure: Tenure
    confidence: float

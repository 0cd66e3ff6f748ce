"""The entity layers: mentions of people, organisations and places, and the entities they
link to.

A :class:`Mention` is a standoff span with a type and the id of the entity it names; an
:class:`EntityRef` describes one entity named in the article: a stable id (a Wikidata QID
or an ``sw:`` slug from the knowledge files, or an ``auto:`` id derived from the name for
entities the knowledge files do not know), its canonical name, its type and the spellings
the article uses for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .span import Span

__all__ = ["ENTITY_TYPES", "MENTION_HOWS", "EntityRef", "Mention"]

#: spaCy's labels for the entity types saywho keeps.
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC")
#: How a mention names its entity.
MENTION_HOWS: tuple[str, ...] = ("name", "surname", "alias", "role", "pronoun")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names an entity.

    ``how`` says how: by its ``name`` (a full name or an organisation's or place's name),
    by ``surname`` alone, by an ``alias`` the article itself does not explain (a spelling
    variant linked through the knowledge files), by a ``role`` noun ("the Kremlin
    spokesman"), or by a ``pronoun``. ``entity`` is the id of an :class:`EntityRef` of the
    same analysis, or None when the mention could not be linked.
    """

    span: Span
    type: str
    entity: str | None = None
    how: str = "name"
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown mention type {self.type!r}; expected one of {ENTITY_TYPES}")
        if self.how not in MENTION_HOWS:
            raise ValueError(f"unknown mention 'how' {self.how!r}; expected one of {MENTION_HOWS}")

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.span.start,
            "end": self.span.end,
            "type": self.type,
            "entity": self.entity,
            "how": self.how,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            span=Span(int(data["start"]), int(data["end"])),
            type=data["type"],
            entity=data.get("entity"),
            how=data.get("how", "name"),
            confidence=float(data.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class EntityRef:
    """An entity named in the article.

    ``known`` is true when the id comes from the knowledge files (then ``name`` is the
    knowledge files' canonical name); ``aliases`` are the other spellings this article uses.
    """

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    known: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.aliases, tuple):
            object.__setattr__(self, "aliases", tuple(self.aliases))
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r}; expected one of {ENTITY_TYPES}")

    @property
    def wikidata(self) -> str | None:
        """The Wikidata QID, when the id is one."""
        return self.id if self.id[:1] == "Q" and self.id[1:].isdigit() else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "known": self.known,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityRef:
        return cls(
            id=data["id"],
            name=data["name"],
            type=data["type"],
            aliases=tuple(data.get("aliases", ())),
            known=bool(data.get("known", False)),
        )

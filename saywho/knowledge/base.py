"""The :class:`Knowledge` index: entities by id and alias, offices by id and role phrase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .model import Entity, Office, RoleMatch, Tenure, normalize, to_date
from .translit import LINK_THRESHOLD, _name_keys, name_key, same_name

__all__ = ["Knowledge"]

_ACTING = 0.9
_UNCERTAIN = 0.8
_HANDOVER = 0.9
_GENERIC = 0.95
_AFTER_REVIEW = 0.9


def _surname_of(entity: Entity) -> str | None:
    if entity.type != "PERSON":
        return None
    if entity.surname:
        return entity.surname
    words = entity.name.split()
    return words[-1] if len(words) > 1 else None


class Knowledge:
    """Entities and offices from the knowledge files, indexed for lookup.

    Build it with :func:`saywho.knowledge.load_knowledge`. Names are compared by
    :func:`~saywho.knowledge.model.normalize` (case, diacritics, punctuation) and, when no
    alias matches, by their romanisation skeleton (:func:`~saywho.knowledge.translit.name_key`).
    """

    def __init__(
        self,
        entities: Mapping[str, Entity],
        offices: Mapping[str, Office],
        *,
        reviewed_to: dt.date | None = None,
        source: str = "",
    ):
        self.entities: Mapping[str, Entity] = MappingProxyType(dict(entities))
        self.offices: Mapping[str, Office] = MappingProxyType(dict(offices))
        self.reviewed_to = reviewed_to
        self.source = source
        self._alias: dict[str, list[tuple[str, bool]]] = {}
        self._key: dict[str, list[str]] = {}
        self._surname: dict[str, list[str]] = {}
        self._role: dict[str, str] = {}
        self._generic: dict[str, list[str]] = {}
        self._held: dict[str, list[tuple[Office, Tenure]]] = {}
        self._epithet: dict[str, list[str]] = {}
        for entity in self.entities.values():
            self._index_entity(entity)
        for office in self.offices.values():
            for phrase in (office.name, *office.roles):
                self._role.setdefault(normalize(phrase), office.id)
            for phrase in office.generic:
                self._generic.setdefault(normalize(phrase), []).append(office.id)
            for tenure in office.holders:
                self._held.setdefault(tenure.entity_id, []).append((office, tenure))

    def _index_entity(self, entity: Entity) -> None:
        def add(index: dict[str, list[str]], key: str) -> None:
            if key and entity.id not in index.setdefault(key, []):
                index[key].append(entity.id)

        surname = _surname_of(entity)
        named = [(name, False) for name in entity.names]
        named += [(name, True) for name in entity.contextual_aliases]
        if surname and normalize(surname) not in {normalize(n) for n, _ in named}:
            named.append((surname, True))
        for name, contextual in named:
            hits = self._alias.setdefault(normalize(name), [])
            if (entity.id, contextual) not in hits:
                hits.append((entity.id, contextual))
            if not contextual and len(name_key(name)) >= 3:
                add(self._key, name_key(name))
        if surname:
            add(self._surname, name_key(surname))
        for epithet in entity.epithets:
            add(self._epithet, normalize(epithet))
        for name in entity.names:
            words = name_key(name).split()
            if entity.type == "PERSON" and len(words) > 1:
                add(self._surname, words[-1])

    def __len__(self) -> int:
        return len(self.entities)

    def __repr__(self) -> str:
        return f"<Knowledge {len(self.entities)} entities, {len(self.offices)} offices from {self.source or '?'}>"

    # ------------------------------------------------------------------ entities
    def entity(self, entity_id: str) -> Entity | None:
        """The entity with that id, or None."""
        return self.entities.get(entity_id)

    def office(self, office_id: str) -> Office | None:
        """The office with that id, or None."""
        return self.offices.get(office_id)

    def lookup(self, name: str, *, contextual: bool = True, fuzzy: bool = True) -> list[Entity]:
        """Entities one of whose names or aliases is ``name`` (case- and diacritic-insensitive).

        Entities that ``name`` denotes outright come first; with ``contextual`` (the default)
        they are followed by those it denotes only in context ("the alliance", a bare surname).
        When no alias matches and ``fuzzy`` is on, names with the same romanisation skeleton
        match (an unlisted spelling such as "Zelenskyi").
        """
        hits = self._alias.get(normalize(name), [])
        ids = [eid for eid, ctx in hits if not ctx]
        if contextual:
            ids += [eid for eid, ctx in hits if ctx and eid not in ids]
        if not ids and fuzzy:
            ids = list(self._key.get(name_key(name), []))
        return [self.entities[eid] for eid in ids]

    def described_as(self, epithet: str) -> list[Entity]:
        """People the knowledge files describe by ``epithet`` ("businessman", "former
        comedian"; compared like aliases). An epithet names a person only in an article that
        names the person too: several people share most of them."""
        return [self.entities[eid] for eid in self._epithet.get(normalize(epithet), [])]

    def match(
        self, name: str, *, threshold: float = LINK_THRESHOLD, types: Iterable[str] | None = None
    ) -> list[tuple[Entity, float]]:
        """Candidate entities for ``name`` with a confidence, best first, down to ``threshold``.

        An alias scores 1.0 (a contextual one 0.6), the same romanisation skeleton 0.95, and a
        person whose surname matches gets :func:`~saywho.knowledge.translit.same_name`'s score
        against their closest name (a full name against their full names only).
        """
        wanted = set(types) if types is not None else None
        scores: dict[str, float] = {}
        for eid, ctx in self._alias.get(normalize(name), []):
            scores[eid] = max(scores.get(eid, 0.0), 0.6 if ctx else 1.0)
        key = name_key(name)
        for eid in self._key.get(key, []):
            scores[eid] = max(scores.get(eid, 0.0), 0.95)
        words = key.split()
        if words:
            for eid in self._surname.get(words[-1], []):
                scores[eid] = max(scores.get(eid, 0.0), self._person_score(name, eid))
        ranked = [
            (self.entities[eid], score)
            for eid, score in scores.items()
            if score >= threshold and (wanted is None or self.entities[eid].type in wanted)
        ]
        return sorted(ranked, key=lambda pair: -pair[1])

    def _person_score(self, name: str, entity_id: str) -> float:
        """``same_name`` of ``name`` against the entity's closest name.

        A full name ("Wladimir Klitschko") is scored only against the entity's full names, so
        that a bare-surname alias ("Klitschko", of Vitali) cannot link a relative or namesake
        whose given name differs; a bare surname is scored against every name.
        """
        names = self.entities[entity_id].names
        if len(_name_keys(name)) > 1:
            full = [alias for alias in names if len(_name_keys(alias)) > 1]
            names = tuple(full) or names
        return max(same_name(name, alias) for alias in names)

    def offices_held(
        self, entity_id: str, when: dt.date | str | None = None
    ) -> list[tuple[Office, Tenure]]:
        """The offices a person held (on ``when``, if given), in file order."""
        held = self._held.get(entity_id, [])
        if when is None:
            return list(held)
        day = to_date(when)
        return [(office, tenure) for office, tenure in held if tenure.covers(day)]

    # ------------------------------------------------------------------ offices and roles
    def offices_for(self, phrase: str, context: Iterable[str] = ()) -> list[Office]:
        """The offices a role phrase names: an office id, a role ("the NATO chief"), or a generic
        phrase ("the president", "the bloc's chief") narrowed to offices of the countries or
        organisations in ``context`` (entity ids, e.g. of the article's places and orgs)."""
        if phrase in self.offices:
            return [self.offices[phrase]]
        key = normalize(phrase)
        if key in self._role:
            return [self.offices[self._role[key]]]
        where = set(context)
        return [
            self.offices[oid] for oid in self._generic.get(key, []) if self.offices[oid].of in where
        ]

    def offices_named(self, phrase: str) -> list[Office]:
        """Every office a role phrase can name, whatever the country: an office id, a role,
        or a generic phrase ("secretary of state" names the US and other offices)."""
        if phrase in self.offices:
            return [self.offices[phrase]]
        key = normalize(phrase)
        if key in self._role:
            return [self.offices[self._role[key]]]
        return [self.offices[oid] for oid in self._generic.get(key, [])]

    def holders(
        self, office_or_phrase: str, when: dt.date | str, *, context: Iterable[str] = ()
    ) -> list[RoleMatch]:
        """Everyone who held the office(s) named by ``office_or_phrase`` on ``when``."""
        day = to_date(when)
        context = tuple(context)
        offices = self.offices_for(office_or_phrase, context)
        generic = (
            bool(offices)
            and office_or_phrase not in self.offices
            and normalize(office_or_phrase) not in self._role
        )
        found: list[RoleMatch] = []
        for office in offices:
            for tenure in office.tenures_on(day):
                found.append(
                    RoleMatch(
                        self.entities[tenure.entity_id],
                        office,
                        tenure,
                        self._confidence(tenure, day, generic),
                    )
                )
        return found

    def resolve(
        self, office_or_phrase: str, when: dt.date | str, *, context: Iterable[str] = ()
    ) -> RoleMatch | None:
        """The single holder of the office named by ``office_or_phrase`` on ``when``, or None
        when nobody, or more than one person, fits (a concurrent office, an ambiguous phrase)."""
        found = self.holders(office_or_phrase, when, context=context)
        if len({match.entity.id for match in found}) != 1:
            return None
        return max(found, key=lambda match: match.confidence)

    def holder(
        self, office_or_phrase: str, when: dt.date | str, *, context: Iterable[str] = ()
    ) -> Entity | None:
        """Who held the office on that day: ``holder("the NATO chief", "2025-03-01")`` is Mark Rutte.

        ``office_or_phrase`` is an office id ("nato.secretary_general"), a role phrase
        ("the Russian president", "NATO secretary-general"), or a generic phrase ("the
        president") together with ``context``, the entity ids of the article's country or
        organisation. None when nobody, or not exactly one person, held it that day.
        """
        match = self.resolve(office_or_phrase, when, context=context)
        return match.entity if match else None

    def _confidence(self, tenure: Tenure, day: dt.date, generic: bool) -> float:
        score = 1.0
        if tenure.acting:
            score *= _ACTING
        if tenure.uncertain:
            score *= _UNCERTAIN
        if day == tenure.start:  # a handover day: the article may still mean the predecessor
            score *= _HANDOVER
        if generic:
            score *= _GENERIC
        if (
            tenure.end is None
            and self.reviewed_to is not None
            and day > self.reviewed_to
            and tenure.start <= self.reviewed_to
        ):
            score *= _AFTER_REVIEW
        return round(score, 3)

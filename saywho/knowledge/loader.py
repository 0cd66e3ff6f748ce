"""Reading and validating the knowledge files (``entities.yaml``, ``offices.yaml``).

Every problem raises :class:`~saywho.knowledge.model.KnowledgeError` naming the file, the line
and the entry ("offices.yaml:412: office 37 (uk.prime_minister): holder 3 ...").
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .model import ENTITY_TYPES, Entity, Office, Tenure, normalize
from .yamlfile import YamlFile as _File

__all__ = ["read_entities", "read_offices"]

_QID = re.compile(r"^Q[1-9][0-9]*$")
_SLUG = re.compile(r"^sw:(person|org|place)/[a-z0-9]+(-[a-z0-9]+)*$")
_SLUG_TYPES = {"person": {"PERSON"}, "org": {"ORG", "FAC", "NORP"}, "place": {"GPE", "LOC", "FAC"}}
_OFFICE_ID = re.compile(r"^[a-z]{2,5}\.[a-z0-9_]+$")
_ENTITY_KEYS = {"id", "name", "type", "aliases", "surname", "note", "epithets"}
_OFFICE_KEYS = {"id", "name", "of", "roles", "generic", "concurrent", "note", "holders"}
_HOLDER_KEYS = {"id", "who", "start", "end", "acting", "uncertain", "note"}


def _text(file: _File, i: int, ident: object, value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        file.fail(f"{what} must be a non-empty string, not {value!r}", i, ident)
    return value.strip()


def _optional(file: _File, i: int, ident: object, value: object, what: str) -> str | None:
    return None if value is None else _text(file, i, ident, value, what)


def _strings(file: _File, i: int, ident: object, value: object, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        file.fail(f"{what} must be a list", i, ident)
    values = [_text(file, i, ident, item, f"each of {what}") for item in value]
    seen: set[str] = set()
    for text in values:
        if not normalize(text):
            file.fail(f"{what}: {text!r} has no letters or digits", i, ident)
        if text.casefold() in seen:
            file.fail(f"{what}: {text!r} is listed twice", i, ident)
        seen.add(text.casefold())
    return values


def _date(file: _File, i: int | None, ident: object, value: object, what: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        file.fail(f"{what} must be a date YYYY-MM-DD, not {value!r}", i, ident)


def _aliases(
    file: _File, i: int, ident: str, name: str, raw: object
) -> tuple[list[str], list[str]]:
    """(aliases, contextual aliases); variants in case, diacritics or script only are dropped."""
    if not isinstance(raw, list):
        file.fail("aliases must be a list", i, ident)
    names: list[object] = []
    flags: list[bool] = []
    for item in raw:
        flagged: object = False
        if isinstance(item, dict):
            flagged = item.get("contextual", False)
            if set(item) - {"name", "contextual"} or not isinstance(flagged, bool):
                file.fail(
                    f"an alias mapping takes name: and contextual: true|false, not {item!r}",
                    i,
                    ident,
                )
            item = item.get("name")
        names.append(item)
        flags.append(bool(flagged))
    texts = _strings(file, i, ident, [name, *names], "aliases")[1:]
    plain: list[str] = []
    contextual: list[str] = []
    seen = {normalize(name)}
    for text, flagged in zip(texts, flags, strict=True):
        if normalize(text) not in seen:
            seen.add(normalize(text))
            (contextual if flagged else plain).append(text)
    return plain, contextual


def _record(
    file: _File, i: int, raw: object, keys: set[str], noun: str
) -> tuple[dict[str, Any], object]:
    """Entry ``i`` as a mapping with only known keys, and its ``id`` (not yet checked)."""
    if not isinstance(raw, dict):
        file.fail(f"each {noun} must be a mapping", i)
    ident = raw.get("id")
    if set(raw) - keys:
        file.fail(f"unknown key(s): {', '.join(sorted(map(str, set(raw) - keys)))}", i, ident)
    return raw, ident


def _entity(file: _File, i: int, raw: object, entities: dict[str, Entity]) -> Entity:
    raw, ident = _record(file, i, raw, _ENTITY_KEYS, "entity")
    if not isinstance(ident, str) or not (_QID.match(ident) or _SLUG.match(ident)):
        file.fail(
            f"id must be a Wikidata QID (Q42) or sw:person|org|place/slug, not {ident!r}", i, ident
        )
    if ident in entities:
        file.fail("duplicate id", i, ident)
    name = _text(file, i, ident, raw.get("name"), "name")
    kind = raw.get("type")
    if not isinstance(kind, str) or kind not in ENTITY_TYPES:
        file.fail(f"type must be one of {', '.join(sorted(ENTITY_TYPES))}, not {kind!r}", i, ident)
    slug = _SLUG.match(ident)
    if slug and kind not in _SLUG_TYPES[slug.group(1)]:
        file.fail(f"type {kind} does not fit a sw:{slug.group(1)}/ id", i, ident)
    plain, contextual = _aliases(file, i, ident, name, raw.get("aliases") or [])
    surname = _optional(file, i, ident, raw.get("surname"), "surname")
    if surname and normalize(surname) not in normalize(name):
        file.fail(f"surname {surname!r} is not part of the name {name!r}", i, ident)
    note = _optional(file, i, ident, raw.get("note"), "note")
    epithets = _strings(file, i, ident, raw.get("epithets"), "epithets")
    if epithets and kind != "PERSON":
        file.fail("epithets are for people (type PERSON)", i, ident)
    return Entity(
        ident, name, kind, tuple(plain), tuple(contextual), surname, note, tuple(epithets)
    )


def read_entities(path: Path) -> dict[str, Entity]:
    """Parse and validate ``entities.yaml``."""
    file = _File(path, "entities", "entity")
    entities: dict[str, Entity] = {}
    for i, raw in enumerate(file.entries({"version", "entities"})):
        entity = _entity(file, i, raw, entities)
        entities[entity.id] = entity
    return entities


def _holders(
    file: _File, i: int, ident: str, raw: object, entities: dict[str, Entity], concurrent: bool
) -> tuple[Tenure, ...]:
    if not isinstance(raw, list) or not raw:
        file.fail("holders must be a non-empty list", i, ident)
    tenures: list[Tenure] = []
    for n, item in enumerate(raw, 1):
        what = f"holder {n}"
        if not isinstance(item, dict):
            file.fail(f"{what} must be a mapping (id, start, end, ...)", i, ident)
        if set(item) - _HOLDER_KEYS:
            unknown = ", ".join(sorted(map(str, set(item) - _HOLDER_KEYS)))
            file.fail(
                f"{what}: unknown key(s) {unknown} (quote values that contain commas)", i, ident
            )
        who = item.get("id")
        entity = entities.get(who) if isinstance(who, str) else None
        if entity is None:
            file.fail(f"{what}: id {who!r} is not in entities.yaml", i, ident)
        if entity.type != "PERSON":
            file.fail(f"{what}: {who} is a {entity.type}, not a PERSON", i, ident)
        label = item.get("who")
        if label is not None and normalize(str(label)) not in {normalize(x) for x in entity.names}:
            file.fail(f"{what}: who {label!r} is not a name of {who} ({entity.name})", i, ident)
        if "start" not in item or "end" not in item:
            file.fail(f"{what}: start and end are required (end: null while in office)", i, ident)
        start = _date(file, i, ident, item["start"], f"{what} start")
        end = None if item["end"] is None else _date(file, i, ident, item["end"], f"{what} end")
        if end is not None and end <= start:
            file.fail(f"{what}: end {end} is not after start {start}", i, ident)
        flags = {key: item.get(key, False) for key in ("acting", "uncertain")}
        if not all(isinstance(v, bool) for v in flags.values()):
            file.fail(f"{what}: acting and uncertain must be true or false", i, ident)
        note = _optional(file, i, ident, item.get("note"), f"{what} note")
        tenure = Tenure(entity.id, start, end, flags["acting"], flags["uncertain"], note)
        if tenures:
            last = tenures[-1]
            if start < last.start:
                file.fail(f"{what}: holders must be in order of start date", i, ident)
            if not concurrent and (last.end is None or last.end > start):
                file.fail(
                    f"{what} starts {start}, before holder {n - 1} left ({last.end or 'still in office'})",
                    i,
                    ident,
                )
        tenures.append(tenure)
    return tuple(tenures)


def read_offices(
    path: Path, entities: dict[str, Entity]
) -> tuple[dict[str, Office], dt.date | None]:
    """Parse and validate ``offices.yaml`` against the entities; also its ``reviewed_to`` date."""
    file = _File(path, "offices", "office")
    items = file.entries({"version", "reviewed_to", "offices"})
    assert isinstance(file.doc, dict)
    reviewed = file.doc.get("reviewed_to")
    reviewed_to = None if reviewed is None else _date(file, None, None, reviewed, "reviewed_to")
    offices: dict[str, Office] = {}
    roles: dict[str, str] = {}
    generic: dict[str, str] = {}
    for i, raw in enumerate(items):
        raw, ident = _record(file, i, raw, _OFFICE_KEYS, "office")
        if not isinstance(ident, str) or not _OFFICE_ID.match(ident):
            file.fail(
                f"id must look like ru.president (lower case, dotted), not {ident!r}", i, ident
            )
        if ident in offices:
            file.fail("duplicate id", i, ident)
        name = _text(file, i, ident, raw.get("name"), "name")
        of = raw.get("of")
        if not isinstance(of, str) or of not in entities:
            file.fail(f"of: {of!r} is not in entities.yaml", i, ident)
        concurrent = raw.get("concurrent", False)
        if not isinstance(concurrent, bool):
            file.fail("concurrent must be true or false", i, ident)
        own_roles = _strings(file, i, ident, raw.get("roles"), "roles")
        own_generic = _strings(file, i, ident, raw.get("generic"), "generic")
        for phrase in own_roles:
            key = normalize(phrase)
            owner = roles.get(key, ident)
            if owner != ident or key in generic:
                clash = owner if owner != ident else generic[key]
                file.fail(
                    f"role {phrase!r} is already a role or generic phrase of {clash}", i, ident
                )
            roles[key] = ident
        for phrase in own_generic:
            key = normalize(phrase)
            if key in roles:
                file.fail(f"generic phrase {phrase!r} is already a role of {roles[key]}", i, ident)
            generic.setdefault(key, ident)
        holders = _holders(file, i, ident, raw.get("holders"), entities, concurrent)
        note = _optional(file, i, ident, raw.get("note"), "note")
        offices[ident] = Office(
            ident, name, of, tuple(own_roles), tuple(own_generic), holders, concurrent, note
        )
    return offices, reviewed_to

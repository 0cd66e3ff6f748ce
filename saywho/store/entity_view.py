"""What the workbench shows of the entity tables (issue #3), when the store has them.

Stores written by a saywho with entity linking hold ``entities(id, name, type, origin)`` and
``mentions(article_id, idx, ..., spelling, entity)``. Speakers keyed by an entity id then show
the entity's canonical name, and speaker and outlet pages show spellings (who writes "Kiev",
who writes "Kyiv"). On stores without those tables every function here returns nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from .entities import WRITTEN_SQL

__all__ = ["entity_names", "has_columns", "outlet_spellings", "speaker_spellings"]


def has_columns(conn: sqlite3.Connection, table: str, columns: Iterable[str]) -> bool:
    """Whether ``table`` exists with all of ``columns`` (names from saywho's own code)."""
    have = {row[1] for row in conn.execute("SELECT * FROM pragma_table_info(?)", (table,))}
    return bool(have) and set(columns) <= have


def entity_names(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, str]:
    """Canonical names of the entity ids found in ``entities``."""
    ids = [i for i in dict.fromkeys(ids) if i]
    if not ids or not has_columns(conn, "entities", ("id", "name")):
        return {}
    out: dict[str, str] = {}
    for lo in range(0, len(ids), 500):
        chunk = ids[lo : lo + 500]
        marks = ",".join("?" * len(chunk))
        for i, name in conn.execute(f"SELECT id, name FROM entities WHERE id IN ({marks})", chunk):
            out[str(i)] = str(name)
    return out


_MENTIONS = ("article_id", "spelling", "entity", "how")
_WRITTEN = f"m.{WRITTEN_SQL}"


def speaker_spellings(conn: sqlite3.Connection, entity: str, top: int = 10) -> list[dict[str, Any]]:
    """How each outlet spells the entity: ``{"spelling", "mentions", "outlets": [...]}``."""
    if not has_columns(conn, "mentions", _MENTIONS):
        return []
    rows = conn.execute(
        "SELECT min(m.spelling), a.outlet, count(*) FROM mentions AS m "
        f"JOIN articles AS a ON a.id = m.article_id WHERE m.entity = ? AND {_WRITTEN} "
        "GROUP BY m.spelling COLLATE NOCASE, a.outlet ORDER BY 1, count(*) DESC",
        (entity,),
    ).fetchall()
    spellings: dict[str, dict[str, Any]] = {}
    for spelling, outlet, n in rows:
        s = spellings.setdefault(spelling, {"spelling": spelling, "mentions": 0, "outlets": []})
        s["mentions"] += n
        s["outlets"].append({"outlet": outlet, "mentions": n})
    return sorted(spellings.values(), key=lambda s: (-s["mentions"], s["spelling"]))[:top]


def outlet_spellings(conn: sqlite3.Connection, outlet: str, top: int = 15) -> list[dict[str, Any]]:
    """For entities spelled more than one way in the store: the spellings this outlet uses."""
    if not has_columns(conn, "mentions", _MENTIONS):
        return []
    rows = conn.execute(
        "SELECT m.entity, min(m.spelling), count(*) AS n FROM mentions AS m "
        f"JOIN articles AS a ON a.id = m.article_id WHERE a.outlet = ? AND {_WRITTEN} "
        "AND m.entity IN (SELECT entity FROM mentions AS m WHERE entity IS NOT NULL "
        f"AND {_WRITTEN} GROUP BY entity HAVING count(DISTINCT lower(spelling)) > 1) "
        "GROUP BY m.entity, m.spelling COLLATE NOCASE ORDER BY n DESC, m.entity, 2 LIMIT ?",
        (outlet, top * 3),
    ).fetchall()
    names = entity_names(conn, (r[0] for r in rows))
    by_entity: dict[str, dict[str, Any]] = {}
    for entity, spelling, n in rows:
        e = by_entity.setdefault(
            entity, {"entity": entity, "name": names.get(entity, entity), "spellings": []}
        )
        e["spellings"].append({"spelling": spelling, "mentions": n})
    return list(by_entity.values())[:top]

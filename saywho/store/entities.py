"""Entities in the store: writing mentions, the user's overrides, and entity queries.

The pipeline links each mention and quote speaker to an entity (``auto_entity``). The user
can correct it with three overrides, kept in ``entity_overrides`` in the order given:

* ``merge A B`` — everything linked to A belongs to B;
* ``split A "spelling"`` — what is linked to A *and written that way* becomes its own
  entity (say, a namesake the pipeline folded in);
* ``alias E "spelling"`` — whatever is written that way is E, wherever it occurs.

:func:`effective` applies them, in order, to an automatic link; a later override wins over
an earlier one and every override wins over the pipeline. Overrides live apart from the
analyses, so re-analysing an article (a new pipeline version) keeps them.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ..errors import StoreError
from ..knowledge import load_knowledge, name_key, normalize
from ..model import Analysis

__all__ = [
    "WRITTEN_SQL",
    "EntityRow",
    "Override",
    "effective",
    "find_entities",
    "insert_entities",
    "load_overrides",
    "name_keys",
    "spelling",
]


#: Mentions that show how a name is spelled: written names, not "he" or "the spokesman".
WRITTEN_SQL = "how IN ('name', 'surname', 'alias')"


@dataclass(frozen=True, slots=True)
class Override:
    action: str  # merge, split, alias
    entity: str
    target: str | None
    spelling: str | None


@dataclass(frozen=True, slots=True)
class EntityRow:
    """An entity with its counts in the store."""

    id: str
    name: str
    type: str
    origin: str
    mentions: int = 0
    quotes: int = 0
    articles: int = 0
    spellings: tuple[tuple[str, int], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["spellings"] = [{"spelling": s, "count": n} for s, n in self.spellings]
        return d


def spelling(text: str, type_: str) -> str:
    """The spelling a mention stands for, as compared across outlets: a person's surname
    as written ("Zelenskiy" for "Volodymyr Zelenskiy's"), a place's or organisation's whole
    name ("Kiev"), without a possessive."""
    text = text.strip()
    for suffix in ("'s", "’s", "'", "’"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    if type_ == "PERSON" and text.split():
        return text.split()[-1]
    if text.lower().startswith("the "):
        text = text[4:]
    return text


def load_overrides(conn: sqlite3.Connection) -> list[Override]:
    return [
        Override(*row)
        for row in conn.execute(
            "SELECT action, entity, target, spelling FROM entity_overrides ORDER BY seq"
        )
    ]


def effective(overrides: Sequence[Override], auto: str | None, *written: str | None) -> str | None:
    """The entity after the user's overrides, for something the pipeline linked to ``auto``
    and that is ``written`` so (a mention's text; a speaker's mention and name)."""
    keys = {normalize(w) for w in written if w}
    keys |= {normalize(spelling(w, "PERSON")) for w in written if w}
    entity = auto
    for o in overrides:
        if o.action == "alias":
            if o.spelling in keys:
                entity = o.entity
        elif entity == o.entity and (o.action == "merge" or o.spelling in keys):
            entity = o.target  # merge: everything; split: only what is written so
    return entity


def name_keys(name: str) -> tuple[str, str]:
    """``(name_norm, skeleton)`` of an entity's name, the indexed lookup keys of ``entities``."""
    return normalize(name), name_key(name)


def insert_entities(
    conn: sqlite3.Connection, analysis: Analysis, overrides: Sequence[Override]
) -> None:
    """Store an analysis's entities (new ones only; names of known ones stay) and mentions."""
    conn.executemany(
        "INSERT INTO entities(id, name, type, origin, name_norm, skeleton) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING",
        (
            (e.id, e.name, e.type, "knowledge" if e.known else "auto", *name_keys(e.name))
            for e in analysis.entities
        ),
    )
    text = analysis.article.text
    rows = []
    for i, m in enumerate(analysis.mentions):
        written = text[m.start : m.end]
        rows.append(
            (
                analysis.id,
                i,
                m.start,
                m.end,
                written,
                spelling(written, m.type),
                m.type,
                m.how,
                float(m.confidence),
                m.entity,
                effective(overrides, m.entity, written),
            )
        )
    conn.executemany(
        'INSERT INTO mentions(article_id, idx, "start", "end", text, spelling, type, how, '
        "confidence, auto_entity, entity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )


def reapply(conn: sqlite3.Connection, entity: str | None = None) -> None:
    """Recompute the effective links after the overrides changed (inside a transaction).

    With ``entity``, only the rows now linked to it are looked at (through the indexes on
    ``mentions.entity`` and ``quotes.speaker_entity``): a merge or split that was just added
    as the last override can only change those. An alias can change any row written so,
    so it (``entity=None``) looks at every row."""
    overrides = load_overrides(conn)
    conn.create_function(
        "saywho_entity", 2, lambda auto, w: effective(overrides, auto, w), deterministic=True
    )
    conn.create_function(
        "saywho_speaker",
        3,
        lambda auto, m, n: effective(overrides, auto, m, n),
        deterministic=True,
    )
    args: tuple[str, ...] = () if entity is None else (entity,)
    conn.execute(
        "UPDATE mentions SET entity = saywho_entity(auto_entity, text) "
        "WHERE entity IS NOT saywho_entity(auto_entity, text)"
        + ("" if entity is None else " AND entity = ?"),
        args,
    )
    conn.execute(
        "UPDATE quotes SET speaker_entity = "
        "saywho_speaker(speaker_auto_entity, speaker_mention_text, speaker_name) "
        "WHERE speaker_entity IS NOT "
        "saywho_speaker(speaker_auto_entity, speaker_mention_text, speaker_name)"
        + ("" if entity is None else " AND speaker_entity = ?"),
        args,
    )


def add_override(
    conn: sqlite3.Connection,
    action: str,
    entity: str,
    target: str | None = None,
    written: str | None = None,
) -> None:
    now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO entity_overrides(action, entity, target, spelling, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (action, entity, target, normalize(written) if written else None, now),
    )
    # merge and split move rows away from ``entity`` only; an alias can take any row
    reapply(conn, None if action == "alias" else entity)


# -- queries ---------------------------------------------------------------------------


def find_entities(conn: sqlite3.Connection, name: str) -> list[str]:
    """Ids of the stored entities ``name`` may mean: an id, a canonical name, a spelling
    used in some mention, a user alias, or a name the knowledge files know ("Zelensky",
    "Kiev"), or a spelling variant of any of these ("Zelenskyi")."""
    name = name.strip()
    if not name:
        return []
    key = normalize(name)
    found: list[str] = []

    def add(ids: Iterable[Any]) -> None:
        for i in ids:
            if i is not None and str(i) not in found:
                found.append(str(i))

    add(r[0] for r in conn.execute("SELECT id FROM entities WHERE id = ?", (name,)))
    add(
        r[0]
        for r in conn.execute(
            "SELECT entity FROM entity_overrides WHERE action = 'alias' AND spelling = ?", (key,)
        )
    )
    if not found:
        kb_ids = [e.id for e in load_knowledge().lookup(name, contextual=False)]
        add(
            r[0]
            for i in kb_ids
            for r in conn.execute(
                "SELECT DISTINCT entity FROM mentions WHERE auto_entity = ? "
                "UNION SELECT DISTINCT speaker_entity FROM quotes WHERE speaker_auto_entity = ?",
                (i, i),
            )
        )
        add(i for i in kb_ids if _stored(conn, i))
    if not found:
        skeleton = name_key(name)
        add(
            r[0]
            for r in conn.execute(
                "SELECT id FROM entities WHERE name_norm = ? UNION "
                "SELECT id FROM entities WHERE skeleton = ? AND skeleton != ''",
                (key, skeleton),
            )
        )
    if not found:
        add(
            r[0]
            for r in conn.execute(
                "SELECT entity FROM mentions WHERE spelling = ? COLLATE NOCASE "
                "OR text = ? COLLATE NOCASE GROUP BY entity ORDER BY count(*) DESC",
                (name, name),
            )
        )
    return found


def _stored(conn: sqlite3.Connection, entity_id: str) -> bool:
    return conn.execute("SELECT 1 FROM entities WHERE id = ?", (entity_id,)).fetchone() is not None


def entity_row(conn: sqlite3.Connection, entity_id: str) -> EntityRow | None:
    row = conn.execute(
        "SELECT id, name, type, origin FROM entities WHERE id = ?", (entity_id,)
    ).fetchone()
    if row is None:
        return None
    n_mentions, n_articles = conn.execute(
        "SELECT count(*), count(DISTINCT article_id) FROM mentions WHERE entity = ?",
        (entity_id,),
    ).fetchone()
    (n_quotes,) = conn.execute(
        "SELECT count(*) FROM quotes WHERE speaker_entity = ?", (entity_id,)
    ).fetchone()
    spellings = tuple(
        (str(s), int(n))
        for s, n in conn.execute(
            "SELECT min(spelling), count(*) AS n FROM mentions WHERE entity = ? "
            f"AND {WRITTEN_SQL} GROUP BY spelling COLLATE NOCASE "
            "ORDER BY n DESC, 1",
            (entity_id,),
        )
    )
    eid, name, type_, origin = row
    return EntityRow(
        eid, name, type_, origin, int(n_mentions), int(n_quotes), int(n_articles), spellings
    )


def list_entities(
    conn: sqlite3.Connection, *, type_: str | None = None, limit: int | None = None
) -> Iterator[EntityRow]:
    """Entities by how often they are mentioned or quoted, most first."""
    where = ["(m.n > 0 OR q.n > 0)"]
    params: list[Any] = []
    if type_ is not None:
        where.append("e.type = ?")
        params.append(type_.upper())
    sql = (
        "SELECT e.id, e.name, e.type, e.origin, coalesce(m.n, 0), coalesce(q.n, 0), "
        "coalesce(m.a, 0) FROM entities AS e "
        "LEFT JOIN (SELECT entity, count(*) AS n, count(DISTINCT article_id) AS a "
        "FROM mentions GROUP BY entity) AS m ON m.entity = e.id "
        "LEFT JOIN (SELECT speaker_entity, count(*) AS n FROM quotes GROUP BY speaker_entity) "
        f"AS q ON q.speaker_entity = e.id WHERE {' AND '.join(where)} "
        "ORDER BY coalesce(m.n, 0) + coalesce(q.n, 0) DESC, e.name LIMIT ?"
    )
    params.append(-1 if limit is None else int(limit))
    for r in conn.execute(sql, params).fetchall():
        yield EntityRow(r[0], r[1], r[2], r[3], int(r[4]), int(r[5]), int(r[6]))


def outlet_spellings(
    conn: sqlite3.Connection, entity_ids: Sequence[str] | None = None, *, min_spellings: int = 2
) -> list[dict[str, Any]]:
    """Which outlet writes which spelling of each entity: one dict per (entity, spelling,
    outlet) with the count, for entities written at least ``min_spellings`` ways."""
    params: list[Any] = []
    where = f"m.{WRITTEN_SQL} AND m.entity IS NOT NULL"
    if entity_ids:
        where += f" AND m.entity IN ({', '.join('?' * len(entity_ids))})"
        params += list(entity_ids)
    rows = conn.execute(
        "SELECT m.entity, e.name, min(m.spelling), coalesce(a.outlet, ''), count(*) "
        "FROM mentions AS m JOIN articles AS a ON a.id = m.article_id "
        "LEFT JOIN entities AS e ON e.id = m.entity "
        f"WHERE {where} GROUP BY m.entity, m.spelling COLLATE NOCASE, a.outlet "
        "ORDER BY e.name, m.entity, count(*) DESC, 3, a.outlet",
        params,
    ).fetchall()
    variants: dict[str, set[str]] = {}
    for eid, _, sp, _, _ in rows:
        variants.setdefault(eid, set()).add(sp.lower())
    return [
        {"entity": eid, "name": name, "spelling": sp, "outlet": outlet or None, "count": n}
        for eid, name, sp, outlet, n in rows
        if len(variants[eid]) >= min_spellings
    ]


def entity_mentions(
    conn: sqlite3.Connection, entity_id: str, *, limit: int | None = None, context: int = 60
) -> list[dict[str, Any]]:
    """The entity's mentions, latest article first: where (article, offsets), how it is
    written, and ``context`` characters of text around it."""
    rows = conn.execute(
        'SELECT m.article_id, m."start", m."end", m.text, m.how, a.date, a.outlet, a.title, '
        'substr(a.text, max(1, m."start" + 1 - ?), m."end" - max(0, m."start" - ?) + ?) '
        "FROM mentions AS m JOIN articles AS a ON a.id = m.article_id WHERE m.entity = ? "
        'ORDER BY a.date DESC, a.id, m."start" LIMIT ?',
        (context, context, context, entity_id, -1 if limit is None else int(limit)),
    ).fetchall()
    keys = ("article_id", "start", "end", "text", "how", "date", "outlet", "title", "context")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def require_one(conn: sqlite3.Connection, name: str) -> str:
    """The one entity ``name`` means; StoreError (with the candidates) otherwise."""
    found = find_entities(conn, name)
    if not found:
        raise StoreError(
            f"no entity called {name!r} in the store; list them with `saywho entities list`"
        )
    if len(found) > 1:
        shown = ", ".join(found[:6])
        raise StoreError(f"{name!r} may mean several entities ({shown}); pass the id instead")
    return found[0]

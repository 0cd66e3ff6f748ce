"""Entities in the store: mentions and entities written with their articles, lookup by any
spelling, spellings per outlet, and the user's merge/split/alias overrides, which win over
the pipeline's links and survive re-analysis."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from saywho.errors import StoreError
from saywho.model import Analysis, Article, EntityRef, Mention, Quote, Source, Span, Speaker
from saywho.store import Store, open_store

ZEL = "Q3881980"
KYIV = "Q1899"
IVAN = "auto:person/dmitri-ivanenko"


def _find(text: str, words: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Span(start, start + len(words))


def article(
    text: str,
    outlet: str,
    mentions: list[tuple[str, str, str | None, int]],
    entities: list[EntityRef],
    speakers: list[tuple[str, str, str, str | None]] = (),  # type: ignore[assignment]
    *,
    pipeline: str = "p-1",
    date: str = "2024-05-01",
) -> Analysis:
    """``mentions``: (words, type, entity, nth occurrence); ``speakers``: (content words,
    mention words, name, entity)."""
    ms = tuple(
        Mention(_find(text, w, n), t, e, "name" if " " in w else "surname")
        for w, t, e, n in mentions
    )
    qs = tuple(
        Quote(
            kind="direct",
            content=(_find(text, c),),
            speaker=Speaker(mention=_find(text, m), name=name, entity=e),
        )
        for c, m, name, e in speakers
    )
    return Analysis(
        article=Article(
            text=text,
            title="t",
            date=dt.date.fromisoformat(date),
            outlet=outlet,
            source=Source("x.jsonl", 1, "jsonl"),
        ),
        quotes=qs,
        pipeline=pipeline,
        mentions=ms,
        entities=tuple(entities),
    )


ZREF = EntityRef(ZEL, "Volodymyr Zelenskyy", "PERSON", ("Zelensky",), known=True)
KREF = EntityRef(KYIV, "Kyiv", "GPE", ("Kiev",), known=True)
IREF = EntityRef(IVAN, "Dmitri Ivanenko", "PERSON")

A1 = "Zelenskiy spoke in Kyiv. “We hold,” Zelenskiy said."
A2 = "Zelensky arrived in Kiev. Dmitri Ivanenko met him. “Roads are open,” Ivanenko said."
A3 = "Zelenskyy visited Kyiv again. “Thank you,” Zelenskyy said."


def corpus(pipeline: str = "p-1") -> list[Analysis]:
    return [
        article(
            A1,
            "wire",
            [("Zelenskiy", "PERSON", ZEL, 0), ("Kyiv", "GPE", KYIV, 0)],
            [ZREF, KREF],
            [("We hold", "Zelenskiy", "Volodymyr Zelenskyy", ZEL)],
            pipeline=pipeline,
        ),
        article(
            A2,
            "herald",
            [
                ("Zelensky", "PERSON", ZEL, 0),
                ("Kiev", "GPE", KYIV, 0),
                ("Dmitri Ivanenko", "PERSON", IVAN, 0),
                ("Ivanenko", "PERSON", IVAN, 1),
            ],
            [ZREF, KREF, IREF],
            [("Roads are open", "Ivanenko", "Dmitri Ivanenko", IVAN)],
            pipeline=pipeline,
            date="2024-05-02",
        ),
        article(
            A3,
            "ledger",
            [("Zelenskyy", "PERSON", ZEL, 0), ("Kyiv", "GPE", KYIV, 0)],
            [ZREF, KREF],
            [("Thank you", "Zelenskyy", "Volodymyr Zelenskyy", ZEL)],
            pipeline=pipeline,
            date="2024-05-03",
        ),
    ]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "e.db")
    s.add(corpus())
    return s


def test_entities_are_listed_by_frequency(store: Store) -> None:
    rows = store.entities()
    # Zelenskyy: 3 mentions + 2 quotes; then a tie at 3, broken by name
    assert [r.id for r in rows] == [ZEL, IVAN, KYIV]
    zel = rows[0]
    assert (zel.mentions, zel.quotes, zel.articles, zel.origin) == (3, 2, 3, "knowledge")
    assert [r.id for r in store.entities(type="GPE")] == [KYIV]


@pytest.mark.parametrize("name", [ZEL, "Zelensky", "zelenskiy", "Volodymyr Zelenskyy", "Zelenskyi"])
def test_any_spelling_finds_the_entity(store: Store, name: str) -> None:
    assert store.find_entities(name) == [ZEL]


def test_quotes_by_any_alias(store: Store) -> None:
    for name in ("Zelenskyi", "Zelensky", ZEL):
        assert {r.content for r in store.quotes(speaker=name)} == {"We hold", "Thank you"}


def test_entity_show_counts_spellings(store: Store) -> None:
    row = store.entity("Kiev")
    assert row.id == KYIV
    assert dict(row.spellings) == {"Kyiv": 2, "Kiev": 1}


def test_outlet_spellings(store: Store) -> None:
    rows = store.spellings(["Kyiv"])
    assert {(r["spelling"], r["outlet"], r["count"]) for r in rows} == {
        ("Kyiv", "wire", 1),
        ("Kiev", "herald", 1),
        ("Kyiv", "ledger", 1),
    }
    everything = store.spellings()
    assert {r["entity"] for r in everything} == {ZEL, KYIV}  # Ivanenko has one spelling


def test_unknown_name_is_a_clear_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no entity called 'Nobody'.*entities list"):
        store.entity("Nobody")


def test_merge_moves_mentions_and_quotes(store: Store) -> None:
    a, b = store.merge_entities("Dmitri Ivanenko", "Zelensky")
    assert (a, b) == (IVAN, ZEL)
    zel = store.entity(ZEL)
    assert (zel.mentions, zel.quotes) == (5, 3)
    rows = list(store.quotes(speaker="Zelensky"))
    assert len(rows) == 3
    # the listing shows the canonical name of the entity the quote now belongs to
    assert {r.speaker for r in rows} == {"Volodymyr Zelenskyy"}
    with pytest.raises(StoreError, match="already one entity"):
        store.merge_entities(ZEL, "Zelenskiy")


def test_split_takes_one_spelling_out(store: Store) -> None:
    new = store.split_entity("Kyiv", "Kiev", name="Kiev (old spelling)")
    assert new.startswith("user:gpe/")
    assert store.entity(KYIV).mentions == 2
    split = store.entity(new)
    assert (split.name, split.mentions, split.origin) == ("Kiev (old spelling)", 1, "user")


def test_alias_links_a_spelling_everywhere(store: Store) -> None:
    eid = store.alias_entity("Zelensky", "Ivanenko")
    assert eid == ZEL
    # the surname-only mention and the quote whose mention is "Ivanenko" move; the full
    # name "Dmitri Ivanenko" (its surname spelling is also "Ivanenko") moves too
    assert store.entity(ZEL).quotes == 3


def test_overrides_survive_reanalysis(tmp_path: Path) -> None:
    with open_store(tmp_path / "r.db") as s:
        s.add(corpus("p-1"))
        s.merge_entities("Dmitri Ivanenko", "Zelensky")
        s.split_entity("Kyiv", "Kiev")
        result = s.add(corpus("p-2"))  # a new pipeline version: every article re-analysed
        assert result.updated == 3
        assert s.entity(ZEL).quotes == 3
        assert s.entity(KYIV).mentions == 2
        assert [o.action for o in s.overrides()] == ["merge", "split"]


def test_overrides_apply_to_articles_added_later(tmp_path: Path) -> None:
    with open_store(tmp_path / "l.db") as s:
        s.add(corpus()[:1])
        s.add(corpus()[2:])
        s.alias_entity("Kyiv", "Kiev")
        s.merge_entities("Zelensky", "Kyiv")  # nonsense, but the user is in charge
        s.add(corpus()[1:2])
        assert s.find_entities("Dmitri Ivanenko") == [IVAN]
        assert s.entity(KYIV).quotes == 2


def test_mentions_are_removed_with_their_article(store: Store) -> None:
    from saywho.model import article_id

    assert store.delete(article_id(A2))
    assert store.entity(KYIV).mentions == 2
    assert store.find_entities("Dmitri Ivanenko") == [IVAN]  # the entity row stays
    assert store.entity(IVAN).mentions == 0


def test_mentions_list_with_context(store: Store) -> None:
    rows = store.mentions("Kiev")
    assert [(r["text"], r["outlet"]) for r in rows] == [
        ("Kyiv", "ledger"),
        ("Kiev", "herald"),
        ("Kyiv", "wire"),
    ]  # latest article first
    assert "Kiev" in rows[1]["context"] and rows[1]["how"] == "surname"


def test_stats_count_speakers_by_entity(store: Store) -> None:
    stats = store.stats()
    assert stats.speakers == 2
    assert stats.top_speakers[0] == ("Volodymyr Zelenskyy", 2)


def test_quotes_about_an_entity_by_any_spelling(tmp_path: Path) -> None:
    text = "“Kyiv will stand,” Zelenskiy said. “Roads are open,” he added."
    a = article(
        text,
        "wire",
        [("Kyiv", "GPE", KYIV, 0), ("Zelenskiy", "PERSON", ZEL, 0)],
        [ZREF, KREF],
        [
            ("Kyiv will stand", "Zelenskiy", "Volodymyr Zelenskyy", ZEL),
            ("Roads are open", "he", "Volodymyr Zelenskyy", ZEL),
        ],  # fmt: skip
    )
    with open_store(tmp_path / "a.db") as s:
        s.add([a])
        assert [r.content for r in s.quotes(about="Kiev")] == ["Kyiv will stand"]
        assert list(s.quotes(about="Nobody")) == []
        assert [r.content for r in s.quotes(about=KYIV, speaker="Zelensky")] == ["Kyiv will stand"]


def test_a_version_1_database_is_upgraded_in_place(tmp_path: Path) -> None:
    import sqlite3

    from saywho.store.schema import MIGRATIONS

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in MIGRATIONS[1]:
        conn.execute(statement)
    conn.execute("INSERT INTO saywho_schema(version, applied_at, saywho) VALUES (1, 'x', 'old')")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with open_store(path) as s:
        assert s.conn.execute("PRAGMA user_version").fetchone()[0] == max(MIGRATIONS)
        s.add(corpus())
        assert s.find_entities("Kiev") == [KYIV]


def test_a_version_2_database_gets_indexed_name_keys(tmp_path: Path) -> None:
    """Schema v3 keys entity names for lookup; the upgrade fills the keys of stored rows."""
    import sqlite3

    from saywho.store.schema import MIGRATIONS

    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for version in (1, 2):
        for statement in MIGRATIONS[version]:
            conn.execute(statement)
        conn.execute(
            "INSERT INTO saywho_schema(version, applied_at, saywho) VALUES (?, 'x', 'old')",
            (version,),
        )
    conn.execute("PRAGMA user_version = 2")
    conn.execute(
        "INSERT INTO entities(id, name, type, origin) VALUES (?, 'Dmitri Ivanenko', 'PERSON', "
        "'auto')",
        (IVAN,),
    )
    conn.close()
    with open_store(path) as s:
        row = s.conn.execute(
            "SELECT name_norm, skeleton FROM entities WHERE id = ?", (IVAN,)
        ).fetchone()
        assert row[0] and row[1]
        # a spelling nobody wrote, found through the skeleton column
        assert s.find_entities("Dmitry Ivanenko") == [IVAN]
        assert s.find_entities("dmitri ivanenko") == [IVAN]


def test_lookup_by_name_uses_the_indexes(store: Store) -> None:
    plan = " ".join(
        str(r[-1])
        for r in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM entities WHERE name_norm = ? UNION "
            "SELECT id FROM entities WHERE skeleton = ? AND skeleton != ''",
            ("x", "x"),
        )
    )
    assert "entities_name_norm" in plan and "entities_skeleton" in plan, plan


@pytest.mark.parametrize(
    "steps",
    [
        [("merge", "Dmitri Ivanenko", "Zelensky"), ("split", "Zelensky", "Ivanenko")],
        [("split", "Kyiv", "Kiev"), ("alias", KYIV, "Kiev"), ("merge", "Zelensky", KYIV)],
        [("alias", "Zelensky", "Ivanenko"), ("merge", "Zelensky", "Dmitri Ivanenko")],
    ],
)
def test_an_override_recomputes_only_what_it_can_change(
    store: Store, steps: list[tuple[str, str, str]]
) -> None:
    """Each merge or split looks only at the rows linked to its entity; the links come out
    as a recomputation of every row gives them."""
    from saywho.store.entities import reapply

    for action, entity, other in steps:
        if action == "merge":
            store.merge_entities(entity, other)
        elif action == "split":
            store.split_entity(entity, other)
        else:
            store.alias_entity(entity, other)

    def links() -> list[tuple[object, ...]]:
        rows = store.conn.execute("SELECT article_id, idx, entity FROM mentions ORDER BY 1, 2")
        quotes = store.conn.execute("SELECT rowid, speaker_entity FROM quotes ORDER BY 1")
        return [*rows.fetchall(), *quotes.fetchall()]

    scoped = links()
    with store.conn:
        reapply(store.conn)  # every row
    assert links() == scoped

"""Lookup by any alias, case- and diacritic-insensitive, with contextual aliases last."""

from __future__ import annotations

import pytest

from saywho.knowledge import Knowledge

LOOKUPS = [
    ("Zelensky", "Volodymyr Zelenskyy"),
    ("ZELENSKIY", "Volodymyr Zelenskyy"),
    ("Zelenskyi", "Volodymyr Zelenskyy"),
    ("Зеленский", "Volodymyr Zelenskyy"),
    ("Kiev", "Kyiv"),
    ("Kyiv", "Kyiv"),
    ("Kharkov", "Kharkiv"),
    ("Lugansk", "Luhansk"),
    ("Odessa", "Odesa"),
    ("Zaporozhye", "Zaporizhzhia"),
    ("Artemovsk", "Bakhmut"),
    ("Dmitri Peskov", "Dmitry Peskov"),
    ("Dmitry Peskov", "Dmitry Peskov"),
    ("Lukashenka", "Alexander Lukashenko"),
    ("Erdogan", "Recep Tayyip Erdoğan"),
    ("erdoğan", "Recep Tayyip Erdoğan"),
    ("the Kremlin", "the Kremlin"),
    ("Kremlin", "the Kremlin"),
    ("N.A.T.O.", "NATO"),
    ("the alliance", "NATO"),
    ("the US-led bloc", "NATO"),
    ("U.S.", "United States"),
    ("Britain", "United Kingdom"),
    ("Türkiye", "Turkey"),
    ("the UN nuclear watchdog", "International Atomic Energy Agency"),
    ("Russia's Foreign Ministry", "Ministry of Foreign Affairs of Russia"),
    ("Xi", "Xi Jinping"),
    ("von der Leyen", "Ursula von der Leyen"),
]


@pytest.mark.parametrize(("name", "expected"), LOOKUPS)
def test_lookup_by_alias(kb: Knowledge, name: str, expected: str) -> None:
    found = kb.lookup(name)
    assert found, f"nothing found for {name!r}"
    assert found[0].name == expected


def test_contextual_aliases_come_last_and_can_be_excluded(kb: Knowledge) -> None:
    assert [e.name for e in kb.lookup("Moscow")] == ["Moscow", "Russia"]
    assert [e.name for e in kb.lookup("Moscow", contextual=False)] == ["Moscow"]
    assert {e.name for e in kb.lookup("the bloc")} == {"NATO", "European Union"}
    assert kb.lookup("the alliance", contextual=False) == []


def test_fuzzy_lookup_can_be_turned_off(kb: Knowledge) -> None:
    assert kb.lookup("Zelenskyyi", fuzzy=False) == []
    assert kb.lookup("Zelenskyyi")[0].id == "Q3881980"


def test_lookup_keeps_look_alikes_apart(kb: Knowledge) -> None:
    assert [e.name for e in kb.lookup("Lukashevich")] == ["Alexander Lukashevich"]
    assert [e.name for e in kb.lookup("Zelenska")] == ["Olena Zelenska"]
    assert kb.lookup("Kulebyaka") == []
    # the same name in two romanisations, two different men: the listed spelling decides
    assert [e.name for e in kb.lookup("Alexander Litvinenko")] == ["Alexander Litvinenko"]
    assert [e.name for e in kb.lookup("Oleksandr Lytvynenko")] == ["Oleksandr Lytvynenko"]


def test_entity_by_id(kb: Knowledge) -> None:
    putin = kb.entity("Q7747")
    assert putin is not None and putin.name == "Vladimir Putin" and putin.wikidata == "Q7747"
    assert kb.entity("sw:person/dmitry-peskov") is not None
    assert kb.entity("Q0") is None


def test_match_scores_unknown_spellings(kb: Knowledge) -> None:
    (entity, score), *_ = kb.match("Volodimir Zelenskyi")
    assert entity.id == "Q3881980" and score >= 0.9
    assert kb.match("Alexander Lukashevich")[0][0].id == "sw:person/alexander-lukashevich"
    assert all(
        e.id != "sw:person/alexander-lukashenko" for e, _ in kb.match("Alexander Lukashevich")
    )
    assert kb.match("Kyiv", types={"PERSON"}) == []


def test_a_relative_is_not_matched_through_a_bare_surname_alias(kb: Knowledge) -> None:
    # "Klitschko" is an alias of Vitali; Wladimir (his brother) must not match Vitali through it
    assert [e.id for e, _ in kb.match("Wladimir Klitschko")] == ["sw:person/wladimir-klitschko"]
    assert kb.match("Thorvald Stoltenberg") == []
    assert kb.match("President Zelensky")[0][0].id == "Q3881980"

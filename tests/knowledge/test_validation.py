"""The shipped knowledge validates, and broken files fail with errors naming file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from saywho.knowledge import Knowledge, KnowledgeError, default_knowledge_dir, load_knowledge


def test_shipped_files_exist() -> None:
    folder = default_knowledge_dir()
    assert (folder / "entities.yaml").is_file() and (folder / "offices.yaml").is_file()


def test_load_is_cached(kb: Knowledge) -> None:
    assert load_knowledge() is kb
    assert load_knowledge(default_knowledge_dir()) is kb


def test_size(kb: Knowledge) -> None:
    assert len(kb.entities) >= 300
    assert len(kb.offices) >= 60
    assert sum(len(office.holders) for office in kb.offices.values()) >= 250


def test_every_holder_is_a_known_person(kb: Knowledge) -> None:
    for office in kb.offices.values():
        assert office.of in kb.entities, office.id
        for tenure in office.holders:
            entity = kb.entity(tenure.entity_id)
            assert entity is not None and entity.type == "PERSON", (office.id, tenure.entity_id)


def test_tenures_are_ordered_and_do_not_overlap(kb: Knowledge) -> None:
    for office in kb.offices.values():
        for tenure in office.holders:
            assert tenure.end is None or tenure.end > tenure.start, (office.id, tenure)
        starts = [t.start for t in office.holders]
        assert starts == sorted(starts), office.id
        if office.concurrent:
            continue
        for before, after in zip(office.holders, office.holders[1:], strict=False):
            assert before.end is not None and before.end <= after.start, (office.id, before, after)


def test_required_offices_are_covered(kb: Knowledge) -> None:
    for country in ("ru", "ua", "us", "uk", "fr", "de", "cn", "by", "il", "ir", "tr"):
        ids = {oid for oid in kb.offices if oid.startswith(country + ".")}
        assert any(
            oid.endswith(("president", "prime_minister", "chancellor", "premier")) for oid in ids
        ), country
        assert any("foreign" in oid or "secretary_of_state" in oid for oid in ids), country
        assert any("defen" in oid for oid in ids), country
        if country != "uk":  # Downing Street's official spokespeople are unnamed civil servants
            assert any("spokes" in oid or "press" in oid for oid in ids), country
    for oid in (
        "nato.secretary_general",
        "eu.commission_president",
        "eu.council_president",
        "eu.high_representative",
        "un.secretary_general",
        "iaea.director_general",
    ):
        assert oid in kb.offices


def test_ids_are_qids_or_slugs(kb: Knowledge) -> None:
    for entity in kb.entities.values():
        assert entity.id.startswith(("Q", "sw:person/", "sw:org/", "sw:place/")), entity.id


def _write(folder: Path, entities: str, offices: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.yaml").write_text(entities, encoding="utf-8")
    (folder / "offices.yaml").write_text(offices, encoding="utf-8")
    return folder


ENTITIES = """version: 1
entities:
- {id: Q1, name: Ruritania, type: GPE, aliases: []}
- {id: sw:person/ann-one, name: Ann One, type: PERSON, aliases: [Anna One]}
- {id: sw:person/bob-two, name: Bob Two, type: PERSON, aliases: []}
"""


def _office(holders: str) -> str:
    return f"""version: 1
reviewed_to: 2025-01-01
offices:
- id: ru.president
  name: President of Ruritania
  of: Q1
  roles: [Ruritanian president]
  generic: [president]
  holders:
{holders}
"""


GOOD = """  - {id: sw:person/ann-one, who: Anna One, start: 2001-01-01, end: 2005-01-01}
  - {id: sw:person/bob-two, start: 2005-01-01, end: null}"""


def test_a_small_valid_folder_loads(tmp_path: Path) -> None:
    kb = load_knowledge(_write(tmp_path / "ok", ENTITIES, _office(GOOD)))
    assert kb.holder("the Ruritanian president", "2004-12-31").name == "Ann One"  # type: ignore[union-attr]
    assert kb.holder("Ruritanian president", "2005-01-01").name == "Bob Two"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("entities", "holders", "message"),
    [
        (
            ENTITIES,
            GOOD.replace("bob-two", "carl-three"),
            r"offices\.yaml.*office 1 \(ru\.president\).*not in entities\.yaml",
        ),
        (
            ENTITIES,
            GOOD.replace("start: 2005-01-01", "start: 2004-06-01"),
            r"office 1 \(ru\.president\).*before holder 1 left",
        ),
        (
            ENTITIES,
            GOOD.replace("end: 2005-01-01", "end: 2000-01-01"),
            r"end 2000-01-01 is not after start",
        ),
        (
            ENTITIES,
            GOOD.replace("2001-01-01", "2001-13-01"),
            r"offices\.yaml.*dates are YYYY-MM-DD",
        ),
        (ENTITIES, GOOD.replace("2001-01-01", "'1 May 2001'"), r"holder 1 start must be a date"),
        (ENTITIES, GOOD.replace("who: Anna One", "who: Zoe"), r"who 'Zoe' is not a name of"),
        (
            ENTITIES,
            "\n".join(reversed(GOOD.splitlines())),
            r"holder 2: holders must be in order of start date",
        ),
        (
            ENTITIES.replace("type: GPE", "type: COUNTRY"),
            GOOD,
            r"entities\.yaml.*entity 1 \(Q1\).*type must be one of",
        ),
        (ENTITIES.replace("id: Q1,", "id: Ruritania,"), GOOD, r"entity 1.*Wikidata QID"),
        (
            ENTITIES.replace("sw:person/bob-two", "sw:person/ann-one"),
            GOOD,
            r"entity 3 \(sw:person/ann-one\): duplicate id",
        ),
        (
            ENTITIES.replace("aliases: [Anna One]", "aliases: [Anna One, Anna One]"),
            GOOD,
            r"aliases: 'Anna One' is listed twice",
        ),
        (
            ENTITIES.replace(
                "sw:person/bob-two, name: Bob Two, type: PERSON",
                "sw:person/bob-two, name: Bob Two, type: ORG",
            ),
            GOOD,
            r"does not fit a sw:person/ id",
        ),
        (ENTITIES, GOOD + "\n    extra: 1", r"not valid YAML|unknown key"),
    ],
)
def test_broken_files_name_file_and_entry(
    tmp_path: Path, entities: str, holders: str, message: str
) -> None:
    folder = _write(tmp_path / "bad", entities, _office(holders))
    with pytest.raises(KnowledgeError, match=message) as info:
        load_knowledge(folder)
    assert info.value.path is not None and info.value.path.endswith(".yaml")


def test_epithets_load_and_name_only_people(tmp_path: Path) -> None:
    described = ENTITIES.replace(
        "aliases: [Anna One]}", "aliases: [Anna One], epithets: [former comedian, tycoon]}"
    )
    kb = load_knowledge(_write(tmp_path / "ok", described, _office(GOOD)))
    assert [e.name for e in kb.described_as("the Former Comedian")] == ["Ann One"]
    assert kb.described_as("comedian") == []  # a phrase, not any of its words
    on_a_place = ENTITIES.replace(
        "type: GPE, aliases: []}", "type: GPE, aliases: [], epithets: [x]}"
    )
    with pytest.raises(KnowledgeError, match="epithets are for people"):
        load_knowledge(_write(tmp_path / "place", on_a_place, _office(GOOD)))
    twice = ENTITIES.replace("aliases: [Anna One]}", "aliases: [Anna One], epithets: [a, A]}")
    with pytest.raises(KnowledgeError, match="listed twice"):
        load_knowledge(_write(tmp_path / "twice", twice, _office(GOOD)))


def test_error_carries_the_line(tmp_path: Path) -> None:
    folder = _write(tmp_path / "line", ENTITIES, _office(GOOD.replace("bob-two", "carl-three")))
    with pytest.raises(KnowledgeError) as info:
        load_knowledge(folder)
    assert info.value.line == 4  # the office entry starts on line 4 of offices.yaml


def test_role_phrases_must_be_unique_across_offices(tmp_path: Path) -> None:
    offices = (
        _office(GOOD)
        + """- id: ru.prime_minister
  name: Prime Minister of Ruritania
  of: Q1
  roles: [Ruritanian president]
  holders:
  - {id: sw:person/ann-one, start: 2001-01-01, end: null}
"""
    )
    with pytest.raises(
        KnowledgeError,
        match=r"office 2 \(ru\.prime_minister\): role 'Ruritanian president' is already",
    ):
        load_knowledge(_write(tmp_path / "dup", ENTITIES, offices))


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="knowledge folder not found"):
        load_knowledge(tmp_path / "nowhere")

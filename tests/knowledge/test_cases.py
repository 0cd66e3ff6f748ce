"""The "who is who" test set (``cases.yaml``), one pytest case per entry.

Roles: ``Knowledge.holder`` gives the expected person on that day. Names: the two spellings link
to the same entity. Distinct: the look-alikes never link to one entity and ``same_name`` keeps
them below the link threshold. The aggregate score is ``saywho.eval.knowledge_cases``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from saywho.eval.knowledge_cases import (
    linked_entities,
    load_cases,
    names_merge,
    resolve_name,
    role_answer,
)
from saywho.knowledge import LINK_THRESHOLD, Knowledge, same_name

CASES = load_cases(Path(__file__).with_name("cases.yaml"))


def _params(section: str) -> list[Any]:
    params = []
    for case in CASES[section]:
        if section == "roles":
            where = "+".join(case.get("context") or [])
            ident = f"{case['phrase']}@{case['date']}" + (f"[{where}]" if where else "")
        else:
            ident = f"{case['a']}~{case['b']}"
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
        params.append(pytest.param(case, id=ident, marks=marks))
    return params


def test_the_set_is_large_enough() -> None:
    assert len(CASES["roles"]) >= 40
    assert len(CASES["names"]) >= 30
    assert len(CASES["distinct"]) >= 30


def test_expected_ids_exist(kb: Knowledge) -> None:
    """A typo in an expected id would make a case fail for the wrong reason."""
    for case in CASES["roles"]:
        for ident in [case["expect"], *(case.get("context") or [])]:
            assert ident is None or kb.entity(ident) is not None, case
    for case in CASES["names"]:
        assert case.get("entity") is None or kb.entity(case["entity"]) is not None, case


@pytest.mark.parametrize("case", _params("roles"))
def test_role_on_date(kb: Knowledge, case: dict[str, Any]) -> None:
    got = role_answer(kb, case)
    assert got == case["expect"], f"{case['phrase']!r} on {case['date']}: got {got}"


@pytest.mark.parametrize("case", _params("names"))
def test_spellings_link_to_one_entity(kb: Knowledge, case: dict[str, Any]) -> None:
    a, b = case["a"], case["b"]
    ra, rb = resolve_name(kb, a), resolve_name(kb, b)
    assert ra is not None and ra == rb, f"{a!r} -> {ra}, {b!r} -> {rb}"
    if case.get("entity"):
        assert ra == case["entity"]
    assert names_merge(kb, a, b)


@pytest.mark.parametrize("case", _params("distinct"))
def test_look_alikes_never_merge(kb: Knowledge, case: dict[str, Any]) -> None:
    a, b = case["a"], case["b"]
    shared = linked_entities(kb, a) & linked_entities(kb, b)
    assert not shared, f"{a!r} and {b!r} both link to {shared}"
    assert same_name(a, b) < LINK_THRESHOLD
    assert same_name(b, a) < LINK_THRESHOLD
    assert not names_merge(kb, a, b)

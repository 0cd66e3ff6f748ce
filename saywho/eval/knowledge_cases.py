"""Score the knowledge base against the "who is who" test set (``tests/knowledge/cases.yaml``).

Three kinds of case (issue #3):

* **roles**: ``Knowledge.holder(phrase, date, context=...)`` must give the expected entity id
  (or None) -- role-by-date resolution across office changes;
* **names**: two spellings of one person or place must link to the same entity;
* **distinct**: look-alike names of different people or places must not be merged.

A *predicted merge* of two names is: both resolve to one entity (:func:`resolve_name`), or
``same_name(a, b) >= LINK_THRESHOLD``. Merge precision is correct merges / predicted merges
over the names and distinct sections; merge recall is merged ``same`` pairs / all ``same``
pairs. Cases marked ``xfail`` are scored like the others (the score is the measurement) and
flagged as such in the failures.

No spaCy: only :mod:`saywho.knowledge` and PyYAML::

    python -c "from saywho.eval.knowledge_cases import score_cases; print(score_cases())"
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from ..knowledge import LINK_THRESHOLD, Knowledge, load_knowledge, same_name

__all__ = [
    "SECTIONS",
    "default_cases_path",
    "linked_entities",
    "load_cases",
    "names_merge",
    "resolve_name",
    "role_answer",
    "score_cases",
]

SECTIONS = ("roles", "names", "distinct")
_EXPECT = {"names": "same", "distinct": "different"}


def default_cases_path() -> Path:
    """``tests/knowledge/cases.yaml`` of the source checkout this module lives in."""
    return Path(__file__).resolve().parents[2] / "tests" / "knowledge" / "cases.yaml"


def _bad(path: Path, section: str, index: int, message: str) -> ValueError:
    return ValueError(f"{path}: {section} case {index + 1}: {message}")


def load_cases(path: str | Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Read and check the case file: ``{"roles": [...], "names": [...], "distinct": [...]}``.

    Raises ``ValueError`` naming the case when one is malformed.
    """
    where = Path(path) if path is not None else default_cases_path()
    doc = yaml.safe_load(where.read_text(encoding="utf-8"))
    if not isinstance(doc, dict) or doc.get("version") != 1:
        raise ValueError(f"{where}: expected a mapping with 'version: 1'")
    cases: dict[str, list[dict[str, Any]]] = {}
    for section in SECTIONS:
        items = doc.get(section) or []
        if not isinstance(items, list):
            raise ValueError(f"{where}: '{section}:' must be a list")
        for index, case in enumerate(items):
            if not isinstance(case, dict):
                raise _bad(where, section, index, "not a mapping")
            if section == "roles":
                if not case.get("phrase") or "date" not in case or "expect" not in case:
                    raise _bad(where, section, index, "needs phrase, date and expect")
                if not isinstance(case.get("context", []), list):
                    raise _bad(where, section, index, "context must be a list of entity ids")
            else:
                if not case.get("a") or not case.get("b"):
                    raise _bad(where, section, index, "needs a and b")
                if case.get("expect") != _EXPECT[section]:
                    raise _bad(where, section, index, f"expect must be {_EXPECT[section]!r}")
        cases[section] = items
    return cases


# ---------------------------------------------------------------------------- linking
def linked_entities(kb: Knowledge, name: str) -> set[str]:
    """Every entity ``name`` could be linked to automatically: a listed (non-contextual) alias,
    the same romanisation skeleton, or a :meth:`Knowledge.match` at or above the threshold."""
    ids = {entity.id for entity in kb.lookup(name, contextual=False)}
    ids |= {entity.id for entity, _ in kb.match(name, threshold=LINK_THRESHOLD)}
    return ids


def resolve_name(kb: Knowledge, name: str) -> str | None:
    """The one entity ``name`` links to, or None when it links to none or is ambiguous.

    A listed alias (or the same skeleton) decides first; failing that, the best
    :meth:`Knowledge.match` above the threshold, if no other candidate ties with it.
    """
    found = kb.lookup(name, contextual=False)
    if found:
        return found[0].id if len(found) == 1 else None
    ranked = kb.match(name, threshold=LINK_THRESHOLD)
    if not ranked or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
        return None
    return ranked[0][0].id


def names_merge(kb: Knowledge, a: str, b: str) -> bool:
    """Whether saywho would merge ``a`` and ``b``: one entity, or ``same_name`` linking them."""
    ra = resolve_name(kb, a)
    if ra is not None and ra == resolve_name(kb, b):
        return True
    return same_name(a, b) >= LINK_THRESHOLD


def role_answer(kb: Knowledge, case: dict[str, Any]) -> str | None:
    """The entity id ``Knowledge.holder`` gives for a role case (None: nobody or ambiguous)."""
    when = case["date"]
    if not isinstance(when, dt.date):
        when = str(when)
    entity = kb.holder(str(case["phrase"]), when, context=case.get("context") or ())
    return entity.id if entity else None


# ---------------------------------------------------------------------------- scoring
def _ratio(num: int, den: int) -> float:
    return round(num / den, 4) if den else 1.0


def score_cases(path: str | Path | None = None, *, kb: Knowledge | None = None) -> dict[str, Any]:
    """Score the knowledge base (default: the shipped one) on the case file at ``path``.

    Returns ``{"counts", "role_accuracy", "merge_precision", "merge_recall",
    "distinct_kept_apart", "xfail", "failures"}``; each failure names the section, the case and
    what came out (``"xfail"`` holds the reason when the case is a known failure).
    """
    cases = load_cases(path)
    kb = kb if kb is not None else load_knowledge()
    failures: list[dict[str, Any]] = []

    def fail(section: str, case: dict[str, Any], got: object) -> None:
        failure = {"section": section, "case": dict(case), "got": got}
        if case.get("xfail"):
            failure["xfail"] = case["xfail"]
        failures.append(failure)

    roles_ok = 0
    for case in cases["roles"]:
        got = role_answer(kb, case)
        if got == case["expect"]:
            roles_ok += 1
        else:
            fail("roles", case, got)

    merged_same = 0
    for case in cases["names"]:
        if names_merge(kb, case["a"], case["b"]):
            merged_same += 1
            want = case.get("entity")
            if want and want != resolve_name(kb, case["a"]):
                fail("names", case, f"merged, but under {resolve_name(kb, case['a'])}")
        else:
            fail("names", case, "not merged")

    wrong_merges = 0
    for case in cases["distinct"]:
        if names_merge(kb, case["a"], case["b"]):
            wrong_merges += 1
            fail("distinct", case, "merged")

    predicted = merged_same + wrong_merges
    counts = {section: len(cases[section]) for section in SECTIONS}
    counts["total"] = sum(counts.values())
    return {
        "counts": counts,
        "role_accuracy": _ratio(roles_ok, len(cases["roles"])),
        "merge_precision": _ratio(merged_same, predicted),
        "merge_recall": _ratio(merged_same, len(cases["names"])),
        "distinct_kept_apart": _ratio(
            len(cases["distinct"]) - wrong_merges, len(cases["distinct"])
        ),
        "xfail": sum(1 for section in SECTIONS for case in cases[section] if case.get("xfail")),
        "failures": failures,
    }

"""Who is who: canonical entities, aliases, transliterations and offices held over time.

The knowledge shipped with saywho lives in ``saywho/data/knowledge/`` (``entities.yaml`` and
``offices.yaml``, documented in ``docs/knowledge.md``)::

    >>> from saywho.knowledge import load_knowledge
    >>> kb = load_knowledge()
    >>> kb.lookup("Zelenskiy")[0].name
    'Volodymyr Zelenskyy'
    >>> kb.holder("the NATO secretary-general", "2024-06-01").name
    'Jens Stoltenberg'
    >>> kb.holder("the NATO chief", "2025-01-15").name
    'Mark Rutte'
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from .base import Knowledge
from .ids import auto_id
from .loader import read_entities, read_offices
from .model import ENTITY_TYPES, Entity, KnowledgeError, Office, RoleMatch, Tenure, normalize
from .translit import LINK_THRESHOLD, name_key, same_name

__all__ = [
    "auto_id",
    "ENTITY_TYPES",
    "LINK_THRESHOLD",
    "Entity",
    "Knowledge",
    "KnowledgeError",
    "Office",
    "RoleMatch",
    "Tenure",
    "default_knowledge_dir",
    "load_knowledge",
    "name_key",
    "normalize",
    "same_name",
]


def default_knowledge_dir() -> Path:
    """The folder of the knowledge files shipped with saywho."""
    return Path(str(resources.files("saywho") / "data" / "knowledge"))


@lru_cache(maxsize=8)
def _load(directory: Path) -> Knowledge:
    if not directory.is_dir():
        raise KnowledgeError(
            "knowledge folder not found (it should hold entities.yaml and offices.yaml)",
            path=str(directory),
        )
    entities = read_entities(directory / "entities.yaml")
    offices, reviewed_to = read_offices(directory / "offices.yaml", entities)
    return Knowledge(entities, offices, reviewed_to=reviewed_to, source=str(directory))


def load_knowledge(path: str | Path | None = None) -> Knowledge:
    """Load and validate the knowledge files in ``path`` (default: the shipped ones).

    The result is cached per folder, so repeated calls are free; a file that does not validate
    raises :class:`KnowledgeError` naming the file, line and entry.
    """
    directory = Path(path) if path is not None else default_knowledge_dir()
    return _load(directory.resolve())

"""The public names: ``__all__`` of ``saywho`` and ``saywho.model`` is sorted and importable."""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType

import pytest

import saywho
import saywho.model

PACKAGES = [saywho, saywho.model]


@pytest.mark.parametrize("module", PACKAGES, ids=lambda m: m.__name__)
def test_all_is_sorted_without_duplicates(module: ModuleType) -> None:
    names = list(module.__all__)
    assert names == sorted(names), f"{module.__name__}.__all__ is not sorted"
    assert len(names) == len(set(names)), f"{module.__name__}.__all__ has duplicates"


@pytest.mark.parametrize("module", PACKAGES, ids=lambda m: m.__name__)
def test_every_name_in_all_is_importable(module: ModuleType) -> None:
    fresh = importlib.import_module(module.__name__)
    for name in fresh.__all__:
        assert hasattr(fresh, name), f"{module.__name__}.__all__ names missing {name!r}"
    namespace: dict[str, object] = {}
    exec(f"from {module.__name__} import *", namespace)
    assert set(fresh.__all__) <= set(namespace)


@pytest.mark.parametrize("module", PACKAGES, ids=lambda m: m.__name__)
def test_public_classes_are_exported(module: ModuleType) -> None:
    """Every public class a package imports from its own submodules is in its ``__all__``."""
    for name, value in vars(module).items():
        if name.startswith("_") or not inspect.isclass(value):
            continue
        if value.__module__.startswith(module.__name__ + "."):
            assert name in module.__all__, f"{module.__name__}.{name} is public but not in __all__"


def test_model_classes_are_reexported_at_the_top() -> None:
    for name in ("Analysis", "Article", "Quote", "Source", "Span", "Speaker"):
        assert getattr(saywho, name) is getattr(saywho.model, name)
        assert name in saywho.__all__


def test_version_is_exported() -> None:
    assert isinstance(saywho.__version__, str) and saywho.__version__

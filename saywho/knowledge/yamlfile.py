"""One knowledge YAML file: parsed once, with the line of an entry looked up on error."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NoReturn

import yaml

from .model import KnowledgeError

__all__ = ["YamlFile"]

try:  # the C loader when PyYAML was built with libyaml
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class YamlFile:
    """One YAML file: its parsed document and, on error, the line of an entry."""

    def __init__(self, path: Path, list_key: str, kind: str):
        self.path, self.list_key, self.kind = path, list_key, kind
        try:
            self.text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KnowledgeError(
                f"cannot read the knowledge file: {exc.strerror}", path=str(path)
            ) from None
        try:
            self.doc = yaml.load(self.text, Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            raise KnowledgeError(f"not valid YAML: {exc}", path=str(path), line=line) from None
        except ValueError as exc:  # a date-like value that is no date, such as 2001-13-01
            raise KnowledgeError(
                f"bad value: {exc} (dates are YYYY-MM-DD)", path=str(path)
            ) from None

    def _line(self, index: int | None) -> int | None:
        try:
            root = yaml.compose(self.text, Loader=yaml.SafeLoader)
            items = next(v for k, v in root.value if k.value == self.list_key)
            node = items if index is None else items.value[index]
            return int(node.start_mark.line) + 1
        except Exception:  # the line is a courtesy; the message names the entry anyway
            return None

    def fail(self, message: str, index: int | None = None, ident: object = None) -> NoReturn:
        where = f"{self.kind} {index + 1}" if index is not None else ""
        if where and isinstance(ident, str):
            where += f" ({ident})"
        text = f"{where}: {message}" if where else message
        raise KnowledgeError(
            f"{text} (fix the file, or see docs/knowledge.md)",
            path=str(self.path),
            line=self._line(index),
        )

    def entries(self, top_keys: set[str]) -> list[Any]:
        if not isinstance(self.doc, dict):
            self.fail(f"expected a mapping with '{self.list_key}:' at the top")
        unknown = set(self.doc) - top_keys
        if unknown:
            self.fail(f"unknown top-level key(s): {', '.join(sorted(map(str, unknown)))}")
        if self.doc.get("version") != 1:
            self.fail(f"unsupported version {self.doc.get('version')!r} (expected 1)")
        items = self.doc.get(self.list_key)
        if not isinstance(items, list) or not items:
            self.fail(f"'{self.list_key}:' must be a non-empty list")
        return items

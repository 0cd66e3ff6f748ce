"""saywho's exceptions.

    SaywhoError
     ├── InputError          bad input: a file, line or field that cannot be read
     │    └── ArticleError   one article that cannot be built (empty text, bad header)
     ├── ModelError          a spaCy pipeline or shipped model that cannot be loaded
     ├── StoreError          the database cannot be opened, written or queried
     └── EvalError           gold data that cannot be read

Every message names what went wrong *and* what to do next.
"""

from __future__ import annotations

__all__ = ["ArticleError", "EvalError", "InputError", "ModelError", "SaywhoError", "StoreError"]


class SaywhoError(Exception):
    """Base class of every error saywho raises on purpose."""


class InputError(SaywhoError):
    """Input that cannot be read. ``path`` and ``line`` say where, when known."""

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        self.message = message
        where = path or ""
        if path and line is not None:
            where = f"{path}:{line}"
        super().__init__(f"{where}: {message}" if where else message)


class ArticleError(InputError):
    """One article that cannot be built from otherwise readable input."""


class ModelError(SaywhoError):
    pass


class StoreError(SaywhoError):
    pass


class EvalError(SaywhoError):
    pass

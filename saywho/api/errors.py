"""The workbench's one error shape, and the exceptions that produce it.

Every error the API or the web UI returns, whatever raised it, has the body

    {"error": {"status": 404, "code": "not_found", "message": "...", "details": {...}}}

(HTML pages show the same fields in a page). ``message`` says what went wrong and what to
do next; ``code`` is a stable machine-readable name; ``details`` holds specifics (the
validation errors of a 422, the allowed methods of a 405) or is ``{}``.

    ApiError                 an error with a status, a code and a next step
     ├── BadRequest          400: a parameter the API cannot use (bad search syntax, ...)
     ├── Unauthorized        401: a token is required
     ├── Forbidden           403: wrong token, or a write to a read-only server
     ├── NotFound            404: no such article, speaker, outlet or page
     ├── PayloadTooLarge     413: a request body over the limit
     └── (ApiError itself)   500 or 503: e.g. embeddings not computed yet
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

__all__ = [
    "ApiError",
    "BadRequest",
    "Forbidden",
    "NotFound",
    "PayloadTooLarge",
    "Unauthorized",
    "error_body",
    "status_code_name",
]


_CODES = {413: "payload_too_large", 414: "uri_too_long", 422: "invalid_request"}


def status_code_name(status: int) -> str:
    """``404`` → ``"not_found"``: the default ``code`` of an HTTP status."""
    if status in _CODES:
        return _CODES[status]
    try:
        return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")
    except ValueError:
        return "error"


def error_body(
    status: int, message: str, *, code: str | None = None, details: Any = None
) -> dict[str, Any]:
    """The one JSON error shape."""
    return {
        "error": {
            "status": int(status),
            "code": code or status_code_name(status),
            "message": message,
            "details": details if details is not None else {},
        }
    }


class ApiError(Exception):
    status = 503
    code = "unavailable"

    def __init__(
        self,
        message: str,
        *,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code
        self.details = details or {}

    def body(self) -> dict[str, Any]:
        return error_body(self.status, self.message, code=self.code, details=self.details)


class BadRequest(ApiError):
    status = 400
    code = "bad_request"


class Unauthorized(ApiError):
    status = 401
    code = "unauthorized"


class Forbidden(ApiError):
    status = 403
    code = "forbidden"


class NotFound(ApiError):
    status = 404
    code = "not_found"


class PayloadTooLarge(ApiError):
    status = 413
    code = "payload_too_large"

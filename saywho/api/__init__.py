"""The workbench: a REST API and web UI over a saywho store.

    from saywho.api import create_app
    app = create_app("saywho.db")                 # read-only, no token
    # uvicorn.run(app, host="127.0.0.1", port=8000), or `saywho serve --db saywho.db`

Every HTML page has a JSON twin (the same path with ``.json``, or ``Accept:
application/json``), and the REST API under ``/api/`` is described at ``/openapi.json``.
"""

from __future__ import annotations

from .app import create_app
from .errors import ApiError, BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized
from .serve import ServeError, check_bind, serve

__all__ = [
    "ApiError",
    "BadRequest",
    "Forbidden",
    "NotFound",
    "PayloadTooLarge",
    "ServeError",
    "Unauthorized",
    "check_bind",
    "create_app",
    "serve",
]

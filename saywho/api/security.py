"""ASGI middleware for the workbench: the ``.json``/``.csv`` suffixes, the access token,
request size limits and security headers.

Each concern is small and applied to every request, before routing:

* ``/speakers/Q1.json`` is routed as ``/speakers/Q1`` with the format ``json`` (also
  ``.csv``, ``.jsonl``, ``.parquet``), so every page has its twins at a suffix;
* with a token, requests need ``Authorization: Bearer TOKEN``, ``?token=TOKEN`` (which sets an
  HttpOnly cookie so the browser keeps it) or that cookie: 401 without one, 403 with a wrong one;
* with ``allowed_hosts`` (what ``saywho serve`` sets when it listens on loopback without a
  token), other ``Host`` headers get 421, so a web page cannot reach the workbench through
  DNS rebinding;
* bodies over ``max_body`` bytes get 413, query strings over ``max_query`` bytes get 414;
* every response carries ``Server-Timing: app;dur=MS`` (time to the response's first byte)
  and a Content-Security-Policy without inline scripts or styles, and
  ``nosniff``, ``DENY`` framing and ``no-referrer``.
"""

from __future__ import annotations

import hmac
import json
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

from .errors import error_body

__all__ = ["CSP", "FORMAT_KEY", "LOOPBACK_HOSTS", "ORIGINAL_PATH_KEY", "TOKEN_COOKIE", "Guard"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

FORMAT_KEY = "saywho.format"
ORIGINAL_PATH_KEY = "saywho.path"
TOKEN_COOKIE = "saywho_token"
SUFFIXES = (".json", ".csv", ".jsonl", ".parquet")
UNSUFFIXED = ("/openapi.json",)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


async def _send_error(send: Send, status: int, message: str, code: str | None = None) -> None:
    body = json.dumps(error_body(status, message, code=code)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b'Bearer realm="saywho"'))
    await send({"type": "http.response.start", "status": status, "headers": headers + _HEADERS})
    await send({"type": "http.response.body", "body": body})


def _header(scope: Scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", []):
        if k == name:
            return bytes(v).decode("latin-1")
    return None


def _host_name(host: str) -> str:
    """``Host`` without its port: ``127.0.0.1:8000`` → ``127.0.0.1``, ``[::1]:80`` → ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


#: Host names a loopback-only workbench answers to (DNS rebinding protection).
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


class Guard:
    """The middleware (see the module docstring)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        token: str | None = None,
        max_body: int = 1_000_000,
        max_query: int = 4096,
        allowed_hosts: frozenset[str] | None = None,
    ) -> None:
        self.app = app
        self.token = token
        self.allowed_hosts = allowed_hosts
        self.max_body = max_body
        self.max_query = max_query

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in _HEADERS if h[0] not in have
                ]
                took = (time.perf_counter() - started) * 1000
                message["headers"].append((b"server-timing", f"app;dur={took:.1f}".encode()))
                if set_cookie is not None:
                    message["headers"].append((b"set-cookie", set_cookie))
            await send(message)

        set_cookie: bytes | None = None
        if self.allowed_hosts is not None:
            host = _host_name(_header(scope, b"host") or "")
            if host not in self.allowed_hosts:
                await _send_error(
                    send,
                    421,
                    f"this workbench answers to {', '.join(sorted(self.allowed_hosts))}, not "
                    f"{host or 'a request without Host'}; open it at http://127.0.0.1:PORT/",
                    code="bad_host",
                )
                return
        if len(scope.get("query_string", b"")) > self.max_query:
            await _send_error(
                send, 414, f"the query string is over {self.max_query} bytes; shorten it"
            )
            return
        if self.token is not None:
            given, from_query = self._given_token(scope)
            if given is None:
                await _send_error(
                    send,
                    401,
                    "this workbench needs its access token: send `Authorization: Bearer TOKEN` "
                    "or open any page once with ?token=TOKEN",
                )
                return
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                await _send_error(
                    send, 403, "wrong access token; use the token the server was started with"
                )
                return
            if from_query:
                set_cookie = (
                    f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()
                )
        length = _header(scope, b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _send_error(
                send, 413, f"the request body is over {self.max_body} bytes; send less at a time"
            )
            return
        limited = await self._limited(scope, receive, send)
        if limited is None:
            return
        self._strip_suffix(scope)
        await self.app(scope, limited, send_with_headers)

    def _given_token(self, scope: Scope) -> tuple[str | None, bool]:
        auth = _header(scope, b"authorization")
        if auth and auth.lower().startswith("bearer "):
            return auth[7:].strip(), False
        query = dict(parse_qsl(bytes(scope.get("query_string", b"")).decode("latin-1")))
        if "token" in query:
            return query["token"], True
        cookie = _header(scope, b"cookie")
        if cookie:
            jar: SimpleCookie = SimpleCookie()
            try:
                jar.load(cookie)
            except Exception:
                return None, False
            if TOKEN_COOKIE in jar:
                return jar[TOKEN_COOKIE].value, False
        return None, False

    async def _limited(self, scope: Scope, receive: Receive, send: Send) -> Receive | None:
        """Read a body (only methods that have one) up to the limit, then replay it."""
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            return receive
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_body:
                await _send_error(
                    send,
                    413,
                    f"the request body is over {self.max_body} bytes; send less at a time",
                )
                return None
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return replay

    @staticmethod
    def _strip_suffix(scope: Scope) -> None:
        path: str = scope["path"]
        scope[ORIGINAL_PATH_KEY] = path
        if path in UNSUFFIXED or path.startswith("/static/"):
            return
        for suffix in SUFFIXES:
            if path.endswith(suffix) and len(path) > len(suffix) + 1:
                scope[FORMAT_KEY] = suffix[1:]
                scope["path"] = path[: -len(suffix)]
                raw = scope.get("raw_path")
                if isinstance(raw, bytes) and raw.endswith(suffix.encode()):
                    scope["raw_path"] = raw[: -len(suffix)]
                return

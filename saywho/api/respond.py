"""Turning a view's data into a response: JSON, an export file, or an HTML page."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from .errors import BadRequest
from .export import EXPORT_FORMATS, MEDIA_TYPES, export_bytes
from .security import FORMAT_KEY, ORIGINAL_PATH_KEY

__all__ = ["finish", "json_data", "redirect_to", "wanted_format", "wants_json"]

MARKS = ("\ue000", "\ue001")


def wanted_format(request: Request) -> str | None:
    """``json``, ``csv``, ``jsonl``, ``parquet`` from the suffix or ``?format=``; else None."""
    fmt = request.scope.get(FORMAT_KEY) or request.query_params.get("format")
    if fmt is None or fmt == "html":
        return None
    if fmt not in ("json", *EXPORT_FORMATS):
        raise BadRequest(
            f"unknown format {fmt!r}; use format=json, csv, jsonl or parquet",
            code="bad_format",
            details={"format": fmt},
        )
    return str(fmt)


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api/") or request.scope.get(FORMAT_KEY) == "json":
        return True
    if request.query_params.get("format") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def json_data(value: Any) -> Any:
    """``value`` with search snippets' match marks written as « and »."""
    if isinstance(value, dict):
        return {
            k: (
                v.replace(MARKS[0], "«").replace(MARKS[1], "»")
                if k == "snippet" and isinstance(v, str)
                else json_data(v)
            )
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [json_data(v) for v in value]
    return value


def _link(request: Request, **changes: Any) -> str:
    path = request.scope.get(ORIGINAL_PATH_KEY, request.url.path)
    params = dict(request.query_params)
    params.pop("token", None)
    for k, v in changes.items():
        params[k] = str(v)
    return quote(path) + ("?" + urlencode(params) if params else "")


def redirect_to(request: Request, key: str) -> RedirectResponse:
    """The same page with its last path segment replaced by ``key`` (suffix and query kept)."""
    suffix = ""
    fmt = request.scope.get(FORMAT_KEY)
    if fmt:
        suffix = "." + fmt
    route = request.scope.get("route")
    template = getattr(route, "path", "") or request.url.path
    base = template.split("{", 1)[0].rstrip("/")
    target = quote(base, safe="/") + "/" + quote(key, safe="") + suffix
    query = request.url.query
    return RedirectResponse(target + ("?" + query if query else ""), status_code=307)


def _add_links(request: Request, data: dict[str, Any]) -> None:
    if "more" in data and "offset" in data and "limit" in data:
        offset, limit = int(data["offset"]), int(data["limit"])
        data["next"] = _link(request, offset=offset + limit) if data["more"] else None
        data["prev"] = _link(request, offset=max(0, offset - limit)) if offset > 0 else None


def finish(request: Request, data: dict[str, Any], template: str | None) -> Response:
    fmt = wanted_format(request)
    _add_links(request, data)
    if fmt in EXPORT_FORMATS:
        if "items" not in data:
            raise BadRequest(
                f"this page has no result list to export as {fmt}; export a list such as "
                "/quotes, /articles, /speakers, /outlets or /search",
                code="bad_format",
            )
        name = (request.url.path.strip("/").replace("/", "-") or "results") + "." + fmt
        name = "".join(c if c.isalnum() or c in "-._" else "_" for c in name)
        return Response(
            export_bytes(json_data(data["items"]), fmt),
            media_type=MEDIA_TYPES[fmt],
            headers={"content-disposition": f'attachment; filename="{name}"'},
        )
    if template is None or fmt == "json" or wants_json(request):
        return JSONResponse(json_data(data))
    from ..web.pages import render

    status = int(data.pop("_status", 200))  # a page shown with its error (e.g. bad search)
    return render(request, template, data, links={"self": _link, "json": _json_link}, status=status)


def _json_link(request: Request, fmt: str = "json", **changes: Any) -> str:
    path = request.scope.get(ORIGINAL_PATH_KEY, request.url.path)
    params = dict(request.query_params)
    params.pop("token", None)
    params.pop("format", None)
    params.update({k: str(v) for k, v in changes.items()})
    if path == "/":
        path = "/index"
    return quote(path) + "." + fmt + ("?" + urlencode(params) if params else "")

"""Rendering the workbench's pages, and the routes that only the web UI has (SVG charts).

Jinja2 autoescapes every template; values reach HTML only through it (or through
:func:`saywho.web.text.article_html`, which escapes each piece of text itself).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from ..model.analysis import RESERVED_KEYS
from ..store.browse import PERIODS
from .charts import bar_chart, fill_periods
from .text import article_html, span_layers, speaker_colours

__all__ = ["install", "render", "render_error"]

TEMPLATES = Path(__file__).resolve().parent / "templates"
MARKS = ("\ue000", "\ue001")


def _snippet(value: str | None) -> Markup:
    """A search snippet: escaped, with its match marks as <mark>."""
    text = str(escape(value or ""))
    return Markup(text.replace(MARKS[0], "<mark>").replace(MARKS[1], "</mark>"))


def _url(path: str, **params: Any) -> str:
    """``/speakers/`` + a quoted key etc.: every path segment value is percent-encoded."""
    clean = {k: v for k, v in params.items() if v is not None and v != ""}
    return path + ("?" + urlencode(clean) if clean else "")


def _seg(value: Any) -> str:
    return quote(str(value), safe="")


def _safe_href(url: str | None) -> str | None:
    """Only http(s) links from article metadata become links (never ``javascript:``)."""
    if not url:
        return None
    lowered = url.strip().lower()
    return url.strip() if lowered.startswith(("http://", "https://")) else None


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["snippet"] = _snippet
    env.filters["seg"] = _seg
    env.filters["safe_href"] = _safe_href
    env.globals["url"] = _url
    return env


def render(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    links: dict[str, Callable[..., str]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    links = links or {}
    ctx: dict[str, Any] = {
        "request": request,
        "data": data,
        "params": dict(request.query_params),
        "path": request.url.path,
    }
    if "json" in links:
        json_link = links["json"]
        ctx["twin"] = lambda fmt="json", **kw: json_link(request, fmt, **kw)
    if template == "article.html":
        doc = data["article"]
        layers = span_layers(doc, RESERVED_KEYS - {"mentions"})
        ctx["layers"] = [name for name, _ in layers]
        ctx["body"] = article_html(doc, data["quotes"], layers)
        ctx["colours"] = speaker_colours(data["quotes"])
    html = environment().get_template(template).render(**ctx)
    return HTMLResponse(html, status_code=status)


def render_error(request: Request, status: int, body: dict[str, Any]) -> HTMLResponse:
    return render(request, "error.html", body, status=status)


def install(app: FastAPI, db: Any) -> None:
    """The SVG chart routes (the pages themselves are registered by saywho.api.app)."""
    from ..api import views

    def svg(text: str, name: str) -> Response:
        safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name)[:80] or "chart"
        return Response(
            text,
            media_type="image/svg+xml",
            headers={"content-disposition": f'inline; filename="{safe}.svg"'},
        )

    @app.get("/speakers/{key:path}/timeline.svg", include_in_schema=False)
    def speaker_chart(request: Request, key: str, period: str = Query("month")) -> Response:
        period = period if period in PERIODS else "month"
        try:
            data = views.speaker(db, key, period)
        except views.Redirect as r:
            return RedirectResponse(_url(f"/speakers/{_seg(r.key)}/timeline.svg", period=period))
        points = fill_periods([(p["period"], p["quotes"]) for p in data["timeline"]], period)
        return svg(bar_chart(points, title=f"{data['name']}: quotes per {period}"), data["key"])

    @app.get("/outlets/{name:path}/volume.svg", include_in_schema=False)
    def outlet_chart(request: Request, name: str, period: str = Query("month")) -> Response:
        period = period if period in PERIODS else "month"
        try:
            data = views.outlet(db, name, period)
        except views.Redirect as r:
            return RedirectResponse(_url(f"/outlets/{_seg(r.key)}/volume.svg", period=period))
        points = fill_periods([(p["period"], p["articles"]) for p in data["volume"]], period)
        return svg(
            bar_chart(points, title=f"{data['outlet']}: articles per {period}", unit="articles"),
            data["outlet"],
        )

"""The workbench application: ``create_app(db_path)`` gives a FastAPI app serving the REST API
under ``/api/`` and the web UI (HTML pages, each with its JSON twin) at the same paths
without ``/api``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import inspect
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import SaywhoError
from . import semantic, views, writes
from .db import Database
from .errors import ApiError, error_body
from .respond import finish, redirect_to, wants_json
from .security import Guard

__all__ = ["create_app"]

log = logging.getLogger(__name__)

MAX_LIMIT = 500
MAX_EXPORT = 100_000

Kind = Literal["direct", "indirect", "mixed", "block"]
Period = Literal["week", "month", "year"]
Scope = Literal["all", "quotes", "articles"]
Sort = Literal["date", "relevance"]
Format = Literal["html", "json", "csv", "jsonl", "parquet"]

LimitQ = Annotated[
    int | None,
    Query(
        ge=1, le=MAX_EXPORT, description="rows per page (≤ 500 for pages, ≤ 100,000 for exports)"
    ),
]
OffsetQ = Annotated[int, Query(ge=0, le=10_000_000, description="rows to skip")]
SinceQ = Annotated[_dt.date | None, Query(description="first date, YYYY-MM-DD (inclusive)")]
UntilQ = Annotated[_dt.date | None, Query(description="last date, YYYY-MM-DD (inclusive)")]
SpeakerQ = Annotated[
    str | None, Query(max_length=300, description="speaker key: an entity id or a name")
]
OutletQ = Annotated[str | None, Query(max_length=300, description="outlet, exactly as stored")]
TextQ = Annotated[
    str | None,
    Query(max_length=500, description='search: words, "a phrase", prefix*, a OR b, -word'),
]
KindQ = Annotated[Kind | None, Query(description="quote kind")]
FormatQ = Annotated[Format | None, Query(description="response format (or a path suffix)")]
PeriodQ = Annotated[Period, Query(description="timeline bucket")]


def _limit(request: Request, limit: int | None, default: int = 50) -> int:
    exporting = request.query_params.get("format") in ("csv", "jsonl", "parquet") or (
        request.scope.get("saywho.format") in ("csv", "jsonl", "parquet")
    )
    if limit is None:
        return 10_000 if exporting else default
    if not exporting and limit > MAX_LIMIT:
        from .errors import BadRequest

        raise BadRequest(
            f"limit={limit} is over {MAX_LIMIT} for a page; page with offset=, or export "
            "with format=csv|jsonl|parquet (up to 100,000 rows)",
            code="bad_limit",
            details={"limit": limit, "max": MAX_LIMIT},
        )
    return limit


def _shaped(request: Request, status: int, body: dict[str, Any], headers: Any = None) -> Response:
    exporting = request.scope.get("saywho.format") or request.query_params.get("format", "html")
    if wants_json(request) or request.method != "GET" or exporting != "html":
        return JSONResponse(body, status_code=status, headers=headers)
    from ..web.pages import render_error

    return render_error(request, status, body)


def _install_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return _shaped(request, exc.status, exc.body())

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        status = exc.status_code
        details: dict[str, Any] = {}
        if status == 404:
            message = (
                f"nothing at {request.url.path}; start at / (web UI) or see /openapi.json "
                "for the API"
            )
        elif status == 405:
            allow = (exc.headers or {}).get("Allow", "")
            details["allowed"] = [m.strip() for m in allow.split(",") if m.strip()]
            message = f"{request.method} is not allowed here; use {allow or 'GET'}"
        else:
            message = str(exc.detail)
        return _shaped(request, status, error_body(status, message, details=details), exc.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type", "")}
            for e in exc.errors()
        ]
        where = ", ".join(".".join(str(p) for p in e["loc"][1:]) or "body" for e in errors)
        first = errors[0]["msg"] if errors else "invalid request"
        message = f"invalid {where}: {first}; fix it and try again (see /openapi.json)"
        return _shaped(
            request,
            422,
            error_body(422, message, code="invalid_request", details={"errors": errors}),
        )

    @app.exception_handler(SaywhoError)
    async def saywho_error(request: Request, exc: SaywhoError) -> Response:
        return _shaped(request, 400, error_body(400, str(exc), code="bad_request"))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return JSONResponse(
            error_body(
                500,
                "internal error; the server log has the details: please report it",
            ),
            status_code=500,
        )


def _twin(
    app: FastAPI,
    page: str | tuple[str, ...] | None,
    api: str | None,
    template: str | None,
    **route: Any,
) -> Callable[[Callable[..., dict[str, Any]]], Callable[..., dict[str, Any]]]:
    """Register a view at ``/api/...`` (JSON, documented) and at its page path (HTML or JSON)."""

    def register(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        sig = inspect.signature(fn)

        def endpoint(tmpl: str | None) -> Callable[..., Response]:
            @functools.wraps(fn)
            def run(**kwargs: Any) -> Response:
                request: Request = kwargs["request"]
                try:
                    data = fn(**kwargs)
                except views.Redirect as r:
                    return redirect_to(request, r.key)
                return finish(request, data, tmpl)

            run.__signature__ = sig  # type: ignore[attr-defined]
            return run

        if api is not None:
            app.get(api, response_class=JSONResponse, **route)(endpoint(None))
        for path in (page,) if isinstance(page, str) else page or ():
            app.get(path, include_in_schema=False, response_class=HTMLResponse)(endpoint(template))
        return fn

    return register


def _routes(app: FastAPI, db: Database) -> None:
    @_twin(app, ("/", "/index"), None, "home.html")
    def home(request: Request) -> dict[str, Any]:
        return views.home(db)

    @_twin(app, "/stats", "/api/stats", "stats.html", summary="Counts over the whole store")
    def stats(request: Request) -> dict[str, Any]:
        return views.store_stats(db)

    @_twin(app, "/articles", "/api/articles", "articles.html", summary="Articles, newest first")
    def articles(
        request: Request,
        outlet: OutletQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        q: TextQ = None,
        limit: LimitQ = None,
        offset: OffsetQ = 0,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        f = views.Filters(outlet=outlet, since=since, until=until, q=q)
        return views.articles(db, f, _limit(request, limit), offset)

    @_twin(
        app,
        "/articles/{article_id}",
        "/api/articles/{article_id}",
        "article.html",
        summary="One article: its JSON form and its quotes",
    )
    def article(request: Request, article_id: str, format: FormatQ = None) -> dict[str, Any]:
        return views.article(db, article_id)

    @_twin(app, "/quotes", "/api/quotes", "quotes.html", summary="Quotes, newest first")
    def quotes(
        request: Request,
        speaker: SpeakerQ = None,
        outlet: OutletQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        kind: KindQ = None,
        q: TextQ = None,
        limit: LimitQ = None,
        offset: OffsetQ = 0,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        f = views.Filters(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, q=q)
        return views.quotes(db, f, _limit(request, limit), offset)

    @_twin(
        app, "/speakers", "/api/speakers", "speakers.html", summary="Speakers, most quoted first"
    )
    def speakers(
        request: Request,
        q: Annotated[str | None, Query(max_length=300, description="part of a name")] = None,
        limit: LimitQ = None,
        offset: OffsetQ = 0,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        return views.speakers(db, q, _limit(request, limit), offset)

    @_twin(
        app,
        "/speakers/{key}",
        "/api/speakers/{key}",
        "speaker.html",
        summary="One speaker: names, timeline, outlets, recent and repeated statements",
    )
    def speaker(
        request: Request, key: str, period: PeriodQ = "month", format: FormatQ = None
    ) -> dict[str, Any]:
        return views.speaker(db, key, period)

    @_twin(app, "/outlets", "/api/outlets", "outlets.html", summary="Outlets, largest first")
    def outlets(
        request: Request, limit: LimitQ = None, offset: OffsetQ = 0, format: FormatQ = None
    ) -> dict[str, Any]:
        return views.outlets(db, _limit(request, limit), offset)

    @_twin(
        app,
        "/outlets/{name}",
        "/api/outlets/{name}",
        "outlet.html",
        summary="One outlet: volume over time, most quoted speakers",
    )
    def outlet(
        request: Request, name: str, period: PeriodQ = "month", format: FormatQ = None
    ) -> dict[str, Any]:
        return views.outlet(db, name, period)

    @_twin(
        app,
        "/search",
        "/api/search",
        "search.html",
        summary="Full-text search over quotes and articles",
    )
    def search(
        request: Request,
        q: TextQ = None,
        scope: Annotated[Scope, Query(description="what to search")] = "all",
        sort: Annotated[
            Sort,
            Query(
                description="date: newest first; relevance: FTS5 rank (slower on common "
                "words); both over the 500 most recently stored matches plus the offset"
            ),
        ] = "date",
        speaker: SpeakerQ = None,
        outlet: OutletQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        kind: KindQ = None,
        limit: LimitQ = None,
        offset: OffsetQ = 0,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        f = views.Filters(speaker=speaker, outlet=outlet, since=since, until=until, kind=kind, q=q)
        if not q and not wants_json(request) and request.scope.get("saywho.format") is None:
            return {"q": "", "scope": scope, "quotes": [], "articles": [], "empty": True}
        try:
            return views.search(db, f, scope, _limit(request, limit, 20), offset, sort)
        except ApiError as e:
            if wants_json(request) or request.scope.get("saywho.format") or format:
                raise
            # The search page shows what is wrong above the search box, to fix it there.
            return {"q": q, "scope": scope, "empty": True, "error": e.message, "_status": e.status}


def _semantic_routes(app: FastAPI, db: Database) -> None:
    index = semantic.SemanticIndex(db)
    app.state.semantic = index

    @_twin(
        app,
        "/similar",
        "/api/similar",
        "similar.html",
        summary="Semantic search: quotes closest in meaning to a text or a quote",
    )
    def similar(
        request: Request,
        text: Annotated[str | None, Query(max_length=2000, description="what to look for")] = None,
        quote: Annotated[
            str | None, Query(max_length=200, description="a quote id, ARTICLE_ID:INDEX")
        ] = None,
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        if not text and not quote and not wants_json(request):
            return {"text": "", "quote": None, "items": [], "limit": limit, "empty": True}
        return semantic.similar(db, index, text=text, quote=quote, limit=limit)

    @_twin(
        app,
        "/statements",
        "/api/statements",
        "statements.html",
        summary="The same statement across outlets: one speaker's quotes grouped by meaning",
    )
    def statements(
        request: Request,
        speaker: SpeakerQ = None,
        since: SinceQ = None,
        until: UntilQ = None,
        window: Annotated[int, Query(ge=0, le=60, description="days between reports")] = 3,
        threshold: Annotated[float, Query(ge=0.3, le=1.0, description="min. cosine")] = 0.7,
        limit: Annotated[int, Query(ge=1, le=200)] = 30,
        format: FormatQ = None,
    ) -> dict[str, Any]:
        views.Filters(since=since, until=until).dates()
        return semantic.statements(
            db,
            index,
            speaker=speaker,
            since=since,
            until=until,
            window=window,
            threshold=threshold,
            limit=limit,
        )


def create_app(
    db_path: str | Path,
    *,
    write: bool = False,
    token: str | None = None,
    max_body: int = 1_000_000,
    allowed_hosts: frozenset[str] | None = None,
) -> FastAPI:
    """The workbench over the saywho database at ``db_path``.

    Read-only unless ``write``; with ``token``, every request must carry it; with
    ``allowed_hosts``, other ``Host`` headers are refused (see :mod:`saywho.api.security`). Raises StoreError if the database cannot be opened.
    """
    db = Database(db_path, write=write)
    app = FastAPI(
        title="saywho workbench",
        version=__version__,
        description="Who said what: quotes, speakers, outlets and search over a saywho store.",
        docs_url=None,  # the Swagger and ReDoc pages load scripts from a CDN
        redoc_url=None,
    )
    app.state.db = db
    app.state.write = write
    _install_errors(app)
    from ..web import pages

    pages.install(app, db)  # before the pages whose {key:path} would also match a chart's path
    _routes(app, db)
    _semantic_routes(app, db)
    writes.install(app, db)
    static = Path(__file__).resolve().parent.parent / "web" / "static"
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.add_middleware(Guard, token=token, max_body=max_body, allowed_hosts=allowed_hosts)
    return app

"""The write endpoints, refused (403) unless the server was started with ``write=True``.

``POST /api/articles`` stores analysed articles given in their JSON form (one object, or a
list); ``DELETE /api/articles/{id}`` removes one. Analysing raw text needs the spaCy pipeline
and belongs to ``saywho ingest``.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Body, FastAPI, Request

from ..model import Analysis
from ..store import open_store
from .db import Database
from .errors import BadRequest, Forbidden, NotFound

__all__ = ["install"]

_READ_ONLY = (
    "this workbench is read-only; restart it with `saywho serve --write` to add or delete articles"
)


def install(app: FastAPI, db: Database) -> None:
    def check(request: Request) -> None:
        if not db.write:
            raise Forbidden(_READ_ONLY, code="read_only")
        # Another site's page may send a form here, never JSON without asking (CORS), and
        # browsers say where a request comes from.
        origin = request.headers.get("origin")
        if origin is not None and urlsplit(origin).netloc != request.headers.get("host"):
            raise Forbidden(
                f"writes from another site ({origin}) are refused; call the API directly",
                code="cross_site",
            )
        if request.method == "POST" and not request.headers.get("content-type", "").startswith(
            "application/json"
        ):
            raise BadRequest(
                "send articles as JSON with `Content-Type: application/json`",
                code="bad_content_type",
            )

    @app.post("/api/articles", summary="Store analysed articles (JSON form); needs --write")
    def add_articles(
        request: Request,
        body: Annotated[Any, Body(description="one article's JSON form, or a list of them")],
    ) -> dict[str, Any]:
        check(request)
        items = body if isinstance(body, list) else [body]
        analyses = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise BadRequest(
                    f"item {i} is not an object; send the JSON form of docs/data-model.md",
                    details={"index": i},
                )
            try:
                analyses.append(Analysis.from_dict(item))
            except (KeyError, TypeError, ValueError) as e:
                raise BadRequest(
                    f"item {i} is not an article's JSON form ({e}); see docs/article.schema.json",
                    code="bad_article",
                    details={"index": i},
                ) from None
        with db.write_lock, open_store(db.path) as store:
            result = store.add(analyses)
        db.forget()
        return result.to_dict()

    @app.delete("/api/articles/{article_id}", summary="Delete an article; needs --write")
    def delete_article(request: Request, article_id: str) -> dict[str, Any]:
        check(request)
        with db.write_lock, open_store(db.path) as store:
            found = store.delete(article_id)
        db.forget()
        if not found:
            raise NotFound(f"no article with id {article_id!r}", details={"id": article_id})
        return {"deleted": article_id}

"""The write endpoints, refused (403) unless the server was started with ``write=True``.

``POST /api/articles`` stores analysed articles given in their JSON form (one object, or a
list); ``DELETE /api/articles/{id}`` removes one. Analysing raw text needs the spaCy pipeline
and belongs to ``saywho ingest``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Body, FastAPI

from ..model import Analysis
from ..store import open_store
from .db import Database
from .errors import BadRequest, Forbidden, NotFound

__all__ = ["install"]

_READ_ONLY = (
    "this workbench is read-only; restart it with `saywho serve --write` to add or delete articles"
)


def install(app: FastAPI, db: Database) -> None:
    def check() -> None:
        if not db.write:
            raise Forbidden(_READ_ONLY, code="read_only")

    @app.post("/api/articles", summary="Store analysed articles (JSON form); needs --write")
    def add_articles(
        body: Annotated[Any, Body(description="one article's JSON form, or a list of them")],
    ) -> dict[str, Any]:
        check()
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
    def delete_article(article_id: str) -> dict[str, Any]:
        check()
        with db.write_lock, open_store(db.path) as store:
            found = store.delete(article_id)
        db.forget()
        if not found:
            raise NotFound(f"no article with id {article_id!r}", details={"id": article_id})
        return {"deleted": article_id}

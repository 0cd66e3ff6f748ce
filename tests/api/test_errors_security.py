"""One error shape for every error; tokens, read-only mode, size limits, headers, binding."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from saywho.api import ServeError, check_bind, create_app
from saywho.errors import StoreError

from .kit import LOPEZ, workbench_corpus


def assert_shape(body: dict[str, Any], status: int, code: str | None = None) -> None:
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"status", "code", "message", "details"}
    assert err["status"] == status
    assert isinstance(err["message"], str) and len(err["message"]) > 10
    assert isinstance(err["details"], dict)
    if code is not None:
        assert err["code"] == code


@pytest.mark.parametrize(
    ("method", "url", "status", "code"),
    [
        ("GET", "/api/nothing-here", 404, "not_found"),
        ("GET", "/api/articles/0000", 404, "not_found"),
        ("GET", "/api/speakers/Nobody%20At%20All", 404, "not_found"),
        ("GET", "/api/outlets/No%20Such%20Outlet", 404, "not_found"),
        ("GET", "/speakers/Nobody.json", 404, "not_found"),
        ("PUT", "/api/quotes", 405, "method_not_allowed"),
        ("GET", "/api/quotes?since=yesterday", 422, "invalid_request"),
        ("GET", "/api/quotes?kind=rumour", 422, "invalid_request"),
        ("GET", "/api/quotes?limit=0", 422, "invalid_request"),
        ("GET", "/api/quotes?since=2024-05-09&until=2024-05-01", 400, "bad_date_range"),
        ("GET", "/api/search?q=%22x", 400, "bad_query"),
        ("GET", "/api/quotes?format=xml", 422, "invalid_request"),
        ("POST", "/api/articles", 403, "read_only"),
        ("DELETE", "/api/articles/abc", 403, "read_only"),
    ],
)
def test_every_error_has_one_shape(
    client: TestClient, method: str, url: str, status: int, code: str
) -> None:
    r = client.request(method, url, json={} if method == "POST" else None)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert_shape(r.json(), status, code)


def test_405_lists_allowed_methods(client: TestClient) -> None:
    r = client.put("/api/quotes")
    assert r.json()["error"]["details"]["allowed"] == ["GET"]


def test_422_details_list_each_invalid_parameter(client: TestClient) -> None:
    r = client.get("/api/quotes?since=nope&limit=-1")
    errors = r.json()["error"]["details"]["errors"]
    assert {tuple(e["loc"]) for e in errors} == {("query", "since"), ("query", "limit")}


def test_html_pages_show_errors_as_pages_with_the_same_fields(client: TestClient) -> None:
    r = client.get("/speakers/Nobody", headers={"accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"]
    assert "404 · not_found" in r.text and "/speakers?q=NAME" in r.text
    r = client.get("/speakers/Nobody", headers={"accept": "application/json"})
    assert_shape(r.json(), 404)


def test_413_for_large_bodies(tmp_path: Path) -> None:
    db = _db(tmp_path)
    c = TestClient(create_app(db, write=True, max_body=1000), raise_server_exceptions=False)
    r = c.post("/api/articles", content=b"[" + b" " * 2000 + b"]")
    assert r.status_code == 413
    assert_shape(r.json(), 413, "payload_too_large")


def test_414_for_huge_query_strings(client: TestClient) -> None:
    r = client.get("/api/quotes?q=" + "a" * 5000)
    assert r.status_code == 414
    assert_shape(r.json(), 414)


def _db(tmp_path: Path) -> Path:
    from saywho.store import open_store

    path = tmp_path / "t.db"
    with open_store(path) as store:
        store.add(workbench_corpus())
    return path


def test_token_required_when_set(tmp_path: Path) -> None:
    c = TestClient(create_app(_db(tmp_path), token="s3cret"), raise_server_exceptions=False)
    r = c.get("/api/stats")
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    assert_shape(r.json(), 401)
    r = c.get("/api/stats", headers={"authorization": "Bearer wrong"})
    assert r.status_code == 403
    assert_shape(r.json(), 403)
    assert c.get("/api/stats", headers={"authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret")
    assert r.status_code == 200 and "HttpOnly" in r.headers["set-cookie"]
    assert c.get("/api/stats").status_code == 200  # the cookie now carries it


def test_write_mode_adds_and_deletes(tmp_path: Path) -> None:
    from ..store.storekit import analysis

    db = _db(tmp_path)
    c = TestClient(create_app(db, write=True), raise_server_exceptions=False)
    doc = analysis("A brand new article without quotes.", title="New", date="2024-07-01")
    r = c.post("/api/articles", json=doc.to_dict())
    assert r.status_code == 200 and r.json()["added"] == 1
    assert c.get("/api/stats").json()["articles"] == 6
    r = c.post("/api/articles", json=[{"title": "no text"}])
    assert r.status_code == 400
    assert_shape(r.json(), 400, "bad_article")
    assert c.delete(f"/api/articles/{doc.id}").json() == {"deleted": doc.id}
    assert c.delete(f"/api/articles/{doc.id}").status_code == 404


def test_read_only_server_cannot_write_through_sql(client: TestClient) -> None:
    conn = client.app.state.db.conn()  # type: ignore[attr-defined]
    with pytest.raises(Exception, match="readonly"):
        conn.execute("DELETE FROM articles")


def test_security_headers(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"


def test_no_cdn_docs_pages(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404
    assert "cdn" not in client.get("/").text.lower()


@pytest.mark.parametrize(
    ("host", "token", "ok"),
    [
        ("127.0.0.1", None, True),
        ("localhost", None, True),
        ("::1", None, True),
        ("0.0.0.0", None, False),
        ("192.0.2.10", None, False),
        ("0.0.0.0", "tok", True),
    ],
)
def test_non_loopback_needs_a_token(host: str, token: str | None, ok: bool) -> None:
    if ok:
        check_bind(host, token)
    else:
        with pytest.raises(ServeError, match="--token"):
            check_bind(host, token)


def test_missing_database_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="saywho ingest"):
        create_app(tmp_path / "none.db")


@pytest.mark.parametrize(
    "page",
    [
        "/index",
        "/stats",
        "/articles",
        "/quotes",
        "/speakers",
        f"/speakers/{LOPEZ}",
        "/outlets",
        "/outlets/Daily%20Bugle",
        "/search?q=taxes",
        "/similar?text=no%20new%20taxes",
        f"/statements?speaker={LOPEZ}",
        "/quotes?speaker=lopez&kind=direct",
    ],
)
def test_every_page_has_a_json_twin(client: TestClient, page: str) -> None:
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    path, _, query = page.partition("?")
    twin = client.get(path + ".json" + ("?" + query if query else ""))
    assert twin.headers["content-type"] == "application/json"
    accept = client.get(page, headers={"accept": "application/json"})
    assert twin.json() == accept.json()
    assert f'href="{path}.json' in html.text


def test_loopback_host_check_against_dns_rebinding(tmp_path: Path) -> None:
    from saywho.api.security import LOOPBACK_HOSTS

    app = create_app(_db(tmp_path), allowed_hosts=LOOPBACK_HOSTS)
    r = TestClient(app, base_url="http://evil.example:8000").get("/api/stats")
    assert r.status_code == 421
    assert_shape(r.json(), 421, "bad_host")
    for base in ("http://127.0.0.1:8000", "http://localhost:8000", "http://[::1]:8000"):
        assert TestClient(app, base_url=base).get("/api/stats").status_code == 200


def test_writes_refuse_other_sites_and_non_json(tmp_path: Path) -> None:
    c = TestClient(create_app(_db(tmp_path), write=True), raise_server_exceptions=False)
    r = c.post("/api/articles", json=[], headers={"origin": "https://evil.example"})
    assert r.status_code == 403
    assert_shape(r.json(), 403, "cross_site")
    r = c.post("/api/articles", content=b"[]", headers={"content-type": "text/plain"})
    assert r.status_code in (400, 422)
    assert_shape(r.json(), r.status_code)
    r = c.post("/api/articles", json=[], headers={"origin": "http://testserver"})
    assert r.status_code == 200 and r.json()["added"] == 0


def test_search_page_shows_a_bad_query_above_the_form(client: TestClient) -> None:
    r = client.get('/search?q="peace', headers={"accept": "text/html"})
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    assert 'class="search-error"' in r.text and "closing quote" in r.text
    assert 'value="&#34;peace"' in r.text  # the query stays in the box, escaped
    assert client.get('/search.json?q="peace').json()["error"]["code"] == "bad_query"


def test_quote_kinds_of_the_api_are_the_model_s() -> None:
    import typing

    from saywho.api.app import Kind
    from saywho.model import QUOTE_KINDS

    assert set(typing.get_args(Kind)) == set(QUOTE_KINDS)


def test_unexpected_errors_are_500s_in_the_same_shape(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from saywho.api import views

    app = create_app(_db(tmp_path))

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "store_stats", boom)
    r = TestClient(app, raise_server_exceptions=False).get("/api/stats")
    assert r.status_code == 500
    assert_shape(r.json(), 500, "internal_server_error")
    assert "secret" not in r.text  # details stay in the server log


def test_home_json_twin(client: TestClient) -> None:
    home = client.get("/", headers={"accept": "application/json"}).json()
    assert home == client.get("/index.json").json()
    assert set(home) == {"stats", "speakers", "outlets", "recent_articles"}

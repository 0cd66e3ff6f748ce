"""The REST API: shapes, filters, pagination, search, exports, OpenAPI."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from saywho.api import create_app
from saywho.store import open_store

from .kit import LOPEZ, workbench_corpus


def items(client: TestClient, url: str) -> list[dict[str, Any]]:
    r = client.get(url)
    assert r.status_code == 200, r.text
    return list(r.json()["items"])


@pytest.mark.parametrize(
    "path", ["/api/articles", "/api/quotes", "/api/speakers", "/api/outlets", "/api/search"]
)
def test_openapi_documents_the_curated_api(client: TestClient, path: str) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "saywho workbench"
    assert path in schema["paths"]
    assert not any(p in schema["paths"] for p in ("/", "/quotes", "/speakers/{key}"))


def test_openapi_lists_the_quote_filters(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    names = {p["name"] for p in schema["paths"]["/api/quotes"]["get"]["parameters"]}
    assert {"speaker", "outlet", "since", "until", "kind", "q", "limit", "offset"} <= names
    assert "/api/speakers/{key}" in schema["paths"]
    assert "/api/articles/{article_id}" in schema["paths"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (f"speaker={LOPEZ}", 4),
        ("speaker=maria%20lopez", 4),  # a name resolves to the entity key
        ("speaker=John%20Smith", 3),
        ("outlet=Daily%20Bugle", 3),
        ("since=2024-05-07&until=2024-05-08", 4),
        ("since=2024-06-01", 1),
        ("kind=indirect", 3),
        ("kind=mixed", 1),
        ("q=taxes", 4),
        ("q=%22raise%20taxes%22", 4),
        ("q=negot*", 1),
        ("speaker=John%20Smith&outlet=Daily%20Bugle", 2),
        ("speaker=Nobody", 0),
    ],
)
def test_quote_filters(client: TestClient, query: str, expected: int) -> None:
    assert len(items(client, f"/api/quotes?{query}")) == expected


def test_quote_rows_carry_speaker_key_and_display_name(client: TestClient) -> None:
    row = items(client, f"/api/quotes?speaker={LOPEZ}&limit=1")[0]
    assert row["speaker_key"] == LOPEZ and row["speaker"] == "Maria Lopez"
    assert row["id"] == f"{row['article_id']}:{row['idx']}"


def test_pagination_is_stable_and_complete(client: TestClient) -> None:
    everything = [q["id"] for q in items(client, "/api/quotes?limit=100")]
    seen: list[str] = []
    url: str | None = "/api/quotes?limit=2"
    pages = 0
    while url:
        body = client.get(url).json()
        seen += [q["id"] for q in body["items"]]
        url = body["next"]
        pages += 1
    assert seen == everything and len(set(seen)) == len(seen) == 7
    assert pages == 4
    assert client.get("/api/quotes?limit=2&offset=2").json()["prev"].endswith("offset=0")


def test_quotes_newest_first(client: TestClient) -> None:
    dates = [q["date"] for q in items(client, "/api/quotes")]
    assert dates == sorted(dates, reverse=True)


def test_article_detail_has_json_form_and_quotes(client: TestClient) -> None:
    first = items(client, "/api/articles?outlet=Harbour%20Gazette")[0]
    body = client.get(f"/api/articles/{first['id']}").json()
    assert body["article"]["id"] == first["id"] and body["article"]["schema"] == "1"
    assert [q["idx"] for q in body["quotes"]] == [0, 1]
    assert body["article"]["author"] is None


@pytest.mark.parametrize("outlet", ["The%20Clarion"])
def test_article_byline_in_list_json_and_page(client: TestClient, outlet: str) -> None:
    [row] = items(client, f"/api/articles?outlet={outlet}")
    assert row["author"] == "By JANE ROE"
    body = client.get(f"/api/articles/{row['id']}").json()
    assert body["article"]["author"] == "By JANE ROE"
    assert list(body["article"])[4:6] == ["url", "author"]
    page = client.get(f"/articles/{row['id']}", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert '<span class="author">By JANE ROE</span>' in page.text
    twin = client.get(f"/articles/{row['id']}.json").json()
    assert twin["article"]["author"] == "By JANE ROE"
    # no byline, no author element
    other = items(client, "/api/articles?outlet=Harbour%20Gazette")[0]
    page = client.get(f"/articles/{other['id']}", headers={"accept": "text/html"})
    assert page.status_code == 200 and "<h1>" in page.text
    assert 'class="author"' not in page.text


def test_article_stored_before_bylines_reads_with_author_null(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as store:
        [a] = workbench_corpus()[:1]
        store.add([a])
        doc = a.to_dict()
        del doc["author"]  # the JSON form as saywho stored it before Article.author
        store.conn.execute("UPDATE articles SET doc = ?", (json.dumps(doc),))
    client = TestClient(create_app(db), raise_server_exceptions=False)
    body = client.get(f"/api/articles/{a.id}").json()
    assert body["article"]["author"] is None
    assert {k: v for k, v in body["article"].items() if k != "author"} == doc
    page = client.get(f"/articles/{a.id}", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'class="author"' not in page.text


def test_speaker_detail(client: TestClient) -> None:
    body = client.get(f"/api/speakers/{LOPEZ}?period=week").json()
    assert body["name"] == "Maria Lopez" and body["quotes"] == 4 and body["entity"] == LOPEZ
    assert body["timeline"] == [{"period": "2024-05-06", "quotes": 4}]
    assert {o["outlet"] for o in body["outlets"]} == {
        "Harbour Gazette",
        "The Clarion",
        "Daily Bugle",
    }
    assert body["repeated"][0]["times"] == 2  # "We will not raise taxes this year," twice
    assert body["recent"][0]["date"] == "2024-05-08"
    monthly = client.get(f"/api/speakers/{LOPEZ}").json()["timeline"]
    assert monthly == [{"period": "2024-05", "quotes": 4}]


def test_speaker_name_redirects_to_entity_key(client: TestClient) -> None:
    r = client.get("/api/speakers/Maria%20Lopez", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == f"/api/speakers/{LOPEZ}"
    r = client.get("/speakers/maria%20lopez.json?period=year", follow_redirects=False)
    assert r.headers["location"] == f"/speakers/{LOPEZ}.json?period=year"
    assert client.get("/speakers/Maria%20Lopez.json").json()["key"] == LOPEZ


def test_speakers_list_and_filter(client: TestClient) -> None:
    rows = items(client, "/api/speakers")
    assert [r["key"] for r in rows] == [LOPEZ, "John Smith"]
    assert [r["key"] for r in items(client, "/api/speakers?q=smi")] == ["John Smith"]


def test_outlets(client: TestClient) -> None:
    rows = items(client, "/api/outlets")
    assert rows[0] == {
        "outlet": "Daily Bugle",
        "articles": 2,
        "quotes": 3,
        "first": "2024-05-08",
        "last": "2024-06-20",
    }
    body = client.get("/api/outlets/Daily%20Bugle").json()
    assert body["volume"] == [
        {"period": "2024-05", "articles": 1, "quotes": 2},
        {"period": "2024-06", "articles": 1, "quotes": 1},
    ]
    assert body["speakers"][0] == {"key": "John Smith", "name": "John Smith", "quotes": 2}


def test_search_quotes_and_articles_with_snippets(client: TestClient) -> None:
    body = client.get("/api/search?q=%22not%20raise%20taxes%22").json()
    assert len(body["quotes"]) == 4 and len(body["articles"]) == 3
    assert "«not raise taxes»" in body["quotes"][0]["snippet"]
    body = client.get("/api/search?q=fantas*&scope=quotes").json()
    assert [q["speaker"] for q in body["quotes"]] == ["John Smith"] and "articles" not in body
    body = client.get("/api/search?q=taxes%20-fantasy&scope=articles").json()
    assert len(body["articles"]) == 2


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("%22peace%20talks", "closing quote"),
        ("a*b", "can only end a word"),
        ("OR%20taxes", "OR needs a word"),
        ("-taxes", "cannot only exclude"),
        ("%20", "needs a query"),
    ],
)
def test_malformed_search_is_a_400_with_a_hint(client: TestClient, q: str, hint: str) -> None:
    r = client.get(f"/api/search?q={q}")
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_query" and hint in r.json()["error"]["message"]


def test_search_never_500s_on_fts_syntax(client: TestClient) -> None:
    for q in ["AND", "NEAR(", "col:x", "^x", '"a" "b', "x ) (", "🙂", "\\"]:
        assert client.get("/api/search", params={"q": q}).status_code in (200, 400)


@pytest.mark.parametrize("suffix", [".csv", "?format=csv"])
def test_export_csv(client: TestClient, suffix: str) -> None:
    r = client.get(f"/quotes{suffix}")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    lines = r.text.splitlines()
    assert lines[0].startswith("article_id,idx,kind") and len(lines) == 8


def test_export_jsonl_and_parquet(client: TestClient) -> None:
    r = client.get(f"/api/quotes?speaker={LOPEZ}&format=jsonl")
    rows = [json.loads(line) for line in r.text.splitlines()]
    assert len(rows) == 4 and rows[0]["speaker_key"] == LOPEZ
    r = client.get("/speakers.parquet")
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 2 and "key" in table.column_names


def test_export_neutralises_spreadsheet_formulas() -> None:
    from saywho.api.export import export_bytes

    assert b"'=HYPERLINK" in export_bytes([{"a": "=HYPERLINK(1)"}], "csv")


def test_export_of_a_detail_page_says_where_lists_are(client: TestClient) -> None:
    r = client.get(f"/speakers/{LOPEZ}.csv")
    assert r.status_code == 400 and "/quotes" in r.json()["error"]["message"]


def test_limit_over_page_maximum(client: TestClient) -> None:
    r = client.get("/api/quotes?limit=501")
    assert r.status_code == 400 and "format=csv" in r.json()["error"]["message"]
    assert client.get("/api/quotes?limit=501&format=jsonl").status_code == 200


def test_stats(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert body["articles"] == 5 and body["quotes"] == 7


def test_same_statement_across_outlets(client: TestClient) -> None:
    body = client.get(f"/api/statements?speaker={LOPEZ}").json()
    # Harbour Gazette reported both wordings in one article: one group per wording,
    # each with at most one quote per article.
    groups = body["groups"]
    assert len(groups) == 2
    for group in groups:
        assert group["outlets"] == 2 and group["first_date"] == "2024-05-06"
        assert group["first_outlets"] == ["Harbour Gazette"]
        assert len({m["article_id"] for m in group["members"]}) == len(group["members"])
        assert [m["first"] for m in group["members"]] == [True, False]
    cues = {m["outlet"]: m["cue"] for g in groups for m in g["members"]}
    assert cues["The Clarion"] == "insisted" and cues["Daily Bugle"] == "announced"
    contents = {m["outlet"]: m["content"] for m in groups[0]["members"] + groups[1]["members"]}
    assert contents["Daily Bugle"] == "The government will not raise taxes this year"
    assert len(body["items"]) == 4 and {i["group"] for i in body["items"]} == {0, 1}
    # John Smith's three quotes say different things: no group
    assert client.get("/api/statements?speaker=John%20Smith").json()["groups"] == []
    assert client.get("/api/statements?window=0").json()["groups"] == []


def test_similar_quotes(client: TestClient) -> None:
    body = client.get("/api/similar?text=there%20will%20be%20no%20tax%20increase&limit=3").json()
    assert [q["speaker_key"] for q in body["items"]] == [LOPEZ] * 3
    sims = [q["similarity"] for q in body["items"]]
    assert sims == sorted(sims, reverse=True)
    first = body["items"][0]["id"]
    body = client.get(f"/api/similar?quote={first}&limit=50").json()
    assert first not in [q["id"] for q in body["items"]] and len(body["items"]) == 6
    assert client.get("/api/similar").status_code == 400
    assert client.get("/api/similar?quote=nope").status_code == 400


@pytest.mark.parametrize(
    ("points", "period", "expected"),
    [
        ([("2023-11", 1), ("2024-02", 3)], "month", ["2023-11", "2023-12", "2024-01", "2024-02"]),
        (
            [("2024-01-01", 1), ("2024-01-15", 2)],
            "week",
            ["2024-01-01", "2024-01-08", "2024-01-15"],
        ),
        ([("2022", 1), ("2024", 2)], "year", ["2022", "2023", "2024"]),
    ],
)
def test_charts_fill_empty_periods(
    points: list[tuple[str, float]], period: str, expected: list[str]
) -> None:
    from saywho.web.charts import fill_periods

    filled = fill_periods(points, period)
    assert [label for label, _ in filled] == expected
    assert sum(v for _, v in filled) == sum(v for _, v in points)


def test_chart_svg_download(client: TestClient) -> None:
    r = client.get(f"/speakers/{LOPEZ}/timeline.svg?period=week")
    assert r.headers["content-type"].startswith("image/svg+xml")
    assert "Maria Lopez: quotes per week" in r.text
    r = client.get("/speakers/maria%20lopez/timeline.svg", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].startswith(f"/speakers/{LOPEZ}/")


def test_part_of_a_name_filters_and_suggests(client: TestClient) -> None:
    assert len(items(client, "/api/quotes?speaker=lopez")) == 4
    r = client.get("/api/speakers/lopez")
    assert r.status_code == 404
    err = r.json()["error"]
    assert f"did you mean Maria Lopez (/speakers/{LOPEZ})" in err["message"]
    assert err["details"]["suggestions"] == [{"key": LOPEZ, "name": "Maria Lopez"}]


@pytest.mark.parametrize(
    ("top", "axis"), [(0, 4), (1, 4), (5, 8), (9, 12), (41, 60), (71174, 80000)]
)
def test_chart_axis_has_four_whole_steps(top: int, axis: int) -> None:
    from saywho.web.charts import _nice_max, bar_chart

    assert _nice_max(top) == axis and axis % 4 == 0
    svg = bar_chart([("2024-01", top)], title="t")
    assert f">{axis}</text>" in svg and ">0</text>" in svg


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 5),
        ("?q=taxes", 3),
        ("?q=geneva", 1),
        ("?outlet=Daily%20Bugle", 2),
        ("?since=2024-05-07&until=2024-05-08", 2),
        ("?q=taxes&outlet=The%20Clarion", 1),
    ],
)
def test_article_filters(client: TestClient, query: str, expected: int) -> None:
    rows = items(client, f"/api/articles{query}")
    assert len(rows) == expected
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates, reverse=True)

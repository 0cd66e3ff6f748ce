"""Real-browser tests: Chromium (Playwright) over a live workbench on 127.0.0.1.

* hostile input never runs: every page over the XSS corpus, no script, no dialog;
* the article reader's toggles and the search form work;
* screenshots of the main pages go to tests/screenshots/ (ignored by git) for review;
  copy them to docs/screenshots/ to update the committed ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote
from xml.etree import ElementTree

import pytest

from saywho.store import open_store

from ..api.kit import LOPEZ, workbench_corpus
from .conftest import LiveServer
from .xss import PAYLOADS, add_hostile_entity_tables, xss_corpus

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "tests" / "screenshots"

DOM_CHECK = """() => {
  const all = [...document.querySelectorAll('*')];
  return {
    xss: window.__xss === undefined ? null : window.__xss,
    scripts: [...document.querySelectorAll('script')].filter(s =>
      s.getAttribute('src') !== '/static/app.js').length,
    handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    jsLinks: [...document.querySelectorAll('[href],[src],[data],[action]')].filter(e =>
      ['href', 'src', 'data', 'action'].some(n =>
        (e.getAttribute(n) || '').trim().toLowerCase().startsWith('javascript'))).length,
    frames: document.querySelectorAll('iframe, object, embed, details[ontoggle]').length,
  };
}"""


@pytest.fixture(scope="module")
def xss_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("xss") / "xss.db"
    with open_store(db) as store:
        assert store.add(xss_corpus()).added == len(PAYLOADS)
    add_hostile_entity_tables(db)
    with LiveServer(db) as server:
        yield server


@pytest.fixture(scope="module")
def wb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    db = tmp_path_factory.mktemp("ui") / "ui.db"
    with open_store(db) as store:
        store.add(workbench_corpus())
    with LiveServer(db) as server:
        yield server


def _pages(server: LiveServer, browser: Any) -> list[str]:
    """Every page of the workbench over the XSS store, found through its JSON twins."""
    import httpx

    base = server.url
    pages = ["/", "/articles", "/quotes", "/speakers", "/outlets", "/stats", "/statements"]
    pages += ["/statements?window=60&threshold=0.3"]
    pages += [f"/search?q={quote(w)}" for w in ("payload", "script", "said")]
    pages += [f"/similar?text={quote(p)}" for p in PAYLOADS[:3]]
    pages += [f"/speakers/{quote(p, safe='')}" for p in PAYLOADS[:2]]  # 404 pages echo input
    pages += [f"/search?q={quote(p)}" for p in PAYLOADS[:3]]  # 400s and results
    for a in httpx.get(base + "/api/articles?limit=100").json()["items"]:
        pages.append(f"/articles/{a['id']}")
    for s in httpx.get(base + "/api/speakers?limit=100").json()["items"]:
        pages.append(f"/speakers/{quote(s['key'], safe='')}")
    for o in httpx.get(base + "/api/outlets?limit=100").json()["items"]:
        if o["outlet"]:
            pages.append(f"/outlets/{quote(o['outlet'], safe='')}")
    return pages


def test_no_script_runs_on_any_page(xss_server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pages = _pages(xss_server, browser)
    assert len(pages) > 40
    checked = 0
    for path in pages:
        response = page.goto(xss_server.url + path)
        assert response is not None and response.status in (200, 400, 404), path
        page.wait_for_load_state("load")
        found = page.evaluate(DOM_CHECK)
        assert found == {"xss": None, "scripts": 0, "handlers": 0, "jsLinks": 0, "frames": 0}, (
            path,
            found,
        )
        checked += 1
    assert dialogs == []
    # The payloads are shown, as text.
    page.goto(xss_server.url + "/articles")
    assert "<script>window.__xss=1</script>" in page.inner_text("main")
    assert "49" not in page.inner_text("main")  # no template evaluated the {{7*7}} payload
    page.close()
    assert checked == len(pages)


def test_svg_charts_carry_no_script(xss_server: LiveServer, browser: Any) -> None:
    import httpx

    for s in httpx.get(xss_server.url + "/api/speakers").json()["items"]:
        svg = httpx.get(f"{xss_server.url}/speakers/{quote(s['key'], safe='')}/timeline.svg")
        assert svg.status_code == 200
        root = ElementTree.fromstring(svg.text)  # well-formed: every label was escaped
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag in {"svg", "style", "rect", "text", "line", "title"}, tag
            assert not [a for a in element.attrib if a.lower().startswith("on")]
    page = browser.new_page()
    page.goto(xss_server.url + "/outlets/" + quote(PAYLOADS[2], safe="") + "/volume.svg")
    assert page.evaluate("() => window.__xss === undefined")
    page.close()


def test_pages_raise_no_console_error_or_csp_violation(wb_server: LiveServer, browser: Any) -> None:
    import httpx

    article = httpx.get(wb_server.url + "/api/articles").json()["items"][0]["id"]
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else 0)
    page.on("pageerror", lambda e: problems.append(str(e)))
    for path in [
        "/",
        "/quotes",
        "/articles",
        f"/articles/{article}",
        "/speakers",
        f"/speakers/{LOPEZ}",
        "/outlets",
        "/outlets/Daily%20Bugle",
        "/search?q=taxes",
        "/similar?text=taxes",
        "/statements",
        "/stats",
    ]:
        response = page.goto(wb_server.url + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        # Every stylesheet rule applied: the header is styled (CSP would block inline styles).
        assert page.evaluate("getComputedStyle(document.querySelector('.top')).display") == "flex"
    assert problems == []
    page.close()


def test_chart_downloads_as_png(wb_server: LiveServer, browser: Any) -> None:
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{wb_server.url}/speakers/{LOPEZ}?period=week")
    button = page.locator("button.png")
    assert button.is_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == f"{LOPEZ}-week.png"
    data = Path(download.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1440, 480)
    page.close()


def test_article_reader_toggles(wb_server: LiveServer, browser: Any) -> None:
    import httpx

    article = httpx.get(wb_server.url + "/api/articles?outlet=The%20Clarion").json()["items"][0]
    page = browser.new_page()
    page.goto(f"{wb_server.url}/articles/{article['id']}")
    assert page.inner_text(".article-view header .author") == "By JANE ROE"
    quote_span = page.locator(".text .q").first
    on = quote_span.evaluate("e => getComputedStyle(e).backgroundColor")
    assert on not in ("rgba(0, 0, 0, 0)", "transparent")
    page.click("label[for=t-q]")
    off = quote_span.evaluate("e => getComputedStyle(e).backgroundColor")
    assert off == "rgba(0, 0, 0, 0)"
    entity = page.locator(".text .L0").first
    assert entity.evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    page.click("label[for=t-L0]")
    assert entity.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert page.locator(".who-said li").count() == 2
    assert page.locator(".text .cue").count() == 2
    page.close()


def test_search_form_and_pagination(wb_server: LiveServer, browser: Any) -> None:
    page = browser.new_page()
    page.goto(wb_server.url + "/")
    page.fill(".big-search input", '"raise taxes"')
    page.click(".big-search button")
    page.wait_for_url("**/search?q=*")
    assert page.locator("ul.quotes li.quote").count() == 4
    assert page.locator("mark").count() >= 4
    page.goto(wb_server.url + "/quotes?limit=3")
    texts = []
    while True:
        texts += page.locator("li.quote blockquote").all_inner_texts()
        nxt = page.locator(".pager a", has_text="next")
        if nxt.count() == 0:
            break
        nxt.click()
        page.wait_for_load_state("load")
    assert len(texts) == 7
    page.goto(wb_server.url + '/search?q="unclosed')
    assert "closing quote" in page.inner_text("main")
    page.close()


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("home", "/"),
        ("article", None),
        ("speaker", f"/speakers/{LOPEZ}?period=week"),
        ("search", "/search?q=taxes"),
        ("statements", f"/statements?speaker={LOPEZ}"),
        ("outlet", "/outlets/Daily%20Bugle"),
    ],
)
def test_screenshots(wb_server: LiveServer, browser: Any, name: str, path: str | None) -> None:
    import httpx

    if path is None:
        items = httpx.get(wb_server.url + "/api/articles?outlet=The%20Clarion").json()["items"]
        path = f"/articles/{items[0]['id']}"
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    response = page.goto(wb_server.url + path)
    assert response is not None and response.status == 200
    page.wait_for_load_state("load")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    page.close()
    assert (SCREENSHOTS / f"{name}.png").stat().st_size > 5000

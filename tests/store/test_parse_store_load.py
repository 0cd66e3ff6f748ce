"""Property: an article file or JSONL record read by saywho, stored and loaded back, keeps
its text, metadata (byline included) and quote offsets exactly (parse → store → load)."""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from saywho.ingest import ReadOptions, read
from saywho.model import Analysis, Article, Quote, Span, Speaker
from saywho.store import Store

_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=200,
).filter(lambda t: t.strip() != "")
_title = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda t: t.strip() == t and t != "")


@settings(max_examples=60, deadline=None)
@given(
    body=_text,
    title=_title,
    date=st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)),
    data=st.data(),
)
def test_canonical_file_read_store_load(
    body: str, title: str, date: dt.date, data: st.DataObject
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(f" date {date.isoformat()} {title}\n\n{body}")
        (article,) = list(read([path]))
        assert isinstance(article, Article), article
        assert (article.text, article.title, article.date) == (body, title, date)
        n = len(article.text)
        start = data.draw(st.integers(0, n - 1))
        end = data.draw(st.integers(start + 1, n))
        quote = Quote(
            kind="direct",
            content=(Span(start, end),),
            cue=None,
            speaker=Speaker(mention=None, name="A. Speaker"),
            confidence=0.5,
        )
        analysis = Analysis(article=article, quotes=(quote,), pipeline="test")
        with Store(Path(tmp) / "t.db") as store:
            store.add([analysis])
            loaded = store.get(article.id)
            assert loaded is not None
            assert loaded.to_dict() == analysis.to_dict()
            (row,) = list(store.quotes())
            assert row.content == body[start:end]


_byline = st.none() | st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


@settings(max_examples=60, deadline=None)
@given(body=_text, title=_title, author=_byline)
def test_jsonl_record_read_store_load_keeps_the_byline(
    body: str, title: str, author: str | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.jsonl"
        record = {"text": body, "title": title, "writer": author}
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")
        (article,) = list(read([path], ReadOptions(author_field="writer")))
        assert isinstance(article, Article), article
        expected = (author.strip() or None) if author is not None else None
        assert (article.text, article.title, article.author) == (body, title, expected)
        analysis = Analysis(article=article, pipeline="test")
        with Store(Path(tmp) / "t.db") as store:
            store.add([analysis])
            loaded = store.get(article.id)
            assert loaded is not None
            assert loaded.to_dict() == analysis.to_dict()
            assert loaded.article.author == expected
            (listed,) = list(store.articles())
            assert listed == article

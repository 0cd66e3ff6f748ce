"""A corpus of hostile articles: XSS payloads in titles, texts, outlets, URLs, bylines,
speaker names, entity ids and layer labels (and, as the entity layers will hold them, in a
``mentions``-like layer). Every payload, if it ran, would set ``window.__xss`` or open a
dialog."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from saywho.model import Analysis, Article, Quote, Source, Span, Speaker

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"><script>window.__xss=1</script></svg>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea></title><script>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1">click</a>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "javascript:window.__xss=1",
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
    "{{7*7}}${7*7}<%= 7*7 %>",
    '<details open ontoggle="window.__xss=1">',
    "<body onload=alert(1)>",
    '<object data="javascript:window.__xss=1"></object>',
]


def _article(i: int, payload: str) -> Analysis:
    lead = f"Payload {i}: {payload} "
    quoted = f'"{payload} is what I said,"'
    text = lead + quoted + " the speaker said. " + payload
    qs = text.index(quoted)
    cue = text.index("said.", qs + len(quoted))
    speaker_at = text.index("the speaker", qs + len(quoted))
    quote = Quote(
        kind="direct",
        content=(Span(qs, qs + len(quoted)),),
        cue=Span(cue, cue + 4),
        speaker=Speaker(
            mention=Span(speaker_at, speaker_at + len("the speaker")),
            name=f"Speaker {payload}",
            entity=payload if i % 3 == 0 else None,
        ),
        confidence=0.9,
    )
    article = Article(
        text=text,
        title=f"Title {payload}",
        date=__import__("datetime").date(2024, 1, 1 + i),
        outlet=f"Outlet {payload}" if i % 2 else payload,
        url=payload if "javascript" in payload else f"https://example.org/{i}?q={payload}",
        source=Source(path="xss.jsonl", line=i + 1, format="jsonl"),
        author=payload if i % 2 else f"By {payload}",
    )
    layers: dict[str, Any] = {
        "claims": [{"start": 0, "end": 7, "label": payload}],
        "techniques": [{"start": qs, "end": qs + 5, "technique": payload}],
        "threats": [{"start": 0, "end": 3, "type": payload, "entity": payload}],
    }
    return Analysis(article=article, quotes=(quote,), pipeline="xss-1", layers=layers)


def xss_corpus() -> list[Analysis]:
    return [_article(i, p) for i, p in enumerate(PAYLOADS)]


def add_hostile_entity_tables(db: Path) -> None:
    """The entity tables of issue #3, with payloads as canonical names and spellings."""
    conn = sqlite3.connect(db, isolation_level=None)
    # A store written by the entity-linking saywho (#3) has these tables already.
    conn.execute(
        "CREATE TABLE IF NOT EXISTS entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, origin TEXT)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS mentions (article_id TEXT, idx INTEGER, start INTEGER, "
        "end INTEGER, "
        "text TEXT, spelling TEXT, type TEXT, how TEXT, confidence REAL, auto_entity TEXT, "
        "entity TEXT)"
    )
    entity_keys = [p for i, p in enumerate(PAYLOADS) if i % 3 == 0]
    conn.executemany(
        "INSERT INTO entities(id, name, type, origin) VALUES (?, ?, 'PERSON', 'auto')",
        [(k, f"Name {p}") for k, p in zip(entity_keys, reversed(PAYLOADS), strict=False)],
    )
    articles = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")]
    conn.executemany(
        "INSERT INTO mentions(article_id, idx, start, end, text, spelling, type, how, "
        "confidence, auto_entity, entity) VALUES (?, 0, 0, 1, ?, ?, 'PERSON', 'name', 1.0, ?, ?)",
        [
            (a, p, p, entity_keys[i % 2], entity_keys[i % 2])
            for i, (a, p) in enumerate(zip(articles, PAYLOADS, strict=False))
        ],
    )
    conn.close()

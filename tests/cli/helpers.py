"""Small hand-written inputs for the CLI tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from saywho.model import Analysis, Article, Quote, Source, Span, Speaker
from saywho.store import open_store

# Canonical-format articles: ' date YYYY-MM-DD Title', a blank line, the body.
ARTICLES: dict[str, str] = {
    "zelensky.txt": (
        " date 2024-03-01 Zelensky vows to fight on\n\n"
        "“We will not give up,” Zelensky said on Friday in Kyiv.\n\n"
        "The president also thanked the country's allies. “Every day counts,” "
        "he told reporters.\n"
    ),
    "lagarde.txt": (
        " date 2024-03-05 Central bank holds rates\n\n"
        "“We are not there yet,” Christine Lagarde said on Tuesday in Frankfurt.\n\n"
        "“We need more data before we move,” Lagarde told a press conference.\n"
    ),
    "farmers.txt": (
        " date 2024-03-09 Farmers block roads\n\n"
        "“We cannot live on these prices,” said Marie Dubois, a farmer from Lyon.\n\n"
        "The protest would go on until the government listened, Dubois said.\n"
    ),
}

BAD_DATE = " date 2024-99-01 A title\n\nSome text.\n"


def write_articles(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


def _analysis(
    text: str,
    date: str,
    outlet: str,
    quotes: list[tuple[str, str, str, str]],
    pipeline: str = "test-1",
) -> Analysis:
    """``quotes``: (kind, content, cue, speaker name), each found in ``text``."""
    return Analysis(
        article=Article(
            text=text,
            title=text.split(".")[0],
            date=dt.date.fromisoformat(date),
            outlet=outlet,
            source=Source(path=f"{outlet}.jsonl", line=1, format="jsonl"),
        ),
        quotes=tuple(
            Quote(
                kind=kind,
                content=(_span(text, content),),
                cue=_span(text, cue),
                speaker=Speaker(mention=_span(text, name), name=name),
                confidence=0.9,
            )
            for kind, content, cue, name in quotes
        ),
        pipeline=pipeline,
    )


def fill_store(db: Path) -> Path:
    """A database of three hand-built analyses (no model needed): 4 quotes."""
    a = "Taxes will fall next year, Smith said. “Inflation is beaten,” Smith added."
    b = "“The border stays open,” Jones told reporters on Monday."
    c = "“Inflation is not beaten at all,” Müller said. Prices rose, Jones said."
    analyses = [
        _analysis(
            a,
            "2024-01-10",
            "Daily",
            [
                ("indirect", "Taxes will fall next year", "said", "Smith"),
                ("direct", "“Inflation is beaten,”", "added", "Smith"),
            ],
        ),
        _analysis(
            b,
            "2024-02-20",
            "Herald",
            [
                ("direct", "“The border stays open,”", "told", "Jones"),
            ],
        ),
        _analysis(
            c,
            "2024-03-30",
            "Daily",
            [
                ("direct", "“Inflation is not beaten at all,”", "said", "Müller"),
            ],
        ),
    ]
    with open_store(db) as store:
        store.add(analyses)
    return db


def write_gold(root: Path) -> Path:
    """A tiny PolNeAR-style gold folder: text/*.txt and attributions/*_<annotator>.ann."""
    docs = {
        "doc1": (
            "“We will not give up,” Zelensky said on Friday.\n",
            [("“We will not give up,”", "said", "Zelensky")],
        ),
        "doc2": (
            "Inflation is too high, Lagarde said. “We need more data,” she told reporters.\n",
            [("Inflation is too high", "said", "Lagarde"), ("“We need more data,”", "told", "she")],
        ),
    }
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for doc_id, (text, quotes) in docs.items():
        (root / "text" / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        lines = []
        for i, (content, cue, source) in enumerate(quotes):
            ids = []
            for j, (label, piece) in enumerate(
                (("Content", content), ("Cue", cue), ("Source", source))
            ):
                span = _span(text, piece)
                tid = f"T{i * 3 + j + 1}"
                ids.append(f"{label}:{tid}")
                lines.append(f"{tid}\t{label} {span.start} {span.end}\t{piece}")
            lines.append(f"E{i + 1}\tAttribution:T{i * 3 + 2} {' '.join(ids)}")
        (root / "attributions" / f"{doc_id}_ann1.ann").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
    return root

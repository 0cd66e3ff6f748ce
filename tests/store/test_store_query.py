from __future__ import annotations

import datetime as dt

import pytest

from saywho.errors import StoreError
from saywho.store import QuoteRow, Store

from .storekit import T1, T2, T3, analysis, corpus, quote


def contents(rows: object) -> list[str]:
    return [r.content for r in rows]  # type: ignore[attr-defined]


def test_all_quotes_in_order(filled: Store) -> None:
    rows = list(filled.quotes())
    assert [(r.date, r.idx) for r in rows] == [
        ("2024-03-01", 0),
        ("2024-03-01", 1),
        ("2024-03-02", 0),
        ("2024-03-02", 1),
        ("2024-03-03", 0),
    ]
    first = rows[0]
    assert isinstance(first, QuoteRow)
    assert first.to_dict() == {
        "article_id": corpus()[0].id,
        "idx": 0,
        "kind": "indirect",
        "start": 0,
        "end": 29,
        "content": "Inflation will fall next year",
        "cue": "said",
        "speaker": "Ana Ruiz",
        "speaker_entity": "Q1",
        "speaker_mention": "Mayor Ana Ruiz",
        "confidence": 0.9,
        "date": "2024-03-01",
        "outlet": "Daily Bugle",
        "title": "Mayor upbeat on prices",
        "source_path": "corpus.jsonl",
    }


def test_order_breaks_ties_by_article_id(store: Store) -> None:
    texts = [f'Person {i} said "line {i}" today.' for i in range(6)]
    items = [
        analysis(t, [quote(t, f"line {i}", speaker=f"P{i}")], date="2024-01-01")
        for i, t in enumerate(texts)
    ]
    store.add(items)
    ids = [r.article_id for r in store.quotes()]
    assert ids == sorted(ids)


def test_speaker_filter_name_and_mention_case_insensitive(filled: Store) -> None:
    assert contents(filled.quotes(speaker="ruiz")) == [
        "Inflation will fall next year",
        "We are ready,",
    ]
    assert contents(filled.quotes(speaker="THE MINISTER")) == ["taxes would not rise"]
    assert contents(filled.quotes(speaker="she")) == ["We are ready,"]  # mention only
    assert contents(filled.quotes(speaker="park")) == ["This plan is reckless,"]
    assert list(filled.quotes(speaker="%")) == []  # no LIKE wildcards
    assert list(filled.quotes(speaker="_")) == []
    assert len(list(filled.quotes(speaker="  "))) == 5  # blank: no filter


def test_speaker_filter_unicode_case(store: Store) -> None:
    text = 'Über alles, sagte Jürgen Strauß: "Wir schaffen das."'
    store.add(
        [
            analysis(
                text,
                [
                    quote(
                        text,
                        "Wir schaffen das.",
                        speaker="Jürgen Strauß",
                        mention="Jürgen Strauß",
                        cue="sagte",
                    )
                ],
            )
        ]
    )
    assert len(list(store.quotes(speaker="JÜRGEN"))) == 1
    assert len(list(store.quotes(speaker="strauss"))) == 1  # casefold: ß → ss


def test_text_search(filled: Store) -> None:
    assert contents(filled.quotes(text="budget")) == ["The budget is balanced,"]
    assert contents(filled.quotes(text="Budget BALANCED")) == ["The budget is balanced,"]
    assert list(filled.quotes(text="budget reckless")) == []  # words are ANDed
    assert contents(filled.quotes(text='"plan is reckless"')) == ["This plan is reckless,"]
    assert list(filled.quotes(text='"reckless plan"')) == []  # phrase order matters
    # Speaker names are indexed too, but text= searches the quote's content only.
    assert list(filled.quotes(text="Baker")) == []


def test_prefix_search(filled: Store) -> None:
    assert contents(filled.quotes(text="infl*")) == ["Inflation will fall next year"]
    assert contents(filled.quotes(text="bal* budg*")) == ["The budget is balanced,"]
    assert list(filled.quotes(text="inflx*")) == []
    assert contents(filled.quotes(text='"plan is reck"*')) == ["This plan is reckless,"]


HOSTILE = [
    '"',
    '""',
    '"""',
    "AND",
    "OR",
    "NOT",
    "(",
    ")",
    "*",
    "**",
    "NEAR(",
    "NEAR(a b",
    'he said "x',
    'he said "budget',
    "AND (",
    "budget AND",
    "OR budget",
    "NOT budget",
    "budget:",
    "content_text:budget",
    "{content_text}: budget",
    "^budget",
    "budget^",
    "-budget",
    "+budget",
    "budget*balanced",
    "*budget",
    '"budget" "',
    "budget)",
    "'; DROP TABLE quotes; --",
    "\x00",
    "budget\x00",
    "\\",
    "%",
    "_",
    "[",
    "]",
    "\u200b",
    "«budget»",
    "budget's",
    "💥",
    "   ",
    "",
    ":",
    "a:b:c",
    "NEAR/3",
    "col : (x",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_hostile_text_queries_never_raise(filled: Store, q: str) -> None:
    everything = list(filled.quotes())
    rows = list(filled.quotes(text=q))
    assert all(r in everything for r in rows)
    list(filled.search_articles(q))


def test_hostile_queries_still_find_the_words(filled: Store) -> None:
    for q in [
        'the "budget',
        "( budget",
        "budget)",
        "is: (budget",
        "'budget'",
        "«budget»",
        "budget^",
        "-budget",
        "budget* -",
        "* budget *",
    ]:
        assert contents(filled.quotes(text=q)) == ["The budget is balanced,"], q
    # Operator words are just words to match: "and"/"or" occur in no quote.
    assert list(filled.quotes(text="budget AND balanced")) == []
    assert list(filled.quotes(text="budget OR reckless")) == []


def test_date_filters_inclusive(filled: Store) -> None:
    assert {r.date for r in filled.quotes(since="2024-03-02")} == {"2024-03-02", "2024-03-03"}
    assert {r.date for r in filled.quotes(until="2024-03-02")} == {"2024-03-01", "2024-03-02"}
    assert {r.date for r in filled.quotes(since="2024-03-02", until="2024-03-02")} == {"2024-03-02"}
    assert {r.date for r in filled.quotes(since=dt.date(2024, 3, 3))} == {"2024-03-03"}
    assert {r.date for r in filled.quotes(until=dt.datetime(2024, 3, 1, 23, 59))} == {"2024-03-01"}
    assert list(filled.quotes(since="2024-03-04")) == []
    assert list(filled.quotes(since="2024-03-03", until="2024-03-01")) == []


def test_bad_filters_raise_store_error(filled: Store) -> None:
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        filled.quotes(since="March 2024")
    with pytest.raises(StoreError, match="unknown quote kind"):
        filled.quotes(kind="shouted")
    with pytest.raises(StoreError, match="limit"):
        filled.quotes(limit=-1)
    with pytest.raises(StoreError, match="offset"):
        filled.quotes(offset=-1)
    with pytest.raises(StoreError, match="YYYY-MM-DD"):
        filled.articles(until="yesterday")


def test_outlet_filter(filled: Store) -> None:
    # Exact outlet, ignoring case: "Daily Bugle" and "daily bugle" are one outlet.
    assert {r.article_id for r in filled.quotes(outlet="DAILY BUGLE")} == {
        corpus()[0].id,
        corpus()[2].id,
    }
    assert contents(filled.quotes(outlet="The Clarion", kind="direct")) == [
        "The budget is balanced,"
    ]
    assert list(filled.quotes(outlet="Clarion")) == []


def test_kind_limit_offset(filled: Store) -> None:
    assert len(list(filled.quotes(kind="direct"))) == 3
    assert len(list(filled.quotes(kind="indirect"))) == 2
    all_rows = list(filled.quotes())
    assert list(filled.quotes(limit=2)) == all_rows[:2]
    assert list(filled.quotes(limit=2, offset=2)) == all_rows[2:4]
    assert list(filled.quotes(offset=4)) == all_rows[4:]
    assert list(filled.quotes(limit=0)) == []


def test_combined_filters(filled: Store) -> None:
    rows = list(
        filled.quotes(
            speaker="ruiz",
            text="ready",
            since="2024-03-01",
            until="2024-03-01",
            outlet="daily bugle",
            kind="direct",
        )
    )
    assert contents(rows) == ["We are ready,"]


def test_articles_listing(filled: Store) -> None:
    arts = list(filled.articles())
    assert [a.date.isoformat() if a.date else None for a in arts] == [
        None,
        "2024-03-01",
        "2024-03-02",
        "2024-03-03",
    ]
    by_id = {a.id: a for a in corpus()}
    for a in arts:
        assert a == by_id[a.id].article
    assert [a.text for a in filled.articles(outlet="daily bugle")] == [T1, T3]
    assert [a.text for a in filled.articles(since="2024-03-02")] == [T2, T3]
    assert [a.text for a in filled.articles(until=dt.date(2024, 3, 1))] == [T1]
    assert len(list(filled.articles(limit=2))) == 2


def test_search_articles(filled: Store) -> None:
    hits = list(filled.search_articles("budget"))
    assert [i for i, _ in hits] == [corpus()[1].id]
    assert "«budget»" in hits[0][1]
    assert [i for i, _ in filled.search_articles("rival")] == [corpus()[2].id]  # title
    assert {i for i, _ in filled.search_articles("said")} == {
        corpus()[0].id,
        corpus()[1].id,
        corpus()[2].id,
    }
    assert len(list(filled.search_articles("said", limit=1))) == 1
    assert list(filled.search_articles("")) == []
    assert [i for i, _ in filled.search_articles("weath*")] == [corpus()[3].id]


def test_stats(filled: Store) -> None:
    st = filled.stats()
    assert (st.articles, st.quotes, st.speakers, st.outlets) == (4, 5, 3, 2)
    assert (st.first_date, st.last_date) == ("2024-03-01", "2024-03-03")
    assert st.by_kind == {"direct": 3, "indirect": 2}
    assert st.top_speakers == [("Ana Ruiz", 2), ("Tom Baker", 2), ("Joe Park", 1)]
    # Outlets, like speakers, are one outlet whatever their case ("daily bugle").
    assert st.by_outlet == [("Daily Bugle", 2, 3), ("The Clarion", 1, 2), (None, 1, 0)]
    assert st.pipelines == {"test-1": 4}
    d = st.to_dict()
    assert d["top_speakers"][0] == {"name": "Ana Ruiz", "quotes": 2}
    assert {"outlet": None, "articles": 1, "quotes": 0} in d["by_outlet"]
    filled.add(corpus(pipeline="test-2")[:1])
    assert filled.stats().pipelines == {"test-1": 3, "test-2": 1}


def test_stats_empty(store: Store) -> None:
    st = store.stats()
    assert (st.articles, st.quotes, st.speakers, st.outlets) == (0, 0, 0, 0)
    assert (st.first_date, st.last_date) == (None, None)
    assert st.by_kind == {} and st.top_speakers == [] and st.by_outlet == []


def test_speakers_counted_ignoring_case(store: Store) -> None:
    t = 'ANA RUIZ said "yes". Ana Ruiz said "no".'
    store.add(
        [analysis(t, [quote(t, "yes", speaker="ANA RUIZ"), quote(t, "no", speaker="Ana Ruiz")])]
    )
    st = store.stats()
    assert st.speakers == 1
    assert st.top_speakers == [("ANA RUIZ", 2)]


def test_iterators_are_lazy_and_safe_with_writes(filled: Store) -> None:
    it = filled.quotes()
    first = next(it)
    filled.add(corpus(pipeline="test-2")[2:3])  # write while a read is open
    rest = list(it)
    assert first.idx == 0 and len(rest) >= 3


def test_t2_spans_are_sane() -> None:
    a = corpus()[1]
    assert a.quotes[1].content_text(T2) == "The budget is balanced,"

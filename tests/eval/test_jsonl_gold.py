"""JSONL gold (``samples/gold.jsonl``-style) and the speaker name accuracy it enables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from saywho.errors import EvalError
from saywho.eval import (
    GoldDoc,
    GoldQuote,
    evaluate,
    jsonl_gold_name,
    read_jsonl_gold,
    same_name,
)
from saywho.model.span import Quote, Span, Speaker

from .helpers import find

KREMLIN = (
    " date 2024-03-18 Kremlin comments\n\n"
    "The talks were useful, Peskov said. He said the date was not set.\n\n"
    '"We will see," Kremlin spokesman Dmitry Peskov said.\n'
)
BODY = KREMLIN.split("\n", 2)[2]
UN = " date 2024-03-19 UN chief\n\n“Peace is possible,” António Guterres said.\n"


def write(tmp_path: Path, records: list[dict[str, Any]], articles: dict[str, str]) -> Path:
    """``articles`` (path relative to the gold file -> contents) and ``records`` as JSONL."""
    root = tmp_path / "samples"
    root.mkdir(parents=True, exist_ok=True)
    for rel, text in articles.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    gold = root / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return gold


def rec(
    file: str, content: str, cue: str | None, mention: str | None, speaker: str, **kw: Any
) -> dict[str, Any]:
    return {
        "file": file,
        "kind": "indirect",
        "content": content,
        "cue": cue,
        "speaker_mention": mention,
        "speaker": speaker,
        **kw,
    }


K = "articles/herald/2024-03-18-kremlin.txt"
U = "articles/ledger/2024-03-19-un.txt"
RECORDS = [
    rec(
        K,
        "The talks were useful",
        "said",
        "Peskov",
        "Dmitry Peskov",
        cue_occurrence=0,
        speaker_mention_occurrence=0,
    ),
    rec(K, "the date was not set", "said", "He", "Dmitry Peskov", cue_occurrence=1),
    rec(
        K,
        "We will see,",
        "said",
        "Kremlin spokesman Dmitry Peskov",
        "Dmitry Peskov",
        cue_occurrence=2,
    ),
]


def test_reads_docs_sorted_by_file_with_body_text(tmp_path: Path) -> None:
    records = [rec(U, "Peace is possible,", "said", "António Guterres", "António Guterres")]
    gold = write(tmp_path, records + RECORDS, {K: KREMLIN, U: UN})
    docs = list(read_jsonl_gold(gold))
    assert [d.doc_id for d in docs] == [K, U]
    kremlin = docs[0]
    assert kremlin.text == BODY  # the body as saywho.ingest reads it: no header
    assert len(kremlin.quotes) == 3
    first = kremlin.quotes[0]
    assert first == GoldQuote(
        content=(find(BODY, "The talks were useful"),),
        cue=find(BODY, "said"),
        source=(find(BODY, "Peskov"),),
        speaker="Dmitry Peskov",
    )
    assert docs[1].quotes[0].speaker == "António Guterres"


def test_occurrences_pick_the_nth_match(tmp_path: Path) -> None:
    docs = list(read_jsonl_gold(write(tmp_path, RECORDS, {K: KREMLIN})))
    q = docs[0].quotes
    assert q[1].cue == find(BODY, "said", 1)
    assert q[2].cue == find(BODY, "said", 2)
    # "Peskov" occurs twice; occurrence 0 is the first one.
    assert q[0].source == (find(BODY, "Peskov", 0),)
    assert q[2].source == (find(BODY, "Kremlin spokesman Dmitry Peskov"),)
    assert q[1].source == (find(BODY, "He"),)


def test_occurrences_count_overlapping_matches(tmp_path: Path) -> None:
    text = " date 2024-01-01 T\n\nSay aaa, said Ann. Ann said aa.\n"
    body = text.split("\n", 2)[2]
    records = [
        rec("a.txt", "aa", None, "Ann", "Ann Lee", occurrence=1, speaker_mention_occurrence=1)
    ]
    quote = next(read_jsonl_gold(write(tmp_path, records, {"a.txt": text}))).quotes[0]
    assert quote.content == (Span(5, 7),)  # "aaa" holds matches 0 and 1, at 4 and 5
    assert body.count("aa") == 2  # which str.count, not overlapping, would not see
    assert quote.source == (find(body, "Ann", 1),)
    assert quote.cue is None


def test_null_cue_and_mention(tmp_path: Path) -> None:
    records = [rec(U, "Peace is possible,", None, None, "António Guterres")]
    quote = next(read_jsonl_gold(write(tmp_path, records, {U: UN}))).quotes[0]
    assert (quote.cue, quote.source, quote.speaker) == (None, None, "António Guterres")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"content": "The talks were pointless"}, "content 'The talks were pointless' not found"),
        ({"cue_occurrence": None}, "cue 'said' occurs 3 times; say which"),
        ({"cue_occurrence": 3}, "cue 'said' occurrence 3 is out of range"),
        ({"speaker_mention_occurrence": "1"}, "'speaker_mention_occurrence' must be a whole"),
        ({"content": None}, "'content' is missing or null"),
        ({"cue": ""}, "'cue' must be a non-empty string or null"),
        ({"speaker": 7}, "'speaker' must be a name or null"),
    ],
)
def test_errors_name_the_line(tmp_path: Path, change: dict[str, Any], message: str) -> None:
    records = [dict(r) for r in RECORDS]
    records[1].update(change)
    gold = write(tmp_path, records, {K: KREMLIN})
    with pytest.raises(EvalError) as err:
        read_jsonl_gold(gold)
    assert str(err.value).startswith(f"{gold}:2 ({K}): ")
    assert message in str(err.value)


def test_missing_article_and_bad_json(tmp_path: Path) -> None:
    gold = write(tmp_path, RECORDS, {})
    with pytest.raises(EvalError, match=r"gold\.jsonl:1: article file .* not found"):
        read_jsonl_gold(gold)
    gold.write_text(json.dumps(RECORDS[0]) + "\n{oops\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold\.jsonl:2: not valid JSON"):
        read_jsonl_gold(gold)
    gold.write_text('["a list"]\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold\.jsonl:1: expected a JSON object"):
        read_jsonl_gold(gold)


def test_blank_lines_are_skipped_and_line_numbers_kept(tmp_path: Path) -> None:
    gold = write(tmp_path, RECORDS, {K: KREMLIN})
    lines = gold.read_text(encoding="utf-8").split("\n")
    bad = dict(RECORDS[2], cue_occurrence=9)
    gold.write_text("\n".join([lines[0], "", lines[1], json.dumps(bad)]) + "\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"gold\.jsonl:4 "):
        read_jsonl_gold(gold)


def test_name(tmp_path: Path) -> None:
    assert jsonl_gold_name(tmp_path / "samples" / "gold.jsonl") == "samples-gold"


def test_brat_gold_has_no_speaker_names() -> None:
    assert GoldQuote(content=(Span(0, 1),)).speaker is None


# --- speaker name accuracy ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gold", "predicted", "same"),
    [
        ("Vladimir Putin", "Vladimir Putin", True),
        ("Vladimir Putin", "vladimir  PUTIN", True),
        ("António Guterres", "Antonio Guterres", True),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdoğan", True),
        ("Vladimir Putin", "Putin", False),
        ("Vladimir Putin", "Vladimir Putin Jr", False),
        ("Vladimir Putin", None, False),
        ("Kremlin", "Kremlin", True),
    ],
)
def test_same_name(gold: str, predicted: str | None, same: bool) -> None:
    assert same_name(gold, predicted) is same


PESKOV = "sw:person/dmitry-peskov"  # his id in the knowledge files


def _pred(
    text: str, content: str, name: str | None, mention: str | None = None, entity: str | None = None
) -> Quote:
    return Quote(
        kind="indirect",
        content=(find(text, content),),
        speaker=Speaker(mention=find(text, mention) if mention else None, name=name, entity=entity),
    )


def test_speaker_name_accuracy(tmp_path: Path) -> None:
    gold = write(tmp_path, RECORDS, {K: KREMLIN})
    doc = next(read_jsonl_gold(gold))
    t = doc.text
    predicted = [
        _pred(t, "The talks were useful", "Dmitry Peskov", "Peskov", PESKOV),  # right entity
        _pred(t, "the date was not set", "Dmitry Peskov", "He"),  # a known name, unlinked: wrong
        _pred(t, "We will see,", "dmitri peskov", entity=PESKOV),  # right entity, no mention
        _pred(t, "Kremlin spokesman", "Dmitry Peskov"),  # unmatched: not counted
    ]
    report = evaluate([(doc, predicted)], name=jsonl_gold_name(gold))
    assert report.speaker_name() == {"accuracy": pytest.approx(2 / 3), "correct": 2, "total": 3}
    assert report.speaker() == {"accuracy": pytest.approx(1.0), "correct": 3, "total": 3}
    assert report.metrics()["speaker_name_accuracy"] == pytest.approx(2 / 3)
    d = report.to_dict()
    assert d["name"] == "samples-gold"
    assert d["speaker_name"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    assert list(d)[:8] == [
        "name",
        "documents",
        "gold",
        "predicted",
        "overlap",
        "exact",
        "speaker",
        "speaker_name",
    ]
    assert (d["per_doc"][0]["speaker_name_correct"], d["per_doc"][0]["speaker_name_total"]) == (
        2,
        3,
    )
    lines = report.format().splitlines()
    assert lines[-1] == (
        "speaker name accuracy 0.6667 (2/3 matched pairs with a gold speaker name)"
    )


def test_no_speaker_names_no_new_figures() -> None:
    text = "The mayor said the bridge would reopen."
    doc = GoldDoc(
        "d",
        text,
        (GoldQuote(content=(find(text, "the bridge would reopen"),), source=(Span(0, 9),)),),
    )
    report = evaluate([(doc, [_pred(text, "the bridge would reopen", "Mayor Jones")])])
    assert report.speaker_name() == {"accuracy": 0.0, "correct": 0, "total": 0}
    assert "speaker_name_accuracy" not in report.metrics()
    d = report.to_dict()
    assert "speaker_name" not in d and "speaker_name_total" not in d["per_doc"][0]
    assert "speaker name" not in report.format()


def test_unmatched_named_gold_is_not_counted(tmp_path: Path) -> None:
    doc = next(read_jsonl_gold(write(tmp_path, RECORDS, {K: KREMLIN})))
    report = evaluate([(doc, [])])
    assert report.speaker_name()["total"] == 0
    assert "speaker name" not in report.format()

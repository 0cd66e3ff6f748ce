"""Quote-attribution metrics: trimming, overlap/exact matching, speaker and cue figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from saywho.errors import EvalError
from saywho.eval import (
    EvalReport,
    GoldDoc,
    GoldQuote,
    check_floors,
    content_offsets,
    evaluate,
    evaluate_pipeline,
    read_gold,
    trim_span,
)
from saywho.eval.metrics import char_f1, speaker_correct
from saywho.model.span import Quote, Span, Speaker

from .helpers import GOLD_DEV, WriteGold, find, t_line


def q(
    *content: Span, cue: Span | None = None, mention: Span | None = None, name: str | None = None
) -> Quote:
    return Quote(
        kind="direct", content=content, cue=cue, speaker=Speaker(mention=mention, name=name)
    )


def trimmed(text: str, piece: str) -> str:
    return trim_span(text, find(text, piece)).text(text)


# --- trimming ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  “Hello, world.”  ", "Hello, world"),
        ("—(said so)…", "said so"),
        ("``Yes, sir,'' ", "Yes, sir"),
        ("« Oui ! »", "Oui"),
        ("„Ja‟; ‹non›", "Ja‟; ‹non"),
        ("'Tis true?!", "Tis true"),
        ("\n\t-- a, b --\n", "a, b"),
    ],
)
def test_trim_span(text: str, expected: str) -> None:
    assert trim_span(text, Span(0, len(text))).text(text) == expected


def test_trim_span_to_nothing_and_inside_a_longer_text() -> None:
    assert trim_span('x "...!?" y', Span(2, 9)) == Span(9, 9)
    text = 'He said: "We will win." Then he left.'
    assert trimmed(text, ': "We will win." ') == "We will win"
    assert trim_span(text, find(text, ': "We will win." ')) == Span(10, 21)


def test_content_offsets_merge_and_drop_empty_pieces() -> None:
    text = '"abc def" -- "ghi"'
    spans = (Span(0, 5), Span(3, 9), Span(9, 13), Span(13, 18))
    assert content_offsets(text, spans) == ((1, 8), (14, 17))
    assert char_f1(((0, 10),), ((5, 15),)) == 0.5
    assert char_f1((), ((0, 3),)) == 0.0


# --- overlap and exact matching -----------------------------------------------------------------

TEXT = (
    'She said: "We will rebuild the old bridge by May." '
    "The council said the budget is too tight. Later, she left."
)


def gold_doc(text: str, *quotes: GoldQuote, doc_id: str = "d1") -> GoldDoc:
    return GoldDoc(doc_id=doc_id, text=text, quotes=quotes)


def test_exact_vs_overlap() -> None:
    t = TEXT
    doc = gold_doc(
        t,
        GoldQuote(content=(find(t, '"We will rebuild the old bridge by May."'),)),
        GoldQuote(content=(find(t, "the budget is too tight"),)),
    )
    preds = [
        q(find(t, "We will rebuild the old bridge by May.")),  # exact once trimmed
        q(find(t, "budget is too tight")),  # 19 of 23 characters
        q(find(t, "she left")),  # nothing in gold
    ]
    report = evaluate([(doc, preds)])
    assert report.overlap() == pytest.approx(
        {"precision": 2 / 3, "recall": 1.0, "f1": 0.8, "tp": 2, "fp": 1, "fn": 0}
    )
    assert report.exact() == pytest.approx(
        {"precision": 1 / 3, "recall": 0.5, "f1": 0.4, "tp": 1, "fp": 2, "fn": 1}
    )
    assert report.docs[0].matches == ((0, 0, 1.0), (1, 1, pytest.approx(38 / 42)))


def test_overlap_below_half_is_no_match() -> None:
    t = TEXT
    doc = gold_doc(t, GoldQuote(content=(find(t, '"We will rebuild the old bridge by May."'),)))
    report = evaluate([(doc, [q(find(t, "the old bridge"))])])  # F1 = 28/51
    assert report.overlap()["tp"] == 1
    report = evaluate([(doc, [q(find(t, "old bridge"))])])  # F1 = 20/47
    assert (report.overlap()["tp"], report.overlap()["fp"], report.overlap()["fn"]) == (0, 1, 1)


def test_one_to_one_greedy_matching() -> None:
    t = TEXT
    gold = find(t, '"We will rebuild the old bridge by May."')
    doc = gold_doc(t, GoldQuote(content=(gold,)))
    preds = [q(find(t, "We will rebuild the old bridge")), q(gold), q(gold)]
    report = evaluate([(doc, preds)])
    assert (report.overlap()["tp"], report.overlap()["fp"], report.overlap()["fn"]) == (1, 2, 0)
    assert (report.exact()["tp"], report.exact()["fp"], report.exact()["fn"]) == (1, 2, 0)
    assert report.docs[0].matches == ((0, 1, 1.0),)  # the best pair is taken first
    # One long prediction spanning two gold quotes matches only the closer one.
    doc2 = gold_doc(
        t,
        GoldQuote(content=(find(t, "We will rebuild"),)),
        GoldQuote(content=(find(t, "the old bridge by May"),)),
    )
    report = evaluate([(doc2, [q(find(t, "We will rebuild the old bridge by May"))])])
    assert report.docs[0].matches == ((1, 0, pytest.approx(42 / 58)),)
    assert (report.overlap()["tp"], report.overlap()["fn"]) == (1, 1)


def test_discontinuous_content() -> None:
    t = '"We will rebuild," she said, "and we will do it fast."'
    gold = GoldQuote(content=(find(t, '"We will rebuild,"'), find(t, '"and we will do it fast."')))
    doc = gold_doc(t, gold)
    whole = q(Span(0, len(t)))  # 51 trimmed characters, 37 of them gold
    pieces = q(find(t, "We will rebuild"), find(t, "and we will do it fast."))
    assert evaluate([(doc, [whole])]).docs[0].matches == ((0, 0, pytest.approx(74 / 88)),)
    assert evaluate([(doc, [whole])]).exact()["tp"] == 0
    assert evaluate([(doc, [pieces])]).exact()["tp"] == 1


# --- speakers and cues ----------------------------------------------------------------------------

SPK = (
    "Donald Trump said the wall will be built. His campaign manager said polls are wrong. "
    "Trump's aides said it was fake. Officials said nothing changed."
)


def spk_gold(t: str, content: str, source: str | None) -> GoldQuote:
    return GoldQuote(
        content=(find(t, content),), cue=None, source=(find(t, source),) if source else None
    )


@pytest.mark.parametrize(
    ("source", "mention", "name", "correct"),
    [
        ("Donald Trump", "Trump", None, True),  # mention overlaps the source
        ("Donald Trump", "Officials", None, False),
        ("Donald Trump", None, "DONALD TRUMP", True),  # surname, any case
        ("Trump's aides", None, "Donald J. Trump", True),  # "Trump" in "Trump's aides"
        ("Trump", None, "Donald Trump's", True),  # trailing 's dropped from the name
        ("Trump", None, "Donald Trumpet", False),  # whole words only
        ("His campaign manager", None, "Kellyanne Conway", False),
        ("His campaign manager", None, None, False),
        ("Donald Trump", None, "Donald Trump Jr.", True),
    ],
)
def test_speaker_rules(source: str, mention: str | None, name: str | None, correct: bool) -> None:
    gold = spk_gold(SPK, "the wall will be built", source)
    pred = q(
        find(SPK, "the wall will be built"),
        mention=find(SPK, mention) if mention else None,
        name=name,
    )
    assert speaker_correct(SPK, gold, pred) is correct


def test_speaker_and_cue_counts_on_matched_pairs() -> None:
    t = SPK
    said = [find(t, "said", i) for i in range(4)]
    gold = (
        GoldQuote(
            content=(find(t, "the wall will be built"),),
            cue=said[0],
            source=(find(t, "Donald Trump"),),
        ),
        GoldQuote(
            content=(find(t, "polls are wrong"),),
            cue=said[1],
            source=(find(t, "His campaign manager"),),
        ),
        GoldQuote(
            content=(find(t, "it was fake"),), cue=said[2], source=(find(t, "Trump's aides"),)
        ),
        GoldQuote(content=(find(t, "nothing changed"),), cue=None, source=None),
    )
    preds = [
        q(find(t, "the wall will be built"), cue=said[0], mention=find(t, "Trump")),  # both right
        q(find(t, "polls are wrong"), cue=said[0], name="Kellyanne Conway"),  # both wrong
        q(find(t, "it was fake"), cue=None, name="Trump"),  # speaker right, cue missed
        q(find(t, "nothing changed"), cue=said[3], name="Nobody"),  # no gold source or cue
        q(find(t, "Officials"), cue=said[3], name="Trump"),  # unmatched: not counted
    ]
    report = evaluate([(gold_doc(t, *gold), preds)])
    assert report.speaker() == pytest.approx({"accuracy": 2 / 3, "correct": 2, "total": 3})
    assert report.cue() == pytest.approx(
        {
            "precision": 1 / 3,
            "recall": 1 / 3,
            "f1": 1 / 3,
            "tp": 1,
            "fp": 2,
            "fn": 2,
            "accuracy": 1 / 3,
            "total": 3,
        }
    )
    d = report.to_dict()
    assert d["speaker"] == {"accuracy": 0.6667, "correct": 2, "total": 3}
    assert d["overlap"] == {
        "precision": 0.8,
        "recall": 1.0,
        "f1": 0.8889,
        "tp": 4,
        "fp": 1,
        "fn": 0,
    }
    assert d["cue"]["f1"] == 0.3333
    assert (d["documents"], d["gold"], d["predicted"]) == (1, 4, 5)
    assert d["per_doc"][0]["speaker_correct"] == 2
    assert d["per_doc"][0]["matches"] == [[0, 0, 1.0], [1, 1, 1.0], [2, 2, 1.0], [3, 3, 1.0]]
    json.dumps(d)
    assert report.metrics()["speaker_accuracy"] == pytest.approx(2 / 3)


def test_format_is_an_aligned_table() -> None:
    t = TEXT
    doc = gold_doc(t, GoldQuote(content=(find(t, "the budget is too tight"),)))
    out = evaluate([(doc, [q(find(t, "the budget is too tight"))])], name="tiny").format()
    lines = out.splitlines()
    assert lines[0] == "tiny: 1 documents, 1 gold quotes, 1 predicted"
    assert lines[1].split() == ["precision", "recall", "f1", "tp", "fp", "fn"]
    assert lines[2].split() == ["overlap", "1.0000", "1.0000", "1.0000", "1", "0", "0"]
    assert len({len(line) for line in lines[1:5]}) == 1
    assert lines[5].startswith("speaker accuracy 0.0000 (0/0")


def test_empty_report() -> None:
    report = evaluate([])
    assert report.to_dict()["overlap"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 0,
        "fn": 0,
    }


# --- the pipeline runner and floors ---------------------------------------------------------------


def test_evaluate_pipeline_and_floors(write_gold: WriteGold, tmp_path: Path) -> None:
    t = "The mayor said the bridge would reopen in May. Critics said it would not."
    ann = "\n".join(
        [
            t_line("T1", "Source", t, find(t, "The mayor")),
            t_line("T2", "Cue", t, find(t, "said")),
            t_line("T3", "Content", t, find(t, "the bridge would reopen in May")),
            t_line("T4", "Attribution", t, find(t, "said")),
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            t_line("T5", "Source", t, find(t, "Critics")),
            t_line("T6", "Content", t, find(t, "it would not")),
            t_line("T7", "Attribution", t, find(t, "said", 1)),
            "E2\tAttribution:T7 Content:T6 Source:T5",
        ]
    )
    root = write_gold({"a_doc": (t, {"x": ann}), "b_doc": (t, {"x": ann})})
    seen: list[str] = []

    def analyze(text: str) -> list[Quote]:
        seen.append(text)
        return [
            q(
                find(text, "the bridge would reopen in May."),
                cue=find(text, "said"),
                name="Mayor Jones",
            )
        ]

    report = evaluate_pipeline(root, analyze, limit=1)
    assert seen == [t]
    assert report.name == "polnear-dev"
    assert [d.doc_id for d in report.docs] == ["a_doc"]
    assert report.metrics() == pytest.approx(
        {
            "overlap_precision": 1.0,
            "overlap_recall": 0.5,
            "overlap_f1": 2 / 3,
            "exact_precision": 1.0,
            "exact_recall": 0.5,
            "exact_f1": 2 / 3,
            "cue_precision": 1.0,
            "cue_recall": 1.0,
            "cue_f1": 1.0,
            "cue_accuracy": 1.0,
            "speaker_accuracy": 0.0,
        }
    )
    assert len(evaluate_pipeline(root, analyze).docs) == 2

    floors = tmp_path / "floors.json"
    floors.write_text(
        json.dumps(
            {
                "polnear-dev": {"overlap_f1": 0.6, "exact_f1": 0.7, "speaker_accuracy": 0.85},
                "other": {"overlap_f1": 0.1},
            }
        ),
        encoding="utf-8",
    )
    assert check_floors(report, floors) == [
        "polnear-dev: exact_f1 0.6667 is below its floor 0.7000",
        "polnear-dev: speaker_accuracy 0.0000 is below its floor 0.8500",
    ]
    assert check_floors(report, floors, dataset="other") == []
    with pytest.raises(EvalError, match="no floors for 'missing'"):
        check_floors(report, floors, dataset="missing")
    floors.write_text('{"x": {"overlap_f2": 0.5}}', encoding="utf-8")
    with pytest.raises(EvalError, match="unknown metric 'overlap_f2'"):
        check_floors(EvalReport(docs=()), floors)  # one entry: applies to an unnamed report
    floors.write_text('{"x": {"overlap_f1": "high"}}', encoding="utf-8")
    with pytest.raises(EvalError, match="should be a number"):
        check_floors(report, floors, dataset="x")
    floors.write_text("{", encoding="utf-8")
    with pytest.raises(EvalError, match="not valid JSON"):
        check_floors(report, floors)


# --- the real dev gold ------------------------------------------------------------------------------


@pytest.mark.gold
@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="PolNeAR dev gold not available")
def test_perfect_predictor_on_polnear_dev() -> None:
    pairs = [
        (
            doc,
            [
                Quote(
                    kind="indirect",
                    content=g.content,
                    cue=g.cue,
                    speaker=Speaker(mention=g.source[0] if g.source else None),
                )
                for g in doc.quotes
            ],
        )
        for doc in read_gold(GOLD_DEV)
    ]
    report = evaluate(pairs, name="polnear-dev")
    figures = report.metrics()
    assert figures["overlap_f1"] == 1.0
    assert figures["exact_f1"] == 1.0
    assert figures["speaker_accuracy"] == 1.0
    assert (len(report.docs), report.n_gold, report.speaker()["total"]) == (84, 2192, 2066)


def test_floors_of_a_report_given_as_figures(tmp_path: Path) -> None:
    """The rhetoric evaluations report plain dicts: their numbers are checked the same way."""
    floors = tmp_path / "floors.json"
    floors.write_text('{"ptc-dev": {"tc_micro_f1": 0.6, "si_f1": 0.3}}', encoding="utf-8")
    figures = {"tc_micro_f1": 0.5972, "si_f1": 0.341, "speaker": [9, 9], "n": 1075}
    assert check_floors(figures, floors, dataset="ptc-dev") == [
        "ptc-dev: tc_micro_f1 0.5972 is below its floor 0.6000"
    ]
    with pytest.raises(EvalError, match="unknown metric 'si_f1'"):
        check_floors({"tc_micro_f1": 0.7}, floors, dataset="ptc-dev")

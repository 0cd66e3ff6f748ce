"""Reading PolNeAR-style brat gold: layout, T/E lines, first-annotator rule, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from saywho.errors import EvalError
from saywho.eval import GoldDoc, GoldQuote, offset_agreement, parse_ann, read_gold
from saywho.model.span import Span

from .helpers import GOLD_DEV, WriteGold, find, t_line

TEXT = (
    "The mayor said the bridge would reopen in May. "
    '"We are not there yet," Ms. Ortiz told reporters, adding that crews needed "two more weeks". '
    "Delays are expected, it was reported. Residents shrugged."
)


def mayor_ann() -> str:
    t = TEXT
    lines = [
        t_line("T1", "Source", t, find(t, "The mayor")),
        t_line("T2", "Cue", t, find(t, "said")),
        t_line("T3", "Content", t, find(t, "the bridge would reopen in May")),
        t_line("T4", "Attribution", t, find(t, "said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        t_line(
            "T5",
            "Content",
            t,
            find(t, '"We are not there yet,"'),
            find(t, 'crews needed "two more weeks"'),
        ),
        t_line("T6", "Source", t, find(t, "Ms. Ortiz")),
        t_line("T7", "Cue", t, find(t, "told reporters")),
        t_line("T8", "Attribution", t, find(t, "told")),
        "E2\tAttribution:T8 Cue:T7 Source:T6 Content:T5",
        t_line("T9", "Content", t, find(t, "Delays are expected")),
        t_line("T10", "Cue", t, find(t, "it was reported")),
        t_line("T11", "Attribution-no-source", t, find(t, "reported")),
        "E3\tAttribution-no-source:T11 Content:T9 Cue:T10",
        t_line("T12", "Attribution-no-source", t, find(t, "shrugged")),
        "E4\tAttribution-no-source:T12 ",
        t_line("T13", "Discuss", t, find(t, "Residents shrugged")),
        "#1\tAnnotatorNotes T13\tIs shrugging an attribution?",
    ]
    return "\n".join(lines) + "\n"


def test_reads_quotes_cues_sources_and_discontinuous_content(write_gold: WriteGold) -> None:
    root = write_gold({"metro_2016-05-01_bridge-delay": (TEXT, {"4e07": mayor_ann()})})
    [doc] = list(read_gold(root))
    t = TEXT
    assert doc == GoldDoc(
        doc_id="metro_2016-05-01_bridge-delay",
        date=dt.date(2016, 5, 1),  # from the id
        text=TEXT,
        quotes=(
            GoldQuote(content=(Span(15, 45),), cue=Span(10, 14), source=(Span(0, 9),)),
            GoldQuote(
                content=(
                    find(t, '"We are not there yet,"'),
                    find(t, 'crews needed "two more weeks"'),
                ),
                cue=find(t, "told reporters"),
                source=(find(t, "Ms. Ortiz"),),
            ),
            GoldQuote(
                content=(find(t, "Delays are expected"),),
                cue=find(t, "it was reported"),
                source=None,
            ),
        ),
    )
    assert doc.quotes[1].content == (Span(47, 70), Span(109, 138))


def test_first_annotator_file_per_article_and_doc_order(write_gold: WriteGold) -> None:
    t = TEXT
    one = "\n".join(
        [
            t_line("T1", "Content", t, find(t, "the bridge would reopen in May")),
            t_line("T2", "Attribution", t, find(t, "said")),
            "E1\tAttribution:T2 Content:T1",
        ]
    )
    root = write_gold(
        {
            "wash-post_2016-06-02_zeta": (TEXT, {"b7c1": mayor_ann(), "4e07": one}),
            "nyt_2016-06-01_alpha": (TEXT, {"ef2d": mayor_ann()}),
            "nyt_2016-06-03_unannotated": (TEXT, {}),
        }
    )
    docs = list(read_gold(root))
    assert [d.doc_id for d in docs] == ["nyt_2016-06-01_alpha", "wash-post_2016-06-02_zeta"]
    assert [len(d.quotes) for d in docs] == [3, 1]
    assert docs[1].quotes == (GoldQuote(content=(Span(15, 45),), cue=None, source=None),)


def test_numbered_roles_and_discontinuous_source_are_merged() -> None:
    t = "Flynn, a top surrogate, said it was fine and said it was over."
    ann = "\n".join(
        [
            t_line("T1", "Source", t, find(t, "Flynn"), find(t, "a top surrogate")),
            t_line("T2", "Cue", t, find(t, "said")),
            t_line("T3", "Content", t, find(t, "it was over")),
            t_line("T4", "Content", t, find(t, "it was fine")),
            t_line("T5", "Attribution", t, find(t, "said")),
            "E1\tAttribution:T5 Content:T3 Cue:T2 Source:T1 Content2:T4",
        ]
    )
    [q] = parse_ann(ann, text=t)
    assert q.content == (Span(29, 40), Span(50, 61))
    assert q.source == (Span(0, 5), Span(7, 22))
    assert q.cue == Span(24, 28)


def test_covered_text_with_line_breaks_runs_on(write_gold: WriteGold) -> None:
    t = 'She said:\n\n"We will rebuild.\n\nWe will not wait," and left.\r\nThe end.'
    content = find(t, '"We will rebuild.\n\nWe will not wait,"')
    ann = (
        "\n".join(
            [
                t_line("T1", "Source", t, find(t, "She")),
                t_line("T2", "Cue", t, find(t, "said")),
                t_line("T3", "Content", t, content),
                t_line("T4", "Attribution", t, find(t, "said")),
                "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            ]
        )
        + "\n"
    )
    assert ann.count("\n") == 7  # the covered text of T3 spans three lines
    root = write_gold({"doc_crlf": (t, {"a1": ann})})
    [doc] = list(read_gold(root))
    assert doc.text == t  # no newline translation: \r\n stays two characters
    assert doc.quotes[0].content == (Span(11, 48),)
    assert doc.quotes[0].source == (Span(0, 3),)
    assert offset_agreement(root) == (4, 4)


def test_malformed_offsets_name_file_and_line(write_gold: WriteGold) -> None:
    ann = "T1\tSource 0 9\tThe mayor\nT2\tCue 10 x\tsaid\n"
    root = write_gold({"doc_bad": (TEXT, {"a1": ann})})
    path = root / "attributions" / "doc_bad_a1.ann"
    with pytest.raises(EvalError, match="malformed span offsets") as info:
        list(read_gold(root))
    assert f"{path}:2:" in str(info.value)


def test_stray_line_and_unknown_reference_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"x\.ann:2: malformed line 'not brat at all'"):
        parse_ann("T1\tSource 0 9\tThe mayor\nnot brat at all\n", path="x.ann")
    with pytest.raises(EvalError, match=r"x\.ann:2: .*unknown span T9"):
        parse_ann("T1\tSource 0 9\tThe mayor\nE1\tAttribution:T9 Source:T1\n", path="x.ann")
    with pytest.raises(EvalError, match=r"x\.ann:1: .*outside the text \(length 5\)"):
        parse_ann("T1\tSource 0 9\tThe mayor\n", path="x.ann", text="short")


def test_missing_folders_fail_at_once(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    with pytest.raises(
        EvalError,
        match="is not a PolNeAR-style gold folder: expected "
        r"text/\*\.txt and attributions/\*\.ann \(no attributions/ folder",
    ):
        read_gold(tmp_path)  # raised before iteration starts
    with pytest.raises(EvalError, match=r"no text/ folder"):
        read_gold(tmp_path / "missing")


def test_annotation_without_text_file(write_gold: WriteGold) -> None:
    root = write_gold({})
    (root / "attributions" / "orphan_a1.ann").write_text("", encoding="utf-8")
    with pytest.raises(EvalError, match=r"orphan_a1\.ann: no matching text file"):
        list(read_gold(root))


@pytest.mark.gold
@pytest.mark.skipif(not GOLD_DEV.is_dir(), reason="PolNeAR dev gold not available")
def test_polnear_dev_counts() -> None:
    docs = list(read_gold(GOLD_DEV))
    assert len(docs) == 84
    assert sum(len(d.quotes) for d in docs) == 2192
    assert sum(1 for d in docs for q in d.quotes if q.source is None) == 126
    assert offset_agreement(GOLD_DEV) == (8601, 8601)

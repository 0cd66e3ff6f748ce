"""The canonical-speaker scorer: reading its gold and deciding what counts as the same entity."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from saywho.errors import EvalError
from saywho.eval.speakers import evaluate_speakers, read_speaker_gold, same_entity
from saywho.model import Speaker

if TYPE_CHECKING:
    from saywho.pipeline.pipeline import Pipeline


@pytest.mark.parametrize(
    ("gold", "speaker", "ok"),
    [
        ("Volodymyr Zelensky", Speaker(name="Volodymyr Zelenskyy", entity="Q3881980"), True),
        ("Volodymyr Zelensky", Speaker(name="Volodymyr Zelensky", entity=None), True),
        (
            "Volodymyr Zelensky",
            Speaker(name="Olena Zelenska", entity="sw:person/olena-zelenska"),
            False,
        ),
        ("Loretta E. Lynch", Speaker(name="Loretta Lynch", entity="auto:person/x"), True),
        ("Obama", Speaker(name="Barack Obama", entity="Q76"), True),
        ("Lester Holt", Speaker(name="Holt", entity=None), False),
        ("Trump campaign", Speaker(name="the Trump campaign", entity=None), True),
        ("Anna Ferreira", Speaker(name=None, entity=None), False),
    ],
)
def test_same_entity(gold: str, speaker: Speaker, ok: bool) -> None:
    assert same_entity(gold, speaker) is ok


def test_bad_line_is_named(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text(
        '{"doc": "a", "source": [[0, 3]], "name": "X", "type": "PERSON", "how": "name"}\n{"doc": 1}\n'
    )
    with pytest.raises(EvalError, match=r"g\.jsonl:2"):
        read_speaker_gold(p)


def test_scores_gold_spans_in_text_order(tmp_path: Path, pipeline: Pipeline) -> None:
    texts = tmp_path / "text"
    texts.mkdir()
    body = (
        "Kremlin spokesman Dmitri Peskov said the talks were useful. "
        "He added that officials would meet again.\n"
    )
    (texts / "wire_2024-05-01_talks.txt").write_text(body, encoding="utf-8")

    def rec(words: str, name: str | None, how: str) -> str:
        s = body.index(words)
        typ = "PERSON" if name else "VAGUE"
        n = "null" if name is None else f'"{name}"'
        return f'{{"doc": "wire_2024-05-01_talks", "source": [[{s}, {s + len(words)}]], "name": {n}, "type": "{typ}", "how": "{how}"}}'

    gold = tmp_path / "g.jsonl"
    gold.write_text(
        "\n".join(
            [
                rec("Kremlin spokesman Dmitri Peskov", "Dmitry Peskov", "name"),
                rec("He", "Dmitry Peskov", "pronoun"),
                rec("officials", None, "vague"),
            ]
        )
        + "\n"
    )
    report = evaluate_speakers(pipeline, gold, texts)
    assert (report.correct["all"], report.total["all"], report.vague) == (2, 2, 1)
    assert report.to_dict()["by"]["how:pronoun"]["accuracy"] == 1.0

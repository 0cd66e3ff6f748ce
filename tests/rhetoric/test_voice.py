"""Voices: the outlet's narration versus the quotes and their speakers."""

from __future__ import annotations

from saywho.model import Quote, Span, Speaker
from saywho.pipeline.voice import Voices

TEXT = 'Officials met on Monday. "We will never give up," Anna Berg said. Talks go on.'


def _quote() -> Quote:
    start = TEXT.index('"We')
    end = TEXT.index(" Anna")
    return Quote(
        kind="direct",
        content=(Span(start, end),),
        cue=None,
        speaker=Speaker(name="Anna Berg", entity="auto:anna-berg"),
    )


def test_pieces_split_narration_and_quote() -> None:
    pieces = list(Voices([_quote()]).pieces(0, len(TEXT)))
    assert [p.voice for p in pieces] == ["outlet", "quote:0", "outlet"]
    assert pieces[1].speaker == "Anna Berg"
    assert TEXT[pieces[1].start : pieces[1].end] == '"We will never give up,"'


def test_at_takes_the_voice_covering_most() -> None:
    voices = Voices([_quote()])
    sentence = (TEXT.index('"We'), TEXT.index("Talks") - 1)
    piece = voices.at(*sentence)
    assert piece.to_dict() == {
        "voice": "quote:0",
        "quote": 0,
        "speaker": "Anna Berg",
        "entity": "auto:anna-berg",
    }
    assert voices.at(0, 24).to_dict()["speaker"] == "outlet"

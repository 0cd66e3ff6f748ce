"""The marker words the technique classifier reads (``span_text_features``), on articles written
for these tests."""

from __future__ import annotations

from saywho.pipeline.techniques import span_text_features

ARTICLE = (
    "Open borders now.\n\n"
    "The mayor called the plan a disgrace.\n"
    "Critics say the border plan is a DISGRACE and Open Borders Now is a slogan.\n"
    "Nobody trusts the bureaucrats.\n"
)


def _marks(span: str, article: str = ARTICLE, start: int | None = None) -> set[str]:
    text = span_text_features(span, article, start)
    assert text.startswith(span + " ")
    return set(text[len(span) + 1 :].split())


def test_repetition_counts_whole_words_only() -> None:
    # "disgrace" stands twice as a word; "border" also sits inside "borders" but counts once
    assert "zzrep2" in _marks("disgrace")
    assert "zzrep1" in _marks("border plan")
    assert "zzrep2" in _marks("open borders now")


def test_repetition_before_and_after_the_span() -> None:
    first = ARTICLE.index("disgrace")
    second = ARTICLE.lower().index("disgrace", first + 1)
    assert {"zzrepafter"} <= _marks("disgrace", start=first)
    assert "zzrepbefore" not in _marks("disgrace", start=first)
    assert {"zzrepbefore"} <= _marks("DISGRACE", start=second)
    assert "zzrepafter" not in _marks("DISGRACE", start=second)
    # without an offset neither marker is given
    assert not {"zzrepbefore", "zzrepafter"} & _marks("disgrace")


def test_rarest_long_word_count() -> None:
    # "bureaucrats" occurs once; "plan" twice: the marker holds the smallest count
    assert "zzwrep1" in _marks("the plan bureaucrats")
    assert "zzwrep2" in _marks("the plan")
    # no word longer than three letters: no marker
    assert not any(m.startswith("zzwrep") for m in _marks("a no"))


def test_capitals_length_and_punctuation() -> None:
    assert {"zzupper", "zzcapsword", "zzlen1"} <= _marks("DISGRACE")
    assert "zzcapsword" in _marks("is a DISGRACE")
    assert "zzupper" not in _marks("is a DISGRACE")
    assert "zztitle" in _marks("Open Borders Now")
    assert "zztitle" not in _marks("Open borders now")
    assert "zztitle" not in _marks("Open")
    assert {"zzexcl", "zzquoted", "zzlen3"} <= _marks("“Lock them up!”")
    assert "zzquest" in _marks("who pays?")
    assert "zzlen17" in _marks(" ".join(["word"] * 20))

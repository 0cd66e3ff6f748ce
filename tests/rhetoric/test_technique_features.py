"""The marker words the technique classifier reads (``span_text_features``), on articles written
for these tests."""

from __future__ import annotations

from pathlib import Path

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


WORDS = ["disgrace", "shame", "outrage", "table", "chair", "sofa", "Disgrace", "!", "42"]


def test_word_classes_put_alike_words_together_and_survive_a_round_trip(tmp_path: Path) -> None:
    from saywho.pipeline.techniques import WordClusters, clusters_path

    clusters = WordClusters.fit(WORDS, sizes=(2, 3))
    tags = clusters.tags(["Shame", "sofa", "disgrace", "!", "42"])
    assert set(tags) == {"shame", "sofa", "disgrace"}  # lower-cased; no letter, no class
    assert [t.split("=")[0] for t in tags["shame"]] == ["c2", "c3"]
    # the words of one kind share their coarse class, and the two kinds differ
    assert tags["shame"][0] == tags["disgrace"][0] != tags["sofa"][0]
    path = clusters_path(tmp_path / "spans.crfsuite")
    assert path.name == "spans.clusters.npz"
    clusters.save(path)
    assert WordClusters.load(path).tags(["shame", "sofa"]) == clusters.tags(["shame", "sofa"])


def test_span_features_carry_the_classes_of_a_word_and_its_neighbours() -> None:
    from collections import Counter

    from saywho.pipeline.techniques import span_features

    words = ["a", "total", "disgrace"]
    classes = {"a": ["c2=0"], "total": ["c2=1"], "disgrace": ["c2=1"]}
    plain = span_features(words, Counter(words))
    feats = span_features(words, Counter(words), classes)
    added = set(feats[1]) - set(plain[1])
    assert added == {"-1c2=0", "0c2=1", "1c2=1"}
    assert "1c2=1" not in feats[2]  # no word after the last


def test_the_shipped_span_tagger_loads_its_word_classes() -> None:
    from saywho.pipeline.techniques import CLUSTER_SIZES, TechniqueModel

    model = TechniqueModel.load()
    assert model.clusters is not None
    assert tuple(len(c) for c in model.clusters.centroids) == CLUSTER_SIZES
    spans = model.find_spans("They are traitors and thugs!", [(0, 28)])
    assert spans and all(0 <= s < e <= 28 for s, e, _ in spans)

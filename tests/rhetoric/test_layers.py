"""The rhetoric layers in a full analysis, on an article written for this test."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ..conftest import Analyze

pytestmark = pytest.mark.slow

ARTICLE = (
    "Officials in Vilnius met on Monday to discuss the new border fence.\n\n"
    '"If Lithuania blocks the transit, we will strike back with everything we have," '
    "Colonel Pavel Rudenko said on state television.\n\n"
    "Unemployment in the country fell to 4.1 percent in 2023, down from 6.5 percent a year "
    "earlier, according to the statistics office.\n\n"
    '"These corrupt traitors have sold our glorious nation to foreign masters," Rudenko said.\n'
)


@pytest.fixture(scope="module")
def layers(analyze_rhetoric: Analyze) -> dict[str, list[dict[str, object]]]:
    data = analyze_rhetoric(ARTICLE).to_dict()
    assert {"claims", "narratives", "threats", "techniques"} <= set(data)
    return data


def test_threat_belongs_to_the_quoted_speaker(layers: dict[str, list[dict[str, object]]]) -> None:
    threats = layers["threats"]
    assert len(threats) == 1
    t = threats[0]
    assert t["speaker"] == "Pavel Rudenko"
    assert t["voice"] == f"quote:{t['quote']}"
    assert layers["quotes"][t["quote"]]["speaker"]["name"] == "Pavel Rudenko"  # type: ignore[call-overload,index]
    assert t["target"]["text"] == "Lithuania"  # type: ignore[index]
    assert t["condition"]["text"] == "If Lithuania blocks the transit"  # type: ignore[index]


def test_claims_score_every_sentence_and_name_their_source(
    layers: dict[str, list[dict[str, object]]],
) -> None:
    claims = layers["claims"]
    assert len(claims) == 4
    stats = next(c for c in claims if "Unemployment" in ARTICLE[c["start"] : c["end"]])  # type: ignore[index,misc]
    assert stats["checkworthy"] is True
    # 'X, according to the statistics office.': the office asserts X, not the outlet
    assert stats["source"] == "the statistics office"
    assert stats["voice"] != "outlet"
    for c in claims:
        assert 0.0 <= c["score"] <= 1.0  # type: ignore[operator]
    narration = [c for c in claims if c["voice"] == "outlet"]
    assert narration and all(c["source"] == "outlet" for c in narration)
    quoted = [c for c in claims if c["voice"] != "outlet" and c is not stats]
    assert quoted and all(c["source"] == "Pavel Rudenko" for c in quoted)


def test_techniques_flag_loaded_words_in_the_speakers_voice(
    layers: dict[str, list[dict[str, object]]],
) -> None:
    spans = [t for t in layers["techniques"] if t["level"] == "span"]
    assert spans, "no technique span found"
    rudenko = [t for t in spans if t["speaker"] == "Pavel Rudenko"]
    assert rudenko
    for t in spans:
        assert t["label"] in {
            "Loaded_Language", "Name_Calling,Labeling", "Flag-Waving", "Appeal_to_fear-prejudice",
            "Exaggeration,Minimisation", "Doubt", "Repetition", "Slogans",
            "Appeal_to_Authority", "Black-and-White_Fallacy", "Causal_Oversimplification",
            "Thought-terminating_Cliches", "Whataboutism,Straw_Men,Red_Herring",
            "Bandwagon,Reductio_ad_hitlerum",
        }  # fmt: skip
        assert isinstance(t["evidence"], list)
    sentences = [t for t in layers["techniques"] if t["level"] == "sentence"]
    assert sentences


def test_components_switch_off(pipeline: object) -> None:
    from saywho.model import Article
    from saywho.pipeline.pipeline import Pipeline
    from saywho.pipeline.rhetoric import RhetoricConfig

    p = Pipeline(
        model=pipeline.model,  # type: ignore[attr-defined]
        quote_model=pipeline.quote_model,  # type: ignore[attr-defined]
        nlp=pipeline.nlp,  # type: ignore[attr-defined]
        rhetoric=RhetoricConfig.only(["threats"]),
    )
    data = p.analyze(Article(text=ARTICLE)).to_dict()
    assert "threats" in data and "claims" not in data and "techniques" not in data
    assert "rhetoric.v3[threats]" in data["pipeline"]
    bare = pipeline.analyze(Article(text=ARTICLE)).to_dict()  # type: ignore[attr-defined]
    assert "threats" not in bare


def test_the_minilm_models_are_an_option(pipeline: object) -> None:
    """--rhetoric-encoder minilm: the models for MiniLM vectors, a pipeline version of its own."""
    from saywho.model import Article
    from saywho.pipeline.pipeline import Pipeline
    from saywho.pipeline.rhetoric import RhetoricConfig

    p = Pipeline(
        model=pipeline.model,  # type: ignore[attr-defined]
        quote_model=pipeline.quote_model,  # type: ignore[attr-defined]
        nlp=pipeline.nlp,  # type: ignore[attr-defined]
        rhetoric=RhetoricConfig(encoder="minilm"),
    )
    assert p.rhetoric is not None and p.rhetoric.claims is not None
    assert p.rhetoric.claims.model.encoder == "minilm"
    data = p.analyze(Article(text=ARTICLE)).to_dict()
    assert "[minilm]" in data["pipeline"]
    # the fine-tuned technique networks ship, and come with this encoder
    assert p.rhetoric.techniques is not None and p.rhetoric.techniques.nets is not None
    assert "[nets]" in data["pipeline"]
    stats = next(c for c in data["claims"] if "Unemployment" in ARTICLE[c["start"] : c["end"]])
    assert stats["checkworthy"] is True
    assert [t["speaker"] for t in data["threats"]] == ["Pavel Rudenko"]
    with pytest.raises(ValueError, match="unknown rhetoric encoder"):
        RhetoricConfig(encoder="bert")


def test_worker_processes_send_the_layers_back(rhetoric_pipeline: object) -> None:
    from saywho.model import Article

    arts = [Article(text=ARTICLE), Article(text=ARTICLE + "\nEdition 2.\n")]
    out = list(rhetoric_pipeline.pipe(arts, n_process=2, batch_size=1))  # type: ignore[attr-defined]
    assert [len(a.layers["threats"]) for a in out] == [1, 1]
    assert all("techniques" in a.layers and "claims" in a.layers for a in out)


def test_a_real_analysis_with_every_layer_validates_against_the_schema(
    analyze_rhetoric: Analyze,
) -> None:
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator

    schema_path = Path(__file__).resolve().parents[2] / "docs" / "article.schema.json"
    validator = Draft202012Validator(json.loads(schema_path.read_text(encoding="utf-8")))
    data = analyze_rhetoric(ARTICLE).to_dict()
    assert all(data[k] for k in ("claims", "threats", "techniques"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, errors

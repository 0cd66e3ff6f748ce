"""The data model: spans, quotes, frozen articles, ids, the JSON form and its schema."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from saywho.model import (
    QUOTE_KINDS,
    SCHEMA_VERSION,
    Analysis,
    Article,
    Quote,
    Source,
    Span,
    Speaker,
    article_id,
)

from .strategies import DESCRIBED_LAYERS, FIELDS, analyses, articles, spans

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA_PATH = DOCS / "article.schema.json"
DATA_MODEL = DOCS / "data-model.md"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


TEXT = 'Rain is coming, the forecaster said. "Bring an umbrella," she added.'


def _quote(kind: str = "direct", **kw: Any) -> Quote:
    return Quote(kind=kind, content=(Span(37, 57),), **kw)


def _analysis(**kw: Any) -> Analysis:
    return Analysis(article=Article(text=TEXT), **kw)


# -- Span ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (-5, -1), (4, 3), (1, 0)])
def test_span_rejects_negative_or_reversed(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="invalid span"):
        Span(start, end)


@given(st.integers(0, 10**6), st.integers(0, 10**6))
def test_span_accepts_ordered_non_negative(a: int, b: int) -> None:
    s = Span(min(a, b), max(a, b))
    assert len(s) == s.end - s.start >= 0
    assert Span.from_dict(s.to_dict()) == s


@given(st.integers(-(10**6), 10**6), st.integers(-(10**6), 10**6))
def test_span_valid_iff_ordered_and_non_negative(a: int, b: int) -> None:
    if 0 <= a <= b:
        assert Span(a, b).to_dict() == {"start": a, "end": b}
    else:
        with pytest.raises(ValueError):
            Span(a, b)


@given(st.text(max_size=50).flatmap(lambda t: st.tuples(st.just(t), spans(len(t)))))
def test_span_text_is_a_str_slice(pair: tuple[str, Span]) -> None:
    text, s = pair
    assert s.text(text) == text[s.start : s.end]
    assert len(s.text(text)) == len(s)


def test_span_offsets_count_code_points_not_bytes() -> None:
    text = "Café 🎉 «Ja», sagte sie."
    start = text.index("«Ja»")
    assert Span(start, start + 4).text(text) == "«Ja»"


def test_span_overlaps() -> None:
    assert Span(0, 5).overlaps(Span(4, 9))
    assert not Span(0, 5).overlaps(Span(5, 9))


# -- Quote --------------------------------------------------------------------------------


def test_quote_requires_content() -> None:
    with pytest.raises(ValueError, match="content"):
        Quote(kind="direct", content=())


@pytest.mark.parametrize("kind", ["", "Direct", "quote", "free-indirect", "unknown"])
def test_quote_rejects_unknown_kind(kind: str) -> None:
    with pytest.raises(ValueError, match="unknown quote kind"):
        Quote(kind=kind, content=(Span(0, 1),))


@pytest.mark.parametrize("kind", QUOTE_KINDS)
def test_quote_accepts_every_known_kind(kind: str) -> None:
    assert Quote(kind=kind, content=(Span(0, 1),)).kind == kind


def test_quote_kinds_are_the_four() -> None:
    assert set(QUOTE_KINDS) == {"direct", "indirect", "mixed", "block"}


def test_quote_content_list_becomes_tuple() -> None:
    q = Quote(kind="direct", content=[Span(0, 1), Span(3, 4)])  # type: ignore[arg-type]
    assert q.content == (Span(0, 1), Span(3, 4))
    assert q == Quote(kind="direct", content=(Span(0, 1), Span(3, 4)))


def test_quote_helpers() -> None:
    q = Quote(kind="direct", content=(Span(37, 57), Span(0, 4)))
    assert (q.start, q.end) == (0, 57)
    assert q.content_text(TEXT) == '"Bring an umbrella," … Rain'
    assert q.id_in("abc") == "abc:0-57"


def test_quote_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        _quote().kind = "indirect"  # type: ignore[misc]


# -- Article ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [("text", "other"), ("title", "T"), ("date", dt.date(2024, 1, 1)), ("source", Source())],
)
def test_article_is_frozen(name: str, value: object) -> None:
    article = Article(text=TEXT, title="Weather")
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(article, name, value)
    assert article.text == TEXT and article.title == "Weather"


def test_article_copy_with_changes_a_copy() -> None:
    article = Article(text=TEXT, outlet="A")
    other = article.copy_with(outlet="B")
    assert (article.outlet, other.outlet) == ("A", "B")
    assert other.id == article.id


def test_article_rejects_non_str_text() -> None:
    with pytest.raises(TypeError):
        Article(text=b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["2024-01-02", dt.datetime(2024, 1, 2, 3, 4)])
def test_article_date_must_be_a_date(bad: object) -> None:
    with pytest.raises(TypeError, match="date"):
        Article(text=TEXT, date=bad)  # type: ignore[arg-type]


def test_article_id_known_value() -> None:
    assert article_id("") == "e3b0c44298fc1c149afb"
    assert Article(text=TEXT).id == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()[:20]


@given(st.text(max_size=300))
def test_article_id_is_sha256_prefix(text: str) -> None:
    aid = Article(text=text).id
    assert re.fullmatch(r"[0-9a-f]{20}", aid)
    assert aid == article_id(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


@given(st.text(max_size=200), articles(), articles())
def test_same_text_same_id_whatever_the_metadata(text: str, a: Article, b: Article) -> None:
    first = a.copy_with(text=text)
    second = b.copy_with(text=text)
    assert first.id == second.id == Article(text=text).id
    assert first.id == Article(text=text).id  # stable: recomputed, never stored


@given(st.text(max_size=200), st.text(max_size=200))
def test_different_text_different_id(t1: str, t2: str) -> None:
    assume(t1 != t2)
    assert article_id(t1) != article_id(t2)


def test_one_character_changes_the_id() -> None:
    assert article_id(TEXT) != article_id(TEXT + " ")
    assert article_id(TEXT) != article_id(TEXT.replace('"', "“", 1))


# -- Analysis -----------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(analyses())
def test_to_dict_from_dict_round_trip(a: Analysis) -> None:
    data = a.to_dict()
    assert Analysis.from_dict(data) == a
    assert Analysis.from_dict(data).to_dict() == data
    via_json = json.loads(json.dumps(data, ensure_ascii=False, allow_nan=False))
    assert Analysis.from_dict(via_json) == a
    assert data["id"] == a.id == a.article.id
    assert data["schema"] == SCHEMA_VERSION


@settings(max_examples=200, deadline=None)
@given(analyses())
def test_every_to_dict_validates_against_the_schema(a: Analysis) -> None:
    _schema_validator().validate(a.to_dict())


@settings(max_examples=100, deadline=None)
@given(analyses())
def test_every_span_slices_the_text(a: Analysis) -> None:
    data = a.to_dict()
    text = data["text"]
    for q in data["quotes"]:
        for s in [*q["content"], q["cue"], q["speaker"]["mention"]]:
            if s is not None:
                assert 0 <= s["start"] <= s["end"] <= len(text)


def test_to_dict_key_order_and_shape() -> None:
    q = Quote(
        kind="direct",
        content=(Span(37, 57),),
        cue=Span(62, 67),
        speaker=Speaker(mention=Span(58, 61), name="the forecaster"),
        confidence=0.123456,
    )
    data = _analysis(quotes=(q,), pipeline="p-1", layers={"sentiment": []}).to_dict()
    assert list(data) == [
        "id", "title", "date", "outlet", "url", "author", "language", "source", "text",
        "schema", "pipeline", "quotes", "mentions", "entities", "sentiment",
    ]  # fmt: skip
    assert data["quotes"][0] == {
        "kind": "direct",
        "content": [{"start": 37, "end": 57}],
        "cue": {"start": 62, "end": 67},
        "speaker": {"mention": {"start": 58, "end": 61}, "name": "the forecaster", "entity": None},
        "confidence": 0.1235,
    }
    assert TEXT[37:57] == '"Bring an umbrella,"'


@pytest.mark.parametrize("where", ["content", "cue", "mention"])
def test_analysis_rejects_spans_outside_the_text(where: str) -> None:
    n = len(TEXT)
    outside = Span(n - 2, n + 1)
    kw: dict[str, Any] = {"content": (Span(0, 4),)}
    if where == "content":
        kw["content"] = (Span(0, 4), outside)
    elif where == "cue":
        kw["cue"] = outside
    else:
        kw["speaker"] = Speaker(mention=outside)
    with pytest.raises(ValueError, match="outside the article text"):
        _analysis(quotes=(Quote(kind="indirect", **kw),))


def test_empty_cue_and_mention_spans_are_kept() -> None:
    """An empty span is still a span: it must not turn into null (it is falsy: len 0)."""
    q = Quote(kind="direct", content=(Span(0, 0),), cue=Span(5, 5), speaker=Speaker(Span(0, 0)))
    a = _analysis(quotes=(q,))
    data = a.to_dict()
    assert data["quotes"][0]["cue"] == {"start": 5, "end": 5}
    assert data["quotes"][0]["speaker"]["mention"] == {"start": 0, "end": 0}
    assert Analysis.from_dict(data) == a


@pytest.mark.parametrize("where", ["cue", "mention"])
def test_empty_span_past_the_end_is_rejected(where: str) -> None:
    n = len(TEXT)
    far = Span(n + 3, n + 3)
    q = (
        Quote(kind="direct", content=(Span(0, 1),), cue=far)
        if where == "cue"
        else Quote(kind="direct", content=(Span(0, 1),), speaker=Speaker(mention=far))
    )
    with pytest.raises(ValueError, match="outside"):
        _analysis(quotes=(q,))


def test_analysis_accepts_a_span_ending_at_the_end() -> None:
    n = len(TEXT)
    a = _analysis(quotes=(Quote(kind="indirect", content=(Span(0, n), Span(n, n))),))
    assert a.quotes[0].end == n


@given(st.text(max_size=50), st.integers(1, 100), st.data())
def test_analysis_rejects_any_span_past_the_end(text: str, past: int, data: st.DataObject) -> None:
    n = len(text)
    start = data.draw(st.integers(0, n + past))
    bad = Span(start, n + past)
    with pytest.raises(ValueError):
        Analysis(article=Article(text=text), quotes=(Quote(kind="direct", content=(bad,)),))
    with pytest.raises(ValueError):
        Analysis.from_dict({"text": text, "quotes": [Quote("direct", (bad,)).to_dict()]})


def test_from_dict_rejects_bad_spans_and_kinds() -> None:
    good = _analysis(quotes=(_quote(),)).to_dict()
    for mutate in (
        lambda d: d["quotes"][0]["content"][0].update(start=-1),
        lambda d: d["quotes"][0]["content"][0].update(start=60, end=50),
        lambda d: d["quotes"][0].update(content=[]),
        lambda d: d["quotes"][0].update(kind="rumour"),
    ):
        bad = json.loads(json.dumps(good))
        mutate(bad)
        with pytest.raises(ValueError):
            Analysis.from_dict(bad)


def test_from_dict_recomputes_the_id() -> None:
    data = _analysis().to_dict()
    data["id"] = "0" * 20
    assert Analysis.from_dict(data).id == article_id(TEXT)


@pytest.mark.parametrize("key", sorted(FIELDS))
def test_layers_may_not_shadow_fixed_fields(key: str) -> None:
    with pytest.raises(ValueError, match="clash"):
        _analysis(layers={key: []})


def test_layers_round_trip_as_top_level_keys() -> None:
    layers = {"sentiment": [{"start": 0, "end": 4, "label": "WEATHER"}], "techniques": []}
    a = _analysis(layers=layers)
    data = a.to_dict()
    assert data["sentiment"] == layers["sentiment"]
    assert Analysis.from_dict(data).layers == layers


def test_analysis_quotes_list_becomes_tuple() -> None:
    a = Analysis(article=Article(text=TEXT), quotes=[_quote()])  # type: ignore[arg-type]
    assert a.quotes == (_quote(),)


# -- the schema itself --------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12(validator: Draft202012Validator) -> None:
    assert validator.schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert validator.schema["properties"]["schema"]["const"] == SCHEMA_VERSION


def test_schema_describes_every_field(validator: Draft202012Validator) -> None:
    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            typed = any(k in node for k in ("type", "oneOf", "enum", "const"))
            if typed and "$ref" not in node and not path.endswith("oneOf"):
                assert node.get("description"), f"no description at {path}"
            for k, v in node.items():
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}/{i}")

    for name, prop in validator.schema["properties"].items():
        walk(prop, f"properties/{name}")
    for name, prop in validator.schema["$defs"].items():
        assert prop.get("description"), name


def test_schema_required_matches_to_dict(validator: Draft202012Validator) -> None:
    data = _analysis(quotes=(_quote(),)).to_dict()
    assert set(validator.schema["required"]) == set(data) == FIELDS
    assert set(validator.schema["properties"]) == FIELDS | DESCRIBED_LAYERS
    quote_schema = validator.schema["$defs"]["quote"]
    assert set(quote_schema["required"]) == set(data["quotes"][0])
    assert validator.schema["properties"]["quotes"]["items"] == {"$ref": "#/$defs/quote"}
    assert quote_schema["properties"]["kind"]["enum"] == list(QUOTE_KINDS)


def _base() -> dict[str, Any]:
    q = Quote(
        kind="direct",
        content=(Span(37, 57),),
        cue=Span(62, 67),
        speaker=Speaker(mention=Span(58, 61), name="the forecaster"),
        confidence=0.5,
    )
    article = Article(text=TEXT, date=dt.date(2024, 5, 1), source=Source("a.jsonl", 2, "jsonl"))
    return Analysis(article=article, quotes=(q,), pipeline="p").to_dict()


def test_schema_allows_new_top_level_layers(validator: Draft202012Validator) -> None:
    data = _base()
    data["sentiment"] = [{"start": 0, "end": 4, "label": "X"}]
    data["emotions"] = {"anything": True}
    validator.validate(data)


def test_schema_checks_the_rhetoric_layers(validator: Draft202012Validator) -> None:
    """The four rhetoric layers are described: a malformed entry is refused."""
    data = _base()
    data["claims"] = [
        {"start": 0, "end": 4, "score": 0.9, "checkworthy": True, "source": "outlet",
         "voice": "outlet", "quote": None, "speaker": "outlet", "entity": None}
    ]  # fmt: skip
    validator.validate(data)
    data["claims"][0]["voice"] = "the outlet"
    assert not validator.is_valid(data)
    data["claims"] = []
    data["techniques"] = {"anything": True}
    assert not validator.is_valid(data)


BAD_DOCUMENTS = {
    "short id": lambda d: d.update(id="abc"),
    "upper-case id": lambda d: d.update(id=d["id"].upper()),
    "datetime as date": lambda d: d.update(date="2024-05-01T10:00:00"),
    "impossible date": lambda d: d.update(date="2024-02-30"),
    "schema 2": lambda d: d.update(schema="2"),
    "schema as int": lambda d: d.update(schema=1),
    "missing text": lambda d: d.pop("text"),
    "missing quotes": lambda d: d.pop("quotes"),
    "null language": lambda d: d.update(language=None),
    "extra key in source": lambda d: d["source"].update(offset=3),
    "line 0": lambda d: d["source"].update(line=0),
    "extra key in quote": lambda d: d["quotes"][0].update(text="Bring"),
    "extra key in span": lambda d: d["quotes"][0]["content"][0].update(label="Q"),
    "extra key in cue": lambda d: d["quotes"][0]["cue"].update(text="added"),
    "extra key in speaker": lambda d: d["quotes"][0]["speaker"].update(gender="f"),
    "extra key in mention": lambda d: d["quotes"][0]["speaker"]["mention"].update(x=1),
    "empty content": lambda d: d["quotes"][0].update(content=[]),
    "unknown kind": lambda d: d["quotes"][0].update(kind="rumour"),
    "negative start": lambda d: d["quotes"][0]["content"][0].update(start=-1),
    "float offset": lambda d: d["quotes"][0]["content"][0].update(end=57.5),
    "string offset": lambda d: d["quotes"][0]["cue"].update(start="62"),
    "confidence above 1": lambda d: d["quotes"][0].update(confidence=1.01),
    "negative confidence": lambda d: d["quotes"][0].update(confidence=-0.1),
    "missing speaker": lambda d: d["quotes"][0].pop("speaker"),
    "missing cue": lambda d: d["quotes"][0].pop("cue"),
}


@pytest.mark.parametrize("name", BAD_DOCUMENTS)
def test_schema_rejects(validator: Draft202012Validator, name: str) -> None:
    data = _base()
    validator.validate(data)
    BAD_DOCUMENTS[name](data)
    assert not validator.is_valid(data), name


# -- the example in docs/data-model.md ----------------------------------------------------


def _doc() -> str:
    return DATA_MODEL.read_text(encoding="utf-8")


def _doc_example() -> dict[str, Any]:
    blocks = re.findall(r"^```json\n(.*?)^```$", _doc(), flags=re.S | re.M)
    assert len(blocks) == 1, "docs/data-model.md should have exactly one ```json block"
    data: dict[str, Any] = json.loads(blocks[0])
    return data


def _doc_table() -> list[list[str]]:
    """Rows of the 'Where the offsets point' table: '| 0 | kind | `…` | … |'."""
    rows = []
    for line in _doc().splitlines():
        if re.match(r"^\|\s*\d+\s*\|", line):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
    return rows


def _ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]*)`", cell)


def test_doc_example_validates(validator: Draft202012Validator) -> None:
    validator.validate(_doc_example())


def test_doc_example_is_a_to_dict_output() -> None:
    data = _doc_example()
    analysis = Analysis.from_dict(data)  # checks every span lies within the text
    assert analysis.to_dict() == data
    assert data["id"] == article_id(data["text"])
    assert {q["kind"] for q in data["quotes"]} == set(QUOTE_KINDS)


def test_doc_example_offsets_point_at_the_words_the_doc_shows() -> None:
    data = _doc_example()
    text = data["text"]
    rows = _doc_table()
    assert [int(r[0]) for r in rows] == list(range(len(data["quotes"])))

    def words(span: dict[str, int] | None) -> list[str]:
        return [] if span is None else [text[span["start"] : span["end"]]]

    for row, q in zip(rows, data["quotes"], strict=True):
        _, kind, content, cue, mention, name = row
        assert kind == q["kind"]
        assert _ticked(content) == [text[s["start"] : s["end"]] for s in q["content"]]
        assert _ticked(cue) == words(q["cue"])
        assert _ticked(mention) == words(q["speaker"]["mention"])
        assert name == q["speaker"]["name"]


def test_doc_example_text_is_shown_verbatim() -> None:
    """The article the doc prints before its JSON is exactly the example's text."""
    doc = _doc()
    text = _doc_example()["text"]
    assert f"```\n{text}```\n" in doc


def test_doc_example_python_snippet() -> None:
    data = _doc_example()
    doc = _doc()
    assert data["text"][89:118] == '"We have waited long enough,"'
    assert '>>> d["text"][89:118]\n\'"We have waited long enough,"\'' in doc
    q = data["quotes"][1]
    joined = " … ".join(data["text"][s["start"] : s["end"]] for s in q["content"])
    assert f"'{joined}'" in doc
    assert Quote.from_dict(q).content_text(data["text"]) == joined

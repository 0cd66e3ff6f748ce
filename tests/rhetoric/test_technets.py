"""The fine-tuned technique networks' plumbing, with tiny hand-built ONNX graphs standing in
for the shipped networks: word-piece probabilities reach the right words, pair inputs carry
their segment ids, rows come back in order, and the mixing follows the settings file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import TensorProto, helper  # noqa: E402

from saywho.errors import ModelError  # noqa: E402
from saywho.pipeline.technets import ClassNet, NetSettings, SpanNet, TechniqueNets  # noqa: E402
from saywho.pipeline.techniques import TechniqueModel, word_spans  # noqa: E402


def _vocab_id(word: str) -> int:
    from tokenizers import Tokenizer

    from saywho.embed.minilm import tokenizer_path

    return int(Tokenizer.from_file(str(tokenizer_path())).token_to_id(word))


def _save(graph: onnx.GraphProto, path: Path) -> Path:
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))
    return path


def _span_net(path: Path, word: str) -> Path:
    """probs = 1.0 on every piece that is ``word``, else 0.0."""
    ids = helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"])
    mask = helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"])
    out = helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["b", "t"])
    target = helper.make_tensor("target", TensorProto.INT64, [], [_vocab_id(word)])
    nodes = [
        helper.make_node("Equal", ["input_ids", "target"], ["eq"]),
        helper.make_node("Cast", ["eq"], ["probs"], to=TensorProto.FLOAT),
    ]
    return _save(helper.make_graph(nodes, "span", [ids, mask], [out], [target]), path)


def _class_net(path: Path) -> Path:
    """probs[:, k] = number of pieces (column 0) and number of second-segment pieces
    (column 1), so a test can tell rows and segments apart."""
    names = ["input_ids", "token_type_ids", "attention_mask"]
    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ["b", "t"]) for n in names]
    out = helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["b", 14])
    axes = helper.make_tensor("axes", TensorProto.INT64, [1], [1])
    pad = helper.make_tensor("pad", TensorProto.FLOAT, [1, 12], [0.0] * 12)
    nodes = [
        helper.make_node("Cast", ["attention_mask"], ["m"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["token_type_ids"], ["ty"], to=TensorProto.FLOAT),
        helper.make_node("ReduceSum", ["m", "axes"], ["n"], keepdims=1),
        helper.make_node("ReduceSum", ["ty", "axes"], ["n2"], keepdims=1),
        helper.make_node("Shape", ["n"], ["shape"]),
        helper.make_node("Slice", ["shape", "zero", "one"], ["rows"]),
        helper.make_node("Concat", ["rows", "twelve"], ["padshape"], axis=0),
        helper.make_node("Expand", ["pad", "padshape"], ["zeros"]),
        helper.make_node("Concat", ["n", "n2", "zeros"], ["probs"], axis=1),
    ]
    consts = [
        axes,
        pad,
        helper.make_tensor("zero", TensorProto.INT64, [1], [0]),
        helper.make_tensor("one", TensorProto.INT64, [1], [1]),
        helper.make_tensor("twelve", TensorProto.INT64, [1], [12]),
    ]
    return _save(helper.make_graph(nodes, "class", inputs, [out], consts), path)


def test_word_probabilities_land_on_the_right_words(tmp_path: Path) -> None:
    net = SpanNet(_span_net(tmp_path / "s.onnx", "war"))
    text = "Intro.\nThey want war, not peace.\nNo war here; total war."
    lines = [word_spans(text, 7, 32), word_spans(text, 33, len(text))]
    probs = net.word_probs(text, lines)
    marked = [
        [text[s:e] for (s, e), p in zip(ws, ps, strict=True) if p > 0.5]
        for ws, ps in zip(lines, probs, strict=True)
    ]
    assert marked == [["war"], ["war", "war"]]


def test_long_lines_are_read_in_windows(tmp_path: Path) -> None:
    net = SpanNet(_span_net(tmp_path / "s.onnx", "war"))
    text = " ".join(["peace"] * 300 + ["war"] + ["peace"] * 10)
    (probs,) = net.word_probs(text, [word_spans(text)])
    assert len(probs) == 311 and probs[300] == 1.0 and probs.sum() == 1.0


def test_pairs_keep_their_rows_and_segments(tmp_path: Path) -> None:
    net = ClassNet(_class_net(tmp_path / "c.onnx"), batch_size=2)
    spans = ["a long span of several words here", "short", "two words"]
    contexts = ["one", "a context of five words", "x y"]
    probs = net.proba(spans, contexts)
    # pieces: [CLS] span [SEP] context [SEP]; the second segment is context + [SEP]
    assert probs[:, 1].tolist() == [2.0, 6.0, 3.0]
    assert probs[:, 0].tolist() == [11.0, 9.0, 7.0]


def test_settings_name_the_next_step_when_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "techniques-nets.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError, match="saywho train techniques --finetune"):
        NetSettings.load(bad)
    good = NetSettings(0.25, 0.15, 0.5, "s.onnx", "c.onnx")
    good.save(bad)
    assert NetSettings.load(bad) == good


def test_the_model_mixes_the_networks_as_its_settings_say(tmp_path: Path) -> None:
    _span_net(tmp_path / "s.onnx", "war")
    _class_net(tmp_path / "c.onnx")
    settings = tmp_path / "techniques-nets.json"
    NetSettings(1.0, 0.5, 0.5, "s.onnx", "c.onnx").save(settings)
    base = TechniqueModel.load()
    mixed = TechniqueModel(base.classifier, base.tagger, clusters=base.clusters,
                           nets=TechniqueNets.load(settings))  # fmt: skip
    text = "They want war, not peace."
    # span weight 1: the tagger's words are the network's alone, at its threshold
    assert [text[s:e] for s, e, _ in mixed.find_spans(text, [(0, len(text))])] == ["war"]
    vec = np.zeros((1, base.classifier.vec_dim), dtype=np.float32)
    alone = base.classify(["want war"], text, vec)
    net = mixed.nets.classes.proba(["want war"], [text]) if mixed.nets else None
    both = mixed.classify(["want war"], text, vec, contexts=[text])
    assert net is not None
    assert np.allclose(both, 0.5 * alone + 0.5 * net)


ARTICLES = {
    "11": "Title one\n\nThe evil regime lied again.\nOfficials met on Tuesday.\n",
    "12": "Title two\n\nThose evil traitors betrayed us.\nThe meeting ended at noon.\n",
    "13": "Title three\n\nA disgraceful, evil plan.\nRain fell in the north.\n",
    "15": "Title four\n\nThe evil gang struck.\nPrices stayed flat.\n",
    "20": "Title five\n\nSuch evil cowards.\nThe bridge reopened.\n",
}


def _ptc(folder: Path) -> Path:
    arts = folder / "datasets" / "train-articles"
    arts.mkdir(parents=True)
    tc, si = [], []
    for a, text in ARTICLES.items():
        (arts / f"article{a}.txt").write_text(text, encoding="utf-8")
        line = text.split("\n")[2]
        s = text.index(line)
        k = line.index("evil")
        for label, (x, y) in (
            ("Loaded_Language", (k, k + 4)),
            ("Name_Calling,Labeling", (k, len(line) - 1)),
        ):
            tc.append(f"{a}\t{label}\t{s + x}\t{s + y}")
        si.append(f"{a}\t{s + k}\t{s + len(line) - 1}")
        other = text.split("\n")[3]
        tc.append(f"{a}\tDoubt\t{text.index(other)}\t{text.index(other) + len(other)}")
    base = folder / "datasets"
    (base / "train-task2-TC.labels").write_text("\n".join(tc) + "\n", encoding="utf-8")
    (base / "train-task1-SI.labels").write_text("\n".join(si) + "\n", encoding="utf-8")
    return folder


def test_finetuning_picks_the_mix_on_the_slice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`saywho train techniques --finetune` without PyTorch's part: stand-in networks, the
    linear models and CRF fitted outside the slice, weights chosen on it, the span tagger
    trained a second time on every article."""
    from saywho.train import finetune
    from saywho.train import techniques as train

    calls: list[int] = []

    def tagger(lines: list[tuple[str, list[tuple[int, int]]]], out: Path) -> None:
        calls.append(len(lines))
        _span_net(Path(out), "evil")

    fit = train.WordClusters.fit
    monkeypatch.setattr(finetune, "torch_available", lambda: True)
    monkeypatch.setattr(finetune, "finetune_tagger", tagger)
    monkeypatch.setattr(finetune, "finetune_classifier", lambda rows, out: _class_net(Path(out)))
    monkeypatch.setattr(
        train.WordClusters, "fit", classmethod(lambda cls, words: fit(words, sizes=(2, 4)))
    )
    info = train.train_nets(_ptc(tmp_path / "ptc"), tmp_path / "out")
    settings = NetSettings.load(tmp_path / "out" / "techniques-nets.json")
    assert settings.span_weight in train.NET_WEIGHTS and settings.class_weight in train.NET_WEIGHTS
    assert settings.span_threshold in train.NET_THRESHOLDS
    assert (tmp_path / "out" / settings.span_net).is_file()
    assert (tmp_path / "out" / settings.class_net).is_file()
    assert not list((tmp_path / "out").glob("*.tmp"))
    assert calls == [9, 15]  # three lines in each of the 3 articles outside the slice, then all 5
    assert info["slice_si_f1"] >= info["slice_si_f1_crf_alone"]

"""Side-by-side cost of the rhetoric layers: the same articles through the pipeline without
them, with each component alone, and with all of them, in one run (one process).

    python bench/bench_rhetoric.py [--n 40]

Corpus: the first N ReCOVery full texts from ../shared when present, else the bundled samples.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import articles  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--text-field", default="body_text")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    from saywho.pipeline.pipeline import Pipeline
    from saywho.pipeline.rhetoric import RhetoricConfig

    arts = list(articles(args.corpus, args.n, args.text_field))
    words = sum(len(a.text.split()) for a in arts)
    base = Pipeline()
    configs: list[tuple[str, object]] = [
        ("no rhetoric", False),
        ("threats", RhetoricConfig.only(["threats"])),
        ("techniques", RhetoricConfig.only(["techniques"])),
        ("claims", RhetoricConfig.only(["claims"])),
        ("claims+narratives", RhetoricConfig.only(["claims", "narratives"])),
        ("all four", True),
        ("all four, minilm", RhetoricConfig(encoder="minilm", technique_nets=False)),
        ("minilm + nets", RhetoricConfig(encoder="minilm")),
    ]
    pipes = {
        name: base if cfg is False else Pipeline(nlp=base.nlp, rhetoric=cfg)  # type: ignore[arg-type]
        for name, cfg in configs
    }
    for p in pipes.values():  # warm up: load models, first ONNX run
        list(p.pipe(arts[:2]))
    best: dict[str, float] = {}
    first: dict[str, float] = {}  # round 1: the span tagger's word-class cache still cold
    for _ in range(args.rounds):  # interleaved rounds, the best of each
        for name, p in pipes.items():
            t = time.perf_counter()
            for _a in p.pipe(arts):
                pass
            took = time.perf_counter() - t
            first.setdefault(name, took)
            best[name] = min(best.get(name, float("inf")), took)
    print(f"{len(arts)} articles, {words} words, best of {args.rounds} interleaved rounds")
    print(f"{'configuration':20} {'seconds':>8} {'vs no rhetoric':>15} {'round 1':>8}")
    for name in pipes:
        ratio = best[name] / best["no rhetoric"] - 1
        cold = first[name] / first["no rhetoric"] - 1
        print(f"{name:20} {best[name]:8.2f} {ratio:+15.0%} {cold:+8.0%}")


if __name__ == "__main__":
    main()

"""Side-by-side cost of entity resolution (issue #3): the same pipeline with and without
the entity layer (mentions, knowledge-file linking, roles by date), on the same articles in
one run, interleaved (off, on, off, on, …) so machine load hits both alike; the best of the
rounds counts for each. Times are the process's CPU time (``time.process_time``), which other
jobs on a shared machine disturb far less than wall time; wall time is printed beside it.

    python bench/bench_entities.py [--n 300] [--rounds 3]

Target: entities add at most 10% to analysis time (ratio on/off ≤ 1.10).
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
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from saywho.pipeline.pipeline import Pipeline

    arts = list(articles(args.corpus, args.n, args.text_field))
    words = sum(len(a.text.split()) for a in arts)
    on = Pipeline(entities=True)
    off = Pipeline(entities=False, nlp=on.nlp)  # one spaCy model for both
    best = {"off": float("inf"), "on": float("inf")}
    wall = {"off": float("inf"), "on": float("inf")}
    mentions = entities = 0
    for _ in range(args.rounds):
        for name, p in (("off", off), ("on", on)):
            t, w = time.process_time(), time.perf_counter()
            out = list(p.pipe(arts, batch_size=32))
            best[name] = min(best[name], time.process_time() - t)
            wall[name] = min(wall[name], time.perf_counter() - w)
            if name == "on":
                mentions = sum(len(a.mentions) for a in out)
                entities = sum(len(a.entities) for a in out)
    ratio = best["on"] / best["off"]
    print(f"{len(arts)} articles, {words} words; {mentions} mentions, {entities} entity refs")
    print(
        f"CPU: without entities {best['off']:.2f} s, with {best['on']:.2f} s "
        f"(wall {wall['off']:.2f} s / {wall['on']:.2f} s; best of {args.rounds})"
    )
    print(
        f"ratio with/without {ratio:.3f} (target <= 1.10: {'met' if ratio <= 1.10 else 'NOT met'})"
    )


if __name__ == "__main__":
    main()

"""The static MiniLM table against the MiniLM transformer, side by side on the same sentences:
how close its similarities are, and how much faster it is.

    python bench/bench_encoder.py [--n 3000] [--corpus FILE]

Sentences: ``--n`` corpus sentences that ``saywho train encoder`` did not fit on (its reader's
sentences outside the sample it takes), from the RSS corpus in ../shared by default.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

import numpy as np

RSS = Path("../shared/data/corpora/rss-link-db-2023/news_2023-10-16_2023-12-31.jsonl.gz")


def held_out(corpus: Path, n: int, fitted: int) -> list[str]:
    from saywho.train.encoder import corpus_sentences, sample

    everything = corpus_sentences([corpus])  # read once: the fitted sample is drawn from it
    used = set(sample(everything, fitted))
    rest = [t for t in everything if t not in used]
    random.Random(1).shuffle(rest)
    return rest[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--corpus", type=Path, default=RSS)
    args = ap.parse_args()
    from scipy.stats import spearmanr

    from saywho.embed import Embedder, StaticEmbedder

    static = StaticEmbedder()
    texts = held_out(args.corpus, args.n, int(static.meta.get("sentences", 80_000)))
    minilm = Embedder(batch_size=16)
    by_length = sorted(texts, key=len)
    t = time.perf_counter()
    full = minilm.encode(by_length)
    t_full = time.perf_counter() - t
    t = time.perf_counter()
    fast = static.encode(by_length)
    t_fast = time.perf_counter() - t
    rng = np.random.default_rng(0)
    i, j = rng.integers(0, len(texts), 20_000), rng.integers(0, len(texts), 20_000)
    rho = spearmanr((full[i] * full[j]).sum(1), (fast[i] * fast[j]).sum(1)).correlation
    sim_full, sim_fast = full @ full.T, fast @ fast.T
    np.fill_diagonal(sim_full, -9)
    np.fill_diagonal(sim_fast, -9)
    nearest = sim_full.argmax(axis=1)
    top10 = np.argsort(-sim_fast, axis=1)[:, :10]
    hit = float(np.mean([nearest[k] in top10[k] for k in range(len(texts))]))
    print(f"{len(texts)} held-out sentences ({sum(map(len, texts)):,} characters)")
    print(f"Spearman of 20,000 pairwise cosines, static vs MiniLM: {rho:.3f}")
    print(f"MiniLM's nearest neighbour within the static top 10:   {hit:.3f}")
    print(f"MiniLM transformer: {t_full:6.2f} s  ({1000 * t_full / len(texts):.2f} ms/sentence)")
    print(f"static table:       {t_fast:6.2f} s  ({1000 * t_fast / len(texts):.3f} ms/sentence)")
    print(f"static is {t_full / t_fast:,.0f}x faster")


if __name__ == "__main__":
    main()

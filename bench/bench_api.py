"""Workbench speed on a synthetic store of 1,000,000 quotes (generated, never committed).

    python bench/bench_api.py [--quotes 1000000] [--db /tmp/saywho-bench/api.db]
                              [--clients 50] [--seconds 60]

1. Generates the store once (100,000 articles of 10 quotes, 5,000 Zipf-distributed speakers,
   60% of them with an entity id, 40 outlets, three years of dates, a 4,000-word Zipf
   vocabulary), straight into saywho's schema, then rebuilds the FTS indexes. Reused when the
   file exists.
2. Starts `uvicorn` with the workbench in a subprocess on 127.0.0.1, with the settings of
   `saywho serve`.
3. Search: 200 queries (common and rare words, phrases, prefixes, with and without filters),
   one at a time; p50/p95 of the server time (`Server-Timing`) and of the client's wall time.
4. Speaker pages: the 20 most quoted speakers and 80 random ones, `GET /api/speakers/{key}`.
5. Load: `--clients` concurrent loopback clients for `--seconds`, a mix of search, quote
   lists, speaker pages, articles and exports; errors, throughput, p50/p99.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import os
import random
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np

N_SPEAKERS = 5_000
N_OUTLETS = 40
N_WORDS = 4_000
QUOTES_PER_ARTICLE = 10
CUES = ["said", "told reporters", "added", "warned", "insisted", "announced", "wrote", "argued"]
KINDS = ["direct", "indirect", "mixed", "block"]


def _syllables(rng: random.Random) -> str:
    parts = ["ka", "lo", "mi", "ran", "te", "sul", "vo", "an", "dre", "pol", "is", "ne", "ur"]
    return "".join(rng.choice(parts) for _ in range(rng.randint(2, 4)))


def generate(path: Path, n_quotes: int, seed: int = 5) -> None:
    from saywho.store import open_store

    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    for p in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        p.unlink(missing_ok=True)
    with open_store(tmp):
        pass  # the schema
    words = list(dict.fromkeys(_syllables(rng) for _ in range(N_WORDS * 2)))[:N_WORDS]
    speakers = [f"{_syllables(rng).title()} {_syllables(rng).title()}" for _ in range(N_SPEAKERS)]
    entities = [f"Q{100000 + i}" if rng.random() < 0.6 else None for i in range(N_SPEAKERS)]
    outlets = [
        f"The {_syllables(rng).title()} {rng.choice(['Times', 'Post', 'Herald'])}"
        for _ in range(N_OUTLETS)
    ]
    n_articles = n_quotes // QUOTES_PER_ARTICLE
    word_p = 1 / np.arange(1, N_WORDS + 1) ** 1.05
    word_p /= word_p.sum()
    spk_p = 1 / np.arange(1, N_SPEAKERS + 1) ** 0.9
    spk_p /= spk_p.sum()
    start = dt.date(2022, 1, 1)
    conn = sqlite3.connect(tmp, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    lengths = nrng.integers(6, 24, size=n_quotes)
    word_ids = nrng.choice(N_WORDS, size=int(lengths.sum()), p=word_p)
    spk_ids = nrng.choice(N_SPEAKERS, size=n_quotes, p=spk_p)
    pos = 0
    qi = 0
    now = "2026-11-25T00:00:00+00:00"
    for a in range(n_articles):
        date = (start + dt.timedelta(days=int(nrng.integers(0, 1095)))).isoformat()
        outlet = outlets[int(nrng.integers(0, N_OUTLETS))]
        pieces: list[str] = []
        quotes: list[tuple[Any, ...]] = []
        offset = 0
        for k in range(QUOTES_PER_ARTICLE):
            n = int(lengths[qi])
            content = " ".join(words[i] for i in word_ids[pos : pos + n]).capitalize()
            pos += n
            s = int(spk_ids[qi])
            qi += 1
            cue = CUES[(a + k) % len(CUES)]
            sentence = f'"{content}," {speakers[s]} {cue}. '
            quotes.append(
                (
                    k,
                    KINDS[(a * 7 + k) % 4],
                    offset,
                    offset + len(content) + 3,
                    f'"{content},"',
                    cue,
                    speakers[s],
                    entities[s],
                    speakers[s],
                    0.9,
                )
            )
            pieces.append(sentence)
            offset += len(sentence)
        text = "".join(pieces) + f"Edition {a}."
        aid = hashlib.sha256(text.encode()).hexdigest()[:20]
        doc = json.dumps(
            {
                "id": aid,
                "title": f"Report {a}",
                "date": date,
                "outlet": outlet,
                "url": None,
                "language": "en",
                "source": {"path": None, "line": None, "format": None},
                "text": text,
                "schema": "1",
                "pipeline": "bench",
                "quotes": [],
            }
        )
        conn.execute(
            "INSERT INTO articles(id, title, date, outlet, url, language, source_path, "
            "source_line, source_format, text, pipeline, analyzed_at, doc) "
            "VALUES (?, ?, ?, ?, NULL, 'en', NULL, NULL, NULL, ?, 'bench', ?, ?)",
            (aid, f"Report {a}", date, outlet, text, now, doc),
        )
        conn.executemany(
            'INSERT INTO quotes(article_id, idx, kind, "start", "end", content_text, cue_text, '
            "speaker_name, speaker_entity, speaker_mention_text, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(aid, *q) for q in quotes],
        )
    conn.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('rebuild')")
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES('rebuild')")
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    tmp.rename(path)
    path.with_suffix(".words.json").write_text(json.dumps({"words": words[:400] + words[-400:]}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    code = (
        "import sys, uvicorn; from saywho.api import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, "
        "log_level='warning', timeout_keep_alive=30)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    url = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            httpx.get(url + "/api/stats", timeout=600)
            return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def server_ms(r: Any) -> float:
    return float(r.headers["server-timing"].split("dur=")[1])


def timed(client: Any, urls: list[str]) -> tuple[list[float], list[float]]:
    srv, wall = [], []
    for u in urls:
        t = time.perf_counter()
        r = client.get(u)
        wall.append((time.perf_counter() - t) * 1000)
        assert r.status_code == 200, (u, r.status_code, r.text[:200])
        srv.append(server_ms(r))
    return srv, wall


def search_urls(words: list[str], rng: random.Random) -> list[str]:
    common, rare = words[:60], words[-300:]
    out = []
    for i in range(200):
        kind = i % 5
        if kind == 0:
            q = rng.choice(common)
        elif kind == 1:
            q = rng.choice(rare)
        elif kind == 2:
            q = f'"{rng.choice(common)} {rng.choice(common)}"'
        elif kind == 3:
            q = rng.choice(rare)[:4] + "*"
        else:
            q = f"{rng.choice(common)} {rng.choice(rare)}"
        extra = "&scope=quotes" if i % 2 else ""
        if i % 7 == 0:
            extra += "&since=2023-01-01&until=2023-12-31"
        out.append(f"/api/search?q={quote(q)}{extra}")
    return out


async def load(url: str, paths: list[str], clients: int, seconds: float) -> dict[str, Any]:
    import httpx

    lat: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: list[str] = []
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def worker(i: int, client: httpx.AsyncClient) -> None:
        rng = random.Random(i)
        while time.monotonic() < stop:
            path = rng.choice(paths)
            t = time.perf_counter()
            try:
                r = await client.get(path)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {path}")
            except httpx.HTTPError as e:
                errors.append(f"{type(e).__name__} {path}")
            ms = (time.perf_counter() - t) * 1000
            lat.append(ms)
            parts = path.split("?")[0].split("/")
            api = parts[1] == "api"
            head = "/".join(parts[: 3 if api else 2])
            kind = head + ("/{…}" if len(parts) > (3 if api else 2) else "")
            by_kind.setdefault(kind, []).append(ms)

    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:
        await asyncio.gather(*(worker(i, client) for i in range(clients)))
    return {
        "requests": len(lat),
        "errors": len(errors),
        "first_errors": errors[:5],
        "rps": len(lat) / seconds,
        "p50_ms": pct(lat, 50),
        "p99_ms": pct(lat, 99),
        "max_ms": max(lat),
        "by_kind": {
            k: (len(v), round(pct(v, 50)), round(pct(v, 99))) for k, v in sorted(by_kind.items())
        },
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quotes", type=int, default=1_000_000)
    ap.add_argument("--db", type=Path, default=Path("/tmp/saywho-bench/api.db"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    import httpx

    if not args.db.exists():
        t = time.perf_counter()
        generate(args.db, args.quotes)
        print(f"generated {args.db} ({args.quotes:,} quotes) in {time.perf_counter() - t:.0f} s")
    size = os.path.getsize(args.db) / 2**20
    from saywho.store import summaries
    from saywho.store.browse import ensure_indexes, prepare_connection

    conn = sqlite3.connect(args.db, isolation_level=None)
    prepare_connection(conn)
    t = time.perf_counter()
    ensure_indexes(conn)
    built = summaries.build(conn)
    conn.close()
    print(
        f"indexes and speaker summaries (re)built in {time.perf_counter() - t:.1f} s "
        f"({built['wb_speaker_days']:,} speaker-day rows): what a first start costs"
    )
    t = time.perf_counter()
    proc, url = start_server(args.db)
    print(f"server up in {time.perf_counter() - t:.1f} s (store {size:,.0f} MiB)")
    try:
        rng = random.Random(7)
        words = json.loads(args.db.with_suffix(".words.json").read_text())["words"]
        with httpx.Client(base_url=url, timeout=120) as client:
            t = time.perf_counter()
            for warm in ("/api/stats", "/api/speakers?limit=100", "/api/outlets", "/"):
                client.get(warm)
            print(f"warm-up of the cached aggregates: {time.perf_counter() - t:.1f} s")
            srv, wall = timed(client, search_urls(words, rng))
            print(
                f"search, 200 queries: server p50 {pct(srv, 50):.1f} ms, p95 "
                f"{pct(srv, 95):.1f} ms, max {max(srv):.1f} ms; client p95 {pct(wall, 95):.1f} ms"
            )
            top = [s["key"] for s in client.get("/api/speakers?limit=20").json()["items"]]
            everyone = client.get("/api/speakers?limit=5000&format=jsonl").text.splitlines()
            others = rng.sample([json.loads(x)["key"] for x in everyone], 80)
            urls = [f"/api/speakers/{quote(k, safe='')}" for k in top + others]
            srv_top, _ = timed(client, urls[:20])
            srv_all, wall_all = timed(client, urls)
            print(
                f"speaker page, 100 speakers: server p50 {pct(srv_all, 50):.1f} ms, p95 "
                f"{pct(srv_all, 95):.1f} ms, max {max(srv_all):.1f} ms (top 20 speakers: "
                f"p50 {pct(srv_top, 50):.1f}, max {max(srv_top):.1f} ms)"
            )
            arts = [a["id"] for a in client.get("/api/articles?limit=50").json()["items"]]
        paths = (
            search_urls(words, random.Random(11))[:60]
            + urls[:40]
            + [f"/api/articles/{a}" for a in arts[:20]]
            + [f"/articles/{a}" for a in arts[:10]]
            + [
                "/api/quotes?limit=50",
                "/quotes",
                "/api/quotes?outlet=" + quote("x"),
                f"/quotes?speaker={quote(top[0], safe='')}",
                "/speakers",
                "/outlets",
                "/",
            ]
            + [f"/speakers/{quote(k, safe='')}" for k in top[:10]]
        )
        result = asyncio.run(load(url, paths, args.clients, args.seconds))
        print(
            f"load, {args.clients} clients x {args.seconds:.0f} s: {result['requests']:,} "
            f"requests, {result['errors']} errors, {result['rps']:.0f} req/s, p50 "
            f"{result['p50_ms']:.0f} ms, p99 {result['p99_ms']:.0f} ms, max "
            f"{result['max_ms']:.0f} ms {result['first_errors'] or ''}"
        )
        for kind, (n, p50, p99) in result["by_kind"].items():
            print(f"  {kind:<28} {n:>6} requests  p50 {p50:>5} ms  p99 {p99:>5} ms")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Prints the URL paths scripts/soak.sh rotates over, one a line, from what a running server holds.

    python3 make_paths.py BASE_URL USER_NAME > paths.txt

Paper ids, listing days, weeks and months come from the server's own API, so the traffic asks
for real papers and days that have them (and a few that do not). A line starting with "@" is a
page only a logged-in person sees; soak.lua always sends those with the session cookie.
Standard library only: it runs with the system python3.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import urllib.parse
import urllib.request


def get_json(base: str, path: str):
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def main() -> None:
    base, user = sys.argv[1].rstrip("/"), sys.argv[2]
    rng = random.Random(20260821)  # the same list every run, so runs compare

    newest = get_json(base, "/api/daily_papers?limit=100")
    days = sorted({entry["publishedAt"][:10] for entry in newest if entry.get("publishedAt")})
    if not days:
        sys.exit("the server lists no papers on /api/daily_papers")
    last = dt.date.fromisoformat(days[-1])
    # The last 60 days (some of them empty: those pages link the nearest days with papers).
    dates = [(last - dt.timedelta(days=n)).isoformat() for n in range(60)]
    weeks = sorted({"%d-W%02d" % dt.date.fromisoformat(d).isocalendar()[:2] for d in dates})
    months = sorted({d[:7] for d in dates} | {(last - dt.timedelta(days=31 * n)).strftime("%Y-%m") for n in range(6)})

    ids: list[str] = [entry["paper"]["id"] for entry in newest]
    for month in months[-4:]:
        ids += [entry["paper"]["id"] for entry in get_json(base, f"/api/daily_papers?month={month}&limit=100")]
    everything = get_json(base, "/api/papers?limit=1000")
    ids += [paper["id"] for paper in everything[::10]]
    ids = sorted(set(ids))
    rng.shuffle(ids)
    ids = ids[:300]
    authors = [paper["authors"][0]["name"] for paper in everything[:400:20] if paper.get("authors")]
    first_id = everything[0]["id"] if everything else ids[0]

    words = ["diffusion", "language model", "reinforcement learning", "video generation", "retrieval augmented",
             "mixture of experts", "vision transformer", "speech", "robot manipulation", "reasoning",
             "benchmark", "agents", "quantization", "3D reconstruction", "multimodal", "code generation",
             "\"large language models\"", "alignment -safety", "graph neural network", "tokenizer",
             "long context", "cat:cs.CV", "cat:cs.CL diffusion", "year:2026 agents", "title:survey",
             "discriminative", "contrastive learning OR self-supervised", "image editing", "world model", "RLHF"]
    words += [f'author:"{name}"' for name in authors[:10]]

    def q(text: str) -> str:
        return urllib.parse.quote(text, safe="")

    paths: list[str] = ["/", "/", "/", "/papers/trending", "/papers/trending", "/health", "/health"]
    paths += [f"/papers/date/{d}" for d in dates]
    paths += [f"/papers/date/{d}?p=1" for d in dates[:10]]
    paths += [f"/papers/week/{w}" for w in weeks]
    paths += [f"/papers/month/{m}" for m in months]
    paths += [f"/papers/{i}" for i in ids]
    for n, text in enumerate(words):
        for mode in ("keyword", "semantic", "hybrid"):
            paths.append(f"/papers?q={q(text)}&mode={mode}")
        paths.append(f"/papers?q={q(text)}")
        if n % 3 == 0:
            paths.append(f"/papers?q={q(text)}&mode=keyword&p=1")
        paths.append(f"/api/papers/search?q={q(text)}&limit={[5, 10, 20, 50][n % 4]}")
        if n % 2 == 0:
            paths.append(f"/feeds/search.rss?q={q(text)}")
        else:
            paths.append(f"/feeds/search.atom?q={q(text)}")
    paths += ["/feeds/daily.rss", "/feeds/daily.atom", "/feeds/trending.rss", "/feeds/trending.atom"] * 3
    for n, d in enumerate(dates[:30]):
        paths.append(f"/api/daily_papers?date={d}&limit={[10, 20, 50, 100][n % 4]}&p={n % 3}")
    for w in weeks:
        paths.append(f"/api/daily_papers?week={w}&sort=trending&limit=20")
    for m in months:
        paths.append(f"/api/daily_papers?month={m}&limit=50&p=1")
        paths.append(f"/api/daily_papers?month={m}&sort=publishedAt&limit=100")
    paths += ["/api/daily_papers", "/api/daily_papers?sort=trending", "/api/daily_papers?limit=100&p=2"]
    for limit in (1, 10, 50, 100, 500):
        paths.append(f"/api/papers?limit={limit}")
    for i in ids[:20]:
        paths.append(f"/api/papers?limit=20&cursor={q(i)}")
        paths.append(f"/api/papers/{i}")
        paths.append(f"/api/papers/{i}/similar?limit=5")
    paths.append(f"/api/papers/{first_id}")
    # Pages a logged-in person sees: their profile, the submit form (listings, paper pages and
    # search are also sent logged in on a share of requests).
    paths += [f"@/u/{user}", "@/submit", "@/", "@/papers/trending"] * 3
    rng.shuffle(paths)
    print("\n".join(paths))


if __name__ == "__main__":
    main()

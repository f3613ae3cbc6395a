"""Time ``parse_article`` on a generated article with many notes (target: 10,000 notes < 2 s).

    .venv/bin/python bench/bench_parse.py                 # text, 10,000 notes
    .venv/bin/python bench/bench_parse.py --input-format html --notes 10000
    .venv/bin/python bench/bench_parse.py --article PATH  # time a real article instead

Each note is cited once from a sentence of a body paragraph, between uncited
sentences with figures and dates, so the claim finder works as on real prose.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

from citeaudit.read import parse_article

_NOTES = [
    "“{title}”, {site}, https://www.{domain}/news/{year}/{slug}-{n}, "
    "(Access Date: {d:02d}.{m:02d}.{year}).",
    "{author}, “{title}”, {site}, {d} {month} {year}, https://{domain}/article/{n}.",
    "{author}, {title}, ({site} Press, {year}), p. {page}.",
    "Ibid.",
    "Ibid., p. {page}.",
    "“{title}”, {site}, {month} {d}, {year}, accessed {month} {d2}, {year}, "
    "https://{domain}/{slug}?id={n}&lang=en",
    "{site}, “{title}” (in Russian), https://{domain}/{year}{m:02d}{d:02d}/{slug}.html, "
    "retrieved {d2}/{m}/{year}.",
    "See {author}, {title}, {site} Working Paper No. {page}, {year}.",
]
_TITLES = ["North Korea Sends Troops to Russia", "Grain Corridor Under Strain",
           "Sanctions and Shadow Fleets", "Drones over the Front", "Gas Transit Ends",
           "Why Pyongyang Sends Troops", "The Arctic Route Opens", "Price Cap Tightened Again"]
_SITES = [("Kyivpost", "kyivpost.com"), ("Hürriyet", "hurriyet.com.tr"), ("Reuters", "reuters.com"),
          ("Politico", "politico.eu"), ("Mirror", "mirror.co.uk"), ("TASS", "tass.ru"),
          ("Yonhap", "en.yna.co.kr"), ("The Washington Post", "washingtonpost.com")]
_AUTHORS = ["Jane Doe", "J. R. Smith", "Kim Min-jun", "Ayşe Yılmaz", "Ivan Petrov"]
_MONTHS = ["January", "March", "June", "October", "November"]
_SENTENCES = [
    "In February 2024, Ukrainian officials reported that at least {n} missiles had been shot down.",
    "The dimensions of the alliance create concerns in the U.S. and Japan.",
    "It is thought that Pyongyang has sent close to 1.6 million shells.",
    "Dr. Kim said, “The front line will not hold for long.”",
    "Analysts see this as a strategic move by Moscow.",
]


def generate(count: int, fmt: str, seed: int = 7) -> str:
    """An article with ``count`` notes in format ``fmt`` (text, html or markdown)."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    notes: list[str] = []
    for n in range(1, count + 1):
        site, domain = rng.choice(_SITES)
        fields = dict(
            title=rng.choice(_TITLES), site=site, domain=domain, year=rng.randint(2019, 2025),
            slug=rng.choice(_TITLES).lower().replace(" ", "-"), n=n, d=rng.randint(1, 28),
            d2=rng.randint(1, 28), m=rng.randint(1, 12), month=rng.choice(_MONTHS),
            author=rng.choice(_AUTHORS), page=rng.randint(1, 400),
        )
        notes.append(rng.choice(_NOTES).format(**fields))
        lead = " ".join(rng.choice(_SENTENCES).format(n=n) for _ in range(rng.randint(0, 2)))
        marker = {"markdown": f"[^{n}]", "html": f'<sup><a href="#fn{n}" id="r{n}">{n}</a></sup>'}
        mark = marker.get(fmt, f"[{n}]")
        cited = f"Russia received {n} containers of ammunition in autumn 2023.{mark}"
        paragraphs.append(f"{lead} {cited}".strip())
    if fmt == "markdown":
        return "# Bench\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n".join(
            f"[^{i}]: {note}" for i, note in enumerate(notes, 1)
        )
    if fmt == "html":
        items = "\n".join(f'<li id="fn{i}">{note} <a href="#r{i}">↩</a></li>'
                          for i, note in enumerate(notes, 1))
        body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
        return f"<html><body><article><h1>Bench</h1>{body}<ol>{items}</ol></article></body></html>"
    return "Bench Article Title\n\n" + "\n\n".join(paragraphs) + "\n\n" + "\n\n".join(
        f"[{i}] {note}" for i, note in enumerate(notes, 1)
    ) + "\n\nSimilar Posts\n"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--input-format", choices=["text", "html", "markdown"], default="text")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--article", type=Path, help="time this article file instead")
    args = parser.parse_args(argv)
    if args.article:
        source: str | Path = args.article
        fmt = None
    else:
        source = generate(args.notes, args.input_format)
        fmt = args.input_format
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        article = parse_article(source, fmt)
        times.append(time.perf_counter() - start)
    print(
        f"{len(article.notes)} notes, {len(article.claims)} claims, "
        f"{len(article.uncited)} uncited ({article.format}): "
        f"best {min(times):.2f} s, median {statistics.median(times):.2f} s over {args.repeat} runs"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

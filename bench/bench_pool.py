"""Benchmark: an article of 100 sentences matched against a source pool of 200 pages.

The pool is a folder of 200 generated HTML pages (about 500 words each: one
town's council, budget, transport and census figures per page, the towns'
pages alike in wording so retrieval has to tell them apart by name and
figure).  The article has 100 uncited sentences: 40 state a page's fact, 20
state a page's count with another figure, 40 state facts no page has.  The
whole audit (``citeaudit.audit(article, sources=[folder])``, no notes, so no
network) should take under 30 s on this machine, every pool page read from disk
once and extracted once — counted here, in whichever worker process extracts it.

Prints the time, the counts, and how many of each kind of sentence got the
finding it should (supported → ``supported_by_source`` naming its own page,
changed figure → ``contradicted_by_source`` naming its page, unstated →
``uncited_claim`` only).  The machine is shared: report the load average too.

    .venv/bin/python bench/bench_pool.py [--pages 200] [--sentences 100] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import random
import sys
import tempfile
import time
from collections import Counter

from citeaudit import workers
from citeaudit.audit import audit
from citeaudit.config import Config
from citeaudit.report import FindingKind

_REAL_READ_PAGE = workers.read_page
_COUNTS = os.path.join(tempfile.mkdtemp(prefix="bench-pool-"), "extractions")

SYLLABLES = ["bra", "nic", "tor", "vel", "mar", "dun", "sk", "or", "len", "ha", "pi", "zo",
             "ka", "ru", "ste", "mo", "gal", "fen", "qui", "lo"]
THINGS = ["bicycles", "benches", "streetlights", "buses", "trees", "classrooms", "ambulances",
          "playgrounds", "fountains", "libraries"]


def counting_read_page(body, content_type, url):  # type: ignore[no-untyped-def]
    """``workers.read_page``, with one line appended per call (any process)."""
    with open(_COUNTS, "a", encoding="utf-8") as handle:
        handle.write(url + "\n")
    return _REAL_READ_PAGE(body, content_type, url)


def town(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
        if name not in taken:
            taken.add(name)
            return name


def page_facts(rng: random.Random, name: str) -> list[str]:
    """About 30 sentences on one town; the first few are the facts the article draws on."""
    facts = []
    for thing in rng.sample(THINGS, 6):
        facts.append(f"The {name} council approved {rng.randint(12, 900)} new {thing} for the "
                     f"old town in {rng.choice(['March', 'May', 'October'])} "
                     f"{rng.randint(2015, 2024)}.")
    facts += [
        f"{name} has {rng.randint(5, 90) * 1000:,} residents according to the latest census.",
        f"The mayor of {name} said the budget of {rng.randint(2, 80)} million euros was "
        "balanced.",
    ]
    filler = [
        f"Residents of {name} discussed the plans at a public meeting in the town hall.",
        "The opposition asked for more time to study the proposal before the vote.",
        "Local shops welcomed the decision, saying it would bring visitors to the centre.",
        f"Work in {name} is expected to start next spring and last about two years.",
        "The regional government will pay part of the cost from its development fund.",
    ]
    return facts + [rng.choice(filler) for _ in range(22)]


def html(title: str, sentences: list[str]) -> str:
    paragraphs = "".join(f"<p>{' '.join(sentences[i:i + 3])}</p>"
                         for i in range(0, len(sentences), 3))
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}'
            f"</title></head><body><article><h1>{title}</h1>{paragraphs}</article>"
            "<footer>Bench Gazette</footer></body></html>")


def build(folder: pathlib.Path, pages: int, sentences: int, seed: int = 7):
    """Write the pool; return the article and each sentence's expected page (or None)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    facts: list[tuple[str, pathlib.Path]] = []
    for n in range(pages):
        name = town(rng, taken)
        path = folder / f"{n:03d}-{name.lower()}.html"
        lines = page_facts(rng, name)
        path.write_text(html(f"{name} council news", lines), encoding="utf-8")
        facts += [(line, path) for line in lines[:6]]
    supported = int(sentences * 0.4)
    changed = int(sentences * 0.2)
    chosen = rng.sample(facts, supported + changed)
    article: list[tuple[str, str, pathlib.Path | None]] = []
    for line, path in chosen[:supported]:
        article.append(("supported", line, path))
    for line, path in chosen[supported:]:
        words = line.split()
        figure = next(i for i, w in enumerate(words) if w.isdigit())
        # Written with a thousands separator: a bare 1807 reads as a year.
        words[figure] = f"{int(words[figure]) * 3 + 7:,}"
        article.append(("changed", " ".join(words), path))
    while len(article) < sentences:
        name = town(rng, taken)  # a town no page is about
        thing = rng.choice(THINGS)
        article.append(("unstated", f"The {name} council approved {rng.randint(12, 900)} new "
                                    f"{thing} for the old town in May 2021.", None))
    rng.shuffle(article)
    return article


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=100)
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args(argv)
    workers.read_page = counting_read_page  # before the worker processes are forked
    reads: Counter[str] = Counter()
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self: pathlib.Path) -> bytes:
        reads[str(self)] += 1
        return real_read_bytes(self)

    pathlib.Path.read_bytes = read_bytes  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory(prefix="bench-pool-") as tmp:
        folder = pathlib.Path(tmp)
        article = build(folder, args.pages, args.sentences)
        text = "\n\n".join(line for _, line, _ in article) + "\n"
        print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
        start = time.perf_counter()
        report = audit(text, Config(archives=(), workers=args.workers), sources=[folder])
        elapsed = time.perf_counter() - start
        pool_reads = {p: n for p, n in reads.items() if p.startswith(str(folder))}
    with open(_COUNTS, encoding="utf-8") as handle:
        extracted = Counter(handle.read().split())
    print(f"audit with a pool of {len(report.pool.pages)} pages, {report.pool.sentences} "
          f"sentences: {elapsed:.1f} s (load average after: {os.getloadavg()[0]:.2f})")
    print(f"pages read from disk: {len(pool_reads)}, at most {max(pool_reads.values())} time(s) "
          f"each; extracted: {len(extracted)} pages, at most {max(extracted.values())} time(s) "
          "each")
    by_claim = {u.text: u.id for u in report.article.uncited}
    outcome: Counter[tuple[str, str]] = Counter()
    for kind, line, path in article:
        cid = by_claim.get(" ".join(line.split()))
        found = [f for f in report.findings if f.claim == cid]
        kinds = {f.kind for f in found}
        if kind == "supported":
            ok = any(f.kind is FindingKind.SUPPORTED_BY_SOURCE and f.url == str(path)
                     for f in found)
        elif kind == "changed":
            ok = any(f.kind is FindingKind.CONTRADICTED_BY_SOURCE and f.url == str(path)
                     for f in found)
        else:
            ok = kinds == {FindingKind.UNCITED_CLAIM}
        outcome[(kind, "as expected" if ok else "not")] += 1
    for (kind, verdict), count in sorted(outcome.items()):
        print(f"  {kind:<10} {verdict:<12} {count}")
    wrong = sum(1 for f in report.findings if f.kind in (
        FindingKind.SUPPORTED_BY_SOURCE, FindingKind.CONTRADICTED_BY_SOURCE)
        and not any(f.url == str(path) and by_claim.get(" ".join(line.split())) == f.claim
                    for _, line, path in article))
    print(f"pool findings naming a page the sentence was not drawn from: {wrong}")
    return 0 if elapsed < 30 and max(extracted.values()) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Time ``parse_article`` on a generated article with many notes (target: 10,000 notes < 2 s).

    .venv/bin/python bench/bench_parse.py                 # text, 10,000 notes
    .venv/bin/python bench/bench_parse.py --input-format html --notes 10000
    .venv/bin/python bench/bench_parse.py --input-format all   # every format in turn
    .venv/bin/python bench/bench_parse.py --hostile        # hostile inputs at doubling sizes
    .venv/bin/python bench/bench_parse.py --huge 50        # a 50 MB article: time and memory
    .venv/bin/python bench/bench_parse.py --article PATH  # time a real article instead
    .venv/bin/python bench/bench_parse.py --distinct --repeat 1  # every note's title its own

Each note is cited once from a sentence of a body paragraph, between uncited
sentences with figures and dates, so the claim finder works as on real prose.
Bibliographies (CSL-JSON, BibTeX) are the notes alone.  ``--hostile`` times
inputs that were once quadratic or worse (runs of ``.`` and ``?``, unclosed
curly quotes and guillemets, UTF-16 without a byte-order mark) at sizes that
double: linear parsing doubles the time, quadratic quadruples it.

A speed change must not change what is parsed: ``bench/parse_fingerprint.py`` prints
one hash per input (this article in every format, the documents and notes under
``bench/data/``) to compare before and after.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from citeaudit import read
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


_WORDS = ["Grain", "Corridor", "Harbour", "Council", "Budget", "Strike", "Election", "Bridge",
          "Reform", "Drought", "Summit", "Treaty", "Museum", "Railway", "Festival", "Vaccine"]
_GIVEN = ["Anna", "Jan", "Mehmet", "Olga", "Li", "Sara", "Tomás", "Yuki"]


def generate(count: int, fmt: str, seed: int = 7, *, distinct: bool = False) -> str | bytes:
    """An article with ``count`` notes in format ``fmt`` (any of ``FORMATS`` but pdf).

    The titles and authors come from short lists, so a cache keyed on a note's pieces hits
    far more often than in a real article; ``distinct`` gives every note a title and an
    author of its own (four words and a number; a name and a numbered surname)."""
    rng = random.Random(seed)
    own = random.Random(seed + 1)  # apart, so the default article stays the same
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
        if distinct:
            fields["title"] = f"{' '.join(own.sample(_WORDS, 4))} {n}"
            fields["author"] = f"{own.choice(_GIVEN)} {own.choice(_WORDS)}son{n}"
        notes.append(rng.choice(_NOTES).format(**fields))
        lead = " ".join(rng.choice(_SENTENCES).format(n=n) for _ in range(rng.randint(0, 2)))
        marker = {
            "markdown": f"[^{n}]",
            "html": f'<sup><a href="#fn{n}" id="r{n}">{n}</a></sup>',
            "wikitext": f"<ref>{notes[-1]}</ref>",
            "docx": f"{{fn:{n}}}",
        }
        mark = marker.get(fmt, f"[{n}]")
        cited = f"Russia received {n} containers of ammunition in autumn 2023.{mark}"
        paragraphs.append(f"{lead} {cited}".strip())
    if fmt == "wikitext":
        return ("'Bench' is a page.\n\n" + "\n\n".join(paragraphs)
                + "\n\n== References ==\n{{reflist}}\n")
    if fmt == "csljson":
        return json.dumps([{"id": f"n{i}", "type": "webpage", "title": _TITLES[i % len(_TITLES)],
                            "URL": f"https://example.org/{i}",
                            "accessed": {"date-parts": [[2024, 5, 3]]}}
                           for i in range(1, count + 1)])
    if fmt == "bibtex":
        return "\n".join(
            f"@misc{{n{i},\n  title = {{{_TITLES[i % len(_TITLES)]}}},\n"
            f"  url = {{https://example.org/{i}}},\n  urldate = {{2024-05-03}}\n}}"
            for i in range(1, count + 1)
        )
    if fmt == "docx":
        return _docx(paragraphs, notes)
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


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def _docx(paragraphs: list[str], notes: list[str]) -> bytes:
    """A bare Word document: paragraphs whose ``{fn:N}`` are footnote references."""

    def runs(text: str) -> str:
        out = []
        for piece in re.split(r"(\{fn:\d+\})", text):
            ref = re.fullmatch(r"\{fn:(\d+)\}", piece)
            if ref:
                out.append(f'<w:r><w:footnoteReference w:id="{ref.group(1)}"/></w:r>')
            elif piece:
                out.append(f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>')
        return "".join(out)

    body = "".join(f"<w:p>{runs(p)}</w:p>" for p in paragraphs)
    footnotes = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:footnoteRef/></w:r>{runs(" " + n)}'
                        f"</w:p></w:footnote>" for i, n in enumerate(notes, 1))
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
            f'<Override PartName="/word/footnotes.xml" ContentType="{_CT}.footnotes+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{_RELS}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>"
        ),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="r1" Type="{_RELS}/footnotes" Target="footnotes.xml"/>'
            "</Relationships>"
        ),
        "word/document.xml": f"<w:document {_W}><w:body>{body}</w:body></w:document>",
        "word/footnotes.xml": f"<w:footnotes {_W}>{footnotes}</w:footnotes>",
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return out.getvalue()


BENCH_FORMATS = ("text", "html", "markdown", "wikitext", "docx", "csljson", "bibtex")
"""Every format the generator writes (PDF has no generator: its reader is the text rules)."""

_HOSTILE: dict[str, Callable[[int], str | bytes]] = {
    "full stops": lambda n: "Ports grew in 2023.[1] " + "." * n + "\n\n[1] Log.",
    "question marks": lambda n: "Ports grew in 2023.[1] " + "?" * n + "\n\n[1] Log.",
    "stops and spaces": lambda n: "Ports grew in 2023.[1] " + ". " * (n // 2) + "\n\n[1] Log.",
    "unclosed curly quotes": lambda n: "Ports grew.[1] " + "“" * n + "\n\n[1] Log.",
    "unclosed quote, many sentences": lambda n: "Ports grew.[1] “" + "Word. " * (n // 6)
    + "\n\n[1] Log.",
    "unclosed guillemets": lambda n: "Ports grew.[1] " + "«" * n + "\n\n[1] Log.",
    "German quotes": lambda n: "Ports grew.[1] " + "„" * n + "\n\n[1] Log.",
    "UTF-16, no BOM": lambda n: ("Ports grew in 2023.[1] “" + "Word. " * (n // 12)
                                 + "\n\n[1] Log.").encode("utf-16-le"),
    "UTF-16 with BOM": lambda n: ("Ports grew in 2023.[1] «" + "a? " * (n // 6)
                                  + "\n\n[1] Log.").encode("utf-16"),
    "HTML, unclosed quotes": lambda n: "<p>Ports grew.<sup>1</sup> " + "“a. " * (n // 4)
    + "</p><h2>Notes</h2><ol><li>Log.</li></ol>",
    "wikitext, '|}' mid-line": lambda n: "Ports grew.<ref>Log.</ref> " + "a |} " * (n // 5),
}
_HOSTILE_FORMATS = {"wikitext, '|}' mid-line": "wikitext"}
"""The inputs that are not plain text, and their format (the rest are sniffed)."""


def hostile(sizes: list[int]) -> None:
    """Each hostile input at each size: seconds, and the growth from the size before."""
    parse_article("Warm-up.[1]\n\n[1] Log.")  # imports and month names, not the input's cost
    for name, make in _HOSTILE.items():
        cells = []
        previous = None
        for size in sizes:
            source = make(size)
            start = time.perf_counter()
            parse_article(source, _HOSTILE_FORMATS.get(name))
            took = time.perf_counter() - start
            growth = f" (x{took / previous:.1f})" if previous else ""
            cells.append(f"{size // 1000} KB {took:.3f} s{growth}")
            previous = max(took, 1e-6)
        print(f"{name:32} " + ", ".join(cells))


_PARAGRAPH = (
    "In February 2024, officials reported that at least 40 missiles had been shot down near "
    "the port. Dr. Kim said, “The front line will not hold for long.” Analysts see this as a "
    "strategic move.\n\n"
)


def huge(megabytes: float) -> None:
    """A text article of ``megabytes`` MB: time, peak memory, warnings, uncited claims listed."""
    count = int(megabytes * 1_000_000 / len(_PARAGRAPH))
    source = _PARAGRAPH * count + "Ports grew.[1]\n\n[1] Log, https://log.example/a."
    start = time.perf_counter()
    article = parse_article(source, "text")
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{len(source) / 1e6:.1f} MB: {took:.1f} s, peak memory {peak} MiB, "
          f"{len(article.uncited)} uncited listed, {len(article.claims)} cited")
    for warning in article.warnings:
        print(f"  warning: {warning}")


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=10_000)
    parser.add_argument("--input-format", choices=[*BENCH_FORMATS, "all"], default="text")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--article", type=Path, help="time this article file instead")
    parser.add_argument("--hostile", action="store_true",
                        help="time hostile inputs at doubling sizes instead")
    parser.add_argument("--sizes", default="8000,16000,32000,64000",
                        help="characters of each hostile input (default: 8000,16000,32000,64000)")
    parser.add_argument("--huge", type=float, metavar="MB",
                        help="time one text article of this many megabytes instead")
    parser.add_argument("--distinct", action="store_true",
                        help="give every note its own title and author (no cache across notes "
                             "can hit; time with --repeat 1 in a fresh process)")
    parser.add_argument("--uncapped", action="store_true",
                        help="weigh every uncited sentence (no MAX_UNCITED cap), as before the cap")
    args = parser.parse_args(argv)
    if args.uncapped:
        read.MAX_UNCITED = None
    if args.hostile:
        hostile([int(size) for size in args.sizes.split(",")])
        return 0
    if args.huge:
        huge(args.huge)
        return 0
    if args.article:
        run(args.article, None, args.repeat)
        return 0
    formats = BENCH_FORMATS if args.input_format == "all" else (args.input_format,)
    for fmt in formats:
        run(generate(args.notes, fmt, distinct=args.distinct), fmt, args.repeat)
    return 0


def run(source: str | bytes | Path, fmt: str | None, repeat: int) -> None:
    """Parse ``source`` ``repeat`` times and print the best and median wall times, the
    best CPU time (user + sys: what the parse itself cost, whatever else the machine
    runs) and the load average, so figures from a shared machine can be read."""
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        article = parse_article(source, fmt)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_SELF)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    load = os.getloadavg()[0]
    print(
        f"{len(article.notes)} notes, {len(article.claims)} claims, "
        f"{len(article.uncited)} uncited ({article.format}): "
        f"best {min(times):.2f} s, median {statistics.median(times):.2f} s over {repeat} runs; "
        f"CPU best {min(cpu):.2f} s; load {load:.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark: ``citeaudit.extract`` time against page size, on ordinary and hostile pages.

For each kind of page and each size, builds the page, extracts it once (language
detection on, as the audit does) and prints the seconds and the seconds per MB:
a flat last column is time linear in the size.  Kinds:

- ``text``: a plain-text page of numbered sentences;
- ``html``: an article of numbered paragraphs (trafilatura drops repeated ones);
- ``unclosed-script``: ``<script>é`` repeated, declared ISO-8859-1 (the charset
  check once scanned to the end of the sample from every ``<script``);
- ``open-angles``: ``<é`` repeated, declared ISO-8859-1.

    .venv/bin/python bench/bench_extract.py [--sizes 1,5,10,25,50] [--kinds text,html,...]

Figures vary with the load on the machine; run it on an idle one.
"""

from __future__ import annotations

import argparse
import time

from citeaudit.extract import extract

_SENTENCE = "The council approved item {i} of {j} euros on day {d}, after a long debate."


def _text(size: int) -> tuple[bytes, str]:
    out, total, i = [], 0, 0
    while total < size:
        line = _SENTENCE.format(i=i, j=i * 13, d=i % 28 + 1) + "\n"
        out.append(line)
        total += len(line)
        i += 1
    return "".join(out).encode(), "text/plain; charset=utf-8"


def _html(size: int) -> tuple[bytes, str]:
    out, total, i = [], 0, 0
    while total < size:
        sentences = (_SENTENCE.format(i=i, j=i * 3 + k, d=k % 28 + 1) for k in range(3))
        para = "<p>" + " ".join(sentences) + "</p>\n"
        out.append(para)
        total += len(para)
        i += 1
    page = "<html><head><title>Report</title></head><body><article>" + "".join(out)
    return (page + "</article></body></html>").encode(), "text/html; charset=utf-8"


def _repeat(unit: bytes) -> object:
    def build(size: int) -> tuple[bytes, str]:
        return unit * (size // len(unit)), "text/html; charset=iso-8859-1"

    return build


KINDS = {
    "text": _text,
    "html": _html,
    "unclosed-script": _repeat("<script>é".encode("latin-1")),
    "open-angles": _repeat("<é".encode("latin-1")),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,5,10,25,50", help="page sizes in MB")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    extract(_text(2000)[0], content_type="text/plain")  # loads the language model
    print(f"{'kind':<16} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'text chars':>11}")
    for kind in args.kinds.split(","):
        for mb in (float(s) for s in args.sizes.split(",")):
            content, content_type = KINDS[kind](int(mb * 1_000_000))  # type: ignore[operator]
            started = time.perf_counter()
            page = extract(content, content_type=content_type)
            took = time.perf_counter() - started
            print(f"{kind:<16} {mb:>5g} {took:>8.2f} {took / mb:>6.3f} {len(page.text):>11,}")


if __name__ == "__main__":
    main()

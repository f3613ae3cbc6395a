"""CPU time of the wikitext reader, and of the marker offsets it records, on a synthetic page.

    PYTHONPATH=src python bench/bench_wikitext_markers.py [--paragraphs 2000]

The page repeats one paragraph with a named ref and a reuse of the one before, so it holds
two markers per paragraph; 2000 paragraphs are about 540 KB, beyond any Wikipedia article.
Figures taken on a shared machine are noisy.
"""

from __future__ import annotations

import argparse
import time

PARAGRAPH = (
    'The council approved a budget of 4.2 million euros in {year}.<ref name="r{i}">'
    "{{{{cite web |url=https://example.org/{i} |title=Title {i} |website=Example "
    "|access-date=27 June 2024}}}}</ref> It was the [[harbour|port]]'s ''largest'' outlay."
    '<ref name="r{j}" />\n\n'
)


def main() -> None:
    """Print the page size, parse, offset and whole-read CPU seconds."""
    import mwparserfromhell

    from citeaudit.read.wikitext import WikitextReader, _offsets

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    n = parser.parse_args().paragraphs
    text = "".join(PARAGRAPH.format(i=i, j=max(i - 1, 0), year=1900 + i % 100)
                   for i in range(n)) + "== References ==\n{{reflist}}\n"
    start = time.process_time()
    code = mwparserfromhell.parse(text)
    parsed = time.process_time() - start
    start = time.process_time()
    _offsets(code)
    offsets = time.process_time() - start
    start = time.process_time()
    document = WikitextReader().read(text)
    whole = time.process_time() - start
    print(f"{len(text):,} chars, {len(document.markers):,} markers: parse {parsed:.2f} s, "
          f"offsets {offsets:.2f} s, whole read {whole:.2f} s (CPU)")


if __name__ == "__main__":
    main()

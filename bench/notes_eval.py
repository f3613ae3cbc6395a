"""Score ``parse_note`` field by field on real note strings, per language and per style.

Usage::

    .venv/bin/python bench/notes_eval.py                  # every part, per language
    .venv/bin/python bench/notes_eval.py --part tune      # only the part used while tuning
    .venv/bin/python bench/notes_eval.py --by style       # rows per citation style
    .venv/bin/python bench/notes_eval.py --by source      # rows per source document, and the spread
    .venv/bin/python bench/notes_eval.py --show-errors    # print every miss

Sixteen parts, kept apart by source document:

- **tune** — ``notes_realworld.jsonl``, ``notes_realworld_styles.jsonl``,
  ``notes_realworld_tune2.jsonl`` (Dutch, German, Portuguese, Russian, Turkish notes
  added to widen the weak languages), ``notes_realworld_tune3.jsonl`` and
  ``notes_realworld_tune4.jsonl`` (Spanish, German, Turkish), ``notes_realworld_tune5.jsonl``
  (Czech, Polish, Russian, Portuguese, German and six more) and ``notes_realworld_tune6.jsonl``
  (Indonesian, Vietnamese, Finnish, Serbian, English) and ``notes_realworld_tune7.jsonl``
  (Turkish, French, Chinese, Japanese, German, Korean), ``notes_realworld_tune8.jsonl``
  (French, Finnish, Dutch, Spanish, Portuguese, Turkish) and ``notes_realworld_tune9.jsonl``
  (Chinese GB/T 7714, Russian GOST, Ukrainian DSTU, Korean, Japanese) and
  ``notes_realworld_tune10.jsonl`` (French IEEE and ISO 690, Dutch APA and Markdown
  footnotes, English link lists), ``notes_realworld_tune11.jsonl`` (French HTML source
  lists, Italian Markdown and HTML bibliographies, Dutch APA, Turkish HTML endnotes) and
  ``notes_realworld_tune12.jsonl`` (German, Finnish, Norwegian, Swedish, Japanese) and
  ``notes_realworld_tune13.jsonl`` (English CS1 HTML, APA and reStructuredText citations,
  German footnotes, French Markdown links, Turkish, Korean, Japanese Markdown links) and
  ``notes_realworld_tune14.jsonl`` (Portuguese, Russian, Polish, Spanish, English works-cited
  lists with site suffixes, Vancouver, MLA footnotes) and ``notes_realworld_tune15.jsonl``
  (German only: APA, DIN-like and humanities bibliographies, ``Vgl.`` footnotes, numbered
  HTML entries, IEEE with *[Zugriff am …]*) and ``notes_realworld_tune16.jsonl`` (Korean
  quoted-title lists, Polish and Spanish Wikipedia references as Markdown and HTML, Spanish
  reStructuredText, Portuguese Markdown links, French « » course and HTML lists, Japanese
  numbered links) and ``notes_realworld_tune17.jsonl`` (titles in plain text: Turkish
  journal examples, French Vancouver HTML, English APA, AAAI and natbib lists, Chinese
  title-first and APA lists, German *Quellen*, a Turkish list naming no work) and
  ``notes_realworld_tune18.jsonl`` (titles in plain text: a Portuguese syllabus's dash lists,
  Vietnamese APA and title-first lists, English APA with *Retrieved from* and Harvard in a code
  comment, Spanish ResearchGate exports, Polish footnotes, Czech ISO 690 from a PDF, an Italian
  author-year list), ``notes_realworld_tune19.jsonl`` (a Turkish course's *Kaynaklar*, Korean
  Markdown APA and link lists, reStructuredText ``.. [n]`` docstring references, Japanese
  ``Title | Site`` links and ``Author,Site,(最終閲覧日：…)`` lines, a Spanish Wikipedia article as
  text), ``notes_realworld_tune20.jsonl`` (French *Sitographie* and italic link lists, Korean
  ``Site - Page`` and ``Org — Page`` links, Japanese link lists, a Turkish report's *Kaynakça*,
  an English archaeology paper's Chicago list, reStructuredText ``.. [n]`` references, an English
  Wikipedia reference list as HTML), ``notes_realworld_tune21.jsonl`` (German first, most
  titles in plain text: a German Python course's numbered *Literatur*, IEEE *Quellen* with
  *Zugegriffen:*, *Verfügbar unter:* lists, an epigraphy database's German CIL supplements,
  Markdown footnotes and links with *abgerufen am*, a Japanese and a Korean link list),
  ``notes_realworld_retired13.jsonl`` (62 notes, 9 documents:
  de/en/es/pt/ru German ``Vgl.`` footnotes and an FOM-style Literaturverzeichnis, ISO 690
  with ``[cited …]``, MLA lists, Portuguese ABNT, Russian GOST, Spanish IEEE) and
  ``notes_realworld_retired14.jsonl`` (19 notes, 2 German documents: a Harvard-like list
  with *[Zugriff am …]*, a numbered ``Titel, Autor, Jahr`` list): these two were the asides
  **aside13** and **aside14** until 4 December 2026, then retired to tune (issue #13) with
  their last unseen figures, measured on commit 3d261e1: aside13 titles 58.1 %, right
  56.5 %, access dates 96.8 %; aside14 titles 57.9 %, right 57.9 % (see
  ``notes_realworld_retired13_14.README.md``); and ``notes_realworld_retired6.jsonl`` (87
  notes, 19 documents: de/fr/ja/ko/tr/zh, a Turkish numbered source list, French ISO 690 and
  IEEE bibliographies, Chinese Markdown link lists, Vancouver and GB/T 7714 entries, Japanese
  「」 notes, German author-date lists, Korean reference lists; collected with tune7) and
  ``notes_realworld_retired12.jsonl`` (67 notes, 8 documents: de/en/fr/ja/ko/tr, English
  Wikipedia CS1 HTML, German archaeology references in an English README, a German history
  site's HTML source list, Markdown ``[^n]:`` footnotes, a Turkish IEEE table in HTML with
  *[Erişim Tarihi: …]*, a Japanese Re:VIEW bibliography, a Korean Chicago-like list, a French
  HTML book list; collected with tune13): these two were the asides **aside6** and
  **aside12** until 4 December 2026, then retired to tune (issue #13) with their last unseen
  figures, measured on commit 7c1ec90: aside6 titles 78.2 %, right 78.2 %, URLs 100 %,
  access dates 100 %; aside12 titles 68.7 %, right 61.2 %, URLs 95.5 %, access dates
  98.5 %, published 91.7 % (see ``notes_realworld_retired6_12.README.md``); all looked at
  while writing and tuning the parser;
- **aside** — ``notes_realworld_heldout.jsonl``, ``notes_realworld_unseen.jsonl`` and
  ``notes_realworld_styles_aside.jsonl``: never tuned on (the parser's output on them
  is looked at only to report these figures);
- **aside-new** — ``notes_realworld_aside3.jsonl``: 102 notes from 16 further public
  documents (de/fr/it/ja/nl/pt/ru/tr), collected together with ``tune3`` and split from
  it by source document, alternating in the order the documents were found, before the
  parser's output on any of them was seen; scored, never tuned on;
- **aside4** — ``notes_realworld_aside4.jsonl``: 148 notes from 30 public documents
  (cs/de/en/es/fr/it/nl/pl/pt/ru/tr/uk), collected in three rounds together with
  ``notes_realworld_tune5.jsonl`` (150 notes, 31 documents, part of **tune**) and split
  from it by source document, alternating in the order the documents were found, before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside5** — ``notes_realworld_aside5.jsonl``: 53 notes from 9 public documents
  (en/fi/hr/sr/vi: rendered Wikipedia CS1 HTML, Harvard, IEEE, APA, Finnish school
  style), collected together with ``notes_realworld_tune6.jsonl`` (75 notes, 9 documents,
  part of **tune**: id/en/vi/fi/sr) and split from it by source document, alternating in
  the order the documents were found, before the parser saw any of them; only its total
  is reported, its misses are never read;
- **aside7** — ``notes_realworld_aside7.jsonl``: 82 notes from 22 public documents
  (es/fi/fr/nl/pt/tr: Finnish school style with *Luettu*/*viitattu*, French ISO 690 and
  APA lists, Dutch APA with *Geraadpleegd op*, Spanish APA and Vancouver, Portuguese ABNT
  in HTML with ``<strong>``/``<i>`` titles, Turkish APA 7 *Kaynakça*), collected together
  with ``notes_realworld_tune8.jsonl`` (85 notes, 22 documents, part of **tune**) and split
  from it by source document, alternating in the order the documents were found, before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside8** — ``notes_realworld_aside8.jsonl``: 71 notes from 14 public documents
  (hr/ko/ru/uk/zh: Chinese GB/T 7714 lists with ``[J]``/``[M]``/``[EB/OL]`` codes, Russian
  GOST ``[Электронный ресурс]`` lists, Ukrainian DSTU lists, Korean Markdown and
  author-year lists, a Croatian source sentence), collected together with
  ``notes_realworld_tune9.jsonl`` (66 notes, 15 documents, part of **tune**) and split
  from it by source document, alternating in the order the documents were found, before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside9** — ``notes_realworld_aside9.jsonl``: 67 notes from 9 public documents
  (fr/nl/en: French IEEE with « » titles and *[En ligne]. Disponible sur*, French ISO 690
  and Markdown APA with *Consulté le*, Dutch APA with *Opgehaald van* and ``(z.d.)``,
  whole citations as Markdown link text, generic link words such as ``[PDF](…)``),
  collected together with ``notes_realworld_tune10.jsonl`` (40 notes, 10 documents, part
  of **tune**) and split from it by source document, alternating in the order the
  documents were found, before the parser saw any of them; only its total is reported,
  its misses are never read;
- **aside10** — ``notes_realworld_aside10.jsonl``: 71 notes from 8 public documents
  (fr/it/nl/tr: a French report's *WEBOGRAPHIE* with ``[[consulté le …]]`` placeholders,
  a « » title in a loose French list, Italian Markdown links and Chicago-like strings,
  Dutch APA with *Geraadpleegd op … van* and scheme-less links, a Turkish Markdown
  *Kaynakça* and a Turkish ``[n] … [Çevrimiçi]. Erişim Adresi:`` list), collected together
  with ``notes_realworld_tune11.jsonl`` (84 notes, 9 documents, part of **tune**) and split
  from it by source document, alternating in the order the documents were found, before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside11** — ``notes_realworld_aside11.jsonl``: 67 notes from 8 public documents
  (de/fi/ja/ko/sv: German Google-Docs bibliography with bold authors and italic titles,
  a Finnish author-title-journal list and a Finnish school-style list, Swedish IEEE with
  *Tillgänglig:* and *[Hämtad: …]*, Japanese SIST 02 with *(参照…)*, a Korean IEEE list
  and a Korean bookmark list), collected together with ``notes_realworld_tune12.jsonl``
  (90 notes, 8 documents, part of **tune**) and split from it by source document,
  alternating in the order the documents were found, before the parser saw any of them;
  only its total is reported, its misses are never read;
- **aside15** — ``notes_realworld_aside15.jsonl``: 30 notes from 4 public documents
  (es/ja/ko/tr: a Korean Markdown APA list with italic titles and venue links, a Spanish
  Wikipedia article's references as text with «» titles and ``doi:``, a Turkish report's
  quoted titles, Japanese Markdown footnotes with *(閲覧: …)*), collected together with
  ``notes_realworld_tune16.jsonl`` (52 notes, 8 documents, part of **tune**) and split from
  it by source document (the 2nd, 5th, 8th and 11th document found went to aside15), before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside16** — ``notes_realworld_aside16.jsonl``: 17 notes from 5 public documents
  (en/fr/ja/zh, titles in plain text: French IEEE book entries, a Chinese APA list with
  *Retrieved from*, Chinese docstring APA over wrapped lines, Japanese reference lines
  without 「」, an English Chicago-like list of German works), collected together with
  ``notes_realworld_tune17.jsonl`` (63 notes, 9 documents, part of **tune**) and split from
  it by source document (the 2nd, 5th, 8th, 11th and 14th document found went to aside16),
  before the parser saw any of them; only its total is reported, its misses are never read;
- **aside17** — ``notes_realworld_aside17.jsonl``: 37 notes from 5 public documents
  (en/id/nl/pl/ru, titles in plain text: an Indonesian *Daftar Pustaka*, an English numbered
  APA *Works Cited*, a Polish comma-separated list, Russian GOST in Markdown, Dutch APA with
  *Geraadpleegd op*), collected together with ``notes_realworld_tune18.jsonl`` (50 notes,
  9 documents, part of **tune**) and split from it by source document (the 2nd, 5th, 8th, 11th
  and 14th document found went to aside17), before the parser saw any of them; only its total
  is reported, its misses are never read;
- **aside18** — ``notes_realworld_aside18.jsonl``: 52 notes from 8 public documents
  (de/en/es/fr/ja/ko: a German archaeology edition's bibliography, English Wikipedia CS1 HTML,
  reStructuredText IEEE docstring references, a Korean ``Org, Title. url`` list, two Japanese
  course pages' 参考文献 and 『』 books, a Spanish Wikipedia article as text, a French export with
  *consulté le*), collected together with ``notes_realworld_tune19.jsonl`` (37 notes, 9
  documents, part of **tune**) and split from it by source document (the 2nd, 4th, 6th, …
  document found went to aside18), before the parser saw any of them; only its total is
  reported, its misses are never read;
- **aside19** — ``notes_realworld_aside19.jsonl``: 36 notes from 9 public documents
  (en/fr/ja/ko/tr: a French *Sitographie*, Korean Markdown link lists and a mixed list with
  ``Source — Title`` links, a Japanese ``[(Site) Title](url)`` memo, a Turkish
  ``[Title (Site)](url)`` list, reStructuredText IEEE docstring references, an English
  Wikipedia page saved as Markdown), collected together with
  ``notes_realworld_tune20.jsonl`` (53 notes, 10 documents, part of **tune**) and split
  from it by source document (the 2nd, 4th, 6th, … document found went to aside19), before
  the parser saw any of them; only its total is reported, its misses are never read;
- **aside20** — ``notes_realworld_aside20.jsonl``: 33 notes from 10 public documents
  (de/fr/ko/tr, six of them German: an HTML *Quellen & weiterführende Literatur*, German
  *Einzelnachweise* links with *abgerufen am*, an HTML table's references with *Verfügbar
  unter:*, IEEE with *Zugegriffen:* and link labels, a numbered ``Title, url, abgerufen am``
  list, a thesis's IEEE list; a French course's *Sources* with *Consulté le*, a Turkish
  *Kaynakça* with *Erişim tarihi:*, Turkish and Korean link lists), collected together with
  ``notes_realworld_tune21.jsonl`` (48 notes, 10 documents, part of **tune**) and split
  from it by source document (the 2nd, 4th, 6th, … document found went to aside20), before
  the parser saw any of them; only its total is reported, its misses are never read.

Each line is one note from a public document (its ``source`` says which): ``lang``,
``raw`` (and ``html`` when the note came from markup), the expected ``urls`` and
``access_date`` (ISO or null), and ``title`` — written by hand by reading the note;
null means the note names no work a reader could point to (an explanation, a bare
URL), and then the parser must return None too.  ``style`` (``cs1``, ``apa``, ``gost``,
``din1505``…), ``authors``, ``publisher``, ``published``, ``archive_date``, ``doi``,
``isbn``, ``arxiv`` and ``pmid`` are scored only on the lines that give them.
A note is **right** when every field its line gives matches.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from citeaudit.notes import Note, parse_note

DATA = pathlib.Path(__file__).parent / "data"
PARTS = {
    "tune": (
        "notes_realworld.jsonl",
        "notes_realworld_styles.jsonl",
        "notes_realworld_tune2.jsonl",
        "notes_realworld_tune3.jsonl",
        "notes_realworld_tune4.jsonl",
        "notes_realworld_tune5.jsonl",
        "notes_realworld_tune6.jsonl",
        "notes_realworld_tune7.jsonl",
        "notes_realworld_tune8.jsonl",
        "notes_realworld_tune9.jsonl",
        "notes_realworld_tune10.jsonl",
        "notes_realworld_tune11.jsonl",
        "notes_realworld_tune12.jsonl",
        "notes_realworld_tune13.jsonl",
        "notes_realworld_tune14.jsonl",
        "notes_realworld_tune15.jsonl",
        "notes_realworld_tune16.jsonl",
        "notes_realworld_tune17.jsonl",
        "notes_realworld_tune18.jsonl",
        "notes_realworld_tune19.jsonl",
        "notes_realworld_tune20.jsonl",
        "notes_realworld_tune21.jsonl",
        "notes_realworld_retired13.jsonl",
        "notes_realworld_retired14.jsonl",
        "notes_realworld_retired6.jsonl",
        "notes_realworld_retired12.jsonl",
    ),
    "aside": (
        "notes_realworld_heldout.jsonl",
        "notes_realworld_unseen.jsonl",
        "notes_realworld_styles_aside.jsonl",
    ),
    "aside-new": ("notes_realworld_aside3.jsonl",),
    "aside4": ("notes_realworld_aside4.jsonl",),
    "aside5": ("notes_realworld_aside5.jsonl",),
    "aside7": ("notes_realworld_aside7.jsonl",),
    "aside8": ("notes_realworld_aside8.jsonl",),
    "aside9": ("notes_realworld_aside9.jsonl",),
    "aside10": ("notes_realworld_aside10.jsonl",),
    "aside11": ("notes_realworld_aside11.jsonl",),
    "aside15": ("notes_realworld_aside15.jsonl",),
    "aside16": ("notes_realworld_aside16.jsonl",),
    "aside17": ("notes_realworld_aside17.jsonl",),
    "aside18": ("notes_realworld_aside18.jsonl",),
    "aside19": ("notes_realworld_aside19.jsonl",),
    "aside20": ("notes_realworld_aside20.jsonl",),
}
COLUMNS = ("title", "urls", "access_date", "authors", "publisher", "published")
OPTIONAL = ("authors", "publisher", "published", "archive_date", "doi", "isbn", "arxiv", "pmid")


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None


def _source_key(row: dict[str, Any]) -> str:
    """A short name for the document a line came from (its excerpt ids)."""
    ids = re.findall(r"\d{6,}", row.get("source", ""))
    return ("doc " + ids[0]) if ids else row.get("source", "?")[:16]


def fields(note: Note) -> dict[str, Any]:
    """The parsed note in the shape of a data line."""
    return {
        "title": note.title,
        "urls": list(note.urls),
        "access_date": _iso(note.access_date),
        "authors": list(note.authors),
        "publisher": note.publisher,
        "published": _iso(note.published),
        "archive_date": _iso(note.archive_date),
        "doi": note.doi,
        "isbn": note.isbn,
        "arxiv": note.arxiv,
        "pmid": note.pmid,
    }


def load(names: Iterable[str]) -> list[dict[str, Any]]:
    rows = []
    for name in names:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    return rows


def score(part: str, by: str, show_errors: bool) -> None:
    rows = load(PARTS[part])
    tally: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    crashes = 0
    for row in rows:
        try:
            got = fields(parse_note(row["raw"], html=row.get("html")))
        except Exception as exc:  # a crash is a result here: count it, keep scoring
            crashes += 1
            print(f"  CRASH [{row['lang']}] {row['raw'][:80]!r}: {exc!r}")
            continue
        checks = {
            "urls": got["urls"] == row["urls"],
            "access_date": got["access_date"] == row["access_date"],
        }
        if row.get("title_checked", row["title"] is not None):
            checks["title"] = got["title"] == row["title"]
        for name in OPTIONAL:
            if name in row:
                checks[name] = got[name] == row[name]
        checks["right"] = all(checks.values())
        key = {"style": row.get("style", "unlabelled"), "source": _source_key(row)}.get(
            by, row["lang"]
        )
        for group in (key, "ALL"):
            for name, ok in checks.items():
                tally[group][name][0] += ok
                tally[group][name][1] += 1
        if show_errors and not checks["right"]:
            print(f"  MISS [{row['lang']}/{row.get('style', '-')}] {row['raw'][:100]!r}")
            for name, ok in checks.items():
                if not ok and name != "right":
                    print(f"       {name}: expected {row[name]!r} got {got[name]!r}")
    print(f"{part}: {len(rows)} notes from {', '.join(PARTS[part])}; crashes: {crashes}")
    header = " ".join(f"{c[:9]:>9}" for c in (*COLUMNS, "right"))
    print(f"  {by:16} {'n':>4} {header}")
    for group in sorted(tally, key=lambda k: (k == "ALL", k)):
        t = tally[group]

        def cell(name: str, t: dict[str, list[int]] = t) -> str:
            ok, n = t[name]
            return f"{100 * ok / n:8.1f}%" if n else "        -"

        print(f"  {group:16} {t['right'][1]:>4} " + " ".join(cell(c) for c in (*COLUMNS, "right")))
    print("  (a cell scores only the notes whose line gives that field)")
    if by == "source":
        titles = [
            ok / n
            for group, t in tally.items()
            if group != "ALL"
            for ok, n in [t["title"]]
            if n >= 3
        ]
        if len(titles) > 1:
            print(
                f"  title right per source document (>= 3 titles): min {100 * min(titles):.0f}%, "
                f"median {100 * statistics.median(titles):.0f}%, max {100 * max(titles):.0f}% "
                f"over {len(titles)} documents"
            )


def timing() -> None:
    notes = [
        "[1] “Pyongyang Says It Will Send Troops to Ukraine Within a Month”, Kyivpost, "
        "https://www.kyivpost.com/post/34893, (Access Date: 28.06.2024).",
        "[3] Ibid.",
        "1. Иванов И.И. Основы программирования. Москва: Просвещение, 2020. URL: "
        "https://example.com/book1 (дата обращения: 29.04.2025).",
        "Halil İnalcık, Devlet-i Âliyye, Türkiye İş Bankası Yayınları, İstanbul, 2015, s. 25.",
    ]
    for n in notes:
        parse_note(n)  # warm caches (month tables)
    runs = 2500
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(runs):
            for n in notes:
                parse_note(n)
        samples.append((time.perf_counter() - start) / (runs * len(notes)))
    per_note = statistics.median(samples) * 1e6
    print(f"parse_note: {per_note:.1f} µs per note (median of 5 runs of {runs * len(notes)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=[*PARTS, "all"], default="all")
    parser.add_argument("--by", choices=["lang", "style", "source"], default="lang")
    parser.add_argument("--show-errors", action="store_true")
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    for name in PARTS:
        if args.part in (name, "all"):
            score(name, args.by, args.show_errors)
    if not args.no_timing:
        timing()


if __name__ == "__main__":
    main()

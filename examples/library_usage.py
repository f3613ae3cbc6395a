"""citeaudit from a script: each stage on its own, then the whole audit, offline.

Every request is answered from the bundled example's capture (``replay``), so
this runs with no network:

    .venv/bin/python examples/library_usage.py
"""

from __future__ import annotations

from pathlib import Path

import citeaudit
from citeaudit.config import Config, HttpConfig

HERE = Path(__file__).resolve().parent
ARTICLE = HERE / "ankasam" / "article.txt"
CAPTURE = HERE / "ankasam" / "capture.warc.gz"


def main() -> None:
    config = Config(http=HttpConfig(replay=CAPTURE))

    # 1. Parse: notes (with access dates, Ibid. resolved) and the claims citing them.
    article = citeaudit.parse_article(ARTICLE)
    print(f"{len(article.notes)} notes, {len(article.claims)} cited claims")
    note = article.notes[3]
    print(f"note {note.label}: {note.title!r}, accessed {note.access_date}")

    # 2. Links: what became of each cited URL.
    urls = [url for n in article.notes for url in n.urls]
    for result in citeaudit.check_links(urls, config.http):
        print(f"{result.outcome.value:10} {result.url[:70]}")

    # 3. Archive: the snapshot nearest the note's access date.
    snapshots = citeaudit.find_snapshots(note.urls[0], near=note.access_date, config=config)
    print("nearest snapshot:", snapshots[0].url if snapshots else None)

    # 4. Verify one claim against a text.
    verdict = citeaudit.verify_claim(
        "North Korea has supplied more than 13,000 containers of ammunition to Russia.",
        "North Korea has supplied more than 11,000 containers of ammunition to Russia.",
    )
    print("verdict:", verdict.label.value, "-", verdict.reason)

    # 5. The whole audit, and its findings.
    report = citeaudit.audit(ARTICLE, config)
    for finding in report.findings:
        if finding.note:
            print(f"[{finding.severity.value}] note {finding.note}: {finding.kind.value}: "
                  f"{finding.fix}")


if __name__ == "__main__":
    main()

"""Screenshots of the audit and watch HTML reports at 375, 800 and 1,280 px (docs/ci.md).

Run from the repository root, offline (Debian's chromium and chromium-driver needed):

    PYTHONPATH=src python docs/screenshots/make_screenshots.py

The audit report is the bundled example's, answered from its WARC capture (its top, and
from its sources table down); the watch report is the hand-built one the layout tests use
(tests/support/wide_reports.py).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.support import chromium as cr  # noqa: E402
from tests.support.wide_reports import watch_report  # noqa: E402

from citeaudit import audit  # noqa: E402
from citeaudit.config import Config, HttpConfig  # noqa: E402
from citeaudit.report import html  # noqa: E402
from citeaudit.watch.report import render_html  # noqa: E402

WIDTHS = (375, 800, 1280)
OUT = Path(__file__).resolve().parent


def main() -> int:
    example = ROOT / "examples" / "ankasam"
    config = Config(http=HttpConfig(replay=example / "capture.warc.gz"))
    pages = {
        "audit": html.render(audit(example / "article.txt", config=config)),
        "watch": render_html(watch_report()),
    }
    with tempfile.TemporaryDirectory() as tmp, cr.chromium(Path(tmp) / "profile") as driver:
        for name, text in pages.items():
            page = Path(tmp) / f"{name}.html"
            page.write_text(text, encoding="utf-8")
            for width in WIDTHS:
                cr.open_at_width(driver, page.as_uri(), width)
                shots = {f"{name}-{width}.png": (None, 4000 if name == "watch" else 1800)}
                if name == "audit":  # the article is long: its tables get their own picture
                    shots[f"{name}-{width}-sources.png"] = ("#sources-section", 4000)
                for file, (start, height) in shots.items():
                    cr.page_png(driver, OUT / file, start=start, max_height=height)
                    print((OUT / file).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())

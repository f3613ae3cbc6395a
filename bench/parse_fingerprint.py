"""One hash per parsed input, so a speed change can be shown to change no output.

    .venv/bin/python bench/parse_fingerprint.py > /tmp/before.txt
    # … change the parser …
    .venv/bin/python bench/parse_fingerprint.py > /tmp/after.txt
    diff /tmp/before.txt /tmp/after.txt   # silent: every output byte-identical

The inputs: ``bench_parse.py``'s generated article in every format (``--notes``
notes), every document under ``bench/data/documents*/`` (``parse_article``), and
every note of ``bench/data/notes_*.jsonl`` (``parse_note`` with its ``html`` when
recorded).  A hash covers the whole ``repr`` of the result (attrs classes print every
field: body, notes with all their fields, claims, uncited claims, warnings, markers),
so it moves when any field does; an input that raises is hashed by its error.
The last line hashes all the lines above it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from bench_parse import BENCH_FORMATS, generate  # noqa: E402

from citeaudit.notes import parse_note  # noqa: E402
from citeaudit.read import parse_article  # noqa: E402

DATA = HERE / "data"


def digest(make: Callable[[], object]) -> str:
    """The first 16 hex digits of the SHA-256 of ``repr(make())`` (or of its error)."""
    try:
        shown = repr(make())
    except Exception as error:  # an input the parser refuses is an output too
        shown = f"error {type(error).__name__}: {error}"
    return hashlib.sha256(shown.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def lines(notes: int) -> list[str]:
    """``name hash`` for every input, in a fixed order."""
    out = []
    for fmt in BENCH_FORMATS:
        source = generate(notes, fmt)
        out.append(f"bench-{fmt}-{notes} {digest(lambda s=source, f=fmt: parse_article(s, f))}")
    for path in sorted(DATA.glob("documents*/*")):
        if path.name == "README.md" or path.name.endswith(".expect.json"):
            continue
        name = path.relative_to(DATA)
        out.append(f"{name} {digest(lambda p=path: parse_article(p))}")
    for path in sorted(DATA.glob("notes_*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                result = digest(lambda r=row: parse_note(r["raw"], html=r.get("html")))
                out.append(f"{path.name}:{number} {result}")
    return out


def main(argv: list[str] | None = None) -> int:
    """Print one hash per input, then one over them all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--notes",
        type=int,
        default=10_000,
        help="notes in each generated bench article (default: 10,000)",
    )
    args = parser.parse_args(argv)
    found = lines(args.notes)
    total = hashlib.sha256("\n".join(found).encode()).hexdigest()[:16]
    print("\n".join(found))
    print(f"all {len(found)} inputs {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

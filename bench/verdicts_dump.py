"""Write every claim's verdict and assessment, to check that a change altered none of them.

    .venv/bin/python bench/verdicts_dump.py CLAIMS.jsonl OUT.txt
    cmp OUT-before.txt OUT-after.txt   # run once per version of the source

A performance change must leave the verifier's every output as it was, not
only its per-class counts (``bench/verify_eval.py``): each record of a
WiCE-style claim file (see ``verify_eval.py``) is verified as ``verify_eval``
verifies it, and the full ``repr`` of the verdict and of its assessment is
written, two lines per claim.  The CPU seconds spent verifying are printed.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import verify_eval  # bench/verify_eval.py, beside this script

from citeaudit.verify.core import SourceDoc, assess_claim


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    try:
        records = [json.loads(line) for line in source.read_text().splitlines() if line.strip()]
    except (OSError, json.JSONDecodeError) as exc:
        print(f"verdicts_dump: cannot read {source}: {exc}", file=sys.stderr)
        return 2
    started = time.process_time()
    lines = []
    for record in records:
        pages = verify_eval.split_pages(record["document"])
        sources = [SourceDoc(text, title=title, url=url) for _, text, title, url in pages]
        verdict, assessment = assess_claim(record["claim"], sources,
                                           context=record.get("claim_context"))
        lines += [repr(verdict), repr(assessment)]
    spent = time.process_time() - started
    target.write_text("\n".join(lines) + "\n")
    print(f"{len(records)} claims, {spent:.2f} s of CPU verifying them; written to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Same input, same verdict, in every process; long pages end within their budget."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from citeaudit.verify import Label, verify_claim
from citeaudit.verify.align import source_index, term_aliases
from citeaudit.verify.units import claim_units
from tests.support.children import die_with_parent

SRC = Path(__file__).resolve().parents[1] / "src"

# Several page words are equally close to the misspelt claim word ("lanternmaker" variants), so
# a candidate list built by iterating a set would pick a different one per process.
SCRIPT = r"""
import json
from citeaudit.verify import verify_claim
page = ("The harbour authority recorded lanternmakerr, lanternmakerx and lanternmakerz "
        "markings on the hulls.\n"
        "Inspectors of the harbour found the markings in 1998 on every vessel.\n")
v = verify_claim("Inspectors of the harbour found lanternmakerq markings on every vessel "
                 "in 1998.", page)
# A nationality matched through WordNet and a year naming a prize go through the lexicon's
# and the named-year check's candidate lists too.
w = verify_claim("The Italian sailor Mara Quist is eligible for the 2018 prize.",
                 "Mara Quist, Italy, won the 2016 prize and the 2020 prize for sailors.\n"
                 "Country: Italy. Sport: Sailing.\n")
print(json.dumps([v.to_dict(), w.to_dict()], sort_keys=True))
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, timeout=120, check=True,
                         preexec_fn=die_with_parent)
    return out.stdout


def test_the_verdict_is_the_same_under_two_hash_seeds() -> None:
    first, second = _run("1"), _run("4242")
    assert first == second
    assert [v["verdict"] for v in json.loads(first)] == [json.loads(first)[0]["verdict"],
                                                         "partially_supported"]


def test_variant_spellings_are_chosen_in_sorted_order() -> None:
    index = source_index("Markings lanternmakerz, lanternmakerx and lanternmakerr were seen "
                         "on the hulls.\n")
    units = [u for u in claim_units("lanternmakerq markings")
             if u.key.startswith("lanternmaker")]
    aliases = term_aliases(units, index, {})
    assert aliases[units[0].key][0] == ["lanternmakerr"]


def test_a_page_beyond_the_size_limit_is_compared_on_its_first_part_and_never_not_found(
        monkeypatch) -> None:
    from citeaudit.verify import thresholds as th
    monkeypatch.setattr(th, "MAX_SOURCE_CHARS", 2_000)
    page = "Filler sentence about the weather in the valley today.\n" * 200
    verdict = verify_claim("The observatory recorded 312 meteors over Kiruna in 1987.", page)
    assert verdict.label is Label.UNVERIFIABLE
    assert "too long" in verdict.reason


def test_running_out_of_time_is_unverifiable_not_a_negative_verdict() -> None:
    page = "The bridge opened to traffic in 1932 after four years of work.\n" * 50
    verdict = verify_claim("The bridge opened in 1932.", page, budget_s=-1.0)
    assert verdict.label is Label.UNVERIFIABLE
    assert "budget" in verdict.checks[0].detail

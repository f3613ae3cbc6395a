"""The shifted-notes example end to end through the CLI, and the ANKASAM example beside it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from citeaudit.cli import main
from tests.test_examples import _records

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "shifted"
ANKASAM = ROOT / "examples" / "ankasam"


def _audit_json(capsys, example: Path) -> dict:
    code = main(["audit", str(example / "article.txt"), "--replay",
                 str(example / "capture.warc.gz"), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    data["exit"] = code
    return data


def test_the_readme_command_reports_one_shifted_notes_finding_for_the_run(capsys):
    data = _audit_json(capsys, EXAMPLE)
    kinds = sorted((f["kind"], f["note"] or f["claim"]) for f in data["findings"])
    assert kinds == [("not_found", "1"), ("shifted_notes", None), ("uncited_claim", "u1")]
    [finding] = [f for f in data["findings"] if f["kind"] == "shifted_notes"]
    shift = finding["shift"]
    assert (shift["first_note"], shift["last_note"], shift["offset"]) == ("1", "5", 1)
    assert [(p["note"], p["cited_note"]) for p in shift["pairs"]] == [
        ("1", "2"), ("2", "3"), ("3", "4"), ("4", "5")]
    assert finding["fix"].startswith("renumber the markers: [2] → [1], [3] → [2], [4] → [3], "
                                     "[5] → [4]")
    assert data["exit"] == 1  # shifted_notes fails a run by default, as misplaced_note does


def test_the_capture_answers_every_request_of_the_shifted_example(capsys):
    data = _audit_json(capsys, EXAMPLE)
    reasons = [link["reason"] for note in data["notes"] for link in note["links"]]
    reasons += [fail["message"] for note in data["notes"] for link in note["links"]
                for fail in link["archive_failures"]]
    assert not [r for r in reasons if "not in capture" in r]
    assert all(link["outcome"] == "ok" and link["archive_status"] == "none"
               for note in data["notes"] for link in note["links"])


def test_the_shifted_capture_is_rebuilt_from_its_readable_sources(tmp_path):
    out = tmp_path / "capture.warc.gz"
    done = subprocess.run([sys.executable, str(EXAMPLE / "build_capture.py"), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _records(out) == _records(EXAMPLE / "capture.warc.gz")


def test_every_page_of_the_shifted_example_says_it_is_made_up():
    pages = list((EXAMPLE / "pages").glob("*.html"))
    assert len(pages) == 5
    for page in pages:
        assert "Illustrative stand-in written for the citeaudit example" in page.read_text()


def test_the_ankasam_pages_bear_out_one_shifted_note_so_it_stays_a_misplaced_note(capsys):
    data = _audit_json(capsys, ANKASAM)
    assert not [f for f in data["findings"] if f["kind"] == "shifted_notes"]
    assert [(f["note"], f["claim"]) for f in data["findings"]
            if f["kind"] == "misplaced_note"] == [("2", "c2")]

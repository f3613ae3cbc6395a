"""The bundled example: its capture answers the whole audit offline, with the intended findings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from citeaudit.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ankasam"
ARTICLE = EXAMPLE / "article.txt"
CAPTURE = EXAMPLE / "capture.warc.gz"

INTENDED = [  # (kind, note) for every finding tied to a note; see examples/ankasam/README.md
    ("content_drift", "4"),
    ("dead_link_archived", "2"),
    ("misplaced_note", "2"),
    ("not_found", "1"),
]


def _audit_json(capsys) -> dict:
    code = main(["audit", str(ARTICLE), "--replay", str(CAPTURE), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    data["exit"] = code
    return data


def test_the_readme_command_finds_exactly_the_intended_problems(capsys):
    data = _audit_json(capsys)
    found = sorted((f["kind"], f["note"]) for f in data["findings"] if f["note"])
    assert found == INTENDED
    assert data["exit"] == 1  # not_found, content_drift and misplaced_note fail by default
    assert all(f["kind"] == "uncited_claim" for f in data["findings"] if not f["note"])


def test_the_capture_answers_every_request_of_the_audit(capsys):
    data = _audit_json(capsys)
    reasons = [link["reason"] for note in data["notes"] for link in note["links"]]
    reasons += [fail["message"] for note in data["notes"] for link in note["links"]
                for fail in link["archive_failures"]]
    assert not [r for r in reasons if "not in capture" in r]
    assert all(note["archive"] for note in data["notes"] if note["urls"])


def test_the_drifted_note_rests_on_the_copy_from_the_access_date(capsys):
    claim = next(c for c in _audit_json(capsys)["claims"] if c["notes"] == ["4"])
    assert (claim["verdict"], claim["source"], claim["live_verdict"]) == (
        "supported", "archive", "contradicted")
    assert "20240626" in claim["source_url"]


def _records(path: Path) -> list[tuple[str, str, bytes]]:
    with path.open("rb") as stream:
        return sorted(
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(stream) if r.rec_type == "response"
        )


def test_the_capture_is_rebuilt_from_its_readable_sources(tmp_path):
    out = tmp_path / "capture.warc.gz"
    done = subprocess.run([sys.executable, str(EXAMPLE / "build_capture.py"), str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _records(out) == _records(CAPTURE)


def test_every_stand_in_page_says_it_is_one():
    for page in (EXAMPLE / "pages").glob("*.html"):
        assert "Illustrative stand-in written for the citeaudit example" in page.read_text()


def test_the_library_example_runs_offline():
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "library_usage.py")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "note 4: content_drift" in done.stdout
    assert "contradicted" in done.stdout

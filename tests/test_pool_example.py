"""The essay example: a noteless article checked offline against the stand-in pages."""

from __future__ import annotations

import json
from pathlib import Path

from citeaudit.cli import main
from citeaudit.warc import iter_exchanges
from tests.support.scripts import load_script

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "essay"
POLITICO_COPY = ("https://web.archive.org/web/20240626180000/https://www.politico.eu/article/"
                 "vladimir-putin-would-use-north-korean-troops-cannon-fodder-us-says/")


def _audit(capsys, capture: Path) -> dict:
    main(["audit", str(EXAMPLE / "essay.txt"), "--sources", str(capture), "--format", "json"])
    return json.loads(capsys.readouterr().out)


def test_the_readme_command_shows_the_13000_against_11000_contradiction(capsys):
    data = _audit(capsys, EXAMPLE / "sources.warc.gz")
    against = [f for f in data["findings"] if f["kind"] == "contradicted_by_source"]
    assert {f["url"] for f in against} >= {POLITICO_COPY}
    copy = next(f for f in against if f["url"] == POLITICO_COPY)
    assert copy["reason"].startswith(
        "the claim says 13,000 containers but the page says 11,000 containers")
    assert "more than 11,000 containers of ammunition" in copy["reason"]
    sentence = next(u for u in data["uncited"] if u["id"] == copy["claim"])
    assert "more than 13,000 containers" in sentence["text"]
    # No stand-in page clearly supports any sentence: the rest stay uncited claims.
    kinds = {f["kind"] for f in data["findings"]}
    assert kinds == {"uncited_claim", "contradicted_by_source"}
    assert len(data["pool"]["pages"]) == 5


def test_the_ankasam_capture_serves_as_a_pool_too(capsys):
    data = _audit(capsys, ROOT / "examples" / "ankasam" / "capture.warc.gz")
    against = {f["url"] for f in data["findings"] if f["kind"] == "contradicted_by_source"}
    assert POLITICO_COPY in against


def test_the_committed_capture_is_what_the_build_script_writes(tmp_path):
    # Loaded under a name of its own: the ANKASAM example's script has the same file name.
    build_capture = load_script(EXAMPLE / "build_capture.py", "essay_build_capture")
    fresh = tmp_path / "sources.warc.gz"
    build_capture.build(fresh)

    def pages(path: Path) -> list[tuple[str, bytes]]:
        return [(x.url, x.body) for x in iter_exchanges(path)]

    assert pages(fresh) == pages(EXAMPLE / "sources.warc.gz")


def test_an_article_matched_against_its_own_pages_gets_no_pool_finding_about_them(capsys):
    ankasam = ROOT / "examples" / "ankasam"
    capture = ankasam / "capture.warc.gz"
    main(["audit", str(ankasam / "article.txt"), "--replay", str(capture), "--sources",
          str(capture), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    # Its pages are its own notes' pages (or their copies): the drifted live page that
    # contradicts sentence 4 is not news, and note 2's better page is already a misplaced note.
    pool_kinds = {"contradicted_by_source", "supported_by_source", "better_source_available"}
    assert [f for f in data["findings"] if f["kind"] in pool_kinds] == []
    assert len(data["pool"]["pages"]) == 5
    assert any(c["pool_matches"] for c in data["claims"])

"""``citeaudit audit --sources`` end to end: a better source for a failed note, every format."""

from __future__ import annotations

import json

import pytest

from citeaudit.audit import audit
from citeaudit.cli import main
from citeaudit.config import Config, HttpConfig
from citeaudit.report import FindingKind
from tests.support.site import Site, html_page

HTTP = HttpConfig(allow_private=True, per_host_interval=0.0, retries=0, deadline=10.0)
HARBOUR = "The city council approved a budget of 4.2 million euros for the harbour on Tuesday."
STADIUM = "The stadium will seat 45,000 spectators after its renovation, the club said."
ARTICLE = """\
The council approved a budget of 4.2 million euros for the harbour on Tuesday.[1] \
The stadium will seat 45,000 spectators after its renovation.

[1] "Council budget", Loopback Times, {base}/own, (Access Date: 27.06.2024).
"""


@pytest.fixture(scope="module")
def site():
    web = Site({
        # The note's own page is about something else: the sentence is not found there.
        "/own": html_page("Council budget", "The council met on Tuesday to discuss parking "
                          "fees in the old town.", "Residents asked for more benches."),
        "/harbour": html_page("Harbour budget approved", HARBOUR),
        "/stadium": html_page("Stadium plans", STADIUM),
    })
    with web.running():
        yield web


@pytest.fixture
def article(site, tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.format(base=site.base), encoding="utf-8")
    return path


def test_a_pool_page_supporting_a_sentence_its_note_fails_is_a_better_source(site, article):
    report = audit(article, Config(http=HTTP, archives=()),
                   sources=[site.url("/harbour"), site.url("/stadium")])
    assert report.claim("c1").verdict.label.value == "not_found"
    better = report.findings_of(FindingKind.BETTER_SOURCE_AVAILABLE)
    assert [(f.note, f.claim, f.url) for f in better] == [("1", "c1", site.url("/harbour"))]
    assert "4.2 million euros" in better[0].reason
    supported = report.findings_of(FindingKind.SUPPORTED_BY_SOURCE)
    assert [(f.claim, f.url) for f in supported] == [("u1", site.url("/stadium"))]
    assert report.findings_of(FindingKind.UNCITED_CLAIM) == []
    assert [m.url for m in report.claim("c1").pool_matches] == [site.url("/harbour")]


def test_a_pool_holding_the_notes_own_page_offers_it_as_no_better_source(site, article):
    report = audit(article, Config(http=HTTP, archives=()), sources=[site.url("/own")])
    assert report.findings_of(FindingKind.BETTER_SOURCE_AVAILABLE) == []


def test_the_json_report_carries_the_pool_and_each_sentences_matches(site, article, capsys):
    code = main(["audit", str(article), "--format", "json", "--archive", "none",
                 "--allow-private", "--sources", site.url("/harbour"), site.url("/stadium"),
                 site.url("/nowhere")])
    data = json.loads(capsys.readouterr().out)
    assert code == 1  # not_found stays in the default --fail-on
    assert [p["url"] for p in data["pool"]["pages"]] == [site.url("/harbour"),
                                                        site.url("/stadium")]
    assert data["pool"]["pages"][0]["title"] == "Harbour budget approved"
    assert data["pool"]["pages"][0]["origin"] == site.url("/harbour")
    assert data["pool"]["unread"] == [{"origin": site.url("/nowhere"),
                                      "reason": f"could not fetch {site.url('/nowhere')}: "
                                                "HTTP 404"}]
    assert data["pool"]["sentences"] == 2
    assert [m["stance"] for m in data["claims"][0]["pool_matches"]] == ["supports"]
    assert data["uncited"][0]["pool_matches"][0]["url"] == site.url("/stadium")
    assert HARBOUR in data["claims"][0]["pool_matches"][0]["passage"]
    kinds = {f["kind"] for f in data["findings"]}
    assert {"better_source_available", "supported_by_source"} <= kinds


@pytest.mark.parametrize("fmt", ["text", "md", "csv", "html", "junit", "sarif"])
def test_every_report_format_carries_the_pool_findings(site, article, fmt, capsys):
    main(["audit", str(article), "--format", fmt, "--archive", "none", "--allow-private",
          "--no-color", "--sources", site.url("/harbour"), site.url("/stadium")])
    out = capsys.readouterr().out
    assert "better_source_available" in out
    assert "supported_by_source" in out


def test_the_text_report_says_which_sources_could_not_be_read(site, article, capsys):
    main(["audit", str(article), "--archive", "none", "--allow-private", "--no-color",
          "--sources", site.url("/nowhere")])
    out = capsys.readouterr().out
    assert "Source pool: 0 pages, 1 could not be read" in out
    assert "source not read, so not compared" in " ".join(out.split())
    assert "supported_by_source" not in out


def test_a_missing_source_is_a_one_line_error_before_anything_is_fetched(site, article,
                                                                         capsys, tmp_path):
    before = len(site.requests)
    code = main(["audit", str(article), "--archive", "none", "--allow-private",
                 "--sources", str(tmp_path / "gone.warc.gz")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == f"citeaudit: error: --sources: {tmp_path / 'gone.warc.gz'}: no such file or " \
                  "folder\n"
    assert len(site.requests) == before

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


def test_a_sentence_whose_cited_link_is_dead_gets_the_pool_page_as_a_better_source(site,
                                                                                   tmp_path):
    path = tmp_path / "dead.txt"
    path.write_text(
        "The council approved a budget of 4.2 million euros for the harbour on Tuesday.[1]\n\n"
        f'[1] "Council budget", Loopback Times, {site.url("/gone")}, '
        "(Access Date: 27.06.2024).\n", encoding="utf-8")
    report = audit(path, Config(http=HTTP, archives=()), sources=[site.url("/harbour")])
    assert report.claim("c1").verdict is None
    better = report.findings_of(FindingKind.BETTER_SOURCE_AVAILABLE)
    assert [(f.note, f.url) for f in better] == [("1", site.url("/harbour"))]
    assert "(dead link)" in better[0].reason


def test_a_pool_contradiction_is_not_reported_where_another_pool_page_supports(site,
                                                                               tmp_path):
    folder = tmp_path / "pool"
    folder.mkdir()
    (folder / "a.html").write_text(html_page(
        "Shipments", "North Korea has supplied more than 11,000 containers of ammunition to "
        "Russia since autumn 2023, US officials said.").body, "utf-8")
    article = ("North Korea has supplied more than 11,000 containers of ammunition to Russia "
               "since autumn 2023.\n")
    (folder / "b.html").write_text(html_page(
        "Update", "North Korea has supplied more than 16,000 containers of ammunition to "
        "Russia, officials said.").body, "utf-8")
    report = audit(article, Config(archives=()), sources=[folder])
    assert [f.kind for f in report.findings] == [FindingKind.SUPPORTED_BY_SOURCE]
    stances = [m.stance.value for m in report.pool.for_claim("u1")]
    assert stances == ["supports", "contradicts"]  # both listed; only support is a finding


def test_a_url_source_missing_from_a_replayed_capture_is_unread_not_unsupported(tmp_path,
                                                                                 capsys):
    import datetime as dt

    from citeaudit.warc import Exchange, write_exchanges

    capture = tmp_path / "capture.warc.gz"
    write_exchanges(capture, [Exchange(
        "https://news.example/harbour", 200, {"Content-Type": "text/html; charset=utf-8"},
        html_page("Harbour", HARBOUR).body.encode(), dt.datetime(2024, 6, 27, tzinfo=dt.UTC))])
    article = tmp_path / "a.txt"
    article.write_text(HARBOUR + "\n", encoding="utf-8")
    code = main(["audit", str(article), "--replay", str(capture), "--archive", "none",
                 "--format", "json", "--sources", "https://news.example/harbour",
                 "https://news.example/elsewhere"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [p["url"] for p in data["pool"]["pages"]] == ["https://news.example/harbour"]
    [unread] = data["pool"]["unread"]
    assert unread["origin"] == "https://news.example/elsewhere"
    assert unread["reason"].startswith("could not fetch https://news.example/elsewhere: ")
    assert [f["kind"] for f in data["findings"]] == ["supported_by_source"]


def test_the_library_refuses_a_missing_source_before_reading_the_article(tmp_path):
    import citeaudit
    from citeaudit.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        citeaudit.audit(tmp_path / "not-there.txt", sources=[tmp_path / "missing"])


def test_the_html_report_shows_each_sentences_pool_pages_in_its_evidence_panel(site, article,
                                                                               capsys):
    main(["audit", str(article), "--format", "html", "--archive", "none", "--allow-private",
          "--sources", site.url("/harbour"), site.url("/stadium")])
    out = capsys.readouterr().out
    panel = out[out.index('id="ev-u1"'):]
    panel = panel[:panel.index("</section>")]
    assert "Pool page" in panel and "Stadium plans" in panel
    assert "45,000 spectators after its renovation, the club said." in panel
    assert "Source pool: 2 pages" in out


def test_a_damaged_capture_fails_in_one_line_before_the_articles_links_are_checked(
        site, article, capsys, tmp_path):
    capture = tmp_path / "cut.warc.gz"
    capture.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n")  # cut off mid-header
    before = len(site.requests)
    code = main(["audit", str(article), "--archive", "none", "--allow-private",
                 "--sources", str(capture)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"citeaudit: error: --sources: capture {capture} ")
    assert err.count("\n") == 1
    assert len(site.requests) == before


def test_one_source_may_be_given_as_a_single_path(site, article, tmp_path):
    saved = tmp_path / "harbour.html"
    saved.write_text(html_page("Harbour budget approved", HARBOUR).body, "utf-8")
    report = audit(article, Config(http=HTTP, archives=()), sources=saved)
    assert [p.url for p in report.pool.pages] == [str(saved)]

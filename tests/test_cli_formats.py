"""The ``--format csv``, ``md`` and ``html`` of notes, links, archive and watch report.

Each CSV has the header its ``--help`` documents and one row per item; each
Markdown output has its table header and one table row per item; each HTML
page one table row per item.
"""

from __future__ import annotations

import csv
import io

import pytest
import requests
import responses
from bs4 import BeautifulSoup

import citeaudit.http
from citeaudit.archive.wayback import AVAILABILITY_URL, CDX_URL
from citeaudit.cli import main
from citeaudit.cli.common import ExitCode
from citeaudit.report.csv_table import LOOKUP_COLUMNS
from citeaudit.watch.report import CSV_COLUMNS
from tests.support.web import LoopbackWeb
from tests.test_cli_links import STORY
from tests.test_watch_cli import site, watch_cmd  # noqa: F401
from tests.test_watch_web import time_web_fixture  # noqa: F401

PAGE = "https://www.kyivpost.com/post/34571"
CDX_HEADER = ["timestamp", "original", "statuscode", "mimetype"]


@pytest.fixture(autouse=True)
def _no_archive_spacing(monkeypatch):
    # the 3 s spacing for the Internet Archive's hosts is for real runs, not fakes
    monkeypatch.setattr(citeaudit.http, "DEFAULT_HOST_INTERVALS", {})


def _csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    header, *rows = list(csv.reader(io.StringIO(text)))
    return header, [dict(zip(header, row, strict=True)) for row in rows]


def _md_rows(text: str, header: str) -> list[str]:
    """The body rows of the Markdown table whose header line is ``header``."""
    lines = text.splitlines()
    start = lines.index(header)
    assert lines[start + 1].startswith("|---|")
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    return rows


def _one_claim_article(tmp_path, claim: str):
    """An article whose one sentence, ``claim``, cites its one note."""
    article = tmp_path / "article.txt"
    article.write_text(f"Port\n\n{claim[:-1]}.[1]\n\n"
                       "[1] “Port statistics”, Gazette, https://example.org/port.\n",
                       encoding="utf-8")
    return article


# --- notes ---------------------------------------------------------------------------------


def test_notes_markdown_has_a_table_row_per_note_and_per_claim(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt"), "--format", "md"]) == ExitCode.OK
    out = capsys.readouterr().out
    notes = _md_rows(out, "| Note | Kind | Ibid of | Title | Publisher | URL | Accessed |")
    assert len(notes) == 5 and notes[0].startswith("| 1 |")
    assert len(_md_rows(out, "| Claim | Notes | Text |")) == 5
    assert "## Uncited claims (checkable, no note)" in out


def test_notes_markdown_escapes_a_pipe_in_a_cell(tmp_path, capsys):
    article = _one_claim_article(tmp_path, "The port moved 3 | 4 million tonnes.")
    assert main(["notes", str(article), "--format", "md"]) == ExitCode.OK
    [row] = _md_rows(capsys.readouterr().out, "| Claim | Notes | Text |")
    assert "3 \\| 4 million" in row
    assert row.replace("\\|", "").count("|") == 4  # three cells: the escaped pipe splits none


def test_notes_html_is_one_page_with_a_row_per_note_and_claim(data_dir, capsys):
    assert main(["notes", str(data_dir / "ankasam.txt"), "--format", "html"]) == ExitCode.OK
    soup = BeautifulSoup(capsys.readouterr().out, "html.parser")
    assert len(soup.select("#notes tbody tr")) == 5
    assert len(soup.select("#claims tbody tr")) == 5
    assert [th.get_text() for th in soup.select("#claims thead th")] == ["Claim", "Notes", "Text"]
    assert not soup.select("link, img, iframe, script[src]")


def test_notes_html_escapes_article_text(tmp_path, capsys):
    article = _one_claim_article(tmp_path, "The <script>alert(1)</script> port moved 4 million.")
    assert main(["notes", str(article), "--format", "html"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "<script>alert" not in out and "&lt;script&gt;alert(1)" in out


# --- links ---------------------------------------------------------------------------------


def test_links_markdown_has_a_row_per_url_and_a_count(loopback_web: LoopbackWeb, capsys):
    ok, gone = loopback_web.ip_url(STORY + "?md=1"), loopback_web.ip_url("/gone?md=1")
    assert main(["links", ok, gone, "--allow-private", "--format", "md", "-q"]) == 1
    out = capsys.readouterr().out
    rows = _md_rows(out, "| URL | Outcome | Status | Final URL | Reason |")
    assert [row.split(" | ")[1:3] for row in rows] == [["ok", "200"], ["broken", "410"]]
    assert "2 links: 1 ok, 1 broken." in out


def test_links_markdown_written_with_o(loopback_web: LoopbackWeb, tmp_path, capsys):
    out = tmp_path / "links.md"
    url = loopback_web.ip_url(STORY + "?md=2")
    assert main(["links", url, "--allow-private", "--format", "md", "-o", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert len(_md_rows(out.read_text(), "| URL | Outcome | Status | Final URL | Reason |")) == 1


def test_links_html_has_a_row_per_url_filterable_by_outcome(loopback_web: LoopbackWeb, capsys):
    ok, gone = loopback_web.ip_url(STORY + "?html=1"), loopback_web.ip_url("/gone?html=1")
    assert main(["links", ok, gone, "--allow-private", "--format", "html", "-q"]) == 1
    soup = BeautifulSoup(capsys.readouterr().out, "html.parser")
    rows = soup.select("#links tbody tr")
    assert [(r["data-kind"], r.select_one("a")["href"]) for r in rows] == [
        ("ok", ok), ("broken", gone)]
    boxes = soup.select('fieldset.filters[data-target="#links tbody tr"] input')
    assert sorted(b["value"] for b in boxes) == ["broken", "ok"]


# --- archive -------------------------------------------------------------------------------


@responses.activate
def test_archive_csv_has_one_row_per_snapshot_with_signed_days(capsys):
    responses.get(CDX_URL, json=[CDX_HEADER, ["20240703081122", PAGE, "200", "text/html"],
                                 ["20240620101512", PAGE, "200", "text/html"]])
    code = main(["archive", PAGE, "--date", "2024-06-28", "--limit", "2", "--format", "csv"])
    header, rows = _csv(capsys.readouterr().out)
    assert code == ExitCode.OK
    assert tuple(header) == LOOKUP_COLUMNS
    assert [(r["row"], r["archive"], r["days_from_access"]) for r in rows] == [
        ("snapshot", "wayback", "-8"), ("snapshot", "wayback", "5"),
    ]
    assert rows[0]["snapshot_url"] == f"https://web.archive.org/web/20240620101512/{PAGE}"
    assert rows[0]["access_date"] == "2024-06-28" and rows[0]["status"] == "200"


@responses.activate
def test_archive_csv_says_none_when_every_archive_answered_empty(capsys):
    responses.get(CDX_URL, json=[])
    assert main(["archive", PAGE, "--format", "csv"]) == ExitCode.FINDINGS
    _, rows = _csv(capsys.readouterr().out)
    assert [r["row"] for r in rows] == ["none"]


@responses.activate
def test_archive_csv_an_unreachable_archive_is_could_not_check_never_none(capsys):
    responses.get(CDX_URL, body=requests.ConnectionError("connection refused"))
    responses.get(AVAILABILITY_URL, body=requests.ConnectionError("refused"))
    assert main(["archive", PAGE, "--format", "csv"]) == ExitCode.INCOMPLETE
    _, rows = _csv(capsys.readouterr().out)
    assert [(r["row"], r["archive"], r["problem"]) for r in rows] == [
        ("could_not_check", "wayback", "network_error")
    ]


def test_archive_csv_with_archives_disabled_is_one_disabled_row(capsys):
    with responses.RequestsMock() as mock:  # any request would fail the test
        code = main(["archive", PAGE, "--archive", "none", "--format", "csv"])
        assert not mock.calls
    assert code == ExitCode.FINDINGS
    _, rows = _csv(capsys.readouterr().out)
    assert [r["row"] for r in rows] == ["disabled"]


@responses.activate
def test_archive_markdown_has_a_row_per_snapshot(tmp_path, capsys):
    responses.get(CDX_URL, json=[CDX_HEADER, ["20240620101512", PAGE, "200", "text/html"]])
    out = tmp_path / "a.md"
    assert main(["archive", PAGE, "--date", "2024-06-28", "--format", "md",
                 "-o", str(out)]) == ExitCode.OK
    [row] = _md_rows(out.read_text(), "| Captured | From access date | Archive | Snapshot |")
    assert "| 2024-06-20 10:15:12 UTC | 8 days before | wayback |" in row


@responses.activate
def test_archive_markdown_names_an_archive_it_could_not_ask(capsys):
    responses.get(CDX_URL, body=requests.ConnectionError("connection refused"))
    responses.get(AVAILABILITY_URL, body=requests.ConnectionError("refused"))
    assert main(["archive", PAGE, "--format", "md"]) == ExitCode.INCOMPLETE
    out = capsys.readouterr().out
    assert "No snapshot found so far." in out
    assert "**Could not check** wayback: network_error" in out


# --- watch report --------------------------------------------------------------------------


def test_watch_report_csv_has_one_row_per_reported_url(site, time_web, tmp_path, capsys):  # noqa: F811
    article, harbour, _ = site
    db = tmp_path / "w.sqlite3"
    assert watch_cmd(db, "add", str(article)) == 0
    assert watch_cmd(db, "run", "--allow-private") == 0
    capsys.readouterr()
    assert watch_cmd(db, "report", "--format", "csv") == 0
    header, rows = _csv(capsys.readouterr().out)
    assert tuple(header) == CSV_COLUMNS and rows == []  # nothing changed: a header alone
    time_web.drop(harbour)
    assert watch_cmd(db, "run", "--allow-private", "--failures", "1",
                     "--spacing-days", "0") == 1
    capsys.readouterr()
    assert watch_cmd(db, "report", "--format", "csv") == 1
    _, rows = _csv(capsys.readouterr().out)
    assert [(r["section"], r["url"], r["state"]) for r in rows] == [
        ("newly_dead", harbour, "dead")
    ]
    assert rows[0]["cited_in"] == f"{article.resolve()} [1]"
    assert rows[0]["outcome"] == "broken" and rows[0]["status"] == "404"

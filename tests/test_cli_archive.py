"""``citeaudit archive``: output, exit codes, and archives chosen on the command line."""

from __future__ import annotations

import json

import pytest
import requests
import responses

import citeaudit.http
from citeaudit.archive.wayback import AVAILABILITY_URL, CDX_URL
from citeaudit.cli import main
from citeaudit.cli.common import ExitCode
from tests.support.pywb_archive import NOT_ARCHIVED, REPORT

PAGE = "https://www.kyivpost.com/post/34571"
HEADER = ["timestamp", "original", "statuscode", "mimetype"]


@pytest.fixture(autouse=True)
def _no_archive_spacing(monkeypatch):
    # the 3 s spacing for the Internet Archive's hosts is for real runs, not fakes
    monkeypatch.setattr(citeaudit.http, "DEFAULT_HOST_INTERVALS", {})


@responses.activate
def test_text_output_names_the_snapshot_and_its_distance_from_the_access_date(capsys):
    responses.get(CDX_URL, json=[HEADER, ["20240703081122", PAGE, "200", "text/html"],
                                 ["20240620101512", PAGE, "200", "text/html"]])

    code = main(["archive", PAGE, "--date", "2024-06-28"])

    out = capsys.readouterr().out
    assert code == ExitCode.OK
    assert "2024-06-20 10:15:12 UTC" in out
    assert "8 days before" in out
    assert f"https://web.archive.org/web/20240620101512/{PAGE}" in out


@responses.activate
def test_json_output_carries_the_snapshot_fields(capsys):
    responses.get(CDX_URL, json=[HEADER, ["20240703081122", PAGE, "200", "text/html"]])

    code = main(["archive", PAGE, "--date", "2024-06-28", "--format", "json"])

    data = json.loads(capsys.readouterr().out)
    assert code == ExitCode.OK
    [snap] = data["snapshots"]
    assert snap == {
        "url": f"https://web.archive.org/web/20240703081122/{PAGE}",
        "datetime": "2024-07-03T08:11:22Z", "days_from_access": 5, "original": PAGE,
        "archive": "wayback", "status": 200, "before_access": False,
    }
    assert data["access_date"] == "2024-06-28"
    assert data["failures"] == [] and data["saved"] is None


@responses.activate
def test_no_snapshot_exits_1(capsys):
    responses.get(CDX_URL, json=[])
    assert main(["archive", PAGE, "--date", "2024-06-28"]) == ExitCode.FINDINGS
    assert "no snapshot found" in capsys.readouterr().out


@responses.activate
def test_an_archive_that_cannot_be_reached_is_could_not_complete_not_no_copy(capsys):
    responses.get(CDX_URL, body=requests.ConnectionError("connection refused"))
    responses.get(AVAILABILITY_URL, body=requests.ConnectionError("refused"))

    code = main(["archive", PAGE, "--date", "2024-06-28", "--format", "json"])

    captured = capsys.readouterr()
    data = json.loads(captured.out)
    # "Could not ask" is never "no copy": status 3, not the 1 of a finding.
    assert code == ExitCode.INCOMPLETE
    assert "could not complete" in captured.err
    assert [(f["archive"], f["problem"]) for f in data["failures"]] == [
        ("wayback", "network_error")
    ]


@pytest.mark.slow
def test_a_memento_archive_given_by_timemap_prefix_is_asked(pywb_archive, capsys):
    code = main(["archive", REPORT, "--date", "2024-06-28", "--allow-private",
                 "--archive", f"pywb={pywb_archive.timemap_prefix}"])
    out = capsys.readouterr().out
    assert code == ExitCode.OK
    assert "2024-06-20 10:00:00 UTC  8 days before" in out
    assert "pywb" in out


@pytest.mark.slow
def test_a_url_no_archive_holds_exits_1(pywb_archive, capsys):
    code = main(["archive", NOT_ARCHIVED, "--date", "2024-06-28", "--allow-private",
                 "--archive", pywb_archive.timemap_prefix])
    assert code == ExitCode.FINDINGS


def test_archive_none_disables_look_ups_and_sends_nothing(capsys):
    with responses.RequestsMock() as mock:  # any request would fail the test
        code = main(["archive", PAGE, "--archive", "none"])
        assert not mock.calls
    assert code == ExitCode.FINDINGS
    assert "disabled" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["archive", PAGE, "--date", "28.06.2024"], "not a YYYY-MM-DD date"),
    (["archive", PAGE, "--archive", "wayback-machine"], "unknown archive"),
    (["archive", "www.kyivpost.com/post/34571"], "not an http(s) URL"),
    (["archive", PAGE, "--limit", "0"], "must be at least 1"),
])
def test_bad_arguments_are_usage_errors(argv, message, capsys):
    assert main(argv) == ExitCode.USAGE
    assert message in capsys.readouterr().err


@responses.activate
def test_save_missing_asks_save_page_now_with_keys_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("IA_ACCESS_KEY", "myaccesskey")
    monkeypatch.setenv("IA_SECRET_KEY", "mysecret")
    responses.get(CDX_URL, json=[])
    responses.post("https://web.archive.org/save/", json={
        "status": "error", "status_ext": "error:blocked-url",
        "message": "This URL is in the Save Page Now service block list."})

    code = main(["archive", PAGE, "--date", "2024-06-28", "--save-missing"])

    out = capsys.readouterr().out
    assert code == ExitCode.FINDINGS
    assert "save page now: blocked" in out
    [post] = [c.request for c in responses.calls if c.request.method == "POST"]
    assert post.headers["Authorization"] == "LOW myaccesskey:mysecret"


@responses.activate
def test_save_missing_does_nothing_when_a_snapshot_exists(capsys):
    responses.get(CDX_URL, json=[HEADER, ["20240620101512", PAGE, "200", "text/html"]])
    assert main(["archive", PAGE, "--date", "2024-06-28", "--save-missing"]) == ExitCode.OK
    assert all(c.request.method == "GET" for c in responses.calls)

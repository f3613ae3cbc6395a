"""Outputs under faults: bad -o caught before the run, atomic writes, full disks, closed pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from citeaudit.cli import main
from citeaudit.cli.common import ExitCode
from tests.hostile.proc import HangingWeb, citeaudit, stop, write_article

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/dev/full is Linux")


@pytest.fixture(scope="module")
def web():
    with HangingWeb().running() as running:
        yield running


@pytest.fixture
def article(web, tmp_path):
    return write_article(tmp_path, web.base, ["/ok/1", "/ok/2"])


def audit(article, *args):
    return main(["audit", str(article), "--archive", "none", "--allow-private", "--quiet",
                 *args])


def test_an_output_in_a_missing_folder_fails_before_anything_is_fetched(web, article, capsys):
    before = len(web.requests)
    assert audit(article, "-o", str(article.parent / "typo" / "report.json")) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert "no such folder" in err and err.count("\n") == 1
    assert len(web.requests) == before


def test_an_output_that_is_a_folder_is_refused_before_the_run(article, tmp_path, capsys):
    assert audit(article, "-o", str(tmp_path)) == ExitCode.USAGE
    assert "is a folder" in capsys.readouterr().err


@pytest.mark.parametrize("flag", ["-o", "--annotate"])
def test_writing_over_the_article_is_refused_unless_asked(article, flag, capsys):
    original = article.read_bytes()
    assert audit(article, flag, str(article)) == ExitCode.USAGE
    assert "is the article itself" in capsys.readouterr().err
    assert article.read_bytes() == original


def test_the_report_replaces_an_old_file_whole_and_leaves_no_temporary_file(article, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("an old report")
    os.chmod(out, 0o640)
    assert audit(article, "--format", "json", "-o", str(out)) == ExitCode.OK
    assert json.loads(out.read_text())["schema"] == "citeaudit/report/v1"
    assert oct(out.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.txt", "report.json"]


def test_annotating_the_article_in_place_keeps_its_encoding_and_line_endings(web, tmp_path):
    # A windows-1254 article with CRLF line endings, annotated onto itself when asked.
    text = ("İstanbul limanı mart ayında 11,000 konteyner taşıdı.[1]\r\n\r\n"
            f'[1] "Liman rekoru", Loopback Times, {web.base}/ok/tr, '
            "(Access Date: 27.06.2024).\r\n")
    article = tmp_path / "makale.txt"
    article.write_bytes(text.encode("cp1254"))
    # Only a dead link would fail the run: this test is about the article's bytes, not verdicts.
    code = main(["audit", str(article), "--archive", "none", "--allow-private", "--quiet",
                 "--fail-on", "dead_link",
                 "--annotate", str(article), "--overwrite-article", "-o",
                 str(tmp_path / "r.txt")])
    assert code == ExitCode.OK
    # No archive was asked, so nothing is added: the file stays byte for byte.
    assert article.read_bytes() == text.encode("cp1254")


@linux
def test_a_report_file_on_a_full_disk_is_one_line_and_the_report_still_shows(article, capsys):
    assert audit(article, "--format", "json", "-o", "/dev/full") == ExitCode.INCOMPLETE
    captured = capsys.readouterr()
    assert "cannot write the report to /dev/full" in captured.err
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert json.loads(captured.out)["schema"] == "citeaudit/report/v1"


@linux
def test_standard_output_on_a_full_disk_is_one_line_and_exit_3(data_dir):
    with open("/dev/full", "w") as full:
        proc = citeaudit("notes", str(data_dir / "ankasam.txt"), "--format", "json",
                         stdout=full, stderr=subprocess.PIPE)
        try:
            _, err = proc.communicate(timeout=120)
        finally:
            stop(proc)
    assert proc.returncode == ExitCode.INCOMPLETE, err
    assert err == "citeaudit: error: cannot write the output: No space left on device\n"


def test_a_closed_pipe_is_one_line_and_exit_3(data_dir):
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader went away (`| head` that already quit)
    try:
        proc = citeaudit("notes", str(data_dir / "ankasam.txt"), "--format", "json",
                         stdout=write_end, stderr=subprocess.PIPE)
    finally:
        os.close(write_end)
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    assert proc.returncode == ExitCode.INCOMPLETE, err
    assert err == "citeaudit: error: cannot write the output: Broken pipe\n"


@linux
def test_a_closed_standard_output_is_one_line_and_exit_3(data_dir):
    proc = citeaudit("notes", str(data_dir / "ankasam.txt"), stderr=subprocess.PIPE,
                     preexec_fn=lambda: os.close(1))
    try:
        _, err = proc.communicate(timeout=120)
    finally:
        stop(proc)
    assert proc.returncode == ExitCode.INCOMPLETE, err
    assert err == "citeaudit: error: cannot write the output: standard output is closed\n"

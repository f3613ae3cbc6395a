"""``citeaudit audit``: formats, exit codes, settings files, bad input, annotation."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from citeaudit.cli import main
from tests.support.pywb_archive import Capture, running_pywb
from tests.support.site import Site, html_page

HARBOUR = "The city council approved a budget of 4.2 million euros for the harbour on Tuesday."
ARTICLE = """\
The council approved a budget of 4.2 million euros for the harbour.[1] The stadium will seat \
45,000 spectators after its renovation.[2]

[1] "Council approves harbour budget", Loopback Times, {base}/harbour, (Access Date: 27.06.2024).
[2] "Stadium plans", Loopback Times, {base}/stadium, (Access Date: 27.06.2024).
"""


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    site = Site({"/harbour": html_page("Council approves harbour budget", HARBOUR)})
    with site.running():
        stadium = html_page("Stadium plans",
                            "The stadium will seat 45,000 spectators after its renovation.")
        captures = (Capture(f"{site.base}/stadium", dt.datetime(2024, 6, 20, tzinfo=dt.UTC), 200,
                            body=stadium.body.encode()),)
        with running_pywb(tmp_path_factory.mktemp("pywb-cli"), captures) as archive:
            yield site, archive


@pytest.fixture
def article(world, tmp_path):
    site, _ = world
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE.format(base=site.base), encoding="utf-8")
    return path


@pytest.fixture
def archive_flag(world):
    return ["--archive", f"pywb={world[1].timemap_prefix}", "--allow-private"]


def test_json_report_names_the_archived_copy_of_a_dead_link(article, archive_flag, capsys):
    code = main(["audit", str(article), "--format", "json", *archive_flag])
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "citeaudit/report/v1"
    kinds = {(f["kind"], f["note"]) for f in data["findings"]}
    assert kinds == {("dead_link_archived", "2")}
    # dead_link_archived is a warning, not in the default --fail-on
    assert code == 0


def test_fail_on_selects_which_findings_fail_the_run(article, archive_flag, capsys):
    assert main(["audit", str(article), "--format", "json", "--fail-on", "broken",
                 *archive_flag]) == 1
    capsys.readouterr()
    assert main(["audit", str(article), "--format", "json", "--fail-on", "warning",
                 *archive_flag]) == 1
    capsys.readouterr()
    assert main(["audit", str(article), "--format", "json", "--fail-on", "none",
                 *archive_flag]) == 0


def test_without_archives_the_dead_link_fails_the_default_run(article, capsys):
    code = main(["audit", str(article), "--format", "json", "--archive", "none",
                 "--allow-private"])
    data = json.loads(capsys.readouterr().out)
    assert [f["kind"] for f in data["findings"]] == ["dead_link"]
    assert code == 1


def test_output_file_and_annotated_article(article, archive_flag, tmp_path, capsys):
    out, annotated = tmp_path / "report.json", tmp_path / "annotated.txt"
    code = main(["audit", str(article), "--format", "json", "-o", str(out),
                 "--annotate", str(annotated), *archive_flag])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text())["summary"]["notes"] == 2
    text = annotated.read_text()
    assert "Archived at" in text and "/20240620" in text


def test_annotating_an_article_in_its_own_encoding_keeps_its_bytes(
    world, archive_flag, tmp_path, capsys
):
    site, _ = world
    text = ARTICLE.format(base=site.base).replace("\n", "\r\n").replace(
        "The council", "İzmir'de şehir meclisi: the council")
    article = tmp_path / "makale.txt"
    article.write_bytes(text.encode("cp1254"))
    annotated = tmp_path / "annotated.txt"
    assert main(["audit", str(article), "-o", str(tmp_path / "r.json"), "--annotate",
                 str(annotated), *archive_flag]) == 0
    got = annotated.read_bytes().decode("cp1254").split("\r\n")  # strict: still cp1254
    want = text.split("\r\n")
    assert len(got) == len(want)
    for old, new in zip(want, got, strict=True):
        if "/stadium," in old:  # the archived note gains its link, and nothing else changes
            assert new.startswith(old + " Archived at ") and "/20240620" in new
        else:
            assert new == old


@pytest.mark.parametrize(("rows", "first"), [("findings", "severity,kind"),
                                             ("notes", "note,kind,title"),
                                             ("claims", "claim,cited,notes")])
def test_csv_rows_choose_what_a_row_is(article, archive_flag, capsys, rows, first):
    assert main(["audit", str(article), "--format", "csv", "--csv-rows", rows,
                 *archive_flag]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(first)
    if rows == "notes":
        assert [line.split(",")[0] for line in lines[1:]] == ["1", "2"]
        assert ",broken,404," in lines[2] and "/20240620" in lines[2]


def test_every_format_renders(article, archive_flag, capsys):
    for fmt in ("text", "json", "md", "csv", "html"):
        assert main(["audit", str(article), "--format", fmt, "--fail-on", "none",
                     *archive_flag]) == 0
        assert capsys.readouterr().out.strip(), fmt


def test_stdin_is_read_with_a_dash(article, archive_flag, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(article.read_bytes())))
    assert main(["audit", "-", "--format", "json", "--fail-on", "none", *archive_flag]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["source"] == "<stdin>"


def test_settings_file_is_read_and_flags_win(article, archive_flag, tmp_path, monkeypatch,
                                             capsys):
    (tmp_path / "citeaudit.toml").write_text('fail_on = ["any"]\nformat = "json"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["audit", str(article), *archive_flag]) == 1
    assert json.loads(capsys.readouterr().out)["schema"] == "citeaudit/report/v1"
    assert main(["audit", str(article), "--fail-on", "none", *archive_flag]) == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["audit", "no-such-article.txt"], "no such file"),
        (["audit", "{article}", "--fail-on", "brokenn"], "unknown kind 'brokenn'"),
        (["audit", "{article}", "--archive", "ftp://nowhere"], "archive"),
        (["audit", "{folder}"], "is a folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, message, article, capsys):
    argv = [a.format(article=article, folder=article.parent) for a in argv]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_an_empty_article_on_stdin_is_an_input_error(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    assert main(["audit", "-"]) == 2
    assert "empty" in capsys.readouterr().err

"""``citeaudit links`` end to end, against the loopback web."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citeaudit.cli import main
from tests.support.web import LoopbackWeb

STORY = "/politics/harbour-budget-approved"


def _article(tmp_path: Path, web: LoopbackWeb) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(
        "Harbour budget\n\n"
        "The council approved 4.2 million euros for the harbour.[1] "
        "An earlier plan was dropped.[2]\n\n"
        f"[1] “Council approves the new harbour budget”, Loopback Gazette, "
        f"{web.ip_url(STORY + '?cli=article')}, (Access Date: 28.06.2024).\n\n"
        f"[2] “Old harbour plan”, Loopback Gazette, {web.ip_url('/gone?cli=article')}, "
        f"(Access Date: 28.06.2024).\n",
        encoding="utf-8",
    )
    return path


def test_json_lists_every_link_and_exits_1_when_some_are_broken(
    loopback_web: LoopbackWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    ok, gone = loopback_web.ip_url(STORY + "?cli=1"), loopback_web.ip_url("/gone?cli=1")
    code = main(["links", ok, gone, "--allow-private", "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [(e["url"], e["outcome"], e["status"]) for e in out["links"]] == [
        (ok, "ok", 200),
        (gone, "broken", 410),
    ]
    assert out["links"][0]["page_title"] == "Council approves the new harbour budget"


def test_text_table_and_exit_0_when_all_links_are_fine(
    loopback_web: LoopbackWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["links", loopback_web.ip_url(STORY + "?cli=2"), "--allow-private"])
    out = capsys.readouterr().out
    assert code == 0
    assert "OUTCOME" in out and STORY + "?cli=2" in out
    assert "1 links: 1 ok" in out


def test_an_article_is_checked_through_its_notes(
    loopback_web: LoopbackWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = _article(tmp_path, loopback_web)
    code = main(["links", str(article), "--allow-private", "--format", "json"])
    links = json.loads(capsys.readouterr().out)["links"]
    assert code == 1
    assert [e["outcome"] for e in links] == ["ok", "broken"]


def test_loopback_links_are_skipped_without_allow_private(
    loopback_web: LoopbackWeb, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["links", loopback_web.ip_url(STORY + "?cli=3"), "--format", "json"])
    [entry] = json.loads(capsys.readouterr().out)["links"]
    assert code == 1
    assert entry["outcome"] == "skipped"
    assert "loopback" in entry["reason"]


def test_record_then_replay_gives_the_same_answer_offline(
    loopback_web: LoopbackWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = tmp_path / "links.warc.gz"
    url = loopback_web.ip_url("/soft-404?cli=4")
    main(["links", url, "--allow-private", "--format", "json", "--record", str(capture)])
    live = json.loads(capsys.readouterr().out)["links"]
    asked = loopback_web.count("/soft-404?cli=4", host="127.0.0.1")
    # The answers came from loopback: replay obeys the same address policy as the live run.
    main(["links", url, "--allow-private", "--format", "json", "--replay", str(capture)])
    replayed = json.loads(capsys.readouterr().out)["links"]
    assert loopback_web.count("/soft-404?cli=4", host="127.0.0.1") == asked
    assert [e["outcome"] for e in replayed] == [e["outcome"] for e in live] == ["soft_404"]


def test_missing_article_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "no-such-article.txt"]) == 2
    assert "no such article file" in capsys.readouterr().err


def test_bad_timeout_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links", "http://example.org/", "--timeout", "-1"]) == 2


def test_ctrl_c_prints_what_was_checked_so_far(
    loopback_web: LoopbackWeb, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import citeaudit.cli.links as cli_links

    real = cli_links.iter_check_links

    def first_then_interrupt(*args, **kwargs):  # type: ignore[no-untyped-def]
        results = real(*args, **kwargs)
        yield next(results)
        results.close()
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_links, "iter_check_links", first_then_interrupt)
    urls = [loopback_web.ip_url("/gone?cli=5"), loopback_web.ip_url("/missing?cli=5")]
    code = main(["links", *urls, "--allow-private", "--format", "json"])
    captured = capsys.readouterr()
    assert code == 130
    assert len(json.loads(captured.out)["links"]) == 1
    assert "interrupted after 1 of 2 links" in captured.err


def test_links_of_an_article_given_by_url_are_checked_and_written_as_csv(
    loopback_web: LoopbackWeb, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.support.site import Page, Site

    ok = loopback_web.ip_url(STORY + "?cli=url-article")
    page = (f'<html><head><title>Harbour</title></head><body><p>The council approved it.'
            f'<sup><a href="#n1">1</a></sup></p><ol><li id="n1">"Harbour", Loopback Gazette, '
            f"{ok}, (Access Date: 28.06.2024).</li></ol></body></html>")
    site = Site({"/article": Page(body=page)})
    out = tmp_path / "links.csv"
    with site.running():
        code = main(["links", "--article", site.url("/article"), "--allow-private",
                     "--format", "csv", "-o", str(out)])
    assert code == 0
    lines = out.read_text().splitlines()
    assert lines[0] == "url,outcome,status,final_url,redirects,reason,page_title"
    assert lines[1].startswith(f"{ok},ok,200,")
    assert capsys.readouterr().out == ""


def test_links_with_nothing_to_check_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["links"]) == 2
    assert "nothing to check" in capsys.readouterr().err

"""The watch report: sections, per article and per site, in text, JSON, Markdown and HTML."""

from __future__ import annotations

import json

from citeaudit.watch import build_report, render
from citeaudit.watch.report import SCHEMA
from tests.test_watch_run import HARBOUR, STRIKE, harbour_article
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture  # noqa: F401


def broken_week(watch, tmp_path):
    """The harbour page dies over a week; the strike page is rewritten."""
    harbour, strike = harbour_article(watch, tmp_path, name="harbour & port.txt")
    watch.run()
    watch.web.drop(harbour)
    for _ in range(3):
        watch.clock.advance(days=3)
        watch.run()
    watch.web.set(strike, news_page("Ferries", "Ferries run twice a day in <winter>."))
    watch.clock.advance(days=3)
    watch.run()
    return harbour, strike


def test_still_failing_is_told_apart_from_newly_dead(watch, tmp_path):
    harbour, strike = broken_week(watch, tmp_path)
    latest = build_report(watch.store)  # default: since the latest run started
    assert latest.newly_dead == () and [c.url for c in latest.still_failing] == [harbour]
    assert [c.url for c in latest.drifted] == [strike]
    week = build_report(watch.store, since=watch.clock.now().replace(day=1))
    assert [c.url for c in week.newly_dead] == [harbour] and week.still_failing == ()


def test_the_json_report_is_the_documented_document(watch, tmp_path):
    harbour, strike = broken_week(watch, tmp_path)
    report = build_report(watch.store, since=watch.clock.now().replace(day=1))
    doc = json.loads(render(report, "json"))
    assert doc["schema"] == SCHEMA and doc["broke"] is True
    assert doc["summary"] == {"newly_dead": 1, "recovered": 0, "drifted": 1, "still_failing": 0}
    dead = doc["newly_dead"][0]
    assert dead["url"] == harbour and dead["outcome"] == "broken" and dead["status"] == 404
    assert dead["cited_by"] == [{"article": str(tmp_path / "harbour & port.txt"),
                                 "title": None, "note": "1"}]  # text articles have no title
    assert doc["sites"] == {
        "gazette.test": {"newly_dead": 1, "recovered": 0, "drifted": 0, "still_failing": 0},
        "wire.test": {"newly_dead": 0, "recovered": 0, "drifted": 1, "still_failing": 0},
    }
    assert doc["articles"][str(tmp_path / "harbour & port.txt")] == {
        "newly_dead": [{"url": harbour, "note": "1"}], "drifted": [{"url": strike, "note": "2"}]}
    assert doc["last_run"]["planned"] == doc["last_run"]["checked"] == 2


def test_text_markdown_and_html_show_every_section_and_escape_names(watch, tmp_path):
    harbour, strike = broken_week(watch, tmp_path)
    report = build_report(watch.store, since=watch.clock.now().replace(day=1))
    text = render(report, "text")
    assert "Newly dead (1)" in text and harbour in text and "3 spaced failure(s)" in text
    assert "By site" in text and "gazette.test: 1 newly dead" in text
    md = render(report, "md")
    assert "## Drifted (1)" in md and f"<{strike}>" in md
    assert "| gazette.test | 1 | 0 | 0 | 0 |" in md
    page = render(report, "html")
    assert "harbour &amp; port.txt" in page and "harbour & port" not in page
    assert f'<a href="{harbour}" rel="noreferrer noopener">' in page
    # newly dead, drifted, by site, by article
    assert page.count("<table ") == 4


def test_a_quiet_week_reports_nothing_broken(watch, tmp_path):
    harbour_article(watch, tmp_path)
    watch.run()
    watch.clock.advance(days=7)
    watch.run()
    report = build_report(watch.store)
    assert not report.broke
    assert "0 newly dead, 0 recovered, 0 drifted, 0 still failing" in render(report)
    assert HARBOUR and STRIKE  # the pages served were the originals throughout

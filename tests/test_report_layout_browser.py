"""The audit and watch HTML pages in headless Chromium at 375, 800 and 1,280 px.

At every width: nothing overflows sideways, every table column is on screen
and wide enough to read, long URLs wrap, the page asks for nothing outside its
own file, and its scripts log no error.  Sorting, filtering and the folding of
a long article's paragraphs without notes are clicked through.
"""

from __future__ import annotations

import pytest

from citeaudit.report import html
from citeaudit.watch.report import render_html
from tests.support import chromium as cr
from tests.support.wide_reports import LONG_URL, audit_report, long_audit_report, watch_report

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        cr.CHROMIUM is None or cr.CHROMEDRIVER is None,
        reason="no chromium/chromedriver on PATH "
        "(Debian: apt-get install chromium chromium-driver)",
    ),
]

WIDTHS = (375, 800, 1280)
MIN_COLUMN = {375: 150, 800: 56, 1280: 56}
"""The narrowest a column (or, on a phone, a card's cell) may be, in CSS pixels."""
PROSE_COLUMNS = {"Reason", "Fix", "URL", "Result", "Cited in", "Verdicts"}
PROSE_MIN = 180
"""Columns of sentences or URLs get at least this much from 800 px up (not ~100 px)."""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with cr.chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    out = {}
    for name, text in (("audit", html.render(audit_report())),
                       ("long", html.render(long_audit_report())),
                       ("watch", render_html(watch_report()))):
        path = folder / f"{name}.html"
        path.write_text(text, encoding="utf-8")
        out[name] = path.as_uri()
    return out


def _layout_problems(driver, width: int) -> list[str]:
    box = cr.measure(driver)
    problems = []
    if box["viewport"] != width:
        problems.append(f"viewport is {box['viewport']} px, not {width}")
    if box["page"] > box["viewport"]:
        problems.append(f"page is {box['page']} px wide in a {box['viewport']} px viewport")
    for t in box["tables"]:
        for cell in t["heads"] + t["cells"]:
            name = cell.get("text") or cell.get("label")
            if cell["left"] < 0 or cell["right"] > box["viewport"] + 0.5:
                problems.append(f"#{t['id']} {name}: {cell['left']:.0f}-{cell['right']:.0f} px")
            if cell["height"] <= 0:
                problems.append(f"#{t['id']} {name}: not shown")
        for cell in t["cells"]:
            least = MIN_COLUMN[width]
            if width >= 800 and cell["label"] in PROSE_COLUMNS:
                least = PROSE_MIN
            if cell["width"] < least:
                problems.append(f"#{t['id']} {cell['label']}: only {cell['width']:.0f} px wide")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ["audit", "long", "watch"])
def test_page_fits_the_screen_with_every_column_readable(browser, pages, name, width):
    cr.open_at_width(browser, pages[name], width)
    assert _layout_problems(browser, width) == []
    requested = cr.requests_made(browser)
    assert pages[name] in requested
    assert all(url.startswith(("file://", "data:")) for url in requested), requested
    assert cr.severe_console_messages(browser) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_long_url_wraps_inside_its_cell(browser, pages, width):
    from selenium.webdriver.common.by import By

    cr.open_at_width(browser, pages["audit"], width)
    anchor = browser.find_element(By.CSS_SELECTOR, f'#sources a[href="{LONG_URL}"]')
    cell = anchor.find_element(By.XPATH, "./ancestor::td")
    assert anchor.size["height"] > 2 * browser.execute_script(
        "return parseFloat(getComputedStyle(arguments[0]).lineHeight)", anchor)
    assert anchor.location["x"] + anchor.size["width"] <= cell.location["x"] + cell.size["width"]


def test_sources_table_sorts_by_a_clicked_column(browser, pages):
    from selenium.webdriver.common.by import By

    cr.open_at_width(browser, pages["audit"], 1280)

    def column(i):
        return [r.find_elements(By.TAG_NAME, "td")[i].text
                for r in browser.find_elements(By.CSS_SELECTOR, "#sources tbody tr")]

    assert column(2) == ["ok (200)", "broken (404)", "broken (410)", "blocked (403)"]
    outcome = browser.find_elements(By.CSS_SELECTOR, "#sources thead th button")[2]
    outcome.click()
    assert column(2) == ["blocked (403)", "broken (404)", "broken (410)", "ok (200)"]
    outcome.click()  # descending; equal outcomes keep their order
    assert column(2) == ["ok (200)", "broken (404)", "broken (410)", "blocked (403)"]
    assert outcome.find_element(By.XPATH, "..").get_attribute("aria-sort") == "descending"
    note = browser.find_elements(By.CSS_SELECTOR, "#sources thead th")[0]
    assert note.get_attribute("aria-sort") is None


def test_findings_filter_hides_the_unticked_kind(browser, pages):
    from selenium.webdriver.common.by import By

    cr.open_at_width(browser, pages["audit"], 800)
    rows = browser.find_elements(By.CSS_SELECTOR, "#findings tr.finding")
    assert len(rows) == 5 and all(r.is_displayed() for r in rows)
    browser.find_element(By.CSS_SELECTOR, 'fieldset.filters input[value="dead_link"]').click()
    shown = [r.get_attribute("data-kind") for r in rows if r.is_displayed()]
    assert shown == ["dead_link_archived", "not_found", "unreachable_link", "uncited_claim"]


def test_a_long_article_folds_paragraphs_without_notes_behind_a_switch(browser, pages):
    from selenium.webdriver.common.by import By

    cr.open_at_width(browser, pages["long"], 1280)
    marks = browser.find_elements(By.CSS_SELECTOR, "#article mark.claim[data-verdict=unchecked]")
    assert len(marks) == 4 and all(m.is_displayed() for m in marks)
    uncited = browser.find_elements(By.CSS_SELECTOR, "#article mark.v-uncited")
    assert len(uncited) > 100 and not any(m.is_displayed() for m in uncited)
    folds = browser.find_elements(By.CSS_SELECTOR, "#article details.fold")
    assert folds and folds[0].find_element(By.TAG_NAME, "summary").text.endswith(
        "paragraphs without notes")
    browser.find_element(By.ID, "fold-all").click()
    assert all(m.is_displayed() for m in uncited[:5])


def test_watch_sections_filter_and_say_which_copy_lost_the_claim(browser, pages):
    from selenium.webdriver.common.by import By

    cr.open_at_width(browser, pages["watch"], 375)
    drifted = browser.find_element(By.ID, "drifted")
    assert "claim c2 of articles/harbour.md: supported → not_found" in drifted.text
    assert "claim c2 of https://wiki.example.org/wiki/Harbour: supported → not_found" in (
        drifted.text)
    browser.find_element(By.CSS_SELECTOR, 'fieldset.filters input[value="drifted"]').click()
    assert not drifted.is_displayed()
    assert browser.find_element(By.ID, "newly_dead").is_displayed()

"""The HTML report in headless Chromium: what an editor sees and can click.

Chromium runs with every network path closed (a dead loopback proxy, a host
resolver that resolves nothing, background services off), so the page cannot
reach out even if it tried; the test then checks that it did not try.
"""

from __future__ import annotations

import pytest

from citeaudit.report import html
from tests.support import chromium as cr
from tests.support.reports import REUTERS_SNAPSHOT, build_report

pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        cr.CHROMIUM is None or cr.CHROMEDRIVER is None,
        reason="no chromium/chromedriver on PATH "
        "(Debian: apt-get install chromium chromium-driver)",
    ),
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with cr.chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def loaded(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html.render(build_report()), encoding="utf-8")
    cr.open_at_width(browser, path.as_uri(), 1400)  # wide: the evidence panel is beside
    browser.report_url = path.as_uri()
    return browser


def _by_css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def test_claims_are_highlighted_in_their_verdict_colours(loaded):
    supported = _by_css(loaded, 'mark[data-claim="c1"]')
    contradicted = _by_css(loaded, 'mark[data-claim="c2"]')
    assert "v-supported" in supported.get_attribute("class")
    assert "v-contradicted" in contradicted.get_attribute("class")
    assert supported.value_of_css_property("background-color") == "rgba(200, 236, 201, 1)"
    assert contradicted.value_of_css_property("background-color") == "rgba(247, 185, 180, 1)"
    assert not _by_css(loaded, "#ev-c1").is_displayed()


def test_clicking_a_claim_shows_its_evidence_beside_the_article(loaded):
    _by_css(loaded, 'mark[data-claim="c2"]').click()
    panel = _by_css(loaded, "#ev-c2")
    assert panel.is_displayed()
    assert "about 1 million artillery shells" in panel.text
    assert "1.6 million" in _by_css(loaded, "#ev-c2 .claim-text").text
    assert not _by_css(loaded, "#ev-c1").is_displayed()
    article = _by_css(loaded, "#article")
    assert panel.location["x"] >= article.location["x"] + article.size["width"]


def test_hovering_a_claim_shows_its_evidence_and_snapshot_link(loaded):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(loaded).move_to_element(_by_css(loaded, 'mark[data-claim="c1"]')).perform()
    panel = _by_css(loaded, "#ev-c1")
    assert panel.is_displayed()
    assert not _by_css(loaded, "#ev-c2").is_displayed()
    hrefs = [a.get_attribute("href") for a in panel.find_elements("css selector", "a")]
    assert REUTERS_SNAPSHOT in hrefs


def test_page_made_no_request_beyond_its_own_file_and_logged_no_errors(loaded):
    requested = cr.requests_made(loaded)
    assert loaded.report_url in requested, "the log did not record the page's own load"
    assert all(url.startswith(("file://", "data:")) for url in requested), requested
    assert cr.severe_console_messages(loaded) == []

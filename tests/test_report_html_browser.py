"""The HTML report in headless Chromium: what an editor sees and can click.

Chromium runs with every network path closed (a dead loopback proxy, a host
resolver that resolves nothing, background services off), so the page cannot
reach out even if it tried; the test then checks that it did not try.
"""

from __future__ import annotations

import json
import shutil

import pytest

from citeaudit.report import html
from tests.support.reports import REUTERS_SNAPSHOT, build_report

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="no chromium/chromedriver on PATH "
        "(Debian: apt-get install chromium chromium-driver)",
    ),
]

_CLOSED_NETWORK = [
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-dev-shm-usage",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--no-first-run",
    "--no-default-browser-check",
    "--no-pings",
    "--window-size=1400,900",
]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in _CLOSED_NETWORK:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def loaded(browser, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(html.render(build_report()), encoding="utf-8")
    browser.get("about:blank")
    browser.get_log("performance")  # drop what the browser's own start-up pages fetched
    browser.get(path.as_uri())
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
    requested = []
    for entry in loaded.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    assert loaded.report_url in requested, "the log did not record the page's own load"
    assert all(url.startswith(("file://", "data:")) for url in requested), requested
    errors = [e for e in loaded.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []

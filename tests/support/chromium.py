"""Headless Chromium with every network path closed, and what a layout check measures.

Used by the browser tests and by ``docs/screenshots/make_screenshots.py``.
The page cannot reach out even if it tried (a dead loopback proxy, a resolver
that resolves nothing, background services off); the tests then check, from
the performance log, that it did not try.
"""

from __future__ import annotations

import base64
import contextlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

CLOSED_NETWORK = (
    "--headless=new",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
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
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


@contextlib.contextmanager
def chromium(profile: Path) -> Iterator[Any]:
    """A Selenium driver for Debian's chromium; quit on exit."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in CLOSED_NETWORK:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


def open_at_width(driver: Any, url: str, width: int, height: int = 900) -> None:
    """Load ``url`` in a viewport exactly ``width`` CSS pixels wide."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 500})
    driver.get("about:blank")
    driver.get_log("performance")  # forget what earlier pages fetched
    driver.get_log("browser")
    driver.get(url)


def requests_made(driver: Any) -> list[str]:
    """Every URL the page asked for since it was opened."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def severe_console_messages(driver: Any) -> list[dict[str, Any]]:
    """JavaScript errors and other severe console messages."""
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


# For each table: its columns' header boxes and every cell's box.
_MEASURE = """
var out={viewport:window.innerWidth, page:document.documentElement.scrollWidth, tables:[]};
document.querySelectorAll('table').forEach(function(t){
  if(!t.offsetParent){return;}
  var heads=[].map.call(t.querySelectorAll('thead th'),function(th){
    var r=th.getBoundingClientRect();
    return {text:th.textContent.trim(),left:r.left,right:r.right,width:r.width,height:r.height};});
  var cells=[];
  [].forEach.call(t.tBodies[0].rows,function(row){
    if(row.hidden){return;}
    [].forEach.call(row.cells,function(td){var r=td.getBoundingClientRect();
      cells.push({label:td.getAttribute('data-label'),left:r.left,right:r.right,
                  width:r.width,height:r.height});});});
  out.tables.push({id:t.id,heads:heads,cells:cells});
});
return out;
"""


def measure(driver: Any) -> dict[str, Any]:
    """The viewport's width, the page's, and the boxes of every table's headings and cells."""
    return driver.execute_script(_MEASURE)


def page_png(driver: Any, path: Path, *, start: str | None = None,
             max_height: int = 4000) -> None:
    """A screenshot of the page at the current width, from the element ``start`` (a CSS
    selector; default the top) down, at most ``max_height`` px."""
    width, height, top = driver.execute_script(
        "var el=arguments[0]?document.querySelector(arguments[0]):null;"
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight,"
        " el?el.getBoundingClientRect().top+window.scrollY:0]", start)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": top, "width": width, "height": min(height - top, max_height),
                 "scale": 1}})
    path.write_bytes(base64.b64decode(shot["data"]))

"""A page read with its URL gets the title and date trafilatura's whole metadata would give."""

from __future__ import annotations

import datetime as dt

import pytest
import trafilatura

from citeaudit.extract import extract, extract_lazily

BODY = "".join(f"<p>Paragraph {i} of the council's report on the harbour works, which the "
               f"members debated for most of the afternoon before the vote.</p>"
               for i in range(8))

PAGES = {
    "meta tags": (
        "https://news.example/harbour",
        "<html><head><title>Site | Harbour</title>"
        "<meta property='og:title' content='Harbour works approved'>"
        "<meta property='article:published_time' content='2024-03-05T10:00:00Z'>"
        f"</head><body><article>{BODY}</article></body></html>",
        "Harbour works approved", dt.date(2024, 3, 5),
    ),
    "JSON-LD": (
        "https://news.example/council",
        "<html><head><script type='application/ld+json'>{\"@context\": \"https://schema.org\", "
        "\"@type\": \"NewsArticle\", "
        "\"headline\": \"Council backs the budget\", \"datePublished\": \"2023-11-20\"}"
        f"</script></head><body><article>{BODY}</article></body></html>",
        "Council backs the budget", dt.date(2023, 11, 20),
    ),
    "the heading, and a date in the address": (
        "https://news.example/2022/07/14/quay",
        f"<html><head></head><body><article><h1>Quay reopens</h1>{BODY}</article></body></html>",
        "Quay reopens", dt.date(2022, 7, 14),
    ),
    "a canonical address with the date": (
        "https://news.example/story?id=7",
        "<html><head><title>Tram line extended</title>"
        "<link rel='canonical' href='https://news.example/2021/02/03/tram'></head>"
        f"<body><article>{BODY}</article></body></html>",
        "Tram line extended", dt.date(2021, 2, 3),
    ),
    "entities and spaces in the title": (
        "https://news.example/orchestra",
        "<html><head><title>  Orchestra &amp; festival\n tickets </title></head>"
        f"<body><article>{BODY}</article></body></html>",
        "Orchestra & festival tickets", None,
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_the_title_and_date_are_what_trafilatura_metadata_gives(name):
    url, html, title, published = PAGES[name]
    page = extract(html.encode(), content_type="text/html; charset=utf-8", url=url,
                   detect_language=False)
    assert (page.title, page.published) == (title, published)
    whole = trafilatura.bare_extraction(
        html, url=url, fast=True, with_metadata=True, include_comments=False,
        date_extraction_params={"extensive_search": False, "original_date": True})
    assert page.title == whole.title
    assert page.published == (dt.date.fromisoformat(whole.date) if whole.date else None)
    assert page.text == whole.text.strip()


def test_a_page_read_with_its_url_is_parsed_once(monkeypatch):
    """Its text, title and date all come from one parse: trafilatura cuts up a copy."""
    import trafilatura.utils

    parse, parses = trafilatura.utils.fromstring, []

    def counted(*args, **kwargs):
        parses.append(args[0])
        return parse(*args, **kwargs)

    monkeypatch.setattr(trafilatura.utils, "fromstring", counted)
    url, html, title, published = PAGES["meta tags"]
    page = extract(html.encode(), content_type="text/html; charset=utf-8", url=url,
                   detect_language=False)
    assert (page.title, page.published) == (title, published)
    assert "Paragraph 7 of the council's report" in page.text
    assert len(parses) == 1


@pytest.mark.parametrize("name", PAGES)
def test_a_page_read_lazily_reads_its_title_and_date_only_when_asked_and_the_same(
        name, date_searches):
    url, html, title, published = PAGES[name]
    eager = extract(html.encode(), content_type="text/html; charset=utf-8", url=url,
                    detect_language=False)
    assert len(date_searches) == 1  # an eager read searches at once
    date_searches.clear()
    read = extract_lazily(html.encode(), content_type="text/html; charset=utf-8", url=url,
                          detect_language=False)
    assert read.text == eager.text and date_searches == []
    assert read.page == eager and (read.page.title, read.page.published) == (title, published)
    assert len(date_searches) == 1  # asked twice, read once
    assert read.page is read.page


def test_a_page_read_lazily_without_its_url_or_as_text_or_binary_is_the_same():
    html = PAGES["meta tags"][1]
    for body, kind in ((html.encode(), "text/html"), (b"Plain words, no markup.", "text/plain"),
                       (b"\x89PNG\r\n\x1a\n", "image/png")):
        assert extract_lazily(body, content_type=kind).page == extract(body, content_type=kind)

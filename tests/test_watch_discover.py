"""Sitemaps and feeds: finding a site's articles to watch."""

from __future__ import annotations

import gzip

import pytest

from citeaudit.errors import InputError
from citeaudit.watch import SourceKind, add_targets, discover, parse_listing
from citeaudit.watch.discover import sniff
from tests.test_watch_web import news_page, time_web_fixture, watch_fixture  # noqa: F401

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://gazette.example/2024/06/harbour-budget</loc><lastmod>2024-06-28</lastmod></url>
  <url><loc> https://gazette.example/2024/06/dock-strike </loc></url>
  <url><loc>https://gazette.example/2024/06/harbour-budget</loc></url>
</urlset>"""
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>The Wire</title><link>https://wire.example/</link>
  <item><title>Dock strike</title><link>https://wire.example/story/strike</link></item>
  <item><title>Ferries</title><link>https://wire.example/story/ferries</link></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour blog</title>
  <link href="https://blog.example/"/>
  <entry><title>Quay</title><link rel="alternate" href="https://blog.example/quay"/>
    <link rel="edit" href="https://blog.example/edit/1"/></entry>
  <entry><title>Budget</title><link href="https://blog.example/budget"/></entry>
</feed>"""
RDF = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="https://old.example/"><title>Old</title><link>https://old.example/</link>
  </channel>
  <item rdf:about="https://old.example/a"><title>A</title><link>https://old.example/a</link></item>
</rdf:RDF>"""
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<urlset><url><loc>https://x.example/&b;</loc></url></urlset>"""


def test_a_sitemap_lists_its_pages_once_each_in_order():
    listing = parse_listing(SITEMAP.encode(), "sitemap.xml")
    assert listing.kind is SourceKind.SITEMAP
    assert listing.articles == ("https://gazette.example/2024/06/harbour-budget",
                                "https://gazette.example/2024/06/dock-strike")


@pytest.mark.parametrize(("xml", "expected"), [
    (RSS, ("https://wire.example/story/strike", "https://wire.example/story/ferries")),
    (ATOM, ("https://blog.example/quay", "https://blog.example/budget")),
    (RDF, ("https://old.example/a",)),
])
def test_rss_atom_and_rdf_feeds_list_their_entries(xml, expected):
    listing = parse_listing(xml.encode(), "feed")
    assert listing.kind is SourceKind.FEED and listing.articles == expected


def test_sniff_tells_listings_from_articles():
    assert sniff(SITEMAP.encode()) is SourceKind.SITEMAP
    assert sniff(gzip.compress(SITEMAP.encode())) is SourceKind.SITEMAP
    assert sniff(ATOM.encode()) is SourceKind.FEED
    assert sniff(news_page("Feed the birds", "A story about <feed>.").encode()) is None


def test_bad_xml_and_other_xml_are_input_errors():
    with pytest.raises(InputError, match="not well-formed XML"):
        parse_listing(b"<urlset><url><loc>https://a.example/</loc></url>", "broken.xml")
    with pytest.raises(InputError, match="not a sitemap or a feed"):
        parse_listing(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg")


def test_entities_are_not_expanded():
    listing = parse_listing(BILLION_LAUGHS.encode(), "laughs.xml")
    assert listing.articles == ("https://x.example/",)


def test_a_sitemap_index_is_followed_to_gzipped_child_sitemaps(time_web):
    child = time_web.url("/sitemaps/2024.xml.gz")
    index = time_web.url("/sitemap.xml")
    time_web.set(index, f"""<?xml version="1.0"?>
        <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <sitemap><loc>{child}</loc></sitemap><sitemap><loc>{index}</loc></sitemap>
        </sitemapindex>""", content_type="application/xml")
    time_web.set(child, gzip.compress(SITEMAP.encode()),
                 content_type="application/gzip")
    session = time_web.session()
    try:
        listing = discover(index, session)
    finally:
        session.close()
    assert listing.articles == ("https://gazette.example/2024/06/harbour-budget",
                                "https://gazette.example/2024/06/dock-strike")
    assert time_web.count(index) == 1  # an index listing itself is not read again


def test_watching_a_feed_adds_its_articles_and_a_run_picks_up_new_ones(watch):
    web = watch.web
    first, second = web.url("/2026/quay", "blog.test"), web.url("/2026/ferries", "blog.test")
    cited = web.url("/story/strike", "wire.test")
    feed = web.url("/feed.xml", "feeds.test")

    def atom(*links):
        entries = "".join(f'<entry><link href="{u}"/></entry>' for u in links)
        return f'<feed xmlns="http://www.w3.org/2005/Atom">{entries}</feed>'

    page = news_page("Quay", "Dock workers walked out on Monday over pay [1].",
                     f"[1] “Dock workers strike”, The Wire, {cited}, (Access Date: 01.07.2024).")
    web.set(first, page)
    web.set(second, page.replace("Quay", "Ferries"))
    web.set(cited, news_page("Dock workers strike", "Dock workers walked out on Monday."))
    web.set(feed, atom(first), content_type="application/atom+xml")
    session = web.session()
    try:
        added = add_targets(watch.store, [feed], session)
    finally:
        session.close()
    assert added == [(feed, "feed", True)]
    assert [t.location for t in watch.store.targets()] == [feed, first]
    web.set(feed, atom(second, first), content_type="application/atom+xml")
    summary = watch.run()
    assert [t.location for t in watch.store.targets()] == [feed, first, second]
    assert summary.checked == 1 and web.count(cited) == 1  # both articles cite one URL
    cited_by = watch.store.query("SELECT count(*) FROM citations")[0][0]
    assert cited_by == 2

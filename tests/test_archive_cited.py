"""Notes that already cite an archived copy: recognised, checked, never looked up or re-advised."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.archive.cited import cited_copies, copy_of, recognise, robust_links
from citeaudit.archive.interface import ArchiveStatus
from citeaudit.audit import Auditor
from citeaudit.config import Config, HttpConfig
from citeaudit.http import make_session
from citeaudit.netguard import static_resolver
from citeaudit.report import FindingKind
from tests.support.ia_standin import Capture, running_standin
from tests.support.site import Site, html_page

UTC = dt.UTC
HTTP = HttpConfig(allowed_networks=("127.0.0.0/8",), per_host_interval=0.0, retries=0,
                  deadline=10.0, host_intervals={"127.0.0.1": 0.0})


@pytest.mark.parametrize("url, archive, original, when", [
    ("https://web.archive.org/web/20240620101512/https://news.example/a?id=3", "wayback",
     "https://news.example/a?id=3", dt.datetime(2024, 6, 20, 10, 15, 12, tzinfo=UTC)),
    ("http://archive.org/web/20240620id_/http://news.example/a", "wayback",
     "http://news.example/a", dt.datetime(2024, 6, 20, tzinfo=UTC)),
    ("https://web.archive.org/web/2024/news.example/a", "wayback", "http://news.example/a",
     dt.datetime(2024, 1, 1, tzinfo=UTC)),
    ("https://archive.ph/2024.06.20-101512/https://news.example/a", "archive.today",
     "https://news.example/a", dt.datetime(2024, 6, 20, 10, 15, 12, tzinfo=UTC)),
    ("https://archive.today/newest/https://news.example/a", "archive.today",
     "https://news.example/a", None),
    ("https://archive.is/Ab3dE", "archive.today", None, None),
    ("https://www.webcitation.org/query?url=https://news.example/a&date=2012-05-01", "webcite",
     "https://news.example/a", dt.datetime(2012, 5, 1, tzinfo=UTC)),
    ("https://www.webcitation.org/6ABCdefGh", "webcite", None, None),
    ("https://perma.cc/AB12-CD34", "perma.cc", None, None),
    ("https://www.webarchive.org.uk/wayback/archive/20200101120000/https://news.example/a",
     "www.webarchive.org.uk", "https://news.example/a",
     dt.datetime(2020, 1, 1, 12, tzinfo=UTC)),
    ("https://arquivo.pt/wayback/20190101000000mp_/http://news.example/a", "arquivo.pt",
     "http://news.example/a", dt.datetime(2019, 1, 1, tzinfo=UTC)),
])
def test_archive_addresses_are_recognised_with_their_original_and_date(
    url, archive, original, when,
):
    copy = recognise(url)
    assert copy is not None
    assert (copy.archive, copy.original, copy.datetime) == (archive, original, when)


@pytest.mark.parametrize("url", [
    "https://news.example/2024/06/20/story",
    "https://archive.org/details/some-book",
    "https://perma.cc/about",
    "https://web.archive.org/",
    "https://www.example.com/id/20240620101512",
])
def test_ordinary_addresses_are_not_taken_for_archived_copies(url):
    assert recognise(url) is None


def test_a_wikitext_archive_url_in_the_note_text_is_a_cited_copy():
    raw = ("{{cite web |url=https://news.example/b |title=B |access-date=2024-06-28 "
           "|archive-url=https://web.archive.org/web/20240620000000/https://news.example/b "
           "|archive-date=2024-06-20}}")
    [copy] = cited_copies(["https://news.example/b"], raw)
    assert copy_of("https://news.example/b", [copy], only_original=True) == copy


def test_a_short_id_copy_belongs_to_the_notes_only_original():
    copies = cited_copies(["https://news.example/a", "https://archive.ph/Ab3dE"])
    assert copy_of("https://news.example/a", copies, only_original=True).archive == "archive.today"
    assert copy_of("https://news.example/a", copies, only_original=False) is None


def test_robust_links_name_the_copy_of_their_original():
    document = ('<a href="https://news.example/c" data-versionurl="https://archive.ph/Zz9Yy" '
                'data-versiondate="2024-06-20">story</a>')
    copy = robust_links(document)["https://news.example/c"]
    assert copy.url == "https://archive.ph/Zz9Yy"
    assert copy.datetime == dt.datetime(2024, 6, 20, tzinfo=UTC)


ARTICLE = """\
An article citing copies

The harbour budget was approved.[1] The bridge was closed in May.[2] The library opened.[3]

[1] "Harbour budget", Coast Times, {base}/harbour-gone, (Access Date: 28.06.2024). Archived from \
the original on 20 June 2024: {ia}/web/20240620120000/{base}/harbour-gone
[2] "Bridge closed", River News, {base}/bridge-gone, (Access Date: 28.06.2024).
[3] "Library opens", City News, {base}/library-gone, (Access Date: 28.06.2024). Archived \
copy: {ia}/web/20240620120000/{base}/library-gone
"""


def test_an_audit_checks_the_cited_copy_instead_of_looking_one_up_and_never_says_cite_it(
):
    site = Site({})
    with site.running() as site:
        harbour = html_page("Harbour budget", "The harbour budget was approved.").body.encode()
        captures = [Capture(f"{site.base}/harbour-gone", dt.datetime(2024, 6, 20, 12, tzinfo=UTC),
                            body=harbour),
                    Capture(f"{site.base}/bridge-gone", dt.datetime(2024, 6, 21, 12, tzinfo=UTC)),
                    # the copy note 3 cites is an archived 404 page
                    Capture(f"{site.base}/library-gone", dt.datetime(2024, 6, 20, 12, tzinfo=UTC),
                            status=404, body=b"<title>Not Found</title>")]
        with running_standin(captures) as ia:
            resolver = static_resolver({"127.0.0.1": "127.0.0.1"})
            session = make_session(HTTP, resolver=resolver)
            text = ARTICLE.format(base=site.base, ia=ia.base_url)
            try:
                report = Auditor(Config(http=HTTP), session=session,
                                 archives=[ia.backend(session, HTTP)]).run(text)
            finally:
                session.close()
            posts = ia.requests("/wayback/available", "POST")

    assert [p.lines for p in posts] == [1]  # only note 2's original was looked up
    assert ia.requests("/cdx") == []
    harbour_link = report.note("1").links[0]
    assert harbour_link.archive_status is ArchiveStatus.CITED
    [archived] = [f for f in report.findings_of(FindingKind.DEAD_LINK_ARCHIVED) if f.note == "1"]
    assert "already cites" in archived.fix and "cite the archived copy" not in archived.fix
    bridge = [f for f in report.findings_of(FindingKind.DEAD_LINK_ARCHIVED) if f.note == "2"]
    assert bridge and bridge[0].fix.startswith("cite the archived copy")
    library = report.note("3")
    assert library.links[0].archive_status is ArchiveStatus.UNKNOWN
    assert "not a working page" in library.links[0].lookup.failures[0].message
    copy_finding = [f for f in report.findings_of(FindingKind.DEAD_LINK)
                    if f.note == "3" and "/web/" in f.url]
    assert copy_finding and "cite another copy" in copy_finding[0].fix
    claim = report.claims[0]
    assert claim.verdict is not None  # verified against the cited copy's text

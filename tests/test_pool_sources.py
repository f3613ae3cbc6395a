"""Loading a source pool: every kind of ``--sources`` argument, each page read once."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import gzip

import pytest

from citeaudit import workers
from citeaudit.config import HttpConfig
from citeaudit.errors import InputError
from citeaudit.http import make_session
from citeaudit.pool import SourceKind, SourcePool
from citeaudit.pool.sources import classify
from citeaudit.warc import Exchange, write_exchanges
from tests.support.site import Site, html_page
from tests.support.web import small_pdf

HTTP = HttpConfig(allow_private=True, per_host_interval=0.0, retries=0, deadline=10.0)
WHEN = dt.datetime(2024, 6, 26, 18, tzinfo=dt.UTC)
HARBOUR = "The city council approved a budget of 4.2 million euros for the harbour on Tuesday."
BRIDGE = "The old railway bridge over the river Sava was closed to traffic on 3 May 2024."
HTML = "text/html; charset=utf-8"


@pytest.fixture
def threads():
    pool = concurrent.futures.ThreadPoolExecutor(2)
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture
def session():
    s = make_session(HTTP)
    yield s
    s.close()


def _load(sources, threads, session=None) -> SourcePool:
    return SourcePool.load(sources, session=session, work=threads)


def test_a_saved_html_page_is_one_page_named_by_its_canonical_url(tmp_path, threads):
    page = html_page("Harbour budget", HARBOUR).body.replace(
        "<head>", '<head><link rel="canonical" href="https://news.example/harbour">')
    (tmp_path / "harbour.html").write_text(page, encoding="utf-8")
    pool = _load([tmp_path / "harbour.html"], threads)
    assert [(p.url, p.title, p.kind) for p in pool.pages] == [
        ("https://news.example/harbour", "Harbour budget", SourceKind.FILE)]
    assert "4.2 million euros" in pool.pages[0].text


def test_text_and_pdf_files_are_pages_too(tmp_path, threads):
    (tmp_path / "bridge.txt").write_text(BRIDGE, encoding="utf-8")
    (tmp_path / "note.pdf").write_bytes(small_pdf("The museum reopened with 300 paintings."))
    pool = _load([tmp_path / "bridge.txt", tmp_path / "note.pdf"], threads)
    assert [p.url for p in pool.pages] == [str(tmp_path / "bridge.txt"),
                                           str(tmp_path / "note.pdf")]
    assert "river Sava" in pool.pages[0].text
    assert "300 paintings" in pool.pages[1].text


def test_a_folder_gives_every_saved_page_in_it_and_its_subfolders(tmp_path, threads):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "bridge.html").write_text(html_page("Bridge", BRIDGE).body, "utf-8")
    (tmp_path / "a.html").write_text(html_page("Harbour", HARBOUR).body, "utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG not a page")
    pool = _load([tmp_path], threads)
    assert [p.title for p in pool.pages] == ["Harbour", "Bridge"]
    assert {p.kind for p in pool.pages} == {SourceKind.FOLDER}
    assert classify(tmp_path)[0] is SourceKind.FOLDER


def test_a_folder_skips_hidden_folders_such_as_a_checkout_or_a_venv(tmp_path, threads):
    (tmp_path / ".venv" / "lib").mkdir(parents=True)
    (tmp_path / ".venv" / "lib" / "readme.html").write_text(
        html_page("Not a pool page", BRIDGE).body, "utf-8")
    (tmp_path / "a.html").write_text(html_page("Harbour", HARBOUR).body, "utf-8")
    pool = _load([tmp_path], threads)
    assert [p.title for p in pool.pages] == ["Harbour"]


def test_a_folder_holding_far_more_pages_than_a_pool_is_refused_in_one_line(
    tmp_path, threads, monkeypatch
):
    from citeaudit.pool import sources

    monkeypatch.setattr(sources, "MAX_FOLDER_PAGES", 3)
    for n in range(5):
        (tmp_path / f"p{n}.txt").write_text(f"Page {n} of a big folder.", "utf-8")
    with pytest.raises(InputError, match="more than 3 saved pages"):
        _load([tmp_path], threads)


def test_a_warc_gives_its_successful_page_responses_only(tmp_path, threads):
    capture = tmp_path / "capture.warc.gz"
    write_exchanges(capture, [
        Exchange("https://news.example/harbour", 200, {"Content-Type": HTML},
                 html_page("Harbour", HARBOUR).body.encode(), WHEN),
        Exchange("https://news.example/harbour", 200, {"Content-Type": HTML}, b"", WHEN,
                 method="HEAD"),
        Exchange("https://news.example/gone", 404, {"Content-Type": HTML},
                 b"<h1>Not Found</h1>", WHEN),
        Exchange("https://web.archive.org/cdx/search/cdx?url=x", 200,
                 {"Content-Type": "application/json"}, b"[]", WHEN),
        Exchange("https://web.archive.org/web/20240626180000id_/https://news.example/bridge",
                 200, {"Content-Type": HTML}, html_page("Bridge", BRIDGE).body.encode(), WHEN),
    ])
    pool = _load([capture], threads)
    assert [p.url for p in pool.pages] == [
        "https://news.example/harbour",
        # A raw archived copy is named by the snapshot address a reader can cite.
        "https://web.archive.org/web/20240626180000/https://news.example/bridge",
    ]
    assert pool.unread == ()


def test_a_url_is_fetched_through_the_session_and_a_failure_is_kept_as_unread(session,
                                                                               threads):
    site = Site({"/harbour": html_page("Harbour", HARBOUR)})
    with site.running():
        pool = _load([site.url("/harbour"), site.url("/missing")], threads, session)
    assert [p.url for p in pool.pages] == [site.url("/harbour")]
    assert [u.origin for u in pool.unread] == [site.url("/missing")]
    assert "HTTP 404" in pool.unread[0].reason


def test_a_url_that_cannot_be_reached_is_unread_not_an_error(session, threads):
    site = Site({})
    with site.running():
        closed = site.url("/page")
    pool = _load([closed], threads, session)  # the server is gone: nothing listens
    assert pool.pages == ()
    assert pool.unread[0].origin == closed
    assert pool.unread[0].reason.startswith(f"could not fetch {closed}")


def test_another_articles_cited_pages_join_the_pool_not_the_article(tmp_path, session,
                                                                    threads):
    site = Site({"/harbour": html_page("Harbour", HARBOUR),
                 "/bridge": html_page("Bridge", BRIDGE)})
    with site.running():
        other = tmp_path / "other.txt"
        other.write_text(
            "The harbour budget grew.[1] The bridge closed.[2]\n\n"
            f'[1] "Harbour", Loopback Times, {site.url("/harbour")}\n'
            f'[2] "Bridge", Loopback Times, {site.url("/bridge")}\n', encoding="utf-8")
        assert classify(other)[0] is SourceKind.ARTICLE
        pool = _load([f"article:{other}"], threads, session)
    assert [(p.title, p.kind) for p in pool.pages] == [("Harbour", SourceKind.ARTICLE),
                                                       ("Bridge", SourceKind.ARTICLE)]


def test_each_page_is_extracted_once_and_duplicates_are_dropped(tmp_path, threads,
                                                                monkeypatch):
    calls = []
    real = workers.read_page

    def counting(body, content_type, url):
        calls.append(url)
        return real(body, content_type, url)

    monkeypatch.setattr(workers, "read_page", counting)
    for name in ("one.html", "copy.html"):  # the same bytes saved twice
        (tmp_path / name).write_text(html_page("Harbour", HARBOUR).body, "utf-8")
    (tmp_path / "bridge.html").write_text(html_page("Bridge", BRIDGE).body, "utf-8")
    pool = _load([tmp_path, tmp_path / "bridge.html"], threads)
    assert len(pool.pages) == 2
    assert sorted(calls) == sorted(p.url for p in pool.pages)


def test_a_page_without_text_is_unread_with_a_reason(tmp_path, threads):
    (tmp_path / "empty.html").write_text("<html><body></body></html>", "utf-8")
    pool = _load([tmp_path / "empty.html"], threads)
    assert pool.pages == ()
    assert pool.unread[0].reason == "the page has no text to compare sentences with"


@pytest.mark.parametrize("source, message", [
    ("missing.html", "--sources: missing.html: no such file or folder"),
    ("article:missing.txt", "--sources: missing.txt: no such file or folder"),
    ("  ", "--sources: an empty source was given"),
    ("article:", "--sources: article: names no article (write article:PATH)"),
    ("ftp://files.example/page.html",
     "--sources: ftp://files.example/page.html: only http:// and https:// URLs can be fetched"),
])
def test_a_source_that_does_not_exist_is_a_one_line_error(source, message, tmp_path,
                                                          monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "here.html").write_text("<p>A page the working folder holds.</p>")
    with pytest.raises(InputError) as caught:
        classify(source)
    assert str(caught.value) == message


def test_a_damaged_warc_is_a_one_line_error_naming_it(tmp_path, threads):
    capture = tmp_path / "cut.warc.gz"
    write_exchanges(capture, [Exchange("https://news.example/harbour", 200,
                                       {"Content-Type": HTML},
                                       html_page("Harbour", HARBOUR).body.encode(), WHEN)])
    whole = gzip.decompress(capture.read_bytes())
    capture.write_bytes(gzip.compress(whole[: len(whole) // 2]))
    with pytest.raises(InputError) as caught:
        _load([capture], threads)
    assert str(caught.value).startswith(f"--sources: capture {capture} is damaged: ")
    assert "\n" not in str(caught.value)


def test_an_unreadable_article_source_is_named_as_a_source(tmp_path, threads):
    binary = tmp_path / "scan.bin"
    binary.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as caught:
        _load([f"article:{binary}"], threads)
    assert str(caught.value).startswith(f"--sources: {binary} is a binary file")
    assert "\n" not in str(caught.value)

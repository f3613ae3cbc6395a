"""Every outcome of the link checker, produced for real against the loopback web."""

from __future__ import annotations

import pytest

from citeaudit.links import LinkResult, Outcome, check_links
from tests.support.web import LoopbackWeb

# (path on news.test unless a host is given, expected outcome, words the reason must contain)
CASES = [
    ("/politics/harbour-budget-approved", Outcome.OK, "200"),
    ("/world/missing-plane-not-found", Outcome.OK, "200"),  # "not found" in a real headline
    ("/chain/1", Outcome.REDIRECTED, "redirected"),
    ("/loop/a", Outcome.BROKEN, "loop"),
    ("/missing", Outcome.BROKEN, "404"),
    ("/gone", Outcome.BROKEN, "410"),
    ("/soft-404", Outcome.SOFT_404, "Page not found"),
    ("/novosti/staraya-statya", Outcome.SOFT_404, "not found"),
    ("haber.test/ekonomi/eski-haber", Outcome.SOFT_404, "bulunamadı"),
    ("catchall.test/politics/old-story", Outcome.SOFT_404, "made-up URL"),
    ("/2019/05/old-story", Outcome.MOVED_TO_HOME, "front page"),
    ("/politics/2018/archived-piece", Outcome.MOVED_TO_HOME, "/news/"),
    ("/members/report", Outcome.BLOCKED, "401"),
    ("/forbidden", Outcome.BLOCKED, "403"),
    ("/challenge", Outcome.BLOCKED, "challenge"),
    ("/captcha", Outcome.BLOCKED, "challenge"),
    ("/premium/harbour-deal", Outcome.PAYWALLED, "isAccessibleForFree"),
    ("quota.test/rate/once", Outcome.OK, "200"),
    ("quota.test/rate/always", Outcome.RATE_LIMITED, "429"),
    ("quota.test/rate/hour", Outcome.RATE_LIMITED, "429"),
    ("/unavailable", Outcome.SERVER_ERROR, "503"),
    ("slow.test/drip", Outcome.TIMEOUT, "timed out"),
    ("slow.test/drip-headers", Outcome.TIMEOUT, "timed out"),
    ("slow.test/huge-headers", Outcome.CONNECTION_ERROR, "malformed"),
    ("slow.test/endless", Outcome.OK, "cut at"),
    ("/gzip", Outcome.OK, "200"),
    ("/wrong-charset", Outcome.OK, "200"),
    ("/no-charset", Outcome.OK, "200"),
    ("/papers/harbour-study.pdf", Outcome.OK, "200"),
    ("/media/archive.zip", Outcome.OK, "200"),
    ("/media/no-head.zip", Outcome.OK, "200"),
    ("/to-private", Outcome.SKIPPED, "10.0.0.1: private address"),
    ("/to-metadata", Outcome.SKIPPED, "metadata"),
    ("/to-lan", Outcome.SKIPPED, "192.168.1.1"),
    ("/to-intranet", Outcome.SKIPPED, "resolves to 10.1.2.3"),
    ("haber.test/ekonomi/liman-butcesi", Outcome.OK, "200"),
    ("catchall.test/politics/harbour-budget-approved", Outcome.OK, "200"),
]


def _url(web: LoopbackWeb, case: str) -> str:
    if case.startswith("/"):
        return web.url(case)
    host, _, path = case.partition("/")
    return web.url("/" + path, host=host)


_RUNS: dict[str, dict[str, LinkResult]] = {}


@pytest.fixture(scope="module", params=["bulk", "requests"])
def checked(request: pytest.FixtureRequest, loopback_web: LoopbackWeb) -> dict[str, LinkResult]:
    """The whole hostile web checked in one run, as a user would: on the bulk client (a
    live session's default) and on the requests path (``session.bulk = None``)."""
    _RUNS[request.param] = _check_hostile_web(loopback_web, bulk=request.param == "bulk")
    return _RUNS[request.param]


def _check_hostile_web(web: LoopbackWeb, *, bulk: bool) -> dict[str, LinkResult]:
    with web.lock:  # the tests count what this run asked, and the web answers by count
        web.hits.clear()
        web.arrivals.clear()
    extra = {
        "tls": web.tls_url("/"),
        "closed": f"http://closed.test:{web.closed_port}/x",
        "dns": "http://no-such-site.test/story",
        "space": "http://exa mple.com/story",
        "bracket": "http://[::1/story",
        "mailto": "mailto:editor@news.test",
    }
    urls = [_url(web, c) for c, _, _ in CASES] + list(extra.values())
    with web.session() as session:
        assert session.bulk is not None  # a live session: the bulk client may answer
        if not bulk:
            session.bulk = None
        results = check_links(urls, session=session)
    assert [r.url for r in results] == urls  # input order kept
    by_url = {r.url: r for r in results}
    named = {c: by_url[_url(web, c)] for c, _, _ in CASES}
    named.update({k: by_url[u] for k, u in extra.items()})
    return named


@pytest.mark.parametrize(("case", "outcome", "words"), CASES, ids=[c for c, _, _ in CASES])
def test_each_behaviour_of_the_hostile_web_gets_its_honest_outcome(
    checked: dict[str, LinkResult], case: str, outcome: Outcome, words: str
) -> None:
    result = checked[case]
    assert result.outcome is outcome, result
    assert words in result.reason


@pytest.mark.parametrize(
    ("case", "outcome", "words"),
    [
        ("tls", Outcome.TLS_ERROR, "self-signed"),
        ("closed", Outcome.CONNECTION_ERROR, "refused"),
        ("dns", Outcome.DNS_ERROR, "no-such-site.test does not resolve"),
        ("space", Outcome.INVALID_URL, "whitespace"),
        ("bracket", Outcome.INVALID_URL, "malformed"),
        ("mailto", Outcome.SKIPPED, "mailto"),
    ],
)
def test_failures_before_any_answer_are_classified(
    checked: dict[str, LinkResult], case: str, outcome: Outcome, words: str
) -> None:
    assert checked[case].outcome is outcome
    assert words in checked[case].reason
    assert checked[case].status is None


def test_every_outcome_is_produced_by_the_real_checker(checked: dict[str, LinkResult]) -> None:
    assert {r.outcome for r in checked.values()} == set(Outcome)


def test_redirect_chain_and_final_url_are_kept(checked: dict[str, LinkResult]) -> None:
    result = checked["/chain/1"]
    assert [(u.rsplit("/", 2)[-2:], s) for u, s in result.redirects] == [
        (["chain", "1"], 301),
        (["chain", "2"], 302),
    ]
    assert result.final_url is not None and result.final_url.endswith("/chain/3")
    assert result.is_ok


def test_redirect_loop_reports_the_chain(checked: dict[str, LinkResult]) -> None:
    loop = checked["/loop/a"]
    assert len(loop.redirects) >= 3
    assert {u.rsplit("/", 1)[-1] for u, _ in loop.redirects} == {"a", "b"}
    assert not loop.is_ok


def test_endless_body_is_cut_at_the_size_cap(checked: dict[str, LinkResult]) -> None:
    endless = checked["slow.test/endless"]
    assert endless.body is not None
    assert len(endless.body) == 10 * 1024 * 1024  # HttpConfig.max_bytes, not a byte more


def test_rate_limit_was_retried_after_the_asked_wait(
    checked: dict[str, LinkResult], loopback_web: LoopbackWeb
) -> None:
    assert loopback_web.count("/rate/once", host="quota.test") == 2  # one 429, one success
    assert (
        loopback_web.count("/rate/always", host="quota.test") == 3
    )  # retries=2 in the test config
    assert (
        loopback_web.count("/rate/hour", host="quota.test") == 1
    )  # an hour is beyond max_retry_after: no retry


def test_binary_links_are_checked_with_head_and_fall_back_to_get(
    checked: dict[str, LinkResult], loopback_web: LoopbackWeb
) -> None:
    assert loopback_web.count("/media/archive.zip", method="HEAD") == 1
    assert loopback_web.count("/media/archive.zip", method="GET") == 0
    assert loopback_web.count("/media/no-head.zip", method="HEAD") >= 1
    assert loopback_web.count("/media/no-head.zip", method="GET") == 1


def test_soft_404_probe_is_asked_once_per_folder(
    checked: dict[str, LinkResult], loopback_web: LoopbackWeb
) -> None:
    probes = [k for k in loopback_web.hits if "catchall.test/politics/citeaudit-" in k]
    assert len(probes) == 1


def test_page_text_is_extracted_from_the_fetched_page(checked: dict[str, LinkResult]) -> None:
    page = checked["/politics/harbour-budget-approved"].page
    assert page is not None
    assert page.title == "Council approves the new harbour budget"
    assert "4.2 million euros" in page.text
    assert checked["/missing"].page is None


def test_windows_1254_page_comes_out_right(checked: dict[str, LinkResult]) -> None:
    result = checked["haber.test/ekonomi/liman-butcesi"]
    assert result.title == "Şehir meclisi liman bütçesini onayladı"
    assert "onayladı" in result.page.text


def test_gzip_page_is_decoded(checked: dict[str, LinkResult]) -> None:
    assert checked["/gzip"].title == "Council approves the new harbour budget"


def test_pdf_text_is_read(checked: dict[str, LinkResult]) -> None:
    page = checked["/papers/harbour-study.pdf"].page
    assert page is not None and "Harbour study 2024" in page.text


def test_to_dict_matches_the_report_schema(checked: dict[str, LinkResult]) -> None:
    entry = checked["/chain/1"].to_dict()
    assert set(entry) == {
        "url",
        "outcome",
        "status",
        "final_url",
        "redirects",
        "page_title",
        "reason",
        "elapsed",
    }
    assert entry["outcome"] == "redirected"
    assert entry["status"] == 200
    assert entry["page_title"] == "Council approves the new harbour budget"
    assert entry["redirects"][0]["status"] == 301


def test_duplicates_are_checked_once_and_reported_once(loopback_web: LoopbackWeb) -> None:
    url = loopback_web.url("/politics/harbour-budget-approved?dup=1")
    before = loopback_web.count("/politics/harbour-budget-approved?dup=1")
    with loopback_web.session() as session:
        results = check_links([url, url, url], session=session)
    assert [r.outcome for r in results] == [Outcome.OK]
    assert loopback_web.count("/politics/harbour-budget-approved?dup=1") == before + 1


def test_progress_is_called_once_per_unique_url(loopback_web: LoopbackWeb) -> None:
    seen: list[str] = []
    urls = [loopback_web.url("/gone"), loopback_web.url("/missing"), "ftp://files.test/a"]
    with loopback_web.session() as session:
        check_links(urls, session=session, progress=lambda r: seen.append(r.url))
    assert sorted(seen) == sorted(urls)


def test_without_allowing_loopback_every_local_link_is_skipped(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session(allowed_networks=()) as session:
        [result] = check_links(
            [loopback_web.url("/politics/harbour-budget-approved")], session=session
        )
    assert result.outcome is Outcome.SKIPPED
    assert "loopback address" in result.reason


def test_every_outcome_member_has_a_lowercase_value() -> None:
    assert [o.value for o in Outcome] == [
        "ok",
        "redirected",
        "broken",
        "soft_404",
        "moved_to_home",
        "blocked",
        "paywalled",
        "rate_limited",
        "server_error",
        "timeout",
        "dns_error",
        "connection_error",
        "tls_error",
        "invalid_url",
        "skipped",
    ]


def test_interrupting_a_run_stops_requests_in_flight(loopback_web: LoopbackWeb) -> None:
    """Ctrl-C (here raised from the progress callback) must not wait for a slow drip's deadline."""
    import time

    def interrupt(result: LinkResult) -> None:
        raise KeyboardInterrupt

    urls = [loopback_web.url("/drip?interrupt=1"), loopback_web.url("/gone?interrupt=1")]
    started = time.monotonic()
    with (
        loopback_web.session(deadline=60.0, read_timeout=60.0) as session,
        pytest.raises(KeyboardInterrupt),
    ):
        check_links(urls, session=session, progress=interrupt)
    assert time.monotonic() - started < 30  # safety bound only: a hang would take 60 s


def test_a_callers_session_is_usable_after_an_interrupted_run(loopback_web: LoopbackWeb) -> None:
    def interrupt(result: LinkResult) -> None:
        raise KeyboardInterrupt

    with loopback_web.session() as session:
        with pytest.raises(KeyboardInterrupt):
            check_links([loopback_web.url("/gone?resume=1")], session=session, progress=interrupt)
        [again] = check_links([loopback_web.url("/gone?resume=2")], session=session)
    assert again.outcome is Outcome.BROKEN


def test_an_answer_that_cannot_be_a_soft_404_asks_no_probe(loopback_web: LoopbackWeb) -> None:
    # a 404 and a page whose title says "not found" are decided by their own answer
    urls = [loopback_web.url("/noprobe/deleted-story"), loopback_web.url("/soft-404?noprobe=1")]
    with loopback_web.session() as session:
        missing, soft = check_links(urls, session=session)
    assert (missing.outcome, soft.outcome) == (Outcome.BROKEN, Outcome.SOFT_404)
    assert not [k for k in loopback_web.hits if "/noprobe/citeaudit-" in k]


def _probe_hits(web: LoopbackWeb, host: str, folder: str) -> int:
    return sum(n for k, n in web.hits.items() if f"{host}/{folder}/citeaudit-" in k)


def test_a_host_whose_folders_answer_made_up_urls_with_404_is_probed_twice_not_per_folder(
    loopback_web: LoopbackWeb,
) -> None:
    from citeaudit.links.check import probe_fetch
    from citeaudit.links.soft404 import ProbeCache

    folders = ["reuse-sport", "reuse-culture", "reuse-economy", "reuse-weather"]
    with loopback_web.session() as session:
        probes = ProbeCache(probe_fetch(session), workers=2)
        answers = [probes.future(loopback_web.url(f"/{f}/story-1")).result() for f in folders]
        probes.close()
    assert [a.status for a in answers] == [404, 404, 404, 404]
    assert [_probe_hits(loopback_web, "news.test", f) for f in folders] == [1, 1, 0, 0]


def test_a_catch_all_host_is_probed_in_every_folder(loopback_web: LoopbackWeb) -> None:
    from citeaudit.links.check import probe_fetch
    from citeaudit.links.soft404 import ProbeCache

    folders = ["reuse-sport", "reuse-culture", "reuse-economy"]
    urls = [loopback_web.url(f"/{f}/story-1", host="catchall.test") for f in folders]
    with loopback_web.session() as session:
        probes = ProbeCache(probe_fetch(session), workers=2)
        answers = [probes.future(url).result() for url in urls]
        probes.close()
    assert [a.status for a in answers] == [200, 200, 200]
    assert [_probe_hits(loopback_web, "catchall.test", f) for f in folders] == [1, 1, 1]


def test_on_answer_hears_each_page_that_answered_before_its_soft_404_verdict(
    loopback_web: LoopbackWeb,
) -> None:
    from citeaudit.links import iter_check_links

    web = loopback_web
    urls = {c: _url(web, c) for c in ("/politics/harbour-budget-approved", "/missing",
                                     "/soft-404")}
    heard: list[str] = []
    with web.session() as session:
        results = {r.url: r for r in iter_check_links(
            urls.values(), session=session, on_answer=lambda url, response: heard.append(url))}
    assert sorted(heard) == sorted([urls["/politics/harbour-budget-approved"], urls["/soft-404"]])
    assert results[urls["/soft-404"]].outcome is Outcome.SOFT_404


def test_an_xhtml_page_with_an_encoding_declaration_keeps_its_title() -> None:
    from citeaudit.links.classify import read_page

    body = (
        '<?xml version="1.0" encoding="iso-8859-9"?>\n<html><head><title>Liman bütçesi '
        "onaylandı</title></head><body><p>Meclis bütçeyi onayladı.</p></body></html>"
    ).encode("iso-8859-9")
    page = read_page(body, "application/xhtml+xml; charset=iso-8859-9")
    assert page is not None
    assert page.title == "Liman bütçesi onaylandı"
    assert page.text.endswith("Meclis bütçeyi onayladı.")


def test_the_title_drops_control_characters_lxml_would_refuse() -> None:
    from citeaudit.links.classify import read_page

    page = read_page(b"<html><head><title>Budget\x08 vote\x1f</title></head></html>", "text/html")
    assert page is not None and page.title == "Budget vote"


def test_the_whitespace_rule_for_urls_is_exactly_str_isspace() -> None:
    from citeaudit.links.classify import _WHITESPACE

    differ = [c for c in map(chr, range(0x110000)) if c.isspace() != bool(_WHITESPACE.match(c))]
    assert differ == []


def test_a_url_with_a_no_break_space_is_invalid() -> None:
    [result] = check_links(["https://news.test/a\u00a0b"])
    assert result.outcome is Outcome.INVALID_URL


def test_the_bulk_client_and_the_requests_path_agree_on_every_case(
    loopback_web: LoopbackWeb,
) -> None:
    runs = {path: _RUNS.get(path) or _check_hostile_web(loopback_web, bulk=path == "bulk")
            for path in ("bulk", "requests")}

    def seen(result: LinkResult) -> tuple[object, ...]:
        # The port of a redirect to another host and a timing word aside, all the same.
        return (result.outcome, result.status, result.final_url, result.redirects,
                result.title, result.content_type, result.body)

    for case, bulk in runs["bulk"].items():
        threaded = runs["requests"][case]
        assert seen(bulk) == seen(threaded), case
        if bulk.outcome not in (Outcome.TIMEOUT, Outcome.CONNECTION_ERROR, Outcome.TLS_ERROR):
            assert bulk.reason == threaded.reason, case

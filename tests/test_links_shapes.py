"""Link outcomes on real-world response shapes, served on loopback (tests/support/shapes.py).

Only the tune half of tests/data/hostile_shapes/ is read here (odd-numbered
fixtures); the even half is held aside for bench/hostile_shapes_eval.py.  Rules
no tune fixture shows are proved on small shapes written below.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from citeaudit.config import HttpConfig
from citeaudit.http import make_session
from citeaudit.links import LinkResult, Outcome, check_links
from citeaudit.netguard import static_resolver
from tests.support import shapes

TUNE = {s.name: s for s in shapes.load_all("tune")}


def _check(*chosen: shapes.Shape) -> Iterator[LinkResult]:
    config = HttpConfig(allowed_networks=("127.0.0.0/8",), retries=1, backoff=0.05, deadline=8.0)
    with shapes.serving(list(chosen)) as port:
        session = make_session(config, resolver=static_resolver(shapes.hosts_of(list(chosen))))
        yield from check_links([s.url(port) for s in chosen], session=session)


def _outcome(name: str) -> LinkResult:
    return next(_check(TUNE[name]))


def _written(text: str, name: str) -> LinkResult:
    return next(_check(shapes.parse(text, name)))


def test_every_tune_shape_gets_the_outcome_a_careful_reader_gives() -> None:
    chosen = list(TUNE.values())
    got = {s.name: r.outcome.value for s, r in zip(chosen, _check(*chosen), strict=True)}
    assert got == {s.name: s.expect for s in chosen}


def test_the_split_is_alternate_and_the_tests_never_read_the_aside_half() -> None:
    every = shapes.load_all()
    assert [s.number for s in every] == list(range(1, len(every) + 1))
    assert all(s.number % 2 for s in TUNE.values()) and len(TUNE) * 2 == len(every)


def test_a_rate_limit_page_is_rate_limited_even_under_an_access_denied_title() -> None:
    result = _outcome("03-cloudflare-1015-rate-limited")
    assert result.outcome is Outcome.RATE_LIMITED


def test_an_incapsula_block_answered_with_200_is_blocked() -> None:
    result = _outcome("09-incapsula-200")
    assert result.outcome is Outcome.BLOCKED and result.status == 200


def test_a_redirect_to_a_consent_host_is_blocked_not_redirected() -> None:
    result = _outcome("13-consent-yahoo-redirect")
    assert result.outcome is Outcome.BLOCKED and "consent" in result.reason


def test_a_redirect_to_a_login_page_is_blocked_not_redirected() -> None:
    result = _outcome("15-login-redirect-wordpress")
    assert result.outcome is Outcome.BLOCKED and "login" in result.reason


@pytest.mark.parametrize("name", ["19-notfound-italian", "21-notfound-dutch",
                                  "23-notfound-japanese", "25-notfound-arabic"])
def test_a_not_found_page_in_more_languages_is_a_soft_404(name: str) -> None:
    assert _outcome(name).outcome is Outcome.SOFT_404


def test_an_empty_page_refreshing_to_the_front_page_moved_to_home() -> None:
    result = _outcome("27-meta-refresh-home")
    assert result.outcome is Outcome.MOVED_TO_HOME and result.status == 200


def test_an_article_that_reloads_itself_is_ok() -> None:
    assert _outcome("29-news-autorefresh-article").outcome is Outcome.OK


def test_not_found_words_quoted_in_an_article_do_not_make_it_a_soft_404() -> None:
    assert _outcome("37-article-about-404-errors").outcome is Outcome.OK


def test_an_italian_paywall_is_paywalled() -> None:
    assert _outcome("33-italian-paywall").outcome is Outcome.PAYWALLED


# --- rules no tune fixture shows: small shapes written here ------------------------------------

WAF_HEADER = """# expect: blocked
=== /reports/2020/annual
HTTP/1.1 202 Accepted
Content-Type: text/html
x-amzn-waf-action: captcha

<html><head><title></title></head><body></body></html>
"""

PARKED_LANDER = """# expect: soft_404
=== /2014/05/old-story.html
HTTP/1.1 302 Found
Location: /lander

=== /lander
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>s92.test</title></head><body><h1>s92.test</h1>
<p>This domain may be for sale. <a href="/buy">Buy this domain</a></p></body></html>
"""

HEADING_NOT_FOUND = """# expect: soft_404
=== /wiadomosci/2019/rada-miasta
HTTP/1.1 200 OK
Content-Type: text/html; charset=utf-8

<html lang="pl"><head><title>Portal Miejski</title></head><body>
<h1>Nie znaleziono strony</h1><p>Wróć na stronę główną.</p></body></html>
"""

REFRESH_ELSEWHERE = """# expect: ok
=== /2015/old-address
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Moved</title><meta http-equiv="refresh" content="0; url=/2015/new-address">
</head><body><p>Moved.</p></body></html>
"""

HEADLINE_WALL_WORD = """# expect: ok
=== /opinion/2021/just-a-moment-before-the-vote
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Just a moment: why the vote should wait | Civic Review</title></head><body>
<h1>Just a moment: why the vote should wait</h1>
<p>The council wants to vote on the harbour budget next week, before the audit it promised has
been published. That is a mistake, and an avoidable one.</p>
<p>An audit that arrives after the money is committed can only tell us what went wrong. One that
arrives before can stop it from going wrong at all.</p>
<p>Councillors of every party said in the spring that they wanted the audit first. They should
hold to that, even if it costs the works a month.</p></body></html>
"""


def test_a_bot_wall_phrase_in_an_article_headline_does_not_block_it() -> None:
    assert _written(HEADLINE_WALL_WORD, "95-headline").outcome is Outcome.OK

APP_SHELL = """# expect: ok
=== /app/reports/2020
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Reports</title></head><body><div id="root"></div>
<script>
window.__CONFIG__ = {"api": "/api/v2", "locale": "en", "features": ["charts", "export", "share"]};
function logout() { fetch("/api/v2/logout", {method: "POST"}).then(function () {
  window.location.href = "/"; }); }
SETTINGS
</script></body></html>
""".replace("SETTINGS", "\n".join(f"var setting{n} = {{'on': true}};" for n in range(80)))


def test_a_script_handler_sending_home_in_an_app_shell_is_not_called_dead() -> None:
    assert _written(APP_SHELL, "96-shell").outcome is Outcome.OK


def test_a_block_only_waf_header_blocks_whatever_the_status() -> None:
    assert _written(WAF_HEADER, "91-waf").outcome is Outcome.BLOCKED


def test_a_redirect_to_a_parked_domain_lander_is_a_soft_404() -> None:
    result = _written(PARKED_LANDER, "92-parked")
    assert result.outcome is Outcome.SOFT_404 and "parked" in result.reason


def test_not_found_words_in_the_heading_of_a_notice_make_a_soft_404() -> None:
    assert _written(HEADING_NOT_FOUND, "93-heading").outcome is Outcome.SOFT_404


def test_a_refresh_to_another_page_of_the_site_is_not_called_dead() -> None:
    assert _written(REFRESH_ELSEWHERE, "94-refresh").outcome is Outcome.OK


REFRESH_HOME_CONTENT_FIRST = """# expect: moved_to_home
=== /2016/03/the-cited-story
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>Redirecting</title><meta content="0; url=/" http-equiv="refresh">
</head><body></body></html>
"""


def test_a_refresh_home_is_read_whatever_the_order_of_its_attributes() -> None:
    assert _written(REFRESH_HOME_CONTENT_FIRST, "95-refresh-content-first").outcome \
        is Outcome.MOVED_TO_HOME


REFRESH_TO_LOGIN = """# expect: blocked
=== /members/2019/annual-report
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title></title>
<meta http-equiv="refresh" content="0;url=/login?next=%2Fmembers%2F2019%2Fannual-report">
</head><body></body></html>
"""


def test_an_empty_page_refreshing_to_a_login_page_is_blocked_not_ok() -> None:
    result = _written(REFRESH_TO_LOGIN, "97-refresh-login")
    assert result.outcome is Outcome.BLOCKED and "login" in result.reason


PARKED_NAMING_ITS_DOMAIN = """# expect: soft_404
=== /2012/07/festival-programme
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>s98.test</title></head><body>
<h1>The domain name s98.test is for sale</h1><p>Make an offer today.</p></body></html>
"""


def test_a_lander_naming_the_domain_it_sells_is_a_parked_soft_404() -> None:
    result = _written(PARKED_NAMING_ITS_DOMAIN, "98-parked-named")
    assert result.outcome is Outcome.SOFT_404 and "parked" in result.reason


NEWSLETTER_PAID_POST = """# expect: paywalled
=== /p/what-the-harbour-audit-found
HTTP/1.1 200 OK
Content-Type: text/html

<html><head><title>What the harbour audit found</title></head><body>
<h1>What the harbour audit found</h1><p>The audit arrived on Friday.</p>
<h2>This post is for paid subscribers</h2><p><a href="/subscribe">Subscribe</a></p></body></html>
"""


def test_a_newsletter_post_for_paid_subscribers_is_paywalled() -> None:
    assert _written(NEWSLETTER_PAID_POST, "99-paid-post").outcome is Outcome.PAYWALLED

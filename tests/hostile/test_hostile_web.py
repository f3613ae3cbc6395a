"""A hostile web on loopback: bombs, drips, bad charsets, control characters, tunnels.

What citeaudit promises here is in docs/faults-network.md: every body is
decoded within the size cap whatever coding it comes in, a page whose declared
charset is wrong is read the same way for its title and its text, a page full
of control characters is still read, and an IPv6 address that carries a
private IPv4 address is refused on every redirect hop.
"""

from __future__ import annotations

import tracemalloc

import pytest
import requests

import citeaudit.http
from citeaudit.extract import extract
from citeaudit.links import Outcome, check_links
from tests.support import hostile
from tests.support.web import LoopbackWeb

CAP = 1024 * 1024
PEAK_LIMIT = 24 * 1024 * 1024
"""Far below the 64 MiB every bomb decodes to: the body never exists whole in memory."""


def _peak_of(call) -> tuple[object, int]:
    """What ``call()`` returns (or raises) and the peak of Python memory it took."""
    tracemalloc.start()
    try:
        try:
            outcome: object = call()
        except requests.RequestException as exc:
            outcome = exc
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("path", sorted(hostile.BOMBS))
def test_a_compression_bomb_is_bounded_in_every_content_coding(
    loopback_web: LoopbackWeb, path: str
) -> None:
    coding, build = hostile.BOMBS[path]
    build()  # built before measuring: the server's bytes are not the client's memory
    url = loopback_web.url(f"{path}?cap", host="hostile.test")
    with loopback_web.session(max_bytes=CAP) as session:
        outcome, peak = _peak_of(lambda: session.get(url))

    assert peak < PEAK_LIMIT, f"{coding} bomb took {peak / 2**20:.0f} MiB"
    if "br" in coding and "br" not in citeaudit.http.BOUNDED_ENCODINGS:
        # This brotli binding cannot stop early: the answer is refused, not decoded.
        assert isinstance(outcome, requests.exceptions.ContentDecodingError)
        assert "size cap" in str(outcome)
    else:
        assert isinstance(outcome, requests.Response), outcome
        assert outcome.truncated and len(outcome.content) == CAP
        assert set(outcome.content) == {0}  # decoded, not the compressed bytes


def test_only_codings_that_can_be_bounded_are_asked_for(loopback_web: LoopbackWeb) -> None:
    with loopback_web.session() as session:
        session.get(loopback_web.url("/control-characters?ask", host="hostile.test"))
    sent = loopback_web.last_headers["GET hostile.test/control-characters?ask"]
    offered = {c.strip() for c in sent["Accept-Encoding"].split(",")}
    assert offered == set(citeaudit.http.BOUNDED_ENCODINGS)
    assert {"gzip", "deflate"} <= offered


def test_a_bomb_checked_as_a_link_is_cut_or_refused_never_reported_dead(
    loopback_web: LoopbackWeb,
) -> None:
    urls = [loopback_web.url(p, host="hostile.test") for p in ("/bomb/gzip-gzip", "/bomb/br")]
    config = loopback_web.config(max_bytes=CAP)
    results = check_links(
        urls, session=citeaudit.http.make_session(config, resolver=loopback_web.resolver)
    )
    nested, brotli = results
    assert nested.outcome is Outcome.OK and "cut at" in nested.reason
    assert brotli.outcome not in (Outcome.BROKEN, Outcome.SOFT_404)


def test_a_drip_fed_compressed_body_ends_at_the_deadline(loopback_web: LoopbackWeb) -> None:
    url = loopback_web.url("/drip-gzip", host="hostile.test")
    with (
        loopback_web.session(deadline=1.0) as session,
        pytest.raises(citeaudit.http.DeadlineExceeded),
    ):
        session.get(url)


def test_control_characters_in_a_page_do_not_stop_its_reading(loopback_web: LoopbackWeb) -> None:
    url = loopback_web.url("/control-characters", host="hostile.test")
    [result] = check_links([url], session=loopback_web.session())

    assert result.outcome is Outcome.OK
    assert result.title == "Harbour budget approved"
    page = extract(result.body, content_type=result.content_type, url=url, detect_language=False)
    assert "4.2 million euros for the harbour" in page.text
    assert not any(ord(c) < 32 and c not in "\n\t" for c in page.text)


def test_a_title_is_decoded_like_the_text_when_the_declared_charset_is_wrong(
    loopback_web: LoopbackWeb,
) -> None:
    # UTF-8 bytes declared ISO-8859-1: the extracted text is re-decoded, so must the title be.
    url = loopback_web.url("/wrong-charset")
    [result] = check_links([url], session=loopback_web.session())
    page = extract(result.body, content_type=result.content_type, detect_language=False)

    assert result.title == "Şehir meclisi liman bütçesini onayladı"
    assert page.title == result.title
    assert "liman için 4,2 milyon avroluk" in page.text


@pytest.mark.parametrize("path", sorted(hostile.CHARSET_PAGES))
def test_a_wrong_or_unknown_declared_charset_gives_one_reading_of_title_and_text(
    loopback_web: LoopbackWeb, path: str
) -> None:
    url = loopback_web.url(path, host="hostile.test")
    [result] = check_links([url], session=loopback_web.session())
    page = extract(result.body, content_type=result.content_type, detect_language=False)

    assert result.outcome is Outcome.OK
    assert result.title == hostile.TURKISH_TITLE
    assert "liman için 4,2 milyon avroluk" in page.text


def test_a_name_resolving_to_nat64_for_the_metadata_service_is_refused(
    loopback_web: LoopbackWeb,
) -> None:
    [result] = check_links(
        [loopback_web.url("/", host="nat64.test")], session=loopback_web.session()
    )
    assert result.outcome is Outcome.SKIPPED
    assert "carrying 169.254.169.254, a cloud metadata address" in result.reason


@pytest.mark.parametrize("path", sorted(hostile.EMBEDDED_REDIRECTS))
def test_a_redirect_to_ipv6_carrying_a_private_ipv4_address_is_refused(
    loopback_web: LoopbackWeb, path: str
) -> None:
    [result] = check_links(
        [loopback_web.url(path, host="hostile.test")], session=loopback_web.session()
    )
    assert result.outcome is Outcome.SKIPPED
    assert "IPv6 address carrying" in result.reason

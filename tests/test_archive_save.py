"""Save Page Now against the SPN2 answers the Internet Archive gives (faked)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs

import pytest
import responses

from citeaudit.archive import SnapshotLookup
from citeaudit.archive.save import (
    ANONYMOUS_INTERVAL,
    AUTHENTICATED_INTERVAL,
    SAVE_URL,
    Credentials,
    SaveOutcome,
    SavePageNow,
)
from tests.support.pywb_archive import TEST_HTTP

PAGE = "https://www.ukrinform.net/rubric-polytics/3871234-talks.html"
OTHER = "https://mfa.gov.ua/en/news/statement-2024-06-27"
JOB = "spn2-9c0bd1a4b4d7d8a4b3d0a0e1f2c3d4e5f6a7b8c9"
KEYS = Credentials("myaccesskey", "mysecret")
STATUS = f"{SAVE_URL}/status/{JOB}"


class Clock:
    """Fake time: ``sleep`` moves it forward instead of waiting."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return Clock()


def spn(session, clock, **kwargs):
    kwargs.setdefault("credentials", KEYS)
    return SavePageNow(session, TEST_HTTP, sleep=clock.sleep, clock=clock, **kwargs)


def submitted(call):
    return {k: v[0] for k, v in parse_qs(call.request.body).items()}


@responses.activate
def test_a_save_with_keys_posts_polls_and_returns_the_new_snapshot(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={"status": "pending", "job_id": JOB, "resources": []})
    responses.get(STATUS, json={
        "status": "success", "job_id": JOB, "original_url": PAGE,
        "timestamp": "20241122223015", "duration_sec": 6.48, "outlinks": [], "resources": [],
    })

    result = spn(archive_session, clock).save(PAGE)

    assert result.outcome is SaveOutcome.SAVED
    assert result.job_id == JOB
    assert result.snapshot.url == f"https://web.archive.org/web/20241122223015/{PAGE}"
    assert result.snapshot.datetime == dt.datetime(2024, 11, 22, 22, 30, 15, tzinfo=dt.UTC)
    post = responses.calls[0].request
    assert post.headers["Authorization"] == "LOW myaccesskey:mysecret"
    assert post.headers["Accept"] == "application/json"
    assert submitted(responses.calls[0]) == {"url": PAGE, "if_not_archived_within": "30d"}
    assert responses.calls[1].request.headers["Authorization"] == "LOW myaccesskey:mysecret"


@responses.activate
def test_the_same_url_is_never_submitted_twice_in_a_run(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={"status": "success", "timestamp": "20241122223015",
                                "original_url": PAGE, "job_id": JOB})
    saver = spn(archive_session, clock)

    first, again = saver.save(PAGE), saver.save(PAGE)

    assert again is first
    assert sum(c.request.method == "POST" for c in responses.calls) == 1


@responses.activate
def test_a_blocked_site_is_reported_as_blocked(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={
        "status": "error", "status_ext": "error:blocked-url", "job_id": JOB,
        "message": "This URL is in the Save Page Now service block list and cannot be captured.",
    })
    result = spn(archive_session, clock).save(PAGE)
    assert result.outcome is SaveOutcome.BLOCKED
    assert "block list" in result.message and "error:blocked-url" in result.message


@responses.activate
def test_an_error_at_submission_is_reported_without_polling(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={
        "status": "error", "status_ext": "error:invalid-url-syntax",
        "message": "Invalid URL syntax.",
    })
    result = spn(archive_session, clock).save("htp:/broken")
    assert result.outcome is SaveOutcome.BLOCKED
    assert len(responses.calls) == 1


@responses.activate
def test_a_429_stops_every_later_submission_in_the_run(archive_session, clock):
    responses.post(f"{SAVE_URL}/", status=429, content_type="text/html",
                   body="<html><h1>Too Many Requests</h1></html>")
    saver = spn(archive_session, clock)

    results = [saver.save(PAGE), saver.save(OTHER)]

    assert [r.outcome for r in results] == [SaveOutcome.RATE_LIMITED] * 2
    assert "not submitted" in results[1].message
    assert sum(c.request.method == "POST" for c in responses.calls) == 1  # POSTs are not retried


@responses.activate
def test_a_user_session_limit_also_stops_later_submissions(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={
        "status": "error", "status_ext": "error:user-session-limit",
        "message": "You have already reached the limit of active sessions."})
    saver = spn(archive_session, clock)
    assert saver.save(PAGE).outcome is SaveOutcome.RATE_LIMITED
    assert saver.save(OTHER).outcome is SaveOutcome.RATE_LIMITED
    assert len(responses.calls) == 1


@responses.activate
def test_a_job_still_pending_after_max_wait_is_reported_with_its_id(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={"status": "pending", "job_id": JOB})
    result = spn(archive_session, clock, poll_interval=10.0, max_wait=30.0).save(PAGE)
    assert result.outcome is SaveOutcome.PENDING
    assert result.job_id == JOB
    assert clock.slept == [10.0, 10.0, 10.0]


@responses.activate
def test_submissions_are_spaced_by_the_published_capture_rate(archive_session, clock):
    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={"status": "success", "timestamp": "20241122223015",
                                "original_url": PAGE})
    saver = spn(archive_session, clock, poll_interval=1.0)
    saver.save(PAGE)
    saver.save(OTHER)
    # one 1 s poll after the first submission, then the rest of the 5 s spacing
    assert clock.slept == [1.0, AUTHENTICATED_INTERVAL - 1.0, 1.0]
    assert ANONYMOUS_INTERVAL > AUTHENTICATED_INTERVAL


@responses.activate
def test_without_keys_the_job_id_is_read_from_the_html_answer(archive_session, clock):
    html = (
        '<html><body><div id="spn-result"></div><script>'
        f'spn.watchJob("{JOB}", "/_static/", 6000);</script></body></html>'
    )
    responses.post(f"{SAVE_URL}/", body=html, content_type="text/html")
    responses.get(STATUS, json={"status": "success", "timestamp": "20241122223015",
                                "original_url": PAGE, "job_id": JOB})

    result = spn(archive_session, clock, credentials=None).save(PAGE)

    assert result.outcome is SaveOutcome.SAVED
    assert "Authorization" not in responses.calls[0].request.headers


@responses.activate
def test_without_keys_and_without_a_job_id_waybackpy_reads_the_older_answer_once(
    archive_session, clock,
):
    pytest.importorskip("waybackpy")
    responses.post(f"{SAVE_URL}/", body="<html><body>Saving page…</body></html>",
                   content_type="text/html")
    capture = f"https://web.archive.org/web/20241122223015/{PAGE}"
    responses.get(f"{SAVE_URL}/{PAGE}", status=302, headers={"Location": capture})
    responses.get(capture, body="<html>archived</html>")

    result = spn(archive_session, clock, credentials=None).save(PAGE)

    assert result.outcome is SaveOutcome.SAVED
    assert result.snapshot.url == capture
    assert [c.request.method for c in responses.calls] == ["POST", "GET", "GET"]
    assert clock.slept == []  # none of waybackpy's 5-10 s sleeps


@responses.activate
def test_without_keys_job_id_or_fallback_the_save_fails_with_a_message(archive_session, clock):
    responses.post(f"{SAVE_URL}/", body="<html>Please log in</html>", content_type="text/html")
    result = spn(archive_session, clock, credentials=None, use_waybackpy=False).save(PAGE)
    assert result.outcome is SaveOutcome.FAILED
    assert "without a job id" in result.message


@responses.activate
def test_save_missing_saves_only_urls_known_to_have_no_snapshot(archive_session, clock):
    from citeaudit.archive import LookupFailure, Problem

    responses.post(f"{SAVE_URL}/", json={"url": PAGE, "job_id": JOB})
    responses.get(STATUS, json={"status": "success", "timestamp": "20241122223015",
                                "original_url": PAGE})
    lookups = [
        SnapshotLookup(PAGE, dt.date(2024, 6, 28)),
        SnapshotLookup(OTHER, dt.date(2024, 6, 28), failures=(
            LookupFailure("wayback", Problem.RATE_LIMITED, "429"),)),
    ]
    results = spn(archive_session, clock).save_missing(lookups)
    assert [r.url for r in results] == [PAGE]


def test_keys_come_from_the_environment_and_their_secret_is_not_shown():
    assert Credentials.from_env({}) is None
    assert Credentials.from_env({"IA_ACCESS_KEY": "a"}) is None
    keys = Credentials.from_env({"IA_ACCESS_KEY": "a", "IA_SECRET_KEY": "s3cr3t"})
    assert keys.header == "LOW a:s3cr3t"
    assert "s3cr3t" not in repr(keys)
    alias = Credentials.from_env({"IA_ACCESS_KEY_ID": "b", "IA_SECRET_ACCESS_KEY": "t"})
    assert alias.header == "LOW b:t"

"""Save Page Now: ask the Internet Archive to capture cited pages that have no snapshot.

Opt-in (``--save-missing``).  With access keys (from https://archive.org/account/s3.php,
in the environment as ``IA_ACCESS_KEY`` and ``IA_SECRET_KEY``; the ``internetarchive``
tool's ``IA_ACCESS_KEY_ID``/``IA_SECRET_ACCESS_KEY`` also work) the SPN2 JSON API is used:
``POST /save`` with ``if_not_archived_within``, then ``GET /save/status/JOB`` until the job
succeeds, fails or ``max_wait`` passes.  Without keys the same form is posted anonymously;
the job id is read from the HTML answer and polled the same way.  If that page holds no
job id, and the optional ``waybackpy`` extra is installed, waybackpy's parser of the older
``GET /save/URL`` answer is tried once (see ``docs/waybackpy.md``).

Each URL is submitted at most once per :class:`SavePageNow` (one run); submissions are
spaced by the Archive's published capture rates (about 4 a minute anonymous, 12 with
keys), and after a 429 nothing more is submitted in the run.
"""

from __future__ import annotations

import enum
import os
import re
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
import requests

from citeaudit.archive._http import send
from citeaudit.archive.interface import Snapshot, SnapshotLookup
from citeaudit.archive.wayback import NAME, REPLAY_URL, parse_timestamp
from citeaudit.config import HttpConfig
from citeaudit.errors import ArchiveError, ArchiveRateLimited, CiteauditError

SAVE_URL = "https://web.archive.org/save"
ANONYMOUS_INTERVAL = 15.0
"""Seconds between anonymous submissions (Save Page Now allows about 4 a minute)."""
AUTHENTICATED_INTERVAL = 5.0
"""Seconds between submissions with keys (about 12 a minute)."""
_JOB_ID = re.compile(r"spn2-[0-9a-f]{8,}")
_BLOCKED = ("blocked", "robots", "no-access", "not-found", "invalid-url", "bad-request")
_LIMITED = ("too-many", "session-limit", "crawling-paused", "overloaded", "daily")


class SaveOutcome(enum.StrEnum):
    """What became of one save request."""

    SAVED = "saved"
    """Captured now (or an existing capture within ``if_not_archived_within`` was reused)."""
    PENDING = "pending"
    """Submitted, but not finished within ``max_wait``; the job id lets one check later."""
    BLOCKED = "blocked"
    """The Archive refuses this URL or site (blocked, robots.txt, unreachable)."""
    RATE_LIMITED = "rate_limited"
    """The Archive asked us to slow down; not submitted (or not finished)."""
    FAILED = "failed"
    """Anything else that went wrong."""


@attrs.frozen
class SaveResult:
    """The outcome of asking Save Page Now to capture one URL."""

    url: str
    outcome: SaveOutcome
    snapshot: Snapshot | None = None
    job_id: str | None = None
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON output."""
        return {
            "url": self.url,
            "outcome": self.outcome.value,
            "snapshot": self.snapshot.url if self.snapshot else None,
            "job_id": self.job_id,
            "message": self.message,
        }


@attrs.frozen(repr=False)
class Credentials:
    """Internet Archive S3-style access keys (``repr`` hides the secret)."""

    access_key: str
    secret_key: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Credentials | None:
        """Keys from ``IA_ACCESS_KEY``/``IA_SECRET_KEY`` (or the ``_ID``/``_ACCESS_KEY`` names)."""
        env = os.environ if env is None else env
        access = env.get("IA_ACCESS_KEY") or env.get("IA_ACCESS_KEY_ID")
        secret = env.get("IA_SECRET_KEY") or env.get("IA_SECRET_ACCESS_KEY")
        return cls(access, secret) if access and secret else None

    @property
    def header(self) -> str:
        """The ``Authorization`` header value SPN2 expects."""
        return f"LOW {self.access_key}:{self.secret_key}"

    def __repr__(self) -> str:
        return f"Credentials(access_key={self.access_key!r}, secret_key='***')"


class SavePageNow:
    """A Save Page Now client for one run: remembers what it submitted, paces itself."""

    def __init__(
        self,
        session: requests.Session,
        http: HttpConfig | None = None,
        *,
        credentials: Credentials | None = None,
        if_not_archived_within: str = "30d",
        poll_interval: float = 6.0,
        max_wait: float = 120.0,
        submit_interval: float | None = None,
        save_url: str = SAVE_URL,
        replay_url: str = REPLAY_URL,
        use_waybackpy: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.http = http or HttpConfig()
        self.credentials = credentials
        self.if_not_archived_within = if_not_archived_within
        self.poll_interval = poll_interval
        self.max_wait = max_wait
        default_interval = AUTHENTICATED_INTERVAL if credentials else ANONYMOUS_INTERVAL
        self.submit_interval = default_interval if submit_interval is None else submit_interval
        self.save_url = save_url.rstrip("/")
        self.replay_url = replay_url.rstrip("/") + "/"
        self.use_waybackpy = use_waybackpy
        self.sleep = sleep
        self.clock = clock
        self._results: dict[str, SaveResult] = {}
        self._last_submit: float | None = None
        self._halted: str | None = None

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.http.connect_timeout, self.http.read_timeout)

    def save(self, url: str) -> SaveResult:
        """Capture ``url`` (once per run: asking again returns the first result)."""
        if url in self._results:
            return self._results[url]
        if self._halted:
            result = SaveResult(url, SaveOutcome.RATE_LIMITED, message=self._halted)
        else:
            result = self._save(url)
        self._results[url] = result
        return result

    def save_missing(self, lookups: Iterable[SnapshotLookup]) -> list[SaveResult]:
        """Save every looked-up URL that has no snapshot and whose look-up was complete.

        A URL whose look-up failed is left alone: unknown is not missing, and
        the failure was usually the same Archive asking us to slow down.
        """
        return [self.save(lk.url) for lk in lookups if not lk.snapshots and lk.complete]

    # -- internals -----------------------------------------------------------

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.credentials:
            headers["Authorization"] = self.credentials.header
        return headers

    def _pace(self) -> None:
        if self._last_submit is not None:
            wait = self._last_submit + self.submit_interval - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last_submit = self.clock()

    def _save(self, url: str) -> SaveResult:
        self._pace()
        data = {"url": url, "if_not_archived_within": self.if_not_archived_within}
        try:
            response = send(
                self.session, "POST", self.save_url + "/", archive=NAME, timeout=self.timeout,
                data=data, headers=self._headers(),
            )
        except ArchiveRateLimited as exc:
            self._halted = f"not submitted: Save Page Now rate-limited this run ({exc})"
            return SaveResult(url, SaveOutcome.RATE_LIMITED, message=str(exc))
        except CiteauditError as exc:
            return SaveResult(url, SaveOutcome.FAILED, message=str(exc))
        job_id, answer = _job_from(response)
        if answer.get("status") == "error":
            return self._error_result(url, answer, job_id)
        if job_id is None:
            fallback = self._waybackpy(url) if not self.credentials else None
            if fallback is not None:
                return fallback
            return SaveResult(
                url, SaveOutcome.FAILED,
                message=answer.get("message")
                or f"Save Page Now answered HTTP {response.status_code} without a job id",
            )
        return self._poll(url, job_id)

    def _poll(self, url: str, job_id: str) -> SaveResult:
        started = self.clock()
        while True:
            self.sleep(self.poll_interval)
            try:
                response = send(
                    self.session, "GET", f"{self.save_url}/status/{job_id}", archive=NAME,
                    timeout=self.timeout, headers=self._headers(), allow_redirects=True,
                )
                if response.status_code != 200:
                    raise ArchiveError(f"status check answered HTTP {response.status_code}")
                _, answer = _job_from(response)
            except ArchiveRateLimited as exc:
                return SaveResult(url, SaveOutcome.RATE_LIMITED, job_id=job_id, message=str(exc))
            except CiteauditError as exc:
                return SaveResult(url, SaveOutcome.FAILED, job_id=job_id, message=str(exc))
            status = answer.get("status")
            if status == "success" and answer.get("timestamp"):
                original = answer.get("original_url") or url
                snapshot = self._snapshot(answer["timestamp"], original)
                message = str(answer.get("message") or "")
                return SaveResult(url, SaveOutcome.SAVED, snapshot, job_id, message)
            if status == "error":
                return self._error_result(url, answer, job_id)
            if self.clock() - started >= self.max_wait:
                return SaveResult(
                    url, SaveOutcome.PENDING, job_id=job_id,
                    message=f"still {status or 'pending'} after {self.max_wait:.0f} s",
                )

    def _error_result(self, url: str, answer: dict[str, Any], job_id: str | None) -> SaveResult:
        ext = str(answer.get("status_ext") or "")
        message = str(answer.get("message") or ext or "Save Page Now reported an error")
        if any(word in ext for word in _LIMITED):
            outcome = SaveOutcome.RATE_LIMITED
            self._halted = f"not submitted: Save Page Now said {ext}"
        elif any(word in ext for word in _BLOCKED):
            outcome = SaveOutcome.BLOCKED
        else:
            outcome = SaveOutcome.FAILED
        text = f"{ext}: {message}" if ext and ext not in message else message
        return SaveResult(url, outcome, job_id=job_id, message=text)

    def _snapshot(self, timestamp: str, original: str) -> Snapshot:
        return Snapshot(
            url=f"{self.replay_url}{timestamp}/{original}", original=original,
            datetime=parse_timestamp(timestamp), archive=NAME,
            raw_url=f"{self.replay_url}{timestamp}id_/{original}",
        )

    def _waybackpy(self, url: str) -> SaveResult | None:
        """One bounded try through waybackpy's parser of the older save answer, if installed."""
        if not self.use_waybackpy:
            return None
        from citeaudit.archive import _waybackpy

        archive_url = _waybackpy.save_once(
            url, self.session, timeout=self.timeout, user_agent=self.http.user_agent,
            save_url=self.save_url,
        )
        if archive_url is None:
            return None
        match = re.search(r"/web/(\d{14})/(.+)$", archive_url)
        if not match:
            return None
        snapshot = self._snapshot(match.group(1), match.group(2))
        return SaveResult(url, SaveOutcome.SAVED, snapshot, message="saved through waybackpy")


def _job_from(response: requests.Response) -> tuple[str | None, dict[str, Any]]:
    """The job id and the JSON answer (empty for HTML) of a save or status response."""
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if isinstance(answer, dict):
        job = answer.get("job_id")
        return (str(job) if job else None), answer
    match = _JOB_ID.search(response.text or "")
    return (match.group(0) if match else None), {}

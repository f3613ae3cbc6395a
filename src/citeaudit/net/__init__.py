"""The network layer: one polite, guarded HTTP session for every call citeaudit makes.

* :mod:`~citeaudit.net.session` builds the session (:func:`make_session`);
* :mod:`~citeaudit.net.adapter` sends one hop: throttle, attempt, capped body, retries, record;
* :mod:`~citeaudit.net.throttle` keeps per-host concurrency and spacing;
* :mod:`~citeaudit.net.deadline` gives each call a total deadline and its watchdog;
* :mod:`~citeaudit.net.guard` connects only to addresses the guard allows.

The address policy itself is :mod:`citeaudit.netguard`; WARC record/replay is
:mod:`citeaudit.warc`.  :mod:`citeaudit.http` re-exports the public names.
"""

from __future__ import annotations

from citeaudit.net.adapter import BOUNDED_ENCODINGS, RETRY_STATUSES, parse_retry_after
from citeaudit.net.deadline import DeadlineExceeded
from citeaudit.net.session import PoliteSession, RedirectLoop, make_session
from citeaudit.net.throttle import DEFAULT_HOST_INTERVALS, off_interval

__all__ = [
    "BOUNDED_ENCODINGS",
    "DEFAULT_HOST_INTERVALS",
    "RETRY_STATUSES",
    "DeadlineExceeded",
    "PoliteSession",
    "RedirectLoop",
    "make_session",
    "off_interval",
    "parse_retry_after",
]

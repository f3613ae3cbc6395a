"""The one HTTP session every network call of citeaudit goes through.

:func:`make_session` builds a :class:`requests.Session` whose politeness and
safety live *in* the session, so link checks, archive look-ups and snapshot
fetches all obey one policy:

* a truthful User-Agent, connect/read timeouts and a total deadline per call
  (retries and redirects included) enforced by a watchdog that shuts the
  socket down, so a slow drip or a server that never finishes its headers
  cannot outlive the deadline;
* retries with exponential backoff on 429, 5xx and timeouts, honouring
  ``Retry-After`` up to ``max_retry_after``;
* per-host concurrency and minimum interval between request starts, and a
  global concurrency limit;
* a redirect limit with loop detection;
* bodies read in a stream and cut at ``max_bytes``, decoded a slice at a time
  in only the content codings that can be bounded (:data:`BOUNDED_ENCODINGS`);
* refusal of non-public addresses (see :mod:`citeaudit.netguard`), checked on
  the address actually connected to, after resolution, on every hop;
* an optional on-disk cache (requests-cache) that keeps only successes, and
  WARC record/replay (:mod:`citeaudit.warc`); cached and replayed answers obey
  the address policy too.

The code lives in :mod:`citeaudit.net`; this module keeps the names users import
from ``citeaudit.http``.  Setting one of them here (``monkeypatch.setattr(
citeaudit.http, "DEFAULT_HOST_INTERVALS", {})``) sets it in the module that uses
it too, so a patch through the old name still takes effect.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from citeaudit import net
from citeaudit.net import *  # noqa: F403  (this module is the public names, re-exported)
from citeaudit.net import adapter, deadline, session, throttle

__all__ = list(net.__all__)

_HOMES: dict[str, types.ModuleType] = {
    name: module
    for module in (adapter, deadline, session, throttle)
    for name in module.__all__
    if name in __all__
}


class _Forwarding(types.ModuleType):
    """A module whose re-exported names, when set, are set in their home module as well."""

    def __setattr__(self, name: str, value: Any) -> None:
        home = _HOMES.get(name)
        if home is not None:
            setattr(home, name, value)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Forwarding

"""The bulk client: link checks as coroutines of one event loop, under the session's policy.

* :mod:`~citeaudit.net.bulk.client`: :class:`BulkClient`, one call with its hops,
  retries, deadline and cookies; :func:`bulk_of` says whether a session may be
  answered this way;
* :mod:`~citeaudit.net.bulk.connect`: guarded connections and the keep-alive pool;
* :mod:`~citeaudit.net.bulk.wire`: one HTTP/1.1 exchange, the body capped and decoded;
* :mod:`~citeaudit.net.bulk.response`: :class:`BulkResponse`, what the link rules read.
"""

from __future__ import annotations

from citeaudit.net.bulk.client import BulkClient, BulkSpec, bulk_of
from citeaudit.net.bulk.response import BulkResponse, Headers

__all__ = ["BulkClient", "BulkResponse", "BulkSpec", "Headers", "bulk_of"]

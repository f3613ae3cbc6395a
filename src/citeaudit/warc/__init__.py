"""Record HTTP exchanges to a WARC file and replay them without a network.

A capture is a gzipped WARC (written with warcio) holding, for each exchange,
a ``request`` record and a ``response`` record linked by ``WARC-Concurrent-To``.

- :func:`write_exchanges` builds a capture from small readable
  :class:`Exchange` values (tests, fixtures, the bundled example).
- :class:`WarcRecorder` appends what a live run sends and receives.
- :class:`ReplayAdapter` is a ``requests`` transport adapter that answers every
  request from a capture, so a whole audit can run offline.
- :func:`iter_exchanges` reads a capture back.

Bodies are stored *decoded*: ``requests`` has already undone gzip/deflate and
chunking by the time a body is read, so the recorder drops
``Content-Encoding``/``Transfer-Encoding`` and writes a ``Content-Length``
that matches the stored bytes.  Replay and :func:`iter_exchanges` likewise
hand out decoded bodies with headers that describe them.  A body cut at the
size cap is the exception: its record says ``WARC-Truncated: length`` and keeps
the length the server announced (none if it was compressed on the wire), and
replay hands it out with ``response.truncated`` set.  Each live answer's
``WARC-IP-Address`` is recorded, so replay can apply the address policy.

A capture is checked whole before replay answers anything: a record cut short
(a killed run, a full disk, a partial copy), an empty file, a bad status line
or target URI raise :class:`~citeaudit.errors.InputError` naming the record.
Replay then reads each body from the file as it is consumed, so a record of
any size costs only what the session reads of it (``max_bytes``).

URL matching on replay ignores the case of scheme and host, a default port
(80/443), an empty path (``/``) and the fragment.  The query string is matched
exactly, order included: servers may treat ``?a=1&b=2`` and ``?b=2&a=1``
differently, and ``requests`` sends a URL's query in the same order on every
run, so exact matching never misses a request the live run made.

The package keeps one concept per module: :mod:`~citeaudit.warc.exchange` (the
value), :mod:`~citeaudit.warc.record` (writing), :mod:`~citeaudit.warc.scan`
(checking a capture whole), :mod:`~citeaudit.warc.body` (reading a body as it
is consumed) and :mod:`~citeaudit.warc.replay` (answering from a capture).
"""

from __future__ import annotations

from citeaudit.warc.exchange import Exchange
from citeaudit.warc.record import WarcRecorder, write_exchanges
from citeaudit.warc.replay import ReplayAdapter, iter_exchanges

__all__ = [
    "Exchange",
    "ReplayAdapter",
    "WarcRecorder",
    "iter_exchanges",
    "write_exchanges",
]

"""Settings shared by every stage.

:class:`HttpConfig` governs how the network is reached (one policy for link
checks, archive look-ups and snapshot fetches); :class:`Config` bundles it with
the settings of the later stages.  Both are frozen: derive a changed copy with
:func:`attrs.evolve`.
"""

from __future__ import annotations

from pathlib import Path

import attrs

from citeaudit import __version__
from citeaudit.verify.llm_settings import LlmSettings

DEFAULT_USER_AGENT = (
    f"citeaudit/{__version__} (+https://github.com/citeaudit/citeaudit; citation link checker)"
)


@attrs.frozen
class HttpConfig:
    """How citeaudit talks to the network."""

    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    """Seconds to wait for a TCP/TLS connection."""
    read_timeout: float = 20.0
    """Seconds to wait between bytes of a response."""
    deadline: float = 45.0
    """Total seconds one URL may take, retries and redirects included."""
    retries: int = 3
    """Extra attempts on 429, 5xx and timeouts."""
    backoff: float = 0.5
    """Base of the exponential backoff, in seconds."""
    max_retry_after: float = 30.0
    """Longest ``Retry-After`` honoured; longer waits give up instead."""
    per_host_concurrency: int = 4
    per_host_interval: float = 0.05
    """Seconds between the starts of two requests to one host (less at most 5 ms of
    thread wake-up slack; see :meth:`citeaudit.net.throttle.Throttle.acquire`)."""
    host_intervals: dict[str, float] = attrs.field(factory=dict)
    """Per-host overrides of ``per_host_interval`` (e.g. stricter for archives)."""
    global_concurrency: int = 64
    max_redirects: int = 10
    max_bytes: int = 10 * 1024 * 1024
    """Largest response body read; longer bodies are cut off."""
    allow_private: bool = False
    """Allow URLs that resolve to private, loopback, link-local or metadata addresses."""
    allowed_networks: tuple[str, ...] = ()
    """Networks allowed even when ``allow_private`` is off (e.g. ``127.0.0.0/8``)."""
    cache_path: Path | None = None
    """On-disk HTTP cache; ``None`` disables caching."""
    cache_expire: float = 24 * 3600.0
    """Seconds a successful cached response stays fresh."""
    record: Path | None = None
    """Write every HTTP exchange of the run to this WARC file."""
    replay: Path | None = None
    """Answer every request from this WARC file, with no network."""


@attrs.frozen
class Config:
    """All settings of an audit."""

    http: HttpConfig = attrs.field(factory=HttpConfig)
    archives: tuple[str, ...] = ("wayback",)
    """Archive backends by name (``wayback``) or Memento TimeMap prefix; empty disables."""
    archive_intervals: dict[str, float] = attrs.field(factory=dict)
    """Seconds between requests to each archive, by name (``wayback``, ``archive.today``…
    or a configured ``NAME=PREFIX``'s name); applied to its hosts' intervals."""
    save_missing: bool = False
    """Ask the Internet Archive to capture cited URLs that have no snapshot."""
    workers: int | None = None
    """Processes reading pages and verifying claims; ``None``: one per CPU (at most 4), 1: none."""
    verifier: str = "lexical"
    """The verifier backend: ``lexical``, ``model:NAME`` or ``llm:MODEL``
    (:mod:`citeaudit.verify.backend`)."""
    llm: LlmSettings = attrs.field(factory=LlmSettings)
    """Where an ``llm:`` verifier's endpoint is, and its budget (the environment fills in
    what is unset)."""

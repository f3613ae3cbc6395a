"""Exceptions raised by citeaudit.

Every exception citeaudit raises on purpose derives from :class:`CiteauditError`,
so a caller can catch the whole family in one place.  A dead link, a missing
snapshot or an unsupported claim is *not* an exception: those are ordinary
results (``LinkResult``, an empty snapshot list, a ``Verdict``).  Exceptions are
for bad input and for failures of citeaudit's own machinery.

    CiteauditError
    ├── InputError            bad input from the user: missing/empty/binary file, bad flag value
    │   └── UnsupportedFormat the article's format cannot be read
    ├── ConfigError           invalid configuration (citeaudit.toml, [tool.citeaudit])
    ├── NetworkError          a request could not be made at all (translated from requests)
    │   ├── PolicyRefused     the URL was refused by policy (private address, scheme)
    │   └── ReplayMiss        --replay was asked for a request the capture does not hold
    ├── ArchiveError          an archive backend answered in a way we cannot use
    │   └── ArchiveRateLimited the archive kept answering 429 after polite retries
    └── VerifyError           the verifier or its optional backend failed
"""

from __future__ import annotations


class CiteauditError(Exception):
    """Root of every exception citeaudit raises on purpose."""


class InputError(CiteauditError):
    """The user's input cannot be used (missing, empty, binary, malformed)."""


class UnsupportedFormat(InputError):
    """The article's format is not one citeaudit can read."""


class ConfigError(CiteauditError):
    """The configuration (file or flags) is invalid."""


class NetworkError(CiteauditError):
    """A request could not be made at all."""


class PolicyRefused(NetworkError):
    """A URL was refused by policy, e.g. it resolves to a private address."""


class ReplayMiss(NetworkError):
    """Replay mode was asked for a request that the WARC capture does not hold."""


class ArchiveError(CiteauditError):
    """A web archive answered in a way citeaudit cannot use."""


class ArchiveRateLimited(ArchiveError):
    """A web archive kept answering 429 after polite retries."""


class VerifyError(CiteauditError):
    """Claim verification, or its optional semantic backend, failed."""

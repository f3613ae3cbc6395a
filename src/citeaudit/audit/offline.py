"""Telling a network that is down from sites that are: no "could not check" passes for "dead"."""

from __future__ import annotations

from urllib.parse import urlsplit

from citeaudit.archive.interface import Problem
from citeaudit.links import Outcome
from citeaudit.report.model import LinkCheck


def network_down(links: list[LinkCheck], asked_archives: bool) -> str | None:
    """Why the network looks unreachable: every host, the archives' included, failed to connect.

    Two hosts at least must have been tried, so one dead site is never taken
    for a dead network; an archive that answered anything, or any link that
    got an HTTP answer, means the network is up.
    """
    if not links or any(link.result.outcome not in _UNREACHABLE for link in links):
        return None
    hosts = {urlsplit(link.url).hostname or link.url for link in links}
    archives: set[str] = set()
    if asked_archives:
        for link in links:
            lookup = link.lookup
            if lookup is None or lookup.not_asked is not None:
                continue
            if lookup.snapshots or not lookup.failures or any(
                f.problem not in (Problem.NETWORK_ERROR, Problem.SKIPPED)
                for f in lookup.failures
            ):
                return None
            archives.update(f.archive for f in lookup.failures)
    if len(hosts) + len(archives) < 2:
        return None
    sites = sorted(hosts)
    shown = ", ".join(sites[:2]) + (f" and {len(sites) - 2} more" if len(sites) > 2 else "")
    asked = f", nor the {' and '.join(sorted(archives))} archive" if archives else ""
    plural = "s" if len(archives) > 1 else ""
    return (f"the network is unreachable: no cited site ({shown}){asked}{plural} could be "
            "resolved or connected to, so no link or archive could be checked")


_UNREACHABLE = frozenset({Outcome.DNS_ERROR, Outcome.CONNECTION_ERROR})
"""Link outcomes where no answer came at all (not even a timeout after connecting)."""

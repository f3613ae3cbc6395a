"""When a link is dead: repeated failures spread over time, reset by one success.

A site that is down for an hour, or a weekend, must not make a citation
"dead".  Following the Internet Archive bot of Wikipedia, a URL is declared
dead only after ``failures`` failed checks that are each at least ``spacing``
apart (default: 3 failures, 3 days apart).  Failures closer together than
``spacing`` to the last *counted* one are recorded but do not count.  One
success resets the count, so a flapping link never reaches dead.

Each :class:`~citeaudit.links.Outcome` falls in one of three kinds:

* success — ``ok``, ``redirected``;
* failure — ``broken``, ``soft_404``, ``moved_to_home``, ``invalid_url``,
  ``dns_error`` (hard: the page or name is gone) and ``server_error``,
  ``timeout``, ``connection_error``, ``tls_error`` (transient: often a site
  that is down for a while).  Both count, under the spacing rule, which is
  what keeps transient ones from raising false alarms;
* could not check — ``blocked``, ``paywalled``, ``rate_limited``, ``skipped``:
  the site refused *us*, which says nothing about the page; the state is left
  as it was.
"""

from __future__ import annotations

import datetime as dt
import enum

import attrs

from citeaudit.links import Outcome

__all__ = [
    "FAILURE_OUTCOMES",
    "SUCCESS_OUTCOMES",
    "TRANSIENT_OUTCOMES",
    "UNKNOWN_OUTCOMES",
    "CheckKind",
    "DeadPolicy",
    "Event",
    "LinkState",
    "Transition",
    "UrlState",
    "apply",
    "kind_of",
]


class CheckKind(enum.StrEnum):
    """What one check says about a link."""

    SUCCESS = "success"
    FAILURE = "failure"
    UNKNOWN = "unknown"
    """Could not check (the site refused us); says nothing about the page."""


class LinkState(enum.StrEnum):
    """Where a watched URL stands."""

    UNCHECKED = "unchecked"
    ALIVE = "alive"
    FAILING = "failing"
    """Failed at least once since its last success, not (yet) dead."""
    DEAD = "dead"


class Event(enum.StrEnum):
    """Something worth reporting that a check brought about."""

    DIED = "died"
    """This check made the URL dead."""
    RECOVERED = "recovered"
    """A dead URL answered again."""
    DRIFTED = "drifted"
    """The page answered, but its main text changed notably or a claim lost its support."""


SUCCESS_OUTCOMES = frozenset({Outcome.OK, Outcome.REDIRECTED})
UNKNOWN_OUTCOMES = frozenset(
    {Outcome.BLOCKED, Outcome.PAYWALLED, Outcome.RATE_LIMITED, Outcome.SKIPPED}
)
TRANSIENT_OUTCOMES = frozenset(
    {Outcome.SERVER_ERROR, Outcome.TIMEOUT, Outcome.CONNECTION_ERROR, Outcome.TLS_ERROR}
)
"""Failures that are often temporary; they count like the others, under the spacing rule."""
FAILURE_OUTCOMES = frozenset(set(Outcome) - SUCCESS_OUTCOMES - UNKNOWN_OUTCOMES)


def kind_of(outcome: Outcome | str) -> CheckKind:
    """Whether ``outcome`` is a success, a failure, or could-not-check."""
    outcome = Outcome(outcome)
    if outcome in SUCCESS_OUTCOMES:
        return CheckKind.SUCCESS
    if outcome in UNKNOWN_OUTCOMES:
        return CheckKind.UNKNOWN
    return CheckKind.FAILURE


@attrs.frozen
class DeadPolicy:
    """How many spaced failures make a link dead, and how often to re-check."""

    failures: int = attrs.field(default=3, validator=attrs.validators.ge(1))
    """Counted failures that make a URL dead."""
    spacing: dt.timedelta = dt.timedelta(days=3)
    """Least time between two counted failures."""
    recheck: dt.timedelta = dt.timedelta(days=7)
    """With ``--due-only``: how long a healthy (or dead) URL rests between checks."""

    def is_due(self, state: UrlState, now: dt.datetime) -> bool:
        """Whether ``--due-only`` should check this URL now."""
        if state.last_checked is None:
            return True
        if state.state is LinkState.FAILING and state.last_counted_failure is not None:
            # Checking a failing URL before its next failure could count is wasted effort.
            return now - state.last_counted_failure >= self.spacing
        return now - state.last_checked >= self.recheck


@attrs.frozen
class UrlState:
    """The part of a URL's history the policy needs."""

    state: LinkState = LinkState.UNCHECKED
    failures: int = 0
    """Counted failures since the last success."""
    last_counted_failure: dt.datetime | None = None
    last_checked: dt.datetime | None = None
    dead_since: dt.datetime | None = None


@attrs.frozen
class Transition:
    """The new state after one check, and what to report."""

    state: UrlState
    counted: bool = False
    """Whether this check was a counted failure."""
    event: Event | None = None


def apply(policy: DeadPolicy, before: UrlState, kind: CheckKind, now: dt.datetime) -> Transition:
    """The state after a check of ``kind`` at ``now``."""
    if kind is CheckKind.UNKNOWN:
        return Transition(attrs.evolve(before, last_checked=now))
    if kind is CheckKind.SUCCESS:
        event = Event.RECOVERED if before.state is LinkState.DEAD else None
        return Transition(UrlState(LinkState.ALIVE, 0, None, now, None), event=event)
    last = before.last_counted_failure
    counts = before.state is not LinkState.DEAD and (last is None or now - last >= policy.spacing)
    if not counts:
        if before.state is LinkState.FAILING and before.failures >= policy.failures:
            # The policy was made stricter since the last counted failure: dead already.
            return Transition(
                attrs.evolve(before, state=LinkState.DEAD, last_checked=now, dead_since=now),
                event=Event.DIED,
            )
        return Transition(attrs.evolve(before, last_checked=now))
    failures = before.failures + 1
    if failures >= policy.failures:
        return Transition(
            UrlState(LinkState.DEAD, failures, now, now, now), counted=True, event=Event.DIED
        )
    return Transition(UrlState(LinkState.FAILING, failures, now, now, None), counted=True)

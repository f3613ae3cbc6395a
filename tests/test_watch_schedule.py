"""The dead-after-spaced-failures policy, as pure state transitions."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.links import Outcome
from citeaudit.watch.schedule import (
    FAILURE_OUTCOMES,
    CheckKind,
    DeadPolicy,
    Event,
    LinkState,
    UrlState,
    apply,
    kind_of,
)

T0 = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.UTC)
POLICY = DeadPolicy()


def walk(kinds: list[tuple[float, CheckKind]], policy: DeadPolicy = POLICY):
    state, events = UrlState(), []
    for day, kind in kinds:
        t = apply(policy, state, kind, T0 + dt.timedelta(days=day))
        state = t.state
        events.append(t.event)
    return state, events


def test_every_outcome_is_a_success_a_failure_or_could_not_check():
    kinds = {outcome: kind_of(outcome) for outcome in Outcome}
    assert {o for o, k in kinds.items() if k is CheckKind.SUCCESS} == {
        Outcome.OK, Outcome.REDIRECTED}
    assert {o for o, k in kinds.items() if k is CheckKind.UNKNOWN} == {
        Outcome.BLOCKED, Outcome.PAYWALLED, Outcome.RATE_LIMITED, Outcome.SKIPPED}
    assert {o for o, k in kinds.items() if k is CheckKind.FAILURE} == FAILURE_OUTCOMES
    assert Outcome.BROKEN in FAILURE_OUTCOMES and Outcome.TIMEOUT in FAILURE_OUTCOMES


def test_a_gone_link_dies_on_the_third_failure_spaced_three_days_apart():
    state, events = walk([(0, CheckKind.FAILURE), (3, CheckKind.FAILURE)])
    assert state.state is LinkState.FAILING and state.failures == 2
    state, events = walk([(0, CheckKind.FAILURE), (3, CheckKind.FAILURE),
                          (6, CheckKind.FAILURE)])
    assert state.state is LinkState.DEAD
    assert events == [None, None, Event.DIED]
    assert state.dead_since == T0 + dt.timedelta(days=6)


def test_failures_closer_than_the_spacing_do_not_count():
    # Down all weekend, checked every few hours: still one counted failure.
    state, _ = walk([(d / 4, CheckKind.FAILURE) for d in range(11)])
    assert state.state is LinkState.FAILING and state.failures == 1


def test_one_success_resets_the_count_so_a_flapping_link_never_dies():
    pattern = [(d * 3.0, CheckKind.FAILURE if d % 3 != 2 else CheckKind.SUCCESS)
               for d in range(30)]
    state, events = walk(pattern)
    assert Event.DIED not in events
    assert state.failures <= 2


def test_could_not_check_leaves_the_count_alone():
    state, _ = walk([(0, CheckKind.FAILURE), (3, CheckKind.UNKNOWN), (6, CheckKind.UNKNOWN)])
    assert state.state is LinkState.FAILING and state.failures == 1
    assert state.last_checked == T0 + dt.timedelta(days=6)


def test_a_dead_link_that_answers_again_is_recovered():
    state, events = walk([(0, CheckKind.FAILURE), (3, CheckKind.FAILURE),
                          (6, CheckKind.FAILURE), (9, CheckKind.SUCCESS)])
    assert events[-1] is Event.RECOVERED
    assert state.state is LinkState.ALIVE and state.failures == 0


def test_the_policy_is_configurable():
    strict = DeadPolicy(failures=2, spacing=dt.timedelta(hours=12))
    state, events = walk([(0, CheckKind.FAILURE), (0.5, CheckKind.FAILURE)], strict)
    assert events[-1] is Event.DIED and state.state is LinkState.DEAD
    with pytest.raises(ValueError):
        DeadPolicy(failures=0)


def test_a_policy_made_stricter_applies_at_the_next_failure():
    state, _ = walk([(0, CheckKind.FAILURE), (3, CheckKind.FAILURE)])
    t = apply(DeadPolicy(failures=2), state, CheckKind.FAILURE, T0 + dt.timedelta(days=4))
    assert t.event is Event.DIED and t.state.state is LinkState.DEAD


def test_due_only_skips_healthy_links_until_the_recheck_interval():
    alive, _ = walk([(0, CheckKind.SUCCESS)])
    assert not POLICY.is_due(alive, T0 + dt.timedelta(days=6))
    assert POLICY.is_due(alive, T0 + dt.timedelta(days=7))
    failing, _ = walk([(0, CheckKind.FAILURE)])
    assert not POLICY.is_due(failing, T0 + dt.timedelta(days=2))
    assert POLICY.is_due(failing, T0 + dt.timedelta(days=3))
    assert POLICY.is_due(UrlState(), T0)

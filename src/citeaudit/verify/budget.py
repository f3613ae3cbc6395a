"""A time budget for one verification: pathological pages end as "could not check".

Every step of verification is linear in the page's size, and pages beyond
:data:`citeaudit.verify.thresholds.MAX_SOURCE_CHARS` are compared on their
first part only; the budget is the last guard, for a machine slower than
expected or an input no one foresaw.  Running out is never reported as a
negative verdict: it becomes ``unverifiable``.
"""

from __future__ import annotations

import time

from ..errors import CiteauditError


class BudgetExceeded(CiteauditError):
    """Verification ran past its time budget."""


class Budget:
    """A deadline on the monotonic clock; :meth:`check` raises once it has passed."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        """Raise :class:`BudgetExceeded` when the deadline has passed."""
        if self._deadline is not None and time.monotonic() > self._deadline:
            raise BudgetExceeded(f"verification took longer than its {self.seconds:g} s budget")


UNLIMITED = Budget(None)

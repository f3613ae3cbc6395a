"""Child processes started by tests end with the test run, however it ends.

A fixture's ``finally`` does not run when pytest itself is killed (SIGTERM from
``timeout``, SIGKILL), and a server left behind holds its port and memory for
ever.  ``preexec_fn=die_with_parent`` asks Linux to send the child SIGTERM
when the process that started it goes.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """For ``subprocess.Popen(preexec_fn=...)``: the child is sent SIGTERM when its parent dies."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)

"""Reading a child process's output with a deadline, so a stalled child fails the test.

``proc.stdout.readline()`` waits for ever when the child hangs before writing
its line (a deadlock, a lost signal); the whole suite would then hang with it.
"""

from __future__ import annotations

import threading
from typing import IO, AnyStr

import pytest

LINE_TIMEOUT = 60.0
"""Seconds to wait for a child's line: minutes of margin over what a loaded machine needs."""


def read_line(stream: IO[AnyStr], what: str, timeout: float = LINE_TIMEOUT) -> AnyStr:
    """The next line of ``stream``, or the test fails after ``timeout`` seconds saying so.

    A thread reads rather than a selector: a text stream may already hold the
    line in its buffer, where ``select`` cannot see it.  The thread ends when the
    caller stops the child (its pipe closes).
    """
    lines: list[AnyStr] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            lines.append(stream.readline())
        except BaseException as exc:  # handed to the test's thread, raised there
            errors.append(exc)

    reader = threading.Thread(target=read, name="test-read-line", daemon=True)
    reader.start()
    reader.join(timeout)
    if errors:
        raise errors[0]
    if not lines:
        pytest.fail(f"no line from the child within {timeout:.0f} s: {what}")
    return lines[0]

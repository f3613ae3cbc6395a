"""Reading a child's output with a deadline (tests/support/child_output.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.hostile.proc import stop
from tests.support.child_output import read_line
from tests.support.children import die_with_parent


def _child(code: str) -> subprocess.Popen:  # type: ignore[type-arg]
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            preexec_fn=die_with_parent)


def test_a_child_that_writes_its_line_gives_that_line():
    proc = _child("print('ready', flush=True); import time; time.sleep(60)")
    try:
        assert read_line(proc.stdout, "the ready line") == "ready\n"
    finally:
        stop(proc)


def test_a_child_that_stalls_before_its_line_fails_the_test_saying_what_was_awaited():
    proc = _child("import time; time.sleep(60)")
    try:
        with pytest.raises(pytest.fail.Exception, match="within 1 s: the ready line"):
            read_line(proc.stdout, "the ready line", timeout=1)
    finally:
        stop(proc)


def test_a_child_that_ends_without_a_line_gives_an_empty_line_at_once():
    proc = _child("pass")
    try:
        assert read_line(proc.stdout, "the ready line") == ""
    finally:
        stop(proc)

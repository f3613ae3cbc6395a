"""parse_article holds the garbage collector off while it reads, and gives it back as found."""

from __future__ import annotations

import gc

import pytest

from citeaudit.errors import InputError
from citeaudit.read import parse_article


def test_the_collector_runs_again_after_an_article_is_read():
    assert gc.isenabled()
    parse_article("Ports grew in 2021.[1]\n\n[1] Port log, https://port.example/log.", "text")
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_bad_input():
    with pytest.raises(InputError):
        parse_article(b"", "text")
    assert gc.isenabled()


def test_a_collector_the_caller_paused_stays_paused():
    gc.disable()
    try:
        parse_article("Ports grew in 2021.[1]\n\n[1] Port log.", "text")
        assert not gc.isenabled()
    finally:
        gc.enable()

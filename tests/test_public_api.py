"""The public API is what ``citeaudit.__all__`` says; the CLI's choices are walked member by member.

The list itself is not repeated here (it grows as stages land): these tests
guard its shape, so a typo, a private name or an unsorted entry fails at once.
"""

from __future__ import annotations

import json

import pytest

import citeaudit
from citeaudit.cli import main
from citeaudit.cli.common import ExitCode, OutputFormat, fail
from citeaudit.links import LinkResult, Outcome, check_links

# Needs no network: the checker skips non-HTTP schemes without a request.
UNCHECKED_URL = "ftp://ftp.example.org/pub/report-2024.txt"


def test_all_is_sorted():
    assert list(citeaudit.__all__) == sorted(citeaudit.__all__)


def test_all_has_no_repeats():
    assert len(set(citeaudit.__all__)) == len(citeaudit.__all__)


@pytest.mark.parametrize("name", citeaudit.__all__)
def test_every_exported_name_exists(name):
    assert getattr(citeaudit, name, None) is not None, f"citeaudit.{name} is exported but missing"


@pytest.mark.parametrize("name", citeaudit.__all__)
def test_nothing_private_is_exported(name):
    assert name == "__version__" or not name.startswith("_")


def test_a_star_import_gives_exactly_the_public_names():
    namespace: dict[str, object] = {}
    exec("from citeaudit import *", namespace)  # the behaviour under test
    assert {n for n in namespace if n != "__builtins__"} == set(citeaudit.__all__)


# --- the CLI's enums, every member ------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(OutputFormat))
def test_every_output_format_is_offered_and_printed(fmt, capsys):
    code = main(["links", "--format", fmt.value, UNCHECKED_URL])
    out = capsys.readouterr().out
    assert code == ExitCode.FINDINGS  # a skipped link is not a fine link
    assert OutputFormat(fmt.value) is fmt
    if fmt is OutputFormat.JSON:
        [link] = json.loads(out)["links"]
        assert (link["url"], link["outcome"]) == (UNCHECKED_URL, "skipped")
    else:
        assert UNCHECKED_URL in out and "skipped" in out


def test_an_unknown_output_format_is_a_usage_error(capsys):
    assert main(["links", "--format", "yaml", UNCHECKED_URL]) == ExitCode.USAGE
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("code", list(ExitCode))
def test_every_exit_code_means_one_thing(code):
    assert ExitCode(int(code)) is code  # no member is an alias of another
    assert 0 <= code <= 255
    assert [c for c in ExitCode if int(c) == int(code)] == [code]


def test_exit_codes_follow_the_documented_meanings():
    assert (ExitCode.OK, ExitCode.FINDINGS, ExitCode.USAGE) == (0, 1, 2)
    assert fail("bad flag") == ExitCode.USAGE


@pytest.mark.parametrize("outcome", list(Outcome))
def test_every_outcome_reaches_the_json_report_as_its_value(outcome):
    result = LinkResult("https://www.kyivpost.com/post/34571", outcome, reason="test")
    entry = json.loads(json.dumps(result.to_dict()))
    assert entry["outcome"] == outcome.value
    assert Outcome(entry["outcome"]) is outcome
    assert outcome.value == outcome.value.lower() and " " not in outcome.value
    assert result.is_ok == (outcome in (Outcome.OK, Outcome.REDIRECTED))


def test_outcomes_are_the_documented_set():
    assert {o.value for o in Outcome} == {
        "ok", "redirected", "broken", "soft_404", "moved_to_home", "blocked", "paywalled",
        "rate_limited", "server_error", "timeout", "dns_error", "connection_error",
        "tls_error", "invalid_url", "skipped",
    }


def test_the_public_check_links_is_the_link_checker():
    [result] = citeaudit.check_links([UNCHECKED_URL])
    assert result.outcome is Outcome.SKIPPED
    assert citeaudit.check_links is check_links


def test_every_exported_name_has_a_lazy_home():
    assert set(citeaudit._HOMES) == set(citeaudit.__all__) - {"__version__"}

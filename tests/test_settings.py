"""Settings files: where they are found, what they may hold, and how they shape a Config."""

from __future__ import annotations

import argparse
from pathlib import Path

import attrs
import pytest

from citeaudit.cli.common import http_config_from_args
from citeaudit.config import Config, HttpConfig
from citeaudit.errors import ConfigError
from citeaudit.settings import Settings, find_settings_file, load_settings

FULL = """\
timeout = 12.5
user_agent = "NewsroomBot/2.0 (+mailto:desk@example.org)"
allow_private = true
archive = ["wayback", "https://arquivo.pt/wayback/timemap/link/"]
save_missing = true
fail_on = ["dead_link", "contradicted"]
format = "json"
cache = ".cache/citeaudit"
per_host_interval = 1.5
per_host_concurrency = 2
retries = 5
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_setting_is_read_with_its_type(tmp_path):
    path = write(tmp_path / "citeaudit.toml", FULL)
    settings = load_settings(path)
    assert settings == Settings(
        path=path,
        timeout=12.5,
        user_agent="NewsroomBot/2.0 (+mailto:desk@example.org)",
        allow_private=True,
        archives=("wayback", "https://arquivo.pt/wayback/timemap/link/"),
        save_missing=True,
        fail_on=("dead_link", "contradicted"),
        format="json",
        cache=(tmp_path / ".cache" / "citeaudit").resolve(),
        per_host_interval=1.5,
        per_host_concurrency=2,
        retries=5,
    )


def test_apply_sets_the_same_fields_the_flags_do(tmp_path):
    settings = load_settings(write(tmp_path / "citeaudit.toml", FULL))
    config = settings.apply(Config())
    flags = argparse.Namespace(timeout=12.5, allow_private=True, cache=settings.cache)
    expected_http = attrs.evolve(
        http_config_from_args(flags, HttpConfig()),
        user_agent="NewsroomBot/2.0 (+mailto:desk@example.org)",
        per_host_interval=1.5,
        per_host_concurrency=2,
        retries=5,
    )
    assert config.http == expected_http
    assert (config.http.deadline, config.http.read_timeout, config.http.connect_timeout) == (
        12.5, 12.5, 10.0
    )
    assert config.archives == ("wayback", "https://arquivo.pt/wayback/timemap/link/")
    assert config.save_missing is True


def test_apply_keeps_what_the_file_does_not_set():
    base = Config(http=HttpConfig(retries=7), save_missing=True, workers=2)
    assert Settings(timeout=3).apply(base) == attrs.evolve(
        base, http=attrs.evolve(base.http, deadline=3, read_timeout=3, connect_timeout=3)
    )
    assert Settings().apply(base) == base


@pytest.mark.parametrize(
    ("text", "archives"),
    [('archive = "none"', ()), ('archive = ["wayback", "None"]', ()),
     ('archive = "wayback"', ("wayback",))],
)
def test_archive_takes_a_string_or_a_list_and_none_disables(tmp_path, text, archives):
    settings = load_settings(write(tmp_path / "citeaudit.toml", text))
    assert settings.archives == archives
    assert settings.apply(Config()).archives == archives


def test_fail_on_may_be_a_comma_separated_string_and_keys_may_use_dashes(tmp_path):
    settings = load_settings(write(
        tmp_path / "citeaudit.toml", 'fail-on = "broken, not_found"\nsave-missing = false\n'
    ))
    assert settings.fail_on == ("broken", "not_found")
    assert settings.save_missing is False


def test_cache_false_disables_a_cache_set_earlier(tmp_path):
    settings = load_settings(write(tmp_path / "citeaudit.toml", "cache = false\n"))
    base = Config(http=HttpConfig(cache_path=tmp_path / "old"))
    assert settings.apply(base).http.cache_path is None


def test_cache_true_means_the_user_cache_folder(tmp_path):
    settings = load_settings(write(tmp_path / "citeaudit.toml", "cache = true\n"))
    assert isinstance(settings.cache, Path)
    assert "citeaudit" in settings.cache.parts


def test_pyproject_tool_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", (
        '[project]\nname = "newsroom-tools"\n\n'
        '[tool.citeaudit]\ntimeout = 20\nformat = "md"\ncache = "build/http"\n'
    ))
    settings = load_settings(path)
    assert (settings.path, settings.timeout, settings.format) == (path, 20.0, "md")
    assert settings.cache == (tmp_path / "build" / "http").resolve()


def test_search_walks_up_and_citeaudit_toml_beats_pyproject_in_one_folder(tmp_path):
    project = tmp_path / "project"
    write(project / "pyproject.toml", "[tool.citeaudit]\ntimeout = 20\n")
    nested = project / "articles" / "2024"
    nested.mkdir(parents=True)
    assert find_settings_file(nested) == (project / "pyproject.toml").resolve()
    write(project / "citeaudit.toml", "timeout = 30\n")
    assert find_settings_file(nested) == (project / "citeaudit.toml").resolve()
    assert load_settings(start=nested).timeout == 30.0
    # The nearest folder wins over one further up.
    write(nested / "citeaudit.toml", "timeout = 5\n")
    assert load_settings(start=nested / "article.md").timeout == 5.0


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    write(tmp_path / "citeaudit.toml", "retries = 1\n")
    # Someone else's pyproject.toml, even a broken one, does not stop the search.
    write(tmp_path / "pkg" / "pyproject.toml", "[project\nname = 'x'\n")
    assert find_settings_file(tmp_path / "pkg") == (tmp_path / "citeaudit.toml").resolve()


def test_no_file_gives_settings_with_nothing_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert find_settings_file(tmp_path) is None  # pytest's temp folders sit outside any project
    assert load_settings() == Settings()
    assert Settings().apply(Config()) == Config()
    explicit = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    assert load_settings(explicit) == Settings(path=explicit)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('timeout = "fast"', '"timeout" must be a number, got "fast"'),
        ("timeout = 0", '"timeout" must be greater than 0, got 0'),
        ("timeout = true", '"timeout" must be a number, got true'),
        ("retries = 1.5", '"retries" must be a whole number, got 1.5'),
        ("per_host_concurrency = 0", '"per_host_concurrency" must be at least 1, got 0'),
        ("per_host_interval = -1", '"per_host_interval" must be at least 0, got -1'),
        ('allow_private = "yes"', '"allow_private" must be true or false, got "yes"'),
        ('format = "pdf"',
         '"format" must be one of text, json, md, csv, html, junit, sarif, got "pdf"'),
        ('fail_on = ["brokenn"]', '"fail_on" has an unknown kind "brokenn"'),
        ("archive = [1, 2]", '"archive" must be a string or a list of strings, got a list'),
        ("archive = []", '"archive" must not be empty'),
        ("cache = 3", '"cache" must be a folder path, true or false, got 3'),
        ('user_agent = ""', '"user_agent" must be a non-empty string'),
        ("timout = 5", 'unknown setting "timout" (known: allow_private, archive'),
        ("[network]\ntimeout = 5", 'unknown setting "network"'),
        ('archive = "wayback"\narchives = "none"', '"archives" is set twice'),
        ("timeout = ", "invalid TOML: "),
    ],
)
def test_bad_settings_are_one_line_config_errors_naming_file_and_key(tmp_path, text, message):
    path = write(tmp_path / "citeaudit.toml", text + "\n")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert str(info.value).startswith(f"{path}: ")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_errors_in_pyproject_name_the_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool.citeaudit]\ntimeout = "fast"\n')
    with pytest.raises(ConfigError, match=r'pyproject.toml \[tool.citeaudit\]: "timeout" must'):
        load_settings(path)


def test_an_explicit_file_that_is_missing_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nope.toml")
    with pytest.raises(ConfigError, match="is a folder"):
        load_settings(tmp_path)

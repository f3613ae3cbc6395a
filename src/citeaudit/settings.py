"""Settings files: ``citeaudit.toml`` or ``[tool.citeaudit]`` in ``pyproject.toml``.

A settings file holds the same options as ``citeaudit audit``'s flags, under
the same names (``timeout``, ``archive``, ``fail_on``…; ``fail-on`` is read the
same).  :func:`load_settings` finds and validates one; :meth:`Settings.apply`
lays it over a :class:`~citeaudit.config.Config`.  The CLI then lays its flags
over that, so flags beat the file and the file beats the defaults.

The file is found by looking in the current folder and then each parent; the
first folder holding ``citeaudit.toml``, or a ``pyproject.toml`` with a
``[tool.citeaudit]`` table, wins (``citeaudit.toml`` first within a folder).
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from citeaudit.config import Config
from citeaudit.errors import ConfigError

SETTINGS_FILE = "citeaudit.toml"
PYPROJECT = "pyproject.toml"
TOOL_TABLE = ("tool", "citeaudit")

REPORT_FORMATS = ("text", "json", "md", "csv", "html", "junit", "sarif")
"""The report formats ``format`` (and ``citeaudit audit --format``) accept."""

ARCHIVES_OFF = "none"
"""The ``archive`` value that turns archive look-ups off."""


@attrs.frozen
class Settings:
    """Options read from a settings file; ``None`` means the file does not set it."""

    path: Path | None = None
    """The file they came from; ``None`` when no file was found."""
    timeout: float | None = None
    """Total seconds per URL, as ``--timeout``."""
    user_agent: str | None = None
    allow_private: bool | None = None
    archives: tuple[str, ...] | None = None
    """Key ``archive``: names or Memento TimeMap prefixes; ``()`` when set to ``"none"``."""
    archive_intervals: dict[str, float] | None = None
    """Key ``archive_interval``: a table of archive name → seconds between its requests."""
    save_missing: bool | None = None
    fail_on: tuple[str, ...] | None = None
    format: str | None = None
    """The report format: one of :data:`REPORT_FORMATS`."""
    cache: Path | bool | None = None
    """A cache folder (``true`` in the file means the user cache folder); ``False`` disables."""
    per_host_interval: float | None = None
    per_host_concurrency: int | None = None
    retries: int | None = None
    verifier: str | None = None
    """The verifier backend, as ``--verifier``."""
    llm: dict[str, Any] | None = None
    """The ``[llm]`` table: :class:`~citeaudit.verify.llm_settings.LlmSettings` field values."""

    def apply(self, config: Config) -> Config:
        """``config`` with every option this file sets laid over it."""
        http: dict[str, Any] = {}
        if self.timeout is not None:
            # As --timeout does: the whole budget per URL, and no single wait longer.
            http["deadline"] = self.timeout
            http["read_timeout"] = min(config.http.read_timeout, self.timeout)
            http["connect_timeout"] = min(config.http.connect_timeout, self.timeout)
        for name in ("user_agent", "allow_private", "per_host_interval",
                     "per_host_concurrency", "retries"):
            value = getattr(self, name)
            if value is not None:
                http[name] = value
        if self.cache is not None:
            http["cache_path"] = None if self.cache is False else self.cache
        changes: dict[str, Any] = {}
        if http:
            changes["http"] = attrs.evolve(config.http, **http)
        if self.archives is not None:
            changes["archives"] = self.archives
        if self.archive_intervals is not None:
            changes["archive_intervals"] = {**config.archive_intervals, **self.archive_intervals}
        if self.save_missing is not None:
            changes["save_missing"] = self.save_missing
        if self.verifier is not None:
            changes["verifier"] = self.verifier
        if self.llm:
            changes["llm"] = attrs.evolve(config.llm, **self.llm)
        return attrs.evolve(config, **changes) if changes else config


def find_settings_file(start: Path) -> Path | None:
    """The settings file for ``start`` (a folder or a file in it), searching upwards."""
    start = Path(start).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        own = candidate / SETTINGS_FILE
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def load_settings(path: Path | None = None, *, start: Path | None = None) -> Settings:
    """Settings from ``path``, or from the file found upwards of ``start`` (default: cwd).

    With no file, every option is ``None``.  Raises :class:`ConfigError` for a
    missing explicit file, unparsable TOML, an unknown key or a wrong value.
    """
    if path is None:
        path = find_settings_file(start if start is not None else Path.cwd())
        if path is None:
            return Settings()
    elif not Path(path).is_file():
        what = "is a folder" if Path(path).is_dir() else "does not exist"
        raise ConfigError(f"settings file {path} {what}")
    path = Path(path)
    document = _read_toml(path)
    where = str(path)
    if path.name == PYPROJECT:
        table: Any = document
        for key in TOOL_TABLE:
            table = table.get(key, {}) if isinstance(table, dict) else {}
        where = f"{path} [tool.citeaudit]"
    else:
        table = document
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: [tool.citeaudit] must be a table")
    return _settings(table, path, where)


# --- reading -----------------------------------------------------------------------------------


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if "citeaudit" not in text:
        return False  # not ours: do not fail on someone else's broken pyproject.toml
    document = _parse_toml(text, pyproject)
    tool = document.get("tool")
    return isinstance(tool, dict) and "citeaudit" in tool


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror or exc}") from None
    return _parse_toml(text, path)


def _parse_toml(text: str, path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _settings(table: dict[str, Any], path: Path, where: str) -> Settings:
    values: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        parse = _PARSERS.get(key)
        if parse is None:
            known = ", ".join(sorted(_PARSERS))
            raise ConfigError(f'{where}: unknown setting "{raw_key}" (known: {known})')
        field = _FIELD_FOR_KEY.get(key, key)
        if field in values:
            raise ConfigError(f'{where}: "{raw_key}" is set twice')
        try:
            values[field] = parse(value, path.parent)
        except _Invalid as exc:
            raise ConfigError(f'{where}: "{raw_key}" {exc}') from None
    return Settings(path=path, **values)


class _Invalid(Exception):
    """A value of the wrong type or range; the message says what was expected."""


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def _number(*, minimum: float, inclusive: bool) -> Callable[[Any, Path], float]:
    def parse(value: Any, _folder: Path) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Invalid(f"must be a number, got {_shown(value)}")
        if value < minimum or (not inclusive and value == minimum):
            bound = "at least" if inclusive else "greater than"
            raise _Invalid(f"must be {bound} {minimum:g}, got {_shown(value)}")
        return float(value)

    return parse


def _integer(*, minimum: int) -> Callable[[Any, Path], int]:
    def parse(value: Any, _folder: Path) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise _Invalid(f"must be a whole number, got {_shown(value)}")
        if value < minimum:
            raise _Invalid(f"must be at least {minimum}, got {_shown(value)}")
        return value

    return parse


def _boolean(value: Any, _folder: Path) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, got {_shown(value)}")
    return value


def _text(value: Any, _folder: Path) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"must be a non-empty string, got {_shown(value)}")
    return value.strip()


def _words(value: Any, *, comma: bool) -> tuple[str, ...]:
    """A list of strings, or one string (comma-separated when ``comma``)."""
    if isinstance(value, str):
        items = value.split(",") if comma else [value]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        items = value
    else:
        raise _Invalid(f"must be a string or a list of strings, got {_shown(value)}")
    words = tuple(item.strip() for item in items if item.strip())
    if not words:
        raise _Invalid("must not be empty")
    return words


def _archives(value: Any, _folder: Path) -> tuple[str, ...]:
    words = _words(value, comma=False)
    return () if any(word.lower() == ARCHIVES_OFF for word in words) else words


def _archive_intervals(value: Any, _folder: Path) -> dict[str, float]:
    if not isinstance(value, dict) or not value:
        raise _Invalid(f"must be a table of archive = seconds, got {_shown(value)}")
    out: dict[str, float] = {}
    for name, seconds in value.items():
        if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
            raise _Invalid(f"{name}: must be a number of seconds, at least 0, got "
                           f"{_shown(seconds)}")
        out[str(name)] = float(seconds)
    return out


def _fail_on(value: Any, _folder: Path) -> tuple[str, ...]:
    from citeaudit.report.model import fail_on_tokens  # the report model owns the vocabulary

    words = _words(value, comma=True)
    known = fail_on_tokens()
    unknown = [word for word in words if word not in known]
    if unknown:
        raise _Invalid(f'has an unknown kind "{unknown[0]}" (see citeaudit audit --help)')
    return words


def _format(value: Any, folder: Path) -> str:
    text = _text(value, folder).lower()
    if text not in REPORT_FORMATS:
        raise _Invalid(f"must be one of {', '.join(REPORT_FORMATS)}, got {_shown(value)}")
    return text


def _cache(value: Any, folder: Path) -> Path | bool:
    if value is False:
        return False
    if value is True:
        import platformdirs

        return platformdirs.user_cache_path("citeaudit", appauthor=False) / "http"
    if isinstance(value, str) and value.strip():
        # Relative to the settings file, so the file means the same from any folder.
        return (folder / Path(value.strip()).expanduser()).resolve()
    raise _Invalid(f"must be a folder path, true or false, got {_shown(value)}")


def _verifier(value: Any, folder: Path) -> str:
    from citeaudit.verify.backend import parse_spec

    text = _text(value, folder)
    try:
        parse_spec(text)
    except ConfigError as exc:
        raise _Invalid(str(exc)) from None
    return text


def _llm(value: Any, folder: Path) -> dict[str, Any]:
    from citeaudit.verify.llm_settings import parse_table

    try:
        return parse_table(value, folder)
    except ValueError as exc:
        raise _Invalid(str(exc)) from None


_PARSERS: dict[str, Callable[[Any, Path], Any]] = {
    "timeout": _number(minimum=0, inclusive=False),
    "user_agent": _text,
    "allow_private": _boolean,
    "archive": _archives,
    "archives": _archives,
    "archive_interval": _archive_intervals,
    "archive_intervals": _archive_intervals,
    "save_missing": _boolean,
    "fail_on": _fail_on,
    "format": _format,
    "cache": _cache,
    "per_host_interval": _number(minimum=0, inclusive=True),
    "per_host_concurrency": _integer(minimum=1),
    "retries": _integer(minimum=0),
    "verifier": _verifier,
    "llm": _llm,
}
"""Every key a settings file may hold (``-`` read as ``_``), and how its value is checked."""

_FIELD_FOR_KEY = {"archive": "archives", "archive_interval": "archive_intervals"}

"""How the LLM judge reaches its endpoint: the ``[llm]`` settings table and the environment.

Kept apart from :mod:`citeaudit.verify.llm` (which needs ``requests``) so that
:class:`~citeaudit.config.Config` can hold these settings without importing the
judge.  Precedence, first wins: the settings file's ``[llm]`` table, then
``CITEAUDIT_LLM_BASE_URL`` / ``CITEAUDIT_LLM_API_KEY``, then ``OPENAI_BASE_URL`` /
``OPENAI_API_KEY``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

RESPONSE_FORMATS = ("json_schema", "json_object", "json_object_schema", "none")
"""How the judge is asked for JSON: a schema (OpenAI, vLLM, recent llama.cpp and Ollama),
any JSON object (wider support), a JSON object with the schema beside it (llama-cpp-python's
server, which refuses ``json_schema`` but constrains sampling to the schema so), or only by
the prompt (``none``: for a local server whose
grammar-constrained sampling is too slow; the reply is then read leniently, the first JSON
object in it)."""

ANSWER_CONTRACTS = ("full", "short")
"""What the judge is asked to answer: ``full`` is a label, quotes from any passages and a
one-line reason; ``short`` is a label and one quoted sentence, for a small or slow model
(an answer of a few dozen tokens instead of about 100)."""

ANSWER_TOKENS = {"full": 400, "short": 96}
"""The default ``max_tokens`` of each contract: room for the answer with a margin, so a model
that rambles stops early instead of running to the end of its context."""


@attrs.frozen
class LlmSettings:
    """Where the judge is and how much of it one run may use."""

    base_url: str | None = None
    """The API root, usually ending in ``/v1`` (``https://api.openai.com/v1``,
    ``http://localhost:11434/v1`` for Ollama, ``http://localhost:8080/v1`` for llama.cpp)."""
    api_key: str | None = attrs.field(default=None, repr=False)
    """Sent as ``Authorization: Bearer`` (and ``api-key`` for Azure); ``None`` for local servers."""
    api_version: str | None = None
    """Azure's ``api-version`` query parameter, when the endpoint needs one."""
    timeout: float = 60.0
    """Seconds to wait for one answer (a local model on a CPU can be slow)."""
    retries: int = 3
    """Extra attempts after a 429, a 5xx, a timeout or a dropped connection."""
    backoff: float = 1.0
    """Base of the exponential backoff between attempts, in seconds."""
    max_retry_after: float = 60.0
    """Longest ``Retry-After`` honoured; a longer one fails the call instead."""
    max_calls: int | None = 1000
    """Most judge calls in one run; ``None`` for no limit.  Past it, claims keep the lexical
    verdict (and say so)."""
    max_tokens: int | None = None
    """Most tokens (prompt + answer, as the endpoint reports them) in one run; ``None``: no
    limit."""
    answer_tokens: int | None = None
    """Longest answer asked for (``max_tokens``); ``None``: the contract's default
    (:data:`ANSWER_TOKENS`, 400 for ``full``, whose verdict needs about 100)."""
    answer: str = "full"
    """The answer contract, one of :data:`ANSWER_CONTRACTS`."""
    passages: int = 8
    """How many retrieved passages (a sentence and one neighbour each side) the judge is shown.
    On WiCE dev, 8 show 90 % of the annotated evidence sentences (5: 82 %, 3: 69 %) in about
    2,900 characters of page text (docs/verification-backends.md)."""
    response_format: str = "json_object"
    """One of :data:`RESPONSE_FORMATS`."""
    cache: Path | None = None
    """Folder of the answer cache; ``None``: the user cache folder.  See ``use_cache``."""
    use_cache: bool = True
    """Keep answers on disk keyed by claim, passages and model, so re-runs cost nothing."""
    run_id: str | None = None
    """Set per run by the audit: every worker process of one run shares one budget."""

    @property
    def max_answer_tokens(self) -> int:
        """The ``max_tokens`` sent with each question."""
        if self.answer_tokens is not None:
            return self.answer_tokens
        return ANSWER_TOKENS.get(self.answer, ANSWER_TOKENS["full"])


_KEYS: dict[str, str] = {
    "base_url": "text", "api_key": "text", "api_key_env": "text", "api_version": "text",
    "timeout": "positive", "backoff": "positive", "max_retry_after": "positive",
    "retries": "count", "max_calls": "count", "max_tokens": "count", "passages": "count",
    "answer_tokens": "count",
    "response_format": "format", "answer": "contract", "cache": "cache",
}


def parse_table(table: Any, folder: Path) -> dict[str, Any]:
    """The ``[llm]`` table of a settings file as :class:`LlmSettings` field values.

    ``api_key_env`` names an environment variable holding the key, so the key
    itself need not be written in a file kept in a repository.  Raises
    :class:`ValueError` with a message naming the bad key.
    """
    if not isinstance(table, dict):
        raise ValueError("must be a table ([llm] or [tool.citeaudit.llm])")
    out: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        kind = _KEYS.get(key)
        if kind is None:
            raise ValueError(f'has an unknown key "{raw_key}" (known: {", ".join(sorted(_KEYS))})')
        out.update(_value(key, kind, value, folder))
    return out


def _value(key: str, kind: str, value: Any, folder: Path) -> dict[str, Any]:
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f'"{key}" must be a non-empty string')
        if key == "api_key_env":
            found = os.environ.get(value.strip())
            return {"api_key": found} if found else {}
        return {key: value.strip()}
    if kind == "format":
        if value not in RESPONSE_FORMATS:
            raise ValueError(f'"{key}" must be one of {", ".join(RESPONSE_FORMATS)}')
        return {key: value}
    if kind == "contract":
        if value not in ANSWER_CONTRACTS:
            raise ValueError(f'"{key}" must be one of {", ".join(ANSWER_CONTRACTS)}')
        return {key: value}
    if kind == "cache":
        if isinstance(value, bool):
            return {"use_cache": value}
        if isinstance(value, str) and value.strip():
            return {"cache": (folder / Path(value.strip()).expanduser()).resolve()}
        raise ValueError(f'"{key}" must be a folder path, true or false')
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f'"{key}" must be a number')
    if kind == "count":
        least = 1 if key in ("passages", "answer_tokens") else 0
        if not isinstance(value, int) or value < least:
            raise ValueError(f'"{key}" must be a whole number of at least {least}')
        return {key: value}
    if value <= 0:
        raise ValueError(f'"{key}" must be greater than 0')
    return {key: float(value)}


def with_environment(settings: LlmSettings,
                     environ: Mapping[str, str] | None = None) -> LlmSettings:
    """``settings`` with the base URL and key taken from the environment where unset."""
    env = os.environ if environ is None else environ
    base_url = settings.base_url or env.get("CITEAUDIT_LLM_BASE_URL") or env.get(
        "OPENAI_BASE_URL")
    api_key = settings.api_key or env.get("CITEAUDIT_LLM_API_KEY") or env.get("OPENAI_API_KEY")
    return attrs.evolve(settings, base_url=base_url or None, api_key=api_key or None)

"""The one place that talks to an OpenAI-compatible chat-completions endpoint.

OpenAI, Azure OpenAI, vLLM, llama.cpp's server and Ollama all answer
``POST {base_url}/chat/completions`` in the same shape.  This client adds what
a run needs: timeouts, retries with exponential backoff that honour
``Retry-After`` on 429 and 5xx, and one-line errors that say what to fix.

It does not use :func:`citeaudit.http.make_session`: that session is for the
pages an article cites (it refuses loopback addresses, waits politely per
host and answers from ``--replay`` captures), whereas the judge is an endpoint
the user chose, often on ``localhost``, and must never be replayed from a
capture of the cited pages.  Its timeouts come from
:class:`~citeaudit.verify.llm_settings.LlmSettings`.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import attrs
import requests

from ..errors import VerifyError
from .llm_settings import LlmSettings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
CONNECT_TIMEOUT = 10.0
"""Seconds to wait for the connection itself (the answer may take ``LlmSettings.timeout``)."""


class JudgeError(VerifyError):
    """The LLM endpoint is unset, unreachable, refused the request or kept failing."""


@attrs.frozen
class ChatAnswer:
    """The text of the first choice and the tokens the endpoint says it used."""

    content: str
    tokens: int = 0


class ChatClient:
    """Chat completions against ``settings.base_url``; ``session`` and ``sleep`` injectable."""

    def __init__(self, settings: LlmSettings, *, session: requests.Session | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if not settings.base_url:
            raise JudgeError("the LLM judge has no endpoint: set CITEAUDIT_LLM_BASE_URL "
                             "(or OPENAI_BASE_URL, or base_url in the [llm] settings table)")
        parts = urlsplit(settings.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise JudgeError(f"the LLM base URL {settings.base_url!r} is not an http(s) URL")
        self.settings = settings
        self.base_url = settings.base_url.rstrip("/")
        self._session = session or requests.Session()
        self._sleep = sleep

    def headers(self) -> dict[str, str]:
        """Authorization for OpenAI-style servers, and ``api-key`` for Azure."""
        key = self.settings.api_key
        if not key:
            return {}
        headers = {"Authorization": f"Bearer {key}"}
        if (urlsplit(self.base_url).hostname or "").endswith(".azure.com"):
            headers["api-key"] = key
        return headers

    def _params(self) -> dict[str, str]:
        version = self.settings.api_version
        return {"api-version": version} if version else {}

    def check(self) -> None:
        """Ask ``GET {base_url}/models`` once: raises :class:`JudgeError` if the endpoint
        is unreachable or refuses the key.  Servers without that route pass."""
        url = f"{self.base_url}/models"
        try:
            response = self._session.get(url, headers=self.headers(), params=self._params(),
                                         timeout=(CONNECT_TIMEOUT, CONNECT_TIMEOUT))
        except requests.RequestException as exc:
            raise JudgeError(f"cannot reach the LLM endpoint {self.base_url}: "
                             f"{_why(exc)}") from None
        if response.status_code in (401, 403):
            raise JudgeError(_refusal(self.base_url, response, ""))

    def complete(self, model: str, messages: list[dict[str, str]],
                 response_format: dict[str, Any] | None = None) -> ChatAnswer:
        """The model's answer to ``messages`` (temperature 0), retrying what may pass."""
        body: dict[str, Any] = {"model": model, "messages": messages, "temperature": 0,
                                "max_tokens": self.settings.max_answer_tokens}
        if response_format is not None:
            body["response_format"] = response_format
        url = f"{self.base_url}/chat/completions"
        attempts = self.settings.retries + 1
        problem = ""
        for attempt in range(attempts):
            try:
                response = self._session.post(
                    url, json=body, headers=self.headers(), params=self._params(),
                    timeout=(min(CONNECT_TIMEOUT, self.settings.timeout), self.settings.timeout))
            except requests.Timeout:
                problem, wait = f"no answer within {self.settings.timeout:g} s", None
            except requests.ConnectionError as exc:
                problem, wait = f"cannot connect ({_why(exc)})", None
            except requests.RequestException as exc:
                raise JudgeError(f"the request to {url} failed: {_why(exc)}") from None
            else:
                if response.ok:
                    return _answer(url, response)
                if response.status_code not in RETRY_STATUSES:
                    raise JudgeError(_refusal(self.base_url, response, model))
                problem = f"{response.status_code} {response.reason or ''}".strip()
                wait = _retry_after(response)
                if wait is not None and wait > self.settings.max_retry_after:
                    raise JudgeError(f"the LLM endpoint {url} asks to wait {wait:g} s "
                                     f"({problem}): more than max_retry_after "
                                     f"{self.settings.max_retry_after:g} s")
            if attempt + 1 < attempts:
                self._sleep(wait if wait is not None else self.settings.backoff * 2 ** attempt)
        raise JudgeError(f"the LLM endpoint {url} kept failing: {problem} "
                         f"after {attempts} attempt{'s' if attempts > 1 else ''}")


def _answer(url: str, response: requests.Response) -> ChatAnswer:
    try:
        data = response.json()
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        raise JudgeError(f"the LLM endpoint {url} answered without a chat message "
                         f"(is it an OpenAI-compatible /chat/completions?)") from None
    usage = data.get("usage") if isinstance(data, dict) else None
    tokens = 0
    if isinstance(usage, dict):
        total = usage.get("total_tokens")
        if not isinstance(total, int):
            total = sum(v for k, v in usage.items()
                        if k in ("prompt_tokens", "completion_tokens") and isinstance(v, int))
        tokens = total
    return ChatAnswer(content if isinstance(content, str) else "", tokens)


def _refusal(base_url: str, response: requests.Response, model: str) -> str:
    status = f"{response.status_code} {response.reason or ''}".strip()
    said = _server_message(response)
    said = f": {said}" if said else ""
    if response.status_code in (401, 403):
        return (f"the LLM endpoint {base_url} refused the key ({status}{said}); set "
                f"CITEAUDIT_LLM_API_KEY (or OPENAI_API_KEY, or api_key_env in [llm])")
    if response.status_code == 404:
        return (f"the LLM endpoint {base_url} has no such route or model {model!r} "
                f"({status}{said}); the base URL usually ends in /v1")
    return f"the LLM endpoint {base_url} refused the request ({status}{said})"


def _server_message(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return ""
    error = data.get("error") if isinstance(data, dict) else None
    message = error.get("message") if isinstance(error, dict) else error
    if not isinstance(message, str):
        return ""
    line = " ".join(message.split())
    return line if len(line) <= 160 else line[:157] + "..."


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _why(exc: BaseException) -> str:
    """The innermost reason of a requests failure, on one line."""
    reason: BaseException | None = exc
    while reason is not None and (reason.__cause__ or reason.__context__) is not None:
        reason = reason.__cause__ or reason.__context__
    text = " ".join(str(reason or exc).split())
    return text[:160] if text else type(exc).__name__

"""A small OpenAI-compatible chat-completions server on loopback, with a computed judge.

It speaks the shape OpenAI, vLLM, llama.cpp and Ollama share
(``POST /v1/chat/completions``, ``GET /v1/models``, ``Authorization: Bearer``,
``usage`` counts, ``{"error": {"message": ...}}`` bodies).  Its default answer
is *computed* from the request, not canned: it reads the claim and the
numbered passages out of the user message and judges by word overlap, quoting
the passage sentence that shares most of the claim's words.  It is not a
language model; it stands for one so the judge's plumbing runs end to end.

Tests steer it with :meth:`LlmServer.then` (behaviours for the next requests)
and read back what it was sent in :attr:`LlmServer.requests`.
"""

from __future__ import annotations

import http.server
import json
import re
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_STOP = frozenset(re.findall(r"\w+", """
a an the and or but of in on at to for by with from as is was were be been are it its he she
they his her their this that these those which who whom had has have not no also into than
then there after before over under about during while
"""))


def _words(text: str) -> set[str]:
    # Five-letter prefixes: a crude stem, so "elected"/"election" meet.
    return {w[:5] for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def judge(user_message: str) -> dict[str, Any]:
    """The loopback judge's answer to one prompt built by :func:`citeaudit.verify.llm.messages`."""
    claim_line = re.search(r"^Claim: (.*)$", user_message, re.MULTILINE)
    claim = claim_line.group(1) if claim_line else ""
    passages = re.findall(r"^\[(\d+)\] (.*)$", user_message, re.MULTILINE)
    wanted = _words(claim)
    best: tuple[float, int, str] = (0.0, 0, "")
    for number, text in passages:
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            share = len(wanted & _words(sentence)) / max(len(wanted), 1)
            if share > best[0]:
                best = (share, int(number), sentence)
    share, number, sentence = best
    claim_numbers = set(re.findall(r"\d+", claim))
    sentence_numbers = set(re.findall(r"\d+", sentence))
    if share >= 0.5 and claim_numbers and sentence_numbers and not claim_numbers & sentence_numbers:
        label = "contradicted"
    elif share >= 0.8:
        label = "supported"
    elif share >= 0.4:
        label = "partially_supported"
    else:
        return {"label": "not_found", "evidence": [],
                "reason": f"no passage shares more than {share:.0%} of the claim's words"}
    return {"label": label, "evidence": [{"passage": number, "quote": sentence}],
            "reason": f"passage {number} shares {share:.0%} of the claim's words"}


class LlmServer(http.server.ThreadingHTTPServer):
    """The server; :attr:`url` is its API root (``http://127.0.0.1:PORT/v1``)."""

    daemon_threads = True

    def __init__(self, api_key: str | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.api_key = api_key
        self.requests: list[dict[str, Any]] = []
        """Each chat request's JSON body and headers, in order."""
        self.plan: deque[dict[str, Any]] = deque()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        """The base URL a client is configured with."""
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    @property
    def chat_calls(self) -> int:
        """How many chat requests arrived."""
        return len(self.requests)

    def then(self, *behaviours: dict[str, Any]) -> None:
        """Answer the next requests so, one behaviour each, then judge again.

        A behaviour is ``{"status": 500}`` (optionally ``"retry_after": "1"``),
        ``{"content": "..."}`` (a literal reply), ``{"fenced": True}`` (the judged
        answer inside a Markdown code fence with prose around it),
        ``{"invent_quote": True}`` (``supported`` with a quote no passage holds) or
        ``{"delay": 2.0}`` (answer that many seconds late).
        """
        with self.lock:
            self.plan.extend(behaviours)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that gave up (a timeout test) is expected; anything else is reported."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def next_behaviour(self) -> dict[str, Any]:
        with self.lock:
            return self.plan.popleft() if self.plan else {}


class _Handler(http.server.BaseHTTPRequestHandler):
    server: LlmServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _send(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None
              ) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self) -> bool:
        if self.server.api_key is None:
            return True
        if self.headers.get("Authorization") == f"Bearer {self.server.api_key}":
            return True
        self._send(401, {"error": {"message": "Incorrect API key provided.",
                                   "type": "invalid_request_error"}})
        return False

    def do_GET(self) -> None:
        if not self._authorised():
            return
        if self.path.split("?")[0] == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": "loopback-judge"}]})
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if not self._authorised():
            return
        if self.path.split("?")[0] != "/v1/chat/completions":
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        with self.server.lock:
            self.server.requests.append({"body": body, "headers": dict(self.headers)})
        behaviour = self.server.next_behaviour()
        if "status" in behaviour:
            headers = {"Retry-After": behaviour["retry_after"]} if "retry_after" in behaviour \
                else {}
            self._send(behaviour["status"], {"error": {"message": "the loopback judge was "
                                                       "told to fail"}}, headers)
            return
        if "delay" in behaviour:
            time.sleep(behaviour["delay"])
        user = next((m["content"] for m in body.get("messages", []) if m.get("role") == "user"),
                    "")
        content = behaviour.get("content")
        if content is None:
            answer = judge(user)
            if behaviour.get("invent_quote"):
                answer = {"label": "supported", "reason": "it says so",
                          "evidence": [{"passage": 1, "quote": "words the page never had"}]}
            content = json.dumps(answer)
            if behaviour.get("fenced"):
                content = f"Here is my verdict:\n```json\n{json.dumps(answer, indent=2)}\n```\n"
        prompt_tokens = len(" ".join(m.get("content", "") for m in body["messages"]).split())
        completion_tokens = len(content.split())
        self._send(200, {
            "id": f"chatcmpl-{self.server.chat_calls}", "object": "chat.completion",
            "model": body.get("model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


@contextmanager
def running(api_key: str | None = None) -> Iterator[LlmServer]:
    """A started :class:`LlmServer`, stopped on exit."""
    server = LlmServer(api_key)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="llm-server",
                              daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

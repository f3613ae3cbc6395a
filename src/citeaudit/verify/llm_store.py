"""What the LLM judge keeps between calls: an answer cache and the run's budget.

The cache is keyed by everything that decides an answer — the prompt's
version, the model, the claim, its context, the page metadata and the exact
passages — so a changed page or prompt asks again, and an unchanged one never
pays twice.  On disk each answer is one small JSON file written atomically,
which is safe for the worker processes of one run and for runs in parallel.

The budget caps calls and tokens per run.  An audit verifies in several
forked worker processes, so a run's budget is a small counter file locked
with ``fcntl`` (where there is no ``fcntl`` there is no ``fork`` either and
the workers are threads of one process: a lock suffices).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

try:
    import fcntl
except ImportError:  # Windows: no fork, so one process holds the whole run
    fcntl = None  # type: ignore[assignment]


class AnswerCache(Protocol):
    """Where judged answers are kept (``get`` gives ``None`` for a miss)."""

    def get(self, key: str) -> dict[str, Any] | None:
        """The answer stored under ``key``."""
        ...

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """Store ``answer`` under ``key``."""
        ...


def cache_key(**parts: Any) -> str:
    """A stable hex digest of ``parts`` (JSON with sorted keys)."""
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


class MemoryCache:
    """An in-process cache (tests, or a caller that wants nothing on disk)."""

    def __init__(self) -> None:
        self._answers: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        """See :class:`AnswerCache`."""
        with self._lock:
            return self._answers.get(key)

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """See :class:`AnswerCache`."""
        with self._lock:
            self._answers[key] = answer

    def __len__(self) -> int:
        return len(self._answers)


class DiskCache:
    """One JSON file per answer under ``folder`` (fanned out by the key's first two digits)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """See :class:`AnswerCache`; an unreadable entry is a miss."""
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def put(self, key: str, answer: dict[str, Any]) -> None:
        """See :class:`AnswerCache`; a cache that cannot be written is skipped, not fatal."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(answer, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)


def default_cache_folder() -> Path:
    """``~/.cache/citeaudit/llm`` on Linux (the user cache folder, as for the HTTP cache)."""
    import platformdirs

    return platformdirs.user_cache_path("citeaudit", appauthor=False) / "llm"


class Budget:
    """At most ``max_calls`` calls and ``max_tokens`` tokens (``None``: no limit).

    With ``path`` the counts live in that file, shared by every process of a
    run; without it, in this object.
    """

    def __init__(self, max_calls: int | None, max_tokens: int | None,
                 path: Path | None = None) -> None:
        self.max_calls = max_calls
        self.max_tokens = max_tokens
        self.path = path if fcntl is not None else None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._calls = 0
        self._tokens = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Reserve one call; ``False`` (and nothing reserved) when the budget is spent."""
        with self._counts() as counts:
            if counts is None:
                return False
            if self.max_calls is not None and counts[0] >= self.max_calls:
                return False
            if self.max_tokens is not None and counts[1] >= self.max_tokens:
                return False
            counts[0] += 1
            return True

    def spend(self, tokens: int) -> None:
        """Count the tokens a finished call used."""
        with self._counts() as counts:
            if counts is not None:
                counts[1] += max(0, tokens)

    def used(self) -> tuple[int, int]:
        """Calls and tokens spent so far in this run."""
        with self._counts() as counts:
            return (counts[0], counts[1]) if counts is not None else (0, 0)

    @contextlib.contextmanager
    def _counts(self) -> Iterator[list[int] | None]:
        """The two counts, to read and change; ``None`` once the run's folder is gone."""
        with self._lock:
            if self.path is None:
                counts = [self._calls, self._tokens]
                yield counts
                self._calls, self._tokens = counts
                return
            try:
                handle = open(self.path, "a+", encoding="ascii")  # noqa: SIM115 - closed below
            except FileNotFoundError:
                yield None
                return
            with handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    handle.seek(0)
                    words = handle.read().split()
                    counts = [int(w) for w in words[:2]] if len(words) >= 2 else [0, 0]
                    before = list(counts)
                    yield counts
                    if counts != before:
                        handle.seek(0)
                        handle.truncate()
                        handle.write(f"{counts[0]} {counts[1]}\n")
                        handle.flush()
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)


def run_budget_path(run_id: str) -> Path:
    """The counter file of run ``run_id`` (in the temporary folder: it matters for one run),
    alone in a folder of its own that :func:`end_run` removes."""
    return Path(tempfile.gettempdir()) / "citeaudit-llm-budget" / run_id / "counts.txt"


def end_run(run_id: str) -> None:
    """Remove run ``run_id``'s counter; a worker still finishing a claim then spends nothing."""
    path = run_budget_path(run_id)
    for remove in (path.unlink, path.parent.rmdir):
        with contextlib.suppress(OSError):
            remove()

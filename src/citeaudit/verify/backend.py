"""Verifier backends behind one small interface: lexical (default), a local model, an LLM judge.

A backend is named by a spec string, the same on the command line
(``citeaudit audit --verifier SPEC``), in ``citeaudit.toml`` (``verifier = "SPEC"``) and in
:class:`~citeaudit.config.Config`:

* ``lexical`` — :func:`citeaudit.verify_claim` alone: no extra dependency, no network;
* ``model:NAME`` — ``verify_claim`` with a local model's score blended in
  (:mod:`citeaudit.verify.semantic`; ``pip install 'citeaudit[nli]'``; NAME is a folder,
  an installed model package or a cached hub id, never downloaded);
  ``model:wordllama`` is the static sentence model the ``wordllama`` wheel ships, no torch
  needed (:mod:`citeaudit.verify.wordllama`; ``pip install 'citeaudit[wordllama]'``);
* ``llm:MODEL`` — an LLM judge through an OpenAI-compatible chat API
  (:mod:`citeaudit.verify.llm`), shown only the retrieved passages.

Audits verify in forked worker processes, so what crosses to a worker is a
small frozen :class:`VerifierChoice` (the spec and the LLM settings), and each
process builds its verifier once (:func:`verifier_for`).
"""

from __future__ import annotations

import abc
import datetime as dt
import os
import threading
import uuid
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import ConfigError
from .llm_settings import LlmSettings, with_environment
from .verdict import Verdict

if TYPE_CHECKING:
    from citeaudit.config import Config

    from .semantic import SemanticScorer

LEXICAL = "lexical"
WORDLLAMA = "wordllama"
"""The model name served by the ``wordllama`` extra rather than by sentence-transformers."""
KINDS = ("lexical", "model", "llm")
"""The backend kinds a spec may name."""


class Verifier(abc.ABC):
    """Judges one claim against one page's text and metadata."""

    name: str
    """The spec that names this verifier (``lexical``, ``model:NAME``, ``llm:MODEL``)."""

    @abc.abstractmethod
    def verify(
        self,
        claim: str,
        source_text: str,
        *,
        context: str | None = None,
        language: str | None = None,
        source_title: str | None = None,
        source_publisher: str | None = None,
        source_url: str | None = None,
        source_published: dt.date | None = None,
    ) -> Verdict:
        """The verdict on ``claim`` against ``source_text``; the keywords are as for
        :func:`citeaudit.verify_claim`."""


class LexicalVerifier(Verifier):
    """The default: :func:`citeaudit.verify_claim` as it is."""

    name = LEXICAL

    def verify(self, claim: str, source_text: str, **page: Any) -> Verdict:  # type: ignore[override]
        """See :meth:`Verifier.verify`."""
        from .core import verify_claim

        return verify_claim(claim, source_text, **page)


class ModelVerifier(Verifier):
    """``verify_claim`` with a local model's score of the evidence blended in.

    The model loads on the first claim, so making one is cheap (a worker
    process that never verifies never loads torch).
    """

    def __init__(self, model: str, scorer: SemanticScorer | None = None) -> None:
        self.model = model
        self.name = f"model:{model}"
        self._scorer = scorer
        self._lock = threading.Lock()

    @property
    def scorer(self) -> SemanticScorer:
        """The loaded model (loaded now if it was not yet)."""
        with self._lock:
            if self._scorer is None:
                self._scorer = load_model(self.model)
            return self._scorer

    def verify(self, claim: str, source_text: str, **page: Any) -> Verdict:  # type: ignore[override]
        """See :meth:`Verifier.verify`."""
        from .core import verify_claim

        return verify_claim(claim, source_text, semantic=self.scorer, **page)


def load_model(name: str) -> SemanticScorer:
    """The scorer of ``model:NAME``: the bundled WordLlama model for ``wordllama``, else a
    sentence-transformers or NLI model found on disk (:func:`~.semantic.load_scorer`)."""
    if name.lower() == WORDLLAMA:
        from .wordllama import load_wordllama

        return load_wordllama()
    from .semantic import load_scorer

    return load_scorer(name)


def parse_spec(spec: str) -> tuple[str, str]:
    """``"llm:gpt-4o-mini"`` → ``("llm", "gpt-4o-mini")``; ``"lexical"`` → ``("lexical", "")``.

    Raises :class:`~citeaudit.errors.ConfigError` for anything else.
    """
    text = spec.strip() if isinstance(spec, str) else ""
    kind, sep, name = text.partition(":")
    kind, name = kind.strip().lower(), name.strip()
    if kind == LEXICAL and not sep:
        return LEXICAL, ""
    if kind in ("model", "llm") and name:
        return kind, name
    if kind in ("model", "llm"):
        what = "a model name" if kind == "model" else "the model to ask"
        raise ConfigError(f"verifier {spec!r} lacks {what}: write {kind}:NAME")
    raise ConfigError(f"unknown verifier {spec!r}: use lexical, model:NAME or llm:MODEL")


def make_verifier(spec: str, settings: LlmSettings | None = None) -> Verifier:
    """The verifier ``spec`` names; ``settings`` say where an ``llm:`` judge is.

    Cheap: a model loads on its first claim and the LLM endpoint is first asked
    on the first claim too (:func:`check_verifier` asks it up front).
    """
    kind, name = parse_spec(spec)
    if kind == LEXICAL:
        return LexicalVerifier()
    if kind == "model":
        return ModelVerifier(name)
    from .llm import LlmVerifier

    return LlmVerifier(name, settings or with_environment(LlmSettings()))


@attrs.frozen
class VerifierChoice:
    """What a worker process needs to build the run's verifier: picklable and hashable."""

    spec: str = LEXICAL
    llm: LlmSettings = attrs.field(factory=LlmSettings)

    @property
    def is_lexical(self) -> bool:
        """Whether this is the default backend (workers then call verify_claim directly)."""
        return parse_spec(self.spec)[0] == LEXICAL


def choose(config: Config) -> VerifierChoice:
    """The run's verifier from ``config``: the spec checked, the environment read, and a
    fresh run id so every worker of this run shares one LLM budget."""
    parse_spec(config.verifier)
    llm = with_environment(config.llm)
    return VerifierChoice(config.verifier, attrs.evolve(llm, run_id=uuid.uuid4().hex))


def check_verifier(choice: VerifierChoice) -> None:
    """Fail now, with one line, if the backend cannot work: the ``nli`` or ``wordllama`` extra
    or the model is missing, or the LLM endpoint is unset, unreachable or refuses the key."""
    kind, name = parse_spec(choice.spec)
    if kind == "model" and name.lower() == WORDLLAMA:
        from .wordllama import available as wordllama_available
        from .wordllama import model_files

        if not wordllama_available():
            raise ConfigError(f"verifier {choice.spec!r} needs the 'wordllama' extra: "
                              f"pip install 'citeaudit[wordllama]'")
        model_files()
    elif kind == "model":
        from .semantic import available, resolve_model

        if not available():
            raise ConfigError(f"verifier {choice.spec!r} needs the 'nli' extra: "
                              f"pip install 'citeaudit[nli]'")
        resolve_model(name)
    elif kind == "llm":
        from .llm_client import ChatClient

        ChatClient(choice.llm).check()


def release(choice: VerifierChoice) -> None:
    """Forget what the run of ``choice`` kept between its processes (its budget counter)."""
    if choice.llm.run_id:
        from .llm_store import end_run

        end_run(choice.llm.run_id)


_built: dict[tuple[int, VerifierChoice], Verifier] = {}
_built_lock = threading.Lock()
_BUILT_MAX = 8


def verifier_for(choice: VerifierChoice) -> Verifier:
    """This process's verifier for ``choice``, built on first use.

    Keyed by process id too: a forked worker must not reuse its parent's HTTP
    connections or model threads.
    """
    key = (os.getpid(), choice)
    with _built_lock:
        found = _built.get(key)
        if found is None:
            if len(_built) >= _BUILT_MAX:
                _built.clear()  # a long-lived process (watch) starts one choice per run
            found = _built[key] = make_verifier(choice.spec, choice.llm)
        return found

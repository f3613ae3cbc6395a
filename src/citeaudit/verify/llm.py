"""The LLM judge (``--verifier llm:MODEL``): a chat model reads the retrieved passages.

The judge is shown the claim, the article text just before it (to resolve "he"
or "the company"), the page's title, publisher, address and date, and the
passages :func:`~citeaudit.verify.passages.top_passages` retrieves — never the
whole page.  It must answer one JSON object: a label, the words of the
passages that show it, copied exactly, and a one-line reason (the ``full``
contract), or only a label and one quoted sentence (``short``, for small or
slow local models: see :data:`~citeaudit.verify.llm_settings.ANSWER_CONTRACTS`).

Nothing the judge says is taken on trust: each quote is looked up in the
passages it was shown (folded for quote marks, dashes, case and spacing;
``...`` may join two parts of one passage).  A positive or ``contradicted``
label whose quotes are missing, or not all found, is lowered one step
(``supported`` → ``partially_supported`` → ``not_found``; ``contradicted`` →
``not_found``).  The lexical verdict is computed first: it is the answer when
the page has no passage to show, when the run's budget is spent, or when the
reply is not a usable JSON object, and it says which.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import attrs

from .align import SourceIndex, source_index
from .backend import Verifier
from .budget import Budget as TimeBudget
from .budget import BudgetExceeded
from .llm_client import ChatClient
from .llm_settings import LlmSettings
from .llm_store import (
    AnswerCache,
    Budget,
    DiskCache,
    cache_key,
    default_cache_folder,
    run_budget_path,
)
from .passages import Passage, top_passages
from .quotes import quote_parts
from .text import fold_for_match
from .thresholds import PAGE_BUDGET_S
from .verdict import Check, CheckKind, Evidence, Label, Verdict

PROMPT_VERSION = 1
"""Part of every cache key: a changed prompt must not reuse answers to the old one."""

JUDGED = (Label.SUPPORTED, Label.PARTIALLY_SUPPORTED, Label.NOT_FOUND, Label.CONTRADICTED)

LABEL_SCORES = {Label.SUPPORTED: 0.9, Label.PARTIALLY_SUPPORTED: 0.5, Label.NOT_FOUND: 0.1,
                Label.CONTRADICTED: 0.05}
"""The judge gives a label, not a probability: each label's score is a fixed rank for
comparing verdicts, not a calibrated confidence."""

_LOWER = {Label.SUPPORTED: Label.PARTIALLY_SUPPORTED, Label.PARTIALLY_SUPPORTED: Label.NOT_FOUND,
          Label.CONTRADICTED: Label.NOT_FOUND}

SYSTEM_PROMPT = """\
You check whether a web page supports a sentence of an article that cites it.
You see only numbered passages retrieved from the page, and the page's title, publisher,
address and date. Judge from them alone, not from what you know.
Labels:
- supported: the passages state everything the claim says.
- partially_supported: they state some of what the claim says, but not all of it.
- not_found: they do not state what the claim says.
- contradicted: they state the same fact differently (another number, date, name or wording).
For supported, partially_supported and contradicted, quote the words that show it, copied
exactly from one passage (join two parts of one passage with ...).
The context is the article text before the claim: use it only to know who or what
"he", "she", "it" or "they" is; do not judge it.
Answer with one JSON object and nothing else:
{"label": "...", "evidence": [{"passage": 1, "quote": "..."}], "reason": "one sentence"}"""

SHORT_SYSTEM_PROMPT = """\
You check whether a web page supports a claim from an article that cites it.
Judge only from the numbered passages of the page, not from what you know.
Labels: supported (the passages state all the claim says), partially_supported (only
part of it), not_found (not what it says), contradicted (they state it differently:
another number, date or name).
Copy exactly one sentence of a passage that shows the label ("" for not_found).
The context only tells who "he", "she", "it" or "they" is.
Answer one JSON object and nothing else: {"label": "...", "quote": "..."}"""
"""The ``short`` contract: a few dozen answer tokens, so a small model on a CPU answers in
seconds; the quote is checked against the passages exactly as in the ``full`` contract."""

SYSTEM_PROMPTS = {"full": SYSTEM_PROMPT, "short": SHORT_SYSTEM_PROMPT}

ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "label": {"type": "string", "enum": [label.value for label in JUDGED]},
        "evidence": {"type": "array", "items": {
            "type": "object",
            "properties": {"passage": {"type": "integer"}, "quote": {"type": "string"}},
            "required": ["passage", "quote"], "additionalProperties": False}},
        "reason": {"type": "string"},
    },
    "required": ["label", "evidence", "reason"],
    "additionalProperties": False,
}

SHORT_ANSWER_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "label": ANSWER_SCHEMA["properties"]["label"],
        "quote": {"type": "string"},
    },
    "required": ["label", "quote"],
    "additionalProperties": False,
}


@attrs.frozen
class Quote:
    """One piece of evidence the judge cited."""

    text: str
    passage: int | None = None
    """The 1-based passage number the judge gave, if any."""


@attrs.frozen
class JudgeAnswer:
    """The judge's reply once parsed."""

    label: Label
    quotes: tuple[Quote, ...] = ()
    reason: str = ""


class AnswerError(ValueError):
    """The judge's reply holds no usable answer."""


def parse_answer(content: str) -> JudgeAnswer:
    """The answer in ``content``: a JSON object, bare or in a fenced block, maybe with prose
    around it.  Raises :class:`AnswerError` when none holds a known label."""
    for data in _json_objects(content):
        label = _label(data.get("label") or data.get("verdict"))
        if label is None:
            continue
        evidence = data.get("evidence") or data.get("quotes") or data.get("quote") or []
        if isinstance(evidence, str | dict):
            evidence = [evidence]
        quotes = []
        for item in evidence if isinstance(evidence, list) else []:
            if isinstance(item, str):
                quotes.append(Quote(item))
            elif isinstance(item, dict):
                text = item.get("quote") or item.get("text")
                number = item.get("passage")
                if isinstance(text, str):
                    quotes.append(Quote(text, number if isinstance(number, int) else None))
        reason = data.get("reason") or data.get("explanation") or ""
        return JudgeAnswer(label, tuple(q for q in quotes if q.text.strip()),
                           " ".join(str(reason).split()))
    raise AnswerError("the reply holds no JSON object with a known label")


_FENCE = re.compile(r"```(?:json)?\s*(.*?)```", re.DOTALL | re.IGNORECASE)


def _json_objects(content: str) -> list[dict[str, Any]]:
    texts = [m.group(1) for m in _FENCE.finditer(content)] + [content]
    decoder = json.JSONDecoder()
    found = []
    for text in texts:
        for start in (m.start() for m in re.finditer(r"\{", text)):
            try:
                value, _ = decoder.raw_decode(text, start)
            except ValueError:
                continue
            if isinstance(value, dict):
                found.append(value)
                break
    return found


_LABEL_WORDS = {
    "supported": Label.SUPPORTED, "support": Label.SUPPORTED, "entailed": Label.SUPPORTED,
    "partially_supported": Label.PARTIALLY_SUPPORTED, "partial": Label.PARTIALLY_SUPPORTED,
    "partly_supported": Label.PARTIALLY_SUPPORTED,
    "not_found": Label.NOT_FOUND, "not_supported": Label.NOT_FOUND,
    "unsupported": Label.NOT_FOUND, "not_enough_info": Label.NOT_FOUND,
    "contradicted": Label.CONTRADICTED, "refuted": Label.CONTRADICTED,
    "contradiction": Label.CONTRADICTED,
}


def _label(value: Any) -> Label | None:
    if not isinstance(value, str):
        return None
    return _LABEL_WORDS.get(re.sub(r"[\s-]+", "_", value.strip().lower()))


def messages(claim: str, passages: list[Passage], *, context: str | None,
             page: dict[str, str], contract: str = "full") -> list[dict[str, str]]:
    """The chat messages that put the claim and its passages to the judge, asking for the
    answer ``contract`` (``full`` or ``short``)."""
    lines = [f"Claim: {claim}"]
    if context:
        lines.append(f"Context (before the claim): {context}")
    if page:
        lines.append("Page: " + "; ".join(f"{k}: {v}" for k, v in page.items()))
    lines.append("Passages:")
    lines += [f"[{i}] {' '.join(p.text.split())}" for i, p in enumerate(passages, 1)]
    return [{"role": "system", "content": SYSTEM_PROMPTS[contract]},
            {"role": "user", "content": "\n".join(lines)}]


def quote_location(quote: str, passages: list[Passage], source_text: str,
                   hint: int | None = None) -> tuple[int, int] | None:
    """Where ``quote`` is in ``source_text`` — its own span when it is there verbatim, else
    the span of the passage holding it — or ``None`` when no passage holds it."""
    # Split as the quotation check splits ("…", "...", "[...]"), so both agree on parts.
    parts = [fold_for_match(p).strip(" \"'") for p in quote_parts(quote)]
    parts = [p for p in parts if p]
    if not parts or sum(len(p) for p in parts) < 3:
        return None
    order = list(range(len(passages)))
    if hint is not None and 1 <= hint <= len(passages):
        order.remove(hint - 1)
        order.insert(0, hint - 1)
    for i in order:
        passage = passages[i]
        folded = fold_for_match(passage.text)
        if all(part in folded for part in parts):
            return _narrow(quote, passage) or (passage.start, passage.end)
    return None


def _narrow(quote: str, passage: Passage) -> tuple[int, int] | None:
    """The quote's own span in the passage when its first and last parts are there as
    written (but for case); ``None`` when only the folded comparison finds it."""
    raw = passage.text.lower()
    if len(raw) != len(passage.text):  # lower() changed a length: offsets would drift
        return None
    pieces = [p.strip(" \"'").lower() for p in quote_parts(quote)]
    pieces = [p for p in pieces if p]
    first = raw.find(pieces[0]) if pieces else -1
    if first < 0:
        return None
    last = raw.find(pieces[-1], first + len(pieces[0]) if len(pieces) > 1 else first)
    if last < 0:
        return None
    return passage.start + first, passage.start + last + len(pieces[-1])


def judged_verdict(answer: JudgeAnswer, passages: list[Passage], source_text: str,
                   model: str, coverage: float) -> Verdict:
    """The verdict the judge's ``answer`` earns once its quotes are checked."""
    evidence: list[Evidence] = []
    missing: list[str] = []
    for quote in answer.quotes:
        span = quote_location(quote.text, passages, source_text, quote.passage)
        if span is None:
            missing.append(quote.text)
            continue
        item = Evidence(source_text[span[0]:span[1]], span[0], span[1],
                        LABEL_SCORES[answer.label])
        if item not in evidence:
            evidence.append(item)
    label = answer.label
    checks = [Check(CheckKind.SEMANTIC, label is Label.SUPPORTED,
                    f"{model} judged the claim {label.value}"
                    + (f": {answer.reason}" if answer.reason else ""))]
    if label in _LOWER and (missing or not evidence):
        lowered = _LOWER[label]
        why = (f"its quote {_short(missing[0])!r} is not in the passages it was shown"
               if missing else "it quoted no evidence from the passages")
        checks.append(Check(CheckKind.SEMANTIC, False,
                            f"{model} said {label.value} but {why}: lowered to {lowered.value}"))
        label = lowered
    reason = f"{model}: {answer.reason}" if answer.reason else f"{model} judged it {label.value}"
    if label is not answer.label:
        reason = f"{checks[-1].detail} ({reason})"
    return Verdict(label, LABEL_SCORES[label], tuple(evidence), tuple(checks), reason,
                   round(coverage, 4))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 3] + "..."


class LlmVerifier(Verifier):
    """Verifies with an LLM judge (see the module docstring); the client, cache and budget
    are injectable for tests."""

    def __init__(self, model: str, settings: LlmSettings, *, client: ChatClient | None = None,
                 cache: AnswerCache | None = None, budget: Budget | None = None) -> None:
        self.model = model
        self.name = f"llm:{model}"
        self.settings = settings
        self._client = client
        self._client_lock = threading.Lock()
        if cache is None and settings.use_cache:
            cache = DiskCache(settings.cache or default_cache_folder())
        self.cache = cache
        self.budget = budget or Budget(
            settings.max_calls, settings.max_tokens,
            run_budget_path(settings.run_id) if settings.run_id else None)

    @property
    def client(self) -> ChatClient:
        """The chat client, made on first use (so a bad endpoint fails on the first claim)."""
        with self._client_lock:
            if self._client is None:
                self._client = ChatClient(self.settings)
            return self._client

    def verify(self, claim: str, source_text: str, **page: Any) -> Verdict:  # type: ignore[override]
        """See :meth:`Verifier.verify`.  Raises
        :class:`~citeaudit.verify.llm_client.JudgeError` when the endpoint fails."""
        from .core import verify_claim

        lexical = verify_claim(claim, source_text, **page)
        context = page.get("context")
        # The page as the lexical verdict just indexed it (a cache hit), not split again.
        try:
            index: SourceIndex | None = source_index(
                source_text, page.get("source_published"), TimeBudget(PAGE_BUDGET_S))
        except BudgetExceeded:
            index = None
        passages = top_passages(claim, source_text, self.settings.passages, context=context,
                                index=index)
        if not passages:
            return _keep(lexical, f"{self.model} was not asked: no passage of the page shares "
                                  f"a content word with the claim")
        published = page.get("source_published")
        shown = {k: v for k, v in (("title", page.get("source_title")),
                                   ("publisher", page.get("source_publisher")),
                                   ("url", page.get("source_url")),
                                   ("published", published and published.isoformat()))
                 if v}
        chat = messages(claim, passages, context=context, page=shown,
                        contract=self.settings.answer)
        key = cache_key(version=PROMPT_VERSION, model=self.model, messages=chat)
        stored = self.cache.get(key) if self.cache is not None else None
        content = stored.get("content") if stored else None
        if not isinstance(content, str):
            if not self.budget.take():
                return _keep(lexical, f"{self.model} was not asked: the run's LLM budget is "
                                      f"spent (max_calls {self.settings.max_calls}, max_tokens "
                                      f"{self.settings.max_tokens})")
            reply = self.client.complete(self.model, chat, self._response_format())
            self.budget.spend(reply.tokens)
            content = reply.content
            try:
                parse_answer(content)
            except AnswerError:
                pass  # not worth keeping: a later run asks again
            else:
                if self.cache is not None:
                    self.cache.put(key, {"content": content, "tokens": reply.tokens})
        try:
            answer = parse_answer(content)
        except AnswerError:
            return _keep(lexical, f"{self.model}'s reply held no usable JSON verdict: "
                                  f"{_short(content)!r}")
        return judged_verdict(answer, passages, source_text, self.model, lexical.coverage)

    def _response_format(self) -> dict[str, Any] | None:
        fmt = self.settings.response_format
        schema = SHORT_ANSWER_SCHEMA if self.settings.answer == "short" else ANSWER_SCHEMA
        if fmt == "json_object_schema":
            return {"type": "json_object", "schema": schema}
        if fmt == "json_schema":
            return {"type": "json_schema",
                    "json_schema": {"name": "verdict", "schema": schema, "strict": True}}
        if fmt == "json_object":
            return {"type": "json_object"}
        return None


def _keep(lexical: Verdict, why: str) -> Verdict:
    """The lexical verdict, saying why the judge did not decide it."""
    note = Check(CheckKind.SEMANTIC, False, why + "; the lexical verdict stands")
    return attrs.evolve(lexical, checks=(*lexical.checks, note))

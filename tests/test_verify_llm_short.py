"""The judge's ``short`` answer contract and prompt-only JSON, for small or slow local models.

Against the loopback stand-in server (never the internet): what is sent, and that a short
answer earns no more trust than a full one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from citeaudit.verify import Label
from citeaudit.verify.llm import SHORT_SYSTEM_PROMPT, LlmVerifier, parse_answer
from citeaudit.verify.llm_client import ChatClient
from citeaudit.verify.llm_settings import LlmSettings, parse_table
from citeaudit.verify.llm_store import MemoryCache
from tests.support.llm_server import LlmServer, running

PAGE = (
    "City council news\n"
    "The council met on Tuesday to discuss the budget.\n"
    "Mayor Jane Doe resigned in 1998 after a long dispute over the harbour.\n"
    "The harbour project was later abandoned by her successor.\n"
    "Tickets for the summer fair go on sale in May."
)
CLAIM = "Jane Doe resigned as mayor in 1998."
SENTENCE = "Mayor Jane Doe resigned in 1998 after a long dispute over the harbour."


@pytest.fixture
def server() -> Iterator[LlmServer]:
    with running() as srv:
        yield srv


def short_judge(server: LlmServer, **changes: object) -> LlmVerifier:
    settings = attrs.evolve(LlmSettings(base_url=server.url, use_cache=False, retries=0,
                                        timeout=5.0, answer="short", response_format="none"),
                            **changes)
    return LlmVerifier("small-model", settings, client=ChatClient(settings),
                       cache=MemoryCache())


def test_the_short_contract_asks_for_a_label_and_one_quote_in_few_tokens(server) -> None:
    short_judge(server).verify(CLAIM, PAGE)
    (request,) = server.requests
    body = request["body"]
    assert body["messages"][0]["content"] == SHORT_SYSTEM_PROMPT
    assert '{"label": "...", "quote": "..."}' in SHORT_SYSTEM_PROMPT
    assert body["max_tokens"] == 96
    assert "response_format" not in body  # JSON asked for by the prompt alone


def test_answer_tokens_set_by_hand_win_over_the_contract_default(server) -> None:
    short_judge(server, answer_tokens=64).verify(CLAIM, PAGE)
    assert server.requests[0]["body"]["max_tokens"] == 64


def test_a_short_answer_with_a_quote_from_the_passages_is_supported(server) -> None:
    server.then({"content": json.dumps({"label": "supported", "quote": SENTENCE})})
    verdict = short_judge(server).verify(CLAIM, PAGE)
    assert verdict.label is Label.SUPPORTED
    assert [e.text for e in verdict.evidence] == [SENTENCE]


def test_a_short_answer_in_prose_is_read_from_its_first_json_object(server) -> None:
    reply = f'Sure! {{"label": "supported", "quote": "{SENTENCE}"}} Hope this helps.'
    server.then({"content": reply})
    assert short_judge(server).verify(CLAIM, PAGE).label is Label.SUPPORTED


def test_a_short_answer_quoting_words_the_page_lacks_is_lowered(server) -> None:
    server.then({"content": '{"label": "supported", "quote": "Jane Doe was mayor for life."}'})
    verdict = short_judge(server).verify(CLAIM, PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert any("lowered to partially_supported" in c.detail for c in verdict.checks)


def test_a_short_answer_cut_off_at_max_tokens_is_not_taken_for_a_verdict(server) -> None:
    server.then({"content": '{"label": "supported", "quote": "Mayor Jane Doe resigned in 19'})
    verdict = short_judge(server).verify(CLAIM, PAGE)
    assert any("no usable JSON verdict" in c.detail for c in verdict.checks)
    assert not any("small-model judged" in c.detail for c in verdict.checks)


def test_the_short_contract_has_its_own_schema_when_a_schema_is_asked_for(server) -> None:
    short_judge(server, response_format="json_schema").verify(CLAIM, PAGE)
    schema = server.requests[0]["body"]["response_format"]["json_schema"]["schema"]
    assert schema["required"] == ["label", "quote"]


def test_a_json_object_with_its_schema_is_sent_for_llama_cpp_python(server) -> None:
    short_judge(server, response_format="json_object_schema").verify(CLAIM, PAGE)
    sent = server.requests[0]["body"]["response_format"]
    assert sent["type"] == "json_object"
    assert sent["schema"]["required"] == ["label", "quote"]


def test_the_contracts_never_share_a_cached_answer(server) -> None:
    cache = MemoryCache()
    for contract in ("full", "short"):
        settings = LlmSettings(base_url=server.url, use_cache=False, answer=contract)
        LlmVerifier("m", settings, client=ChatClient(settings), cache=cache).verify(CLAIM, PAGE)
    assert server.chat_calls == 2 and len(cache) == 2


def test_parse_answer_reads_a_single_quote_field() -> None:
    answer = parse_answer('{"label": "partially supported", "quote": "the harbour"}')
    assert answer.label is Label.PARTIALLY_SUPPORTED
    assert [q.text for q in answer.quotes] == ["the harbour"]


def test_the_settings_table_takes_the_contract_and_refuses_an_unknown_one() -> None:
    assert parse_table({"answer": "short", "response_format": "none"}, Path(".")) == {
        "answer": "short", "response_format": "none"}
    with pytest.raises(ValueError, match='"answer" must be one of full, short'):
        parse_table({"answer": "tiny"}, Path("."))


def test_the_default_contract_is_unchanged_for_hosted_apis() -> None:
    settings = LlmSettings()
    assert (settings.answer, settings.response_format, settings.max_answer_tokens) == (
        "full", "json_object", 400)

"""The LLM judge, end to end against a loopback OpenAI-compatible server (never the internet)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from citeaudit.verify import Label
from citeaudit.verify.llm import LlmVerifier, parse_answer, quote_location
from citeaudit.verify.llm_client import ChatClient, JudgeError
from citeaudit.verify.llm_settings import LlmSettings
from citeaudit.verify.llm_store import Budget, DiskCache, MemoryCache
from citeaudit.verify.passages import top_passages
from tests.support.llm_server import LlmServer, running

PAGE = (
    "City council news\n"
    "The council met on Tuesday to discuss the budget.\n"
    "Mayor Jane Doe resigned in 1998 after a long dispute over the harbour.\n"
    "The harbour project was later abandoned by her successor.\n"
    "Tickets for the summer fair go on sale in May.\n"
    "The library will close for repairs next winter."
)
KEY = "sk-loopback"


@pytest.fixture
def server() -> Iterator[LlmServer]:
    with running(api_key=KEY) as srv:
        yield srv


def settings_for(server: LlmServer, **changes: object) -> LlmSettings:
    base = LlmSettings(base_url=server.url, api_key=KEY, use_cache=False, retries=2,
                       backoff=0.01, timeout=5.0)
    return attrs.evolve(base, **changes)


def judge(server: LlmServer, *, sleeps: list[float] | None = None,
          **changes: object) -> LlmVerifier:
    settings = settings_for(server, **changes)
    waits = sleeps if sleeps is not None else []
    client = ChatClient(settings, sleep=waits.append)
    return LlmVerifier("loopback-judge", settings, client=client, cache=MemoryCache())


def test_a_stated_claim_is_supported_with_the_quoted_sentence_as_evidence(server) -> None:
    verdict = judge(server).verify("Jane Doe resigned as mayor in 1998.", PAGE)
    assert verdict.label is Label.SUPPORTED
    (evidence,) = verdict.evidence
    assert evidence.text == "Mayor Jane Doe resigned in 1998 after a long dispute over the harbour."
    assert PAGE[evidence.start:evidence.end] == evidence.text
    assert "loopback-judge" in verdict.reason


def test_the_judge_sees_only_the_retrieved_passages_and_the_claim(server) -> None:
    judge(server, passages=1).verify("Jane Doe resigned as mayor in 1998.", PAGE,
                                     source_title="Council news")
    (request,) = server.requests
    prompt = request["body"]["messages"][-1]["content"]
    assert "Jane Doe resigned in 1998" in prompt
    assert "library will close" not in prompt and "summer fair" not in prompt
    assert "title: Council news" in prompt
    assert request["body"]["temperature"] == 0
    assert request["body"]["max_tokens"] == LlmSettings().max_answer_tokens == 400
    assert request["headers"]["Authorization"] == f"Bearer {KEY}"


def test_a_quote_the_passages_do_not_hold_lowers_the_verdict(server) -> None:
    server.then({"invent_quote": True})
    verdict = judge(server).verify("Jane Doe left office.", PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert verdict.evidence == ()
    assert any("not in the passages" in c.detail and not c.ok for c in verdict.checks)


def test_a_supported_answer_without_any_quote_is_lowered(server) -> None:
    server.then({"content": json.dumps({"label": "supported", "evidence": [], "reason": "yes"})})
    verdict = judge(server).verify("Jane Doe resigned in 1998.", PAGE)
    assert verdict.label is Label.PARTIALLY_SUPPORTED
    assert any("quoted no evidence" in c.detail for c in verdict.checks)


def test_a_contradiction_is_kept_only_with_its_evidence(server) -> None:
    verdict = judge(server).verify("Jane Doe resigned as mayor in 1997.", PAGE)
    assert verdict.label is Label.CONTRADICTED
    assert "1998" in verdict.evidence[0].text
    server.then({"content": json.dumps({"label": "contradicted", "reason": "different year",
                                        "evidence": [{"passage": 1, "quote": "in 1996"}]})})
    assert judge(server).verify("Jane Doe resigned in 1997.", PAGE).label is Label.NOT_FOUND


def test_a_fenced_reply_with_prose_around_it_is_read(server) -> None:
    server.then({"fenced": True})
    verdict = judge(server).verify("Jane Doe resigned as mayor in 1998.", PAGE)
    assert verdict.label is Label.SUPPORTED


def test_a_reply_that_is_not_json_keeps_the_lexical_verdict_and_says_so(server) -> None:
    server.then({"content": "I think it is probably true."})
    verdict = judge(server).verify("Jane Doe resigned as mayor in 1998.", PAGE)
    assert any("no usable JSON verdict" in c.detail for c in verdict.checks)
    assert verdict.label is not Label.UNVERIFIABLE


def test_parse_answer_reads_label_variants_and_string_evidence() -> None:
    answer = parse_answer('```json\n{"verdict": "Partially Supported", '
                          '"evidence": ["the harbour"], "reason": "half"}\n```')
    assert answer.label is Label.PARTIALLY_SUPPORTED
    assert answer.quotes[0].text == "the harbour"
    assert parse_answer('Answer: {"label": "refuted", "evidence": []} done').label \
        is Label.CONTRADICTED


def test_quotes_are_found_despite_case_spacing_curly_quotes_and_ellipses() -> None:
    page = "He said it\u2019s   over.\nThe match ended 2-1 after extra time in Rome."
    passages = top_passages("The match ended 2-1 in Rome; he said it's over.", page, 3)
    assert quote_location("he said IT'S over", passages, page) is not None
    start, end = quote_location("The match ended ... in Rome", passages, page)
    assert page[start:end].startswith("The match ended")
    assert quote_location("the match was drawn", passages, page) is None


def test_the_schema_response_format_is_sent_when_chosen(server) -> None:
    judge(server, response_format="json_schema").verify("Jane Doe resigned in 1998.", PAGE)
    sent = server.requests[0]["body"]["response_format"]
    assert sent["type"] == "json_schema"
    assert "label" in sent["json_schema"]["schema"]["properties"]
    judge(server, response_format="none").verify("Jane Doe resigned in 1998.", PAGE)
    assert "response_format" not in server.requests[1]["body"]


def test_an_answer_is_cached_by_claim_passages_and_model(server, tmp_path: Path) -> None:
    settings = settings_for(server, use_cache=True, cache=tmp_path)
    first = LlmVerifier("loopback-judge", settings).verify("Jane Doe resigned in 1998.", PAGE)
    again = LlmVerifier("loopback-judge", settings).verify("Jane Doe resigned in 1998.", PAGE)
    assert server.chat_calls == 1 and again == first
    LlmVerifier("other-model", settings).verify("Jane Doe resigned in 1998.", PAGE)
    LlmVerifier("loopback-judge", settings).verify("Jane Doe resigned in 1998.",
                                                   PAGE.replace("1998", "1999"))
    assert server.chat_calls == 3
    assert len(list(tmp_path.rglob("*.json"))) == 3


def test_an_unparsable_reply_is_not_cached(server, tmp_path: Path) -> None:
    server.then({"content": "no idea"})
    verifier = LlmVerifier("loopback-judge", settings_for(server), cache=DiskCache(tmp_path))
    verifier.verify("Jane Doe resigned in 1998.", PAGE)
    verifier.verify("Jane Doe resigned in 1998.", PAGE)
    assert server.chat_calls == 2


def test_past_the_call_budget_claims_keep_the_lexical_verdict(server) -> None:
    verifier = judge(server, max_calls=1)
    verifier.verify("Jane Doe resigned in 1998.", PAGE)
    verdict = verifier.verify("The harbour project was abandoned.", PAGE)
    assert server.chat_calls == 1
    assert any("budget is spent" in c.detail for c in verdict.checks)


def test_the_token_budget_stops_calls_once_spent(server) -> None:
    verifier = judge(server, max_tokens=10)
    verifier.verify("Jane Doe resigned in 1998.", PAGE)
    verifier.verify("The harbour project was abandoned.", PAGE)
    assert server.chat_calls == 1
    calls, tokens = verifier.budget.used()
    assert calls == 1 and tokens > 10


def test_one_budget_file_is_shared_by_forked_processes(tmp_path: Path) -> None:
    import multiprocessing

    path = tmp_path / "run.txt"
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(2) as pool:
        taken = pool.starmap(_take_many, [(path, 5)] * 2)
    assert sum(taken) == 3
    assert Budget(3, None, path).used() == (3, 0)


def _take_many(path: Path, tries: int) -> int:
    budget = Budget(3, None, path)
    return sum(budget.take() for _ in range(tries))


def test_a_server_error_is_retried_with_backoff(server) -> None:
    server.then({"status": 500}, {"status": 503})
    sleeps: list[float] = []
    verdict = judge(server, sleeps=sleeps).verify("Jane Doe resigned in 1998.", PAGE)
    assert verdict.label is Label.SUPPORTED
    assert server.chat_calls == 3 and sleeps == [0.01, 0.02]


def test_retry_after_is_honoured_on_429(server) -> None:
    server.then({"status": 429, "retry_after": "7"})
    sleeps: list[float] = []
    judge(server, sleeps=sleeps).verify("Jane Doe resigned in 1998.", PAGE)
    assert sleeps == [7.0]


def test_a_retry_after_longer_than_allowed_fails_with_one_line(server) -> None:
    server.then({"status": 429, "retry_after": "3600"})
    with pytest.raises(JudgeError, match="asks to wait 3600 s"):
        judge(server).verify("Jane Doe resigned in 1998.", PAGE)


def test_a_server_that_keeps_failing_is_a_clear_error(server) -> None:
    server.then(*[{"status": 500}] * 3)
    with pytest.raises(JudgeError, match=r"kept failing: 500 .* after 3 attempts") as caught:
        judge(server).verify("Jane Doe resigned in 1998.", PAGE)
    assert "\n" not in str(caught.value)


def test_a_wrong_key_is_refused_with_what_to_set(server) -> None:
    with pytest.raises(JudgeError, match=r"refused the key .*401.*CITEAUDIT_LLM_API_KEY"):
        judge(server, api_key="sk-wrong").verify("Jane Doe resigned in 1998.", PAGE)
    with pytest.raises(JudgeError, match="refused the key"):
        ChatClient(settings_for(server, api_key="sk-wrong")).check()
    ChatClient(settings_for(server)).check()


def test_a_wrong_path_is_a_404_naming_the_base_url(server) -> None:
    wrong = server.url.removesuffix("/v1")
    with pytest.raises(JudgeError, match=r"no such route or model .*ends in /v1"):
        judge(server, base_url=wrong).verify("Jane Doe resigned in 1998.", PAGE)


def test_an_unreachable_endpoint_is_a_clear_error() -> None:
    with running() as srv:
        url = srv.url  # a port that was just free and is closed again below
    with pytest.raises(JudgeError, match="cannot reach the LLM endpoint"):
        ChatClient(LlmSettings(base_url=url)).check()
    settings = LlmSettings(base_url=url, retries=1, backoff=0.01, use_cache=False)
    verifier = LlmVerifier("m", settings, client=ChatClient(settings, sleep=lambda _: None))
    with pytest.raises(JudgeError, match="kept failing: cannot connect"):
        verifier.verify("Jane Doe resigned in 1998.", PAGE)


def test_a_missing_endpoint_is_a_clear_error() -> None:
    with pytest.raises(JudgeError, match="no endpoint: set CITEAUDIT_LLM_BASE_URL"):
        ChatClient(LlmSettings())


def test_a_slow_answer_times_out(server) -> None:
    server.then({"delay": 1.0})
    with pytest.raises(JudgeError, match=r"no answer within 0\.3 s"):
        judge(server, timeout=0.3, retries=0).verify("Jane Doe resigned in 1998.", PAGE)


def test_a_page_with_nothing_to_show_is_not_sent(server) -> None:
    verdict = judge(server).verify("Jane Doe resigned in 1998.", "Tickets on sale in May.")
    assert server.chat_calls == 0
    assert verdict.label is Label.UNVERIFIABLE or any("was not asked" in c.detail
                                                       for c in verdict.checks)


def test_once_a_run_ends_a_late_worker_spends_nothing_and_leaves_no_file() -> None:
    import uuid

    from citeaudit.verify.llm_store import end_run, run_budget_path

    run = uuid.uuid4().hex
    budget = Budget(5, None, run_budget_path(run))
    assert budget.take()
    end_run(run)
    assert not budget.take()
    budget.spend(10)
    assert not run_budget_path(run).parent.exists()

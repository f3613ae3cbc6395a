"""The ``model:wordllama`` backend: the sentence model the ``wordllama`` wheel ships.

The end-to-end tests need the ``wordllama`` extra and skip without it; the missing-extra
errors are tested either way.  Nothing is downloaded: one test loads the model in a
process whose sockets refuse to connect.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from citeaudit.cli import main
from citeaudit.config import Config
from citeaudit.errors import ConfigError, VerifyError
from citeaudit.settings import load_settings
from citeaudit.verify import CheckKind, Label, verify_claim
from citeaudit.verify import wordllama as wl
from citeaudit.verify.backend import ModelVerifier, VerifierChoice, check_verifier, make_verifier

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ankasam"
SRC = Path(__file__).resolve().parent.parent / "src"
PAGE = ("The Charles Bridge over the Vltava was completed in 1402 after forty-five years of "
        "work.\nIt replaced the Judith Bridge, which a flood had destroyed in 1342.\n"
        "Tourists crowd it in summer, and street musicians play there most evenings.")
CLAIM = "The Charles Bridge over the Vltava was completed in 1402."

needs_wordllama = pytest.mark.skipif(
    not wl.available(), reason="the wordllama extra is not installed: "
                               "pip install 'citeaudit[wordllama]'")


@pytest.fixture(scope="module")
def scorer() -> wl.WordLlamaScorer:
    return wl.load_wordllama()


@needs_wordllama
def test_a_claim_and_its_page_give_a_verdict_with_evidence_and_the_model_check() -> None:
    verdict = make_verifier("model:wordllama").verify(CLAIM, PAGE)
    assert verdict.label is Label.SUPPORTED
    top = verdict.evidence[0]
    assert PAGE[top.start:top.end] == top.text and "1402" in top.text
    (check,) = [c for c in verdict.checks if c.kind is CheckKind.SEMANTIC]
    assert check.detail.startswith("wordllama scores the best passage")


@needs_wordllama
def test_a_paraphrase_scores_above_a_sentence_on_another_topic(scorer) -> None:
    near, far = scorer.cosines("He bought the house in 1990.",
                               ["In 1990 he purchased the house.",
                                "The recipe needs two cups of flour."])
    assert near > 0.8 and far < 0.3


@needs_wordllama
def test_a_text_with_no_tokens_scores_zero_not_nan(scorer) -> None:
    assert scorer.score("The bridge was completed in 1402.", ["", "   "])[0] == 0.0


@needs_wordllama
def test_the_lexical_caps_still_apply_under_the_model(scorer) -> None:
    # Every word but the year is on the page: the model finds the passage alike, the
    # failed date keeps the claim from being supported.
    claim = "The Charles Bridge over the Vltava was completed in 1410."
    verdict = verify_claim(claim, PAGE, semantic=scorer)
    assert verdict.label is not Label.SUPPORTED
    assert any(c.kind is CheckKind.DATE and not c.ok for c in verdict.checks)


@needs_wordllama
def test_the_model_shifts_the_support_measure_by_its_calibrated_score(scorer) -> None:
    lexical = verify_claim(CLAIM, PAGE)
    strict = wl.WordLlamaScorer(wl.Calibration(0.99, 1.0))  # no passage reaches 0.99
    assert verify_claim(CLAIM, PAGE, semantic=strict).coverage < lexical.coverage


PROBE = textwrap.dedent("""
    import json, logging, socket

    def refuse(*args, **kwargs):
        raise OSError("this test refuses network connections")

    socket.socket.connect = refuse
    socket.create_connection = refuse
    from citeaudit.verify.backend import make_verifier
    verdict = make_verifier("model:wordllama").verify(CLAIM, PAGE)
    root = logging.getLogger()
    print(json.dumps({"verdict": verdict.to_dict(), "handlers": len(root.handlers),
                      "level": root.level}))
""")


@pytest.fixture(scope="module")
def probes() -> list[dict]:
    """The backend run in two fresh processes with different hash seeds, network refused."""
    script = f"CLAIM = {CLAIM!r}\nPAGE = {PAGE!r}\n{PROBE}"
    out = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed,
               "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        out.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return out


@needs_wordllama
def test_the_bundled_model_loads_and_verifies_with_the_network_refused(probes) -> None:
    assert probes[0]["verdict"]["verdict"] == "supported"


@needs_wordllama
def test_the_same_pair_gives_the_same_verdict_under_two_hash_seeds(probes) -> None:
    assert probes[0]["verdict"] == probes[1]["verdict"]


@needs_wordllama
def test_loading_the_model_leaves_the_root_logger_as_it_was(probes) -> None:
    # wordllama.inference calls logging.basicConfig(level=INFO) when imported.
    assert (probes[0]["handlers"], probes[0]["level"]) == (0, 30)


def test_calibration_maps_floor_to_zero_and_ceiling_to_one_and_clips() -> None:
    line = wl.Calibration(0.2, 0.7)
    assert [line(c) for c in (-0.5, 0.2, 0.45, 0.7, 1.0)] == pytest.approx([0, 0, 0.5, 1, 1])
    with pytest.raises(VerifyError, match="floor < ceiling"):
        wl.Calibration(0.7, 0.7)


def test_model_wordllama_is_a_model_spec_in_settings(tmp_path) -> None:
    path = tmp_path / "citeaudit.toml"
    path.write_text('verifier = "model:wordllama"\n')
    config = load_settings(path).apply(Config())
    assert config.verifier == "model:wordllama"
    assert isinstance(make_verifier(config.verifier), ModelVerifier)


@pytest.fixture
def without_wordllama(monkeypatch) -> None:
    """This process sees no wordllama package.  The audit's shared worker processes are
    forked first, so they do not keep the pretence after the test."""
    from citeaudit import workers

    workers.executor(Config().workers)
    monkeypatch.setattr(wl, "package_root", lambda: None)


def test_a_missing_extra_is_named_before_anything_runs(without_wordllama) -> None:
    with pytest.raises(ConfigError, match=r"needs the 'wordllama' extra: "
                                          r"pip install 'citeaudit\[wordllama\]'"):
        check_verifier(VerifierChoice("model:wordllama"))


def test_a_missing_extra_on_first_use_is_a_verify_error(without_wordllama, monkeypatch) -> None:
    monkeypatch.setattr(wl, "_model", wl._model.__wrapped__)  # no model cached from before
    with pytest.raises(VerifyError, match="needs the 'wordllama' extra"):
        make_verifier("model:wordllama").verify(CLAIM, PAGE)


def test_audit_without_the_extra_exits_2_with_one_line(without_wordllama, capsys) -> None:
    assert main(["audit", "--verifier", "model:wordllama", str(EXAMPLE / "article.txt")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("citeaudit: error: verifier 'model:wordllama' needs the 'wordllama' "
                   "extra: pip install 'citeaudit[wordllama]'")


@needs_wordllama
def test_audit_verifies_through_the_model_in_its_worker_processes(capsys) -> None:
    main(["audit", "--verifier", "model:wordllama", str(EXAMPLE / "article.txt"),
          "--replay", str(EXAMPLE / "capture.warc.gz"), "--archive", "none",
          "--format", "json", "--quiet"])
    report = json.loads(capsys.readouterr().out)
    judged = [c for c in report["claims"] if c["verdict"] is not None]
    assert judged
    for claim in judged:
        (check,) = [c for c in claim["checks"] if c["kind"] == "semantic"]
        assert check["detail"].startswith("wordllama scores the best passage")

"""The title tagger's CRF, read from the model file and run in Python: the same marginals
CRFsuite gives for the same features, the same features as training saw, and a clear
error for a damaged model."""

from __future__ import annotations

import pathlib

import pycrfsuite
import pytest

from citeaudit.notes import crf, tagger
from citeaudit.notes.tagger_features import STRING_CUES, cue_sums, lift_cues, spans, word_features
from citeaudit.notes.tagger_train import example_from_note, example_from_spans, train

NOTES = [
    "Weber, K.: Geräte der Jungsteinzeit am Niederrhein. Köln 2001.",
    "Smith, J. (2019). Bridges of the lower Rhine. Oxford: Clarendon Press.",
    "Lee K, Park S. Bridge load testing in cold climates. J Struct Eng. 2012;38(4):211-9.",
    "Dupont, Marie. « Les ponts du Rhin » [Texte], Paris : Gallimard, 2015, p. 3-4.",
    "Орлова Е. К. История мостов. М.: Наука, 2001. 320 с.",
    "山田太郎「橋の歴史」『土木学会誌』2010年, 12-15頁.",
    "Drones over the Front, (TASS Press, 2020), p. 12.",
    "x",
]


def _crfsuite_marginals(model: pathlib.Path, text: str) -> list[float]:
    reference = pycrfsuite.Tagger()
    reference.open(str(model))
    words, starts, ends = spans(text)
    reference.set(word_features(text, words, starts, ends))
    return [reference.marginal("T", k) for k in range(len(words))]


def _python_marginals(model: pathlib.Path, text: str) -> list[float]:
    chain = crf.read_chain(model.read_bytes())
    words, starts, ends = spans(text)
    return chain.marginals(cue_sums(text, words, starts, ends, lift_cues(chain.lift)))


@pytest.mark.parametrize("text", NOTES)
def test_the_packaged_models_marginals_are_crfsuites(text: str) -> None:
    expected = _crfsuite_marginals(tagger.MODEL, text)
    got = _python_marginals(tagger.MODEL, text)
    assert len(got) == len(expected)
    assert got == pytest.approx(expected, abs=1e-12)


def test_a_long_note_neither_overflows_nor_underflows() -> None:
    text = " ".join(["Weber, K.: Geräte der Jungsteinzeit am Niederrhein. Köln 2001."] * 80)
    expected = _crfsuite_marginals(tagger.MODEL, text)
    got = _python_marginals(tagger.MODEL, text)
    assert got == pytest.approx(expected, abs=1e-12)
    assert all(0.0 <= p <= 1.0 for p in got)


def test_a_freshly_trained_models_marginals_are_crfsuites(tmp_path: pathlib.Path) -> None:
    examples = [
        example_from_spans([("author", "Adams, C."), ("date", "2013."),
                            ("title", "Zircon ages of the Torlesse."), ("journal", "Earth.")]),
        example_from_spans([("author", "Pate, C. M."), ("title", "What Does the Future Hold?"),
                            ("location", "Grand Rapids:"), ("publisher", "Baker,")]),
    ]  # fmt: skip
    model = tmp_path / "small.crfsuite"
    train(examples, model)
    probe = "Miller, G. (1995). A lexical database for English. Communications."
    assert _python_marginals(model, probe) == pytest.approx(
        _crfsuite_marginals(model, probe), abs=1e-12
    )


def test_a_model_that_never_saw_a_title_marks_none(tmp_path: pathlib.Path) -> None:
    untitled = example_from_note("Weber, K.: Geräte am Rhein. Köln 2001.", None)
    assert untitled is not None
    model = tmp_path / "untitled.crfsuite"
    train([untitled], model)
    assert _python_marginals(model, "Weber, K.: Geräte am Rhein. Köln 2001.") == [0.0] * 12
    assert tagger.TitleTagger(model).title_span("Weber, K.: Geräte am Rhein.", 0.0) is None


def test_summed_string_cues_are_the_training_features() -> None:
    text = "Smith, J. (2019). “Bridges,” [in:] Rhine. Oxford: Clarendon."
    words, starts, ends = spans(text)
    strings = cue_sums(text, words, starts, ends, STRING_CUES)
    assert [list(s) for s in strings] == word_features(text, words, starts, ends)
    first = strings[0]
    assert first[:6] == ("rel=0", "stops=0", "commas=0", "pm=^", "nm=,", "pnm=^,")
    assert "first" in first and "-1:edge" in first and "inquote" not in first
    bridges = strings[words.index("Bridges")]
    assert "inquote" in bridges and "inbracket" not in bridges


@pytest.mark.parametrize("cut", [8, 100, 60_000, -10])
def test_a_truncated_model_is_a_clear_error(tmp_path: pathlib.Path, cut: int) -> None:
    broken = tmp_path / "cut.crfsuite"
    broken.write_bytes(tagger.MODEL.read_bytes()[:cut])
    with pytest.raises(crf.ModelUnreadable):
        crf.read_chain(broken.read_bytes())
    with pytest.raises(tagger.TaggerModelMissing, match="cannot be read"):
        tagger.TitleTagger(broken)


ODD_SPACING = [
    "  a_b  ",
    "a'b' c’d -e- f-g",
    "日本語\u3000テキスト\u0301",
    "\u200b x\u00a0y",
    "x\u0300y",
]


@pytest.mark.parametrize("text", [*NOTES, *ODD_SPACING])
def test_only_whitespace_lies_between_tokens(text: str) -> None:
    # cue_sums reads a token's surrounding spaces from the offsets alone, which holds
    # only if the tokenizer leaves nothing else between tokens.
    words, starts, ends = spans(text)
    between = [text[a:b] for a, b in zip([0, *ends], [*starts, len(text)], strict=True)]
    assert all(not gap or gap.isspace() for gap in between)
    assert "".join(g + w for g, w in zip(between, [*words, ""], strict=True)) == text

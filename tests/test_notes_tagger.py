"""The learned title tagger: packaged model, titles in several styles, deterministic
rebuild, and a clear error when the model is missing."""

from __future__ import annotations

import pathlib

import pytest

import citeaudit
from citeaudit.errors import CiteauditError
from citeaudit.notes import parse_note, styles, tagger
from citeaudit.notes.tagger_features import features, spans, tokenize, word_features
from citeaudit.notes.tagger_train import (
    example_from_note,
    example_from_spans,
    labels,
    note_body,
    reading_text,
    train,
)

STYLED_NOTES = [
    # DIN 1505
    ("Weber, K.: Geräte der Jungsteinzeit am Niederrhein. Köln 2001.",
     "Geräte der Jungsteinzeit am Niederrhein"),
    # APA
    ("Smith, J. (2019). Bridges of the lower Rhine. Oxford: Clarendon Press.",
     "Bridges of the lower Rhine"),
    # Vancouver
    ("Lee K, Park S. Bridge load testing in cold climates. J Struct Eng. 2012;38(4):211-9.",
     "Bridge load testing in cold climates"),
    # MLA-like, French imprint
    ("Dupont, Marie. Les ponts du Rhin. Paris : Gallimard, 2015.", "Les ponts du Rhin"),
    # Turkish note (Chicago-like, commas)
    ("Yılmaz, Ahmet, Köprüler ve Nehirler, İletişim Yayınları, İstanbul, 2017, s. 45.",
     "Köprüler ve Nehirler"),
]  # fmt: skip


def _tagged(note: str, model: tagger.TitleTagger) -> str | None:
    text = reading_text(note_body(note))
    span = model.title_span(text)
    return text[span.start : span.end] if span else None


def test_the_model_ships_inside_the_package_and_loads() -> None:
    package = pathlib.Path(citeaudit.__file__).parent
    assert tagger.MODEL.is_file()
    assert package in tagger.MODEL.parents
    assert isinstance(tagger.default_tagger(), tagger.TitleTagger)


@pytest.mark.parametrize(("note", "title"), STYLED_NOTES)
def test_the_tagger_marks_the_title_in_notes_of_several_styles(note: str, title: str) -> None:
    assert _tagged(note, tagger.default_tagger()) == title


@pytest.mark.parametrize(("note", "title"), STYLED_NOTES[:4])
def test_parse_note_gives_those_titles_and_the_names_before_them(note: str, title: str) -> None:
    parsed = parse_note(note)
    assert parsed.title == title
    assert parsed.authors  # the names in front of the title are still read


def test_the_threshold_turns_an_unsure_title_into_none() -> None:
    text = reading_text(note_body(STYLED_NOTES[0][0]))
    assert tagger.default_tagger().title_span(text, threshold=1.01) is None


def test_prose_with_no_cited_work_gives_no_title() -> None:
    note = "See the discussion in the next chapter for why this matters so much to the argument."
    assert parse_note(note).title is None


def test_the_tagger_leaves_urls_and_access_dates_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    note = (
        "Weber, K.: Geräte der Jungsteinzeit am Niederrhein. Köln 2001. "
        "https://example.org/weber-2001 (abgerufen am 3. Mai 2021)"
    )
    with_tagger = parse_note(note)
    monkeypatch.setattr(styles, "TAGGER_MODE", "off")
    rules_only = parse_note(note)
    assert with_tagger.urls == rules_only.urls == ("https://example.org/weber-2001",)
    assert with_tagger.access_date == rules_only.access_date
    assert with_tagger.access_date is not None


def test_a_tagged_title_stops_before_an_unclosed_bracket() -> None:
    note = (
        "Smith J. How to repair a chain [Internet]. London: Bike Shop; 2020 [cited 2021 May 3]. "
        "Available from: https://bikeshop.example/repair"
    )
    assert parse_note(note).title == "How to repair a chain"


def test_training_labels_the_title_tokens() -> None:
    example = example_from_spans(
        [("author", "Perrin, C.-E.,"), ("title", "“Note sur la population,”"), ("date", "1963.")]
    )
    assert example.title is not None
    assert example.text[example.title[0] : example.title[1]] == "Note sur la population"
    tokens = tokenize(example.text)
    tagged = [tok.text for tok, label in zip(tokens, labels(example), strict=True) if label == "T"]
    assert tagged == ["Note", "sur", "la", "population"]
    from_note = example_from_note("[3] Weber, K.: Geräte am Rhein. Köln 2001.", "Geräte am Rhein")
    assert from_note is not None and from_note.title is not None
    assert from_note.text[from_note.title[0] : from_note.title[1]] == "Geräte am Rhein"
    assert example_from_note("Weber, K.: Geräte. Köln.", "Not in the note") is None


@pytest.mark.parametrize(
    "text",
    [
        "Jean-Luc O’Brien, “Les ﬁns,” in: U.S. Notes — 2001, pp. 3–4.",
        "  a_b  __ x\u200by  e\u0301 ½ Straße\t(Berlin)\n",
        "",
    ],
)
def test_the_tagger_fast_path_reads_the_same_tokens_and_features(text: str) -> None:
    tokens = tokenize(text)
    words, starts, ends = spans(text)
    assert words == [t.text for t in tokens]
    assert starts == [t.start for t in tokens] and ends == [t.end for t in tokens]
    assert word_features(text, words, starts, ends) == features(text, tokens)


def _small_training_set() -> list:
    sequences = [
        [("author", "Adams, C."), ("date", "2013."), ("title", "Zircon ages of the Torlesse."),
         ("journal", "Earth Sciences."), ("pages", "241-253.")],
        [("author", "Pate, C. M."), ("title", "What Does the Future Hold?"),
         ("location", "Grand Rapids:"), ("publisher", "Baker,"), ("date", "2010.")],
        [("author", "Creel, S."), ("date", "2001."), ("title", "Social dominance and stress."),
         ("journal", "Trends in Ecology"), ("pages", "491-497.")],
    ]  # fmt: skip
    examples = [example_from_spans(s) for s in sequences]
    note = example_from_note("Weber, K.: Geräte am Rhein. Köln 2001.", "Geräte am Rhein")
    assert note is not None
    return [*examples, note]


def test_rebuilding_the_model_is_deterministic(tmp_path: pathlib.Path) -> None:
    first, second = tmp_path / "a.crfsuite", tmp_path / "b.crfsuite"
    assert train(_small_training_set(), first) == 4
    train(_small_training_set(), second)
    assert first.read_bytes() == second.read_bytes()
    probe = reading_text("Miller, G. (1995). A lexical database for English. Communications.")
    assert tagger.TitleTagger(first).title_span(probe, 0.0) == tagger.TitleTagger(
        second
    ).title_span(probe, 0.0)


def test_training_parameters_given_override_the_defaults_key_by_key(
    tmp_path: pathlib.Path,
) -> None:
    from citeaudit.notes.tagger_train import PARAMS

    default, same, stiffer = (tmp_path / f"{n}.crfsuite" for n in ("d", "s", "x"))
    train(_small_training_set(), default)
    train(_small_training_set(), same, {"c1": PARAMS["c1"], "c2": PARAMS["c2"]})
    train(_small_training_set(), stiffer, {"c2": 50.0})
    assert same.read_bytes() == default.read_bytes()
    # A far stronger L2 penalty shrinks every weight: the model's title confidence falls.
    probe = reading_text("Miller, G. (1995). A lexical database for English. Communications.")
    loose = tagger.TitleTagger(default).title_span(probe, 0.0)
    tight = tagger.TitleTagger(stiffer).title_span(probe, 0.0)
    assert stiffer.read_bytes() != default.read_bytes()
    assert loose is not None
    assert tight is None or tight.confidence < loose.confidence


def test_a_missing_model_is_a_clear_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(tagger.TaggerModelMissing, match="title tagger model not found"):
        tagger.TitleTagger(tmp_path / "absent.crfsuite")
    broken = tmp_path / "broken.crfsuite"
    broken.write_text("not a model", encoding="utf-8")
    with pytest.raises(CiteauditError, match="cannot be read"):
        tagger.TitleTagger(broken)


def test_threads_sharing_the_packaged_model_each_get_their_own_notes_title() -> None:
    import sys
    import threading

    notes = [
        "Miller, G. (1995). A lexical database for English. Communications of the ACM, 38, 39-41.",
        "Weber, K.: Geräte am Rhein. Köln 2001.",
        "Smith, J. The Long Road Home: Essays on Travel. London: Faber, 1999, pp. 12-14.",
        "Pate, C. M. What Does the Future Hold? Grand Rapids: Baker, 2010.",
    ]
    model = tagger.default_tagger()
    alone = {note: model.title_span(note, 0.0) for note in notes}
    wrong: list[object] = []

    def tag_many(k: int) -> None:
        try:
            for i in range(1500):
                note = notes[(i + k) % len(notes)]
                if model.title_span(note, 0.0) != alone[note]:
                    wrong.append(note)
                    return
        except ValueError as exc:  # pycrfsuite's "position out of range" from a mixed read
            wrong.append(exc)

    # Switch threads as often as the interpreter can, so an unguarded model mixes notes.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=tag_many, args=(k,)) for k in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []

"""The WordNet look-ups behind synonyms, derivations and base forms."""

from __future__ import annotations

from citeaudit.verify import lexicon


def related(word: str) -> set[str]:
    """The words that may stand for ``word``, as the aligner asks for them."""
    return {w for w, pos, offset in lexicon.candidates(word) if lexicon.means(w, pos, offset)}


def test_a_synonym_of_a_common_sense_is_related() -> None:
    assert "buy" in related("purchased")
    assert "movie" in related("film")


def test_a_synonym_listed_only_in_a_rare_sense_is_not() -> None:
    # WordNet lists "fry" with "child", but no one uses it so.
    assert "fry" not in related("children")
    assert "kid" in related("children")


def test_a_phrasal_verb_is_looked_up_whole() -> None:
    assert "resign" in lexicon.phrase_words("stepped", "down")


def test_irregular_forms_have_their_base() -> None:
    assert lexicon.irregular_base("bought") == "buy"
    assert lexicon.irregular_base("children") == "child"
    assert lexicon.irregular_base("walked") is None


def test_every_index_entry_is_found_by_binary_search() -> None:
    wn = lexicon.wordnet()
    assert wn is not None
    sample = ["aah", "abandon", "buy", "resign", "step_down", "zone", "zoom"]
    assert all(wn.senses(word, "v") for word in sample)
    assert wn.senses("nonexistentword", "v") == []


def test_the_sampled_search_finds_the_line_the_binary_search_finds() -> None:
    # Every line of every file agrees (checked once by hand); here every 50th, the
    # files' first and last entries, and keys no line has.
    wn = lexicon.wordnet()
    assert wn is not None
    for lines in [*wn._index.values(), *wn._data.values()]:
        data = bytes(lines.data).split(b"\n")
        keys = [line[:line.index(b" ") + 1] for line in data
                if line and not line.startswith(b" ") and b" " in line]
        wanted = keys[::50] + keys[:3] + keys[-3:]
        missing = [key[:-1] + b"q " for key in keys[::250]] + [b"0 ", b"zzzzzz ", b"!! "]
        for key in wanted:
            assert lines.find(key) == lexicon._find_line(lines.data, key) is not None
        for key in missing:
            assert lines.find(key) == lexicon._find_line(lines.data, key)


def test_a_synset_read_twice_is_the_same() -> None:
    wn = lexicon.wordnet()
    assert wn is not None
    offset = wn.senses("dog", "n")[0]
    first = wn.synset("n", offset)
    assert "dog" in first[0] and first[1]
    wn._synsets.clear()
    assert wn.synset("n", offset) == first


def test_without_the_data_nothing_is_related(monkeypatch) -> None:
    monkeypatch.setattr(lexicon, "_WORDNET", [None])
    lexicon.candidates.cache_clear()
    lexicon.means.cache_clear()
    try:
        assert related("purchased") == set()
    finally:
        lexicon.candidates.cache_clear()
        lexicon.means.cache_clear()


def test_a_nationality_pertains_to_its_country() -> None:
    assert "italy" in lexicon.pertains_to("italian")
    assert "canada" in lexicon.pertains_to("canadian")
    assert lexicon.pertains_to("red") == ()


def test_a_nationality_in_the_claim_is_stated_by_its_country_on_the_page() -> None:
    from citeaudit.verify import Label, verify_claim
    page = ("Full name: Mara Quist\nBorn: April 16, 1971 in Sestri Levante, Italy\n"
            "Country: Italy\nSport: Sailing\n")
    verdict = verify_claim("Mara Quist is an Italian sailor.", page)
    assert verdict.label is Label.SUPPORTED
    assert "'Italian' as country 'italy'" in verdict.checks[0].detail
    # The country does not make any other nationality true.
    assert verify_claim("Mara Quist is a Canadian sailor.", page).label is not Label.SUPPORTED

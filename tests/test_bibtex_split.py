"""Plain BibTeX files split directly give exactly the entries bibtexparser gives."""

from __future__ import annotations

import bibtexparser
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citeaudit.read.bibsplit import PlainEntry, split_plain
from citeaudit.read.bibtex import _parsed


def _bibtexparser(text: str) -> list[PlainEntry]:
    library = bibtexparser.parse_string(text)
    return [
        PlainEntry(
            entry_type=e.entry_type.lower(), key=e.key,
            fields=tuple((f.key, str(f.value)) for f in e.fields),
        )
        for e in library.entries
    ]


PLAIN = """
@article{smith2020,
  author = {Smith, Jane and M{\\"u}ller, Hans},
  title = {Ports {and} Harbours: a {{Survey}}},
  journal = "Sea Trade Review",
  year = 2020,
  month = jan,
  url = {https://example.org/a?b=1&c=2},
}

@Misc {web1, title = { Spaced out }, note = {Accessed: 2024-05-03, see \\url{https://x.org}}}
@book{k:2,}
"""

DECLINED = [
    "@string{sea = {Sea Trade}}\n@misc{a, journal = sea}",
    "@comment{ignore me}\n@misc{a, title = {A}}",
    "@commentary{a, title = {A}}",
    "@preamble{\"x\"}\n@misc{a, title = {A}}",
    "Some text first.\n@misc{a, title = {A}}",
    "@misc{a, title = {A}}\n% a comment line\n",
    "@misc(a, title = {A})",
    "@misc{a, title = \"A\" # \" and B\"}",
    "@misc{a, title = {A \\} B}}",
    "@misc{a, title = {A\\}}",
    "@misc{a, title = {A}, title = {B}}",
    "@misc{a, title = {A}, Title = {B}}",
    "@misc{a, title = {A}}\n@misc{a, title = {B}}",
    "@misc{a, title = {A\n@misc{b, title = {B}}",
    "@misc{a, title = {A} junk, year = 2020}",
    "@misc{a, title = {unclosed}",
    "",
    "no entries here",
]


def test_a_plain_file_splits_as_bibtexparser_splits_it():
    entries = split_plain(PLAIN)
    assert entries is not None
    assert entries == _bibtexparser(PLAIN)
    assert [e.key for e in entries] == ["smith2020", "web1", "k:2"]
    assert dict(entries[1].fields)["title"] == " Spaced out "


@pytest.mark.parametrize("text", DECLINED)
def test_unusual_files_are_left_to_bibtexparser(text):
    assert split_plain(text) is None


@pytest.mark.parametrize("text", DECLINED)
def test_the_reader_gives_bibtexparsers_entries_for_unusual_files(text):
    assert _parsed(text) == _bibtexparser(text)


ZOTERO = r"""
@article{lee2022,
  author  = {Lee, Ann and M{\"u}ller, Jan},
  title   = {{Quay} at 90 \& Beyond},
  journal = {Harbour News},
  year    = {2022},
  url     = {https://news.example/quay_90},
  urldate = {2024-05-03},
}
@misc{port_stats,
  title        = {Port statistics 2023},
  howpublished = {\url{https://stats.example/port-2023}},
  note         = {Accessed: 2024-02-11},
}
@book{king2003, author = {King, Stephen}, title = {A Harbour History},
  publisher = {Coast Press}, year = 2003}
"""


def test_an_exported_bibliography_with_latex_splits_as_bibtexparser_splits_it():
    entries = split_plain(ZOTERO)
    assert entries == _bibtexparser(ZOTERO)
    assert [e.key for e in entries] == ["lee2022", "port_stats", "king2003"]


def test_a_comment_line_sends_the_file_to_bibtexparser_with_the_same_entries():
    text = "% exported by a reference manager" + ZOTERO
    assert split_plain(text) is None
    assert _parsed(text) == split_plain(ZOTERO)


# Pieces chosen to reach every branch of both splitters: delimiters, escapes,
# block starts, comments and concatenation among ordinary words.
_PIECES = st.sampled_from([
    "a", "Word", " ", "  ", "\n", "\t", ",", "=", "{", "}", "\"", "\\", "@", "#", "(", ")",
    "%", "~", "\\\"", "\\{", "\\}", "{\\\"u}", "@misc{", "\n@book{", "@string{", "@comment{",
    "jan", "2020", "https://x.org/a?b=1", "and", "Ü", "\u00a0",
])
# Pieces a plain file holds: what the direct split must read exactly as bibtexparser does.
_PLAIN_PIECES = st.sampled_from([
    "a", "Word", " ", "  ", "\n", "\t", ",", "=", "(", ")", "#", "%", "~", "&", ":", "jan",
    "2020", "https://x.org/a?b=1", "and", "Ü", "\u00a0", "a@b.org", "{\\\"u}", "{Caps}", "'",
])
_TEXT = st.lists(_PIECES, max_size=8).map("".join)
_PLAIN_TEXT = st.lists(_PLAIN_PIECES, max_size=8).map("".join)
_NAMES = st.sampled_from(["title", "Title", "url", "year", "note", "author", "x-y", "t"])
_KEYS = st.tuples(st.sampled_from(["a", "smith2020", "k:2", "b-c", "Key_1"]),
                  st.sampled_from(["", "", "1", "2", "x"])).map("".join)
_TYPES = st.sampled_from(["misc", "Article", "book", "online", "comment", "stringx"])


@st.composite
def _value(draw, texts) -> str:
    text = draw(texts)
    # Unenclosed text (a macro, a concatenation) is never plain: only the mixed files use it.
    kinds = ["brace", "nested", "quote", "bare"] + ([] if texts is _PLAIN_TEXT else ["raw"])
    kind = draw(st.sampled_from(kinds))
    if kind == "brace":
        return "{" + text + "}"
    if kind == "nested":
        return "{" + text + "{" + draw(texts) + "}" + draw(texts) + "}"
    if kind == "quote":
        return "\"" + text.replace("{\\\"u}", "").replace("{Caps}", "") + "\""
    if kind == "bare":
        return draw(st.sampled_from(["2020", "jan", "a.b", "x-1"]))
    return text


@st.composite
def _entry(draw, texts) -> str:
    space = st.sampled_from(["", " ", "\n  ", "\t"])
    fields = [
        f"{draw(space)}{draw(_NAMES)}{draw(space)}={draw(space)}{draw(_value(texts))}{draw(space)}"
        for _ in range(draw(st.integers(0, 4)))
    ]
    trailing = draw(st.sampled_from(["", ",", ", ", ",\n"]))
    head = f"@{draw(_TYPES)}{draw(st.sampled_from(['', ' ']))}{{{draw(space)}{draw(_KEYS)},"
    return head + ",".join(fields) + (trailing if fields else "") + draw(space) + "}"


@st.composite
def _bibliography(draw, texts=_TEXT, gaps=("\n", "\n\n", " ", "", "\nnote\n", "\n%c\n")) -> str:
    gap = st.sampled_from(gaps)
    entries = draw(st.lists(_entry(texts), min_size=1, max_size=4))
    return draw(gap) + draw(gap).join(entries) + draw(gap)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bibliography())
def test_generated_files_split_as_bibtexparser_splits_them(text):
    entries = split_plain(text)
    if entries is not None:
        assert entries == _bibtexparser(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bibliography(_PLAIN_TEXT, gaps=("\n", "\n\n", " ", "")))
def test_generated_plain_files_split_as_bibtexparser_splits_them(text):
    entries = split_plain(text)
    if entries is not None:
        assert entries == _bibtexparser(text)

"""HTML note markers that link to their sources: ``…2019.<a href="https://…">[1]</a>``."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article

ANSWER = """\
<html><body><article>
<h1>Port of Ashby</h1>
<ul>
<li><a href="https://harbour.example.org/">[3]</a> Harbour authority</li>
</ul>
<p>The main channel was dredged to 14 metres in 2019.<a href="https://harbour.example.org/dredging">[1]</a>
Costs rose by a third, the auditors found.<sup><a href="https://audit.example.org/2020">2</a></sup>
The outer basin followed in 2023.<a href="https://harbour.example.org/dredging">[1]</a></p>
</article></body></html>
"""


def test_a_number_linked_to_its_source_after_words_is_that_note():
    a = parse_article(ANSWER, format="html")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://harbour.example.org/dredging",)),
        ("2", ("https://audit.example.org/2020",)),
    ]
    assert [(c.note_labels, c.text) for c in a.claims] == [
        (("1",), "The main channel was dredged to 14 metres in 2019."),
        (("2",), "Costs rose by a third, the auditors found."),
        (("1",), "The outer basin followed in 2023."),
    ]


def test_a_numbered_link_opening_a_list_item_is_no_marker():
    a = parse_article(ANSWER, format="html")
    # A link list's item titled "[3]": the harbour's home page is no note of the article.
    assert "3" not in [n.label for n in a.notes]
    assert a.body.startswith("[3] Harbour authority")


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>The channel was dredged in 2019.<a href='https://a.example.org/one'>[1]</a> "
        "Costs rose by a third.<a href='https://b.example.org/two'>[1]</a></p>",
        "<p>The figures are on page <a href='https://a.example.org/report'>3</a> of "
        "the harbour report.</p>",
        "<p>The channel was dredged in 2019.<sup><a href="
        "'https://en.wikipedia.org/wiki/Ashby#cite_note-3'>[3]</a></sup></p>",
    ],
    ids=["a number linked to two pages", "a bare number outside a superscript",
         "a note of the page this one was converted from"],
)
def test_what_is_no_marker_linked_to_its_source_makes_no_note(paragraph):
    assert parse_article(paragraph, format="html").notes == ()


def test_the_pages_own_notes_list_says_what_its_numbers_are():
    a = parse_article(
        "<p>The channel was dredged in 2019, a year late.<a href='https://w.example.org/x'>[1]</a>"
        " Costs rose by a third.<a href='https://audit.example.org/2020'>[2]</a></p>"
        "<h2>References</h2><ol><li>Port of Ashby, Annual report 2019, "
        "https://port.example.org/2019</li></ol>",
        format="html",
    )
    # [1] is the list's; the list has no [2], so the link is all a reader has of it.
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://port.example.org/2019",)),
        ("2", ("https://audit.example.org/2020",)),
    ]

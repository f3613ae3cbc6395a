"""Note markers that are links to their sources, ``[[1]](https://…)`` or ``[1](https://…)``."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article
from citeaudit.read.mdlinkmarks import link_markers_as_footnotes

WIKI_EXPORT = """\
# Port of Ashby

The main channel was dredged to 14 metres in 2019.[[1]](https://harbour.example.org/dredging)
Costs rose by a third.[[2]](https://audit.example.org/2020#costs) The outer basin followed
in 2023.[[1]](https://harbour.example.org/dredging)

## See also

*   [Harbour authority](https://harbour.example.org/)
"""


def test_a_bracketed_number_linked_to_its_source_is_that_note():
    a = parse_article(WIKI_EXPORT, format="markdown")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://harbour.example.org/dredging",)),
        ("2", ("https://audit.example.org/2020#costs",)),
    ]
    # The marker is the note's marker: the sentence cites it, the link list stays prose.
    assert [(c.note_labels, c.text) for c in a.claims][:2] == [
        (("1",), "The main channel was dredged to 14 metres in 2019."),
        (("2",), "Costs rose by a third."),
    ]
    assert "Harbour authority" in a.body


def test_bare_number_links_in_runs_and_out_of_order_are_notes_too():
    a = parse_article(
        "Lockouts are processed on the PDC. [2](https://b.example.org/pdc)\n\n"
        "- Reports by mail [3](https://c.example.org/mail)[1](https://a.example.org/graph)\n",
        format="markdown",
    )
    assert sorted((n.label, n.urls) for n in a.notes) == [
        ("1", ("https://a.example.org/graph",)),
        ("2", ("https://b.example.org/pdc",)),
        ("3", ("https://c.example.org/mail",)),
    ]
    assert a.body.startswith("Lockouts are processed on the PDC. [2]")


@pytest.mark.parametrize(
    "text",
    [
        "10. [Manual](https://a.example.org/m) - the title field\n"
        "11. [1](https://b.example.org/rnod) - campos\n",
        "- [2](https://b.example.org/two)\n",
        "Dredged in 2019.[1](https://a.example.org/one) Again in 2023.[1](https://a.example.org/two)\n",
        "Dredged in 2019. ![1](https://a.example.org/figure.png)\n",
        "Indexing: `a[1](https://a.example.org/x)` is code.\n",
        "```\nDredged in 2019.[1](https://a.example.org/one)\n```\n",
    ],
    ids=[
        "a link list's item titled with a number",
        "a list item that is only the link",
        "one number, two pages",
        "an image",
        "a code span",
        "a code block",
    ],
)
def test_a_numbered_link_that_is_no_marker_stays_a_link(text):
    assert link_markers_as_footnotes(text) == text
    assert parse_article(text, format="markdown").notes == ()


def test_where_the_document_lists_the_note_the_list_says_what_it_is():
    a = parse_article(
        "Theft costs utilities $96 billion a year.[[1]](https://doi.org/10.1/marker)\n\n"
        "## Referensi\n"
        "[1] Khan, I. (2023). Robust data driven analysis. https://doi.org/10.1/listed\n",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [("1", ("https://doi.org/10.1/listed",))]
    assert a.body == "Theft costs utilities $96 billion a year.[1]"


def test_a_code_block_left_open_at_the_end_does_not_swallow_the_notes():
    a = parse_article(
        "Install the module first. [4](https://d.example.org/install)\n\n"
        "```powershell\nInstall-Module Microsoft.Graph\n``\n",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [("4", ("https://d.example.org/install",))]


def test_a_title_and_parentheses_in_the_address_are_read_as_the_link_reads_them():
    text = 'Sized as in the standard. [1](https://en.wikipedia.org/wiki/ECDSA_(sig) "ECDSA")\n'
    a = parse_article(text, format="markdown")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://en.wikipedia.org/wiki/ECDSA_(sig)",))
    ]


def test_a_marker_linking_to_a_numbered_references_list_is_only_the_marker():
    # A converted Wikipedia page: the markers link to the page's own notes, listed below.
    a = parse_article(
        "The wall fell in 1953.[[1]](https://en.wikipedia.org/wiki/Wall#cite_note-1)\n\n"
        "## References\n\n1. Smith, J. [*Storms*](https://example.org/storms).\n",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [("1", ("https://example.org/storms",))]
    assert a.body == "The wall fell in 1953.[1]"


def test_numbered_links_in_a_footnote_definition_are_that_notes_sources():
    # "[^talks]: My talks of [2014](…), [2015](…)": links the note cites, not markers.
    text = (
        "I have given talks for years.[^talks]\n\n"
        "[^talks]: Talks of [2014](https://talks.example/2014), [2015](https://talks.example/2015)\n"
        "  and [2016](https://talks.example/2016).\n"
    )
    assert link_markers_as_footnotes(text) == text
    a = parse_article(text, format="markdown")
    assert [(n.label, n.urls) for n in a.notes] == [("talks", (
        "https://talks.example/2014", "https://talks.example/2015", "https://talks.example/2016"))]

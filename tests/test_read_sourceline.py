"""A sources list written on one line: ``…says.[2] Sources: [1] https://… [2] https://…``."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article
from citeaudit.read.sourceline import source_lines_split

DIGEST = (
    "Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2] "
    "Sources: [1] https://news.example.org/2023/ashby-dredging "
    "[2] https://audit.example.org/reports/2023?id=4&lang=en\n"
)


@pytest.mark.parametrize("format", ["markdown", "text"])
def test_each_item_of_a_one_line_sources_list_is_its_own_note(format):
    a = parse_article(DIGEST, format=format)
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://news.example.org/2023/ashby-dredging",)),
        ("2", ("https://audit.example.org/reports/2023?id=4&lang=en",)),
    ]
    assert a.body == "Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2]"
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


def test_the_list_may_follow_a_heading_word_in_another_language_and_carry_titles():
    a = parse_article(
        "Der Hafen wurde vertieft.[1][2]\n\n"
        "Quellen: [1] Hafenbericht – https://hafen.example.de/bericht "
        "[2] Amt, Jahresbericht 2019 https://amt.example.de/2019\n",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://hafen.example.de/bericht",)),
        ("2", ("https://amt.example.de/2019",)),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Sources: [1] and [2] disagree on the depth.\n",
        "Sources: [1] https://a.example.org/one [3] https://a.example.org/three\n",
        "Sources: [1] https://a.example.org/one\n",
        "Resources: [1] https://a.example.org/one [2] https://a.example.org/two\n",
        "```\nSources: [1] https://a.example.org/one [2] https://a.example.org/two\n```\n",
    ],
    ids=["items without addresses", "numbers that jump", "one item", "not a notes word",
         "a code block"],
)
def test_what_is_no_one_line_sources_list_is_left_as_written(text):
    assert source_lines_split(text) == text


def test_a_number_inside_an_item_does_not_open_another():
    assert source_lines_split(
        "Sources: [1] Report [3] of 2019 https://a.example.org/r [2] https://b.example.org/c"
    ) == (
        "Sources:\n[1] Report [3] of 2019 https://a.example.org/r\n[2] https://b.example.org/c"
    )


BOLD_MARKDOWN = (
    "Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2]\n\n"
    "{label} [1] https://news.example.org/2023/ashby-dredging "
    "[2] https://audit.example.org/reports/2023\n"
)


@pytest.mark.parametrize(
    ("format", "label"),
    [("markdown", "**Sources:**"), ("markdown", "**Sources**:"), ("markdown", "__Sources:__"),
     ("text", "**Sources:**"), ("text", "**Sources**:")],
)
def test_a_bold_sources_label_opens_the_list_as_a_plain_one_does(format, label):
    a = parse_article(BOLD_MARKDOWN.format(label=label), format=format)
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://news.example.org/2023/ashby-dredging",)),
        ("2", ("https://audit.example.org/reports/2023",)),
    ]
    assert a.body == "Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2]"


@pytest.mark.parametrize(
    "paragraphs",
    [
        "<p>Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2]</p>"
        "<p><strong>Sources:</strong> [1] <a href='https://news.example.org/a'>Harbour news</a>"
        " [2] https://audit.example.org/b</p>",
        "<p>Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2] "
        "<b>Sources:</b> [1] https://news.example.org/a "
        "[2] <a href='https://audit.example.org/b'>Audit report</a></p>",
    ],
    ids=["a paragraph of its own", "the end of the prose's paragraph"],
)
def test_an_html_sources_paragraph_is_cut_into_its_notes_links_and_all(paragraphs):
    a = parse_article(f"<html><body>{paragraphs}</body></html>", format="html")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://news.example.org/a",)),
        ("2", ("https://audit.example.org/b",)),
    ]
    assert a.body == "Ashby port finishes dredging.[1] Costs rose by a third, auditors say.[2]"
    assert [c.note_labels for c in a.claims] == [("1",), ("2",)]


def test_an_html_sources_paragraph_whose_items_name_no_page_is_prose():
    a = parse_article(
        "<p>Ashby port finishes dredging.[1]</p>"
        "<p><strong>Sources:</strong> [1] the harbour master [2] the auditors</p>",
        format="html",
    )
    assert a.notes == ()


def test_a_list_later_on_the_line_is_found_past_a_keyword_that_opens_none():
    assert source_lines_split(
        "Sources: [1] and [2] disagree. Sources: [1] https://a.example.org/x "
        "[2] https://b.example.org/y"
    ) == (
        "Sources: [1] and [2] disagree.\nSources:\n[1] https://a.example.org/x\n"
        "[2] https://b.example.org/y"
    )

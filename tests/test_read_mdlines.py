"""A sources list written one note a line in one Markdown paragraph (chat assistants' exports)."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article
from citeaudit.read.mdlines import note_lines_broken


def test_each_line_of_a_sources_paragraph_is_its_own_note(data_dir):
    a = parse_article(data_dir / "articles" / "chat-export.md")
    assert a.format == "markdown"
    assert [(n.label, n.urls) for n in a.notes] == [
        (
            "1",
            (
                "https://harbour.example.org/reports/dredging-2019",
                "https://harbour.example.org/reports/dredging-2019-annex",
            ),
        ),
        ("2", ("https://survey.example.net/channel/2019",)),
        ("3", ("https://news.example.com/2023/basin",)),
    ]
    assert a.notes[1].raw == "Channel depth survey – https://survey.example.net/channel/2019"
    # The marker runs tie each sentence to its notes.
    assert [(c.note_labels, c.text) for c in a.claims][:2] == [
        (("1", "2"), "The port authority dredged the main channel to 14 metres in 2019."),
        (("3",), "A second campaign in 2023 deepened the outer basin."),
    ]


def test_a_sentence_wrapped_onto_a_line_starting_with_a_marker_stays_prose(data_dir):
    a = parse_article(data_dir / "articles" / "chat-export.md")
    assert "Compare the tonnage figures in [2] and [3] before drawing a conclusion." in a.body
    assert "Sources:" not in a.body  # the list and its heading are notes, not prose


@pytest.mark.parametrize(
    "heading", ["Quellen:", "Sources :", "Fuentes:", "Citations:", "**Sources:**"]
)
def test_the_list_may_be_headed_in_any_language_and_style(heading):
    a = parse_article(
        "Der Hafen wurde 2019 vertieft.[1][2]\n\n"
        f"{heading}\n[1] https://hafen.example.de/bericht\n[2] https://amt.example.de/2019",
        format="markdown",
    )
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://hafen.example.de/bericht",)),
        ("2", ("https://amt.example.de/2019",)),
    ]
    assert a.body == "Der Hafen wurde 2019 vertieft.[1][2]"


@pytest.mark.parametrize(
    "sources",
    [
        "\n\nSources:\n[1] [Dredging report](https://a.example.org/r)\n"
        "[2] [Cost review](https://b.example.org/c)",
        "\nSources:\n[1] https://a.example.org/r\n[2] https://b.example.org/c",
        "\nSources:\n1. [Dredging report](https://a.example.org/r)\n"
        "2. [Cost review](https://b.example.org/c)",
    ],
    ids=["note lines of links", "heading ends the prose paragraph", "numbered list under it"],
)
def test_a_sources_list_in_the_forms_answer_engines_write_it(sources):
    a = parse_article(
        "The port was dredged in 2019.[1] Costs rose.[2]" + sources, format="markdown"
    )
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://a.example.org/r",)),
        ("2", ("https://b.example.org/c",)),
    ]
    assert a.body == "The port was dredged in 2019.[1] Costs rose.[2]"


def test_a_headless_run_of_note_lines_is_split_too():
    text = "Tonnage doubled. [1]\n\n[1] https://a.example/one\n[2] https://a.example/two\n"
    assert note_lines_broken(text) == (
        "Tonnage doubled. [1]\n\n[1] https://a.example/one  \n[2] https://a.example/two\n"
    )


@pytest.mark.parametrize(
    "text",
    [
        "```\nSources:\n[1] https://a.example/one\n[2] https://a.example/two\n```\n",
        "Sources:\n[1]: https://a.example/one\n[2]: https://a.example/two\n",
        "See the notes in\n[1] and [2] for the figures.\n",
        "Sources:\nhttps://a.example/one\n[2] https://a.example/two\n",
        "The steps:\n1. Open the file.\n2. Save it.\n",
    ],
    ids=[
        "fenced code",
        "link definitions",
        "prose wrapped onto a marker",
        "no note line next",
        "a list under another heading",
    ],
)
def test_what_is_not_a_one_paragraph_sources_list_is_left_as_written(text):
    assert note_lines_broken(text) == text

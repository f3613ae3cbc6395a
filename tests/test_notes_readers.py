"""The readers hand each note's markup to parse_note, so titles marked only by markup are found."""

from __future__ import annotations

from citeaudit.read import parse_article

MARKDOWN = """# Floods

Rivers flooded in 2021.[^1] Towns were moved.[^2]

[^1]: [Rivers of the North](https://example.org/rivers), accessed 3 May 2021.
[^2]: Smith, *The Long Flood*, River Press, 2001.
"""

HTML = (
    "<html><body><article><p>Rivers flooded in 2021.<sup><a href='#fn1'>1</a></sup></p>"
    "<ol><li id='fn1'>Smith, <em>The Long Flood</em>, "
    "<a href='https://example.org/flood'>River Press</a>, 2001.</li></ol></article></body></html>"
)


def test_markdown_link_text_and_emphasis_reach_the_title():
    notes = parse_article(MARKDOWN, "markdown").notes
    assert [n.title for n in notes] == ["Rivers of the North", "The Long Flood"]
    assert notes[0].urls == ("https://example.org/rivers",)
    assert "[" not in notes[0].title and "*" not in notes[1].title


def test_html_emphasis_is_the_title_and_the_link_text_is_not():
    (note,) = parse_article(HTML, "html").notes
    assert note.title == "The Long Flood"
    assert note.publisher == "River Press"
    assert note.urls == ("https://example.org/flood",)

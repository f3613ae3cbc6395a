"""Plain paragraphs written without markdown-it render exactly as markdown-it renders them."""

from __future__ import annotations

import pathlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeaudit.read import mdplain
from citeaudit.read.markdown import _renderer
from citeaudit.read.mdnotes import split_footnotes

DATA = pathlib.Path(__file__).parent / "data" / "articles"

PROSE = (
    "# Port traffic\n\n"
    "In February 2024, officials reported that 40 missiles were shot down.\\[1\\]\n\n"
    "Dr. Kim said, “The front line will not hold.” Analysts disagree > 2 to 1.\\[a\\-b\\]\n"
    "A second line of the same paragraph, with \"straight quotes\".\n\n"
    "Prices rose again.\n"
)

CONTEXTS = [
    "- a list item\n\nA paragraph after the list.\n\n- another\n",
    "> quoted\n\nNot quoted any more.\n",
    "    indented code\n\nProse after the code.\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\nProse after the table.\n",
    "Setext heading\n===\n\nProse under it.\n",
    "Some *emphasis* here.\n\nPlain words.\n\nA [link][ref] to it.\n\n[ref]: https://a.org/x\n",
    "Hard break at the end  \nof this line.\n\nPlain words.\n",
    "Ends with a no-break space\u00a0\n\nPlain words.\n",
    "1. first\n\n   continued item\n\nBack at the top.\n",
    "Plain words.\n\n\n\nMore plain words after three blank lines.\n",
    "Tab\tinside a plain paragraph.\n\n \t\nAfter a blank line of spaces.\n",
    "A &amp; B, and an escaped \\* star.\n\nPlain words.\n",
    "Words, then an escaped bracket \\[not a note\\] and \\[x y\\].\n",
    r"A note whose label ends in a backslash.\[a\\\]" + "\n\nPlain words.\n",
    "```\nfenced\n\ncode with Plain words\n```\n\nPlain words.\n",
    "<!--\n\nPlain words in a comment\n\n-->\n\nPlain words.\n",
    "Plain words mentioning citeauditplain0x by name.\n",
    "Windows\r\nline ends.\r\n\r\nPlain words.\r\n",
    "Markers as text.[1][2]\n\n[3] Opening a line, and [4]\n(not a link).\n",
    "A [label] defined inside a list.\n\n- [label]: https://a.org/x\n",
]


@pytest.fixture(scope="module")
def md():
    return _renderer()


def _articles() -> list[str]:
    texts = [path.read_text("utf-8") for path in sorted(DATA.glob("*.md"))]
    return [split.prose if (split := split_footnotes(t)) else t for t in texts]


@pytest.mark.parametrize("text", [PROSE, *CONTEXTS, *_articles()])
def test_render_is_markdown_its_own_output(md, text):
    assert mdplain.render(md, text) == md.render(text)


class _Spy:
    """A renderer that records what it was asked to render."""

    def __init__(self, md):
        self.md = md
        self.seen: list[str] = []

    def render(self, text: str) -> str:
        self.seen.append(text)
        return self.md.render(text)


def test_plain_paragraphs_are_not_handed_to_markdown_it(md):
    spy = _Spy(md)
    assert mdplain.render(spy, PROSE) == md.render(PROSE)
    assert len(spy.seen) == 1
    assert "officials reported" not in spy.seen[0]
    assert "# Port traffic" in spy.seen[0]  # the heading is still markdown-it's to read


def test_bracketed_markers_are_plain_where_no_link_is_defined(md):
    # "[1]" markers in prose are text unless a definition makes "[1]" a link: reading a
    # paragraph of them a character at a time took markdown-it 6.6 µs a marker.
    spy = _Spy(md)
    text = "Ports closed.[1] Trade fell [2][3].\n\n[4] Opening a line.\n"
    assert mdplain.render(spy, text) == md.render(text)
    assert "Ports closed" not in "".join(spy.seen)
    defined = text + "\n[2]: https://a.org/\n"
    assert mdplain.render(spy, defined) == md.render(defined)
    assert "Ports closed" in spy.seen[-1]


def test_a_paragraph_with_markup_is_handed_to_markdown_it(md):
    spy = _Spy(md)
    text = "Plain words.\n\nSome *emphasis* here.\n"
    assert mdplain.render(spy, text) == md.render(text)
    assert "*emphasis*" in spy.seen[-1] and "Plain words" not in spy.seen[-1]


_LINES = [
    "", "", "Plain words here.", "More plain words, “quoted”.", "Words with a note.\\[1\\]",
    "- item", "  indented", "    code", "> quote", "# Heading", "===", "---", "1. first",
    "| a | b |", "|---|---|", "*stars*", "[ref]: https://a.org/", "A [ref] link.",
    "Trailing spaces  ", "Tab\tword", "\\[x\\] escaped", r"Label \[a\\\] with a backslash.",
    "&amp; entity", "`code`",
    "[^1]: a note", "Lazy continuation", " one space",
    "[1][2] brackets as text.", "[3] opens a line.", "Words [a]", "(b) on the next line.",
    "An [inline](https://a.org/) link.", "An ![image](x.png) here.", "Inline ^[note] here.",
    "A reference[^1] to a footnote.", "- [def]: https://b.org/", "Uses [def] and [ref][].",
]


@given(st.lists(st.sampled_from(_LINES), max_size=14))
@settings(max_examples=300, derandomize=True, deadline=None)
def test_any_mix_of_lines_renders_as_markdown_it_does(md, lines):
    text = "\n".join(lines)
    assert mdplain.render(md, text) == md.render(text)

"""Markdown notes cut out before rendering read exactly as the full render reads them."""

from __future__ import annotations

import pytest

from citeaudit.read import read_notes
from citeaudit.read.html import HtmlReader
from citeaudit.read.markdown import MarkdownReader, _renderer
from citeaudit.read.mdnotes import CodeLines, split_footnotes

DOCUMENTS = {
    "plain": "Ports grew in 2023.[^1] Trade fell.[^2]\n\n[^1]: Harbour log, 2023.\n"
             "[^2]: Customs office, https://customs.example/2023?id=4&lang=en.\n",
    "markup": "Ships sailed.[^a]\n\n[^a]: *Port Log*, [the ledger](https://log.example/x_y), "
              "`p. 4` & more.\n",
    "lazy and indented": "Storms hit.[^storm-2021]\n\n[^storm-2021]: Met Office report,\n"
                         "lazy line continues.\n\n    A second paragraph of the note.\n\n"
                         "After the note, prose again.[^storm-2021]\n",
    "unused and heading": "Fact.[^x]\n\n## Notes\n\n[^x]: Used note.\n[^y]: Never cited.\n",
    "order of first use": "B first.[^b] A next.[^a] B again.[^b]\n\n[^a]: Note A.\n[^b]: Note B.\n",
    "a note citing a note": "Ports grew.[^port]\n\n[^port]: Harbour log, which draws on "
                            "the census[^census].\n[^census]: Census office, "
                            "https://census.example/1901.\n",
}


def _full(text: str):
    rendered = _renderer().render(text)
    return HtmlReader().read(f"<html><body><article>{rendered}</article></body></html>")


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_cut_out_notes_read_as_the_full_render_does(name):
    text = DOCUMENTS[name]
    assert split_footnotes(text) is not None  # the quick way is taken
    quick, full = MarkdownReader().read(text), _full(text)
    assert quick.body == full.body
    assert [(n.label, n.raw) for n in quick.notes] == [(n.label, n.raw) for n in full.notes]
    assert ([(n.urls, n.title) for n in read_notes(quick.notes)]
            == [(n.urls, n.title) for n in read_notes(full.notes)])


@pytest.mark.parametrize(
    "text",
    [
        "Inline note.^[An inline note.]\n",
        "Code `[^1]` here.[^1]\n\n[^1]: Note.\n",
        "```\n[^1]: not a note\n```\nFact.[^1]\n\n[^1]: Note.\n",
        "> quoted[^1]\n\n[^1]: Note.\n",
        "Fact.[^1]\n\n[^1]: One.\n[^1]: Two.\n",
        "Fact.[^missing]\n",
        "Fact.[^1]\n\n[^1]: Leans on[^gone].\n",
        "Fact.[^1]\n\n[^1]: Shows `[^2]` in code.\n[^2]: Two.\n",
    ],
    ids=["inline", "code-span", "fence", "quote", "defined-twice", "undefined",
         "undefined-in-a-note", "code-span-in-a-note"],
)
def test_what_the_quick_way_does_not_model_is_rendered_whole(text):
    assert split_footnotes(text) is None


def test_a_real_shaped_article_reads_the_same_both_ways(data_dir):
    text = (data_dir / "articles" / "footnotes.md").read_text(encoding="utf-8")
    assert split_footnotes(text) is not None
    quick, full = MarkdownReader().read(text), _full(text)
    assert quick.body == full.body
    assert [(n.label, n.raw) for n in quick.notes] == [(n.label, n.raw) for n in full.notes]


def test_code_lines_are_fenced_or_indented_after_a_blank_but_not_a_list_items_continuation():
    lines = [
        "Prose [1](https://a.example).",   # prose
        "    continues the paragraph",      # indented, no blank before: prose
        "",
        "    code [1](https://b.example)",  # indented after a blank: code
        "    more code",                    # and the indented line after it
        "- item",                           # prose
        "",
        "    the item goes on",             # continues the list item: prose
        "```",                              # fenced
        "[2](https://c.example)",
        "```",
        "After.",
    ]
    blocks = CodeLines()
    told = [(blocks.code(line), blocks.indented) for line in lines]
    assert told == [
        (False, False), (False, False), (False, False), (True, True), (True, True),
        (False, False), (False, False), (False, False), (True, False), (True, False),
        (True, False), (False, False),
    ]

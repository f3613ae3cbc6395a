"""A notes list in the middle of a document: the prose after it is still the article's."""

from __future__ import annotations

import pytest

from citeaudit.read import parse_article

MARKDOWN = """\
# Ashby port

The port finished dredging in 2019, a year late.[1] Costs rose by a third.[2]

## References

[1] Port of Ashby, Annual report 2019, https://port.example.org/2019
[2] Audit office, Dredging audit, https://audit.example.org/dredging

## Update

In March the harbour master said the channel had silted up again within a year.[1]

The audit office opened a second review of the dredging contract in April.[2]

About the author: Jo writes about ports and harbours for the weekly paper.
"""

HTML = (
    "<html><body><article><p>The port finished dredging in 2019, a year late.[1] "
    "Costs rose by a third.[2]</p><h2>References</h2><ol>"
    "<li>Port of Ashby, Annual report 2019, https://port.example.org/2019</li>"
    "<li>Audit office, Dredging audit, https://audit.example.org/dredging</li></ol>"
    "<h2>Update</h2><p>In March the harbour master said the channel had silted up again "
    "within a year.[1]</p><p>The audit office opened a second review of the dredging "
    "contract in April.[2]</p><p>About the author: Jo writes about ports and harbours for "
    "the weekly paper.</p></article></body></html>"
)


@pytest.mark.parametrize(("document", "format"), [(MARKDOWN, "markdown"), (MARKDOWN, "text"),
                                                  (HTML, "html")])
def test_prose_that_resumes_after_the_notes_keeps_its_claims(document, format):
    a = parse_article(document, format=format)
    assert [n.label for n in a.notes] == ["1", "2"]
    assert [c.note_labels for c in a.claims] == [("1",), ("2",), ("1",), ("2",)]
    assert "silted up again" in a.body


@pytest.mark.parametrize("format", ["markdown", "text"])
def test_what_trails_the_last_citing_paragraph_is_still_dropped(format):
    a = parse_article(MARKDOWN, format=format)
    assert "About the author" not in a.body
    assert "References" not in a.body


def test_a_list_that_ends_the_document_leaves_its_trail_out_as_before():
    a = parse_article(
        "The port finished dredging in 2019, a year late.[1]\n\n"
        "[1] Port of Ashby, Annual report 2019, https://port.example.org/2019\n\n"
        "Share this article with a friend who likes ports and harbours.\n",
        format="text",
    )
    assert a.body == "The port finished dredging in 2019, a year late.[1]"

"""reStructuredText: numbered, auto-numbered and named footnotes, citations, link text;
the footnotes and citations no marker cites."""

from __future__ import annotations

from citeaudit.read import parse_article

ARTICLE = """Harbour facts
=============

The quay was built in 1932 [1]_. Storms closed it in 1953 [#storm]_.
The history is told at length elsewhere [CIT2002]_.

.. code-block:: python

   quay[1] = 1932

.. include:: /etc/passwd

.. [1] City archive, `Quay records <https://archive.example/quay>`_, accessed 3 May 2024.
.. [#storm] Harbour News, https://news.example/storm.
.. [CIT2002] King, *A Harbour History*, https://books.example/harbour, 2002.
"""


def test_footnotes_and_citations_become_notes_tied_to_their_sentences(tmp_path):
    path = tmp_path / "harbour.rst"
    path.write_text(ARTICLE, encoding="utf-8")
    a = parse_article(path)
    assert a.format == "rst"
    assert a.title == "Harbour facts"
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://archive.example/quay",)),
        ("2", ("https://news.example/storm",)),
        ("CIT2002", ("https://books.example/harbour",)),
    ]
    assert a.notes[0].raw == "City archive, Quay records, accessed 3 May 2024."
    assert [(c.text, c.note_labels) for c in a.claims] == [
        ("The quay was built in 1932.", ("1",)),
        ("Storms closed it in 1953.", ("2",)),
        ("The history is told at length elsewhere.", ("CIT2002",)),
    ]


def test_code_and_file_inclusion_are_not_read():
    a = parse_article(ARTICLE, "rst")
    assert "quay[" not in a.body and "root:" not in a.body


def test_rst_is_detected_by_its_notes():
    assert parse_article(ARTICLE).format == "rst"


UNCITED = """Cache notes
===========

A key/value store [#]_ kept in memory.

.. rubric:: Footnotes

.. [#] `Server source <https://code.example/server.git>`_
.. [#] `Project wiki <https://code.example/wiki.git>`_
.. [7] Client library, https://code.example/client.
.. [KING2002] King, *Caches*, https://books.example/caches, 2002.
"""


def test_footnotes_and_citations_no_marker_cites_are_notes_as_docutils_prints_them():
    # docutils prints every footnote and citation, cited or not, in the page's lists
    # (numbered as it numbers them); they are the page's notes and keep its labels.
    a = parse_article(UNCITED, "rst")
    assert [(n.label, n.urls) for n in a.notes] == [
        ("1", ("https://code.example/server.git",)),
        ("2", ("https://code.example/wiki.git",)),
        ("7", ("https://code.example/client",)),
        ("KING2002", ("https://books.example/caches",)),
    ]
    assert a.notes[1].raw == "Project wiki"
    assert "Project wiki" not in a.body and "Client library" not in a.body
    assert [(c.text, c.note_labels) for c in a.claims] == [
        ("A key/value store kept in memory.", ("1",)),
    ]


def test_a_page_of_uncited_footnotes_only_still_has_them_as_notes():
    a = parse_article(".. [#] `Server source <https://code.example/server.git>`_\n", "rst")
    assert [(n.label, n.urls) for n in a.notes] == [("1", ("https://code.example/server.git",))]

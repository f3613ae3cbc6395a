"""reStructuredText: numbered, auto-numbered and named footnotes, citations, link text."""

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

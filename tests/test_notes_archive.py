"""A note's own archived copy is the one the audit recognises: one recogniser, two views."""

from __future__ import annotations

import datetime as dt

import pytest

from citeaudit.archive.cited import cited_copies, recognise
from citeaudit.notes import parse_note
from tests.support.children import die_with_parent

# Each line: a note citing an address; some are archived copies, some only look like one.
NOTES = [
    "“Old page”, https://example.org/a, archived at "
    "https://web.archive.org/web/20041106050312/http://example.org/a",
    "Page. https://web.archive.org/web/2019/http://example.org/b (a year, not a day)",
    "Page. https://web.archive.org/web/*/example.org/* (a search, not a copy)",
    "Page, https://archive.ph/2012.12.08-142259/http://example.org/c",
    "Page, https://archive.today/AbC12 (short id)",
    "Page, http://www.webcitation.org/query?url=http://example.org/d&date=2011-05-03",
    "Brief. https://perma.cc/ABCD-1234",
    "Record. https://webarchive.nationalarchives.gov.uk/ukgwa/20200101123456/https://gov.uk/e",
    "Arquivo. https://arquivo.pt/wayback/20151231000000/http://exemplo.pt/f",
    "News. https://news.example.com/archive.html and https://example.com/2020/05/03/story",
    "Mirror. https://example.com/archive/2019/notes.html",
]


@pytest.mark.parametrize("raw", NOTES)
def test_note_archive_url_is_the_copy_the_audit_recognises(raw):
    note = parse_note(raw)
    audit_view = [copy for copy in cited_copies(note.urls) if copy.url in note.urls]
    assert note.archive_url == (audit_view[0].url if audit_view else None)
    copies = {copy.url for copy in audit_view}
    for url in note.urls:
        assert (recognise(url) is not None) == (url in copies)


def test_archive_date_comes_from_the_copy_address_only_when_it_names_the_day():
    assert parse_note(NOTES[0]).archive_date == dt.date(2004, 11, 6)
    assert parse_note(NOTES[1]).archive_url is not None
    assert parse_note(NOTES[1]).archive_date is None  # "/web/2019/": a year is not a day
    assert parse_note(NOTES[3]).archive_date == dt.date(2012, 12, 8)
    assert parse_note(NOTES[5]).archive_date == dt.date(2011, 5, 3)


def test_an_archived_phrase_beats_the_address_for_the_copy_date():
    note = parse_note(
        "“Old page”. Archived from the original on 7 May 2005. "
        "https://web.archive.org/web/20050509000000/http://example.org/a"
    )
    assert note.archive_date == dt.date(2005, 5, 7)


def test_parsing_a_note_without_an_archive_address_does_not_load_the_archive_package():
    import subprocess
    import sys

    code = (
        "import sys; from citeaudit.notes import parse_note; "
        "parse_note('Title, Site, https://example.com/page, accessed 3 May 2021.'); "
        "print('citeaudit.archive' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=120, preexec_fn=die_with_parent)
    assert out.stdout.strip() == "False"

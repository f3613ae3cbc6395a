"""CSL-JSON and BibTeX reference lists: each entry a note, no claims."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from citeaudit.errors import InputError
from citeaudit.read import parse_article

CSL = [
    {
        "id": "lee2022",
        "type": "article-newspaper",
        "title": "Quay at 90",
        "container-title": "Harbour News",
        "author": [{"family": "Lee", "given": "Ann"}],
        "issued": {"date-parts": [[2022, 6, 1]]},
        "accessed": {"date-parts": [[2024, 5, 3]]},
        "URL": "https://news.example/quay-90",
    },
    {
        "id": "king2003",
        "type": "book",
        "title": "A Harbour History",
        "publisher": "Coast Press",
        "author": [{"literal": "Harbour Historical Society"}],
        "issued": {"date-parts": [[2003]]},
        "DOI": "10.1000/harbour.2003",
    },
]

BIB = r"""
% exported by a reference manager
@article{lee2022,
  author  = {Lee, Ann and M{\"u}ller, Jan},
  title   = {{Quay} at 90 \& Beyond},
  journal = {Harbour News},
  year    = {2022},
  url     = {https://news.example/quay_90},
  urldate = {2024-05-03},
}
@misc{port_stats,
  title        = {Port statistics 2023},
  howpublished = {\url{https://stats.example/port-2023}},
  note         = {Accessed: 2024-02-11},
}
@book{king2003, author = {King, Stephen}, title = {A Harbour History},
  publisher = {Coast Press}, year = 2003}
"""


def test_csl_json_items_are_notes_with_urls_and_access_dates(tmp_path):
    path = tmp_path / "library.json"
    path.write_text(json.dumps(CSL), encoding="utf-8")
    a = parse_article(path)
    assert a.format == "csljson"
    assert [n.label for n in a.notes] == ["lee2022", "king2003"]
    lee = a.note("lee2022")
    assert lee.urls == ("https://news.example/quay-90",)
    assert lee.access_date == dt.date(2024, 5, 3)
    assert "Quay at 90" in lee.raw and "Lee, Ann" in lee.raw and "Harbour News" in lee.raw
    assert "10.1000/harbour.2003" in a.note("king2003").raw
    assert a.claims == () and a.uncited == () and a.body == ""


def test_csl_json_is_detected_by_content_and_wrapped_items_are_read():
    a = parse_article(json.dumps({"items": CSL}))
    assert a.format == "csljson" and len(a.notes) == 2


def test_bibtex_entries_are_notes_labelled_by_key(tmp_path):
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    a = parse_article(path)
    assert a.format == "bibtex"
    assert [n.label for n in a.notes] == ["lee2022", "port_stats", "king2003"]
    lee = a.note("lee2022")
    assert lee.urls == ("https://news.example/quay_90",)  # LaTeX is not decoded in URLs
    assert lee.access_date == dt.date(2024, 5, 3)
    assert "Quay at 90 & Beyond" in lee.raw and "Müller, Jan" in lee.raw
    stats = a.note("port_stats")
    assert stats.urls == ("https://stats.example/port-2023",)
    assert stats.access_date == dt.date(2024, 2, 11)
    assert a.claims == ()


def test_bibtex_is_detected_by_content():
    assert parse_article(BIB).format == "bibtex"


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [("[1, 2, 3]", "csljson", "list of reference items"), ("{not json", "csljson", "CSL-JSON"),
     ("no entries here", "bibtex", "no BibTeX entries")],
)
def test_broken_bibliographies_are_one_line_input_errors(text, fmt, message):
    with pytest.raises(InputError, match=message):
        parse_article(text, fmt)

"""Rules from the twentieth round of real notes (French *Sitographie* lists, Korean and Japanese
Markdown link lists, a Turkish *Kaynakça*, reStructuredText references, Wikipedia reference
lists): a link's label ``Source - Page`` whose address spells the page, a ``Presented at``
sentence after the title, and an ordinal edition statement closing the title."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A short name the address does not spell at all: a site's or a body's.
        (
            "- [PyDocs - Decimal](https://docs.python.org/3/library/decimal.html)",
            "Decimal",
        ),
        # The host's name, then one word the page's address spells.
        (
            "- [numpy — linspace](https://numpy.org/doc/stable/reference/generated/"
            "numpy.linspace.html)",
            "linspace",
        ),
        # The host itself, then a page whose address leaves out a small word.
        ("* [Tideguide.info - Ebb and Flood](https://tideguide.info/ebb-flood)", "Ebb and Flood"),
        # A bracketed gloss after the page is no word of its address.
        (
            "- [Harbour Board - Mooring Rules (2024)](https://example.org/rules/mooring-rules)",
            "Mooring Rules (2024)",
        ),
    ],
)
def test_a_link_label_whose_address_spells_the_page_is_source_then_page(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guard: a lead with a numeral is a part's label, one title with its dash.
        (
            "- [Chapter 3 - Data Types](https://example.org/book/data-types)",
            "Chapter 3 - Data Types",
        ),
        # Guard: a project's own name on a code host, spelled in the address's path.
        (
            "- [Quaylib — Berths and Queues](https://github.com/quaylib/quaylib/wiki/berths-queues)",
            "Quaylib — Berths and Queues",
        ),
        # Guard: a home page, whose address spells no page.
        ("- [Acme - Build faster](https://acme.dev/)", "Acme - Build faster"),
        # Guard: the address spells only part of the words after the dash.
        (
            "- [Harbour Board - Mooring Rules for Visitors](https://example.org/harbour/mooring)",
            "Harbour Board - Mooring Rules for Visitors",
        ),
    ],
)
def test_a_link_label_the_address_does_not_part_is_read_as_before(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # A docstring's citation: the title's sentence, then the meeting it was given at.
        (
            ".. [3] Lund, K., Berg, T., 2011.\n"
            "       Measuring hull fouling on small craft.\n"
            "       Presented at the Annual Boat Show &  Exhibition, pp. 12–19.\n"
            "       https://example.org/fouling",
            "Measuring hull fouling on small craft",
        ),
        (
            "Okafor, N., Hale, R.J., 2018. Mapping Coastal Erosion with Drones. Paper presented "
            "at the Coastal Engineering Congress &  Expo, Lisbon.",
            "Mapping Coastal Erosion with Drones",
        ),
    ],
)
def test_a_presented_at_sentence_after_the_title_names_the_meeting(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


def test_a_title_opening_with_presented_at_is_read_as_before() -> None:
    # Guard: the words open the title itself, after the date, with no stop before them.
    raw = "Dent, A. (2019). Presented at dawn: a history of harbour signals. Sea Press."
    assert parse_note(raw).title == "Presented at dawn: a history of harbour signals"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # An ordinal edition with no stop before it, then the publisher: the title ends there.
        (
            "Hale Rita and Tom Moss. Harbour pilots and their charts 3rd edition, Tidewater, 2011",
            "Harbour pilots and their charts",
        ),
    ],
)
def test_an_ordinal_edition_statement_closes_the_title(raw: str, expected: str) -> None:
    assert parse_note(raw).title == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Guard: an edition named inside the title's own words goes on to them.
        (
            "Dent, A. (2019). The 2nd Edition of the Harbour Charts Explained. Sea Press.",
            "The 2nd Edition of the Harbour Charts Explained",
        ),
        # Guard: an edition after a comma was already cut.
        ("Berg, Anna. Coastal Navigation, 4th ed., Sea Press, 2009.", "Coastal Navigation"),
    ],
)
def test_an_edition_in_the_title_or_after_its_comma_is_read_as_before(
    raw: str, expected: str
) -> None:
    assert parse_note(raw).title == expected

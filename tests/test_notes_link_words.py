"""A link whose text is a word for the link (``[PDF](…)``, ``hier``, ``ici``) names no title."""

from __future__ import annotations

import pytest

from citeaudit.notes import parse_note
from citeaudit.notes.link_words import is_link_word


@pytest.mark.parametrize(
    "raw",
    [
        "- [PDF](https://arxiv.org/pdf/2605.25439)",
        "- [Abstract](https://arxiv.org/abs/2605.25439)",
        "Voir [ici](https://example.org/guide).",
        "[Linkki](https://yle.fi/a/3-1)",
        "[lien](https://example.fr/page)",
    ],
)
def test_a_generic_link_word_gives_no_title(raw: str) -> None:
    note = parse_note(raw)
    assert note.title is None
    assert note.urls  # the link is still read


def test_a_bold_title_wins_over_a_pdf_link_after_it() -> None:
    raw = (
        "[2] **Regret Pruning for Learning Equilibria in Simulation-Based Games**\t2022 "
        "Bhaskar Mishra*, Cyrus Cousins <br/> Available as arXiv preprint "
        "[[PDF](https://arxiv.org/abs/2211.16670)] <br/>"
    )
    assert (
        parse_note(raw).title == "Regret Pruning for Learning Equilibria in Simulation-Based Games"
    )


def test_an_html_link_reading_here_gives_no_title() -> None:
    note = parse_note("Siehe hier.", html='Siehe <a href="https://example.org/x">hier</a>.')
    assert note.title is None


def test_link_text_that_names_a_work_is_still_its_title() -> None:
    note = parse_note("[Mathematics and Statistics Help](https://www.sheffield.ac.uk/mash)")
    assert note.title == "Mathematics and Statistics Help"
    assert not is_link_word("Mathematics and Statistics Help")
    assert is_link_word("[PDF]") and is_link_word("Click here!")

"""Rules from the fourteenth round of real notes (issue 13): Vancouver's ``[cited …]``
date and its author list before ``[Internet]``."""

from __future__ import annotations

import datetime

import pytest

from citeaudit.notes import parse_note


@pytest.mark.parametrize(
    ("raw", "day"),
    [
        ("Smith J. Rivers of Europe [Internet]. 2019 [cited 2020 Apr 20]. "
         "Available from: https://example.org/rivers", datetime.date(2020, 4, 20)),
        ("Eddy, W. _Transmission Control Protocol_ [online]. August 2022. [cited 2025-04-20]. "
         "Available at: https://example.org/rfc9293", datetime.date(2025, 4, 20)),
    ],
)
def test_the_day_a_source_was_cited_in_brackets_is_its_access_date(raw, day):
    # NLM/Vancouver and English ISO 690 write "[cited DATE]" where Czech writes "[cit. DATE]".
    assert parse_note(raw).access_date == day


def test_cited_in_a_sentence_is_no_access_label():
    assert parse_note("As cited 2019 in the report, rivers rise.").access_date is None


def test_vancouver_names_before_the_medium_are_not_the_title():
    note = parse_note(
        "Johnson A, Chalton M, Treyer L, Ratajc G. pyclipper: polygon clipping [Internet]. "
        "2019 [cited 2020 Apr 20]. Available from: https://example.org/pyclipper/"
    )
    assert note.title == "pyclipper: polygon clipping"
    assert note.authors == ("Johnson A", "Chalton M", "Treyer L", "Ratajc G")


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("[13] - Openllet: An Open Source OWL DL reasoner for Java: "
         "[https://github.com/example/openllet](https://github.com/example/openllet)",
         "Openllet: An Open Source OWL DL reasoner for Java"),
        ("- Stardog: The Knowledge Graph Platform for the Enterprise: https://www.example.com/",
         "Stardog: The Knowledge Graph Platform for the Enterprise"),
    ],
)
def test_a_name_and_its_tagline_beside_a_url_is_the_title(raw, title):
    # Not a "Place: Publisher" imprint: the part after the colon is a long phrase, no year.
    assert parse_note(raw).title == title


def test_a_place_and_publisher_alone_is_still_no_title():
    assert parse_note("London: Penguin, 2010. https://example.org/x").title != "London: Penguin"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("[1] - Forschungsunion (Hrsg.): Bericht der Promotorengruppe Kommunikation, 2012. "
         "[https://example.de/bericht.pdf](https://example.de/bericht.pdf)",
         "Bericht der Promotorengruppe Kommunikation"),
        ("Wikimedia Deutschland e. V. (Hrsg.): ABC der Offenheit, Berlin 2019, S. 4f.",
         "ABC der Offenheit"),
    ],
)
def test_the_year_after_an_edited_title_is_its_imprint(raw, title):
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("msg-group - Sind Microservices die bessere SOA? <br /> "
         "https://publikation.msg.group/archiv/158-sind-microservices-die-bessere-soa/file <br /> "
         "(abgerufen am 01.10.2023)", "Sind Microservices die bessere SOA?"),
        ("SDX - Microservices – Kommunikation <br /> "
         "https://www.sdx-ag.de/2016/11/microservices-kommunikation/ <br /> "
         "(abgerufen am 03.10.2023)",
         "Microservices – Kommunikation"),
    ],
)
def test_the_sites_name_before_a_page_title_is_not_part_of_it(raw, title):
    # The name spells the URL's host; the title after it may have a dash of its own.
    assert parse_note(raw).title == title


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        (".. [9] European robotic framework for bipedal locomotion benchmarking\n"
         "    https://eurobench.example.eu/",
         "European robotic framework for bipedal locomotion benchmarking"),
        (".. [13] Case study: accelerating ROS 2 perception\n    https://github.com/example/community/",
         "Case study: accelerating ROS 2 perception"),
    ],
)
def test_a_line_of_its_own_above_the_url_line_is_the_pages_caption(raw, title):
    assert parse_note(raw).title == title


def test_a_sentence_above_the_url_line_is_still_no_title():
    note = parse_note(
        "More details are given in the blog post we wrote last year\n    https://x.example/"
    )
    assert note.title is None


def test_a_vancouver_date_gives_the_day_published():
    note = parse_note(
        "2. Bradski G, Daebler A. Learning OpenCV. Computer vision with OpenCV library. "
        "2008 Jan 1;222–64."
    )
    assert note.published == datetime.date(2008, 1, 1)


def test_a_year_then_a_month_and_a_number_in_prose_is_no_date():
    assert parse_note("In 2019 May 3 people came to the meeting.").published is None


def test_a_product_name_led_by_the_hosts_brand_is_the_site():
    note = parse_note(
        "28. ADR process \\- AWS Prescriptive Guidance, accessed August 29, 2025, "
        "[https://docs.aws.amazon.com/guidance/adr-process.html]"
        "(https://docs.aws.amazon.com/guidance/adr-process.html)"
    )
    assert note.title == "ADR process"


def test_a_title_sharing_a_word_with_the_host_keeps_it():
    note = parse_note("Python - the snake, its habitat and diet, https://animals.example.org/python")
    assert note.title is not None and note.title.startswith("Python")

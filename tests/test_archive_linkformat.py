"""The link-format parser reads real TimeMaps, including the awkward corners."""

from __future__ import annotations

import pytest

from citeaudit.archive.linkformat import parse_links
from citeaudit.errors import ArchiveError

# The shape the Internet Archive serves at /web/timemap/link/URL (one link per line).
IA_TIMEMAP = """\
<http://www.kyivpost.com/post/34571>; rel="original",
<https://web.archive.org/web/timemap/link/http://www.kyivpost.com/post/34571>; rel="self"; type="application/link-format"; from="Thu, 20 Jun 2024 10:15:12 GMT",
<https://web.archive.org>; rel="timegate",
<https://web.archive.org/web/20240620101512/https://www.kyivpost.com/post/34571>; rel="first memento"; datetime="Thu, 20 Jun 2024 10:15:12 GMT",
<https://web.archive.org/web/20240703081122/https://www.kyivpost.com/post/34571>; rel="memento"; datetime="Wed, 03 Jul 2024 08:11:22 GMT",
"""  # noqa: E501


def test_every_link_of_a_timemap_is_read_with_its_parameters():
    links = parse_links(IA_TIMEMAP)
    assert [sorted(link.rels) for link in links] == [
        ["original"], ["self"], ["timegate"], ["first", "memento"], ["memento"],
    ]
    assert links[3].params["datetime"] == "Thu, 20 Jun 2024 10:15:12 GMT"
    assert links[1].params["type"] == "application/link-format"


def test_commas_semicolons_and_angle_brackets_inside_quotes_do_not_split_links():
    text = '<https://a.example/1>; rel="memento"; title="x, y; <z>", <https://a.example/2>;rel=memento'
    links = parse_links(text)
    assert [link.target for link in links] == ["https://a.example/1", "https://a.example/2"]
    assert links[0].params["title"] == "x, y; <z>"
    assert links[1].rels == {"memento"}


def test_escaped_quotes_and_missing_space_after_commas_are_handled():
    text = '<https://a.example/1>;title="say \\"hi\\"",<https://a.example/2>;rel="original"'
    links = parse_links(text)
    assert links[0].params["title"] == 'say "hi"'
    assert links[1].rels == {"original"}


def test_parameter_names_are_case_insensitive_and_the_first_repeat_wins():
    [link] = parse_links('<https://a.example/>; REL="memento"; rel="original"; Datetime="x"')
    assert link.rels == {"memento"}
    assert link.params["datetime"] == "x"


def test_a_header_value_with_several_links_is_read_like_a_document():
    header = ('<https://example.org/report>; rel="original", '
              '<http://127.0.0.1:8080/web/https://example.org/report>; rel="timegate"')
    assert [sorted(lk.rels) for lk in parse_links(header)] == [["original"], ["timegate"]]


def test_an_empty_document_has_no_links():
    assert parse_links("") == []
    assert parse_links("\n\n") == []


@pytest.mark.parametrize("bad", [
    "https://a.example/; rel=memento",  # no angle brackets
    '<https://a.example/; rel="memento"',  # unclosed target
    '<https://a.example/>; rel="memento',  # unclosed quote
    '<https://a.example/> rel="memento"',  # no semicolon
])
def test_malformed_link_format_is_an_archive_error(bad):
    with pytest.raises(ArchiveError, match="malformed link-format"):
        parse_links(bad)


def test_parameters_without_values_and_empty_names_are_read_as_before():
    [link] = parse_links('<https://a.example/> ; rel ; =x ; ; Type = text/plain ,')
    assert link.params == {"rel": "", "type": "text/plain"}


def test_a_trailing_backslash_leaves_the_quoted_value_unclosed():
    with pytest.raises(ArchiveError, match="unclosed quoted value"):
        parse_links('<https://a.example/>; title="x\\')


def test_a_timemap_of_thousands_of_mementos_is_read_whole():
    lines = [f'<https://w.example/web/2024{n:010d}/https://a.example/>; rel="memento"; '
             f'datetime="Thu, 20 Jun 2024 10:15:12 GMT"' for n in range(3000)]
    links = parse_links(",\n".join(lines) + "\n")
    assert len(links) == 3000
    assert links[-1].target == "https://w.example/web/20240000002999/https://a.example/"
    assert all(link.rels == {"memento"} for link in links)

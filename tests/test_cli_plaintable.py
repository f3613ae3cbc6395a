"""The links table, written without rich: aligned, wrapped to the width, wide characters."""

from __future__ import annotations

from citeaudit.cli.links import render_text
from citeaudit.cli.plaintable import Column, cells, render
from citeaudit.links import LinkResult, Outcome
from tests.support.fresh import run_fresh

LONG_URL = "https://example.org/a/very/long/path/" + "x" * 120
LONG_REASON = ("HTTP 404 Not Found; the page says it does not exist any more and the server "
               "agrees with it")


def _results() -> list[LinkResult]:
    return [
        LinkResult(url="https://a.example/story", outcome=Outcome.OK, status=200,
                   reason="HTTP 200"),
        LinkResult(url=LONG_URL, outcome=Outcome.BROKEN, status=404, reason=LONG_REASON),
        LinkResult(url="https://b.example/é", outcome=Outcome.TIMEOUT, status=None,
                   reason="no answer 漢字漢字"),
    ]


def test_wide_characters_take_two_cells_and_marks_none():
    assert cells("abc") == 3
    assert cells("漢字") == 4
    assert cells("e\u0301") == 1  # e and a combining acute accent


def test_no_line_is_wider_than_the_terminal_and_nothing_is_lost():
    for width in (60, 80, 120):
        out = render_text(_results(), width=width)
        lines = out.splitlines()
        assert all(cells(line) <= width for line in lines), width
        url, reason = lines[0].index("URL"), lines[0].index("REASON")
        joined = "".join(line[url:reason].strip() for line in lines[1:-1])
        assert LONG_URL in joined  # folded, every character kept, in order
        assert lines[-1] == "3 links: 1 ok, 1 broken, 1 timeout"


def test_columns_line_up_under_their_headers_with_wide_characters_in_a_row():
    columns = (Column("A"), Column("N", right=True), Column("TEXT", flex=True))
    out = render(columns, [("漢字", "7", "x"), ("ab", "123", "y")], width=40)
    header, first, second = out.splitlines()
    start = cells(header[: header.index("TEXT")])
    assert cells(first[: first.index("x")]) == start
    assert cells(second[: second.index("y")]) == start
    assert first.split()[1] == "7" and cells(first[: first.index("7")]) == cells(
        second[: second.index("123")]) + 2  # right-justified under N


def test_a_narrow_reason_is_not_squeezed_by_a_long_address():
    out = render_text(_results(), width=80)
    reason_lines = [line for line in out.splitlines() if "not exist" in line]
    # The reason keeps about half of the room, not the sliver a share by length would give.
    assert reason_lines and all(len(line.split("  ")[-1]) >= 20 for line in reason_lines)


def test_the_links_table_does_not_load_richs_layout():
    code = ("import sys\n"
            "from citeaudit.cli.links import render_text\n"
            "from citeaudit.links import LinkResult, Outcome\n"
            "rows = [LinkResult(url=f'https://a.example/{i}', outcome=Outcome.OK, status=200)\n"
            "        for i in range(1000)]\n"
            "assert render_text(rows).count('\\n') == 1002\n"
            "print(sorted(m for m in ('rich.table', 'rich.console') if m in sys.modules))")
    assert run_fresh(code) == "[]"

"""The access-label scan's two-character gate admits every label the pattern knows."""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from typing import Any

from citeaudit.notes import access


def _openings(items: Any, size: int = 2) -> set[str]:
    """Every literal prefix (up to ``size`` characters) the parsed pattern ``items`` can
    begin with; a character class there is refused (a gate of literal pairs misses it)."""
    out = {""}
    for op, av in items:
        grown: set[str] = set()
        for prefix in out:
            if len(prefix) >= size:
                grown.add(prefix)
            else:
                grown |= {prefix + tail for tail in _one(op, av, size - len(prefix))}
        out = grown
    return out


def _one(op: Any, av: Any, size: int) -> set[str]:
    if op is sre.LITERAL:
        return {chr(av)}
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):
        return {""}  # zero-width: "(?<=\[)cit" opens with "ci"
    if op is sre.SUBPATTERN:
        return _openings(av[3], size)
    if op is sre.BRANCH:
        return set().union(*(_openings(branch, size) for branch in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, high, sub = av
        return set().union(
            *(_openings(list(sub) * n, size) for n in range(size + 1) if low <= n <= high)
        )
    raise AssertionError(f"a label opens with {op}: the literal gate cannot admit it")


def test_every_label_opening_is_in_the_gate() -> None:
    tree = sre_parse.parse(access._ACCESS_LOWER.pattern, re.VERBOSE)
    label = next(av for op, av in tree if op is sre.SUBPATTERN and av[0] is not None)
    openings = _openings(label[3])  # the first-letter filter is built from the same pairs
    assert all(len(opening) == 2 for opening in openings)
    assert openings <= set(access._LABEL_OPENINGS.split())


def test_labels_are_still_found_after_the_gate() -> None:
    for text in ("Last accessed 3 May 2021", "E.T.: 03.05.2021", "[cit. 2025-12-11]",
                 "Erişim Tarihi: 3 Mayıs 2021", "дата обращения: 03.05.2021", "2021年5月3日閲覧",
                 "최종 확인일 2021-05-03", "Zugriff am 3. Mai 2021"):
        assert access._ACCESS.search(text) or access._ACCESS_AFTER.search(text), text


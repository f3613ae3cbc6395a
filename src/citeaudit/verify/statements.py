"""A claim's atomic statements: the parts a reader checks one by one.

"X joined the band in 1998, and left it in 2004 to found Y" makes three
statements; a page that states two of them supports the claim only *partly*
however many of its words it shares.  Statements are cut at the joints
English uses between clauses (``; ``, ``, and``, ``, which``, ``, while``…),
without a parser: the cut only has to be right often enough to tell "all of
it" from "most of it".  A statement with fewer than two content units is not
worth judging alone and joins its neighbour.
"""

from __future__ import annotations

import re

import numpy as np

from .units import Unit

_JOINT = re.compile(
    r";\s+|,\s+(?:and|but|while|whereas|which|who|where|when|although|though|before|after|"
    r"making|becoming|including|as well as|and then|then|with)\s+|\s+(?:and then|as well as)\s+",
    re.IGNORECASE)


def statement_of(units: list[Unit] | tuple[Unit, ...], claim: str) -> np.ndarray:
    """Per unit: the index of the statement it belongs to (0, 1, …)."""
    cuts = [m.start() for m in _JOINT.finditer(claim)]
    raw = np.array([sum(1 for c in cuts if c <= max(u.start, 0)) for u in units], dtype=int)
    if not len(raw):
        return raw
    # Merge statements with fewer than two units into the one before (or after).
    labels = sorted(set(raw.tolist()))
    counts = {lab: int((raw == lab).sum()) for lab in labels}
    mapping: dict[int, int] = {}
    current = None
    for lab in labels:
        if current is None or counts[lab] >= 2:
            current = lab if current is None or counts[lab] >= 2 else current
        mapping[lab] = current if counts[lab] < 2 and current is not None else lab
        if counts[lab] >= 2:
            current = lab
    merged = np.array([mapping[x] for x in raw.tolist()], dtype=int)
    # The first statement may itself be tiny: fold it into the next one.
    order = sorted(set(merged.tolist()))
    if len(order) > 1 and int((merged == order[0]).sum()) < 2:
        merged[merged == order[0]] = order[1]
    _, dense = np.unique(merged, return_inverse=True)
    return dense


def statement_coverage(weights: np.ndarray, found: np.ndarray, groups: np.ndarray) -> list[float]:
    """Weighted share of each statement's units that ``found`` marks."""
    out = []
    for g in range(int(groups.max()) + 1 if len(groups) else 0):
        mask = groups == g
        total = float(weights[mask].sum())
        out.append(float(weights[mask & found].sum()) / total if total else 1.0)
    return out

"""A two-label linear-chain CRF read straight from a CRFsuite model file.

The title tagger asks one thing of its model: for each token, the marginal probability
that it is a title token (``T``) rather than not (``O``).  CRFsuite answers it through
pycrfsuite, but handing a note's few hundred feature strings across to C++ (and the
per-token calls back) cost more than the sums themselves.  With two labels a token's
state is one number, the weight ``T`` gets over ``O`` from its features, and the
forward-backward pass is a few multiplications per token, so it is done here with the
model's own double-precision weights, read from the file CRFsuite wrote.

The file layout (CRFsuite's ``crf1dm`` format, little-endian): a header of offsets, a
``FEAT`` chunk of ``(type, source, target, weight)`` records (type 0: attribute→label,
type 1: label→label), and two CQDB string tables whose id-ordered back-references give
the label and attribute names.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping, Sequence

import attrs

from citeaudit.errors import CiteauditError

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CHUNK = struct.Struct("<4sII")
_FEATURE = struct.Struct("<IIId")
_CQDB = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<II")


class ModelUnreadable(CiteauditError):
    """The file is not a CRFsuite model this reader understands."""


@attrs.frozen
class TwoLabelChain:
    """A CRF over the labels ``O`` and ``T``: each attribute's weight for ``T`` over ``O``,
    and the four transition weights."""

    lift: Mapping[str, float]
    """``weight(attribute, T) - weight(attribute, O)``, for every attribute the model has."""
    transitions: tuple[tuple[float, float], tuple[float, float]]
    """``transitions[a][b]``: the weight of label ``a`` followed by label ``b`` (0 = O, 1 = T)."""
    titled: bool = True
    """False for a model that never saw a title (label ``O`` alone): no token is ``T``."""
    _factors: tuple[float, float, float, float] = attrs.field(init=False, repr=False)

    @_factors.default
    def _exp_transitions(self) -> tuple[float, float, float, float]:
        (oo, ot), (to, tt) = self.transitions
        return math.exp(oo), math.exp(ot), math.exp(to), math.exp(tt)

    def marginals(self, lifts: Sequence[float]) -> list[float]:
        """P(token k is ``T`` | the note) for each token, by forward-backward."""
        n = len(lifts)
        if not self.titled:
            return [0.0] * n
        if not n:
            return []
        oo, ot, to, tt = self._factors
        states = list(map(math.exp, lifts))
        # With two labels each pass carries one number, the ratio T:O of the forward
        # (resp. backward) score.  A ratio stays within a constant of its own token's
        # state, so long notes neither overflow nor underflow, and no rescaling is needed.
        f = states[0]
        forward = [f]
        for state in states[1:]:
            f = state * (ot + f * tt) / (oo + f * to)
            forward.append(f)
        both = forward[-1]
        out = [both / (1.0 + both)]
        b = 1.0
        for k in range(n - 2, -1, -1):
            u = states[k + 1] * b
            b = (to + tt * u) / (oo + ot * u)
            both = forward[k] * b
            out.append(both / (1.0 + both))
        out.reverse()
        return out


def read_chain(data: bytes) -> TwoLabelChain:
    """The chain a CRFsuite model file holds; :class:`ModelUnreadable` if it is not one
    whose labels are ``O`` and ``T`` (or ``O`` alone: a model trained on notes with no
    title, which marks none)."""
    try:
        return _read_chain(data)
    except (struct.error, UnicodeDecodeError, IndexError) as exc:
        raise ModelUnreadable(f"truncated or damaged model file: {exc}") from None


def _read_chain(data: bytes) -> TwoLabelChain:
    magic, size, kind, _version, _nf, _nl, _na, off_feat, off_labels, off_attrs, *_ = (
        _HEADER.unpack_from(data, 0)
    )
    if magic != b"lCRF" or kind != b"FOMC":
        raise ModelUnreadable("not a CRFsuite model (no lCRF/FOMC header)")
    if size != len(data):
        raise ModelUnreadable(f"the header says {size} bytes, the file has {len(data)}")
    labels = _strings(data, off_labels)
    if not set(labels) <= {"O", "T"} or "O" not in labels:
        raise ModelUnreadable(f"labels {labels} are not the title tagger's O and T")
    is_t = [label == "T" for label in labels]
    attributes = _strings(data, off_attrs)
    chunk, _chunk_size, count = _CHUNK.unpack_from(data, off_feat)
    start = off_feat + _CHUNK.size
    table = data[start : start + _FEATURE.size * count]
    if chunk != b"FEAT" or len(table) != _FEATURE.size * count:
        raise ModelUnreadable("no whole feature table where the header says")
    per_attribute: dict[str, list[float]] = {}
    trans = [[0.0, 0.0], [0.0, 0.0]]
    for kind_id, source, target, weight in _FEATURE.iter_unpack(table):
        if kind_id == 0:
            per_attribute.setdefault(attributes[source], [0.0, 0.0])[is_t[target]] += weight
        elif kind_id == 1:
            trans[is_t[source]][is_t[target]] += weight
    lift = {name: t - o for name, (o, t) in per_attribute.items()}
    rows = ((trans[0][0], trans[0][1]), (trans[1][0], trans[1][1]))
    return TwoLabelChain(lift, rows, titled="T" in labels)


def _strings(data: bytes, offset: int) -> list[str]:
    """A CQDB table's strings in id order (its backward array maps each id to its record)."""
    magic, _size, _flag, _order, count, backward = _CQDB.unpack_from(data, offset)
    if magic != b"CQDB":
        raise ModelUnreadable("no string table where the header says")
    out = []
    for i in range(count):
        (record,) = struct.unpack_from("<I", data, offset + backward + 4 * i)
        _id, size = _RECORD.unpack_from(data, offset + record)
        start = offset + record + _RECORD.size
        out.append(data[start : start + size].rstrip(b"\0").decode("utf-8"))
    return out

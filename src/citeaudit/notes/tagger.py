"""A learned title tagger: a linear-chain CRF that marks the title's tokens in a note.

The model (``data/title_tagger.crfsuite``, a few hundred kilobytes) ships in the package
and is rebuilt by ``bench/train_title_tagger.py`` from labelled references: AnyStyle's
parser training set (BSD-2-Clause) and the project's tune notes.  Nothing is downloaded.

A title is the run of tokens the CRF labels ``T``; its confidence is the mean marginal
probability of ``T`` over the run.  Below :data:`THRESHOLD` the tagger answers None, so a
note with no clear title gives ``title: null`` rather than a guess.
"""

from __future__ import annotations

import functools
import pathlib

import attrs

from citeaudit.errors import CiteauditError
from citeaudit.notes.crf import ModelUnreadable, read_chain
from citeaudit.notes.tagger_features import cue_sums, lift_cues, spans

MODEL = pathlib.Path(__file__).parent / "data" / "title_tagger.crfsuite"
THRESHOLD = 0.7
"""Least mean marginal probability of a title run (chosen by cross-validation, see
``bench/train_title_tagger.py --cv``)."""
MAX_CHARS = 4_000
"""The tagger reads a note's first this many characters: a title stands near the start,
the longest note of the project's real-world sets has 656, and each token costs the
tagger about fifty times what a regular expression spends on it (a 400,000-token
"note" once took 13 s)."""


class TaggerModelMissing(CiteauditError):
    """The title tagger's model file is not where the package keeps it."""


@attrs.frozen
class Span:
    """The tagged title's characters ``text[start:end]`` and the tagger's confidence."""

    start: int
    end: int
    confidence: float


class TitleTagger:
    """A loaded CRF model; :meth:`title_span` reads one note."""

    def __init__(self, path: pathlib.Path = MODEL) -> None:
        if not path.is_file():
            raise TaggerModelMissing(
                f"title tagger model not found at {path}; reinstall citeaudit or rebuild it "
                "with bench/train_title_tagger.py"
            )
        # The model is read into Python (see citeaudit.notes.crf) rather than opened in
        # pycrfsuite: handing each note's features to C++ cost more than the sums, and a
        # read-only model needs no lock between threads.
        try:
            self._chain = read_chain(path.read_bytes())
        except (OSError, ModelUnreadable) as exc:
            raise TaggerModelMissing(f"title tagger model at {path} cannot be read: {exc}") from exc
        self._cues = lift_cues(self._chain.lift)

    def title_span(self, text: str, threshold: float | None = None) -> Span | None:
        """The most probable title run in ``text``, or None when none is surer than
        ``threshold`` (by default :data:`THRESHOLD`).  Only the first
        :data:`MAX_CHARS` characters are read."""
        text = text[:MAX_CHARS]
        words, starts, ends = spans(text)
        if not words:
            return None
        n = len(words)
        # Runs of tokens more likely title than not, read from the marginals rather than
        # the single best labelling: a run the best labelling just misses still counts.
        chance = self._chain.marginals(cue_sums(text, words, starts, ends, self._cues))
        best: Span | None = None
        best_mass = 0.0
        i = 0
        while i < n:
            if chance[i] < 0.5:
                i += 1
                continue
            j = i
            while j + 1 < n and chance[j + 1] >= 0.5:
                j += 1
            run = chance[i : j + 1]
            mass = sum(run)
            if best is None or mass > best_mass:
                best, best_mass = Span(starts[i], ends[j], mass / len(run)), mass
            i = j + 1
        if best is None or best.confidence < (THRESHOLD if threshold is None else threshold):
            return None
        return best


@functools.cache
def default_tagger() -> TitleTagger:
    """The packaged model, loaded once."""
    return TitleTagger()

"""Training the title tagger: labelled notes in, a CRFsuite model file out.

A training example is a note's text and the character span of its title (or None when
the note names no work).  Tokens inside the span are labelled ``T``, the rest ``O``.
Training is deterministic: the same examples in the same order give the same model.
"""

from __future__ import annotations

import pathlib
from collections.abc import Iterable, Mapping

import attrs

from citeaudit import dates
from citeaudit.errors import ConfigError
from citeaudit.notes import access, identifiers
from citeaudit.notes.tagger_features import features, tokenize
from citeaudit.notes.text import (
    mask,
    strip_bullet,
    strip_label,
    undo_html_breaks,
    undo_markdown_escapes,
)
from citeaudit.notes.urls import find_urls

# CRFsuite's L-BFGS settings.  c1/c2 were the library's usual defaults for small tagging
# sets; the cross-validation in bench/train_title_tagger.py reports how they fare.
PARAMS = {"c1": 0.05, "c2": 0.1, "max_iterations": 150, "feature.possible_transitions": True}
_QUOTES = "\"“”„«»‹›‘’「」『』《》〈〉'`"


@attrs.frozen
class Example:
    """A note's text as the parser reads it and its title's span (None: no title)."""

    text: str
    title: tuple[int, int] | None


def reading_text(body: str) -> str:
    """``body`` with URLs, identifiers and dated phrases blanked out (same length), as
    :func:`citeaudit.notes.parse_note` hands it to the style rules and the tagger."""
    hits = find_urls(body)
    spans = [(u.start, u.end) for u in hits]
    ids = identifiers.find_identifiers(body, spans)
    masked = mask(body, spans + list(ids.spans))
    found = dates.find_dates(masked)
    taken = [
        span
        for d in (access.find_access(masked, found), access.find_archived(masked, found))
        if d
        for span in d.spans
    ]
    return mask(masked, taken)


def note_body(raw: str) -> str:
    """The note without its bullet and label, as the parser starts from it."""
    _, body = strip_label(strip_bullet(undo_markdown_escapes(undo_html_breaks(raw))))
    return strip_bullet(body)


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding space, quote marks and final punctuation."""
    while start < end and (text[start].isspace() or text[start] in _QUOTES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _QUOTES + ".,;:"):
        end -= 1
    return start, end


def example_from_note(raw: str, title: str | None) -> Example | None:
    """A labelled example from a note and its expected title (None when the title is
    not found in the note's text as written)."""
    text = reading_text(note_body(raw))
    if title is None:
        return Example(text, None)
    at = text.find(title)
    if at < 0:
        at = text.casefold().find(title.casefold())
    if at < 0:
        return None
    return Example(text, (at, at + len(title)))


def example_from_spans(spans: Iterable[tuple[str, str]]) -> Example:
    """A labelled example from an AnyStyle sequence: (label, text) pairs in order."""
    parts: list[str] = []
    title: tuple[int, int] | None = None
    pos = 0
    for label, piece in spans:
        if label == "citation-number":
            continue  # the parser strips a note's label before it reads the note
        if parts:
            parts.append(" ")
            pos += 1
        if label == "title" and title is None:
            title = (pos, pos + len(piece))
        parts.append(piece)
        pos += len(piece)
    text = "".join(parts)
    masked = reading_text(text)
    if title is not None:
        title = trim_span(text, *title)
        if title[0] >= title[1]:
            title = None
    return Example(masked, title)


def labels(example: Example) -> list[str]:
    """``T`` for each token inside the title span, else ``O``."""
    tokens = tokenize(example.text)
    if example.title is None:
        return ["O"] * len(tokens)
    start, end = example.title
    return ["T" if tok.start < end and start < tok.end else "O" for tok in tokens]


def train(
    examples: Iterable[Example], path: pathlib.Path, params: Mapping[str, object] | None = None
) -> int:
    """Train a model on ``examples`` and write it to ``path``; returns how many were used.
    ``params`` overrides :data:`PARAMS` key by key (the cross-validation's grid)."""
    try:
        import pycrfsuite
    except ImportError as exc:  # tagging does not need it; only retraining does
        raise ConfigError(
            "retraining the title tagger needs python-crfsuite: pip install 'citeaudit[train]'"
        ) from exc

    trainer = pycrfsuite.Trainer(verbose=False)
    used = 0
    for example in examples:
        tokens = tokenize(example.text)
        if not tokens:
            continue
        trainer.append(features(example.text, tokens), labels(example))
        used += 1
    trainer.set_params({**PARAMS, **(params or {})})
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return used

"""Tokens of a note and what a reader sees in each: the title tagger's features.

A reader who cannot read the note's language still finds its title by shape: it follows
the names (initials, surnames in capitals) and the year, it is a run of words ended by a
full stop or a comma, and the publisher, place, volume and pages come after it.  The
features below are those cues, written without reference to any one language except
for a short multilingual lexicon of words that name a publisher or a container.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping
from typing import Any, Generic, TypeVar

import attrs

V = TypeVar("V", tuple[str, ...], float)

# Words (with inner hyphens, apostrophes and dots: "Jean-Luc", "O'Brien", "U.S.") or one
# character of punctuation.
_TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*|[^\w\s]|_")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
_ROMAN = re.compile(r"[IVXLC]+")
_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end
_FIRST = operator.itemgetter(0)
# A word's cues as its neighbours and itself see it (see ``Cues.word``).
_GIVES_BEFORE_2, _GIVES_BEFORE_1, _GIVES_AFTER_1, _GIVES_AFTER_2, _OWN = map(
    operator.itemgetter, range(5)
)


def _lexicon(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that stand in an imprint or a container, not in a title (lowercase, any language).
PUBLISHER_WORDS = _lexicon(
    """press verlag verlags editora editorial editions éditions edizioni editore uitgeverij
    uitgevers wydawnictwo издательство изд издательский yayınları yayınevi yayinlari
    yayın yayınları' university universität universidade universidad université università
    universiteit uniwersytet университет üniversitesi üniversite institute institut instituto
    inc ltd gmbh co company publishing publishers publisher books verlagsgruppe druck
    press' presses ediciones edições academic akademie academy академия наука"""
)
CONTAINER_WORDS = _lexicon(
    """journal zeitschrift revista revue rivista tijdschrift czasopismo журнал вестник
    dergisi dergi proceedings actes atti anais annals annales jahrbuch bulletin review
    magazine gazette zeitung newspaper quarterly studies transactions letters
    in: в: series reihe серия vol volume band bd том t jg jaargang cilt sayı heft nr no
    issue"""
)
LOCATOR_WORDS = _lexicon(
    "p pp s ss с стр pag págs págs. sayfa seite seiten pages page bl cap ch kap"
)
ACCESS_WORDS = _lexicon(
    """retrieved accessed consulté consultado consultato geraadpleegd abgerufen zugegriffen
    erişim tarihi обращения доступа dostęp acceso acesso available verfügbar disponível
    disponible"""
)
EDITOR_WORDS = _lexicon("ed eds edited hrsg hg red ред под trans tr çev yay haz coord org orgs dir")
_OPEN = "([{«‹“„‘「『《〈\"'"
_CLOSE = ")]}»›”’」』》〉\"'"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}


@attrs.frozen
class Token:
    """One token of the note and where it stands (``text[start:end]``)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """The note's words and punctuation marks, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _shape(word: str) -> str:
    """``Xx`` for ``Smith``, ``X`` for ``NASA``, ``d`` for ``2016``, runs squeezed."""
    out: list[str] = []
    for char in word[:12]:
        kind = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


def _script(word: str) -> str:
    char = word[0]
    if char.isdigit() or not char.isalpha():
        return "other"
    code = ord(char)
    if code < 0x250:
        return "latin"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0x3040 <= code < 0x30FF or 0x4E00 <= code < 0xA000 or 0xAC00 <= code < 0xD7B0:
        return "cjk"
    return "other"


@functools.lru_cache(maxsize=65536)
def _word_features(word: str, prefix: str) -> tuple[str, ...]:
    """The few features of a neighbouring token (its class, not its identity); cached,
    as the same words recur from note to note."""
    if not word[0].isalnum():
        return (f"{prefix}p={word}",)
    lower = word.casefold()
    out = [f"{prefix}sh={_shape(word)}"]
    if lower in PUBLISHER_WORDS:
        out.append(f"{prefix}pub")
    if lower in CONTAINER_WORDS:
        out.append(f"{prefix}cont")
    if lower in ACCESS_WORDS:
        out.append(f"{prefix}acc")
    if _YEAR.fullmatch(word):
        out.append(f"{prefix}year")
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _own_features(word: str) -> tuple[str, ...]:
    """What the token itself is, apart from where it stands."""
    if not word[0].isalnum():
        return (f"p={word}",)
    lower = word.casefold()
    out = list(_word_features(word, ""))
    out.append(f"w={lower}" if len(lower) <= 20 else "w=LONG")
    out.append(f"script={_script(word)}")
    out.append(f"len={min(len(word), 8)}")
    if lower in LOCATOR_WORDS:
        out.append("loc")
    if lower in EDITOR_WORDS:
        out.append("editor")
    if word.isdigit():
        out.append("num")
    if _ROMAN.fullmatch(word):
        out.append("roman")
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _as_neighbour(word: str) -> tuple[tuple[str, ...], ...]:
    """The features ``word`` gives the tokens two before, one before, one after and two
    after it (prefixes ``2:``, ``1:``, ``-1:``, ``-2:``), then its own: one cached look-up
    per token instead of one per neighbour."""
    short = len(word) <= 4
    folded = word.casefold()
    return (
        _word_features(word, "2:"),
        _word_features(word, "1:") + ((f"1:w={folded}",) if short else ()),
        _word_features(word, "-1:") + ((f"-1:w={folded}",) if short else ()),
        _word_features(word, "-2:"),
        _own_features(word),
    )


@functools.lru_cache(maxsize=4096)
def _marks(pair: tuple[str, str]) -> tuple[str, str, str]:
    before, after = pair
    return f"pm={before}", f"nm={after}", f"pnm={before}{after}"


@attrs.frozen
class Cues(Generic[V]):
    """What each cue a token can show is worth, as one value of a type that adds up:
    the cue's attribute strings (tuples, for training and :func:`word_features`), or
    the weight a model gives them (floats, for tagging: :func:`lift_cues`).  One walk
    over the note (:func:`cue_sums`) serves both, so the tagger scores exactly the
    features it was trained on."""

    zero: V
    rel: tuple[V, ...]
    """Where the token stands, in tenths of the note."""
    stops: tuple[V, ...]
    """Full stops, colons and semicolons before it (6 or more: the last)."""
    commas: tuple[V, ...]
    nth: tuple[V, ...]
    """Which word of the note it is (8 or more: the last)."""
    gap: tuple[tuple[V, V], tuple[V, V]]
    """``gap[space before][space after]``."""
    edges: tuple[V, V, V, V]
    """No token two before, one before, one after, two after."""
    first: V
    last: V
    inbracket: V
    inquote: V
    initial: V
    marks: Callable[[tuple[str, str]], V]
    """The punctuation marks before and after the token, as a pair."""
    word: Callable[[str], tuple[V, V, V, V, V]]
    """What a word is worth two before, one before, one after and two after a token,
    then as the token itself."""


STRING_CUES: Cues[tuple[str, ...]] = Cues(
    zero=(),
    rel=tuple((f"rel={k}",) for k in range(10)),
    stops=tuple((f"stops={k}",) for k in range(7)),
    commas=tuple((f"commas={k}",) for k in range(7)),
    nth=tuple((f"nth={k}",) for k in range(9)),
    gap=((("gap=00",), ("gap=01",)), (("gap=10",), ("gap=11",))),
    edges=(("-2:edge",), ("-1:edge",), ("1:edge",), ("2:edge",)),
    first=("first",),
    last=("last",),
    inbracket=("inbracket",),
    inquote=("inquote",),
    initial=("initial",),
    marks=_marks,
    word=_as_neighbour,  # type: ignore[arg-type]
)
"""Each cue as the CRFsuite attribute strings it stands for."""


class _Memo(dict):  # type: ignore[type-arg]
    """``make(key)`` for each key asked, kept; cleared when full, so it stays bounded."""

    def __init__(self, make: Callable[[Any], Any], size: int) -> None:
        super().__init__()
        self._make = make
        self._size = size

    def __missing__(self, key: Any) -> Any:
        if len(self) >= self._size:
            self.clear()  # a long run of unseen words: start again, stay bounded
        value = self[key] = self._make(key)
        return value


def lift_cues(lift: Mapping[str, float], cache_size: int = 65536) -> Cues[float]:
    """Each cue as the weight ``lift`` gives its attribute strings (an attribute the
    model lacks weighs nothing); a word's and a pair of marks' weights are kept, as the
    same words recur from note to note."""

    def weigh(strings: tuple[str, ...]) -> float:
        return sum([lift.get(name, 0.0) for name in strings])

    def cached(make: Callable[[Any], Any]) -> Callable[[Any], Any]:
        # A dict's own ``__getitem__``: a word seen before (most of them) is found
        # without entering Python; only a new word reaches ``__missing__``.
        return _Memo(make, cache_size).__getitem__

    cues = STRING_CUES
    return Cues(
        zero=0.0,
        rel=tuple(map(weigh, cues.rel)),
        stops=tuple(map(weigh, cues.stops)),
        commas=tuple(map(weigh, cues.commas)),
        nth=tuple(map(weigh, cues.nth)),
        gap=tuple(tuple(map(weigh, row)) for row in cues.gap),  # type: ignore[arg-type]
        edges=tuple(map(weigh, cues.edges)),  # type: ignore[arg-type]
        first=weigh(cues.first),
        last=weigh(cues.last),
        inbracket=weigh(cues.inbracket),
        inquote=weigh(cues.inquote),
        initial=weigh(cues.initial),
        marks=cached(lambda pair: weigh(_marks(pair))),
        word=cached(lambda word: tuple(map(weigh, _as_neighbour(word)))),
    )


def features(text: str, tokens: list[Token]) -> list[list[str]]:
    """Each token's features, as CRFsuite attribute strings."""
    return word_features(
        text, [t.text for t in tokens], [t.start for t in tokens], [t.end for t in tokens]
    )


def spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """The words of :func:`tokenize` and where each starts and ends, without building a
    :class:`Token` per word (the tagger reads every note the rules pass it)."""
    matches = list(_TOKEN.finditer(text))
    # Unbound methods mapped in C: no Python frame per match.
    return (
        list(map(_GROUP, matches)),
        list(map(_START, matches)),
        list(map(_END, matches)),
    )


def word_features(
    text: str, words: list[str], starts: list[int], ends: list[int]
) -> list[list[str]]:
    """:func:`features` from the tokens' words and offsets."""
    return [list(strings) for strings in cue_sums(text, words, starts, ends, STRING_CUES)]


def cue_sums(
    text: str, words: list[str], starts: list[int], ends: list[int], cues: Cues[V]
) -> list[V]:
    """Each token's cues added up: its features (with :data:`STRING_CUES`) or its weight
    for the title label (with :func:`lift_cues`).  The tokens are those of :func:`spans`,
    which leaves nothing but whitespace between them."""
    n = len(words)
    is_word = list(map(str.isalnum, map(_FIRST, words)))
    # The nearest punctuation mark before and after each token: a title is what stands
    # between the full stop after the names and the one before the imprint.
    prev_mark: list[str] = []
    mark = "^"
    for word, worded in zip(words, is_word, strict=True):
        prev_mark.append(mark)
        if not worded:
            mark = word
    next_mark: list[str] = []
    mark = "$"
    for word, worded in zip(reversed(words), reversed(is_word), strict=True):
        next_mark.append(mark)
        if not worded:
            mark = word
    next_mark.reverse()
    pairs = list(map(cues.marks, zip(prev_mark, next_mark, strict=True)))
    around = list(map(cues.word, words))
    own = list(map(_OWN, around))
    rel, stops, commas, nth = cues.rel, cues.stops, cues.commas, cues.nth
    first, last, inbracket, inquote, initial = (
        cues.first, cues.last, cues.inbracket, cues.inquote, cues.initial
    )  # fmt: skip
    # A title's words are spaced and its edges touch punctuation ("Title." "(Title)"):
    # the gaps and the neighbours' classes say where a run starts and ends.  Only
    # whitespace lies between tokens, so a token has a space before it exactly when it
    # starts after the previous one ends (or after the note's start).
    gap = cues.gap
    spaced_before = map(operator.gt, starts, [0, *ends])
    spaced_after = map(operator.lt, ends, [*starts[1:], len(text)])
    gaps = [gap[a][b] for a, b in zip(spaced_before, spaced_after, strict=True)]
    # What the tokens two before, one before, one after and two after give each token
    # (an edge where there is none), laid out by the token's index.
    edge_2, edge_1, edge1, edge2 = cues.edges
    from_2 = [edge_2, edge_2, *map(_GIVES_AFTER_2, around)][:n]
    from_1 = [edge_1, *map(_GIVES_AFTER_1, around)][:n]
    from1 = [*map(_GIVES_BEFORE_1, around[1:]), edge1]
    from2 = [*map(_GIVES_BEFORE_2, around[2:]), edge2, edge2][:n]
    out: list[V] = []
    depth = 0  # inside round/square brackets
    quoted = False  # inside a pair of quote marks
    words_seen = 0
    stops_before = 0  # full stops, colons and commas that ended a segment before the token
    commas_before = 0
    stop_value, comma_value = stops[0], commas[0]
    end = n - 1
    for i in range(n):
        value = rel[10 * i // n] + stop_value + comma_value + pairs[i]
        if i == 0:
            value += first
        if i == end:
            value += last
        if depth:
            value += inbracket
        if quoted:
            value += inquote
        value += own[i]
        word = words[i]
        if is_word[i]:
            words_seen += 1
            if len(word) == 1 and word.isupper() and i < end and words[i + 1] == ".":
                value += initial
            value += nth[words_seen if words_seen < 8 else 8]
        # Added one by one, left to right, in the order the features were trained in.
        out.append(value + gaps[i] + from_2[i] + from_1[i] + from1[i] + from2[i])
        if is_word[i]:
            continue
        # Brackets and quotes open here count from the next token on: a title inside
        # quotes is marked by the quote before it, not by its own first word.
        if word in _BRACKETS:
            depth += 1
        elif word in ")]}" and depth:
            depth -= 1
        if word in _OPEN or word in _CLOSE:
            if word in "\"'":
                quoted = not quoted
            elif word in _OPEN:
                quoted = True
            else:
                quoted = False
        if word in ".:;":
            stops_before += 1
            stop_value = stops[stops_before if stops_before < 6 else 6]
        elif word == "," and not depth:
            commas_before += 1
            comma_value = commas[commas_before if commas_before < 6 else 6]
    return out

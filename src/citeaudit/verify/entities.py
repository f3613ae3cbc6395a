"""Named entities of a claim (capitalised names, acronyms) and its attribution.

Entities are found by shape, which is cheap and language-light: runs of
capitalised words (``Media Play News``, ``Tozzer Library``), joined by ``of``,
``the``, ``de``…, and acronyms.  The claim's first word counts only when a
second capitalised word follows it.  Attribution is a claim's ``according to X``
/ ``X reported`` / ``reported by X``: X should be the page's publisher, or at
least be named by the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

import attrs
from rapidfuzz import fuzz

from .text import STOPWORDS, fold, strip_accents, word_set

_CAP_WORD = r"(?:[A-Z\u00c0-\u00de][\w'’&.-]*|[0-9]+[A-Z][\w]*)"
_JOINER = r"(?:of|the|de|del|da|du|von|van|der|la|le|and|&|for|on|al|bin|y)"
_ENTITY = re.compile(rf"{_CAP_WORD}(?:\s+(?:{_JOINER}\s+)*{_CAP_WORD})*")
_ATTRIBUTION = [
    re.compile(rf"\b(?i:according to) (?:the |a )?(?P<who>{_ENTITY.pattern})"),
    re.compile(rf"\b(?:reported|published|revealed|wrote) (?:by|in) (?:the )?"
               rf"(?P<who>{_ENTITY.pattern})"),
    re.compile(rf"\b(?i:told|in an interview with) (?:the )?(?P<who>{_ENTITY.pattern})"),
    re.compile(rf"(?:^|[.,;] |\bthe )(?P<who>{_ENTITY.pattern}) (?:reported|revealed)\b"),
]
_GENERIC = frozenset({"the", "a", "an", "news", "times", "daily", "online", "com", "www", "inc"})
NAME_TITLES = word_set("""
lord lady sir dame king queen prince princess duke duchess earl baron baroness count countess
emperor empress tsar sultan sheikh pope cardinal archbishop bishop reverend rev rabbi imam
president senator sen governor gov mayor chancellor minister premier judge justice general gen
colonel col captain capt admiral sergeant dr doctor prof professor mr mrs ms miss madame
st saint fr coach chief chairman ceo director
""")
"""Words that stand before a name as a rank or office, not as a part of the name (set by
hand from the meaning; the alignment and the name check read the same list)."""
_MONTHS_DAYS = word_set("""
january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
""")


@attrs.frozen
class Entity:
    """A name found in the claim."""

    text: str
    start: int
    end: int

    @property
    def words(self) -> tuple[str, ...]:
        """Lower-cased, accent-free words of the name, joiners dropped."""
        return tuple(
            strip_accents(w.lower().strip(".'’"))
            for w in re.findall(r"[\w'’.&-]+", self.text)
            if w.lower() not in STOPWORDS and w.lower() not in {"&", "de", "del", "da", "von",
                                                                 "van", "der", "la", "le"}
        )

    @property
    def name_words(self) -> tuple[str, ...]:
        """:attr:`words` without a leading title: *Lord Byron* is named by a page naming
        *Byron*, *Prof. Eunsol Choi* by one naming *Eunsol Choi* (the title is a claim
        word like any other, not a part of the name that must be there)."""
        words = self.words
        lead = 0
        while lead < len(words) - 1 and words[lead] in NAME_TITLES:
            lead += 1
        return words[lead:]


# A full stop after a word of four letters or more ends a sentence, not an abbreviation
# (``U.S.``, ``Jr.``, ``St.`` stay inside a name): "… in the United States. Experts warn" is
# two names' worth of capitals, not one name.
_NAME_BREAK = re.compile(r"(?<=\w{4})\.\s+")


def _capitalised_runs(text: str) -> Iterable[tuple[int, str]]:
    """(start, text) of each run of capitalised words, cut where a sentence ends."""
    for m in _ENTITY.finditer(text):
        begin = m.start()
        for brk in _NAME_BREAK.finditer(m.group()):
            yield begin, text[begin:m.start() + brk.start()]
            begin = m.start() + brk.end()
        yield begin, text[begin:m.end()]


def find_entities(claim: str) -> list[Entity]:
    """Capitalised names and acronyms in the claim, months and weekdays excluded."""
    text = fold(claim)
    out = []
    for start, run in _capitalised_runs(text):
        value = run.rstrip(".'’-")
        words = value.split()
        sentence_initial = start == 0 or text[:start].rstrip().endswith((".", ":", '"', "!", "?"))
        if sentence_initial and words[0].lower() in STOPWORDS | _MONTHS_DAYS | {"in", "on"}:
            words = words[1:]
            if not words:
                continue
            start = text.index(words[0], start)
            value = " ".join(words)
            sentence_initial = False
        if sentence_initial and len(words) == 1 and not words[0].isupper():
            continue
        if all(w.lower() in _MONTHS_DAYS for w in words):
            continue
        out.append(Entity(value, start, start + len(value)))
    return out


@attrs.frozen
class Attribution:
    """Who the claim says is the source of what it reports."""

    who: str
    start: int
    end: int
    lead: int = -1
    """Where the attribution phrase (``according to``…) starts; ``start`` if unknown."""
    phrase_end: int = -1
    """Where the whole phrase ends (after ``reported`` in ``the Herald reported``)."""


def find_attributions(claim: str) -> list[Attribution]:
    """``according to the Washington Post`` → ``Washington Post``."""
    text = fold(claim)
    out = []
    for pattern in _ATTRIBUTION:
        for m in pattern.finditer(text):
            who = m.group("who").rstrip(".'’-")
            if who.lower() in STOPWORDS:
                continue
            if who.endswith("'s") or who.endswith("’s"):
                who = who[:-2]
            lead = m.start() if m.start() < m.start("who") else m.start("who")
            out.append(Attribution(who, m.start("who"), m.start("who") + len(who), lead,
                                   m.end()))
    return out


def _key(name: str) -> str:
    words = [strip_accents(w.lower()) for w in re.findall(r"\w+", name)]
    return " ".join(w for w in words if w not in _GENERIC)


def names_match(who: str, name: str) -> bool:
    """``Washington Post`` ~ ``The Washington Post`` ~ ``washingtonpost.com``."""
    a, b = _key(who), _key(name)
    if not a or not b:
        return False
    if a.replace(" ", "") in b.replace(" ", "") or b.replace(" ", "") in a.replace(" ", ""):
        return True
    # Set by hand, not tuned: near-identical names only.  A word added to one side scores
    # 100 on token sets ("New York Times Co"); two outlets sharing their common words are
    # far below once those are dropped ("Daily Mail" / "Daily Mirror": 40).  A crediting
    # that fails here is a capped verdict, never a contradiction, so erring strict is cheap.
    return fuzz.token_set_ratio(a, b) >= 90


def host_name(url: str) -> str:
    """``https://www.washingtonpost.com/x`` → ``washingtonpost``."""
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    parts = [p for p in host.split(".") if p not in {"www", "m", "amp", "edition", "en"}]
    if len(parts) >= 3 and parts[-2] in {"co", "com", "org", "gov", "ac", "net"}:
        return parts[-3]
    return parts[-2] if len(parts) >= 2 else (parts[0] if parts else "")

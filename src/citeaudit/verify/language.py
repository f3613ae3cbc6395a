"""Cheap language identification: writing system first, then a stopword profile.

Enough to tell that an English claim cannot be checked word-for-word against a
Turkish page; not a general-purpose identifier.  Returns None when unsure
(too few words, or no profile stands out).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .text import strip_accents

_PROFILES: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the of and to in is was for that on with as by at from his her it are were "
              "which this be an has have had not but their its who also been after",
        "de": "der die das und ist nicht zu den von mit sich des auf für im dem ein eine "
              "auch es an als wurde sind nach bei einer werden aus dass hat",
        "fr": "le la les et des est un une du en dans pour qui que sur pas au avec ce il "
              "par sont plus ont été aux cette elle",
        "es": "el la los las y de que en un una es por con para del se su al lo como más "
              "fue pero sus le ha este",
        "it": "il lo la gli le di che e un una per con del della non sono nel alla è anche "
              "più dei delle ha stato",
        "pt": "o a os as e de do da que em um uma para com não por mais dos das foi ao se "
              "na no pelo pela",
        "nl": "de het een en van in is op te dat die voor met niet zijn aan er ook als bij "
              "door om werd wordt",
        "tr": "ve bir bu da de için ile olarak olan gibi daha çok en ama ne kadar sonra "
              "ancak her ki mi değil tarafından ise yılında olduğu",
        "sv": "och i att det som en på är av för med till den har inte om ett var de så "
              "men från",
        "pl": "i w na z że się do nie jest to jak o po przez od za tak dla oraz być",
        "id": "yang dan di dari ini itu dengan untuk pada tidak dalam akan ke oleh ada juga "
              "adalah sebagai",
    }.items()
}
# Words of more than one profile tell nothing (``de``, ``en``, ``la``…): drop them.
_SHARED = {w for a in _PROFILES for w in _PROFILES[a]
           if sum(w in p for p in _PROFILES.values()) > 1}
_PROFILES = {lang: frozenset(w for w in ws if w not in _SHARED) for lang, ws in _PROFILES.items()}
_ASCII_PROFILES = {lang: frozenset(strip_accents(w) for w in ws) for lang, ws in _PROFILES.items()}
_TURKISH_LETTERS = set("ğışĞİŞ")

_SCRIPTS = (
    ("CYRILLIC", "cyrillic"), ("ARABIC", "ar"), ("HEBREW", "he"), ("GREEK", "el"),
    ("DEVANAGARI", "hi"), ("HANGUL", "ko"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"),
    ("CJK", "zh"), ("THAI", "th"), ("ARMENIAN", "hy"), ("GEORGIAN", "ka"),
)
_WORD = re.compile(r"[^\W\d_]+")


def _script(text: str) -> str | None:
    head = text[:3000]
    if head and max(head) <= "\u024f":
        # All Latin (or no letters at all): no letter's script needs looking up.
        return "latin" if any(ch.isalpha() for ch in head) else None
    counts: dict[str, int] = {}
    letters = 0
    for ch in head:
        if not ch.isalpha():
            continue
        letters += 1
        if ch <= "\u024f":  # Latin (with its extensions): no need to look the name up
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if name.startswith(prefix):
                counts[code] = counts.get(code, 0) + 1
                break
    if not letters:
        return None
    if counts:
        code, n = max(counts.items(), key=lambda kv: kv[1])
        # Set by hand: a Latin-script page quoting a name in Greek or Cyrillic stays Latin;
        # a page written in a script has most of its letters in it, whatever it quotes.
        if n / letters > 0.3:
            return code
    return "latin"


def detect_language(text: str, *, min_hits: int = 2) -> str | None:
    """ISO 639-1-ish code of ``text`` (``cyrillic`` for any Cyrillic text), or None if unsure."""
    script = _script(text)
    if script != "latin":
        return script
    words = [w.lower() for w in _WORD.findall(text[:20000])]
    if not words:
        return None
    # Each profile's hits counted from the words' counts: a page's words are met once, not
    # once per profile.
    seen = Counter(words)
    scores = {lang: sum(seen[w] for w in prof if w in seen) for lang, prof in _PROFILES.items()}
    head = text[:20000]
    if sum(head.count(ch) for ch in _TURKISH_LETTERS) >= 3:
        scores["tr"] += 2
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    # Set by hand: the best language must lead the next by half again, since related
    # languages share function words ("de", "la"); otherwise it is unknown, which never
    # counts as a different language (same_language).
    if top < min_hits or top < 1.5 * second:
        return None
    return best


def same_language(a: str | None, b: str | None) -> bool:
    """Unknown languages never count as different."""
    return a is None or b is None or a == b

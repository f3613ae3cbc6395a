"""The words of a claim that frame it rather than state it.

"However, it is essential to consider the time trials take" asserts that trials
take time; *However* ties the sentence to the one before, and *it is essential
to consider* is the writer addressing the reader.  No page states either, and a
careful reader does not look for them: a source that says trials take time
supports the sentence.  Counted as content, such words lower the share of the
claim found on every page alike, and most on the short, well-supported claims
of explanatory prose ("Additionally, it can improve the bond …").

Three kinds are set aside, each only where its role is unambiguous:

* a discourse connective opening the claim ("However,", "In addition,", "For
  example,"), possibly several in a row;
* a stance frame opening the claim or following such a connective: *it is
  (also) important/essential/crucial/worth … to note/consider/bear in mind
  (that)*, *it is worth noting/considering*: a cognition verb is required, so
  "it is important to address the situation" keeps *important* (the page may
  or may not call it that);
* a hedging or focusing adverb anywhere (*potentially*, *particularly*,
  *generally* …): it narrows or softens what the rest says, never adds a fact
  that a page would have to state.

Frequency and degree words (*often*, *always*, *significantly*, *greatly*) are
not set aside: a page may state the opposite.
"""

from __future__ import annotations

import re

_CONNECTIVE = re.compile(
    r"(?:however|additionally|furthermore|moreover|also|besides|similarly|likewise|finally|"
    r"overall|ultimately|consequently|nonetheless|nevertheless|meanwhile|indeed|"
    r"in addition|in general|in particular|in summary|in conclusion|in short|in fact|"
    r"as a result|for example|for instance|on the other hand|by contrast|in contrast|"
    r"that said|to summari[sz]e|to conclude)\s*,\s*",
    re.IGNORECASE)
_STANCE = re.compile(
    r"(?:it\s+is|it's|it\s+was)\s+(?:also\s+)?"
    r"(?:(?:important|essential|crucial|vital|necessary|key|helpful|useful|advisable)\s+"
    r"(?:also\s+)?to\s+(?:note|consider|remember|recogni[sz]e|understand|mention|"
    r"point\s+out|emphasi[sz]e|highlight|bear\s+in\s+mind|keep\s+in\s+mind)"
    r"|worth\s+(?:noting|considering|mentioning|remembering|pointing\s+out))"
    r"(?:\s*,\s*|\s+)(?:that\s+)?",
    re.IGNORECASE)
_TERMS_OF = re.compile(r"\bin\s+terms\s+of\b", re.IGNORECASE)
_HEDGE = re.compile(
    r"\b(?:potentially|possibly|perhaps|generally|typically|particularly|especially|"
    r"specifically|notably|essentially|basically|actually|really)\b",
    re.IGNORECASE)


def frame_spans(claim: str) -> list[tuple[int, int]]:
    """Character spans of ``claim`` that frame it and state nothing a page must say."""
    spans: list[tuple[int, int]] = []
    pos = len(claim) - len(claim.lstrip())
    while True:
        m = _CONNECTIVE.match(claim, pos) or _STANCE.match(claim, pos)
        if not m:
            break
        spans.append((m.start(), m.end()))
        pos = m.end()
    spans += [(m.start(), m.end()) for m in _TERMS_OF.finditer(claim)]
    return sorted(spans)

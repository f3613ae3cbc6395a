"""The words of a claim that frame it rather than state it.

"However, it is essential to consider the time trials take" asserts that trials
take time; *However* ties the sentence to the one before, and *it is essential
to consider* is the writer addressing the reader.  No page states either, and a
careful reader does not look for them: a source that says trials take time
supports the sentence.  Counted as content, such words lower the share of the
claim found on every page alike, and most on the short, well-supported claims
of explanatory prose ("Additionally, it can improve the bond …").

Four kinds are set aside, each only where its role is unambiguous:

* a note marker anywhere ("[4]", "[2][3]", "[a]", "[citation needed]"): it points
  to a source, and read as a figure it would make "4 is not stated in the source"
  of every sentence copied with its markers (an LLM answer, a wiki's wikitext);
* a discourse connective opening the claim ("However,", "In addition,", "For
  example,"), possibly several in a row;
* a stance frame opening the claim or following such a connective: *it is
  (also) important/essential/crucial/worth … to note/consider/bear in mind
  (that)*, *it is worth noting/considering*: a cognition verb is required, so
  "it is important to address the situation" keeps *important* (the page may
  or may not call it that);
* *in terms of*, anywhere: it announces the topic, whose own words stay.

Hedging and focusing adverbs (*particularly*, *generally*) are kept: pages echo
them ("… particularly nestlings"), and on WiCE dev dropping them moved two partly
supported claims below the partial threshold.  Frequency and degree words
(*often*, *always*, *significantly*) are kept: a page may state the opposite.
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
_MARKER = re.compile(r"\[(?:\d{1,3}|[a-z]|note\s+\d{1,3}|citation needed)\]", re.IGNORECASE)
_TERMS_OF = re.compile(r"\bin\s+terms\s+of\b", re.IGNORECASE)


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
    spans += [(m.start(), m.end()) for m in _MARKER.finditer(claim)]
    spans += [(m.start(), m.end()) for m in _TERMS_OF.finditer(claim)]
    return sorted(spans)

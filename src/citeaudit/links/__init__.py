"""Check cited URLs and say honestly what became of each.

:func:`check_links` fetches every unique URL once, concurrently, through the
polite session of :mod:`citeaudit.net`, and classifies the answer into an
:class:`Outcome`.  Plain link checkers call any 200 fine; this one compares a
page with the site's answer to a made-up sibling URL (a soft 404), looks for
not-found wording in several languages, notices redirects to a home page or a
section front, and recognises bot walls and paywalls.

* :mod:`~citeaudit.links.outcome`: :class:`Outcome` and :class:`LinkResult`;
* :mod:`~citeaudit.links.classify`: the rules that turn an answer into an outcome
  (its cues searched in folded text, :mod:`~citeaudit.links.fold`);
* :mod:`~citeaudit.links.soft404`: each folder's answer to a made-up URL;
* :mod:`~citeaudit.links.one`: one URL fetched, read and judged;
* :mod:`~citeaudit.links.check`: the concurrent check itself.
"""

from __future__ import annotations

from citeaudit.links.check import check_links, iter_check_links
from citeaudit.links.outcome import LinkResult, Outcome

__all__ = ["LinkResult", "Outcome", "check_links", "iter_check_links"]

"""Link text that says what a link is or does, not which work it leads to.

``[PDF](…)``, ``[hier](…)``, ``voir [ici](…)``, ``[Linkki](…)``, ``[Abstract](…)``:
a reader takes such a word for the link's kind (a file, a page, a place to click),
never for the title of the cited work.  A note whose only cue is such a link names no
title (``title: None``); one that also marks its title another way (``**Title** …
[[PDF](…)]``) keeps that title.
"""

from __future__ import annotations

import re

# One entry per word as it is written on links, folded to lower case; the languages
# the project's notes come in.  Words of a kind of file or of a part of a paper page
# ("pdf", "abstract", "slides") count too: they name the link's target, not its work.
LINK_WORDS = frozenset(
    {
        # "here", "this link", "click here", "link", "website" …
        "here",
        "click here",
        "this link",
        "link",
        "links",
        "website",
        "site",
        "web",
        "homepage",
        "home page",
        "page",
        "source",
        "download",
        "online",
        "more",
        "read more",
        "full text",
        "pdf",
        "html",
        "abstract",
        "paper",
        "slides",
        "video",
        "code",
        "preprint",
        "doi",
        "url",
        "this",
        "view",
        "see",
        # German, Dutch
        "hier",
        "deze link",
        "dieser link",
        "klik hier",
        "hier klicken",
        "webseite",
        "bron",
        "quelle",
        "volltext",
        # French, Spanish, Portuguese, Italian
        "ici",
        "lien",
        "le lien",
        "ce lien",
        "cliquez ici",
        "site web",
        "aquí",
        "aqui",
        "enlace",
        "este enlace",
        "clique aqui",
        "qui",
        "questo link",
        "sito",
        "fonte",
        "fuente",
        "source ici",
        # Finnish, Swedish, Polish, Czech, Turkish
        "linkki",
        "tästä",
        "täältä",
        "länk",
        "här",
        "tutaj",
        "tu",
        "zde",
        "odkaz",
        "bağlantı",
        "link için",
        "buradan",
        "burada",
        "tıklayın",
    }
)
_EDGES = re.compile(r"^[\s\[(«“\"'*_]+|[\s\])»”\"'*_.:!→»>]+$")


def is_link_word(text: str | None) -> bool:
    """Is ``text`` (a link's text) a word for the link itself rather than a title?"""
    if not text or len(text) > 20:
        return False
    return _EDGES.sub("", text).casefold() in LINK_WORDS

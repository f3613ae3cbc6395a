"""URLs in a note's text and in its markup.

A URL is taken exactly as written, with the punctuation of the sentence around it
trimmed off, a line break inside it mended, and a space inside its path kept (as
``%20``) only where that reading is the only one: the words after the space end in
a file name (``…/Annual Report 2020.pdf``) or the URL is wrapped in ``<…>``.
"""

from __future__ import annotations

import html as htmllib
import re
from urllib.parse import unquote, urlsplit

import attrs

from citeaudit.notes.text import lowered, markup_text

# Patterns used inside functions, compiled once.
_LINE_BREAK = re.compile(r"\s*\n\s*")
_SPACES = re.compile(r"\s+")

URL_CHARS = r"[^\s<>\"“”«»\[\]{}|\\^`，。；：、（）【】《》！？「」]"
URL = re.compile(
    rf"(?:https?|ftp)://{URL_CHARS}+|(?<![\w@/.-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+",
    re.IGNORECASE,
)
"""Anything that looks like a URL: used to refuse URLs as titles or names."""

_SCHEME_URL = re.compile(rf"(?:https?|ftp)://{URL_CHARS}+", re.IGNORECASE)
_SCHEME_URL_LOWER = re.compile(rf"(?:https?|ftp)://{URL_CHARS}+")
_WWW_URL = re.compile(rf"(?<![\w@/.-])www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+{URL_CHARS}*", re.IGNORECASE)
# A host and path written without scheme or www (``en.wikipedia.org/wiki/X``).  Run
# only when a ``.tld/`` is present: trying it at every word made notes slower.
_TLDS = r"(?:org|com|net|edu|gov|int|io|info|de|fr|es|it|nl|pl|ru|tr|uk|eu|pt|br|jp|kr|cn)"
_BARE_HINT = re.compile(rf"\.{_TLDS}/", re.IGNORECASE)
_BARE_HINT_LOWER = re.compile(rf"\.{_TLDS}/")  # the same, in lower-cased text: faster
_BARE = re.compile(rf"(?<![\w@/.:-])(?:[a-z0-9-]+\.)+{_TLDS}/{URL_CHARS}+", re.IGNORECASE)
# (The text may open with a bracketed tag: "[[Docker] Compose setup](https://…)".)
MD_LINK = re.compile(r"\[(?P<text>(?:\[[^\[\]]*\])?[^\[\]]*)\]\(\s*<?(?=(?:https?|ftp)://|www\.)")
_TRAIL = ".,;:!?'\"’”»*_>"
_CONTINUATION = re.compile(r"(?P<gap>\n[ \t]*|[ \t])(?P<cont>[A-Za-z0-9%][A-Za-z0-9\-._~%/?#=&+]*)")
# "…/files/Annual Report 2020.pdf": up to five words, the last a file name.
_SPACED_FILE = re.compile(
    r"(?:[ ][^\s<>\"“”«»\[\](){}|]{1,40}){1,5}?"
    r"\.(?:pdf|html?|php|aspx?|docx?|xlsx?|pptx?|txt|csv|jpe?g|png)"
    r"(?=[\s,;)\]>]|[.]\s|[.]?$)",
    re.IGNORECASE,
)
_FILE_AHEAD = re.compile(r"\.(?:pdf|html?|php|aspx?|docx?|xlsx?|pptx?|txt|csv|jpe?g|png)\b", re.I)
_ANGLED = re.compile(r"<((?:https?|ftp)://[^<>\n]+?)>", re.IGNORECASE)
_HTML_HREF = re.compile(
    r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE
)


@attrs.frozen
class FoundUrl:
    """A URL and the span of text it was read from."""

    url: str
    start: int
    end: int
    shown: bool = False
    """Written as the whole text of a Markdown link that goes elsewhere: shown, not cited."""


def _trim(url: str) -> str:
    """Drop trailing punctuation that belongs to the sentence, keeping balanced brackets."""
    while url:
        last = url[-1]
        unbalanced = (last == ")" and url.count("(") < url.count(")")) or (
            last == "]" and url.count("[") < url.count("]")
        )
        if last in _TRAIL or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _span_end(text: str, start: int, end: int) -> int:
    """Extend a URL that a line break (or a space after ``-``/``/``) cut in two."""
    while True:
        url = text[start:end]
        match = _CONTINUATION.match(text, end)
        if not match:
            return end
        cont = match.group("cont")
        newline = "\n" in match.group("gap")
        cut_mid_path = url[-1] in "-/_=&?%~"
        looks_like_path = any(
            c in cont.rstrip(".,;)") for c in "/-_.=%?&"
        ) and not cont.lower().startswith(("http", "www."))
        hyphen_break = newline and url.endswith("-") and cont[:1].islower()
        if (looks_like_path and (newline or cut_mid_path)) or hyphen_break:
            end = match.end()
            continue
        return end


def _spaced_end(text: str, start: int, end: int) -> int:
    """The end of a URL whose path goes on past a space to a file name, else ``end``."""
    url = text[start:end]
    if url.count("/") < 3 or "." in url.rsplit("/", 1)[-1]:
        return end  # no path yet, or the last segment already is a file name
    if "." not in text[end : end + 220] or not _FILE_AHEAD.search(text, end, end + 220):
        return end  # no file name ahead: the common case, and much cheaper to rule out
    match = _SPACED_FILE.match(text, end)
    if not match or "://" in match.group(0) or "www." in match.group(0):
        return end
    return match.end()


def find_urls(text: str) -> list[FoundUrl]:
    """Every URL written in ``text``, in order, each with its span."""
    found: list[FoundUrl] = []
    angled = {m.start(1): m.end(1) for m in _ANGLED.finditer(text)} if "<" in text else {}
    lower = lowered(text)
    if "://" not in text:
        matches = []
    elif len(lower) == len(text) and "ſ" not in text:
        # The same spans as the case-blind scan (only "ſ" is case-blind "s" and is its own
        # lower case), found several times faster in the lower-cased text.
        matches = list(_SCHEME_URL_LOWER.finditer(lower))
    else:
        matches = list(_SCHEME_URL.finditer(text))
    spans = [m.span() for m in matches]

    def outside(pos: int) -> bool:  # a hint not already inside a "https://…" URL
        return not any(s <= pos < e for s, e in spans)

    at = lower.find("www.")
    while at >= 0 and not outside(at):
        at = lower.find("www.", at + 4)
    if at >= 0:
        matches.extend(_WWW_URL.finditer(text))
    # Every bare host and path has a "/" after its ".tld": a note with no "/" skips the scan.
    if "/" not in text:
        hints = iter(())
    elif len(lower) == len(text):
        hints = _BARE_HINT_LOWER.finditer(lower)
    else:
        hints = _BARE_HINT.finditer(text)
    for hint in hints:  # a plain loop: most hints are the ".com/" of a URL already found
        pos = hint.start()
        for s, e in spans:
            if s <= pos < e:
                break
        else:
            matches.extend(_BARE.finditer(text))
            break
    if len(matches) > 1:
        matches.sort(key=lambda m: m.start())
        kept: list[re.Match[str]] = []
        for m in matches:  # "https://www.x/…" is one URL, not two
            if not kept or m.start() >= kept[-1].end():
                kept.append(m)
        matches = kept
    link_texts = (
        [(m.start("text"), m.end("text")) for m in MD_LINK.finditer(text)] if "](" in text else []
    )
    for match in matches:
        start, end = match.start(), match.end()
        scheme = "://" in match.group(0)[:8]
        if not scheme and any(s <= start < e for s, e in link_texts):
            continue  # "[epdk.gov.tr/x](https://www.epdk.gov.tr)": the text only shows the link
        if scheme and link_texts and not text[end : end + 1].isspace():
            end = _markdown_end(text, start, end, link_texts)
        if scheme and start in angled and angled[start] > end:
            end = angled[start]
            # "<https://x/a.html >": a space before the closing bracket ends no path.
            url = _LINE_BREAK.sub("", text[start:end]).rstrip().replace(" ", "%20")
        elif scheme:
            joined = _span_end(text, start, end)
            end = _spaced_end(text, start, joined)
            url = _SPACES.sub("", text[start:joined]) + text[joined:end].replace(" ", "%20")
        else:
            url = "http://" + text[start:end]
        raw = text[start:end]
        url = _trim(url)
        if scheme and text[start - 2 : start] == "](" and url == text[start : start + len(url)]:
            # "[…](https://x/#:~:text=…trabajo.)": a Markdown target ends at its bracket, so
            # a full stop right before it belongs to the address, not to the sentence.
            after = text[start + len(url) : start + len(url) + 2]
            if len(after) == 2 and after[0] in ".!?" and after[1] == ")":
                url += after[0]
        if len(url) > len("http://x.y"):
            found.append(FoundUrl(url, start, start + len(raw.rstrip(_TRAIL + ")]"))))
    if len(found) > 1 and link_texts:
        found = _mark_shown_addresses(text, found, link_texts)
    if len(found) > 1:
        found = _without_site_names(text, found)
        # "[https://x/…trabajo.](https://x/…trabajo.)": the text's copy lost the full stop
        # the target keeps; it is the same link.
        targets = {u.url for u in found}
        found = [u for u in found if not (u.url + "." in targets and u.url[-1:] != ".")]
    return found


def _markdown_end(text: str, start: int, end: int, link_texts: list[tuple[int, int]]) -> int:
    """``[https://x/【新書】/](https://x/【新書】/)``: a Markdown link's target runs to its
    closing bracket, so punctuation a bare URL stops at (``【``, ``｜``) is part of it
    there; a URL written as the whole text of such a link is that target again."""
    if text[start - 2 : start] == "](" or text[start - 3 : start] == "](<":
        close = _target_close(text, start)
        return close if close is not None and close > end else end
    for s, e in link_texts:
        if s == start and e > end and text[e : e + 2] == "](":
            shown = text[s:e]
            close = _target_close(text, e + 2)
            if close is not None and text[e + 2 : close].lstrip("<") == shown:
                return e
    return end


def _mark_shown_addresses(
    text: str, found: list[FoundUrl], link_texts: list[tuple[int, int]]
) -> list[FoundUrl]:
    """``[https://x/pkg.html](https://x/file.html)``: a URL written as the whole text of a
    Markdown link whose target is another address only shows an address; the link goes
    to its target, the one URL the note cites.  (Kept, marked, so its span stays blanked.)"""
    at = {u.start: u for u in found}
    shown = set()
    for s, e in link_texts:
        text_url = at.get(s)
        target = at.get(e + 2) or at.get(e + 3)  # "](https://…" or "](<https://…"
        if text_url is None or target is None or text[e : e + 2] != "](":
            continue
        whole = not text[text_url.end : e].strip(_TRAIL + " ")  # the URL is all the text
        if whole and text_url.url != target.url:
            shown.add(s)
    if not shown:
        return found
    return [attrs.evolve(u, shown=True) if u.start in shown else u for u in found]


def _target_close(text: str, pos: int) -> int | None:
    """Where the link target starting at ``pos`` ends: at the ``)`` (or ``>``) that
    closes it, brackets inside it balanced; None when a space comes first."""
    depth = 0
    for at in range(pos, min(len(text), pos + 2000)):
        char = text[at]
        if char.isspace():
            return None
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return at - 1 if text[at - 1] == ">" else at
            depth -= 1
    return None


def _without_site_names(text: str, found: list[FoundUrl]) -> list[FoundUrl]:
    """``12 26, 2022 tarihinde www.dha.com.tr: https://www.dha.com.tr/gundem/…``: a bare
    host written as the site's name, beside a full URL on that host, is not a second link."""
    hosts = {urlsplit(u.url).hostname for u in found if urlsplit(u.url).path.strip("/")}
    return [
        u
        for u in found
        if "://" in text[u.start : u.start + 8]
        or urlsplit(u.url).path.strip("/")
        or urlsplit(u.url).hostname not in hosts
    ]


# The text of a wiki's own link that stands for an identifier: its name ("ISBN", "OCLC") or
# the number itself ("92-67-10260-5"), linked to the wiki's article or book-sources page.
_IDENTIFIER_TEXT = re.compile(
    r"(?:ISBN|ISSN|OCLC|DOI|PMID|PMC|LCCN|JSTOR|S2CID|Bibcode|arXiv|ZDB|OL|BNF|GND|SUDOC)"
    r"|[\dXx](?:[\d\s-]){8,15}[\dXx]",
    re.IGNORECASE,
)
_ANCHOR_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)


def _wiki_apparatus(href: str, text: str) -> bool:
    """Is this link the wiki page's own apparatus, not a source?  A footnote's backlink
    (MediaWiki's ``#cite_ref-…``, or ``#cite_note-…`` forward) leads back into the article
    that cites; on a Wikipedia host, an identifier's name or number links to the wiki's
    article on it or its book-sources page.  A page saved whole writes these links with
    the wiki's address, where the live page writes them relative (and they are skipped)."""
    parts = urlsplit(href)
    if parts.fragment.startswith(("cite_ref", "cite_note")):
        return True
    host = (parts.hostname or "").casefold()
    return host.endswith("wikipedia.org") and bool(_IDENTIFIER_TEXT.fullmatch(text))


# A CS1 identifier's name links to the wiki's article on it ("/wiki/S2CID_(identifier)",
# title "Doi (identifier)"); the external link right after it, past a colon or a space, is
# that identifier's number.
_IDENTIFIER_ARTICLE = re.compile(r"_\(identifier\)|\(identifier\)\"", re.IGNORECASE)
_IDENTIFIER_GAP = re.compile(r"(?:\s|&#160;|&nbsp;|:|\u00a0)*\Z")


def _after_identifier_name(html: str, start: int, previous_close: int) -> bool:
    """Does the link at ``start`` follow a link to an identifier's article, with only a
    colon or a space between?  CS1 writes ``<a href="/wiki/Doi_(identifier)">doi</a>:<a
    href="https://doi.org/…">10.…</a>``: the second link is the identifier written as a
    link (read as ``doi``, or left out as an S2CID is), not a source the note points to."""
    if previous_close < 0:
        return False
    opened = html.rfind("<a", 0, previous_close)
    gap = html[previous_close:start]
    closing = _ANCHOR_CLOSE.match(gap)
    if opened < 0 or closing is None or not _IDENTIFIER_GAP.match(gap, closing.end()):
        return False
    return bool(_IDENTIFIER_ARTICLE.search(html, opened, previous_close))


def html_links(html: str) -> list[tuple[str, str]]:
    """The ``href`` and shown text of every external link in a note's markup (not the
    wiki's own apparatus, see ``_wiki_apparatus``, nor an identifier's number, see
    ``_after_identifier_name``)."""
    links = []
    previous_close = -1
    for match in _HTML_HREF.finditer(html):
        href = htmllib.unescape(next(g for g in match.groups() if g is not None)).strip()
        after_identifier = _after_identifier_name(html, match.start(), previous_close)
        opened = html.find(">", match.end())
        close = _ANCHOR_CLOSE.search(html, opened + 1) if opened >= 0 else None
        previous_close = close.start() if close else -1
        if href.startswith("//"):
            href = "https:" + href  # Wikipedia writes protocol-relative links
        if not href.lower().startswith(("http://", "https://", "ftp://")):
            continue
        inner = html[opened + 1 : close.start()] if close else ""
        text = markup_text(inner)
        if not _wiki_apparatus(href, text) and not after_identifier:
            links.append((href, text))
    return links


def html_urls(html: str) -> list[str]:
    """The ``href`` of every external link in a note's markup (see ``html_links``)."""
    return [href for href, _ in html_links(html)]


def _redirects_to(href: str, url: str) -> bool:
    """Does ``href`` lead to ``url`` through a redirect that carries it in its query
    (``https://www.google.com/url?q=https%3A%2F%2Fx.org%2Fa``)?"""
    query = urlsplit(href).query
    return bool(query) and url in unquote(query)


def shown_by_link(url: str, links: list[tuple[str, str]]) -> bool:
    """Is ``url``, found in the note's text, only what one of its HTML links shows?  The
    link's text is the address it leads to, or the target of the redirect it is: the
    reader follows the ``href``, so the text adds no address of its own.  (A link whose
    text names another page of the same site is two addresses, and both are kept.)"""
    bare = url.rstrip("/")
    return any(
        bare == href.rstrip("/") or (bare == text.strip().rstrip("/") and _redirects_to(href, bare))
        for href, text in links
    )

"""The wiki edit: an article's wikitext with its dead and drifted citations mended.

This is the edit InternetArchiveBot makes.  Each ``{{cite …}}`` (or
``{{citation}}``) template whose ``url=`` the audit found

* gone, with an archived copy: gains ``archive-url``, ``archive-date`` and
  ``url-status=dead``;
* live but drifted (the copy from the access date supports the sentence, the
  live page no longer does): gains the same with ``url-status=live``;
* gone, and every archive asked answered that it holds no copy: is followed by
  ``{{dead link|date=Month YYYY|fix-attempted=yes}}``.

A template that already names an archived copy (``archive-url``, or a
``{{webarchive}}`` after it), is followed by ``{{cbignore}}``, or (for a
dead link without a copy) is already followed by ``{{dead link}}``, is left
as it is, and so is everything else, byte for byte: mwparserfromhell gives
back exactly the text it parsed, and only the parameters added are new.  A
link that could not be checked (a timeout, an archive that did not answer) is
never marked dead.

It reads the wikitext and the :class:`~citeaudit.report.Report` only, so it
works whichever reader parsed the article.
"""

from __future__ import annotations

import difflib
import enum

import attrs
import mwparserfromhell
from mwparserfromhell.nodes import Template
from mwparserfromhell.wikicode import Wikicode

from citeaudit.archive.interface import Snapshot
from citeaudit.findings import DEAD
from citeaudit.read.wikitext import cited_url
from citeaudit.report.model import FindingKind, Report

CITATION_TEMPLATES = ("cite ", "citation")
"""Template names (lower case) that are citations: ``cite web``, ``cite news``, ``citation``…"""
DEAD_LINK_NAMES = frozenset({"dead link", "deadlink", "dead-link", "dl", "404", "broken link"})
"""``{{dead link}}`` and the redirects to it that editors write."""
ARCHIVE_NAMES = frozenset({"webarchive", "wayback", "web archive", "webcite"})
"""Templates that already give a citation its archived copy, after it."""
IGNORE_NAMES = frozenset({"cbignore"})
"""``{{cbignore}}``: editors' way of telling bots to leave the citation before it alone."""
_ARCHIVE_PARAMS = ("archive-url", "archiveurl")


class Mend(enum.StrEnum):
    """What the edit does to one citation."""

    DEAD = "dead"
    """Archived copy added, ``url-status=dead``."""
    LIVE = "live"
    """Archived copy added, ``url-status=live`` (the live page drifted)."""
    DEAD_LINK = "dead_link"
    """``{{dead link}}`` added: no archive holds a copy."""


@attrs.frozen
class Plan:
    """What to do to citations of one URL."""

    mend: Mend
    snapshot: Snapshot | None = None


@attrs.frozen
class Edit:
    """One citation the fix changed."""

    url: str
    mend: Mend
    archive_url: str | None = None


@attrs.frozen
class FixResult:
    """The mended wikitext and what changed in it."""

    original: str
    text: str
    edits: tuple[Edit, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether any citation was mended."""
        return self.text != self.original

    def diff(self, name: str = "article") -> str:
        """A unified diff from the original to the mended text (empty when nothing changed)."""
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


def plan(report: Report) -> dict[str, Plan]:
    """Each cited URL the audit found dead or drifted, and how to mend its citation."""
    drifted = {
        (f.note, f.archive_url)
        for f in report.findings
        if f.kind is FindingKind.CONTENT_DRIFT and f.archive_url
    }
    plans: dict[str, Plan] = {}
    for note in report.notes:
        for link in note.links:
            snap = link.snapshot
            if link.result.outcome in DEAD:
                if snap is not None:
                    plans.setdefault(link.url, Plan(Mend.DEAD, snap))
                elif link.lookup is not None and link.lookup.complete:
                    plans.setdefault(link.url, Plan(Mend.DEAD_LINK))
            elif snap is not None and (note.note.label, snap.url) in drifted:
                plans.setdefault(link.url, Plan(Mend.LIVE, snap))
    return plans


def _is_citation(template: Template) -> bool:
    name = " ".join(str(template.name).split()).lower()
    return name.startswith(CITATION_TEMPLATES)


def _param(template: Template, *names: str) -> str:
    for name in names:
        if template.has(name):
            return str(template.get(name).value).strip()
    return ""


def _url_of(template: Template) -> str:
    # Read as the reader reads it, so that it is the URL the report checked.
    for name in ("url", "URL"):
        if template.has(name):
            return cited_url(template.get(name).value)
    return ""


def _siblings(code: Wikicode, template: Template) -> list | None:
    """The nodes of the Wikicode that directly holds ``template``."""
    for i, node in enumerate(code.nodes):
        if node is template:
            return code.nodes[i + 1:]
        for child in node.__children__():
            found = _siblings(child, template)
            if found is not None:
                return found
    return None


def _followers(code: Wikicode, template: Template) -> set[str]:
    """Names (lower case) of the templates right after ``template``, before any other text."""
    names: set[str] = set()
    for node in _siblings(code, template) or ():
        if isinstance(node, Template):
            names.add(" ".join(str(node.name).split()).lower())
        elif str(node).strip():
            break
    return names


def _padding(text: str) -> tuple[str, str]:
    core = text.strip()
    if not core:
        # An empty value: spaces before the value's place, the line break after it.
        lead = text[: len(text) - len(text.lstrip(" \t"))]
        return lead, text[len(lead):]
    lead = text[: len(text) - len(text.lstrip())]
    return lead, text[len(lead) + len(core):]


def _layout(template: Template) -> tuple[str, str, str, str]:
    """How the template spaces a parameter: name's lead and tail, value's lead, pipe's lead.

    Read from the last filled-in named parameter before the final one (the
    spacing before a pipe lives at the end of the previous value).
    """
    last = template.params[-1]
    filled = [p for p in template.params if p.showkey and str(p.value).strip()]
    before = [p for p in filled if p is not last]
    model = before[-1] if before else (filled[-1] if filled else last)
    name_lead, name_tail = _padding(str(model.name))
    value_lead, between = _padding(str(model.value))
    if model is last:
        between = str(last.value)[len(str(last.value).rstrip()):]
    return name_lead, name_tail, value_lead, between


def set_params(template: Template, values: dict[str, str]) -> None:
    """Set ``values`` on ``template`` in the template's own layout.

    A parameter already present (often left empty by a form) gets its value in
    place; the others are appended after the last parameter, spaced like the
    parameters before them (one line each in a vertical template,
    `` |name=value`` in an inline one).
    """
    name_lead, name_tail, value_lead, between = _layout(template)
    missing: list[tuple[str, str]] = []
    for name, value in values.items():
        if template.has(name):
            param = template.get(name)
            old = str(param.value)
            lead, tail = _padding(old) if old.strip() else (value_lead, old)
            param.value = f"{lead}{value}{tail}"
        else:
            missing.append((name, value))
    if not missing:
        return
    last = template.params[-1]
    value = str(last.value)
    core_end = len(value.rstrip())
    added = "".join(
        f"{between}|{name_lead}{name}{name_tail}={value_lead}{val}" for name, val in missing
    )
    last.value = value[:core_end] + added + value[core_end:]


def fix_wikitext(wikitext: str, report: Report) -> FixResult:
    """``wikitext`` with the citations of dead and drifted links mended (see module doc)."""
    plans = plan(report)
    code = mwparserfromhell.parse(wikitext)
    edits: list[Edit] = []
    month = report.checked_at.strftime("%B %Y")
    for template in code.filter_templates(recursive=True):
        if not _is_citation(template):
            continue
        url = _url_of(template)
        todo = plans.get(url)
        if todo is None:
            continue
        after = _followers(code, template)
        if _param(template, *_ARCHIVE_PARAMS) or after & (ARCHIVE_NAMES | IGNORE_NAMES):
            continue  # an editor already chose an archived copy, or asked bots to keep off
        if todo.mend is Mend.DEAD_LINK:
            if after & DEAD_LINK_NAMES:
                continue
            code.insert_after(template, f"{{{{dead link|date={month}|fix-attempted=yes}}}}")
            edits.append(Edit(url, todo.mend))
            continue
        assert todo.snapshot is not None
        set_params(template, {
            "archive-url": todo.snapshot.url,
            "archive-date": todo.snapshot.datetime.date().isoformat(),
            "url-status": todo.mend.value,
        })
        edits.append(Edit(url, todo.mend, todo.snapshot.url))
    return FixResult(original=wikitext, text=str(code), edits=tuple(edits))

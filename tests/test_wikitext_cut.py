"""Cutting simple refs out before parsing reads every page exactly as parsing it whole."""

from __future__ import annotations

import random
from pathlib import Path

import mwparserfromhell
import pytest

from citeaudit.read import wikitext
from citeaudit.read.wikicut import _REF, PLACEHOLDER, cut_refs
from citeaudit.read.wikitext import WikitextReader

DATA = Path(__file__).parent / "data" / "wikitext"

PAGES = {
    "plain refs": "Troops arrived.<ref>Doe, Troops, Reuters, 2024.</ref> More.<ref>Ibid.</ref>\n",
    "urls and entities": (
        "A.<ref>“T”, Site, https://www.x.org/n/2024/a-1, (Access Date: 01.02.2024).</ref> "
        "B.<ref>Q &amp; A, https://x.org/?id=1&lang=en</ref> C.<ref>mailto:a@b.org</ref>\n"
    ),
    "links parsed together": (
        "A.<ref>http://a.org/x.</ref> B.<ref>See (http://b.org/y), p. 2.</ref> "
        "C.<ref>&amp;</ref> D.<ref>x &nbsp;http://c.org/?q=1&r=2;</ref> E.<ref>ftp://d.org</ref>"
        " F.<ref>https://e.org/(z)</ref> G.<ref>Plain.</ref> H.<ref>urn:x:y and news:z</ref> "
        "I.<ref>&#91;1&#93; http://f.org/a&amp;b</ref> J.<ref>http://g.org/ http://h.org/</ref>\n"
    ),
    "templates and links in refs": (
        "A.<ref>{{cite web|last=Lee|first=A.|year=1999|title=T|url=http://x.org/a}}</ref> "
        "B.<ref>[http://y.org Y], [[The Times]], 2001.</ref> C.<ref>{{cite news|title=N}}</ref> "
        'D.<ref name="n">{{cite book|title=B|isbn=123}}</ref> E.<ref name="n" /> '
        "F.<ref>{{sfn|Lee|1999|p=3}}</ref> G.<ref>{{cite web|title=[[Linked]]}}</ref> "
        "H.<ref>{{{param}}}</ref> I.<ref>{|table</ref> J.<ref>}} {{</ref> K.<ref>[[a]]]</ref>\n"
        "\n== Sources ==\n* {{cite book|last=Lee|year=1999|title=It}}\n"
    ),
    "named reuse": (
        'One.<ref name="a">Alpha 2020.</ref> Two.<ref name="b">Beta.</ref> '
        'Three.<ref name="a" /> Four.<ref name=b /> Five.<ref name=a/>\n'
    ),
    "named, defined later": (
        'One.<ref name="late" /> Two.<ref>Other.</ref>\n\n== References ==\n'
        '<ref name="late">Defined at the end.</ref>\n'
    ),
    "list-defined": (
        'One.<ref name="x" /> Two.<ref>Plain.</ref>\n\n== Notes ==\n'
        '{{reflist|refs=<ref name="x">In the list.</ref>}}\n'
    ),
    "references tag": (
        'One.<ref name="y" /> Two.<ref>Plain.</ref>\n<references>\n<ref name="y">Here.</ref>\n'
        "</references>\n"
    ),
    "groups and efn": (
        'A.<ref group="note">A note.</ref> B.<ref group=note>Another.</ref> '
        "C.{{efn|An efn.}} D.<ref>Source.</ref>\n"
    ),
    "sfn and bibliography": (
        "A.{{sfn|King|2003|p=41}} B.<ref>Plain.</ref>\n\n== Sources ==\n"
        "* {{cite book|last=King|first=S.|year=2003|title=It}}\n"
    ),
    "ref in template": "A.{{nowrap|x<ref>Inside.</ref>}} B.<ref>Out.</ref>\n",
    "ref in cite param": "A.<ref>{{cite web|title=T|url=https://x.org}}</ref> B.<ref>P.</ref>\n",
    "ref in heading": "== Head<ref>In heading.</ref> ==\nText.<ref>Body.</ref>\n",
    "ref in table": "{|\n| cell<ref>In table.</ref>\n|}\nText.<ref>Body.</ref>\n",
    "ref in comment": "A.<!-- <ref>Hidden.</ref> --> B.<ref>Shown.</ref>\n",
    "unclosed comment": "A.<ref>Shown.</ref> B.<!-- <ref>Hidden?</ref>\n",
    "ref in nowiki": "A.<nowiki><ref>Literal.</ref></nowiki> B.<ref>Real.</ref>\n",
    "unclosed nowiki": "A.<nowiki> x<ref>Real?</ref> B.<ref>Real.</ref>\n",
    "ref in pre": "<pre>\n<ref>Literal.</ref>\n</pre>\nB.<ref>Real.</ref>\n",
    "ref in link": (
        "[[Page|x<ref>In link.</ref>]] [http://x.org t<ref>In ext.</ref>] C.<ref>R.</ref>"
    ),
    "url just before": "See http://x.org/a<ref>After a URL.</ref> and more.<ref>R.</ref>\n",
    "formatting around": "''Italic<ref>In italics.</ref>'' and '''bold'''<ref>After.</ref>\n",
    "unclosed formatting": "''Italic<ref>In italics.</ref> on.<ref>After.</ref>\n",
    "list items": "* One.<ref>First.</ref>\n* Two.<ref>Second.</ref>\n# Three.<ref>Third.</ref>\n",
    "odd content": (
        "A.<ref> Space first.</ref> B.<ref>*Star.</ref> C.<ref>:Colon.</ref> "
        "D.<ref>it's quoted</ref> E.<ref>a_b__TOC__</ref> F.<ref>x = y</ref> "
        "G.<ref></ref> H.<ref>-dash</ref> I.<ref>#hash</ref>\n"
    ),
    "odd tags": (
        "A.<REF>Upper.</REF> B.<ref >Spaced.</ref> C.<ref>Close spaced.</ref > "
        'D.<ref name = "s">Spaced attr.</ref> E.<ref name="q"group="g">Tight.</ref> '
        "F.<ref name='single'>Single.</ref> G.<ref name=\"s\"/>\n"
    ),
    "nested refs": "A.<ref>Outer <ref>inner</ref> rest</ref> B.<ref>R.</ref>\n",
    "unclosed ref": "A.<ref>Never closed. B.<ref>R.</ref>\n",
    "written marker": "A [1] in the prose.<ref>R.</ref>\n",
    "placeholder in page": f"A {PLACEHOLDER} char.<ref>R.</ref>\n",
    "display title": "{{DISPLAYTITLE:Page}}\nA.<ref>R.</ref>\n",
    "end section prose": "A.<ref>R.</ref>\n\n== External links ==\nB.<ref>Skipped.</ref>\n",
    "r template": 'A.<ref name="z">Zed.</ref> B.{{r|z}}\n',
    "paragraphs": "A.<ref>R1.</ref>\nsame paragraph.<ref>R2.</ref>\n\nNew one.<ref>R3.</ref>",
}

FRAGMENTS = [
    "Text. ", "More text ", "\n\n", "\n", "* ", "== Head ==\n", "== References ==\n",
    "<ref>Plain note.</ref>", "<ref>Note, https://x.org/a?b=1&c=2.</ref>",
    '<ref name="a">Named.</ref>', '<ref name="a" />', "<ref name=b>B.</ref>", "<ref name=b/>",
    '<ref group="g">Grouped.</ref>', "{{sfn|Lee|1999|p=2}}", "{{efn|Efn note.}}",
    "{{cite web|last=Lee|year=1999|title=T|url=https://x.org}}", "{{nowrap|", "}}",
    "[[Link|", "]]", "[http://x.org ", "]", "''", "'''", "<!-- ", " -->", "<nowiki>",
    "</nowiki>", "{|\n| ", "\n|}\n", "http://y.org/p", "&amp;", "[2]", "{{reflist}}",
    "<references/>", "<ref>", "</ref>", "{{r|a}}", "<REF>Upper.</REF>", "<ref name=c/>",
    "<ref name='c'>C.</ref>", "<ref>{{cite web|title=T|url=http://x.org|last=Lee|year=1999}}</ref>",
    "<ref>[http://x.org Title] p. 2</ref>", "<ref>[[Page|Text]], 2001</ref>", "<ref>}}</ref>",
    "<ref>{{x}} and [[y]]</ref>", "<ref>]]</ref>", "<ref>{{sfn|Lee|1999}}</ref>", "[[Foo|bar",
    "{{foo|", "<ref>{{efn|E.}}</ref>", "<ref>[</ref>", "<ref>{{a|[[b]]}}</ref>", "|", " ",
    "<ref>x: y</ref>", "<pre>", "</pre>", "=", "<br />",
]


def _whole(text: str, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as patch:
        patch.setattr(wikitext, "cut_refs", lambda text, parse: None)
        return WikitextReader().read(text)


def _same_reading(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert WikitextReader().read(text) == _whole(text, monkeypatch)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_page_reads_the_same_with_its_simple_refs_cut_out(name, monkeypatch):
    _same_reading(PAGES[name], monkeypatch)


@pytest.mark.parametrize("path", sorted(DATA.glob("*.wiki")), ids=lambda p: p.name)
def test_a_real_page_reads_the_same_with_its_simple_refs_cut_out(path, monkeypatch):
    _same_reading(path.read_text("utf-8"), monkeypatch)


def test_pages_stitched_from_markup_fragments_read_the_same(monkeypatch):
    rng = random.Random(13)
    cut = put_back = 0
    for _ in range(1500):
        text = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 14)))
        assert WikitextReader().read(text) == _whole(text, monkeypatch), text
        page = cut_refs(text, mwparserfromhell.parse)
        cut += page is not None
        put_back += page is not None and len(_REF.findall(text)) > sum(
            type(node).__name__ == "CutRef" for node in page.nodes)
    # Both ways were taken often enough for the comparison to mean something.
    assert cut > 300 and put_back > 50


def test_top_level_simple_refs_are_cut_and_their_places_kept():
    text = 'A.<ref>One.</ref> B.<ref name="n" /> C.'
    page = cut_refs(text, mwparserfromhell.parse)
    assert page is not None
    cut = [node for node in page.nodes if type(node).__name__ == "CutRef"]
    assert [(ref.start, ref.text) for ref in cut] == [(2, "<ref>One.</ref>"),
                                                      (20, '<ref name="n" />')]
    assert page.source_place(len("A.\ue000 B.")) == text.index("B.") + 2


@pytest.mark.parametrize("text", [
    "{{nowrap|x<ref>In a template.</ref>}}",
    "<!-- <ref>In a comment.</ref> -->",
    "<nowiki><ref>In nowiki.</ref></nowiki>",
    "== H<ref>In a heading.</ref> ==",
    "No ref at all.",
    f"{PLACEHOLDER}<ref>A page with the placeholder in it.</ref>",
])
def test_a_page_whose_refs_cannot_be_cut_safely_is_parsed_whole(text):
    assert cut_refs(text, mwparserfromhell.parse) is None


def test_ref_contents_parsed_together_come_back_as_each_parsed_alone():
    from citeaudit.read.wikicut import _contents

    contents = ["http://a.org/x.", "Plain.", None, "", "See (http://b.org/y), p. 2.",
                "x &nbsp;http://c.org/?q=1&r=2;", "urn:x:y", "&amp;", "https://e.org/ end",
                "{{cite web|title=T|url=http://x.org}}", "[http://y.org Y], p. 2", "[[P|T]] x",
                "{{a}}{{b|c=[[d]]}}"]
    together = _contents(contents, mwparserfromhell.parse)
    alone = [mwparserfromhell.parse(c or "") for c in contents]
    assert [[(type(n).__name__, str(n)) for n in code.nodes] for code in together] == [
        [(type(n).__name__, str(n)) for n in code.nodes] for code in alone]


def test_a_ref_inside_a_template_is_put_back_and_the_others_stay_cut():
    text = "A.<ref>Out.</ref> {{nowrap|x<ref>In.</ref>}} B.<ref>Out too.</ref> [[L|y<ref>L.</ref>]]"
    page = cut_refs(text, mwparserfromhell.parse)
    assert page is not None
    assert [node.text for node in page.nodes if type(node).__name__ == "CutRef"] == [
        "<ref>Out.</ref>", "<ref>Out too.</ref>"]

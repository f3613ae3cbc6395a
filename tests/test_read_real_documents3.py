"""Reader defects found on whole real documents (bench/data/documents3), each as a small source."""

from __future__ import annotations

from citeaudit.read import parse_article

# A WordPress post with a tooltip footnote plug-in, exported to Markdown: the note is only
# the marker link's title (with the note's own HTML in it, quotes and all); the link jumps
# to a notes list the export left behind.  The second marker sits in a raw HTML block.
TOOLTIP_NOTES = """\
---
title: Reading the gauges
---

The gauge was read by hand every morning.<span class="easy-footnote">\
[<sup>1</sup>](https://blog.example.org/gauges/#easy-footnote-bottom-1-77 "The method is \
described in <a rel="noopener" href="https://example.org/manual" target="_blank">the \
station manual</a>, chapter 2.")</span> The readings were kept for forty years.

<div class="wp-block-image">Readings fell in dry summers.[<sup>2</sup>]\
(https://blog.example.org/gauges/#easy-footnote-bottom-2-77 "Dry summers were 1976 and 1995.")\
</div>

The station closed in 1999, when the river was moved.
"""


def test_a_tooltip_only_note_is_read_from_its_markers_title():
    article = parse_article(TOOLTIP_NOTES, "markdown")
    notes = {note.label: note for note in article.notes}
    assert set(notes) == {"1", "2"}
    assert notes["1"].raw == "The method is described in the station manual, chapter 2."
    assert notes["1"].urls == ("https://example.org/manual",)  # not the jump back to the post
    assert notes["2"].raw == "Dry summers were 1976 and 1995."
    assert notes["2"].urls == ()
    assert "every morning.[1]" in article.body
    assert "dry summers.[2]" in article.body
    assert "easy-footnote" not in article.body


def test_a_superscript_link_without_a_fragment_is_a_link_not_a_tooltip_note():
    source = (
        'The wall fell in 1953.[<sup>1</sup>](https://example.org/report "The report")\n\n'
        "It was rebuilt within two years, and the new wall was lower than the old one.\n"
    )
    article = parse_article(source, "markdown")
    assert all(note.raw != "The report" for note in article.notes)


def test_a_numbered_definition_is_kept_over_the_markers_title():
    source = (
        "The wall fell in 1953.[<sup>1</sup>](#fn-1 \"a tooltip\") It was rebuilt.[^1]\n\n"
        "[^1]: Smith, J. Storms. https://example.org/storms\n"
    )
    notes = parse_article(source, "markdown").notes
    assert [(note.label, note.urls) for note in notes] == [
        ("1", ("https://example.org/storms",))
    ]


# The same plug-in's page saved with its notes list hidden: the title (HTML escaped in the
# attribute, as the plug-in writes it) is the only copy of the note.
TOOLTIP_NOTE_HTML = """\
<html><body><article><p>The gauge was read by hand every morning for forty years.\
<span class="easy-footnote"><a href="#easy-footnote-bottom-1-77" title="See the \
&lt;a href=&quot;https://example.org/manual&quot;&gt;station manual&lt;/a&gt;.">\
<sup>1</sup></a></span> The station closed in 1999, when the river was moved.</p>
</article></body></html>
"""


def test_an_html_marker_whose_list_is_gone_keeps_its_note_in_its_title():
    article = parse_article(TOOLTIP_NOTE_HTML, "html")
    assert [(note.label, note.raw, note.urls) for note in article.notes] == [
        ("1", "See the station manual.", ("https://example.org/manual",))
    ]
    assert "forty years.[1] The station" in article.body


def test_a_title_that_only_names_the_link_is_not_a_note():
    for title in ("See footnote", "Footnote 1", "Jump to note 1"):
        source = TOOLTIP_NOTE_HTML.replace(
            TOOLTIP_NOTE_HTML[TOOLTIP_NOTE_HTML.index('title="') : TOOLTIP_NOTE_HTML.index('">')],
            f'title="{title}',
        )
        assert parse_article(source, "html").notes == (), title


# A post moved between blog engines: the marker kept its kramdown HTML, the notes list lost
# its ids (the note is a paragraph after an empty list item) and only its "↩" links back.
LOST_NOTE_IDS = """\
2021 is done. I thought it would be fun to look back at hyper.\
<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>

The client can now understand HTTP/0.9 responses, and the C API was merged.

* * *

1.

hyper-ish, if you will; see https://hyper.rs.&nbsp;[↩︎](#fnref:1)
"""


def test_a_note_whose_target_is_gone_is_found_by_its_backlink():
    article = parse_article(LOST_NOTE_IDS, "markdown")
    assert [(note.label, note.raw, note.urls) for note in article.notes] == [
        ("1", "hyper-ish, if you will; see https://hyper.rs.", ("https://hyper.rs",))
    ]
    assert "look back at hyper.[1]" in article.body
    assert "hyper-ish" not in article.body


def test_a_marker_with_no_target_and_no_backlink_makes_no_note():
    source = LOST_NOTE_IDS.replace("[↩︎](#fnref:1)", "")
    article = parse_article(source, "markdown")
    assert all("hyper-ish" not in note.raw for note in article.notes)


# A Chinese post copied from a WeChat article: bare [n] markers, and under 脚注 all the
# notes run together in one paragraph, each URL in <em>.
GLUED_NOTES = """\
<html><body><article>
<h1>联邦的问题</h1>
<p>具体问题可以看我之前写的文章 <strong>m3db 资源开销</strong>[1]，\
以及我写的 oom 追踪的分析文章。</p>
<p>联邦的官方文档请看 <strong>联邦文档地址</strong>[2]，\
其中给出了一个完整的配置样例，可以直接使用。</p>
<h3>脚注</h3>
<p>[1]m3db 资源开销: <em>https://zhuanlan.zhihu.com/p/359551116</em>[2]联邦文档地址: \
<em>https://prometheus.io/docs/prometheus/latest/federation/</em></p>
<p>原文链接：<strong>https://zhuanlan.zhihu.com/p/368868988</strong></p>
</article></body></html>
"""


def test_notes_run_together_in_one_paragraph_are_split_at_their_numbers():
    notes = parse_article(GLUED_NOTES, "html").notes
    assert [(note.label, note.urls) for note in notes] == [
        ("1", ("https://zhuanlan.zhihu.com/p/359551116",)),
        ("2", ("https://prometheus.io/docs/prometheus/latest/federation/",)),
    ]
    assert notes[1].raw == "联邦文档地址: https://prometheus.io/docs/prometheus/latest/federation/"


def test_a_note_citing_a_later_note_is_not_split_there():
    source = """\
The harbour wall failed in the storm of 1953 and was rebuilt within two years.[1] The new \
wall was lower, and its stones came from the old quarry on the hill.[2]

## Notes

[1] As in [2], the account follows the harbour board's minutes. https://example.org/minutes

[2] Quarry Trust, https://example.org/quarry
"""
    notes = parse_article(source, "text").notes
    assert [(note.label, note.urls) for note in notes] == [
        ("1", ("https://example.org/minutes",)),
        ("2", ("https://example.org/quarry",)),
    ]


# A post written where the editor has no footnotes (Medium, a pasted blog post): the
# markers are superscript digits, and so are the numbers of the notes under "Notes".
SUPERSCRIPT_NOTES = """\
# Why the wall failed

The harbour wall failed in the storm of 1953, when the sea rose two metres above the mark.¹ \
It was rebuilt within two years, though the new wall was lower than the old one.²

## Notes

¹ Smith, J. (2001). Storms of the North Sea. https://example.org/storms

² Harbour board minutes, 1955. https://example.org/minutes
"""


def test_superscript_digit_notes_under_a_notes_heading_are_the_markers_notes():
    for format in ("markdown", "text"):
        article = parse_article(SUPERSCRIPT_NOTES, format)
        assert [(note.label, note.urls) for note in article.notes] == [
            ("1", ("https://example.org/storms",)),
            ("2", ("https://example.org/minutes",)),
        ], format
        assert article.notes[0].raw == "Smith, J. (2001). Storms of the North Sea. https://example.org/storms"
        assert "above the mark.[1] It was" in article.body
        assert "Notes" not in article.body


def test_a_squared_unit_in_prose_is_not_a_note():
    article = parse_article(
        "The hall covers 400 m² and seats two hundred people on most evenings of the year.\n\n"
        "It was built in 1911 and rebuilt after the fire of 1950, when the roof was lost.\n",
        "text",
    )
    assert article.notes == ()
    assert "400 m² and" in article.body


# VuePress and its kind put a permalink sign in each heading: it is not the heading's words.
PERMALINK_HEADINGS = """\
<html><body><article>
<h1 id="why"><a class="header-anchor" href="#why" aria-hidden="true">#</a> Why the wall failed</h1>
<h2 id="storm">The storm of <a href="#notes">1953</a></h2>
<p>The harbour wall failed in the storm of 1953, when the sea rose two metres.[1]</p>
<h2 id="notes">Notes <a class="headerlink" href="#notes" title="Permalink">¶</a></h2>
<p>[1] Smith, J. Storms of the North Sea. https://example.org/storms</p>
</article></body></html>
"""


def test_a_headings_permalink_sign_is_left_out_of_the_title_and_the_body():
    article = parse_article(PERMALINK_HEADINGS, "html")
    assert article.title == "Why the wall failed"
    assert [(note.label, note.urls) for note in article.notes] == [
        ("1", ("https://example.org/storms",))
    ]
    assert "#" not in article.body and "¶" not in article.body
    assert article.body.startswith("The storm of 1953\n")  # a heading's own link stays

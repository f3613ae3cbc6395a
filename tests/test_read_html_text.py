"""The HTML reader's element text is lxml.html's ``text_content()``, string for string."""

from __future__ import annotations

import pytest

from citeaudit.read.html import _parse, _string

PAGES = [
    "<p>a<!-- a comment -->b<?pi x?>c<b>d</b>e &amp; &nbsp; &lt;tag&gt; &#x1F600;</p>tail",
    "<p>a &bogus; b &#0; c</p>",
    "<p>x<svg><title>T</title><text>u</text></svg>y<math><mi>x</mi></math></p>",
    "<p><noscript>n</noscript><template>t</template><textarea>ta</textarea></p>",
    "<table><tr><td>1<td>2<tr><th>h</table>",
    "<p>\u2028line<br>next\u00a0<sup><a href='#fn1'>1</a></sup> after</p>",
    "<p>a<![if IE]>b<![endif]>c<o:p>office</o:p></p>",
    "<ol><li id='fn1'>Note, <i>Title</i>, <a href='https://x.org'>x.org</a> <a href='#r1'>↩</a>"
    "</li></ol>",
    "<p>  spaced\n\t text  </p><p></p><div><span> </span></div>",
]


@pytest.mark.parametrize("page", PAGES)
def test_element_text_is_text_content(page):
    root = _parse(page)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    assert elements
    for element in elements:
        assert _string(element) == element.text_content()

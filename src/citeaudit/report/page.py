"""What the audit and watch HTML pages share: layout, sortable tables, filters, escaping.

Both pages are single files with no external assets (a Content-Security-Policy
forbids any) that read from 360 px phones to wide screens: long URLs wrap
anywhere, tables keep every column in view (fixed layout on wide screens, one
card per row on narrow ones), and the side panel moves below the article.
Scripts only sort tables and filter rows; the pages work without them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

import attrs

NARROW = 640
"""Below this width (px) a table row becomes a card whose cells carry their column's name."""
STACKED = 820
"""Below this width (px) side-by-side panes stack."""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src 'none'")

BASE_CSS = f"""
*{{box-sizing:border-box}}
html{{-webkit-text-size-adjust:100%}}
body{{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;overflow-wrap:break-word}}
header,footer,section.block{{padding:.8em 1.5em}}
header{{background:#f4f4f4}}
h1{{font-size:1.5em;margin:.2em 0 .4em}}h2{{font-size:1.25em}}
a{{color:#0645ad}}
table{{border-collapse:collapse;width:100%;table-layout:fixed}}
td,th{{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}}
th button{{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;
  color:inherit;text-align:left}}
th[aria-sort=ascending] button::after{{content:" ▲"}}
th[aria-sort=descending] button::after{{content:" ▼"}}
ul.legend{{list-style:none;padding:0;margin:.4em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}}
ul.legend li{{display:flex;gap:.4em;align-items:baseline}}
.swatch{{display:inline-block;width:1em;height:1em;border-radius:3px;
  border:1px solid #0003;flex:none;align-self:center}}
fieldset.filters{{border:1px solid #ccc;margin:.5em 0;display:flex;flex-wrap:wrap;
  gap:.2em 1em}}
fieldset.filters label{{white-space:nowrap}}
.muted{{color:#666}}
@media (max-width:{NARROW}px){{
  header,footer,section.block{{padding:.6em .8em}}
  h1{{font-size:1.25em}}
  table.cards,table.cards tbody,table.cards tr,table.cards td{{display:block;width:auto}}
  table.cards colgroup{{display:none}}
  table.cards thead tr{{display:flex;flex-wrap:wrap;gap:.2em .8em;margin:0 0 .5em}}
  table.cards thead tr::before{{content:"Sort by:";color:#666}}
  table.cards th{{border:0;padding:0}}
  table.cards tbody tr{{border:1px solid #ccc;border-radius:4px;margin:0 0 .6em;
    padding:.3em .6em}}
  table.cards td{{border:0;padding:.1em 0}}
  table.cards td::before{{content:attr(data-label) ": ";font-weight:600}}
}}
"""
"""The CSS both pages start from."""

# Sorting by a header's button, filtering rows by checkboxes; nothing else, no network.
BASE_JS = """
(function(){
  function key(td){var v=td.getAttribute('data-sort');return v===null?td.textContent.trim():v;}
  function cmp(a,b){return a.localeCompare(b,undefined,{numeric:true,sensitivity:'base'});}
  document.querySelectorAll('table.sortable').forEach(function(table){
    var heads=table.querySelectorAll('thead th');
    heads.forEach(function(th,i){
      var b=th.querySelector('button'); if(!b){return;}
      b.addEventListener('click',function(){
        var asc=th.getAttribute('aria-sort')!=='ascending';
        heads.forEach(function(h){h.removeAttribute('aria-sort');});
        th.setAttribute('aria-sort',asc?'ascending':'descending');
        var body=table.tBodies[0], rows=Array.prototype.slice.call(body.rows);
        rows.sort(function(r,s){var c=cmp(key(r.cells[i]),key(s.cells[i]));return asc?c:-c;});
        rows.forEach(function(r){body.appendChild(r);});
      });
    });
  });
  document.querySelectorAll('fieldset.filters').forEach(function(set){
    var target=set.getAttribute('data-target');
    function apply(){
      var on={};
      set.querySelectorAll('input[type=checkbox]').forEach(function(c){on[c.value]=c.checked;});
      document.querySelectorAll(target).forEach(function(el){
        var kinds=(el.getAttribute('data-kind')||'').split(' ');
        el.hidden=!kinds.some(function(k){return on[k]!==false;});
      });
    }
    set.addEventListener('change',apply); apply();
  });
})();
"""
"""The script both pages end with."""


def e(text: object) -> str:
    """``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


_BREAK_AFTER = re.compile(r"(?<=[/.?&=_-])(?=[^/])")
"""Where a shown URL may wrap: after a slash (not inside ``//``), dot, hyphen or query mark."""


def breakable(text: str) -> str:
    """``text`` escaped, with ``<wbr>`` where a long URL may wrap without splitting a word."""
    if len(text) <= 24:
        return e(text)
    return "<wbr>".join(e(part) for part in _BREAK_AFTER.split(text))


def link(url: str, text: str | None = None) -> str:
    """A link that sends no referrer; a URL shown as its text may wrap at its punctuation."""
    shown = breakable(url) if text is None else e(text)
    return f'<a href="{e(url)}" rel="noreferrer noopener">{shown}</a>'


@attrs.frozen
class Column:
    """One column of a :func:`table`: its heading and its share of a wide screen."""

    title: str
    width: str = ""
    """A CSS width (``6em``, ``30%``); empty shares what is left."""
    sortable: bool = True


@attrs.frozen
class Cell:
    """One cell: HTML already escaped, and the value sorting uses when it is not the text."""

    html: str
    sort: str | None = None


@attrs.frozen
class Row:
    """One row: its cells, and attributes for filters (``data-kind``) and styling."""

    cells: Sequence[Cell | str]
    kinds: tuple[str, ...] = ()
    css_class: str = ""


def table(table_id: str, columns: Sequence[Column], rows: Iterable[Row]) -> str:
    """A sortable table that stays inside the screen at every width."""
    cols = "".join(f'<col style="width:{c.width}">' if c.width else "<col>" for c in columns)
    head = "".join(
        f'<th scope="col"><button type="button">{e(c.title)}</button></th>' if c.sortable
        else f'<th scope="col">{e(c.title)}</th>' for c in columns
    )
    body = []
    for row in rows:
        attrs_ = f' class="{e(row.css_class)}"' if row.css_class else ""
        if row.kinds:
            attrs_ += f' data-kind="{e(" ".join(row.kinds))}"'
        cells = []
        for column, cell in zip(columns, row.cells, strict=True):
            cell = cell if isinstance(cell, Cell) else Cell(cell)
            sort = f' data-sort="{e(cell.sort)}"' if cell.sort is not None else ""
            cells.append(f'<td data-label="{e(column.title)}"{sort}>{cell.html}</td>')
        body.append(f"<tr{attrs_}>{''.join(cells)}</tr>")
    return (f'<table id="{e(table_id)}" class="sortable cards"><colgroup>{cols}</colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def legend(items: Iterable[tuple[str, str, str]]) -> str:
    """A colour legend: (swatch CSS class, name, meaning) per entry."""
    return '<ul class="legend" id="legend">' + "".join(
        f'<li><span class="swatch {e(css)}"></span>'
        f"<span><b>{e(name)}</b> {e(meaning)}</span></li>"
        for css, name, meaning in items
    ) + "</ul>"


def filters(target: str, kinds: Iterable[tuple[str, str, int]], label: str) -> str:
    """Checkboxes that show or hide the elements matching ``target`` by their ``data-kind``.

    ``kinds`` are (``data-kind`` value, what the box says, how many there are).
    """
    boxes = "".join(
        f'<label><input type="checkbox" value="{e(kind)}" checked> {e(name)} ({count})</label>'
        for kind, name, count in kinds
    )
    return (f'<fieldset class="filters" data-target="{e(target)}"><legend>{e(label)}</legend>'
            f"{boxes}</fieldset>")


def page(title: str, css: str, body: str) -> str:
    """A whole self-contained page."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        f"<title>{e(title)}</title><style>{BASE_CSS}{css}</style></head><body>"
        f"{body}<script>{BASE_JS}</script></body></html>\n"
    )

"""Page chrome: the lines a web page wraps around an article's prose.

Exported or copied articles carry share buttons, language switchers, tag
lists, "related posts" rails, breadcrumbs and comment prompts.  None of it is
prose a claim can come from, so readers drop it from the body.
"""

from __future__ import annotations

import re

_WHOLE_LINE = re.compile(
    r"""^(?:
      share(?:\s+(?:this(?:\s+(?:post|article|story|page))?|on\s+\S+|via\s+\S+))?
    | tweet | print(?:\s+this(?:\s+(?:page|article|post))?)? | e-?mail | copy\s+link
    | facebook | twitter | x | linkedin | whatsapp | telegram | reddit | pinterest | flipboard
    | related(?:\s+(?:posts|articles|stories|content|reading|topics))?
    | similar\s+(?:posts|articles)
    | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in) | read\s+(?:more|next|also)
    | recommended(?:\s+for\s+you)? | more\s+(?:from|on|in)\s+.{1,40} | continue\s+reading
    | subscribe(?:\s+.{0,60})? | sign\s+up(?:\s+.{0,60})? | newsletter | advertisement | sponsored
    | leave\s+a\s+(?:reply|comment) | post\s+a\s+comment | comments? | \d+\s+comments?
    | previous(?:\s+(?:post|article|story))? | next(?:\s+(?:post|article|story))?
    | back\s+to\s+top | skip\s+to\s+(?:main\s+)?content | menu | search | home
    | paylaş | yazdır | teilen | drucken | поделиться | печать
    | jump\s+to\s+(?:navigation|search|content) | from\s+wikipedia,\s+the\s+free\s+encyclopedia
    | \[\s*edit\s*\] | edit | toggle\s+the\s+table\s+of\s+contents | contents | hide
    )\s*[:»›]?$""",
    re.I | re.X,
)
_PREFIX = re.compile(
    r"""^(?:(?:this\s+(?:post|article|page|entry)\s+is\s+)?also\s+available\s+in\b
    | tags?\s*: | categories\s*: | filed\s+under\b | posted\s+in\b | share\s+(?:on|via)\b
    | etiketler\s*: | kategoriler\s*: | bu\s+(?:yazı|içerik)\b.*\bdilde
    | schlagwörter\s*: | schlagworte\s*: | теги\s*: | метки\s*: | рубрики\s*:
    | hidden\s+categor(?:y|ies)\s*: | categor(?:y|ies)\s*: | retrieved\s+from\s+["“]?https?://
    | this\s+(?:article|section)\s+(?:needs|has\s+multiple\s+issues|may\s+(?:need|require|be)
      |relies|does\s+not\s+cite|is\s+(?:missing|written|an\s+orphan)|contains|lacks)\b
    | this\s+page\s+was\s+last\s+edited\b
    )""",
    re.I | re.X,
)
_CRUMB = re.compile(r"\s[»›>/|]\s")
_SECTION_END = re.compile(
    r"""^(?:related(?:\s+(?:posts|articles|stories|content|reading))? | similar\s+(?:posts|articles)
    | you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in) | read\s+next
    | more\s+from\s+.{1,40}
    | leave\s+a\s+(?:reply|comment) | post\s+a\s+comment | comments? | \d+\s+comments?
    | benzer\s+yazılar | ilgili\s+yazılar | ähnliche\s+beiträge | похожие\s+(?:статьи|записи)
    )\s*:?$""",
    re.I | re.X,
)


def is_chrome(line: str) -> bool:
    """Whether one line (a paragraph) is page chrome rather than prose."""
    text = line.strip()
    if not text:
        return False
    if _WHOLE_LINE.match(text) or _PREFIX.match(text):
        return True
    # Breadcrumbs: "Home » Analysis » Asia-Pacific", short parts between separators.
    parts = _CRUMB.split(text)
    return len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts)


def ends_article(line: str) -> bool:
    """Whether this line opens a trailing rail (related posts, comments) that ends the prose."""
    return bool(_SECTION_END.match(line.strip()))


def drop_chrome(paragraphs: list[str]) -> list[str]:
    """The paragraphs without chrome, cut at a trailing rail in the second half."""
    kept: list[str] = []
    half = len(paragraphs) // 2
    for index, paragraph in enumerate(paragraphs):
        if index >= half and ends_article(paragraph):
            break
        if not is_chrome(paragraph):
            kept.append(paragraph)
    return kept

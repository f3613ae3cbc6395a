"""Page chrome: the lines a web page wraps around an article's prose.

Exported or copied articles carry share buttons, language switchers, tag
lists, "related posts" rails, breadcrumbs and comment prompts.  None of it is
prose a claim can come from, so readers drop it from the body.
"""

from __future__ import annotations

import re

from citeaudit.read.keywords import keyword_line

# Each pattern is one of many words at the start of the line: built by keyword_line,
# which turns away at once a line no word can start (see citeaudit.read.keywords).
_WHOLE_LINE_WORDS = (
    r"share(?:\s+(?:this(?:\s+(?:post|article|story|page))?|on\s+\S+|via\s+\S+))?",
    r"tweet", r"print(?:\s+this(?:\s+(?:page|article|post))?)?", r"e-?mail", r"copy\s+link",
    r"facebook", r"twitter", r"x", r"linkedin", r"whatsapp", r"telegram", r"reddit",
    r"pinterest", r"flipboard",
    r"related(?:\s+(?:posts|articles|stories|content|reading|topics))?",
    r"similar\s+(?:posts|articles)",
    r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)",
    r"read\s+(?:more|next|also)", r"recommended(?:\s+for\s+you)?",
    r"more\s+(?:from|on|in)\s+.{1,40}", r"continue\s+reading", r"subscribe(?:\s+.{0,60})?",
    r"sign\s+up(?:\s+.{0,60})?", r"newsletter", r"advertisement", r"sponsored",
    r"leave\s+a\s+(?:reply|comment)", r"post\s+a\s+comment", r"comments?",
    r"\d+\s+comments?", r"previous(?:\s+(?:post|article|story))?",
    r"next(?:\s+(?:post|article|story))?", r"back\s+to\s+top",
    r"skip\s+to\s+(?:main\s+)?content", r"menu", r"search", r"home",
    r"paylaş", r"yazdır", r"teilen", r"drucken", r"поделиться", r"печать",
    r"jump\s+to\s+(?:navigation|search|content)",
    r"from\s+wikipedia,\s+the\s+free\s+encyclopedia",
    r"\[\s*edit\s*\]", r"edit", r"toggle\s+the\s+table\s+of\s+contents", r"contents",
    r"hide",
)
"""What a whole line of chrome says (each then ends the line, a colon or arrow aside)."""
_PREFIX_WORDS = (
    r"this\s+(?:post|article|page|entry)\s+is\s+also\s+available\s+in\b",
    r"also\s+available\s+in\b",
    r"tags?\s*:", r"categories\s*:", r"filed\s+under\b", r"posted\s+in\b",
    r"share\s+(?:on|via)\b", r"etiketler\s*:", r"kategoriler\s*:",
    r"bu\s+(?:yazı|içerik)\b.*\bdilde", r"schlagwörter\s*:", r"schlagworte\s*:",
    r"теги\s*:", r"метки\s*:", r"рубрики\s*:", r"hidden\s+categor(?:y|ies)\s*:",
    r"categor(?:y|ies)\s*:", r"retrieved\s+from\s+[\"“]?https?://",
    r"this\s+(?:article|section)\s+(?:needs|has\s+multiple\s+issues"
    r"|may\s+(?:need|require|be)|relies|does\s+not\s+cite"
    r"|is\s+(?:missing|written|an\s+orphan)|contains|lacks)\b",
    r"this\s+page\s+was\s+last\s+edited\b",
)
"""How a line of chrome starts, whatever follows."""
# One pattern for both: a line is chrome when any word matches, so one scan asks it.
_CHROME_LINE = keyword_line(
    tuple(word + r"\s*[:»›]?$" for word in _WHOLE_LINE_WORDS) + _PREFIX_WORDS,
    "^",
    "",
    re.I | re.X,
)
_CRUMB = re.compile(r"\s[»›>/|]\s")
_SECTION_END = keyword_line(
    (
        r"related(?:\s+(?:posts|articles|stories|content|reading))?",
        r"similar\s+(?:posts|articles)",
        r"you\s+(?:may|might)\s+also\s+(?:like|be\s+interested\s+in)", r"read\s+next",
        r"more\s+from\s+.{1,40}", r"leave\s+a\s+(?:reply|comment)", r"post\s+a\s+comment",
        r"comments?", r"\d+\s+comments?", r"benzer\s+yazılar", r"ilgili\s+yazılar",
        r"ähnliche\s+beiträge", r"похожие\s+(?:статьи|записи)",
    ),
    "^",
    r"\s*:?$",
    re.I | re.X,
)


def is_chrome(line: str) -> bool:
    """Whether one line (a paragraph) is page chrome rather than prose."""
    text = line.strip()
    if not text:
        return False
    if _CHROME_LINE.match(text):
        return True
    # Breadcrumbs: "Home » Analysis » Asia-Pacific", short parts between separators.
    if not ("»" in text or "›" in text or ">" in text or "/" in text or "|" in text):
        return False  # no separator (_CRUMB's), one part: most lines, ruled out unsplit
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

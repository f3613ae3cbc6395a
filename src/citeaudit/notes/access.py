"""When a note's source was read (the access date) and when its archived copy was made.

The access date is the date right after an access label (``Retrieved``, ``Erişim
Tarihi``, ``E.T.:``, ``abgerufen am``, ``Zugegriffen:``, ``дата обращения`` (Ukrainian
``дата звернення``), ``Pristupljeno`` / ``Приступљено`` (Croatian, Serbian, Bosnian),
``Truy cập ngày``, ``Hämtad`` / ``Hentet`` / ``Lest`` / ``Besøgt`` (Swedish, Norwegian, Danish),
``[cit. 2024-10-05]`` (Czech and Slovak ISO 690: the day the source was cited),
``تاريخ الوصول``, ``引用日期``, SIST 02's bracketed ``（参照 2019-09-22）``…)
or right before a label that follows its date (``2021年5月3日閲覧``,
``2021년 5월 3일에 확인함``).  A note read on two days (``Consulté le 12 avril et 3 mai
2019``) was first read on the first, so that is its access date: the page it cites
was the page as it stood then, and it is the copy an archive should be searched near.

"Archived from the original on 4 October 2002" (in the languages Wikipedia renders it
in) is the date of the note's archived copy, never its publication date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import attrs

from citeaudit import dates
from citeaudit.notes.text import lowered

if TYPE_CHECKING:
    from citeaudit.archive.cited import CitedCopy

# Patterns used inside functions, compiled once.
_SEGMENT_END = re.compile(r"[)\]\n;]")

# The first two characters every label below can open with (a lead word included: "last
# accessed" opens with "la"): the scan tries its many labels only at a word that opens
# like one, not at every word with a right first letter (a quarter of the scan saved).
# tests/test_notes_access_openings.py derives them from the pattern's parse tree.
_LABEL_OPENINGS = (
    "ab ac au be ci co da de di do e. ei er fe ge ha he hä ka ku la le lu lä læ na op pa po"
    " pr re ré so sp tr ul ur vi wa zu éc да пе по пр اط تا تم アク 参照 取用 存取 引用 擷取"
    " 最終 查詢 查阅 检索 檢索 浏览 瀏覽 訪問 访问 閲覧 검색 방문 열람 접근 접속 확인"
)


def _openings(pairs: str) -> str:
    """``a[bcu]|be|…``: the spaced pairs as one alternation, a branch per first character."""
    seconds: dict[str, str] = {}
    for pair in pairs.split():
        seconds[pair[0]] = seconds.get(pair[0], "") + pair[1]
    return "|".join(f"{re.escape(first)}[{re.escape(rest)}]" for first, rest in seconds.items())


def _first_letters(pairs: str) -> str:
    """``[abc…]``: the pairs' first characters, a class tried before the pairs themselves
    (one test rejects most words; derived, so that no label is left out of it)."""
    return "[" + re.escape("".join(dict.fromkeys(pair[0] for pair in pairs.split()))) + "]"


_ACCESS = re.compile(
    rf"(?={_first_letters(_LABEL_OPENINGS)})(?<![^\W\d_])"
    rf"(?=(?:{_openings(_LABEL_OPENINGS)}))"
    r"""(?P<label>
        (?P<en>(?:last\s+)?accessed(?:\s+on)?|access(?:ed)?\s+date|date\s+accessed|retrieved(?:\s+on)?
            |last\s+(?:visited|checked|viewed|access)|viewed(?:\s+on)?|visited(?:\s+on)?|date\s+of\s+access
            |watched(?:\s+on)?)
      | (?P<other>(?:son\s+)?erişim(?:\s+tarihi)?|erişildi|e\.\s?t(?:\.|(?=\s*:))
            # "er. tar.: 16 iii 2011": erişim tarihi cut short, as botanists' lists write it
            |er\.\s?tar(?:\.|(?=\s*:))
            |дата\s+(?:обращения|доступа|посещения|просмотра|звернення)|проверено
            |(?:zuletzt\s+)?abgerufen(?:\s+am)?|(?:letzter\s+)?zugriff(?:\s+am)?|(?:zuletzt\s+)?aufgerufen\s+am|eingesehen\s+am
            # Zotero's German IEEE: "Zugegriffen: 8. Januar 2026.", the past participle as the label
            |zugegriffen(?:\s+am)?
            |(?:page\s+)?consultée?s?\s+les?|consultée?s?|dernière\s+consultation|date\s+de\s+consultation|dernier\s+accès|accédé\s+le
            |(?:visionn|écout|regard)ée?s?\s+le
            |consultad[oa](?:\s+(?:el|em|en|il))?|(?:url\s+)?consultat[oa](?:\s+il)?|accedido\s+el|accesso\s+il
            |fecha\s+de\s+(?:consulta|acceso)|ultimo\s+accesso|data\s+di\s+(?:accesso|consultazione)
            |geliş\s+tarihi|acesso\s+em|acessado\s+em|data\s+de\s+acesso|geraadpleegd(?:\s+op)?|(?:laatst\s+)?bezocht\s+op
            |sprawdzono|sprawdzone|data\s+odczytu|data\s+dostępu|dostęp(?:\s+dnia)?
            |diakses(?:\s+(?:tanggal|pada))?|truy\s+cập(?:\s+lần\s+cuối)?(?:\s+ngày)?|luettu
            |viitattu|katsottu|kuunneltu|haettu|recuperado\s+(?:el|em)|récupéré\s+le|opgehaald\s+op
            |hämtad|hämtat|läst|besökt|hentet|lest|besøkt|besøgt|læst
            |дата\s+(?:доступу|перегляду)|переглянуто|перевірено|pridobljeno
            |(?<=\[)(?:cit|cited|vid|citované|citováno)\.?(?=\s*\d)|citováno|navštíveno
            |تاريخ\s+(?:الوصول|الاطلاع|الزيارة)|اطلع\s+عليه\s+(?:بتاريخ|في)|تم\s+الاطلاع
            |访问日期|访问于|访问时间|检索日期|引用日期|查阅日期|存取日期|擷取日期|取用日期
            |最終閲覧日|最終アクセス日|閲覧日時?|アクセス日|参照日|最終閲覧
            # "閲覧: 2020/5/24", "（閲覧：2021-03-09）": the verb alone, colon and date after it
            |閲覧(?=\s*[:：]\s*\d)
            |檢索日期|瀏覽日期|浏览日期|訪問日期|查詢日期
            |(?:접근|접속|검색|확인|열람|방문)일자?|접근\s*날짜
            |(?<=[（(])参照(?=\s*\d))
      | (?P<hbs>pristupljeno|pristupano|приступљено|приступано|posjećeno|posećeno|посећено
            |preuzeto|преузето|datum\s+pristupa|датум\s+приступа)
    )(?![^\W\d_])""",
    re.IGNORECASE | re.VERBOSE,
)
# The same labels matched case-sensitively in lower-cased text: a case-blind scan over
# every script costs twice as much, and lower-casing keeps the offsets whenever it keeps
# the length (it does not for "İ", so such a note is scanned case-blind).
_ACCESS_LOWER = re.compile(_ACCESS.pattern, re.VERBOSE)
# Labels written after their date: "2021年5月3日閲覧", "2021년 5월 3일에 확인함".
_ACCESS_AFTER = re.compile(
    r"\s*(?:に)?(?:閲覧|参照|アクセス|取得|检索|访问)|\s*에\s*(?:확인|접근|접속|열람)(?:함|했음|하였음)?"
    r"|\s*tarihinde\s+(?:erişildi|erişilmiştir|ulaşıldı)"
    # Word's Turkish APA: "Ocak 2, 2024 tarihinde site: URL adresinden alındı".
    r"|\s*tarihinde\s+(?=[^\n]{0,300}?adresinden\s+(?:alındı|erişildi))",
    re.IGNORECASE,
)
# GB/T 7714's "(published)[cited]" and, for a page with no date of its own, "[EB/OL].
# [cited]": the bracketed date after the type code or the published date is the cited one.
_BRACKETED_CITED = re.compile(
    r"(?:\)|\[(?:EB|DB|M|J|CP)/OL\]\.?)\s*\[(?P<d>\d{4}-\d{1,2}-\d{1,2})\]", re.IGNORECASE
)
_FROM = re.compile(r"[\s,]*(?:van|from|von)\b:?", re.IGNORECASE)
_LEAD = re.compile(r"[\s:：*`'\"(\[,]*")
# "12 avril et 3 mai 2019", "April 12 and May 3, 2019", "12 et 14 avril 2019"
_JOIN = r"\s*(?:et|and|und|y|e|ve|i|и|en|&|-|–|—|/)\s*"
_FIRST_OF_TWO = (
    re.compile(
        rf"(?P<day>[0-3]?\d)\.?\s*(?:de\s+)?(?P<mon>[^\W\d_]{{3,13}})\.?,?{_JOIN}(?=[0-3]?\d)", re.I
    ),
    re.compile(
        rf"(?P<mon>[^\W\d_]{{3,13}})\.?\s+(?P<day>[0-3]?\d),?{_JOIN}(?=[^\W\d_]{{3,13}}\.?\s+[0-3]?\d)",
        re.I,
    ),
    re.compile(rf"(?P<day>[0-3]?\d)\.?{_JOIN}(?=[0-3]?\d\.?\s*[^\W\d_]{{3,13}})", re.I),
)

_ARCHIVED = re.compile(
    r"""(?<![^\W\d_])(?:
        archived\s*(?:\(pdf\)\s*)?(?:from\s+the\s+original\s+)?(?:\(pdf\)\s+)?(?:on\s+)?|archive[-\s]date\s*[:=]?\s*
      | archiviert\s+(?:vom\s+original\s+)?(?:am\s+)?|archivé\s+(?:de\s+l['’]original\s+)?(?:le\s+)?
      | archivado\s+(?:desde\s+el\s+original\s+)?(?:el\s+)?
      | arquivado\s+(?:do\s+original\s+)?(?:em\s+)?
      | archiviato\s+(?:dall['’]url\s+originale\s+)?(?:il\s+)?
      | gearchiveerd\s+(?:van\s+origineel\s+)?(?:op\s+)?
      | zarchiwizowan[oe]\s+(?:z\s+tego\s+adresu\s+)?|архивировано(?:\s+из\s+первоисточника)?\s*
      | مؤرشف\s+من\s+الأصل\s+في\s*
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# Turkish and Japanese write the date first.
_ARCHIVED_AFTER = re.compile(
    r"\s*(?:tarihinde\s+(?:kaynağından\s+)?arşivlendi|時点の(?:オリジナル|原文)よりアーカイブ|에\s*원본\s*문서에서\s*보존된)",
    re.IGNORECASE,
)

# Every address ``citeaudit.archive.cited.recognise`` takes for an archived copy has one
# of these in it; only such a URL pays for importing the archive package (most notes
# cite no archived copy, and parsing notes should not load the archive machinery).
_MAYBE_ARCHIVE = re.compile(r"archive\.|webcitation\.org|perma\.cc|/\d{14}", re.IGNORECASE)
# The same test as substrings of an ASCII address lower-cased (no case-blind scan; outside
# ASCII, case-blind matching and lower() differ, so such an address takes the regex).
_ARCHIVE_HINTS = ("archive.", "webcitation.org", "perma.cc")
_COPY_STAMP = re.compile(r"/\d{14}")


@attrs.frozen
class Dated:
    """A date read for one purpose (access, archive) and the spans it took."""

    match: dates.DateMatch
    spans: tuple[tuple[int, int], ...]
    """The label's and the date's spans, which no other field may read."""


def _near(found: Sequence[dates.DateMatch], pos: int, reach: int = 12) -> dates.DateMatch | None:
    return next((d for d in found if 0 <= d.start - pos <= reach), None)


def _first_of_two(text: str, pos: int, second: dates.DateMatch) -> dates.DateMatch | None:
    """``12 avril et 3 mai 2019`` → 12 April 2019: the first of two days read."""
    for pattern in _FIRST_OF_TWO:
        match = pattern.match(text, pos)
        if not match or match.end() > second.start + 1 or second.start - match.end() > 2:
            continue
        groups = match.groupdict()
        month = second.date.month
        if groups.get("mon"):
            month = dates.month_names().get(groups["mon"].lower().rstrip(".")) or 0
        try:
            first = dt.date(second.date.year, month, int(groups["day"]))
        except ValueError:
            continue
        if first <= second.date:
            return dates.DateMatch(first, text[pos : second.end].strip(), pos, second.end)
    return None


_MONTH_WORD = re.compile(r"[^\W\d_]{3,13}")
# "16 iii 2011", "4.XII.2011": the month in Roman numerals, as herbarium labels and
# botanical (and Polish, Czech) lists write dates.  Read only right after an access label,
# where a number, a numeral and a year can be nothing but the day read.
_ROMAN_MONTHS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
_ROMAN_DATE = re.compile(
    r"(?P<d>[0-3]?\d)[.\s]\s?(?P<m>x{0,1}i{1,3}|i?[vx]|vi{1,3}|xi{0,2})[.\s]\s?(?P<y>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _roman_date(text: str, pos: int) -> dates.DateMatch | None:
    """The Roman-numeral date starting at ``pos`` (``16 iii 2011`` → 16 March 2011)."""
    match = _ROMAN_DATE.match(text, pos)
    numeral = match.group("m").lower() if match else ""
    if numeral not in _ROMAN_MONTHS:
        return None  # ("xiii": no month)
    month = _ROMAN_MONTHS.index(numeral) + 1
    try:
        day = dt.date(int(match.group("y")), month, int(match.group("d")))
    except ValueError:
        return None
    return dates.DateMatch(day, match.group(0), match.start(), match.end())


def _croatian_month(date: dates.DateMatch) -> dates.DateMatch:
    """``Pristupljeno 17. listopada 2020``: after a Croatian (or Serbian, Bosnian) label a
    month name is read in Croatian first, where ``listopad`` is October (in Polish and
    Czech, which the general table prefers, it is November).  Serbian's own names
    (``oktobra``) are no Croatian word, so they keep their reading."""
    word = _MONTH_WORD.search(date.raw)
    month = dates.month_in(word.group(0), "hr") if word else None
    if month is None or month == date.date.month:
        return date
    try:
        return attrs.evolve(date, date=date.date.replace(month=month))
    except ValueError:
        return date


# German footnotes close a web source with "Online: <url>, Stand: 18.11.2019": "Stand" (as
# of) a day, as the note's last element, is the day the page was read.  Elsewhere "Stand"
# dates a document's version ("Stand: April 2017, URL: …"), which is no access date.
_STAND = re.compile(r"(?<![^\W\d_])Stand\s*:\s*")
_DAY_DATE = re.compile(r"\d{1,2}\.\s?(?:\d{1,2}\.|[^\W\d_]{3,})\s?\d{4}|\d{4}-\d{1,2}-\d{1,2}")
_NOTE_END = re.compile(r"[\s.)\]*_]*")


def _closing_stand(text: str, found: Sequence[dates.DateMatch]) -> Dated | None:
    """``…, Stand: 18.11.2019.`` closing the note: that day is the access date."""
    labels = list(_STAND.finditer(text))
    if not labels:
        return None
    label = labels[-1]  # only the last can be followed by a day that closes the note
    date = _near(found, label.end(), 2)
    if (
        date is not None
        and _DAY_DATE.fullmatch(date.raw.strip(" ."))
        and _NOTE_END.fullmatch(text, date.end) is not None
    ):
        spans = ((label.start(), label.end()), (date.start, date.end))
        return Dated(attrs.evolve(date, ambiguous=False), spans)
    return None


def opens_with_label(text: str) -> bool:
    """Does ``text`` open with an access label (``Geraadpleegd op 6 april, van``), dated
    or not?  Such a sentence says when the source was read; it names no work."""
    return _ACCESS.match(text.lstrip()) is not None


# "(最終閲覧日)", "[consulté le]": a bracket holding an access label and nothing after it.
_BRACKETED = re.compile(r"[(\[（［]([^()\[\]（）［］\d]{2,40})[)\]）］]")


def empty_access_slots(text: str) -> list[tuple[int, int]]:
    """The spans of brackets that hold an access label with no date: the slot for the day
    the page was read, left unfilled (a template's ``(最終閲覧日)``).  It says nothing of
    the work, so it is no part of a title."""
    if "(" not in text and "[" not in text and "（" not in text and "［" not in text:
        return []
    spans = []
    for match in _BRACKETED.finditer(text):
        inner = match.group(1).strip()
        label = _ACCESS.match(inner)
        if label is not None and not inner[label.end() :].strip(" :：.,"):
            spans.append(match.span())
    return spans


def find_access(text: str, found: Sequence[dates.DateMatch]) -> Dated | None:
    """The access date and the spans of its label and date.

    ``found`` is every date already found in ``text``: the access date is the one
    starting within a few characters of a label.
    """
    lower = lowered(text)
    labels = _ACCESS_LOWER.finditer(lower) if len(lower) == len(text) else _ACCESS.finditer(text)
    for label in labels:
        lead = _LEAD.match(text, label.end())
        pos = lead.end() if lead else label.end()
        first = None
        for pattern in _FIRST_OF_TWO:
            if pattern.match(text, pos):
                later = _near(found, pos, 30)
                first = _first_of_two(text, pos, later) if later else None
                if first:
                    break
        date = first or _near(found, pos) or _roman_date(text, pos)
        if date is not None:
            if label.group("hbs"):
                date = _croatian_month(date)
            if date.ambiguous and not label.group("en"):
                # A non-English label means a day-first writer: "Erişim: 03/04/2024" is 3 April.
                date = attrs.evolve(date, ambiguous=False)
            # "Geraadpleegd op 12 maart 2020, van URL", "Retrieved May 3, 2021, from URL".
            tail = _FROM.match(text, date.end)
            end = tail.end() if tail else date.end
            return Dated(date, ((label.start(), label.end()), (date.start, end)))
        segment = _SEGMENT_END.split(text[pos : pos + 40], maxsplit=1)[0].strip(" .,*`")
        # A non-English label means a day-first writer here too.
        slow = dates.parse_odd_date(segment, day_first=None if label.group("en") else True)
        if slow is not None:
            slow = attrs.evolve(slow, start=pos, end=pos + len(segment))
            return Dated(slow, ((label.start(), label.end()), (slow.start, slow.end)))
    stand = _closing_stand(text, found) if found and "Stand" in text else None
    if stand is not None:
        return stand
    # In ASCII (where case-blind is lower-case) only "tarihinde" can follow a date.
    if found and (not text.isascii() or "tarihinde" in lower):
        for date in found:
            after = _ACCESS_AFTER.match(text, date.end)
            if after:
                return Dated(date, ((date.start, date.end), (after.start(), after.end())))
    if "[" not in text:
        return None  # every bracketed cited date opens with "["
    # GB/T 7714: "(2023-01-15)[2023-12-01]" is (published)[cited]; "[EB/OL]. [2023-12-01]."
    # has the cited date alone.
    for match in _BRACKETED_CITED.finditer(text):
        date = next((d for d in found if d.start == match.start("d")), None)
        if date is not None:
            return Dated(date, ((match.start("d") - 1, match.end()),))  # the type code stays
    return None


_ARCHIVE_WORDS_ELSEWHERE = ("arşiv", "アーカイブ", "архив", "مؤرشف", "보존")
"""Words of an archive phrase besides ``archiv`` and ``arquiv`` (none of them ASCII)."""


def find_archived(text: str, found: Sequence[dates.DateMatch]) -> Dated | None:
    """The date of the note's archived copy, with the spans of its phrase."""
    lower = lowered(text)
    # The other words are not ASCII, so an ASCII note needs one of the first two.
    if not (
        "archiv" in lower
        or "arquiv" in lower
        or (not lower.isascii() and any(h in lower for h in _ARCHIVE_WORDS_ELSEWHERE))
    ):
        return None
    for phrase in _ARCHIVED.finditer(text):
        date = _near(found, phrase.end(), 6)
        if date is not None:
            return Dated(date, ((phrase.start(), phrase.end()), (date.start, date.end)))
    for date in found:
        after = _ARCHIVED_AFTER.match(text, date.end)
        if after:
            return Dated(date, ((date.start, date.end), (after.start(), after.end())))
    return None


def _may_be_archived(url: str) -> bool:
    if not url.isascii():
        return _MAYBE_ARCHIVE.search(url) is not None
    lower = url.lower()
    return any(hint in lower for hint in _ARCHIVE_HINTS) or _COPY_STAMP.search(url) is not None


def archived_copy(urls: Sequence[str]) -> CitedCopy | None:
    """The first of ``urls`` that is a web archive's copy, as the audit recognises it."""
    for url in urls:
        if _may_be_archived(url):
            from citeaudit.archive.cited import recognise  # the one recogniser; heavy import

            copy = recognise(url)
            if copy is not None:
                return copy
    return None


def copy_date(copy: CitedCopy | None) -> dt.date | None:
    """The day the copy was made, when its address names it."""
    if copy is None:
        return None
    from citeaudit.archive.cited import captured_on

    return captured_on(copy)

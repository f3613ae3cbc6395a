"""Dates as notes write them: ``28.06.2024``, ``June 28, 2024``, ``28 июня 2024``...

A hand-written fast path covers numeric formats and month names in English, Turkish,
Russian, German, French, Spanish, Italian, Portuguese, Dutch, Polish, Ukrainian,
Croatian, Serbian, Swedish, Norwegian and Danish (the names come from ``dateparser``'s
own language data, so they are not retyped here; Serbian's genitive, ``5. марта 2020``,
is made from it by rule).
Where two languages give one word different months (``listopad`` is October in
Croatian, November in Polish and Czech), the earlier language in the list wins unless
the caller names the language (:func:`month_in`).
``dateparser`` itself runs only as a fallback for odd phrasings, because it costs
milliseconds per call and a reader parses thousands of notes.

Years-first CJK dates (``2021年5月3日``, ``2021년 5월 3일``) are read too, and digits
written in Arabic-Indic or full-width forms count as digits.

Day/month order: ``28/06/2024`` and ``06/28/2024`` tell themselves apart; ``03/04/2024``
does not.  A dotted date (``03.04.2024``) is day-first everywhere it is written, and a
non-English context (the access label was ``Erişim``, ``abgerufen``...) means
day-first too; otherwise the reading is day-first and flagged ``ambiguous``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import importlib
import importlib.util
import operator
import pathlib
import re
import sys

import attrs

_LANGUAGES = (
    "en", "tr", "ru", "de", "fr", "es", "it", "pt", "nl", "pl", "ar",
    "uk", "hr", "sr-Latn", "sr-Cyrl",
    # Last, so they add words and never re-read one: "augusti", "desember", "marts".
    "sv", "nb", "da",
)  # fmt: skip
_MONTH_KEYS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip


@attrs.frozen
class DateMatch:
    """A date found in text."""

    date: dt.date
    raw: str
    """The date as written, e.g. ``28.06.2024``."""
    start: int
    end: int
    ambiguous: bool = False
    """Day and month could be swapped (``03/04/2024`` with no hint); ``date`` is day-first."""


def _translation_data(lang: str) -> dict:
    """dateparser's data for ``lang``, read from its data file.

    The file is executed on its own rather than imported: importing it imports the
    ``dateparser`` package first, which cost about a tenth of a second at the first parse
    of every process, though only the odd phrasings ever need dateparser itself.  Where the
    file cannot be found that way (dateparser already loaded, or not installed as files),
    it is imported as before."""
    module = f"dateparser.data.date_translation_data.{lang}"
    if module not in sys.modules:
        try:
            package = importlib.util.find_spec("dateparser")
            folders = list(package.submodule_search_locations or ()) if package else []
            path = pathlib.Path(folders[0], "data", "date_translation_data", f"{lang}.py")
            spec = importlib.util.spec_from_file_location(module, path)
            if path.is_file() and spec is not None and spec.loader is not None:
                data = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(data)
                return data.info
        except (ImportError, OSError, IndexError, AttributeError, SyntaxError):
            pass  # read it the ordinary way below
    return importlib.import_module(module).info


@functools.cache
def _language_months(lang: str) -> dict[str, int]:
    """One language's lower-case month names and abbreviations (3+ letters)."""
    names: dict[str, int] = {}
    info = _translation_data(lang)
    for number, key in enumerate(_MONTH_KEYS, start=1):
        forms = [name.lower().rstrip(".") for name in info.get(key, ())]
        for name in forms:
            if " " in name:  # "كانون الثاني": a one-word match would take its first word
                continue
            if len(name) >= 3:  # two-letter forms ("Oc", "Ha") clash with ordinary words
                names.setdefault(name, number)
                # (an abbreviation, "mar" of "mart", has no genitive of its own)
                if lang.startswith("sr") and not any(
                    f != name and f.startswith(name) for f in forms
                ):
                    names.setdefault(_serbian_genitive(name), number)
    return names


def _serbian_genitive(name: str) -> str:
    """``mart`` → ``marta``, ``septembar`` → ``septembra``, ``јун`` → ``јуна``: Serbian
    writes the day's month in the genitive, which dateparser's data does not list (the
    fleeting ``a`` of ``-bar`` drops, every other name takes ``-a``)."""
    for nominative, genitive in (("бар", "бра"), ("bar", "bra")):
        if name.endswith(nominative):
            return name[: -len(nominative)] + genitive
    return name + ("а" if name[-1] > "\u03ff" else "a")


@functools.cache
def month_names() -> dict[str, int]:
    """Lower-case month names and abbreviations (3+ letters) of the supported languages."""
    names: dict[str, int] = {}
    for lang in _LANGUAGES:
        for name, number in _language_months(lang).items():
            names.setdefault(name, number)
    return names


def month_in(word: str, lang: str) -> int | None:
    """The month ``word`` names in language ``lang`` (``listopada`` in ``hr`` → 10)."""
    return _language_months(lang).get(word.lower().rstrip("."))


# Month names are matched as any word and then looked up: one big alternation of
# 225 names made every search several times slower.
_MON = r"(?P<mon>[^\W\d_]{3,13})\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
_YEAR4 = r"(?P<year>1[6-9]\d\d|2[01]\d\d)"
_NO_DIGIT_BEFORE = r"(?<![\d.,/-])"
_NO_DIGIT_AFTER = r"(?!\d)"
_PATTERNS = (
    re.compile(
        rf"{_NO_DIGIT_BEFORE}(?P<iso>{_YEAR4}[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)){_NO_DIGIT_AFTER}"
    ),
    re.compile(
        rf"{_NO_DIGIT_BEFORE}(?P<a>[0-3]?\d)(?P<sep>[./-]|\.\s|\s)(?P<b>[01]?\d)(?P=sep){_YEAR4}{_NO_DIGIT_AFTER}"
    ),
    re.compile(
        rf"{_NO_DIGIT_BEFORE}{_DAY}\s*(?:de\s+|of\s+)?{_MON},?\s*(?:de\s+|del\s+)?{_YEAR4}{_NO_DIGIT_AFTER}",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<![^\W\d_]){_MON}\s+{_DAY},?\s+{_YEAR4}{_NO_DIGIT_AFTER}", re.IGNORECASE),
    re.compile(rf"{_YEAR4}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]"),
    # APA's "(2023, 23 Ekim)" and "(2020, May 3)": the year first, then the day.
    re.compile(rf"(?<=\(){_YEAR4},\s*{_DAY}\s+{_MON}(?=\))", re.IGNORECASE),
    re.compile(rf"(?<=\(){_YEAR4},\s*{_MON}\s+{_DAY}(?=\))", re.IGNORECASE),
    # NLM/Vancouver's "2008 Jan 1;", "[cited 2020 Apr 20]": the year, the month, the day.
    re.compile(
        rf"{_NO_DIGIT_BEFORE}{_YEAR4}\s+{_MON}\s+(?P<day>[0-3]?\d)(?=[;:.,\]\)])",
        re.IGNORECASE,
    ),
)
# Arabic-Indic, Eastern Arabic-Indic and full-width digits, one character for one, so
# spans found in the translated text hold in the original.
_DIGITS = str.maketrans(
    {
        **{chr(0x660 + i): str(i) for i in range(10)},
        **{chr(0x6F0 + i): str(i) for i in range(10)},
        **{chr(0xFF10 + i): str(i) for i in range(10)},
    }
)
_ODD_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]")


def ascii_digits(text: str) -> str:
    """``٢٠٢١`` and ``２０２１`` as ``2021``; the text keeps its length."""
    if text.isascii():  # (known without reading the text) no odd digit is ASCII
        return text
    return text.translate(_DIGITS) if _ODD_DIGIT.search(text) else text


# Written with a literal first digit so the scan can jump between "1"s and "2"s (a
# leading look-behind made it try every position); the same years as
# ``(?<!\d)(?:1[6-9]\d\d|2[01]\d\d)(?!\d)``.
_HAS_YEAR = re.compile(r"(?:1(?<!\d1)[6-9]|2(?<!\d2)[01])\d\d(?!\d)")


def _make(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _from_match(match: re.Match[str], index: int, day_first: bool | None) -> DateMatch | None:
    group = match.group  # named groups read one by one: groupdict() built all of them
    year = int(group("year"))
    ambiguous = False
    if index in (0, 4):  # year first: ISO and CJK
        date = _make(year, int(group("m")), int(group("d")))
    elif index == 1:
        a, b = int(group("a")), int(group("b"))
        if a > 12 or group("sep")[0] == "." or day_first is True:  # "3.4.2024", "3. 4. 2024"
            day, month = a, b
        elif b > 12:
            day, month = b, a
        elif day_first is False:
            day, month, ambiguous = b, a, a != b
        else:
            day, month, ambiguous = a, b, a != b
        date = _make(year, month, day)
    else:
        month = month_names().get(group("mon").lower().rstrip("."))
        date = _make(year, month, int(group("day"))) if month else None
    if date is None:
        return None
    return DateMatch(date, match.group(0).strip(), match.start(), match.end(), ambiguous)


# Japan's era names and the year before each era's first (令和元年 = 2019): a date may give
# its year as the era's (令和3年9月24日 is 24 September 2021).
_ERA_OFFSETS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911}
_JAPANESE_ERA_DATE = re.compile(
    r"(?P<era>令和|平成|昭和|大正)\s*(?P<y>元|\d{1,2})\s*年\s*(?P<m>[01]?\d)\s*月\s*(?P<d>[0-3]?\d)\s*日"
)


def _era_dates(text: str) -> list[DateMatch]:
    """The dates written with a Japanese era's year (``令和３年９月24日``)."""
    found = []
    for match in _JAPANESE_ERA_DATE.finditer(text):
        era_year = 1 if match.group("y") == "元" else int(match.group("y"))
        year = _ERA_OFFSETS[match.group("era")] + era_year
        date = _make(year, int(match.group("m")), int(match.group("d")))
        if date is not None:
            found.append(DateMatch(date, match.group(0), match.start(), match.end()))
    return found


def _era_dates_in(text: str) -> list[DateMatch]:
    """The era dates of ``text``, or none without a sign of one (no 年, no era's name)."""
    if "年" not in text or not any(era in text for era in _ERA_OFFSETS):
        return []
    return _era_dates(text)


def _add_unless_overlapping(found: list[DateMatch], date: DateMatch) -> None:
    """Insert ``date`` into ``found`` (sorted by start, never overlapping) unless it overlaps
    a date there: only the neighbours of where it would go can (a scan of every date found
    was quadratic in their number)."""
    at = bisect.bisect_right(found, date.start, key=_BY_START)
    if (at and found[at - 1].end > date.start) or (
        at < len(found) and found[at].start < date.end
    ):
        return
    found.insert(at, date)


def find_dates(text: str, *, day_first: bool | None = None) -> list[DateMatch]:
    """Every full date (day, month, year) in ``text``, in order, without overlaps.

    ``day_first`` is a hint from context: ``True`` for languages that write day first,
    ``False`` for US English, ``None`` when unknown (day-first, flagged ambiguous).
    """
    text = ascii_digits(text)
    found: list[DateMatch] = []
    for index, lo, hi in _searches(text):
        for match in _PATTERNS[index].finditer(text, lo, hi):
            parsed = _from_match(match, index, day_first)
            if parsed is not None:
                _add_unless_overlapping(found, parsed)
    # A Japanese era's date counts where no date read above overlaps it.
    for era in _era_dates_in(text):
        _add_unless_overlapping(found, era)
    return found


_BY_START = operator.attrgetter("start")
_SPACED_DOT = frozenset(f"{digit}." for digit in "0123456789")


_ISO, _NUMERIC, _DAY_MONTH, _MONTH_DAY, _CJK_INDEX = 0, 1, 2, 3, 4
_BRACKETED_INDEXES = (5, 6)
_YEAR_MONTH_DAY = 7
_DAY_END = re.compile(r"\d(?:st|nd|rd|th|er|º|\.)?$")


def _searches(text: str) -> list[tuple[int, int, int]]:
    """``(pattern index, lo, hi)`` for each pattern that can match around each year.

    Every full date has a four-digit year, and each pattern puts a known character
    beside it (``2021-05-03``, ``03.05.2021``, ``3 May 2021``, ``May 3, 2021``,
    ``2021年``, ``(2021, …``), so only those patterns run, and only over the few
    characters they can reach: a note's date scan stays at a few dozen characters.
    """
    searches: list[tuple[int, int, int]] = []
    size = len(text)
    for match in _HAS_YEAR.finditer(text):
        start, end = match.span()
        # Each pattern's window: how far before and after its year it can reach.
        after = text[end : end + 1]
        before = text[start - 1 : start] if start else ""
        if after in ("-", "/", "."):
            searches.append((_ISO, start, min(size, end + 7)))
        if before in (".", "/", "-") or (
            before.isspace() and text[start - 2 : start - 1].isdigit()
        ):
            searches.append((_NUMERIC, max(0, start - 7), end))
        elif before == " " and text[start - 3 : start - 1] in _SPACED_DOT:
            # "29. 9. 2026": Croatian, Serbian and Czech space the dotted date.
            searches.append((_NUMERIC, max(0, start - 9), end))
        if before and (before.isspace() or before in ",." or before.isalpha()):
            head = text[max(0, start - 32) : start].rstrip(" ,\t\n")
            last = head[-1:]
            if last.isalpha() or (last == "." and head[-2:-1].isalpha()):
                # "3 May 2021", "3 de maio de 2021", "3. Mai. 2021"
                searches.append((_DAY_MONTH, max(0, start - 32), end))
            if before.isspace() and _DAY_END.search(head, max(0, len(head) - 5)):
                searches.append((_MONTH_DAY, max(0, start - 32), end))  # "May 3, 2021"
        if text[end : end + 3].lstrip()[:1] in ("年", "년"):
            searches.append((_CJK_INDEX, start, min(size, end + 16)))
        if before == "(":
            lo, hi = max(0, start - 1), min(size, end + 24)
            searches.extend((index, lo, hi) for index in _BRACKETED_INDEXES)
        if after == " " and text[end + 1 : end + 2].isalpha():
            searches.append((_YEAR_MONTH_DAY, start, min(size, end + 24)))
    return searches


def date_at(
    text: str, pos: int, *, window: int = 40, day_first: bool | None = None
) -> DateMatch | None:
    """The first date starting within ``window`` characters after ``pos``."""
    segment = text[pos : pos + window]
    dates = find_dates(segment, day_first=day_first)
    if not dates:
        return None
    first = dates[0]
    return attrs.evolve(first, start=first.start + pos, end=first.end + pos)


def parse_date(text: str, *, day_first: bool | None = None) -> DateMatch | None:
    """The first date in ``text``: fast path first, then ``dateparser`` for odd phrasings."""
    dates = find_dates(text, day_first=day_first)
    if dates:
        return dates[0]
    return parse_odd_date(text.strip(), day_first=day_first)


def parse_odd_date(text: str, *, day_first: bool | None = None) -> DateMatch | None:
    """A date in a short phrase the fast patterns miss (``28-Jun-2024``, ``11.03.22``), via
    ``dateparser``; ``day_first`` is the same hint as :func:`find_dates`'s, and a dotted
    date is day first whatever the hint, as there."""
    if not text or len(text) > 60 or not _COULD_BE_A_DAY.search(text):
        return None
    if _DOTTED.match(text):
        day_first = True
    return _parse_odd_date(text, day_first)


# dateparser is asked only for a full date: three numbers, or two and a word (a month
# name). "04.2025" or "Jul 2021" name a month, never a day, so they are not sent.
_COULD_BE_A_DAY = re.compile(r"\d+\D+\d+\D+\d|\d.*[^\W\d_]{3}.*\d|[^\W\d_]{3}.*\d+\D+\d")


_DOTTED = re.compile(r"[0-3]?\d\.\s?[01]?\d\.\s?\d\d(?!\d)")
"""``11.03.22``: dots are written day first (German, Russian, Polish, Czech, Turkish…), as
:func:`find_dates` reads ``3.4.2024``."""


@functools.lru_cache(maxsize=512)
def _parse_odd_date(text: str, day_first: bool | None) -> DateMatch | None:
    import dateparser  # imported late: it is slow to load and rarely needed

    settings: dict[str, object] = {
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"]}
    if day_first is not None:
        # dateparser alone reads "11.03.22" month first.
        settings["DATE_ORDER"] = "DMY" if day_first else "MDY"
    try:
        parsed = dateparser.parse(text, settings=settings)
    except Exception:  # dateparser raises assorted errors on junk; junk is simply "no date"
        return None
    if parsed is None:
        return None
    return DateMatch(parsed.date(), text, 0, len(text))

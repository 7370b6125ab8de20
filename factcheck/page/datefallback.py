"""A fast stand-in for htmldate's dateparser fallback: no first-call stall.

htmldate hands the date expressions its own patterns cannot read ("3 de mayo de 2022",
"15 августа 2016", "Fri Feb 18 10:27:24 2022") to dateparser. dateparser's first call loads
its locale data: about 1.5-1.9 s, paid by the first page of every process, which alone breaks
the one-second budget of ``factcheck check --html``. On the 1,528 labelled pages of
``shared/data/pages-metadata`` the fallback is reached on 16 pages and answers on 7 of them
(``evaluation/dates.py`` measures the effect). :func:`parse_expression` reads those forms
with a month-name table (English, German, French, Spanish, Italian, Portuguese, Dutch,
Indonesian, Turkish, Russian) and plain patterns; :func:`install` makes htmldate use it and
its month-word gate, so dateparser is never imported.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

import htmldate.extractors as htmldate_extractors

_MONTHS: tuple[tuple[str, ...], ...] = (
    ("jan", "january", "januar", "jänner", "januari", "janvier", "enero", "gennaio", "janeiro",
     "ocak", "января", "январь", "janv"),
    ("feb", "february", "februar", "feber", "februari", "février", "fevrier", "febrero",
     "febbraio", "fevereiro", "şubat", "февраля", "февраль", "févr", "fevr"),
    ("mar", "march", "mär", "märz", "maret", "mart", "mars", "marzo", "março", "marco", "maart",
     "марта", "март"),
    ("apr", "april", "avril", "abril", "aprile", "nisan", "апреля", "апрель", "avr"),
    ("may", "mai", "mei", "mayo", "maggio", "maio", "mayıs", "мая", "май"),
    ("jun", "june", "juni", "juin", "junio", "giugno", "junho", "haziran", "июня", "июнь"),
    ("jul", "july", "juli", "juillet", "julio", "luglio", "julho", "temmuz", "июля", "июль",
     "juil"),
    ("aug", "august", "agustus", "ağustos", "août", "aout", "agosto", "augustus", "августа",
     "август"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre", "setembro", "eylül",
     "сентября", "сентябрь"),
    ("oct", "october", "oktober", "octobre", "octubre", "ottobre", "outubro", "okt", "ekim",
     "октября", "октябрь"),
    ("nov", "november", "novembre", "noviembre", "novembro", "kasım", "ноября", "ноябрь"),
    ("dec", "december", "dez", "dezember", "desember", "décembre", "decembre", "diciembre",
     "dicembre", "dezembro", "aralık", "декабря", "декабрь", "déc"),
)  # fmt: skip
MONTH_NUMBERS: dict[str, int] = {
    name: number for number, names in enumerate(_MONTHS, start=1) for name in names
}
_MONTH = "|".join(sorted((re.escape(n) for n in MONTH_NUMBERS), key=len, reverse=True))
#: "3 de mayo de 2022", "15 августа 2016", "8.Dezember 2010", "lun. 5 août 2019".
_DAY_MONTH_YEAR = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s*(?:de\s+)?({_MONTH})\.?,?\s*(?:de\s+)?((?:19|20)\d\d)(?!\d)"
)
#: "Feb 18, 2022", "Fri Feb 18 10:27:24 2022", "Jan 04 09:34 2021".
_MONTH_DAY_YEAR = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b,?(?:\s+\d{{1,2}}:\d\d(?::\d\d)?)?\s+"
    r"((?:19|20)\d\d)(?!\d)"
)
#: "26 | 01 | 2022", "4. 2. 2022": day first, as pages outside the US write it.
_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})\s*[|./-]\s*(\d{1,2})\s*[|./-]\s*((?:19|20)\d\d)(?!\d)")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("ı", "i").replace("İ", "i")).lower()


def parse_expression(string: str) -> datetime | None:
    """A calendar date in ``string`` written as a day, a month (name or number) and a year."""
    text = _fold(string)
    for pattern, order in ((_DAY_MONTH_YEAR, (0, 1, 2)), (_MONTH_DAY_YEAR, (1, 0, 2))):
        match = pattern.search(text)
        if match:
            parts = match.groups()
            day, month, year = parts[order[0]], parts[order[1]], parts[order[2]]
            found = _date(int(year), MONTH_NUMBERS.get(month.rstrip("."), 0), int(day))
            if found:
                return found
    match = _NUMERIC.search(text)
    return _date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None


def _date(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def month_words() -> frozenset[str]:
    """The month names htmldate's gate looks for (instead of all of dateparser's locales)."""
    return frozenset(MONTH_NUMBERS)


def install() -> None:
    """Make htmldate use :func:`parse_expression` and :func:`month_words` (idempotent)."""
    htmldate_extractors._external_date = parse_expression
    htmldate_extractors.month_words = month_words  # type: ignore[assignment]

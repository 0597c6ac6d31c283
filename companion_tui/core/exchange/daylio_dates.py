"""Dates and times as Daylio writes them.

``full_date`` is ISO (``2024-03-05``) and always preferred. Older exports have only ``year``
and a localised ``date`` such as ``March 5``, ``5 mars``, ``5. März``, ``5 de marzo`` or
``3月5日``: month names are understood in English, German, French, Spanish, Italian,
Portuguese and Dutch (full or abbreviated), and the Chinese, Japanese and Korean
month-day forms. Anything else is reported, never guessed —
numeric forms like ``05/03`` could be either day or month first.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_MONTHS = {
    1: ("january", "januar", "janvier", "enero", "gennaio", "janeiro", "januari", "jänner", "janner"),
    2: ("february", "februar", "fevrier", "febrero", "febbraio", "fevereiro", "februari"),
    3: ("march", "marz", "mars", "marzo", "marco", "maart", "mrt"),
    4: ("april", "avril", "abril", "aprile"),
    5: ("may", "mai", "mayo", "maggio", "maio", "mei"),
    6: ("june", "juni", "juin", "junio", "giugno", "junho"),
    7: ("july", "juli", "juillet", "julio", "luglio", "julho"),
    8: ("august", "aout", "agosto", "augustus"),
    9: ("september", "septembre", "septiembre", "setiembre", "settembre", "setembro"),
    10: ("october", "oktober", "octobre", "octubre", "ottobre", "outubro"),
    11: ("november", "novembre", "noviembre", "novembro"),
    12: ("december", "dezember", "decembre", "diciembre", "dicembre", "dezembro"),
}
_CJK = re.compile(r"^(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_H24 = re.compile(r"^(\d{1,2})[:.h](\d{2})(?:[:.]\d{2})?$")
_H12 = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?\s*([ap])\.?\s*m\.?$")
TIME_HELP = "expected e.g. 15:26, 5:01 PM or 10:00 pm"


class DateProblem(ValueError):
    pass


def _plain(text: str) -> str:
    """Lowercase, accents removed, every kind of space a plain space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(" " if unicodedata.category(ch).startswith("Z") else ch for ch in text
                   if not unicodedata.combining(ch))
    return " ".join(text.split()).lower()


def month_number(word: str) -> int | None:
    """1–12 for a month name or abbreviation (3+ letters) in a known language; None otherwise."""
    word = _plain(word).strip(".")
    if len(word) < 3:
        return None
    found = {n for n, names in _MONTHS.items() for name in names if name.startswith(word)}
    return found.pop() if len(found) == 1 else None


def read_date(full_date: str | None, year: str | None, text: str | None) -> date:
    """The row's date from ``full_date``, else ``year`` + ``date``. Raises DateProblem."""
    full = (full_date or "").strip()
    if full:
        m = _ISO.match(full)
        if m:
            try:
                return date(*(int(g) for g in m.groups()))
            except ValueError:
                pass
        raise DateProblem(f"the full_date {full!r} is not a real date in the form YYYY-MM-DD.")
    year_text, text = (year or "").strip(), (text or "").strip()
    if not year_text and not text:
        raise DateProblem("the row has no date.")
    if not re.fullmatch(r"\d{4}", year_text):
        raise DateProblem(f"the year {year_text!r} is not a four-digit year.")
    found = _month_day(text)
    if found is None:
        raise DateProblem(
            f"the date {text!r} (year {year_text}) can't be read: companion understands month names in "
            "English, German, French, Spanish, Italian, Portuguese and Dutch (and 3月5日). Newer Daylio versions add a "
            "full_date column (YYYY-MM-DD) that always works: export again from Daylio if you can."
        )
    try:
        return date(int(year_text), *found)
    except ValueError:
        raise DateProblem(f"{text!r} {year_text} is not a real date.") from None


def _month_day(text: str) -> tuple[int, int] | None:
    m = _CJK.match("".join(unicodedata.normalize("NFKC", text).split()))
    if m:
        return int(m.group(1)), int(m.group(2))
    plain = _plain(text)
    words = [w for w in re.split(r"[\s,./]+", plain) if w]
    numbers = [int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31]
    months = {n for w in words if not w.isdigit() and (n := month_number(w))}
    if len(numbers) == 1 and len(months) == 1:
        return months.pop(), numbers[0]
    return None


def read_time(text: str) -> tuple[int, int]:
    """(hour, minute) from ``15:26``, ``17h26``, ``5:01 PM``, ``10:00 pm``, ``9.05 a.m.``. Raises DateProblem."""
    plain = _plain(text)
    m = _H24.match(plain)
    if m:
        hh, mm = int(m.group(1)), int(m.group(2))
        if hh <= 23 and mm <= 59:
            return hh, mm
    m = _H12.match(plain)
    if m:
        hh, mm = int(m.group(1)), int(m.group(2))
        if 1 <= hh <= 12 and mm <= 59:
            return (hh % 12) + (12 if m.group(3) == "p" else 0), mm
    if not plain:
        raise DateProblem(f"the row has no time ({TIME_HELP}).")
    raise DateProblem(f"the time {text.strip()!r} can't be read ({TIME_HELP}).")

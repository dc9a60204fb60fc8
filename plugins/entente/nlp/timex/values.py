"""Pure TIMEX3 value arithmetic: shifting dates by units, ISO weeks, quarters, and the inclusive
calendar range / granularity a value covers. No spaCy here."""
from __future__ import annotations

import calendar
import datetime as dt
import re

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # 14 = Feb next year
PART_OF_DAY = {"MO", "AF", "EV", "NI", "DT", "MI"}


def parse_iso(s: str | None) -> dt.date | None:
    """'2023-02-01' or '2023-02-01T12:00...' → date; None if unusable."""
    if not s:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(s))
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> dt.date:
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """Move date d by n units (day, week, month, quarter, year, decade, century)."""
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit == "week":
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}[unit]
    return add_months(d, n * months)


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def week_value(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def value_at(d: dt.date, granularity: str) -> str:
    """The TIMEX3 value of the unit of the given granularity that contains d."""
    if granularity == "day":
        return d.isoformat()
    if granularity == "week":
        return week_value(d)
    if granularity == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity == "quarter":
        return f"{d.year:04d}-Q{quarter_of(d)}"
    if granularity == "half":
        return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
    if granularity == "year":
        return f"{d.year:04d}"
    if granularity == "decade":
        return f"{d.year // 10:03d}"
    if granularity == "century":
        return f"{d.year // 100:02d}"
    raise ValueError(granularity)


def weekday_near(d: dt.date, weekday: int, direction: int) -> dt.date:
    """The given weekday (0=Monday) on/before d (direction -1) or on/after d (+1)."""
    delta = (weekday - d.weekday()) % 7
    if direction >= 0:
        return d + dt.timedelta(days=delta)
    return d - dt.timedelta(days=(7 - delta) % 7)


def month_near(d: dt.date, month: int, direction: int) -> int:
    """The year of the named month nearest d in the direction (0 → same year)."""
    if direction < 0 and month > d.month:
        return d.year - 1
    if direction > 0 and month < d.month:
        return d.year + 1
    return d.year


def _last_day(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _iso_week_start(y: int, w: int) -> dt.date:
    return dt.date.fromisocalendar(y, w, 1)


def value_range(value: str) -> tuple[str | None, str | None, str | None]:
    """(range_start, range_end, granularity) of a DATE/TIME value; Nones when not calendar-bound."""
    v = value or ""
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T(.+))?", v)
        if m:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat(), "time" if m[4] else "day"
        m = re.fullmatch(r"(\d{4})-(\d{2})", v)
        if m:
            y, mo = int(m[1]), int(m[2])
            return dt.date(y, mo, 1).isoformat(), _last_day(y, mo).isoformat(), "month"
        m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
        if m:
            y, q = int(m[1]), int(m[2])
            return dt.date(y, 3 * q - 2, 1).isoformat(), _last_day(y, 3 * q).isoformat(), "quarter"
        m = re.fullmatch(r"(\d{4})-H([12])", v)
        if m:
            y, h = int(m[1]), int(m[2])
            return dt.date(y, 6 * h - 5, 1).isoformat(), _last_day(y, 6 * h).isoformat(), "half"
        m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v)
        if m:
            start = _iso_week_start(int(m[1]), int(m[2]))
            if m[3]:
                start += dt.timedelta(days=5)
                return start.isoformat(), (start + dt.timedelta(days=1)).isoformat(), "week"
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat(), "week"
        m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v)
        if m:
            y = int(m[1])
            a, b = SEASON_MONTHS[m[2]]
            end_y, end_m = (y + 1, b - 12) if b > 12 else (y, b)
            return dt.date(y, a, 1).isoformat(), _last_day(end_y, end_m).isoformat(), "season"
        if re.fullmatch(r"\d{4}", v):
            return f"{v}-01-01", f"{v}-12-31", "year"
        if re.fullmatch(r"\d{3}", v):
            return f"{v}0-01-01", f"{v}9-12-31", "decade"
        if re.fullmatch(r"\d{2}", v):
            return f"{v}00-01-01", f"{v}99-12-31", "century"
    except ValueError:
        return None, None, None
    return None, None, None


def granularity_of(value: str, typ: str) -> str:
    """Granularity label for the contract: calendar unit, or duration/set/ref."""
    if typ == "DURATION":
        return "duration"
    if typ == "SET":
        return "set"
    if value.endswith("_REF"):
        return "ref"
    g = value_range(value)[2]
    if g:
        return g
    if "T" in value:
        return "time"
    return "ref"

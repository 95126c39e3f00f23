"""Calendar periods counted the way the Civil Code counts them.

《民法典》第二百零一条: the starting day is not counted; 第二百零二条: a period of years or
months ends on the corresponding day of the last month, or on that month's last day when it has
no corresponding day (a period starting on 31 January ends in February on the 28th or 29th;
one starting on 29 February ends on 28 February in a common year).
"""

import calendar
import datetime as _dt


def add_months(day: _dt.date, months: int) -> _dt.date:
    """The corresponding day `months` months later, or the month's last day if there is none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: _dt.date, years: int) -> _dt.date:
    return add_months(day, 12 * years)


def chinese(day: _dt.date) -> str:
    """'2025年3月15日'."""
    return f"{day.year}年{day.month}月{day.day}日"

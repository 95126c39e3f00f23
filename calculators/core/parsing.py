"""Turn what people actually type into numbers, rates and dates.

Accepted forms are listed in calculators.md ("Input that real people type"): full-width digits
and punctuation, thousands separators, 万 / 千 / 元 / ¥, rates written as in ads and contracts
(年化18%, 月息1.5%, 日息0.05%, 日息万五, 月费率0.8%) and Chinese date formats.

Every parser raises ParseError with a short Chinese reason; the field that called it adds its
own name and an example that works, so the reader always sees which box to fix and how.
"""

import datetime as _dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from calculators.core.money import DAYS_PER_YEAR, HUNDRED, MONTHS_PER_YEAR
from calculators.core.valueclass import valueclass


class ParseError(ValueError):
    """The text could not be read; the message (Chinese) says why."""


_CHINESE_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# More digits than any real amount or rate needs; beyond this Decimal work gets slow and silly.
_MAX_DIGITS = 15


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC), Chinese punctuation to ASCII, no spaces at all."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("。", ".").replace("，", ",").replace("、", ",").replace("．", ".")
    return re.sub(r"\s+", "", text)


def _number(text: str) -> Decimal:
    """A plain decimal number: digits with an optional fraction; nothing else."""
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", text):
        raise ParseError("不是有效的数字")
    if len(text.replace(".", "").lstrip("0")) > _MAX_DIGITS:
        raise ParseError("数字太大")
    try:
        return Decimal(text)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guarantees a number
        raise ParseError("不是有效的数字") from exc


def parse_amount(text: str) -> Decimal:
    """An amount in yuan: '12,000', '１２，０００．５０', '1.2万', '5万元', '1亿', '3000元', '¥3000', '3千'.

    Returned exactly as typed (no rounding here); MoneyField rounds to the fen."""
    s = normalize(text)
    if not s:
        raise ParseError("不能为空")
    s = re.sub(r"^(人民币|RMB|CNY)", "", s, flags=re.IGNORECASE)
    s = s.lstrip("¥$").removesuffix("元").removesuffix("块").removesuffix("块钱")
    if s.startswith("-"):
        raise ParseError("不能是负数")
    multiplier = Decimal(1)
    for unit, factor in (("亿", 100000000), ("万", 10000), ("w", 10000), ("W", 10000), ("千", 1000), ("k", 1000), ("K", 1000)):
        if s.endswith(unit):
            s, multiplier = s[: -len(unit)], Decimal(factor)
            break
    # Thousands separators: people put them anywhere ("12,000", "1,2000"); they never mean decimals.
    s = s.replace(",", "").replace("'", "")
    if not s:
        raise ParseError("缺少数字")
    return _number(s) * multiplier


_CHINESE_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百]+")


def _chinese_int(s: str) -> int | None:
    """'十二' → 12, '二十四' → 24, '一百零五' → 105, '两' → 2; None if not a Chinese numeral."""
    if not _CHINESE_NUMERAL.fullmatch(s):
        return None
    total, digit = 0, None
    for ch in s:
        if ch in ("零", "〇"):
            digit = None
        elif ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        else:  # 十 or 百: multiply the digit before it (十二: an implied 一)
            total += (1 if digit is None else digit) * (10 if ch == "十" else 100)
            digit = None
    return total + (digit or 0)


def _whole(s: str) -> Decimal:
    """Digits, or a small Chinese numeral (people type 十二期, 两年)."""
    value = _chinese_int(s)
    return Decimal(value) if value is not None else _number(s)


def parse_count(text: str, units: tuple[str, ...]) -> int:
    """A whole number followed by an optional unit: '30', '30天', '12期', '１２个月', '十二期'."""
    s = normalize(text)
    if not s:
        raise ParseError("不能为空")
    if s.startswith("-"):
        raise ParseError("不能是负数")
    for unit in sorted(units, key=len, reverse=True):
        if s.endswith(unit):
            s = s[: -len(unit)]
            break
    value = _whole(s)
    if value != value.to_integral_value():
        raise ParseError("需要整数")
    return int(value)


def parse_months(text: str) -> int:
    """A number of months: '12', '12期', '12个月', '2年' (= 24), '1年半' (= 18), '两年', '十二期'."""
    s = normalize(text)
    years = re.fullmatch(r"(.+?)(?:个)?年(半)?", s)
    if years:
        return int(_whole(years.group(1))) * 12 + (6 if years.group(2) else 0)
    return parse_count(s, ("个月", "月", "期"))


@valueclass
class Rate:
    """A rate as the user wrote it, with its annual equivalent (a fraction: 0.18 = 18 %).

    basis is one of: "annual", "monthly", "daily", "monthly_fee". A monthly fee (月费率) is
    charged on the ORIGINAL principal every month, so its annual figure (fee × 12) understates
    the true cost of an amortizing loan; the calculators say so when they meet one.
    """

    annual: Decimal
    basis: str
    text: str


_RATE_PREFIXES = (
    ("monthly_fee", ("月费率", "月手续费率", "月服务费率", "月费")),
    ("daily", ("日利率", "日息", "日率", "日")),
    ("monthly", ("月利率", "月息", "月率", "月")),
    ("annual", ("年化利率", "年化", "年利率", "年息", "年率", "年", "APR", "apr")),
)


def _wan_rate(s: str) -> Decimal | None:
    """'万五' = 5/10000, '万2.5' = 2.5/10000, '千一' = 1/1000 (how daily rates are spoken)."""
    m = re.fullmatch(r"(万|千)([一二两三四五六七八九]|\d+(?:\.\d+)?)", s)
    if not m:
        return None
    base = Decimal(10000) if m.group(1) == "万" else Decimal(1000)
    digit = m.group(2)
    value = Decimal(_CHINESE_DIGITS[digit]) if digit in _CHINESE_DIGITS else _number(digit)
    return value / base


def parse_rate(text: str, default_basis: str = "annual") -> Rate:
    """A rate as written in ads and contracts.

    '18%', '18', '年化18%', '月息1.5%', '日息0.05%', '日息万五', '万五', '月费率0.8%'.
    A bare number is read in percent on the field's default basis. Daily rates convert with a
    360-day year, monthly ones with 12 months.
    """
    original = text
    s = normalize(text)
    if not s:
        raise ParseError("不能为空")
    basis = None
    for name, prefixes in _RATE_PREFIXES:
        for prefix in prefixes:
            if s.startswith(prefix):
                basis, s = name, s[len(prefix):]
                break
        if basis:
            break
    if s.startswith("-"):
        raise ParseError("不能是负数")
    wan = _wan_rate(s)
    if wan is not None:
        # "万五" is always a daily rate in Chinese lending talk unless a prefix said otherwise.
        basis = basis or "daily"
        per_period = wan
    else:
        s = s.removesuffix("%")
        if not s:
            raise ParseError("缺少数字")
        per_period = _number(s) / HUNDRED
        basis = basis or default_basis
    factor = {"annual": Decimal(1), "monthly": MONTHS_PER_YEAR, "monthly_fee": MONTHS_PER_YEAR, "daily": DAYS_PER_YEAR}[basis]
    return Rate(annual=per_period * factor, basis=basis, text=original.strip())


def parse_multiplier(text: str) -> Decimal | None:
    """A markup on the contract rate: '1.5倍' → 1.5, '上浮50%' / '加收50%' → 1.5. None if not one."""
    s = normalize(text)
    m = re.fullmatch(r"(\d+(?:\.\d+)?)倍", s)
    if m:
        return _number(m.group(1))
    m = re.fullmatch(r"(上浮|加收|加)(\d+(?:\.\d+)?)%?", s)
    if m:
        return 1 + _number(m.group(2)) / HUNDRED
    return None


def parse_date(text: str) -> _dt.date:
    """'2025-03-15', '2025/3/15', '2025.3.15', '2025年3月15日', '20250315'."""
    s = normalize(text)
    if not s:
        raise ParseError("不能为空")
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", s) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if not m:
        raise ParseError("日期格式不对")
    year, month, day = (int(g) for g in m.groups())
    try:
        return _dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError("没有这一天") from exc


datetime_type = _dt.datetime

_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})"
_TIME = (
    r"(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上)?\s*(\d{1,2})\s*(?::|时|点)\s*"
    r"(?:(半)|(\d{1,2})\s*分?)?\s*(?:(?::)\s*(\d{1,2})\s*秒?)?"
)
_DATETIME = re.compile(rf"(?:{_DATE})(?:(?:\s+|T|(?<=日))\s*(?:{_TIME}))?")


def parse_datetime(text: str) -> "_dt.date | _dt.datetime":
    """A date with an optional time: '2025-03-15 14:30', '2025-03-15T14:30', '2025年3月15日 14:30',
    '2025年3月15日14时30分', '2025年3月15日下午2点半', '２０２５年３月１５日' (date alone → a date).
    A time gives a datetime (seconds, if typed, are kept); 下午/晚上 add 12 hours to 1–11 点."""
    s = unicodedata.normalize("NFKC", text or "").strip()
    s = s.replace("：", ":")
    if not s:
        raise ParseError("不能为空")
    m = _DATETIME.fullmatch(s)
    if not m:
        raise ParseError("日期或时间格式不对")
    g = m.groups()
    year, month, day = (int(x) for x in (g[0:3] if g[0] else g[3:6]))
    try:
        date = _dt.date(year, month, day)
    except ValueError as exc:
        raise ParseError("没有这一天") from exc
    if g[7] is None:
        return date
    period, hour = g[6], int(g[7])
    minute = 30 if g[8] else int(g[9] or 0)
    second = int(g[10] or 0)
    if period in ("下午", "傍晚", "晚上") and 1 <= hour <= 11:
        hour += 12
    elif period in ("凌晨", "早上", "早晨", "上午") and hour == 12:
        hour = 0 if period == "凌晨" else hour
    if hour > 23 or minute > 59 or second > 59:
        raise ParseError("没有这个时间（时 0–23，分 0–59）")
    return _dt.datetime(year, month, day, hour, minute, second)


_TRUE = {"yes", "y", "true", "1", "on", "是", "有", "对"}
_FALSE = {"no", "n", "false", "0", "off", "否", "无", "没有", ""}


def parse_bool(text: str) -> bool:
    s = normalize(text).lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ParseError("请选择是或否")

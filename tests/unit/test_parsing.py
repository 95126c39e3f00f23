"""What real people type (calculators.md, "Input that real people type")."""

import datetime as dt
from decimal import Decimal

import pytest

from calculators.core.parsing import ParseError, parse_amount, parse_date, parse_months, parse_multiplier, parse_rate


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12000", "12000"),
        ("12,000", "12000"),
        ("１２，０００．５０", "12000.50"),
        ("1.2万", "12000.0"),
        ("5万元", "50000"),
        ("3000元", "3000"),
        ("¥3000", "3000"),
        ("￥3,000", "3000"),
        (" 3 000 ", "3000"),
        ("人民币5000", "5000"),
        ("3千", "3000"),
    ],
)
def test_amounts(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "abc", "-5", "1e30", "NaN", "Infinity", "万", "1.2.3", "5万万", "9" * 20])
def test_bad_amounts(text):
    with pytest.raises(ParseError):
        parse_amount(text)


@pytest.mark.parametrize(
    "text, annual, basis",
    [
        ("18%", "0.18", "annual"),
        ("18", "0.18", "annual"),
        ("年化18%", "0.18", "annual"),
        ("年利率 18%", "0.18", "annual"),
        ("３．５％", "0.035", "annual"),
        ("月息1.5%", "0.18", "monthly"),
        ("日息0.05%", "0.18", "daily"),  # 360-day year: how lenders advertise 日利率
        ("日息万五", "0.18", "daily"),
        ("万五", "0.18", "daily"),
        ("日息万2.5", "0.09", "daily"),
        ("月费率0.8%", "0.096", "monthly_fee"),
    ],
)
def test_rates(text, annual, basis):
    rate = parse_rate(text)
    assert rate.annual == Decimal(annual)
    assert rate.basis == basis


@pytest.mark.parametrize("text", ["", "abc", "年化", "-5%", "日息万", "18%%"])
def test_bad_rates(text):
    with pytest.raises(ParseError):
        parse_rate(text)


@pytest.mark.parametrize("text, factor", [("1.5倍", "1.5"), ("上浮50%", "1.5"), ("加收30%", "1.3"), ("２倍", "2")])
def test_markups(text, factor):
    assert parse_multiplier(text) == Decimal(factor)


def test_a_plain_rate_is_not_a_markup():
    assert parse_multiplier("24%") is None


@pytest.mark.parametrize("text", ["2025-03-15", "2025/3/15", "2025年3月15日", "2025.3.15", "20250315", "２０２５－０３－１５"])
def test_dates(text):
    assert parse_date(text) == dt.date(2025, 3, 15)


@pytest.mark.parametrize("text", ["2025-02-30", "15/3/2025", "昨天", "2025-13-01"])
def test_bad_dates(text):
    with pytest.raises(ParseError):
        parse_date(text)


@pytest.mark.parametrize(
    "text, months",
    [("12", 12), ("12期", 12), ("12个月", 12), ("2年", 24), ("1年半", 18), ("１２", 12), ("十二期", 12), ("二十四个月", 24), ("两年", 24), ("三年半", 42), ("六十", 60)],
)
def test_months(text, months):
    assert parse_months(text) == months


@pytest.mark.parametrize("text", ["1.5", "一点五", "-1", "年", "十二天"])
def test_bad_months(text):
    with pytest.raises(ParseError):
        parse_months(text)

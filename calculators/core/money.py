"""Money and rates as Decimal, never binary floats.

Rounding rule (calculators.md): amounts are rounded to the fen (0.01 元) with ROUND_HALF_UP
at the points where a lender rounds — each installment — and only there; and amounts the
reader types are rounded to the fen, half up, as they are read (MoneyField), so every
schedule starts from whole fen (a row's principal + interest = its payment, exactly).

Nothing here ever produces exponent notation (Decimal's str() can: '1.140000E+7', '0E+1');
use `plain()` for a number that goes into text or `data`.
"""

from decimal import ROUND_HALF_UP, Decimal, localcontext

FEN = Decimal("0.01")
ZERO = Decimal("0")
HUNDRED = Decimal("100")

# Chinese lenders quote a daily rate against a 360-day year (日利率 = 年利率 ÷ 360), so that
# "日息万五" is advertised as "年化18%". We use the same basis whenever days and years meet.
DAYS_PER_YEAR = Decimal("360")
MONTHS_PER_YEAR = Decimal("12")


def to_fen(amount: Decimal) -> Decimal:
    """Round an amount to the fen, half up (0.005 → 0.01)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def precise():
    """A context with enough digits that intermediate results never lose a fen."""
    return localcontext(prec=40)


def plain(value: Decimal) -> str:
    """A Decimal in positional notation: plain(Decimal('1.140000E+7')) == '11400000',
    plain(Decimal('0E+1')) == '0', plain(Decimal('1E-7')) == '0.0000001'."""
    text = format(value, "f")
    if text.startswith("-") and not text.strip("-0."):
        text = text[1:]  # no "-0.00"
    return text


def yuan(amount: Decimal) -> str:
    """'12,345.60 元' — rounded to the fen for display."""
    return f"{to_fen(amount):,.2f} 元"


def percent(rate: Decimal) -> str:
    """A rate given as a fraction (0.1827) shown in percent with two decimals: '18.27%'."""
    return f"{(rate * HUNDRED).quantize(FEN, rounding=ROUND_HALF_UP):.2f}%"

"""Internal rate of return of a series of cash flows, solved robustly and checked in Decimal.

A cash flow is (t, amount): t in periods from the start (whole periods for a schedule, days/365
for dated payments, i.e. XIRR), amount signed from the lender's side (what the borrower received
is negative, each repayment positive). The IRR is the rate r > −1 that makes the net present
value zero:

    NPV(r) = Σ amount_k · (1 + r)^(−t_k) = 0

With exactly one change of sign in the amounts (taken in time order) there is exactly one such
r (Descartes' rule of signs, which also holds for real exponents); with none there is no
solution, and with several there may be several, so the helper refuses both rather than pick
one. Method: bracket the root (expanding the upper end geometrically), Brent's method in binary
floating point, then Newton steps in Decimal until the NPV in Decimal is within `tolerance`
(0.005 元 by default, half a fen: the verification table then adds up to the fen).
"""

import math
from decimal import Decimal, localcontext
from typing import Sequence

from calculators.core.valueclass import valueclass

Flow = tuple[Decimal, Decimal]  # (t in periods, signed amount)

# Far beyond any loan (10^6 per period); past it the bracket search gives up.
_MAX_RATE = 1e6
_MIN_RATE = -0.999999


class IrrError(ValueError):
    """No single IRR: `kind` is "no_sign_change", "several_sign_changes" or "no_solution"."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@valueclass
class Irr:
    """An internal rate of return and its check: the NPV at that rate."""

    rate: Decimal  # per period (per year for XIRR flows in years)
    npv_check: Decimal  # NPV at `rate` computed in Decimal (|·| ≤ tolerance)


def sign_changes(flows: Sequence[Flow]) -> int:
    signs = [1 if a > 0 else -1 for _t, a in sorted(flows, key=lambda f: f[0]) if a != 0]
    return sum(1 for a, b in zip(signs, signs[1:]) if a != b)


def _discounted(rate: Decimal, flows: Sequence[Flow]) -> list[Decimal]:
    """amount · (1 + rate)^(−t) for each flow (call inside a 40-digit context). Whole t use exact
    powers; fractional t (XIRR) share one logarithm: exp(−t · ln(1 + rate))."""
    base = 1 + rate
    log_base = None
    out = []
    for t, a in flows:
        if t == t.to_integral_value():
            out.append(a / base ** int(t))
        else:
            if log_base is None:
                log_base = base.ln()
            out.append(a * (-t * log_base).exp())
    return out


def npv(rate: Decimal, flows: Sequence[Flow]) -> Decimal:
    """Σ amount · (1 + rate)^(−t), in Decimal with 40 significant digits."""
    with localcontext(prec=40):
        return sum(_discounted(rate, flows), Decimal(0))


def discount_factor(rate: Decimal, t: Decimal) -> Decimal:
    return npv(rate, [(t, Decimal(1))])


def _npv_float(rate: float, flows: list[tuple[float, float]]) -> float:
    log_base = math.log1p(rate)
    total = 0.0
    for t, a in flows:
        exponent = -t * log_base
        total += a * math.exp(exponent) if exponent < 700 else math.copysign(math.inf, a)
    return total


def _brent(f, lo: float, hi: float, f_lo: float, f_hi: float) -> float:
    """Brent's method (inverse quadratic interpolation, secant, bisection) on a bracket."""
    a, b, fa, fb = lo, hi, f_lo, f_hi
    if abs(fa) < abs(fb):
        a, b, fa, fb = b, a, fb, fa
    c, fc, d, bisected = a, fa, a, True
    for _ in range(200):
        if fb == 0 or abs(b - a) <= 1e-15 * max(1.0, abs(b)):
            return b
        if fa != fc and fb != fc:
            s = a * fb * fc / ((fa - fb) * (fa - fc)) + b * fa * fc / ((fb - fa) * (fb - fc)) + c * fa * fb / ((fc - fa) * (fc - fb))
        else:
            s = b - fb * (b - a) / (fb - fa)
        lower, upper = sorted(((3 * a + b) / 4, b))
        if (
            not lower < s < upper
            or (bisected and abs(s - b) >= abs(b - c) / 2)
            or (not bisected and abs(s - b) >= abs(c - d) / 2)
        ):
            s, bisected = (a + b) / 2, True
        else:
            bisected = False
        fs = f(s)
        d, c, fc = c, b, fb
        if fa * fs < 0:
            b, fb = s, fs
        else:
            a, fa = s, fs
        if abs(fa) < abs(fb):
            a, b, fa, fb = b, a, fb, fa
    return b


def solve(flows: Sequence[Flow], tolerance: Decimal = Decimal("0.005")) -> Irr:
    """The IRR of `flows` (see the module docstring), or IrrError.

    Check (numpy-financial's irr): [(0, −100), (1, 39), (2, 59), (3, 55), (4, 20)] → 0.28095.
    """
    changes = sign_changes(flows)
    if changes == 0:
        raise IrrError("no_sign_change")
    if changes > 1:
        raise IrrError("several_sign_changes")
    floats = [(float(t), float(a)) for t, a in flows]
    f = lambda r: _npv_float(r, floats)  # noqa: E731
    # One sign change: NPV keeps one sign on each side of the root. Look upwards from 0, then
    # downwards towards −1 if the root is negative.
    lo, hi = 0.0, 0.1
    f_lo, f_hi = f(lo), f(hi)
    if f_lo == 0:
        root = 0.0
    else:
        if f_lo * f_hi > 0:
            while f_lo * f_hi > 0 and hi < _MAX_RATE:
                lo, f_lo = hi, f_hi
                hi *= 4
                f_hi = f(hi)
        if f_lo * f_hi > 0:
            lo, hi, f_hi = -0.5, 0.0, f(0.0)
            f_lo = f(lo)
            while f_lo * f_hi > 0 and lo > _MIN_RATE:
                hi, f_hi = lo, f_lo
                lo = (lo - 1) / 2 if lo > -0.99 else max(_MIN_RATE, lo - (1 + lo) / 2)
                f_lo = f(lo)
            if f_lo * f_hi > 0 or not (math.isfinite(f_lo) and math.isfinite(f_hi)):
                raise IrrError("no_solution")
        root = _brent(f, lo, hi, f_lo, f_hi)
    return _polish(Decimal(repr(root)), flows, tolerance)


def _polish(rate: Decimal, flows: Sequence[Flow], tolerance: Decimal) -> Irr:
    """Newton steps in Decimal from the float root (good to ~1e−15) until a step is below
    1e−30, then the rate to 18 decimals: the same digits in CPython and in Pyodide, whose
    floating-point libraries may differ in the last bit."""
    with localcontext(prec=40):
        for _ in range(8):
            terms = _discounted(rate, flows)
            value = sum(terms, Decimal(0))
            slope = -sum((t * d for (t, _a), d in zip(flows, terms)), Decimal(0)) / (1 + rate)
            if slope == 0:
                break
            step = value / slope
            if rate - step <= -1:
                break
            rate -= step
            if abs(step) < Decimal("1e-30"):
                break
        rate = rate.quantize(Decimal("1e-18"))
        value = npv(rate, flows)
    if abs(value) > tolerance:
        raise IrrError("no_solution")
    return Irr(rate, value)


def annual_effective(period_rate: Decimal, periods_per_year: int) -> Decimal:
    """(1 + r)^m − 1: the compound (effective) annual rate of a period rate."""
    with localcontext(prec=40):
        return (1 + period_rate) ** periods_per_year - 1

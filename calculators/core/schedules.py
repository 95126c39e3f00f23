"""Repayment schedules, rounded the way a lender rounds: each installment to the fen.

Every schedule satisfies, to the fen: Σ principal = the amount repaid, and
Σ payment = Σ principal + Σ interest (the property tests check both).

Amounts are whole fen: a principal with more decimals (which MoneyField never gives) is first
rounded to the fen, half up, so that an interest-free plan shows 0 interest and every row's
principal + interest = its payment.
"""

from decimal import ROUND_HALF_UP, Decimal

from calculators.core.money import FEN, ZERO, precise, to_fen
from calculators.core.valueclass import valueclass


@valueclass
class Installment:
    """One installment of a schedule: what is paid, split into principal and interest, and what is still owed."""

    number: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal  # principal still owed after this installment


def _split_by_cumulative_rounding(exact_parts: list[Decimal]) -> list[Decimal]:
    """Round a series so that every partial sum is the rounded exact partial sum.

    Rounding each part on its own can leave the total a fen or two off; rounding the running
    total instead keeps Σ rounded parts = round(Σ exact parts) with each part within a fen.
    """
    out, running, shown = [], ZERO, ZERO
    for part in exact_parts:
        running += part
        rounded_total = running.quantize(FEN, rounding=ROUND_HALF_UP)
        out.append(rounded_total - shown)
        shown = rounded_total
    return out


def annuity(principal: Decimal, monthly_rate: Decimal, months: int) -> list[Installment]:
    """等额本息: equal installments.

    Payment A = P·r / (1 − (1 + r)^−n), or P / n when r = 0 (numpy-financial's pmt), rounded to
    the fen. The balance is carried exactly: B_k = B_{k−1}·(1 + r) − A. The last installment is
    round(B_{n−1}·(1 + r)) and absorbs the rounding of the others; should the rounded-up
    payments (compounding at a very high rate over many months) repay the loan early, the
    schedule ends with the installment that settles it rather than going negative. Interest in installment k is
    the exact B_{k−1}·r, shown by cumulative rounding so the column adds up; principal is the
    payment minus that interest.
    Check: P = 10,000, r = 1 %, n = 12 → A = 888.49, last 888.46, Σ interest = 661.85.
    Precondition: P / n ≥ 1 元 (callers validate it), so that A never rounds to zero.
    """
    principal = to_fen(principal)
    with precise():
        if monthly_rate == 0:
            exact_payment = principal / months
        else:
            exact_payment = principal * monthly_rate / (1 - (1 + monthly_rate) ** -months)
        payment = to_fen(exact_payment)
        balance, payments, interests = principal, [], []
        for k in range(1, months + 1):
            interest = balance * monthly_rate
            settle = to_fen(balance + interest)
            this = settle if k == months or payment >= settle else payment
            payments.append(this)
            interests.append(interest)
            balance = balance + interest - this
            if this == settle:
                break
    return _assemble(principal, payments, _cap_at_payments(_split_by_cumulative_rounding(interests), payments))


def _cap_at_payments(interests: list[Decimal], payments: list[Decimal]) -> list[Decimal]:
    """No row may show more interest than its payment (which would show negative principal).

    Only at very high rates, where a payment barely covers the month's interest, can the
    cumulative rounding put a fen too much in one row; that fen moves to the next row.
    """
    out, carry = [], ZERO
    for interest, payment in zip(interests, payments):
        shown = min(interest + carry, payment)
        carry = interest + carry - shown
        out.append(shown)
    return out


def equal_principal(principal: Decimal, monthly_rate: Decimal, months: int) -> list[Installment]:
    """等额本金: the same principal each month plus interest on what is still owed.

    Principal part P / n, by cumulative rounding so the parts add up to P exactly; interest
    part round(B_{k−1}·r), where B is the (fen-exact) principal still owed.
    Check: P = 12,000, r = 1 %, n = 12 → first 1,120.00, last 1,010.00, Σ interest = 780.00.
    """
    principal = to_fen(principal)
    with precise():
        parts = _split_by_cumulative_rounding([principal / months] * months)
    balance, payments, interests = principal, [], []
    for part in parts:
        interest = to_fen(balance * monthly_rate)
        payments.append(part + interest)
        interests.append(interest)
        balance -= part
    return _assemble(principal, payments, interests)


def interest_only(principal: Decimal, monthly_rate: Decimal, months: int) -> list[Installment]:
    """Interest-only months (a grace period, 延期): each pays round(P·r), principal stays."""
    principal = to_fen(principal)
    interest = to_fen(principal * monthly_rate)
    return [Installment(k, interest, ZERO, interest, principal) for k in range(1, months + 1)]


def _assemble(principal: Decimal, payments: list[Decimal], interests: list[Decimal]) -> list[Installment]:
    """Rows from payments and interest parts; the last row repays exactly what is still owed,
    so that Σ principal = P to the fen whatever the rounding before it."""
    rows, owed = [], principal
    for k, (payment, interest) in enumerate(zip(payments, interests), start=1):
        if k == len(payments):
            interest = payment - owed
        part = payment - interest
        owed -= part
        rows.append(Installment(k, payment, part, interest, owed))
    return rows


def totals(rows: list[Installment]) -> tuple[Decimal, Decimal, Decimal]:
    """(Σ payment, Σ principal, Σ interest)."""
    return (
        sum((r.payment for r in rows), ZERO),
        sum((r.principal for r in rows), ZERO),
        sum((r.interest for r in rows), ZERO),
    )

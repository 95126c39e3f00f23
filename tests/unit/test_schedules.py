"""Schedules: the known answers of calculators.md and the properties every schedule keeps."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculators.core.schedules import annuity, equal_principal, interest_only, totals

D = Decimal
monthly_rates = st.decimals(min_value=D("0"), max_value=D("0.1"), places=6)
terms = st.integers(min_value=1, max_value=120)


def test_annuity_known_answer():
    rows = annuity(D("10000"), D("0.01"), 12)
    assert rows[0].payment == D("888.49")
    assert all(r.payment == D("888.49") for r in rows[:-1])
    assert totals(rows)[2] == D("661.85")


def test_equal_principal_known_answer():
    rows = equal_principal(D("12000"), D("0.01"), 12)
    assert rows[0].payment == D("1120.00")
    assert rows[-1].payment == D("1010.00")
    assert totals(rows)[2] == D("780.00")


def test_interest_free_installments_split_evenly_to_the_fen():
    rows = annuity(D("100"), D("0"), 3)
    assert [r.payment for r in rows] == [D("33.33"), D("33.33"), D("33.34")]


def test_interest_only_months_keep_the_principal():
    rows = interest_only(D("30000"), D("0.01"), 3)
    assert [r.payment for r in rows] == [D("300.00")] * 3
    assert rows[-1].balance == D("30000")


# Each installment at least 1 元: the precondition the calculators validate.
loans = terms.flatmap(lambda n: st.tuples(st.decimals(min_value=D(n), max_value=D("10000000"), places=2), st.just(n)))


def test_rounding_never_makes_an_installment_negative():
    # 110 元 over 110 months at 3.8621 % a month: the half-fen rounding of each payment,
    # compounded, would otherwise overpay by several yuan before the last month.
    rows = annuity(D("110.00"), D("0.038621"), 110)
    assert all(r.payment > 0 and r.principal >= 0 for r in rows)
    assert totals(rows)[1] == D("110.00")


@given(loans, monthly_rates)
def test_annuity_principal_sums_to_the_loan_and_rows_add_up(loan, rate):
    principal, months = loan
    check(annuity(principal, rate, months), principal, months)


@given(loans, monthly_rates)
def test_equal_principal_sums_to_the_loan_and_rows_add_up(loan, rate):
    principal, months = loan
    check(equal_principal(principal, rate, months), principal, months)


def check(rows, principal, months):
    paid, repaid, interest = totals(rows)
    assert 1 <= len(rows) <= months
    assert repaid == principal  # to the fen, exactly
    assert paid == repaid + interest
    assert rows[-1].balance == 0
    for r in rows:
        assert r.payment == r.principal + r.interest
        assert r.interest >= 0 and r.principal >= 0
        assert r.payment == r.payment.quantize(D("0.01"))

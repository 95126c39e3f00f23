"""逾期成本: which rule applies to which lender, and the day count (issue 6, items 3, 4, 8).

The guide's pages state these figures too (consequences/charges.md, background/rules.md);
these tests pin the calculator to them.
"""

from decimal import Decimal

from calculators import run
from calculators.core import lpr


def ok(**inputs):
    outcome = run("overdue-cost", inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


def test_unlicensed_lender_is_a_void_contract_not_a_capped_one():
    outcome = ok(lender="unlicensed", amount="5000", rate="36%", contract_date="2025-06-01", days="30")
    html = outcome["html"]
    assert outcome["data"]["cap"] == ""  # the 4 × LPR cap is NOT applied
    assert "第十三条第三项" in html and "无效" in html and "第一百五十七条" in html
    assert "本金" in html and "超出上限的部分" not in html and "参考线" not in html
    assert "第十三条第三项" in outcome["summary"]


def test_private_lending_is_still_capped_and_says_how_fresh_the_lpr_is():
    outcome = ok(lender="private", amount="10000", rate="18%", contract_date="2025-06-01", days="30")
    assert Decimal(outcome["data"]["cap"]) == Decimal("0.12")
    assert lpr.CONFIRMED_THROUGH.isoformat() in outcome["html"]
    assert "全国银行间同业拆借中心" in outcome["html"]
    assert "第十三条" not in outcome["html"]


def test_credit_card_unexplained_terms_need_the_conditions_and_a_claim():
    html = ok(lender="credit_card", amount="8000", rate="18%", days="60")["html"]
    assert "没有注意或者理解" in html and "主张" in html
    assert "不发生效力" not in html  # the old, automatic-sounding wording


def test_a_year_of_charges_uses_a_360_day_count_and_says_so():
    # 10,000 at 12 % with no markup: 360 days = 1,200.00; 365 days = 1,216.67 (12 % × 365/360),
    # the figures consequences/charges.md and background/rules.md give.
    at_360 = ok(lender="bank", amount="10000", rate="12%", penalty_rate="1倍", days="360")
    at_365 = ok(lender="bank", amount="10000", rate="12%", penalty_rate="1倍", days="365")
    assert at_360["data"]["interest_now"] == "1200.00"
    assert at_365["data"]["interest_now"] == "1216.67"
    assert "360 天" in at_365["html"] and "365" in at_365["html"]


def test_private_cap_for_a_year_matches_the_guide():
    # charges 0 above the cap: a contract at exactly 4 × LPR (12 %) is not over it at 365 days.
    outcome = ok(lender="private", amount="10000", rate="12%", penalty_rate="1倍", contract_date="2025-06-01", days="365")
    assert Decimal(outcome["data"]["excess_now"]) == 0
    assert outcome["data"]["total_now"] == "11216.67"


def test_a_void_contract_links_to_what_to_do_first_not_to_a_letter():
    # the letter tool has no "unlicensed" lender; the guide says: report first, then decide
    outcome = ok(lender="unlicensed", amount="5000", rate="36%", contract_date="2025-06-01", days="30")
    assert "why-negotiate/" in outcome["html"] and "tools/letter/" not in outcome["html"]
    assert "tools/letter/" in ok(lender="bank")["html"]

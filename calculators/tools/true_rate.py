"""真实年化 — the true annual rate of a loan (tool 2 of calculators.md).

From what the borrower actually received (after anything deducted up front) and what they
repay, the rate they really pay: the internal rate of return (IRR) of the loan.

Cash flows (lender's side): −R at the start (R = amount received), +A_k at the end of month k.
The period IRR r solves  R = Σ A_k / (1 + r)^k  (core/irr.py: bracketing, Brent's method,
then a Decimal check that the payments discounted at r add up to R within half a fen).
Annualized two ways, as PBOC announcement 〔2021〕 No. 3 allows (lpr.md, as reported):
    simple   (单利, the lenders' "近似折算年化利率")  = r × 12
    compound (复利, effective)                       = (1 + r)^12 − 1
For dated payments (schedule "custom") the IRR is the XIRR: t_k = actual days from the day the
money was received ÷ 365, so the solved rate x is already a compound annual rate; the simple
form shown beside it is its monthly equivalent × 12, ((1 + x)^(1/12) − 1) × 12.

Schedules (P = contract principal, n = months, i = stated annual rate ÷ 12, f = monthly fee):
- annuity (等额本息): schedules.annuity(P, i, n) — equal payments, each rounded to the fen,
  the last settling the rounding;
- equal_principal (等额本金): schedules.equal_principal(P, i, n);
- interest_only (先息后本): round(P·i) each month, the last month adds P;
- monthly_fee (月费率): P / n principal (cumulative rounding, the last part settling it) plus
  round(P·f) each month — the fee is charged on the ORIGINAL principal every month;
- fixed: the same payment A, n times;
- custom: the dated payments typed in the rows.

Known answers (calculators.md, lpr.md):
- R = 10,000, 12 × 1,000 → r = 2.9229 %, simple 35.07 %, compound 41.30 %;
- P = R = 10,000, 月费率 0.8 %, 12 months (913.33 a month, the last 913.37) → 17.27 % / 18.71 %;
- R = 99,000, 12 × 8,833.30 → r = 1.0670 %, simple 12.80 %, compound 13.58 % (PBOC example).

Caps (facts.md §3): for private lending, interest above 4 × the one-year LPR at the contract
date is not supported (《民间借贷规定》第二十五条); the simple annual rate is compared with it,
as contract rates are stated that way. Licensed lenders are outside those rules
(《民间借贷规定》第一条, 《民间借贷适用范围批复》): 24 % and 36 % are shown as reference lines only.
"""

import datetime as _dt
from decimal import Decimal, localcontext
from urllib.parse import urlencode

from calculators.core import irr
from calculators.core import lpr as lpr_table
from calculators.core import schedules
from calculators.core.fields import Calculator, ChoiceField, DateField, FieldError, MoneyField, MonthsField, RateField, RowsField
from calculators.core.money import HUNDRED, MONTHS_PER_YEAR, ZERO, percent, to_fen, yuan
from calculators.core.periods import add_months, chinese
from calculators.core.result import Figure, Link, Notice, Result, Table
from calculators.tools.overdue_cost import LENDER_NAMES, LENDERS, REFERENCE_LINES

SCHEDULES = (
    ("annuity", "等额本息（每月还款额相同）"),
    ("equal_principal", "等额本金（每月本金相同，利息递减）"),
    ("interest_only", "先息后本（每月只还利息，最后一期还本金）"),
    ("monthly_fee", "按月费率收费（费用按最初本金收）"),
    ("fixed", "每期固定金额 × 期数"),
    ("custom", "按日期逐笔填写还款"),
)
SCHEDULE_NAMES = dict(SCHEDULES)
USES_PRINCIPAL = {"annuity", "equal_principal", "interest_only", "monthly_fee"}
PERIODS_PER_YEAR = 12
DAYS_PER_YEAR_XIRR = Decimal(365)

FIELDS = (
    MoneyField("received", "实际到手金额", "10000", help="真正打到你卡里的钱：合同金额减去放款时扣掉的服务费、会员费、保险费等。"),
    ChoiceField("schedule", "还款方式", "annuity", options=SCHEDULES, help="看合同或App里的还款计划。每期金额都一样、又说不清怎么算的，选“每期固定金额 × 期数”；按周、按天或不规则还款的，选“按日期逐笔填写还款”，再在下面的“更多选项”里逐笔填写。"),
    MoneyField("principal", "合同借款金额", "12000", help="合同上写的借款金额（本金），等额本息、等额本金、先息后本、按月费率时使用；和到手金额的差额就是放款时扣掉的钱。"),
    RateField("rate", "合同利率", "0%", example="0%、年化7.2%、月息0.6%、日息万二", help="合同写的利率（等额本息、等额本金、先息后本时使用）。写着“0利息”就填 0。"),
    RateField("fee_rate", "月费率", "0.8%", basis="monthly_fee", example="0.8% 或 月费率0.8%", help="选“按月费率收费”时使用：每月按最初借款金额收取的费率。"),
    MoneyField("payment", "每期还款额", "1000", help="选“每期固定金额 × 期数”时使用。"),
    MonthsField("periods", "期数", "12", help="一共还多少个月（每月一期）。"),
    RateField("advertised", "宣传或合同写的利率", "", required=False, example="0%、年化7.2%、日息万二", help="广告、App 或合同上写的利率，用来和真实年化对比；没有就留空。"),
    ChoiceField("lender", "借款来源", "consumer_finance", options=LENDERS, help="决定和哪条线比较：民间借贷有 4 倍 LPR 的法定上限，持牌机构只显示参考线。"),
    DateField("contract_date", "放款日期", "2025-06-01", help="钱到账的日期：用来查当时的 LPR，并推算每期还款日。"),
    RowsField(
        "payments",
        "逐笔还款（按日期）",
        help="选“按日期逐笔填写还款”时使用：每一笔还款的日期和金额，适合按周、按天或不规则还款的借款。",
        columns=(
            DateField("date", "还款日期", "", example="2025-07-01 或 2025年7月1日"),
            MoneyField("amount", "金额", ""),
        ),
        default_rows=(
            {"date": "2025-06-15", "amount": "3500"},
            {"date": "2025-07-01", "amount": "3500"},
            {"date": "2025-07-15", "amount": "3500"},
        ),
        max_rows=30,
        row_label="第{n}笔",
        add_label="再加一笔",
        advanced=True,
    ),
    RateField("lpr", "一年期 LPR", "", required=False, example="3%", help="留空则按放款日期查本站的 LPR 表；如果表已过时，可以自己填。", advanced=True),
)


def _schedule_payments(v: dict) -> list[Decimal]:
    """The payments of a standard schedule, each rounded to the fen (see the module docstring)."""
    kind, n = v["schedule"], v["periods"]
    if kind == "fixed":
        return [to_fen(v["payment"])] * n
    principal = v["principal"]
    monthly = v["rate"].annual / MONTHS_PER_YEAR
    if kind == "annuity":
        return [row.payment for row in schedules.annuity(principal, monthly, n)]
    if kind == "equal_principal":
        return [row.payment for row in schedules.equal_principal(principal, monthly, n)]
    if kind == "interest_only":
        interest = to_fen(principal * monthly)
        return [interest] * (n - 1) + [interest + principal]
    fee = to_fen(principal * v["fee_rate"].annual / MONTHS_PER_YEAR)
    return [row.payment + fee for row in schedules.annuity(principal, ZERO, n)]


def _dated_payments(v: dict, start: _dt.date) -> list[tuple[_dt.date, Decimal]]:
    """The typed rows in date order; each must fall after the day the money was received."""
    rows = v["payments"]
    if not rows:
        raise FieldError("payments", "「逐笔还款（按日期）」还没有填：选了“按日期逐笔填写还款”，请至少填一笔还款的日期和金额。")
    for row in rows:
        if row["date"] <= start:
            raise FieldError(
                f"payments.{row.number}.date",
                f"「第{row.number}笔 · 还款日期」{chinese(row['date'])}不晚于放款日期 {chinese(start)}。还款应在拿到钱之后，请检查日期。",
            )
    return sorted(((row["date"], row["amount"]) for row in rows), key=lambda pair: pair[0])


def _irr_message(kind: str) -> str:
    if kind == "several_sign_changes":
        return "还款计划里有正有负、反复变号，可能对应好几个利率，无法给出唯一答案。请只填写你还出去的钱。"
    return "按这些数字算不出一个合理的利率（还款和到手金额相差过于悬殊）。请检查金额和期数是否填对。"


def compute(v: dict) -> Result:
    received, kind = v["received"], v["schedule"]
    today = _dt.date.today()
    if v["contract_date"] > today:
        raise FieldError("contract_date", "「放款日期」不能晚于今天。可以这样填：2025-03-15")
    if kind in USES_PRINCIPAL and v["principal"] < v["periods"]:
        raise FieldError("periods", f"「期数」太多了：合同借款金额 {yuan(v['principal'])}，每期本金不到 1 元。请检查期数。")

    start = v["contract_date"]
    custom = kind == "custom"
    if custom:
        dated = _dated_payments(v, start)
        payments = [amount for _day, amount in dated]
        # XIRR: time in years of 365 days, so the solved rate is already annual.
        times = [Decimal((day - start).days) / DAYS_PER_YEAR_XIRR for day, _amount in dated]
    else:
        payments = _schedule_payments(v)
        dated = [(add_months(start, k), amount) for k, amount in enumerate(payments, start=1)]
        times = [Decimal(k) for k in range(1, len(payments) + 1)]

    total = sum(payments, ZERO)
    if total <= received:
        what = "等于" if total == received else "少于"
        raise FieldError(
            "received",
            f"「实际到手金额」{yuan(received)}，而按这个还款计划一共只还 {yuan(total)}，{what}到手金额："
            + ("这笔借款没有任何成本，真实利率为 0。" if total == received else "这样的借款没有成本可算。")
            + "请检查到手金额、还款方式和每期金额是否填对。",
        )
    flows = [(ZERO, -received)] + list(zip(times, payments))
    try:
        solved = irr.solve(flows)
    except irr.IrrError as exc:
        raise FieldError("", _irr_message(exc.kind)) from None
    with localcontext(prec=40):
        if custom:
            compound = solved.rate
            period_rate = ((1 + compound) ** (Decimal(1) / PERIODS_PER_YEAR) - 1).quantize(Decimal("1e-18"))
        else:
            period_rate = solved.rate
            compound = irr.annual_effective(period_rate, PERIODS_PER_YEAR)
        simple = period_rate * PERIODS_PER_YEAR

    # What the rate is compared with.
    lender = v["lender"]
    cap_rate, cap_note = None, ""
    if v["lpr"] is not None:
        cap_rate, cap_note = v["lpr"].annual * 4, f"你填写的 LPR {percent(v['lpr'].annual)}"
    else:
        found = lpr_table.lpr_on(start)
        cap_note = found.note
        if found.rate is not None:
            cap_rate = found.rate * 4

    result = Result()
    result.figures = [
        Figure("真实年化利率（单利）", percent(simple), f"每月 {_pct4(period_rate)} × 12，即“近似折算年化利率（单利）”", tone="bad" if simple > REFERENCE_LINES[0] else ""),
        Figure(
            "真实年化利率（复利）",
            percent(compound),
            "按实际天数 ÷ 365 折算（XIRR）" if custom else f"(1 + {_pct4(period_rate)})¹² − 1",
        ),
        Figure(
            "折合每月利率" if custom else "每期（每月）内部收益率",
            _pct4(period_rate),
            f"到手 {yuan(received)}，共还 {yuan(total)}，多付 {yuan(total - received)}",
        ),
    ]
    advertised = v["advertised"]
    if advertised is not None:
        gap = simple - advertised.annual
        result.figures.append(
            Figure(
                "宣传或合同写的利率",
                f"年化 {percent(advertised.annual)}",
                f"真实年化（单利）比它高 {_points(gap)}" if gap > 0 else "与真实年化（单利）相当或更高",
                tone="bad" if gap > Decimal("0.01") else "",
            )
        )

    notices = [
        Notice(
            "info",
            "两个年化为什么不同：单利只是把每月的利率乘以 12；复利还算上了“利滚利”——每月还出去的钱本来也能生息，"
            "所以复利的数字更高。两者说的是同一笔成本，只是换算成一年的方式不同；据报道，人民银行公告〔2021〕第3号允许两种方式，"
            "用单利时须标明“单利”。",
        )
    ]
    deducted_up_front = kind in USES_PRINCIPAL and v["principal"] > received
    if deducted_up_front:
        deducted = v["principal"] - received
        notices.append(
            Notice(
                "warning",
                f"合同借款金额 {yuan(v['principal'])}，实际到手 {yuan(received)}：有 {yuan(deducted)} 在放款时就被扣掉了。"
                "利息不得预先在本金中扣除；预先扣除的，应当按照实际借款数额返还借款并计算利息（《民法典》第六百七十条）。"
                "这笔钱是不是“预先扣除的利息”，要看它实际上是什么，可以要求贷款方说明并按实际到手金额重新计算。",
            )
        )
    if lender == "private":
        if cap_rate is None:
            notices.append(Notice("warning", cap_note))
        else:
            over = simple > cap_rate
            notices.append(
                Notice(
                    "warning" if over else "info",
                    f"民间借贷：约定的利率超过合同成立时一年期 LPR 4 倍的，超出部分法院不予支持（《民间借贷规定》第二十五条）。"
                    f"本次按{cap_note}，上限为年化 {percent(cap_rate)}；真实年化（单利）{percent(simple)}"
                    + (f"，高出 {_points(simple - cap_rate)}。协商时可以据此要求按上限重新计算。" if over else "，没有超过。"),
                )
            )
    elif lender == "unlicensed":
        notices.append(
            Notice(
                "warning",
                "没有放贷资格的出借人，以营利为目的向社会不特定对象提供借款的，法院应当认定借款合同无效（《民间借贷规定》第十三条第三项）。"
                "合同无效后，通常要返还的是你实际拿到的钱（《民法典》第一百五十七条），约定的利息和费用未必受法律保护。"
                "这里算出的真实年化只说明这笔借款按合同有多贵，不是你必须付的数。",
            )
        )
    else:
        notices.append(
            Notice(
                "info",
                f"你选择的是“{LENDER_NAMES[lender]}”。持牌金融机构的借款不适用民间借贷的 4 倍 LPR 上限"
                "（《民间借贷规定》第一条，《民间借贷适用范围批复》）。下表中的 4 倍 LPR 只作对照；24% 和 36% 是纠纷中常见的参考线，不是法定上限。",
            )
        )
        if simple > REFERENCE_LINES[0]:
            notices.append(
                Notice(
                    "warning",
                    f"真实年化（单利）{percent(simple)} 高于 24% 参考线。这不是法定上限，但协商时可以据此说明借款成本明显偏高，"
                    "请求减免费用或按实际到手金额重新计算。",
                )
            )
    if kind == "monthly_fee":
        notices.append(
            Notice(
                "info",
                f"月费率 {_pct4(v['fee_rate'].annual / MONTHS_PER_YEAR)} 看起来只相当于年化 {percent(v['fee_rate'].annual)}，"
                "但费用每月都按最初的借款金额收，而你手里的本金每月都在减少，所以真实年化要高得多。",
            )
        )

    line_rows = []
    if cap_rate is not None:
        label = {
            "private": "4 倍 LPR（法定上限）",
            "unlicensed": "4 倍 LPR（仅作对照）",
        }.get(lender, "4 倍 LPR（仅作对照）")
        line_rows.append((label, percent(cap_rate), _compare(simple, cap_rate)))
    for line in REFERENCE_LINES:
        line_rows.append((f"{line * HUNDRED:.0f}% 参考线（非上限）", percent(line), _compare(simple, line)))
    if advertised is not None:
        line_rows.append(("宣传或合同利率", percent(advertised.annual), _compare(simple, advertised.annual)))

    factors = [irr.discount_factor(solved.rate, t) for t in times]
    exact = [a * f for a, f in zip(payments, factors)]
    shown = _cumulative_fen(exact)
    verify_rows = tuple(
        (f"第 {k} 笔" if custom else f"第 {k} 期", day.isoformat(), yuan(amount), f"{f:.6f}", yuan(value))
        for k, ((day, amount), f, value) in enumerate(zip(dated, factors, shown), start=1)
    )
    result.blocks = [
        Table(f"真实年化（单利）{percent(simple)} 和各条线比较", ("比较对象", "年化", "真实年化（单利）"), tuple(line_rows)),
        Table(
            (
                f"验算：每笔还款按年化 {percent(compound)}、实际天数 ÷ 365 折算回放款日，合计正好等于到手金额"
                if custom
                else f"验算：每期还款按每月 {_pct4(period_rate)} 折算回放款日，合计正好等于到手金额"
            ),
            ("笔数" if custom else "期数", "还款日" if custom else "还款日（推算）", "还款额", "折现系数", "折现值"),
            verify_rows,
            foot=("合计", "", yuan(total), "", yuan(sum(shown, ZERO))),
        ),
    ]
    result.notices = notices
    if custom:
        result.assumptions = (
            f"假设：按你填的 {len(payments)} 笔还款和日期计算；时间按实际天数 ÷ 365 折算成年（XIRR），所以算出的直接是复利年化，"
            "单利一栏是它折合的每月利率 × 12，便于和按月还款的借款比较。折现系数 = 1 ÷ (1 + 复利年化)^(天数 ÷ 365)。"
        )
    else:
        result.assumptions = (
            f"假设：{SCHEDULE_NAMES[kind]}，每月一期，共 {len(payments)} 期，每期金额四舍五入到分；"
            "除了这些还款，没有其他费用（如有担保费、会员费按月收取，请改用“每期固定金额”并把它们算进每期还款额）。"
            "折现系数 = 1 ÷ (1 + 每月内部收益率)^期数。"
        )
    result.guide = Link("罚息、违约金和各种费用", "consequences/charges/")
    handover = urlencode({"rate": f"年化{percent(simple)}", "lender": lender, "contract_date": start.isoformat()})
    result.links = [
        Link(f"按真实年化 {percent(simple)} 算逾期成本", f"tools/overdue-cost/#{handover}"),
        Link("案例五：“0利息”借款的真实利率", "cases/hidden-fee/"),
        Link("罚息、违约金和各种费用有没有上限", "consequences/charges/"),
    ]
    lines = [
        "【真实年化利率核算】",
        f"实际到手 {yuan(received)}（放款日 {chinese(start)}），还款方式：{SCHEDULE_NAMES[kind]}，共 {len(payments)} {'笔' if custom else '期'}，合计还款 {yuan(total)}。",
        f"{'折合每月利率' if custom else '每月内部收益率'} {_pct4(period_rate)}；真实年化利率（单利）{percent(simple)}，（复利）{percent(compound)}。",
    ]
    if advertised is not None:
        lines.append(f"宣传或合同写的利率：年化 {percent(advertised.annual)}。")
    if deducted_up_front:
        lines.append(f"合同金额 {yuan(v['principal'])}，放款时扣除 {yuan(v['principal'] - received)}；请求按实际借款数额计算（《民法典》第六百七十条）。")
    result.summary = "\n".join(lines)
    result.data = {
        "period_irr": str(period_rate),
        "simple": str(simple),
        "compound": str(compound),
        "total_paid": str(total),
        "cost": str(total - received),
        "cap": "" if cap_rate is None else str(cap_rate),
        "first_payment": str(payments[0]),
        "last_payment": str(payments[-1]),
        "discounted_total": str(sum(shown, ZERO)),
    }
    return result


def _pct4(rate: Decimal) -> str:
    """A period rate with four decimals: '2.9229%'."""
    return f"{(rate * HUNDRED).quantize(Decimal('0.0001')):.4f}%"


def _points(diff: Decimal) -> str:
    return f"{(diff * HUNDRED).quantize(Decimal('0.01')):.2f} 个百分点"


def _compare(rate: Decimal, line: Decimal) -> str:
    if rate > line:
        return f"高出 {_points(rate - line)}"
    return "没有超过"


def _cumulative_fen(exact: list[Decimal]) -> list[Decimal]:
    """Each value to the fen so that the column adds up to the rounded exact total."""
    out, running, shown = [], ZERO, ZERO
    for value in exact:
        running += value
        total = to_fen(running)
        out.append(total - shown)
        shown = total
    return out


CALCULATOR = Calculator(
    id="true-rate",
    title="真实年化利率",
    fields=FIELDS,
    compute=compute,
)

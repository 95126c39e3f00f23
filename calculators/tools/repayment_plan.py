"""还款方案 — repayment proposals (tool 3 of calculators.md).

From what is owed and what the person can pay each month, compare the usual proposals side by
side and show the full schedule of one of them, with a text to paste into a message.

Options (B = total owed = principal + interest + penalty + fees, r = annual rate ÷ 12):
- 等额本息 over n months: schedules.annuity(B, r, n)
- 等额本金 over n months: schedules.equal_principal(B, r, n)
- 停息挂账 (interest frozen): n equal payments of B / n, no interest: schedules.annuity(B, 0, n)
- 延期 then installments: g interest-only months (B·r each), then 等额本息 over n months
- 一次性结清 (discounted settlement): one payment of B × the share the person offers
- 信用卡个性化分期 (《商业银行信用卡业务监督管理办法》第七十条, as reported; at most 60 months,
  granted at the bank's discretion): 等额本息 over the card months at the card rate (0 = frozen)
An option "fits the budget" when its largest monthly payment is at most the monthly budget.
"""

from decimal import Decimal

from calculators.core import schedules
from calculators.core.fields import (
    BoolField,
    Calculator,
    ChoiceField,
    CountField,
    FieldError,
    MoneyField,
    MonthsField,
    PercentField,
    RateField,
)
from calculators.core.links import tool_link
from calculators.core.money import MONTHS_PER_YEAR, ZERO, percent, to_fen, yuan
from calculators.core.result import Figure, Link, Notice, Result, Table

CARD_MAX_MONTHS = 60

OPTIONS = (
    ("annuity", "等额本息分期"),
    ("equal_principal", "等额本金分期"),
    ("frozen", "停息挂账分期"),
    ("grace", "先延期再分期"),
    ("settle", "一次性结清（减免）"),
    ("card70", "信用卡个性化分期"),
)
OPTION_NAMES = dict(OPTIONS)

FIELDS = (
    MoneyField("principal", "剩余本金", "10000", help="还没还的本金。"),
    MoneyField("interest", "已欠利息", "0", minimum=ZERO, help="账单上已经产生、还没还的利息，没有填 0。"),
    MoneyField("penalty", "已欠罚息", "0", minimum=ZERO, help="已经产生的罚息、复利，没有填 0。"),
    MoneyField("fees", "其他费用", "0", minimum=ZERO, help="违约金、滞纳金等，没有填 0。"),
    MoneyField("budget", "每月最多能还", "1000", help="扣除房租、吃饭、交通等必要开支后，每月真正能拿出来的钱。"),
    RateField("rate", "分期年利率", "12%", help="分期期间按什么利率计息；停息挂账的方案不计息。"),
    MonthsField("months", "分期期数", "12", help="想分多少个月还。"),
    CountField("grace_months", "延期月数", "3", minimum=0, maximum=24, unit="个月", units=("个月", "月", "期"), example="3 或 3个月", help="先只还利息的月数，之后再开始分期。", advanced=True),
    PercentField("settle_pct", "一次性结清愿付比例", "80%", minimum=Decimal("0.01"), maximum=Decimal("1"), help="如果一次性结清，你提出付欠款总额的多少。", advanced=True),
    BoolField("card", "是信用卡欠款", "no", help="信用卡可以申请个性化分期（最长 60 个月）。", advanced=True),
    MonthsField("card_months", "个性化分期期数", "60", maximum=CARD_MAX_MONTHS, example="60、48期 或 5年", help="最长 60 个月（5 年）。", advanced=True),
    RateField("card_rate", "个性化分期年利率", "0%", help="银行同意继续收取的利息或手续费，折算成年利率；停息则填 0。", advanced=True),
    ChoiceField("show", "显示哪个方案的还款计划", "annuity", options=OPTIONS),
)


def _plans(v: dict, owed: Decimal) -> dict[str, list[schedules.Installment]]:
    r = v["rate"].annual / MONTHS_PER_YEAR
    plans = {
        "annuity": schedules.annuity(owed, r, v["months"]),
        "equal_principal": schedules.equal_principal(owed, r, v["months"]),
        "frozen": schedules.annuity(owed, ZERO, v["months"]),
    }
    if v["grace_months"]:
        grace = schedules.interest_only(owed, r, v["grace_months"])
        after = schedules.annuity(owed, r, v["months"])
        plans["grace"] = grace + [
            schedules.Installment(row.number + len(grace), row.payment, row.principal, row.interest, row.balance) for row in after
        ]
    settlement = to_fen(owed * v["settle_pct"])
    plans["settle"] = [schedules.Installment(1, settlement, settlement, ZERO, ZERO)]
    if v["card"]:
        plans["card70"] = schedules.annuity(owed, v["card_rate"].annual / MONTHS_PER_YEAR, v["card_months"])
    return plans


def _monthly_label(rows: list[schedules.Installment]) -> str:
    """'888.49 元' when every installment but the last (which settles the rounding) is the
    same; otherwise the range ('1,010.00–1,120.00 元')."""
    payments = [r.payment for r in rows]
    if len(set(payments[:-1])) <= 1:
        return yuan(payments[0])
    return f"{to_fen(min(payments)):,.2f}–{to_fen(max(payments)):,.2f} 元"


def _letter_inputs(v: dict, owed: Decimal, chosen: list, plan_line: str) -> dict[str, str]:
    """The figures the 协商文书 tool takes over (its field names), so the letter states them."""
    out = {"kind": "card70" if v["show"] == "card70" else "repayment", "owed": str(owed), "budget": str(v["budget"])}
    out.update({k: str(v[k]) for k in ("principal", "interest", "penalty", "fees") if v[k]})
    if v["card"]:
        out["lender"] = "credit_card"
    if v["show"] == "settle":
        out["plan"] = plan_line
    else:
        out["months"] = str(len(chosen))
        uniform = len({r.payment for r in chosen[:-1]}) <= 1
        if uniform:
            out["monthly"] = str(chosen[0].payment)
        if v["show"] != "annuity":
            out["plan"] = OPTION_NAMES[v["show"]] + ("" if uniform else f"，每期 {_monthly_label(chosen)}")
    return out


def compute(v: dict) -> Result:
    owed = v["principal"] + v["interest"] + v["penalty"] + v["fees"]
    if v["show"] == "card70" and not v["card"]:
        raise FieldError("show", "「显示哪个方案」选了信用卡个性化分期，请先勾选“是信用卡欠款”。")
    if v["show"] == "grace" and not v["grace_months"]:
        raise FieldError("show", "「显示哪个方案」选了先延期再分期，请把“延期月数”填为 1 以上。")
    for name, months in (("months", v["months"]), ("card_months", v["card_months"] if v["card"] else 1)):
        if owed < months:
            label = "分期期数" if name == "months" else "个性化分期期数"
            raise FieldError(name, f"「{label}」太多了：欠款合计 {yuan(owed)}，每期不到 1 元。请减少期数。")
    budget = v["budget"]
    plans = _plans(v, owed)
    sums = {key: schedules.totals(plan) for key, plan in plans.items()}  # (paid, principal, interest)

    rows, highlight, fits_any = [], [], False
    for i, (key, plan) in enumerate(plans.items()):
        paid, _principal, interest = sums[key]
        biggest = max(r.payment for r in plan)
        if key == "settle":
            fits = "需一次付清"
            saved = owed - paid
            rows.append((OPTION_NAMES[key], yuan(paid) + "（一次）", "1 次", yuan(paid), f"省 {yuan(saved)}", fits))
            continue
        fits_budget = biggest <= budget
        fits_any = fits_any or fits_budget
        if fits_budget:
            highlight.append(i)
        fits = "能承受" if fits_budget else f"每月差 {yuan(biggest - budget)}"
        rows.append((OPTION_NAMES[key], _monthly_label(plan), f"{len(plan)} 个月", yuan(paid), yuan(interest), fits))

    chosen = plans[v["show"]]
    paid, principal_sum, interest_sum = sums[v["show"]]
    schedule = Table(
        f"{OPTION_NAMES[v['show']]}的还款计划",
        ("期数", "还款额", "其中本金", "其中利息", "剩余"),
        tuple((f"第 {r.number} 期", yuan(r.payment), yuan(r.principal), yuan(r.interest), yuan(r.balance)) for r in chosen),
        foot=("合计", yuan(paid), yuan(principal_sum), yuan(interest_sum), ""),
    )

    result = Result()
    chosen_biggest = max(r.payment for r in chosen)
    result.figures = [
        Figure("欠款合计", yuan(owed), "本金 + 利息 + 罚息 + 费用"),
        Figure(f"{OPTION_NAMES[v['show']]}：每期", _monthly_label(chosen), f"共 {len(chosen)} 期，总计 {yuan(paid)}"),
        Figure(
            "是否在预算内",
            "能承受" if chosen_biggest <= budget or v["show"] == "settle" else "超出预算",
            f"每月预算 {yuan(budget)}",
            tone="good" if chosen_biggest <= budget else "bad",
        ),
    ]
    notices = []
    if not fits_any:
        notices.append(
            Notice(
                "warning",
                "以上分期方案的月供都超过了你的预算。可以试着拉长期数、申请停息挂账，或先说明困难、提出一个你确实付得起的金额——"
                "承诺做不到的方案，只会让下一次逾期更快到来。",
            )
        )
    if v["card"]:
        notices.append(
            Notice(
                "info",
                "信用卡个性化分期：据报道，《商业银行信用卡业务监督管理办法》第七十条规定，持卡人有还款意愿但还款能力不足的，"
                "银行“可以”与其协商，分期期限最长 5 年。这不是必须批准的权利，要主动申请并说明困难。",
            )
        )
    if v["show"] == "settle":
        notices.append(Notice("info", "一次性结清前，务必先拿到贷款方书面确认的减免金额和“结清后不再追偿”的说明，再付款。"))
    result.notices = notices
    result.blocks = [
        Table("方案对比", ("方案", "每月还款", "期数", "总共还", "总利息", "预算"), tuple(rows), highlight=tuple(highlight)),
        schedule,
    ]
    result.assumptions = (
        f"假设：分期按年利率 {percent(v['rate'].annual)} ÷ 12 按月计息，每期金额四舍五入到分，最后一期找齐；"
        "分期本金为欠款合计（利息、罚息、费用如能减免，请把对应一栏改成 0 再算）。"
    )
    result.guide = Link("怎样提出还款方案", "how-to-negotiate/")

    plan_line = (
        f"一次性支付 {yuan(paid)} 结清全部欠款"
        if v["show"] == "settle"
        else f"分 {len(chosen)} 期偿还，每期 {_monthly_label(chosen)}，合计 {yuan(paid)}"
    )
    result.summary = "\n".join(
        [
            "您好，关于我的欠款，我想协商还款方案：",
            f"目前欠款合计 {yuan(owed)}（本金 {yuan(v['principal'])}，利息 {yuan(v['interest'])}，罚息 {yuan(v['penalty'])}，其他费用 {yuan(v['fees'])}）。",
            f"我每月能用于还款的金额约为 {yuan(budget)}。",
            f"我提出的方案是：{plan_line}。",
            "请贵方审核，并以书面形式确认方案内容。谢谢。",
        ]
    )
    result.links = [tool_link("用这个方案写协商还款申请书", "letter", _letter_inputs(v, owed, chosen, plan_line))]
    annuity_rows = plans["annuity"]
    result.data = {
        "owed": str(owed),
        "annuity_payment": str(annuity_rows[0].payment),
        "annuity_interest": str(sums["annuity"][2]),
        "equal_principal_first": str(plans["equal_principal"][0].payment),
        "equal_principal_last": str(plans["equal_principal"][-1].payment),
        "equal_principal_interest": str(sums["equal_principal"][2]),
        "chosen_total": str(paid),
        "chosen_principal": str(principal_sum),
        "chosen_interest": str(interest_sum),
        "fits_budget": "yes" if chosen_biggest <= budget else "no",
    }
    return result


CALCULATOR = Calculator(
    id="repayment-plan",
    title="还款方案对比",
    fields=FIELDS,
    compute=compute,
)

"""逾期成本 — what waiting costs (tool 1 of calculators.md).

Given the overdue amount and the charges in the contract, how much is owed now and after
another 30 / 90 / 180 / 365 days, split into interest, penalty interest, compound interest and
fees; what that is as an annual rate; and, for the kind of lender, which cap applies and which
part of the charges is above it.

Formulas (360-day year, the basis on which Chinese lenders quote daily rates; A = overdue
amount, t = days overdue, r = contract rate, p = overdue rate, both annual):
    interest(t)  = A × min(r, p) × t / 360           normal interest on the overdue amount
    penalty(t)   = A × (p − min(r, p)) × t / 360     the markup above the contract rate (罚息)
    compound(t)  = Σ over each 30-day period of (interest + penalty + compound accrued before
                   that period) × p × days in period / 360, when the contract charges 复利
    fees(t)      = F once (t > 0), or F × ⌈t / 30⌉ when charged monthly; F may be a % of A
    annualized   = (interest + penalty + compound + fees) / A × 360 / t
Each component is rounded to the fen, half up, when shown; totals add the rounded parts.

Day count: every figure uses a 360-day year (a daily rate × 360 = the annual rate, as lenders
quote them), so 365 days at 12 % is 12 % × 365 / 360 = 12.1667 % of A (1,216.67 on 10,000), not
12 %; a 365-day count gives exactly 12 % for a year. The result and the guide both say so.

Caps (facts.md §3):
- private lending (民间借贷, individuals and ordinary companies): overdue interest, penalty and
  other fees together may not exceed 4 × the one-year LPR at the contract date
  (《民间借贷规定》第二十九条); the excess is A × 4·LPR × t / 360 subtracted from the charges,
  when positive. The LPR table's confirmed-through date is shown with the cap.
- unlicensed lenders lending to the public for profit: the contract is void
  (《民间借贷规定》第十三条第三项); what is usually owed back is the principal received
  (《民法典》第一百五十七条), not the agreed charges — so no cap is applied and the charges are
  shown only as what the contract claims.
- licensed lenders (banks, consumer-finance and microloan companies, cards): those rules do
  not apply (《民间借贷规定》第一条, 《民间借贷适用范围批复》). 24 % and 36 % are shown only as
  reference lines that people commonly meet in disputes — never as a legal limit.
"""

import datetime as _dt
from decimal import Decimal

from calculators.core import lpr as lpr_table
from calculators.core.fields import (
    AmountOrShareField,
    BoolField,
    Calculator,
    ChoiceField,
    CountField,
    DateField,
    FieldError,
    Markup,
    MoneyField,
    RateField,
    RateOrMarkupField,
    Share,
)
from calculators.core.links import tool_link
from calculators.core.money import DAYS_PER_YEAR, ZERO, percent, precise, to_fen, yuan
from calculators.core.result import BarChart, Figure, Link, Notice, Result, Table

LENDERS = (
    ("consumer_finance", "消费金融公司"),
    ("microloan", "小额贷款公司（含网络小贷）"),
    ("bank", "银行贷款"),
    ("assisted", "平台助贷的银行贷款"),
    ("credit_card", "信用卡"),
    ("private", "个人或一般公司（民间借贷）"),
    ("unlicensed", "无放贷资格者向社会放贷"),
)
LENDER_NAMES = dict(LENDERS)

# Reference lines for licensed lenders. NOT legal limits (facts.md §3, NV): labelled as such.
REFERENCE_LINES = (Decimal("0.24"), Decimal("0.36"))
FURTHER_DAYS = (30, 90, 180, 365)
COMPOUND_PERIOD = 30

FIELDS = (
    MoneyField("amount", "逾期金额", "10000", help="已经到期没还的本金，不含已经加上去的利息和罚息。"),
    ChoiceField(
        "lender",
        "借款来源",
        "consumer_finance",
        help="决定适用哪些利率上限。不确定时看合同抬头或App里的“贷款机构”。亲友、一般公司偶尔借钱给你，选“民间借贷”；没有放贷资格、却在网上或社交软件上向很多人放贷的，选“无放贷资格者向社会放贷”。",
        options=LENDERS,
    ),
    RateField("rate", "合同利率", "年化18%", help="合同或App写的借款利率，可填年化、月息或日息。"),
    RateOrMarkupField(
        "penalty_rate",
        "逾期利率（罚息利率）",
        "1.5倍",
        help="逾期后按什么利率计息。常见写法：在合同利率基础上上浮50%，即 1.5倍。",
    ),
    AmountOrShareField("fee", "违约金 / 滞纳金", "0", help="没有就填 0。可以填固定金额，或逾期金额的百分比。"),
    ChoiceField("fee_mode", "违约金怎样收", "once", options=(("once", "只收一次"), ("monthly", "每逾期一个月收一次")), advanced=True),
    BoolField("compound", "罚息计复利", "no", help="合同写明对未付利息再计息（复利）时勾选。", advanced=True),
    DateField("contract_date", "借款日期", "2025-06-01", help="合同签订的日期，用来查当时的 LPR。"),
    CountField("days", "已经逾期", "30", unit="天", example="30 或 30天", help="到今天为止逾期了多少天。"),
    RateField(
        "lpr",
        "一年期 LPR",
        "",
        required=False,
        example="3%",
        help="留空则按借款日期查本站的 LPR 表；如果表已过时，可以自己填。",
        advanced=True,
    ),
)


def _charges(values: dict, days: int) -> dict[str, Decimal]:
    """Each charge after `days` days overdue, unrounded."""
    amount, rate, overdue_rate = values["amount"], values["rate_annual"], values["overdue_annual"]
    base = min(rate, overdue_rate)
    with precise():
        interest = amount * base * days / DAYS_PER_YEAR
        penalty = amount * (overdue_rate - base) * days / DAYS_PER_YEAR
        compound = ZERO
        if values["compound"]:
            for start in range(0, days, COMPOUND_PERIOD):
                length = min(COMPOUND_PERIOD, days - start)
                accrued = amount * overdue_rate * start / DAYS_PER_YEAR + compound
                compound += accrued * overdue_rate * length / DAYS_PER_YEAR
        fee = values["fee"]
        each = amount * fee.fraction if isinstance(fee, Share) else fee
        if days == 0:
            fees = ZERO
        elif values["fee_mode"] == "monthly":
            fees = each * (-(-days // COMPOUND_PERIOD))
        else:
            fees = each
    return {"interest": interest, "penalty": penalty, "compound": compound, "fees": fees}


def compute(values: dict) -> Result:
    amount = values["amount"]
    rate = values["rate"].annual
    overdue = values["penalty_rate"]
    overdue_annual = rate * overdue.factor if isinstance(overdue, Markup) else overdue.annual
    if values["contract_date"] > _dt.date.today():
        raise FieldError("contract_date", "「借款日期」不能晚于今天。可以这样填：2025-03-15")
    v = dict(values, rate_annual=rate, overdue_annual=overdue_annual)

    lender = values["lender"]
    cap_rate, cap_note = None, ""
    if lender == "private":
        if values["lpr"] is not None:
            cap_rate = values["lpr"].annual * 4
            cap_note = f"你填写的 LPR {percent(values['lpr'].annual)}"
        else:
            found = lpr_table.lpr_on(values["contract_date"])
            cap_note = found.note
            cap_rate = found.rate * 4 if found.rate is not None else None

    # What the charges are compared with, row by row: the legal cap for private lending, or
    # for licensed lenders the 24 % reference line (labelled as a reference, not a limit). A
    # void contract (unlicensed lender) has no cap to compare with: the principal is at stake.
    if lender == "private":
        line_rate, line_column = cap_rate, "超出上限的部分"
    elif lender == "unlicensed":
        line_rate, line_column = None, ""
    else:
        line_rate, line_column = REFERENCE_LINES[0], "高于24%参考线的部分"

    now = values["days"]
    horizons = [now] + [now + extra for extra in FURTHER_DAYS]
    rows, chart_series, owed, annualized, excess = [], {k: [] for k in ("interest", "penalty", "compound", "fees")}, [], [], []
    for t in horizons:
        parts = {k: to_fen(x) for k, x in _charges(v, t).items()}
        charges = sum(parts.values(), ZERO)
        for k in chart_series:
            chart_series[k].append(parts[k])
        owed.append(amount + charges)
        yearly = charges / amount * DAYS_PER_YEAR / t if t else ZERO
        annualized.append(yearly)
        over = ZERO
        if line_rate is not None:
            over = max(ZERO, charges - to_fen(amount * line_rate * t / DAYS_PER_YEAR))
        excess.append(over)
        label = "现在" if t == now else f"再过 {t - now} 天"
        row = [label, f"{t} 天", yuan(parts["interest"]), yuan(parts["penalty"])]
        if values["compound"]:
            row.append(yuan(parts["compound"]))
        row += [yuan(parts["fees"]), yuan(owed[-1]), percent(yearly) if t else "—"]
        if line_rate is not None:
            row.append(yuan(over))
        rows.append(tuple(row))

    columns = ["时间", "逾期天数", "利息", "罚息"] + (["复利"] if values["compound"] else []) + ["违约金等费用", "按合同合计" if lender == "unlicensed" else "合计应还", "费用折合年化"]
    if line_rate is not None:
        columns.append(line_column)

    total_now, total_90 = owed[0], owed[2]  # now, and 90 more days (FURTHER_DAYS[1])
    void = lender == "unlicensed"
    result = Result()
    result.figures = [
        Figure("按合同算，现在合计" if void else "现在合计应还", yuan(total_now), f"已逾期 {now} 天"),
        Figure("如果再拖 90 天", yuan(total_90), f"比现在多 {yuan(total_90 - total_now)}", tone="bad"),
        Figure("逾期费用折合年化", percent(annualized[0]) if now else percent(overdue_annual), "按一年 360 天折算"),
    ]
    if void:
        result.figures.insert(0, Figure("通常要处理的是本金", yuan(amount), "合同可能无效：约定的利息和费用未必受保护", tone="good"))

    notices = []
    if lender == "private":
        if cap_rate is None:
            notices.append(Notice("warning", cap_note))
        else:
            notices.append(
                Notice(
                    "info",
                    f"民间借贷的逾期利息、违约金和其他费用可以一并主张，但总计超过合同成立时一年期 LPR 4 倍的部分，法院不予支持（《民间借贷规定》第二十九条）。"
                    f"本次按{cap_note}，上限为年化 {percent(cap_rate)}。"
                    f"本站的 LPR 表核实到 {lpr_table.CONFIRMED_THROUGH.isoformat()} 的报价；一年期 LPR 由全国银行间同业拆借中心每月发布，"
                    "合同签订在那以后的，请查签约当月公布的数值，填进“一年期 LPR”一栏。",
                )
            )
            if excess[0] > 0:
                result.figures.append(Figure("现在已超出上限的部分", yuan(excess[0]), "这部分可以要求对方减免", tone="good"))
                notices.append(
                    Notice(
                        "warning",
                        f"按上限计算，目前的费用中有 {yuan(excess[0])} 超出了法院支持的范围。协商时可以要求减免这部分，"
                        "依据是《民间借贷规定》第二十九条。",
                    )
                )
            if rate > cap_rate:
                notices.append(
                    Notice("warning", f"合同利率 {percent(rate)} 已高于上限 {percent(cap_rate)}，超出部分的利息法院不予支持（《民间借贷规定》第二十五条）。")
                )
    elif void:
        notices.append(
            Notice(
                "warning",
                "没有放贷资格的出借人，以营利为目的向社会不特定对象提供借款的，法院应当认定借款合同无效（《民间借贷规定》第十三条第三项）。"
                "合同无效后，通常要返还的是你实际拿到的钱（《民法典》第一百五十七条），合同约定的利息、罚息和费用未必受法律保护，"
                "所以这里不按 4 倍 LPR 计算上限。下表只是“按合同的写法”会变成多少，不是你必须付的数。",
            )
        )
        notices.append(
            Notice(
                "info",
                "先保存合同、放款记录、还款记录和聊天记录，向公安机关或当地金融监管部门反映；不要在威胁下付款。"
                "遇到暴力、威胁，直接报警。是否属于无放贷资格的放贷、怎样处理已经付过的钱，可以咨询律师或法律援助机构。",
            )
        )
    else:
        notices.append(
            Notice(
                "info",
                f"你选择的是“{LENDER_NAMES[lender]}”。持牌金融机构的借款不适用民间借贷的 4 倍 LPR 上限"
                "（《民间借贷规定》第一条，《民间借贷适用范围批复》）。结果中的 24%（以及常被提到的 36%）只是纠纷中常见的参考线，不是法定上限。",
            )
        )
        if now and excess[0] > 0:
            notices.append(
                Notice(
                    "warning",
                    f"目前的逾期费用折合年化 {percent(annualized[0])}，高于 24% 参考线的部分约 {yuan(excess[0])}。"
                    "这不是法定上限，但协商时可以据此说明费用过高，请求减免罚息和费用。",
                )
            )
        if lender == "credit_card":
            notices.append(
                Notice(
                    "info",
                    "信用卡：银行订立合同时对利息、复利、费用、违约金等格式条款没有提示或者说明，致使你没有注意或者理解该条款的，你可以主张该条款对你没有约束力——"
                    "这要你自己提出，法院才会审查；银行主张的总额过高的，你可以请求法院适当减少（《银行卡纠纷规定》第二条）。",
                )
            )
    if values["rate"].basis == "monthly_fee":
        notices.append(Notice("warning", "你填的是月费率：费用按最初的借款本金收取，实际年化利率比“月费率×12”高得多（可用真实年化计算器核对）。"))
    result.notices = notices

    result.blocks = [
        Table("按合同的写法，费用随时间增长（合同可能无效，这些未必要付）" if void else "逾期费用随时间增长（假设期间不还款）", tuple(columns), tuple(rows)),
        BarChart(
            "逾期费用（不含本金）",
            tuple("现在" if t == now else f"+{t - now}天" for t in horizons),
            tuple(
                (name, tuple(chart_series[key]))
                for key, name in (("interest", "利息"), ("penalty", "罚息"), ("compound", "复利"), ("fees", "违约金等费用"))
                if key != "compound" or values["compound"]
            ),
        ),
    ]
    result.assumptions = (
        "假设：按一年 360 天折算（日利率 = 年利率 ÷ 360，所以逾期 365 天的费用是年利率的 365/360；按 365 天折算的话，结果约低 1.4%）；"
        "逾期期间没有还款；逾期利率高于合同利率的部分算作罚息"
        + ("；复利每 30 天结算一次" if values["compound"] else "")
        + "。结果是估算，以贷款方账单为准。"
    )
    result.guide = Link("逾期会带来哪些费用和后果", "consequences/")

    lines = [
        "【逾期成本估算】",
        f"逾期金额 {yuan(amount)}，借款来源：{LENDER_NAMES[lender]}，合同利率年化 {percent(rate)}，逾期利率年化 {percent(overdue_annual)}。",
        f"已逾期 {now} 天，" + ("按合同的写法" if void else "") + f"目前合计应还约 {yuan(total_now)}。",
    ]
    for t, row_total in zip(horizons[1:], owed[1:]):
        lines.append(f"再过 {t - now} 天：约 {yuan(row_total)}。")
    if lender == "private" and cap_rate is not None and excess[0] > 0:
        lines.append(f"其中约 {yuan(excess[0])} 超出 4 倍 LPR 上限（《民间借贷规定》第二十九条），请求予以减免。")
    if void:
        lines.append("出借人没有放贷资格、以营利为目的向社会放贷的，借款合同应当认定无效（《民间借贷规定》第十三条第三项），通常只涉及返还实际借到的本金（《民法典》第一百五十七条）。")
    result.summary = "\n".join(lines)
    letter = {"owed": str(to_fen(total_now)), "principal": str(amount), "lender": lender}
    letter.update({k: str(v) for k, v in (("interest", chart_series["interest"][0]), ("penalty", chart_series["penalty"][0] + chart_series["compound"][0]), ("fees", chart_series["fees"][0])) if v})
    # A void contract is reported before anything is negotiated (why-negotiate: 什么时候不该先协商).
    result.links = [Link("这种借款先别急着协商：先保存证据、举报", "why-negotiate/")] if void else [tool_link("用这些数字写协商还款申请书", "letter", letter)]
    result.data = {
        "total_now": str(to_fen(total_now)),
        "total_90": str(to_fen(total_90)),
        "annualized_now": str(annualized[0]),
        "overdue_annual": str(overdue_annual),
        "excess_now": str(excess[0]),  # above the cap (private) or above the 24 % reference line
        "cap": "" if cap_rate is None else str(cap_rate),
        **{f"{k}_now": str(chart_series[k][0]) for k in chart_series},
    }
    return result


CALCULATOR = Calculator(
    id="overdue-cost",
    title="逾期成本计算",
    fields=FIELDS,
    compute=compute,
)

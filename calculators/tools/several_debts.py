"""多笔债务 — several debts (tool 5 of calculators.md).

A list of debts and one monthly budget. For three orders of repayment it simulates month by
month how the debts are cleared: the order, the month each debt is cleared, the months to be
debt-free and the total interest.

The three orders (ties broken by the next key, finally by the order typed):
- 先还利率高 (avalanche): highest annual rate first, then smallest balance;
- 先还金额小 (snowball): smallest starting balance first, then highest rate;
- 先止损 (stop the bleeding): the debt overdue longest first, then highest rate. Our definition
  of "most urgent": the longer a debt has been overdue, the further collection has gone and the
  nearer a lawsuit usually is, so bringing it back under control comes first; debts not overdue
  (0 days) come last and only receive their minimum, so that they do not fall overdue too.

One month, for every debt still owed (B = balance, r = annual rate, p = minimum payment):
    1. interest  i = round_fen(B × r / 12), half up (a lender rounds each month's interest);
       B ← B + i                                  (a 0 % debt gets none)
    2. minimums, in the order of the strategy: pay min(p, B, what is left of the budget)
    3. the rest of the budget, in the same order: pay min(B, what is left). When a debt is
       cleared, the remainder goes on to the next debt in the same month (cleared mid-month).
A debt is cleared in the month its balance reaches 0. Every payment is whole fen, so
    Σ payments = Σ starting balances + Σ interest − Σ balances still owed   (exactly)
and no balance is ever negative. When the budget is below the sum of the minimums, the debts
late in the order receive less than their minimum (step 2 runs out): the tool says by how much
the budget is short.

The horizon is capped at HORIZON = 600 months (50 years): the simulation never runs longer,
and a plan that does not clear every debt within it is reported as such. When the total owed
at the horizon is larger than at the start, the budget does not even cover the interest:
"按这个预算永远还不完". Cost: O(strategies × months × debts), at most 3 × 600 × 30 steps.

Worked example (checked by hand; see tests/unit/test_several_debts.py): A 1,000 at 12 %,
minimum 100; B 500 at 0 %, minimum 50; budget 400, avalanche (A first).
Month 1: A interest 10.00 → 1,010.00; minimums A 100, B 50; the remaining 250 to A →
A 660.00, B 450.00. Month 2: A interest 6.60 → 666.60; A 100, B 50, A 250 → A 316.60, B 400.
Month 3: A interest 3.17 (3.166 rounded) → 319.77; A 100, B 50, then A takes 219.77 and is
cleared mid-month; the last 30.23 goes to B → B 319.77. Month 4: B 50 + 269.77 → cleared
(400 − 319.77 = 80.23 unused). Debt-free in 4 months, interest 19.77, paid 1,519.77.
Snowball (B first): month 1 A 1,010.00 − 100 = 910.00, B 500 − 50 − 250 = 200.00; month 2 A
interest 9.10 → 919.10 − 100 = 819.10, B 200 − 50 − 150 = 0 (cleared), 100 rolls to A →
719.10; month 3 interest 7.19 → 726.29 − 400 = 326.29; month 4 interest 3.26 → 329.55, cleared.
Debt-free in 4 months, interest 29.55 — more than the avalanche's 19.77.
"""

from decimal import ROUND_HALF_UP, Decimal

from calculators.core.fields import (
    Calculator,
    ChoiceField,
    CountField,
    MoneyField,
    RateField,
    RowsField,
    TextField,
)
from calculators.core.links import tool_link
from calculators.core.money import FEN, ZERO, percent, yuan
from calculators.core.result import BarChart, Figure, Link, Notice, Result, Table
from calculators.core.valueclass import replace, valueclass
from calculators.tools.overdue_cost import LENDERS

HORIZON = 600

STRATEGIES = (
    ("avalanche", "先还利率高", "省利息"),
    ("snowball", "先还金额小", "早点少一个还款日"),
    ("urgent", "先止损", "先处理逾期最久的"),
)
STRATEGY_NAMES = {key: name for key, name, _why in STRATEGIES}

FIELDS = (
    RowsField(
        "debts",
        "你的欠款",
        help="每一笔欠款一行。余额填现在一共欠多少（本金加已经产生的利息、罚息）。",
        columns=(
            TextField("name", "名称", "", max_length=30, example="花呗、借呗、某银行信用卡"),
            MoneyField("balance", "余额", "", help="现在一共欠多少。"),
            RateField("rate", "年利率", "", help="合同利率，可以写年化、月息或日息；没有利息填 0。"),
            MoneyField("minimum", "每月最低还款", "0", minimum=ZERO, help="每月至少要还多少才不继续逾期；不知道填 0。"),
            CountField("days_overdue", "已逾期天数", "0", unit="天", example="0、40 或 40天", help="没有逾期填 0。"),
            ChoiceField("kind", "借款来源", "consumer_finance", options=LENDERS),
        ),
        default_rows=(
            {"name": "甲 消费金融", "balance": "12000", "rate": "18%", "minimum": "600", "days_overdue": "40", "kind": "consumer_finance"},
            {"name": "乙 网络小贷", "balance": "8000", "rate": "24%", "minimum": "400", "days_overdue": "20", "kind": "microloan"},
            {"name": "丙 信用卡", "balance": "3000", "rate": "日息万五", "minimum": "300", "days_overdue": "0", "kind": "credit_card"},
        ),
        min_rows=1,
        max_rows=30,
        row_label="第{n}笔",
        add_label="再加一笔",
    ),
    MoneyField("budget", "每月能用来还款的钱", "2000", help="扣除必要开支后，每月真正能拿出来还所有欠款的钱。不确定时先用“还款能力”工具算一算。"),
)


@valueclass
class Debt:
    """One debt as the reader entered it (balance, annual rate, minimum payment, days overdue, lender kind)."""

    name: str
    balance: Decimal
    annual_rate: Decimal
    minimum: Decimal
    days_overdue: int
    kind: str


@valueclass
class Plan:
    """One strategy simulated: `order` and `cleared` are by debt index (cleared month or None)."""

    strategy: str
    order: tuple[int, ...]
    cleared: tuple[int | None, ...]
    months: int | None  # months to debt-free; None: not within HORIZON
    never: bool  # the budget, paid in this order, never even covers the interest (see stuck)
    paid: tuple[Decimal, ...]
    interest: tuple[Decimal, ...]
    remaining: tuple[Decimal, ...]
    short_months: int  # months in which the budget did not cover every minimum

    @property
    def total_interest(self) -> Decimal:
        return sum(self.interest, ZERO)

    @property
    def total_paid(self) -> Decimal:
        return sum(self.paid, ZERO)


def priority(debts: tuple[Debt, ...], strategy: str) -> tuple[int, ...]:
    """The order of a strategy (module docstring), as debt indices."""
    keys = {
        "avalanche": lambda i: (-debts[i].annual_rate, debts[i].balance, i),
        "snowball": lambda i: (debts[i].balance, -debts[i].annual_rate, i),
        "urgent": lambda i: (-debts[i].days_overdue, -debts[i].annual_rate, debts[i].balance, i),
    }[strategy]
    return tuple(sorted(range(len(debts)), key=keys))


def _fen(amount: Decimal) -> int:
    return int(amount.quantize(FEN, rounding=ROUND_HALF_UP) * 100)


def _yuan(fen: int) -> Decimal:
    """Exactly fen / 100, however large (no rounding to the context's 28 digits)."""
    return Decimal(f"{fen}e-2")


# How often the simulation looks for a stuck plan (see simulate). Once stuck, a plan stays
# stuck, so looking every few months is enough and keeps the monthly loop lean.
STUCK_CHECK_EVERY = 6


def simulate(debts: tuple[Debt, ...], budget: Decimal, strategy: str, horizon: int = HORIZON) -> Plan:
    """Month by month, by the rules in the module docstring; never more than `horizon` months.

    Amounts are carried as whole fen in Python integers: every amount is a whole number of fen
    (typed amounts are, and each month's interest is rounded to the fen), so this is exactly
    Decimal arithmetic rounded to the fen, and several times faster in the browser. A monthly
    rate is the exact fraction a / (12·b) of the annual rate a / b; the interest in fen on a
    balance B (fen), rounded half up, is ⌊(2·B·a + 12·b) / (2·12·b)⌋. What was paid on a debt
    is its starting balance + its interest − what is still owed.

    Stuck: if in some month no balance goes down (every debt's payment is at most its interest),
    then no balance ever goes down again — the order is fixed, each later month's interest is at
    least this month's and each debt's share of the budget is at most this month's — so the
    simulation stops at the next check (every STUCK_CHECK_EVERY months) and reports `never`
    instead of running on to the horizon.
    """
    order = priority(debts, strategy)
    n = len(debts)
    start = [_fen(d.balance) for d in debts]
    balance = start[:]
    interest = [0] * n
    ratios = [d.annual_rate.as_integer_ratio() for d in debts]
    # Per debt, in the order of the strategy: (index, 2·a, 12·b, 24·b, minimum in fen).
    terms = [(i, 2 * ratios[i][0], 12 * ratios[i][1], 24 * ratios[i][1], _fen(debts[i].minimum)) for i in order if balance[i] > 0]
    cleared: list[int | None] = [None if balance[i] > 0 else 0 for i in range(n)]
    pool_per_month = _fen(budget)
    months, never, short, month = (0 if not terms else None), False, 0, 0
    while terms and month < horizon:
        month += 1
        check = month % STUCK_CHECK_EVERY == 0
        if check:
            before = balance[:]
        changed = False
        # One pass in the order of the strategy: the month's interest, then the minimum.
        pool, due = pool_per_month, 0
        for i, a2, b12, b24, least in terms:
            owed = balance[i]
            if a2:
                charge = (owed * a2 + b12) // b24
                owed += charge
                interest[i] += charge
            want = least if least < owed else owed
            due += want
            if want < pool:
                owed -= want
                pool -= want
            else:
                owed -= pool
                pool = 0
            balance[i] = owed
            if not owed:
                changed = True
        if due > pool_per_month:
            short += 1
        # What is left of the budget, in the same order; a debt cleared mid-month passes the
        # remainder on to the next one.
        if pool:
            for term in terms:
                i = term[0]
                owed = balance[i]
                if owed <= pool:
                    pool -= owed
                    balance[i] = 0
                    if owed:
                        changed = True
                else:
                    balance[i] = owed - pool
                    pool = 0
                    break
        if check and all(balance[t[0]] >= before[t[0]] for t in terms):
            never = True
            break
        if changed:
            for t in terms:
                if not balance[t[0]]:
                    cleared[t[0]] = month
            terms = [t for t in terms if balance[t[0]]]
            if not terms:
                months = month
    paid = [start[i] + interest[i] - balance[i] for i in range(n)]
    return Plan(
        strategy,
        order,
        tuple(cleared),
        months,
        never,
        tuple(map(_yuan, paid)),
        tuple(map(_yuan, interest)),
        tuple(map(_yuan, balance)),
        short,
    )


def _debts(rows) -> tuple[Debt, ...]:
    return tuple(
        Debt(
            row.get("name") or f"第{n}笔",
            row["balance"],
            row["rate"].annual,
            row.get("minimum") or ZERO,
            row.get("days_overdue") or 0,
            row.get("kind") or "consumer_finance",
        )
        for n, row in enumerate(rows, start=1)
    )


def _month(plan: Plan, i: int) -> str:
    m = plan.cleared[i]
    if m is None:
        return "永远还不完" if plan.never else f"{HORIZON} 个月内还不完"
    return f"第 {m} 个月"


def _duration(m: int | None, never: bool = False) -> str:
    if m is None:
        return "永远还不完" if never else f"{HORIZON} 个月内还不完"
    years, rest = divmod(m, 12)
    if not years:
        return f"{m} 个月"
    return f"{m} 个月（{years} 年{f' {rest} 个月' if rest else ''}）"


def compute(v: dict) -> Result:
    debts = _debts(v["debts"])
    budget = v["budget"]
    names = [d.name for d in debts]
    total = sum((d.balance for d in debts), ZERO)
    minimums = sum((min(d.minimum, d.balance) for d in debts), ZERO)
    shortfall = minimums - budget
    plans: dict[str, Plan] = {}
    for key, _n, _w in STRATEGIES:
        same = next((p for p in plans.values() if p.order == priority(debts, key)), None)
        plans[key] = simulate(debts, budget, key) if same is None else replace(same, strategy=key)
    finished = {k: p for k, p in plans.items() if p.months is not None}
    never = all(p.never for p in plans.values())

    result = Result()
    figures = [Figure("欠款合计", yuan(total), f"共 {len(debts)} 笔")]
    if finished:
        fastest = min(finished, key=lambda k: (finished[k].months, finished[k].total_interest))
        cheapest = min(finished, key=lambda k: (finished[k].total_interest, finished[k].months))
        figures.append(Figure("最快还清", _duration(finished[fastest].months), f"按“{STRATEGY_NAMES[fastest]}”", tone="good"))
        figures.append(Figure("利息最少", yuan(finished[cheapest].total_interest), f"按“{STRATEGY_NAMES[cheapest]}”"))
    else:
        figures.append(Figure("按这个预算", "永远还不完" if never else f"{HORIZON} 个月内还不完", f"每月预算 {yuan(budget)}", tone="bad"))
    figures.append(
        Figure(
            "最低还款合计",
            yuan(minimums),
            f"预算还差 {yuan(shortfall)}" if shortfall > 0 else f"预算多出 {yuan(-shortfall)}",
            tone="bad" if shortfall > 0 else "",
        )
    )
    result.figures = figures

    notices = []
    if shortfall > 0:
        notices.append(
            Notice(
                "danger",
                f"每月预算 {yuan(budget)} 比各笔最低还款的合计 {yuan(minimums)} 少 {yuan(shortfall)}。"
                "按原来的合同已经还不过来了——现在正是该去协商的时候：先算清每月真正能拿出多少，"
                "再逐家说明困难，提出延期、分期或停息挂账。下面的计算里，排在后面的欠款这几个月拿不到最低还款，会继续逾期。",
            )
        )
    if never:
        notices.append(
            Notice(
                "danger",
                f"按这个预算永远还不完：每月的钱连新产生的利息都盖不住，欠款只会越滚越大（本工具最多算 {HORIZON} 个月，即 50 年）。"
                "这时需要和贷款方协商减免利息、罚息或停息挂账，而不是继续硬撑。",
            )
        )
    elif not finished:
        grows = all(sum(p.remaining, ZERO) > total for p in plans.values())
        notices.append(
            Notice(
                "danger",
                f"按这个预算，{HORIZON} 个月（50 年）内还不完"
                + ("，到那时欠得比现在还多" if grows else "")
                + "。需要和贷款方协商减免利息或停息挂账。",
            )
        )
    notices.append(
        Notice(
            "warning",
            "不要借新的钱去还旧的（以贷养贷）：新借款的利息和费用会叠在旧债上，欠款越滚越大，还款日越来越多。"
            "钱不够时，停下来协商，而不是再借。",
        )
    )
    zero = [d.name for d in debts if d.annual_rate == 0]
    if zero:
        notices.append(
            Notice(
                "info",
                f"{'、'.join(zero)} 的利率是 0%，不产生利息，所以“先还利率高”把它排在最后；但每月的最低还款仍要按时付，以合同为准。",
            )
        )
    if any(d.kind == "private" for d in debts):
        notices.append(
            Notice(
                "info",
                "民间借贷：约定的利率超过合同成立时一年期 LPR 4 倍的，超出部分法院不予支持（《民间借贷规定》第二十五条）。"
                "可以用逾期成本计算器按借款日期核对。",
            )
        )
    if any(d.kind == "credit_card" for d in debts):
        notices.append(
            Notice(
                "info",
                "信用卡：据报道，《商业银行信用卡业务监督管理办法》第七十条规定，持卡人有还款意愿但还款能力不足的，"
                "银行“可以”与其协商个性化分期，最长 5 年。这不是必须批准的权利，要主动申请。",
            )
        )
    result.notices = notices

    # The key numbers first: on a phone the last columns need a sideways scroll.
    comparison = tuple(
        (
            name,
            _duration(plans[key].months, plans[key].never),
            yuan(plans[key].total_interest) if plans[key].months is not None else "—",
            yuan(plans[key].total_paid) if plans[key].months is not None else "—",
            " → ".join(names[i] for i in plans[key].order),
        )
        for key, name, _why in STRATEGIES
    )
    best = min(plans, key=lambda k: (plans[k].months is None, plans[k].total_interest))
    blocks = [
        Table(
            "三种还款顺序对比",
            ("顺序", "还清需要", "总利息", "总共还", "先后"),
            comparison,
            highlight=(list(plans).index(best),) if finished else (),
        ),
        Table(
            "每笔欠款在第几个月还清",
            ("欠款",) + tuple(name for _k, name, _w in STRATEGIES) + ("余额", "年利率", "逾期"),
            tuple(
                (d.name,)
                + tuple(_month(plans[key], i) for key, _n, _w in STRATEGIES)
                + (yuan(d.balance), percent(d.annual_rate), f"{d.days_overdue} 天")
                for i, d in enumerate(debts)
            ),
        ),
    ]
    if finished:
        blocks.append(
            BarChart(
                "三种顺序各付多少利息",
                tuple(name for _k, name, _w in STRATEGIES),
                (("总利息", tuple(p.total_interest for p in plans.values())),),
            )
        )
    result.blocks = blocks
    result.assumptions = (
        f"假设：每月先按年利率 ÷ 12 计息（四舍五入到分），再先付各笔最低还款，剩下的钱按顺序还；"
        f"某笔在月中还清时，余下的钱当月转给下一笔；不再借新债；最多算 {HORIZON} 个月。"
        "“先止损”指先处理逾期最久的，逾期天数相同时先还利率高的。"
    )
    result.guide = Link("几笔一起欠时先处理哪笔", "how-to-negotiate/prepare/#debts")

    urgent = debts[plans["urgent"].order[0]]
    others = sum((min(d.minimum, d.balance) for d in debts if d is not urgent), ZERO)
    available = budget - others if budget - others >= 1 else budget
    plan_inputs = {"principal": str(urgent.balance), "rate": percent(urgent.annual_rate), "budget": str(available)}
    if urgent.kind == "credit_card":
        plan_inputs["card"] = "yes"
    if shortfall > 0 or not finished:
        result.links.append(Link("先算清每月真正能还多少：还款能力", "tools/affordability/"))
        result.links.append(Link("怎样和贷款方协商", "how-to-negotiate/"))
    result.links.append(tool_link(f"为最急的一笔（{urgent.name}）比较还款方案", "repayment-plan", plan_inputs))
    letter = {"product": urgent.name, "owed": str(urgent.balance), "lender": urgent.kind, "budget": str(available)}
    if urgent.kind != "unlicensed":  # a void contract is reported first, not negotiated (why-negotiate)
        result.links.append(tool_link(f"为{urgent.name}写协商还款申请书", "letter", letter))
    result.links.append(Link("为什么不要借新还旧", "precautions/"))

    lines = ["【我的欠款】"]
    for d in debts:
        lines.append(f"{d.name}：余额 {yuan(d.balance)}，年利率 {percent(d.annual_rate)}，每月最低还款 {yuan(d.minimum)}，已逾期 {d.days_overdue} 天。")
    lines.append(f"合计 {yuan(total)}；每月能用于还款 {yuan(budget)}，各笔最低还款合计 {yuan(minimums)}。")
    if shortfall > 0:
        lines.append(f"每月能还的钱比最低还款合计少 {yuan(shortfall)}，按原合同已经还不过来，希望协商延期、分期或减免。")
    for key, name, _why in STRATEGIES:
        p = plans[key]
        cost = f"，总利息 {yuan(p.total_interest)}" if p.months is not None else ""
        lines.append(f"{name}（{' → '.join(names[i] for i in p.order)}）：{_duration(p.months, p.never)}{cost}。")
    result.summary = "\n".join(lines)

    result.data = {
        "total": str(total),
        "minimums": str(minimums),
        "shortfall": str(max(shortfall, ZERO)),
        "never": "yes" if never else "no",
    }
    for key, p in plans.items():
        result.data.update(
            {
                f"{key}_order": ",".join(names[i] for i in p.order),
                f"{key}_months": "" if p.months is None else str(p.months),
                f"{key}_never": "yes" if p.never else "no",
                f"{key}_interest": str(p.total_interest),
                f"{key}_paid": str(p.total_paid),
                f"{key}_cleared": ",".join("" if m is None else str(m) for m in p.cleared),
            }
        )
    return result


CALCULATOR = Calculator(
    id="several-debts",
    title="多笔债务还款顺序",
    fields=FIELDS,
    compute=compute,
)

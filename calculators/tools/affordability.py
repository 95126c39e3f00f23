"""还款能力 — what can I afford (tool 4 of calculators.md).

From the month's income (several sources), the essential spending by category and the minimum
payments of debts that are not part of this negotiation, how much is left, how much of it can
honestly be offered to a lender, and what share of the income would then go to debts.

Formulas (all amounts per month, in 元, each typed amount already rounded to the fen):
    I = Σ incomes                                   收入合计
    S = housing + food + transport + utilities + children + medical + parents + other
    M = debt_minimums                               其他债务的最低还款
    L = I − S − M                                   剩余 (may be negative)
    m = round_fen(L × p) when the margin is a share p, or min(L, the amount) when it is an
        amount; m = 0 when L ≤ 0                   安全余量 (kept back for the unexpected)
    offer = ⌊L − m⌋ to the whole 元 (rounded DOWN, so the offer never exceeds what is left),
            0 when L − m < 1                        可以承诺的月还款
    DTI = (M + offer) / I, not defined when I = 0   还款收入比: the share of income that goes
                                                    to debts if the offer is accepted
The safety margin is a share of what is left (default 10 %), or a fixed amount a month: a
share keeps the offer in proportion to what the household can spare, and never makes it
negative; an amount suits someone who knows what they need to keep back.

Worked example (the defaults, the household of case 4): I = 6,000 + 500 = 6,500;
S = 1,500 + 1,300 + 300 + 250 + 0 + 150 + 500 + 500 = 4,500; M = 0; L = 2,000; m = 10 % × 2,000
= 200; offer = 1,800; DTI = 1,800 / 6,500 = 27.69 %.
"""

from decimal import ROUND_FLOOR, Decimal

from calculators.core.fields import AmountOrShareField, Calculator, MoneyField, RowsField, Share, TextField
from calculators.core.links import tool_link
from calculators.core.money import ZERO, percent, to_fen, yuan
from calculators.core.result import BarChart, Figure, Link, Notice, Result, Table

ONE_YUAN = Decimal("1")

# The essential-spending categories of calculators.md, in the order a household thinks of them.
CATEGORIES = (
    ("housing", "住房", "1500", "房租或房贷、物业费。"),
    ("food", "吃饭", "1300", "一家人的伙食，买菜做饭和在外吃饭都算。"),
    ("transport", "交通", "300", "上下班的车费、油费、电动车充电。"),
    ("utilities", "水电燃气和话费", "250", "水费、电费、燃气费、手机和宽带。"),
    ("children", "子女", "0", "抚养、学费、托管。没有填 0。"),
    ("medical", "看病吃药", "150", "长期用药、复诊、医保自付部分。"),
    ("parents", "赡养父母", "500", "每月给父母的生活费、医药费。"),
    ("other", "其他必要开支", "500", "日用品、必要的衣物等，不含可以暂停的消费。"),
)

FIELDS = (
    RowsField(
        "incomes",
        "每月收入",
        help="每个来源一行：工资、兼职、家人固定的支持等。按到手的钱填（扣过社保和个税之后）；收入不固定时填最近几个月中较低的水平。",
        columns=(
            TextField("name", "来源", "", max_length=30, example="工资、兼职"),
            MoneyField("amount", "金额", "", minimum=ZERO, help="每月到手多少。"),
        ),
        default_rows=({"name": "工资", "amount": "6000"}, {"name": "兼职", "amount": "500"}),
        min_rows=1,
        max_rows=10,
        row_label="第{n}项收入",
        add_label="再加一项收入",
    ),
    *(MoneyField(name, label, default, minimum=ZERO, help=help_text) for name, label, default, help_text in CATEGORIES),
    MoneyField(
        "debt_minimums",
        "其他债务的最低还款",
        "0",
        minimum=ZERO,
        help="这次不打算协商、每月必须按时还的钱，例如正常还款中的房贷、车贷或另一家的分期。没有填 0。",
    ),
    AmountOrShareField(
        "margin",
        "安全余量",
        "10%",
        example="10%、15% 或 300",
        help="从剩下的钱里先留出一部分，应付看病、涨房租、收入变少。填百分比表示剩余部分的比例，填金额表示每月固定留出多少元。",
        advanced=True,
    ),
)


def _minus(amount: Decimal) -> str:
    """An outgoing amount shown with its sign: '−1,500.00 元' (and never '-0.00 元')."""
    return yuan(-amount) if amount else yuan(amount)


def _offer(left: Decimal, margin) -> tuple[Decimal, Decimal]:
    """(margin kept back, monthly offer), by the formulas in the module docstring."""
    if left <= 0:
        return ZERO, ZERO
    kept = to_fen(left * margin.fraction) if isinstance(margin, Share) else min(left, margin)
    offer = (left - kept).quantize(ONE_YUAN, rounding=ROUND_FLOOR)
    return kept, max(offer, ZERO)


def compute(v: dict) -> Result:
    incomes = tuple((row.get("name") or f"收入{i}", row["amount"]) for i, row in enumerate(v["incomes"], start=1))
    income = sum((amount for _name, amount in incomes), ZERO)
    spending_parts = tuple((label, v[name]) for name, label, _d, _h in CATEGORIES)
    spending = sum((amount for _label, amount in spending_parts), ZERO)
    minimums = v["debt_minimums"]
    left = income - spending - minimums
    kept, offer = _offer(left, v["margin"])
    dti = (minimums + offer) / income if income > 0 else None

    result = Result()
    result.figures = [
        Figure("每月剩余", yuan(left), "收入 − 必要开支 − 其他债务最低还款", tone="bad" if left < 0 else ""),
        Figure("可以承诺的月还款", yuan(offer), f"已留出安全余量 {yuan(kept)}" if offer > 0 else "现在拿不出钱来还款", tone="good" if offer > 0 else "bad"),
        Figure("还款收入比", percent(dti) if dti is not None else "—", "按这个金额还款时，收入中用于还债的比例"),
    ]

    notices = []
    if spending > income:
        notices.append(
            Notice(
                "danger",
                f"光是必要开支（{yuan(spending)}）就比收入（{yuan(income)}）多 {yuan(spending - income)}。"
                "现在承诺任何还款都兑现不了，先做这几件事：保住吃饭、住处和看病；不要借新还旧；"
                "逐项看看哪些开支能暂时压缩、哪些收入能增加；然后主动联系每一家贷款方，如实说明收入不够基本生活，"
                "申请延期或停息挂账，并把每次沟通记下来。",
            )
        )
    elif left < 0:
        notices.append(
            Notice(
                "warning",
                f"付完必要开支和其他债务的最低还款，每月还差 {yuan(-left)}。这说明那些“必须按时还”的债务也撑不住了，"
                "需要把它们一起列出来协商，而不是再借钱去还。",
            )
        )
    elif offer == 0:
        notices.append(Notice("warning", "扣除安全余量后，每月拿不出完整的 1 元来还款。可以如实告诉贷款方现在的困难，申请延期。"))
    else:
        notices.append(
            Notice(
                "info",
                f"向贷款方提出的月还款，以 {yuan(offer)} 为上限。几家一起欠时，这是所有要协商的欠款加起来的上限，"
                "按“多笔债务”工具排好先后再分配。宁可少一点，也要能坚持：承诺做不到，只会让下一次逾期更快到来。",
            )
        )
    result.notices = notices

    rows = [(name, yuan(amount)) for name, amount in incomes]
    rows.append(("收入合计", yuan(income)))
    rows += [(label, _minus(amount)) for label, amount in spending_parts if amount]
    rows.append(("必要开支合计", _minus(spending)))
    if minimums:
        rows.append(("其他债务最低还款", _minus(minimums)))
    rows.append(("剩余", yuan(left)))
    if kept:
        rows.append(("安全余量", _minus(kept)))
    result.blocks = [
        Table("每月收支", ("项目", "金额"), tuple(rows), foot=("可以承诺的月还款", yuan(offer))),
        BarChart(
            "每月收入的去向",
            ("支出和还款",),
            (
                ("必要开支", (spending,)),
                ("其他债务最低还款", (minimums,)),
                ("安全余量", (kept,)),
                ("可以承诺的月还款", (offer,)),
            ),
            lines=((f"收入 {yuan(income)}", income),),
        ),
    ]
    margin = v["margin"]
    margin_text = f"剩余部分的 {percent(margin.fraction)}" if isinstance(margin, Share) else f"每月 {yuan(margin)}"
    result.assumptions = f"假设：按每月到手收入计算；安全余量为{margin_text}；可以承诺的月还款向下取整到元。"
    result.guide = Link("怎样算清每月能还多少", "how-to-negotiate/prepare/#budget")

    if offer > 0:
        result.links.append(tool_link(f"用每月 {offer} 元比较还款方案", "repayment-plan", {"budget": str(offer)}))
    else:
        result.links.append(Link("收入不够时可以提出哪些方案（延期、停息挂账）", "how-to-negotiate/options/"))
    result.links.append(Link("欠好几家时先还哪一笔：多笔债务", "tools/several-debts/"))

    result.summary = "\n".join(
        [
            "【我的每月收支】",
            f"收入合计 {yuan(income)}（{'、'.join(f'{name} {yuan(amount)}' for name, amount in incomes)}）。",
            f"必要开支 {yuan(spending)}（{'、'.join(f'{label} {yuan(amount)}' for label, amount in spending_parts if amount) or '无'}）。",
            f"其他债务每月最低还款 {yuan(minimums)}。",
            f"扣除后每月剩余 {yuan(left)}"
            + (f"，留出安全余量 {yuan(kept)} 后，每月最多能拿出 {yuan(offer)} 用于还款。" if offer > 0 else "，目前拿不出钱用于还款。"),
        ]
    )
    result.data = {
        "income": str(income),
        "spending": str(spending),
        "minimums": str(minimums),
        "left": str(left),
        "margin": str(kept),
        "offer": str(offer),
        "dti": "" if dti is None else str(dti.quantize(Decimal("0.0001"))),
        "spending_exceeds_income": "yes" if spending > income else "no",
    }
    return result


CALCULATOR = Calculator(
    id="affordability",
    title="还款能力计算",
    fields=FIELDS,
    compute=compute,
)

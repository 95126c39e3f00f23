"""关键日期 — the dates that matter (tool 6 of calculators.md).

From the due date and the last payment, acknowledgement, demand and (if any) settlement: when
the three-year limitation period would end if nothing interrupts it again, which of the
entered events restarted it, and when negative credit information is due to be deleted.

Rules (facts.md §1, §2; every one is cited where the result states it):
- The period is three years (《民法典》第一百八十八条); for a debt repaid in installments it runs
  from the due date of the LAST installment (第一百八十九条).
- Counting (第二百零一条, 第二百零二条): the starting day is not counted; the period ends on
  the corresponding day three years later, or the month's last day if there is none (a period
  from 29 February ends on 28 February). So end = add_years(start, 3). When that day is a
  statutory holiday the period ends the day after the holiday (第二百零三条): stated, not
  computed (the site keeps no holiday calendar).
- Interruption (第一百九十五条): the period starts again from the day of
  (1) a demand by the creditor — 《诉讼时效规定》第八条: a document delivered to the debtor,
      a letter or electronic message that arrived, a financial institution deducting from the
      debtor's account; a phone call is not listed there, so it counts here only when the
      creditor can prove it (a recording), and an unprovable call is shown as "if proved";
  (2) the debtor agreeing to perform — 《诉讼时效规定》第十四条: a partial payment, a request
      for more time, a repayment plan, a written acknowledgement.
  end = add_years(max(due date, every counted event on or after it), 3). Events before the due
  date do not move the start (the period has not begun).
- Credit record (《征信业管理条例》第十六条): negative information is kept five years from the
  day the bad behaviour ENDS, then deleted: delete = add_years(settled, 5). While the debt is
  unpaid the overdue has not ended and the five years have not begun.

Dates that must not be later than today (the reader's today: the `today` field, or when it is
empty the date on the device that runs the computation, i.e. the reader's phone), and the
order due date ≤ settlement, last payment ≤ settlement, are checked with messages.
"""

import datetime as _dt

from calculators.core.fields import Calculator, ChoiceField, DateField, FieldError
from calculators.core.periods import add_years, chinese
from calculators.core.result import Figure, Link, Notice, Result, Table

LIMITATION_YEARS = 3
CREDIT_YEARS = 5

DEMAND_KINDS = (
    ("message", "短信、信件、电子邮件或App消息（已送到你这里）"),
    ("document", "当面送交的催款文书（你签收过或能证明送到）"),
    ("deduction", "银行或其他金融机构从你的账户里扣款"),
    ("call_proved", "电话催收，对方有录音等证据"),
    ("call_unproved", "电话催收，对方没有证据（或你不确定）"),
)
DEMAND_SHORT = {
    "message": "短信、信件或App消息",
    "document": "送达的文书",
    "deduction": "从账户扣款",
    "call_proved": "电话，对方有证据",
    "call_unproved": "电话，对方没有证据",
}
DEMAND_BASIS = {
    "message": "《民法典》第一百九十五条；《诉讼时效规定》第八条（信件或数据电文到达）",
    "document": "《民法典》第一百九十五条；《诉讼时效规定》第八条（送交主张权利文书）",
    "deduction": "《民法典》第一百九十五条；《诉讼时效规定》第八条（金融机构从账户扣收欠款）",
    "call_proved": "《民法典》第一百九十五条：能证明的电话催收，可能被认定为提出履行请求",
    "call_unproved": "《诉讼时效规定》第八条没有列举电话；无法证明的电话，本工具不当作中断",
}
AGREE_BASIS = "《民法典》第一百九十五条；《诉讼时效规定》第十四条"
EMPTY_HINT = "没有就留空。"

FIELDS = (
    DateField("due_date", "到期日（分期的填最后一期）", "2024-03-15", help="借款到期、应当还清的日期；分期还款的，填最后一期的还款日。"),
    DateField("last_payment", "最后一次还款", "2024-05-20", required=False, help="你最后一次还钱的日期，哪怕只还了一点。" + EMPTY_HINT),
    DateField(
        "last_acknowledgement",
        "最后一次书面承认欠款",
        "",
        required=False,
        help="例如签还款计划、书面申请延期或分期、在对账单或确认函上签字的日期。" + EMPTY_HINT,
    ),
    DateField("last_demand", "最后一次催收", "2025-01-10", required=False, help="贷款方或催收方最后一次向你要钱的日期。" + EMPTY_HINT),
    ChoiceField("demand_kind", "这次催收的方式", "message", options=DEMAND_KINDS, help="方式决定它能不能证明、算不算让时效重新计算。"),
    DateField("settled", "结清日期", "", required=False, help="已经全部还清的，填还清的日期；还没还清就留空。"),
    DateField(
        "today",
        "今天的日期",
        "",
        required=False,
        help="留空则按你手机（或电脑）上的日期。想看某一天的情况时才需要填。",
        advanced=True,
    ),
)


def _check_past(v: dict, today: _dt.date) -> None:
    for f in FIELDS:
        if f.name == "today" or not isinstance(f, DateField):
            continue
        day = v[f.name]
        if day is not None and day > today:
            raise FieldError(f.name, f"「{f.label}」是将来的日期（今天是 {chinese(today)}）。这里只填已经发生的事。可以这样填：2025-03-15")


def compute(v: dict) -> Result:
    today = v["today"] or _dt.date.today()
    _check_past(v, today)
    due, settled = v["due_date"], v["settled"]
    if settled is not None and settled < due:
        raise FieldError("settled", "「结清日期」早于到期日：到期前就还清了，不会产生逾期，也就没有这些日期要算。请检查两个日期。")
    if settled is not None and v["last_payment"] is not None and v["last_payment"] > settled:
        raise FieldError("last_payment", "「最后一次还款」晚于结清日期：结清之后不应再有还款。请检查日期（最后一次还款通常就是结清那天）。")

    # (label, date, counted?, basis) for each event entered.
    events = []
    if v["last_payment"] is not None:
        events.append(("最后一次还款", v["last_payment"], True, f"还款（部分履行）：{AGREE_BASIS}"))
    if v["last_acknowledgement"] is not None:
        events.append(("书面承认欠款", v["last_acknowledgement"], True, f"书面承认欠款（同意履行、请求延期、制定清偿计划等）：{AGREE_BASIS}"))
    kind = v["demand_kind"]
    if v["last_demand"] is not None:
        events.append(("最后一次催收", v["last_demand"], kind != "call_unproved", f"催收（{DEMAND_SHORT[kind]}）：{DEMAND_BASIS[kind]}"))

    start_label, start = "到期日", due
    for label, day, counted, _basis in events:
        if counted and day >= start:
            start_label, start = label, day
    end = add_years(start, LIMITATION_YEARS)

    # Narrow enough for a phone: ISO dates, and what each event did in the last column.
    rows = [("到期日", due.isoformat(), f"{add_years(due, LIMITATION_YEARS).isoformat()}（起算）")]
    bases = ["到期日起算 3 年：《民法典》第一百八十八条；分期的从最后一期到期日起算：《民法典》第一百八十九条"]
    for label, day, counted, basis in events:
        restarted = add_years(day, LIMITATION_YEARS).isoformat()
        if day < due:
            effect = "早于到期日，不影响"
        elif counted:
            effect = f"{restarted}（重新计算）"
        else:
            effect = f"{restarted}（须对方能证明）"
        rows.append((label, day.isoformat(), effect))
        bases.append(basis)
    if settled is not None:
        rows.append(("结清", settled.isoformat(), "已还清"))
        bases.append("结清：不良信息从这天起保存 5 年，《征信业管理条例》第十六条")

    result = Result()
    notices = []
    if settled is None:
        remaining = (end - today).days
        result.figures.append(
            Figure(
                "诉讼时效届满日（此后如果不再中断）",
                chinese(end),
                f"自{start_label} {chinese(start)} 起算 3 年",
            )
        )
        result.figures.append(
            Figure(
                f"截至 {chinese(today)}",
                f"还有 {remaining} 天" if remaining >= 0 else "已经届满",
                "下一次催收或还款会让它重新计算",
            )
        )
    else:
        result.figures.append(Figure("诉讼时效", "已结清，不再涉及", f"结清日 {chinese(settled)}"))

    if settled is None:
        result.figures.append(Figure("不良记录预计删除", "还清后满 5 年", "没还清时不会删除", tone="bad"))
        notices.append(
            Notice(
                "warning",
                "征信里的不良信息，自不良行为或者事件终止之日起保存 5 年，超过 5 年才删除（《征信业管理条例》第十六条）。"
                "欠款没还清，逾期就没有终止，这 5 年还没有开始计算，记录不会因为时间过去而消失。越早还清或和解结清，删除的日子越早到来。",
            )
        )
    else:
        deleted = add_years(settled, CREDIT_YEARS)
        result.figures.append(Figure("不良记录预计删除", chinese(deleted), f"结清日 {chinese(settled)} 起满 5 年", tone="good"))
        notices.append(
            Notice(
                "info",
                f"按《征信业管理条例》第十六条，不良信息自不良行为或者事件终止之日起保存 5 年，超过 5 年应当删除；本工具以结清日作为逾期终止之日，"
                f"算出约在 {chinese(deleted)} 之后删除。保存期间，你可以对不良信息作出说明，征信机构应当记载（同一条第二款）。",
            )
        )

    notices.append(
        Notice(
            "warning",
            "不要把“拖过三年”当作出路：贷款方的每一次有效催收（短信、信件、App消息、送达的文书、从账户扣款）、你的每一笔还款、"
            "每一次同意还款或申请延期，都会让三年从那天重新计算（《民法典》第一百九十五条）。持续被催收的欠款，时效往往一直在重新开始；"
            "与此同时罚息、费用和被起诉的风险一直都在，征信记录也不会删除。",
        )
    )
    if v["last_demand"] is not None and kind == "call_unproved" and v["last_demand"] >= start:
        notices.append(
            Notice(
                "info",
                f"《诉讼时效规定》第八条列举的催收方式里没有电话，所以本工具没有把 {chinese(v['last_demand'])} 的电话当作中断。"
                f"但催收电话常有录音：对方能证明这次电话时，届满日会延到 {chinese(add_years(v['last_demand'], LIMITATION_YEARS))}。",
            )
        )
    if kind == "call_proved" and v["last_demand"] is not None:
        notices.append(
            Notice(
                "info",
                "《诉讼时效规定》第八条列举的是送交文书、信件或数据电文到达、金融机构扣款等方式，没有单列电话；"
                "对方有录音等证据的电话催收，可能被认定为提出了履行请求，本工具按“中断”计算。",
            )
        )
    if settled is not None:
        after = [label for label, day, _c, _b in events if day > settled]
        if after:
            notices.append(Notice("info", f"{'、'.join(after)}在结清之后。已经结清的欠款不应再被催收；如果对方仍在催收，先核对结清证明，再书面提出。"))
    elif end < today:
        notices.append(
            Notice(
                "info",
                "按你填的日期，时效已经届满。这不等于欠款消失：对方仍可以起诉，法院不会主动适用诉讼时效，要由你自己提出（《民法典》第一百九十三条）；"
                "届满后你又同意还款的，就不能再以时效为由拒绝，已经自愿还的钱也不能要回（《民法典》第一百九十二条）。"
                "你填的日期之后如果还有催收或还款，届满日会往后推。有疑问请咨询律师或法律援助机构。",
            )
        )
    result.notices = notices
    notices.append(Notice("info", "依据——" + "；".join(bases) + "。"))
    result.blocks = [Table("诉讼时效：每个事件的作用", ("事件", "日期", "由此算起 3 年届满"), tuple(rows))]
    result.assumptions = (
        "假设：时效为 3 年，起算当日不计入，到 3 年后的对应日为止（没有对应日的为月末日）；最后一日是法定休假日的，"
        "顺延到休假日结束的次日（《民法典》第二百零一条至第二百零三条），本工具没有按节假日顺延。"
        + ("“今天”按你设备上的日期。" if v["today"] is None else f"“今天”按你填的 {chinese(today)}。")
        + "这是按你填的日期推算的，不是法律意见。"
    )
    result.guide = Link("“拖过三年就不用还了”是真的吗", "consequences/myths/")
    result.links = [
        Link("征信记录：记多久、怎样查、怎样纠错", "consequences/credit-record/"),
        Link("催收、起诉与诉讼时效", "consequences/collection-and-court/"),
    ]
    lines = ["【关键日期】", f"到期日：{chinese(due)}。"]
    for label, day, counted, _basis in events:
        lines.append(f"{label}：{chinese(day)}" + ("" if counted or day < due else "（需对方能证明）") + "。")
    if settled is None:
        lines.append(f"诉讼时效：自{start_label} {chinese(start)} 起算，如果此后不再中断，到 {chinese(end)} 届满（《民法典》第一百八十八、一百八十九、一百九十五条）。")
        lines.append("征信不良记录：还清之日起保存 5 年后删除（《征信业管理条例》第十六条）；未还清前不会删除。")
    else:
        lines.append(f"结清日：{chinese(settled)}；征信不良记录预计 {chinese(add_years(settled, CREDIT_YEARS))} 之后删除（《征信业管理条例》第十六条）。")
    result.summary = "\n".join(lines)
    result.data = {
        "limitation_start": start.isoformat(),
        "limitation_end": end.isoformat(),
        "restarted_by": start_label,
        "credit_delete": add_years(settled, CREDIT_YEARS).isoformat() if settled else "",
        "today": today.isoformat(),
    }
    return result


CALCULATOR = Calculator(
    id="timeline",
    title="关键日期",
    depends_on_today=True,
    fields=FIELDS,
    compute=compute,
)

"""协商文书 — letters to a lender (tool 7 of calculators.md).

From the reader's situation (typed here, or handed over by another tool through the URL
fragment) write one of five letters in plain, dignified Chinese: the reader can copy it, print
it or download it as a .txt file.

Kinds and what each rests on (cited only where it applies; checked against legal/articles.json):
- 协商还款申请书: a negotiated change of the contract (《民法典》第五百四十三条); the request to
  reduce penalties by lender kind: private lending — 《民间借贷规定》第二十九条; credit card —
  《银行卡纠纷规定》第二条; otherwise, for penalties and fees — 《民法典》第五百八十五条.
- 信用卡个性化分期申请: 《商业银行信用卡业务监督管理办法》第七十条, known only as reported
  (facts.md §5, S): the letter says "本人了解到" and defers to the bank's copy of the text.
- 欠款明细核实申请: a written breakdown; who holds the debt now (《民法典》第五百四十六条).
- 催收投诉 / 要求停止联系第三人: 《个人信息保护法》第十条, 《民法典》第一百一十一条; the industry
  guideline only as reported; where it goes next: the regulator lines of facts.md §8 (the
  numbers come from calculators/data/channels.json, the one file the guide's pages use too).
- 征信异议申请: 《征信业管理条例》第二十五条 (20 days, written reply), 第十五条 when the reader
  was not told before negative information was reported, 第二十六条 for the next step.

Nothing here computes money: amounts are shown as typed (rounded to the fen by MoneyField).
Empty optional fields become a bracketed blank 【……】 the reader fills in by hand, or the
sentence is left out when it only adds detail. Personal identifiers are private fields: the
browser never writes them into the URL.
"""

import re
import unicodedata
from decimal import Decimal

from calculators.core.fields import (
    BoolField,
    Calculator,
    ChoiceField,
    CountField,
    DateField,
    MoneyField,
    MonthsField,
    TextField,
)
from calculators.core import parsing
from calculators.core.money import to_fen
from calculators.core.result import Document, Figure, Link, Notice, Result
from calculators.core.valueclass import valueclass
from calculators.data import read_json
from calculators.tools import overdue_cost

KINDS = (
    ("repayment", "协商还款申请书"),
    ("card70", "信用卡个性化分期还款申请"),
    ("statement", "欠款明细核实申请"),
    ("complaint", "催收投诉（要求停止联系第三人）"),
    ("credit", "征信异议申请"),
)
KIND_NAMES = dict(KINDS)

# The same lender kinds (and names in the URL) as the 逾期成本 calculator, so its link can
# hand its choice over. Not the unlicensed lender: its contract may be void, and the letters'
# legal bases are written for lawful lenders (overdue-cost explains what is at stake there).
LENDERS = tuple(kind for kind in overdue_cost.LENDERS if kind[0] != "unlicensed")

# facts.md §8 (reported, S): the site's one file of help numbers (hooks/channels.py renders the
# same file into the guide's pages).
CHANNELS = {
    c["key"]: c["number"]
    for c in read_json("channels.json")["channels"]
    if c.get("number")
}

CARD_MAX_MONTHS = 60


def yuan(amount: Decimal) -> str:
    """'32,200.00元': as written in a letter (no space before 元)."""
    return f"{to_fen(amount):,.2f}元"


@valueclass
class Last4Field(TextField):
    """The last four characters of a Chinese ID number: four digits, or three and X."""

    def parse(self, text: str) -> str:
        text = unicodedata.normalize("NFKC", super().parse(text)).upper()
        if text and not re.fullmatch(r"[0-9]{3}[0-9X]", text):
            raise parsing.ParseError("应是身份证号的最后 4 位：4 个数字，或 3 个数字加 X")
        return text

FIELDS = (
    ChoiceField("kind", "文书类型", "repayment", options=KINDS, help="选一种，下面只填和它有关的几栏；没填的地方，文书里会留出【】方便你手写。"),
    TextField("lender_name", "收件方（贷款方全称）", "", max_length=60, example="某某消费金融有限公司", help="以合同或 App 里“关于我们”写的公司全称为准。"),
    ChoiceField("lender", "贷款方类型", "consumer_finance", options=LENDERS, help="决定申请书里引用哪条依据。"),
    TextField("name", "你的姓名", "", max_length=30, private=True, help="只保存在这个页面里，不会写进网址。"),
    Last4Field(
        "id_last4",
        "身份证号后四位",
        "",
        max_length=4,
        private=True,
        example="123X",
        help="只填最后 4 位，例如 123X。不要在聊天软件里发送完整的身份证号；对方需要核验时，按官方流程提供。",
    ),
    TextField("phone", "联系电话", "", max_length=30, private=True),
    TextField("account", "借款合同编号或账号", "", max_length=60, private=True, help="信用卡只写卡号后四位，例如“尾号 1234”。"),
    TextField("address", "通信地址", "", max_length=120, private=True, advanced=True, help="需要对方寄书面答复时才填。"),
    TextField("product", "借款名称", "", max_length=60, example="某某 App 个人消费贷款", help="例如 App 名称和产品名称，或“信用卡”。"),
    DateField("loan_date", "借款日期", "", required=False),
    MoneyField("loan_amount", "借款金额", "", required=False),
    DateField("overdue_since", "开始逾期的日期", "", required=False),
    MoneyField("owed", "目前欠款合计", "", required=False, help="可以用逾期成本或还款方案计算器算出后带过来。"),
    MoneyField("principal", "其中本金", "", required=False, advanced=True),
    MoneyField("interest", "其中利息", "", required=False, minimum=Decimal("0"), advanced=True),
    MoneyField("penalty", "其中罚息", "", required=False, minimum=Decimal("0"), advanced=True),
    MoneyField("fees", "其中违约金等费用", "", required=False, minimum=Decimal("0"), advanced=True),
    TextField(
        "hardship",
        "遇到了什么困难",
        "",
        max_length=1000,
        multiline=True,
        help="发生了什么、从什么时候开始、收入减少了多少。只写事实，一两段就够。",
    ),
    MoneyField("income", "现在每月收入", "", required=False, minimum=Decimal("0")),
    MoneyField("budget", "每月最多能还", "", required=False, help="扣除房租、吃饭、交通等必要开支后，真正拿得出的钱。"),
    MonthsField("months", "希望分几期", "", required=False, example="24、24期 或 2年"),
    MoneyField("monthly", "每期还款", "", required=False),
    TextField("plan", "方案补充说明", "", max_length=300, multiline=True, help="例如“停止计息，每月 15 日还款”。可不填。"),
    BoolField("waive", "请求减免罚息、违约金和费用", "yes"),
    TextField("evidence", "附上的证明材料", "", max_length=500, multiline=True, help="一行写一项，例如：离职证明、病历、银行流水。"),
    TextField(
        "incidents",
        "催收经过（催收投诉用）",
        "",
        max_length=3000,
        multiline=True,
        private=True,
        help="不会写进网址。按时间写：几月几日几点、电话还是短信、对方号码或自称的身份、说了什么。可以在沟通记录里选中几条，一键带过来。",
    ),
    BoolField("third_party", "对方联系过我的家人、同事等第三人（催收投诉用）", "no"),
    TextField("dispute_item", "信用报告上有误的内容（征信异议用）", "", max_length=500, multiline=True),
    TextField("dispute_reason", "实际情况和理由（征信异议用）", "", max_length=1000, multiline=True),
    BoolField("not_informed", "报送逾期记录前没有人通知我（征信异议用）", "no"),
    CountField("reply_days", "请对方在几个工作日内答复", "15", minimum=1, maximum=60, unit="个工作日", units=("个工作日", "工作日", "天", "日"), example="15", advanced=True),
    DateField("date", "落款日期", "", required=False, advanced=True, help="不填则留空，打印后手写。"),
)


def _blank(hint: str) -> str:
    return f"【{hint}】"


def _or(text, hint: str) -> str:
    return text if text else _blank(hint)


def _day(d) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _money(v, hint: str) -> str:
    return yuan(v) if v is not None else _blank(hint)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _header(v: dict, title: str, to_suffix: str = "", applicant: str = "申请人") -> list[str]:
    lines = [title, "", f"致：{_or(v['lender_name'], '贷款方全称')}{to_suffix}", ""]
    lines.append(f"{applicant}：{_or(v['name'], '姓名')}")
    lines.append(f"身份证号后四位：{_or(v['id_last4'], '后四位')}")
    lines.append(f"联系电话：{_or(v['phone'], '电话')}")
    lines.append(f"借款合同编号／账号：{_or(v['account'], '合同编号或账号')}")
    if v["address"]:
        lines.append(f"通信地址：{v['address']}")
    return lines + [""]


def _loan_sentence(v: dict) -> str:
    when = f"于{_day(v['loan_date'])}" if v["loan_date"] else ""
    amount = f"，借款金额{yuan(v['loan_amount'])}" if v["loan_amount"] is not None else ""
    product = f"（{v['product']}）" if v["product"] else ""
    return f"本人{when}在贵方办理了借款{product}{amount}。"


def _debt_sentence(v: dict) -> str:
    parts = []
    if v["overdue_since"]:
        parts.append(f"自{_day(v['overdue_since'])}起，本人未能按期还款。")
    else:
        parts.append("目前本人未能按期还款。")
    parts.append(f"截至目前，欠款合计{_money(v['owed'], '欠款合计')}")
    breakdown = [
        f"{label}{yuan(v[key])}" for key, label in (("principal", "本金"), ("interest", "利息"), ("penalty", "罚息"), ("fees", "违约金等费用")) if v[key] is not None
    ]
    parts.append(f"，其中{'、'.join(breakdown)}。" if breakdown else "。")
    return "".join(parts)


def _hardship(v: dict) -> list[str]:
    lines = _lines(v["hardship"]) or [_blank("写明发生了什么、从什么时候开始、收入减少了多少")]
    money = []
    if v["income"] is not None:
        money.append(f"本人目前每月收入约{yuan(v['income'])}")
    if v["budget"] is not None:
        money.append(f"扣除房租、饮食、交通等必要开支后，每月最多能用于偿还这笔欠款的金额约为{yuan(v['budget'])}")
    if money:
        lines.append("，".join(money) + "。")
    lines.append("本人逾期是因为上述困难，并非不愿还款。")
    return lines


def _plan_sentence(v: dict, max_months: int | None = None) -> str:
    if v["plan"] and not v["months"] and v["monthly"] is None:
        return f"{v['plan'].rstrip('。；;.')}。"  # e.g. a one-off settlement
    months = f"分{v['months']}期偿还" if v["months"] else f"分{_blank('期数')}期偿还"
    monthly = f"，每期{yuan(v['monthly'])}" if v["monthly"] is not None else (f"，每期约{_blank('金额')}元" if not v["months"] else "")
    limit = f"（不超过{max_months}期）" if max_months else ""
    extra = f"；{v['plan'].rstrip('。；;.')}" if v["plan"] else ""
    return f"以目前的欠款金额为准，{months}{limit}{monthly}{extra}。"


def _attachments(v: dict, default_hint: str) -> list[str]:
    items = _lines(v["evidence"])
    if not items:
        return ["附件：", f"1. {_blank(default_hint)}"]
    return ["附件："] + [f"{i}. {item}" for i, item in enumerate(items, start=1)]


def _closing(v: dict, signer: str = "申请人") -> list[str]:
    date = _day(v["date"]) if v["date"] else "　　　　年　　月　　日"
    return ["", f"{signer}（签名）：", f"日期：{date}"]


def _reply(v: dict, days: int | None = None) -> str:
    return f"请贵方在收到本申请后{days or v['reply_days']}个工作日内，通过 App 消息、短信、邮件或信件书面答复本人。"


def _repayment(v: dict) -> list[str]:
    out = _header(v, "协商还款申请书")
    out += ["一、借款和欠款情况", _loan_sentence(v) + _debt_sentence(v), ""]
    out += ["二、困难情况"] + _hardship(v) + [""]
    requests = [_plan_sentence(v)]
    if v["waive"]:
        requests.append("减免已经产生的罚息、违约金及其他费用，并在协商期间停止计收罚息。")
    requests.append("协商期间，请只与本人联系，不要联系本人的家人、同事等第三人。")
    out += ["三、申请事项"] + [f"{i}. {r}" for i, r in enumerate(requests, start=1)] + [""]
    basis = ["本人愿意继续履行还款义务。当事人协商一致，可以变更合同（《民法典》第五百四十三条），恳请贵方根据本人的实际情况调整还款安排。"]
    if v["waive"]:
        if v["lender"] == "private":
            basis.append(
                "出借人既约定了逾期利率，又约定了违约金或者其他费用的，总计超过合同成立时一年期贷款市场报价利率四倍的部分，人民法院不予支持（《民间借贷规定》第二十九条）。"
            )
        elif v["lender"] == "credit_card":
            basis.append("发卡行主张的透支利息、复利、违约金等总额过高的，持卡人可以请求人民法院予以适当减少（《银行卡纠纷规定》第二条）。")
        else:
            basis.append("约定的违约金过分高于造成的损失的，人民法院或者仲裁机构可以根据当事人的请求予以适当减少（《民法典》第五百八十五条）。")
        basis.append("本人希望双方通过协商解决，不必走到诉讼。")
    out += ["四、理由和依据"] + basis + [""]
    out += [
        "五、本人承诺",
        "本人将按双方达成的协议按时还款；收入情况如有变化，会提前告知贵方。本申请所述情况属实。",
        "",
        _reply(v),
        "",
    ]
    return out + _attachments(v, "如离职证明、病历、收入证明，一行一项") + _closing(v)


def _card70(v: dict) -> list[str]:
    out = _header(v, "信用卡个性化分期还款申请书", "（信用卡中心）")
    card = f"（{v['account']}）" if v["account"] else ""
    overdue = f"，自{_day(v['overdue_since'])}起逾期" if v["overdue_since"] else ""
    out += ["一、欠款情况", f"本人名下贵行信用卡{card}目前欠款合计{_money(v['owed'], '欠款合计')}{overdue}。", ""]
    out += ["二、困难情况"] + _hardship(v) + [""]
    requests = [
        "与本人签订个性化分期还款协议：" + _plan_sentence(v, CARD_MAX_MONTHS),
    ]
    if v["waive"]:
        requests.append("分期期间停止计收利息、罚息和违约金，或按贵行可以给予的最低标准计收。")
    requests.append("协议签订后，停止对本人的催收；本人按协议还款期间，请只与本人联系。")
    out += ["三、申请事项"] + [f"{i}. {r}" for i, r in enumerate(requests, start=1)] + [""]
    out += [
        "四、依据",
        "本人了解到，《商业银行信用卡业务监督管理办法》第七十条规定，持卡人欠款超出其还款能力、但仍有还款意愿的，发卡银行可以与持卡人协商，签订个性化分期还款协议，最长期限不超过5年（具体以贵行掌握的规定原文为准）。本人目前正属于“有还款意愿、但还款能力不足”的情形。",
        "",
        "五、本人承诺",
        "本人将按协议按时还款；在协议约定的欠款还清之前，不再申请新的信用卡。本申请所述情况属实。",
        "",
        _reply(v),
        "",
    ]
    return out + _attachments(v, "如收入证明、离职证明、病历，一行一项") + _closing(v)


def _statement(v: dict) -> list[str]:
    out = _header(v, "欠款明细核实申请")
    out += [_loan_sentence(v) + "为核实欠款、商量还款方案，请贵方以书面形式提供以下信息：", ""]
    out += [
        "1. 借款合同（包括利率、费用和违约责任条款）的复印件或电子版；",
        "2. 截至提供之日的欠款明细：剩余本金、利息、罚息、复利、违约金及其他各项费用分别是多少，每一项的计算依据（利率、起算日期、计算方法）；",
        "3. 本人已还款的全部记录：日期、金额，以及每笔还款分别冲抵了哪一项；",
        "4. 这笔债权现在由谁持有：是否已经转让，或者委托了第三方催收；已经转让的，请告知受让方的全称和转让通知的情况；委托催收的，请告知受托机构的全称和联系方式。",
        "",
    ]
    if v["owed"] is not None:
        out += [f"本人目前掌握的欠款合计为{yuan(v['owed'])}，如与贵方的数据不一致，请一并说明差异的来源。", ""]
    out += [
        "债权人转让债权，未通知债务人的，该转让对债务人不发生效力（《民法典》第五百四十六条）。在收到上述说明之前，本人只通过贵方的官方渠道还款，不会向任何个人账户付款。",
        "本人愿意在核实欠款后，与贵方协商还款方案。",
        "",
        _reply(v),
    ]
    return out + _closing(v)


def _complaint(v: dict) -> list[str]:
    out = _header(v, "关于催收行为的投诉及停止联系第三人的要求", "（客户投诉部门）", applicant="投诉人")
    out += [
        "一、基本情况",
        _loan_sentence(v) + "目前本人有逾期欠款，本人愿意还款，并愿意与贵方协商还款方案。",
        "",
        "二、催收经过",
        "近期，贵方或者受贵方委托的催收人员有以下行为：",
    ]
    out += _lines(v["incidents"]) or [_blank("按时间顺序写明：几月几日几点、电话还是短信、对方号码或自称的身份、说了什么")]
    if v["third_party"]:
        out.append("其中，催收人员联系了本人的家人、同事等与借款无关的第三人，并向他们透露了本人的欠款情况。")
    out += [
        "",
        "三、依据",
        "任何组织、个人不得非法收集、使用、加工、传输他人个人信息，不得非法买卖、提供或者公开他人个人信息（《个人信息保护法》第十条）；自然人的个人信息受法律保护（《民法典》第一百一十一条）。",
        "另据公开报道，中国银行业协会2026年1月30日发布的《金融机构个人消费类贷款催收工作指引（试行）》提出：未经债务人同意，不在22:00至次日8:00之间催收；原则上不得联系与债务无关的第三人。这是行业自律规范，请贵方参照执行。",
        "",
        "四、本人的要求",
        "1. 立即停止上述行为，停止联系本人的家人、同事等第三人；",
        "2. 今后只与本人联系，并在合理的时间联系；",
        "3. 核查上述人员是否受贵方委托，说明处理结果。",
        "",
        _reply(v),
        f"如贵方逾期未处理，本人将向监管部门反映：银行、消费金融公司等机构的问题，可拨打国家金融监督管理总局的投诉热线{CHANNELS['nfra']}；"
        f"涉及征信的问题，可拨打中国人民银行的电话{CHANNELS['pboc']}。如遇威胁、恐吓或人身安全受到威胁，本人将直接报警（{CHANNELS['police']}）。",
        "本人保留了通话录音、短信截图等证据。",
        "",
    ]
    return out + _attachments(v, "如通话录音、短信截图、通话记录截图，一行一项") + _closing(v, "投诉人")


def _credit(v: dict) -> list[str]:
    out = _header(v, "征信异议申请", "（或：中国人民银行征信中心）", applicant="异议人")
    out += [
        "一、有异议的信息",
        "本人的个人信用报告中，以下信息存在错误或遗漏：",
    ]
    out += _lines(v["dispute_item"]) or [_blank("写明报告上的哪一条信息、哪家机构报送的、写的是什么")]
    out += ["", "二、实际情况和理由"]
    out += _lines(v["dispute_reason"]) or [_blank("写明实际情况，并列出能证明的材料，例如还款凭证、结清证明")]
    if v["not_informed"]:
        out.append("此外，报送上述不良信息之前，本人没有收到任何告知。信息提供者向征信机构提供个人不良信息，应当事先告知信息主体本人（《征信业管理条例》第十五条）。")
    out += [
        "",
        "三、申请事项",
        "根据《征信业管理条例》第二十五条，请对上述信息作出存在异议的标注，自收到本异议之日起20日内进行核查和处理，确有错误、遗漏的予以更正，并将结果书面答复本人。",
        "",
        "如对处理结果有异议，本人将向中国人民银行所在地分支机构投诉（《征信业管理条例》第二十六条）。",
        "",
    ]
    return out + _attachments(v, "如个人信用报告相关页、还款凭证、结清证明，一行一项") + _closing(v, "异议人")


WRITERS = {"repayment": _repayment, "card70": _card70, "statement": _statement, "complaint": _complaint, "credit": _credit}


def letter_text(v: dict) -> str:
    """The whole letter as plain text (what is shown, copied, printed and downloaded)."""
    lines = WRITERS[v["kind"]](v)
    return "\n".join(lines).strip() + "\n"


def compute(v: dict) -> Result:
    text = letter_text(v)
    title = KIND_NAMES[v["kind"]]
    blanks = text.count("【")
    result = Result()
    result.figures = [
        Figure("文书", title),
        Figure("还要手写补全的地方", f"{blanks} 处" if blanks else "没有", "文中的【】" if blanks else "发送前再通读一遍"),
    ]
    notices = []
    if v["kind"] == "card70" and v["months"] and v["months"] > CARD_MAX_MONTHS:
        notices.append(Notice("warning", f"据报道，个性化分期最长 5 年（{CARD_MAX_MONTHS} 期）。你填的 {v['months']} 期超过了这个期限，银行很可能不会同意。"))
    if v["kind"] == "card70" and v["lender"] != "credit_card":
        notices.append(Notice("info", "个性化分期是信用卡的做法；其他借款请选“协商还款申请书”。"))
    if v["kind"] in ("repayment", "card70") and v["months"] and v["monthly"] is not None and v["owed"] is not None:
        if v["months"] * v["monthly"] < v["owed"]:
            notices.append(Notice("warning", f"{v['months']} 期 × {yuan(v['monthly'])} 少于欠款合计 {yuan(v['owed'])}：请核对期数和每期金额。"))
    if v["budget"] is not None and v["monthly"] is not None and v["monthly"] > v["budget"]:
        notices.append(Notice("warning", "每期还款高于你填的每月最多能还：答应了做不到的方案，下个月就会再次逾期。"))
    notices.append(Notice("info", "发送前请通读全文，删改不符合你情况的句子；只通过贷款方的官方渠道发送，保留发送记录和底稿。"))
    result.notices = notices
    result.blocks = [Document(title, text, f"{title}.txt")]
    result.assumptions = "文书按你填写的内容生成，金额不作计算；引用的条文已与法律原文核对，标明“了解到”“据报道”的内容以官方原文为准。"
    result.guide = Link("书面申请怎么写", "how-to-negotiate/scripts/#letter")
    result.data = {"kind": v["kind"], "blanks": str(blanks), "chars": str(len(text))}
    return result


CALCULATOR = Calculator(
    id="letter",
    title="协商文书",
    fields=FIELDS,
    compute=compute,
)

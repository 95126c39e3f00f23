"""Input fields: declared once per calculator, used for the form, validation and messages.

A field knows its name (the key in the URL fragment and in `run`), its Chinese label, unit,
default text, help text, bounds and an example that works. `Field.read(raw)` returns the
parsed value or raises FieldError with a complete Chinese message naming the field.

`run` talks to every field through three methods, so that a field may own more than one key
of the flat input mapping (a RowsField owns `debts`, `debts.1.balance`, …):
    field.read_from(raw)  -> parsed value, or raises FieldError / FieldErrors
    field.typed(raw)      -> {key: text as typed, defaults filled in} (the "values" output)
    field.accepts(key)    -> whether `key` belongs to this field (run_json keeps only those)

Any field may be `private=True` (name, ID number, phone, account, address): the form marks its
control `data-private autocomplete="off"` and the browser glue never writes it into the URL.
"""

import re
from decimal import Decimal
from typing import Any, Mapping

from calculators.core import parsing
from calculators.core.money import HUNDRED, percent, to_fen, yuan
from calculators.core.valueclass import valueclass


class FieldError(ValueError):
    """A message for one field; `field` is its name so the form can show it in place.

    For a cell of a row group, `field` is the flat key (`debts.2.balance`)."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


class FieldErrors(ValueError):
    """Several messages at once (a row group with more than one bad cell): {key: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(errors.values()))
        self.errors = dict(errors)


@valueclass
class Field:
    """One input of a calculator: its name (the key in `run` and the URL fragment), label, default, help and example; subclasses parse and bound the text people type."""

    name: str
    label: str
    default: str
    help: str = ""
    unit: str = ""
    example: str = ""
    required: bool = True
    # Less common settings go under "更多选项", so that on a phone the result is not
    # pushed far below a long form.
    advanced: bool = False
    # What a phone keyboard should offer. "text" where people type 万 / 年化 / 日息 too.
    inputmode: str = "text"
    # Personal identifiers: never written into the URL fragment by the browser glue.
    private: bool = False
    control = "text"

    def read(self, raw: str | None, key: str | None = None, label: str | None = None) -> Any:
        """Parse one typed text (None: not given, take the default). `key` and `label` name the
        place in messages when the field is a column of a row group."""
        text = (raw if raw is not None else self.default).strip()
        if not text and not self.required:
            return self.empty_value()
        try:
            return self.parse(text)
        except parsing.ParseError as exc:
            raise self.error(str(exc), key=key, label=label) from None

    def empty_value(self) -> Any:
        """What an optional field that was left empty gives to compute()."""
        return None

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def hint(self) -> str:
        return f"可以这样填：{self.example}" if self.example else ""

    def error(self, reason: str, key: str | None = None, label: str | None = None) -> FieldError:
        return FieldError(key or self.name, f"「{label or self.label}」{reason}。{self.hint()}")

    # ---- the field's part of the flat input mapping (see the module docstring) ----

    def read_from(self, raw: Mapping[str, str]) -> Any:
        text = raw.get(self.name)
        return self.read(None if text is None else str(text))

    def typed(self, raw: Mapping[str, str]) -> dict[str, str]:
        return {self.name: str(raw.get(self.name, self.default))}

    def accepts(self, key: str) -> bool:
        return key == self.name


@valueclass
class MoneyField(Field):
    """An amount in 元 (“1.2万”, “¥3000”), rounded to the fen."""

    minimum: Decimal = Decimal("0.01")
    maximum: Decimal = Decimal("100000000")
    unit: str = "元"
    example: str = "12000、1.2万 或 ¥3000"

    def parse(self, text: str) -> Decimal:
        """Rounding rule: an amount is rounded to the fen (0.01 元), half up, as it is read
        (45.725 → 45.73, 10000.004 → 10000.00), so every schedule and total starts from whole
        fen and its rows add up exactly. Bounds are checked on the rounded amount."""
        value = to_fen(parsing.parse_amount(text))
        if value < self.minimum:
            raise parsing.ParseError("不能为 0" if self.minimum > 0 else "不能是负数")
        if value > self.maximum:
            raise parsing.ParseError(f"太大了（最多 {yuan(self.maximum)}）")
        return value

    def hint(self) -> str:
        return super().hint() + "（金额精确到分，更多位小数四舍五入）"


@valueclass
class RateField(Field):
    """An annual rate, however it was written; the value is a parsing.Rate."""

    basis: str = "annual"
    maximum: Decimal = Decimal("20")  # 2000 % a year: far beyond any lawful loan, still computable
    minimum: Decimal = Decimal("0")
    unit: str = "%"
    example: str = "18%、年化18%、月息1.5%、日息万五"

    def parse(self, text: str) -> parsing.Rate:
        rate = parsing.parse_rate(text, self.basis)
        if rate.annual > self.maximum:
            raise parsing.ParseError(f"高得不合常理（换算成年利率超过 {percent(self.maximum)}），请检查是否多写了 0")
        if rate.annual < self.minimum:
            raise parsing.ParseError(f"不能低于 {percent(self.minimum)}")
        return rate


@valueclass
class CountField(Field):
    """A whole number of days (or of another unit), within bounds."""

    minimum: int = 0
    maximum: int = 3650
    units: tuple[str, ...] = ("天", "日")
    inputmode: str = "numeric"

    def parse(self, text: str) -> int:
        value = parsing.parse_count(text, self.units)
        return self._bounded(value)

    def _bounded(self, value: int) -> int:
        if value < self.minimum:
            raise parsing.ParseError(f"不能小于 {self.minimum}")
        if value > self.maximum:
            raise parsing.ParseError(f"不能大于 {self.maximum}")
        return value


@valueclass
class MonthsField(CountField):
    """A number of months or installments (“24期”, “2年”)."""

    minimum: int = 1
    maximum: int = 120
    unit: str = "个月"
    example: str = "12、24期 或 2年"
    inputmode: str = "text"

    def parse(self, text: str) -> int:
        return self._bounded(parsing.parse_months(text))


@valueclass
class DateField(Field):
    """A calendar date in any of the forms people write (“2025年3月15日”, full-width digits)."""

    example: str = "2025-03-15、2025/3/15 或 2025年3月15日"

    def parse(self, text: str):
        return parsing.parse_date(text)


@valueclass
class DateTimeField(Field):
    """A date with an optional time of day: '2025-03-15 14:30', '2025年3月15日 14:30',
    '2025年3月15日下午2点半', '２０２５年３月１５日'. The value is a datetime.datetime when a time
    was given and a datetime.date when not (test with isinstance(v, datetime.datetime));
    `time_required=True` makes the time compulsory."""

    example: str = "2025-03-15 14:30 或 2025年3月15日 14:30"
    time_required: bool = False

    def parse(self, text: str):
        value = parsing.parse_datetime(text)
        if self.time_required and not isinstance(value, parsing.datetime_type):
            raise parsing.ParseError("还缺少时间（几点几分）")
        return value


# Control characters (category Cc) but tab and line feed, and lone surrogates (category Cs).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@valueclass
class TextField(Field):
    """Free text (a name, a note, what a collector said). Optional unless required=True; an
    empty optional field gives "". Control characters are removed, line breaks kept only when
    multiline (a <textarea>); more than max_length characters is an error with a message (the
    browser never cuts text silently). Escaped wherever it is shown, like everything else."""

    default: str = ""
    required: bool = False
    max_length: int = 200
    multiline: bool = False

    @property
    def control(self) -> str:  # type: ignore[override]
        return "textarea" if self.multiline else "text"

    def empty_value(self) -> str:
        return ""

    def parse(self, text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not self.multiline:
            text = re.sub(r"\s+", " ", text)
        text = _CONTROL.sub("", text)
        text = text.strip()
        if not text and self.required:
            raise parsing.ParseError("不能为空")
        if len(text) > self.max_length:
            raise parsing.ParseError(f"太长了：最多 {self.max_length} 个字，现在是 {len(text)} 个字")
        return text


@valueclass
class ChoiceField(Field):
    """One of a fixed list of options (a select); the value is the option’s key."""

    options: tuple[tuple[str, str], ...] = ()
    control = "select"

    def parse(self, text: str) -> str:
        for value, _label in self.options:
            if text == value:
                return value
        raise parsing.ParseError("请从列表中选择一项")


@valueclass
class BoolField(Field):
    """A yes/no choice (a checkbox)."""

    control = "checkbox"

    def parse(self, text: str) -> bool:
        return parsing.parse_bool(text)


@valueclass
class Markup:
    """A penalty rate given relative to the contract rate: '1.5倍' or '上浮50%'."""

    factor: Decimal


@valueclass
class RateOrMarkupField(RateField):
    """Either an absolute rate (日息0.05%) or a markup on another rate (1.5倍, 上浮50%)."""

    example: str = "1.5倍、上浮50%、年化24% 或 日息0.05%"

    def parse(self, text: str) -> "parsing.Rate | Markup":
        factor = parsing.parse_multiplier(text)
        if factor is not None:
            if factor > 10:
                raise parsing.ParseError("倍数太大（最多 10 倍）")
            return Markup(factor)
        return super().parse(text)


@valueclass
class Share:
    """A part of something else, as a fraction (0.05 = 5 %)."""

    fraction: Decimal


@valueclass
class AmountOrShareField(Field):
    """A fixed amount ('50元', '200') or a percentage of a base amount ('5%')."""

    maximum: Decimal = Decimal("100000000")
    example: str = "50元、200 或 5%"

    def parse(self, text: str) -> "Decimal | Share":
        s = parsing.normalize(text)
        if s.endswith("%"):
            value = parsing.parse_amount(s[:-1]) / HUNDRED
            if value > 1:
                raise parsing.ParseError("比例不能超过 100%")
            return Share(value)
        value = to_fen(parsing.parse_amount(s))  # rounded to the fen like MoneyField
        if value > self.maximum:
            raise parsing.ParseError(f"太大了（最多 {yuan(self.maximum)}）")
        return value


@valueclass
class PercentField(Field):
    """A plain percentage between two bounds: '70%', '70' or '7成'."""

    minimum: Decimal = Decimal("0")
    maximum: Decimal = Decimal("1")
    unit: str = "%"
    example: str = "70%"
    inputmode: str = "decimal"

    def parse(self, text: str) -> Decimal:
        s = parsing.normalize(text).removesuffix("%")
        m = re.fullmatch(r"(\d)成", s)
        value = Decimal(m.group(1)) / 10 if m else parsing.parse_amount(s) / HUNDRED
        if value < self.minimum or value > self.maximum:
            raise parsing.ParseError(f"应在 {percent(self.minimum)} 到 {percent(self.maximum)} 之间")
        return value


class Row(dict):
    """One row of a row group as compute() receives it: {column name: parsed value}.

    `number` is the row's number as the reader sees it (blank rows dropped before it still
    count), so compute() can point a message at a cell: FieldError(field.cell_key(row.number,
    "balance"), …)."""

    def __init__(self, *args, number: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.number = number


_ROW_KEY = re.compile(r"([1-9][0-9]{0,5})\.([A-Za-z_][A-Za-z0-9_]*)")
_COUNT = re.compile(r"[0-9]{1,6}")


@valueclass
class RowsField(Field):
    """A group of repeatable rows (debts, payments, income sources), each row one value per
    column field. Flat encoding everywhere (run mapping, form names, URL fragment, JSON):

        debts=2  debts.1.name=花呗  debts.1.balance=5000  debts.2.name=借呗 …  (rows from 1)

    - count key absent: rows = the highest index present; no key of the group at all: the
      default rows; `debts=0`: no rows. A garbled count counts as absent.
    - a missing cell takes its column's default; a row whose every cell is empty or its
      column's default (what a newly added row starts with) is dropped silently;
    - keys that are not `<name>.<n>.<column>` are ignored; rows beyond max_rows are not read
      (an error on the group if anything was typed in them), fewer than min_rows is an error;
    - a cell's error is keyed `debts.2.balance`, its message names 「第2笔 · 余额」;
    - compute() receives a tuple of Row dicts {column: parsed value}, in order.
    """

    default: str = ""  # the count; set from default_rows
    columns: tuple[Field, ...] = ()
    default_rows: tuple[Mapping[str, str], ...] = ()
    min_rows: int = 0
    max_rows: int = 30
    row_label: str = "第{n}行"
    add_label: str = "再加一行"
    control = "rows"

    def __post_init__(self):
        names = [c.name for c in self.columns]
        if not names or len(set(names)) != len(names) or any(not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n) for n in names):
            raise ValueError(f"{self.name}: columns need distinct plain names")
        if any(isinstance(c, RowsField) for c in self.columns):
            raise ValueError(f"{self.name}: a row group cannot contain another")
        if not 0 <= self.min_rows <= self.max_rows <= 200:
            raise ValueError(f"{self.name}: need 0 <= min_rows <= max_rows <= 200")
        for row in self.default_rows:
            unknown = set(row) - set(names)
            if unknown:
                raise ValueError(f"{self.name}: default row names unknown columns {sorted(unknown)}")
        if len(self.default_rows) > self.max_rows:
            raise ValueError(f"{self.name}: more default rows than max_rows")
        if not self.default:
            object.__setattr__(self, "default", str(len(self.default_rows)))

    # ---- names and labels ----

    def cell_key(self, n: int | str, column: str) -> str:
        return f"{self.name}.{n}.{column}"

    def label_of_row(self, n: int | str) -> str:
        return self.row_label.replace("{n}", str(n))

    def cell_label(self, n: int | str, column: Field) -> str:
        return f"{self.label_of_row(n)} · {column.label}"

    def column(self, name: str) -> Field:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def max_message(self) -> str:
        return f"「{self.label}」最多 {self.max_rows} 行。"

    # ---- reading the flat mapping ----

    def rows_text(self, raw: Mapping[str, str]) -> tuple[list[dict[str, str]], bool]:
        """The rows as typed, numbered from 1 (blank ones included), at most max_rows; and
        whether something was typed in a row beyond max_rows."""
        columns = {c.name for c in self.columns}
        prefix = self.name + "."
        cells: dict[tuple[int, str], str] = {}
        beyond: list[int] = []
        highest = 0
        for key, value in raw.items():
            if not isinstance(key, str) or not key.startswith(prefix):
                continue
            m = _ROW_KEY.fullmatch(key[len(prefix):])
            if not m or m.group(2) not in columns:
                continue  # garbage: ignored
            n, text = int(m.group(1)), "" if value is None else str(value)
            if n > self.max_rows:
                if text.strip() and text.strip() != self.column(m.group(2)).default.strip():
                    beyond.append(n)
                continue
            cells[(n, m.group(2))] = text
            highest = max(highest, n)
        count_text = raw.get(self.name)
        count_text = "" if count_text is None else str(count_text).strip()
        count = int(count_text) if _COUNT.fullmatch(count_text) else None
        if count is None and not cells and not beyond:
            rows = [{c.name: str(row.get(c.name, c.default)) for c in self.columns} for row in self.default_rows]
            return rows, False
        total = count if count is not None else max([highest, *beyond])
        overflow = any(n <= total for n in beyond)
        rows = [{c.name: cells.get((n, c.name), c.default) for c in self.columns} for n in range(1, min(total, self.max_rows) + 1)]
        return rows, overflow

    def is_blank(self, row: Mapping[str, str]) -> bool:
        return all(row[c.name].strip() in ("", c.default.strip()) for c in self.columns)

    def read_from(self, raw: Mapping[str, str]) -> tuple[Row, ...]:
        rows, overflow = self.rows_text(raw)
        errors: dict[str, str] = {}
        if overflow:
            errors[self.name] = f"「{self.label}」最多 {self.max_rows} 行，第 {self.max_rows} 行以后的内容没有读入。请合并或删去一些。"
        parsed = []
        for n, row in enumerate(rows, start=1):
            if self.is_blank(row):
                continue
            values = Row(number=n)
            for c in self.columns:
                try:
                    values[c.name] = c.read(row[c.name], key=self.cell_key(n, c.name), label=self.cell_label(n, c))
                except FieldError as exc:
                    errors[exc.field] = exc.message
            parsed.append(values)
        if len(parsed) < self.min_rows and self.name not in errors:
            errors[self.name] = f"「{self.label}」至少要填 {self.min_rows} 行。"
        if errors:
            raise FieldErrors(errors)
        return tuple(parsed)

    def read(self, raw: str | None, key: str | None = None, label: str | None = None) -> Any:
        raise TypeError("a RowsField is read from the whole mapping: use read_from(raw)")

    def typed(self, raw: Mapping[str, str]) -> dict[str, str]:
        rows, _overflow = self.rows_text(raw)
        out = {self.name: str(len(rows))}
        for n, row in enumerate(rows, start=1):
            for column, text in row.items():
                out[self.cell_key(n, column)] = text
        return out

    def accepts(self, key: str) -> bool:
        if key == self.name:
            return True
        if not key.startswith(self.name + "."):
            return False
        # Any well-formed cell key, also beyond max_rows: reading stops at max_rows, and what
        # lies beyond is reported (「…」最多 30 行…) rather than dropped without a word.
        m = _ROW_KEY.fullmatch(key[len(self.name) + 1:])
        return bool(m) and any(c.name == m.group(2) for c in self.columns)

    # ---- the command line: --debts "name=花呗;balance=5000;rate=18%" ----

    def parse_row_spec(self, spec: str) -> dict[str, str]:
        """One row written as `name=花呗;balance=5000` (column names or their Chinese labels,
        `;` or `；` between cells). Raises FieldError naming the group on a bad spec."""
        row = {}
        for part in re.split(r"[;；]", spec):
            if not part.strip():
                continue
            key, sep, value = part.replace("＝", "=").partition("=")
            key = key.strip()
            match = [c for c in self.columns if key in (c.name, c.label)]
            if not sep or not match:
                known = "、".join(f"{c.name}（{c.label}）" for c in self.columns)
                raise FieldError(self.name, f"「{self.label}」这一行写法不对：{part.strip()}。每格写成 列名=值，用分号隔开；列名可用：{known}")
            row[match[0].name] = value.strip()
        return row


@valueclass
class Calculator:
    """One calculator: its fields and the pure computation (which also presents the result)."""

    id: str
    title: str
    fields: tuple[Field, ...]
    compute: Any  # (dict of parsed values) -> result.Result; may raise FieldError
    # A browser-side record store (contact log), declared by the calculator; see PLAN/records.
    store: Any = None
    # True when the result depends on the reader's today (not only on the inputs): the example
    # built into the page is for the build date, so the browser recomputes it once Python is
    # ready, without waiting for the reader to edit.
    depends_on_today: bool = False

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

"""Input fields: declared once per calculator, used for the form, validation and messages.

A field knows its name (the key in the URL fragment and in `run`), its Chinese label, unit,
default text, help text, bounds and an example that works. `Field.read(raw)` returns the
parsed value or raises FieldError with a complete Chinese message naming the field.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from calculators.core import parsing
from calculators.core.money import HUNDRED, percent, yuan


class FieldError(ValueError):
    """A message for one field; `field` is its name so the form can show it in place."""

    def __init__(self, field_name: str, message: str):
        super().__init__(message)
        self.field = field_name
        self.message = message


@dataclass(frozen=True)
class Field:
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
    control = "text"

    def read(self, raw: str | None) -> Any:
        text = (raw if raw is not None else self.default).strip()
        if not text and not self.required:
            return None
        try:
            return self.parse(text)
        except parsing.ParseError as exc:
            raise self.error(str(exc)) from None

    def parse(self, text: str) -> Any:
        raise NotImplementedError

    def error(self, reason: str) -> FieldError:
        hint = f"可以这样填：{self.example}" if self.example else ""
        return FieldError(self.name, f"「{self.label}」{reason}。{hint}")


@dataclass(frozen=True)
class MoneyField(Field):
    minimum: Decimal = Decimal("0.01")
    maximum: Decimal = Decimal("100000000")
    unit: str = "元"
    example: str = "12000、1.2万 或 ¥3000"

    def parse(self, text: str) -> Decimal:
        value = parsing.parse_amount(text)
        if value < self.minimum:
            raise parsing.ParseError("不能为 0" if self.minimum > 0 else "不能是负数")
        if value > self.maximum:
            raise parsing.ParseError(f"太大了（最多 {yuan(self.maximum)}）")
        return value


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class CountField(Field):
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


@dataclass(frozen=True)
class MonthsField(CountField):
    minimum: int = 1
    maximum: int = 120
    unit: str = "个月"
    example: str = "12、24期 或 2年"
    inputmode: str = "text"

    def parse(self, text: str) -> int:
        return self._bounded(parsing.parse_months(text))


@dataclass(frozen=True)
class DateField(Field):
    example: str = "2025-03-15、2025/3/15 或 2025年3月15日"

    def parse(self, text: str):
        return parsing.parse_date(text)


@dataclass(frozen=True)
class ChoiceField(Field):
    options: tuple[tuple[str, str], ...] = ()
    control = "select"

    def parse(self, text: str) -> str:
        for value, _label in self.options:
            if text == value:
                return value
        raise parsing.ParseError("请从列表中选择一项")


@dataclass(frozen=True)
class BoolField(Field):
    control = "checkbox"

    def parse(self, text: str) -> bool:
        return parsing.parse_bool(text)


@dataclass(frozen=True)
class Markup:
    """A penalty rate given relative to the contract rate: '1.5倍' or '上浮50%'."""

    factor: Decimal


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Share:
    """A part of something else, as a fraction (0.05 = 5 %)."""

    fraction: Decimal


@dataclass(frozen=True)
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
        value = parsing.parse_amount(s)
        if value > self.maximum:
            raise parsing.ParseError(f"太大了（最多 {yuan(self.maximum)}）")
        return value


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Calculator:
    """One calculator: its fields and the pure computation (which also presents the result)."""

    id: str
    title: str
    fields: tuple[Field, ...]
    compute: Any  # (dict of parsed values) -> result.Result; may raise FieldError

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

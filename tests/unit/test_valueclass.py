"""calculators/core/valueclass.py behaves as dataclasses does for what the calculators use of it:
each case builds the same classes both ways and compares them."""

import dataclasses

import pytest

from calculators.core.valueclass import factory, replace, valueclass


def hierarchy(decorate, default_list):
    """A base with required fields and defaults, a subclass that adds fields and overrides a
    default, one with a mutable default and __post_init__, and a mutable class."""

    @decorate(frozen=True)
    class Base:
        """Docstring of its own."""

        name: str
        label: str
        unit: str = ""
        required: bool = True
        control = "text"  # not annotated: a class attribute, not a field

        def shout(self):
            return self.name.upper()

    @decorate(frozen=True)
    class Money(Base):
        """A subclass."""

        minimum: int = 1
        unit: str = "元"

    @decorate(frozen=True)
    class Rows(Base):
        """With a factory and a check after __init__."""

        rows: list = default_list()

        def __post_init__(self):
            if self.name == "bad":
                raise ValueError("bad name")
            object.__setattr__(self, "label", self.label.strip())

    @decorate(frozen=False)
    class Result:
        """Mutable."""

        figures: list = default_list()
        summary: str = ""

    return Base, Money, Rows, Result


DATACLASSES = hierarchy(dataclasses.dataclass, lambda: dataclasses.field(default_factory=list))
VALUECLASSES = hierarchy(lambda frozen: valueclass(frozen=frozen), lambda: factory(list))


def behaviour(classes):
    Base, Money, Rows, Result = classes
    out = {}
    m = Money("amount", "金额", minimum=5)
    out["fields"] = [f for f in vars(m)]
    out["values"] = vars(m)
    out["repr"] = repr(m).split(".")[-1]
    out["positional"] = vars(Money("a", "b", "万", False, 7))
    out["eq"] = (m == Money("amount", "金额", minimum=5), m == Money("amount", "金额"), m == Base("amount", "金额", "元"))
    out["hash"] = hash(m) == hash(Money("amount", "金额", minimum=5))
    out["method"] = (m.shout(), m.control, Money.control)
    r1, r2 = Rows("x", " 标签 "), Rows("y", "z")
    r1.rows.append(1)
    out["factory"] = (r1.rows, r2.rows, "rows" in vars(Rows))
    out["post_init"] = r1.label
    wrong = (
        lambda: Rows("bad", "l"),  # refused by __post_init__
        lambda: Money("a"),  # a required field missing
        lambda: Money("a", "b", label="c"),  # given twice
        lambda: Money("a", "b", colour=1),  # not a field
        lambda: Money(*"abcdefg"),  # too many
    )
    for make in wrong:
        with pytest.raises(Exception) as caught:
            make()
        out.setdefault("errors", []).append(type(caught.value).__name__)
    for change in (lambda: setattr(m, "name", "n"), lambda: delattr(m, "name"), lambda: setattr(m, "other", 1)):
        with pytest.raises(dataclasses.FrozenInstanceError):
            change()
    res = Result()
    res.summary = "changed"
    res.figures.append("f")
    out["mutable"] = (vars(res), Result() == Result(), Result.__hash__)
    return out


def test_value_classes_behave_as_dataclasses():
    assert behaviour(VALUECLASSES) == behaviour(DATACLASSES)


def test_replace_gives_a_changed_copy_and_checks_it_again():
    for replacing, (_, Money, Rows, _) in ((dataclasses.replace, DATACLASSES), (replace, VALUECLASSES)):
        m = Money("amount", "金额")
        changed = replacing(m, minimum=9)
        assert (changed.minimum, changed.unit, m.minimum) == (9, "元", 1)
        with pytest.raises(ValueError):
            replacing(Rows("x", "l"), name="bad")


def test_a_field_without_a_default_after_one_with_a_default_is_refused():
    with pytest.raises(TypeError):

        @valueclass
        class Wrong:
            a: int = 1
            b: int

    with pytest.raises(TypeError):

        @dataclasses.dataclass
        class AlsoWrong:
            a: int = 1
            b: int

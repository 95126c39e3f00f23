"""The field kinds of the shared design (PLAN.md): row groups, private fields, free text,
date-time. Exercised through `calculators.run`, the form and the command line, with the two
sample calculators of field_samples.py."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest

from calculators import api, render_form, run
from calculators.__main__ import main as cli
from calculators.core.fields import FieldErrors, Row, RowsField, TextField
from calculators.core.parsing import ParseError, parse_datetime
from field_samples import DEBTS

pytestmark = pytest.mark.usefixtures("samples")


def rows(**raw):
    return run("sample-rows", {k.replace("__", "."): v for k, v in raw.items()})


def flat(*row_dicts, count=True):
    out = {"debts": str(len(row_dicts))} if count else {}
    for n, row in enumerate(row_dicts, start=1):
        out.update({f"debts.{n}.{k}": v for k, v in row.items()})
    return out


# ---- row groups: reading the flat mapping --------------------------------------------------


def test_no_key_of_the_group_gives_the_default_rows():
    outcome = run("sample-rows", {})
    assert outcome["ok"], outcome
    assert outcome["data"]["total"] == "13000.00"
    values = outcome["values"]
    assert values["debts"] == "2"
    assert values["debts.1.name"] == "花呗" and values["debts.2.rate"] == "日息万五"
    assert values["debts.1.minimum"] == "0"  # a missing cell takes its column's default
    assert values["budget"] == "1000"


def test_parsed_value_is_a_tuple_of_row_dicts_in_order():
    parsed = DEBTS.read_from(flat({"name": "A", "balance": "1万"}, {"name": "B", "balance": "200", "rate": "月息1%", "card": "yes"}))
    assert isinstance(parsed, tuple) and len(parsed) == 2
    assert all(isinstance(r, Row) for r in parsed)
    assert parsed[0] == {
        "name": "A", "balance": Decimal("10000.00"), "rate": None, "minimum": Decimal("0.00"),
        "days_overdue": 0, "kind": "consumer_finance", "card": False,
    }
    assert parsed[1]["rate"].annual == Decimal("0.12") and parsed[1]["card"] is True
    assert [r.number for r in parsed] == [1, 2]


def test_without_a_count_the_rows_are_the_highest_index():
    outcome = run("sample-rows", {"debts.3.name": "C", "debts.3.balance": "300"})
    assert outcome["ok"], outcome
    assert outcome["values"]["debts"] == "3"
    assert outcome["data"]["numbers"] == "3"  # rows 1 and 2 are blank (column defaults) and dropped


def test_count_zero_means_no_rows():
    outcome = run("sample-rows", {"debts": "0", "debts.1.balance": "5000"})
    assert outcome["errors"] == {"debts": "「你的债务」至少要填 1 行。"}
    assert outcome["values"]["debts"] == "0"


def test_the_count_wins_over_stray_cells_beyond_it():
    outcome = run("sample-rows", {**flat({"name": "A", "balance": "100"}), "debts.2.balance": "999"})
    assert outcome["ok"] and outcome["data"]["total"] == "100.00"


def test_blank_rows_are_dropped_and_numbers_stay_as_typed():
    raw = flat({"name": "A", "balance": "100"}, {"name": "  ", "balance": ""}, {"name": "坏", "balance": "300"})
    outcome = run("sample-rows", raw)
    assert outcome["errors"] == {"debts.3.name": "「名称」不能叫“坏”。"}  # compute() points at row 3
    raw["debts.3.name"] = "C"
    outcome = run("sample-rows", raw)
    assert outcome["data"]["numbers"] == "1,3"
    assert outcome["values"]["debts"] == "3" and outcome["values"]["debts.2.name"] == "  "  # the form keeps what was typed


def test_a_row_at_its_column_defaults_is_blank():
    # What a newly added row starts with (the template): selects and zeroes at their defaults.
    raw = flat({"name": "A", "balance": "100"}, {c.name: c.default for c in DEBTS.columns})
    assert run("sample-rows", raw)["data"]["rows"] == "1"


def test_a_cell_error_is_keyed_by_the_cell_and_names_row_and_column():
    outcome = run("sample-rows", flat({"name": "A", "balance": "100"}, {"name": "B", "balance": "abc", "rate": "-5%"}))
    assert set(outcome["errors"]) == {"debts.2.balance", "debts.2.rate"}
    assert outcome["errors"]["debts.2.balance"].startswith("「第2笔 · 余额」不是有效的数字。可以这样填：")
    assert outcome["errors"]["debts.2.rate"].startswith("「第2笔 · 年利率」")


def test_more_rows_than_the_maximum_is_an_error_on_the_group():
    raw = flat(*({"name": f"D{n}", "balance": "100"} for n in range(1, 7)))  # max_rows = 5
    outcome = run("sample-rows", raw)
    assert outcome["errors"] == {"debts": "「你的债务」最多 5 行，第 5 行以后的内容没有读入。请合并或删去一些。"}
    assert outcome["values"]["debts"] == "5"
    assert "debts.6.name" not in outcome["values"]


@pytest.mark.parametrize(
    "raw",
    [
        {"debts": "999999999999", "debts.1.balance": "100"},
        {"debts": "1000000"},
        {"debts.999999.balance": ""},
        {"debts": "-3", "debts.1.balance": "100"},
        {"debts": "abc", "debts.1.balance": "100"},
    ],
)
def test_untrusted_row_numbers_are_capped(raw):
    outcome = run("sample-rows", raw)
    assert int(outcome["values"]["debts"]) <= DEBTS.max_rows
    assert len(outcome["values"]) <= 2 + DEBTS.max_rows * len(DEBTS.columns)


def test_a_huge_row_number_with_content_is_reported_not_read():
    outcome = run("sample-rows", {"debts.1.balance": "100", "debts.999999.balance": "5"})
    assert "最多 5 行" in outcome["errors"]["debts"]
    assert outcome["values"]["debts"] == "5"


@pytest.mark.parametrize(
    "key",
    ["debts.x.balance", "debts.1.nosuch", "debts.01.balance", "debts.1", "debts..balance", "debts.1.balance.x", "debts.0.balance",
     "debts.-1.balance", "debts.1.__proto__", "debtsX.1.balance", "debts.１.balance"],
)
def test_garbage_keys_are_ignored(key):
    outcome = run("sample-rows", {"debts.1.name": "A", "debts.1.balance": "100", key: "77"})
    assert outcome["ok"], outcome
    assert outcome["data"]["total"] == "100.00"
    assert key not in outcome["values"]


def test_values_are_the_flat_form_of_every_cell():
    outcome = run("sample-rows", flat({"name": "A", "balance": "100"}))
    assert outcome["values"] == {
        "debts": "1", "debts.1.name": "A", "debts.1.balance": "100", "debts.1.rate": "", "debts.1.minimum": "0",
        "debts.1.days_overdue": "0", "debts.1.kind": "consumer_finance", "debts.1.card": "no", "budget": "1000",
    }


def test_read_from_raises_all_cell_errors_at_once():
    with pytest.raises(FieldErrors) as caught:
        DEBTS.read_from(flat({"balance": "x"}, {"balance": "y"}))
    assert set(caught.value.errors) == {"debts.1.balance", "debts.2.balance"}


def test_declaration_mistakes_are_caught_at_import():
    with pytest.raises(ValueError):
        RowsField("x", "X", columns=(TextField("a.b", "A"),))
    with pytest.raises(ValueError):
        RowsField("x", "X", columns=(TextField("a", "A"),), default_rows=({"zz": "1"},))


# ---- row groups: the form (the HTML contract of PLAN.md) -----------------------------------


def test_row_group_html_contract():
    html = render_form("sample-rows")
    m = re.search(r'<fieldset class="calc-rows"([^>]*)><legend>你的债务</legend>', html)
    assert m
    attrs = m.group(1)
    for attr in ('data-rows="debts"', 'data-min-rows="1"', 'data-max-rows="5"', 'data-row-label="第{n}笔"', 'data-msg-max="「你的债务」最多 5 行。"'):
        assert attr in attrs
    assert '<input type="hidden" name="debts" value="2">' in html
    assert '<ol class="calc-rows__list"><li class="calc-row" data-row="1"><fieldset><legend>第1笔</legend>' in html
    assert 'name="debts.1.balance"' in html and 'id="calc-sample-rows-debts-1-balance"' in html
    assert 'data-error-for="debts.2.balance"' in html and 'for="calc-sample-rows-debts-2-kind"' in html
    assert '<button type="button" class="md-button" data-row-remove>删除第2笔</button></fieldset></li></ol>' in html
    assert '<button type="button" class="md-button" data-row-add>再加一笔</button>' in html
    assert re.search(r'<p class="calc-error" id="calc-sample-rows-debts-error" data-error-for="debts" role="alert" hidden></p></fieldset>', html)
    assert 'value="花呗"' in html and 'value="日息万五"' in html


def test_row_template_has_the_marker_wherever_the_number_goes():
    html = render_form("sample-rows")
    template = re.search(r"<template data-row-template>(.*?)</template>", html).group(1)
    assert template.startswith('<li class="calc-row" data-row="__n__"><fieldset><legend>第__n__笔</legend>')
    # The template is row n exactly, with __n__ for n (a row at its column defaults: blank).
    one_blank_row = render_form("sample-rows", {"debts": "1"})
    row1 = re.search(r'<li class="calc-row" data-row="1">.*?</li>', one_blank_row).group(0)
    assert template.replace("__n__", "1") == row1
    assert 'name="debts.__n__.balance"' in template and 'id="calc-sample-rows-debts-__n__-balance"' in template
    assert 'data-error-for="debts.__n__.name"' in template and "删除第__n__笔" in template
    # cells start at their column defaults, so an untouched new row is blank and dropped
    assert 'name="debts.__n__.name" value=""' in template and 'name="debts.__n__.minimum" value="0"' in template


def test_cell_errors_are_shown_in_place():
    raw = flat({"name": "A", "balance": "abc"})
    html = api.render_form("sample-rows", raw)
    assert re.search(r'data-error-for="debts\.1\.balance">「第1笔 · 余额」不是有效的数字', html)
    assert re.search(r'name="debts\.1\.balance" value="abc"[^>]*aria-invalid="true"', html)
    assert '<input type="hidden" name="debts" value="1">' in html


def test_what_a_reader_typed_in_a_cell_is_escaped():
    html = api.render_form("sample-rows", flat({"name": '"><script>alert(1)</script>', "balance": "1"}))
    assert "<script" not in html and "&lt;script&gt;" in html


# ---- row groups: the command line ----------------------------------------------------------


def test_command_line_flat_cells(capsys):
    assert cli(["sample-rows", "--debts.1.name", "A", "--debts.1.balance", "5000", "--debts.2.balance=300", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["data"]["total"] == "5300.00" and out["values"]["debts"] == "2"


def test_command_line_one_option_per_row(capsys):
    argv = ["sample-rows", "--debts", "name=花呗;balance=5000;rate=18%", "--debts", "名称=借呗；余额=1.2万", "--json"]
    assert cli(argv) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["data"]["total"] == "17000.00"
    assert out["values"]["debts.2.name"] == "借呗"


def test_command_line_rows_and_cells_together(capsys):
    assert cli(["sample-rows", "--debts", "name=A;balance=100", "--debts.1.balance", "250", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["data"]["total"] == "250.00"


def test_command_line_bad_row_spec_and_bad_cell(capsys):
    assert cli(["sample-rows", "--debts", "nosuch=1"]) == 2
    assert "「你的债务」这一行写法不对" in capsys.readouterr().err
    assert cli(["sample-rows", "--debts.1.nosuch", "1"]) == 2
    assert "没有这一格" in capsys.readouterr().err
    assert cli(["sample-rows", "--debts", "name=A;balance=x"]) == 1
    assert "「第1笔 · 余额」" in capsys.readouterr().err


def test_command_line_help_documents_the_row_syntax(capsys):
    with pytest.raises(SystemExit):
        cli(["sample-rows", "--help"])
    out = capsys.readouterr().out
    assert "--debts" in out and "name=…;balance=…" in out


# ---- private fields ------------------------------------------------------------------------


def test_private_controls_are_marked_and_never_autocompleted():
    html = render_form("sample-letter")
    assert re.search(r'<input type="text" id="calc-sample-letter-name" name="name"[^>]*autocomplete="off"[^>]*data-private', html)
    assert re.search(r'<select id="calc-sample-letter-kind" name="kind"[^>]*data-private autocomplete="off"', html)
    assert re.search(r'<input type="checkbox" id="calc-sample-letter-agree" name="agree"[^>]*data-private autocomplete="off"', html)
    assert not re.search(r'name="note"[^>]*data-private', html)  # not private
    assert html.count("data-private") == 3


def test_private_value_still_reaches_compute():
    outcome = run("sample-letter", {"name": "张三"})
    assert outcome["ok"] and "张三" in outcome["summary"]


# ---- TextField -----------------------------------------------------------------------------


def test_text_is_optional_cleaned_and_limited():
    assert run("sample-letter", {})["summary"] == "\n"  # empty optional text gives ""
    outcome = run("sample-letter", {"name": "  张\x00三\u200b  ", "note": "第一行\r\n第二行\x07"})
    assert outcome["summary"] == "张三\u200b\n第一行\n第二行"
    outcome = run("sample-letter", {"name": "张" * 21})
    assert outcome["errors"] == {"name": "「姓名」太长了：最多 20 个字，现在是 21 个字。"}


def test_single_line_text_has_no_line_breaks():
    outcome = run("sample-letter", {"name": "张\n三"})
    assert outcome["summary"].split("\n")[0] == "张 三"


def test_multiline_text_is_a_textarea_and_escaped():
    html = render_form("sample-letter", {"note": "</textarea><script>x</script>"})
    assert re.search(r'<textarea id="calc-sample-letter-note" name="note" rows="4"[^>]*>&lt;/textarea&gt;&lt;script&gt;x&lt;/script&gt;</textarea>', html)
    assert "maxlength" not in html  # the browser must never cut text silently; Python says so


def test_required_text_must_not_be_empty():
    field = TextField("who", "对方", "", required=True)
    with pytest.raises(Exception, match="「对方」不能为空"):
        field.read("   ")


# ---- DateTimeField -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2025-03-15 14:30", dt.datetime(2025, 3, 15, 14, 30)),
        ("2025年3月15日 14:30", dt.datetime(2025, 3, 15, 14, 30)),
        ("2025年3月15日14时30分", dt.datetime(2025, 3, 15, 14, 30)),
        ("2025年3月15日下午2点半", dt.datetime(2025, 3, 15, 14, 30)),
        ("2025/3/15 9:05", dt.datetime(2025, 3, 15, 9, 5)),
        ("2025-03-15T14:30:05", dt.datetime(2025, 3, 15, 14, 30, 5)),
        ("２０２５年３月１５日 １４：３０", dt.datetime(2025, 3, 15, 14, 30)),
        ("２０２５年３月１５日", dt.date(2025, 3, 15)),
        ("2025-03-15", dt.date(2025, 3, 15)),
        ("20250315", dt.date(2025, 3, 15)),
    ],
)
def test_date_times(text, expected):
    value = parse_datetime(text)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("text", ["", "昨天", "2025-02-30 10:00", "2025-03-15 24:00", "2025-03-15 14:60", "2025-03-15 14", "2025-3-514:30"])
def test_bad_date_times(text):
    with pytest.raises(ParseError):
        parse_datetime(text)


def test_date_time_field_through_run():
    assert run("sample-letter", {"when": "2025年3月15日 14:30"})["data"] == {"timed": "yes", "when": "2025-03-15T14:30:00", "note_length": "0"}
    assert run("sample-letter", {"when": "2025年3月15日"})["data"]["timed"] == "no"
    error = run("sample-letter", {"when": "2025-02-30"})["errors"]["when"]
    assert error.startswith("「时间」没有这一天。可以这样填：2025-03-15 14:30")

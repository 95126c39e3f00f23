"""关键日期: dates worked by hand, messages, and monotonicity."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run

TODAY = "2026-11-29"


def ok(**inputs):
    inputs.setdefault("today", TODAY)
    outcome = run("timeline", inputs)
    assert outcome["ok"], outcome.get("errors")
    return outcome


def test_no_interruption_runs_three_years_from_the_due_date():
    """Due 2024-03-15, nothing since: the day itself is not counted, the period ends on the
    corresponding day three years later, 2027-03-15 (《民法典》第二百零一、二百零二条)."""
    data = ok(due_date="2024-03-15", last_payment="", last_demand="")["data"]
    assert (data["limitation_start"], data["limitation_end"], data["restarted_by"]) == ("2024-03-15", "2027-03-15", "到期日")


def test_29_february_ends_on_28_february():
    data = ok(due_date="2020-02-29", last_payment="", last_demand="", today="2026-01-01")["data"]
    assert data["limitation_end"] == "2023-02-28"


def test_latest_counted_event_restarts_the_period():
    """Payment 2024-05-20 and a text message 2025-01-10: the message is later, so the period
    runs from it to 2028-01-10."""
    data = ok(due_date="2024年3月15日", last_payment="2024/5/20", last_demand="2025-01-10", demand_kind="message")["data"]
    assert (data["limitation_start"], data["limitation_end"]) == ("2025-01-10", "2028-01-10")
    assert data["restarted_by"].startswith("最后一次催收")


def test_unprovable_phone_call_does_not_restart_but_is_explained():
    outcome = ok(due_date="2024-03-15", last_payment="2024-05-20", last_demand="2025-01-10", demand_kind="call_unproved")
    assert outcome["data"]["limitation_end"] == "2027-05-20"
    assert "2028年1月10日" in outcome["html"]  # what it would be if the creditor proves the call
    outcome = ok(due_date="2024-03-15", last_payment="2024-05-20", last_demand="2025-01-10", demand_kind="call_proved")
    assert outcome["data"]["limitation_end"] == "2028-01-10"


def test_acknowledgement_counts_and_events_before_the_due_date_do_not():
    data = ok(due_date="2024-03-15", last_payment="2023-12-01", last_acknowledgement="2025-06-30", last_demand="")["data"]
    assert data["limitation_end"] == "2028-06-30"
    data = ok(due_date="2024-03-15", last_payment="2023-12-01", last_demand="")["data"]
    assert data["limitation_end"] == "2027-03-15"


def test_credit_record_five_years_from_settlement():
    """Settled 2025-02-01 → deleted after 2030-02-01 (《征信业管理条例》第十六条)."""
    outcome = ok(settled="2025-02-01")
    assert outcome["data"]["credit_delete"] == "2030-02-01"
    assert "《征信业管理条例》第十六条" in outcome["html"]


def test_unpaid_debt_is_not_deleted_and_no_waiting_it_out():
    html = ok()["html"]
    assert "没还清时不会删除" in html
    assert "不要把“拖过三年”当作出路" in html
    assert "《民法典》第一百九十五条" in html


def test_messages_for_impossible_input():
    errors = run("timeline", {"due_date": "2027-01-01", "today": TODAY})["errors"]
    assert "将来的日期" in errors["due_date"]
    errors = run("timeline", {"settled": "2024-01-01", "today": TODAY})["errors"]
    assert "早于到期日" in errors["settled"]
    errors = run("timeline", {"due_date": "2025年2月30日", "today": TODAY})["errors"]
    assert "没有这一天" in errors["due_date"]
    errors = run("timeline", {"settled": "2024-05-01", "last_payment": "2024-06-01", "today": TODAY})["errors"]
    assert "晚于结清日期" in errors["last_payment"]


def test_empty_today_is_the_date_of_the_device_running_it():
    assert run("timeline", {})["data"]["today"] == dt.date.today().isoformat()


DAYS = st.integers(min_value=0, max_value=3000)
BASE = dt.date(2015, 1, 1)
NOW = dt.date(2026, 11, 29)


def _day(n):
    return (BASE + dt.timedelta(days=n)).isoformat()


@settings(max_examples=150, deadline=None)
@given(due=DAYS, pay=DAYS, demand=DAYS, settled=DAYS, shift=st.integers(min_value=1, max_value=400),
       which=st.sampled_from(["due_date", "last_payment", "last_demand", "settled"]))
def test_dates_move_monotonically_with_their_inputs(due, pay, demand, settled, shift, which):
    """Property: moving any one input later never moves the limitation end or the deletion
    date earlier."""
    inputs = {"due_date": _day(due), "last_payment": _day(pay), "last_demand": _day(demand),
              "settled": _day(max(due, pay, settled)), "today": NOW.isoformat()}
    later = dict(inputs, **{which: (dt.date.fromisoformat(inputs[which]) + dt.timedelta(days=shift)).isoformat()})
    a, b = run("timeline", inputs), run("timeline", later)
    assert a["ok"], a["errors"]
    if not b["ok"]:
        return  # the shift made the order impossible; that is a message, checked elsewhere
    for key in ("limitation_end", "credit_delete"):
        assert b["data"][key] >= a["data"][key]

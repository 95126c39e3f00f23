"""The stored records' export and import (docs/assets/js/calc/records-format.mjs), run under Node
with hypothesis-generated entries: the code the browser runs, not a Python copy of it.

- JSON export → import into an empty log gives back exactly the same entries (identity);
- CSV export → import keeps every field of every entry (cells, id, created, updated), and no
  cell reaches a spreadsheet starting with = + - @ (neutralised with a leading ');
- import validates every row and reports the rejected ones with the reason;
- importing what is already there adds nothing (no duplicates).
"""

import json
import shutil
import string
import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import get_calculator
from calculators.core.records import MESSAGES, _kind

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "unit" / "records_format_run.mjs"
NODE = shutil.which("node")

CALC = get_calculator("contact-log")
STORE = CALC.store
COLUMNS = [
    {
        "name": c.name,
        "kind": _kind(c),
        "label": c.label,
        "required": c.required,
        "maxLength": getattr(c, "max_length", 0),
        "default": c.default,
        "options": [list(o) for o in getattr(c, "options", ())],
    }
    for c in CALC.field(STORE.rows).columns
]
NOW = "2026-11-29T12:00:00.000Z"


def js(*calls):
    done = subprocess.run([NODE, str(RUNNER)], input=json.dumps({"calls": list(calls)}), capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def import_text(text):
    opts = {"store": STORE.key, "version": STORE.version, "migrations": [], "columns": COLUMNS, "messages": MESSAGES}
    return js(["parseImport", text, opts])[0]


# ---- entries as the editor saves them (already normalised) ---------------------------------

awkward = st.sampled_from(list("=+-@'\",;\t\n 中文一二三〇　\\/<>&") + ["=1+2", "@SUM(A1)", "-1", "+86 138", '""', "\u00a0", "😀", "\r\n"])
chars = st.one_of(st.characters(blacklist_categories=("Cs", "Cc")), st.sampled_from(list(string.printable)), awkward)


def single_line(s):
    return " ".join(s.split())


def multi_line(s):
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    return s.strip()


@st.composite
def entries(draw, max_size=8):
    out = []
    for i in range(draw(st.integers(min_value=0, max_value=max_size))):
        cells = {}
        for c in COLUMNS:
            if c["kind"] == "datetime":
                day = draw(st.dates(min_value=__import__("datetime").date(2000, 1, 1), max_value=__import__("datetime").date(2099, 12, 31)))
                hm = draw(st.one_of(st.none(), st.tuples(st.integers(0, 23), st.integers(0, 59))))
                cells[c["name"]] = day.isoformat() + (f" {hm[0]:02d}:{hm[1]:02d}" if hm else "")
            elif c["kind"] == "choice":
                cells[c["name"]] = draw(st.sampled_from([v for v, _ in c["options"]]))
            else:
                raw = "".join(draw(st.lists(chars, max_size=12)))[: c["maxLength"]]
                cells[c["name"]] = multi_line(raw) if c["kind"] == "multiline" else single_line(raw)
        # JS counts characters as code points, like Python's len.
        out.append({"v": STORE.version, "id": f"id-{i}", "created": NOW, "updated": NOW, "rev": draw(st.integers(1, 5)), "cells": cells})
    # the same content twice would be merged into one on import: keep entries distinct
    seen, distinct = set(), []
    for e in out:
        key = json.dumps(e["cells"], sort_keys=True)
        if key not in seen:
            seen.add(key)
            distinct.append(e)
    return distinct


# Node starts once per batch: each example checks a dozen logs at once.
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(entries(), min_size=1, max_size=12))
def test_export_import_round_trips_and_merges_without_duplicates(logs):
    texts = js(*[c for log in logs for c in (["toJson", STORE.key, STORE.version, log, COLUMNS, NOW], ["toCsv", COLUMNS, log])])
    opts = {"store": STORE.key, "version": STORE.version, "migrations": [], "columns": COLUMNS, "messages": MESSAGES}
    parsed = js(*[["parseImport", t, opts] for t in texts], *[["parseCsv", t] for t in texts[1::2]])
    imports, csv_rows = parsed[: len(texts)], parsed[len(texts):]
    plans = js(*[c for i, log in enumerate(logs) for c in (
        ["mergePlan", COLUMNS, [], imports[2 * i]["entries"], NOW],  # JSON into an empty log
        ["mergePlan", COLUMNS, log, imports[2 * i]["entries"], NOW],  # JSON into the same log
        ["mergePlan", COLUMNS, log, imports[2 * i + 1]["entries"], NOW],  # CSV into the same log
    )])
    for i, log in enumerate(logs):
        json_import, csv_import = imports[2 * i], imports[2 * i + 1]
        assert json_import["rejected"] == [] and csv_import["rejected"] == []
        # JSON: identity
        fresh, again, again_csv = plans[3 * i: 3 * i + 3]
        assert sorted(fresh["add"], key=lambda e: e["id"]) == sorted(log, key=lambda e: e["id"])
        # nothing already there is added twice
        assert again == {"add": [], "skipped": len(log)} and again_csv == {"add": [], "skipped": len(log)}
        # CSV: BOM, CRLF, every field back, no cell a spreadsheet would run as a formula
        assert texts[2 * i + 1].startswith("\ufeff")
        for row in csv_rows[i][1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
        back = {e["entry"]["id"]: e["entry"] for e in csv_import["entries"]}
        assert set(back) == {e["id"] for e in log}
        for e in log:
            got = back[e["id"]]
            assert got["cells"] == e["cells"]
            assert (got["created"], got["updated"]) == (e["created"], e["updated"])


def test_rejected_rows_are_reported_with_their_reason():
    csv = (
        "时间,方式,对方是谁,对方说了什么\r\n"
        "2025-03-15 14:30,电话,某催收,辱骂\r\n"
        "昨天晚上,电话,某催收,没有日期\r\n"
        "2025-02-30 10:00,短信,某催收,没有这一天\r\n"
        "2025-03-16 09:00,飞鸽传书,某催收,方式不对\r\n"
        f"2025-03-17 09:00,电话,{'长' * 101},太长\r\n"
        ",电话,某催收,没有时间\r\n"
    )
    parsed = import_text(csv)
    assert [e["row"] for e in parsed["entries"]] == [2]
    reasons = {r["row"]: r["reason"] for r in parsed["rejected"]}
    assert set(reasons) == {3, 4, 5, 6, 7}
    assert "「时间」" in reasons[3] and "2025-03-15 14:30" in reasons[3]
    assert "「方式」" in reasons[5]
    assert "最多 100 个字" in reasons[6]
    assert "请填写「时间」" in reasons[7]


def test_a_file_of_another_kind_or_a_newer_version_is_refused_whole():
    assert import_text("这不是一个记录文件")["error"] == MESSAGES["import-bad-file"]
    assert "另一种记录" in import_text(json.dumps({"format": "calc-records", "store": "other", "version": 1, "entries": []}))["error"]
    assert "更新版本" in import_text(json.dumps({"format": "calc-records", "store": STORE.key, "version": STORE.version + 1, "entries": []}))["error"]


def test_dates_people_type_are_normalised_as_python_reads_them():
    from calculators.core import parsing

    typed = ["2025-03-15 14:30", "2025/3/15 9:05", "2025年3月15日 14:30", "２０２５－０３－１５ １４：３０", "2025-03-15T14:30", "2025-03-15", "2025年3月15日14点"]
    got = js(*[["normaliseDateTime", t] for t in typed])
    assert got == ["2025-03-15 14:30", "2025-03-15 09:05", "2025-03-15 14:30", "2025-03-15 14:30", "2025-03-15 14:30", "2025-03-15", "2025-03-15 14:00"]
    for text in got:
        parsing.parse_datetime(text)  # what the browser stores, Python reads
    assert js(["normaliseDateTime", "2025-02-30 10:00"], ["normaliseDateTime", "2025-03-15 24:00"], ["normaliseDateTime", "明天"]) == ["", "", ""]


def test_older_entries_are_migrated_by_the_declared_renames():
    old = {"v": 1, "id": "a", "created": NOW, "updated": NOW, "rev": 1, "cells": {"text": "原话"}}
    got = js(["migrate", old, 2, [[2, {"text": "said"}]]])[0]
    assert got["v"] == 2 and got["cells"] == {"said": "原话"}
    read = js(["readEntry", json.dumps(old), "a", 2, [[2, {"text": "said"}]]], ["readEntry", "{not json", "a", 1, []], ["readEntry", json.dumps({**old, "v": 3}), "a", 2, []])
    assert read[0]["entry"]["cells"] == {"said": "原话"}
    assert read[1] == {"problem": "corrupt"} and read[2] == {"problem": "newer"}

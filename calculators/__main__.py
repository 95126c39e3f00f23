"""Command line: python -m calculators <id> --field value … prints the plain-text summary.

    python -m calculators repayment-plan --principal 10000 --rate 12% --months 12
    python -m calculators --list

A row group (e.g. `debts`) takes either flat cells or one option per row (repeatable):

    python -m calculators several-debts --debts.1.name 花呗 --debts.1.balance 5000 …
    python -m calculators several-debts --debts "name=花呗;balance=5000;rate=18%" --debts "name=借呗;balance=8000"

In a row option the cells are `column=value` separated by `;` (or `；`), the column named by
its name or its Chinese label. Rows given as options are numbered 1, 2, … in order; flat
`--debts.N.column` cells set or override cells of row N. `--debts 0` means no rows.
"""

import argparse
import json
import re
import sys

from calculators.api import all_calculators, get_calculator, run
from calculators.core.fields import FieldError, RowsField


def _split_cells(calc, argv: list[str]) -> tuple[list[str], dict[str, str], list[str]]:
    """Take `--group.N.column value` / `--group.N.column=value` out of argv (argparse cannot
    declare options whose names are not known in advance)."""
    groups = [f for f in calc.fields if isinstance(f, RowsField)]
    rest, cells, problems = [], {}, []
    i = 0
    while i < len(argv):
        token = argv[i]
        m = re.fullmatch(r"--([^=\s]+\.[0-9]+\.[^=\s]+)(?:=(.*))?", token, flags=re.S)
        if m and any(g.accepts(m.group(1)) or m.group(1).startswith(g.name + ".") for g in groups):
            key = m.group(1)
            if m.group(2) is not None:
                value = m.group(2)
            elif i + 1 < len(argv):
                i += 1
                value = argv[i]
            else:
                problems.append(f"{token} 后面缺少值")
                break
            if any(g.accepts(key) for g in groups):
                cells[key] = value
            else:
                problems.append(f"没有这一格：{token}（行号 1 到上限，列名见 --help）")
        else:
            rest.append(token)
        i += 1
    return rest, cells, problems


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] in ("--list", "-l"):
        for calc in all_calculators().values():
            print(f"{calc.id}\t{calc.title}")
        return 0
    calc_id, rest = argv[0], argv[1:]
    try:
        calc = get_calculator(calc_id)
    except KeyError as exc:
        print(exc.args[0], file=sys.stderr)
        return 2
    rest, cells, problems = _split_cells(calc, rest)
    if problems:
        for p in problems:
            print(p, file=sys.stderr)
        return 2
    parser = argparse.ArgumentParser(prog=f"python -m calculators {calc_id}", description=calc.title)
    for f in calc.fields:
        if isinstance(f, RowsField):
            columns = ";".join(f"{c.name}=…" for c in f.columns)
            names = "、".join(f"{c.name}（{c.label}）" for c in f.columns)
            parser.add_argument(
                f"--{f.name}",
                action="append",
                metavar='"' + columns + '"',
                help=f"{f.label}：每行一个选项，可重复（最多 {f.max_rows} 行），或用 --{f.name}.1.{f.columns[0].name} 值 逐格填写；"
                f"--{f.name} 0 表示没有。列：{names}。默认 {len(f.default_rows)} 行示例。",
            )
        else:
            parser.add_argument(f"--{f.name}", help=f"{f.label}（默认 {f.default or '空'}）")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(rest)
    raw: dict[str, str] = {}
    for f in calc.fields:
        given = getattr(args, f.name)
        if given is None:
            continue
        if not isinstance(f, RowsField):
            raw[f.name] = given
            continue
        rows = []
        for spec in given:
            if re.fullmatch(r"\s*[0-9]+\s*", spec):
                raw[f.name] = spec.strip()  # a row count
                continue
            try:
                rows.append(f.parse_row_spec(spec))
            except FieldError as exc:
                print(exc.message, file=sys.stderr)
                return 2
        for n, row in enumerate(rows, start=1):
            for column, value in row.items():
                raw[f.cell_key(n, column)] = value
        if rows and f.name not in raw:
            raw[f.name] = str(max([len(rows), *(int(k.split(".")[1]) for k in cells if k.startswith(f.name + "."))]))
    raw.update(cells)
    outcome = run(calc_id, raw)
    if args.json:
        print(json.dumps(outcome, ensure_ascii=False, indent=2))
    elif outcome["ok"]:
        print(outcome["summary"])
    else:
        for message in outcome["errors"].values():
            print(message, file=sys.stderr)
        return 1
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

"""Command line: python -m calculators <id> --field value … prints the plain-text summary.

    python -m calculators repayment-plan --principal 10000 --rate 12% --months 12
    python -m calculators --list
"""

import argparse
import json
import sys

from calculators.api import all_calculators, get_calculator, run


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
    parser = argparse.ArgumentParser(prog=f"python -m calculators {calc_id}", description=calc.title)
    for f in calc.fields:
        parser.add_argument(f"--{f.name}", help=f"{f.label}（默认 {f.default or '空'}）")
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args(rest)
    raw = {f.name: getattr(args, f.name) for f in calc.fields if getattr(args, f.name) is not None}
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

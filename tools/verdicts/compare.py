#!/usr/bin/env python3
"""Compares two verdict captures of tools/verdicts/capture.sh (BEFORE and AFTER folders of rounds).

A case of a target is stable in BEFORE when every round gave it the same verdict, level and clause. Every stable
case must have that verdict, level and clause in every round of AFTER, unless DECLARED (a file of lines
"TARGET CASE-ID reason…", '#' comments) names it. Cases present on one side only are listed too. Exits 1 when
anything undeclared changed, 2 on bad input.

  tools/verdicts/compare.py BEFORE AFTER [--declared FILE] [--exclude TARGET ...]
"""
import argparse
import json
import pathlib
import sys


def load(folder: pathlib.Path) -> dict[str, list[dict[str, tuple[str, str, str]]]]:
    """target -> one {case id -> (verdict, level, clause)} per round."""
    rounds = sorted(p for p in folder.iterdir() if p.is_dir())
    if not rounds:
        sys.exit(f"error: {folder} holds no round folders")
    targets: dict[str, list[dict[str, tuple[str, str, str]]]] = {}
    for round_dir in rounds:
        for file in sorted(round_dir.glob("*.json")):
            try:
                cases = json.loads(file.read_text(encoding="utf-8"))["cases"]
            except (OSError, ValueError, KeyError) as e:
                sys.exit(f"error: {file}: {e}")
            targets.setdefault(file.stem, []).append({c["id"]: (c["verdict"], c["level"], c["clause"]) for c in cases})
    return targets


def read_declared(path: str | None) -> dict[tuple[str, str], str]:
    declared: dict[tuple[str, str], str] = {}
    if path is None:
        return declared
    for number, line in enumerate(pathlib.Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(None, 2)
        if len(parts) < 3:
            sys.exit(f"error: {path}:{number}: expected 'TARGET CASE-ID reason'")
        declared[(parts[0], parts[1])] = parts[2]
    return declared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--declared")
    parser.add_argument("--exclude", nargs="*", default=[])
    args = parser.parse_args()
    before, after = load(pathlib.Path(args.before)), load(pathlib.Path(args.after))
    declared = read_declared(args.declared)
    used: set[tuple[str, str]] = set()
    compared = stable = unstable = 0
    problems: list[str] = []
    notes: list[str] = []
    for target in sorted(set(before) | set(after)):
        if target in args.exclude:
            notes.append(f"{target}: excluded")
            continue
        if target not in after or target not in before:
            problems.append(f"{target}: only in {'BEFORE' if target in before else 'AFTER'}")
            continue
        ids = set().union(*before[target]) | set().union(*after[target])
        for case in sorted(ids):
            seen = [r.get(case) for r in before[target]]
            now = [r.get(case) for r in after[target]]
            compared += 1
            if len(set(seen)) > 1:
                unstable += 1
                continue
            stable += 1
            if all(v == seen[0] for v in now):
                continue
            key = (target, case)
            change = f"{target} {case}: {describe(seen[0])} -> {', '.join(sorted({describe(v) for v in now}))}"
            if key in declared:
                used.add(key)
                notes.append(f"declared: {change} ({declared[key]})")
            else:
                problems.append(change)
    for key in sorted(set(declared) - used):
        notes.append(f"declared but unchanged: {key[0]} {key[1]}")
    print(f"{len(before)} targets, {compared} target-cases: {stable} stable in every round before, {unstable} not; "
          f"{len(problems)} undeclared changes")
    for line in notes + problems:
        print("  " + line)
    return 1 if problems else 0


def describe(value: tuple[str, str, str] | None) -> str:
    return "absent" if value is None else "/".join(value)


if __name__ == "__main__":
    sys.exit(main())

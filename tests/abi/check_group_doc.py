#!/usr/bin/env python3
"""docs/host.md's table of capability groups must say what the list says.

  check_group_doc.py syscalls/preview1.functions docs/host.md

Every group row of the "Capability groups" table must list exactly the
functions syscalls/preview1.functions puts in that group, in the list's
order, and every group of the list must have a row. With --print, prints the
rows the list gives (to paste into the doc).
"""
import re
import sys


def groups_of_list(path):
    groups = {}
    with open(path) as f:
        for line in f:
            fields = line.split("#", 1)[0].split()
            if fields:
                groups.setdefault(fields[1], []).append(fields[0])
    return groups


def rows_of_doc(path):
    with open(path) as f:
        text = f.read()
    section = text.split("### Capability groups", 1)[1].split("\n#", 1)[0]
    rows = {}
    for m in re.finditer(r"^\| `([\w-]+)` \| (.*) \|$", section, re.M):
        rows[m.group(1)] = re.findall(r"`(\w+)`", m.group(2))
    return rows


def main():
    args = [a for a in sys.argv[1:] if a != "--print"]
    listed = groups_of_list(args[0])
    if "--print" in sys.argv:
        for group, functions in listed.items():
            print("| `%s` | %s |" % (group, ", ".join("`%s`" % f for f in functions)))
        return 0
    documented = rows_of_doc(args[1])
    problems = []
    for group, functions in listed.items():
        if group not in documented:
            problems.append("%s: no row in %s" % (group, args[1]))
        elif documented[group] != functions:
            problems.append("%s: the doc says %s, the list %s" % (group, documented[group], functions))
    for group in sorted(set(documented) - set(listed)):
        problems.append("%s: a row for a group the list does not have" % group)
    for p in problems:
        print(p)
    print("%d groups, %d functions checked" % (len(listed), sum(map(len, listed.values()))))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

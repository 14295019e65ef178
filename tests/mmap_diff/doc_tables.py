"""Tables docs/mmap.md takes from the test scripts: each sits between two
marker comments naming the command that writes it, and a test checks the
page still holds exactly what the command writes (figures in docs come from
the scripts, never from memory)."""


def markers(command):
    return ("<!-- %s: begin -->" % command, "<!-- %s: end -->" % command)


def check(path, command, table):
    """0 when the doc at `path` holds `table` between the markers of
    `command`; else prints what it should hold and returns 1."""
    begin, end = markers(command)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if begin not in text or end not in text:
        print("%s has no table between the markers %s and %s" % (path, begin, end))
        return 1
    have = text.split(begin, 1)[1].split(end, 1)[0].strip() + "\n"
    if have != table:
        print("the table in %s differs from what `%s` writes, which is:\n%s" % (path, command, table))
        return 1
    print("%s holds the table `%s` writes" % (path, command))
    return 0

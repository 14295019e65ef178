"""What the generator knows about a scenario's state: files, descriptors,
streams and mappings, page by page, and which bytes a program may look at
without leaving behaviour Linux defines (gen.py's docstring says why)."""

PAGE = 4096
PROT_NONE, PROT_READ, PROT_WRITE = 0, 1, 2
PROT_NAMES = {0: "PROT_NONE", 1: "PROT_READ", 3: "PROT_READ|PROT_WRITE"}


class Page:
    __slots__ = ("valid", "prot", "touched", "unstable", "dead_epoch")

    def __init__(self, prot):
        self.valid = True
        self.prot = prot
        self.touched = False   # private: stored to (copied on write)
        self.unstable = False  # private, untouched: the file changed under it
        self.dead_epoch = None  # unmapped in this address epoch


class Mapping:
    def __init__(self, slot, kind, file, off_pages, npages, prot, fd_writable):
        self.slot = slot
        self.kind = kind  # 'anon', 'sanon', 'priv', 'shared'
        self.file = file
        self.off_pages = off_pages
        self.pages = [Page(prot) for _ in range(npages)]
        self.intact = True  # one mapping, never partly replaced: mremap is safe
        self.fd_writable = fd_writable
        # Shared mappings of a file range another shared mapping holds are
        # one memory in mmap-emu (an alias) as on Linux: stores through one
        # show through the other at once. Mappings of one group share it.
        self.group = slot
        self.grouped = False  # ever in a group of two or more

    @property
    def var(self):
        return "m[%d]" % self.slot


class File:
    def __init__(self, name):
        self.names = [name]  # hard links add names, rename replaces one
        self.size = 0
        # Byte ranges stored through a shared mapping past the end of file:
        # Linux's content there depends on the filesystem and on write-back
        # timing, so they are never read, and the file never grows over them
        # but by a write (which zeroes its hole on both systems).
        self.taint = []

    @property
    def name(self):
        return self.names[0]

    def tainted(self, lo, hi):
        return any(a < hi and lo < b for a, b in self.taint)

    def untaint(self, lo, hi):
        out = []
        for a, b in self.taint:
            if a < lo:
                out.append((a, min(b, lo)))
            if b > hi:
                out.append((max(a, hi), b))
        self.taint = [(a, b) for a, b in out if a < b]


class Description:
    """An open file description: what dup'ed descriptors share (the offset
    and the status flags)."""

    def __init__(self, append):
        self.append = append
        self.pos = 0


class Fd:
    def __init__(self, slot, file, readable, writable, append=False, desc=None):
        self.slot = slot
        self.file = file
        self.readable = readable
        self.writable = writable
        self.desc = desc if desc is not None else Description(append)
        self.open = True

    @property
    def append(self):
        return self.desc.append

    @append.setter
    def append(self, on):
        self.desc.append = on

    @property
    def pos(self):
        return self.desc.pos

    @pos.setter
    def pos(self, at):
        self.desc.pos = at

    @property
    def var(self):
        return "fd[%d]" % self.slot


class Stream:
    """A stdio stream; only used through stdio (and fileno() for mmap), and
    every access seeks first, so its position never has to be modelled."""

    def __init__(self, slot, file, readable, writable):
        self.slot = slot
        self.file = file
        self.readable = readable
        self.writable = writable
        self.open = True

    @property
    def var(self):
        return "st[%d]" % self.slot

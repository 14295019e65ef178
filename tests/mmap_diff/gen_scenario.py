"""A scenario of a generated program: the model of its state (gen_model.py)
and the steps on mappings; gen_io.py adds the steps on files."""
from gen_io import IoSteps
from gen_model import PAGE, PROT_NAMES, PROT_READ, PROT_WRITE, File, Mapping, Page


class Scenario(IoSteps):
    MAX_MAPS = 12
    MAX_FDS = 6
    MAX_STREAMS = 3

    def __init__(self, rng, prog, number, mode, steps):
        self.rng = rng
        self.prog = prog
        self.n = number
        self.mode = mode
        self.restricted = mode.restricted
        self.steps = steps
        self.lines = []
        self.step_no = 0
        self.files = [File("f%d_%d.bin" % (prog, number))]
        if rng.random() < 0.3:
            self.files.append(File("f%d_%d_b.bin" % (prog, number)))
        self.fds = []
        self.streams = []
        self.maps = []
        self.epoch = 0
        self.names_made = 0
        # (file, file page) -> [(group, lo, hi)]: bytes a shared mapping
        # stored that mappings of other groups of that page do not show yet
        # (two copies in wasm memory; they appear at the next mmap-emu or shim
        # I/O call). Stores of other mappings to other bytes of the page are
        # fine: they are merged byte by byte.
        self.pending = {}

    # --- helpers -------------------------------------------------------
    def tag(self, what):
        self.step_no += 1
        return '"%d.%d %s"' % (self.n, self.step_no, what)

    MMAN_CALLS = ("mmap(", "munmap(", "msync(", "mprotect(", "madvise(", "mremap(")
    IO_CALLS = ("do_pwrite(", "do_write(", "read(", "ftruncate(", "close(")

    def emit(self, line, sync=None):
        """sync: 'io' when the line is certainly a call that reaches a shim
        hook, None to tell from the line (mmap-emu calls, the classic I/O
        helpers), False when it is no point where stores become visible."""
        self.lines.append("  " + line)
        # Every mmap-emu call, and every shim I/O call, shows pending stores.
        if sync is False:
            return
        if sync == "io":
            self.io_sync_point()
        elif any(c in line for c in self.MMAN_CALLS):
            self.sync_point()
        elif any(c in line for c in self.IO_CALLS):
            self.io_sync_point()

    def live_maps(self):
        return [m for m in self.maps if any(p.valid for p in m.pages)]

    def shared_maps_of(self, f):
        return [m for m in self.live_maps() if m.kind == "shared" and m.file is f]

    def maps_of(self, f):
        return [m for m in self.live_maps() if m.file is f]

    def open_fds(self, f=None, writable=None):
        return [d for d in self.fds if d.open and (f is None or d.file is f)
                and (writable is None or d.writable == writable)]

    def pages_in_file(self, f):
        return (f.size + PAGE - 1) // PAGE

    def file_changed(self, f, lo, hi):
        """Bytes [lo, hi) of f changed: private pages not yet copied lose
        their defined content (POSIX leaves it unspecified)."""
        if hi <= lo:
            return
        for m in self.maps:
            if m.kind != "priv" or m.file is not f:
                continue
            for i, p in enumerate(m.pages):
                fp = m.off_pages + i
                if fp * PAGE < hi and lo < (fp + 1) * PAGE and not p.touched:
                    p.unstable = True

    def filled_from_file(self, m, first, last):
        """Private pages [first, last) of m were just filled from the file. A
        page whose bytes past the end of file were stored through a shared
        mapping (tainted) has no defined content: Linux shows the page
        cache's tail, which write-back zeroes on ext4 and tmpfs keeps, so it
        is never loaded (mmap-emu shows the stores, as an unwritten page
        cache does)."""
        if m.kind != "priv":
            return
        for i in range(first, last):
            fo = (m.off_pages + i) * PAGE
            m.pages[i].unstable = m.file.tainted(fo, fo + PAGE)

    def file_resized(self, f, new):
        """f's size became `new` by ftruncate, truncate, O_TRUNC or fallocate
        (growth over tainted bytes is never generated)."""
        old = f.size
        if new < old:
            self.file_changed(f, new, old)
            # Linux drops private pages past the new end, copied or not.
            keep = (new + PAGE - 1) // PAGE
            for m in self.maps:
                if m.kind == "priv" and m.file is f:
                    for i, p in enumerate(m.pages):
                        if m.off_pages + i >= keep:
                            p.touched = False
                            p.unstable = True
            # The page cut at the new end reads zero past it on both systems.
            f.taint = []
        else:
            f.untaint(old, new)
        f.size = new

    def file_written(self, f, off, n):
        """n bytes written at off (the hole before them, if any, reads zero on
        both systems afterwards)."""
        self.file_changed(f, min(off, f.size), off + n)
        f.untaint(min(off, f.size), off + n)
        f.size = max(f.size, off + n)

    def loadable(self, m, i):
        p = m.pages[i]
        if not p.valid or not (p.prot & PROT_READ):
            return False
        if m.kind in ("anon", "sanon"):
            return True
        fp = m.off_pages + i
        if m.kind == "shared":
            return fp < self.pages_in_file(m.file)
        if p.unstable:
            return False
        return p.touched or fp < self.pages_in_file(m.file)

    def storable_range(self, m, i):
        """Byte range of page i that may be stored to, or None. For the last
        page of a shared file mapping that may include bytes past the end of
        file (which become tainted)."""
        p = m.pages[i]
        if not p.valid or not (p.prot & PROT_WRITE):
            return None
        if m.kind in ("anon", "sanon"):
            return (0, PAGE)
        fp = m.off_pages + i
        if m.kind == "shared":
            end = min(PAGE, m.file.size - fp * PAGE)
            if end <= 0:
                return None
            return (0, PAGE) if end < PAGE and self.rng.random() < 0.3 else (0, end)
        if fp < self.pages_in_file(m.file) or p.touched:
            return (0, PAGE) if not p.unstable or p.touched else None
        return None

    def safe_page(self, m, i):
        """Whether page i's address may be named: mapped, or unmapped since
        the last call that could hand addresses out again, and not memory a
        mapping of its group still shows (unmapping it again would take that
        mapping's page: mmap-emu cannot tell two names of one page apart)."""
        p = m.pages[i]
        if p.valid:
            return True
        return p.dead_epoch == self.epoch and not self.possibly_aliased(m, i, i + 1)

    def pick_run(self, valid_share=1.0):
        """A live mapping and a run [a, b) of its pages, or None when there is
        none to pick. With valid_share < 1, that share of the runs are of
        valid pages only; the others may include unmapped ones."""
        maps = self.live_maps()
        if not maps:
            return None
        m = self.rng.choice(maps)
        run = self.random_run(m, need_valid=True if valid_share >= 1.0 else self.rng.random() < valid_share)
        return (m, *run) if run else None

    def random_run(self, m, need_valid=True):
        idx = [i for i in range(len(m.pages))
               if (m.pages[i].valid if need_valid else self.safe_page(m, i))]
        if not idx:
            return None
        a = self.rng.choice(idx)
        b = a
        while b + 1 < len(m.pages) and (m.pages[b + 1].valid if need_valid else self.safe_page(m, b + 1)) \
                and self.rng.random() < 0.6:
            b += 1
        return a, b + 1

    def new_epoch(self):
        self.epoch += 1

    def sync_point(self):
        self.pending.clear()

    def io_sync_point(self):
        # File I/O reaches mmap-emu's hooks only through libc-shim.
        if not self.restricted:
            self.pending.clear()

    def hidden_from(self, m, lo, hi):
        """Whether bytes [lo, hi) of mapping m may lack, or clash with,
        another mapping's stores not yet made visible."""
        if m.kind != "shared":
            return False
        for i in range(lo // PAGE, (hi - 1) // PAGE + 1):
            a, b = max(lo, i * PAGE) - i * PAGE, min(hi, (i + 1) * PAGE) - i * PAGE
            for group, plo, phi in self.pending.get((id(m.file), m.off_pages + i), ()):
                if group != m.group and plo < b and a < phi:
                    return True
        return False

    def note_store(self, m, i, lo, hi):
        """A store to bytes [lo, hi) of page i of m (offsets in the page)."""
        if m.kind == "priv":
            m.pages[i].touched = True
        if m.kind != "shared":
            return
        self.pending.setdefault((id(m.file), m.off_pages + i), []).append((m.group, lo, hi))
        fo = (m.off_pages + i) * PAGE
        f = m.file
        if fo + hi > f.size:
            f.taint.append((max(fo + lo, f.size), fo + hi))
        # Past the end of file too: Linux's untouched private pages show the
        # page cache page, stores past the end included.
        self.file_changed(f, fo + lo, fo + hi)

    def group_for(self, f, off_pages, npages, prot):
        """The group of the existing shared mapping of f that holds file
        pages [off_pages, off_pages + npages) with protection `prot`, when
        it is the only mapping showing any of those pages (mmap-emu then
        makes the new mapping an alias of it; with more candidates it may
        pick another, so the generator assumes nothing); else None."""
        showing = []
        for m in self.shared_maps_of(f):
            if any(0 <= off_pages + k - m.off_pages < len(m.pages)
                   and m.pages[off_pages + k - m.off_pages].valid for k in range(npages)):
                showing.append(m)
        groups = set(m.group for m in showing)
        if len(groups) != 1:
            return None
        for m in showing:
            lo = off_pages - m.off_pages
            if lo >= 0 and lo + npages <= len(m.pages) and \
                    all(m.pages[lo + k].valid and m.pages[lo + k].prot == prot for k in range(npages)):
                return m.group
        return None

    def possibly_aliased(self, m, a, b):
        """Whether pages [a, b) of shared mapping m may be memory another
        live shared mapping shows too (mmap-emu makes a mapping nested in
        another one an alias of it, also where the generator cannot tell:
        mappings merged as Linux merges VMAs). Such pages are not unmapped
        twice, replaced with MAP_FIXED or given another protection: on one
        memory mmap-emu cannot tell the two names apart (docs/mmap.md)."""
        if m.kind != "shared":
            return False
        for o in self.shared_maps_of(m.file):
            if o is m:
                continue
            for i in range(a, b):
                j = m.off_pages + i - o.off_pages
                if 0 <= j < len(o.pages) and o.pages[j].valid:
                    return True
        return False

    # --- steps on mappings ---------------------------------------------
    def step_mmap_file(self):
        rng = self.rng
        if len(self.maps) >= self.MAX_MAPS:
            return False
        cands = [("fd", d) for d in self.open_fds() if d.readable] + \
                [("stream", s) for s in self.streams if s.open and s.readable]
        if not cands:
            return False
        how, d = rng.choice(cands)
        f = d.file
        kind = "shared" if rng.random() < 0.65 else "priv"
        npages = rng.randint(1, 4)
        off_pages = rng.randint(0, 3)
        prot = rng.choice([PROT_READ | PROT_WRITE] * 3 + [PROT_READ])
        flags = "MAP_SHARED" if kind == "shared" else "MAP_PRIVATE"
        if kind == "shared" and rng.random() < 0.15:
            flags = "MAP_SHARED_VALIDATE"
        # Now and then a range an existing shared mapping holds (SQLite's
        # and LMDB's re-maps): an alias in mmap-emu.
        nested = [m for m in self.shared_maps_of(f) if all(p.valid for p in m.pages)]
        if kind == "shared" and nested and rng.random() < 0.4:
            outer = rng.choice(nested)
            npages = rng.randint(1, len(outer.pages))
            off_pages = outer.off_pages + rng.randint(0, len(outer.pages) - npages)
            prot = outer.pages[0].prot if rng.random() < 0.7 else PROT_READ
        length = npages * PAGE - rng.choice([0, 0, 0, 1, 1000])
        err = rng.random()
        off_expr = str(off_pages * PAGE)
        expect_fail = False
        if err < 0.05:
            off_expr = str(off_pages * PAGE + 100)  # EINVAL: unaligned offset
            expect_fail = True
        elif err < 0.08:
            length = 0
            expect_fail = True
        elif err < 0.10:
            flags = "0"
            expect_fail = True
        writable = d.writable  # O_APPEND does not matter, on Linux as in mmap-emu
        if kind == "shared" and (prot & PROT_WRITE) and not writable:
            expect_fail = True  # EACCES
        slot = len(self.maps)
        tag = self.tag("mmap %s %s len %d off %s%s" % (flags, PROT_NAMES[prot], length, off_expr,
                                                     " via stream" if how == "stream" else ""))
        fd_expr = "fileno(%s)" % d.var if how == "stream" else d.var
        self.emit('m[%d] = map_res(%s, mmap(NULL, %d, %s, %s, %s, %s));'
                  % (slot, tag, length, PROT_NAMES[prot], flags, fd_expr, off_expr))
        group = self.group_for(f, off_pages, npages, prot) if kind == "shared" else None
        self.new_epoch()
        if expect_fail:
            return True
        m = Mapping(slot, kind, f, off_pages, npages, prot, writable)
        self.filled_from_file(m, 0, npages)
        if group is not None:
            m.group = group
            m.grouped = True
            for o in self.maps:
                if o.group == group:
                    o.grouped = True
        self.maps.append(m)
        return True

    def step_mmap_anon(self):
        if len(self.maps) >= self.MAX_MAPS:
            return False
        kind = "anon" if self.rng.random() < 0.7 else "sanon"
        npages = self.rng.randint(1, 5)
        flags = "MAP_PRIVATE|MAP_ANONYMOUS" if kind == "anon" else "MAP_SHARED|MAP_ANONYMOUS"
        slot = len(self.maps)
        self.emit('m[%d] = map_res(%s, mmap(NULL, %d, PROT_READ|PROT_WRITE, %s, -1, 0));'
                  % (slot, self.tag("mmap anon %s %d" % (kind, npages)), npages * PAGE, flags))
        self.new_epoch()
        self.maps.append(Mapping(slot, kind, None, 0, npages, PROT_READ | PROT_WRITE, True))
        return True

    def step_load(self):
        rng = self.rng
        opts = [(m, i) for m in self.maps for i in range(len(m.pages)) if self.loadable(m, i)]
        if not opts:
            return False
        m, i = rng.choice(opts)
        j = i + 1
        while j < len(m.pages) and self.loadable(m, j) and rng.random() < 0.5:
            j += 1
        lo = i * PAGE + rng.randint(0, PAGE - 1)
        hi = rng.randint(lo + 1, j * PAGE)
        if self.hidden_from(m, lo, hi):
            return False
        if m.kind == "shared":
            fo = m.off_pages * PAGE
            if m.file.tainted(fo + lo, fo + hi):
                return False
        self.emit('load(%s, %s, %d, %d);' % (self.tag("m%d" % m.slot), m.var, lo, hi - lo))
        return True

    def step_store(self):
        rng = self.rng
        opts = []
        for m in self.maps:
            for i in range(len(m.pages)):
                r = self.storable_range(m, i)
                if r:
                    opts.append((m, i, r))
        if not opts:
            return False
        m, i, (a, b) = rng.choice(opts)
        lo = i * PAGE + rng.randint(a, b - 1)
        hi = min(i * PAGE + b, lo + rng.choice([1, 8, 100, 1000, 4096]))
        if self.hidden_from(m, lo, hi):
            return False
        seed = rng.randint(1, 1 << 20)
        self.emit('store(%s, %s, %d, %d, %du);' % (self.tag("m%d" % m.slot), m.var, lo, hi - lo, seed))
        self.note_store(m, i, lo - i * PAGE, hi - i * PAGE)
        return True

    def step_double_store(self):
        """Two shared mappings of one file page store to different bytes with
        no call in between; after a call both see both stores."""
        rng = self.rng
        shows = {}
        for m in self.maps:
            if m.kind != "shared":
                continue
            for i in range(len(m.pages)):
                r = self.storable_range(m, i)
                if r and r[1] >= 64 and (m.pages[i].prot & PROT_READ):
                    end = min(r[1], m.file.size - (m.off_pages + i) * PAGE)
                    if end >= 64:
                        shows.setdefault((id(m.file), m.off_pages + i), []).append((m, i, end))
        cands = [v for v in shows.values() if len(set(x[0].slot for x in v)) >= 2]
        if not cands:
            return False
        views = rng.choice(cands)
        (m1, i1, end1), (m2, i2, end2) = rng.sample(views, 2)
        end = min(end1, end2)
        cut = rng.randint(1, end - 1)
        a_lo = rng.randint(0, cut - 1)
        a_hi = rng.randint(a_lo + 1, cut)
        b_lo = rng.randint(cut, end - 1)
        b_hi = rng.randint(b_lo + 1, end)
        if rng.random() < 0.5:
            (a_lo, a_hi), (b_lo, b_hi) = (b_lo, b_hi), (a_lo, a_hi)
        for m, i, lo, hi in ((m1, i1, a_lo, a_hi), (m2, i2, b_lo, b_hi)):
            if self.hidden_from(m, i * PAGE + lo, i * PAGE + hi):
                return False
        for m, i, lo, hi in ((m1, i1, a_lo, a_hi), (m2, i2, b_lo, b_hi)):
            seed = rng.randint(1, 1 << 20)
            self.emit('store(%s, %s, %d, %d, %du);' % (self.tag("m%d" % m.slot), m.var, i * PAGE + lo,
                                                      hi - lo, seed))
            self.note_store(m, i, lo, hi)
        self.emit('res(%s, madvise(%s + %d, %d, MADV_NORMAL));' % (self.tag("madvise m%d NORMAL" % m1.slot),
                                                                   m1.var, i1 * PAGE, PAGE))
        for m, i in ((m1, i1), (m2, i2)):
            for lo, hi in ((a_lo, a_hi), (b_lo, b_hi)):
                self.emit('load(%s, %s, %d, %d);' % (self.tag("m%d" % m.slot), m.var, i * PAGE + lo, hi - lo))
        return True

    def step_munmap(self):
        maps = self.live_maps()
        if not maps:
            return False
        m = self.rng.choice(maps)
        run = self.random_run(m, need_valid=False)
        if not run:
            return False
        a, b = run
        length = (b - a) * PAGE - self.rng.choice([0, 0, 1, 2000])
        self.emit('res(%s, RT(munmap(%s + %d, %d)));' % (self.tag("munmap m%d %d+%d" % (m.slot, a, b - a)),
                                                     m.var, a * PAGE, length))
        for i in range(a, b):
            if m.pages[i].valid:
                m.pages[i].valid = False
                m.pages[i].dead_epoch = self.epoch
        if a > 0 or b < len(m.pages):
            m.intact = False
        return True

    def step_msync(self):
        rng = self.rng
        picked = self.pick_run(valid_share=0.85)
        if not picked:
            return False
        m, a, b = picked
        flags = rng.choice(["MS_SYNC", "MS_ASYNC", "MS_SYNC|MS_INVALIDATE", "MS_ASYNC|MS_INVALIDATE",
                            "MS_INVALIDATE", "MS_SYNC", "MS_SYNC|MS_ASYNC"])
        shift = 1 if rng.random() < 0.05 else 0
        self.emit('res(%s, RT(msync(%s + %d, %d, %s)));' % (
            self.tag("msync m%d %d+%d %s%s" % (m.slot, a, b - a, flags, " +1" if shift else "")),
            m.var, a * PAGE + shift, (b - a) * PAGE, flags))
        return True

    def step_mprotect(self):
        rng = self.rng
        picked = self.pick_run()
        if not picked:
            return False
        m, a, b = picked
        # Protection belongs to the memory in mmap-emu, which an alias shares.
        if self.possibly_aliased(m, 0, len(m.pages)):
            return False
        # A hole at the start fails with ENOMEM and changes nothing (Linux
        # changes the part before a later hole, so holes go first only).
        hole = a > 0 and not m.pages[a - 1].valid and self.safe_page(m, a - 1) and rng.random() < 0.3
        prot = rng.choice([PROT_READ, PROT_READ | PROT_WRITE, PROT_READ | PROT_WRITE, 0])
        start = a - 1 if hole else a
        self.emit('res(%s, mprotect(%s + %d, %d, %s));' % (
            self.tag("mprotect m%d %d+%d %s" % (m.slot, start, b - start, PROT_NAMES[prot])),
            m.var, start * PAGE, (b - start) * PAGE, PROT_NAMES[prot]))
        if hole:
            return True
        if m.kind == "shared" and (prot & PROT_WRITE) and not m.fd_writable:
            return True  # EACCES
        for i in range(a, b):
            m.pages[i].prot = prot
        if a > 0 or b < len(m.pages):
            m.intact = False  # now several VMAs on Linux unless merged again
        return True

    def step_madvise(self):
        rng = self.rng
        picked = self.pick_run()
        if not picked:
            return False
        m, a, b = picked
        advice = rng.choice(["MADV_DONTNEED"] * 3 + ["MADV_WILLNEED", "MADV_NORMAL", "MADV_RANDOM",
                                                     "MADV_SEQUENTIAL", "12345"])
        self.emit('res(%s, RT(madvise(%s + %d, %d, %s)));' % (
            self.tag("madvise m%d %d+%d %s" % (m.slot, a, b - a, advice)),
            m.var, a * PAGE, (b - a) * PAGE, advice))
        if advice in ("MADV_RANDOM", "MADV_SEQUENTIAL") and (a > 0 or b < len(m.pages)):
            m.intact = False  # Linux splits the VMA: mremap would see two
        if advice == "MADV_DONTNEED":
            for i in range(a, b):
                p = m.pages[i]
                if m.kind == "priv":
                    p.touched = False
            self.filled_from_file(m, a, b)
        return True

    def step_mremap(self):
        rng = self.rng
        cands = [m for m in self.live_maps() if m.intact and all(p.valid for p in m.pages)
                 and len(set(p.prot for p in m.pages)) == 1]
        if not cands:
            return False
        m = rng.choice(cands)
        old = len(m.pages)
        # A shared anonymous object does not grow with its mapping (Linux
        # raises SIGBUS past its end), so those only shrink.
        new = rng.randint(1, old if m.kind == "sanon" else 6)
        self.emit('{ void* r = RTP(mremap(%s, %d, %d, MREMAP_MAYMOVE)); '
                  'if (r != MAP_FAILED) %s = r; map_res(%s, r); }'
                  % (m.var, old * PAGE, new * PAGE, m.var,
                     self.tag("mremap m%d %d->%d MAYMOVE" % (m.slot, old, new))))
        self.new_epoch()
        self.resize_model(m, new)
        if new > old:
            self.leave_group(m)  # moved or grown: its own memory from now on
        return True

    def step_mremap_fixed(self):
        """mremap(MREMAP_MAYMOVE|MREMAP_FIXED) onto live pages of another
        mapping, which it replaces."""
        rng = self.rng
        srcs = [m for m in self.live_maps() if m.intact and all(p.valid for p in m.pages)
                and len(set(p.prot for p in m.pages)) == 1 and m.kind != "sanon"]
        if not srcs:
            return False
        m = rng.choice(srcs)
        # mmap-emu cannot replace pages another mapping of their group shows.
        targets = [t for t in self.live_maps() if t is not m and not self.possibly_aliased(t, 0, len(t.pages))]
        if not targets:
            return False
        t = rng.choice(targets)
        run = self.random_run(t)
        if not run:
            return False
        a, b = run
        new = b - a
        self.emit('{ void* r = RTP(mremap(%s, %d, %d, MREMAP_MAYMOVE|MREMAP_FIXED, %s + %d)); '
                  'if (r != MAP_FAILED) %s = r; map_res(%s, r); }'
                  % (m.var, len(m.pages) * PAGE, new * PAGE, t.var, a * PAGE, m.var,
                     self.tag("mremap m%d %d->%d FIXED onto m%d %d" % (m.slot, len(m.pages), new, t.slot, a))))
        self.new_epoch()
        for i in range(a, b):
            t.pages[i].valid = False
            t.pages[i].dead_epoch = None  # now m's
        t.intact = False
        self.resize_model(m, new)
        self.leave_group(m)
        m.intact = False
        return True

    def leave_group(self, m):
        m.group = 1000 + m.slot + 100 * self.step_no

    def resize_model(self, m, new):
        old = len(m.pages)
        prot = m.pages[0].prot
        if new < old:
            del m.pages[new:]
        else:
            m.pages.extend(Page(prot) for _ in range(new - old))
            self.filled_from_file(m, old, new)

    def step_reserve_and_grow(self):
        """mmap N+k pages, unmap the last k, grow in place without
        MREMAP_MAYMOVE: the pages just freed are free on both systems."""
        rng = self.rng
        if len(self.maps) >= self.MAX_MAPS:
            return False
        n, k = rng.randint(1, 3), rng.randint(1, 3)
        grow = rng.randint(1, k)
        slot = len(self.maps)
        self.emit('m[%d] = map_res(%s, mmap(NULL, %d, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0));'
                  % (slot, self.tag("mmap anon reserve %d" % (n + k)), (n + k) * PAGE))
        self.emit('res(%s, munmap(m[%d] + %d, %d));' % (self.tag("munmap tail %d" % k), slot, n * PAGE, k * PAGE))
        seed = rng.randint(1, 1 << 20)
        self.emit('store(%s, m[%d], 0, %d, %du);' % (self.tag("m%d" % slot), slot, n * PAGE, seed))
        self.emit('{ void* r = mremap(m[%d], %d, %d, 0); printf("%%s same %%d\\n", %s, r == (void*)m[%d]); }'
                  % (slot, n * PAGE, (n + grow) * PAGE, self.tag("mremap in place %d->%d" % (n, n + grow)), slot))
        self.new_epoch()
        m = Mapping(slot, "anon", None, 0, n + grow, PROT_READ | PROT_WRITE, True)
        self.maps.append(m)
        return True

    def step_map_fixed(self):
        rng = self.rng
        if len(self.maps) >= self.MAX_MAPS:
            return False
        picked = self.pick_run()
        if not picked:
            return False
        m, a, b = picked
        if self.possibly_aliased(m, a, b):
            return False  # mmap-emu cannot replace memory another mapping shows
        slot = len(self.maps)
        fds = [d for d in self.open_fds() if d.readable]
        use_file = rng.random() < 0.5 and fds
        if use_file:
            d = rng.choice(fds)
            kind = "shared" if rng.random() < 0.5 else "priv"
            writable = d.writable
            prot = PROT_READ | PROT_WRITE if (writable or kind == "priv") else PROT_READ
            flags = ("MAP_SHARED" if kind == "shared" else "MAP_PRIVATE") + "|MAP_FIXED"
            off_pages = rng.randint(0, 2)
            self.emit('m[%d] = map_res(%s, RTP(mmap(%s + %d, %d, %s, %s, %s, %d)));'
                      % (slot, self.tag("mmap fixed m%d %d+%d %s" % (m.slot, a, b - a, flags)),
                         m.var, a * PAGE, (b - a) * PAGE, PROT_NAMES[prot], flags, d.var, off_pages * PAGE))
            new = Mapping(slot, kind, d.file, off_pages, b - a, prot, writable)
            self.filled_from_file(new, 0, b - a)
        else:
            self.emit('m[%d] = map_res(%s, RTP(mmap(%s + %d, %d, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_FIXED, -1, 0)));'
                      % (slot, self.tag("mmap fixed anon m%d %d+%d" % (m.slot, a, b - a)), m.var, a * PAGE, (b - a) * PAGE))
            new = Mapping(slot, "anon", None, 0, b - a, PROT_READ | PROT_WRITE, True)
        self.new_epoch()
        for i in range(a, b):
            m.pages[i].valid = False
            m.pages[i].dead_epoch = None  # the address now belongs to the new mapping
        m.intact = False
        new.intact = False
        self.maps.append(new)
        return True

    def step_bad_calls(self):
        """Argument errors both systems report the same way."""
        rng = self.rng
        maps = self.live_maps()
        choice = rng.randint(0, 5)
        if choice == 0:
            self.emit('res(%s, (long)(mmap(NULL, 4096, PROT_READ, MAP_SHARED, 999, 0) == MAP_FAILED ? (errno, -1) : 0));'
                      % self.tag("mmap bad fd"))
        elif choice == 1 and maps:
            m = rng.choice(maps)
            self.emit('res(%s, munmap(%s + 1, 4096));' % (self.tag("munmap unaligned"), m.var))
        elif choice == 2:
            self.emit('res(%s, munmap(NULL, 0));' % self.tag("munmap len 0"))
        elif choice == 3 and maps:
            m = rng.choice(maps)
            self.emit('res(%s, (long)(mremap(%s + 1, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0));'
                      % (self.tag("mremap unaligned"), m.var))
        elif choice == 4 and maps:
            m = rng.choice(maps)
            self.emit('res(%s, (long)(mremap(%s, 4096, 0, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0));'
                      % (self.tag("mremap to 0"), m.var))
        else:
            self.emit('res(%s, mprotect(NULL, 4096, PROT_READ|0x100));' % self.tag("mprotect bad prot"))
        return True

    # --- whole scenario --------------------------------------------------
    def step_table(self):
        """(step, weight, operation it exercises): the generator's op list,
        which docs/mmap.md's coverage table is made from."""
        return self.MAP_STEPS + self.io_steps()

    MAP_STEPS = [
        ("step_mmap_file", 12, "`mmap` of a file: shared, private, `MAP_SHARED_VALIDATE`, nested in "
                               "another shared mapping (an alias), through a stdio stream's descriptor"),
        ("step_mmap_anon", 3, "`mmap` anonymous, private and shared"),
        ("step_load", 18, "loads through mappings"),
        ("step_store", 18, "stores through mappings, also past the end of file in the last page"),
        ("step_double_store", 4, "stores through two mappings of one page with no call between"),
        ("step_munmap", 5, "`munmap` of any page run, mapped or not"),
        ("step_msync", 5, "`msync` with every flag combination, over holes"),
        ("step_mprotect", 3, "`mprotect`, with a hole first"),
        ("step_madvise", 3, "`madvise` (`MADV_DONTNEED` and others, unknown advice)"),
        ("step_mremap", 3, "`mremap` moving, growing, shrinking"),
        ("step_reserve_and_grow", 1, "`mremap` growing in place into just freed pages"),
        ("step_map_fixed", 2, "`MAP_FIXED` over mappings, file and anonymous"),
        ("step_mremap_fixed", 1, "`mremap` with `MREMAP_FIXED` onto another mapping"),
        ("step_bad_calls", 1, "argument errors"),
    ]

    def generate(self, ending):
        rng = self.rng
        for f in self.files:
            self.step_open(f, create=True)
            self.step_pwrite(self.fds[-1], initial=True)
        table = [(getattr(self, name), weight) for name, weight, _ in self.step_table()]
        funcs = [t[0] for t in table]
        weights = [t[1] for t in table]
        done = 0
        tries = 0
        while done < self.steps and tries < self.steps * 20:
            tries += 1
            if rng.choices(funcs, weights)[0]():
                done += 1
        if ending != "cleanup":
            return ending
        # Unmap what is left in runs of live pages, close, and show the files.
        for m in self.maps:
            i = 0
            while i < len(m.pages):
                if not m.pages[i].valid:
                    i += 1
                    continue
                j = i
                while j < len(m.pages) and m.pages[j].valid:
                    j += 1
                self.emit('res(%s, RT(munmap(%s + %d, %d)));' % (self.tag("cleanup munmap m%d" % m.slot),
                                                                 m.var, i * PAGE, (j - i) * PAGE))
                i = j
        for d in self.fds:
            if d.open:
                self.emit('close(%s);' % d.var)
        for s in self.streams:
            if s.open:
                self.emit('fclose(%s);' % s.var)
        for f in self.files:
            for name in f.names:
                self.emit('dump_file(%s, "%s");' % (self.tag("dump"), name))
        return ending

    def c_function(self):
        head = ["static void scenario_%d(void) {" % self.n,
                "  int fd[%d]; unsigned char* m[%d]; FILE* st[%d];" % (self.MAX_FDS, self.MAX_MAPS,
                                                                      self.MAX_STREAMS),
                "  (void)fd; (void)m; (void)st;"]
        return "\n".join(head + self.lines + ["}"])

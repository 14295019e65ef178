"""The generator's steps on files: descriptors, stdio streams, names, sizes,
syncs and pipes, mixed into gen_scenario.Scenario."""
from gen_model import PAGE, Fd, Stream


class IoSteps:
    def io_steps(self):
        steps = [
            ("step_open_again", 2, "`open` of a scenario file: read-only, read-write, `O_APPEND`, "
                                   "`O_TRUNC`; `creat`"),
            ("step_pwrite", 6, "`pwrite`, `pwritev`, past the end of file, on `O_APPEND` descriptors"),
            ("step_write", 3, "`write`, `writev`, after a seek past the end (a hole), on `O_APPEND` "
                              "descriptors"),
            ("step_read", 6, "`read`, `pread`, `readv`, `preadv`"),
            ("step_ftruncate", 3, "`ftruncate` and `truncate(path)`, shrinking and growing"),
            ("step_fallocate", 1, "`posix_fallocate`"),
            ("step_close", 2, "`close` of descriptors a mapping uses"),
            ("step_fsync", 2, "`fsync`, `fdatasync`"),
            ("step_names", 1, "hard links (`link`) and `rename` of mapped files"),
            ("step_pipe", 1, "writes to a pipe (stdout) and reads of `/dev/null` (stdin)"),
        ]
        if not self.restricted:
            # dup is the shim's (preview1 has none).
            steps.append(("step_dup", 1, "`dup` and `dup2` of descriptors a mapping uses: the aliases "
                                         "share offset and `O_APPEND`; `dup2` closes its target"))
        if not self.mode.node:
            # Node's fd_fdstat_get returns the host's open flags as WASI's,
            # so O_APPEND looks absent (and O_WRONLY like O_APPEND): nothing
            # in the guest can know where a write-back or pwrite lands.
            steps.append(("step_fcntl_append", 1, "`O_APPEND` set and cleared with `fcntl(F_SETFL)`"))
        if not self.mode.fail_io:
            # A failed write inside stdio loses its buffer, as it would on
            # Linux; with injected failures stdio is left out.
            steps += [
                ("step_stream_open", 1, "`fopen` (`r+`, `w+`, `w`) and `freopen` of mapped streams"),
                ("step_stream_io", 2, "stdio writes (`fwrite`, `fflush`) and reads (`fread`)"),
            ]
        return steps

    def pick_io_fd(self, **kw):
        """One of io_fds(**kw) at random, or None when there is none."""
        cands = self.io_fds(**kw)
        return self.rng.choice(cands) if cands else None

    def io_fds(self, writable=None, readable=None):
        out = []
        for d in self.open_fds(writable=writable):
            if readable is not None and d.readable != readable:
                continue
            if self.restricted and self.shared_maps_of(d.file):
                continue
            out.append(d)
        return out

    def usable_file(self, f):
        # Without the shim's hooks a file with mappings is left alone: no
        # truncation, renumbering or closing of a descriptor mmap-emu uses.
        return not (self.restricted and self.maps_of(f))

    def new_name(self, f):
        self.names_made += 1
        return "%s.n%d" % (f.name, self.names_made)

    # --- descriptors -----------------------------------------------------
    def step_open(self, f, create=False, how=None):
        if len(self.fds) >= self.MAX_FDS:
            return False
        rng = self.rng
        name = rng.choice(f.names)
        if create:
            how = "create"
        elif how is None:
            how = rng.choice(["rw", "rw", "ro", "append", "trunc", "creat"])
        if how in ("trunc", "creat") and not self.usable_file(f):
            how = "rw"
        if self.mode.node and how in ("creat", "append"):
            how = "trunc" if how == "creat" else "rw"  # see io_steps
        readable = how != "creat"
        writable = how != "ro"
        flags = {"create": "O_RDWR|O_CREAT|O_TRUNC", "rw": "O_RDWR", "ro": "O_RDONLY",
                 "append": "O_RDWR|O_APPEND", "trunc": "O_RDWR|O_TRUNC"}.get(how)
        d = Fd(len(self.fds), f, readable, writable, how == "append")
        self.fds.append(d)
        if how == "creat":
            self.emit('%s = creat(path("%s"), 0644); res(%s, %s >= 0 ? 0 : -1);'
                      % (d.var, name, self.tag("creat %s" % name), d.var), sync="io")
        else:
            self.emit('%s = open(path("%s"), %s, 0644); res(%s, %s >= 0 ? 0 : -1);'
                      % (d.var, name, flags, self.tag("open %s %s" % (name, flags)), d.var),
                      sync="io" if "TRUNC" in flags else False)
        if how in ("create", "trunc", "creat"):
            self.file_resized(f, 0)
        return True

    def step_open_again(self):
        return self.step_open(self.rng.choice(self.files))

    def landing(self, d, off):
        """Where a write at `off` through d lands: Linux appends on O_APPEND
        descriptors, for pwrite too."""
        return d.file.size if d.append else off

    def growth_ok(self, f, new_size):
        """Whether the file may grow to new_size by ftruncate or
        posix_fallocate: not over bytes stored past its end."""
        return new_size <= f.size or not f.tainted(f.size, new_size)

    def step_pwrite(self, d=None, initial=False):
        rng = self.rng
        if d is None:
            d = self.pick_io_fd(writable=True)
            if d is None:
                return False
        f = d.file
        if initial:
            n, off = rng.choice([0, 1, 2, 3, 5]) * PAGE + rng.choice([0, 0, 100, 2049]), 0
            if n == 0:
                return True
        else:
            n = rng.randint(1, 3 * PAGE)
            off = rng.randint(0, f.size + PAGE) if rng.random() < 0.8 else rng.randint(0, 6 * PAGE)
        seed = rng.randint(1, 1 << 20)
        if not initial and rng.random() < 0.25:
            cut = rng.randint(0, n)
            self.emit('do_pwritev(%s, %s, %d, %d, %d, %du);' % (
                self.tag("pwritev %d+%d@%d" % (cut, n - cut, off)), d.var, cut, n - cut, off, seed), sync="io")
        else:
            self.emit('do_pwrite(%s, %s, %d, %d, %du);' % (self.tag("pwrite %d@%d" % (n, off)), d.var, n, off, seed))
        self.file_written(f, self.landing(d, off), n)
        return True

    def step_write(self):
        rng = self.rng
        d = self.pick_io_fd(writable=True)
        if d is None:
            return False
        f = d.file
        n = rng.randint(1, 2 * PAGE)
        seed = rng.randint(1, 1 << 20)
        if not d.append and rng.random() < 0.15:
            # A hole: the write starts past the end of file.
            d.pos = f.size + rng.randint(1, 2 * PAGE)
            self.emit('res(%s, lseek(%s, %d, SEEK_SET));' % (self.tag("lseek %d" % d.pos), d.var, d.pos),
                      sync=False)
        if rng.random() < 0.25:
            cut = rng.randint(0, n)
            self.emit('do_writev(%s, %s, %d, %d, %du);' % (self.tag("writev %d+%d" % (cut, n - cut)), d.var,
                                                          cut, n - cut, seed), sync="io")
        else:
            self.emit('do_write(%s, %s, %d, %du);' % (self.tag("write %d" % n), d.var, n, seed))
        off = self.landing(d, d.pos)
        self.file_written(f, off, n)
        d.pos = off + n
        return True

    def step_read(self):
        rng = self.rng
        d = self.pick_io_fd(readable=True)
        if d is None:
            return False
        n = rng.randint(1, 3 * PAGE)
        cut = rng.randint(0, n)
        vec = rng.random() < 0.25
        if rng.random() < 0.5:
            off = rng.randint(0, d.file.size + 100)
            if vec:
                self.emit('errno = 0; show_read(%s, (long)RT(do_preadv(%s, %d, %d, %d)));'
                          % (self.tag("preadv %d+%d@%d" % (cut, n - cut, off)), d.var, cut, n - cut, off),
                          sync="io")
            else:
                self.emit('errno = 0; show_read(%s, (long)RT(pread(%s, io_buf, %d, %d)));'
                          % (self.tag("pread %d@%d" % (n, off)), d.var, n, off))
        else:
            if vec:
                self.emit('errno = 0; show_read(%s, (long)RT(do_readv(%s, %d, %d)));'
                          % (self.tag("readv %d+%d" % (cut, n - cut)), d.var, cut, n - cut), sync="io")
            else:
                self.emit('errno = 0; show_read(%s, (long)RT(read(%s, io_buf, %d)));'
                          % (self.tag("read %d" % n), d.var, n))
            d.pos += max(0, min(n, d.file.size - d.pos))
        return True

    def step_ftruncate(self):
        rng = self.rng
        d = self.pick_io_fd(writable=True)
        if d is None:
            return False
        f = d.file
        new = rng.choice([0, PAGE, 2 * PAGE, 3 * PAGE + 17, max(0, f.size - 100),
                          f.size + 5000, rng.randint(0, 6 * PAGE)])
        if not self.growth_ok(f, new):
            return False
        if rng.random() < 0.3:
            name = rng.choice(f.names)
            self.emit('errno = 0; res(%s, RT(truncate(path("%s"), %d)));'
                      % (self.tag("truncate %s %d" % (name, new)), name, new), sync="io")
        else:
            self.emit('errno = 0; res(%s, RT(ftruncate(%s, %d)));' % (self.tag("ftruncate %d" % new), d.var, new))
        self.file_resized(f, new)
        return True

    def step_fallocate(self):
        rng = self.rng
        d = self.pick_io_fd(writable=True)
        if d is None:
            return False
        f = d.file
        off, n = rng.randint(0, f.size + PAGE), rng.randint(1, 2 * PAGE)
        if not self.growth_ok(f, off + n):
            return False
        self.emit('printf("%%s -> %%d\\n", %s, posix_fallocate(%s, %d, %d));'
                  % (self.tag("posix_fallocate %d+%d" % (off, n)), d.var, off, n), sync=False)
        if off + n > f.size:
            self.file_resized(f, off + n)
        return True

    def step_close(self):
        cands = self.open_fds()
        if self.restricted:
            # Without the shim's adopt_on_close hook a mapping cannot keep
            # the descriptor its file is read or written through.
            cands = [d for d in cands if not self.maps_of(d.file)]
        if not cands:
            return False
        d = self.rng.choice(cands)
        d.open = False
        self.emit('res(%s, close(%s));' % (self.tag("close"), d.var))
        return True

    def step_dup(self):
        rng = self.rng
        if len(self.fds) >= self.MAX_FDS:
            return False
        src = self.open_fds()
        if not src:
            return False
        d = rng.choice(src)
        targets = [e for e in self.open_fds() if e is not d]
        new = Fd(len(self.fds), d.file, d.readable, d.writable, desc=d.desc)
        self.fds.append(new)
        if targets and rng.random() < 0.5:
            # dup2 onto another open descriptor: closes it first, as close()
            # does (a mapping through it keeps its file).
            e = rng.choice(targets)
            e.open = False
            self.emit('%s = dup2(%s, %s); res(%s, %s == %s ? 0 : -1);'
                      % (new.var, d.var, e.var, self.tag("dup2"), new.var, e.var), sync=False)
        else:
            self.emit('%s = dup(%s); res(%s, %s >= 0 ? 0 : -1);'
                      % (new.var, d.var, self.tag("dup"), new.var), sync=False)
        return True

    def step_fcntl_append(self):
        cands = [d for d in self.open_fds() if d.writable]
        if not cands:
            return False
        d = self.rng.choice(cands)
        d.append = not d.append
        self.emit('res(%s, fcntl(%s, F_SETFL, %s));' % (self.tag("fcntl %s" % ("O_APPEND" if d.append else "0")),
                                                       d.var, "O_APPEND" if d.append else "0"), sync=False)
        return True

    def step_fsync(self):
        d = self.pick_io_fd()
        if d is None:
            return False
        call = self.rng.choice(["fsync", "fdatasync"])
        self.emit('res(%s, RT(%s(%s)));' % (self.tag(call), call, d.var), sync="io")
        return True

    def step_names(self):
        rng = self.rng
        f = rng.choice(self.files)
        old = rng.choice(f.names)
        new = self.new_name(f)
        if rng.random() < 0.5:
            self.emit('{ char a[1024]; snprintf(a, sizeof a, "%%s", path("%s")); res(%s, link(a, path("%s"))); }'
                      % (old, self.tag("link %s %s" % (old, new)), new), sync=False)
            f.names.append(new)
        else:
            self.emit('{ char a[1024]; snprintf(a, sizeof a, "%%s", path("%s")); res(%s, rename(a, path("%s"))); }'
                      % (old, self.tag("rename %s %s" % (old, new)), new), sync=False)
            f.names[f.names.index(old)] = new
        return True

    def step_pipe(self):
        if self.rng.random() < 0.5:
            self.emit('fflush(stdout); res(%s, write(1, "pipe\\n", 5));' % self.tag("write to stdout"),
                      sync=False if self.mode.restricted else "io")
        else:
            self.emit('errno = 0; show_read(%s, (long)read(0, io_buf, 16));' % self.tag("read stdin"))
        return True

    # --- stdio -------------------------------------------------------------
    def step_stream_open(self):
        rng = self.rng
        reopen = [s for s in self.streams if s.open]
        if reopen and rng.random() < 0.4:
            s = rng.choice(reopen)
            f = rng.choice(self.files)
            if not self.usable_file(f) or not self.usable_file(s.file):
                return False
            mode = rng.choice(["r+", "w+"])
            name = rng.choice(f.names)
            self.emit('res(%s, freopen(path("%s"), "%s", %s) ? 0 : -1);'
                      % (self.tag("freopen %s %s" % (name, mode)), name, mode, s.var), sync=False)
            s.file, s.readable, s.writable = f, True, True
            if mode == "w+":
                self.file_resized(f, 0)
                self.io_sync_point()
            return True
        if len(self.streams) >= self.MAX_STREAMS:
            return False
        f = rng.choice(self.files)
        if not self.usable_file(f):
            return False
        mode = rng.choice(["r+", "r+", "w+"] + ([] if self.mode.node else ["w"]))
        name = rng.choice(f.names)
        s = Stream(len(self.streams), f, mode != "w", True)
        self.streams.append(s)
        self.emit('%s = fopen(path("%s"), "%s"); res(%s, %s ? 0 : -1);'
                  % (s.var, name, mode, self.tag("fopen %s %s" % (name, mode)), s.var),
                  sync="io" if mode != "r+" else False)
        if mode != "r+":
            self.file_resized(f, 0)
        return True

    def step_stream_io(self):
        rng = self.rng
        cands = [s for s in self.streams if s.open and self.usable_file(s.file)]
        if not cands:
            return False
        s = rng.choice(cands)
        f = s.file
        if s.readable and rng.random() < 0.5:
            off = rng.randint(0, f.size + 100)
            n = rng.randint(1, 3 * PAGE)
            self.emit('show_fread(%s, %s, %d, %d);' % (self.tag("fread %d@%d" % (n, off)), s.var, n, off),
                      sync="io")
            return True
        off = rng.randint(0, f.size + PAGE)
        n = rng.randint(1, 2 * PAGE)
        seed = rng.randint(1, 1 << 20)
        self.emit('do_fwrite(%s, %s, %d, %d, %du);' % (self.tag("fwrite %d@%d" % (n, off)), s.var, n, off, seed),
                  sync="io")
        self.file_written(f, off, n)
        return True

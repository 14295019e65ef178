;; A reactor for the embedding example: after _initialize it can be called
;; again and again. `greet` writes "hello from <argv[1]> (call N)\n" to its
;; stdout; `calls` returns N.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "hello from ")
  (data (i32.const 272) " (call ")
  (data (i32.const 280) ")\n")
  (global $calls (mut i32) (i32.const 0))
  (global $name (mut i32) (i32.const 0))
  (global $name_len (mut i32) (i32.const 0))
  ;; argv pointers at 512, strings at 1024; remembers argv[1].
  (func (export "_initialize")
    (local $p i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (drop (call $args_get (i32.const 512) (i32.const 1024)))
    (if (i32.ge_u (i32.load (i32.const 0)) (i32.const 2))
      (then
        (global.set $name (i32.load (i32.const 516)))
        (local.set $p (global.get $name))
        (block $done
          (loop $scan
            (br_if $done (i32.eqz (i32.load8_u (local.get $p))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $scan)))
        (global.set $name_len (i32.sub (local.get $p) (global.get $name))))))
  (func (export "calls") (result i32) (global.get $calls))
  (func (export "greet") (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    ;; the call number as one decimal digit (the example calls at most 9 times)
    (i32.store8 (i32.const 279) (i32.add (i32.const 48) (i32.rem_u (global.get $calls) (i32.const 10))))
    ;; iovecs at 64: greeting, name, " (call N", ")\n"
    (i32.store (i32.const 64) (i32.const 256)) (i32.store (i32.const 68) (i32.const 11))
    (i32.store (i32.const 72) (global.get $name)) (i32.store (i32.const 76) (global.get $name_len))
    (i32.store (i32.const 80) (i32.const 272)) (i32.store (i32.const 84) (i32.const 8))
    (i32.store (i32.const 88) (i32.const 280)) (i32.store (i32.const 92) (i32.const 2))
    (call $fd_write (i32.const 1) (i32.const 64) (i32.const 4) (i32.const 96))))

;; A small reactor for the many-instances test: state in linear memory and in
;; a global, and a WASI call that depends on each instance's own arguments.
(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $initialized (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))
  (func (export "_initialize") (global.set $initialized (i32.const 1)))
  (func (export "initialized") (result i32) (global.get $initialized))
  (func (export "store") (param $v i32) (i32.store (i32.const 1024) (local.get $v)))
  (func (export "load") (result i32) (i32.load (i32.const 1024)))
  (func (export "count") (result i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (global.get $calls))
  ;; Bytes of this instance's argv strings, as args_sizes_get reports them.
  (func (export "argv_bytes") (result i32)
    (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
    (i32.load (i32.const 4)))
  ;; Writes the 4 bytes stored at 1024 to guest fd 1; returns the errno.
  (func (export "emit") (result i32)
    (i32.store (i32.const 16) (i32.const 1024))
    (i32.store (i32.const 20) (i32.const 4))
    (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
  (func $boom (unreachable))
  (func (export "trap") (call $boom)))

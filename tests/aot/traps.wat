;; Named functions that trap, to check each engine names the right one. The
;; callers do work after the call so that no compiler folds them together.
(module
  (memory (export "memory") 1)
  (func $explode (param i32) (result i32)
    (if (i32.eqz (local.get 0)) (then unreachable))
    (i32.add (local.get 0) (i32.const 1)))
  (func $reader (param i32) (result i32) (i32.load (local.get 0)))
  (func $divider (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "boom") (param i32) (result i32)
    (i32.store (i32.const 0) (call $explode (local.get 0)))
    (i32.load (i32.const 0)))
  (func (export "read_far") (param i32) (result i32)
    (i32.store (i32.const 4) (call $reader (local.get 0)))
    (i32.load (i32.const 4)))
  (func (export "divide") (param i32 i32) (result i32)
    (i32.store (i32.const 8) (call $divider (local.get 0) (local.get 1)))
    (i32.load (i32.const 8)))
  (func (export "_start")))

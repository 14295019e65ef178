;; Exception handling (the legacy try/catch instructions clang's setjmp/longjmp
;; lowering emits), where Debian's wabt 1.0.32 needed repairs: each export
;; returns the same value on both engines, or traps with "uncaught exception".
(module
  (tag $e (param i32))
  (func $throw (param i32) (throw $e (local.get 0)))
  ;; Not a tail call (the global is updated after it), so every level is a
  ;; frame of its own.
  (global $levels (mut i32) (i32.const 0))
  (func $throw_from_depth (param i32 i32)
    (if (i32.eqz (local.get 0)) (then (call $throw (local.get 1))))
    (call $throw_from_depth (i32.sub (local.get 0) (i32.const 1)) (local.get 1))
    (global.set $levels (i32.add (global.get $levels) (i32.const 1))))

  ;; wabt#2476: catching must keep the function's locals.
  (func (export "catch_keeps_locals") (param i32) (result i32)
    (local i32 i32)
    (local.set 1 (i32.const 40))
    (local.set 2 (i32.const 2))
    (try (result i32)
      (do (call $throw (local.get 0)) (i32.const -1))
      (catch $e))
    (i32.add (i32.add (local.get 1) (local.get 2))))

  ;; wabt#2469: a local changed inside the try block is seen by the catch.
  (func (export "local_set_in_try") (result i32)
    (local i32)
    (try
      (do (local.set 0 (i32.const 1)) (call $throw (i32.const 0)))
      (catch $e (drop)))
    (local.get 0))

  ;; A branch to the try block's own label.
  (func (export "br_to_try") (param i32) (result i32)
    (local i32)
    (try $t
      (do (br_if $t (local.get 0)) (local.set 1 (i32.const 5)) (call $throw (i32.const 0)))
      (catch $e (drop) (local.set 1 (i32.add (local.get 1) (i32.const 100)))))
    (local.get 1))

  ;; A try block left by a branch, in a function that then returns: a later
  ;; throw from deeper frames must reach the caller's handler. The function is
  ;; called through the table, so no C compiler inlines it into its caller.
  (type $i32_to_i32 (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $leave_try_by_branch)
  (func $leave_try_by_branch (param i32) (result i32)
    (block $out
      (try
        (do (br_if $out (local.get 0)) (call $throw (i32.const 1)))
        (catch $e (drop))))
    (i32.const 3))
  (func (export "leave_then_throw") (result i32)
    (try (result i32)
      (do
        (drop (call_indirect (type $i32_to_i32) (i32.const 1) (i32.const 0)))
        (call $throw_from_depth (i32.const 60) (i32.const 7))
        (i32.const -1))
      (catch $e)))

  ;; Nested handlers, rethrow to the outer one.
  (func (export "rethrow") (result i32)
    (try (result i32)
      (do
        (try (result i32)
          (do (call $throw_from_depth (i32.const 3) (i32.const 9)) (i32.const -1))
          (catch $e (drop) (rethrow 0))))
      (catch $e (i32.const 1000) (i32.add))))

  (func (export "uncaught") (call $throw (i32.const 1)))
  (func (export "trap_in_try")
    (try (do (unreachable)) (catch $e (drop))))
)

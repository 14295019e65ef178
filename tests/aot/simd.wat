;; One v128 instruction: wasm2c 1.0.32 cannot translate this module.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (drop (i32x4.extract_lane 0 (i32x4.splat (i32.const 7))))))

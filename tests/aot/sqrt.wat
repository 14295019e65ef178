;; f64.sqrt and f32.sqrt: wasm2c's translation calls libm's sqrt/sqrtf, so the
;; compiled object must link libm.
(module
  (func (export "sqrt64") (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func (export "sqrt32") (param f32) (result f32) (f32.sqrt (local.get 0)))
  (func (export "_start")))

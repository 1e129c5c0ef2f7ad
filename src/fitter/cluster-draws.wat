;; One replicate of the cluster bootstrap of a Step Law fit from per-group sums (src/fitter/cluster-draws.ts,
;; src/fitter/ols-columns.ts ClusterSums), compiled to WebAssembly at build time (scripts/build-wasm.ts, by wabt):
;; G draws of a group number in [0, G) and the drawn groups' twelve normal-equation sums added up, in order.
;;
;; The same numbers as the JavaScript path, bit for bit:
;;   - the draws are `Rng.ints(G, ...)`'s (src/util/random.ts): xoroshiro128+ on the state's four 32-bit words
;;     (pure-rand's order: s0 high, s0 low, s1 high, s1 low), each step's output the low 32 bits of s0 + s1
;;     read as unsigned by adding 2^31 (pure-rand's mapping), a draw >= `max` = floor(2^32 / G) * G rejected,
;;     then its remainder mod G (exact here in 64-bit integers, as there in doubles);
;;   - the sums are `ClusterSums.accumulate12`'s: twelve accumulators from 0, each group's sums added in the
;;     order drawn (WebAssembly does not fuse or reorder floating-point additions).
;;
;; Why WebAssembly: a thousand replicates of a 3,000-group sweep are 3 million draws and 37 million additions,
;; most of them run before V8 has optimised the JavaScript loop (which boxes every double until then);
;; WebAssembly runs compiled from the first replicate.
;;
;; Memory layout (bytes), shared with cluster-draws.ts:
;;   [0, 16)      the generator's state, four i32 words (read at the start, written back at the end)
;;   [16, 112)    the replicate's twelve sums (f64)
;;   sums         group g's twelve sums at sums + 96*g (f64)
(module
  (memory (export "memory") 1)

  ;; One replicate: G draws, the drawn groups' sums at $sums added up into [$out, $out + 96).
  (func (export "replicate") (param $G i32) (param $max i64) (param $sums i32) (param $out i32)
    (local $s01 i32) (local $s00 i32) (local $s11 i32) (local $s10 i32)
    (local $o i32) (local $a0 i32) (local $a1 i32) (local $n00 i32) (local $n01 i32)
    (local $d i64) (local $k i32) (local $at i32) (local $n64 i64)
    (local $x0 f64) (local $x1 f64) (local $x2 f64) (local $x3 f64) (local $x4 f64) (local $x5 f64)
    (local $x6 f64) (local $x7 f64) (local $x8 f64) (local $x9 f64) (local $x10 f64) (local $x11 f64)
    (local.set $s01 (i32.load (i32.const 0)))
    (local.set $s00 (i32.load (i32.const 4)))
    (local.set $s11 (i32.load (i32.const 8)))
    (local.set $s10 (i32.load (i32.const 12)))
    (local.set $n64 (i64.extend_i32_u (local.get $G)))
    (block $done (loop $draw
      (br_if $done (i32.ge_u (local.get $k) (local.get $G)))
      (loop $reject
        (local.set $o (i32.add (local.get $s00) (local.get $s10)))
        (local.set $a0 (i32.xor (local.get $s10) (local.get $s00)))
        (local.set $a1 (i32.xor (local.get $s11) (local.get $s01)))
        (local.set $n00 (i32.xor (i32.xor (i32.xor (i32.shl (local.get $s00) (i32.const 24)) (i32.shr_u (local.get $s01) (i32.const 8))) (local.get $a0)) (i32.shl (local.get $a0) (i32.const 16))))
        (local.set $n01 (i32.xor (i32.xor (i32.xor (i32.shl (local.get $s01) (i32.const 24)) (i32.shr_u (local.get $s00) (i32.const 8))) (local.get $a1)) (i32.or (i32.shl (local.get $a1) (i32.const 16)) (i32.shr_u (local.get $a0) (i32.const 16)))))
        (local.set $s10 (i32.xor (i32.shl (local.get $a1) (i32.const 5)) (i32.shr_u (local.get $a0) (i32.const 27))))
        (local.set $s11 (i32.xor (i32.shl (local.get $a0) (i32.const 5)) (i32.shr_u (local.get $a1) (i32.const 27))))
        (local.set $s00 (local.get $n00))
        (local.set $s01 (local.get $n01))
        (local.set $d (i64.extend_i32_u (i32.xor (local.get $o) (i32.const 0x80000000))))
        (br_if $reject (i64.ge_u (local.get $d) (local.get $max))))
      (local.set $at (i32.add (local.get $sums) (i32.mul (i32.wrap_i64 (i64.rem_u (local.get $d) (local.get $n64))) (i32.const 96))))
      (local.set $x0 (f64.add (local.get $x0) (f64.load offset=0 (local.get $at))))
      (local.set $x1 (f64.add (local.get $x1) (f64.load offset=8 (local.get $at))))
      (local.set $x2 (f64.add (local.get $x2) (f64.load offset=16 (local.get $at))))
      (local.set $x3 (f64.add (local.get $x3) (f64.load offset=24 (local.get $at))))
      (local.set $x4 (f64.add (local.get $x4) (f64.load offset=32 (local.get $at))))
      (local.set $x5 (f64.add (local.get $x5) (f64.load offset=40 (local.get $at))))
      (local.set $x6 (f64.add (local.get $x6) (f64.load offset=48 (local.get $at))))
      (local.set $x7 (f64.add (local.get $x7) (f64.load offset=56 (local.get $at))))
      (local.set $x8 (f64.add (local.get $x8) (f64.load offset=64 (local.get $at))))
      (local.set $x9 (f64.add (local.get $x9) (f64.load offset=72 (local.get $at))))
      (local.set $x10 (f64.add (local.get $x10) (f64.load offset=80 (local.get $at))))
      (local.set $x11 (f64.add (local.get $x11) (f64.load offset=88 (local.get $at))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $draw)))
    (i32.store (i32.const 0) (local.get $s01))
    (i32.store (i32.const 4) (local.get $s00))
    (i32.store (i32.const 8) (local.get $s11))
    (i32.store (i32.const 12) (local.get $s10))
    (f64.store offset=0 (local.get $out) (local.get $x0))
    (f64.store offset=8 (local.get $out) (local.get $x1))
    (f64.store offset=16 (local.get $out) (local.get $x2))
    (f64.store offset=24 (local.get $out) (local.get $x3))
    (f64.store offset=32 (local.get $out) (local.get $x4))
    (f64.store offset=40 (local.get $out) (local.get $x5))
    (f64.store offset=48 (local.get $out) (local.get $x6))
    (f64.store offset=56 (local.get $out) (local.get $x7))
    (f64.store offset=64 (local.get $out) (local.get $x8))
    (f64.store offset=72 (local.get $out) (local.get $x9))
    (f64.store offset=80 (local.get $out) (local.get $x10))
    (f64.store offset=88 (local.get $out) (local.get $x11)))
)

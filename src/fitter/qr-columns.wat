;; Householder QR of a tall, narrow matrix held column by column, and its least-squares solve: `ColumnQr`
;; (src/fitter/qr-columns.ts) in WebAssembly, compiled at build time (scripts/build-wasm.ts, by wabt). The
;; JAMA algorithm (Hicklin et al., JAMA: A Java Matrix Package, NIST 2000) with the same operations in the
;; same order as the TypeScript, so the same bits: IEEE double addition, multiplication, division and square
;; root are correctly rounded in both, and WebAssembly neither fuses nor reorders them.
;;
;; Why WebAssembly: an OLS fit of a large sweep's kept runs (tens of thousands of rows) runs once, before V8 has
;; optimised these loops; unoptimised JavaScript boxes every double it computes (~15 MB of garbage for the two
;; regressions of a 200,000-run fit). WebAssembly runs compiled from its first call.
;;
;; Memory layout (bytes), shared with qr-columns.ts: n columns of m f64 each, column j at 8*j*m (overwritten by
;; R above the diagonal and the Householder vectors on and below it); then R's diagonal (n f64) at 8*n*m; then
;; the right-hand side (m f64) at 8*(n*m + n), overwritten by the solution in its first n entries.
(module
  (memory (export "memory") 1)

  ;; sqrt(a^2 + b^2) without overflow, as JAMA's hypot (and `hypotenuse` in qr-columns.ts).
  (func $hypot (param $a f64) (param $b f64) (result f64)
    (local $r f64)
    (if (f64.gt (f64.abs (local.get $a)) (f64.abs (local.get $b)))
      (then
        (local.set $r (f64.div (local.get $b) (local.get $a)))
        (return (f64.mul (f64.abs (local.get $a)) (f64.sqrt (f64.add (f64.const 1) (f64.mul (local.get $r) (local.get $r))))))))
    (if (f64.ne (local.get $b) (f64.const 0))
      (then
        (local.set $r (f64.div (local.get $a) (local.get $b)))
        (return (f64.mul (f64.abs (local.get $b)) (f64.sqrt (f64.add (f64.const 1) (f64.mul (local.get $r) (local.get $r))))))))
    (f64.const 0))

  ;; Factor the m x n matrix in place (the constructor of ColumnQr).
  (func (export "factor") (param $m i32) (param $n i32)
    (local $k i32) (local $i i32) (local $j i32)
    (local $ck i32) (local $cj i32) (local $rdiag i32)
    (local $nrm f64) (local $s f64) (local $akk f64)
    (local.set $rdiag (i32.shl (i32.mul (local.get $n) (local.get $m)) (i32.const 3)))
    (block $doneK
      (loop $nextK
        (br_if $doneK (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $ck (i32.shl (i32.mul (local.get $k) (local.get $m)) (i32.const 3)))
        ;; nrm = hypot over ck[k..m)
        (local.set $nrm (f64.const 0))
        (local.set $i (local.get $k))
        (block $d1 (loop $l1
          (br_if $d1 (i32.ge_u (local.get $i) (local.get $m)))
          (local.set $nrm (call $hypot (local.get $nrm) (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l1)))
        (if (f64.ne (local.get $nrm) (f64.const 0))
          (then
            (if (f64.lt (f64.load (i32.add (local.get $ck) (i32.shl (local.get $k) (i32.const 3)))) (f64.const 0))
              (then (local.set $nrm (f64.neg (local.get $nrm)))))
            ;; ck[i] /= nrm for i in [k, m)
            (local.set $i (local.get $k))
            (block $d2 (loop $l2
              (br_if $d2 (i32.ge_u (local.get $i) (local.get $m)))
              (f64.store (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3)))
                (f64.div (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3)))) (local.get $nrm)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l2)))
            ;; ck[k] += 1
            (f64.store (i32.add (local.get $ck) (i32.shl (local.get $k) (i32.const 3)))
              (f64.add (f64.load (i32.add (local.get $ck) (i32.shl (local.get $k) (i32.const 3)))) (f64.const 1)))
            (local.set $akk (f64.load (i32.add (local.get $ck) (i32.shl (local.get $k) (i32.const 3)))))
            ;; apply the reflection to the columns after k
            (local.set $j (i32.add (local.get $k) (i32.const 1)))
            (block $d3 (loop $l3
              (br_if $d3 (i32.ge_u (local.get $j) (local.get $n)))
              (local.set $cj (i32.shl (i32.mul (local.get $j) (local.get $m)) (i32.const 3)))
              (local.set $s (f64.const 0))
              (local.set $i (local.get $k))
              (block $d4 (loop $l4
                (br_if $d4 (i32.ge_u (local.get $i) (local.get $m)))
                (local.set $s (f64.add (local.get $s)
                  (f64.mul (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3))))
                           (f64.load (i32.add (local.get $cj) (i32.shl (local.get $i) (i32.const 3)))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l4)))
              (local.set $s (f64.div (f64.neg (local.get $s)) (local.get $akk)))
              (local.set $i (local.get $k))
              (block $d5 (loop $l5
                (br_if $d5 (i32.ge_u (local.get $i) (local.get $m)))
                (f64.store (i32.add (local.get $cj) (i32.shl (local.get $i) (i32.const 3)))
                  (f64.add (f64.load (i32.add (local.get $cj) (i32.shl (local.get $i) (i32.const 3))))
                           (f64.mul (local.get $s) (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3)))))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $l5)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $l3)))))
        (f64.store (i32.add (local.get $rdiag) (i32.shl (local.get $k) (i32.const 3))) (f64.neg (local.get $nrm)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $nextK))))

  ;; Least-squares solution of A x = b for the factored matrix (full rank: checked by the caller), b at the
  ;; right-hand side's place, x written over its first n entries (ColumnQr.solve).
  (func (export "solve") (param $m i32) (param $n i32)
    (local $k i32) (local $i i32) (local $ck i32) (local $x i32) (local $rdiag i32)
    (local $s f64) (local $xk f64)
    (local.set $rdiag (i32.shl (i32.mul (local.get $n) (local.get $m)) (i32.const 3)))
    (local.set $x (i32.add (local.get $rdiag) (i32.shl (local.get $n) (i32.const 3))))
    ;; Q^T b
    (block $d1 (loop $l1
      (br_if $d1 (i32.ge_u (local.get $k) (local.get $n)))
      (local.set $ck (i32.shl (i32.mul (local.get $k) (local.get $m)) (i32.const 3)))
      (local.set $s (f64.const 0))
      (local.set $i (local.get $k))
      (block $d2 (loop $l2
        (br_if $d2 (i32.ge_u (local.get $i) (local.get $m)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l2)))
      (local.set $s (f64.div (f64.neg (local.get $s)) (f64.load (i32.add (local.get $ck) (i32.shl (local.get $k) (i32.const 3))))))
      (local.set $i (local.get $k))
      (block $d3 (loop $l3
        (br_if $d3 (i32.ge_u (local.get $i) (local.get $m)))
        (f64.store (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))
          (f64.add (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.mul (local.get $s) (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l3)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $l1)))
    ;; R x = Q^T b, back substitution
    (local.set $k (local.get $n))
    (block $d4 (loop $l4
      (br_if $d4 (i32.eqz (local.get $k)))
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (local.set $xk (f64.div (f64.load (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))))
                              (f64.load (i32.add (local.get $rdiag) (i32.shl (local.get $k) (i32.const 3))))))
      (f64.store (i32.add (local.get $x) (i32.shl (local.get $k) (i32.const 3))) (local.get $xk))
      (local.set $ck (i32.shl (i32.mul (local.get $k) (local.get $m)) (i32.const 3)))
      (local.set $i (i32.const 0))
      (block $d5 (loop $l5
        (br_if $d5 (i32.ge_u (local.get $i) (local.get $k)))
        (f64.store (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))
          (f64.sub (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3))))
                   (f64.mul (local.get $xk) (f64.load (i32.add (local.get $ck) (i32.shl (local.get $i) (i32.const 3)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l5)))
      (br $l4)))
  )
)

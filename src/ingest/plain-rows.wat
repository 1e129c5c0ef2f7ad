;; The plain-row lane of the sweep reader (src/ingest/plain-rows.ts), compiled to WebAssembly at build time
;; (scripts/build-wasm.ts, by wabt).
;;
;; Why WebAssembly: a large fit reads every run once, in code that V8 has not optimised yet. Unoptimised
;; JavaScript boxes every double it computes and runs each byte of a cell through the interpreter; TurboFan
;; takes 20-30 ms on this kind of machine to compile the row loop, by which time a 20,000-run file is read.
;; WebAssembly runs compiled from its first call (Liftoff), with doubles unboxed.
;;
;; `scan` reads "plain" records — the common case, and nothing else:
;;   - cells separated by `delim`, the record ended by LF (or CR LF); no quote anywhere in the record, no other CR;
;;   - exactly `width` cells;
;;   - every cell of a role column (its role in the role table, >= 0) a decimal of the fast grammar below whose
;;     value is > 0 and finite.
;; It stops, without consuming it, at the first record that is anything else — or that is not complete
;; before `end` — and the JavaScript reader takes that record through its general path, which then raises
;; the error or warning it deserves (a quoted cell, a blank line, a wrong field count, a bad number, a
;; non-finite loss). So this lane decides nothing the general path would decide differently: it either reads
;; a record exactly as the general path would, or leaves it.
;;
;; The decimal grammar is `decimalFromBytes`' (src/ingest/number.ts) and so is the arithmetic: an optional
;; '+' (a '-' cannot give a positive value), digits with an optional point, an optional exponent of 1-4
;; digits; at most 15 significant digits and a decimal exponent within +-22 after moving the point. The
;; value is m*10^e or m/10^-e with m < 10^15 and 10^|e| exact doubles: one correctly rounded operation,
;; the double Number() gives (Clinger 1990, "How to read floating point numbers accurately", PLDI).
;;
;; Memory layout (bytes), shared with plain-rows.ts:
;;   [0, 184)        10^0 .. 10^22 as f64 (filled by `init`: each is exact, so repeated *10 is exact)
;;   [256, 4352)     role of each column as i32 (-1: not read), up to 1024 columns
;;   [in, in+len)    the bytes to scan (copied in by the caller)
;;   out             role r of row n at out + 8*(r*max + n)
;;   changes         for N (role 0) and D (role 1): the rows n at which the value differs from row n-1's (row 0
;;                   always), at changes + 4*(r*max + k), their number in $changesN / $changesD. Sweeps list a
;;                   group's runs together, so the sweep reader stores N and D as runs of one value
;;                   (src/sweep/run-store.ts RepeatColumn) and needs only where they change.
(module
  (memory (export "memory") 1)

  ;; Records read by the last `scan`, and whether it stopped at a record not complete before `end` (1) rather
  ;; than at one that is not plain or at `max` records (0).
  (global $rows (export "rows") (mut i32) (i32.const 0))
  (global $incomplete (export "incomplete") (mut i32) (i32.const 0))
  (global $changesN (export "changesN") (mut i32) (i32.const 0))
  (global $changesD (export "changesD") (mut i32) (i32.const 0))

  (func (export "init")
    (local $k i32)
    (local $p f64)
    (local.set $p (f64.const 1))
    (loop $next
      (f64.store (i32.shl (local.get $k) (i32.const 3)) (local.get $p))
      (local.set $p (f64.mul (local.get $p) (f64.const 10)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $next (i32.le_u (local.get $k) (i32.const 22)))))

  ;; The cell [i, e) as a positive decimal of the fast grammar; -1 when it is not one (not decided here).
  (func $decimal (export "decimal") (param $i i32) (param $e i32) (result f64)
    (local $d i32)
    (local $m f64)
    (local $significant i32)
    (local $exponent i32)
    (local $digits i32)
    (local $x i32)
    (local $expDigits i32)
    (local $negativeExp i32)
    (local $c i32)
    (if (i32.ge_u (local.get $i) (local.get $e)) (then (return (f64.const -1))))
    (if (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2b))
      (then (local.set $i (i32.add (local.get $i) (i32.const 1)))))
    ;; Integer digits (leading zeros are not significant).
    (block $done
      (loop $digit
        (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
        (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 0x30)))
        (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (if (i32.or (f64.ne (local.get $m) (f64.const 0)) (i32.ne (local.get $d) (i32.const 0)))
          (then
            (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
            (local.set $significant (i32.add (local.get $significant) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $digit)))
    ;; Fraction digits: each moves the decimal exponent down by one.
    (if (i32.and (i32.lt_u (local.get $i) (local.get $e)) (i32.eq (i32.load8_u (local.get $i)) (i32.const 0x2e)))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (block $done
          (loop $digit
            (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
            (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 0x30)))
            (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
            (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
            (local.set $exponent (i32.sub (local.get $exponent) (i32.const 1)))
            (if (i32.or (f64.ne (local.get $m) (f64.const 0)) (i32.ne (local.get $d) (i32.const 0)))
              (then
                (local.set $m (f64.add (f64.mul (local.get $m) (f64.const 10)) (f64.convert_i32_u (local.get $d))))
                (local.set $significant (i32.add (local.get $significant) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $digit)))))
    (if (i32.or (i32.eqz (local.get $digits)) (i32.gt_u (local.get $significant) (i32.const 15)))
      (then (return (f64.const -1))))
    ;; Exponent: e or E, an optional sign, 1-4 digits.
    (if (i32.and (i32.lt_u (local.get $i) (local.get $e)) (i32.eq (i32.or (i32.load8_u (local.get $i)) (i32.const 0x20)) (i32.const 0x65)))
      (then
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (if (i32.lt_u (local.get $i) (local.get $e))
          (then
            (local.set $c (i32.load8_u (local.get $i)))
            (if (i32.or (i32.eq (local.get $c) (i32.const 0x2d)) (i32.eq (local.get $c) (i32.const 0x2b)))
              (then
                (local.set $negativeExp (i32.eq (local.get $c) (i32.const 0x2d)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))))))
        (block $done
          (loop $digit
            (br_if $done (i32.ge_u (local.get $i) (local.get $e)))
            (local.set $d (i32.sub (i32.load8_u (local.get $i)) (i32.const 0x30)))
            (br_if $done (i32.gt_u (local.get $d) (i32.const 9)))
            (local.set $expDigits (i32.add (local.get $expDigits) (i32.const 1)))
            (br_if $done (i32.gt_u (local.get $expDigits) (i32.const 4)))
            (local.set $x (i32.add (i32.mul (local.get $x) (i32.const 10)) (local.get $d)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $digit)))
        (if (i32.or (i32.eqz (local.get $expDigits)) (i32.gt_u (local.get $expDigits) (i32.const 4)))
          (then (return (f64.const -1))))
        (local.set $exponent
          (if (result i32) (local.get $negativeExp)
            (then (i32.sub (local.get $exponent) (local.get $x)))
            (else (i32.add (local.get $exponent) (local.get $x)))))))
    ;; Anything left in the cell (a blank, a letter, a second point): not decided here.
    (if (i32.ne (local.get $i) (local.get $e)) (then (return (f64.const -1))))
    (if (f64.eq (local.get $m) (f64.const 0)) (then (return (f64.const -1))))
    (if (i32.eqz (local.get $exponent)) (then (return (local.get $m))))
    (if (i32.and (i32.gt_s (local.get $exponent) (i32.const 0)) (i32.le_s (local.get $exponent) (i32.const 22)))
      (then (return (f64.mul (local.get $m) (f64.load (i32.shl (local.get $exponent) (i32.const 3)))))))
    (if (i32.and (i32.lt_s (local.get $exponent) (i32.const 0)) (i32.ge_s (local.get $exponent) (i32.const -22)))
      (then (return (f64.div (local.get $m) (f64.load (i32.shl (i32.sub (i32.const 0) (local.get $exponent)) (i32.const 3)))))))
    (f64.const -1))

  ;; Read plain records from [i, end), at most `max`, writing role values to `out` (the batch role, 3,
  ;; multiplied by `batchScale`); returns where the first record not read starts, and sets $rows.
;; Changes of N and D are recorded for the rows of this call (see the layout above).
  (func (export "scan") (param $i i32) (param $end i32) (param $delim i32) (param $width i32) (param $out i32) (param $max i32) (param $batchScale f64) (param $changes i32) (result i32)
    (local $start i32)
    (local $cell i32)
    (local $k i32)
    (local $c i32)
    (local $col i32)
    (local $role i32)
    (local $cellEnd i32)
    (local $v f64)
    (local $n i32)
    (local $cn i32)
    (local $cd i32)
    (local $p i32)
    (global.set $incomplete (i32.const 0))
    (block $stop
      (loop $record
        (local.set $start (local.get $i))
        (br_if $stop (i32.ge_u (local.get $n) (local.get $max)))
        (local.set $col (i32.const 0))
        (local.set $cell (local.get $i))
        (loop $nextCell
          ;; The cell runs to the delimiter or the line break.
          (local.set $k (local.get $cell))
          (block $found
            (loop $byte
              (if (i32.ge_u (local.get $k) (local.get $end))
                (then
                  (global.set $incomplete (i32.const 1))
                  (br $stop)))
              (local.set $c (i32.load8_u (local.get $k)))
              (br_if $found (i32.eq (local.get $c) (local.get $delim)))
              (br_if $found (i32.eq (local.get $c) (i32.const 0x0a)))
              (br_if $stop (i32.eq (local.get $c) (i32.const 0x22)))
              (br_if $found (i32.eq (local.get $c) (i32.const 0x0d)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (br $byte)))
          (local.set $cellEnd (local.get $k))
          (if (i32.eq (local.get $c) (i32.const 0x0d))
            (then
              ;; A CR only as the first half of a CR LF line break.
              (if (i32.ge_u (i32.add (local.get $k) (i32.const 1)) (local.get $end))
                (then
                  (global.set $incomplete (i32.const 1))
                  (br $stop)))
              (br_if $stop (i32.ne (i32.load8_u (i32.add (local.get $k) (i32.const 1))) (i32.const 0x0a)))
              (local.set $k (i32.add (local.get $k) (i32.const 1)))
              (local.set $c (i32.const 0x0a))))
          (br_if $stop (i32.ge_u (local.get $col) (local.get $width)))
          (local.set $role (i32.load (i32.add (i32.const 256) (i32.shl (local.get $col) (i32.const 2)))))
          (if (i32.ge_s (local.get $role) (i32.const 0))
            (then
              (local.set $v (call $decimal (local.get $cell) (local.get $cellEnd)))
              ;; > 0 and finite (NaN fails both).
              (br_if $stop (i32.eqz (f64.gt (local.get $v) (f64.const 0))))
              (br_if $stop (i32.eqz (f64.lt (local.get $v) (f64.const inf))))
              (if (i32.eq (local.get $role) (i32.const 3))
                (then (local.set $v (f64.mul (local.get $v) (local.get $batchScale)))))
              (f64.store
                (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (local.get $role) (local.get $max)) (local.get $n)) (i32.const 3)))
                (local.get $v))))
          (local.set $col (i32.add (local.get $col) (i32.const 1)))
          (local.set $cell (i32.add (local.get $k) (i32.const 1)))
          (br_if $nextCell (i32.eq (local.get $c) (local.get $delim))))
        (br_if $stop (i32.ne (local.get $col) (local.get $width)))
        ;; Where N and D change (row 0: always; compared as doubles, all positive and finite here).
        (local.set $p (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
        (if (i32.or (i32.eqz (local.get $n)) (f64.ne (f64.load (local.get $p)) (f64.load (i32.sub (local.get $p) (i32.const 8)))))
          (then
            (i32.store (i32.add (local.get $changes) (i32.shl (local.get $cn) (i32.const 2))) (local.get $n))
            (local.set $cn (i32.add (local.get $cn) (i32.const 1)))))
        (local.set $p (i32.add (local.get $p) (i32.shl (local.get $max) (i32.const 3))))
        (if (i32.or (i32.eqz (local.get $n)) (f64.ne (f64.load (local.get $p)) (f64.load (i32.sub (local.get $p) (i32.const 8)))))
          (then
            (i32.store (i32.add (local.get $changes) (i32.shl (i32.add (local.get $max) (local.get $cd)) (i32.const 2))) (local.get $n))
            (local.set $cd (i32.add (local.get $cd) (i32.const 1)))))
        (local.set $i (local.get $cell))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $record)))
    (global.set $rows (local.get $n))
    (global.set $changesN (local.get $cn))
    (global.set $changesD (local.get $cd))
    (local.get $start))
)

#!/usr/bin/env bash
# Same seed, same bits, whatever the thread count and the SIMD width. The kernels only ever vectorise
# across independent outputs and reduce in a fixed order (src/engine/kernels/simd.h), so a training run's
# weights file must be byte-identical from:
#   build/native     the machine's width (AVX-512: 16 floats), on 1 and 2 threads
#   build/native-w4  4-float vectors (the SSE / SIMD128 width)
#   build/native-w1  SIMD off: one float per vector, scalar code
# All three use FMA where the machine has it. The WebAssembly build has no FMA (a multiply and an add
# round twice), so its bits differ; it is held to the PyTorch goldens within float tolerance instead.
# As a control, a different seed must change the bits.
# Prints "same-bits: N passed, M failed"; exits 1 on any failure.
#   tests/same_bits.sh            (after build/native; builds build/native-w1 and build/native-w4)
set -uo pipefail
cd "$(dirname "$0")/.."
JOBS=${JOBS:-2}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
passed=0
failed=0
check() {  # check NAME COMMAND...
  if "${@:2}"; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi
}

for w in 1 4; do
  B=build/native-w$w
  if ! { cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DLAYERLAB_SIMD_WIDTH=$w >"$OUT/cmake-w$w.log" 2>&1 &&
         cmake --build "$B" -j"$JOBS" --target layerlab >"$OUT/build-w$w.log" 2>&1; }; then
    tail -30 "$OUT/cmake-w$w.log" "$OUT/build-w$w.log"
    echo "same-bits: $passed passed, 1 failed"
    exit 1
  fi
done

# name | model | training options (every layer family, four optimizers, train-mode randomness in Dropout)
CASES=(
  "standard-adam|standard|--optimizer adam --lr 0.001 --batch-size 32 --limit 640"
  "every-layer-sgd|tests/models/every-layer.json|--optimizer sgd --momentum 0.9 --nesterov --lr 0.02 --batch-size 16 --limit 320 --l1 0.0001"
  "cross-iteration-rmsprop|assets/models/norm-experiment/cross-iteration-bn.json|--optimizer rmsprop --lr 0.001 --batch-size 8 --limit 320"
  "every-layer-adamw|tests/models/every-layer.json|--optimizer adamw --lr 0.003 --batch-size 5 --limit 200"
)
train() {  # train BUILD_DIR THREADS SEED OUT MODEL OPTIONS...
  local bin=$1/layerlab threads=$2 seed=$3 out=$4 model=$5
  shift 5
  "$bin" train "$model" --data fashion-mnist --epochs 1 --test-limit 100 --seed "$seed" --threads "$threads" \
    --out "$out" "$@" >"$out.log" 2>&1 || { cat "$out.log"; return 1; }
}
for c in "${CASES[@]}"; do
  IFS='|' read -r name model opts <<<"$c"
  # shellcheck disable=SC2086
  { train build/native 1 3 "$OUT/$name-ref" "$model" $opts &&
    train build/native 2 3 "$OUT/$name-t2" "$model" $opts &&
    train build/native-w4 1 3 "$OUT/$name-w4" "$model" $opts &&
    train build/native-w1 1 3 "$OUT/$name-w1" "$model" $opts &&
    train build/native-w1 2 3 "$OUT/$name-w1t2" "$model" $opts &&
    train build/native 1 4 "$OUT/$name-seed4" "$model" $opts; } || { echo "FAIL: $name: training failed"; failed=$((failed + 1)); continue; }
  check "$name: 2 threads = 1 thread" cmp -s "$OUT/$name-ref" "$OUT/$name-t2"
  check "$name: 4-float vectors = the machine's width" cmp -s "$OUT/$name-ref" "$OUT/$name-w4"
  check "$name: SIMD off = the machine's width" cmp -s "$OUT/$name-ref" "$OUT/$name-w1"
  check "$name: SIMD off on 2 threads = the machine's width" cmp -s "$OUT/$name-ref" "$OUT/$name-w1t2"
  check "$name: another seed gives other bits (control)" bash -c "! cmp -s '$OUT/$name-ref' '$OUT/$name-seed4'"
done
echo "same-bits: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

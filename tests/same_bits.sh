#!/usr/bin/env bash
# Same seed, same bits, whatever the thread count and the kernels' instruction set. The kernels only ever
# vectorise across independent outputs and reduce in a fixed order (src/engine/kernels/simd.h), so a
# training run's weights file must be byte-identical from:
#   build/native, the portable build, with each copy of its kernels (LAYERLAB_SIMD, kernels/isa.h):
#     avx512 (16 floats) and avx2 (8), both with fused multiply-adds, on 1 and 2 threads;
#     sse (4 floats, no FMA), on 1 and 2 threads
#   build/native-w1  SIMD off: one float per vector, scalar code, no FMA, on 1 and 2 threads
# The AVX copies agree with each other; sse and SIMD off agree with each other. The two groups differ in
# the last bits only because a fused multiply-add rounds once where a multiply and an add round twice.
# Likewise the WebAssembly build (no FMA) is held to the PyTorch goldens within float tolerance.
# On a processor without AVX-512 the avx512 runs are skipped (and said so), not counted as passed.
# As a control, a different seed must change the bits.
# Prints "same-bits: N passed, M failed"; exits 1 on any failure.
#   tests/same_bits.sh            (after build/native; builds build/native-w1)
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

B=build/native-w1
if ! { cmake -S . -B "$B" -DCMAKE_BUILD_TYPE=Release -DLAYERLAB_SIMD_WIDTH=1 >"$OUT/cmake-w1.log" 2>&1 &&
       cmake --build "$B" -j"$JOBS" --target layerlab >"$OUT/build-w1.log" 2>&1; }; then
  tail -30 "$OUT/cmake-w1.log" "$OUT/build-w1.log"
  echo "same-bits: $passed passed, 1 failed"
  exit 1
fi
# What this processor runs: LAYERLAB_SIMD=avx512 falls back (with a warning) where it has no AVX-512.
has_avx512=1
LAYERLAB_SIMD=avx512 build/native/layerlab bench --nets tiny --seconds 0.01 --no-conv 2>&1 | grep -q "avx512 kernels" || has_avx512=0
[ $has_avx512 -eq 1 ] || echo "note: this processor has no AVX-512; the avx512 runs are skipped"

# name | model | training options (every layer family, four optimizers, train-mode randomness in Dropout)
CASES=(
  "standard-adam|standard|--optimizer adam --lr 0.001 --batch-size 32 --limit 640"
  "every-layer-sgd|tests/models/every-layer.json|--optimizer sgd --momentum 0.9 --nesterov --lr 0.02 --batch-size 16 --limit 320 --l1 0.0001"
  "cross-iteration-rmsprop|assets/models/norm-experiment/cross-iteration-bn.json|--optimizer rmsprop --lr 0.001 --batch-size 8 --limit 320"
  "every-layer-adamw|tests/models/every-layer.json|--optimizer adamw --lr 0.003 --batch-size 5 --limit 200"
)
train() {  # train BUILD_DIR KERNELS THREADS SEED OUT MODEL OPTIONS...
  local bin=$1/layerlab kernels=$2 threads=$3 seed=$4 out=$5 model=$6
  shift 6
  LAYERLAB_SIMD=$kernels "$bin" train "$model" --data fashion-mnist --epochs 1 --test-limit 100 --seed "$seed" \
    --threads "$threads" --out "$out" "$@" >"$out.log" 2>&1 || { cat "$out.log"; return 1; }
}
N=build/native
W1=build/native-w1
for c in "${CASES[@]}"; do
  IFS='|' read -r name model opts <<<"$c"
  r=$OUT/$name
  # shellcheck disable=SC2086
  { train $N avx2 1 3 "$r-avx2" "$model" $opts &&
    train $N avx2 2 3 "$r-avx2-t2" "$model" $opts &&
    { [ $has_avx512 -eq 0 ] || { train $N avx512 1 3 "$r-avx512" "$model" $opts &&
                                 train $N avx512 2 3 "$r-avx512-t2" "$model" $opts; }; } &&
    train $N sse 1 3 "$r-sse" "$model" $opts &&
    train $N sse 2 3 "$r-sse-t2" "$model" $opts &&
    train $W1 "" 1 3 "$r-w1" "$model" $opts &&
    train $W1 "" 2 3 "$r-w1t2" "$model" $opts &&
    train $N avx2 1 4 "$r-seed4" "$model" $opts; } || { echo "FAIL: $name: training failed"; failed=$((failed + 1)); continue; }
  check "$name: avx2 on 2 threads = avx2 on 1" cmp -s "$r-avx2" "$r-avx2-t2"
  if [ $has_avx512 -eq 1 ]; then
    check "$name: avx512 (16 floats) = avx2 (8 floats)" cmp -s "$r-avx2" "$r-avx512"
    check "$name: avx512 on 2 threads = avx2" cmp -s "$r-avx2" "$r-avx512-t2"
  fi
  check "$name: sse on 2 threads = sse on 1" cmp -s "$r-sse" "$r-sse-t2"
  check "$name: SIMD off (1 float) = sse (4 floats)" cmp -s "$r-sse" "$r-w1"
  check "$name: SIMD off on 2 threads = sse" cmp -s "$r-sse" "$r-w1t2"
  check "$name: another seed gives other bits (control)" bash -c "! cmp -s '$r-avx2' '$r-seed4'"
done
echo "same-bits: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

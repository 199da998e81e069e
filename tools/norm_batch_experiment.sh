#!/usr/bin/env bash
# The Normalization lab's batch-size experiment, after the Group Normalization paper's (Wu & He 2018, fig. 1).
#
# Network: the tiny network (conv 8 -> pool -> conv 16 -> pool) with a hidden layer of 64 units before the
# classifier, written as a 7x7 convolution over the 16x7x7 maps so its output is 64x1x1; a normalization layer
# follows every convolution (assets/models/norm-experiment/*.json: BatchNorm2d, GroupNorm with 4 groups, or
# CrossIterationBatchNorm2d with window 8 and 1,000 burn-in iterations). The hidden layer is where batch size
# matters: after the 3x3 convolutions BatchNorm's statistics pool N x 28 x 28 or N x 14 x 14 values per channel,
# after the 1x1-output convolution only N.
#
# Training, the same for every family and batch size: `layerlab train` on the 60,000 Fashion-MNIST training
# images for EPOCHS epochs, SGD with momentum 0.9 and the linear scaling rule lr = LR_BASE * batch / 32 (as the
# GN paper; every batch size then takes about the same path per image), cosine schedule; tested in eval mode
# (BatchNorm and CrossIterationBN use their running statistics) on the 10,000 test images. Each cell is the
# mean over SEEDS seeds, the min..max range beside it. Prints a markdown table; the runs' output goes to LOG.
#   tools/norm_batch_experiment.sh                        # defaults: 36 runs, ~15 minutes on two idle cores
#   EPOCHS=1 SEEDS="0" tools/norm_batch_experiment.sh      # quicker
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERLAB=${LAYERLAB:-build/native/layerlab}
EPOCHS=${EPOCHS:-2}
LR_BASE=${LR_BASE:-0.05}
SEEDS=${SEEDS:-"0 1 2"}
BATCHES=${BATCHES:-"32 8 4 2"}
JOBS=${JOBS:-2}
DIR=assets/models/norm-experiment
FAMILIES="batchnorm groupnorm cross-iteration-bn"
LOG=${LOG:-build/norm_batch_experiment.log}
# Every run's accuracy, for the Normalization lab's batch-size view (src/app/panels/norm_batch_noise.cpp).
RESULTS=${RESULTS:-$DIR/results.json}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
mkdir -p "$(dirname "$LOG")"

[ -x "$LAYERLAB" ] || { echo "missing $LAYERLAB: build it with cmake --build build/native --target layerlab" >&2; exit 1; }

# One line per run: family batch seed lr. The runs are independent, so JOBS of them go at once.
for fam in $FAMILIES; do
  for b in $BATCHES; do
    for s in $SEEDS; do
      echo "$fam $b $s $(awk -v b="$b" -v l="$LR_BASE" 'BEGIN { printf "%.6g", l * b / 32 }')"
    done
  done
done | xargs -P "$JOBS" -L 1 sh -c '
  out="$3/$4-$5-$6.out"
  "$0" train "$1/$4.json" --data fashion-mnist --epochs "$2" --batch-size "$5" --test-limit 10000 \
      --optimizer sgd --momentum 0.9 --lr "$7" --seed "$6" > "$out" 2>&1 || true
  echo "  $4 batch $5 seed $6 (lr $7): $(tail -n 1 "$out")" >&2
' "$LAYERLAB" "$DIR" "$EPOCHS" "$OUT"

: > "$LOG"
declare -A ACC
for fam in $FAMILIES; do
  for b in $BATCHES; do
    vals=""
    for s in $SEEDS; do
      f="$OUT/$fam-$b-$s.out"
      { echo "== $fam batch $b seed $s"; cat "$f"; } >> "$LOG"
      acc=$(sed -n 's/^final test accuracy: \([0-9.]*\).*/\1/p' "$f")
      [ -n "$acc" ] || { echo "no accuracy for $fam batch $b seed $s (see $LOG)" >&2; acc=nan; }
      vals="$vals $acc"
    done
    ACC[$fam,$b]=$(echo "$vals" | awk '{s=0; mn=1e9; mx=-1e9; n=0; for(i=1;i<=NF;i++){if($i=="nan")continue; s+=$i; n++; if($i<mn)mn=$i; if($i>mx)mx=$i}
      if(n==0) print "failed"; else if(n==1) printf "%.1f%%", 100*s; else printf "%.1f%% (%.1f–%.1f)", 100*s/n, 100*mn, 100*mx}')
  done
done

# results.json: {"batches": [...], "seeds": [...], "accuracy": {family: [[seed runs] per batch]}, ...}
/usr/bin/python3 - "$LOG" "$RESULTS" "$EPOCHS" "$LR_BASE" "$BATCHES" "$SEEDS" "$FAMILIES" <<'PY'
import json, re, sys
log, out, epochs, lr, batches, seeds, families = sys.argv[1:]
batches, seeds, families = [int(b) for b in batches.split()], [int(s) for s in seeds.split()], families.split()
acc, key = {}, None
for line in open(log):
    m = re.match(r"== (\S+) batch (\d+) seed (\d+)", line)
    if m:
        key = (m[1], int(m[2]), int(m[3]))
    m = re.match(r"final test accuracy: ([0-9.]+)", line)
    if m and key:
        acc[key] = float(m[1])
json.dump({"what": "Fashion-MNIST test accuracy (10,000 images, eval mode) of tools/norm_batch_experiment.sh",
           "epochs": int(epochs), "lr_base": float(lr), "optimizer": "sgd, momentum 0.9, lr = lr_base * batch / 32, cosine",
           "batches": batches, "seeds": seeds,
           "accuracy": {f: [[acc.get((f, b, s)) for s in seeds] for b in batches] for f in families}},
          open(out, "w"), indent=1)
PY

echo "Test accuracy (%) on the 10,000 Fashion-MNIST test images after $EPOCHS epoch(s), SGD momentum 0.9, lr $LR_BASE x batch/32, cosine schedule; mean over seeds {$SEEDS} (min–max)."
echo
hdr="| normalization |"; sep="|---|"
for b in $BATCHES; do hdr="$hdr batch $b |"; sep="$sep---|"; done
echo "$hdr"; echo "$sep"
for fam in $FAMILIES; do
  case $fam in
    batchnorm) name="BatchNorm2d";;
    groupnorm) name="GroupNorm (4 groups)";;
    cross-iteration-bn) name="CrossIterationBatchNorm2d (window 8)";;
  esac
  row="| $name |"
  for b in $BATCHES; do row="$row ${ACC[$fam,$b]} |"; done
  echo "$row"
done

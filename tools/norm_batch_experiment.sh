#!/usr/bin/env bash
# The Normalization lab's batch-size experiment: the tiny network (assets/models/tiny-fashion.json) with
# its two BatchNorm2d layers replaced by BatchNorm2d, GroupNorm (num_groups 4) or CrossIterationBatchNorm2d
# (window 4, compensated), trained by `layerlab train` on Fashion-MNIST at batch sizes 32, 8, 4, 2 and 1 with the
# SAME number of images seen (LIMIT train images, 1 epoch: small batches take more, smaller steps), the same
# optimizer and learning rate for every family and batch size (Adam, LR, cosine schedule), and tested on
# TEST_LIMIT test images in eval mode (BatchNorm and CrossIterationBN then use their running statistics).
# Each cell is the mean over SEEDS seeds (the min..max range beside it). Prints a markdown table.
#   tools/norm_batch_experiment.sh                      # defaults below: 45 runs, ~30 minutes on a loaded core
#   LIMIT=6000 SEEDS="0" tools/norm_batch_experiment.sh  # quicker
set -euo pipefail
cd "$(dirname "$0")/.."
LAYERLAB=${LAYERLAB:-build/native/layerlab}
LIMIT=${LIMIT:-12000}
TEST_LIMIT=${TEST_LIMIT:-2000}
LR=${LR:-0.002}
SEEDS=${SEEDS:-"0 1 2"}
BATCHES=${BATCHES:-"32 8 4 2 1"}
DIR=assets/models/norm-experiment
FAMILIES="batchnorm groupnorm cross-iteration-bn"
LOG=${LOG:-build/norm_batch_experiment.log}
mkdir -p "$(dirname "$LOG")"
: > "$LOG"

[ -x "$LAYERLAB" ] || { echo "missing $LAYERLAB: build it with cmake --build build/native --target layerlab" >&2; exit 1; }

declare -A ACC
for fam in $FAMILIES; do
  for b in $BATCHES; do
    vals=""
    for s in $SEEDS; do
      out=$("$LAYERLAB" train "$DIR/$fam.json" --data fashion-mnist --epochs 1 --batch-size "$b" \
              --limit "$LIMIT" --test-limit "$TEST_LIMIT" --optimizer adam --lr "$LR" --seed "$s" 2>>"$LOG")
      echo "$fam batch $b seed $s: $out" >> "$LOG"
      acc=$(printf '%s\n' "$out" | sed -n 's/^final test accuracy: \([0-9.]*\).*/\1/p')
      [ -n "$acc" ] || { echo "no accuracy for $fam batch $b seed $s (see $LOG)" >&2; acc=nan; }
      vals="$vals $acc"
      echo "  $fam batch $b seed $s: $acc" >&2
    done
    ACC[$fam,$b]=$(echo "$vals" | awk '{s=0; mn=1e9; mx=-1e9; n=0; for(i=1;i<=NF;i++){if($i=="nan")continue; s+=$i; n++; if($i<mn)mn=$i; if($i>mx)mx=$i}
      if(n==0) print "diverged"; else if(n==1) printf "%.1f%%", 100*s; else printf "%.1f%% (%.1f–%.1f)", 100*s/n, 100*mn, 100*mx}')
  done
done

echo "Test accuracy (%) on $TEST_LIMIT Fashion-MNIST test images after $LIMIT training images (1 epoch), Adam lr $LR, cosine schedule; mean over seeds {$SEEDS} (min–max)."
echo
hdr="| normalization |"; sep="|---|"
for b in $BATCHES; do hdr="$hdr batch $b |"; sep="$sep---|"; done
echo "$hdr"; echo "$sep"
for fam in $FAMILIES; do
  case $fam in
    batchnorm) name="BatchNorm2d";;
    groupnorm) name="GroupNorm (4 groups)";;
    cross-iteration-bn) name="CrossIterationBatchNorm2d (window 4)";;
  esac
  row="| $name |"
  for b in $BATCHES; do row="$row ${ACC[$fam,$b]} |"; done
  echo "$row"
done

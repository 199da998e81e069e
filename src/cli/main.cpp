// layerlab: the headless tool. Each subcommand lives in its own file; bad input of any kind ends with
// one line on stderr and exit status 2 (README, "Bad input and what the tool answers").
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>

#include "cli/common.h"

namespace {

const char* kUsage = R"(LayerLab: a convolutional network engine you can see into.

usage: layerlab <command> [options]

  info MODEL.json [--json]                  every layer: output shape, parameters, multiply-adds, receptive field
  run MODEL.json --weights W --input X --out OUT [--mode train|eval]
                                            one pass, writing every layer's output (and gradients, given grad_output)
  fit MODEL.json --weights W --data D --loss cross_entropy|mse --optimizer O --lr F --steps K --out W2
      [--momentum F] [--dampening F] [--nesterov] [--weight-decay F] [--l1 F] [--betas F,F] [--eps F]
      [--alpha F] [--centered] [--batch-size B] [--no-shuffle] [--mode train|eval]
  train MODEL.json|tiny|standard --data fashion-mnist|mnist|DIR --epochs N --batch-size B
      --optimizer sgd|adagrad|rmsprop|adam|adamw [--lr F ...] [--out W.safetensors] [--seed S]
      [--schedule constant|step|cosine (default cosine)] [--warmup-steps N] [--l1 F]
      [--init default|he|xavier|continue] [--weights W] [--train-size N] [--val-size M] [--test-limit N]
      [--patience P] [--restore-best] [--history H.json]   exit status 3 when the run diverges
  export-pytorch MODEL.json [--weights W]  prints a PyTorch script building the same network
  export-pytorch MODEL.json --train --script RUN.py [train's flags]
                                            writes RUN.py reproducing that `train` run in torch (python3 or
                                            torchrun) and RUN.init.safetensors, its initial weights
  input --model MODEL.json (--image FILE | --data fashion-mnist|mnist|DIR --index I) --out X.safetensors
                                            a network input built as the page's Network lab builds it
  bench [--threads N] [--json] [--layers]   training and inference speed of the reference networks
  optimize --surface S --optimizer O --lr F --steps N [--start X,Y] [--condition K] [--scaled] [--l1 F] ...
                                            an optimizer on a 2-D loss surface, as CSV step,x,y,loss
  detect-eval --gt GT.json --dt DT.json [--json]
                                            COCO's twelve bbox figures (as pycocotools) and VOC AP per category
  boxes iou --boxes A.json --against B.json  pairwise IoU of [x1, y1, x2, y2] boxes (torchvision's box_iou)
  boxes nms --boxes A.json --scores S.json --iou T
                                            the kept indices in descending score (torchvision's nms)

  info, run, fit, export-pytorch and input take --max-memory MB (default 1024), what a model may hold.
  Exit status: 0 done, 2 bad input (one line on stderr naming the file, layer or key), 3 the run diverged.
)";

int dispatch(int argc, char** argv) {
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "-h")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? llcli::kExitUsage : 0;
    }
    const char* cmd = argv[1];
    if (!std::strcmp(cmd, "info")) return llcli::cmd_info(argc, argv);
    if (!std::strcmp(cmd, "run")) return llcli::cmd_run(argc, argv);
    if (!std::strcmp(cmd, "fit")) return llcli::cmd_fit(argc, argv);
    if (!std::strcmp(cmd, "train")) return llcli::cmd_train(argc, argv);
    if (!std::strcmp(cmd, "export-pytorch")) return llcli::cmd_export_pytorch(argc, argv);
    if (!std::strcmp(cmd, "bench")) return llcli::cmd_bench(argc, argv);
    if (!std::strcmp(cmd, "optimize")) return llcli::cmd_optimize(argc, argv);
    if (!std::strcmp(cmd, "input")) return llcli::cmd_input(argc, argv);
    if (!std::strcmp(cmd, "detect-eval")) return llcli::cmd_detect_eval(argc, argv);
    if (!std::strcmp(cmd, "boxes")) return llcli::cmd_boxes(argc, argv);
    if (!std::strcmp(cmd, "export-dataset")) return llcli::cmd_export_dataset(argc, argv);
    return llcli::fail(std::string("unknown command '") + cmd + "' (see layerlab --help)");
}

}  // namespace

// The engine refuses what it can foresee (Model's memory limit, file size limits), but the machine may
// still have less memory than the limit allows: an allocation that fails ends like any other bad
// input, with one line and status 2, instead of std::terminate's abort.
int main(int argc, char** argv) {
    try {
        return dispatch(argc, argv);
    } catch (const std::bad_alloc&) {
        return llcli::fail(std::string(argc > 1 ? argv[1] : "layerlab") +
                           ": out of memory (the input needs more than this machine can allocate)");
    } catch (const std::length_error& e) {
        return llcli::fail(std::string(argc > 1 ? argv[1] : "layerlab") + ": a size is too large (" + e.what() + ")");
    }
}

// TrainingService: one TrainingRun (training_run.h) behind JSON messages, so the page's Web Workers and
// the desktop's threads (src/platform) run the Training lab's runs the same way, and the lab (src/app)
// only reads messages. The lab sends a request; the service answers with progress messages while the
// run trains and one final message when it ends, and hands out the trained weights.
//
// Request: {"model": <model JSON>, "data": "fashion-mnist" | "mnist", "config": <RunConfig JSON>,
//   "threads": the engine threads the platform should give the run (optional, default 1)}. The thread
//   count is not part of the RunConfig: it never changes the results (engine/parallel.h), only the speed,
//   and the platform decides what it can give (the page's two-thread worker needs cross-origin isolation).
// Progress: {"kind": "progress", "state", "epoch", "epochs", "step", "total_steps", "images_done",
//   "images_per_epoch", "loss_mean", "images_per_second", "lr", "losses": [the step losses not sent yet],
//   "history": [{"epoch", "train_loss", "train_acc", "val_loss", "val_acc"}...], "best_epoch",
//   "layers": [{"layer", "type", "has_params", "zeros", "near_zero", "total", "grad_norm", "out_mean",
//   "out_std", "hist_range", "hist": [...]}] (the statistics of the last epoch end, when new, else absent)}.
// Final: the same keys with "kind" "done" (finished or stopped early), "stopped" (by the user) or
//   "failed" (divergence or a refused request, "error" says why), plus "restored_best" and "test":
//   {"loss", "acc", "count", "confusion": C x C (rows = true class), "class_acc", "misses": [[index,
//   label, predicted], ...]} once the test set was evaluated.
#pragma once
#include <string>

#include "engine/data/dataset.h"
#include "engine/json.h"
#include "engine/model.h"
#include "engine/safetensors.h"
#include "engine/training_run.h"

namespace ll {

class TrainingService {
public:
    // Parses the request and starts the run on train / test (which must outlive the service). initial:
    // the weights to begin from (config "init": "continue"), else null. Returns the first message: a
    // progress message, or "failed" with the reason.
    Json start(const std::string& request_json, const Dataset& train, const Dataset& test, const TensorFile* initial);
    // The data set the request names ("fashion-mnist", "mnist"), before start; "" when unreadable.
    static std::string request_data(const std::string& request_json);
    // The request's "threads", at least 1 (1 when absent or not a whole number); before start, for the
    // platform's set_num_threads.
    static int request_threads(const std::string& request_json);

    // Runs at most max_steps steps; returns whether the run goes on.
    bool run(int max_steps);
    bool ended() const { return failed_ || stopped_ || run_.ended(); }
    // The next message (progress while running, then the final one). images_per_second is the
    // caller's measure (the engine reads no clock).
    Json message(double images_per_second);
    // Ends a running run as stopped by the user and returns its final message.
    Json stop(double images_per_second);
    int64_t images_processed() const { return run_.images_processed(); }
    // The trained weights (the model's state_dict) as safetensors bytes; "" before a successful start.
    std::string weights();

private:
    Json failure(const std::string& why);
    Model model_;
    TrainingRun run_;
    bool started_ = false, failed_ = false, stopped_ = false;
    std::string error_;
    size_t losses_sent_ = 0, stats_sent_ = 0;
};

}  // namespace ll

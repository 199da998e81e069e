// The Training lab's "Export PyTorch script": a run's settings and model as the two files
// `layerlab export-pytorch --train` writes (engine/pytorch_export.h), so the script reproduces the run.
#pragma once
#include <string>

#include "app/train_runs.h"
#include "engine/status.h"

namespace ll::app {

struct RunScriptFiles {
    std::string script_name, script;  // "layerlab-run-3.py"
    std::string init_name, init;      // "layerlab-run-3.init.safetensors": the run's initial weights
};

// Error: a run whose initial weights are gone ("continue" from weights this page no longer has), or a
// model or config the engine refuses.
Status run_pytorch_files(const TrainRun& r, RunScriptFiles& out);

}  // namespace ll::app

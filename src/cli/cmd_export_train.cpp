// `layerlab export-pytorch MODEL.json --train [train's flags] --script run.py`: writes run.py, a PyTorch
// script reproducing `layerlab train MODEL.json [the same flags]` (engine/pytorch_export.h), and beside it
// run.init.safetensors, the run's initial weights (the engine's init from --seed, or --weights), which the
// script loads. --history and --out become the script's own defaults for what it writes.
#include <cstdio>
#include <filesystem>

#include "cli/common.h"
#include "engine/pytorch_export.h"

namespace llcli {

namespace {

// run.py -> run.init.safetensors (beside it)
std::string init_path_for(const std::string& script) {
    std::string stem = script;
    if (stem.size() > 3 && stem.compare(stem.size() - 3, 3, ".py") == 0) stem.resize(stem.size() - 3);
    return stem + ".init.safetensors";
}

}  // namespace

int cmd_export_train(int argc, char** argv) {
    std::set<std::string> flags = bool_flags();
    flags.insert("train");
    Args a(argc, argv, 2, flags);
    a.flag("train");
    const std::string script = a.str("script");
    const ll::MemoryLimit limit = read_memory_limit(a);
    TrainFlags f;
    if (ll::Status st = read_train_flags(a, f); !st) return fail(st);
    if (a.positional().size() != 1 || script.empty())
        return fail("usage: layerlab export-pytorch MODEL.json --train --script RUN.py [layerlab train's flags]");
    ll::Model m;
    if (ll::Status st = load_model(a.positional()[0], m, limit); !st) return fail(st);
    if (!f.weights.empty()) {
        ll::TensorFile wf;
        ll::Status st = ll::read_tensor_file(f.weights, wf);
        if (st) st = ll::load_state(m, wf, f.weights);
        if (!st) return fail(st);
    }
    if (ll::Status st = ll::initial_state_for_export(m, f.cfg); !st) return fail(st);

    ll::TrainScriptOptions opt;
    opt.source_name = a.positional()[0];
    opt.data_name = f.data;
    opt.test_limit = f.test_limit;
    if (f.data == "fashion-mnist") opt.data_dir = ll::kFashionMnistDir;
    else if (f.data != "mnist") opt.data_dir = std::filesystem::absolute(f.data).lexically_normal().string();
    const std::string init_path = init_path_for(script);
    opt.init_weights = std::filesystem::path(init_path).filename().string();
    opt.history = f.history;
    opt.out = f.out;
    std::string text;
    if (ll::Status st = ll::pytorch_train_script(m, f.cfg, opt, text); !st) return fail(st);
    ll::TensorFile init;
    ll::save_state(m, init);
    if (ll::Status st = ll::write_tensor_file(init_path, init); !st) return fail(st);
    if (ll::Status st = ll::write_file(script, text); !st) return fail(st);
    std::printf("wrote %s and its initial weights %s\n", script.c_str(), init_path.c_str());
    return 0;
}

}  // namespace llcli

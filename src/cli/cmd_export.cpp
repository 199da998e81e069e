// `layerlab export-pytorch`: prints a runnable PyTorch script that builds the same nn.Sequential and,
// given --weights, loads them with load_state_dict(strict=True). With --train and `layerlab train`'s
// flags it writes a script reproducing that training run instead (--script, see cmd_export_train.cpp).
// The scripts themselves are written by the engine (engine/pytorch_export.h), which the app shares.
#include <cstdio>

#include "cli/common.h"
#include "engine/pytorch_export.h"

namespace llcli {

int cmd_export_pytorch(int argc, char** argv) {
    for (int i = 2; i < argc; ++i)
        if (std::string(argv[i]) == "--train") return cmd_export_train(argc, argv);
    Args a(argc, argv, 2, bool_flags());
    const std::string weights = a.str("weights");
    const ll::MemoryLimit limit = read_memory_limit(a);
    if (ll::Status st = a.finish(); !st) return fail(st);
    if (a.positional().size() != 1) return fail("usage: layerlab export-pytorch MODEL.json [--weights W.safetensors]");
    ll::Model m;
    if (ll::Status st = load_model(a.positional()[0], m, limit); !st) return fail(st);
    if (!weights.empty()) {
        // Checked here so a script is only printed for weights that will load.
        if (ll::Status st = load_weights(m, weights, 0); !st) return fail(st);
    }
    std::string script;
    if (ll::Status st = ll::pytorch_model_script(m, a.positional()[0], weights, script); !st) return fail(st);
    std::fwrite(script.data(), 1, script.size(), stdout);
    return 0;
}

}  // namespace llcli

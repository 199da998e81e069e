// `layerlab fit`: K optimizer steps on a tensor file's data, writing the state_dict and the loss of
// every step: the reference for optimizer and training-step semantics that tests/cli compares with PyTorch.
#include <cmath>
#include <cstdio>

#include "cli/common.h"
#include "engine/trainer.h"

namespace llcli {

namespace {

// "parameter 0.weight[3]" for the first NaN or infinity among the parameters, "" when all are finite.
std::string first_non_finite(const ll::Model& m) {
    for (const ll::ParamRef& p : m.params()) {
        const ll::Tensor& v = *p.value;
        for (size_t i = 0; i < v.numel(); ++i)
            if (!std::isfinite(v[i])) return "parameter " + p.name + "[" + std::to_string(i) + "]";
    }
    return "";
}

}  // namespace

int cmd_fit(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const std::string weights = a.str("weights"), data = a.str("data"), out_path = a.str("out");
    a.require("data");
    a.require("out");
    a.require("loss");
    a.require("steps");
    const std::string loss = a.str("loss");
    const int steps = a.integer("steps", 1, 0);
    const bool has_batch = a.has("batch-size");
    const int batch = a.integer("batch-size", 0, 1);
    const bool shuffle = !a.flag("no-shuffle");
    const std::string mode_str = a.str("mode", "train");
    const float l1 = a.number("l1", 0.0f);
    const int seed = a.integer("seed", 0);
    const ll::MemoryLimit limit = read_memory_limit(a);
    ll::OptimConfig cfg;
    ll::Status st = read_optim_config(a, cfg, true, "sgd");
    if (st) st = a.finish();
    if (st) st = ll::check_optim_config(cfg);
    if (!st) return fail(st);
    if (a.positional().size() != 1) return fail("usage: layerlab fit MODEL.json --weights W --data D --loss cross_entropy|mse --optimizer O --lr F --steps K --out W2");
    ll::Mode mode;
    if (!(st = parse_mode(mode_str, mode))) return fail(st);
    ll::LossKind kind;
    if (loss == "cross_entropy") kind = ll::LossKind::CrossEntropy;
    else if (loss == "mse") kind = ll::LossKind::MeanSquaredError;
    else return fail("--loss must be cross_entropy or mse, got '" + loss + "'");

    ll::Model m;
    if (!(st = load_model(a.positional()[0], m, limit))) return fail(st);
    if (!(st = load_weights(m, weights, uint64_t(seed)))) return fail(st);
    ll::TensorFile df;
    if (!(st = ll::read_tensor_file(data, df))) return fail(st);
    ll::Tensor x;
    if (!(st = df.get("input", x))) return fail(data + ": " + st.message());
    if (x.ndim() != int(m.input_shape().size()) + 1 || x.dim(0) < 1 ||
        ll::Shape(x.shape().begin() + 1, x.shape().end()) != m.input_shape())
        return fail(data + ": tensor \"input\" has shape [" + ll::shape_str(x.shape()) + "], the model needs [N, " +
                    ll::shape_str(m.input_shape()) + "]");
    const int n = x.dim(0);
    std::vector<int64_t> classes;
    ll::Tensor values;
    ll::Shape tshape;
    if (kind == ll::LossKind::CrossEntropy) {
        if (!(st = df.get_i64("target", classes, &tshape))) return fail(data + ": " + st.message() + " (cross_entropy takes I64 class indices)");
    } else {
        if (!(st = df.get("target", values))) return fail(data + ": " + st.message() + " (mse takes an F32 target)");
        tshape = values.shape();
    }
    if (!(st = ll::check_targets(m, kind, tshape, classes.data(), size_t(n)))) return fail(data + ": " + st.message());

    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
    ll::Rng rng{uint64_t(seed)};
    m.set_rng(&rng);
    ll::BatchSampler sampler(n, has_batch ? batch : n, shuffle && has_batch, uint64_t(seed) + 1);
    std::vector<int> idx;
    ll::Tensor xb, tb;
    std::vector<int64_t> cb;
    ll::StepScratch scratch;
    ll::Tensor losses({steps});
    // Divergence (lr 1e30): the step whose loss is not finite, or whose update leaves a parameter that
    // is not, ends the run. The state written is the last finite one, from before that step.
    ll::TensorFile last_good;
    int done = 0;
    std::string diverged;
    for (int k = 0; k < steps; ++k) {
        sampler.next(idx);
        if (!(st = m.check_batch(int(idx.size()), mode))) return fail(data + ": step " + std::to_string(k) + ": " + st.message());
        ll::Targets t;
        if (kind == ll::LossKind::CrossEntropy) {
            ll::gather_rows(classes, idx, cb);
            t.classes = cb.data();
        } else {
            ll::gather_rows(values, idx, tb);
            t.values = &tb;
        }
        ll::gather_rows(x, idx, xb);
        last_good = ll::TensorFile();
        ll::save_state(m, last_good);
        const float loss = ll::train_step(m, *opt, xb, t, kind, l1, scratch, mode).loss;
        if (!std::isfinite(loss)) {
            diverged = "the loss is " + std::string(std::isnan(loss) ? "nan" : "infinite");
        } else if (const std::string bad = first_non_finite(m); !bad.empty()) {
            diverged = "the update made " + bad + " non-finite";
        }
        if (!diverged.empty()) break;
        losses[size_t(k)] = loss;
        done = k + 1;
    }
    ll::TensorFile out;
    if (diverged.empty()) {
        ll::save_state(m, out);
    } else {
        out = std::move(last_good);
        losses = ll::Tensor({done}, std::vector<float>(losses.values().begin(), losses.values().begin() + done));
    }
    out.put("loss", losses);
    if (!(st = ll::write_tensor_file(out_path, out))) return fail(st);
    if (!diverged.empty()) {
        // Steps counted from 1, as `train` counts them (the loss array's index is one less).
        std::fprintf(stderr, "layerlab: fit: step %d: diverged (%s; try a smaller --lr); %s holds the state after %d step(s) and their losses\n",
                     done + 1, diverged.c_str(), out_path.c_str(), done);
        return kExitDiverged;
    }
    return 0;
}

}  // namespace llcli

// `layerlab bench`: training and inference images/s of the reference networks (SGD with momentum,
// random data) and the GFLOP/s of the Conv2d(32->64, 3x3) forward on 64x32x28x28, on --threads
// threads (the engine's pool, engine/parallel.h). --layers adds each layer's forward and backward time.
// Each figure is the best of many short timed rounds after a warm-up: on a machine shared with other
// work, the best round is the one nothing else interrupted.
#include <chrono>
#include <cstdio>
#include <sstream>

#include "cli/common.h"
#include "engine/kernels/isa.h"
#include "engine/loss.h"
#include "engine/parallel.h"
#include "engine/reference_models.h"
#include "engine/trainer.h"

namespace llcli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Runs fn repeatedly for about `seconds` after `warmup` calls; returns the best calls per second seen
// over rounds of `per_round` calls (at least three rounds).
template <class Fn>
double best_rate(Fn fn, int warmup, int per_round, double seconds) {
    for (int i = 0; i < warmup; ++i) fn();
    double best = 0.0;
    const Clock::time_point start = Clock::now();
    for (int round = 0; round < 3 || seconds_since(start) < seconds; ++round) {
        const Clock::time_point t0 = Clock::now();
        for (int i = 0; i < per_round; ++i) fn();
        const double dt = seconds_since(t0);
        if (dt > 0) best = std::max(best, per_round / dt);
    }
    return best;
}

struct NetRates {
    double train = 0.0, infer = 0.0;  // train 0: the network cannot train on this batch (BatchNorm, 1 sample)
};

struct Bench {
    ll::Model m;
    ll::Tensor x;
    std::vector<int64_t> y;
    std::unique_ptr<ll::Optimizer> opt;
    ll::StepScratch scratch;
    ll::Targets t;
};

ll::Status setup(const std::string& name, int batch, Bench& b) {
    LL_TRY(load_model(name, b.m));
    ll::Rng rng(1);
    b.m.init(rng);
    b.x = ll::Tensor(ll::batch_shape(batch, b.m.input_shape()));
    for (size_t i = 0; i < b.x.numel(); ++i) b.x[i] = rng.uniform();
    b.y.assign(size_t(batch), 0);
    for (int64_t& v : b.y) v = rng.below(10);
    ll::OptimConfig cfg;
    cfg.name = "sgd";
    cfg.lr = 0.01f;
    cfg.momentum = 0.9f;
    b.opt = ll::make_optimizer(cfg);
    b.t.classes = b.y.data();
    return ll::Status::ok();
}

ll::Status bench_net(const std::string& name, int batch, double seconds, NetRates& out) {
    Bench b;
    LL_TRY(setup(name, batch, b));
    if (b.m.check_batch(batch, ll::Mode::Train)) {
        out.train = batch * best_rate([&] { ll::train_step(b.m, *b.opt, b.x, b.t, ll::LossKind::CrossEntropy, 0.0f, b.scratch); },
                                      2, 1, seconds);
    }
    out.infer = batch * best_rate([&] { b.m.forward(b.x, ll::Mode::Eval); }, 2, batch >= 16 ? 1 : 8, seconds);
    return ll::Status::ok();
}

// Best forward and backward time of each layer over `rounds` training passes (layer by layer, as
// Model::forward and Model::backward run them).
ll::Status profile_layers(const std::string& name, int batch, int rounds) {
    Bench b;
    LL_TRY(setup(name, batch, b));
    const size_t L = b.m.size();
    std::vector<double> tf(L, 1e30), tb(L, 1e30);
    std::vector<const ll::Tensor*> act(L + 1);
    ll::Tensor dout;
    for (int r = 0; r < rounds; ++r) {
        act[0] = &b.x;
        for (size_t i = 0; i < L; ++i) {
            const Clock::time_point t0 = Clock::now();
            act[i + 1] = &b.m.layer(i).forward(*act[i], ll::Mode::Train);
            tf[i] = std::min(tf[i], seconds_since(t0));
        }
        ll::cross_entropy(*act[L], b.y.data(), dout);
        b.m.zero_grad();
        const ll::Tensor* g = &dout;
        for (size_t i = L; i-- > 0;) {
            const Clock::time_point t0 = Clock::now();
            g = &b.m.layer(i).backward(*g);
            tb[i] = std::min(tb[i], seconds_since(t0));
        }
    }
    double sf = 0.0, sb = 0.0;
    std::printf("%s, batch %d, %d thread(s): best of %d rounds, microseconds\n", name.c_str(), batch, ll::num_threads(),
                rounds);
    for (size_t i = 0; i < L; ++i) {
        std::printf("  %2zu %-14s forward %9.1f   backward %9.1f\n", i, b.m.layer(i).type(), tf[i] * 1e6, tb[i] * 1e6);
        sf += tf[i];
        sb += tb[i];
    }
    std::printf("  total             forward %9.1f   backward %9.1f\n", sf * 1e6, sb * 1e6);
    return ll::Status::ok();
}

std::vector<std::string> split_names(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream ss(s);
    for (std::string item; std::getline(ss, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

const std::set<std::string>& bench_flags() {
    static const std::set<std::string> flags = [] {
        std::set<std::string> f = bool_flags();
        f.insert("layers");
        f.insert("no-conv");
        return f;
    }();
    return flags;
}

}  // namespace

int cmd_bench(int argc, char** argv) {
    Args a(argc, argv, 2, bench_flags());
    const bool json = a.flag("json");
    const bool layers = a.flag("layers");
    const bool no_conv = a.flag("no-conv");
    const int threads = a.integer("threads", 1, 1);
    const int batch = a.integer("batch-size", 64, 1);
    const float seconds = a.number("seconds", 1.5f);
    std::vector<std::string> nets = ll::reference_model_names();
    if (a.has("nets")) nets = split_names(a.str("nets"));
    if (ll::Status st = a.finish(); !st) return fail(st);
    ll::set_num_threads(threads);
    const int used_threads = ll::num_threads();

    if (layers) {
        for (const std::string& name : nets)
            if (ll::Status st = profile_layers(name, batch, 20); !st) return fail(st);
        return 0;
    }
    ll::Json out = ll::Json::object();
    for (const std::string& name : nets) {
        NetRates r;
        if (ll::Status st = bench_net(name, batch, seconds, r); !st) return fail(st);
        if (!json) {
            if (r.train > 0) std::printf("%-14s train %9.0f img/s", name.c_str(), r.train);
            else std::printf("%-14s train         - img/s", name.c_str());
            std::printf("   infer %9.0f img/s   (batch %d)\n", r.infer, batch);
        }
        ll::Json j = ll::Json::object();
        j.set("train_images_per_s", r.train > 0 ? ll::Json::number(r.train) : ll::Json());
        j.set("infer_images_per_s", ll::Json::number(r.infer));
        out.set(name, j);
    }
    if (!no_conv) {
        ll::Model conv;
        ll::Json desc;
        if (ll::Status st = ll::parse_json(R"({"input_shape": [32, 28, 28], "layers": [{"type": "Conv2d", "out_channels": 64, "kernel_size": 3, "padding": 1}]})", desc); !st)
            return fail(st);
        if (ll::Status st = ll::Model::from_json(desc, conv); !st) return fail(st);
        ll::Rng rng(2);
        conv.init(rng);
        ll::Tensor x({64, 32, 28, 28});
        for (size_t i = 0; i < x.numel(); ++i) x[i] = rng.uniform(-1.0f, 1.0f);
        const double flops = 2.0 * 64 * double(conv.info()[0].macs);
        const double gflops = flops * best_rate([&] { conv.forward(x, ll::Mode::Eval); }, 1, 1, seconds) / 1e9;
        out.set("conv_gflops", ll::Json::number(gflops));
        if (!json) std::printf("Conv2d(32->64, 3x3) forward on 64x32x28x28: %.1f GFLOP/s\n", gflops);
    }
    out.set("threads", ll::Json::number(used_threads));
    out.set("batch_size", ll::Json::number(batch));
    ll::Json kernels = ll::Json::object();
    kernels.set("isa", ll::Json::string(ll::kernel_isa()));
    kernels.set("vector_width", ll::Json::number(ll::kernel_vector_width()));
    kernels.set("fma", ll::Json::boolean(ll::kernels_fuse_multiply_add()));
    out.set("kernels", kernels);
    if (json) std::printf("%s\n", out.dump(2).c_str());
    else
        std::printf("%d thread(s), %s kernels (%d floats per vector%s)\n", used_threads, ll::kernel_isa(),
                    ll::kernel_vector_width(), ll::kernels_fuse_multiply_add() ? ", FMA" : "");
    return 0;
}

}  // namespace llcli

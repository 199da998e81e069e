// `layerlab bench`: training and inference images/s of the reference networks (batch 64, SGD with
// momentum, random data) and the GFLOP/s of the Conv2d(32->64, 3x3) forward on 64x32x28x28.
// Each figure is the best of a few timed rounds after a warm-up, so one slow round does not count.
#include <chrono>
#include <cstdio>

#include "cli/common.h"
#include "engine/reference_models.h"
#include "engine/trainer.h"

namespace llcli {

namespace {

using Clock = std::chrono::steady_clock;

// Runs fn repeatedly for about `seconds` after `warmup` calls; returns the best calls per second seen
// over rounds of `per_round` calls.
template <class Fn>
double best_rate(Fn fn, int warmup, int per_round, double seconds) {
    for (int i = 0; i < warmup; ++i) fn();
    double best = 0.0;
    const Clock::time_point start = Clock::now();
    do {
        const Clock::time_point t0 = Clock::now();
        for (int i = 0; i < per_round; ++i) fn();
        const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
        if (dt > 0) best = std::max(best, per_round / dt);
    } while (std::chrono::duration<double>(Clock::now() - start).count() < seconds);
    return best;
}

struct NetRates {
    double train = 0.0, infer = 0.0;
};

ll::Status bench_net(const std::string& name, int batch, double seconds, NetRates& out) {
    ll::Model m;
    LL_TRY(load_model(name, m));
    ll::Rng rng(1);
    m.init(rng);
    ll::Tensor x(ll::batch_shape(batch, m.input_shape()));
    for (size_t i = 0; i < x.numel(); ++i) x[i] = rng.uniform();
    std::vector<int64_t> y(static_cast<size_t>(batch));
    for (int64_t& v : y) v = rng.below(10);
    ll::OptimConfig cfg;
    cfg.name = "sgd";
    cfg.lr = 0.01f;
    cfg.momentum = 0.9f;
    std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
    ll::StepScratch scratch;
    ll::Targets t;
    t.classes = y.data();
    out.train = batch * best_rate([&] { ll::train_step(m, *opt, x, t, ll::LossKind::CrossEntropy, 0.0f, scratch); }, 2, 3, seconds);
    out.infer = batch * best_rate([&] { m.forward(x, ll::Mode::Eval); }, 2, 5, seconds);
    return ll::Status::ok();
}

}  // namespace

int cmd_bench(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    const bool json = a.flag("json");
    const int threads = a.integer("threads", 1, 1);
    const int batch = a.integer("batch-size", 64, 1);
    const float seconds = a.number("seconds", 1.5f);
    if (ll::Status st = a.finish(); !st) return fail(st);
    (void)threads;  // the engine runs on one thread; the speed work adds a pool
    const int used_threads = 1;

    ll::Json out = ll::Json::object();
    for (const std::string& name : ll::reference_model_names()) {
        NetRates r;
        if (ll::Status st = bench_net(name, batch, seconds, r); !st) return fail(st);
        if (!json) std::printf("%-14s train %9.0f img/s   infer %9.0f img/s   (batch %d)\n", name.c_str(), r.train, r.infer, batch);
        ll::Json j = ll::Json::object();
        j.set("train_images_per_s", ll::Json::number(r.train));
        j.set("infer_images_per_s", ll::Json::number(r.infer));
        out.set(name, j);
    }
    ll::Model conv;
    ll::Json desc;
    ll::parse_json(R"({"input_shape": [32, 28, 28], "layers": [{"type": "Conv2d", "out_channels": 64, "kernel_size": 3, "padding": 1}]})", desc);
    if (ll::Status st = ll::Model::from_json(desc, conv); !st) return fail(st);
    ll::Rng rng(2);
    conv.init(rng);
    ll::Tensor x({64, 32, 28, 28});
    for (size_t i = 0; i < x.numel(); ++i) x[i] = rng.uniform(-1.0f, 1.0f);
    const double flops = 2.0 * 64 * double(conv.info()[0].macs);
    const double gflops = flops * best_rate([&] { conv.forward(x, ll::Mode::Eval); }, 1, 3, seconds) / 1e9;
    out.set("conv_gflops", ll::Json::number(gflops));
    out.set("threads", ll::Json::number(used_threads));
    if (json) std::printf("%s\n", out.dump(2).c_str());
    else std::printf("Conv2d(32->64, 3x3) forward on 64x32x28x28: %.1f GFLOP/s, %d thread(s)\n", gflops, used_threads);
    return 0;
}

}  // namespace llcli

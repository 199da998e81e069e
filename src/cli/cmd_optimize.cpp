// `layerlab optimize`: the engine's optimizer descending a 2-D loss surface (the Optimizers lab,
// headless). Prints CSV `step,x,y,loss`: step 0 is the start, then one row per step (N+1 rows),
// numbers with %.9g; loss is the surface's value at the row's point (README, "The command-line tool").
#include <cmath>
#include <cstdio>

#include "cli/common.h"
#include "engine/data/dataset.h"
#include "engine/surface_run.h"

namespace llcli {

namespace {

const char* kOptimizeUsage =
    "usage: layerlab optimize --surface quadratic|rosenbrock|beale|saddle|himmelblau|least_squares "
    "--optimizer O --lr F --steps N [--start X,Y] [--condition K] [--scaled] [--l1 F] "
    "[--data fashion-mnist|DIR] [--batch-size B]";

// least_squares: the line fit to the first 200 test images of a dataset (top-half vs bottom-half mean).
ll::Status load_samples(const std::string& data, ll::SurfaceOptions& so) {
    ll::Dataset ds;
    if (data == "fashion-mnist") LL_TRY(ll::load_fashion_mnist("test", ds));
    else LL_TRY(ll::load_idx_dir(data, "test", ds));
    return ll::least_squares_samples(ds, ll::kLeastSquaresSamples, so.data_x, so.data_y)
        .with_context(data + ": ");
}

}  // namespace

int cmd_optimize(int argc, char** argv) {
    Args a(argc, argv, 2, bool_flags());
    a.require("surface");
    a.require("steps");
    const std::string name = a.str("surface");
    const int steps = a.integer("steps", 0, 0);
    const bool has_start = a.has("start");
    const std::vector<float> start = a.numbers("start", 2);
    const bool has_condition = a.has("condition"), scaled = a.flag("scaled");
    const float condition = a.number("condition", 20.0f);
    const bool has_data = a.has("data"), has_batch = a.has("batch-size");
    const std::string data = a.str("data", "fashion-mnist");
    const int batch = a.integer("batch-size", 0, 1);
    const float l1 = a.number("l1", 0.0f);
    ll::OptimConfig cfg;
    ll::Status st = read_optim_config(a, cfg, true, "sgd");
    if (st) st = a.finish();
    if (st) st = ll::check_optim_config(cfg);
    if (!st) return fail(st);
    if (!a.positional().empty()) return fail(kOptimizeUsage);
    if ((has_condition || scaled) && name != "quadratic")
        return fail(std::string(has_condition ? "--condition" : "--scaled") + " applies to --surface quadratic only");
    if ((has_data || has_batch) && name != "least_squares")
        return fail(std::string(has_data ? "--data" : "--batch-size") + " applies to --surface least_squares only");
    if (!(l1 >= 0.0f)) return fail("--l1 must be >= 0");

    ll::SurfaceOptions so;
    so.condition = double(condition);
    so.scaled = scaled;
    if (name == "least_squares" && !(st = load_samples(data, so))) return fail(st);
    std::unique_ptr<ll::Surface> surface = ll::make_surface(name, so, st);
    if (!st) return fail(st);
    double x0, y0;
    surface->default_start(x0, y0);
    if (has_start) {
        x0 = double(start[0]);
        y0 = double(start[1]);
    }
    ll::SurfaceRun run;
    if (!(st = run.reset(*surface, x0, y0, cfg, l1))) return fail(st);

    std::printf("step,x,y,loss\n");
    for (int k = 0; k <= steps; ++k) {
        if (k > 0) {
            if (has_batch) run.step_next_batch(batch);  // in order, wrapping to the start
            else run.step();
        }
        // Divergence (lr 1e6): the rows so far stay printed, the first non-finite one is not, and the
        // status says the run diverged rather than a clean exit with NaN rows.
        if (!std::isfinite(run.x()) || !std::isfinite(run.y()) || !std::isfinite(run.loss())) {
            std::fflush(stdout);
            std::fprintf(stderr, "layerlab: optimize: step %d: diverged (x, y or the loss is no longer finite; try a smaller --lr); %d row(s) printed\n",
                         k, k);
            return kExitDiverged;
        }
        std::printf("%d,%.9g,%.9g,%.9g\n", k, run.x(), run.y(), run.loss());
    }
    return 0;
}

}  // namespace llcli

// Loss surfaces and SurfaceRun: analytic gradients against central differences, the known minima,
// the scaled quadratic's path, SurfaceRun against the optimizer driven by hand, mini-batches, errors,
// and the trajectories of torch.optim 1.13 written by tools/make_golden_surfaces.py.
#include <cmath>
#include <cstdlib>
#include <set>
#include <sstream>
#include <sys/stat.h>

#include "engine/io.h"
#include "engine/model.h"
#include "engine/surface_run.h"
#include "tests/test_util.h"

namespace {

std::unique_ptr<ll::Surface> surface(const std::string& name, const ll::SurfaceOptions& opt = {}) {
    ll::Status st = ll::Status::ok();
    std::unique_ptr<ll::Surface> s = ll::make_surface(name, opt, st);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    REQUIRE(s);
    return s;
}

// Twelve real-looking samples with a trend and scatter (not on a line).
ll::SurfaceOptions line_samples() {
    ll::SurfaceOptions o;
    for (int i = 0; i < 12; ++i) {
        const double s = 0.05 * i + 0.1;
        o.data_x.push_back(s);
        o.data_y.push_back(0.7 * s + 0.2 + 0.03 * std::sin(3.0 * i));
    }
    return o;
}

// Central differences in double: (f(x+h) - f(x-h)) / 2h, h relative to |x|.
template <class F>
void numeric_gradient(F f, double x, double y, double& gx, double& gy) {
    const double hx = 1e-6 * std::fmax(1.0, std::fabs(x)), hy = 1e-6 * std::fmax(1.0, std::fabs(y));
    gx = (f(x + hx, y) - f(x - hx, y)) / (2.0 * hx);
    gy = (f(x, y + hy) - f(x, y - hy)) / (2.0 * hy);
}

void check_close(double got, double want, double scale, const char* what) {
    CHECK_MESSAGE(std::fabs(got - want) <= 1e-6 * std::fmax(1.0, scale), what << ": analytic " << got << " numeric " << want);
}

const double kPoints[][2] = {{-1.3, 0.7}, {0.25, -1.9}, {2.1, 1.4}, {-0.6, -0.45}, {3.2, 0.55}};

}  // namespace

TEST_CASE("every surface's gradient matches central differences in double") {
    const ll::SurfaceOptions samples = line_samples();
    for (const std::string& name : ll::surface_names()) {
        const auto s = surface(name, name == "least_squares" ? samples : ll::SurfaceOptions{});
        INFO("surface " << name);
        for (const auto& pt : kPoints) {
            double gx, gy, nx, ny;
            s->gradient(pt[0], pt[1], gx, gy);
            numeric_gradient([&](double x, double y) { return s->value(x, y); }, pt[0], pt[1], nx, ny);
            INFO("at (" << pt[0] << ", " << pt[1] << ")");
            const double scale = std::fabs(nx) + std::fabs(ny);
            check_close(gx, nx, scale, "d/dx");
            check_close(gy, ny, scale, "d/dy");
        }
    }
}

TEST_CASE("hand values: Rosenbrock, Beale, saddle and Himmelblau at a point") {
    double gx, gy;
    surface("rosenbrock")->gradient(-1.0, 2.0, gx, gy);  // b = 1: gx = -2*2 - 400*(-1)*1, gy = 200
    CHECK(gx == 396.0);
    CHECK(gy == 200.0);
    CHECK(surface("beale")->value(1.0, 1.5) == 41.25);   // 2^2 + 3.5^2 + 5^2
    CHECK(surface("saddle")->value(3.0, 2.0) == 5.0);
    CHECK(surface("himmelblau")->value(0.0, 0.0) == 170.0);  // 121 + 49
    ll::SurfaceOptions k4;
    k4.condition = 4.0;
    CHECK(surface("quadratic", k4)->value(2.0, 1.0) == 4.0);  // 0.5*(4 + 4)
}

TEST_CASE("the known points are stationary, with the stated value") {
    for (const std::string& name : ll::surface_names()) {
        const auto s = surface(name, name == "least_squares" ? line_samples() : ll::SurfaceOptions{});
        INFO("surface " << name);
        const std::vector<ll::SurfacePoint> pts = s->known_points();
        REQUIRE(!pts.empty());
        for (const ll::SurfacePoint& p : pts) {
            double gx, gy;
            s->gradient(p.x, p.y, gx, gy);
            CHECK(std::fabs(gx) < 1e-9);
            CHECK(std::fabs(gy) < 1e-9);
            CHECK(std::fabs(s->value(p.x, p.y) - p.value) < 1e-12);
            const ll::SurfaceView v = s->view();
            CHECK((p.x > v.x_min && p.x < v.x_max && p.y > v.y_min && p.y < v.y_max));
        }
        CHECK((pts[0].kind == ll::PointKind::Saddle) == (name == "saddle"));
        double x0, y0;
        s->default_start(x0, y0);
        const ll::SurfaceView v = s->view();
        CHECK((x0 >= v.x_min && x0 <= v.x_max && y0 >= v.y_min && y0 <= v.y_max));
    }
    CHECK(surface("himmelblau")->known_points().size() == 4);
}

TEST_CASE("scaled quadratic: gradient in (u, v) and the coordinate maps") {
    ll::SurfaceOptions o;
    o.condition = 16.0;
    o.scaled = true;
    const auto s = surface("quadratic", o);
    double u, v, x, y, gu, gv;
    s->to_params(1.5, -0.5, u, v);
    CHECK(u == 1.5);
    CHECK(v == -2.0);  // sqrt(16) * -0.5
    s->from_params(u, v, x, y);
    CHECK(x == 1.5);
    CHECK(y == -0.5);
    // d/d(u, v) of f(u, v/4) by central differences: the loss in (u, v) is 0.5*(u^2 + v^2).
    for (const auto& pt : kPoints) {
        s->param_gradient(pt[0], pt[1], gu, gv);
        double nu, nv;
        numeric_gradient([&](double a, double b) { double px, py; s->from_params(a, b, px, py); return s->value(px, py); },
                         pt[0], pt[1], nu, nv);
        check_close(gu, nu, 1.0, "d/du");
        check_close(gv, nv, 1.0, "d/dv");
    }
}

TEST_CASE("scaled quadratic: SGD walks a straight line to the minimum, reported in (x, y)") {
    // In (u, v) the bowl is round: every step multiplies both coordinates by (1 - lr) = 0.75, so in
    // the original coordinates the path is (x0, y0) * 0.75^k, a straight line (plain: a zig-zag in y).
    ll::SurfaceOptions o;
    o.condition = 20.0;
    o.scaled = true;
    const auto s = surface("quadratic", o);
    ll::OptimConfig cfg;
    cfg.lr = 0.25f;
    ll::SurfaceRun run;
    REQUIRE(run.reset(*s, -8.0, 2.0, cfg).is_ok());
    const double y0 = run.y();
    CHECK(std::fabs(y0 - 2.0) < 1e-6);  // v = float(sqrt(20)*2) reported back as v/sqrt(20)
    for (int k = 1; k <= 25; ++k) {
        run.step();
        const double f = std::pow(0.75, k);
        CHECK(std::fabs(run.x() - (-8.0 * f)) <= 1e-6 * 8.0 * f);
        CHECK(std::fabs(run.y() - y0 * f) <= 1e-6 * 2.0 * f);
        CHECK(std::fabs(run.loss() - 0.5 * (run.x() * run.x() + 20.0 * run.y() * run.y())) <= 1e-12 * (1.0 + run.loss()));
    }
    // Unscaled with the same lr, 1 - 20*0.25 = -4: y flips sign and grows; the run diverges.
    const auto plain = surface("quadratic");
    REQUIRE(run.reset(*plain, -8.0, 2.0, cfg).is_ok());
    run.step();
    CHECK(run.y() == -8.0);
    for (int k = 0; k < 80; ++k) run.step();
    CHECK(run.diverged());
}

TEST_CASE("SurfaceRun is the optimizer driven by hand on a (2) tensor, with l1 and l2") {
    const char* names[] = {"sgd", "adagrad", "rmsprop", "adam", "adamw"};
    const auto s = surface("himmelblau");
    for (const std::string name : names) {
        INFO("optimizer " << name);
        ll::OptimConfig cfg;
        cfg.name = name;
        cfg.lr = 0.01f;
        cfg.momentum = name == "sgd" ? 0.9f : 0.0f;
        const float l1 = 0.3f, l2 = 0.2f;
        ll::SurfaceRun run;
        REQUIRE(run.reset(*s, 0.5, -1.5, cfg, l1, l2).is_ok());
        CHECK(run.state().empty());
        std::unique_ptr<ll::Optimizer> opt = ll::make_optimizer(cfg);
        ll::Tensor p({2}, {0.5f, -1.5f}), g({2});
        const std::vector<ll::ParamRef> refs = {{"p", &p, &g}};
        for (int k = 1; k <= 20; ++k) {
            double gx, gy;
            s->gradient(double(p[0]), double(p[1]), gx, gy);
            g[0] = float(gx);
            g[1] = float(gy);
            for (int i = 0; i < 2; ++i) {
                const float sign = p[size_t(i)] > 0.0f ? 1.0f : p[size_t(i)] < 0.0f ? -1.0f : 0.0f;
                g[size_t(i)] = (g[size_t(i)] + l1 * sign) + l2 * p[size_t(i)];
            }
            opt->step(refs);
            run.step();
            // Not bitwise: the engine library may be built with FMA contraction (LAYERLAB_MARCH_NATIVE)
            // and this file not; one float rounding apart at most per operation.
            CHECK(lltest::closeness(run.params(), p, 1e-7, 1e-6) <= 1.0);
            CHECK(lltest::closeness(run.last_grad(), g, 1e-7, 1e-6) <= 1.0);
            CHECK(run.x() == double(run.params()[0]));
            CHECK(run.y() == double(run.params()[1]));
            CHECK(run.loss() == s->value(run.x(), run.y()));
        }
        CHECK(run.steps() == 20);
        const auto state = run.state();
        const auto want = opt->state(0);
        REQUIRE(state.size() == want.size());
        for (size_t i = 0; i < state.size(); ++i) {
            CHECK(state[i].first == want[i].first);
            CHECK(lltest::closeness(*state[i].second, *want[i].second, 1e-7, 1e-6) <= 1.0);
        }
    }
}

TEST_CASE("least_squares: mini-batch gradients, and a batch of everything is the full gradient") {
    const ll::SurfaceOptions all = line_samples();
    const auto s = surface("least_squares", all);
    CHECK(s->samples() == 12);
    const std::vector<int> idx = {7, 2, 11, 4};
    ll::SurfaceOptions sub;
    for (int i : idx) {
        sub.data_x.push_back(all.data_x[size_t(i)]);
        sub.data_y.push_back(all.data_y[size_t(i)]);
    }
    const auto part = surface("least_squares", sub);
    double gx, gy, wx, wy;
    s->gradient_batch(0.3, -0.2, idx, gx, gy);
    part->gradient(0.3, -0.2, wx, wy);  // the loss of those 4 samples alone
    CHECK(gx == doctest::Approx(wx).epsilon(1e-12));
    CHECK(gy == doctest::Approx(wy).epsilon(1e-12));
    CHECK(std::fabs(gx - wx) + std::fabs(gy - wy) < 1e-12);
    s->gradient(0.3, -0.2, wx, wy);
    CHECK(std::fabs(gx - wx) > 1e-3);  // a batch really is noisy

    std::vector<int> every(12);
    for (int i = 0; i < 12; ++i) every[size_t(i)] = i;
    ll::OptimConfig cfg;
    cfg.name = "adam";
    cfg.lr = 0.05f;
    ll::SurfaceRun a, b;
    REQUIRE(a.reset(*s, 0.0, 1.0, cfg).is_ok());
    REQUIRE(b.reset(*s, 0.0, 1.0, cfg).is_ok());
    for (int k = 0; k < 10; ++k) {
        a.step();
        b.step_batch(every);
    }
    CHECK(std::fabs(a.x() - b.x()) < 1e-6);
    CHECK(std::fabs(a.y() - b.y()) < 1e-6);
    // The normal equations' minimum: y = 0.7x + 0.2 up to the sine scatter.
    const ll::SurfacePoint m = s->known_points()[0];
    CHECK(std::fabs(m.x - 0.7) < 0.1);
    CHECK(std::fabs(m.y - 0.2) < 0.05);
}

TEST_CASE("quadratic_shape: the Hessian's eigenvalues, and descent at 1/lambda_max, on raw and scaled features") {
    // Pixel-scale x (20..170) against a fraction y: the line fit's Hessian is 2 [[mean x^2, mean x], [mean x, 1]].
    ll::Rng rng(5);
    std::vector<double> xs, ys;
    for (int i = 0; i < 200; ++i) {
        xs.push_back(20.0 + 150.0 * rng.uniform());
        ys.push_back(0.77 * xs.back() / 255.0 + 0.11 + 0.05 * rng.normal());
    }
    auto shape_of = [](const std::vector<double>& x, const std::vector<double>& y, int steps) {
        ll::SurfaceOptions o;
        o.data_x = x;
        o.data_y = y;
        ll::Status st = ll::Status::ok();
        std::unique_ptr<ll::Surface> s = ll::make_surface("least_squares", o, st);
        REQUIRE(s);
        ll::QuadraticShape q;
        REQUIRE(ll::quadratic_shape(*s, 0.0, 0.0, steps, q).is_ok());
        return q;
    };
    double m1 = 0, m2 = 0;
    for (double x : xs) {
        m1 += x / double(xs.size());
        m2 += x * x / double(xs.size());
    }
    const double a = 2 * m2, b = 2 * m1, d = 2.0;
    const double ht = 0.5 * (a + d), disc = std::sqrt(ht * ht - (a * d - b * b));
    const ll::QuadraticShape raw = shape_of(xs, ys, 25);
    CHECK(raw.lambda_max == doctest::Approx(ht + disc).epsilon(1e-9));
    CHECK(raw.lambda_min == doctest::Approx(ht - disc).epsilon(1e-6));
    // (cos, sin) of the angle is lambda_max's eigenvector: H v = lambda_max v.
    const double vx = std::cos(raw.angle), vy = std::sin(raw.angle);
    CHECK(a * vx + b * vy == doctest::Approx(raw.lambda_max * vx).epsilon(1e-9));
    CHECK(b * vx + d * vy == doctest::Approx(raw.lambda_max * vy).epsilon(1e-6));
    CHECK(raw.lr == doctest::Approx(1.0 / raw.lambda_max));
    CHECK(raw.path_x.size() == 26);
    CHECK(raw.condition() > 1000.0);
    // 25 steps leave much of the way along the flat direction still to go: the loss at the start,
    // (w, b) = (0, 0), is mean y^2.
    double start = 0;
    for (double y : ys) start += y * y / double(ys.size());
    CHECK(raw.final_value - raw.min_value > 0.01 * (start - raw.min_value));

    // z-scored x (mean 0, population std 1): H = diag(2 mean x^2, 2) = 2 I, condition 1, and one step
    // of 1/lambda_max lands on the minimum.
    std::vector<double> zs = xs;
    double var = m2 - m1 * m1;
    for (double& z : zs) z = (z - m1) / std::sqrt(var);
    const ll::QuadraticShape scaled = shape_of(zs, ys, 1);
    CHECK(scaled.condition() == doctest::Approx(1.0).epsilon(1e-9));
    CHECK(scaled.final_value - scaled.min_value < 1e-12);
    CHECK(scaled.path_x[1] == doctest::Approx(scaled.x_min).epsilon(1e-9));

    // The quadratic bowl 0.5 (x^2 + K y^2): eigenvalues K and 1, the steep one along y.
    ll::SurfaceOptions qo;
    qo.condition = 20.0;
    ll::Status st = ll::Status::ok();
    std::unique_ptr<ll::Surface> bowl = ll::make_surface("quadratic", qo, st);
    REQUIRE(bowl);
    ll::QuadraticShape q;
    REQUIRE(ll::quadratic_shape(*bowl, -9.0, 3.0, 3, q).is_ok());
    CHECK(q.lambda_max == doctest::Approx(20.0));
    CHECK(q.lambda_min == doctest::Approx(1.0));
    CHECK(std::fabs(std::sin(q.angle)) == doctest::Approx(1.0));
    CHECK(q.path_y[1] == doctest::Approx(0.0));  // the steep direction is done in one step
    CHECK(q.path_x[1] == doctest::Approx(-9.0 * (1.0 - 1.0 / 20.0)));

    // The saddle has no minimum to describe.
    std::unique_ptr<ll::Surface> saddle = ll::make_surface("saddle", ll::SurfaceOptions(), st);
    REQUIRE(saddle);
    CHECK_FALSE(ll::quadratic_shape(*saddle, 1.0, 1.0, 3, q).is_ok());
}

TEST_CASE("SurfaceRun::step_next_batch takes the samples in order, wrapping, a short last batch as it is") {
    const ll::SurfaceOptions all = line_samples();  // 12 samples
    const auto s = surface("least_squares", all);
    ll::OptimConfig cfg;
    cfg.name = "sgd";
    cfg.lr = 0.01f;
    cfg.momentum = 0.9f;
    ll::SurfaceRun by_batches, by_hand;
    REQUIRE(by_batches.reset(*s, 0.5, -0.5, cfg).is_ok());
    REQUIRE(by_hand.reset(*s, 0.5, -0.5, cfg).is_ok());
    const std::vector<std::vector<int>> expected = {
        {0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}, {10, 11}, {0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}};
    for (const std::vector<int>& idx : expected) {
        by_batches.step_next_batch(5);
        by_hand.step_batch(idx);
        CHECK(by_batches.params()[0] == by_hand.params()[0]);
        CHECK(by_batches.params()[1] == by_hand.params()[1]);
    }
    // reset() starts again from the first sample.
    REQUIRE(by_batches.reset(*s, 0.5, -0.5, cfg).is_ok());
    REQUIRE(by_hand.reset(*s, 0.5, -0.5, cfg).is_ok());
    by_batches.step_next_batch(5);
    by_hand.step_batch(expected[0]);
    CHECK(by_batches.params()[0] == by_hand.params()[0]);
    // A batch of the other samples gives another point (the check above is not vacuous).
    ll::SurfaceRun other;
    REQUIRE(other.reset(*s, 0.5, -0.5, cfg).is_ok());
    other.step_batch(expected[1]);
    CHECK(other.params()[0] != by_hand.params()[0]);
}

TEST_CASE("least_squares_samples: top-half and bottom-half means of each image") {
    ll::Dataset ds;
    ds.images = ll::Tensor({3, 1, 4, 2});  // (N, C, H, W); rows 0-1 are the top half
    for (int n = 0; n < 3; ++n)
        for (int i = 0; i < 8; ++i) ds.images[size_t(n * 8 + i)] = i < 4 ? 0.1f * float(n + 1) : 0.5f + 0.01f * float(i);
    ds.labels = {0, 1, 2};
    std::vector<double> xs, ys;
    REQUIRE(ll::least_squares_samples(ds, 2, xs, ys).is_ok());
    REQUIRE(xs.size() == 2);
    CHECK(xs[0] == doctest::Approx(0.1));
    CHECK(xs[1] == doctest::Approx(0.2));
    CHECK(ys[1] == doctest::Approx(0.5 + 0.01 * (4 + 5 + 6 + 7) / 4.0));
    CHECK(!ll::least_squares_samples(ds, 4, xs, ys).is_ok());
    CHECK(!ll::least_squares_samples(ds, 1, xs, ys).is_ok());

    // The real thing, when Debian's dataset-fashion-mnist is installed: 200 test images.
    struct stat sb;
    if (stat(ll::kFashionMnistDir, &sb) != 0) {
        MESSAGE("dataset-fashion-mnist is not installed: the Fashion-MNIST samples are not checked");
        return;
    }
    ll::Dataset fm;
    REQUIRE(ll::load_fashion_mnist("test", fm).is_ok());
    ll::SurfaceOptions o;
    REQUIRE(ll::least_squares_samples(fm, ll::kLeastSquaresSamples, o.data_x, o.data_y).is_ok());
    const ll::SurfacePoint m = surface("least_squares", o)->known_points()[0];
    CHECK(m.x == doctest::Approx(0.76620449).epsilon(1e-6));  // numpy's lstsq on the same pixels
    CHECK(m.y == doctest::Approx(0.11410169).epsilon(1e-6));
    CHECK(m.value == doctest::Approx(0.0095789486).epsilon(1e-6));
}

TEST_CASE("make_surface and SurfaceRun::reset reject what they cannot use") {
    ll::Status st = ll::Status::ok();
    CHECK(!ll::make_surface("bowl", {}, st));
    CHECK(st.message().find("unknown surface \"bowl\"") != std::string::npos);
    ll::SurfaceOptions o;
    o.condition = 0.0;
    CHECK(!ll::make_surface("quadratic", o, st));
    CHECK(st.message().find("condition") != std::string::npos);
    o.condition = 20.0;
    o.scaled = true;
    CHECK(!ll::make_surface("rosenbrock", o, st));
    CHECK(st.message().find("quadratic surface only") != std::string::npos);
    CHECK(!ll::make_surface("least_squares", {}, st));
    CHECK(st.message().find("needs samples") != std::string::npos);
    ll::SurfaceOptions flat;
    flat.data_x = {0.5, 0.5, 0.5};
    flat.data_y = {0.1, 0.2, 0.3};
    CHECK(!ll::make_surface("least_squares", flat, st));
    flat.data_x = {0.1, 0.2};
    CHECK(!ll::make_surface("least_squares", flat, st));
    CHECK(st.message().find("one y per x") != std::string::npos);

    const auto s = surface("saddle");
    ll::SurfaceRun run;
    ll::OptimConfig bad;
    bad.name = "lbfgs";
    CHECK(!run.reset(*s, 0.0, 0.0, bad).is_ok());
    CHECK(!run.reset(*s, 0.0, 0.0, ll::OptimConfig{}, -1.0f).is_ok());
    CHECK(!run.reset(*s, 0.0, 0.0, ll::OptimConfig{}, 0.0f, NAN).is_ok());
    CHECK(!run.reset(*s, 1e300, 0.0, ll::OptimConfig{}).is_ok());
}

// ---- Golden trajectories (torch.optim 1.13) ----

namespace {

ll::OptimConfig config_from_json(const ll::Json& j) {
    ll::OptimConfig c;
    for (const auto& m : j.members()) {
        const std::string& k = m.first;
        const float f = m.second.is_number() ? float(m.second.as_number()) : 0.0f;
        if (k == "name") c.name = m.second.as_string();
        else if (k == "lr") c.lr = f;
        else if (k == "momentum") c.momentum = f;
        else if (k == "dampening") c.dampening = f;
        else if (k == "nesterov") c.nesterov = m.second.as_bool();
        else if (k == "weight_decay") c.weight_decay = f;
        else if (k == "beta1") c.beta1 = f;
        else if (k == "beta2") c.beta2 = f;
        else if (k == "eps") c.eps = f;
        else if (k == "alpha") c.alpha = f;
        else if (k == "centered") c.centered = m.second.as_bool();
        else if (k == "lr_decay") c.lr_decay = f;
        else if (k == "initial_accumulator_value") c.initial_accumulator_value = f;
        else FAIL("unknown config field in cases.json: " << k);
    }
    return c;
}

// Rows of "step,x,y,loss" after the header.
std::vector<std::vector<double>> read_csv(const std::string& path) {
    std::string text;
    ll::Status st = ll::read_file(path, text);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);
    REQUIRE(line == "step,x,y,loss");
    std::vector<std::vector<double>> rows;
    while (std::getline(in, line)) {
        std::vector<double> r;
        std::istringstream cells(line);
        std::string cell;
        while (std::getline(cells, cell, ',')) r.push_back(std::strtod(cell.c_str(), nullptr));
        REQUIRE(r.size() == 4);
        rows.push_back(r);
    }
    return rows;
}

// Relative to the value, or near zero to a floor set by the run's scale: where a coordinate crosses 0,
// it is the difference of numbers of the start's size, and one float rounding in those (ATen fuses
// some multiply-adds into FMAs, the engine's build may or may not) is large relative to the result.
bool near(double got, double want, double floor) {
    return std::fabs(got - want) <= 1e-5 * std::fmax(std::fabs(want), floor);
}

void run_golden_case(const ll::Json& c, std::set<std::string>& covered) {
    const std::string name = c.find("name")->as_string();
    INFO("case " << name);
    ll::SurfaceOptions o;
    o.condition = c.find("condition")->as_number();
    o.scaled = c.find("scaled")->as_bool();
    const auto s = surface(c.find("surface")->as_string(), o);
    const ll::OptimConfig cfg = config_from_json(*c.find("config"));
    const ll::Json& start = *c.find("start");
    ll::SurfaceRun run;
    ll::Status st = run.reset(*s, start[0].as_number(), start[1].as_number(), cfg, float(c.find("l1")->as_number()),
                              float(c.find("l2")->as_number()));
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    const auto rows = read_csv(lltest::source_path("tests/golden/surfaces/" + c.find("file")->as_string()));
    REQUIRE(int(rows.size()) == c.find("steps")->as_int() + 1);
    const double floor_xy = 1e-2 * std::fmax(std::fmax(std::fabs(rows[0][1]), std::fabs(rows[0][2])), 0.1);
    const double floor_loss = 1e-3 * std::fabs(rows[0][3]);
    for (size_t k = 0; k < rows.size(); ++k) {
        if (k > 0) run.step();
        INFO("step " << k << ": engine (" << run.x() << ", " << run.y() << ", " << run.loss() << ") torch ("
                     << rows[k][1] << ", " << rows[k][2] << ", " << rows[k][3] << ")");
        CHECK(rows[k][0] == double(k));
        CHECK(near(run.x(), rows[k][1], floor_xy));
        CHECK(near(run.y(), rows[k][2], floor_xy));
        CHECK(near(run.loss(), rows[k][3], floor_loss));
    }
    covered.insert(cfg.name + (cfg.nesterov ? "+nesterov" : cfg.momentum > 0.0f ? "+momentum" : "") +
                   (cfg.centered ? "+centered" : ""));
    covered.insert(s->name() + std::string(o.scaled ? "+scaled" : ""));
}

}  // namespace

TEST_CASE("SurfaceRun follows torch.optim's trajectories (golden files)") {
    std::string text;
    ll::Status st = ll::read_file(lltest::source_path("tests/golden/surfaces/cases.json"), text);
    REQUIRE_MESSAGE(st.is_ok(), st.message());
    const ll::Json manifest = lltest::json(text);
    const ll::Json* cases = manifest.find("cases");
    REQUIRE(cases);
    std::set<std::string> covered;
    for (const ll::Json& c : cases->items()) run_golden_case(c, covered);
    for (const char* want : {"sgd", "sgd+momentum", "sgd+nesterov", "adagrad", "rmsprop", "rmsprop+centered", "adam",
                             "adamw", "quadratic", "quadratic+scaled", "rosenbrock", "beale", "saddle", "himmelblau"})
        CHECK_MESSAGE(covered.count(want), "no golden case covers " << want);
}

// shaders/surface_frag.glsl's penalty, transcribed: float arithmetic, py = u_penalty.z * y.
static float shader_penalty(float x, float py, float l1, float l2) {
    return l1 * (std::fabs(x) + std::fabs(py)) + 0.5f * l2 * (x * x + py * py);
}

TEST_CASE("surface_penalty: the shader's twin agrees, and its gradient is what SurfaceRun adds") {
    const float pts[][2] = {{0.0f, 0.0f}, {1.5f, -2.0f}, {-0.3f, 0.7f}, {3.0f, 4.0f}};
    for (const auto& q : pts) {
        const double e = ll::surface_penalty(q[0], q[1], 0.05f, 0.5f);
        CHECK(double(shader_penalty(q[0], q[1], 0.05f, 0.5f)) == doctest::Approx(e).epsilon(1e-6));
    }
    CHECK(ll::surface_penalty(3.0, -4.0, 0.1f, 0.0f) == doctest::Approx(0.1 * 7.0));
    CHECK(ll::surface_penalty(3.0, -4.0, 0.0f, 2.0f) == doctest::Approx(25.0));
    // d/du at u = 1.5 (away from the kink at 0): l1 * sign(u) + l2 * u, the step's added gradient.
    const double h = 1e-6, l1 = double(0.05f), l2 = double(0.5f);
    const double num = (ll::surface_penalty(1.5 + h, -2.0, 0.05f, 0.5f) - ll::surface_penalty(1.5 - h, -2.0, 0.05f, 0.5f)) / (2 * h);
    CHECK(num == doctest::Approx(l1 + l2 * 1.5).epsilon(1e-6));
}

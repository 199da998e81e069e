// The loss surfaces. Every gradient is the exact derivative, written with plain products (no pow) so
// that tools/make_golden_surfaces.py can evaluate the same expressions in the same order in Python.
#include "engine/surfaces.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ll {

void Surface::gradient_batch(double, double, const std::vector<int>&, double&, double&) const {
    LL_ASSERT(false, "gradient_batch: this surface has no samples (only least_squares has mini-batches)");
}

namespace {

// ---- Quadratic bowl ----
// f = 0.5*(x^2 + K*y^2): grad = (x, K*y); the Hessian diag(1, K) has condition number K, so plain
// gradient descent must take lr < 2/K and then crawls along x at a rate (1 - lr) per step.
// Scaled: in u = x, v = sqrt(K)*y the same loss is 0.5*(u^2 + v^2), condition 1: the effect of
// standardising a feature. The optimizer sees (u, v) and grad (u, v); we report (x, y) = (u, v/sqrt(K)).
class Quadratic final : public Surface {
public:
    Quadratic(double k, bool scaled) : k_(k), s_(std::sqrt(k)), scaled_(scaled) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "0.5*(x^2 + %g*y^2)", k);
        formula_ = buf;
    }
    const char* name() const override { return "quadratic"; }
    const char* formula() const override { return formula_.c_str(); }
    double value(double x, double y) const override { return 0.5 * (x * x + k_ * y * y); }
    void gradient(double x, double y, double& gx, double& gy) const override {
        gx = x;
        gy = k_ * y;
    }
    SurfaceView view() const override { return {-10.0, 10.0, -5.0, 5.0}; }
    void default_start(double& x, double& y) const override { x = -9.0; y = 3.0; }
    std::vector<SurfacePoint> known_points() const override { return {{0.0, 0.0, 0.0, PointKind::Minimum}}; }

    void to_params(double x, double y, double& u, double& v) const override {
        u = x;
        v = scaled_ ? s_ * y : y;
    }
    void from_params(double u, double v, double& x, double& y) const override {
        x = u;
        y = scaled_ ? v / s_ : v;
    }
    // Scaled: d/du 0.5*(u^2 + v^2) = u, d/dv = v (the chain rule K*y/sqrt(K), exactly).
    void param_gradient(double u, double v, double& gu, double& gv) const override {
        if (scaled_) {
            gu = u;
            gv = v;
        } else {
            gradient(u, v, gu, gv);
        }
    }

private:
    double k_, s_;
    bool scaled_;
    std::string formula_;
};

// ---- Rosenbrock's banana valley ----
// f = (1-x)^2 + 100*(y-x^2)^2;  df/dx = -2*(1-x) - 400*x*(y-x^2),  df/dy = 200*(y-x^2).
class Rosenbrock final : public Surface {
public:
    const char* name() const override { return "rosenbrock"; }
    const char* formula() const override { return "(1-x)^2 + 100*(y-x^2)^2"; }
    double value(double x, double y) const override {
        const double a = 1.0 - x, b = y - x * x;
        return a * a + 100.0 * b * b;
    }
    void gradient(double x, double y, double& gx, double& gy) const override {
        const double a = 1.0 - x, b = y - x * x;
        gx = -2.0 * a - 400.0 * x * b;
        gy = 200.0 * b;
    }
    SurfaceView view() const override { return {-2.0, 2.0, -1.0, 3.0}; }
    void default_start(double& x, double& y) const override { x = -1.2; y = 1.0; }
    std::vector<SurfacePoint> known_points() const override { return {{1.0, 1.0, 0.0, PointKind::Minimum}}; }
};

// ---- Beale ----
// f = t1^2 + t2^2 + t3^2 with t_k = c_k - x + x*y^k (c = 1.5, 2.25, 2.625);
// df/dx = sum 2*t_k*(y^k - 1),  df/dy = sum 2*t_k*k*x*y^(k-1).
class Beale final : public Surface {
public:
    const char* name() const override { return "beale"; }
    const char* formula() const override { return "(1.5-x+xy)^2 + (2.25-x+xy^2)^2 + (2.625-x+xy^3)^2"; }
    double value(double x, double y) const override {
        double t1, t2, t3;
        terms(x, y, t1, t2, t3);
        return t1 * t1 + t2 * t2 + t3 * t3;
    }
    void gradient(double x, double y, double& gx, double& gy) const override {
        double t1, t2, t3;
        terms(x, y, t1, t2, t3);
        const double y2 = y * y, y3 = y2 * y;
        gx = 2.0 * t1 * (y - 1.0) + 2.0 * t2 * (y2 - 1.0) + 2.0 * t3 * (y3 - 1.0);
        gy = 2.0 * t1 * x + 2.0 * t2 * (2.0 * x * y) + 2.0 * t3 * (3.0 * x * y2);
    }
    SurfaceView view() const override { return {-1.0, 4.5, -1.5, 2.0}; }
    void default_start(double& x, double& y) const override { x = 1.0; y = 1.5; }
    std::vector<SurfacePoint> known_points() const override { return {{3.0, 0.5, 0.0, PointKind::Minimum}}; }

private:
    static void terms(double x, double y, double& t1, double& t2, double& t3) {
        const double y2 = y * y, y3 = y2 * y;
        t1 = 1.5 - x + x * y;
        t2 = 2.25 - x + x * y2;
        t3 = 2.625 - x + x * y3;
    }
};

// ---- Saddle ----
// f = x^2 - y^2: stable along x, unstable along y, unbounded below; grad = (2x, -2y). Started near
// y = 0, gradient descent lingers (y grows only by (1 + 2*lr) per step) while momentum escapes fast.
class Saddle final : public Surface {
public:
    const char* name() const override { return "saddle"; }
    const char* formula() const override { return "x^2 - y^2"; }
    double value(double x, double y) const override { return x * x - y * y; }
    void gradient(double x, double y, double& gx, double& gy) const override {
        gx = 2.0 * x;
        gy = -2.0 * y;
    }
    SurfaceView view() const override { return {-2.0, 2.0, -2.0, 2.0}; }
    void default_start(double& x, double& y) const override { x = -1.8; y = 0.01; }
    std::vector<SurfacePoint> known_points() const override { return {{0.0, 0.0, 0.0, PointKind::Saddle}}; }
};

// ---- Himmelblau ----
// f = a^2 + b^2 with a = x^2 + y - 11, b = x + y^2 - 7: four minima of value 0, so the start decides
// which one an optimizer finds.  df/dx = 4*a*x + 2*b,  df/dy = 2*a + 4*b*y.
class Himmelblau final : public Surface {
public:
    const char* name() const override { return "himmelblau"; }
    const char* formula() const override { return "(x^2+y-11)^2 + (x+y^2-7)^2"; }
    double value(double x, double y) const override {
        const double a = x * x + y - 11.0, b = x + y * y - 7.0;
        return a * a + b * b;
    }
    void gradient(double x, double y, double& gx, double& gy) const override {
        const double a = x * x + y - 11.0, b = x + y * y - 7.0;
        gx = 4.0 * a * x + 2.0 * b;
        gy = 2.0 * a + 4.0 * b * y;
    }
    SurfaceView view() const override { return {-5.0, 5.0, -5.0, 5.0}; }
    void default_start(double& x, double& y) const override { x = 0.0; y = 0.0; }
    // Newton's method from near each minimum, to double precision.
    std::vector<SurfacePoint> known_points() const override {
        return {{3.0, 2.0, 0.0, PointKind::Minimum},
                {-2.805118086952745, 3.131312518250573, 0.0, PointKind::Minimum},
                {-3.779310253377747, -3.283185991286169, 0.0, PointKind::Minimum},
                {3.5844283403304917, -1.8481265269644034, 0.0, PointKind::Minimum}};
    }
};

// ---- Least squares on real data ----
// Fit t = w*s + b to the samples (s_i, t_i); the surface coordinates are (x, y) = (w, b).
// f = (1/n) sum r_i^2 with r_i = w*s_i + b - t_i (torch's MSELoss);
// df/dw = (2/n) sum r_i*s_i,  df/db = (2/n) sum r_i. A mini-batch averages over its own samples only,
// so its gradient is an unbiased but noisy estimate of the full one.
class LeastSquares final : public Surface {
public:
    LeastSquares(std::vector<double> s, std::vector<double> t) : s_(std::move(s)), t_(std::move(t)) {
        // The minimum from the normal equations: w = cov(s, t) / var(s), b = mean(t) - w*mean(s).
        const double n = double(s_.size());
        double ms = 0.0, mt = 0.0;
        for (size_t i = 0; i < s_.size(); ++i) {
            ms += s_[i];
            mt += t_[i];
        }
        ms /= n;
        mt /= n;
        double sst = 0.0, sss = 0.0;
        for (size_t i = 0; i < s_.size(); ++i) {
            sst += (s_[i] - ms) * (t_[i] - mt);
            sss += (s_[i] - ms) * (s_[i] - ms);
        }
        w_ = sst / sss;
        b_ = mt - w_ * ms;
    }
    const char* name() const override { return "least_squares"; }
    const char* formula() const override { return "mean_i (x*s_i + y - t_i)^2"; }
    double value(double x, double y) const override {
        double sum = 0.0;
        for (size_t i = 0; i < s_.size(); ++i) {
            const double r = x * s_[i] + y - t_[i];
            sum += r * r;
        }
        return sum / double(s_.size());
    }
    void gradient(double x, double y, double& gx, double& gy) const override {
        double sx = 0.0, sy = 0.0;
        for (size_t i = 0; i < s_.size(); ++i) {
            const double r = x * s_[i] + y - t_[i];
            sx += r * s_[i];
            sy += r;
        }
        gx = 2.0 * sx / double(s_.size());
        gy = 2.0 * sy / double(s_.size());
    }
    void gradient_batch(double x, double y, const std::vector<int>& idx, double& gx, double& gy) const override {
        LL_ASSERT(!idx.empty(), "gradient_batch: empty batch");
        double sx = 0.0, sy = 0.0;
        for (int i : idx) {
            LL_ASSERT(i >= 0 && size_t(i) < s_.size(), "gradient_batch: sample index out of range");
            const double r = x * s_[size_t(i)] + y - t_[size_t(i)];
            sx += r * s_[size_t(i)];
            sy += r;
        }
        gx = 2.0 * sx / double(idx.size());
        gy = 2.0 * sy / double(idx.size());
    }
    int samples() const override { return int(s_.size()); }
    SurfaceView view() const override { return {w_ - 1.5, w_ + 1.5, b_ - 0.75, b_ + 0.75}; }
    void default_start(double& x, double& y) const override {
        x = w_ - 1.25;
        y = b_ + 0.5;
    }
    std::vector<SurfacePoint> known_points() const override {
        return {{w_, b_, value(w_, b_), PointKind::Minimum}};
    }

private:
    std::vector<double> s_, t_;
    double w_ = 0.0, b_ = 0.0;
};

Status make_least_squares(const SurfaceOptions& opt, std::unique_ptr<Surface>& out) {
    if (opt.data_x.empty())
        return Status::error("the least_squares surface needs samples: derive them from images with "
                             "least_squares_samples (e.g. Fashion-MNIST's test split)");
    if (opt.data_x.size() != opt.data_y.size())
        return Status::error("least_squares: " + std::to_string(opt.data_x.size()) + " x values but " +
                             std::to_string(opt.data_y.size()) + " y values; give one y per x");
    double lo = opt.data_x[0], hi = opt.data_x[0];
    for (size_t i = 0; i < opt.data_x.size(); ++i) {
        if (!std::isfinite(opt.data_x[i]) || !std::isfinite(opt.data_y[i]))
            return Status::error("least_squares: sample " + std::to_string(i) + " is not a finite number");
        lo = std::fmin(lo, opt.data_x[i]);
        hi = std::fmax(hi, opt.data_x[i]);
    }
    if (lo == hi)
        return Status::error("least_squares: every x is the same, so the slope is undetermined; give samples with different x");
    out = std::make_unique<LeastSquares>(opt.data_x, opt.data_y);
    return Status::ok();
}

}  // namespace

const std::vector<std::string>& surface_names() {
    static const std::vector<std::string> names = {"quadratic", "rosenbrock", "beale", "saddle", "himmelblau",
                                                   "least_squares"};
    return names;
}

std::unique_ptr<Surface> make_surface(const std::string& name, const SurfaceOptions& opt, Status& st) {
    st = Status::ok();
    std::unique_ptr<Surface> s;
    if (opt.scaled && name != "quadratic") {
        st = Status::error("feature scaling (scaled) applies to the quadratic surface only, not " + name);
        return s;
    }
    if (name == "quadratic") {
        if (!(opt.condition > 0.0 && std::isfinite(opt.condition))) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "the quadratic's condition number must be a finite number > 0, got %g",
                          opt.condition);
            st = Status::error(buf);
            return s;
        }
        s = std::make_unique<Quadratic>(opt.condition, opt.scaled);
    } else if (name == "rosenbrock") {
        s = std::make_unique<Rosenbrock>();
    } else if (name == "beale") {
        s = std::make_unique<Beale>();
    } else if (name == "saddle") {
        s = std::make_unique<Saddle>();
    } else if (name == "himmelblau") {
        s = std::make_unique<Himmelblau>();
    } else if (name == "least_squares") {
        st = make_least_squares(opt, s);
    } else {
        st = Status::error("unknown surface \"" + name +
                           "\" (known: quadratic, rosenbrock, beale, saddle, himmelblau, least_squares)");
    }
    return s;
}

// x_i, y_i: mean of the top and bottom halves of image i over channels, rows and columns, in double.
Status least_squares_samples(const Dataset& images, int count, std::vector<double>& xs, std::vector<double>& ys) {
    const Tensor& im = images.images;  // (N, C, H, W)
    if (im.ndim() != 4 || im.dim(2) < 2)
        return Status::error("least_squares samples need images of shape (N, C, H, W) with H >= 2, got [" +
                             shape_str(im.shape()) + "]");
    if (count < 2 || count > im.dim(0))
        return Status::error("least_squares samples: asked for " + std::to_string(count) + " images but the set has " +
                             std::to_string(im.dim(0)) + " (need at least 2)");
    const int C = im.dim(1), H = im.dim(2), W = im.dim(3), top = H / 2;
    xs.assign(size_t(count), 0.0);
    ys.assign(size_t(count), 0.0);
    for (int n = 0; n < count; ++n) {
        double sum_top = 0.0, sum_bottom = 0.0;
        for (int c = 0; c < C; ++c) {
            const float* p = im.data() + (size_t(n) * C + c) * size_t(H) * W;
            for (int h = 0; h < H; ++h)
                for (int w = 0; w < W; ++w) (h < top ? sum_top : sum_bottom) += double(p[size_t(h) * W + w]);
        }
        xs[size_t(n)] = sum_top / (double(C) * top * W);
        ys[size_t(n)] = sum_bottom / (double(C) * (H - top) * W);
    }
    return Status::ok();
}

Status quadratic_shape(const Surface& s, double start_x, double start_y, int steps, QuadraticShape& out) {
    out = QuadraticShape();
    std::vector<SurfacePoint> minima;
    for (const SurfacePoint& p : s.known_points())
        if (p.kind == PointKind::Minimum) minima.push_back(p);
    if (minima.empty()) return Status::error(std::string("surface ") + s.name() + " has no known minimum");
    out.x_min = minima[0].x;
    out.y_min = minima[0].y;
    out.min_value = minima[0].value;
    // Unit steps: for a quadratic the gradient's differences are the Hessian's columns exactly.
    double g0x, g0y, gxx, gxy, gyx, gyy;
    s.gradient(out.x_min, out.y_min, g0x, g0y);
    s.gradient(out.x_min + 1.0, out.y_min, gxx, gxy);
    s.gradient(out.x_min, out.y_min + 1.0, gyx, gyy);
    const double a = gxx - g0x, b = 0.5 * ((gxy - g0y) + (gyx - g0x)), d = gyy - g0y;
    const double half_trace = 0.5 * (a + d), det = a * d - b * b;
    const double disc = std::sqrt(std::max(0.0, half_trace * half_trace - det));
    out.lambda_max = half_trace + disc;
    out.lambda_min = half_trace - disc;
    if (!(out.lambda_min > 0.0) || !std::isfinite(out.lambda_max))
        return Status::error(std::string("surface ") + s.name() + ": the Hessian at the minimum is not positive definite");
    out.angle = std::fabs(b) < 1e-300 ? (a >= d ? 0.0 : 0.5 * M_PI) : std::atan2(out.lambda_max - a, b);
    out.lr = 1.0 / out.lambda_max;
    double x = start_x, y = start_y;
    out.path_x = {x};
    out.path_y = {y};
    for (int k = 0; k < steps; ++k) {
        double gx, gy;
        s.gradient(x, y, gx, gy);
        x -= out.lr * gx;
        y -= out.lr * gy;
        out.path_x.push_back(x);
        out.path_y.push_back(y);
    }
    out.final_value = s.value(x, y);
    return Status::ok();
}

}  // namespace ll

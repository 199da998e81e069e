// Feature scaling: fit per feature (channel), transform, inverse. Conventions in scaling.h.
#include "engine/scaling.h"

#include <algorithm>
#include <cmath>

namespace ll {

namespace {

// x viewed as (N, F, S): S = 1 for (N, F), H*W for (N, C, H, W).
Status layout(const Tensor& x, const char* what, int& N, int& F, int& S) {
    if (x.ndim() < 2) {
        return Status::error(std::string(what) + ": scaling needs a (N, F) or (N, C, H, W) tensor, got " +
                             shape_str(x.shape()) + "; add a batch dimension");
    }
    N = x.dim(0);
    F = x.dim(1);
    S = F > 0 && N > 0 ? int(x.numel() / (size_t(N) * size_t(F))) : 0;
    return Status::ok();
}

// y = (x - shift_f) * a_f + b (forward: a = 1/scale, b = 0) or y = x * scale_f + shift_f (inverse).
void apply(float* y, const float* x, const float* shift, const float* scale, int N, int F, int S, bool inverse) {
    for (int n = 0; n < N; ++n) {
        for (int f = 0; f < F; ++f) {
            const size_t base = (size_t(n) * F + size_t(f)) * S;
            const double sh = shift[f], sc = scale[f];
            for (int s = 0; s < S; ++s) {
                const double v = x[base + s];
                y[base + s] = float(inverse ? v * sc + sh : (v - sh) / sc);
            }
        }
    }
}

Status check_fitted(const Scaler& s, const Tensor& x, const char* what, int& N, int& F, int& S) {
    if (!s.fitted()) return Status::error(std::string(what) + ": the scaler is not fitted; call fit_scaler first");
    LL_TRY(layout(x, what, N, F, S));
    if (F != s.features()) {
        return Status::error(std::string(what) + ": the scaler was fitted on " + std::to_string(s.features()) +
                             " features (channels), the tensor " + shape_str(x.shape()) + " has " +
                             std::to_string(F) + " in dimension 1");
    }
    return Status::ok();
}

}  // namespace

const char* scale_kind_name(ScaleKind k) { return k == ScaleKind::MinMax ? "minmax" : "zscore"; }

Status parse_scale_kind(const std::string& s, ScaleKind& out) {
    if (s == "minmax") out = ScaleKind::MinMax;
    else if (s == "zscore") out = ScaleKind::ZScore;
    else return Status::error("unknown scaling '" + s + "' (known: minmax, zscore)");
    return Status::ok();
}

Status fit_scaler(const Tensor& x, ScaleKind kind, Scaler& out) {
    int N, F, S;
    LL_TRY(layout(x, "fit_scaler", N, F, S));
    if (size_t(N) * size_t(S) == 0 || F == 0)
        return Status::error("fit_scaler: the tensor " + shape_str(x.shape()) + " has no values to fit on");
    out.kind = kind;
    out.shift = Tensor({F});
    out.scale = Tensor({F});
    const double count = double(N) * double(S);
    for (int f = 0; f < F; ++f) {
        float lo = x[size_t(f) * S], hi = lo;
        double sum = 0.0;
        for (int n = 0; n < N; ++n) {
            const float* p = x.data() + (size_t(n) * F + size_t(f)) * S;
            for (int s = 0; s < S; ++s) {
                lo = std::min(lo, p[s]);
                hi = std::max(hi, p[s]);
                sum += double(p[s]);
            }
        }
        const bool constant = lo == hi;  // exact: a constant feature maps to 0, never 0/0
        if (kind == ScaleKind::MinMax) {
            out.shift[size_t(f)] = lo;
            out.scale[size_t(f)] = constant ? 1.0f : float(double(hi) - double(lo));
            continue;
        }
        const double mean = sum / count;
        double sq = 0.0;  // two passes: no cancellation for large means
        for (int n = 0; n < N; ++n) {
            const float* p = x.data() + (size_t(n) * F + size_t(f)) * S;
            for (int s = 0; s < S; ++s) sq += (double(p[s]) - mean) * (double(p[s]) - mean);
        }
        const double sd = std::sqrt(sq / count);
        out.shift[size_t(f)] = float(mean);
        out.scale[size_t(f)] = constant || !(sd > 0.0) ? 1.0f : float(sd);
    }
    return Status::ok();
}

Status scaler_transform(const Scaler& s, const Tensor& x, Tensor& y) {
    int N, F, S;
    LL_TRY(check_fitted(s, x, "scaler_transform", N, F, S));
    y.resize(x.shape());
    apply(y.data(), x.data(), s.shift.data(), s.scale.data(), N, F, S, false);
    return Status::ok();
}

Status scaler_inverse(const Scaler& s, const Tensor& y, Tensor& x) {
    int N, F, S;
    LL_TRY(check_fitted(s, y, "scaler_inverse", N, F, S));
    x.resize(y.shape());
    apply(x.data(), y.data(), s.shift.data(), s.scale.data(), N, F, S, true);
    return Status::ok();
}

}  // namespace ll

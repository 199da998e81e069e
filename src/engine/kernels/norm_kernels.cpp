// Normalisation kernels; the layouts and the maths are in norm_kernels.h.
#include "engine/kernels/norm_kernels.h"
#include "engine/kernels/isa.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "engine/kernels/simd.h"
#include "engine/parallel.h"

LL_KERNELS_BEGIN

namespace {

// The reductions below keep simd::kLanes = 16 double partial sums, lane k taking the elements at
// positions k mod 16 of each segment, as two 8-double vectors (simd::Lanes16); a segment's tail goes
// to lanes 0, 1, ... Every target gives the same lanes, hence the same bits.

// acc += (x[i] - mu)^2 over one segment.
void add_sq_dev_lanes(double acc[simd::kLanes], const float* x, size_t n, double mu) {
    simd::Lanes16 v;
    size_t i = 0;
    for (; i + simd::kLanes <= n; i += simd::kLanes) {
        const simd::D8 a = simd::load_d8(x + i) - mu, b = simd::load_d8(x + i + 8) - mu;
        v.lo += a * a;
        v.hi += b * b;
    }
    for (int k = 0; k < 8; ++k) {
        acc[k] += v.lo[k];
        acc[k + 8] += v.hi[k];
    }
    for (int k = 0; i < n; ++i, ++k) {
        const double d = double(x[i]) - mu;
        acc[k] += d * d;
    }
}

// s1 += dy[i], s2 += dy[i] * x_hat[i] over one segment.
void add_dot_lanes(simd::Lanes16& s1, simd::Lanes16& s2, const float* dy, const float* xh, size_t n) {
    size_t i = 0;
    for (; i + simd::kLanes <= n; i += simd::kLanes) {
        const simd::D8 d0 = simd::load_d8(dy + i), d1 = simd::load_d8(dy + i + 8);
        s1.lo += d0;
        s1.hi += d1;
        s2.lo += d0 * simd::load_d8(xh + i);
        s2.hi += d1 * simd::load_d8(xh + i + 8);
    }
    for (int k = 0; i < n; ++i, ++k) {
        const double d = double(dy[i]), p = d * double(xh[i]);
        if (k < 8) {
            s1.lo[k] += d;
            s2.lo[k] += p;
        } else {
            s1.hi[k - 8] += d;
            s2.hi[k - 8] += p;
        }
    }
}

// x_hat = (x - mean_c) * rstd_c, y = gamma_c * x_hat + beta_c for channels [c0, c1).
void channel_normalize_affine_range(float* y, float* x_hat, const float* x, const float* mean, const float* rstd,
                                    const float* gamma, const float* beta, int N, int C, int S, int c0, int c1) {
    const size_t CS = size_t(C) * size_t(S);
    for (int c = c0; c < c1; ++c) {
        const float mu = mean[c], r = rstd[c];
        const float g = gamma ? gamma[c] : 1.0f, b = beta ? beta[c] : 0.0f;
        for (int n = 0; n < N; ++n) {
            const size_t base = size_t(n) * CS + size_t(c) * S;
            const float* __restrict xp = x + base;
            float* __restrict hp = x_hat + base;
            float* __restrict yp = y + base;
            for (int s = 0; s < S; ++s) {
                const float h = (xp[s] - mu) * r;
                hp[s] = h;
                yp[s] = g * h + b;
            }
        }
    }
}

// Runs fn(c0, c1) over channel ranges, on the threads when the tensor is large enough.
template <class Fn>
void for_channels(int C, size_t values, const Fn& fn) {
    if (values < size_t(kParallelMinValues)) fn(int64_t(0), int64_t(C));
    else parallel_for(0, C, 1, fn);
}

}  // namespace

// ---- Statistics ----

// Per channel, in parallel over channels (each channel's sums are one thread's, in a fixed order).
void channel_moments(float* mean, float* var, const float* x, int N, int C, int S) {
    const size_t CS = size_t(C) * size_t(S);
    const double inv_m = 1.0 / (double(N) * double(S));
    for_channels(C, size_t(N) * CS, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c) {
            // Two passes (mean, then squared deviations): no cancellation for large means.
            double acc[simd::kLanes] = {};
            for (int n = 0; n < N; ++n) simd::add_lanes(acc, x + size_t(n) * CS + size_t(c) * S, size_t(S));
            const double mu = simd::fold_lanes(acc) * inv_m;
            double sq[simd::kLanes] = {};
            for (int n = 0; n < N; ++n) add_sq_dev_lanes(sq, x + size_t(n) * CS + size_t(c) * S, size_t(S), mu);
            mean[c] = float(mu);
            var[c] = float(simd::fold_lanes(sq) * inv_m);
        }
    });
}

void row_moments(float* mean, float* var, const float* x, int R, int M) {
    const double inv_m = 1.0 / double(M);
    for (int r = 0; r < R; ++r) {
        const float* xp = x + size_t(r) * M;
        double sum = 0.0;
        for (int i = 0; i < M; ++i) sum += double(xp[i]);
        const double mu = sum * inv_m;
        double sq = 0.0;
        for (int i = 0; i < M; ++i) {
            const double d = double(xp[i]) - mu;
            sq += d * d;
        }
        mean[r] = float(mu);
        var[r] = float(sq * inv_m);
    }
}

void inv_std(float* rstd, const float* var, int n, float eps) {
    for (int i = 0; i < n; ++i) rstd[i] = float(1.0 / std::sqrt(double(var[i]) + double(eps)));
}

void running_update(float* running, const float* batch, int n, double f, double batch_scale) {
    for (int i = 0; i < n; ++i)
        running[i] = float(f * (batch_scale * double(batch[i])) + (1.0 - f) * double(running[i]));
}

// ---- Normalise and scale ----

void channel_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int N, int C, int S) {
    for (int n = 0; n < N; ++n) {
        for (int c = 0; c < C; ++c) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            const float mu = mean[c], r = rstd[c];
            for (int s = 0; s < S; ++s) x_hat[base + s] = (x[base + s] - mu) * r;
        }
    }
}

void row_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int R, int M) {
    for (int r = 0; r < R; ++r) {
        const size_t base = size_t(r) * M;
        const float mu = mean[r], rs = rstd[r];
        for (int i = 0; i < M; ++i) x_hat[base + i] = (x[base + i] - mu) * rs;
    }
}

void affine_forward(float* y, const float* x_hat, const float* gamma, const float* beta, int N, int C, int S) {
    for (int n = 0; n < N; ++n) {
        for (int c = 0; c < C; ++c) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            const float g = gamma ? gamma[c] : 1.0f, b = beta ? beta[c] : 0.0f;
            for (int s = 0; s < S; ++s) y[base + s] = g * x_hat[base + s] + b;
        }
    }
}

// ---- Backward ----

void affine_backward(float* dxh, float* dgamma, float* dbeta, const float* dy, const float* x_hat,
                     const float* gamma, int N, int C, int S) {
    for (int c = 0; c < C; ++c) {
        double dg = 0.0, db = 0.0;
        const float g = gamma ? gamma[c] : 1.0f;
        for (int n = 0; n < N; ++n) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            for (int s = 0; s < S; ++s) {
                const float d = dy[base + s];
                dg += double(d) * double(x_hat[base + s]);
                db += double(d);
                dxh[base + s] = d * g;
            }
        }
        if (dgamma) dgamma[c] += float(dg);
        if (dbeta) dbeta[c] += float(db);
    }
}

void channel_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int N, int C, int S) {
    const double M = double(N) * double(S);
    for (int c = 0; c < C; ++c) {
        double sum_d = 0.0, sum_dx = 0.0;  // sum(dxh), sum(dxh * x_hat)
        for (int n = 0; n < N; ++n) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            for (int s = 0; s < S; ++s) {
                sum_d += double(dxh[base + s]);
                sum_dx += double(dxh[base + s]) * double(x_hat[base + s]);
            }
        }
        const float mean_d = float(sum_d / M), mean_dx = float(sum_dx / M), r = rstd[c];
        for (int n = 0; n < N; ++n) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            // rstd/M * (M*dxh - sum(dxh) - x_hat*sum(dxh*x_hat))
            for (int s = 0; s < S; ++s) dx[base + s] = r * (dxh[base + s] - mean_d - x_hat[base + s] * mean_dx);
        }
    }
}

void row_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int R, int M) {
    for (int r = 0; r < R; ++r) {
        const size_t base = size_t(r) * M;
        double sum_d = 0.0, sum_dx = 0.0;
        for (int i = 0; i < M; ++i) {
            sum_d += double(dxh[base + i]);
            sum_dx += double(dxh[base + i]) * double(x_hat[base + i]);
        }
        const float mean_d = float(sum_d / M), mean_dx = float(sum_dx / M), rs = rstd[r];
        for (int i = 0; i < M; ++i) dx[base + i] = rs * (dxh[base + i] - mean_d - x_hat[base + i] * mean_dx);
    }
}

void channel_scale(float* dx, const float* dxh, const float* rstd, int N, int C, int S) {
    for (int n = 0; n < N; ++n) {
        for (int c = 0; c < C; ++c) {
            const size_t base = (size_t(n) * C + size_t(c)) * S;
            const float r = rstd[c];
            for (int s = 0; s < S; ++s) dx[base + s] = dxh[base + s] * r;
        }
    }
}

// ---- BatchNorm, fused ----

// One pass over the channel: sums of d = x - K and d^2 in double, K = the channel's first value (a
// shift that keeps var = E[d^2] - E[d]^2 free of cancellation unless the mean is thousands of
// standard deviations from K).
void shifted_moments(double& mean, double& var, const float* x, int N, size_t CS, int S) {
    const double K = double(x[0]);
    simd::Lanes16 s1, s2;
    for (int n = 0; n < N; ++n) {
        const float* xp = x + size_t(n) * CS;
        size_t i = 0;
        for (; i + simd::kLanes <= size_t(S); i += simd::kLanes) {
            const simd::D8 a = simd::load_d8(xp + i) - K, b = simd::load_d8(xp + i + 8) - K;
            s1.lo += a;
            s1.hi += b;
            s2.lo += a * a;
            s2.hi += b * b;
        }
        for (int k = 0; i < size_t(S); ++i, ++k) {
            const double d = double(xp[i]) - K;
            if (k < 8) {
                s1.lo[k] += d;
                s2.lo[k] += d * d;
            } else {
                s1.hi[k - 8] += d;
                s2.hi[k - 8] += d * d;
            }
        }
    }
    const double inv_m = 1.0 / (double(N) * double(S));
    const double m1 = simd::fold(s1) * inv_m;
    mean = K + m1;
    var = std::max(0.0, simd::fold(s2) * inv_m - m1 * m1);
}

void batch_norm_forward(float* y, float* x_hat, float* mean, float* var, float* rstd, const float* x,
                        const float* gamma, const float* beta, int N, int C, int S, float eps, bool batch_stats) {
    const size_t CS = size_t(C) * size_t(S);
    for_channels(C, size_t(N) * CS, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c) {
            // The channel's values are read once from memory here and again from cache below.
            if (batch_stats) {
                double mu, v;
                shifted_moments(mu, v, x + size_t(c) * S, N, CS, S);
                mean[c] = float(mu);
                var[c] = float(v);
            }
            rstd[c] = float(1.0 / std::sqrt(double(var[c]) + double(eps)));
        }
        channel_normalize_affine_range(y, x_hat, x, mean, rstd, gamma, beta, N, C, S, int(c0), int(c1));
    });
}

void channel_normalize_affine(float* y, float* x_hat, const float* x, const float* mean, const float* rstd,
                              const float* gamma, const float* beta, int N, int C, int S) {
    for_channels(C, size_t(N) * C * S, [&](int64_t c0, int64_t c1) {
        channel_normalize_affine_range(y, x_hat, x, mean, rstd, gamma, beta, N, C, S, int(c0), int(c1));
    });
}

void batch_norm_backward(float* dx, float* dgamma, float* dbeta, const float* dy, const float* x_hat,
                         const float* gamma, const float* rstd, int N, int C, int S, bool batch_stats) {
    const size_t CS = size_t(C) * size_t(S);
    const double M = double(N) * double(S);
    for_channels(C, size_t(N) * CS, [&](int64_t c0, int64_t c1) {
        for (int64_t c = c0; c < c1; ++c) {
            simd::Lanes16 s1, s2;
            for (int n = 0; n < N; ++n) {
                const size_t base = size_t(n) * CS + size_t(c) * S;
                add_dot_lanes(s1, s2, dy + base, x_hat + base, size_t(S));
            }
            const double sum_dy = simd::fold(s1), sum_dy_xh = simd::fold(s2);
            if (dgamma) dgamma[c] += float(sum_dy_xh);
            if (dbeta) dbeta[c] += float(sum_dy);
            const float g = gamma ? gamma[c] : 1.0f, r = rstd[c];
            // dxh = dy * g; sum(dxh) = g * sum(dy), sum(dxh * x_hat) = g * sum(dy * x_hat).
            const float mean_d = batch_stats ? float(double(g) * sum_dy / M) : 0.0f;
            const float mean_dx = batch_stats ? float(double(g) * sum_dy_xh / M) : 0.0f;
            for (int n = 0; n < N; ++n) {
                const size_t base = size_t(n) * CS + size_t(c) * S;
                const float* __restrict d = dy + base;
                const float* __restrict h = x_hat + base;
                float* __restrict o = dx + base;
                if (batch_stats) {
                    for (int s = 0; s < S; ++s) o[s] = r * (d[s] * g - mean_d - h[s] * mean_dx);
                } else {
                    for (int s = 0; s < S; ++s) o[s] = (d[s] * g) * r;
                }
            }
        }
    });
}

// ---- Local response normalisation ----

void lrn_forward(float* y, float* scale, const float* x, int N, int C, int S, int size, float alpha, float beta,
                 float k) {
    const int front = size / 2, back = (size - 1) / 2;
    const float a = alpha / float(size);
    for (int n = 0; n < N; ++n) {
        const size_t base = size_t(n) * C * S;
        for (int c = 0; c < C; ++c) {
            float* sc = scale + base + size_t(c) * S;
            for (int s = 0; s < S; ++s) sc[s] = 0.0f;
            const int lo = c - front < 0 ? 0 : c - front, hi = c + back >= C ? C - 1 : c + back;
            for (int cc = lo; cc <= hi; ++cc) {
                const float* xp = x + base + size_t(cc) * S;
                for (int s = 0; s < S; ++s) sc[s] += xp[s] * xp[s];
            }
            const float* xp = x + base + size_t(c) * S;
            float* yp = y + base + size_t(c) * S;
            for (int s = 0; s < S; ++s) {
                sc[s] = k + a * sc[s];
                yp[s] = xp[s] / std::pow(sc[s], beta);  // torch: input / div, div = scale^beta
            }
        }
    }
}

void lrn_backward(float* dx, float* work, const float* dy, const float* x, const float* y, const float* scale,
                  int N, int C, int S, int size, float alpha, float beta) {
    const int front = size / 2, back = (size - 1) / 2;
    const float coef = 2.0f * alpha * beta / float(size);
    const size_t CS = size_t(C) * S;
    for (int n = 0; n < N; ++n) {
        const size_t base = size_t(n) * CS;
        // work_c = dy_c * x_c * scale_c^(-beta-1) = dy_c * y_c / scale_c
        for (size_t i = 0; i < CS; ++i) work[i] = dy[base + i] * y[base + i] / scale[base + i];
        for (int j = 0; j < C; ++j) {
            const int lo = j - back < 0 ? 0 : j - back, hi = j + front >= C ? C - 1 : j + front;
            float* dxp = dx + base + size_t(j) * S;
            for (int s = 0; s < S; ++s) dxp[s] = 0.0f;
            for (int c = lo; c <= hi; ++c) {
                const float* wp = work + size_t(c) * S;
                for (int s = 0; s < S; ++s) dxp[s] += wp[s];
            }
            const float* xp = x + base + size_t(j) * S;
            const float* dyp = dy + base + size_t(j) * S;
            const float* sp = scale + base + size_t(j) * S;
            for (int s = 0; s < S; ++s) dxp[s] = dyp[s] / std::pow(sp[s], beta) - coef * xp[s] * dxp[s];
        }
    }
}

LL_KERNELS_END

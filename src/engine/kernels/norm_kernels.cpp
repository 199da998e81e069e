// Normalisation kernels; the layouts and the maths are in norm_kernels.h.
#include "engine/kernels/norm_kernels.h"

#include <cmath>
#include <cstddef>

namespace ll {

// ---- Statistics ----

void channel_moments(float* mean, float* var, const float* x, int N, int C, int S) {
    const size_t CS = size_t(C) * size_t(S);
    const double inv_m = 1.0 / (double(N) * double(S));
    for (int c = 0; c < C; ++c) {
        // Two passes (mean, then squared deviations): no cancellation for large means.
        double sum = 0.0;
        for (int n = 0; n < N; ++n) {
            const float* xp = x + size_t(n) * CS + size_t(c) * S;
            for (int s = 0; s < S; ++s) sum += double(xp[s]);
        }
        const double mu = sum * inv_m;
        double sq = 0.0;
        for (int n = 0; n < N; ++n) {
            const float* xp = x + size_t(n) * CS + size_t(c) * S;
            for (int s = 0; s < S; ++s) {
                const double d = double(xp[s]) - mu;
                sq += d * d;
            }
        }
        mean[c] = float(mu);
        var[c] = float(sq * inv_m);
    }
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

}  // namespace ll

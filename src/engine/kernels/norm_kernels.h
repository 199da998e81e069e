// Normalisation kernels: stateless functions on raw pointers and dims, no allocation (llm.c style).
//
// Two layouts cover every norm layer. Channel layout: x viewed as (N, C, S), S = H*W (or L, or 1 for
// features), statistics per channel over (N, S) - BatchNorm, and any norm using running statistics.
// Row layout: x viewed as (R, M) contiguous rows, statistics per row - LayerNorm (R = N), GroupNorm
// (R = N*G, M = C/G*S), InstanceNorm (R = N*C, M = S). The affine step y = gamma_c * x_hat + beta_c
// always uses the channel layout (LayerNorm: C = all features, S = 1).
// Sums run in double so the statistics are exact to float32 whatever the reduction length; the per-channel
// sums use simd::kLanes partial sums in a fixed order, so every SIMD width and thread count gives the same bits.
// Backward kernels overwrite dx and accumulate into dgamma / dbeta.
// Reference: Ioffe & Szegedy 2015 (BatchNorm); torch.nn.functional.local_response_norm (LRN).
#pragma once

namespace ll {

// ---- Statistics ----
// x: (N, C, S). mean, var: (C); var is biased (divides by M = N*S), as torch normalises with it.
void channel_moments(float* mean, float* var, const float* x, int N, int C, int S);
// x: (R, M). mean, var: (R), biased.
void row_moments(float* mean, float* var, const float* x, int R, int M);
// rstd = 1 / sqrt(var + eps), n values.
void inv_std(float* rstd, const float* var, int n, float eps);
// Running statistics: running = (1 - f) * running + f * batch_scale * batch, n values, in double as
// torch's CPU update. batch_scale M/(M-1) turns a biased variance into the unbiased one torch tracks.
void running_update(float* running, const float* batch, int n, double f, double batch_scale = 1.0);

// ---- Normalise and scale ----
// x, x_hat: (N, C, S). x_hat = (x - mean_c) * rstd_c.
void channel_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int N, int C, int S);
// x, x_hat: (R, M). x_hat = (x - mean_r) * rstd_r.
void row_normalize(float* x_hat, const float* x, const float* mean, const float* rstd, int R, int M);
// x_hat, y: (N, C, S); gamma, beta: (C). y = gamma_c * x_hat + beta_c; gamma and beta null: y = x_hat.
void affine_forward(float* y, const float* x_hat, const float* gamma, const float* beta, int N, int C, int S);

// ---- Backward ----
// dy, x_hat, dxh: (N, C, S). dxh = dy * gamma_c (dy when gamma is null);
// dgamma_c += sum_{n,s} dy * x_hat, dbeta_c += sum_{n,s} dy (skipped when null). dxh may alias dy.
void affine_backward(float* dxh, float* dgamma, float* dbeta, const float* dy, const float* x_hat,
                     const float* gamma, int N, int C, int S);
// Through statistics computed from the same M values: x_hat = (x - mu) * rstd, mu = mean(x),
// var = mean((x - mu)^2). With dxh = dL/dx_hat:
//   dL/dvar = sum(dxh * (x - mu)) * -1/2 * rstd^3,  dL/dmu = -rstd * sum(dxh)  (the dvar term's
//   d var/d mu = -2/M * sum(x - mu) vanishes), and d mu/dx = 1/M, d var/dx = 2 (x - mu) / M, so
//   dx = dxh * rstd + dL/dvar * 2 (x - mu) / M + dL/dmu / M
//      = rstd / M * (M * dxh - sum(dxh) - x_hat * sum(dxh * x_hat)).
// Channel layout: per channel over (N, S), M = N*S; dx, dxh, x_hat: (N, C, S); rstd: (C). dx may alias dxh.
void channel_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int N, int C, int S);
// Row layout: per row, dx, dxh, x_hat: (R, M); rstd: (R). dx may alias dxh.
void row_norm_backward(float* dx, const float* dxh, const float* x_hat, const float* rstd, int R, int M);
// Through fixed statistics (running stats in eval): dx = dxh * rstd_c. (N, C, S). dx may alias dxh.
void channel_scale(float* dx, const float* dxh, const float* rstd, int N, int C, int S);

// ---- BatchNorm, fused (two passes over the data instead of five) ----
// Channel by channel (each channel's values then stay in cache between the passes): with batch_stats,
// mean_c and the biased var_c of x over (N, S) in one pass (double sums of x - x[first], see
// norm_kernels.cpp), else mean and var are given (running statistics); then rstd_c = 1/sqrt(var_c +
// eps) and channel_normalize_affine. x, x_hat, y: (N, C, S); mean, var, rstd, gamma, beta: (C).
void batch_norm_forward(float* y, float* x_hat, float* mean, float* var, float* rstd, const float* x,
                        const float* gamma, const float* beta, int N, int C, int S, float eps, bool batch_stats);
// channel_normalize then affine_forward in one pass, with the same arithmetic: x_hat = (x - mean_c) *
// rstd_c, y = gamma_c * x_hat + beta_c (gamma, beta null: 1, 0). (N, C, S).
void channel_normalize_affine(float* y, float* x_hat, const float* x, const float* mean, const float* rstd,
                              const float* gamma, const float* beta, int N, int C, int S);
// affine_backward followed by channel_norm_backward (batch_stats) or channel_scale (running statistics):
// dgamma_c += sum dy * x_hat, dbeta_c += sum dy (skipped when null), then with dxh = dy * gamma_c
//   batch_stats: dx = rstd_c * (dxh - mean(dxh) - x_hat * mean(dxh * x_hat)),
//                where mean(dxh) = gamma_c * sum(dy) / M and mean(dxh * x_hat) = gamma_c * sum(dy * x_hat) / M;
//   otherwise:   dx = dxh * rstd_c.
// dx, dy, x_hat: (N, C, S); gamma, rstd: (C). dx must not alias dy or x_hat.
void batch_norm_backward(float* dx, float* dgamma, float* dbeta, const float* dy, const float* x_hat,
                         const float* gamma, const float* rstd, int N, int C, int S, bool batch_stats);

// ---- Local response normalisation across channels ----
// x, y, scale: (N, C, S). Window W(c) = [c - size/2, c + (size-1)/2] clipped to [0, C) (torch pads
// with zeros, then averages over size, so the divisor is always size):
//   scale_c = k + alpha / size * sum_{c' in W(c)} x_{c'}^2,   y_c = x_c * scale_c^-beta.
void lrn_forward(float* y, float* scale, const float* x, int N, int C, int S, int size, float alpha, float beta,
                 float k);
// dy/dx: dy_c/dx_j = [c = j] scale_c^-beta - beta * x_c * scale_c^(-beta-1) * 2 alpha/size * x_j [j in W(c)],
// so dx_j = dy_j * scale_j^-beta - 2 alpha beta / size * x_j * sum_{c: j in W(c)} dy_c x_c scale_c^(-beta-1),
// where j in W(c) <=> c in [j - (size-1)/2, j + size/2]; x_c scale_c^(-beta-1) = y_c / scale_c.
// dx, dy, x, y, scale: (N, C, S); work: (C, S) scratch for one sample's dy_c y_c / scale_c.
void lrn_backward(float* dx, float* work, const float* dy, const float* x, const float* y, const float* scale,
                  int N, int C, int S, int size, float alpha, float beta);

}  // namespace ll

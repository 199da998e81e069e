#include "engine/grad_terms.h"

#include <algorithm>
#include <cmath>

#include "engine/status.h"

namespace ll {

namespace {

// Keeps the k terms of largest |product| (ties: the earlier term first, so the order is stable).
void keep_top(std::vector<GradTerm>& terms, int k) {
    std::stable_sort(terms.begin(), terms.end(),
                     [](const GradTerm& a, const GradTerm& b) { return std::fabs(a.product()) > std::fabs(b.product()); });
    if (int(terms.size()) > k) terms.resize(size_t(std::max(k, 0)));
}

}  // namespace

double GradEntry::top_sum() const {
    double s = 0.0;
    for (const GradTerm& t : top) s += t.product();
    return s;
}

GradEntry conv2d_weight_grad_entry(const Tensor& x, const Tensor& dy, const ConvOptions& o, int oc, int c, int i,
                                   int j, int max_terms) {
    LL_ASSERT(x.ndim() == 4 && dy.ndim() == 4 && x.dim(0) == dy.dim(0), "conv2d_weight_grad_entry: x, dy (N, C, H, W)");
    const int N = x.dim(0), C = x.dim(1), H = x.dim(2), W = x.dim(3);
    const int OC = dy.dim(1), OH = dy.dim(2), OW = dy.dim(3), G = o.groups;
    LL_ASSERT(G >= 1 && C % G == 0 && OC % G == 0, "conv2d_weight_grad_entry: groups");
    LL_ASSERT(oc >= 0 && oc < OC && c >= 0 && c < C / G && i >= 0 && i < o.kernel[0] && j >= 0 && j < o.kernel[1],
              "conv2d_weight_grad_entry: index out of range");
    const int ic = (oc / (OC / G)) * (C / G) + c;  // the input channel this weight reads
    GradEntry e;
    std::vector<GradTerm> terms;
    terms.reserve(size_t(N) * size_t(OH) * size_t(OW));
    for (int n = 0; n < N; ++n)
        for (int y = 0; y < OH; ++y)
            for (int xo = 0; xo < OW; ++xo) {
                GradTerm t;
                t.n = n; t.y = y; t.x = xo;
                t.iy = y * o.stride[0] + i * o.dilation[0] - o.padding[0];
                t.ix = xo * o.stride[1] + j * o.dilation[1] - o.padding[1];
                t.inside = t.iy >= 0 && t.iy < H && t.ix >= 0 && t.ix < W;
                t.dy = dy[((size_t(n) * size_t(OC) + size_t(oc)) * size_t(OH) + size_t(y)) * size_t(OW) + size_t(xo)];
                t.x_val = t.inside ? x[((size_t(n) * size_t(C) + size_t(ic)) * size_t(H) + size_t(t.iy)) * size_t(W) + size_t(t.ix)]
                                   : 0.0f;
                e.sum += t.product();
                terms.push_back(t);
            }
    e.count = int(terms.size());
    keep_top(terms, max_terms);
    e.top = std::move(terms);
    return e;
}

GradEntry bias_grad_entry(const Tensor& dy, int oc, int max_terms) {
    LL_ASSERT(dy.ndim() == 2 || dy.ndim() == 4, "bias_grad_entry: dy (N, OC, OH, OW) or (N, OUT)");
    const int N = dy.dim(0), OC = dy.dim(1);
    const int OH = dy.ndim() == 4 ? dy.dim(2) : 1, OW = dy.ndim() == 4 ? dy.dim(3) : 1;
    LL_ASSERT(oc >= 0 && oc < OC, "bias_grad_entry: index out of range");
    GradEntry e;
    std::vector<GradTerm> terms;
    for (int n = 0; n < N; ++n)
        for (int y = 0; y < OH; ++y)
            for (int xo = 0; xo < OW; ++xo) {
                GradTerm t;
                t.n = n; t.y = y; t.x = xo; t.iy = y; t.ix = xo;
                t.dy = dy[((size_t(n) * size_t(OC) + size_t(oc)) * size_t(OH) + size_t(y)) * size_t(OW) + size_t(xo)];
                e.sum += t.product();
                terms.push_back(t);
            }
    e.count = int(terms.size());
    keep_top(terms, max_terms);
    e.top = std::move(terms);
    return e;
}

GradEntry linear_weight_grad_entry(const Tensor& x, const Tensor& dy, int o, int i, int max_terms) {
    LL_ASSERT(x.ndim() == 2 && dy.ndim() == 2 && x.dim(0) == dy.dim(0), "linear_weight_grad_entry: x (N, IN), dy (N, OUT)");
    const int N = x.dim(0), IN = x.dim(1), OUT = dy.dim(1);
    LL_ASSERT(o >= 0 && o < OUT && i >= 0 && i < IN, "linear_weight_grad_entry: index out of range");
    GradEntry e;
    std::vector<GradTerm> terms;
    for (int n = 0; n < N; ++n) {
        GradTerm t;
        t.n = n; t.ix = i;
        t.dy = dy[size_t(n) * size_t(OUT) + size_t(o)];
        t.x_val = x[size_t(n) * size_t(IN) + size_t(i)];
        e.sum += t.product();
        terms.push_back(t);
    }
    e.count = int(terms.size());
    keep_top(terms, max_terms);
    e.top = std::move(terms);
    return e;
}

GradEntry linear_output_entry(const Tensor& x, const Tensor& W, int n, int o, int max_terms) {
    LL_ASSERT(x.ndim() == 2 && W.ndim() == 2 && x.dim(1) == W.dim(1), "linear_output_entry: x (N, IN), W (OUT, IN)");
    const int IN = x.dim(1);
    LL_ASSERT(n >= 0 && n < x.dim(0) && o >= 0 && o < W.dim(0), "linear_output_entry: index out of range");
    GradEntry e;
    std::vector<GradTerm> terms(static_cast<size_t>(IN));
    for (int i = 0; i < IN; ++i) {
        GradTerm& t = terms[size_t(i)];
        t.n = n; t.ix = i;
        t.dy = W[size_t(o) * size_t(IN) + size_t(i)];
        t.x_val = x[size_t(n) * size_t(IN) + size_t(i)];
        e.sum += t.product();
    }
    e.count = IN;
    keep_top(terms, max_terms);
    e.top = std::move(terms);
    return e;
}

}  // namespace ll

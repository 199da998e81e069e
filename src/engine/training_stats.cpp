#include "engine/training_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/loss.h"
#include "engine/trainer.h"

namespace ll {

void evaluate_report(Model& m, const Dataset& ds, const std::vector<int>* idx, int batch, int max_misses,
                     EvalReport& out) {
    const int N = idx ? int(idx->size()) : ds.size();
    const int C = m.output_shape().empty() ? 0 : m.output_shape()[0];
    out = EvalReport();
    out.count = N;
    out.classes = C;
    out.confusion.assign(size_t(C) * size_t(C), 0);
    std::vector<int> rows;
    std::vector<int64_t> yb;
    Tensor xb, dummy;
    double loss_sum = 0.0;
    int correct = 0;
    for (int b = 0; b < N; b += batch) {
        const int n = std::min(batch, N - b);
        rows.resize(size_t(n));
        if (idx) std::copy(idx->begin() + b, idx->begin() + b + n, rows.begin());
        else std::iota(rows.begin(), rows.end(), b);
        gather_rows(ds.images, rows, xb);
        gather_rows(ds.labels, rows, yb);
        const Tensor& logits = m.forward(xb, Mode::Eval);
        // Weighted by the batch size in double, as evaluate() does: the same figure to the last bit.
        loss_sum += double(cross_entropy(logits, yb.data(), dummy)) * double(n);
        for (int k = 0; k < n; ++k) {
            const int pred = argmax_row(logits.data() + size_t(k) * size_t(C), C);
            const int label = int(yb[size_t(k)]);
            ++out.confusion[size_t(label) * size_t(C) + size_t(pred)];
            if (pred == label) ++correct;
            else if (int(out.misses.size()) < max_misses) out.misses.push_back({rows[size_t(k)], label, pred});
        }
    }
    out.loss = N ? loss_sum / N : 0.0;
    out.accuracy = N ? double(correct) / N : 0.0;
    out.class_accuracy.assign(size_t(C), 0.0);
    for (int c = 0; c < C; ++c) {
        int64_t row = 0;
        for (int p = 0; p < C; ++p) row += out.confusion[size_t(c) * size_t(C) + size_t(p)];
        if (row) out.class_accuracy[size_t(c)] = double(out.confusion[size_t(c) * size_t(C) + size_t(c)]) / double(row);
    }
}

void weight_histogram(const Tensor& w, LayerStats& s) {
    s.hist.fill(0);
    s.zeros = s.near_zero = 0;
    s.total = int64_t(w.numel());
    float range = 0.0f;
    for (size_t i = 0; i < w.numel(); ++i) range = std::max(range, std::fabs(w[i]));
    s.hist_range = range;
    for (size_t i = 0; i < w.numel(); ++i) {
        const float v = w[i];
        s.zeros += v == 0.0f;
        s.near_zero += std::fabs(v) < kNearZero;
        // bin = floor((v + r) / (2r) * B), the top edge folded into the last bin; all in one bin when r = 0.
        int bin = range > 0.0f ? int(std::floor((double(v) + range) / (2.0 * range) * kHistBins)) : kHistBins / 2;
        bin = std::min(std::max(bin, 0), kHistBins - 1);
        ++s.hist[size_t(bin)];
    }
}

bool all_finite(const Tensor& t) {
    const float* p = t.data();
    for (size_t i = 0, n = t.numel(); i < n; ++i)
        if (!std::isfinite(p[i])) return false;
    return true;
}

void layer_stats(Model& m, const Tensor& probe, const std::vector<double>& grad_norm_sum, long steps,
                 EpochLayerStats& out) {
    out.layers.assign(m.size(), LayerStats());
    if (probe.numel()) m.forward(probe, Mode::Eval);
    for (size_t i = 0; i < m.size(); ++i) {
        LayerStats& s = out.layers[i];
        Layer& layer = m.layer(i);
        s.layer = int(i);
        s.type = layer.type();
        const std::vector<ParamRef> ps = layer.params();
        s.has_params = !ps.empty();
        if (s.has_params) {
            const ParamRef* w = &ps[0];
            for (const ParamRef& p : ps)
                if (p.name == "weight") w = &p;
            weight_histogram(*w->value, s);
            if (steps > 0 && i < grad_norm_sum.size()) s.grad_norm = grad_norm_sum[i] / double(steps);
        }
        if (!probe.numel()) continue;
        const Tensor& y = m.output(i);
        double sum = 0.0, sq = 0.0;
        for (size_t k = 0; k < y.numel(); ++k) sum += y[k];
        const double n = double(std::max<size_t>(1, y.numel()));
        s.out_mean = sum / n;
        // Two passes: the centred sum of squares does not cancel catastrophically as sum(y^2) - n*mean^2 can.
        for (size_t k = 0; k < y.numel(); ++k) sq += (y[k] - s.out_mean) * (y[k] - s.out_mean);
        s.out_std = std::sqrt(sq / n);
    }
}

}  // namespace ll

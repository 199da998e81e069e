// Bias and variance sweeps: see sweep.h.
#include "engine/sweep.h"

#include <cmath>

namespace ll {

Json sweep_base_model() {
    Json out;
    const Status st = parse_json(R"({"input_shape": [1, 28, 28], "layers": [
      {"type": "Conv2d", "out_channels": 8, "kernel_size": 3, "padding": 1}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
      {"type": "Conv2d", "out_channels": 16, "kernel_size": 3, "padding": 1}, {"type": "ReLU"}, {"type": "MaxPool2d", "kernel_size": 2},
      {"type": "Flatten"}, {"type": "Linear", "out_features": 10}]})", out);
    return st ? out : Json();
}

Status widen_model(const Json& desc, double mult, Json& out) {
    if (!(mult > 0.0) || !std::isfinite(mult)) return Status::error("width multiplier must be positive");
    const Json* layers = desc.is_object() ? desc.find("layers") : nullptr;
    if (!layers || !layers->is_array()) return Status::error("model has no layers array");
    int last_linear = -1;
    for (size_t i = 0; i < layers->size(); ++i) {
        const Json* t = (*layers)[i].find("type");
        if (t && t->is_string() && t->as_string() == "Linear") last_linear = int(i);
    }
    Json widened = Json::array();
    for (size_t i = 0; i < layers->size(); ++i) {
        Json l = (*layers)[i];
        const Json* t = l.find("type");
        const std::string type = t && t->is_string() ? t->as_string() : std::string();
        const char* key = type == "Conv2d" ? "out_channels" : (type == "Linear" && int(i) != last_linear) ? "out_features" : nullptr;
        if (type == "Conv2d") {
            const Json* g = l.find("groups");
            if (g && !(g->is_int() && g->as_int() == 1)) return Status::error("widen_model: grouped convolution");
        }
        if (key) {
            const Json* n = l.find(key);
            if (!n || !n->is_int()) return Status::error(std::string("widen_model: layer without ") + key);
            const int w = std::max(1, int(std::lround(n->as_int() * mult)));
            l.set(key, Json::number(w));
        }
        widened.push(l);
    }
    out = desc;
    out.set("layers", widened);
    return Status::ok();
}

SweepSummary summarise_sweep(const std::vector<SweepPoint>& points) {
    SweepSummary s;
    double best = INFINITY;
    for (size_t i = 0; i < points.size(); ++i) {
        const SweepPoint& p = points[i];
        s.train_error.push_back(1.0 - p.train_acc);
        s.val_error.push_back(p.has_val ? 1.0 - p.val_acc : NAN);
        s.gap.push_back(p.has_val ? s.val_error.back() - s.train_error.back() : NAN);
        if (p.has_val && s.val_error.back() < best) { best = s.val_error.back(); s.best = int(i); }
    }
    // The gap at the largest swept value against the smallest's.
    int lo = -1, hi = -1;
    for (size_t i = 0; i < points.size(); ++i) {
        if (!std::isfinite(s.gap[i])) continue;
        if (lo < 0 || points[i].value < points[size_t(lo)].value) lo = int(i);
        if (hi < 0 || points[i].value > points[size_t(hi)].value) hi = int(i);
    }
    s.gap_shrinks = lo >= 0 && hi != lo && s.gap[size_t(hi)] < s.gap[size_t(lo)];
    return s;
}

}  // namespace ll

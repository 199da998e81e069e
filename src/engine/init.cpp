#include "engine/init.h"

#include <cmath>

namespace ll {

Status parse_init_kind(const std::string& name, InitKind& out) {
    if (name == "default") out = InitKind::Default;
    else if (name == "he") out = InitKind::He;
    else if (name == "xavier") out = InitKind::Xavier;
    else return Status::error("unknown initialisation '" + name + "' (default, he or xavier)");
    return Status::ok();
}

void fan_in_out(const Shape& w, int& fan_in, int& fan_out) {
    int receptive = 1;
    for (size_t i = 2; i < w.size(); ++i) receptive *= w[i];
    fan_in = (w.size() > 1 ? w[1] : 1) * receptive;
    fan_out = w[0] * receptive;
}

void init_model(Model& m, InitKind kind, Rng& rng) {
    m.init(rng);
    if (kind == InitKind::Default) return;
    for (size_t i = 0; i < m.size(); ++i) {
        std::vector<ParamRef> ps = m.layer(i).params();
        bool matrix = false;
        for (const ParamRef& p : ps) {
            if (p.name != "weight" || p.value->ndim() < 2) continue;
            matrix = true;
            int fan_in, fan_out;
            fan_in_out(p.value->shape(), fan_in, fan_out);
            Tensor& w = *p.value;
            if (kind == InitKind::He) {
                // kaiming_normal_(mode='fan_in', nonlinearity='relu'): std = sqrt(2 / fan_in)
                const float std = std::sqrt(2.0f / float(fan_in));
                for (size_t k = 0; k < w.numel(); ++k) w[k] = std * rng.normal();
            } else {
                // xavier_uniform_: bound = sqrt(6 / (fan_in + fan_out))
                const float bound = std::sqrt(6.0f / float(fan_in + fan_out));
                for (size_t k = 0; k < w.numel(); ++k) w[k] = rng.uniform(-bound, bound);
            }
        }
        if (!matrix) continue;
        for (const ParamRef& p : ps)
            if (p.name == "bias") p.value->zero();
    }
}

}  // namespace ll

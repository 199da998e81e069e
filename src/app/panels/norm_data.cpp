// Normalization lab: the activation tensor and the engine norm layer run on it.
// Real data: the first kPoolImages Fashion-MNIST test images (/data/fashion-mnist in the page, the Debian
// dataset folder on the desktop) through the first Conv2d of tiny-fashion (trained weights from
// assets/models, seeded init when absent). Synthetic data: the hash formula of norm_lab.h, whose
// per-channel shift and scale the user sets. The statistics of the selected group are read from the
// layer's accessors (mean(), var(), rstd(), local_mean(), scale(), past()), never recomputed here.
#include <chrono>
#include <cmath>

#include "app/panels/norm_lab.h"
#include "engine/layers/norm.h"
#include "engine/layers/norm_local_contrast_cross_iteration.h"
#include "engine/safetensors.h"

namespace ll::app {

namespace {

const char* const kNames[kNormMethods] = {"batch", "layer", "instance", "group", "lrn", "lcn", "cibn"};
const char* const kTypes[kNormMethods] = {"BatchNorm2d",       "LayerNorm",         "InstanceNorm2d",
                                          "GroupNorm",         "LocalResponseNorm", "LocalContrastNorm",
                                          "CrossIterationBatchNorm2d"};

uint32_t hash32(uint32_t k) {  // "lowbias32" (Chris Wellons)
    k ^= k >> 16;
    k *= 0x7feb352du;
    k ^= k >> 15;
    k *= 0x846ca68bu;
    k ^= k >> 16;
    return k;
}

float uniform(uint32_t k) { return float(hash32(k) >> 8) * (1.0f / 16777216.0f); }

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

Json shape_json(std::initializer_list<int> dims) {
    Json a = Json::array();
    for (int d : dims) a.push(Json::number(d));
    return a;
}

Json one_layer(Json layer, std::initializer_list<int> in_shape) {
    Json layers = Json::array();
    layers.push(std::move(layer));
    Json m = Json::object();
    m.set("input_shape", shape_json(in_shape));
    m.set("layers", layers);
    return m;
}

Json norm_layer_json(NormMethod m, int groups) {
    Json l = Json::object();
    l.set("type", Json::string(norm_method_type(m)));
    switch (m) {
    case NormMethod::Instance: l.set("affine", Json::boolean(true)); break;
    case NormMethod::Group: l.set("num_groups", Json::number(groups)); break;
    case NormMethod::LocalResponse:  // AlexNet's k = 2; alpha 1 so the effect shows on O(1) activations
        l.set("size", Json::number(kLrnSize));
        l.set("alpha", Json::number(1.0));
        l.set("k", Json::number(2.0));
        break;
    case NormMethod::LocalContrast: l.set("size", Json::number(kLcnSize)); break;
    case NormMethod::CrossIteration: l.set("window", Json::number(kIterations)); break;
    default: break;
    }
    return l;
}

size_t at(int n, int c, int p) { return (size_t(n) * kC + size_t(c)) * kHW + size_t(p); }

}  // namespace

const char* norm_method_name(NormMethod m) { return kNames[int(m)]; }
const char* norm_method_type(NormMethod m) { return kTypes[int(m)]; }
bool parse_norm_method(const std::string& s, NormMethod& out) {
    for (int i = 0; i < kNormMethods; ++i)
        if (s == kNames[i]) { out = NormMethod(i); return true; }
    return false;
}

float synthetic_z(uint32_t k) {
    return (uniform(4 * k) + uniform(4 * k + 1) + uniform(4 * k + 2) + uniform(4 * k + 3) - 2.0f) * 1.7320508f;
}

float synthetic_value(int t, int n, int c, int p, float shift, float scale) {
    const uint32_t i = ((uint32_t(t) * kN + uint32_t(n)) * kC + uint32_t(c)) * kHW + uint32_t(p);
    const uint32_t j = (1u << 30) + uint32_t(t) * kN + uint32_t(n);
    return shift + scale * (synthetic_z(i) + 0.6f * synthetic_z(j));
}

std::vector<int> valid_groups() {
    std::vector<int> g;
    for (int d = 1; d <= kC; ++d)
        if (kC % d == 0) g.push_back(d);
    return g;
}

// ---- The source ----

void source_try_load(NormSource& s) {
    if (s.tried_real) return;
    s.tried_real = true;
    // The first conv of tiny-fashion: a one-layer model that gets the preset's "0.weight" / "0.bias".
    Json conv = Json::object();
    conv.set("type", Json::string("Conv2d"));
    conv.set("out_channels", Json::number(kC));
    conv.set("kernel_size", Json::number(3));
    conv.set("padding", Json::number(1));
    if (!Model::from_json(one_layer(conv, {1, kH, kW}), s.conv)) return;
    Rng rng(0);
    s.conv.init(rng);
    const char* model_dirs[] = {"/assets/models",
#ifdef LAYERLAB_ASSET_DIR
                                LAYERLAB_ASSET_DIR "/models",
#endif
                                "assets/models", "../assets/models", "../../assets/models"};
    for (const char* dir : model_dirs) {
        Model full;
        if (!load_model_file(std::string(dir) + "/tiny-fashion.json", full)) continue;
        TensorFile f;
        if (!read_tensor_file(std::string(dir) + "/tiny-fashion.safetensors", f)) continue;
        if (!load_state(full, f, "tiny-fashion")) continue;
        std::vector<ParamRef> src = full.params(), dst = s.conv.params();
        if (src.size() < 2 || dst.size() != 2 || src[0].value->shape() != dst[0].value->shape()) continue;
        *dst[0].value = *src[0].value;
        *dst[1].value = *src[1].value;
        s.trained = true;
        break;
    }
    const char* data_dirs[] = {"/data/fashion-mnist", "/layerlab_data/fashion-mnist", kFashionMnistDir};
    for (const char* dir : data_dirs) {
        Dataset test;
        if (!load_fashion_mnist("test", test, dir)) continue;
        dataset_slice(test, 0, kPoolImages, s.images);
        s.have_images = true;
        break;
    }
    s.pool_done = 0;
}

bool source_fill_pool(NormSource& s, const SyntheticParams& syn, double budget_ms) {
    const auto t0 = std::chrono::steady_clock::now();
    if (s.pool.empty() || s.pool.dim(0) != kPoolImages) s.pool.resize({kPoolImages, kC, kH, kW});
    if (!s.real()) {
        // Synthetic pool: iterations 100, 101, ... of the formula (fast enough for one frame).
        if (s.pool_done >= kPoolImages) return true;
        for (int i = 0; i < kPoolImages; ++i)
            for (int c = 0; c < kC; ++c)
                for (int p = 0; p < kHW; ++p)
                    s.pool[(size_t(i) * kC + size_t(c)) * kHW + size_t(p)] =
                        synthetic_value(100 + i / kN, i % kN, c, p, syn.shift[c], syn.scale[c]);
        s.pool_labels.assign(kPoolImages, -1);
        s.pool_done = kPoolImages;
        return true;
    }
    Dataset chunk;
    while (s.pool_done < kPoolImages) {
        const int count = std::min(32, kPoolImages - s.pool_done);
        dataset_slice(s.images, s.pool_done, count, chunk);
        const Tensor& y = s.conv.forward(chunk.images, Mode::Eval);  // (count, C, H, W)
        std::copy(y.data(), y.data() + y.numel(), s.pool.data() + size_t(s.pool_done) * kC * kHW);
        s.pool_done += count;
        if (ms_since(t0) > budget_ms) break;
    }
    if (s.pool_done >= kPoolImages) s.pool_labels.assign(s.images.labels.begin(), s.images.labels.end());
    return s.pool_done >= kPoolImages;
}

void source_make_batches(NormSource& s, const SyntheticParams& syn) {
    for (int t = 0; t < kIterations; ++t) {
        Tensor& b = s.batches[t];
        b.resize({kN, kC, kH, kW});
        for (int n = 0; n < kN; ++n)
            for (int c = 0; c < kC; ++c)
                for (int p = 0; p < kHW; ++p)
                    b[at(n, c, p)] = s.real() ? s.pool[(size_t(t * kN + n) * kC + size_t(c)) * kHW + size_t(p)]
                                              : synthetic_value(t, n, c, p, syn.shift[c], syn.scale[c]);
    }
}

// ---- Membership ----

bool norm_member(NormMethod m, int groups, const Selection& s, int n, int c, int b) {
    switch (m) {
    case NormMethod::Batch:
    case NormMethod::CrossIteration: return c == s.c;
    case NormMethod::Layer: return n == s.n;
    case NormMethod::Instance: return n == s.n && c == s.c;
    case NormMethod::Group: return n == s.n && c / (kC / groups) == s.c / (kC / groups);
    case NormMethod::LocalResponse: return n == s.n && b == s.b && c >= s.c - kLrnSize / 2 && c <= s.c + (kLrnSize - 1) / 2;
    case NormMethod::LocalContrast: {
        const int reach = (kLcnSize / 2 + kBinRows - 1) / kBinRows;  // bins the window's rows touch
        return n == s.n && std::abs(b - s.b) <= reach;
    }
    default: return false;
    }
}

int norm_group_id(NormMethod m, int groups, int n, int c) {
    switch (m) {
    case NormMethod::Batch:
    case NormMethod::CrossIteration: return c;
    case NormMethod::Layer: return n;
    case NormMethod::Instance: return n * kC + c + n;  // the +n staggers the tint between samples
    case NormMethod::Group: return n * groups + c / (kC / groups) + n;
    default: return -1;
    }
}

// ---- Running the layer ----

void norm_run(NormRun& r, NormMethod m, int groups, const NormSource& s, const Selection& sel, const float* gamma,
              const float* beta) {
    r.method = m;
    r.groups = groups;
    r.ok = false;
    r.error.clear();
    r.model = Model();
    if (Status st = Model::from_json(one_layer(norm_layer_json(m, groups), {kC, kH, kW}), r.model); !st) {
        r.error = st.message();
        return;
    }
    Rng rng(0);
    r.model.init(rng);
    // gamma / beta of every channel (LayerNorm's are per value: each channel's block gets the channel's).
    std::vector<ParamRef> ps = r.model.params();
    if (ps.size() == 2) {
        Tensor& g = *ps[0].value;
        Tensor& bt = *ps[1].value;
        const size_t per = g.numel() / kC;
        for (size_t i = 0; i < g.numel(); ++i) {
            g[i] = gamma[i / per];
            bt[i] = beta[i / per];
        }
    }
    const int first = m == NormMethod::CrossIteration ? 0 : kIterations - 1;
    for (int t = first; t < kIterations; ++t) r.model.forward(s.batches[t], Mode::Train);
    r.x = s.batches[kIterations - 1];
    r.y = r.model.output(0);
    r.ok = true;

    // The selected group.
    const Layer& layer = r.model.layer(0);
    const auto* nl = dynamic_cast<const NormLayer*>(&layer);
    const int p = sel.pixel();
    r.has_stats = nl != nullptr || m == NormMethod::LocalContrast;
    r.gamma = gamma[sel.c];
    r.beta = beta[sel.c];
    r.iter_means.clear();
    r.used_iterations = 1;
    switch (m) {
    case NormMethod::Batch:
    case NormMethod::CrossIteration: r.group = sel.c; break;
    case NormMethod::Layer: r.group = sel.n; break;
    case NormMethod::Instance: r.group = sel.n * kC + sel.c; break;
    case NormMethod::Group: r.group = sel.n * groups + sel.c / (kC / groups); break;
    case NormMethod::LocalResponse: r.group = int(at(sel.n, sel.c, p)); break;
    case NormMethod::LocalContrast: r.group = sel.n * kHW + p; break;
    default: break;
    }
    if (nl) {
        r.eps = nl->eps();
        r.mean = nl->mean()[size_t(r.group)];
        r.var = nl->var()[size_t(r.group)];
        r.rstd = nl->rstd()[size_t(r.group)];
    } else if (const auto* lcn = dynamic_cast<const LocalContrastNorm*>(&layer)) {
        r.mean = lcn->local_mean()[size_t(r.group)];
        const double sd = lcn->local_std()[size_t(r.group)];
        r.var = sd * sd;
        r.scale = lcn->divisor()[size_t(r.group)];
        r.rstd = 1.0 / r.scale;
    } else if (const auto* lrn = dynamic_cast<const LocalResponseNorm*>(&layer)) {
        r.scale = lrn->scale()[size_t(r.group)];
        r.mean = r.var = r.rstd = 0;
    }
    if (const auto* ci = dynamic_cast<const CrossIterationBatchNorm2d*>(&layer)) {
        for (int tau = ci->history_size(); tau >= 1; --tau) r.iter_means.push_back(ci->past(tau).mu_comp[size_t(sel.c)]);
        r.iter_means.push_back(ci->current().mu[size_t(sel.c)]);
        r.used_iterations = ci->used_iterations();
    }

    // The group's values before and after, and how far the output is from the input.
    r.before.clear();
    r.after.clear();
    double diff = 0.0;
    auto add = [&](int n, int c, int pp) {
        const size_t i = at(n, c, pp);
        r.before.push_back(r.x[i]);
        r.after.push_back(r.y[i]);
        diff = std::max(diff, double(std::fabs(r.y[i] - r.x[i])));
    };
    if (m == NormMethod::LocalContrast) {
        const int py = p / kW, px = p % kW, h = kLcnSize / 2;
        for (int c = 0; c < kC; ++c)
            for (int yy = std::max(0, py - h); yy <= std::min(kH - 1, py + h); ++yy)
                for (int xx = std::max(0, px - h); xx <= std::min(kW - 1, px + h); ++xx) add(sel.n, c, yy * kW + xx);
    } else if (m == NormMethod::LocalResponse) {
        for (int c = std::max(0, sel.c - kLrnSize / 2); c <= std::min(kC - 1, sel.c + (kLrnSize - 1) / 2); ++c)
            add(sel.n, c, p);
    } else {
        for (int n = 0; n < kN; ++n)
            for (int c = 0; c < kC; ++c) {
                if (!norm_member(m, groups, sel, n, c, 0) && !(m == NormMethod::Layer && n == sel.n)) continue;
                for (int pp = 0; pp < kHW; ++pp) add(n, c, pp);
            }
    }
    r.count = int(r.before.size());
    r.restore_diff = diff;
}

}  // namespace ll::app

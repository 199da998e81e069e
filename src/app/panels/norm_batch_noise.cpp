// Normalization lab: how noisy the batch statistics are, and BatchNorm's train/eval split.
// Batch size: ONE fixed image (pool sample 0) is put into many random batches of B images from the pool
// and normalised by engine BatchNorm2d, GroupNorm and CrossIterationBatchNorm2d (window 4, fed a stream of
// such batches); the mean each layer used for that image's channel c is collected. BatchNorm's estimate
// scatters around the population mean (the pool's) and the scatter grows as B shrinks; GroupNorm's never
// moves (it looks at the image alone); CrossIterationBN pools 4 batches, so it scatters like a batch of 4B.
// All in compute(budget_ms) slices. Train/eval: engine BatchNorm2d (momentum 0.1) trained on random
// batches of 8; running mean against batch mean, and one batch through both modes.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/norm_lab.h"
#include "app/widgets/widgets.h"
#include "engine/layers/norm.h"
#include "engine/layers/norm_local_contrast_cross_iteration.h"

namespace ll::app {

namespace {

constexpr int kTeBatch = 8;

std::unique_ptr<Model> one_norm_model(const char* json) {
    Json j;
    auto m = std::make_unique<Model>();
    if (!parse_json(json, j) || !Model::from_json(j, *m)) return nullptr;
    Rng rng(0);
    m->init(rng);
    return m;
}

const NormLayer& norm_of(const Model& m) { return static_cast<const NormLayer&>(m.layer(0)); }

// Batch of `count` pool samples: `first` (or a random one when first < 0), then random others.
void gather(const NormSource& s, Rng& rng, int count, int first, Tensor& xb) {
    xb.resize({count, kC, kH, kW});
    const size_t per = size_t(kC) * kHW;
    for (int i = 0; i < count; ++i) {
        const int idx = (i == 0 && first >= 0) ? first : 1 + int(rng.below(uint32_t(kPoolImages - 1)));
        std::copy(s.pool.data() + size_t(idx) * per, s.pool.data() + size_t(idx + 1) * per, xb.data() + size_t(i) * per);
    }
}

double mean_of(const std::vector<double>& v) {
    double s = 0;
    for (double x : v) s += x;
    return v.empty() ? 0.0 : s / double(v.size());
}

// One trial at batch size B: the means BatchNorm, GroupNorm and CrossIterationBN used for sample 0, channel c.
void trial(BatchNoise& b, const NormSource& s, int B, int c, bool first_of_series, Rng& rng, Tensor& xb, double& bn,
           double& gn, double& ci) {
    gather(s, rng, B, 0, xb);
    b.bn->forward(xb, Mode::Train);
    bn = norm_of(*b.bn).mean()[size_t(c)];
    b.gn->forward(xb, Mode::Train);
    const int G = static_cast<const GroupNorm&>(b.gn->layer(0)).groups();
    gn = norm_of(*b.gn).mean()[size_t(c / (kC / G))];  // sample 0's group
    // CrossIterationBN: the three batches before this one (also of size B) are in its window.
    auto& layer = static_cast<CrossIterationBatchNorm2d&>(b.cibn->layer(0));
    if (first_of_series) layer.clear_history();
    Tensor other;
    while (layer.history_size() < kIterations - 1) {
        gather(s, rng, B, -1, other);
        b.cibn->forward(other, Mode::Train);
    }
    b.cibn->forward(xb, Mode::Train);
    ci = norm_of(*b.cibn).mean()[size_t(c)];
}

void line_plot(ImDrawList* dl, ImVec2 lo, ImVec2 hi, const std::vector<double>& xs, const std::vector<double>& ys,
               double x0, double x1, double y0, double y1, ImU32 col, bool dots, float thick = 2.0f) {
    auto P = [&](double x, double y) {
        return ImVec2(lo.x + float((x - x0) / (x1 - x0)) * (hi.x - lo.x), hi.y - float((y - y0) / (y1 - y0)) * (hi.y - lo.y));
    };
    for (size_t i = 0; i < ys.size() && i < xs.size(); ++i) {
        if (!std::isfinite(ys[i])) continue;
        const ImVec2 q = P(xs[i], ImClamp(ys[i], y0, y1));
        if (dots) dl->AddCircleFilled(q, thick + 1.0f, col);
        else if (i > 0 && std::isfinite(ys[i - 1])) dl->AddLine(P(xs[i - 1], ImClamp(ys[i - 1], y0, y1)), q, col, thick);
    }
}

void plot_frame(ImDrawList* dl, ImVec2 lo, ImVec2 hi) {
    dl->AddRectFilled(lo, hi, col32(0xF7F9FB), 3.0f);
    dl->AddRect(lo, hi, col32(colors::kCardBorder), 3.0f);
}

}  // namespace

const std::vector<int>& curve_batches() {
    static const std::vector<int> v = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    return v;
}

double rms_error(const std::vector<double>& v, double ref) {
    if (v.empty()) return 0.0;
    double s = 0;
    for (double x : v) s += (x - ref) * (x - ref);
    return std::sqrt(s / double(v.size()));
}

double spread(const std::vector<double>& v) {
    if (v.size() < 2) return 0.0;
    const double m = mean_of(v);
    double s = 0;
    for (double x : v) s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
}

bool BatchNoise::busy() const {
    return dist_batch != batch || done < kTrials || curve_index < int(curve_batches().size());
}

void batch_noise_reset(BatchNoise& b) {
    b.dist_batch = -1;
    b.done = 0;
    b.curve_channel = -1;
    b.curve_index = 0;
    b.curve_trial = 0;
    b.curve_bn.clear();
    b.curve_cibn.clear();
    b.curve_gn.clear();
    b.pool_stats = false;
    b.bn.reset();
}

void batch_noise_compute(BatchNoise& b, const NormSource& s, int channel, double budget_ms) {
    if (s.pool_done < kPoolImages) return;
    const auto t0 = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count(); };
    if (!b.bn) {
        b.bn = one_norm_model(R"({"input_shape":[8,28,28],"layers":[{"type":"BatchNorm2d"}]})");
        b.cibn = one_norm_model(R"({"input_shape":[8,28,28],"layers":[{"type":"CrossIterationBatchNorm2d","window":4}]})");
        b.gn.reset();
    }
    if (!b.gn || static_cast<const GroupNorm&>(b.gn->layer(0)).groups() != b.method_groups) {
        char json[160];
        std::snprintf(json, sizeof json, R"({"input_shape":[8,28,28],"layers":[{"type":"GroupNorm","num_groups":%d}]})",
                      b.method_groups);
        b.gn = one_norm_model(json);
        b.dist_batch = -1;
        b.curve_channel = -1;
    }
    if (!b.bn || !b.cibn || !b.gn) return;
    if (!b.pool_stats) {  // the population: BatchNorm over the whole pool
        b.bn->forward(s.pool, Mode::Train);
        b.pool_stats = true;
        b.dist_batch = -1;
    }
    if (b.dist_batch != b.batch || b.dist_channel != channel) {
        b.dist_batch = b.batch;
        b.dist_channel = channel;
        b.done = 0;
        b.bn_mean.clear();
        b.bn_var.clear();
        b.cibn_mean.clear();
        b.gn_mean.clear();
        Model& bn = *b.bn;
        bn.forward(s.pool, Mode::Train);
        b.pop_mean = norm_of(bn).mean()[size_t(channel)];
        b.pop_var = norm_of(bn).var()[size_t(channel)];
        Tensor one({1, kC, kH, kW});
        std::copy(s.pool.data(), s.pool.data() + one.numel(), one.data());
        b.gn->forward(one, Mode::Eval);
        const int G = static_cast<const GroupNorm&>(b.gn->layer(0)).groups();
        b.gn_ref = norm_of(*b.gn).mean()[size_t(channel / (kC / G))];
    }
    if (b.curve_channel != channel) {
        b.curve_channel = channel;
        b.curve_index = 0;
        b.curve_trial = 0;
        b.curve_bn.clear();
        b.curve_cibn.clear();
        b.curve_gn.clear();
        b.acc_bn.clear();
        b.acc_cibn.clear();
        b.acc_gn.clear();
    }
    Tensor xb;
    while (b.done < kTrials && elapsed() < budget_ms) {
        Rng rng(b.seed * 1000003ull + uint64_t(b.batch) * 7919ull + uint64_t(b.done));
        double bn, gn, ci;
        trial(b, s, b.batch, channel, b.done == 0, rng, xb, bn, gn, ci);
        b.bn_mean.push_back(bn);
        b.bn_var.push_back(norm_of(*b.bn).var()[size_t(channel)]);
        b.gn_mean.push_back(gn);
        b.cibn_mean.push_back(ci);
        ++b.done;
    }
    const auto& Bs = curve_batches();
    while (b.done >= kTrials && b.curve_index < int(Bs.size()) && elapsed() < budget_ms) {
        const int B = Bs[size_t(b.curve_index)];
        Rng rng(b.seed * 7777ull + uint64_t(B) * 131ull + uint64_t(b.curve_trial));
        double bn, gn, ci;
        trial(b, s, B, channel, b.curve_trial == 0, rng, xb, bn, gn, ci);
        b.acc_bn.push_back(bn);
        b.acc_gn.push_back(gn);
        b.acc_cibn.push_back(ci);
        if (++b.curve_trial >= kCurveTrials) {
            b.curve_bn.push_back(rms_error(b.acc_bn, b.pop_mean));
            b.curve_cibn.push_back(rms_error(b.acc_cibn, b.pop_mean));
            b.curve_gn.push_back(rms_error(b.acc_gn, b.gn_ref));
            b.acc_bn.clear();
            b.acc_cibn.clear();
            b.acc_gn.clear();
            b.curve_trial = 0;
            ++b.curve_index;
        }
    }
}

void draw_batch_noise(BatchNoise& b, const NormSource& s, int channel, AppState& app) {
    widgets::Card card = widgets::begin_card("batchsize");
    ImGui::TextDisabled("%s", app.tr("norm.bs.title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.bs.help"));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(app.tr("norm.bs.batch"));
    ImGui::SameLine();
    widgets::slider_int("bs", &b.batch, 1, 256, "%d", ImGuiSliderFlags_Logarithmic, ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::SameLine();
    char buf[512];
    if (s.pool_done < kPoolImages || b.busy()) {
        const int total = kTrials + int(curve_batches().size()) * kCurveTrials;
        const int now = b.done + b.curve_index * kCurveTrials + b.curve_trial;
        std::snprintf(buf, sizeof buf, "%s %d%%", app.tr("norm.bs.computing"), 100 * now / total);
        ImGui::TextDisabled("%s", buf);
    } else {
        std::snprintf(buf, sizeof buf, app.tr("norm.bs.done"), kTrials);
        ImGui::TextDisabled("%s", buf);
    }

    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = (avail - em()) * 0.5f, h = em() * 8.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 row0 = ImGui::GetCursorScreenPos();
    // Left: the distribution of the mean estimates at this batch size.
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    widgets::text_wrapped(app.tr("norm.bs.dist"));
    ImGui::PopTextWrapPos();
    ImVec2 lo = ImGui::GetCursorScreenPos(), hi(lo.x + w, lo.y + h);
    ImGui::Dummy(ImVec2(w, h));
    plot_frame(dl, lo, hi);
    if (!b.bn_mean.empty()) {
        double x0 = b.pop_mean, x1 = b.pop_mean;
        for (const auto* v : {&b.bn_mean, &b.cibn_mean})
            for (double x : *v) { x0 = std::min(x0, x); x1 = std::max(x1, x); }
        const double pad = std::max(1e-3, (x1 - x0) * 0.08);
        x0 -= pad;
        x1 += pad;
        const int bins = 30;
        auto bars = [&](const std::vector<double>& v, int color, float y_top, float y_bot) {
            int counts[bins] = {};
            for (double x : v) counts[ImClamp(int((x - x0) / (x1 - x0) * bins), 0, bins - 1)]++;
            int mx = 1;
            for (int c : counts) mx = std::max(mx, c);
            const float bw = w / bins;
            for (int i = 0; i < bins; ++i) {
                if (!counts[i]) continue;
                const float hh = (y_bot - y_top) * float(counts[i]) / float(mx);
                dl->AddRectFilled(ImVec2(lo.x + i * bw + 1, y_bot - hh), ImVec2(lo.x + (i + 1) * bw - 1, y_bot),
                                  col32(color, 0.8f));
            }
        };
        const float mid = lo.y + h * 0.5f;
        bars(b.bn_mean, colors::kAccent, lo.y + 6, mid - 2);
        bars(b.cibn_mean, colors::kStamp, mid + 2, hi.y - 14);
        auto X = [&](double x) { return lo.x + float((x - x0) / (x1 - x0)) * w; };
        const float px = X(b.pop_mean);
        for (float y = lo.y + 2; y < hi.y - 14; y += 8) dl->AddLine(ImVec2(px, y), ImVec2(px, y + 4), col32(colors::kError), 2.0f);
        const std::string a = fmt(x0, 2), z = fmt(x1, 2);
        dl->AddText(ImVec2(lo.x + 3, hi.y - 14), col32(colors::kMuted), a.c_str());
        dl->AddText(ImVec2(hi.x - 3 - ImGui::CalcTextSize(z.c_str()).x, hi.y - 14), col32(colors::kMuted), z.c_str());
    }
    ImGui::EndGroup();
    const float row_bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(row0.x + w + em(), row0.y));
    // Right: the train-test gap against batch size (log2 axis).
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    widgets::text_wrapped(app.tr("norm.bs.curve"));
    ImGui::PopTextWrapPos();
    lo = ImGui::GetCursorScreenPos();
    hi = ImVec2(lo.x + w, lo.y + h);
    ImGui::Dummy(ImVec2(w, h));
    plot_frame(dl, lo, hi);
    {
        // The axis label has a band of its own above the data, the batch sizes one below it.
        const float band = ImGui::GetTextLineHeight() + 2.0f;
        const ImVec2 plo(lo.x + 6, lo.y + band), phi(hi.x - 6, hi.y - 16);
        double ymax = 1e-6;
        for (double v : b.curve_bn) ymax = std::max(ymax, v);
        for (double v : b.curve_cibn) ymax = std::max(ymax, v);
        ymax *= 1.1;
        std::vector<double> xs;
        for (size_t i = 0; i < curve_batches().size(); ++i) xs.push_back(double(i));
        const double xn = double(curve_batches().size() - 1);
        const float cx = plo.x + float(std::log2(double(b.batch)) / xn) * (phi.x - plo.x);
        dl->AddLine(ImVec2(cx, plo.y), ImVec2(cx, phi.y), col32(colors::kMuted, 0.5f), 1.0f);
        line_plot(dl, plo, phi, xs, b.curve_bn, 0, xn, 0, ymax, col32(colors::kAccent), false);
        line_plot(dl, plo, phi, xs, b.curve_bn, 0, xn, 0, ymax, col32(colors::kAccent), true);
        line_plot(dl, plo, phi, xs, b.curve_cibn, 0, xn, 0, ymax, col32(colors::kStamp), false);
        line_plot(dl, plo, phi, xs, b.curve_cibn, 0, xn, 0, ymax, col32(colors::kStamp), true);
        line_plot(dl, plo, phi, xs, b.curve_gn, 0, xn, 0, ymax, col32(colors::kCurrent), false);
        for (size_t i = 0; i < curve_batches().size(); ++i) {
            const std::string t = std::to_string(curve_batches()[i]);
            const float tw = ImGui::CalcTextSize(t.c_str()).x;
            const float x = plo.x + float(double(i) / xn) * (phi.x - plo.x) - tw * 0.5f;
            dl->AddText(ImVec2(ImClamp(x, lo.x + 2, hi.x - 2 - tw), hi.y - 14), col32(colors::kMuted), t.c_str());
        }
        const std::string top = "RMS " + fmt(ymax, 3);
        dl->AddText(ImVec2(plo.x + 2, lo.y + 1), col32(colors::kMuted), top.c_str());
    }
    ImGui::EndGroup();
    ImGui::SetCursorScreenPos(ImVec2(row0.x, ImMax(row_bottom, ImGui::GetItemRectMax().y) + ImGui::GetStyle().ItemSpacing.y));

    // Legend and the numbers.
    widgets::legend_item(col32(colors::kAccent), col32(colors::kAccent), "BatchNorm");
    widgets::flow_same_line(widgets::legend_width("CrossIterationBN (k = 4)"), em());
    widgets::legend_item(col32(colors::kStamp), col32(colors::kStamp), "CrossIterationBN (k = 4)");
    widgets::flow_same_line(widgets::legend_width("GroupNorm"), em());
    widgets::legend_item(col32(colors::kCurrent), col32(colors::kCurrent), "GroupNorm");
    widgets::flow_same_line(widgets::legend_width(app.tr("norm.bs.population")), em());
    widgets::legend_item(col32(colors::kError), col32(colors::kError), app.tr("norm.bs.population"));
    if (!b.bn_mean.empty()) {
        if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
        std::snprintf(buf, sizeof buf, app.tr("norm.bs.numbers"), b.batch, channel, fmt(b.pop_mean).c_str(),
                      fmt(rms_error(b.bn_mean, b.pop_mean)).c_str(), fmt(rms_error(b.cibn_mean, b.pop_mean)).c_str(),
                      fmt(rms_error(b.gn_mean, b.gn_ref)).c_str());
        widgets::text_wrapped(buf);
        if (app.fonts.mono) ImGui::PopFont();
    }
    widgets::muted_text_wrapped(app.tr("norm.bs.why"));
    draw_norm_experiment(b.experiment, app);
    widgets::end_card(card);
}

// ---- Train versus eval ----

void train_eval_reset(TrainEval& t, int channel) {
    t.model = one_norm_model(R"({"input_shape":[8,28,28],"layers":[{"type":"BatchNorm2d","momentum":0.1}]})");
    t.batch_mean.clear();
    t.batch_var.clear();
    t.running_mean.clear();
    t.running_var.clear();
    t.channel = channel;
    t.iterations = 0;
    t.max_diff = 0;
}

void train_eval_step(TrainEval& t, const NormSource& s, int count) {
    if (!t.model || s.pool_done < kPoolImages) return;
    const auto& bn = static_cast<const BatchNorm&>(t.model->layer(0));
    const size_t c = size_t(t.channel);
    Tensor xb, y_train;
    for (int k = 0; k < count; ++k) {
        Rng rng(t.seed * 99991ull + uint64_t(t.iterations));
        gather(s, rng, kTeBatch, -1, xb);
        y_train = t.model->forward(xb, Mode::Train);
        t.batch_mean.push_back(bn.mean()[c]);
        t.batch_var.push_back(bn.var()[c]);
        t.running_mean.push_back(bn.running_mean()[c]);
        t.running_var.push_back(bn.running_var()[c]);
        ++t.iterations;
    }
    t.used_mean_train = bn.mean()[c];
    t.used_var_train = bn.var()[c];
    // The same batch in eval mode: the running statistics instead of the batch's.
    const Tensor& y_eval = t.model->forward(xb, Mode::Eval);
    t.used_mean_eval = bn.mean()[c];
    t.used_var_eval = bn.var()[c];
    const size_t i = c * kHW + size_t(kHW / 2 + kW / 2);  // sample 0, channel c, the centre pixel
    t.in_value = xb[i];
    t.train_out = y_train[i];
    t.eval_out = y_eval[i];
    t.max_diff = 0;
    for (size_t k = 0; k < y_eval.numel(); ++k) t.max_diff = std::max(t.max_diff, double(std::fabs(y_eval[k] - y_train[k])));
}

void draw_train_eval(TrainEval& t, const NormSource& s, int channel, AppState& app) {
    widgets::Card card = widgets::begin_card("traineval");
    ImGui::TextDisabled("%s", app.tr("norm.te.title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.te.help"));
    char buf[640];
    std::snprintf(buf, sizeof buf, "%s###te_play", t.playing ? app.tr("norm.te.pause") : app.tr("norm.te.play"));
    if (ImGui::Button(buf)) t.playing = !t.playing;
    ImGui::SameLine();
    if (ImGui::Button(app.label("norm.te.step10"))) train_eval_step(t, s, 10);
    ImGui::SameLine();
    if (ImGui::Button(app.label("norm.te.reset"))) {
        train_eval_reset(t, channel);
        train_eval_step(t, s, 1);
    }
    ImGui::SameLine();
    std::snprintf(buf, sizeof buf, app.tr("norm.te.iterations"), t.iterations, kTeBatch);
    ImGui::TextDisabled("%s", buf);

    const float avail = ImGui::GetContentRegionAvail().x;
    const float w = avail * 0.55f, h = em() * 8.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(app.tr("norm.te.plot"));
    const ImVec2 lo = ImGui::GetCursorScreenPos(), hi(lo.x + w, lo.y + h);
    ImGui::Dummy(ImVec2(w, h));
    plot_frame(dl, lo, hi);
    if (!t.running_mean.empty()) {
        // The two range labels sit in bands above and below the data, never on it.
        const float band = ImGui::GetTextLineHeight() + 2.0f;
        const ImVec2 plo(lo.x + 6, lo.y + band), phi(hi.x - 6, hi.y - band);
        double y0 = 0, y1 = 0;
        for (float v : t.batch_mean) { y0 = std::min(y0, double(v)); y1 = std::max(y1, double(v)); }
        for (float v : t.running_mean) { y0 = std::min(y0, double(v)); y1 = std::max(y1, double(v)); }
        const double pad = std::max(1e-3, (y1 - y0) * 0.1);
        y0 -= pad;
        y1 += pad;
        const size_t n = t.running_mean.size(), first = n > 120 ? n - 120 : 0;
        std::vector<double> xs, bm, rm;
        for (size_t i = first; i < n; ++i) {
            xs.push_back(double(i));
            bm.push_back(t.batch_mean[i]);
            rm.push_back(t.running_mean[i]);
        }
        const double x0 = double(first), x1 = double(std::max<size_t>(first + 1, n - 1));
        const float zy = phi.y - float((0 - y0) / (y1 - y0)) * (phi.y - plo.y);
        dl->AddLine(ImVec2(plo.x, zy), ImVec2(phi.x, zy), col32(colors::kGridLine));
        line_plot(dl, plo, phi, xs, bm, x0, x1, y0, y1, col32(colors::kMuted, 0.8f), true, 1.5f);
        line_plot(dl, plo, phi, xs, rm, x0, x1, y0, y1, col32(colors::kAccent), false, 2.5f);
        const std::string a = fmt(y1, 2), z = fmt(y0, 2);
        dl->AddText(ImVec2(plo.x + 2, lo.y + 1), col32(colors::kMuted), a.c_str());
        dl->AddText(ImVec2(plo.x + 2, phi.y + 1), col32(colors::kMuted), z.c_str());
    }
    widgets::legend_item(col32(colors::kMuted), col32(colors::kMuted), app.tr("norm.te.batch_mean"));
    widgets::flow_same_line(widgets::legend_width(app.tr("norm.te.running_mean")), em());
    widgets::legend_item(col32(colors::kAccent), col32(colors::kAccent), app.tr("norm.te.running_mean"));
    ImGui::EndGroup();
    ImGui::SameLine(0.0f, em());
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + ImGui::GetContentRegionAvail().x);
    ImGui::TextUnformatted(app.tr("norm.te.same_input"));
    if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
    std::snprintf(buf, sizeof buf, app.tr("norm.te.train_line"), fmt(t.used_mean_train).c_str(),
                  fmt(t.used_var_train).c_str(), fmt(t.train_out).c_str());
    widgets::text_wrapped(buf);
    std::snprintf(buf, sizeof buf, app.tr("norm.te.eval_line"), fmt(t.used_mean_eval).c_str(),
                  fmt(t.used_var_eval).c_str(), fmt(t.eval_out).c_str());
    widgets::text_wrapped(buf);
    std::snprintf(buf, sizeof buf, app.tr("norm.te.diff"), fmt(t.in_value).c_str(), fmt(t.max_diff).c_str());
    widgets::text_wrapped(buf);
    if (app.fonts.mono) ImGui::PopFont();
    widgets::muted_text_wrapped(app.tr("norm.te.why"));
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    widgets::end_card(card);
}

}  // namespace ll::app

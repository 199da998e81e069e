// Normalization lab: what each member of the normalization family averages over. The page: a left
// column of controls (method, groups, data, selection, gamma/beta), then on the right the N x C x (H,W)
// block with the selected group highlighted, the group's statistics from the engine layer with histograms
// before and after, batch-size noise, BatchNorm train versus eval, and feature scaling.
// URL / storage keys: m (method) g (groups) n c b (selection) src (r real, s synthetic) sh sc (synthetic
// per-channel shift and scale, comma lists) ga be (gamma, beta per channel) bs (batch size).
#include <cmath>
#include <cstdio>
#include <sstream>

#include "app/app_state.h"
#include "app/panels/norm_lab.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

const char* const kMethodKeys[kNormMethods] = {"norm.m.batch", "norm.m.layer", "norm.m.instance", "norm.m.group",
                                               "norm.m.lrn",   "norm.m.lcn",   "norm.m.cibn"};
const char* const kDescKeys[kNormMethods] = {"norm.d.batch", "norm.d.layer", "norm.d.instance", "norm.d.group",
                                             "norm.d.lrn",   "norm.d.lcn",   "norm.d.cibn"};

std::string join(const float* v, int n) {
    std::string s;
    char buf[32];
    for (int i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%s%g", i ? "," : "", double(v[i]));
        s += buf;
    }
    return s;
}

void split(const std::string& s, float* v, int n, float lo, float hi) {
    std::stringstream ss(s);
    std::string item;
    for (int i = 0; i < n && std::getline(ss, item, ','); ++i) {
        char* end = nullptr;
        const float x = std::strtof(item.c_str(), &end);
        if (end != item.c_str() && std::isfinite(x)) v[i] = ImClamp(x, lo, hi);
    }
}

Json num(double v) { return std::isfinite(v) ? Json::number(v) : Json(); }

struct NormLab final : Lab {
    NormMethod method = NormMethod::Batch;
    int groups = 4;
    Selection sel;
    SyntheticParams syn;
    float gamma[kC], beta[kC];
    NormSource source;
    NormRun run;
    BatchNoise noise;
    TrainEval te;
    ScalingPanel scaling;
    bool dirty = true;        // rerun the layer
    bool batches_ready = false;
    bool restored = false;    // the last action was "gamma = sigma, beta = mu"

    NormLab() {
        for (int c = 0; c < kC; ++c) { gamma[c] = 1.0f; beta[c] = 0.0f; }
    }

    // Anything that changes the data invalidates the pool, the batches and what was computed from them.
    void data_changed() {
        source.pool_done = 0;
        batches_ready = false;
        batch_noise_reset(noise);
        te.model.reset();
        scaling.built = false;
        dirty = true;
    }

    bool ready() const { return batches_ready; }

    void compute(AppState&, double budget_ms) override {
        if (source.want_real && !source.tried_real) {
            source_try_load(source);
            data_changed();
        }
        if (source.pool_done < kPoolImages) source_fill_pool(source, syn, budget_ms * 0.5);
        if (source.pool_done >= kPoolImages && !batches_ready) {
            source_make_batches(source, syn);
            batches_ready = true;
            dirty = true;
        }
        if (!batches_ready) return;
        if (dirty) {
            norm_run(run, method, groups, source, sel, gamma, beta);
            dirty = false;
        }
        if (!scaling.built) scaling_build(scaling, source);
        if (!te.model || te.channel != sel.c) {
            train_eval_reset(te, sel.c);
            train_eval_step(te, source, 40);  // a first stretch, so the running mean is seen converging
        }
        if (te.playing && ImGui::GetTime() >= te.next_at) {
            train_eval_step(te, source, 1);
            te.next_at = ImGui::GetTime() + 0.08;
        }
        noise.method_groups = groups;
        batch_noise_compute(noise, source, sel.c, budget_ms * 0.6);
    }

    bool wants_frames() const override {
        return !batches_ready || dirty || noise.busy() || te.playing || source.pool_done < kPoolImages;
    }

    void save_params(Params& p) const override {
        p.set("m", norm_method_name(method));
        p.set_int("g", groups);
        p.set_int("n", sel.n);
        p.set_int("c", sel.c);
        p.set_int("b", sel.b);
        p.set("src", source.want_real ? "r" : "s");
        if (!source.want_real) {
            p.set("sh", join(syn.shift, kC));
            p.set("sc", join(syn.scale, kC));
        }
        p.set("ga", join(gamma, kC));
        p.set("be", join(beta, kC));
        p.set_int("bs", noise.batch);
    }

    void load_params(const Params& p) override {
        if (const std::string* m = p.find("m")) {
            NormMethod nm;
            if (parse_norm_method(*m, nm)) method = nm;
        }
        int g = groups;
        if (p.get_int("g", g, 1, kC)) {
            while (kC % g != 0) --g;
            groups = g;
        }
        p.get_int("n", sel.n, 0, kN - 1);
        p.get_int("c", sel.c, 0, kC - 1);
        p.get_int("b", sel.b, 0, kBins - 1);
        bool data = false;
        if (const std::string* s = p.find("src")) {
            const bool real = *s != "s";
            data |= real != source.want_real;
            source.want_real = real;
        }
        if (const std::string* s = p.find("sh")) { split(*s, syn.shift, kC, -5.0f, 5.0f); data = true; }
        if (const std::string* s = p.find("sc")) { split(*s, syn.scale, kC, 0.1f, 5.0f); data = true; }
        if (const std::string* s = p.find("ga")) split(*s, gamma, kC, -3.0f, 5.0f);
        if (const std::string* s = p.find("be")) split(*s, beta, kC, -5.0f, 5.0f);
        p.get_int("bs", noise.batch, 1, 256);
        if (data && !source.want_real) data_changed();
        else if (data) data_changed();
        dirty = true;
    }

    Json report() const override {
        Json r = Json::object();
        r.set("method", Json::string(norm_method_name(method)));
        r.set("layer", Json::string(norm_method_type(method)));
        r.set("groups", Json::number(groups));
        r.set("source", Json::string(source.real() ? "fashion-mnist" : "synthetic"));
        r.set("trained_conv", Json::boolean(source.trained));
        r.set("ready", Json::boolean(batches_ready && !dirty && run.ok));
        r.set("error", run.error.empty() ? Json() : Json::string(run.error));
        Json s = Json::object();
        s.set("n", Json::number(sel.n));
        s.set("c", Json::number(sel.c));
        s.set("b", Json::number(sel.b));
        s.set("g", Json::number(run.group));
        r.set("selected", s);
        r.set("mean", run.has_stats ? num(run.mean) : Json());
        r.set("var", run.has_stats ? num(run.var) : Json());
        r.set("rstd", run.has_stats ? num(run.rstd) : Json());
        r.set("scale", method == NormMethod::LocalResponse || method == NormMethod::LocalContrast ? num(run.scale) : Json());
        r.set("count", Json::number(run.count));
        r.set("gamma", num(gamma[sel.c]));
        r.set("beta", num(beta[sel.c]));
        r.set("restore_max_diff", num(run.restore_diff));
        Json members = Json::array();  // the block's highlighted cells, "n,c,b"
        for (int n = 0; n < kN; ++n)
            for (int c = 0; c < kC; ++c)
                for (int b = 0; b < kBins; ++b)
                    if (norm_member(method, groups, sel, n, c, b)) members.push(Json::number((n * kC + c) * kBins + b));
        r.set("highlight", members);
        Json im = Json::array();
        for (double v : run.iter_means) im.push(num(v));
        r.set("iteration_means", im);
        r.set("used_iterations", Json::number(run.used_iterations));
        r.set("batch_size", Json::number(noise.batch));
        r.set("experiment", norm_experiment_report(noise.experiment));
        Json sp = Json::object();
        sp.set("trials", Json::number(noise.done));
        // The train-test gap (RMS) of the mean used for the fixed image, and the plain spread of BN's.
        sp.set("bn", num(rms_error(noise.bn_mean, noise.pop_mean)));
        sp.set("cibn", num(rms_error(noise.cibn_mean, noise.pop_mean)));
        sp.set("gn", num(rms_error(noise.gn_mean, noise.gn_ref)));
        sp.set("bn_std", num(spread(noise.bn_mean)));
        sp.set("population_mean", num(noise.pop_mean));
        Json cb = Json::array(), cc = Json::array(), cg = Json::array();
        for (double v : noise.curve_bn) cb.push(num(v));
        for (double v : noise.curve_cibn) cc.push(num(v));
        for (double v : noise.curve_gn) cg.push(num(v));
        sp.set("curve_bn", cb);
        sp.set("curve_cibn", cc);
        sp.set("curve_gn", cg);
        sp.set("busy", Json::boolean(noise.busy()));
        r.set("spread", sp);
        Json te_j = Json::object();
        te_j.set("iterations", Json::number(te.iterations));
        te_j.set("running_mean", te.running_mean.empty() ? Json() : num(te.running_mean.back()));
        te_j.set("batch_mean", te.batch_mean.empty() ? Json() : num(te.batch_mean.back()));
        te_j.set("train_out", num(te.train_out));
        te_j.set("eval_out", num(te.eval_out));
        te_j.set("max_diff", num(te.max_diff));
        r.set("train_eval", te_j);
        Json fs = Json::array();
        for (const auto& v : scaling.views) {
            Json o = Json::object();
            o.set("condition", v.ok ? num(v.shape.condition()) : Json());
            o.set("excess_loss", v.ok ? num(v.shape.final_value - v.shape.min_value) : Json());
            fs.push(o);
        }
        r.set("scaling", fs);
        return r;
    }

    void draw(AppState& app) override;
    void draw_controls(AppState& app);
    void draw_stats(AppState& app);
};

float label_width(const AppState& app, std::initializer_list<const char*> keys) {
    float w = 0.0f;
    for (const char* k : keys) w = ImMax(w, ImGui::CalcTextSize(app.tr(k)).x);
    return w + em() * 1.0f;
}

void NormLab::draw_controls(AppState& app) {
    widgets::heading(app, app.tr("norm.title"));
    widgets::muted_text_wrapped(app.tr("norm.subtitle"));
    ImGui::Spacing();

    widgets::Card card = widgets::begin_card("method");
    ImGui::TextDisabled("%s", app.tr("norm.method"));
    for (int i = 0; i < kNormMethods; ++i) {
        int m = int(method);
        if (ImGui::RadioButton(app.label(kMethodKeys[i]), &m, i)) {
            method = NormMethod(i);
            dirty = true;
        }
        if (NormMethod(i) == NormMethod::Group && method == NormMethod::Group) {
            // Groups: the divisors of C, from LayerNorm (G = 1) to InstanceNorm (G = C).
            const std::vector<int> gs = valid_groups();
            int idx = 0;
            for (size_t k = 0; k < gs.size(); ++k)
                if (gs[k] == groups) idx = int(k);
            ImGui::Indent(em() * 1.6f);
            char buf[64];
            std::snprintf(buf, sizeof buf, "G = %d", groups);
            if (widgets::slider_int("groups", &idx, 0, int(gs.size()) - 1, buf, 0,
                                    ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("(?)").x -
                                        ImGui::GetStyle().ItemSpacing.x)) {
                groups = gs[size_t(idx)];
                dirty = true;
            }
            ImGui::SameLine();
            widgets::help_marker(app.tr("norm.groups_help"));
            ImGui::Unindent(em() * 1.6f);
        }
    }
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("data");
    ImGui::TextDisabled("%s", app.tr("norm.data"));
    int src = source.want_real ? 0 : 1;
    if (ImGui::RadioButton(app.label("norm.data_real"), &src, 0) && !source.want_real) {
        source.want_real = true;
        data_changed();
    }
    if (ImGui::RadioButton(app.label("norm.data_synth"), &src, 1) && source.want_real) {
        source.want_real = false;
        data_changed();
    }
    if (source.want_real && source.tried_real) {
        if (!source.have_images) widgets::error_text_wrapped(app.tr("norm.data_missing"));
        else widgets::muted_text_wrapped(app.tr(source.trained ? "norm.data_trained" : "norm.data_untrained"));
    }
    if (!source.want_real || !source.have_images) {
        const float lw = label_width(app, {"norm.shift", "norm.scale"});
        char buf[96];
        std::snprintf(buf, sizeof buf, app.tr("norm.channel_params"), sel.c);
        ImGui::TextUnformatted(buf);
        widgets::row_label(app.tr("norm.shift"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        bool ch = ImGui::SliderFloat("##shift", &syn.shift[sel.c], -5.0f, 5.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
        widgets::row_label(app.tr("norm.scale"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
        ch |= ImGui::SliderFloat("##scale", &syn.scale[sel.c], 0.1f, 5.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp);
        if (ch) data_changed();
    }
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("selection");
    ImGui::TextDisabled("%s", app.tr("norm.selection"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.selection_help"));
    const float lw = label_width(app, {"norm.sample", "norm.channel", "norm.rows"});
    bool ch = widgets::slider_row(app.tr("norm.sample"), "sn", &sel.n, 0, kN - 1, lw);
    ch |= widgets::slider_row(app.tr("norm.channel"), "sc", &sel.c, 0, kC - 1, lw);
    ch |= widgets::slider_row(app.tr("norm.rows"), "sb", &sel.b, 0, kBins - 1, lw);
    if (ch) dirty = true;
    widgets::end_card(card);
}

void NormLab::draw_stats(AppState& app) {
    widgets::Card card = widgets::begin_card("stats");
    char buf[768];
    std::snprintf(buf, sizeof buf, app.tr("norm.group_title"), sel.n, sel.c, sel.b);
    ImGui::TextDisabled("%s", buf);
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.stats_help"));
    if (!run.ok) {
        if (!run.error.empty()) widgets::engine_error(app, run.error);
        else widgets::muted_text_wrapped(app.tr("norm.loading"));
        widgets::end_card(card);
        return;
    }
    // The numbers, from the layer's accessors.
    if (method == NormMethod::LocalResponse) {
        std::snprintf(buf, sizeof buf, app.tr("norm.lrn_numbers"), kLrnSize, fmt(run.scale).c_str(),
                      fmt(run.x[size_t((sel.n * kC + sel.c) * kHW + sel.pixel())]).c_str(),
                      fmt(run.y[size_t((sel.n * kC + sel.c) * kHW + sel.pixel())]).c_str());
        widgets::heading(app, ("scale = " + fmt(run.scale)).c_str());
    } else if (method == NormMethod::LocalContrast) {
        std::snprintf(buf, sizeof buf, app.tr("norm.lcn_numbers"), fmt(run.mean).c_str(), fmt(std::sqrt(run.var)).c_str(),
                      fmt(run.scale).c_str());
        widgets::heading(app, ("m = " + fmt(run.mean) + "    d = " + fmt(run.scale)).c_str());
    } else {
        std::snprintf(buf, sizeof buf, "μ = %s    σ² = %s", fmt(run.mean, 4).c_str(), fmt(run.var, 4).c_str());
        widgets::heading(app, buf);
        const std::string mu = (run.mean < 0 ? "+ " : "− ") + fmt(std::fabs(run.mean));
        const std::string bt = (run.beta < 0 ? "− " : "+ ") + fmt(std::fabs(double(run.beta)), 2);
        std::snprintf(buf, sizeof buf, app.tr("norm.formula"), run.count, mu.c_str(), fmt(run.var).c_str(),
                      fmt(double(run.gamma), 2).c_str(), bt.c_str());
    }
    if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
    widgets::text_wrapped(buf);
    if (method == NormMethod::CrossIteration && !run.iter_means.empty()) {
        std::string s = app.tr("norm.cibn_means");
        for (size_t i = 0; i < run.iter_means.size(); ++i) s += (i ? ",  " : " ") + fmt(run.iter_means[i], 2);
        widgets::text_wrapped(s.c_str());
    }
    if (app.fonts.mono) ImGui::PopFont();

    // Histograms before and after.
    const float w = (ImGui::GetContentRegionAvail().x - em()) * 0.5f, h = em() * 5.5f;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);  // the titles wrap above their own histogram
    widgets::text_wrapped(app.tr("norm.before"));
    ImGui::PopTextWrapPos();
    draw_histogram("##before", run.before, w, h, 0x8FA3BC, run.mean, run.has_stats && method != NormMethod::LocalResponse);
    ImGui::EndGroup();
    ImGui::SameLine(0.0f, em());
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    widgets::text_wrapped(app.tr("norm.after"));
    ImGui::PopTextWrapPos();
    draw_histogram("##after", run.after, w, h, colors::kAccent, run.beta, run.has_stats && method != NormMethod::LocalResponse &&
                   method != NormMethod::LocalContrast);
    ImGui::EndGroup();

    // gamma / beta of the selected channel.
    const bool affine = method != NormMethod::LocalResponse && method != NormMethod::LocalContrast;
    if (affine) {
        ImGui::Spacing();
        const float lw = label_width(app, {"norm.gamma", "norm.beta"});
        widgets::row_label(app.tr("norm.gamma"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
        bool ch = ImGui::SliderFloat("##gamma", &gamma[sel.c], -3.0f, 5.0f, "%.3f", ImGuiSliderFlags_AlwaysClamp);
        ImGui::SameLine();
        widgets::help_marker(app.tr("norm.gamma_help"));
        widgets::row_label(app.tr("norm.beta"), lw);
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
        ch |= ImGui::SliderFloat("##beta", &beta[sel.c], -5.0f, 5.0f, "%.3f", ImGuiSliderFlags_AlwaysClamp);
        if (ch) { dirty = true; restored = false; }
        if (ImGui::Button(app.label("norm.restore"))) {
            // gamma = sqrt(var + eps) = 1 / rstd and beta = mean, from the layer, on the group's channels.
            for (int c = 0; c < kC; ++c)
                if (norm_member(method, groups, sel, sel.n, c, sel.b)) {
                    gamma[c] = float(1.0 / run.rstd);
                    beta[c] = float(run.mean);
                }
            dirty = true;
            restored = true;
        }
        ImGui::SameLine();
        if (ImGui::Button(app.label("norm.identity"))) {
            for (int c = 0; c < kC; ++c) { gamma[c] = 1.0f; beta[c] = 0.0f; }
            dirty = true;
            restored = false;
        }
        std::snprintf(buf, sizeof buf, app.tr("norm.max_diff"), fmt(run.restore_diff, 6).c_str());
        if (restored) ImGui::TextColored(col4(colors::kGood), "%s", buf);
        else widgets::muted_text_wrapped(buf);
    }
    widgets::end_card(card);
}

void NormLab::draw(AppState& app) {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float left = ImClamp(avail * 0.27f, em() * 17.0f, em() * 22.0f);
    const bool stacked = !widgets::columns_fit(avail, {em() * 17.0f, em() * 26.0f}, em());
    if (widgets::begin_controls_column(app, left, stacked)) draw_controls(app);
    widgets::end_controls_column(stacked);
    widgets::next_column(stacked, em());
    widgets::begin_column("##results", 0.0f, stacked);
    ImGui::PushTextWrapPos(0.0f);
    // The block with the method's explanation, and beside it (or, when narrow, below it) the selected
    // group's statistics.
    const float results_w = ImGui::GetContentRegionAvail().x;
    const bool pair = widgets::columns_fit(results_w, {em() * 19.0f, em() * 19.0f}, em());
    const float half = pair ? (results_w - em()) * 0.5f : results_w;
    ImGui::BeginGroup();
    widgets::Card card = widgets::begin_card("block", half);
    ImGui::TextDisabled("%s", app.tr(kMethodKeys[int(method)]));
    ImGui::SameLine();
    widgets::help_marker(app.tr("norm.block_help"));
    widgets::muted_text_wrapped(app.tr(kDescKeys[int(method)]));
    if (draw_norm_block(method, groups, sel, run, app.lang)) dirty = true;
    widgets::legend_item(col32(colors::kAccent), col32(colors::kAccent), app.tr("norm.legend_group"));
    widgets::flow_same_line(widgets::legend_width(app.tr("norm.legend_selected")), em());
    widgets::legend_item(col32(colors::kStamp), col32(colors::kStamp), app.tr("norm.legend_selected"));
    if (method == NormMethod::CrossIteration) {
        widgets::flow_same_line(widgets::legend_width(app.tr("norm.legend_ghost")), em());
        widgets::legend_item(col32(0xEEF2F7), col32(0x8FA3BC), app.tr("norm.legend_ghost"));
    }
    widgets::end_card(card);
    ImGui::EndGroup();
    if (pair) ImGui::SameLine(0.0f, em());
    else ImGui::Spacing();
    ImGui::BeginGroup();
    draw_stats(app);
    ImGui::EndGroup();
    ImGui::Spacing();
    draw_batch_noise(noise, source, sel.c, app);
    ImGui::Spacing();
    draw_train_eval(te, source, sel.c, app);
    ImGui::Spacing();
    if (scaling.built) draw_scaling(scaling, app);
    ImGui::PopTextWrapPos();
    widgets::end_column(stacked);
}

}  // namespace

LabPtr make_norm_lab() { return std::make_unique<NormLab>(); }

}  // namespace ll::app

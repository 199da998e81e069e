// Network lab: the selected layer in detail, with numbers read from the tensors the engine computed.
//   Conv2d       the kernel sliding over the padded input (conv_arith's drawing), and for one output
//                position: patch, kernel, products, the per-channel sums and the bias adding up to the
//                engine's output value
//   MaxPool2d / AvgPool2d   the window, its winner (indices()) or its average
//   BatchNorm    the statistics it used (batch or running) and gamma, beta
//   activations  before and after at the position
//   classifier   softmax probabilities as bars with the class names, the target and the loss
//   update phase the parameter before and after the optimizer's step, and the change
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/conv_arith.h"
#include "app/panels/network.h"
#include "app/widgets/widgets.h"
#include "engine/layers/conv.h"
#include "engine/layers/linear.h"
#include "engine/layers/norm.h"
#include "engine/layers/pool.h"

namespace ll::app {

void mono(AppState& app, bool on) {
    if (!app.fonts.mono) return;
    if (on) ImGui::PushFont(app.fonts.mono);
    else ImGui::PopFont();
}

// A small grid of numbers; cells where pad[i] is true are greyed (padding).
void number_grid(AppState& app, const char* title, const std::vector<float>& v, const std::vector<bool>& pad, int rows, int cols,
                 int highlight) {
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(-1.0f);
    ImGui::TextDisabled("%s", title);
    mono(app, true);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {  // monospaced, fixed-width numbers: the columns line up
            if (c) ImGui::SameLine(0.0f, em() * 0.35f);
            const size_t i = size_t(r * cols + c);
            char buf[32];
            std::snprintf(buf, sizeof buf, "%5.2f", double(v[i]));
            if (int(i) == highlight) ImGui::TextColored(col4(colors::kCurrent), "%s", buf);
            else if (!pad.empty() && pad[i]) ImGui::TextDisabled("%s", buf);
            else ImGui::TextUnformatted(buf);
        }
    }
    mono(app, false);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
}

// Width of number_grid for cols columns (to lay grids side by side when they fit).
float grid_width(AppState& app, int cols) {
    mono(app, true);
    const float w = (ImGui::CalcTextSize("-0.00").x + em() * 0.35f) * float(cols);
    mono(app, false);
    return w;
}

namespace {

void position_slider(AppState& app, DetailUi& ui, int OH, int OW) {
    int y = ui.pos / OW, x = ui.pos % OW;
    ImGui::TextUnformatted(app.tr("net.position"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em() * 5.0f);
    bool ch = ImGui::SliderInt("##py", &y, 0, OH - 1, "y %d", ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em() * 5.0f);
    ch |= ImGui::SliderInt("##px", &x, 0, OW - 1, "x %d", ImGuiSliderFlags_AlwaysClamp);
    if (ch) {
        ui.pos = y * OW + x;
        ui.playing = false;
    }
}

void draw_conv(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const ConvBase& conv = static_cast<const ConvBase&>(s.model.layer(size_t(layer)));
    const ConvOptions& o = conv.options();
    const Tensor& x = level_tensor(s, layer);       // (1, C, H, W)
    const Tensor& y = s.model.output(size_t(layer));  // (1, OC, OH, OW)
    const int C = x.dim(1), H = x.dim(2), W = x.dim(3), OC = y.dim(1), OH = y.dim(2), OW = y.dim(3);
    const int KH = o.kernel[0], KW = o.kernel[1], G = o.groups, Cg = C / G, OCg = OC / G;
    const int positions = OH * OW;
    if (ui.playing) ui.anim += double(ImGui::GetIO().DeltaTime) * 4.0;
    if (ui.anim >= positions) ui.anim = std::fmod(ui.anim, double(positions));
    if (ui.playing) ui.pos = int(ui.anim);
    ui.animating = ui.playing;
    if (ui.playing) ui.next_move_at = widgets::steady_seconds() + (std::floor(ui.anim) + 1.0 - ui.anim) / 4.0;
    ui.pos = ImClamp(ui.pos, 0, positions - 1);
    const int oc = ImClamp(ui.channel, 0, OC - 1);
    const int oy = ui.pos / OW, ox = ui.pos % OW;

    char buf[256];
    const char* play = ui.playing ? app.tr("net.pause_window") : app.tr("net.play_window");
    std::snprintf(buf, sizeof buf, "%s###win", play);
    if (ImGui::Button(buf)) {
        ui.playing = !ui.playing;
        ui.anim = double(ui.pos);
    }
    ImGui::SameLine();
    position_slider(app, ui, OH, OW);
    // The numbers for output (oc, oy, ox): sum over the group's input channels of patch * kernel, + bias.
    const int g = oc / OCg;
    ui.in_channel = ImClamp(ui.in_channel, g * Cg, g * Cg + Cg - 1);
    std::vector<float> sums(size_t(Cg), 0.0f);
    std::vector<float> patch(size_t(KH * KW)), kern(size_t(KH * KW)), prod(size_t(KH * KW));
    std::vector<bool> pad(size_t(KH * KW));
    const Tensor& w = conv.weight();  // (OC, C/G, KH, KW)
    for (int ci = 0; ci < Cg; ++ci) {
        const int ic = g * Cg + ci;
        for (int ky = 0; ky < KH; ++ky)
            for (int kx = 0; kx < KW; ++kx) {
                const int iy = oy * o.stride[0] - o.padding[0] + ky * o.dilation[0];
                const int ix = ox * o.stride[1] - o.padding[1] + kx * o.dilation[1];
                const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
                const float xv = inside ? x[(size_t(ic) * size_t(H) + size_t(iy)) * size_t(W) + size_t(ix)] : 0.0f;
                const float wv = w[((size_t(oc) * size_t(Cg) + size_t(ci)) * size_t(KH) + size_t(ky)) * size_t(KW) + size_t(kx)];
                sums[size_t(ci)] += xv * wv;
                if (ic == ui.in_channel) {
                    const size_t k = size_t(ky * KW + kx);
                    patch[k] = xv; kern[k] = wv; prod[k] = xv * wv; pad[k] = !inside;
                }
            }
    }
    ImGui::Spacing();
    std::snprintf(buf, sizeof buf, app.tr("net.conv_output_at"), oc, oy, ox);
    ImGui::TextUnformatted(buf);
    if (Cg > 1) {
        widgets::slider_int("ic", &ui.in_channel, g * Cg, g * Cg + Cg - 1, app.tr("net.in_channel_fmt"), 0,
                            ImMin(em() * 14.0f, ImGui::GetContentRegionAvail().x));
    }
    if (KH * KW <= 49) {
        const float gw = grid_width(app, KW);
        number_grid(app, app.tr("net.patch"), patch, pad, KH, KW);
        widgets::flow_same_line(gw, em());
        number_grid(app, app.tr("net.kernel"), kern, {}, KH, KW);
        widgets::flow_same_line(gw, em());
        number_grid(app, app.tr("net.products"), prod, pad, KH, KW);
    }
    float total = 0.0f;
    std::string terms;
    for (int ci = 0; ci < Cg; ++ci) {
        total += sums[size_t(ci)];
        char t[32];
        std::snprintf(t, sizeof t, "%s%.3f", ci ? " + " : "", double(sums[size_t(ci)]));
        terms += t;
    }
    const float bias = o.bias ? conv.bias()[size_t(oc)] : 0.0f;
    const float engine = y[(size_t(oc) * size_t(OH) + size_t(oy)) * size_t(OW) + size_t(ox)];
    ImGui::TextDisabled("%s", app.tr("net.sum_title"));
    mono(app, true);
    char sum[64];
    std::snprintf(sum, sizeof sum, " = %.4f", double(total));
    widgets::text_wrapped(("Σ = " + terms + sum).c_str());
    ImGui::Text("Σ + b = %.4f + %.4f = %.4f", double(total), double(bias), double(total + bias));
    mono(app, false);
    const bool match = std::fabs(total + bias - engine) <= 1e-4f * ImMax(1.0f, std::fabs(engine));
    std::snprintf(buf, sizeof buf, app.tr("net.engine_value"), double(engine));
    ImGui::TextColored(col4(match ? colors::kGood : colors::kError), "%s  %s", buf, app.tr(match ? "net.match" : "net.mismatch"));
    ImGui::Spacing();
    // The sliding window of conv_arith (square, ungrouped layers: its drawing handles one channel).
    if (H == W && KH == KW && o.stride[0] == o.stride[1] && o.padding[0] == o.padding[1] && o.dilation[0] == o.dilation[1] &&
        H + 2 * o.padding[0] <= 40) {
        ConvConfig cc;
        cc.size = H; cc.in_ch = C; cc.out_ch = OC; cc.kernel = KH; cc.stride = o.stride[0]; cc.pad = o.padding[0];
        cc.dilation = o.dilation[0]; cc.groups = G; cc.bias = o.bias;
        ConvNumbers n;
        n.ok = true; n.out_c = OC; n.out_h = OH; n.out_w = OW;
        ImGui::PushID("slide");
        draw_sliding_window(cc, n, ui.pos, app.lang);
        ImGui::PopID();
    }

}

// Pooling against the strided convolution that could take its place: shapes, cost and receptive field
// from the engine (compare_pool_swap), and a button that makes the swap as an edit.
void draw_pool_swap(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    if (ui.swap_version != s.version || ui.swap_layer != layer) {
        const Status st = compare_pool_swap(s.model, s.desc, layer, ui.swap);
        ui.swap_error = st ? "" : st.message();
        ui.swap_version = s.version;
        ui.swap_layer = layer;
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextDisabled("%s", app.tr("net.swap_title"));
    if (!ui.swap_error.empty()) {
        widgets::muted_text_wrapped(ui.swap_error.c_str());
        return;
    }
    const PoolSwapCompare& c = ui.swap;
    if (ImGui::BeginTable("##swap", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("");
        ImGui::TableSetupColumn(c.pool.type.c_str());
        ImGui::TableSetupColumn("Conv2d");
        ImGui::TableHeadersRow();
        auto row = [](const char* name, const std::string& a, const std::string& b) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(name);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(b.c_str());
        };
        const auto rf = [&](const LayerInfo& li) { return li.receptive.whole_input ? std::string(app.tr("net.rf_all")) : std::to_string(li.receptive.size[0]); };
        row(app.tr("net.swap_output"), shape_str(c.pool.out_shape), shape_str(c.conv.out_shape));
        row(app.tr("net.swap_params"), compact(c.pool.params), compact(c.conv.params));
        row(app.tr("net.swap_macs"), compact(c.pool.macs), compact(c.conv.macs));
        row(app.tr("net.swap_rf"), rf(c.pool), rf(c.conv));
        row(app.tr("net.swap_total"), compact(c.params_before), compact(c.params_after));
        ImGui::EndTable();
    }
    widgets::muted_text_wrapped(app.tr("net.swap_why"));
    if (ImGui::Button(app.label("net.swap_apply"))) session_swap_pool(s, layer);
}

void draw_pool(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const WindowPool& pool = static_cast<const WindowPool&>(s.model.layer(size_t(layer)));
    const PoolOptions& o = pool.options();
    const Tensor& x = level_tensor(s, layer);
    const Tensor& y = s.model.output(size_t(layer));
    const int H = x.dim(2), W = x.dim(3), OH = y.dim(2), OW = y.dim(3);
    const int c = ImClamp(ui.channel, 0, y.dim(1) - 1);
    ui.pos = ImClamp(ui.pos, 0, OH * OW - 1);
    position_slider(app, ui, OH, OW);
    const int oy = ui.pos / OW, ox = ui.pos % OW, KH = o.kernel[0], KW = o.kernel[1];
    const bool is_max = std::string(pool.type()) == "MaxPool2d";
    int winner = -1;
    if (is_max) {
        const std::vector<int32_t>& idx = static_cast<const MaxPool2d&>(pool).indices();
        const size_t at = (size_t(c) * size_t(OH) + size_t(oy)) * size_t(OW) + size_t(ox);
        if (at < idx.size()) winner = idx[at];
    }
    std::vector<float> v(size_t(KH * KW));
    std::vector<bool> pad(size_t(KH * KW));
    int hl = -1;
    for (int ky = 0; ky < KH; ++ky)
        for (int kx = 0; kx < KW; ++kx) {
            const int iy = oy * o.stride[0] - o.padding[0] + ky * o.dilation[0];
            const int ix = ox * o.stride[1] - o.padding[1] + kx * o.dilation[1];
            const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
            const size_t k = size_t(ky * KW + kx);
            v[k] = inside ? x[(size_t(c) * size_t(H) + size_t(iy)) * size_t(W) + size_t(ix)] : 0.0f;
            pad[k] = !inside;
            if (inside && iy * W + ix == winner) hl = int(k);
        }
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("net.window_at"), c, oy, ox);
    ImGui::TextUnformatted(buf);
    if (KH * KW <= 49) number_grid(app, app.tr("net.window"), v, pad, KH, KW, hl);
    const float out = y[(size_t(c) * size_t(OH) + size_t(oy)) * size_t(OW) + size_t(ox)];
    std::snprintf(buf, sizeof buf, app.tr(is_max ? "net.max_is" : "net.avg_is"), double(out));
    ImGui::TextUnformatted(buf);
    draw_pool_swap(s, ui, app, layer);
}

float bn_running_mean(const NormLayer& n, int c) {
    const BatchNorm* bn = dynamic_cast<const BatchNorm*>(&n);
    return bn && !bn->running_mean().empty() ? bn->running_mean()[size_t(c)] : 0.0f;
}

void draw_norm(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const NormLayer& n = static_cast<const NormLayer&>(s.model.layer(size_t(layer)));
    const int C = n.mean().numel() > 0 ? int(n.mean().numel()) : 0;
    if (C == 0) return;
    const int c = ImClamp(ui.channel, 0, C - 1);
    bool batch = true;
    if (const BatchNorm* bn = dynamic_cast<const BatchNorm*>(&n)) batch = bn->used_batch_stats();
    widgets::text_wrapped(app.tr(batch ? "net.bn_batch" : "net.bn_running"));
    mono(app, true);
    ImGui::Text("%s %d:  μ = %.4f   σ² = %.4f   1/√(σ²+ε) = %.4f", app.tr("net.channel"), c, double(n.mean()[size_t(c)]),
                double(n.var()[size_t(c)]), double(n.rstd()[size_t(c)]));
    if (!n.gamma().empty()) ImGui::Text("γ = %.4f   β = %.4f", double(n.gamma()[size_t(c)]), double(n.beta()[size_t(c)]));
    if (const BatchNorm* bn = dynamic_cast<const BatchNorm*>(&n); bn && !bn->running_mean().empty())
        ImGui::Text("%s: μ = %.4f   σ² = %.4f", app.tr("net.running"), double(bn->running_mean()[size_t(c)]),
                    double(bn->running_var()[size_t(c)]));
    mono(app, false);
    widgets::muted_text_wrapped(app.tr("net.bn_mode_help"));
    const bool after_conv = layer > 0 && std::string(s.model.layer(size_t(layer - 1)).type()) == "Conv2d" &&
                            std::string(n.type()) == "BatchNorm2d";
    if (!after_conv) return;
    ImGui::Spacing();
    if (batch) {
        widgets::muted_text_wrapped(app.tr("net.fold_train"));
        return;
    }
    if (ui.fold_version != s.version || ui.fold_layer != layer) {
        ui.fold = bn_fold_view(s, layer);
        ui.fold_version = s.version;
        ui.fold_layer = layer;
    }
    if (!ui.fold.ok) return;
    const FoldedConv& f = ui.fold.folded;
    const Conv2d& conv = static_cast<const Conv2d&>(s.model.layer(size_t(layer - 1)));
    char buf[320];
    ImGui::TextDisabled("%s", app.tr("net.fold_title"));
    mono(app, true);
    const char* run = app.tr("net.fold_run");
    const double cb = conv.has_bias() ? double(conv.bias()[size_t(c)]) : 0.0, mu = double(bn_running_mean(n, c));
    const double beta = n.beta().empty() ? 0.0 : double(n.beta()[size_t(c)]);
    // Wrapped at blanks only (a number never splits), in the mono font.
    std::snprintf(buf, sizeof buf, "s = γ / √(%s σ² + ε) = %.4f", run, double(f.scale[size_t(c)]));
    widgets::text_wrapped(buf);
    std::snprintf(buf, sizeof buf, "b' = (b − %s μ) · s + β", run);
    widgets::text_wrapped(buf);
    std::snprintf(buf, sizeof buf, mu < 0 ? "   = (%.4f − (%.4f)) · %.4f + %.4f = %.4f" : "   = (%.4f − %.4f) · %.4f + %.4f = %.4f",
                  cb, mu, double(f.scale[size_t(c)]), beta, double(f.bias[size_t(c)]));
    widgets::text_wrapped(buf);
    const size_t per = f.weight.numel() / size_t(f.weight.dim(0));
    ImGui::TextUnformatted("w' = w · s:");
    for (size_t k = 0; k < std::min<size_t>(per, 3); ++k)
        ImGui::Text("   %.4f → %.4f", double(conv.weight()[size_t(c) * per + k]), double(f.weight[size_t(c) * per + k]));
    mono(app, false);
    std::snprintf(buf, sizeof buf, app.tr("net.fold_check"), layer - 1, ui.fold.max_diff, ui.fold.count);
    widgets::text_wrapped(buf);
    widgets::muted_text_wrapped(app.tr("net.fold_why"));
}

void draw_activation(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const Tensor& x = level_tensor(s, layer);
    const Tensor& y = s.model.output(size_t(layer));
    if (x.numel() != y.numel()) return;
    const int HW = x.ndim() == 4 ? x.dim(2) * x.dim(3) : int(x.numel());
    const int OW = x.ndim() == 4 ? x.dim(3) : int(x.numel());
    const int OH = HW / OW;
    ui.pos = ImClamp(ui.pos, 0, HW - 1);
    position_slider(app, ui, OH, OW);
    const int c = x.ndim() == 4 ? ImClamp(ui.channel, 0, x.dim(1) - 1) : 0;
    const size_t i = size_t(c) * size_t(HW) + size_t(ui.pos);
    mono(app, true);
    ImGui::Text("%s(%.4f) = %.4f", s.model.layer(size_t(layer)).type(), double(x[i]), double(y[i]));
    mono(app, false);
    int neg = 0;
    for (size_t k = 0; k < x.numel(); ++k) neg += x[k] < 0.0f;
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("net.negatives"), neg, int(x.numel()));
    widgets::muted_text_wrapped(buf);
}

// Dropout: the keep mask of the last train-mode forward (cells: kept light, dropped dark) and, at one
// position, x times 1/(1-p) or zero; in eval mode the identity.
void draw_dropout(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const Dropout& d = static_cast<const Dropout&>(s.model.layer(size_t(layer)));
    const Tensor& x = level_tensor(s, layer);
    const Tensor& y = s.model.output(size_t(layer));
    char buf[320];
    if (!d.last_forward_dropped()) {
        std::snprintf(buf, sizeof buf, app.tr("net.dropout_identity"), double(d.p()));
        widgets::text_wrapped(buf);
        widgets::muted_text_wrapped(app.tr("net.dropout_why_eval"));
        return;
    }
    const Tensor& mask = d.mask();
    int kept = 0;
    for (size_t i = 0; i < mask.numel(); ++i) kept += mask[i] != 0.0f;
    std::snprintf(buf, sizeof buf, app.tr(d.channelwise() ? "net.dropout_train2d" : "net.dropout_train"), 1.0 - double(d.p()),
                  double(d.scale()), kept, int(mask.numel()), 100.0 * kept / double(ImMax<size_t>(mask.numel(), 1)));
    widgets::text_wrapped(buf);
    // The mask of the selected channel (elementwise on maps), of every channel (Dropout2d) or of the vector.
    const bool maps = x.ndim() == 4;
    const int C = maps ? x.dim(1) : 1;
    const int c = ImClamp(ui.channel, 0, C - 1);
    int rows = 1, cols = 1;
    size_t first = 0;
    if (d.channelwise()) cols = int(mask.numel());
    else if (maps) { rows = x.dim(2); cols = x.dim(3); first = size_t(c) * size_t(rows * cols); }
    else { cols = int(std::ceil(std::sqrt(double(mask.numel())))); rows = int((mask.numel() + size_t(cols) - 1) / size_t(cols)); }
    const float cell = ImClamp(ImGui::GetContentRegionAvail().x / float(cols), 3.0f, em() * 1.2f);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int HW = maps ? x.dim(2) * x.dim(3) : int(x.numel());
    ui.pos = ImClamp(ui.pos, 0, ImMax(HW - 1, 0));
    const int OW = maps ? x.dim(3) : cols;
    for (int r = 0; r < rows; ++r)
        for (int q = 0; q < cols; ++q) {
            const size_t i = first + size_t(r * cols + q);
            if (i >= mask.numel()) break;
            const ImVec2 a(p0.x + q * cell, p0.y + r * cell), b(a.x + cell - 1.0f, a.y + cell - 1.0f);
            dl->AddRectFilled(a, b, col32(mask[i] != 0.0f ? colors::kKeptCell : colors::kDroppedCell));
            const bool at = r * cols + q == (d.channelwise() ? c : ui.pos);
            if (at) dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), col32(colors::kCurrent), 0.0f, 0, 2.0f);
        }
    ImGui::Dummy(ImVec2(cell * float(cols), cell * float(rows)));
    if (ImGui::IsItemHovered() && ImGui::IsMouseClicked(0)) {  // a click picks the position (or channel)
        const ImVec2 m = ImGui::GetMousePos();
        const int q = int((m.x - p0.x) / cell), r = int((m.y - p0.y) / cell);
        if (d.channelwise()) ui.channel = ImClamp(q, 0, C - 1);
        else ui.pos = ImClamp(r * cols + q, 0, HW - 1);
    }
    if (maps) position_slider(app, ui, HW / OW, OW);
    const size_t i = (maps ? size_t(c) * size_t(HW) : 0) + size_t(ui.pos);
    if (i < x.numel() && i < y.numel()) {
        const bool keep = (d.channelwise() ? mask[size_t(c)] : mask[i]) != 0.0f;  // batch 1: mask (1, C) or x's shape
        if (keep) std::snprintf(buf, sizeof buf, "x = %.4f  →  y = %.4f × %.3f = %.4f", double(x[i]), double(x[i]), double(d.scale()), double(y[i]));
        else std::snprintf(buf, sizeof buf, "x = %.4f  →  %s: y = 0", double(x[i]), app.tr("net.dropout_dropped"));
        mono(app, true);
        widgets::text_wrapped(buf);  // breaks at blanks, never inside a number
        mono(app, false);
    }
    widgets::muted_text_wrapped(app.tr("net.dropout_why"));
}

// Linear: y = W x + b, the weight matrix as a picture (a click picks the output row) and one output as
// its largest products W[o, i] x[i], the rest, the bias and the engine's value.
void draw_linear_forward(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    const Tensor& x = level_tensor(s, layer);
    const Layer& l = s.model.layer(size_t(layer));
    const Tensor* W = nullptr;
    const Tensor* B = nullptr;
    for (const ParamRef& p : const_cast<Layer&>(l).params()) {
        if (p.name == "weight") W = p.value;
        else if (p.name == "bias") B = p.value;
    }
    if (!W || W->ndim() != 2 || x.ndim() != 2 || x.dim(1) != W->dim(1)) return;
    const int OUT = W->dim(0), IN = W->dim(1);
    const int o = ImClamp(ui.channel, 0, OUT - 1);
    if (ui.dense_image < 0) ui.dense_image = app.host->image_create();
    float lo, hi;
    bool div;
    map_colors(*W, true, lo, hi, div);
    if (ui.dense_uploaded != s.version || ui.dense_layer != layer) {
        app.host->image_update(ui.dense_image, *W, 0, Colormap::Diverging, lo, hi);
        ui.dense_uploaded = s.version;
        ui.dense_layer = layer;
    }
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("net.linear_matrix"), OUT, IN);
    widgets::text_wrapped((std::string(buf) + "  " + range_text(lo, hi)).c_str());
    int r = 0, q = 0;
    const ImVec2 size = matrix_picture_size(OUT, IN, ImGui::GetContentRegionAvail().x);
    if (matrix_picture(*app.host, ui.dense_image, size, OUT, IN, o, -1, r, q)) ui.channel = r;
    const GradEntry e = linear_output_entry(x, *W, 0, o, 6);
    std::snprintf(buf, sizeof buf, app.tr("net.linear_output"), o, o, o, IN);
    widgets::text_wrapped(buf);
    widgets::muted_text_wrapped(app.tr("net.linear_terms_head"));
    draw_terms(app, e, false, false);
    const double bias = B ? double((*B)[size_t(o)]) : 0.0;
    mono(app, true);
    ImGui::Text("+ b[%d] = %+.6e", o, bias);
    ImGui::Text("= %+.6e", e.sum + bias);
    mono(app, false);
    match_line(app, app.tr("net.linear_engine"), double(s.model.output(size_t(layer))[size_t(o)]), e.sum + bias);
}

}  // namespace

void draw_classifier(NetworkSession& s, AppState& app);

BnFoldView bn_fold_view(const NetworkSession& s, int layer) {
    BnFoldView v;
    if (!s.ready || layer < 1 || layer >= int(s.model.size()) || s.mode != Mode::Eval || !level_computed(s, layer + 1))
        return v;
    if (s.stepper.update_applied()) return v;  // the outputs on screen are from the weights before the step
    const Conv2d* conv = dynamic_cast<const Conv2d*>(&s.model.layer(size_t(layer - 1)));
    const BatchNorm* bn = dynamic_cast<const BatchNorm*>(&s.model.layer(size_t(layer)));
    if (!conv || !bn || bn->used_batch_stats()) return v;
    if (!fold_batchnorm(*conv, *bn, v.folded).is_ok()) return v;
    const Tensor& reference = s.model.output(size_t(layer));
    if (!folded_difference(*conv, v.folded, level_tensor(s, layer - 1), reference, v.max_diff).is_ok()) return v;
    v.count = reference.numel();
    v.ok = true;
    return v;
}

Json bn_fold_report(const BnFoldView& v, int channel) {
    Json r = Json::object();
    if (!v.ok) return r;
    const size_t c = size_t(channel);
    r.set("channel", Json::number(channel));
    r.set("scale", Json::number(double(v.folded.scale[c])));
    r.set("bias", Json::number(double(v.folded.bias[c])));
    r.set("weight0", Json::number(double(v.folded.weight[c * (v.folded.weight.numel() / size_t(v.folded.weight.dim(0)))])));
    r.set("max_diff", Json::number(v.max_diff));
    r.set("count", Json::number(double(v.count)));
    return r;
}

std::string class_name(const NetworkSession& s, int c, Lang lang) {
    if (c >= 0 && c < 10 && session_fashion_classes(s)) {
        char key[32];
        std::snprintf(key, sizeof key, "net.fm%d", c);
        return tr(lang, key);
    }
    return std::to_string(c);
}

void draw_classifier(NetworkSession& s, AppState& app) {
    const Tensor& p = s.stepper.probs();
    const int K = int(p.numel()), target = int(s.stepper.target()), pred = s.stepper.predicted();
    float name_w = 0.0f;
    for (int k = 0; k < K; ++k) name_w = ImMax(name_w, ImGui::CalcTextSize(class_name(s, k, app.lang).c_str()).x);
    name_w += em() * 0.8f;
    const float bar_w = ImGui::GetContentRegionAvail().x - name_w - em() * 4.5f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int k = 0; k < K; ++k) {
        const std::string name = class_name(s, k, app.lang);
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        if (k == pred) ImGui::TextColored(col4(colors::kAccent), "%s", name.c_str());
        else ImGui::TextUnformatted(name.c_str());
        const float h = ImGui::GetTextLineHeight();
        const ImVec2 b0(p0.x + name_w, p0.y + h * 0.15f);
        dl->AddRectFilled(b0, ImVec2(b0.x + bar_w, b0.y + h * 0.7f), col32(colors::kPadCell));
        dl->AddRectFilled(b0, ImVec2(b0.x + bar_w * p[size_t(k)], b0.y + h * 0.7f),
                          col32(k == target ? colors::kCurrent : colors::kAccent, k == pred || k == target ? 1.0f : 0.55f));
        ImGui::SetCursorScreenPos(ImVec2(b0.x + bar_w + em() * 0.4f, p0.y));
        ImGui::Text("%.1f%%%s", double(p[size_t(k)] * 100.0f), k == target ? app.tr("net.target_mark") : "");
    }
    char buf[256];
    std::snprintf(buf, sizeof buf, app.tr("net.loss_line"), class_name(s, target, app.lang).c_str(), double(s.stepper.loss()),
                  double(p[size_t(target)]));
    mono(app, true);
    widgets::text_wrapped(buf);
    mono(app, false);
}

void draw_update(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    if (!s.stepper.update_applied()) return;
    const std::vector<ParamRef>& all = s.model.params();
    const std::string prefix = std::to_string(layer) + ".";
    Host& host = *app.host;
    size_t img = 0;
    const bool reupload = ui.uploaded != s.version || ui.uploaded_layer != layer || ui.uploaded_channel != ui.channel;
    char buf[256];
    for (size_t p = 0; p < all.size(); ++p) {
        if (all[p].name.compare(0, prefix.size(), prefix) != 0) continue;
        // 1-D parameters (bias, gamma, beta) are drawn as a 1 x n strip.
        Tensor before = s.stepper.param_before(p), after = *all[p].value;
        if (after.ndim() == 1) {
            before.reshape({1, before.dim(0)});
            after.reshape({1, after.dim(0)});
        }
        Tensor delta(after.shape());
        float dmax = 0.0f;
        for (size_t k = 0; k < after.numel(); ++k) {
            delta[k] = after[k] - before[k];
            dmax = ImMax(dmax, std::fabs(delta[k]));
        }
        ImGui::Text("%s  %s   max |Δ| = %.3g", all[p].name.c_str(), shape_str(after.shape()).c_str(), double(dmax));
        const int ch = after.ndim() == 4 ? ImClamp(ui.channel, 0, after.dim(0) - 1) * after.dim(1) : 0;
        while (ui.images.size() < img + 3) ui.images.push_back(host.image_create());
        if (reupload) {
            float lo, hi;
            bool div;
            map_colors(before, true, lo, hi, div);
            host.image_update(ui.images[img], before, ch, Colormap::Diverging, lo, hi);
            host.image_update(ui.images[img + 1], after, ch, Colormap::Diverging, lo, hi);
            host.image_update(ui.images[img + 2], delta, ch, Colormap::Diverging, -ImMax(dmax, 1e-12f), ImMax(dmax, 1e-12f));
        }
        const char* titles[3] = {app.tr("net.before"), app.tr("net.after"), "Δ"};
        const Tensor* shown[3] = {&before, &after, &delta};
        int iw = 0, ih = 0;
        host.image_size(ui.images[img], iw, ih);
        const bool matrix = after.ndim() == 2;  // a Linear's (out, in) weight or a strip
        const bool weight = all[p].name == prefix + "weight";
        // A matrix is stretched to the column's width with a readable height; the three stack. Kernels
        // stay square, side by side.
        const ImVec2 size = matrix ? matrix_picture_size(ih, iw, ImGui::GetContentRegionAvail().x)
                                   : ImVec2(0.0f, 0.0f);
        const float strip_h = em() * 1.2f;
        const float px = ImClamp(em() * 5.0f / float(ImMax(iw, ih)), 0.5f, em() * 1.2f);
        for (int k = 0; k < 3; ++k) {
            float lo = 0.0f, hi = 0.0f;
            widgets::value_range(*shown[k], ch, lo, hi);  // of the picture shown
            if (!matrix && k) ImGui::SameLine(0.0f, em());
            ImGui::BeginGroup();
            ImGui::TextDisabled("%s  [%.3g, %.3g]", titles[k], double(lo), double(hi));
            if (matrix) {
                const ImVec2 sz = ih == 1 ? ImVec2(size.x, strip_h) : size;
                int r = 0, c = 0;
                if (matrix_picture(host, ui.images[img + size_t(k)], sz, ih, iw, weight ? ui.grad_o : -1, ui.grad_c, r, c) && weight) {
                    ui.grad_o = r;
                    ui.grad_c = c;
                }
            } else {
                widgets::feature_map(host, ui.images[img + size_t(k)], px);
            }
            ImGui::EndGroup();
        }
        if (weight && matrix) {  // the picked entry, the same one the gradient view shows
            const size_t at = picked_weight_index(s, ui, layer);
            std::snprintf(buf, sizeof buf, app.tr("net.update_entry"), int(at / size_t(iw)), int(at % size_t(iw)),
                          double(before[at]), double(after[at]), double(delta[at]), double((*all[p].grad)[at]));
            ImGui::TextUnformatted(buf);
        }
        ImGui::Spacing();
        img += 3;
    }
    ui.uploaded = s.version;
    ui.uploaded_layer = layer;
    ui.uploaded_channel = ui.channel;
    const OptimConfig& o = s.opt;
    std::snprintf(buf, sizeof buf, app.tr(o.name == "adam" ? "net.rule_adam" : o.momentum > 0 ? "net.rule_momentum" : "net.rule_sgd"),
                  double(o.lr));
    widgets::muted_text_wrapped(buf);
}

void draw_layer_detail(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    ui.animating = false;
    if (!s.ready || layer < 0 || layer >= int(s.model.size())) return;
    Layer& l = s.model.layer(size_t(layer));
    const std::string type = l.type();
    const StepPosition pos = s.stepper.position();
    const DetailKind kind = detail_kind(s, layer);
    if (kind == DetailKind::Update) {
        draw_update(s, ui, app, layer);
        if (has_weight_grad_view(s, layer)) {  // the gradient this step used
            ImGui::Separator();
            ImGui::Spacing();
            draw_weight_grad(s, ui, app, layer);
        }
        return;
    }
    if (kind == DetailKind::WeightGrad) {
        draw_weight_grad(s, ui, app, layer);
        return;
    }
    if (kind == DetailKind::NotYet) {
        widgets::muted_text_wrapped(app.tr("net.detail_not_yet"));
        return;
    }
    const bool last = layer == int(s.model.size()) - 1;
    if (type == "Conv2d") draw_conv(s, ui, app, layer);
    else if (type == "MaxPool2d" || type == "AvgPool2d") draw_pool(s, ui, app, layer);
    else if (dynamic_cast<const NormLayer*>(&l)) draw_norm(s, ui, app, layer);
    else if (type == "Dropout" || type == "Dropout2d") draw_dropout(s, ui, app, layer);
    else if (last && s.stepper.trainable() && (pos.phase != Phase::Forward || pos.iteration > 0 || pos.layer == layer)) {
        draw_classifier(s, app);
        if (type == "Linear") {
            ImGui::Separator();
            ImGui::Spacing();
            draw_linear_forward(s, ui, app, layer);
        }
    } else if (type == "Linear") draw_linear_forward(s, ui, app, layer);
    else if (l.in_shape() == l.out_shape() && l.params().empty()) draw_activation(s, ui, app, layer);
    else widgets::muted_text_wrapped(app.tr("net.detail_none"));
}

}  // namespace ll::app

// Network lab: the weight gradient of the selected layer, once the backward pass has reached it.
//   Conv2d  per output channel o, the kernel's gradient dL/dW[o, c] for every input channel c as small
//           maps (diverging colours, one scale for the whole layer) and the picked kernel as numbers;
//           for the picked entry, the largest of its terms dL/dY[o, y, x] * X[c, y*S + i*D - P, ...]
//           and their total next to the engine's gradient value; the bias's sum of dL/dY.
//   Linear  dL/dW = dL/dy x^T as a matrix picture; the picked entry's one product; the bias.
// The terms come from engine/grad_terms.h; the pictures read the gradient tensors the layers keep
// (ParamRef grad). detail_report() gives the tests the same numbers the view shows.
#include <cmath>
#include <cstdio>
#include <string>

#include "app/app_state.h"
#include "app/panels/network.h"
#include "app/widgets/widgets.h"
#include "engine/grad_terms.h"
#include "engine/layers/conv.h"
#include "engine/layers/linear.h"

namespace ll::app {

std::string range_text(float lo, float hi) {
    char b[64];
    std::snprintf(b, sizeof b, "[%.3g, %.3g]", double(lo), double(hi));
    return b;
}

namespace {

constexpr int kTermsShown = 6;

const ParamRef* layer_param(const NetworkSession& s, int layer, const char* name) {
    const std::string want = std::to_string(layer) + "." + name;
    for (const ParamRef& p : s.model.params())
        if (p.name == want) return &p;
    return nullptr;
}

bool is_conv(const NetworkSession& s, int layer) { return std::string(s.model.layer(size_t(layer)).type()) == "Conv2d"; }

// The entry the view shows, clamped to the layer's shapes: conv (o, c, i, j), Linear (o, c).
struct Pick {
    int o = 0, c = 0, i = 0, j = 0;
};

Pick pick(const NetworkSession& s, const DetailUi& ui, int layer) {
    Pick p;
    const Tensor& g = *layer_param(s, layer, "weight")->grad;
    if (g.ndim() == 4) {  // (OC, C/G, KH, KW)
        p.o = ImClamp(ui.channel, 0, g.dim(0) - 1);
        p.c = ImClamp(ui.grad_c, 0, g.dim(1) - 1);
        p.i = ui.grad_i < 0 ? g.dim(2) / 2 : ImClamp(ui.grad_i, 0, g.dim(2) - 1);
        p.j = ui.grad_j < 0 ? g.dim(3) / 2 : ImClamp(ui.grad_j, 0, g.dim(3) - 1);
    } else {              // (OUT, IN)
        p.o = ImClamp(ui.grad_o, 0, g.dim(0) - 1);
        if (ui.grad_c >= 0) {
            p.c = ImClamp(ui.grad_c, 0, g.dim(1) - 1);
        } else {  // the row's largest entry: a first look at a row that matters
            const float* row = g.data() + size_t(p.o) * size_t(g.dim(1));
            for (int k = 1; k < g.dim(1); ++k)
                if (std::fabs(row[k]) > std::fabs(row[p.c])) p.c = k;
        }
    }
    return p;
}

size_t flat_index(const Tensor& w, const Pick& p) {
    if (w.ndim() == 4) return ((size_t(p.o) * size_t(w.dim(1)) + size_t(p.c)) * size_t(w.dim(2)) + size_t(p.i)) * size_t(w.dim(3)) + size_t(p.j);
    return size_t(p.o) * size_t(w.dim(1)) + size_t(p.c);
}

GradEntry weight_entry(const NetworkSession& s, int layer, const Pick& p, int terms) {
    const Tensor& x = level_tensor(s, layer);
    const Tensor& dy = s.model.output_grad(size_t(layer));
    if (is_conv(s, layer)) {
        const ConvBase& conv = static_cast<const ConvBase&>(s.model.layer(size_t(layer)));
        return conv2d_weight_grad_entry(x, dy, conv.options(), p.o, p.c, p.i, p.j, terms);
    }
    return linear_weight_grad_entry(x, dy, p.o, p.c, terms);
}

// "y", "2y", "y + 1", "2y − 1": the input row (or column) a tap reads, y*S + off.
std::string affine(char var, int S, int off) {
    char buf[32];
    const int n = S == 1 ? std::snprintf(buf, sizeof buf, "%c", var) : std::snprintf(buf, sizeof buf, "%d%c", S, var);
    if (off > 0) std::snprintf(buf + n, sizeof buf - size_t(n), "+%d", off);
    else if (off < 0) std::snprintf(buf + n, sizeof buf - size_t(n), "−%d", -off);
    return buf;
}

// The common power of ten of a grid of gradients, so small numbers still read as 2-digit ones.
int decade(const Tensor& t) {
    float m = 0.0f;
    for (size_t k = 0; k < t.numel(); ++k) m = ImMax(m, std::fabs(t[k]));
    return m > 0.0f ? int(std::floor(std::log10(double(m)))) : 0;
}

}  // namespace

void match_line(AppState& app, const char* fmt, double engine, double total) {
    char buf[160];
    std::snprintf(buf, sizeof buf, fmt, engine);
    const bool same = std::fabs(engine - total) <= 1e-5 + 1e-4 * std::fabs(engine);
    ImGui::TextColored(col4(same ? colors::kGood : colors::kError), "%s  %s", buf, app.tr(same ? "net.match" : "net.mismatch"));
}

// The terms list: the largest few, what the others add, the total.
void draw_terms(AppState& app, const GradEntry& e, bool conv, bool bias) {
    // One term per line, never wrapped (a broken number reads as two); compact enough for the column.
    mono(app, true);
    ImGui::PushTextWrapPos(-1.0f);
    for (const GradTerm& t : e.top) {
        if (bias && conv) ImGui::Text("(%d,%d) % .3e", t.y, t.x, double(t.dy));
        else if (conv && t.inside) ImGui::Text("(%d,%d) % .3e × % .3f = % .3e", t.y, t.x, double(t.dy), double(t.x_val), t.product());
        else if (conv) ImGui::TextDisabled("(%d,%d) % .3e × 0 (pad)", t.y, t.x, double(t.dy));
        else if (!bias) ImGui::Text("% .4e × % .4f = % .4e", double(t.dy), double(t.x_val), t.product());
    }
    ImGui::PopTextWrapPos();
    mono(app, false);
    char buf[200];
    if (e.count > int(e.top.size())) {
        std::snprintf(buf, sizeof buf, app.tr("net.grad_rest"), e.count - int(e.top.size()), e.sum - e.top_sum());
        widgets::muted_text_wrapped(buf);
    }
    mono(app, true);
    ImGui::Text("Σ = %+.6e", e.sum);
    mono(app, false);
}

namespace {

void upload(NetworkSession& s, DetailUi& ui, Host& host, int layer, const Pick& p) {
    const Tensor& g = *layer_param(s, layer, "weight")->grad;
    float lo, hi;
    bool div;
    map_colors(g, true, lo, hi, div);
    const int n = g.ndim() == 4 ? g.dim(1) : 1;
    while (int(ui.grad_images.size()) < n) ui.grad_images.push_back(host.image_create());
    for (int c = 0; c < n; ++c)
        host.image_update(ui.grad_images[size_t(c)], g, g.ndim() == 4 ? p.o * g.dim(1) + c : 0, Colormap::Diverging, lo, hi);
    ui.grad_uploaded = s.version;
    ui.grad_uploaded_layer = layer;
    ui.grad_uploaded_o = p.o;
}

void draw_conv_grad(NetworkSession& s, DetailUi& ui, AppState& app, int layer, const Pick& p) {
    const ConvBase& conv = static_cast<const ConvBase&>(s.model.layer(size_t(layer)));
    const ConvOptions& o = conv.options();
    const Tensor& g = conv.weight_grad();  // (OC, C/G, KH, KW)
    const int Cg = g.dim(1), KH = g.dim(2), KW = g.dim(3);
    const int ic = (p.o / (g.dim(0) / o.groups)) * Cg + p.c;  // the input channel the picked kernel reads
    char buf[256];
    float lo, hi;
    bool div;
    map_colors(g, true, lo, hi, div);
    std::snprintf(buf, sizeof buf, app.tr("net.grad_kernels"), p.o, Cg, KH, KW);
    widgets::text_wrapped((std::string(buf) + "  " + range_text(lo, hi)).c_str());
    // One small map per input channel, in one row when the column allows; a click picks the channel
    // and the tap.
    const float gap = em() * 0.35f;
    const float fit = (ImGui::GetContentRegionAvail().x - gap * float(Cg - 1)) / float(Cg) - 2.0f;
    const float side = ImClamp(ImMin(fit, em() * 4.0f), ImMax(float(ImMax(KH, KW)) * 4.0f, em() * 1.6f), em() * 5.0f);
    for (int c = 0; c < Cg; ++c) {
        if (c) widgets::flow_same_line(side, gap);
        ImGui::PushID(c);
        int r = 0, q = 0;
        if (matrix_picture(*app.host, ui.grad_images[size_t(c)], ImVec2(side, side), KH, KW, c == p.c ? p.i : -1, p.j, r, q)) {
            ui.grad_c = c;
            ui.grad_i = r;
            ui.grad_j = q;
        }
        ImGui::PopID();
    }
    // The picked kernel as numbers, in units of a common power of ten.
    Pick sel = pick(s, ui, layer);
    if (KH * KW <= 49) {
        const int k10 = decade(g);
        std::vector<float> v(size_t(KH * KW));
        const float scale = float(std::pow(10.0, -k10));
        for (size_t k = 0; k < v.size(); ++k) v[k] = g[flat_index(g, Pick{sel.o, sel.c, 0, 0}) + k] * scale;
        std::snprintf(buf, sizeof buf, app.tr("net.grad_grid"), sel.o, sel.c, k10);
        number_grid(app, buf, v, {}, KH, KW, sel.i * KW + sel.j);
    }
    if (Cg > 1) {
        int c = sel.c;
        if (widgets::slider_int("gc", &c, 0, Cg - 1, app.tr("net.in_channel_fmt"), 0, em() * 13.0f)) ui.grad_c = c;
        ImGui::SameLine();
    }
    int ij[2] = {sel.i, sel.j};
    ImGui::SetNextItemWidth(em() * 3.5f);
    if (ImGui::SliderInt("##gi", &ij[0], 0, KH - 1, "i %d", ImGuiSliderFlags_AlwaysClamp)) ui.grad_i = ij[0];
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em() * 3.5f);
    if (ImGui::SliderInt("##gj", &ij[1], 0, KW - 1, "j %d", ImGuiSliderFlags_AlwaysClamp)) ui.grad_j = ij[1];
    sel = pick(s, ui, layer);
    // The entry as its sum over output positions.
    ImGui::Spacing();
    const GradEntry e = weight_entry(s, layer, sel, kTermsShown);
    const std::string ry = affine('y', o.stride[0], sel.i * o.dilation[0] - o.padding[0]);
    const std::string rx = affine('x', o.stride[1], sel.j * o.dilation[1] - o.padding[1]);
    const Tensor& dy = s.model.output_grad(size_t(layer));
    std::snprintf(buf, sizeof buf, app.tr("net.grad_conv_entry"), sel.o, sel.c, sel.i, sel.j, dy.dim(2), dy.dim(3), sel.o,
                  ic, ry.c_str(), rx.c_str());
    widgets::text_wrapped(buf);
    widgets::muted_text_wrapped(app.tr("net.grad_terms_head"));
    draw_terms(app, e, true, false);
    match_line(app, app.tr("net.grad_engine"), double(g[flat_index(g, sel)]), e.sum);
    if (o.bias) {
        ImGui::Spacing();
        const GradEntry b = bias_grad_entry(dy, sel.o, 0);
        std::snprintf(buf, sizeof buf, app.tr("net.grad_conv_bias"), sel.o, sel.o, dy.dim(2), dy.dim(3), b.sum);
        widgets::text_wrapped(buf);
        match_line(app, app.tr("net.grad_engine"), double(conv.bias_grad()[size_t(sel.o)]), b.sum);
        // A BatchNorm in train mode subtracts each channel's batch mean, so a constant added before it
        // cancels: the bias learns nothing.
        const bool bn_next = layer + 1 < int(s.model.size()) && std::string(s.model.layer(size_t(layer + 1)).type()) == "BatchNorm2d";
        if (bn_next && s.mode == Mode::Train) {
            std::snprintf(buf, sizeof buf, app.tr("net.bias_before_bn"), layer + 1, double(conv.bias_grad()[size_t(sel.o)]));
            widgets::muted_text_wrapped(buf);
        }
    }
}

void draw_linear_grad(NetworkSession& s, DetailUi& ui, AppState& app, int layer, const Pick& p) {
    const Tensor& g = *layer_param(s, layer, "weight")->grad;  // (OUT, IN)
    const int OUT = g.dim(0), IN = g.dim(1);
    char buf[256];
    float lo, hi;
    bool div;
    map_colors(g, true, lo, hi, div);
    std::snprintf(buf, sizeof buf, app.tr("net.grad_linear"), OUT, IN);
    widgets::text_wrapped((std::string(buf) + "  " + range_text(lo, hi)).c_str());
    int r = 0, q = 0;
    const ImVec2 size = matrix_picture_size(OUT, IN, ImGui::GetContentRegionAvail().x);
    if (matrix_picture(*app.host, ui.grad_images[0], size, OUT, IN, p.o, p.c, r, q)) {
        ui.grad_o = r;
        ui.grad_c = q;
    }
    int oi[2] = {p.o, p.c};
    ImGui::SetNextItemWidth(em() * 4.5f);
    if (ImGui::SliderInt("##go", &oi[0], 0, OUT - 1, "o %d", ImGuiSliderFlags_AlwaysClamp)) ui.grad_o = oi[0];
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em() * 7.0f);
    if (ImGui::SliderInt("##gi", &oi[1], 0, IN - 1, "i %d", ImGuiSliderFlags_AlwaysClamp)) ui.grad_c = oi[1];
    const Pick sel = pick(s, ui, layer);
    const GradEntry e = weight_entry(s, layer, sel, kTermsShown);
    std::snprintf(buf, sizeof buf, app.tr("net.grad_linear_entry"), sel.o, sel.c, sel.o, sel.c);
    widgets::text_wrapped(buf);
    draw_terms(app, e, false, false);
    match_line(app, app.tr("net.grad_engine"), double(g[flat_index(g, sel)]), e.sum);
    if (const ParamRef* b = layer_param(s, layer, "bias")) {
        const GradEntry be = bias_grad_entry(s.model.output_grad(size_t(layer)), sel.o, 0);
        std::snprintf(buf, sizeof buf, app.tr("net.grad_linear_bias"), sel.o, sel.o, be.sum);
        widgets::text_wrapped(buf);
        match_line(app, app.tr("net.grad_engine"), double((*b->grad)[size_t(sel.o)]), be.sum);
    }
}

}  // namespace

bool has_weight_grad_view(const NetworkSession& s, int layer) {
    if (!s.ready || !s.stepper.trainable() || layer < 0 || layer >= int(s.model.size())) return false;
    const std::string type = s.model.layer(size_t(layer)).type();
    if (type != "Conv2d" && type != "Linear") return false;
    const ParamRef* w = layer_param(s, layer, "weight");
    return w && w->grad && !w->grad->empty() && level_tensor(s, layer).ndim() == (type == "Conv2d" ? 4 : 2);
}

DetailKind detail_kind(const NetworkSession& s, int layer) {
    if (!s.ready || layer < 0 || layer >= int(s.model.size())) return DetailKind::NotYet;
    const StepPosition pos = s.stepper.position();
    if (pos.phase == Phase::Update && pos.layer == layer) return DetailKind::Update;
    // Backward runs from the last layer down: layer's dL/dW exists once the step has reached it.
    const bool grad_known = (pos.phase == Phase::Backward && layer >= pos.layer) || pos.phase == Phase::Update;
    if (grad_known && has_weight_grad_view(s, layer)) return DetailKind::WeightGrad;
    return level_computed(s, layer + 1) ? DetailKind::Forward : DetailKind::NotYet;
}

ImVec2 matrix_picture_size(int rows, int cols, float width) {
    // Wide matrices (10 x 392) keep the full width and get a readable height, tall ones the reverse.
    const float h = ImClamp(width * float(rows) / float(ImMax(cols, 1)), em() * 3.0f, em() * 9.0f);
    const float w = rows > cols ? ImMin(width, h * float(cols) / float(rows)) : width;
    return ImVec2(ImMax(w, 1.0f), h);
}

bool matrix_picture(Host& host, int image, ImVec2 size, int rows, int cols, int sel_r, int sel_c, int& click_r,
                    int& click_c) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Image(host.image_texture(image), size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool hovered = ImGui::IsItemHovered();
    dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + size.x + 1, p.y + size.y + 1), col32(sel_r >= 0 ? colors::kAccent : colors::kGridLine),
                0.0f, 0, sel_r >= 0 ? 2.0f : 1.0f);
    const float cw = size.x / float(cols), ch = size.y / float(rows);
    if (sel_r >= 0 && sel_c >= 0) {  // at least 3 px so one column of a 392-wide matrix still shows
        const float cx = p.x + (float(sel_c) + 0.5f) * cw, cy = p.y + (float(sel_r) + 0.5f) * ch;
        const float hw = ImMax(cw * 0.5f, 1.5f), hh = ImMax(ch * 0.5f, 1.5f);
        dl->AddRect(ImVec2(cx - hw - 1, cy - hh - 1), ImVec2(cx + hw + 1, cy + hh + 1), col32(colors::kStamp), 0.0f, 0, 2.0f);
    }
    if (!hovered) return false;
    const ImVec2 m = ImGui::GetIO().MousePos;
    click_r = ImClamp(int((m.y - p.y) / ch), 0, rows - 1);
    click_c = ImClamp(int((m.x - p.x) / cw), 0, cols - 1);
    return ImGui::IsMouseClicked(0);
}

void draw_weight_grad(NetworkSession& s, DetailUi& ui, AppState& app, int layer) {
    if (!has_weight_grad_view(s, layer)) return;
    const Pick p = pick(s, ui, layer);
    if (ui.grad_uploaded != s.version || ui.grad_uploaded_layer != layer || ui.grad_uploaded_o != p.o)
        upload(s, ui, *app.host, layer, p);
    ImGui::TextDisabled("%s", app.tr("net.grad_title"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("net.grad_intro"));
    if (is_conv(s, layer)) draw_conv_grad(s, ui, app, layer, p);
    else draw_linear_grad(s, ui, app, layer, p);
}

size_t picked_weight_index(const NetworkSession& s, const DetailUi& ui, int layer) {
    const ParamRef* w = layer_param(s, layer, "weight");
    return w ? flat_index(*w->value, pick(s, ui, layer)) : 0;
}

Json detail_report(const NetworkSession& s, const DetailUi& ui, int layer) {
    Json r = Json::object();
    const DetailKind kind = detail_kind(s, layer);
    const char* names[4] = {"not_yet", "forward", "weight_grad", "update"};
    r.set("kind", Json::string(names[int(kind)]));
    r.set("layer", Json::number(layer));
    if (kind == DetailKind::NotYet) return r;
    r.set("layer_type", Json::string(s.model.layer(size_t(layer)).type()));
    const std::string type = s.model.layer(size_t(layer)).type();
    if (kind == DetailKind::Forward && type == "BatchNorm2d") r.set("fold", bn_fold_report(bn_fold_view(s, layer), ui.channel));
    if (kind == DetailKind::Forward && (type == "Dropout" || type == "Dropout2d")) {
        const Dropout& d = static_cast<const Dropout&>(s.model.layer(size_t(layer)));
        Json dj = Json::object();
        int kept = 0;
        for (size_t i = 0; i < d.mask().numel(); ++i) kept += d.mask()[i] != 0.0f;
        dj.set("dropping", Json::boolean(d.last_forward_dropped()));
        dj.set("kept", Json::number(d.last_forward_dropped() ? kept : 0));
        dj.set("mask_size", Json::number(d.last_forward_dropped() ? double(d.mask().numel()) : 0.0));
        dj.set("scale", Json::number(double(d.scale())));
        r.set("dropout", dj);
    }
    if (kind == DetailKind::Forward && (type == "MaxPool2d" || type == "AvgPool2d")) {
        PoolSwapCompare c;
        Json sj = Json::object();
        if (compare_pool_swap(s.model, s.desc, layer, c)) {
            sj.set("pool_out", Json::string(shape_str(c.pool.out_shape)));
            sj.set("conv_out", Json::string(shape_str(c.conv.out_shape)));
            sj.set("conv_params", Json::number(double(c.conv.params)));
            sj.set("conv_macs", Json::number(double(c.conv.macs)));
            sj.set("params_before", Json::number(double(c.params_before)));
            sj.set("params_after", Json::number(double(c.params_after)));
        }
        r.set("swap", sj);
    }
    const Tensor& lx = level_tensor(s, layer);
    const ParamRef* lw = layer_param(s, layer, "weight");
    if (kind == DetailKind::Forward && type == "Linear" && lw && lx.ndim() == 2) {
        const int o = ImClamp(ui.channel, 0, lw->value->dim(0) - 1);
        const GradEntry e = linear_output_entry(lx, *lw->value, 0, o, kTermsShown);
        const ParamRef* lb = layer_param(s, layer, "bias");
        Json lj = Json::object();
        lj.set("out", Json::number(o));
        lj.set("terms_count", Json::number(e.count));
        lj.set("terms_sum", Json::number(e.sum));
        lj.set("bias", Json::number(lb ? double((*lb->value)[size_t(o)]) : 0.0));
        lj.set("output", Json::number(double(s.model.output(size_t(layer))[size_t(o)])));
        r.set("linear", lj);
    }
    if (has_weight_grad_view(s, layer) && (kind == DetailKind::WeightGrad || kind == DetailKind::Update)) {
        const Pick p = pick(s, ui, layer);
        const bool conv = is_conv(s, layer);
        const GradEntry e = weight_entry(s, layer, p, kTermsShown);
        const Tensor& g = *layer_param(s, layer, "weight")->grad;
        Json entry = Json::array();
        for (int v : conv ? std::vector<int>{p.o, p.c, p.i, p.j} : std::vector<int>{p.o, p.c}) entry.push(Json::number(v));
        r.set("out_channel", Json::number(p.o));
        r.set("entry", entry);
        r.set("value", Json::number(double(g[flat_index(g, p)])));  // the engine's dL/dW entry
        r.set("terms_sum", Json::number(e.sum));                     // the total the view shows
        r.set("terms_count", Json::number(e.count));
        Json terms = Json::array();
        for (const GradTerm& t : e.top) {
            Json tj = Json::object();
            tj.set("y", Json::number(t.y));
            tj.set("x", Json::number(t.x));
            tj.set("dy", Json::number(double(t.dy)));
            tj.set("x_val", Json::number(double(t.x_val)));
            terms.push(tj);
        }
        r.set("terms", terms);
        if (const ParamRef* b = layer_param(s, layer, "bias")) {
            r.set("bias_value", Json::number(double((*b->grad)[size_t(p.o)])));
            r.set("bias_terms_sum", Json::number(bias_grad_entry(s.model.output_grad(size_t(layer)), p.o, 0).sum));
        }
    }
    if (kind == DetailKind::Update && s.stepper.update_applied()) {
        // Every parameter of the layer: the ranges the three pictures show and the picked entry.
        const std::string prefix = std::to_string(layer) + ".";
        const std::vector<ParamRef>& all = s.model.params();
        Json params = Json::array();
        for (size_t k = 0; k < all.size(); ++k) {
            if (all[k].name.compare(0, prefix.size(), prefix) != 0) continue;
            const Tensor& before = s.stepper.param_before(k);
            const Tensor& after = *all[k].value;
            float lo[3] = {before[0], after[0], after[0] - before[0]}, hi[3] = {lo[0], lo[1], lo[2]};
            for (size_t q = 0; q < after.numel(); ++q) {
                const float v[3] = {before[q], after[q], after[q] - before[q]};
                for (int t = 0; t < 3; ++t) { lo[t] = ImMin(lo[t], v[t]); hi[t] = ImMax(hi[t], v[t]); }
            }
            Json pj = Json::object();
            pj.set("name", Json::string(all[k].name));
            Json shape = Json::array();
            for (int d : after.shape()) shape.push(Json::number(d));
            pj.set("shape", shape);
            const char* keys[3] = {"before_range", "after_range", "delta_range"};
            for (int t = 0; t < 3; ++t) {
                Json a = Json::array();
                a.push(Json::number(double(lo[t])));
                a.push(Json::number(double(hi[t])));
                pj.set(keys[t], a);
            }
            const bool weight = all[k].name == prefix + "weight";
            const size_t at = weight ? picked_weight_index(s, ui, layer) : 0;
            pj.set("index", Json::number(double(at)));
            pj.set("before", Json::number(double(before[at])));
            pj.set("after", Json::number(double(after[at])));
            pj.set("delta", Json::number(double(after[at] - before[at])));
            pj.set("grad", Json::number(double((*all[k].grad)[at])));
            params.push(pj);
        }
        r.set("params", params);
        r.set("lr", Json::number(double(s.opt.lr)));
        r.set("optimizer", Json::string(s.opt.name + (s.opt.momentum > 0.0f ? "+momentum" : "")));
    }
    return r;
}

}  // namespace ll::app

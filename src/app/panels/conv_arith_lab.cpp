// Conv arithmetic lab: sliders for a Conv2d (or ConvTranspose2d) on a C x H x H input, the output
// size with its formula filled in, parameters and multiply-adds (all from the engine, see
// conv_arith_model.cpp), the sliding-window animation, stacked 3x3 against one big kernel, and a
// live preview of the layer on a test picture (feature maps through the host's colormap shader).
// URL / storage keys: h c o k s p d g op b t (the layer), n sc (the stacked comparison).
#include <cmath>

#include "app/app_state.h"
#include "app/panels/conv_arith.h"
#include "app/widgets/layout.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

struct ConvArithLab final : Lab {
    ConvConfig cfg;
    int stack_layers = 2;
    int stack_channels = 64;
    // Animation of the sliding window.
    bool playing = true;
    bool was_reduced = false;      // reduced motion, when it turns on, stops the animation; then the user decides
    float speed = 6.0f;     // window positions per second
    double anim = 0.0;      // fractional position
    int pos = 0;
    // When the window takes its next position (steady-clock seconds): frames are asked for then, not
    // at every one (the picture changes `speed` times a second; drawing it 60 times on a browser that
    // draws on the CPU would take both cores).
    double next_move_at = 0.0;

    // Derived state, rebuilt when the inputs change.
    ConvConfig numbers_cfg;
    bool have_numbers = false;
    ConvNumbers numbers;
    StackCompare stack;
    ConvPreview preview;

    void refresh() {
        if (!have_numbers || numbers_cfg != cfg) {
            numbers = conv_numbers(cfg);
            numbers_cfg = cfg;
            have_numbers = true;
        }
        if (stack.layers != stack_layers || stack.channels != stack_channels || (!stack.ok && stack.error.empty()))
            stack = stack_compare(stack_layers, stack_channels);
    }

    void compute(AppState&, double) override { refresh(); }
    bool wants_frames() const override { return playing && widgets::steady_seconds() >= next_move_at; }

    void save_params(Params& p) const override {
        p.set_int("h", cfg.size);
        p.set_int("c", cfg.in_ch);
        p.set_int("o", cfg.out_ch);
        p.set_int("k", cfg.kernel);
        p.set_int("s", cfg.stride);
        p.set_int("p", cfg.pad);
        p.set_int("d", cfg.dilation);
        p.set_int("g", cfg.groups);
        p.set_bool("b", cfg.bias);
        p.set_bool("t", cfg.transposed);
        if (cfg.transposed) p.set_int("op", cfg.out_pad);
        p.set_int("n", stack_layers);
        p.set_int("sc", stack_channels);
    }

    void load_params(const Params& p) override {
        p.get_int("h", cfg.size, 1, 64);
        p.get_int("c", cfg.in_ch, 1, 64);
        p.get_int("o", cfg.out_ch, 1, 64);
        p.get_int("k", cfg.kernel, 1, 11);
        p.get_int("s", cfg.stride, 1, 6);
        p.get_int("p", cfg.pad, 0, 10);
        p.get_int("d", cfg.dilation, 1, 6);
        p.get_int("g", cfg.groups, 1, 64);
        p.get_int("op", cfg.out_pad, 0, 5);
        p.get_bool("b", cfg.bias);
        p.get_bool("t", cfg.transposed);
        p.get_int("n", stack_layers, 1, 4);
        p.get_int("sc", stack_channels, 1, 128);
        refresh();
    }

    Json report() const override {
        const ConvNumbers& n = numbers;
        Json r = Json::object();
        r.set("ok", Json::boolean(n.ok));
        r.set("error", n.ok ? Json() : Json::string(n.error));
        r.set("type", Json::string(cfg.transposed ? "ConvTranspose2d" : "Conv2d"));
        Json in = Json::array();
        for (int v : {cfg.in_ch, cfg.size, cfg.size}) in.push(Json::number(v));
        r.set("input", in);
        if (n.ok) {
            Json out = Json::array();
            for (int v : {n.out_c, n.out_h, n.out_w}) out.push(Json::number(v));
            r.set("output", out);
            r.set("output_size", Json::number(n.out_h));
            r.set("params", Json::number(double(n.params)));
            r.set("macs", Json::number(double(n.macs)));
            r.set("receptive_field", Json::number(n.receptive));
            r.set("output_formula", Json::string(output_formula(cfg, n)));
            r.set("params_formula", Json::string(params_formula(cfg, n)));
            r.set("macs_formula", Json::string(macs_formula(cfg, n)));
        } else {
            r.set("output", Json());
            r.set("output_size", Json());
            r.set("params", Json());
            r.set("macs", Json());
        }
        r.set("positions", Json::number(window_positions(cfg, n)));
        r.set("position", Json::number(pos));
        Json st = Json::object();
        st.set("layers", Json::number(stack.layers));
        st.set("channels", Json::number(stack.channels));
        st.set("rf_stack", Json::number(stack.rf_stack));
        st.set("rf_single", Json::number(stack.rf_single));
        st.set("params_stack", Json::number(double(stack.params_stack)));
        st.set("params_single", Json::number(double(stack.params_single)));
        r.set("stack", st);
        return r;
    }

    void draw(AppState& app) override;
    void draw_controls(AppState& app);
    void draw_results(AppState& app);
    void draw_window(AppState& app);
    void draw_stack(AppState& app);
};

float label_width(const AppState& app, std::initializer_list<const char*> keys) {
    float w = 0.0f;
    for (const char* k : keys) w = ImMax(w, ImGui::CalcTextSize(app.tr(k)).x);
    return w + em() * 1.0f;
}

void ConvArithLab::draw_controls(AppState& app) {
    const float lw = label_width(app, {"conv.size", "conv.in_ch", "conv.out_ch", "conv.kernel", "conv.stride",
                                       "conv.padding", "conv.dilation", "conv.groups", "conv.out_pad"});
    widgets::heading(app, app.tr("conv.title"));
    widgets::muted_text_wrapped(app.tr("conv.subtitle"));
    ImGui::Spacing();

    widgets::Card card = widgets::begin_card("input");
    ImGui::TextDisabled("%s", app.tr("conv.input"));
    widgets::slider_row(app.tr("conv.size"), "h", &cfg.size, 1, 64, lw);
    widgets::slider_row(app.tr("conv.in_ch"), "c", &cfg.in_ch, 1, 64, lw);
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("layer");
    ImGui::TextDisabled("%s", app.tr("conv.layer"));
    widgets::slider_row(app.tr("conv.out_ch"), "o", &cfg.out_ch, 1, 64, lw);
    widgets::slider_row(app.tr("conv.kernel"), "k", &cfg.kernel, 1, 11, lw);
    widgets::slider_row(app.tr("conv.stride"), "s", &cfg.stride, 1, 6, lw);
    widgets::slider_row(app.tr("conv.padding"), "p", &cfg.pad, 0, 10, lw);
    widgets::slider_row(app.tr("conv.dilation"), "d", &cfg.dilation, 1, 6, lw, app.tr("conv.dilation_help"));
    widgets::slider_row(app.tr("conv.groups"), "g", &cfg.groups, 1, 64, lw, app.tr("conv.groups_help"));
    if (cfg.transposed) widgets::slider_row(app.tr("conv.out_pad"), "op", &cfg.out_pad, 0, 5, lw);
    ImGui::Checkbox(app.label("conv.bias"), &cfg.bias);
    const float box = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    widgets::flow_same_line(box + ImGui::CalcTextSize(app.tr("conv.transposed")).x, em() * 1.5f);
    ImGui::Checkbox(app.label("conv.transposed"), &cfg.transposed);
    ImGui::Spacing();
    const bool same_possible = (cfg.dilation * (cfg.kernel - 1)) % 2 == 0;
    ImGui::BeginDisabled(!same_possible);
    if (ImGui::Button(app.label("conv.same"))) {
        cfg.pad = cfg.dilation * (cfg.kernel - 1) / 2;
        cfg.stride = 1;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    widgets::help_marker(app.tr("conv.same_help"));
    if (ImGui::Button(app.label("conv.example"))) {
        cfg = ConvConfig();
        anim = 0.0;
    }
    widgets::end_card(card);
    ImGui::Spacing();

    card = widgets::begin_card("notation");
    ImGui::TextDisabled("%s", app.tr("conv.notation"));
    const char* rows[][2] = {{"H, W", "conv.n_hw"}, {"C, C_out", "conv.n_c"}, {"K", "conv.n_k"}, {"S", "conv.n_s"},
                             {"P", "conv.n_p"},     {"D", "conv.n_d"},        {"G", "conv.n_g"}, {"OH, OW", "conv.n_o"}};
    const float sym_w = em() * 5.2f;
    for (const auto& r : rows) {
        const float x0 = ImGui::GetCursorScreenPos().x;
        if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
        ImGui::TextColored(col4(colors::kAccent), "%s", r[0]);
        if (app.fonts.mono) ImGui::PopFont();
        ImGui::SameLine(0.0f, 0.0f);
        ImGui::SetCursorScreenPos(ImVec2(x0 + sym_w, ImGui::GetCursorScreenPos().y));
        widgets::muted_text_wrapped(app.tr(r[1]));
    }
    widgets::end_card(card);
}

void ConvArithLab::draw_results(AppState& app) {
    const ConvNumbers& n = numbers;
    widgets::Card card = widgets::begin_card("output");
    ImGui::TextDisabled("%s", app.tr("conv.output_shape"));
    ImGui::SameLine();
    widgets::help_marker(app.tr(cfg.transposed ? "conv.transposed_help" : "conv.output_help"));
    if (!n.ok) {
        widgets::error_text_wrapped(app.tr("conv.engine_error"));
        widgets::engine_error(app, n.error);
        widgets::end_card(card);
        return;
    }
    char buf[512];
    std::snprintf(buf, sizeof buf, "%d×%d×%d  →  %d×%d×%d", cfg.in_ch, cfg.size, cfg.size, n.out_c, n.out_h, n.out_w);
    widgets::heading(app, buf);
    ImGui::TextDisabled("%s:  %s", app.tr("conv.output_size"), output_formula_symbols(cfg).c_str());
    const std::string f = output_formula(cfg, n);
    if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
    ImGui::TextUnformatted(f.empty() ? std::to_string(n.out_h).c_str() : f.c_str());
    if (app.fonts.mono) ImGui::PopFont();
    if (cfg.dilation > 1) {
        std::snprintf(buf, sizeof buf, app.tr("conv.effective_kernel"), cfg.dilation * (cfg.kernel - 1) + 1);
        widgets::muted_text_wrapped(buf);
    }
    if (output_rounds_down(cfg)) widgets::muted_text_wrapped(app.tr("conv.rounded_down"));
    widgets::end_card(card);
    ImGui::Spacing();

    // Parameters and multiply-adds side by side.
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    struct Stat { const char* title; const char* help; int64_t value; const char* symbols; std::string numbers; };
    const Stat stats[2] = {
        {"conv.params", cfg.transposed ? "conv.params_help_t" : "conv.params_help", n.params,
         cfg.transposed ? (cfg.bias ? "C_in × C_out/G × K × K + C_out" : "C_in × C_out/G × K × K")
                        : (cfg.bias ? "C_out × C_in/G × K × K + C_out" : "C_out × C_in/G × K × K"),
         params_formula(cfg, n)},
        {"conv.macs", cfg.transposed ? "conv.macs_help_t" : "conv.macs_help", n.macs,
         cfg.transposed ? "C_in × H × W × C_out/G × K × K" : "C_out × OH × OW × C_in/G × K × K", macs_formula(cfg, n)},
    };
    for (int i = 0; i < 2; ++i) {
        if (i == 1) ImGui::SameLine();
        ImGui::BeginGroup();
        card = widgets::begin_card(stats[i].title, half);
        ImGui::TextDisabled("%s", app.tr(stats[i].title));
        ImGui::SameLine();
        widgets::help_marker(app.tr(stats[i].help));
        widgets::heading(app, widgets::thousands(stats[i].value).c_str());
        ImGui::TextDisabled("%s", stats[i].symbols);
        if (app.fonts.mono) ImGui::PushFont(app.fonts.mono);
        widgets::text_wrapped(stats[i].numbers.c_str());
        if (app.fonts.mono) ImGui::PopFont();
        widgets::end_card(card);
        ImGui::EndGroup();
    }
}

void ConvArithLab::draw_window(AppState& app) {
    const int count = window_positions(cfg, numbers);
    if (playing) anim += double(ImGui::GetIO().DeltaTime) * double(speed);
    if (anim >= double(count)) anim = std::fmod(anim, double(count));
    pos = ImClamp(int(anim), 0, count - 1);
    if (playing && speed > 0.0f) next_move_at = widgets::steady_seconds() + (std::floor(anim) + 1.0 - anim) / double(speed);

    widgets::Card card = widgets::begin_card("window");
    ImGui::TextDisabled("%s", app.tr("conv.window"));
    const char* play_label = playing ? app.tr("conv.pause") : app.tr("conv.play");
    char buf[512];
    std::snprintf(buf, sizeof buf, "%s###play", play_label);
    const float play_w = ImMax(ImGui::CalcTextSize(app.tr("conv.pause")).x, ImGui::CalcTextSize(app.tr("conv.play")).x) +
                         ImGui::GetStyle().FramePadding.x * 2.0f;
    if (ImGui::Button(buf, ImVec2(play_w, 0.0f))) playing = !playing;
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(app.tr("conv.position"));
    ImGui::SameLine();
    int shown = pos;
    ImGui::BeginDisabled(count <= 1);
    const bool moved = widgets::slider_int("pos", &shown, 0, ImMax(count - 1, 1), "%d", 0,
                                           ImGui::GetContentRegionAvail().x * 0.55f);
    ImGui::EndDisabled();
    if (moved) {
        anim = double(shown) + 0.5;
        pos = shown;
        playing = false;
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(app.tr("conv.speed"));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x);
    std::snprintf(buf, sizeof buf, app.tr("conv.steps_per_s"), double(speed));
    ImGui::SliderFloat("##speed", &speed, 1.0f, 30.0f, buf, ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
    ImGui::Spacing();
    draw_sliding_window(cfg, numbers, pos, app.lang);
    widgets::muted_text_wrapped(app.tr("conv.one_channel"));
    widgets::end_card(card);
}

void ConvArithLab::draw_stack(AppState& app) {
    widgets::Card card = widgets::begin_card("stack");
    ImGui::TextDisabled("%s", app.tr("conv.stack"));
    ImGui::SameLine();
    widgets::help_marker(app.tr("conv.stack_help"));
    const float lw = label_width(app, {"conv.stack_layers", "conv.stack_channels"});
    const float half = (ImGui::GetContentRegionAvail().x - em()) * 0.5f;
    ImGui::BeginGroup();
    ImGui::PushItemWidth(half);
    widgets::row_label(app.tr("conv.stack_layers"), lw);
    widgets::slider_int("n", &stack_layers, 1, 4, "%d", 0, half - lw);
    ImGui::SameLine(0.0f, em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(app.tr("conv.stack_channels"));
    ImGui::SameLine();
    widgets::slider_int("sc", &stack_channels, 1, 128);
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    refresh();
    ImGui::Spacing();
    draw_stack_compare(stack, app.lang);
    widgets::end_card(card);
}

void ConvArithLab::draw(AppState& app) {
    if (app.reduced_motion && !was_reduced) playing = false;
    was_reduced = app.reduced_motion;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float left = ImClamp(avail * 0.32f, em() * 19.0f, em() * 25.0f);
    const bool stacked = !widgets::columns_fit(avail, {em() * 19.0f, em() * 24.0f}, em());
    if (widgets::begin_controls_column(app, left, stacked)) draw_controls(app);
    widgets::end_controls_column(stacked);
    widgets::next_column(stacked, em());
    refresh();  // the sliders may have moved
    widgets::begin_column("##results", 0.0f, stacked);
    ImGui::PushTextWrapPos(0.0f);
    draw_results(app);
    ImGui::Spacing();
    draw_window(app);
    if (numbers.ok) ImGui::Spacing();
    draw_conv_preview(preview, cfg, numbers, app);
    ImGui::Spacing();
    draw_stack(app);
    ImGui::PopTextWrapPos();
    widgets::end_column(stacked);
}

}  // namespace

LabPtr make_conv_arith_lab() {
    auto lab = std::make_unique<ConvArithLab>();
    lab->refresh();
    return lab;
}

}  // namespace ll::app

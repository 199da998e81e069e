// Conv arithmetic lab: the layer run on a test picture. A one-layer ll::Model with random weights
// (fixed seed) takes a C x H x H picture (a disc, a bar and a gentle ramp); channel 0 of the input and
// of the output are drawn at the same pixel size through Host images (src/platform/gl_textures.*),
// so stride, padding and dilation show up as changes of size and border.
#include <cmath>
#include <cstdio>

#include "app/app_state.h"
#include "app/panels/conv_arith.h"
#include "app/widgets/widgets.h"

namespace ll::app {

namespace {

// (1, C, H, H) test picture: values in [0, 1.2].
Tensor test_picture(int channels, int size) {
    Tensor x({1, channels, size, size});
    for (int ch = 0; ch < channels; ++ch) {
        const float gain = 1.0f - 0.25f * float(ch % 3);
        for (int y = 0; y < size; ++y) {
            for (int xx = 0; xx < size; ++xx) {
                const float u = (float(xx) + 0.5f) / float(size), v = (float(y) + 0.5f) / float(size);
                const float du = u - 0.36f, dv = v - 0.42f;
                float val = (du * du + dv * dv < 0.22f * 0.22f) ? 1.0f : 0.0f;
                if (std::fabs(u - 0.75f) < 0.08f && v > 0.18f && v < 0.86f) val = 0.7f;
                val += 0.2f * v;
                x[(size_t(ch) * size + size_t(y)) * size + size_t(xx)] = val * gain;
            }
        }
    }
    return x;
}

void rebuild(ConvPreview& p, const ConvConfig& c, const ConvNumbers& n, Host& host) {
    p.built = true;
    p.cfg = c;
    p.shown = false;
    if (!n.ok || n.macs > kPreviewMaxMacs) return;
    Model m;
    if (!Model::from_json(conv_model_json(c), m)) return;
    Rng rng(7);
    m.init(rng);
    const Tensor x = test_picture(c.in_ch, c.size);
    const Tensor& y = m.forward(x, Mode::Eval);  // (1, C_out, OH, OW)
    if (p.image_in < 0) p.image_in = host.image_create();
    if (p.image_out < 0) p.image_out = host.image_create();
    float lo, hi;
    widgets::value_range(x, 0, lo, hi);
    host.image_update(p.image_in, x, 0, Colormap::Sequential, 0.0f, ImMax(hi, 1e-6f));
    widgets::value_range(y, 0, lo, hi);
    const float m_abs = ImMax(ImMax(std::fabs(lo), std::fabs(hi)), 1e-6f);
    host.image_update(p.image_out, y, 0, Colormap::Diverging, -m_abs, m_abs);
    p.shown = true;
}

}  // namespace

void draw_conv_preview(ConvPreview& p, const ConvConfig& c, const ConvNumbers& n, AppState& app) {
    if (!n.ok) return;  // the output card shows the engine's error
    if (!p.built || p.cfg != c) rebuild(p, c, n, *app.host);
    widgets::Card card = widgets::begin_card("preview");
    ImGui::TextDisabled("%s", app.tr("conv.preview"));
    ImGui::SameLine();
    widgets::help_marker(app.tr_maps("conv.preview_help"));
    if (!p.shown) {
        char buf[512];
        std::snprintf(buf, sizeof buf, app.tr("conv.preview_too_big"), widgets::thousands(kPreviewMaxMacs).c_str());
        widgets::muted_text_wrapped(buf);
        widgets::end_card(card);
        return;
    }
    int iw = 0, ih = 0, ow = 0, oh = 0;
    app.host->image_size(p.image_in, iw, ih);
    app.host->image_size(p.image_out, ow, oh);
    const float gap = em() * 2.0f;
    const float avail = ImGui::GetContentRegionAvail().x - gap;
    const float pixel = std::floor(ImClamp(ImMin(avail / float(ImMax(iw + ow, 1)), em() * 12.0f / float(ImMax(ImMax(ih, oh), 1))),
                                           1.0f, em() * 0.75f));
    char buf[512];
    ImGui::BeginGroup();
    std::snprintf(buf, sizeof buf, "%s  %d×%d", app.tr("conv.preview_input"), iw, ih);
    ImGui::TextDisabled("%s", buf);
    widgets::feature_map(*app.host, p.image_in, pixel);
    ImGui::EndGroup();
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginGroup();
    std::snprintf(buf, sizeof buf, "%s  %d×%d", app.tr("conv.preview_output"), ow, oh);
    ImGui::TextDisabled("%s", buf);
    widgets::feature_map(*app.host, p.image_out, pixel);
    ImGui::EndGroup();
    widgets::end_card(card);
}

}  // namespace ll::app

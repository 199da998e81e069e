// Conv arithmetic lab, shared between its files:
//   conv_arith_model.cpp  the numbers, from one-layer ll::Models (Model::from_json + Model::info())
//   conv_arith_draw.cpp   the pictures (ImDrawList): the sliding window, stacked 3x3 vs one big kernel
//   conv_arith_lab.cpp    the page: controls, results, persistence, automation report
// The app never redoes the engine's arithmetic: output sizes, parameter counts and multiply-adds
// come from the engine, and the formulas only spell out how those numbers arise.
#pragma once
#include <cstdint>
#include <string>

#include "app/i18n.h"
#include "engine/json.h"
#include "engine/model.h"

namespace ll::app {

struct AppState;

// One Conv2d / ConvTranspose2d on a C x H x H input (square, as the sliders are).
struct ConvConfig {
    int size = 32;        // H = W
    int in_ch = 3;        // C
    int out_ch = 10;      // C_out (filters)
    int kernel = 5;       // K
    int stride = 1;       // S
    int pad = 2;          // P
    int dilation = 1;     // D
    int groups = 1;       // G
    int out_pad = 0;      // output_padding (transposed only)
    bool bias = true;
    bool transposed = false;

    bool operator==(const ConvConfig& o) const;
    bool operator!=(const ConvConfig& o) const { return !(*this == o); }
};

// What the engine says about the layer.
struct ConvNumbers {
    bool ok = false;
    std::string error;    // the engine's message when the layer is impossible
    int out_c = 0, out_h = 0, out_w = 0;
    int64_t params = 0;
    int64_t macs = 0;     // per sample
    int receptive = 1;    // receptive field of one output pixel, in input pixels
};

Json conv_model_json(const ConvConfig& c);
ConvNumbers conv_numbers(const ConvConfig& c);  // builds the model; allocates its parameters

// The formulas filled in with the numbers, e.g. "(32 + 2×2 − 5)/1 + 1 = 32". Each returns "" when
// its arithmetic would not reproduce the engine's number (then only the number is shown).
std::string output_formula(const ConvConfig& c, const ConvNumbers& n);
std::string output_formula_symbols(const ConvConfig& c);  // "⌊(H + 2P − K)/S⌋ + 1"
std::string params_formula(const ConvConfig& c, const ConvNumbers& n);
std::string macs_formula(const ConvConfig& c, const ConvNumbers& n);
bool output_rounds_down(const ConvConfig& c);

// n stacked 3x3 convolutions (padding 1) against one (2n+1)x(2n+1), C -> C channels, no bias.
struct StackCompare {
    bool ok = false;
    std::string error;
    int layers = 2, channels = 64;
    int rf_stack = 0, rf_single = 0;    // receptive fields (Model::info().back().receptive)
    int64_t params_stack = 0, params_single = 0;
};
StackCompare stack_compare(int layers, int channels);

// ---- Preview on a test picture (conv_arith_preview.cpp) ----

// Pictures of channel 0 before and after the layer (random weights, seed fixed), rebuilt when the
// configuration changes and the layer is small enough to run inside a frame.
struct ConvPreview {
    int image_in = -1, image_out = -1;  // Host images, created on first use
    bool built = false;
    ConvConfig cfg;                     // what the pictures show
    bool shown = false;                 // false: too large or impossible
};
constexpr int64_t kPreviewMaxMacs = 8'000'000;
void draw_conv_preview(ConvPreview& p, const ConvConfig& c, const ConvNumbers& n, AppState& app);

// ---- Drawings (conv_arith_draw.cpp) ----

// Number of animation positions: output pixels (Conv2d) or input pixels (ConvTranspose2d).
int window_positions(const ConvConfig& c, const ConvNumbers& n);
// The padded input with the kernel window at position pos and the output grid with that pixel lit
// (or, transposed, the input pixel and its stamp on the uncropped output). Uses the full width.
void draw_sliding_window(const ConvConfig& c, const ConvNumbers& n, int pos, Lang lang);
// Receptive-field picture: n stacked 3x3 layers next to one (2n+1)x(2n+1) kernel.
void draw_stack_compare(const StackCompare& s, Lang lang);

}  // namespace ll::app

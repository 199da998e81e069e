// AppState: everything the app owns. The current lab and language, the labs themselves, what the
// Network lab reports to the automation API, and the requests panels (or the automation API) make.
// Panels never change shared state in the middle of drawing: they set a request, and app_frame()
// applies it before the next draw. The platform creates one AppState and hands it
// its Host (app.h).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/host.h"
#include "app/i18n.h"
#include "app/inputs.h"
#include "app/lessons.h"
#include "app/panels/lab.h"
#include "app/png_export.h"
#include "app/train_runs.h"
#include "app/train_sweep.h"

namespace ll::app {

enum class LabId {
#define LAB(id, name, title_key, factory) id,
#include "app/panels/labs.def"
#undef LAB
    Count
};
constexpr int kLabCount = int(LabId::Count);
constexpr LabId kDefaultLab = LabId::Network;

const char* lab_name(LabId lab);                       // "arithmetic"
bool parse_lab(const std::string& name, LabId& out);
const char* lab_title_key(LabId lab);                  // "tab.arithmetic"

// setInput({dataset, index}) of the automation API.
struct InputRequest {
    std::string dataset;
    int index = 0;
};

struct Requests {
    std::optional<LabId> set_lab;
    std::optional<Lang> set_lang;
    std::optional<float> set_ui_zoom;
    std::optional<bool> set_projector, set_reduced_motion, set_colorblind;
    std::optional<bool> fold_controls;  // every lab's controls column folded (true) or shown
    // For the Network lab (automation: loadPreset, setInput, step); it clears what it has applied.
    std::optional<std::string> load_preset;
    std::optional<InputRequest> set_input;
    int step = 0;
    // The Network lab writes its network to AppState::current_network (for a run of model "current").
    bool export_network = false;
    // The Training lab starts runs (its controls, an experiment or window.layerlab.train); the outcome of
    // the last lands in AppState::train_started / train_error.
    std::vector<TrainSettings> train_start;
    // The Network lab takes a trained network (a run's model and weights) and, when index >= 0, a test
    // image of source as its input (the Training lab's "open in the Network lab").
    struct OpenTrained {
        Json desc;
        std::string weights, name, source;
        int index = -1;
    };
    std::optional<OpenTrained> open_trained;
};

// What window.layerlab.state() says about the Network lab; the Network lab keeps it current.
struct NetworkReport {
    std::string preset;           // reference model name, "" before one is loaded
    int layer = 0;                // layer the stepper is at
    std::string phase = "forward";  // forward, loss, backward, update
    int64_t step = 0;             // steps taken
    std::string error;            // last error, "" when fine
    std::string missing_input;    // what the view asked for and this browser lacks ("upload #3")
    std::string missing_model;    // why the view's edited network could not be rebuilt
    std::string dataset;          // input chosen by setInput
    int input_index = 0;
    int prediction_class = -1;    // -1 before a forward pass
    std::string prediction_label;
    std::vector<float> prediction_probs;
    // What the stepper shows now, for the screen-reader narration: the layer's type and the tensor of
    // this phase (its output going forward, the gradient of its output going backward).
    std::string layer_type;
    std::vector<int> shape;
    float value_lo = 0.0f, value_hi = 0.0f;
};

// UI bookkeeping of the shell (app.cpp), not of any lab.
struct ShellState {
    int tab_visible = -1;          // lab whose tab ImGui showed last frame (tab changes lag a frame)
    bool show_about = false;
    std::string saved_state;       // last view state written to the URL and storage
    std::string saved_signature;   // its history keys (app.cpp): a change makes a new history entry
    bool controls_folded = false;  // the labs' controls columns fold to a strip (widgets/layout.h)
    double link_copied_at = -1.0;  // ImGui time of the last "Copy link" (a short confirmation)
    std::string copied_link;       // what it copied
    double saved_at = -1.0;        // ImGui time of that write
    std::string pending_state;     // newer state waiting for the write throttle
    // What the screen-reader narration last said (narration.cpp), so each change is said once.
    std::string narrated_lesson, narrated_network;
    int narrated_lang = -1;
};

// The fonts the platform loaded (body text, headings, numbers); all merged with Hangul.
struct UiFonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* mono = nullptr;
};

struct AppState {
    Host* host = nullptr;
    UiFonts fonts;
    InputLibrary inputs;           // the pictures every lab reads: test sets, photographs, uploads, the drawing
    LabId lab = kDefaultLab;
    Lang lang = Lang::En;
    float ui_zoom = 1.0f;          // text size factor chosen in the View menu (the platform rebuilds fonts)
    bool projector = false;        // projector mode: high contrast and thicker lines (View menu)
    bool reduced_motion = false;   // no animation starts by itself; outlines do not pulse
    bool colorblind = false;       // signed maps purple-orange instead of blue-red (View menu)
    bool ready = false;            // true once frames are being drawn with fonts loaded
    int redraw = 4;                // frames still to draw after the last input or request
    int64_t frame = 0;
    double compute_budget_ms = 8.0;  // per frame, for the active lab's long jobs
    float frame_ms = 0.0f;         // smoothed frame time, shown in the menu bar
    float frame_cpu_ms = 0.0f;     // smoothed time to build a frame's UI (ImGui::NewFrame .. Render)
    float frame_gl_ms = 0.0f;      // smoothed time to submit it to GL (waits when the GPU is behind)

    Requests requests;
    NetworkReport network;
    TrainingRuns training;         // the Training lab's runs (train_runs.h)
    // Progress within an epoch is drawn at TrainingRuns::progress_interval: when the Training lab last
    // drew a frame (steady seconds), and whether an automation call took progress since then.
    double progress_drawn_at = 0.0;
    bool progress_undrawn = false;
    TrainSweep sweep;              // its bias-and-variance sweep (train_sweep.h)
    LessonPlayer lessons;          // the lesson open, if any (lessons.h)
    CurrentNetwork current_network;  // the Network lab's network, written on Requests::export_network
    int train_started = 0;         // the id of the run the last train_start request began (0: none)
    std::string train_error;       // or why it could not
    ShellState shell;
    PngExport png;                 // "Export PNG" (png_export.h)
    std::vector<LabPtr> labs;      // indexed by LabId

    const char* tr(const char* key) const { return ll::app::tr(lang, key); }
    // A text that names the signed maps' colours: its "<key>_cvd" twin while the palette is purple-orange.
    const char* tr_maps(const char* key) const;
    Label label(const char* key) const { return ll::app::label(lang, key); }
    Lab& lab_at(LabId id) { return *labs[size_t(id)]; }
};

}  // namespace ll::app

// Network lab, shared between its files:
//   network_lab.cpp      the lab: requests (automation), stepping, URL state, page layout
//   network_report.cpp   what the lab reports to the shell and to the automation API
//   network_session.cpp  the model, the input and the ll::Stepper; rebuilding from edited JSON
//   network_presets.cpp  the six presets (model JSON, weights: file, seeded init or set in code)
//   network_stack.cpp    the layer list (shape, params, MACs, receptive field) and the layer editor
//   network_maps.cpp     every layer's feature maps / gradients as pictures, receptive-field hover
//   network_fit.cpp      which network fits the input (switching to a preset trained on digits for a
//                        digit, with a notice), and "an example it gets wrong"
//   network_detail.cpp   the selected layer in detail: conv sums, pooling window, norm statistics,
//                        ReLU before/after, classifier probabilities, the optimizer's update
// The engine computes everything (forward, backward, update, receptive regions); these files only
// choose what to show and read the tensors the engine keeps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "app/host.h"
#include "app/i18n.h"
#include "engine/bn_fold.h"
#include "engine/grad_terms.h"
#include "engine/pool_swap.h"
#include "engine/json.h"
#include "engine/mistakes.h"
#include "engine/model.h"
#include "engine/optim.h"
#include "engine/receptive.h"
#include "engine/stepper.h"

namespace ll::app {

struct AppState;
class InputLibrary;

// ---- The lab's report (network_report.cpp) ----

struct NetworkReport;
struct FitUi;
struct DetailUi;
struct NetworkSession;
// The shell's view of the lab (AppState::network): preset, step, phase, prediction; `error` the message
// to show ("" when fine).
void network_sync_report(const NetworkSession& s, const std::string& error, NetworkReport& n);
// labReport("network"): the session, the editor's layer, the last edit's re-initialised layers, the
// detail view's numbers.
Json network_lab_report(const NetworkSession& s, const FitUi& fit, const DetailUi& detail_ui, int selected,
                        int edit_layer);

// ---- Presets (network_presets.cpp) ----

const std::vector<std::string>& network_preset_names();  // tiny-fashion, tiny-mnist, standard, lenet5, tiny-vgg, edges
// What the preset's classifier was trained on, as an input data kind (InputLibrary::data_kind:
// "fashion-mnist", "mnist"); "" when it is untrained or unknown.
std::string network_preset_trained_on(const std::string& name);
// The first preset trained on inputs of this kind, "" when there is none.
std::string network_preset_trained_for(const std::string& kind);
// The preset's model JSON and its model with weights (from assets/models, seeded init, or set in code).
Status network_preset(const std::string& name, Json& desc, Model& model);
// Where assets/models is: the source tree on the desktop, the preloaded /assets/models on the web.
std::string network_models_dir();

// ---- Session: model + input + stepper (network_session.cpp) ----

struct NetworkSession {
    InputLibrary* inputs = nullptr;  // the app's (AppState::inputs), set when the lab is attached
    std::string preset;
    std::string trained_on;          // the preset's training data kind ("" untrained); kept by edits
    Json desc;                       // the running model's JSON (always a valid one)
    Model model;
    std::vector<int> layer_ids;      // identity of each layer across edits (weights kept by id)
    int next_id = 0;
    Stepper stepper;
    bool ready = false;              // stepper reset on the current model and input

    std::string source = "fashion-mnist";  // input library source and index
    int index = 0;
    Tensor x;                        // (1, C, H, W)
    int label = -1;                  // the input's class, -1 when unknown
    std::string label_name;
    // An input past the page's starter set while the whole test set is fetched: the view keeps the
    // previous input (image 0 at the start) and takes this one when it arrives (fit_poll_data).
    std::string wait_source;
    int wait_index = -1;

    OptimConfig opt;
    Mode mode = Mode::Train;
    // The weights: "" as loaded (the preset's, kept by edits), or every layer initialised from
    // init_seed with "default" (PyTorch's), "he" or "xavier" (engine/init.h), then also after each edit.
    std::string init;
    int init_seed = 0;
    int64_t version = 0;             // bumps whenever what the pictures show changes

    std::string edit_error;          // the engine's reason an edit was refused
    int edit_error_layer = -1;       // the layer it names, -1 if none

    std::string preset_desc;         // the preset's model JSON as loaded: desc differs once edited
    // What a link or a reload asked for and this browser cannot show (the view shows the closest
    // one and says so): the input ("upload #3", a picture kept only where it was uploaded) and why
    // the link's network could not be rebuilt.
    std::string missing_input;
    std::string missing_model;

    bool edited() const { return desc.dump() != preset_desc; }
    // After the last accepted edit: layers (indices in the new model) that existed before but whose
    // weights or statistics no longer fit and were initialised afresh, and layers with parameters that
    // the edit added. Cleared when a preset loads.
    std::vector<int> reinitialized, added;
};

// Loads a preset (keeps the input source/index when the new input shape allows it).
Status session_load_preset(NetworkSession& s, const std::string& name);
// Picks the input, converted to the model's input shape; resets the stepper.
Status session_set_input(NetworkSession& s, const std::string& source, int index);
// Rebuilds from edited JSON: on failure the running model is untouched and edit_error is set.
// ids: the identity of each layer of desc (-1 for a new layer).
bool session_apply_edit(NetworkSession& s, const Json& desc, const std::vector<int>& ids);
// Initialises every layer with kind ("default", "he", "xavier") from seed, or "" back to the preset's
// weights; the network is untrained afterwards (trained_on cleared).
Status session_reinit(NetworkSession& s, const std::string& kind, int seed);
Status session_restart(NetworkSession& s);
// The pool at layer replaced by its strided convolution (engine/pool_swap.h), as an edit.
bool session_swap_pool(NetworkSession& s, int layer);  // stepper reset (optimizer, mode or input changed)
// An edited network as the view state keeps it (the URL's model= and ids=): the model JSON and each
// layer's identity, "0.1.2.9.3" (ids below the preset's layer count are the preset's layers, whose
// weights are kept; a new or reshaped layer is initialised from a seed of its id, so the same text
// always rebuilds the same weights). On failure the session is unchanged.
std::string session_ids_text(const NetworkSession& s);
Status session_restore_model(NetworkSession& s, const std::string& model_json, const std::string& ids_text);
int session_target(const NetworkSession& s);
// The data kind of the current input ("mnist" for a digit or a drawing, see InputLibrary::data_kind).
std::string session_input_kind(const NetworkSession& s);
// The network was trained on a different kind of input than the current one (both known).
bool session_mismatch(const NetworkSession& s);
// Whether the 10 outputs are named as Fashion-MNIST's classes: a classifier trained on Fashion-MNIST,
// or an untrained 10-way one looking at something other than a digit. Otherwise they are numbers.
bool session_fashion_classes(const NetworkSession& s);
// The next test image of the current dataset source after the current index (wrapping) that the
// network misclassifies in eval mode, among at most `limit`; searched on a copy of the model, so
// the stepper's view stays as it is. found.index is -1 when there is none.
Status session_find_wrong(NetworkSession& s, int limit, MissSearch& found);

// ---- Which network fits the input (network_fit.cpp) ----

// The last "an example it gets wrong" search, shown under its button.
struct WrongPick {
    bool tried = false;
    int index = -1, predicted = -1, label = -1, searched = 0;
    std::string error;
};
struct FitUi {
    std::string switched_from;  // the preset replaced when the input's kind changed, "" when none
    WrongPick wrong;
    bool wrong_waits = false;   // "an example it gets wrong" asked while only the starter is in
};
// A preset was loaded on purpose (menu, automation, a link): it stays whatever the input is.
void fit_preset_loaded(FitUi& f);
// An input chosen in the picker or by setInput: session_set_input, then, when the input's kind
// differs from the last input's and the unedited network was trained on the old kind, the preset
// trained on the new kind replaces it (keeping the input) and f remembers the one it replaced.
Status fit_choose_input(NetworkSession& s, FitUi& f, const std::string& source, int index);
// "An example it gets wrong": the next misclassified test image becomes the input; true when one did.
bool fit_pick_wrong(NetworkSession& s, FitUi& f);
// Once a frame: an input or a search waiting for the whole test set gets it. True when the input changed.
bool fit_poll_data(NetworkSession& s, FitUi& f);
// "switched", "not_trained" or nullptr.
const char* fit_notice(const NetworkSession& s, const FitUi& f);
// labState("network") fields: notice, trained_on, input_kind, switched_from, edited, wrong_example.
void fit_report(const NetworkSession& s, const FitUi& f, Json& r);
// The notice in the prediction area; returns a preset its button asks to load ("" none).
std::string draw_fit_notice(const NetworkSession& s, const FitUi& f, AppState& app);
// The button under the input picker and the last search's outcome; true when it was pressed.
bool draw_wrong_example(const NetworkSession& s, const FitUi& f, AppState& app);

// ---- Stack and editor (network_stack.cpp) ----

struct StackUi {
    int add_type = 0;
};
// selected: the layer the editor shows (the user's choice, not the stepper's position). Returns the
// layer the user clicked, or -1.
int draw_layer_stack(NetworkSession& s, StackUi& ui, AppState& app, int selected, int current, Phase phase);
// The automation hook editLayer(i, {args}): merges args into layer i's JSON and rebuilds.
bool edit_layer_args(NetworkSession& s, int layer, const Json& args);

// ---- Feature maps (network_maps.cpp) ----

struct MapsUi {
    std::vector<std::vector<int>> act_images, grad_images;  // [level][channel] host images; level 0 = input
    int64_t uploaded = -1;           // session version the textures show
    int hover_level = -1, hover_y = 0, hover_x = 0;        // last frame's hovered pixel
    int next_hover_level = -1, next_hover_y = 0, next_hover_x = 0;
    std::vector<Region> regions;     // receptive regions of the hovered pixel
    int scroll_to = -1;              // level to bring into view (set on a step)
    int clicked_level = -1, clicked_channel = 0, clicked_y = 0, clicked_x = 0;  // a click this frame
    float zoom = 1.0f;               // the user's map size: 1, 1.5, 2, 3, 4 times the fitted size
};
// Everything computed at the current step; levels 0 (input) .. L (layer L-1's output).
void draw_feature_maps(NetworkSession& s, MapsUi& ui, AppState& app, int selected, int selected_channel);
// Whether the input (level 0) is drawn as a colour picture besides its channels (an RGB input).
bool colour_input(const NetworkSession& s);
// Which levels have their forward value / gradient at the stepper's position.
bool level_computed(const NetworkSession& s, int level);
bool level_has_grad(const NetworkSession& s, int level);
const Tensor& level_tensor(const NetworkSession& s, int level);
// Signed data (or gradients) get the diverging map around 0, non-negative data the sequential one.
void map_colors(const Tensor& t, bool grad, float& lo, float& hi, bool& diverging);

// ---- Detail (network_detail.cpp) ----

// A BatchNorm2d in eval mode right after a Conv2d, folded into it (engine/bn_fold.h): the folded conv's
// weight and bias, and how far its output on the conv's input lies from the BatchNorm's output.
struct BnFoldView {
    bool ok = false;
    FoldedConv folded;
    double max_diff = 0.0;           // max |folded conv(x) - BatchNorm(conv(x))|
    size_t count = 0;                // values compared
};
BnFoldView bn_fold_view(const NetworkSession& s, int layer);
Json bn_fold_report(const BnFoldView& v, int channel);

struct DetailUi {
    int channel = 0;                 // output channel of the selected layer
    int in_channel = 0;              // input channel of a convolution's sums
    int pos = 0;                     // output position (y * OW + x)
    bool playing = true;             // the sliding window
    bool animating = false;          // the window was drawn moving this frame
    // When the moving window takes its next position (steady-clock seconds): it moves four times a
    // second, so the lab asks for a frame then, not at every one (where the browser draws on the CPU,
    // 60 frames a second of an unchanged picture would take both cores).
    double next_move_at = 0.0;
    double anim = 0.0;
    std::vector<int> images;         // host images of the detail pictures
    int64_t uploaded = -1;
    int uploaded_layer = -1, uploaded_channel = -1;
    // The weight-gradient entry shown (network_grad.cpp): a conv's dL/dW[channel, grad_c, grad_i, grad_j]
    // (grad_i, grad_j < 0: the kernel's centre), a Linear's dL/dW[grad_o, grad_c] (grad_c < 0: the
    // largest entry of row grad_o).
    int grad_o = 0, grad_c = 0, grad_i = -1, grad_j = -1;
    std::vector<int> grad_images;
    int64_t grad_uploaded = -1;
    int grad_uploaded_layer = -1, grad_uploaded_o = -1;
    int64_t fold_version = -1;       // session version and layer the BatchNorm fold was computed for
    int fold_layer = -1;
    BnFoldView fold;
    int64_t swap_version = -1;       // the strided-conv comparison of a pool (engine/pool_swap.h)
    int swap_layer = -1;
    PoolSwapCompare swap;
    std::string swap_error;
    int dense_image = -1;            // the Linear's weight matrix picture and what it shows
    int64_t dense_uploaded = -1;
    int dense_layer = -1;
};
void draw_layer_detail(NetworkSession& s, DetailUi& ui, AppState& app, int layer);

// What the detail view shows for a layer at the stepper's position.
enum class DetailKind {
    NotYet,      // the layer's output is not computed yet
    Forward,     // the forward computation (conv sums, pooling window, ...)
    WeightGrad,  // backward reached the layer (or update of another layer): dL/dW as sums of products
    Update,      // the optimizer's step of this layer: before, after, delta
};
DetailKind detail_kind(const NetworkSession& s, int layer);

// ---- Weight gradients (network_grad.cpp) ----

// Whether layer has a weight gradient the lab can write out (Conv2d, Linear).
bool has_weight_grad_view(const NetworkSession& s, int layer);
void draw_weight_grad(NetworkSession& s, DetailUi& ui, AppState& app, int layer);
// The detail view's numbers for the automation report: {kind, layer, ...} (see network_grad.cpp).
Json detail_report(const NetworkSession& s, const DetailUi& ui, int layer);
// A weight entry's flat index in layer's "weight" parameter, from the same pick the views show.
size_t picked_weight_index(const NetworkSession& s, const DetailUi& ui, int layer);
// A picture of rows x cols cells stretched to size; the cell (sel_r, sel_c) outlined. Returns true on
// a click, with the cell under the mouse.
bool matrix_picture(Host& host, int image, ImVec2 size, int rows, int cols, int sel_r, int sel_c, int& click_r,
                    int& click_c);
// The size a rows x cols matrix picture gets in a column `width` wide (a sensible height for wide ones).
ImVec2 matrix_picture_size(int rows, int cols, float width);

// Shared by the detail files: a grid of numbers (cells where pad[i] is true greyed, `highlight`
// coloured), its width for `cols` columns, and the monospaced font on / off.
std::string range_text(float lo, float hi);
std::string compact(int64_t v);  // 768000 -> "768K", 1234567 -> "1.2M"  // "[lo, hi]" beside a picture
// "engine's value: v  ✓ the same" (or the mismatch) under a total worked out term by term.
void match_line(AppState& app, const char* fmt, double engine, double total);
// A sum's largest terms one per line, what the others add, and the total (network_grad.cpp).
void draw_terms(AppState& app, const GradEntry& e, bool conv, bool bias);
void number_grid(AppState& app, const char* title, const std::vector<float>& v, const std::vector<bool>& pad, int rows,
                 int cols, int highlight = -1);
float grid_width(AppState& app, int cols);
void mono(AppState& app, bool on);

// Class name for the output class c (Korean when the language is Korean and the names are known).
std::string class_name(const NetworkSession& s, int c, Lang lang);

}  // namespace ll::app

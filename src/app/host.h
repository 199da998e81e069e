// Host: what the platform layer provides to the app. The app never includes GLFW, GL or Emscripten
// (dependency rule platform -> app -> engine); src/platform implements this interface once for the
// browser and the desktop, and hands it to app_init().
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "imgui.h"
#include "engine/tensor.h"

namespace ll::app {

// How a float map becomes colours (shaders/colormap_frag.glsl).
enum class Colormap {
    Diverging,   // signed values: blue (lo) - white (0) - red (hi), symmetric around zero
    Sequential,  // values from lo to hi: dark purple - green - yellow (viridis-like)
    Grey,        // values from lo to hi: black - white (photographs)
};

// A loss surface f(x, y) drawn by a fragment shader (shaders/surface_frag.glsl, Optimizers lab):
// f evaluated per pixel, so contours stay smooth at any zoom. kind: 0 quadratic 0.5*(x^2 + c0*y^2),
// 1 rosenbrock, 2 beale, 3 saddle x^2 - y^2, 4 himmelblau, 5 a general quadratic
// c0*x^2 + c1*x*y + c2*y^2 + c3*x + c4*y + c5 (least squares in (w, b)).
// Shown: g = log10(max(f + penalty - f_min, 1e-12)) when log_scale, else f + penalty; colour from lo
// (light) to hi (dark) and `contours` contour lines evenly spaced in g between lo and hi.
// penalty = l1*(|x| + |pen_y*y|) + 0.5*l2*(x^2 + (pen_y*y)^2) (pen_y: the optimizer's y scale).
struct SurfacePicture {
    int kind = 0;
    float coef[6] = {0, 0, 0, 0, 0, 0};
    double x_min = -1, x_max = 1, y_min = -1, y_max = 1;  // the view: x right, y up
    float f_min = 0.0f;
    bool log_scale = true;
    int contours = 16;
    float lo = 0.0f, hi = 1.0f;
    float l1 = 0.0f, l2 = 0.0f, pen_y = 1.0f;
    bool operator==(const SurfacePicture& o) const;
    bool operator!=(const SurfacePicture& o) const { return !(*this == o); }
};

// A picture the user gave the app (an upload, the drawing), kept across reloads.
struct StoredPicture {
    std::string key;    // "upload-000003", "drawing"
    std::string name;   // the file's name, shown in the picker
    std::string bytes;  // the file as it was given (uploads) or the app's own encoding (drawing)
};

// What a training run said (Host::train_poll): a TrainingService message (engine/training_service.h),
// and with the last one the trained weights as safetensors bytes.
struct TrainMessage {
    int id = 0;
    std::string json;
    std::string weights;
};

// Where a Host::fetch_start stands.
struct FetchStatus {
    enum State { None, Loading, Done, Failed };
    State state = None;
    double loaded = 0.0, total = 0.0;  // bytes
    std::string error;
};

class Host {
public:
    virtual ~Host() = default;

    // Page state that survives a reload: the URL hash (without '#') and a small key-value store
    // (localStorage in the browser, a file in the user's config folder on the desktop).
    virtual std::string url_hash() = 0;
    virtual void set_url_hash(const std::string& hash) = 0;  // replaces the history entry
    virtual void push_url_hash(const std::string& hash) = 0; // a new history entry (Back returns here)
    virtual bool url_hash_changed_by_user() = 0;             // edited URL, back/forward
    virtual std::string storage_get(const std::string& key) = 0;
    virtual void storage_set(const std::string& key, const std::string& value) = 0;

    // The address that opens this view (the page URL with its hash; on the desktop the --state
    // argument), and the clipboard: copy_text returns whether the text reached it.
    virtual std::string view_link() = 0;
    virtual bool copy_text(const std::string& text) = 0;

    // The user's pictures, kept across reloads (IndexedDB in the browser, a folder on the desktop).
    // stored_pictures() is what the previous sessions kept, ordered by key; store_picture replaces
    // the picture of the same key (empty bytes: deletes it).
    virtual std::vector<StoredPicture> stored_pictures() { return {}; }
    virtual void store_picture(const StoredPicture&) {}

    // Training runs (the Training lab), off the UI thread: a Web Worker each in the browser, a thread
    // each on the desktop, both running engine/training_service.h. train_start hands over the request
    // and, to continue from given weights, their safetensors bytes; train_control sends "pause",
    // "resume" or "stop"; train_poll returns what the runs said since the last call, in order.
    virtual bool train_start(int /*id*/, const std::string& /*request*/, const std::string& /*initial_weights*/) { return false; }
    virtual void train_control(int /*id*/, const std::string& /*command*/) {}
    virtual std::vector<TrainMessage> train_poll() { return {}; }
    // What waits to be polled, for the frame loop to wake for: 0 nothing, 1 progress within an epoch
    // (drawn at TrainingRuns::progress_interval), 2 what the page keeps (an epoch's end and its weights,
    // a run's end).
    virtual int train_pending() { return 0; }
    // The most engine threads a run can use: 2 in a browser page that is cross-origin isolated (the
    // two-thread worker can start), else 1. cores: the machine's processor cores as the platform reports
    // them. A run left to the host's choice gets threads_per_run() of the two (TrainingRuns::automatic_threads).
    virtual int train_threads() { return 1; }
    virtual int cores() { return 1; }

    // Says text to assistive technology: the page's hidden live region (web/index.html), which screen
    // readers read out; the desktop has none.
    virtual void announce(const std::string& /*text*/) {}
    // Data fetched when a view first needs it (the test sets past the preloaded starter, inputs.cpp):
    // the browser fetches url (relative to the page) and writes the body to path in its virtual file
    // system, with progress; the desktop reads its files directly and has no need of it (false).
    // fetch_status reports the fetch of that url: loaded and total bytes (total 0 when unknown).
    virtual bool fetch_start(const std::string& /*url*/, const std::string& /*path*/) { return false; }
    virtual FetchStatus fetch_status(const std::string& /*url*/) { return {}; }

    // PNG encoding off the frame (png_export.h): png_start takes RGBA pixels (rows top to bottom) and
    // returns a job id (-1: cannot); png_take returns true once the job is over, with the file's bytes
    // (empty and an error when it failed). The browser's encoder runs asynchronously.
    virtual int png_start(const std::vector<uint8_t>& /*rgba*/, int /*w*/, int /*h*/) { return -1; }
    virtual bool png_take(int /*job*/, std::string& /*bytes*/, std::string& /*error*/) { return false; }

    // Hands a file to the user: the browser downloads it, the desktop writes it to the working folder.
    // Returns where it went ("" when it could not).
    virtual std::string save_file(const std::string& /*name*/, const std::string& /*bytes*/) { return ""; }

    // Feature-map pictures. An image is a texture the app draws with ImGui::Image; update() uploads
    // channel c of t (the last two dimensions are H, W; earlier ones index channels, sample 0) and
    // recolours it. Pixels stay crisp when enlarged (nearest filtering).
    virtual int image_create() = 0;
    virtual void image_update(int image, const Tensor& t, int channel, Colormap cm, float lo, float hi) = 0;
    // Diverging pictures in the colour-blind-safe purple-orange (true) or blue-red; redraws those made.
    virtual void set_colorblind_maps(bool /*on*/) {}
    virtual ImTextureID image_texture(int image) = 0;
    virtual void image_size(int image, int& w, int& h) = 0;

    // The user's language ("ko", "en", ...) from the browser or the environment; "" when unknown.
    virtual std::string preferred_language() = 0;

    // Where the app runs, for the About box ("WebGL 2.0 (OpenGL ES 3.0 ...)").
    virtual std::string graphics_info() = 0;

    // Pictures for the input picker: a file dialog (the browser's, through a hidden <input type=file>;
    // the desktop has none and takes files dropped on the window). The chosen file reaches
    // AppState::inputs.add_upload_file() (src/platform/upload.cpp).
    virtual bool can_open_file_picker() const { return false; }
    virtual void open_file_picker() {}

    // Loss-surface pictures (SurfacePicture): create() gives an id; render() draws into a w x h
    // texture (device pixels), shown with ImGui::Image(surface_texture(id)). Linear filtering.
    virtual int surface_create() { return -1; }
    virtual void surface_render(int /*id*/, int /*w*/, int /*h*/, const SurfacePicture&) {}
    virtual ImTextureID surface_texture(int /*id*/) { return ImTextureID(); }
};

}  // namespace ll::app

// The platform layer: the only code that knows GLFW, OpenGL and Emscripten. It opens the window
// (a desktop window with OpenGL 3.3 core, or the page's canvas with WebGL2), keeps the canvas sharp
// on high-DPI screens, loads the fonts, implements app::Host, and runs the frame loop that calls
// app::app_frame(). Dependency rule: platform -> app -> engine.
#pragma once
#include <map>
#include <memory>
#include <string>

#include "app/app_state.h"
#include "platform/gl_textures.h"
#include "platform/surface_gl.h"

struct GLFWwindow;

namespace ll::platform {

// app::Host for the browser (URL hash, localStorage) and the desktop (a file in the config folder).
class PlatformHost final : public app::Host {
public:
    explicit PlatformHost(GlColormap& colormap) : colormap_(colormap) {}
    void load_native_state(const std::string& initial_hash);  // desktop: reads the storage file

    std::string url_hash() override;
    void set_url_hash(const std::string& hash) override;
    void push_url_hash(const std::string& hash) override;
    bool url_hash_changed_by_user() override;
    bool url_hash_change_pending();  // like the above without consuming it (idle frames check this)
    std::string storage_get(const std::string& key) override;
    void storage_set(const std::string& key, const std::string& value) override;
    std::string preferred_language() override;
    std::string view_link() override;
    bool copy_text(const std::string& text) override;
    std::vector<app::StoredPicture> stored_pictures() override;
    void store_picture(const app::StoredPicture& p) override;
    bool train_start(int id, const std::string& request, const std::string& initial_weights) override;
    void train_control(int id, const std::string& command) override;
    std::vector<app::TrainMessage> train_poll() override;
    int train_pending() override;
    int train_threads() override;
    int cores() override;
    std::string save_file(const std::string& name, const std::string& bytes) override;
    void announce(const std::string& text) override;
    // Data fetched on demand (fetch_host.cpp); fetch_progressed: a fetch moved since the last call
    // (the idle frame loop wakes for it).
    bool fetch_start(const std::string& url, const std::string& path) override;
    app::FetchStatus fetch_status(const std::string& url) override;
    bool fetch_progressed();
    // PNG encoding (png_host.cpp): the browser's canvas encoder, asynchronous; stb_image_write here.
    int png_start(const std::vector<uint8_t>& rgba, int w, int h) override;
    bool png_take(int job, std::string& bytes, std::string& error) override;
    int image_create() override { return colormap_.create(); }
    void image_update(int image, const Tensor& t, int channel, app::Colormap cm, float lo, float hi) override;
    void set_colorblind_maps(bool on) override { colormap_.set_colorblind(on); }
    ImTextureID image_texture(int image) override;
    void image_size(int image, int& w, int& h) override { colormap_.size(image, w, h); }
    std::string graphics_info() override;
    // The picture file dialog (upload.cpp): the browser's hidden <input type=file>.
    bool can_open_file_picker() const override;
    void open_file_picker() override;
    // Loss-surface pictures (surface_gl.cpp).
    int surface_create() override;
    void surface_render(int id, int w, int h, const app::SurfacePicture& p) override;
    ImTextureID surface_texture(int id) override;

private:
    GlColormap& colormap_;
    GlSurface surface_;
    int hash_serial_ = 0;                        // browser: hashchange events seen
    int fetch_serial_ = 0;                       // browser: fetch progress events seen
    int png_jobs_ = 0;                           // PNG encodings started
    std::map<int, std::string> png_done_;        // desktop: encoded files not yet taken
    std::string native_hash_;                    // desktop: the "URL hash" (from --state)
    std::map<std::string, std::string> native_store_;
    std::string native_store_path_;
    std::shared_ptr<struct NativeRuns> native_runs_;  // desktop: the training threads (train_host.cpp)
};

// Pixel scales. ImGui works in logical pixels (CSS pixels in the browser); the framebuffer has
// fb_scale device pixels per logical pixel. ui_scale enlarges the UI when the window system itself
// counts in device pixels (X11 with a high DPI setting).
struct Scales {
    float fb = 1.0f;
    float ui = 1.0f;
    bool operator!=(const Scales& o) const { return fb != o.fb || ui != o.ui; }
};

// Fonts for the current scales and text size: body, heading and mono, each merged with Hangul.
// Returns false (and leaves ImGui's default font) when the font files are missing.
// `ranges` holds the glyph ranges and must outlive the font atlas.
// Dropped files (GLFW's drop callback, desktop) and uploads (the page's file input and drop handler,
// through the exported layerlab_upload()) become inputs of the input library (upload.cpp).
void install_uploads(GLFWwindow* window, app::AppState& app);

bool load_fonts(app::AppState& app, const Scales& s, const std::string& asset_dir, ImVector<ImWchar>& ranges,
                std::string& error);

}  // namespace ll::platform
